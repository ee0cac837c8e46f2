//! Closed sets of choices stored and sent as a short lowercase key
//! (`screened_in`, `trimmed_mean`, `pd`): one declaration gives the enum, its
//! serde form (the key), the list of every choice in the order forms show them,
//! `key()`, `Display` and a `FromStr` that accepts the key in any case with
//! surrounding spaces (what a spreadsheet or a hand-typed CSV holds).

use serde::{Deserialize, Serialize};

/// A key that names none of a set's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unknown {set} `{given}`")]
pub struct UnknownKey {
    /// Which set was asked (`organisation kind`, `stage kind`, …).
    pub set: &'static str,
    /// What was given.
    pub given: String,
}

/// Declares a closed set of choices; see the module documentation. A
/// `default Variant` after the set's name also implements `Default`.
///
/// ```
/// domain::keyed_enum! {
///     /// A colour.
///     pub enum Colour in "colour" {
///         /// Red.
///         Red = "red",
///         /// Dark blue.
///         DarkBlue = "dark_blue",
///     }
/// }
/// assert_eq!(Colour::DarkBlue.key(), "dark_blue");
/// assert_eq!(" Dark_Blue ".parse::<Colour>(), Ok(Colour::DarkBlue));
/// assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), "\"red\"");
/// assert_eq!("green".parse::<Colour>().unwrap_err().to_string(), "unknown colour `green`");
/// ```
#[macro_export]
macro_rules! keyed_enum {
    (
        $(#[$doc:meta])*
        pub enum $name:ident in $set:literal default $default:ident {
            $( $(#[$variant_doc:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
    ) => {
        $crate::keyed_enum! {
            $(#[$doc])*
            pub enum $name in $set {
                $( $(#[$variant_doc])* $variant = $key ),+
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
    (
        $(#[$doc:meta])*
        pub enum $name:ident in $set:literal {
            $( $(#[$variant_doc:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        pub enum $name {
            $( $(#[$variant_doc])* #[serde(rename = $key)] $variant ),+
        }

        impl $name {
            /// Every choice, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key it is stored and sent as.
            #[must_use]
            pub const fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::keyed::UnknownKey;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|choice| choice.key().eq_ignore_ascii_case(text.trim()))
                    .ok_or_else(|| $crate::keyed::UnknownKey {
                        set: $set,
                        given: text.to_owned(),
                    })
            }
        }
    };
}

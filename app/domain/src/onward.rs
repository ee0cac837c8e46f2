//! The road on from the city's competition: a winner is sent to the
//! province's competition (Jawa Timur's KOVABLIK) and the nation's
//! (KemenPAN-RB's SINOVIK), and what it earns there comes back as part of the
//! innovation's award history — shown in the catalogue, counted by the
//! `khusus` eligibility rule.
//!
//! The awards' names change from year to year (*Top 99*, *Top 45*, *Outstanding
//! Achievement*, *Top 30 KOVABLIK* …), so the name is the committee's text; the
//! level and the year are checked.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

crate::keyed_enum! {
    /// Where an innovation went on to compete; ordered from near to far.
    ///
    /// ```
    /// use domain::onward::OnwardLevel;
    /// assert!(OnwardLevel::Nasional > OnwardLevel::Provinsi);
    /// assert_eq!("nasional".parse::<OnwardLevel>(), Ok(OnwardLevel::Nasional));
    /// ```
    pub enum OnwardLevel in "onward level" {
        /// The province's competition (KOVABLIK in Jawa Timur).
        Provinsi = "provinsi",
        /// The national competition (SINOVIK, KemenPAN-RB).
        Nasional = "nasional",
    }
}

/// The longest award name kept, in characters.
pub const AWARD_NAME_MAX_CHARS: usize = 80;

/// How many years after its city edition an outcome may be recorded: the
/// national round of a city's winners runs the following year, sometimes the
/// one after.
pub const YEARS_AFTER_EDITION: i32 = 2;

/// An award's name as the committee typed it: trimmed, not empty, at most
/// [`AWARD_NAME_MAX_CHARS`] characters, inner runs of spaces made one.
///
/// ```
/// use domain::onward::{AwardName, AwardNameError};
/// assert_eq!("  Top   45 ".parse::<AwardName>().unwrap().as_str(), "Top 45");
/// assert_eq!(" ".parse::<AwardName>(), Err(AwardNameError::Empty));
/// assert_eq!("x".repeat(81).parse::<AwardName>(), Err(AwardNameError::TooLong { max: 80 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AwardName(String);

/// Why a typed award name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AwardNameError {
    #[error("an award needs a name")]
    Empty,
    #[error("an award name has at most {max} characters")]
    TooLong { max: usize },
}

impl AwardName {
    /// The name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AwardName {
    type Err = AwardNameError;

    fn from_str(typed: &str) -> Result<Self, Self::Err> {
        let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(AwardNameError::Empty);
        }
        if name.chars().count() > AWARD_NAME_MAX_CHARS {
            return Err(AwardNameError::TooLong {
                max: AWARD_NAME_MAX_CHARS,
            });
        }
        Ok(AwardName(name))
    }
}

impl TryFrom<String> for AwardName {
    type Error = AwardNameError;

    fn try_from(typed: String) -> Result<Self, Self::Error> {
        typed.parse()
    }
}

impl From<AwardName> for String {
    fn from(name: AwardName) -> Self {
        name.0
    }
}

impl fmt::Display for AwardName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an innovation earned beyond the city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnwardOutcome {
    pub level: OnwardLevel,
    pub award: AwardName,
    pub year: i32,
}

/// The years an outcome of a city edition held in `edition_year` may carry:
/// that year to [`YEARS_AFTER_EDITION`] later.
///
/// ```
/// use domain::onward::outcome_years;
/// assert_eq!(outcome_years(2025), 2025..=2027);
/// ```
#[must_use]
pub const fn outcome_years(edition_year: i32) -> std::ops::RangeInclusive<i32> {
    edition_year..=edition_year + YEARS_AFTER_EDITION
}

/// The furthest level among `outcomes`, if any: what the catalogue filters by.
///
/// ```
/// use domain::onward::{furthest, OnwardLevel};
/// assert_eq!(furthest([OnwardLevel::Provinsi, OnwardLevel::Nasional]), Some(OnwardLevel::Nasional));
/// assert_eq!(furthest([]), None);
/// ```
pub fn furthest(levels: impl IntoIterator<Item = OnwardLevel>) -> Option<OnwardLevel> {
    levels.into_iter().max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A name that is accepted is its own canonical form: parsing it again
        /// gives it back, and it never starts, ends or doubles a space.
        #[test]
        fn an_accepted_name_is_canonical(typed in "[ a-zA-Z0-9]{0,100}") {
            if let Ok(name) = typed.parse::<AwardName>() {
                prop_assert_eq!(name.as_str().parse::<AwardName>(), Ok(name.clone()));
                prop_assert!(!name.as_str().starts_with(' ') && !name.as_str().ends_with(' '));
                prop_assert!(!name.as_str().contains("  "));
                prop_assert!(name.as_str().chars().count() <= AWARD_NAME_MAX_CHARS);
            } else {
                let words: usize = typed.split_whitespace().map(|word| word.chars().count() + 1).sum();
                prop_assert!(words == 0 || words - 1 > AWARD_NAME_MAX_CHARS);
            }
        }
    }
}

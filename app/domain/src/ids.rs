//! Record ids: one type per kind of record, so that an entry's id cannot be
//! passed where a user's is expected. Each is the record's key as a string
//! (`kipp-kini-brexit`), the same on the wire, in URLs and in the scoring
//! engine; the server's `records` module turns it into a database reference.

/// Declares a string id type: serde-transparent, displayed and compared as its
/// text, borrowable as `str` (for map lookups by `&str`).
#[macro_export]
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as a string slice.
            ///
            /// ```
            #[doc = concat!("let id = ", module_path!(), "::", stringify!($name), "::from(\"kesehatan\");")]
            /// assert_eq!(id.as_str(), "kesehatan");
            /// assert_eq!(id.to_string(), "kesehatan");
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }
    };
}

string_id!(
    /// An entry: one innovation entered in one edition.
    EntryId
);

string_id!(
    /// A person's account: a judge, a writer, a member of the committee.
    UserId
);

string_id!(
    /// A stage of an edition, by its record key (`kipp-2026-desk`) — not the
    /// stage's key within its edition (`desk`), which is a
    /// [`StageKey`](crate::stage::StageKey).
    StageId
);

string_id!(
    /// An edition, by its record key (`kipp-kini`) — not its slug in URLs
    /// (`kipp-2026`), which the committee may change.
    EditionId
);

string_id!(
    /// An organisation: an agency, a unit under it, a puskesmas.
    OrgId
);

string_id!(
    /// An innovation: what an organisation built, entered in one edition or more.
    InnovationId
);

string_id!(
    /// A file of evidence attached to a section of an entry.
    EvidenceId
);

string_id!(
    /// An objection someone raised against a stage's results.
    ObjectionId
);

string_id!(
    /// A publication: results frozen and made public (or later withdrawn).
    PublicationId
);

string_id!(
    /// A message in the outbox; also the left part of its `Message-ID`, so that
    /// a message sent again is recognisably the same one.
    MailId
);

string_id!(
    /// A people's-choice vote.
    VoteId
);

string_id!(
    /// A field visit: one team's visit to one entry's innovation in a field
    /// stage.
    VisitId
);

string_id!(
    /// A photo taken on a field visit, keyed by the device that took it (so a
    /// photo sent twice is stored once).
    FieldPhotoId
);

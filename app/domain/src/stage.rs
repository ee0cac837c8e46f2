//! What a stage of an edition is: its kind decides what happens in it (entries
//! screened, sheets scored, objections heard), its format how a scoring stage
//! meets the entries (papers at a desk, a presentation, a visit on site).

use crate::scoring::StageKey;

crate::keyed_enum! {
    /// What a stage does.
    pub enum StageKind in "stage kind" {
        /// Administrative screening of submitted entries.
        Screening = "screening",
        /// Judges fill in score sheets on a rubric.
        Scoring = "scoring",
        /// The public may object to the entries still in play.
        Objection = "objection",
    }
}

crate::keyed_enum! {
    /// How a scoring stage meets the entries.
    pub enum StageFormat in "stage format" {
        /// The proposal and its evidence, read at a desk.
        Desk = "desk",
        /// The innovators present to the panel on a clock.
        Presentation = "presentation",
        /// The panel visits the innovation where it runs.
        FieldVisit = "field_visit",
    }
}

/// Words a stage may not be keyed with: each already names something else in
/// the same place — `final` the final publication's scope, `new` the new-stage
/// form's address, `submission` the submission window in the timeline.
pub const RESERVED_STAGE_KEYS: [&str; 3] = ["final", "new", "submission"];

/// Why a text is not a stage key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKeyError {
    /// Empty, longer than 40 characters, or other than `a`–`z`, `0`–`9`, `_`, `-`.
    Malformed,
    /// One of [`RESERVED_STAGE_KEYS`].
    Reserved,
}

impl StageKey {
    /// A new stage's key from what the committee typed (trimmed).
    ///
    /// ```
    /// use domain::scoring::StageKey;
    /// use domain::stage::StageKeyError;
    /// assert_eq!(StageKey::parse(" desk-2 ").unwrap().as_str(), "desk-2");
    /// assert_eq!(StageKey::parse("Desk"), Err(StageKeyError::Malformed));
    /// assert_eq!(StageKey::parse("final"), Err(StageKeyError::Reserved));
    /// ```
    pub fn parse(text: &str) -> Result<StageKey, StageKeyError> {
        let text = text.trim();
        let well_formed = !text.is_empty()
            && text.len() <= 40
            && text
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-');
        if !well_formed {
            Err(StageKeyError::Malformed)
        } else if RESERVED_STAGE_KEYS.contains(&text) {
            Err(StageKeyError::Reserved)
        } else {
            Ok(StageKey::from(text))
        }
    }
}

/// What a publication of results covers. Written as `final` or as the stage's
/// key, in the database, in forms and on the wire (stage keys are never
/// `final`: see [`RESERVED_STAGE_KEYS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(from = "String", into = "String")]
pub enum PublicationScope {
    /// Every stage and the final ranking.
    #[default]
    Final,
    /// The scoring stages up to and including this one.
    Through(StageKey),
}

impl PublicationScope {
    /// The last stage a stage publication covers; `None` for the final one.
    ///
    /// ```
    /// use domain::stage::PublicationScope;
    /// assert_eq!(PublicationScope::from("final"), PublicationScope::Final);
    /// let desk = PublicationScope::from("desk");
    /// assert_eq!(desk.through().map(|key| key.as_str()), Some("desk"));
    /// assert_eq!(desk.to_string(), "desk");
    /// ```
    #[must_use]
    pub fn through(&self) -> Option<&StageKey> {
        match self {
            PublicationScope::Final => None,
            PublicationScope::Through(stage) => Some(stage),
        }
    }
}

impl From<&str> for PublicationScope {
    fn from(text: &str) -> Self {
        if text == "final" {
            PublicationScope::Final
        } else {
            PublicationScope::Through(StageKey::from(text))
        }
    }
}

impl From<String> for PublicationScope {
    fn from(text: String) -> Self {
        PublicationScope::from(text.as_str())
    }
}

impl From<PublicationScope> for String {
    fn from(scope: PublicationScope) -> String {
        scope.to_string()
    }
}

impl std::fmt::Display for PublicationScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublicationScope::Final => f.write_str("final"),
            PublicationScope::Through(stage) => f.write_str(stage.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any key a committee can give a stage reads back, through a
        /// publication's scope and its stored form, as that same stage: never
        /// as the final publication.
        #[test]
        fn a_stage_key_is_never_taken_for_another_scope(text in "[a-z0-9_-]{1,12}|final|new|submission") {
            if let Ok(key) = StageKey::parse(&text) {
                let scope = PublicationScope::Through(key.clone());
                let stored = serde_json::to_value(&scope)?;
                prop_assert_eq!(serde_json::from_value::<PublicationScope>(stored)?, scope.clone());
                prop_assert_eq!(PublicationScope::from(key.as_str()), scope);
            } else {
                prop_assert!(RESERVED_STAGE_KEYS.contains(&text.as_str()));
            }
        }
    }
}

//! An edition's identity and shape: slug, year, title, groups and categories.
//! The time zone is checked by the caller against its zone database, since this
//! crate has no I/O and ships no zone data.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The competition groups (*kelompok*); each edition chooses which it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// New innovations.
    Umum,
    /// Replications of an innovation from elsewhere.
    Replikasi,
    /// Past winners that have developed further.
    Khusus,
}

impl Group {
    /// Every group, in the national form's order.
    pub const ALL: [Group; 3] = [Group::Umum, Group::Replikasi, Group::Khusus];

    /// The stable key.
    ///
    /// ```
    /// assert_eq!(domain::edition::Group::Khusus.key(), "khusus");
    /// ```
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Group::Umum => "umum",
            Group::Replikasi => "replikasi",
            Group::Khusus => "khusus",
        }
    }
}

impl std::fmt::Display for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Group {
    type Err = EditionError;

    /// ```
    /// use domain::edition::Group;
    /// assert_eq!("replikasi".parse::<Group>(), Ok(Group::Replikasi));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Group::ALL
            .into_iter()
            .find(|group| group.key().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| EditionError::UnknownGroup {
                given: s.to_owned(),
            })
    }
}

/// A thematic category; an entry has exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Stable key, lowercase with hyphens (`kesehatan`, `ekonomi-umkm`).
    pub key: String,
    /// What people read.
    pub label: String,
}

/// The checked fields of a new edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionDraft {
    /// URL key, e.g. `kipp-malang-2026`.
    pub slug: String,
    /// Competition year.
    pub year: i32,
    /// Title shown to people.
    pub title: String,
    /// IANA time zone name in which deadlines are shown and enforced.
    pub time_zone: String,
    /// Groups run in this edition, at least one.
    pub groups: Vec<Group>,
    /// Categories, at least one, keys unique.
    pub categories: Vec<Category>,
}

/// Why edition details were refused. `field()` names the form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum EditionError {
    /// Slug not of lowercase letters, digits and single hyphens.
    #[error(
        "the slug may hold lowercase letters, digits and single hyphens (3–60 characters), like kipp-malang-2026"
    )]
    BadSlug,
    /// Year outside the supported range.
    #[error("the year must be between {min} and {max}")]
    BadYear {
        /// Lowest year.
        min: i32,
        /// Highest year.
        max: i32,
    },
    /// Empty title.
    #[error("the title is required")]
    TitleRequired,
    /// No group chosen.
    #[error("choose at least one group")]
    NoGroup,
    /// A group key that is not known.
    #[error("unknown group `{given}`")]
    UnknownGroup {
        /// What was given.
        given: String,
    },
    /// No category given.
    #[error("give at least one category")]
    NoCategory,
    /// A category line without a usable key or label.
    #[error("category `{given}` needs a label and a key of lowercase letters, digits and hyphens")]
    BadCategory {
        /// The line as given.
        given: String,
    },
    /// Two categories share a key.
    #[error("category key `{key}` appears twice")]
    DuplicateCategory {
        /// The repeated key.
        key: String,
    },
}

impl EditionError {
    /// The form field this error belongs to.
    ///
    /// ```
    /// assert_eq!(domain::edition::EditionError::NoGroup.field(), "groups");
    /// ```
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            EditionError::BadSlug => "slug",
            EditionError::BadYear { .. } => "year",
            EditionError::TitleRequired => "title",
            EditionError::NoGroup | EditionError::UnknownGroup { .. } => "groups",
            EditionError::NoCategory
            | EditionError::BadCategory { .. }
            | EditionError::DuplicateCategory { .. } => "categories",
        }
    }
}

/// Lowest accepted edition year.
pub const MIN_YEAR: i32 = 2000;
/// Highest accepted edition year.
pub const MAX_YEAR: i32 = 2100;

/// Whether `slug` is a usable URL key: 3–60 characters of `a-z`, `0-9` and single
/// inner hyphens.
///
/// ```
/// use domain::edition::is_valid_slug;
/// assert!(is_valid_slug("kipp-malang-2026"));
/// assert!(!is_valid_slug("KIPP 2026"));
/// assert!(!is_valid_slug("kipp--2026"));
/// ```
#[must_use]
pub fn is_valid_slug(slug: &str) -> bool {
    (3..=60).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Turns a label into a key: lowercase ASCII letters and digits joined by hyphens.
///
/// ```
/// assert_eq!(domain::edition::key_from_label("Pelayanan Publik Inklusif"), "pelayanan-publik-inklusif");
/// ```
#[must_use]
pub fn key_from_label(label: &str) -> String {
    label
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Parses categories written one per line as `key: Label` or just `Label` (the key
/// is then derived from the label).
///
/// ```
/// use domain::edition::parse_categories;
/// let cats = parse_categories("kesehatan: Kesehatan\nEkonomi dan UMKM").unwrap();
/// assert_eq!(cats[1].key, "ekonomi-dan-umkm");
/// ```
pub fn parse_categories(text: &str) -> Result<Vec<Category>, EditionError> {
    let mut categories: Vec<Category> = Vec::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let (key, label) = match line.split_once(':') {
            Some((key, label)) => (key.trim().to_owned(), label.trim().to_owned()),
            None => (key_from_label(line), line.to_owned()),
        };
        if label.is_empty()
            || key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(EditionError::BadCategory {
                given: line.to_owned(),
            });
        }
        if categories.iter().any(|c| c.key == key) {
            return Err(EditionError::DuplicateCategory { key });
        }
        categories.push(Category { key, label });
    }
    if categories.is_empty() {
        return Err(EditionError::NoCategory);
    }
    Ok(categories)
}

/// Checks every field of a new edition, returning all errors at once so that a form
/// can show each beside its field.
///
/// ```
/// use domain::edition::{validate_edition, EditionDraft, Group, Category};
/// let draft = EditionDraft {
///     slug: "kipp-malang-2026".into(), year: 2026, title: "KIPP Kota Malang 2026".into(),
///     time_zone: "Asia/Jakarta".into(), groups: vec![Group::Umum],
///     categories: vec![Category { key: "kesehatan".into(), label: "Kesehatan".into() }],
/// };
/// assert_eq!(validate_edition(&draft), Vec::new());
/// ```
#[must_use]
pub fn validate_edition(draft: &EditionDraft) -> Vec<EditionError> {
    let mut errors = Vec::new();
    if !is_valid_slug(&draft.slug) {
        errors.push(EditionError::BadSlug);
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&draft.year) {
        errors.push(EditionError::BadYear {
            min: MIN_YEAR,
            max: MAX_YEAR,
        });
    }
    if draft.title.trim().is_empty() {
        errors.push(EditionError::TitleRequired);
    }
    if draft.groups.is_empty() {
        errors.push(EditionError::NoGroup);
    }
    if draft.categories.is_empty() {
        errors.push(EditionError::NoCategory);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (slug, ok) in [
            ("kipp-2026", true),
            ("ab", false),
            ("-kipp", false),
            ("kipp-", false),
            ("kipp_2026", false),
            ("kipp-malang-2026", true),
        ] {
            assert_eq!(is_valid_slug(slug), ok, "{slug}");
        }
    }

    #[test]
    fn categories_refuse_duplicates_and_empty_input() {
        assert_eq!(
            parse_categories("a-b: One\na-b: Two"),
            Err(EditionError::DuplicateCategory { key: "a-b".into() })
        );
        assert_eq!(parse_categories("  \n "), Err(EditionError::NoCategory));
        assert!(matches!(
            parse_categories("Bad Key: Label"),
            Err(EditionError::BadCategory { .. })
        ));
    }
}

//! Organisations that take part: perangkat daerah, their units and the regional
//! enterprises. The kind matters to quotas ("max 3 entries per BUMD").

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Perangkat daerah: a dinas, badan or bagian.
    Pd,
    /// Unit pelaksana teknis of a dinas.
    Upt,
    /// Community health centre.
    Puskesmas,
    /// Regional hospital.
    Rsud,
    /// A school.
    Sekolah,
    /// A district.
    Kecamatan,
    /// A sub-district.
    Kelurahan,
    /// A regionally owned enterprise.
    Bumd,
}

impl OrgKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [OrgKind; 8] = [
        OrgKind::Pd,
        OrgKind::Upt,
        OrgKind::Puskesmas,
        OrgKind::Rsud,
        OrgKind::Sekolah,
        OrgKind::Kecamatan,
        OrgKind::Kelurahan,
        OrgKind::Bumd,
    ];

    /// The stable key stored and accepted in CSV imports.
    ///
    /// ```
    /// assert_eq!(domain::organisation::OrgKind::Bumd.key(), "bumd");
    /// ```
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            OrgKind::Pd => "pd",
            OrgKind::Upt => "upt",
            OrgKind::Puskesmas => "puskesmas",
            OrgKind::Rsud => "rsud",
            OrgKind::Sekolah => "sekolah",
            OrgKind::Kecamatan => "kecamatan",
            OrgKind::Kelurahan => "kelurahan",
            OrgKind::Bumd => "bumd",
        }
    }
}

/// An organisation kind key that is not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unknown organisation kind `{given}`")]
pub struct UnknownOrgKind {
    /// What was given.
    pub given: String,
}

impl FromStr for OrgKind {
    type Err = UnknownOrgKind;

    /// ```
    /// use domain::organisation::OrgKind;
    /// assert_eq!(" Puskesmas ".parse::<OrgKind>(), Ok(OrgKind::Puskesmas));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL
            .into_iter()
            .find(|kind| kind.key().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownOrgKind {
                given: s.to_owned(),
            })
    }
}

/// Why an organisation's details were refused; `field` names the form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum OrgError {
    /// The name is empty after trimming.
    #[error("the name is required")]
    NameRequired,
    /// The name is longer than [`MAX_NAME_CHARS`].
    #[error("the name has {chars} characters; at most {max} are allowed")]
    NameTooLong {
        /// Characters given.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// An organisation cannot be its own parent, directly or through others.
    #[error("an organisation cannot be its own parent")]
    ParentCycle,
}

/// The longest organisation name accepted.
pub const MAX_NAME_CHARS: usize = 160;

/// Trims and checks an organisation name.
///
/// ```
/// use domain::organisation::{validate_name, OrgError};
/// assert_eq!(validate_name("  Puskesmas Janti "), Ok("Puskesmas Janti".to_owned()));
/// assert_eq!(validate_name("   "), Err(OrgError::NameRequired));
/// ```
pub fn validate_name(name: &str) -> Result<String, OrgError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 {
        return Err(OrgError::NameRequired);
    }
    if chars > MAX_NAME_CHARS {
        return Err(OrgError::NameTooLong {
            chars,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(name.to_owned())
}

/// Refuses a parent link that would make `org` an ancestor of itself. `parent_of`
/// answers each organisation's current parent.
///
/// ```
/// use domain::organisation::check_parent;
/// let parents = |id: &str| match id { "upt" => Some("dinas".to_owned()), _ => None };
/// assert!(check_parent("dinas", Some("upt"), parents).is_err());
/// assert!(check_parent("upt", Some("dinas"), parents).is_ok());
/// ```
pub fn check_parent(
    org: &str,
    parent: Option<&str>,
    parent_of: impl Fn(&str) -> Option<String>,
) -> Result<(), OrgError> {
    let mut cursor = parent.map(str::to_owned);
    // The depth bound guards against a cycle already stored by other means.
    for _ in 0..64 {
        match cursor {
            None => return Ok(()),
            Some(ref id) if id == org => return Err(OrgError::ParentCycle),
            Some(ref id) => cursor = parent_of(id),
        }
    }
    Err(OrgError::ParentCycle)
}

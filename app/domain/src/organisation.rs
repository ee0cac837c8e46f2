//! Organisations that take part: perangkat daerah, their units and the regional
//! enterprises. The kind matters to quotas ("max 3 entries per BUMD").

use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    /// What kind of body an organisation is; its key is what is stored and what a
    /// CSV import accepts.
    ///
    /// ```
    /// use domain::organisation::OrgKind;
    /// assert_eq!(OrgKind::Bumd.key(), "bumd");
    /// assert_eq!(" Puskesmas ".parse::<OrgKind>(), Ok(OrgKind::Puskesmas));
    /// ```
    pub enum OrgKind in "organisation kind" {
        /// Perangkat daerah: a dinas, badan or bagian.
        Pd = "pd",
        /// Unit pelaksana teknis of a dinas.
        Upt = "upt",
        /// Community health centre.
        Puskesmas = "puskesmas",
        /// Regional hospital.
        Rsud = "rsud",
        /// A school.
        Sekolah = "sekolah",
        /// A district.
        Kecamatan = "kecamatan",
        /// A sub-district.
        Kelurahan = "kelurahan",
        /// A regionally owned enterprise.
        Bumd = "bumd",
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

//! Who may do what: the five signed-in roles of DESIGN.md "Users and roles".
//!
//! A person may hold several roles; [`Roles`] keeps them as a small ordered set so
//! that the landing page and the navigation are the same on every request.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One signed-in role. The public (not signed in) is not a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Committee / secretariat: configures and runs editions, sees everything.
    Admin,
    /// Inspectorate or auditor: reads everything, including the audit log; changes nothing.
    Observer,
    /// Manages an organisation's innovators and endorses and submits its entries.
    Coordinator,
    /// Scores the entries assigned to them.
    Judge,
    /// Writes and edits their organisation's drafts.
    Innovator,
}

impl Role {
    /// Every role, in the order their home pages are preferred after sign-in.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Observer,
        Role::Coordinator,
        Role::Judge,
        Role::Innovator,
    ];

    /// The stable key stored in the database and used in the CLI (`admin`, `judge`, …).
    ///
    /// ```
    /// assert_eq!(domain::role::Role::Coordinator.key(), "coordinator");
    /// ```
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Observer => "observer",
            Role::Coordinator => "coordinator",
            Role::Judge => "judge",
            Role::Innovator => "innovator",
        }
    }

    /// The path of the page this role lands on after signing in.
    ///
    /// ```
    /// assert_eq!(domain::role::Role::Judge.home_path(), "/judge");
    /// ```
    #[must_use]
    pub const fn home_path(self) -> &'static str {
        match self {
            Role::Admin | Role::Observer => "/admin",
            Role::Coordinator | Role::Innovator => "/entrant",
            Role::Judge => "/judge",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A role key that is not one of the five roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unknown role `{given}`; expected one of admin, observer, coordinator, judge, innovator")]
pub struct UnknownRole {
    /// What was given.
    pub given: String,
}

impl FromStr for Role {
    type Err = UnknownRole;

    /// ```
    /// use domain::role::Role;
    /// assert_eq!("Judge".parse::<Role>(), Ok(Role::Judge));
    /// assert!("jury".parse::<Role>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.key().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRole {
                given: s.to_owned(),
            })
    }
}

/// The roles one person holds, without duplicates, in [`Role::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Roles(Vec<Role>);

impl Roles {
    /// Builds the set from any list, dropping duplicates.
    ///
    /// ```
    /// use domain::role::{Role, Roles};
    /// let roles = Roles::new([Role::Innovator, Role::Coordinator, Role::Innovator]);
    /// assert_eq!(roles.as_slice(), &[Role::Coordinator, Role::Innovator]);
    /// ```
    #[must_use]
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Self {
        let mut roles: Vec<Role> = roles.into_iter().collect();
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    /// Whether the person holds `role`.
    #[must_use]
    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether the person holds at least one of `roles`.
    ///
    /// ```
    /// use domain::role::{Role, Roles};
    /// let roles = Roles::new([Role::Judge]);
    /// assert!(roles.any(&[Role::Admin, Role::Judge]));
    /// assert!(!roles.any(&[Role::Admin]));
    /// ```
    #[must_use]
    pub fn any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|role| self.has(*role))
    }

    /// The roles, in [`Role::ALL`] order.
    #[must_use]
    pub fn as_slice(&self) -> &[Role] {
        &self.0
    }

    /// Whether the person holds no role at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where this person lands after signing in: the home of their first role, or
    /// the public home page when they hold none.
    ///
    /// ```
    /// use domain::role::{Role, Roles};
    /// assert_eq!(Roles::new([Role::Innovator, Role::Judge]).home_path(), "/judge");
    /// assert_eq!(Roles::default().home_path(), "/");
    /// ```
    #[must_use]
    pub fn home_path(&self) -> &'static str {
        self.0.first().map_or("/", |role| role.home_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_key() {
        for role in Role::ALL {
            assert_eq!(role.key().parse::<Role>(), Ok(role));
        }
    }

    #[test]
    fn roles_serialise_as_a_plain_list_of_keys() {
        let roles = Roles::new([Role::Judge, Role::Admin]);
        let json = serde_json::to_string(&roles).unwrap_or_default();
        assert_eq!(json, r#"["admin","judge"]"#);
    }
}

//! Invitations: one-time links to set a password, stored by the SHA-256 of
//! their token.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_one};
use crate::binds;
use domain::ids::UserId;
use jiff::Timestamp;
use serde::Deserialize;

/// A stored invitation with its account.
#[derive(Debug, Clone, Deserialize)]
pub struct InviteRecord {
    /// The account.
    #[serde(deserialize_with = "de_key")]
    pub user: UserId,
    /// The account's e-mail.
    pub email: String,
    /// The account's name.
    pub name: String,
    /// Whether the account may sign in.
    pub active: bool,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// The invitation stored under `key`.
pub async fn find(db: &Db, key: &str) -> Result<Option<InviteRecord>, DbError> {
    query_one(
        db,
        "SELECT user, user.email AS email, user.name AS name, user.active AS active, expires_at FROM $invite;",
        binds![("invite", Binding::record("invite", key))],
    ).await
}

/// Replaces `user`'s invitations with one stored under `key`.
#[must_use]
pub fn issue_statement(
    key: &str,
    user: &UserId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Statement {
    Statement::new(
        "DELETE invite WHERE user = $invite_user; \
         CREATE $invite SET user = $invite_user, created_at = $invite_now, expires_at = $invite_expires;",
        binds![
            ("invite", Binding::record("invite", key)),
            ("invite_user", Binding::id(user)),
            ("invite_now", Binding::datetime(now)),
            ("invite_expires", Binding::datetime(expires_at)),
        ],
    )
}

/// Sets `user`'s password from an invitation: the hash, every invitation of the
/// account gone, every session ended.
#[must_use]
pub fn accept_statement(user: &UserId, password_hash: &str) -> Statement {
    Statement::new(
        "UPDATE $accept_user SET password_hash = $accept_hash; \
         DELETE invite WHERE user = $accept_user; \
         DELETE session WHERE user = $accept_user;",
        binds![
            ("accept_user", Binding::id(user)),
            ("accept_hash", Binding::of(&password_hash)),
        ],
    )
}

/// Activates or deactivates `user`; deactivating ends its sessions and links.
#[must_use]
pub fn set_active_statement(user: &UserId, active: bool) -> Statement {
    Statement::new(
        "UPDATE $active_user SET active = $active_flag; \
         IF !$active_flag { DELETE session WHERE user = $active_user; DELETE invite WHERE user = $active_user; };",
        binds![
            ("active_user", Binding::id(user)),
            ("active_flag", Binding::of(&active)),
        ],
    )
}

/// Creates many accounts without passwords (they are invited afterwards):
/// `rows` are `{ key, email, name, roles, org }`.
#[must_use]
pub fn create_accounts_statement(rows: &[serde_json::Value]) -> Statement {
    Statement::new(
        "FOR $row IN $accounts { \
            CREATE type::record('user', $row.key) SET email = $row.email, name = $row.name, \
                password_hash = NONE, roles = $row.roles, \
                org = IF $row.org = NONE { NONE } ELSE { type::record('organisation', $row.org) }; \
         };",
        binds![("accounts", Binding::of(&rows))],
    )
}

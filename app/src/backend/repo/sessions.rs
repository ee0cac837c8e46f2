//! Server-side sessions, keyed by the SHA-256 of the cookie token.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, execute, query_one};
use crate::binds;
use domain::ids::UserId;
use jiff::Timestamp;
use serde::Deserialize;

/// A stored session.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionRecord {
    /// The user it signs in.
    #[serde(deserialize_with = "de_key")]
    pub user: UserId,
    /// When it was last used.
    pub last_seen_at: Timestamp,
    /// When it ends regardless of use.
    pub expires_at: Timestamp,
}

/// Stores a new session.
pub async fn create(
    db: &Db,
    key: &str,
    user: &UserId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), DbError> {
    execute(
        db,
        "CREATE $id SET user = $user, created_at = $now, last_seen_at = $now, expires_at = $expires;",
        binds![
            ("id", Binding::record("session", key)),
            ("user", Binding::id(user)),
            ("now", Binding::datetime(now)),
            ("expires", Binding::datetime(expires_at)),
        ],
    )
    .await
}

/// The session stored under `key`, expired or not.
pub async fn find(db: &Db, key: &str) -> Result<Option<SessionRecord>, DbError> {
    query_one(
        db,
        "SELECT user, last_seen_at, expires_at FROM $id;",
        binds![("id", Binding::record("session", key))],
    )
    .await
}

/// Records that the session was used at `now` (the idle clock restarts).
pub async fn touch(db: &Db, key: &str, now: Timestamp) -> Result<(), DbError> {
    execute(
        db,
        "UPDATE $id SET last_seen_at = $now;",
        binds![
            ("id", Binding::record("session", key)),
            ("now", Binding::datetime(now))
        ],
    )
    .await
}

/// Ends one session.
pub async fn delete(db: &Db, key: &str) -> Result<(), DbError> {
    execute(
        db,
        "DELETE $id;",
        binds![("id", Binding::record("session", key))],
    )
    .await
}

/// Removes sessions whose absolute expiry has passed or that have been idle since
/// `idle_before`.
pub async fn delete_stale(db: &Db, now: Timestamp, idle_before: Timestamp) -> Result<(), DbError> {
    execute(
        db,
        "DELETE session WHERE expires_at <= $now OR last_seen_at <= $idle_before;",
        binds![
            ("now", Binding::datetime(now)),
            ("idle_before", Binding::datetime(idle_before))
        ],
    )
    .await
}

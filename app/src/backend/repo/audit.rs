//! The audit log: append-only. There is deliberately no update or delete here.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_opt_key, execute_atomically, query_rows};
use crate::binds;
use serde::Deserialize;

/// One change to record.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    /// Who did it; none for the system (CLI, demo loader).
    pub actor: Option<&'a str>,
    /// What was done, e.g. `organisation.create`.
    pub action: &'a str,
    /// What it was done to, e.g. `organisation:dinkes`.
    pub target: String,
    /// The state before, if any.
    pub before: Option<serde_json::Value>,
    /// The state after, if any.
    pub after: Option<serde_json::Value>,
}

/// The statement that appends `event`, to run in the same transaction as the
/// change it records (its bindings are named `audit_*`).
#[must_use]
pub fn statement(event: NewAuditEvent<'_>) -> Statement {
    Statement::new(
        "CREATE audit_event SET actor = $audit_actor, action = $audit_action, target = $audit_target, before = $audit_before, after = $audit_after;",
        binds![
            ("audit_actor", Binding::optional_record("user", event.actor)),
            ("audit_action", Binding::of(&event.action)),
            ("audit_target", Binding::of(&event.target)),
            ("audit_before", Binding::of(&event.before)),
            ("audit_after", Binding::of(&event.after)),
        ],
    )
}

/// Appends an event on its own (for changes made elsewhere, e.g. by the CLI).
pub async fn append(db: &Db, event: NewAuditEvent<'_>) -> Result<(), DbError> {
    execute_atomically(db, vec![statement(event)]).await
}

/// A stored event.
#[derive(Debug, Clone, Deserialize)]
pub struct AuditRecord {
    /// When.
    pub at: String,
    /// Who (user key).
    #[serde(default, deserialize_with = "de_opt_key")]
    pub actor: Option<String>,
    /// Action key.
    pub action: String,
    /// Target.
    pub target: String,
}

/// The newest events first.
pub async fn recent(db: &Db, limit: usize) -> Result<Vec<AuditRecord>, DbError> {
    query_rows(
        db,
        "SELECT at, actor, action, target FROM audit_event ORDER BY at DESC LIMIT $limit;",
        binds![("limit", Binding::of(&limit))],
        0,
    )
    .await
}

//! The audit log: append-only. There is deliberately no update or delete here.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_opt_key, execute_atomically, query_rows};
use crate::binds;
use domain::ids::UserId;
use serde::Deserialize;

/// One change to record.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    /// Who did it; none for the system (CLI, demo loader).
    pub actor: Option<&'a UserId>,
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
            ("audit_actor", Binding::optional_id(event.actor)),
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
    pub actor: Option<UserId>,
    /// Action key.
    pub action: String,
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

/// What the audit page asks for.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Actions starting with this (`entry.`, `results.`), or all.
    pub action: Option<String>,
    /// Targets containing this (`entry:brexit`), or all.
    pub target: Option<String>,
    /// Actors whose name or e-mail contains this (lower case), or all.
    pub actor: Option<String>,
    /// Only events before this instant (the next page).
    pub before: Option<jiff::Timestamp>,
    /// At most this many.
    pub limit: usize,
}

/// A stored event with its actor's name and the change.
#[derive(Debug, Clone, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: jiff::Timestamp,
    /// The actor's name; none for the system.
    #[serde(default)]
    pub actor_name: Option<String>,
    /// Action key.
    pub action: String,
    pub target: String,
    #[serde(default)]
    pub before: Option<serde_json::Value>,
    #[serde(default)]
    pub after: Option<serde_json::Value>,
}

/// Events matching `query`, newest first.
pub async fn search(db: &Db, query: &AuditQuery) -> Result<Vec<AuditEntry>, DbError> {
    query_rows(
        db,
        "SELECT at, actor.name AS actor_name, action, target, before, after FROM audit_event \
         WHERE ($action = NONE OR string::starts_with(action, $action)) \
           AND ($target = NONE OR string::contains(target, $target)) \
           AND ($actor = NONE OR string::contains(string::lowercase(actor.name ?? ''), $actor) \
                OR string::contains(string::lowercase(actor.email ?? ''), $actor)) \
           AND ($before = NONE OR at < $before) \
         ORDER BY at DESC LIMIT $limit;",
        binds![
            ("action", Binding::of(&query.action)),
            ("target", Binding::of(&query.target)),
            ("actor", Binding::of(&query.actor)),
            ("before", Binding::optional_datetime(query.before)),
            ("limit", Binding::of(&query.limit)),
        ],
        0,
    )
    .await
}

/// Score sheet revisions matching `query` (the scores' own append-only log),
/// newest first, as audit entries: `sheet.draft` or `sheet.submitted`.
pub async fn sheet_revisions(db: &Db, query: &AuditQuery) -> Result<Vec<AuditEntry>, DbError> {
    query_rows(
        db,
        "SELECT at, sheet.judge.name AS actor_name, string::concat('sheet.', state) AS action, \
                string::concat('entry:', record::id(sheet.entry), ' · stage:', record::id(sheet.stage)) AS target, \
                NONE AS before, { revision: revision, values: sheet_values, comment: comment } AS after \
         FROM sheet_revision \
         WHERE ($target = NONE OR string::contains(string::concat('entry:', record::id(sheet.entry), ' · stage:', record::id(sheet.stage)), $target)) \
           AND ($actor = NONE OR string::contains(string::lowercase(sheet.judge.name ?? ''), $actor) \
                OR string::contains(string::lowercase(sheet.judge.email ?? ''), $actor)) \
           AND ($before = NONE OR at < $before) \
         ORDER BY at DESC LIMIT $limit;",
        binds![
            ("target", Binding::of(&query.target)),
            ("actor", Binding::of(&query.actor)),
            ("before", Binding::optional_datetime(query.before)),
            ("limit", Binding::of(&query.limit)),
        ],
        0,
    )
    .await
}

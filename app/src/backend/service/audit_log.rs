//! Reading the audit log: every change the application makes is appended to
//! `audit_event` in the transaction that makes it, and every score sheet
//! revision to `sheet_revision`; this reads both, filtered, newest first. There
//! is no code path that changes or deletes either, and the schema refuses it.

use crate::backend::db::Db;
use crate::backend::repo::audit::{self, AuditEntry, AuditQuery};
use crate::backend::service::editions::local_in;
use crate::error::AppError;
use crate::model::AuditRow;

/// How many lines a page shows.
pub const PAGE: usize = 100;

/// The filter as typed on the audit page (empty means everything).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Action prefix: `entry.`, `results.`, `sheet.`, …
    pub action: String,
    /// Part of the target.
    pub target: String,
    /// Part of the actor's name or e-mail.
    pub actor: String,
    /// RFC 3339: only lines before it.
    pub before: String,
}

fn given(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// One page of the log matching `filter`.
pub async fn page(db: &Db, filter: &Filter) -> Result<Vec<AuditRow>, AppError> {
    let query = AuditQuery {
        action: given(&filter.action),
        target: given(&filter.target),
        actor: given(&filter.actor).map(|actor| actor.to_lowercase()),
        before: given(&filter.before).and_then(|before| before.parse().ok()),
        limit: PAGE,
    };
    let action = query.action.as_deref().unwrap_or_default();
    let mut entries = Vec::new();
    if action.is_empty() || !action.starts_with("sheet") {
        entries.extend(audit::search(db, &query).await?);
    }
    if action.is_empty() || action.starts_with("sheet") {
        entries.extend(audit::sheet_revisions(db, &query).await?);
    }
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.at));
    entries.truncate(PAGE);
    Ok(entries.into_iter().map(row).collect())
}

fn row(entry: AuditEntry) -> AuditRow {
    let pretty = |value: Option<serde_json::Value>| {
        value
            .filter(|value| !value.is_null())
            .map(|value| serde_json::to_string_pretty(&value).unwrap_or_default())
    };
    AuditRow {
        at: local_in(entry.at, "Asia/Jakarta"),
        cursor: entry.at.to_string(),
        actor: entry.actor_name,
        action: entry.action,
        target: entry.target,
        before: pretty(entry.before),
        after: pretty(entry.after),
    }
}

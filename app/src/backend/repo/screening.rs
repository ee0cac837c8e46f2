//! Administrative screening: the entries waiting for it or already screened,
//! and the statement that records a decision.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, de_opt_key, query_one, query_rows};
use crate::binds;
use crate::model::CategoryView;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::ids::{EditionId, OrgId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The edition as screening needs it.
#[derive(Debug, Clone, Deserialize)]
pub struct ScreeningEdition {
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    pub title: String,
    pub categories: Vec<CategoryView>,
    /// The checklist.
    #[serde(default)]
    pub screening_checklist: Vec<String>,
}

/// The edition with `slug`.
pub async fn edition(db: &Db, slug: &str) -> Result<Option<ScreeningEdition>, DbError> {
    query_one(
        db,
        "SELECT id, title, categories, screening_checklist FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
    )
    .await
}

/// An entry submitted to the committee.
#[derive(Debug, Clone, Deserialize)]
pub struct ScreeningEntry {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    pub title: String,
    /// Organisation's name.
    pub organisation: String,
    #[serde(deserialize_with = "de_key")]
    pub org: OrgId,
    /// The organisation above the entry's, whose coordinators review it.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org_parent: Option<OrgId>,
    /// Group key.
    pub group: Group,
    /// Category key.
    pub category: String,
    pub state: EntryStatus,
    /// The recorded outcome.
    #[serde(default)]
    pub screening: Option<ScreeningOutcome>,
}

/// What the committee recorded when it screened an entry: kept on the entry,
/// and as the audit event's `after`, so the entry's history shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScreeningOutcome {
    #[serde(default)]
    pub passed: bool,
    /// The checklist items the entry met.
    #[serde(default)]
    pub checks: Vec<String>,
    /// Why it was screened out (none when it passed).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The states screening concerns: waiting for it, or decided and still correctable.
pub const SCREENABLE: [&str; 3] = ["submitted", "screened_in", "screened_out"];

/// Entries of `edition` submitted or screened, by title.
pub async fn entries(db: &Db, edition: &EditionId) -> Result<Vec<ScreeningEntry>, DbError> {
    query_rows(
        db,
        "SELECT id, title, org.name AS organisation, org, org.parent AS org_parent, group, category, state, screening FROM entry \
         WHERE edition = $edition AND state IN $states ORDER BY title;",
        binds![
            ("edition", Binding::id(edition)),
            ("states", Binding::of(&SCREENABLE)),
        ],
        0,
    )
    .await
}

/// One screening decision to record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScreeningDecision {
    pub entry: EntryId,
    /// The state after it (`screened_in` or `screened_out`).
    pub state: EntryStatus,
    pub outcome: ScreeningOutcome,
    /// The audit action (`entry.screen_in` or `entry.screen_out`).
    pub action: &'static str,
}

/// Records `decisions` — each entry's state and outcome, and its audit event
/// (the entry's history shows the outcome and reason) — in one statement.
#[must_use]
pub fn decide_all_statement(
    decisions: &[ScreeningDecision],
    by: &UserId,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "FOR $row IN $screened { \
            LET $entry = type::record('entry', $row.entry); \
            UPDATE $entry SET state = $row.state, screening = $row.outcome, updated_at = $screened_at; \
            CREATE audit_event SET actor = $screened_by, action = $row.action, \
                target = 'entry:' + $row.entry, before = NONE, after = $row.outcome; \
         };",
        binds![
            ("screened", Binding::of(&decisions)),
            ("screened_by", Binding::id(by)),
            ("screened_at", Binding::datetime(at)),
        ],
    )
}

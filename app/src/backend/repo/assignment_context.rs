//! What the assignment planner needs to know about a stage: its judges, its
//! entries and who already has (or stepped back from) which.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, de_opt_key, query_rows};
use crate::binds;
use serde::Deserialize;

/// A judge who may be given entries.
#[derive(Debug, Clone, Deserialize)]
pub struct JudgeRow {
    /// Account key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Their organisation.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<String>,
}

/// An entry with the organisations a judge must not come from.
#[derive(Debug, Clone, Deserialize)]
pub struct EntryRow {
    /// Entry key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Category key.
    pub category: String,
    /// Its organisation.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<String>,
    /// The organisation above it.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub parent: Option<String>,
}

/// One assignment in the stage.
#[derive(Debug, Clone, Deserialize)]
pub struct AssignmentRow {
    /// Entry key.
    #[serde(deserialize_with = "de_key")]
    pub entry: String,
    /// Judge key.
    #[serde(deserialize_with = "de_key")]
    pub judge: String,
    /// Whether the judge stepped back.
    pub recused: bool,
}

/// Active judges.
pub async fn judges(db: &Db) -> Result<Vec<JudgeRow>, DbError> {
    query_rows(
        db,
        "SELECT id, org FROM user WHERE roles CONTAINS 'judge' AND active = true ORDER BY id;",
        binds![],
        0,
    )
    .await
}

/// The entries `keys` (those a stage hears).
pub async fn entries(db: &Db, keys: &[String]) -> Result<Vec<EntryRow>, DbError> {
    query_rows(
        db,
        "SELECT id, category, org, org.parent AS parent FROM entry WHERE id IN $keys ORDER BY id;",
        binds![("keys", Binding::records("entry", keys))],
        0,
    )
    .await
}

/// Every assignment in `stage`, recused ones included.
pub async fn assignments(db: &Db, stage: &str) -> Result<Vec<AssignmentRow>, DbError> {
    query_rows(
        db,
        "SELECT entry, judge, recused FROM assignment WHERE stage = $stage;",
        binds![("stage", Binding::record("stage", stage))],
        0,
    )
    .await
}

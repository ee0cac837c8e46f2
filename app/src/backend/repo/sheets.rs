//! Score sheets: one record per (stage, entry, judge), keyed `sheet:[stage, entry,
//! judge]`, with every applied revision kept in `sheet_revision`.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{Binding, de_opt_key, query_one, query_rows};
use crate::binds;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::scoring::Rubric;
use domain::scoring::SheetState;
use domain::stage::StageKind;
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What the scoring rules need to know about a stage.
#[derive(Debug, Clone, Deserialize)]
pub struct StageForScoring {
    pub kind: StageKind,
    /// When the window opens.
    pub opens_at: Timestamp,
    /// When the window closes.
    pub closes_at: Timestamp,
    /// None for a stage that is not scored.
    #[serde(with = "crate::backend::records::stored_rubric")]
    pub rubric: Option<Rubric>,
    /// Whether the organisation is hidden from judges.
    pub blind: bool,
}

/// The stage `stage`, if it exists.
pub async fn stage(db: &Db, stage: &StageId) -> Result<Option<StageForScoring>, DbError> {
    query_one(
        db,
        "SELECT kind, opens_at, closes_at, rubric, blind FROM $stage;",
        binds![("stage", Binding::id(stage))],
    )
    .await
}

/// Whether `judge` is assigned to `entry` in `stage` and has not recused.
pub async fn is_assigned(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
) -> Result<bool, DbError> {
    let rows: Vec<bool> = query_rows(
        db,
        "SELECT VALUE recused FROM assignment WHERE stage = $stage AND entry = $entry AND judge = $judge;",
        binds![
            ("stage", Binding::id(stage)),
            ("entry", Binding::id(entry)),
            ("judge", Binding::id(judge)),
        ],
        0,
    )
    .await?;
    Ok(rows.iter().any(|recused| !recused))
}

/// A stored sheet.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SheetRecord {
    /// Criterion key → value.
    #[serde(default)]
    pub sheet_values: BTreeMap<String, f64>,
    /// Criterion key → comment.
    #[serde(default)]
    pub comments: BTreeMap<String, String>,
    /// Overall comment.
    #[serde(default)]
    pub comment: String,
    pub state: SheetState,
    /// Revision number; 0 when there is no sheet yet.
    pub revision: i64,
    /// Idempotency keys of the latest revisions applied.
    #[serde(default)]
    pub applied_keys: Vec<String>,
    /// The judge (only to check ownership in tests and logs).
    #[serde(default, deserialize_with = "de_opt_key")]
    pub judge: Option<UserId>,
}

fn sheet_id(stage: &StageId, entry: &EntryId, judge: &UserId) -> Binding {
    Binding::record_of_parts("sheet", &[stage.as_str(), entry.as_str(), judge.as_str()])
}

/// The sheet of `judge` for `entry` in `stage`, if they have one.
pub async fn find(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
) -> Result<Option<SheetRecord>, DbError> {
    query_one(
        db,
        "SELECT sheet_values, comments, comment, state, revision, applied_keys, judge FROM $id;",
        binds![("id", sheet_id(stage, entry, judge))],
    )
    .await
}

/// A revision to write.
#[derive(Debug, Clone)]
pub struct NewRevision<'a> {
    pub stage: &'a StageId,
    pub entry: &'a EntryId,
    pub judge: &'a UserId,
    /// The revision this one replaces (0 for the first).
    pub base_revision: i64,
    pub values: &'a BTreeMap<String, f64>,
    /// Comments per criterion.
    pub comments: &'a BTreeMap<String, String>,
    /// Overall comment.
    pub comment: &'a str,
    /// `draft` or `submitted`.
    pub state: SheetState,
    /// The client's key for this revision.
    pub idempotency_key: &'a str,
    /// Applied keys after this one (the newest few).
    pub applied_keys: &'a [String],
    /// When.
    pub at: Timestamp,
}

/// Writes the sheet and its history entry in one transaction, only if the stored
/// revision is still `base_revision` (otherwise [`Refusal::StaleRevision`]).
pub async fn write(db: &Db, revision: &NewRevision<'_>) -> Result<i64, DbError> {
    let stale = Refusal::StaleRevision.throw();
    let next = revision.base_revision + 1;
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $current = (SELECT VALUE revision FROM $id)[0] ?? 0;
         IF $current != $base {{ {stale} }};
         UPSERT $id SET stage = $stage, entry = $entry, judge = $judge, sheet_values = $values,
             comments = $comments, comment = $comment, state = $state, revision = $next,
             applied_keys = $keys, updated_at = $at;
         CREATE sheet_revision SET sheet = $id, revision = $next, sheet_values = $values,
             comments = $comments, comment = $comment, state = $state, idempotency_key = $key, at = $at;
         COMMIT TRANSACTION;"
    );
    query_rows::<serde_json::Value>(
        db,
        &sql,
        binds![
            (
                "id",
                sheet_id(revision.stage, revision.entry, revision.judge)
            ),
            ("base", Binding::of(&revision.base_revision)),
            ("next", Binding::of(&next)),
            ("stage", Binding::id(revision.stage)),
            ("entry", Binding::id(revision.entry)),
            ("judge", Binding::id(revision.judge)),
            ("values", Binding::of(revision.values)),
            ("comments", Binding::of(revision.comments)),
            ("comment", Binding::of(&revision.comment)),
            ("state", Binding::of(&revision.state)),
            ("keys", Binding::of(&revision.applied_keys)),
            ("key", Binding::of(&revision.idempotency_key)),
            ("at", Binding::datetime(revision.at)),
        ],
        0,
    )
    .await?;
    Ok(next)
}

/// How many revisions of a sheet are kept.
pub async fn history_len(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
) -> Result<i64, DbError> {
    let rows: Vec<i64> = query_rows(
        db,
        "RETURN count(SELECT id FROM sheet_revision WHERE sheet = $id);",
        binds![("id", sheet_id(stage, entry, judge))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

/// One kept revision of a sheet.
#[derive(Debug, Clone, Deserialize)]
pub struct RevisionRecord {
    /// Its number (1, 2, …).
    pub revision: i64,
    pub state: SheetState,
    /// Criterion key → value.
    #[serde(default)]
    pub sheet_values: BTreeMap<String, f64>,
    /// When the server applied it.
    pub at: Timestamp,
}

/// Every kept revision of one judge's sheet, newest first.
pub async fn history(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
) -> Result<Vec<RevisionRecord>, DbError> {
    query_rows(
        db,
        "SELECT revision, state, sheet_values, at FROM sheet_revision WHERE sheet = $id ORDER BY revision DESC;",
        binds![("id", sheet_id(stage, entry, judge))],
        0,
    )
    .await
}

/// The stage as a judge's scoring page shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct StageHeading {
    pub title: String,
    /// Closes.
    pub closes_at: Timestamp,
    /// Edition time zone.
    pub time_zone: String,
}

/// Title, closing time and time zone of `stage`.
pub async fn stage_heading(db: &Db, stage: &StageId) -> Result<Option<StageHeading>, DbError> {
    query_one(
        db,
        "SELECT title, closes_at, edition.time_zone AS time_zone FROM $stage;",
        binds![("stage", Binding::id(stage))],
    )
    .await
}

/// An entry as a judge reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct EntryForScoring {
    pub title: String,
    /// Organisation name.
    pub org_name: String,
    /// Category key.
    pub category: String,
    /// The edition's categories (to show the label).
    pub categories: Vec<crate::model::CategoryView>,
    /// Answers by section key.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Video link.
    pub video_url: Option<String>,
}

/// The entry `entry`.
pub async fn entry(db: &Db, entry: &EntryId) -> Result<Option<EntryForScoring>, DbError> {
    query_one(
        db,
        "SELECT title, org.name AS org_name, category, edition.categories AS categories, sections, video_url FROM $entry;",
        binds![("entry", Binding::id(entry))],
    ).await
}

#[derive(Debug, Deserialize)]
struct Organisations {
    #[serde(default, deserialize_with = "de_opt_key")]
    judge_org: Option<String>,
    #[serde(default, deserialize_with = "de_opt_key")]
    entry_org: Option<String>,
    #[serde(default, deserialize_with = "de_opt_key")]
    entry_parent: Option<String>,
}

/// The judge's organisation, and the entry's organisation with the one above it.
pub async fn organisations_of(
    db: &Db,
    entry: &EntryId,
    judge: &UserId,
) -> Result<(Option<String>, Vec<String>), DbError> {
    let rows: Vec<Organisations> = query_rows(
        db,
        "RETURN { judge_org: $judge.org, entry_org: $entry.org, entry_parent: $entry.org.parent };",
        binds![("judge", Binding::id(judge)), ("entry", Binding::id(entry))],
        0,
    )
    .await?;
    let row = rows
        .into_iter()
        .next()
        .ok_or_else(|| DbError::Decode("no row".into()))?;
    Ok((
        row.judge_org,
        row.entry_org.into_iter().chain(row.entry_parent).collect(),
    ))
}

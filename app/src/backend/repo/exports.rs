//! What the committee's spreadsheets read: every entry and every score sheet
//! of an edition, and the assignments that stand.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, query_rows};
use crate::binds;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::{EditionId, EntryId, StageId, UserId};
use domain::scoring::SheetState;
use domain::scoring::StageKey;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// One entry, as the entries spreadsheet lists it.
#[derive(Debug, Deserialize)]
pub struct EntryLine {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    pub title: String,
    /// The organisation's name.
    pub organisation: String,
    pub group: Group,
    pub category: String,
    pub state: EntryStatus,
    /// The screening decision, when there is one.
    #[serde(default)]
    pub screening: Option<super::screening::ScreeningOutcome>,
    pub updated_at: String,
}

/// Every entry of `edition`, by title.
pub async fn entry_lines(db: &Db, edition: &EditionId) -> Result<Vec<EntryLine>, DbError> {
    query_rows(
        db,
        "SELECT id, title, org.name AS organisation, group, category, state, screening, updated_at FROM entry WHERE edition = $edition ORDER BY title;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// One score sheet, as the sheets spreadsheet lists it.
#[derive(Debug, Deserialize)]
pub struct SheetLine {
    /// The stage's key within its edition (`desk`).
    pub stage: StageKey,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// The entry's title.
    pub title: String,
    /// The judge's name.
    pub judge_name: String,
    pub state: SheetState,
    #[serde(default)]
    pub sheet_values: BTreeMap<String, f64>,
    pub comment: String,
    pub revision: i64,
    pub updated_at: String,
    #[serde(deserialize_with = "de_key")]
    pub stage_id: StageId,
    #[serde(deserialize_with = "de_key")]
    pub judge_id: UserId,
}

/// Every score sheet of `edition` (drafts included), by stage, entry and judge.
pub async fn sheet_lines(db: &Db, edition: &EditionId) -> Result<Vec<SheetLine>, DbError> {
    query_rows(
        db,
        "SELECT stage.key AS stage, entry, entry.title AS title, judge.name AS judge_name, state, sheet_values, comment, revision, updated_at, \
            stage AS stage_id, judge AS judge_id \
         FROM sheet WHERE stage.edition = $edition ORDER BY stage, title, judge_name;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// (stage, entry, judge) of an assignment that stands.
#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Standing {
    #[serde(deserialize_with = "de_key")]
    pub stage: StageId,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
}

/// The assignments of `edition` that stand (not recused, not removed).
pub async fn standing_assignments(
    db: &Db,
    edition: &EditionId,
) -> Result<BTreeSet<Standing>, DbError> {
    let rows: Vec<Standing> = query_rows(
        db,
        "SELECT stage, entry, judge FROM assignment WHERE stage.edition = $edition AND recused = false;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await?;
    Ok(rows.into_iter().collect())
}

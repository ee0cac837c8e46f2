//! Assignments of judges to entries, and their score sheets.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{Binding, Statement, execute, execute_atomically, query_rows};
use crate::binds;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::scoring::SheetState;
use domain::stage::StageFormat;
use jiff::Timestamp;
use serde::Deserialize;

/// The statement that assigns `judge` to `entry` in `stage`.
#[must_use]
pub fn assign_statement(stage: &StageId, entry: &EntryId, judge: &UserId) -> Statement {
    Statement::new(
        "CREATE assignment SET stage = $stage, entry = $entry, judge = $judge;",
        binds![
            ("stage", Binding::id(stage)),
            ("entry", Binding::id(entry)),
            ("judge", Binding::id(judge)),
        ],
    )
}

/// The statement that creates many assignments in `stage`; `rows` are
/// `{ "entry": key, "judge": key }` objects.
#[must_use]
pub fn assign_all_statement(stage: &StageId, rows: &[serde_json::Value]) -> Statement {
    Statement::new(
        "FOR $row IN $rows { CREATE assignment SET stage = $stage, entry = type::record('entry', $row.entry), judge = type::record('user', $row.judge); };",
        binds![("stage", Binding::id(stage)), ("rows", Binding::of(&rows)),],
    )
}

/// Assigns `judge` to `entry` in `stage`.
pub async fn assign(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
) -> Result<(), DbError> {
    execute_atomically(db, vec![assign_statement(stage, entry, judge)]).await
}

/// A sheet to store.
#[derive(Debug, Clone)]
pub struct NewSheet {
    pub stage: StageId,
    pub entry: EntryId,
    pub judge: UserId,
    /// Criterion key → value.
    pub values: serde_json::Value,
    /// Overall comment.
    pub comment: String,
    pub state: SheetState,
}

/// Stores a sheet under its key `sheet:[stage, entry, judge]`, so that each judge
/// writes only their own record.
pub async fn put_sheet(db: &Db, sheet: &NewSheet) -> Result<(), DbError> {
    execute(
        db,
        "UPSERT $id SET stage = $stage, entry = $entry, judge = $judge, sheet_values = $values, comment = $comment, state = $state, updated_at = time::now();",
        binds![
            (
                "id",
                Binding::record_of_parts("sheet", &[sheet.stage.as_str(), sheet.entry.as_str(), sheet.judge.as_str()])
            ),
            ("stage", Binding::id(&sheet.stage)),
            ("entry", Binding::id(&sheet.entry)),
            ("judge", Binding::id(&sheet.judge)),
            ("values", Binding::of(&sheet.values)),
            ("comment", Binding::of(&sheet.comment)),
            ("state", Binding::of(&sheet.state)),
        ],
    )
    .await
}

/// One of a judge's assignments with the state of their sheet.
#[derive(Debug, Clone, Deserialize)]
pub struct JudgeAssignment {
    #[serde(deserialize_with = "crate::backend::records::de_key")]
    pub stage: StageId,
    #[serde(deserialize_with = "crate::backend::records::de_key")]
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    /// Category key.
    pub category: String,
    pub stage_title: String,
    /// Stage closes.
    pub stage_closes_at: Timestamp,
    /// Edition time zone.
    pub time_zone: String,
    /// The edition's categories, to show the entry's by its label.
    pub categories: Vec<crate::model::CategoryView>,
    /// None until the judge saves a sheet.
    pub sheet_state: Option<SheetState>,
    /// `desk`, `presentation` or `field_visit`.
    #[serde(default)]
    pub stage_format: Option<StageFormat>,
}

/// A judge's assignments in stages whose results are not yet published (the
/// work still to do or to revise), latest stage first.
pub async fn for_judge(db: &Db, judge: &UserId) -> Result<Vec<JudgeAssignment>, DbError> {
    query_rows(
        db,
        "SELECT stage, entry, entry.title AS title, entry.category AS category, stage.title AS stage_title, stage.closes_at AS stage_closes_at, stage.edition.time_zone AS time_zone, stage.edition.categories AS categories, stage.format AS stage_format, (SELECT VALUE state FROM sheet WHERE stage = $parent.stage AND entry = $parent.entry AND judge = $parent.judge)[0] AS sheet_state FROM assignment WHERE judge = $judge AND recused = false AND stage.published = false ORDER BY stage_closes_at DESC, title;",
        binds![("judge", Binding::id(judge))],
        0,
    )
    .await
}

/// Who ends an assignment.
#[derive(Debug, Clone, Copy)]
pub enum EndedBy<'a> {
    /// The judge, before submitting their sheet (a conflict of interest).
    Judge,
    /// The committee member with this key, at any time.
    Committee(&'a UserId),
}

/// The statement that ends `judge`'s assignment to `entry` in `stage` with
/// `reason`: their sheet, if any, stops counting. It throws [`Refusal::NotAssigned`]
/// when there is no standing assignment and, when the judge ends it themselves,
/// [`Refusal::AlreadySubmitted`] (from then on only the committee can take them off the entry) once their sheet is submitted — checked in the same
/// transaction as the change, so a submission racing the recusal cannot slip by.
#[must_use]
pub fn recuse_statement(
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
    reason: &str,
    by: EndedBy<'_>,
    at: Timestamp,
) -> Statement {
    let (already_submitted, not_assigned) = (
        Refusal::AlreadySubmitted.throw(),
        Refusal::NotAssigned.throw(),
    );
    let (submitted_check, removed_by) = match by {
        EndedBy::Judge => (
            format!(
                "IF (SELECT VALUE state FROM $recused_sheet)[0] = 'submitted' {{ {already_submitted} }};"
            ),
            None,
        ),
        EndedBy::Committee(actor) => (String::new(), Some(actor)),
    };
    Statement::new(
        format!(
            "{submitted_check}
             LET $recused = (UPDATE assignment SET recused = true, recuse_reason = $reason, recused_at = $at, removed_by = $removed_by WHERE stage = $stage AND entry = $entry AND judge = $judge AND recused = false RETURN VALUE id);
             IF array::len($recused) = 0 {{ {not_assigned} }};"
        ),
        binds![
            ("stage", Binding::id(stage)),
            ("entry", Binding::id(entry)),
            ("judge", Binding::id(judge)),
            ("reason", Binding::of(&reason)),
            ("removed_by", Binding::optional_id(removed_by)),
            (
                "recused_sheet",
                Binding::record_of_parts("sheet", &[stage.as_str(), entry.as_str(), judge.as_str()])
            ),
            ("at", Binding::datetime(at)),
        ],
    )
}

/// A recusal the committee has not yet answered with another judge.
#[derive(Debug, Clone, Deserialize)]
pub struct OpenRecusal {
    #[serde(deserialize_with = "crate::backend::records::de_key")]
    pub stage: StageId,
    #[serde(deserialize_with = "crate::backend::records::de_key")]
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    pub stage_title: String,
    /// The judge who stepped back.
    pub judge_name: String,
    /// Their reason.
    pub reason: String,
    /// When.
    pub recused_at: Timestamp,
    /// Edition time zone.
    pub time_zone: String,
}

/// Recusals in stages not yet published with no judge assigned to the entry since,
/// oldest first: the entries waiting for the committee to reassign them.
pub async fn open_recusals(db: &Db) -> Result<Vec<OpenRecusal>, DbError> {
    query_rows(
        db,
        "SELECT stage, entry, entry.title AS title, stage.title AS stage_title, judge.name AS judge_name, recuse_reason AS reason, recused_at, stage.edition.time_zone AS time_zone FROM assignment WHERE recused = true AND stage.published = false AND count((SELECT VALUE id FROM assignment WHERE stage = $parent.stage AND entry = $parent.entry AND recused = false AND created_at > $parent.recused_at)) = 0 ORDER BY recused_at;",
        binds![],
        0,
    )
    .await
}

/// One of a judge's assignments to an entry, in any stage.
#[derive(Debug, Clone, Deserialize)]
pub struct Seat {
    /// The judge stepped back (or was removed).
    pub recused: bool,
    /// The stage hides the organisation from judges.
    #[serde(default)]
    pub blind: bool,
}

/// Every assignment of `judge` to `entry`, in any stage.
pub async fn seats(db: &Db, entry: &EntryId, judge: &UserId) -> Result<Vec<Seat>, DbError> {
    query_rows(
        db,
        "SELECT recused, stage.blind AS blind FROM assignment WHERE entry = $entry AND judge = $judge;",
        binds![("entry", Binding::id(entry)), ("judge", Binding::id(judge))],
        0,
    )
    .await
}

//! What results are computed from: an edition's scoring stages, the entries each
//! stage hears, their submitted sheets, the committee's recorded decisions; and
//! the publications that freeze them.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, de_opt_key, query_one, query_rows};
use crate::binds;
use crate::model::CategoryView;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::scoring::SheetState;
use domain::scoring::StageKey;
use domain::scoring::{AdvancementRule, Aggregation, FinalRule, Rubric};
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An edition, as results need it.
#[derive(Debug, Clone, Deserialize)]
pub struct ResultsEditionRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    pub slug: String,
    pub title: String,
    pub year: i64,
    /// IANA zone.
    pub time_zone: String,
    pub categories: Vec<CategoryView>,
    /// The final rule as stored (`domain::scoring::FinalRule`).
    #[serde(default)]
    pub final_rule: Option<FinalRule>,
    /// Whether public pages show scores.
    #[serde(default = "yes")]
    pub shows_scores: bool,
    /// Whether published results carry each judge's sheet.
    #[serde(default = "yes")]
    pub publishes_sheets: bool,
    /// The edition's field rule.
    #[serde(default)]
    pub field_rule: Option<domain::field::FieldRule>,
    /// What the field visits decided for each visited entry (filled by the
    /// results service: the final ranking takes their penalties off).
    #[serde(skip)]
    pub field_outcomes:
        std::collections::BTreeMap<domain::ids::EntryId, domain::field::FieldOutcome>,
}

fn yes() -> bool {
    true
}

/// The edition with this slug.
pub async fn edition(db: &Db, slug: &str) -> Result<Option<ResultsEditionRecord>, DbError> {
    query_one(
        db,
        "SELECT id, slug, title, year, time_zone, categories, final_rule, field_rule, shows_scores, publishes_sheets FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
    ).await
}

/// A scoring stage, as results need it.
#[derive(Debug, Clone, Deserialize)]
pub struct ScoringStageRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: StageId,
    /// Key within the edition.
    pub key: StageKey,
    pub title: String,
    /// Position among the edition's stages.
    pub position: i64,
    /// When the window opens.
    pub opens_at: Timestamp,
    /// When the window closes.
    pub closes_at: Timestamp,
    pub aggregation: Aggregation,
    /// None for a stage that is not scored.
    #[serde(with = "crate::backend::records::stored_rubric")]
    pub rubric: Option<Rubric>,
    pub advancement: AdvancementRule,
    /// Whether a standing publication covers the stage: its decisions are then
    /// what the public and the entrants were told, and stay as they are.
    pub published: bool,
}

const STAGE_FIELDS: &str =
    "id, key, title, position, opens_at, closes_at, aggregation, rubric, advancement, published";

/// An edition's scoring stages, in order.
pub async fn scoring_stages(
    db: &Db,
    edition: &EditionId,
) -> Result<Vec<ScoringStageRecord>, DbError> {
    query_rows(
        db,
        &format!(
            "SELECT {STAGE_FIELDS} FROM stage WHERE edition = $edition AND kind = 'scoring' ORDER BY position;"
        ),
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// One entry a stage hears.
#[derive(Debug, Clone, Deserialize)]
pub struct StageEntryRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    pub title: String,
    /// Category key.
    pub category: String,
    /// Organisation's name.
    pub organisation: String,
    pub state: EntryStatus,
}

/// The entries `stage` hears: every entry with an assignment or a sheet in it,
/// except withdrawn and disqualified ones (they are never ranked).
pub async fn stage_entries(db: &Db, stage: &StageId) -> Result<Vec<StageEntryRecord>, DbError> {
    query_rows(
        db,
        "SELECT id, title, category, org.name AS organisation, state FROM entry \
         WHERE (id IN (SELECT VALUE entry FROM assignment WHERE stage = $stage) \
            OR id IN (SELECT VALUE entry FROM sheet WHERE stage = $stage)) \
           AND state NOTINSIDE ['withdrawn', 'disqualified'] ORDER BY id;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// A sheet of a stage: its judge, entry, state and values.
#[derive(Debug, Clone, Deserialize)]
pub struct StageSheetRecord {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
    pub state: SheetState,
    /// Criterion key → value.
    #[serde(default)]
    pub sheet_values: BTreeMap<String, f64>,
}

/// Every sheet of `stage`, drafts included (results use only submitted ones).
pub async fn stage_sheets(db: &Db, stage: &StageId) -> Result<Vec<StageSheetRecord>, DbError> {
    query_rows(
        db,
        "SELECT entry, judge, state, sheet_values FROM sheet WHERE stage = $stage ORDER BY entry, judge;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// One judge's place in a stage: their assignments and whether they recused.
#[derive(Debug, Clone, Deserialize)]
pub struct StageAssignmentRecord {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
    /// The judge's name.
    pub judge_name: String,
    /// Whether they stepped back.
    pub recused: bool,
}

/// Every assignment of `stage`.
pub async fn stage_assignments(
    db: &Db,
    stage: &StageId,
) -> Result<Vec<StageAssignmentRecord>, DbError> {
    query_rows(
        db,
        "SELECT entry, judge, judge.name AS judge_name, recused FROM assignment WHERE stage = $stage ORDER BY judge_name, entry;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// A recorded advancement decision.
#[derive(Debug, Clone, Deserialize)]
pub struct DecisionRecord {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Whether it advanced.
    pub advanced: bool,
    /// Whether it advanced by a tie at the cut.
    #[serde(default)]
    pub tied_at_cut: bool,
    /// Why the committee overrode the rule, if it did.
    #[serde(default)]
    pub override_reason: Option<String>,
    /// Who decided.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub decided_by: Option<UserId>,
}

/// The decisions recorded for `stage` (empty until its advancement is applied).
pub async fn decisions(db: &Db, stage: &StageId) -> Result<Vec<DecisionRecord>, DbError> {
    query_rows(
        db,
        "SELECT entry, advanced, tied_at_cut, override_reason, decided_by FROM stage_decision WHERE stage = $stage ORDER BY entry;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// One decision to write: the entry, whether it advances, whether by a tie at the
/// cut, the override's reason, and the entry's state after it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewDecision {
    pub entry: EntryId,
    /// Whether it advances.
    pub advanced: bool,
    /// Whether by a tie at the cut.
    pub tied_at_cut: bool,
    /// The override's reason, when the committee changed what the rule gives.
    pub override_reason: Option<String>,
    /// The entry's state after the decision.
    pub state: EntryStatus,
    /// The entry's audit action (`entry.advance` or `entry.eliminate`).
    pub action: String,
}

/// Replaces `stage`'s decisions with `decisions`, sets each entry's state and
/// writes each entry's audit event (its history shows the outcome):
/// applying a stage's advancement is one decision about the whole stage.
#[must_use]
pub fn decide_all_statement(
    stage: &StageId,
    decisions: &[NewDecision],
    by: Option<&UserId>,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "DELETE stage_decision WHERE stage = $decision_stage; \
         FOR $row IN $decisions { \
            LET $entry = type::record('entry', $row.entry); \
            CREATE stage_decision SET stage = $decision_stage, entry = $entry, advanced = $row.advanced, \
                tied_at_cut = $row.tied_at_cut, override_reason = $row.override_reason, decided_by = $decision_by, at = $decision_at; \
            UPDATE $entry SET state = $row.state, updated_at = $decision_at; \
            CREATE audit_event SET actor = $decision_by, action = $row.action, \
                target = 'entry:' + $row.entry, before = NONE, \
                after = { stage: $decision_stage_key, override_reason: $row.override_reason }; \
         };",
        binds![
            ("decision_stage", Binding::id(stage)),
            ("decision_stage_key", Binding::of(&stage)),
            ("decisions", Binding::of(&decisions)),
            ("decision_by", Binding::optional_id(by)),
            ("decision_at", Binding::datetime(at)),
        ],
    )
}

//! Presentation stages: their settings, the panel's queue and the stage's clock.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{
    Binding, de_key, de_keys, de_opt_key, execute, query_one, query_rows,
};
use crate::binds;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::scoring::SheetState;
use domain::stage::StageFormat;
use jiff::Timestamp;
use serde::Deserialize;

/// A scoring stage's presentation settings.
#[derive(Debug, Clone, Deserialize)]
pub struct PresentationStage {
    /// Stage title.
    pub title: String,
    /// None for a stage stored before formats existed (a desk stage).
    #[serde(default)]
    pub format: Option<StageFormat>,
    /// The panel chair, who runs the clock.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub chair: Option<UserId>,
    /// Entry keys in the order they present.
    #[serde(default, deserialize_with = "de_keys")]
    pub running_order: Vec<EntryId>,
    /// Slot length in minutes.
    #[serde(default)]
    pub slot_minutes: Option<u32>,
    /// Video length in minutes.
    #[serde(default)]
    pub video_minutes: Option<u32>,
    /// Whether judges see entries without their organisation.
    #[serde(default)]
    pub blind: Option<bool>,
    /// Opens: the first presentation starts then.
    pub opens_at: Timestamp,
    /// Closes.
    pub closes_at: Timestamp,
    /// The edition's IANA zone.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// The presentation settings of `stage`.
pub async fn stage(db: &Db, stage: &StageId) -> Result<Option<PresentationStage>, DbError> {
    query_one(
        db,
        "SELECT title, format, chair, running_order, slot_minutes, video_minutes, blind, opens_at, closes_at, \
            edition.time_zone AS time_zone FROM $stage;",
        binds![("stage", Binding::id(stage))],
    ).await
}

/// Makes `stage` a presentation stage chaired by `chair`, with a running order
/// and a slot length.
pub async fn make_presentation(
    db: &Db,
    stage: &StageId,
    chair: Option<&UserId>,
    running_order: &[EntryId],
    slot: domain::presentation::Slot,
) -> Result<(), DbError> {
    execute(
        db,
        "UPDATE $stage SET format = 'presentation', chair = $chair, running_order = $order, slot_minutes = $slot, video_minutes = $video;",
        binds![
            ("stage", Binding::id(stage)),
            ("chair", Binding::optional_id(chair)),
            ("order", Binding::ids(running_order)),
            ("slot", Binding::of(&slot.minutes)),
            ("video", Binding::of(&slot.video_minutes)),
        ],
    )
    .await
}

/// One entry a judge hears in a presentation stage.
#[derive(Debug, Clone, Deserialize)]
pub struct QueueRow {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub title: String,
    /// Organisation name.
    pub org_name: String,
    /// Category key.
    pub category: String,
    /// The edition's categories, for the label.
    pub categories: Vec<crate::model::CategoryView>,
    /// None until the judge saves a sheet.
    pub sheet_state: Option<SheetState>,
}

/// The entries `judge` hears in `stage` (not those they stepped back from), or
/// with `whole_panel` every entry anyone hears there (what the chair runs), each
/// with `judge`'s own sheet state. An entry heard by several judges appears once
/// per judge; callers keep the first.
pub async fn queue(
    db: &Db,
    stage: &StageId,
    judge: &UserId,
    whole_panel: bool,
) -> Result<Vec<QueueRow>, DbError> {
    query_rows(
        db,
        "SELECT entry, entry.title AS title, entry.org.name AS org_name, entry.category AS category, entry.edition.categories AS categories, (SELECT VALUE state FROM sheet WHERE stage = $stage AND entry = $parent.entry AND judge = $judge)[0] AS sheet_state FROM assignment WHERE stage = $stage AND recused = false AND ($whole_panel OR judge = $judge);",
        binds![
            ("stage", Binding::id(stage)),
            ("judge", Binding::id(judge)),
            ("whole_panel", Binding::of(&whole_panel)),
        ],
        0,
    )
    .await
}

/// One judge hearing one entry in a presentation stage.
#[derive(Debug, Clone, Deserialize)]
pub struct Seat {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub title: String,
    /// Organisation name.
    pub org_name: String,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
}

/// Every judge hearing every entry in `stage` (not those who stepped back).
pub async fn panel(db: &Db, stage: &StageId) -> Result<Vec<Seat>, DbError> {
    query_rows(
        db,
        "SELECT entry, entry.title AS title, entry.org.name AS org_name, judge FROM assignment \
            WHERE stage = $stage AND recused = false;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// Whether any judge hears `entry` in `stage`.
pub async fn is_heard(db: &Db, stage: &StageId, entry: &EntryId) -> Result<bool, DbError> {
    let rows: Vec<serde_json::Value> = query_rows(
        db,
        "SELECT VALUE true FROM assignment WHERE stage = $stage AND entry = $entry AND recused = false LIMIT 1;",
        binds![
            ("stage", Binding::id(stage)),
            ("entry", Binding::id(entry)),
        ],
        0,
    )
    .await?;
    Ok(!rows.is_empty())
}

/// The stage's clock as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct ClockRecord {
    /// The entry presenting.
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Milliseconds run before `running_since`.
    pub elapsed_ms: u64,
    /// When it was last started, if it runs.
    #[serde(default)]
    pub running_since: Option<Timestamp>,
}

/// The clock of `stage`, if the chair ever started it.
pub async fn clock(db: &Db, stage: &StageId) -> Result<Option<ClockRecord>, DbError> {
    query_one(
        db,
        "SELECT entry, elapsed_ms, running_since FROM $clock;",
        binds![(
            "clock",
            Binding::record("presentation_clock", stage.as_str())
        )],
    )
    .await
}

/// Stores the clock of `stage`.
pub async fn set_clock(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    elapsed_ms: u64,
    running_since: Option<Timestamp>,
    by: &UserId,
) -> Result<(), DbError> {
    execute(
        db,
        "UPSERT $clock SET stage = $stage, entry = $entry, elapsed_ms = $elapsed, running_since = $since, updated_by = $by, updated_at = time::now();",
        binds![
            ("clock", Binding::record("presentation_clock", stage.as_str())),
            ("stage", Binding::id(stage)),
            ("entry", Binding::id(entry)),
            ("elapsed", Binding::of(&elapsed_ms)),
            ("since", Binding::optional_datetime(running_since)),
            ("by", Binding::id(by)),
        ],
    )
    .await
}

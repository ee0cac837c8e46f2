//! An edition's configuration as the committee edits it: its settings and its
//! stages.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_one, query_rows};
use crate::binds;
use domain::edition::Group;
use domain::ids::EditionId;
use domain::ids::StageId;
use domain::scoring::StageKey;
use domain::scoring::{AdvancementRule, Aggregation, FinalRule, Rubric};
use domain::stage::{StageFormat, StageKind};
use jiff::Timestamp;
use serde::Deserialize;

/// The settings of an edition.
#[derive(Debug, Clone, Deserialize)]
pub struct SettingsRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    pub slug: String,
    pub title: String,
    /// IANA zone.
    pub time_zone: String,
    /// Submission window.
    #[serde(default)]
    pub submission_opens_at: Option<Timestamp>,
    /// Submission window.
    #[serde(default)]
    pub submission_closes_at: Option<Timestamp>,
    /// Years an innovation must have run.
    #[serde(default)]
    pub minimum_years: i64,
    /// Largest evidence file, MB.
    #[serde(default)]
    pub upload_limit_mb: i64,
    /// Quotas as stored.
    #[serde(default)]
    pub quotas: serde_json::Value,
    /// Judges' remarks reach entrants after publication.
    #[serde(default)]
    pub shares_feedback: bool,
    /// People's choice is on.
    #[serde(default)]
    pub peoples_choice: bool,
    /// Votes count once confirmed by e-mail.
    #[serde(default)]
    pub peoples_choice_verified: bool,
    /// The winner-set rules (`domain::composition`).
    #[serde(default)]
    pub max_winners_per_organisation: Option<u32>,
    #[serde(default)]
    pub winner_in_every_category: bool,
    #[serde(default)]
    pub replication_below_original: bool,
    /// Public pages show scores.
    #[serde(default)]
    pub shows_scores: bool,
    /// Published results carry each judge's sheet.
    #[serde(default)]
    pub publishes_sheets: bool,
    /// The final rule as stored.
    #[serde(default)]
    pub final_rule: Option<FinalRule>,
    #[serde(default)]
    pub screening_checklist: Vec<String>,
    /// Group keys.
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub categories: Vec<crate::model::CategoryView>,
    /// Groups and categories its entries use.
    #[serde(default)]
    pub used_groups: Vec<Group>,
    /// Categories its entries use.
    #[serde(default)]
    pub used_categories: Vec<String>,
}

/// The settings of the edition with `slug`.
pub async fn settings(db: &Db, slug: &str) -> Result<Option<SettingsRecord>, DbError> {
    query_one(
        db,
        "SELECT id, slug, title, time_zone, submission_opens_at, submission_closes_at, minimum_years, \
                upload_limit_mb, quotas, shares_feedback, peoples_choice, peoples_choice_verified, \
                max_winners_per_organisation, winner_in_every_category, replication_below_original, shows_scores, publishes_sheets, final_rule, screening_checklist, groups, categories, \
                array::distinct((SELECT VALUE group FROM entry WHERE edition = $parent.id)) AS used_groups, \
                array::distinct((SELECT VALUE category FROM entry WHERE edition = $parent.id)) AS used_categories \
         FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
    ).await
}

/// New settings to store.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SettingsWrite {
    /// Submission window.
    #[serde(skip)]
    pub submission_opens_at: Option<Timestamp>,
    /// Submission window.
    #[serde(skip)]
    pub submission_closes_at: Option<Timestamp>,
    /// Years.
    pub minimum_years: u32,
    /// MB.
    pub upload_limit_mb: u32,
    pub quotas: serde_json::Value,
    /// Feedback.
    pub shares_feedback: bool,
    /// People's choice.
    pub peoples_choice: bool,
    /// Votes count once confirmed by e-mail.
    pub peoples_choice_verified: bool,
    /// The winner-set rules (`domain::composition`).
    pub max_winners_per_organisation: Option<u32>,
    pub winner_in_every_category: bool,
    pub replication_below_original: bool,
    /// Scores shown.
    pub shows_scores: bool,
    /// Sheets published.
    pub publishes_sheets: bool,
    pub final_rule: FinalRule,
    pub screening_checklist: Vec<String>,
    pub groups: Vec<Group>,
    pub categories: Vec<crate::model::CategoryView>,
}

/// Stores `settings` on edition `id`.
#[must_use]
pub fn update_settings_statement(id: &EditionId, settings: &SettingsWrite) -> Statement {
    Statement::new(
        "UPDATE $edition SET submission_opens_at = $opens, submission_closes_at = $closes, \
            minimum_years = $settings.minimum_years, upload_limit_mb = $settings.upload_limit_mb, \
            quotas = $settings.quotas, shares_feedback = $settings.shares_feedback, \
            peoples_choice = $settings.peoples_choice, \
            peoples_choice_verified = $settings.peoples_choice_verified, \
            max_winners_per_organisation = $settings.max_winners_per_organisation, \
            winner_in_every_category = $settings.winner_in_every_category, \
            replication_below_original = $settings.replication_below_original, shows_scores = $settings.shows_scores, \
            publishes_sheets = $settings.publishes_sheets, \
            final_rule = $settings.final_rule, screening_checklist = $settings.screening_checklist, \
            groups = $settings.groups, categories = $settings.categories;",
        binds![
            ("edition", Binding::id(id)),
            (
                "opens",
                Binding::optional_datetime(settings.submission_opens_at)
            ),
            (
                "closes",
                Binding::optional_datetime(settings.submission_closes_at)
            ),
            ("settings", Binding::of(settings)),
        ],
    )
}

/// A stage as the stage form edits it.
#[derive(Debug, Clone, Deserialize)]
pub struct StageSetupRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: StageId,
    /// Key within the edition.
    pub key: StageKey,
    pub title: String,
    pub kind: StageKind,
    /// Stages stored before formats existed have none: they are desk stages.
    #[serde(default)]
    pub format: Option<StageFormat>,
    /// Order.
    pub position: i64,
    /// When the window opens.
    pub opens_at: Timestamp,
    /// When the window closes.
    pub closes_at: Timestamp,
    /// Organisations hidden from judges.
    #[serde(default)]
    pub blind: bool,
    pub aggregation: Aggregation,
    /// None for a stage that is not scored.
    #[serde(with = "crate::backend::records::stored_rubric")]
    pub rubric: Option<Rubric>,
    pub advancement: AdvancementRule,
    /// Sheets already written in it.
    #[serde(default)]
    pub sheets: i64,
}

/// Every stage of edition `edition`, in order, with how many sheets each holds.
pub async fn stages(db: &Db, edition: &EditionId) -> Result<Vec<StageSetupRecord>, DbError> {
    query_rows(
        db,
        "SELECT id, key, title, kind, format, position, opens_at, closes_at, blind, aggregation, rubric, advancement, \
                count(SELECT id FROM sheet WHERE stage = $parent.id) AS sheets \
         FROM stage WHERE edition = $edition ORDER BY opens_at, position;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// A stage to store.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StageWrite {
    /// Key within the edition.
    pub key: StageKey,
    pub title: String,
    pub kind: StageKind,
    pub format: StageFormat,
    /// When the window opens.
    #[serde(skip)]
    pub opens_at: Timestamp,
    /// When the window closes.
    #[serde(skip)]
    pub closes_at: Timestamp,
    pub blind: bool,
    pub aggregation: Aggregation,
    /// None for a stage that is not scored.
    #[serde(with = "crate::backend::records::stored_rubric")]
    pub rubric: Option<Rubric>,
    pub advancement: AdvancementRule,
    /// Its place among the edition's stages.
    pub position: usize,
}

/// Creates or updates stage `id` of edition `edition`, and numbers the
/// edition's stages by `order` (their keys in window order).
#[must_use]
pub fn save_stage_statement(
    id: &StageId,
    edition: &EditionId,
    stage: &StageWrite,
    order: &[StageKey],
) -> Statement {
    let positions: Vec<serde_json::Value> = order
        .iter()
        .enumerate()
        .map(|(position, key)| serde_json::json!({ "key": key, "position": position }))
        .collect();
    Statement::new(
        "UPSERT $stage SET edition = $stage_edition, key = $fields.key, title = $fields.title, \
            kind = $fields.kind, format = $fields.format, opens_at = $stage_opens, closes_at = $stage_closes, \
            blind = $fields.blind, aggregation = $fields.aggregation, rubric = $fields.rubric, \
            advancement = $fields.advancement, position = $fields.position; \
         FOR $place IN $positions { \
            UPDATE stage SET position = $place.position WHERE edition = $stage_edition AND key = $place.key; \
         };",
        binds![
            ("stage", Binding::id(id)),
            ("stage_edition", Binding::id(edition)),
            ("stage_opens", Binding::datetime(stage.opens_at)),
            ("stage_closes", Binding::datetime(stage.closes_at)),
            ("fields", Binding::of(stage)),
            ("positions", Binding::of(&positions)),
        ],
    )
}

/// The statement that closes stage `stage` at `at`, before its window ends.
#[must_use]
pub fn close_stage_statement(stage: &StageId, at: Timestamp) -> Statement {
    Statement::new(
        "UPDATE $closing_stage SET closes_at = $closing_at;",
        binds![
            ("closing_stage", Binding::id(stage)),
            ("closing_at", Binding::datetime(at)),
        ],
    )
}

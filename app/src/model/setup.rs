//! An edition's configuration forms: settings and stages. Values travel as the
//! text the form shows, so a refused form comes back exactly as typed.

use domain::scoring::StageKey;
use domain::stage::StageKind;
use serde::{Deserialize, Serialize};

/// The settings form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    /// The edition's slug.
    pub slug: String,
    /// Submission opens, `YYYY-MM-DDTHH:MM` in the edition's zone.
    #[serde(default)]
    pub submission_opens: String,
    /// Submission closes, the same.
    #[serde(default)]
    pub submission_closes: String,
    /// Years an innovation must have run.
    #[serde(default)]
    pub minimum_years: String,
    /// Largest evidence file, MB.
    #[serde(default)]
    pub upload_limit_mb: String,
    /// Quotas, one per line: `KIND GROUP N`.
    #[serde(default)]
    pub quotas: String,
    /// Judges' remarks reach entrants after publication (`on` when ticked).
    #[serde(default)]
    pub shares_feedback: Option<String>,
    /// People's choice is on.
    #[serde(default)]
    pub peoples_choice: Option<String>,
    /// People's-choice votes count once the voter confirms an address.
    #[serde(default)]
    pub peoples_choice_verified: Option<String>,
    /// At most this many winners from one organisation; empty for no limit.
    #[serde(default)]
    pub max_winners_per_organisation: String,
    /// Every category with a finalist needs a winner.
    #[serde(default)]
    pub winner_in_every_category: Option<String>,
    /// A replication is never placed above the innovation it replicates.
    #[serde(default)]
    pub replication_below_original: Option<String>,
    /// Public pages show scores.
    #[serde(default)]
    pub shows_scores: Option<String>,
    /// Published results carry each judge's sheet (`on` when ticked).
    #[serde(default)]
    pub publishes_sheets: Option<String>,
    /// `last_stage` or `weighted`.
    #[serde(default)]
    pub final_rule: String,
    /// For `weighted`: one per line, `STAGE WEIGHT` (`desk 40`).
    #[serde(default)]
    pub final_weights: String,
    /// The screening checklist, one item per line.
    #[serde(default)]
    pub screening_checklist: String,
    /// The groups the edition runs (`umum`, `replikasi`, `khusus`).
    #[serde(default)]
    pub groups: Vec<String>,
    /// Categories, one per line: `key: Label` (or a label alone).
    #[serde(default)]
    pub categories: String,
}

/// The settings page: the form, the edition's title and its stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionSetup {
    pub title: String,
    /// Time zone (dates are typed on its clock).
    pub time_zone: String,
    /// The settings as stored.
    pub form: SettingsForm,
    /// The stages, in order.
    pub stages: Vec<StageSummary>,
}

/// One stage in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    pub key: StageKey,
    pub title: String,
    pub kind: StageKind,
    /// Opens (RFC 3339, the edition's zone).
    pub opens_at: String,
    /// Closes.
    pub closes_at: String,
    /// Criteria in its rubric.
    pub criteria: usize,
}

/// The stage form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageForm {
    /// The edition's slug.
    pub slug: String,
    /// The stage's key when editing; empty for a new stage.
    #[serde(default)]
    pub editing: String,
    /// Key (letters, digits, `_`, `-`).
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub title: String,
    /// `screening`, `scoring` or `objection`.
    #[serde(default)]
    pub kind: String,
    /// `desk`, `presentation` or `field_visit`.
    #[serde(default)]
    pub format: String,
    /// Opens, `YYYY-MM-DDTHH:MM`.
    #[serde(default)]
    pub opens: String,
    #[serde(default)]
    pub closes: String,
    /// Organisations hidden from judges (`on`).
    #[serde(default)]
    pub blind: Option<String>,
    /// `mean`, `trimmed_mean` or `zscore`.
    #[serde(default)]
    pub aggregation: String,
    /// `top_n`, `pass_mark` or `manual`.
    #[serde(default)]
    pub rule: String,
    /// N for `top_n`.
    #[serde(default)]
    pub top_n: String,
    /// The mark for `pass_mark`.
    #[serde(default)]
    pub pass_mark: String,
    /// The rubric's criteria.
    #[serde(default)]
    pub criteria: Vec<CriterionForm>,
}

/// One criterion row of the rubric editor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CriterionForm {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub label: String,
    /// Guidance for judges.
    #[serde(default)]
    pub guidance: String,
    /// Weight, whole percent.
    #[serde(default)]
    pub weight: String,
    /// Scale minimum.
    #[serde(default)]
    pub min: String,
    /// Scale maximum.
    #[serde(default)]
    pub max: String,
    /// Scale step.
    #[serde(default)]
    pub step: String,
    /// Ticked to drop the row.
    #[serde(default)]
    pub remove: Option<String>,
}

/// The stage page: the form and whether its rubric may still change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageSetup {
    /// The edition's title.
    pub edition_title: String,
    /// The form (a new stage: defaults).
    pub form: StageForm,
    /// Sheets already scored on it: its rubric is then fixed.
    pub sheets: i64,
}

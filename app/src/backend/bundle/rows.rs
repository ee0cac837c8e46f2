//! The bundle's rows: one struct per table, read from the database (record
//! links arrive as `table:key` and keep only the key) and written to the file.

use crate::backend::records::{de_key, de_keys, de_opt_key};
use serde::{Deserialize, Serialize};

/// The whole bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// [`super::FORMAT`].
    pub format: String,
    /// The edition's configuration.
    pub edition: EditionRow,
    /// Its stages, in order.
    pub stages: Vec<StageRow>,
    /// Organisations its entries and users belong to, with their parents.
    pub organisations: Vec<OrganisationRow>,
    /// Users it involves: judges, chairs, writers (no passwords).
    pub users: Vec<UserRow>,
    /// Innovations entered, and those they replicate.
    pub innovations: Vec<InnovationRow>,
    /// Entries.
    pub entries: Vec<EntryRow>,
    /// Judge assignments.
    pub assignments: Vec<AssignmentRow>,
    /// Score sheets.
    pub sheets: Vec<SheetRow>,
    /// Advancement decisions.
    #[serde(default)]
    pub decisions: Vec<DecisionRow>,
    /// Publications (frozen results).
    #[serde(default)]
    pub publications: Vec<PublicationRow>,
}

/// An edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionRow {
    /// Record key.
    #[serde(alias = "id", deserialize_with = "de_key")]
    pub key: String,
    /// Slug.
    pub slug: String,
    /// Year.
    pub year: i64,
    /// Title.
    pub title: String,
    /// Zone.
    pub time_zone: String,
    /// Groups.
    pub groups: Vec<String>,
    /// Categories.
    pub categories: serde_json::Value,
    /// Submission window.
    #[serde(default)]
    pub submission_opens_at: Option<String>,
    /// Submission window.
    #[serde(default)]
    pub submission_closes_at: Option<String>,
    /// Results published.
    pub results_published: bool,
    /// Entry rule.
    pub minimum_years: i64,
    /// Quotas.
    pub quotas: serde_json::Value,
    /// Feedback shared.
    pub shares_feedback: bool,
    /// Evidence limit.
    pub upload_limit_mb: i64,
    /// Proposal template, if edited.
    #[serde(default)]
    pub template: Option<serde_json::Value>,
    /// Final rule.
    pub final_rule: serde_json::Value,
    /// Scores shown.
    pub shows_scores: bool,
    /// Judges' sheets published (absent in bundles written before it existed).
    #[serde(default = "yes")]
    pub publishes_sheets: bool,
    /// People's choice.
    pub peoples_choice: bool,
    /// Screening checklist.
    pub screening_checklist: Vec<String>,
}

/// A stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRow {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Key within the edition.
    pub key: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: String,
    /// Format.
    pub format: String,
    /// Position.
    pub position: i64,
    /// Window.
    pub opens_at: String,
    /// Window.
    pub closes_at: String,
    /// Blind.
    pub blind: bool,
    /// Aggregation.
    pub aggregation: String,
    /// Rubric.
    pub rubric: serde_json::Value,
    /// Advancement rule.
    pub advancement: serde_json::Value,
    /// Panel chair.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub chair: Option<String>,
    /// Running order.
    #[serde(default, deserialize_with = "de_keys")]
    pub running_order: Vec<String>,
    /// Minutes per entry.
    pub slot_minutes: i64,
    /// Video minutes.
    pub video_minutes: i64,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRow {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Parent.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub parent: Option<String>,
}

/// A user, without password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// Roles.
    pub roles: Vec<String>,
    /// Organisation.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<String>,
    /// Active.
    pub active: bool,
}

/// An innovation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InnovationRow {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Title.
    pub title: String,
    /// Owner.
    #[serde(deserialize_with = "de_key")]
    pub org: String,
    /// Started.
    pub started_on: String,
    /// Digital.
    pub digital: bool,
    /// SDGs.
    pub sdgs: Vec<i64>,
    /// Awards.
    pub awards: serde_json::Value,
    /// Replicated from.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub replicated_from: Option<String>,
    /// What it replicates, in words.
    #[serde(default)]
    pub replicates: Option<String>,
}

/// An entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryRow {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Innovation.
    #[serde(deserialize_with = "de_key")]
    pub innovation: String,
    /// Organisation.
    #[serde(deserialize_with = "de_key")]
    pub org: String,
    /// Title.
    pub title: String,
    /// Group.
    pub group: String,
    /// Category.
    pub category: String,
    /// State.
    pub state: String,
    /// Answers.
    pub sections: serde_json::Value,
    /// Video.
    #[serde(default)]
    pub video_url: Option<String>,
    /// Version.
    pub version: i64,
    /// Last change.
    pub updated_at: String,
    /// Return comment.
    #[serde(default)]
    pub return_comment: Option<String>,
    /// Declarations.
    pub declarations: bool,
    /// Own deadline.
    #[serde(default)]
    pub closes_at: Option<String>,
    /// Last writer.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub updated_by: Option<String>,
    /// Screening outcome.
    #[serde(default)]
    pub screening: Option<serde_json::Value>,
}

/// An assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    /// Stage.
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    /// Entry.
    #[serde(deserialize_with = "de_key")]
    pub entry: String,
    /// Judge.
    #[serde(deserialize_with = "de_key")]
    pub judge: String,
    /// Recused.
    pub recused: bool,
    /// Why.
    #[serde(default)]
    pub recuse_reason: Option<String>,
    /// When.
    #[serde(default)]
    pub recused_at: Option<String>,
    /// Assigned at.
    pub created_at: String,
}

/// A score sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRow {
    /// Stage.
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    /// Entry.
    #[serde(deserialize_with = "de_key")]
    pub entry: String,
    /// Judge.
    #[serde(deserialize_with = "de_key")]
    pub judge: String,
    /// Values.
    pub sheet_values: serde_json::Value,
    /// Comments per criterion.
    pub comments: serde_json::Value,
    /// Overall comment.
    pub comment: String,
    /// State.
    pub state: String,
    /// Revision.
    pub revision: i64,
    /// Last change.
    pub updated_at: String,
}

/// An advancement decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRow {
    /// Stage.
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    /// Entry.
    #[serde(deserialize_with = "de_key")]
    pub entry: String,
    /// Advanced.
    pub advanced: bool,
    /// Tied at the cut.
    pub tied_at_cut: bool,
    /// Override reason.
    #[serde(default)]
    pub override_reason: Option<String>,
    /// When.
    pub at: String,
}

/// A publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationRow {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Scope.
    pub scope: String,
    /// Document.
    pub document: serde_json::Value,
    /// When.
    pub published_at: String,
    /// Withdrawn when.
    #[serde(default)]
    pub withdrawn_at: Option<String>,
}

fn yes() -> bool {
    true
}

//! The bundle's rows: one struct per table, read from the database (record
//! links arrive as `table:key` and keep only the key) and written to the file.

use crate::backend::records::{de_key, de_keys, de_opt_key};
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::organisation::OrgKind;
use domain::scoring::{AdvancementRule, Aggregation, Rubric, SheetState};
use domain::stage::{StageFormat, StageKind};
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
    /// What its entries earned at the province and the nation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onward: Vec<OnwardRow>,
    /// Field visits, with the team's findings (photos, like evidence, are
    /// files and stay with the instance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<VisitRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingRow>,
    /// The committee's decisions on entries a visit referred.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_decisions: Vec<FieldDecisionRow>,
}

/// An edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionRow {
    /// Record key.
    #[serde(alias = "id", deserialize_with = "de_key")]
    pub key: String,
    pub slug: String,
    pub year: i64,
    pub title: String,
    /// Zone.
    pub time_zone: String,
    pub groups: Vec<Group>,
    pub categories: serde_json::Value,
    /// Submission window.
    #[serde(default)]
    pub submission_opens_at: Option<String>,
    /// Submission window.
    #[serde(default)]
    pub submission_closes_at: Option<String>,
    pub results_published: bool,
    /// Entry rule.
    pub minimum_years: i64,
    pub quotas: serde_json::Value,
    /// Feedback shared.
    pub shares_feedback: bool,
    /// Evidence limit.
    pub upload_limit_mb: i64,
    /// Proposal template, if edited.
    #[serde(default)]
    pub template: Option<serde_json::Value>,
    pub final_rule: serde_json::Value,
    /// Scores shown.
    pub shows_scores: bool,
    /// Judges' sheets published (absent in bundles written before it existed).
    #[serde(default = "yes")]
    pub publishes_sheets: bool,
    /// People's choice.
    pub peoples_choice: bool,
    /// Votes count once confirmed by e-mail (absent in older bundles).
    #[serde(default)]
    pub peoples_choice_verified: bool,
    /// The winner-set rules (absent in older bundles: all off).
    #[serde(default)]
    pub max_winners_per_organisation: Option<u32>,
    #[serde(default)]
    pub winner_in_every_category: bool,
    #[serde(default)]
    pub replication_below_original: bool,
    pub screening_checklist: Vec<String>,
    /// The field rule (absent in older bundles: the default).
    #[serde(default)]
    pub field_rule: Option<domain::field::FieldRule>,
}

/// A stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRow {
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// Key within the edition.
    pub key: String,
    pub title: String,
    pub kind: StageKind,
    pub format: StageFormat,
    pub position: i64,
    /// When the window opens.
    pub opens_at: String,
    /// When the window closes.
    pub closes_at: String,
    pub blind: bool,
    pub aggregation: Aggregation,
    /// An empty list for a stage that is not scored.
    #[serde(with = "crate::backend::records::stored_rubric")]
    pub rubric: Option<Rubric>,
    pub advancement: AdvancementRule,
    /// Panel chair.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub chair: Option<UserId>,
    #[serde(default, deserialize_with = "de_keys")]
    pub running_order: Vec<EntryId>,
    /// Minutes per entry.
    pub slot_minutes: i64,
    pub video_minutes: i64,
    /// A field stage's sections holding claims (absent in older bundles).
    #[serde(default)]
    pub field_claims: Vec<String>,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRow {
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default, deserialize_with = "de_opt_key")]
    pub parent: Option<String>,
}

/// A user, without password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    #[serde(deserialize_with = "de_key")]
    pub id: UserId,
    /// E-mail.
    pub email: String,
    pub name: String,
    pub roles: Vec<String>,
    /// Organisation.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<String>,
    pub active: bool,
}

/// An innovation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InnovationRow {
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    pub title: String,
    /// Owner.
    #[serde(deserialize_with = "de_key")]
    pub org: String,
    /// Started.
    pub started_on: String,
    pub digital: bool,
    pub sdgs: Vec<i64>,
    pub awards: serde_json::Value,
    #[serde(default, deserialize_with = "de_opt_key")]
    pub replicated_from: Option<String>,
    /// What it replicates, in words.
    #[serde(default)]
    pub replicates: Option<String>,
}

/// An entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryRow {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub innovation: String,
    /// Organisation.
    #[serde(deserialize_with = "de_key")]
    pub org: String,
    pub title: String,
    pub group: Group,
    pub category: String,
    pub state: EntryStatus,
    /// Answers.
    pub sections: serde_json::Value,
    /// Video.
    #[serde(default)]
    pub video_url: Option<String>,
    pub version: i64,
    /// Last change.
    pub updated_at: String,
    #[serde(default)]
    pub return_comment: Option<String>,
    pub declarations: bool,
    /// Own deadline.
    #[serde(default)]
    pub closes_at: Option<String>,
    /// Last writer.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub updated_by: Option<UserId>,
    /// Screening outcome.
    #[serde(default)]
    pub screening: Option<serde_json::Value>,
}

/// An assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
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
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
    /// Values.
    pub sheet_values: serde_json::Value,
    /// Comments per criterion.
    pub comments: serde_json::Value,
    /// Overall comment.
    pub comment: String,
    pub state: SheetState,
    pub revision: i64,
    /// Last change.
    pub updated_at: String,
}

/// An advancement decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRow {
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub advanced: bool,
    /// Tied at the cut.
    pub tied_at_cut: bool,
    #[serde(default)]
    pub override_reason: Option<String>,
    /// When.
    pub at: String,
}

/// A field visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitRow {
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    #[serde(deserialize_with = "de_key")]
    pub stage: String,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub starts_at: String,
    pub address: String,
    #[serde(deserialize_with = "de_keys")]
    pub team: Vec<UserId>,
    pub scheduled_at: String,
    #[serde(default, deserialize_with = "de_opt_key")]
    pub scheduled_by: Option<UserId>,
}

/// The team's finding on one claim of a visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    #[serde(deserialize_with = "de_key")]
    pub visit: String,
    pub section: String,
    pub finding: domain::field::Finding,
    pub note: String,
    #[serde(deserialize_with = "de_key")]
    pub recorded_by: UserId,
    pub recorded_at: String,
}

/// The committee's decision on a referred entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldDecisionRow {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub disqualify: bool,
    pub reason: String,
    #[serde(default, deserialize_with = "de_opt_key")]
    pub decided_by: Option<UserId>,
    pub decided_at: String,
}

/// An onward outcome (`domain::onward`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnwardRow {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub innovation: String,
    pub level: domain::onward::OnwardLevel,
    pub award: domain::onward::AwardName,
    pub year: i32,
    /// When it was recorded.
    pub recorded_at: String,
    /// By whom.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub recorded_by: Option<UserId>,
}

/// A publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationRow {
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    pub scope: String,
    pub document: serde_json::Value,
    /// When.
    pub published_at: String,
    /// Withdrawn when.
    #[serde(default)]
    pub withdrawn_at: Option<String>,
    /// A final publication's winner-set check, as it stood.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composition: Option<serde_json::Value>,
    /// Why the committee published a set that broke a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composition_reason: Option<String>,
}

fn yes() -> bool {
    true
}

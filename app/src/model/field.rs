//! Field verification as its pages show it: the committee's field page of a
//! stage, a team member's visit sheet, and the berita acara of a visit.

use domain::field::{FieldOutcome, FieldRule, Finding};
use domain::ids::{EntryId, FieldPhotoId, UserId, VisitId};
use serde::{Deserialize, Serialize};

/// The committee's page of a field stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldStageView {
    pub edition_slug: String,
    pub edition_title: String,
    /// The stage's key within the edition.
    pub stage: String,
    pub stage_title: String,
    /// Whether the stage is a field visit stage (else the page only says how
    /// to make it one).
    pub is_field: bool,
    /// The edition's field rule.
    pub rule: FieldRule,
    /// The proposal's sections, each with whether it holds claims to check.
    pub sections: Vec<ClaimChoice>,
    /// Entries still in play without a visit in this stage.
    pub schedulable: Vec<FieldEntryOption>,
    /// Every judge, to make up a team.
    pub judges: Vec<(UserId, String)>,
    pub visits: Vec<VisitSummary>,
}

/// A section of the proposal, marked or not as holding claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimChoice {
    pub key: String,
    pub label: String,
    pub claimed: bool,
}

/// An entry a visit may be scheduled to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldEntryOption {
    pub entry: EntryId,
    pub title: String,
    pub organisation: String,
}

/// A scheduled visit as the committee follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitSummary {
    pub id: VisitId,
    pub entry: EntryId,
    pub title: String,
    pub organisation: String,
    /// When, RFC 3339 in the edition's zone.
    pub starts_at: String,
    pub address: String,
    pub team: Vec<String>,
    /// Claims to check, and how many have a finding.
    pub claims: usize,
    pub found: usize,
    pub photos: usize,
    /// What the findings so far decide under the edition's rule.
    pub outcome: FieldOutcome,
    /// The committee's decision, once it made one on a referral.
    pub decision: Option<FieldDecisionView>,
    /// Whether the entry is disqualified (by this decision or otherwise).
    pub disqualified: bool,
}

/// The committee's decision on a referred entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldDecisionView {
    pub disqualify: bool,
    pub reason: String,
    /// When, RFC 3339 in the edition's zone.
    pub decided_at: String,
}

/// A team member's visit, in their list of visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeVisit {
    pub id: VisitId,
    pub title: String,
    pub organisation: String,
    pub stage_title: String,
    /// When, RFC 3339 in the edition's zone.
    pub starts_at: String,
    pub address: String,
    pub claims: usize,
    pub found: usize,
}

/// One visit with everything the team records on it (and the berita acara
/// prints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitSheet {
    pub id: VisitId,
    pub edition_slug: String,
    pub edition_title: String,
    pub stage: String,
    pub stage_title: String,
    pub title: String,
    pub organisation: String,
    /// When, RFC 3339 in the edition's zone.
    pub starts_at: String,
    pub address: String,
    pub team: Vec<String>,
    pub claims: Vec<ClaimView>,
    pub photos: Vec<PhotoView>,
    pub rule: FieldRule,
    pub outcome: FieldOutcome,
    pub decision: Option<FieldDecisionView>,
    /// Whether the page is read by the committee (the team's own view hides
    /// nothing else, but only the committee decides).
    pub committee: bool,
    /// Who reads it.
    pub viewer: UserId,
    /// A fresh key for the findings the plain form posts (a form posted twice
    /// is applied once).
    pub form_key: String,
}

/// A claim of the proposal and what the team found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    /// The section's key.
    pub section: String,
    pub label: String,
    /// What the proposal says there.
    pub text: String,
    pub finding: Option<Finding>,
    pub note: String,
    /// Who recorded the finding.
    pub recorded_by: Option<String>,
    /// When the finding shown was chosen (RFC 3339, UTC): a plain form posts
    /// it back, so a finding a teammate changed since is not overwritten.
    #[serde(default)]
    pub decided_at: Option<String>,
}

/// A photo of a visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoView {
    pub id: FieldPhotoId,
    /// When it was taken, RFC 3339 in the edition's zone.
    pub taken_at: String,
    /// Where, when the device said.
    pub location: Option<(f64, f64)>,
    pub taken_by: String,
    pub bytes: i64,
}

/// One claim's finding as the verifier gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingInput {
    pub section: String,
    pub finding: Finding,
    #[serde(default)]
    pub note: String,
    /// When the verifier chose it, by the device (RFC 3339); the server's
    /// time when absent.
    #[serde(default)]
    pub decided_at: Option<String>,
}

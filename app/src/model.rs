//! Shapes that cross the wire between server functions and pages. Plain data:
//! both the server and the browser compile this module.

mod committee;
mod field;
mod mail;
mod onward;
mod proposal;
mod public;
mod results;
mod setup;
pub use committee::*;
pub use field::*;
pub use mail::*;
pub use onward::*;
pub use proposal::*;
pub use public::*;
pub use results::*;
pub use setup::*;

use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::OrgId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::organisation::OrgKind;
use domain::role::Roles;
use domain::scoring::Rubric;
use domain::scoring::SheetState;
use domain::stage::StageKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The signed-in person, as pages see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Account key.
    pub id: UserId,
    /// E-mail.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Roles held.
    pub roles: Roles,
    pub org: Option<OrgId>,
    /// Organisation name, if any.
    pub org_name: Option<String>,
}

/// One organisation in the admin list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRow {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub parent: Option<OrgId>,
    /// Parent's name.
    pub parent_name: Option<String>,
}

/// One step of an edition's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineStep {
    /// Stage key (`submission` for the submission window).
    pub key: domain::scoring::StageKey,
    pub title: String,
    /// The stage's kind; none for the submission window.
    pub kind: Option<StageKind>,
    /// Opens, RFC 3339 in the edition's time zone.
    pub opens_at: String,
    /// Closes, RFC 3339 in the edition's time zone.
    pub closes_at: String,
    /// Where `now` stands relative to the window.
    pub phase: Phase,
}

/// Where a window stands relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Closed.
    Done,
    /// Open now.
    Current,
    /// Not yet open.
    Upcoming,
}

/// A category as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub key: String,
    pub label: String,
}

/// The label of category `key` among `categories` (the key itself when unknown).
#[must_use]
pub fn category_label(categories: &[CategoryView], key: &str) -> String {
    categories
        .iter()
        .find(|category| category.key == key)
        .map_or_else(|| key.to_owned(), |category| category.label.clone())
}

/// An edition with its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionView {
    /// URL key.
    pub slug: String,
    pub year: i32,
    pub title: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Group keys.
    pub groups: Vec<Group>,
    pub categories: Vec<CategoryView>,
    /// Submission window and stages, in order.
    pub timeline: Vec<TimelineStep>,
    /// Whether results are published.
    pub results_published: bool,
    /// Number of entries.
    pub entry_count: i64,
}

/// An entry as listed to its organisation or to the committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryListing {
    pub id: EntryId,
    /// Innovation title.
    pub title: String,
    /// Organisation name.
    pub org_name: String,
    /// Group key.
    pub group: Group,
    /// Category key.
    pub category: String,
    pub state: EntryStatus,
    /// Edition slug.
    pub edition: String,
}

/// One of a judge's assigned entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub stage: StageId,
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    /// Category key.
    pub category: String,
    pub stage_title: String,
    /// Stage closes, RFC 3339 in the edition's time zone.
    pub stage_closes_at: String,
    /// None until the judge saves a sheet.
    pub sheet_state: Option<SheetState>,
    /// Whether the stage is heard as presentations (it then has a console).
    pub presentation: bool,
}

/// The committee's overview numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOverview {
    /// Editions, newest first.
    pub editions: Vec<EditionView>,
    /// Organisations.
    pub organisation_count: i64,
    /// Accounts.
    pub user_count: i64,
    /// Judges who stepped back from an entry that still needs another judge.
    pub recusals: Vec<RecusalRow>,
}

/// A judge's recusal, flagged to the committee until the entry is reassigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecusalRow {
    pub stage: StageId,
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    pub stage_title: String,
    /// The judge's name.
    pub judge_name: String,
    /// Their reason.
    pub reason: String,
    /// When, RFC 3339 in the edition's time zone.
    pub recused_at: String,
}

/// Demo sign-in details, shown on the login page when the server runs `--demo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoHint {
    /// The shared password.
    pub password: String,
    /// `(email, role key)` pairs.
    pub accounts: Vec<(String, String)>,
}

/// One revision of a sheet, as the judge's device sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRevision {
    /// Criterion key → value; criteria not yet scored are absent.
    pub values: BTreeMap<String, f64>,
    /// Criterion key → comment.
    pub comments: BTreeMap<String, String>,
    /// Overall comment.
    pub comment: String,
    /// Submit (every criterion must then have a value) or keep as a draft.
    pub submit: bool,
    /// The revision this change was made on (0 for a new sheet).
    pub base_revision: i64,
    /// A key the device made for this revision (a UUID or similar).
    pub idempotency_key: String,
}

/// The stored sheet after a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSheet {
    /// The stored revision.
    pub revision: i64,
    pub state: SheetState,
    /// Whether this request was a replay of a revision already applied.
    pub replayed: bool,
}

/// Everything a judge needs to score one entry: the proposal, the rubric and their
/// own sheet — never another judge's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringView {
    /// The judge's own account key (the device keeps sheets per judge).
    pub judge: UserId,
    pub stage: StageId,
    pub stage_title: String,
    /// Closes, RFC 3339 in the edition's zone.
    pub closes_at: String,
    /// Whether the stage accepts sheets now.
    pub open: bool,
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    /// Organisation; none when the stage is blind.
    pub org_name: Option<String>,
    /// Category label.
    pub category: String,
    /// Proposal answers by section key, in template order.
    pub sections: Vec<(String, String)>,
    /// Video link.
    pub video_url: Option<String>,
    /// Evidence files (opened through `/evidence/{id}`).
    pub evidence: Vec<EvidenceView>,
    /// The stage's rubric: the form's criteria, and the live total computed with
    /// the same arithmetic as the server.
    pub rubric: Rubric,
    /// Criterion key → value already saved.
    pub values: BTreeMap<String, f64>,
    /// Criterion key → comment already saved.
    pub comments: BTreeMap<String, String>,
    /// Overall comment.
    pub comment: String,
    /// None until the judge saves a sheet.
    pub state: Option<SheetState>,
    /// The stored revision (0 when there is no sheet yet).
    pub revision: i64,
    /// The judge's own earlier revisions, newest first.
    pub history: Vec<RevisionRow>,
}

/// One revision of the judge's own sheet, as its history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionRow {
    /// Its number.
    pub revision: i64,
    pub state: SheetState,
    /// When the server applied it, RFC 3339 in the edition's zone.
    pub saved_at: String,
    /// Its weighted total (criteria not scored count as their minimum).
    pub total: Option<f64>,
}

/// What a judge's presentation console shows: the panel's queue in running order
/// and the stage clock the chair runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub stage: StageId,
    pub stage_title: String,
    /// Whether the caller chairs the panel (and so runs the clock).
    pub is_chair: bool,
    /// Whether the stage has a chair at all.
    pub has_chair: bool,
    /// Whether the stage accepts sheets now.
    pub open: bool,
    /// Slot and video length.
    pub slot: domain::presentation::Slot,
    /// The caller's entries in running order.
    pub queue: Vec<QueueItem>,
    /// The clock, once the chair has started it.
    pub clock: Option<ClockView>,
    /// The server's time when this was read (milliseconds since the epoch), so a
    /// device with a wrong clock still shows the right time left.
    pub server_now_ms: i64,
}

/// One entry in the presentation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub entry: EntryId,
    pub title: String,
    /// Organisation; none when the stage is blind.
    pub org_name: Option<String>,
    /// Category label.
    pub category: String,
    /// None until the judge saves a sheet.
    pub sheet_state: Option<SheetState>,
}

/// The stage clock: which entry presents and how long it has run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClockView {
    /// The entry presenting.
    pub entry: EntryId,
    pub clock: domain::presentation::Clock,
}

/// A scoring stage the committee can assign judges to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignableStage {
    pub id: StageId,
    /// "Edition — stage" for the picker.
    pub label: String,
}

/// What automatic assignment would do in a stage, before it is applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentPreview {
    pub stage: StageId,
    /// Judges per entry asked for.
    pub judges_per_entry: usize,
    /// Entries the stage hears.
    pub entries: usize,
    /// Assignments the plan adds.
    pub new_assignments: usize,
    /// Per judge: name, entries now, entries after.
    pub loads: Vec<(String, usize, usize)>,
    /// Entries that cannot get enough judges: title, judges lacking.
    pub short: Vec<(String, usize)>,
}

/// Reads the state of a sheet kept on a judge's device. Devices in the field
/// may hold one written before the state was typed: `"none"` (or nothing) for
/// no sheet yet, which must read as none rather than make the judge's queued
/// scores unreadable.
pub fn de_device_sheet_state<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<SheetState>, D::Error> {
    let stored = Option::<String>::deserialize(deserializer)?;
    Ok(stored.and_then(|state| state.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Kept {
        #[serde(default, deserialize_with = "de_device_sheet_state")]
        state: Option<SheetState>,
    }

    fn read(json: &str) -> Result<Option<SheetState>, serde_json::Error> {
        serde_json::from_str::<Kept>(json).map(|kept| kept.state)
    }

    #[test]
    fn a_device_reads_the_sheet_states_it_kept_before_and_after_they_were_typed() {
        assert_eq!(read(r#"{"state": "none"}"#).ok(), Some(None));
        assert_eq!(read(r#"{"state": ""}"#).ok(), Some(None));
        assert_eq!(read(r#"{}"#).ok(), Some(None));
        assert_eq!(read(r#"{"state": null}"#).ok(), Some(None));
        assert_eq!(
            read(r#"{"state": "draft"}"#).ok(),
            Some(Some(SheetState::Draft))
        );
        assert_eq!(
            read(r#"{"state": "submitted"}"#).ok(),
            Some(Some(SheetState::Submitted))
        );
    }
}

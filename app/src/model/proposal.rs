//! What the entrant pages exchange with the server: the proposal form, a save,
//! the organisation's review actions, and the entry's history.

use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use domain::ids::InnovationId;
use domain::ids::UserId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The text of a proposal: what a save sends and a conflict shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftContent {
    /// Section key → text.
    pub answers: BTreeMap<String, String>,
    /// Video link as typed.
    pub video_url: String,
    /// Whether the declarations are accepted.
    pub declarations: bool,
}

/// One save of a proposal, based on the version the writer last had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSave {
    pub entry: EntryId,
    /// The version this text was written on.
    pub base_version: i64,
    /// The text.
    pub content: DraftContent,
}

/// The server's answer to a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    /// The version now stored.
    pub version: i64,
    /// When, `HH:MM` in the edition's time zone.
    pub saved_at: String,
    /// What would stop a submission (kept in the draft, shown beside the fields).
    pub problems: Vec<crate::error::FieldError>,
}

/// A section of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    /// Key (`ringkasan`).
    pub key: String,
    /// Heading.
    pub label: String,
    /// What to write about.
    pub prompt: String,
    /// Most words.
    pub word_limit: usize,
    /// Needed to submit.
    pub required: bool,
}

/// What the viewer may do with the entry now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryActions {
    /// Edit the text.
    pub edit: bool,
    /// Endorse it (coordinator).
    pub endorse: bool,
    /// Send it back with a comment (coordinator).
    pub send_back: bool,
    /// Submit it to the committee (coordinator).
    pub submit: bool,
    /// Give it its own later deadline (admin).
    pub extend: bool,
}

/// The organisation's quota in the entry's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaView {
    /// Entries allowed.
    pub allowed: u32,
    /// Entries already submitted.
    pub used: u32,
}

/// One step of the entry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStep {
    /// `DD Mon YYYY HH:MM` in the edition's zone, as `YYYY-MM-DD HH:MM`.
    pub at: String,
    /// Action key without the `entry.` prefix (`submit`, `return`, …).
    pub action: String,
    /// Who (their name), when known.
    pub actor: Option<String>,
    /// A comment recorded with it (a return's reason, a new deadline).
    pub note: Option<String>,
}

/// One evidence file attached to a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    /// Its address is `/evidence/{id}`.
    pub id: EvidenceId,
    /// Section key.
    pub section: String,
    /// Shown name.
    pub name: String,
    /// Whether it is an image (shown inline) rather than a PDF.
    pub is_image: bool,
    /// Size in kilobytes, rounded up.
    pub size_kb: u64,
}

/// Everything the proposal page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub entry: EntryId,
    /// The viewer's account key (device copies are kept per person).
    pub viewer: UserId,
    /// Innovation title.
    pub title: String,
    /// Organisation name.
    pub org_name: String,
    pub edition_title: String,
    /// Group key.
    pub group: Group,
    /// Category label.
    pub category: String,
    pub state: EntryStatus,
    /// The reviewer's comment while the entry is returned.
    pub return_comment: Option<String>,
    /// The form's sections, in order.
    pub sections: Vec<SectionView>,
    /// The stored text.
    pub content: DraftContent,
    /// The stored version.
    pub version: i64,
    /// The deadline as milliseconds since the epoch (for the countdown).
    pub closes_at_ms: Option<i64>,
    /// The deadline in the edition's zone, `YYYY-MM-DD HH:MM`.
    pub closes_at: Option<String>,
    /// The edition's time zone.
    pub time_zone: String,
    /// Whether the deadline has passed (for this entry).
    pub closed: bool,
    /// What the viewer may do.
    pub actions: EntryActions,
    /// The quota in the entry's group, if the edition sets one.
    pub quota: Option<QuotaView>,
    /// What would stop a submission now.
    pub problems: Vec<crate::error::FieldError>,
    /// The entry's history, oldest first.
    pub history: Vec<HistoryStep>,
    /// Evidence files, oldest first.
    pub evidence: Vec<EvidenceView>,
    /// The largest evidence file accepted, in megabytes.
    pub upload_limit_mb: u64,
    /// The judges' remarks (stage title, remark), once results are published and
    /// the edition shares feedback; never who wrote them.
    pub feedback: Vec<(String, String)>,
}

/// An edition open for entries, as the new-entry form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenEdition {
    pub key: EditionId,
    pub title: String,
    /// Groups it runs.
    pub groups: Vec<Group>,
    /// Categories (`key`, `label`).
    pub categories: Vec<(String, String)>,
    /// Closing time in its zone.
    pub closes_at: String,
    /// Years an innovation must have run.
    pub minimum_years: u32,
}

/// What the new-entry form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntryOptions {
    /// Editions open for entries now.
    pub editions: Vec<OpenEdition>,
    /// The organisation's innovations (id, title), to enter one again.
    pub innovations: Vec<(InnovationId, String)>,
}

/// One section of an edition's proposal template, as the template editor shows
/// it and posts it back (every field a string or a ticked box, as a form sends).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateRow {
    /// Stable key.
    pub key: String,
    /// Heading.
    pub label: String,
    /// What to write about.
    pub prompt: String,
    /// Most words, as typed.
    pub word_limit: String,
    /// Ticked: needed to submit.
    pub required: Option<String>,
    /// Ticked: evidence expected.
    pub evidence: Option<String>,
    /// Ticked: shown on the public profile once results are published.
    #[serde(default)]
    pub public: Option<String>,
    /// Ticked: in the `umum` form.
    pub umum: Option<String>,
    /// Ticked: in the `replikasi` form.
    pub replikasi: Option<String>,
    /// Ticked: in the `khusus` form.
    pub khusus: Option<String>,
    /// Ticked: drop this section.
    pub remove: Option<String>,
}

/// An edition's proposal template in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    /// Edition slug.
    pub slug: String,
    /// Edition title.
    pub title: String,
    /// The groups the edition runs.
    pub groups: Vec<Group>,
    /// Whether the edition has its own template (else the national form).
    pub edited: bool,
    /// Entries already started (their text is kept under the old keys).
    pub entries: i64,
    /// The sections in form order.
    pub rows: Vec<TemplateRow>,
}

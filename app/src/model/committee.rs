//! What the committee's stage dashboard and advancement pages show.

use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::ObjectionId;
use domain::ids::UserId;
use domain::objection::ObjectionOutcome;
use domain::scoring::{AdvancementRule, Aggregation, StageKey};
use serde::{Deserialize, Serialize};

/// A scoring stage at a glance: progress, the matrix of totals, calibration and
/// the current ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageDashboard {
    /// The stage's key within the edition (`desk`).
    pub stage: StageKey,
    pub title: String,
    /// The edition's slug.
    pub edition_slug: String,
    /// The edition's title.
    pub edition_title: String,
    pub aggregation: Aggregation,
    /// The advancement rule.
    pub rule: AdvancementRule,
    /// Closes (RFC 3339, the edition's zone).
    pub closes_at: String,
    /// Whether the committee has applied the advancement.
    pub decided: bool,
    /// Sheets submitted, of those assigned (recusals not counted).
    pub submitted: usize,
    /// Sheets assigned (recusals not counted).
    pub assigned: usize,
    /// Judges, by name.
    pub judges: Vec<JudgeProgress>,
    /// Entries, by category then title.
    pub entries: Vec<EntryProgress>,
    /// The stage's inter-rater agreement (ICC(1)), when it can be computed.
    pub agreement: Option<f64>,
    /// The ranking, per category.
    pub ranking: Vec<RankingGroup>,
    /// Every active judge (key, name), for assigning one by hand.
    #[serde(default)]
    pub all_judges: Vec<(UserId, String)>,
    /// The standing assignments (`ENTRY/JUDGE`, "title — judge"), for taking a
    /// judge off an entry.
    #[serde(default)]
    pub standing: Vec<(String, String)>,
    /// A presentation stage's schedule; `None` for a desk stage.
    #[serde(default)]
    pub presentation: Option<Vec<ScheduleSlot>>,
    /// Whether it is a field stage (visits on site).
    #[serde(default)]
    pub field: bool,
}

/// One slot of a presentation stage's schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleSlot {
    /// Starts (RFC 3339, the edition's zone).
    pub starts_at: String,
    /// Ends (RFC 3339, the edition's zone).
    pub ends_at: String,
    pub entry: EntryId,
    pub title: String,
    /// How many judges hear it.
    pub judges: usize,
}

/// One judge's progress and calibration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeProgress {
    /// Account key.
    pub judge: UserId,
    pub name: String,
    /// Entries assigned (not recused).
    pub assigned: usize,
    /// Sheets submitted.
    pub submitted: usize,
    /// Sheets in draft.
    pub drafts: usize,
    /// Mean of their submitted totals.
    pub mean: Option<f64>,
    /// Population standard deviation of their totals.
    pub std_dev: Option<f64>,
    /// How far above (+) or below (−) the panels they sit on they score, on average.
    pub deviation: Option<f64>,
}

/// One entry's progress, and its row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryProgress {
    pub entry: EntryId,
    pub title: String,
    /// Category label.
    pub category: String,
    /// Judges assigned (not recused).
    pub assigned: usize,
    /// Sheets submitted.
    pub submitted: usize,
    /// Highest minus lowest submitted total.
    pub spread: Option<f64>,
    /// Whether the judges disagree beyond the threshold.
    pub disagreement: bool,
    /// One cell per judge, in the order of [`StageDashboard::judges`].
    pub cells: Vec<MatrixCell>,
}

/// One cell of the entries × judges matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatrixCell {
    /// The judge is not on this entry.
    NotAssigned,
    /// Assigned; nothing submitted yet.
    Waiting,
    /// A draft is saved.
    Draft,
    /// Submitted, with its total.
    Submitted {
        /// The sheet total, 0–100.
        total: f64,
    },
    /// The judge stepped back.
    Recused,
}

/// One category's ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingGroup {
    /// Category label.
    pub category: String,
    /// Entries in display order.
    pub rows: Vec<RankingRow>,
}

/// One ranked entry, with what the rule (or the committee's decision) gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingRow {
    pub entry: EntryId,
    pub title: String,
    /// Organisation's name.
    pub organisation: String,
    /// Stage score, full precision.
    pub score: f64,
    /// Rank in the category.
    pub rank: u32,
    /// Shares its rank.
    pub tied: bool,
    /// Sheets the score rests on.
    pub sheets: usize,
    /// Advances (as decided, or as the rule gives).
    pub advances: bool,
    /// Advances only through a tie at the cut.
    pub tied_at_cut: bool,
    /// What the rule alone gives (before any override).
    pub by_rule: bool,
    /// The committee's reason where it overrode the rule.
    pub override_reason: Option<String>,
}

/// What applying a stage's advancement would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdvancementPreview {
    /// The dashboard's view of the stage (ranking included).
    pub dashboard: StageDashboard,
    /// Entries heard with no submitted sheet: not ranked, they do not advance.
    pub unscored: Vec<String>,
    /// Assigned sheets not submitted.
    pub unsubmitted: usize,
    /// While the stage is still open, when it closes (in the edition's zone):
    /// advancement waits for it, or for the committee to close it early.
    #[serde(default)]
    pub open_until: Option<String>,
}

/// One line of the audit log as the committee reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When (RFC 3339, Asia/Jakarta).
    pub at: String,
    /// When, exactly (RFC 3339 UTC): the next page starts before it.
    pub cursor: String,
    /// Who (their name); none for the system (the CLI, the demo loader).
    pub actor: Option<String>,
    /// What (`entry.submit`, `results.publish`, `sheet.submitted`, …).
    pub action: String,
    /// To what.
    pub target: String,
    /// The state before, as JSON.
    pub before: Option<String>,
    /// The state after, as JSON.
    pub after: Option<String>,
}

/// The screening page of an edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningView {
    /// The edition's title.
    pub edition_title: String,
    /// The checklist items.
    pub checklist: Vec<String>,
    /// Entries submitted or screened, by title.
    pub rows: Vec<ScreeningRow>,
}

/// One entry on the screening page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRow {
    pub entry: EntryId,
    pub title: String,
    /// Organisation's name.
    pub organisation: String,
    /// Group key.
    pub group: Group,
    /// Category label.
    pub category: String,
    pub state: EntryStatus,
    /// The checklist items ticked when it was decided.
    pub checks: Vec<String>,
    /// Why it failed, if it did.
    pub reason: String,
}

/// One account in the committee's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    /// Key.
    pub id: UserId,
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Role keys.
    pub roles: Vec<String>,
    /// Organisation's name.
    pub org_name: Option<String>,
    /// May sign in.
    pub active: bool,
    /// Has set a password.
    pub has_password: bool,
}

/// An invitation as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    /// The account's e-mail.
    pub email: String,
    /// The account's name.
    pub name: String,
}

/// An edition's objection window as the public page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionWindow {
    /// The edition's title.
    pub edition_title: String,
    /// The stage's title.
    pub stage_title: String,
    /// Opens (RFC 3339, the edition's zone).
    pub opens_at: String,
    /// Closes.
    pub closes_at: String,
    /// Whether objections are accepted now.
    pub open: bool,
    /// The finalists objections may concern: (entry, title, organisation).
    pub finalists: Vec<(EntryId, String, String)>,
}

/// One objection as the committee reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionRow {
    pub id: ObjectionId,
    /// Reference given to the person.
    pub reference: String,
    /// The entry's title.
    pub title: String,
    /// Who filed it.
    pub name: String,
    /// How to reach them.
    pub contact: String,
    /// Why.
    pub reason: String,
    /// Evidence (a link or a description).
    pub evidence: String,
    /// When (RFC 3339, the edition's zone).
    pub filed_at: String,
    /// The committee's response.
    pub response: Option<String>,
    /// None until the committee answers.
    pub outcome: Option<ObjectionOutcome>,
}

/// The committee's objections page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionsView {
    /// The window (none when the edition has no objection stage).
    pub window: Option<ObjectionWindow>,
    /// Every objection, oldest first.
    pub rows: Vec<ObjectionRow>,
}

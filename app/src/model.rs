//! Shapes that cross the wire between server functions and pages. Plain data:
//! both the server and the browser compile this module.

use domain::role::Roles;
use serde::{Deserialize, Serialize};

/// The signed-in person, as pages see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Account key.
    pub id: String,
    /// E-mail.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Roles held.
    pub roles: Roles,
    /// Organisation key, if any.
    pub org: Option<String>,
    /// Organisation name, if any.
    pub org_name: Option<String>,
}

/// One organisation in the admin list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRow {
    /// Record key.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind key (`pd`, `puskesmas`, …).
    pub kind: String,
    /// Parent's key.
    pub parent: Option<String>,
    /// Parent's name.
    pub parent_name: Option<String>,
}

/// One step of an edition's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineStep {
    /// Stage key (`submission` for the submission window).
    pub key: String,
    /// Title.
    pub title: String,
    /// `submission`, `screening`, `scoring` or `objection`.
    pub kind: String,
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
    /// Key.
    pub key: String,
    /// Label.
    pub label: String,
}

/// An edition with its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionView {
    /// URL key.
    pub slug: String,
    /// Year.
    pub year: i32,
    /// Title.
    pub title: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Group keys.
    pub groups: Vec<String>,
    /// Categories.
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
pub struct EntryRow {
    /// Record key.
    pub id: String,
    /// Innovation title.
    pub title: String,
    /// Organisation name.
    pub org_name: String,
    /// Group key.
    pub group: String,
    /// Category key.
    pub category: String,
    /// State key.
    pub state: String,
    /// Edition slug.
    pub edition: String,
}

/// One of a judge's assigned entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    /// Entry key.
    pub entry: String,
    /// Entry title.
    pub title: String,
    /// Category key.
    pub category: String,
    /// Stage title.
    pub stage_title: String,
    /// Stage closes, RFC 3339 in the edition's time zone.
    pub stage_closes_at: String,
    /// `none`, `draft` or `submitted`.
    pub sheet_state: String,
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
}

/// Demo sign-in details, shown on the login page when the server runs `--demo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoHint {
    /// The shared password.
    pub password: String,
    /// `(email, role key)` pairs.
    pub accounts: Vec<(String, String)>,
}

//! What entering an innovation in an edition reads and writes: the editions open
//! for entries, an organisation's innovations, and the one transaction that
//! creates the innovation (when new), the entry and its audit event.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_one, query_rows};
use crate::binds;
use crate::model::CategoryView;
use domain::edition::Group;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use domain::ids::OrgId;
use domain::ids::UserId;
use jiff::Timestamp;
use serde::Deserialize;

/// An edition's rules for entering.
#[derive(Debug, Clone, Deserialize)]
pub struct EntryRules {
    /// Edition key.
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    pub title: String,
    /// IANA zone.
    pub time_zone: String,
    /// Group keys.
    pub groups: Vec<Group>,
    pub categories: Vec<CategoryView>,
    /// Submission window.
    pub submission_opens_at: Option<Timestamp>,
    /// Submission window.
    pub submission_closes_at: Option<Timestamp>,
    /// Years an innovation must have run.
    #[serde(default)]
    pub minimum_years: u32,
}

const RULES: &str = "SELECT id, title, time_zone, groups, categories, submission_opens_at, submission_closes_at, minimum_years FROM edition";

/// Editions whose submission window is open at `now`, closing soonest first.
pub async fn open_editions(db: &Db, now: Timestamp) -> Result<Vec<EntryRules>, DbError> {
    query_rows(
        db,
        &format!(
            "{RULES} WHERE submission_opens_at <= $now AND submission_closes_at > $now ORDER BY submission_closes_at;"
        ),
        binds![("now", Binding::datetime(now))],
        0,
    )
    .await
}

/// The rules of edition `edition`, if it exists.
pub async fn rules(db: &Db, edition: &EditionId) -> Result<Option<EntryRules>, DbError> {
    query_one(
        db,
        &format!("{RULES} WHERE id = $id;"),
        binds![("id", Binding::id(edition))],
    )
    .await
}

/// An innovation with what eligibility looks at.
#[derive(Debug, Clone, Deserialize)]
pub struct InnovationRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: InnovationId,
    pub title: String,
    /// Owner organisation.
    #[serde(deserialize_with = "de_key")]
    pub org: OrgId,
    /// Start of implementation, `YYYY-MM-DD`.
    pub started_on: String,
    /// Past awards.
    #[serde(default)]
    pub awards: Vec<serde_json::Value>,
    /// Whether it names what it replicates (a stored link or a name).
    #[serde(default)]
    pub names_original: bool,
    /// Whether it earned an outcome at the province or the nation.
    #[serde(default)]
    pub went_on: bool,
}

const INNOVATION: &str = "SELECT id, title, org, started_on, awards, \
    (replicated_from != NONE OR (replicates ?? '') != '') AS names_original, \
    count((SELECT id FROM onward_outcome WHERE innovation = $parent.id LIMIT 1)) > 0 AS went_on FROM innovation";

/// The innovations of organisation `org`, by title.
pub async fn innovations_of(db: &Db, org: &OrgId) -> Result<Vec<InnovationRecord>, DbError> {
    query_rows(
        db,
        &format!("{INNOVATION} WHERE org = $org ORDER BY title;"),
        binds![("org", Binding::id(org))],
        0,
    )
    .await
}

/// The innovation `key`, if it exists.
pub async fn innovation(db: &Db, key: &InnovationId) -> Result<Option<InnovationRecord>, DbError> {
    query_one(
        db,
        &format!("{INNOVATION} WHERE id = $id;"),
        binds![("id", Binding::id(key))],
    )
    .await
}

/// A new innovation, written with its first entry.
#[derive(Debug, Clone)]
pub struct InnovationWrite<'a> {
    pub key: &'a InnovationId,
    pub title: &'a str,
    /// Owner organisation.
    pub org: &'a OrgId,
    /// `YYYY-MM-DD`.
    pub started_on: &'a str,
    /// Digital or not.
    pub digital: bool,
    /// The innovation it replicates, by name (often from another region).
    pub replicates: Option<&'a str>,
}

/// The statement that creates an innovation (bindings prefixed `innovation_`).
#[must_use]
pub fn create_innovation(innovation: &InnovationWrite<'_>) -> Statement {
    Statement::new(
        "CREATE $innovation_id SET title = $innovation_title, org = $innovation_org,
             started_on = $innovation_started_on, digital = $innovation_digital, sdgs = [],
             awards = [], replicates = $innovation_replicates;",
        binds![
            ("innovation_id", Binding::id(innovation.key)),
            ("innovation_title", Binding::of(&innovation.title)),
            ("innovation_org", Binding::id(innovation.org)),
            ("innovation_started_on", Binding::of(&innovation.started_on)),
            ("innovation_digital", Binding::of(&innovation.digital)),
            ("innovation_replicates", Binding::of(&innovation.replicates)),
        ],
    )
}

/// A new draft entry.
#[derive(Debug, Clone)]
pub struct EntryWrite<'a> {
    pub key: &'a EntryId,
    /// Edition key.
    pub edition: &'a EditionId,
    pub innovation: &'a InnovationId,
    /// Organisation key.
    pub org: &'a OrgId,
    pub title: &'a str,
    pub group: Group,
    /// Category key.
    pub category: &'a str,
    /// Who starts it.
    pub user: &'a UserId,
}

/// The statement that creates a draft entry (bindings prefixed `entry_`). An
/// innovation entered twice in one edition fails on the unique index.
#[must_use]
pub fn create_entry(entry: &EntryWrite<'_>) -> Statement {
    Statement::new(
        "CREATE $entry_id SET edition = $entry_edition, innovation = $entry_innovation,
             org = $entry_org, title = $entry_title, group = $entry_group,
             category = $entry_category, state = 'draft', sections = {}, version = 1,
             updated_by = $entry_user;",
        binds![
            ("entry_id", Binding::id(entry.key)),
            ("entry_edition", Binding::id(entry.edition)),
            ("entry_innovation", Binding::id(entry.innovation)),
            ("entry_org", Binding::id(entry.org)),
            ("entry_title", Binding::of(&entry.title)),
            ("entry_group", Binding::of(&entry.group)),
            ("entry_category", Binding::of(&entry.category)),
            ("entry_user", Binding::id(entry.user)),
        ],
    )
}

//! Objections against an edition's finalist list.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_rows};
use crate::binds;
use domain::ids::EditionId;
use domain::ids::ObjectionId;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::objection::ObjectionOutcome;
use domain::scoring::StageKey;
use jiff::Timestamp;
use serde::Deserialize;

/// An objection stage of an edition, with the edition's title.
#[derive(Debug, Clone, Deserialize)]
pub struct ObjectionStage {
    #[serde(deserialize_with = "de_key")]
    pub id: StageId,
    pub title: String,
    /// Position among the edition's stages.
    pub position: i64,
    /// When the window opens.
    pub opens_at: Timestamp,
    /// When the window closes.
    pub closes_at: Timestamp,
    /// The edition's key.
    #[serde(deserialize_with = "de_key")]
    pub edition: EditionId,
    /// The edition's title.
    pub edition_title: String,
    /// The edition's zone.
    pub time_zone: String,
}

/// The objection stages of the edition with `slug`, in order.
pub async fn stages(db: &Db, slug: &str) -> Result<Vec<ObjectionStage>, DbError> {
    query_rows(
        db,
        "SELECT id, title, position, opens_at, closes_at, edition, edition.title AS edition_title, edition.time_zone AS time_zone \
         FROM stage WHERE edition.slug = $slug AND kind = 'objection' ORDER BY position;",
        binds![("slug", Binding::of(&slug))],
        0,
    )
    .await
}

/// The key of the edition's last scoring stage before the stage at position
/// `before`: the stage whose finalists an objection stage is about.
pub async fn scoring_stage_before(
    db: &Db,
    edition: &EditionId,
    before: i64,
) -> Result<Option<StageKey>, DbError> {
    let keys: Vec<StageKey> = query_rows(
        db,
        "SELECT VALUE key FROM stage WHERE edition = $edition AND kind = 'scoring' AND position < $before \
         ORDER BY position DESC LIMIT 1;",
        binds![
            ("edition", Binding::id(edition)),
            ("before", Binding::of(&before)),
        ],
        0,
    )
    .await?;
    Ok(keys.into_iter().next())
}

/// A new objection.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewObjection {
    /// Reference given to the person.
    pub reference: String,
    /// Their name.
    pub name: String,
    /// E-mail or phone.
    pub contact: String,
    pub entry: EntryId,
    /// Why.
    pub reason: String,
    /// A link or a description of evidence.
    pub evidence: String,
}

/// Stores `objection` against stage `stage` of edition `edition`.
#[must_use]
pub fn create_statement(
    edition: &EditionId,
    stage: &StageId,
    objection: &NewObjection,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "CREATE objection SET edition = $o_edition, stage = $o_stage, entry = type::record('entry', $o.entry), \
            reference = $o.reference, name = $o.name, contact = $o.contact, reason = $o.reason, \
            evidence = $o.evidence, filed_at = $o_at;",
        binds![
            ("o_edition", Binding::id(edition)),
            ("o_stage", Binding::id(stage)),
            ("o", Binding::of(objection)),
            ("o_at", Binding::datetime(at)),
        ],
    )
}

/// A stored objection.
#[derive(Debug, Clone, Deserialize)]
pub struct ObjectionRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: ObjectionId,
    pub reference: String,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    pub name: String,
    pub contact: String,
    pub reason: String,
    pub evidence: String,
    /// Filed.
    pub filed_at: Timestamp,
    #[serde(default)]
    pub response: Option<String>,
    #[serde(default)]
    pub outcome: Option<ObjectionOutcome>,
    /// The edition's zone.
    pub time_zone: String,
}

/// Every objection of the edition with `slug`, oldest first.
pub async fn for_edition(db: &Db, slug: &str) -> Result<Vec<ObjectionRecord>, DbError> {
    query_rows(
        db,
        "SELECT id, reference, entry, entry.title AS title, name, contact, reason, evidence, filed_at, response, outcome, \
                edition.time_zone AS time_zone FROM objection WHERE edition.slug = $slug ORDER BY filed_at;",
        binds![("slug", Binding::of(&slug))],
        0,
    )
    .await
}

/// Records the committee's answer to objection `key`.
#[must_use]
pub fn answer_statement(
    key: &ObjectionId,
    response: &str,
    outcome: ObjectionOutcome,
    by: &UserId,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "UPDATE $objection SET response = $answer_response, outcome = $answer_outcome, answered_by = $answer_by, answered_at = $answer_at;",
        binds![
            ("objection", Binding::id(key)),
            ("answer_response", Binding::of(&response)),
            ("answer_outcome", Binding::of(&outcome)),
            ("answer_by", Binding::id(by)),
            ("answer_at", Binding::datetime(at)),
        ],
    )
}

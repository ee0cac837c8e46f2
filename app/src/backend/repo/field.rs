//! Field verification as stored: each field stage's claimed sections, the
//! edition's field rule, the visits, the team's findings and photos, and the
//! committee's decisions on referred entries (schema 017).

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, de_keys, query_rows};
use crate::binds;
use domain::field::{FieldRule, Finding};
use domain::ids::{EditionId, EntryId, FieldPhotoId, StageId, UserId, VisitId};
use domain::scoring::StageKey;
use domain::stage::StageFormat;
use jiff::Timestamp;
use serde::Deserialize;

/// A scoring stage with what field verification needs of it and its edition.
#[derive(Debug, Clone, Deserialize)]
pub struct FieldStageRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: StageId,
    pub key: StageKey,
    pub title: String,
    #[serde(default)]
    pub format: Option<StageFormat>,
    /// Section keys holding verifiable claims.
    #[serde(default)]
    pub field_claims: Vec<String>,
    /// Whether a standing publication covers the stage.
    #[serde(default)]
    pub published: bool,
    #[serde(deserialize_with = "de_key")]
    pub edition: EditionId,
    pub edition_slug: String,
    pub edition_title: String,
    pub time_zone: String,
    pub field_rule: Option<FieldRule>,
    /// The edition's own proposal template, if edited.
    #[serde(default)]
    pub template: Option<serde_json::Value>,
}

impl FieldStageRecord {
    /// The edition's proposal template: its own, else the national form.
    #[must_use]
    pub fn template(&self) -> domain::proposal::Template {
        super::templates::own_or_national(self.template.as_ref())
    }
}

const STAGE_FIELDS: &str = "SELECT id, key, title, format, field_claims, published, edition, \
    edition.slug AS edition_slug, edition.title AS edition_title, \
    edition.time_zone AS time_zone, edition.field_rule AS field_rule, \
    edition.template AS template FROM stage";

/// The scoring stage `key` of the edition `slug`.
pub async fn stage(
    db: &Db,
    slug: &str,
    key: &StageKey,
) -> Result<Option<FieldStageRecord>, DbError> {
    let rows = query_rows(
        db,
        &format!("{STAGE_FIELDS} WHERE edition.slug = $slug AND key = $key AND kind = 'scoring';"),
        binds![("slug", Binding::of(&slug)), ("key", Binding::of(key))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next())
}

/// The stage `stage`.
pub async fn stage_by_id(db: &Db, stage: &StageId) -> Result<Option<FieldStageRecord>, DbError> {
    let rows = query_rows(
        db,
        &format!("{STAGE_FIELDS} WHERE id = $stage;"),
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next())
}

/// The statement that sets which sections of `stage` hold claims.
#[must_use]
pub fn claims_statement(stage: &StageId, sections: &[String]) -> Statement {
    Statement::new(
        "UPDATE $stage SET field_claims = $claims;",
        binds![
            ("stage", Binding::id(stage)),
            ("claims", Binding::of(&sections))
        ],
    )
}

/// The statement that sets the edition's field rule.
#[must_use]
pub fn rule_statement(edition: &EditionId, rule: &FieldRule) -> Statement {
    Statement::new(
        "UPDATE $edition SET field_rule = $rule;",
        binds![
            ("edition", Binding::id(edition)),
            ("rule", Binding::of(rule))
        ],
    )
}

/// A stored visit with what its pages name.
#[derive(Debug, Clone, Deserialize)]
pub struct VisitRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: VisitId,
    #[serde(deserialize_with = "de_key")]
    pub stage: StageId,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub title: String,
    pub organisation: String,
    /// The entry's state key.
    pub state: domain::entry_state::EntryStatus,
    pub starts_at: Timestamp,
    pub address: String,
    #[serde(deserialize_with = "de_keys")]
    pub team: Vec<UserId>,
    /// The team's names, in the team's order.
    pub team_names: Vec<String>,
    /// The sections its stage marks as holding claims.
    #[serde(default)]
    pub claims: Vec<String>,
}

const VISIT_FIELDS: &str = "SELECT id, stage, entry, entry.title AS title, \
    entry.org.name AS organisation, entry.state AS state, starts_at, address, team, \
    team.map(|$member| $member.name) AS team_names, stage.field_claims AS claims FROM field_visit";

/// The visits of `stage`, earliest first.
pub async fn visits_of_stage(db: &Db, stage: &StageId) -> Result<Vec<VisitRecord>, DbError> {
    query_rows(
        db,
        &format!("{VISIT_FIELDS} WHERE stage = $stage ORDER BY starts_at, title;"),
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// The visits of every stage of `edition`.
pub async fn visits_of_edition(db: &Db, edition: &EditionId) -> Result<Vec<VisitRecord>, DbError> {
    query_rows(
        db,
        &format!("{VISIT_FIELDS} WHERE stage.edition = $edition ORDER BY starts_at, title;"),
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// The visits `judge` is on the team of, in stages whose results are not yet
/// published, earliest first.
pub async fn visits_of_judge(db: &Db, judge: &UserId) -> Result<Vec<VisitRecord>, DbError> {
    query_rows(
        db,
        &format!(
            "{VISIT_FIELDS} WHERE team CONTAINS $judge AND stage.published = false \
                ORDER BY starts_at, title;"
        ),
        binds![("judge", Binding::id(judge))],
        0,
    )
    .await
}

/// The visit `visit`.
pub async fn visit(db: &Db, visit: &VisitId) -> Result<Option<VisitRecord>, DbError> {
    let rows = query_rows(
        db,
        &format!("{VISIT_FIELDS} WHERE id = $visit;"),
        binds![("visit", Binding::id(visit))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next())
}

/// A visit to schedule.
#[derive(Debug, Clone)]
pub struct NewVisit<'a> {
    pub id: &'a VisitId,
    pub stage: &'a StageId,
    pub entry: &'a EntryId,
    pub starts_at: Timestamp,
    pub address: &'a str,
    pub team: &'a [UserId],
}

/// The statement that schedules a visit (the unique index refuses a second
/// visit to the same entry in the same stage).
#[must_use]
pub fn schedule_statement(visit: &NewVisit<'_>, by: Option<&UserId>, at: Timestamp) -> Statement {
    Statement::new(
        "CREATE $visit SET stage = $visit_stage, entry = $visit_entry, starts_at = $visit_starts, \
            address = $visit_address, team = $visit_team, scheduled_at = $visit_at, \
            scheduled_by = $visit_by;",
        binds![
            ("visit", Binding::id(visit.id)),
            ("visit_stage", Binding::id(visit.stage)),
            ("visit_entry", Binding::id(visit.entry)),
            ("visit_starts", Binding::datetime(visit.starts_at)),
            ("visit_address", Binding::of(&visit.address)),
            ("visit_team", Binding::ids(visit.team)),
            ("visit_at", Binding::datetime(at)),
            ("visit_by", Binding::optional_id(by)),
        ],
    )
}

/// The statement that removes a visit nothing was recorded on; it throws
/// [`Refusal::VisitRecorded`](crate::backend::db::Refusal) when a finding or
/// a photo arrived (checked in the same transaction as the removal).
#[must_use]
pub fn cancel_statement(visit: &VisitId) -> Statement {
    let recorded = crate::backend::db::Refusal::VisitRecorded.throw();
    Statement::new(
        format!(
            "IF count(SELECT id FROM field_finding WHERE visit = $cancelled) > 0 \
                OR count(SELECT id FROM field_photo WHERE visit = $cancelled) > 0 {{ {recorded} }}; \
             DELETE field_batch WHERE visit = $cancelled; DELETE $cancelled;"
        ),
        binds![("cancelled", Binding::id(visit))],
    )
}

/// A stored finding.
#[derive(Debug, Clone, Deserialize)]
pub struct FindingRecord {
    #[serde(deserialize_with = "de_key")]
    pub visit: VisitId,
    pub section: String,
    pub finding: Finding,
    pub note: String,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
    #[serde(default)]
    pub decided_at: Option<Timestamp>,
}

/// The findings of `visits`.
pub async fn findings(db: &Db, visits: &[VisitId]) -> Result<Vec<FindingRecord>, DbError> {
    if visits.is_empty() {
        return Ok(Vec::new());
    }
    query_rows(
        db,
        "SELECT visit, section, finding, note, recorded_by.name AS recorded_by_name, recorded_at, \
            decided_at FROM field_finding WHERE visit IN $visits ORDER BY recorded_at;",
        binds![("visits", Binding::ids(visits))],
        0,
    )
    .await
}

/// Whether `by`'s batch `key` was already applied.
pub async fn batch_seen(db: &Db, by: &UserId, key: &str) -> Result<bool, DbError> {
    let rows: Vec<serde_json::Value> = query_rows(
        db,
        "SELECT id FROM $batch;",
        binds![(
            "batch",
            Binding::record_of_parts("field_batch", &[by.as_str(), key])
        )],
        0,
    )
    .await?;
    Ok(!rows.is_empty())
}

/// The statement that records `by`'s batch `key` as applied (a second
/// `CREATE` of the same key fails the transaction: two copies sent at once
/// store one).
#[must_use]
pub fn batch_statement(key: &str, visit: &VisitId, by: &UserId, at: Timestamp) -> Statement {
    Statement::new(
        "CREATE $batch SET visit = $batch_visit, sent_by = $batch_by, received_at = $batch_at;",
        binds![
            (
                "batch",
                Binding::record_of_parts("field_batch", &[by.as_str(), key])
            ),
            ("batch_visit", Binding::id(visit)),
            ("batch_by", Binding::id(by)),
            ("batch_at", Binding::datetime(at)),
        ],
    )
}

/// One finding as a device sent it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FindingWrite<'a> {
    pub section: &'a str,
    pub finding: Finding,
    pub note: &'a str,
    /// When the verifier chose it (RFC 3339).
    pub decided_at: String,
}

/// The statement that records the team's `findings` on `visit`, one record
/// per claim keyed [visit, section]: a later word on a claim replaces the
/// earlier one (who said it and when are kept with it), an earlier one — a
/// tablet syncing late, a form rendered before a teammate's change — never
/// does, and a word that repeats what is stored changes nothing.
#[must_use]
pub fn findings_statement(
    visit: &VisitId,
    findings: &[FindingWrite<'_>],
    by: &UserId,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "FOR $row IN $finding_rows { \
            LET $finding_id = type::record('field_finding', [$finding_visit_key, $row.section]); \
            LET $stored = (SELECT decided_at, finding, note FROM $finding_id)[0]; \
            IF $stored = NONE OR ( \
                ($stored.decided_at = NONE OR $stored.decided_at <= <datetime> $row.decided_at) \
                AND ($stored.finding != $row.finding OR $stored.note != $row.note) \
            ) { \
                UPSERT $finding_id SET visit = $finding_visit, section = $row.section, \
                    finding = $row.finding, note = $row.note, recorded_by = $finding_by, \
                    recorded_at = $finding_at, decided_at = <datetime> $row.decided_at; \
            }; \
        };",
        binds![
            ("finding_rows", Binding::of(&findings)),
            ("finding_visit_key", Binding::of(&visit.as_str())),
            ("finding_visit", Binding::id(visit)),
            ("finding_by", Binding::id(by)),
            ("finding_at", Binding::datetime(at)),
        ],
    )
}

/// A stored photo.
#[derive(Debug, Clone, Deserialize)]
pub struct PhotoRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: FieldPhotoId,
    #[serde(deserialize_with = "de_key")]
    pub visit: VisitId,
    pub sha256: String,
    pub bytes: i64,
    pub taken_at: Timestamp,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    pub taken_by_name: String,
}

/// The photos of `visits`, in the order they were taken.
pub async fn photos(db: &Db, visits: &[VisitId]) -> Result<Vec<PhotoRecord>, DbError> {
    if visits.is_empty() {
        return Ok(Vec::new());
    }
    query_rows(
        db,
        "SELECT id, visit, sha256, bytes, taken_at, latitude, longitude, \
            taken_by.name AS taken_by_name FROM field_photo WHERE visit IN $visits \
            ORDER BY taken_at;",
        binds![("visits", Binding::ids(visits))],
        0,
    )
    .await
}

/// The photo `photo`.
pub async fn photo(db: &Db, photo: &FieldPhotoId) -> Result<Option<PhotoRecord>, DbError> {
    let rows = query_rows(
        db,
        "SELECT id, visit, sha256, bytes, taken_at, latitude, longitude, \
            taken_by.name AS taken_by_name FROM $photo;",
        binds![("photo", Binding::id(photo))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next())
}

/// A photo to store.
#[derive(Debug, Clone)]
pub struct NewPhoto<'a> {
    pub id: &'a FieldPhotoId,
    pub visit: &'a VisitId,
    pub sha256: &'a str,
    pub bytes: usize,
    pub taken_at: Timestamp,
    pub location: Option<(f64, f64)>,
    pub by: &'a UserId,
}

/// The statement that stores a photo (a second `CREATE` of the same key
/// fails: a photo is stored once however often it is sent); it throws
/// [`Refusal::TooManyPhotos`](crate::backend::db::Refusal) when the visit
/// already keeps `max` photos (counted in the same transaction).
#[must_use]
pub fn photo_statement(photo: &NewPhoto<'_>, max: usize, at: Timestamp) -> Statement {
    let full = crate::backend::db::Refusal::TooManyPhotos.throw();
    Statement::new(
        format!(
            "IF count(SELECT id FROM field_photo WHERE visit = $photo_visit) >= {max} {{ {full} }}; \
             CREATE $photo SET visit = $photo_visit, sha256 = $photo_sha, bytes = $photo_bytes, \
            taken_at = $photo_taken, latitude = $photo_lat, longitude = $photo_lon, \
            taken_by = $photo_by, received_at = $photo_at;"
        ),
        binds![
            ("photo", Binding::id(photo.id)),
            ("photo_visit", Binding::id(photo.visit)),
            ("photo_sha", Binding::of(&photo.sha256)),
            ("photo_bytes", Binding::of(&photo.bytes)),
            ("photo_taken", Binding::datetime(photo.taken_at)),
            (
                "photo_lat",
                Binding::of(&photo.location.map(|(lat, _)| lat))
            ),
            (
                "photo_lon",
                Binding::of(&photo.location.map(|(_, lon)| lon))
            ),
            ("photo_by", Binding::id(photo.by)),
            ("photo_at", Binding::datetime(at)),
        ],
    )
}

/// A committee decision on a referred entry.
#[derive(Debug, Clone, Deserialize)]
pub struct DecisionRecord {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub disqualify: bool,
    pub reason: String,
    pub decided_at: Timestamp,
}

/// The decisions on `entries`.
pub async fn decisions(db: &Db, entries: &[EntryId]) -> Result<Vec<DecisionRecord>, DbError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    query_rows(
        db,
        "SELECT entry, disqualify, reason, decided_at FROM field_decision WHERE entry IN $entries;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await
}

/// The statement that records the committee's decision on `entry`.
#[must_use]
pub fn decision_statement(
    entry: &EntryId,
    disqualify: bool,
    reason: &str,
    by: Option<&UserId>,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "UPSERT $decision SET entry = $decision_entry, disqualify = $decision_disqualify, \
            reason = $decision_reason, decided_by = $decision_by, decided_at = $decision_at;",
        binds![
            (
                "decision",
                Binding::record_of_parts("field_decision", &[entry.as_str()])
            ),
            ("decision_entry", Binding::id(entry)),
            ("decision_disqualify", Binding::of(&disqualify)),
            ("decision_reason", Binding::of(&reason)),
            ("decision_by", Binding::optional_id(by)),
            ("decision_at", Binding::datetime(at)),
        ],
    )
}

/// Entries of `edition` that a visit may be scheduled to: still in play.
pub async fn visitable_entries(
    db: &Db,
    edition: &EditionId,
) -> Result<Vec<(EntryId, String, String)>, DbError> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(deserialize_with = "de_key")]
        id: EntryId,
        title: String,
        organisation: String,
    }
    let rows: Vec<Row> = query_rows(
        db,
        "SELECT id, title, org.name AS organisation FROM entry WHERE edition = $edition \
            AND state IN ['screened_in', 'advanced'] ORDER BY title;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.title, row.organisation))
        .collect())
}

/// Those of `judges` who stepped back from `entry` in any stage: a conflict
/// of interest keeps them off the entry's visit too.
pub async fn recused(db: &Db, entry: &EntryId, judges: &[UserId]) -> Result<Vec<UserId>, DbError> {
    if judges.is_empty() {
        return Ok(Vec::new());
    }
    crate::backend::records::query_keys(
        db,
        "SELECT VALUE judge FROM assignment WHERE entry = $entry \
            AND judge IN $judges AND recused = true;",
        binds![
            ("entry", Binding::id(entry)),
            ("judges", Binding::ids(judges))
        ],
        0,
    )
    .await
}

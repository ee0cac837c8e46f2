//! Publications: frozen results documents. A publication is written once and only
//! ever withdrawn; the public reads the latest one not withdrawn.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{
    Binding, Statement, de_key, de_opt_key, query_keys, query_one, query_rows,
};
use crate::binds;
use crate::model::CompositionView;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::PublicationId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::StageKey;
use domain::stage::PublicationScope;
use jiff::Timestamp;
use serde::Deserialize;

/// A stored publication.
#[derive(Debug, Clone, Deserialize)]
pub struct PublicationRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: PublicationId,
    pub scope: PublicationScope,
    /// The frozen results document.
    pub document: serde_json::Value,
    /// When.
    pub published_at: Timestamp,
    /// By whom (none for the demo loader or the CLI).
    #[serde(default, deserialize_with = "de_opt_key")]
    pub published_by: Option<UserId>,
    /// When it was withdrawn, if it was.
    #[serde(default)]
    pub withdrawn_at: Option<Timestamp>,
    /// A final publication's winner-set check, as it stood.
    #[serde(default)]
    pub composition: Option<CompositionView>,
    /// Why the committee published a set that breaks a rule.
    #[serde(default)]
    pub composition_reason: Option<String>,
}

/// Which publication of an edition stands, the one rule every reader uses: the
/// newest that is not withdrawn (a condition on `publication`, with its order).
const STANDING: &str = "withdrawn_at = NONE ORDER BY published_at DESC LIMIT 1";

const SELECT: &str = "SELECT id, scope, document, published_at, published_by, withdrawn_at, \
    composition, composition_reason FROM publication";

/// Every publication of `edition`, newest first.
pub async fn for_edition(db: &Db, edition: &EditionId) -> Result<Vec<PublicationRecord>, DbError> {
    query_rows(
        db,
        &format!("{SELECT} WHERE edition = $edition ORDER BY published_at DESC;"),
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// The publication of `edition` that stands, if any.
pub async fn standing(db: &Db, edition: &EditionId) -> Result<Option<PublicationRecord>, DbError> {
    query_one(
        db,
        &format!("{SELECT} WHERE edition = $edition AND {STANDING};"),
        binds![("edition", Binding::id(edition))],
    )
    .await
}

/// The key of the newest publication of the edition with `slug` still
/// standing: what the public results page shows, without reading the document.
pub async fn standing_key(db: &Db, slug: &str) -> Result<Option<PublicationId>, DbError> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(deserialize_with = "de_key")]
        id: PublicationId,
    }
    let rows: Vec<Row> = query_rows(
        db,
        &format!(
            "SELECT id, published_at FROM publication WHERE edition.slug = $slug AND {STANDING};"
        ),
        binds![("slug", Binding::of(&slug))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next().map(|row| row.id))
}

/// What a change of publications leaves true, written once: a stage is
/// `published` while a standing publication holds it, and an edition's
/// `results_published` (the public has results to read) while any publication
/// stands. Judges' work, feedback, objections and entrants' histories ask the
/// stage, never the edition. Runs in the transaction
/// that publishes or withdraws (and after an import), so that every reader —
/// judges' lists, feedback, objections, entrants' histories — asks the stage.
#[must_use]
pub fn coverage_statement(edition: &EditionId) -> Statement {
    Statement::new(
        "LET $coverage_stages = array::flatten((SELECT VALUE stages FROM publication \
            WHERE edition = $coverage_edition AND withdrawn_at = NONE)); \
         UPDATE stage SET published = key INSIDE $coverage_stages WHERE edition = $coverage_edition; \
         UPDATE $coverage_edition SET results_published = count((SELECT VALUE id FROM publication \
            WHERE edition = $coverage_edition AND withdrawn_at = NONE)) > 0;",
        binds![("coverage_edition", Binding::id(edition))],
    )
}

/// The statements that publish `document` (holding the scoring stages
/// `stages`) as `key`, then bring coverage up to date.
#[must_use]
pub fn publish_statement(
    key: &PublicationId,
    edition: &EditionId,
    scope: &PublicationScope,
    stages: &[StageKey],
    document: &serde_json::Value,
    by: Option<&UserId>,
    at: Timestamp,
) -> Vec<Statement> {
    vec![
        Statement::new(
            "CREATE $publication SET edition = $publication_edition, scope = $publication_scope, \
                stages = $publication_stages, document = $publication_document, \
                published_at = $publication_at, published_by = $publication_by;",
            binds![
                ("publication", Binding::id(key)),
                ("publication_edition", Binding::id(edition)),
                ("publication_scope", Binding::of(scope)),
                ("publication_stages", Binding::of(&stages)),
                ("publication_document", Binding::of(document)),
                ("publication_at", Binding::datetime(at)),
                ("publication_by", Binding::optional_id(by)),
            ],
        ),
        coverage_statement(edition),
    ]
}

/// The statement that keeps, with the final publication `key` written in the
/// same transaction, the winner-set check as it stood and the committee's
/// reason for publishing a set that breaks a rule.
#[must_use]
pub fn composition_statement(
    key: &PublicationId,
    composition: &CompositionView,
    reason: Option<&str>,
) -> Statement {
    Statement::new(
        "UPDATE $composition_publication SET composition = $composition_checked, \
            composition_reason = $composition_reason;",
        binds![
            ("composition_publication", Binding::id(key)),
            ("composition_checked", Binding::of(composition)),
            ("composition_reason", Binding::of(&reason)),
        ],
    )
}

/// The statements that withdraw publication `key`, then bring coverage up to
/// date (an earlier publication may still stand).
#[must_use]
pub fn withdraw_statement(
    key: &PublicationId,
    edition: &EditionId,
    by: Option<&UserId>,
    at: Timestamp,
) -> Vec<Statement> {
    vec![
        Statement::new(
            "UPDATE $publication SET withdrawn_at = $publication_at, withdrawn_by = $publication_by;",
            binds![
                ("publication", Binding::id(key)),
                ("publication_at", Binding::datetime(at)),
                ("publication_by", Binding::optional_id(by)),
            ],
        ),
        coverage_statement(edition),
    ]
}

/// An entry's latest stage decision that a standing publication holds.
#[derive(Debug, Clone, Deserialize)]
pub struct PublishedDecision {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Whether it advanced.
    pub advanced: bool,
    /// The stage's position (later stages decide later).
    pub position: i64,
}

/// The stage decisions about `entries` in stages a standing publication holds,
/// latest stage first.
pub async fn published_decisions(
    db: &Db,
    entries: &[EntryId],
) -> Result<Vec<PublishedDecision>, DbError> {
    query_rows(
        db,
        "SELECT entry, advanced, stage.position AS position FROM stage_decision \
         WHERE entry IN $entries AND stage.published = true ORDER BY position DESC;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await
}

/// The keys of the stages of `edition` a standing publication holds.
pub async fn published_stages(db: &Db, edition: &EditionId) -> Result<Vec<StageId>, DbError> {
    query_keys(
        db,
        "SELECT VALUE id FROM stage WHERE edition = $edition AND published = true;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

/// Whether `edition` is in a blind phase: one of its stages hides the
/// organisation from judges and no standing publication holds that stage yet.
/// Then nothing public may name an entry's organisation.
pub async fn in_blind_phase(db: &Db, edition: &EditionId) -> Result<bool, DbError> {
    let rows: Vec<serde_json::Value> = query_rows(
        db,
        "SELECT id FROM stage WHERE edition = $edition AND blind = true AND published = false LIMIT 1;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await?;
    Ok(!rows.is_empty())
}

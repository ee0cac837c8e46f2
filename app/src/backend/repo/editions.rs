//! Editions and their stages.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{
    Binding, Statement, de_key, execute, execute_atomically, new_key, query_one, query_rows,
};
use crate::binds;
use crate::model::CategoryView;
use domain::edition::Group;
use domain::ids::EditionId;
use domain::ids::StageId;
use domain::scoring::StageKey;
use domain::scoring::{AdvancementRule, Aggregation, Rubric};
use domain::stage::StageKind;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// An edition as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct EditionRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    /// URL key.
    pub slug: String,
    pub year: i32,
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
    pub results_published: bool,
    /// Entries in it.
    #[serde(default)]
    pub entry_count: i64,
}

/// A stage as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageRecord {
    #[serde(deserialize_with = "de_key", skip_serializing)]
    pub id: StageId,
    /// Key within the edition (`desk`, `presentation`).
    pub key: StageKey,
    pub title: String,
    pub kind: StageKind,
    /// Order.
    pub position: i64,
    /// When the window opens.
    pub opens_at: Timestamp,
    /// When the window closes.
    pub closes_at: Timestamp,
}

/// A new edition.
#[derive(Debug, Clone)]
pub struct NewEdition {
    /// Fixed key, or generated.
    pub key: Option<EditionId>,
    /// URL key.
    pub slug: String,
    pub year: i32,
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
    pub results_published: bool,
}

const SELECT: &str = "SELECT id, slug, year, title, time_zone, groups, categories, submission_opens_at, submission_closes_at, results_published, count(SELECT id FROM entry WHERE edition = $parent.id) AS entry_count FROM edition";

/// Every edition, newest year first.
pub async fn list(db: &Db) -> Result<Vec<EditionRecord>, DbError> {
    query_rows(
        db,
        &format!("{SELECT} ORDER BY year DESC, slug;"),
        Vec::new(),
        0,
    )
    .await
}

/// The edition with this slug.
pub async fn find_by_slug(db: &Db, slug: &str) -> Result<Option<EditionRecord>, DbError> {
    query_one(
        db,
        &format!("{SELECT} WHERE slug = $slug;"),
        binds![("slug", Binding::of(&slug))],
    )
    .await
}

/// Creates an edition; a taken slug is `DbError::Unique`.
pub async fn create(db: &Db, edition: &NewEdition) -> Result<EditionId, DbError> {
    let key = edition
        .key
        .clone()
        .unwrap_or_else(|| EditionId::from(new_key()));
    execute_atomically(db, vec![create_statement(&key, edition)]).await?;
    Ok(key)
}

/// The statement that creates the edition `key`.
#[must_use]
pub fn create_statement(key: &EditionId, edition: &NewEdition) -> Statement {
    let opens = edition
        .submission_opens_at
        .map_or(Binding::of(&None::<()>), Binding::datetime);
    let closes = edition
        .submission_closes_at
        .map_or(Binding::of(&None::<()>), Binding::datetime);
    Statement::new(
        "CREATE $id SET slug = $slug, year = $year, title = $title, time_zone = $tz, groups = $groups, categories = $categories, submission_opens_at = $opens, submission_closes_at = $closes, results_published = $published;",
        binds![
            ("id", Binding::id(key)),
            ("slug", Binding::of(&edition.slug)),
            ("year", Binding::of(&edition.year)),
            ("title", Binding::of(&edition.title)),
            ("tz", Binding::of(&edition.time_zone)),
            ("groups", Binding::of(&edition.groups)),
            ("categories", Binding::of(&edition.categories)),
            ("opens", opens),
            ("closes", closes),
            ("published", Binding::of(&edition.results_published)),
        ],
    )
}

/// Adds a stage to an edition.
pub async fn add_stage(
    db: &Db,
    edition: &EditionId,
    id: &StageId,
    stage: &StageRecord,
    rubric: Option<&Rubric>,
    aggregation: Aggregation,
    advancement: &AdvancementRule,
) -> Result<(), DbError> {
    execute(
        db,
        "CREATE $id SET edition = $edition, key = $key, title = $title, kind = $kind, position = $position, opens_at = $opens, closes_at = $closes, rubric = $rubric, aggregation = $aggregation, advancement = $advancement;",
        binds![
            ("id", Binding::id(id)),
            ("edition", Binding::id(edition)),
            ("key", Binding::of(&stage.key)),
            ("title", Binding::of(&stage.title)),
            ("kind", Binding::of(&stage.kind)),
            ("position", Binding::of(&stage.position)),
            ("opens", Binding::datetime(stage.opens_at)),
            ("closes", Binding::datetime(stage.closes_at)),
            ("rubric", Binding::rubric(rubric)),
            ("aggregation", Binding::of(&aggregation)),
            ("advancement", Binding::of(advancement)),
        ],
    )
    .await
}

/// An edition's stages in order.
pub async fn stages(db: &Db, edition: &EditionId) -> Result<Vec<StageRecord>, DbError> {
    query_rows(
        db,
        "SELECT id, key, title, kind, position, opens_at, closes_at FROM stage WHERE edition = $edition ORDER BY position;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

//! What the assignment planner needs to know about a stage: its judges, its
//! entries and who already has (or stepped back from) which.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, de_opt_key, query_keys, query_one, query_rows};
use crate::binds;
use domain::ids::OrgId;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use serde::Deserialize;

/// A judge who may be given entries.
#[derive(Debug, Clone, Deserialize)]
pub struct JudgeRow {
    /// Account key.
    #[serde(deserialize_with = "de_key")]
    pub id: UserId,
    /// Their organisation.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<OrgId>,
}

/// An entry with the organisations a judge must not come from.
#[derive(Debug, Clone, Deserialize)]
pub struct EntryWithOrgs {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    /// Category key.
    pub category: String,
    /// Its organisation.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<OrgId>,
    /// The organisation above it.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub parent: Option<OrgId>,
}

/// One assignment in the stage.
#[derive(Debug, Clone, Deserialize)]
pub struct AssignmentRow {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub judge: UserId,
    /// Whether the judge stepped back.
    pub recused: bool,
}

/// Active judges.
pub async fn judges(db: &Db) -> Result<Vec<JudgeRow>, DbError> {
    query_rows(
        db,
        "SELECT id, org FROM user WHERE roles CONTAINS 'judge' AND active = true ORDER BY id;",
        binds![],
        0,
    )
    .await
}

/// The entries `keys` (those a stage hears).
pub async fn entries(db: &Db, keys: &[EntryId]) -> Result<Vec<EntryWithOrgs>, DbError> {
    query_rows(
        db,
        "SELECT id, category, org, org.parent AS parent FROM entry WHERE id IN $keys ORDER BY id;",
        binds![("keys", Binding::ids(keys))],
        0,
    )
    .await
}

/// Every assignment in `stage`, recused ones included.
pub async fn assignments(db: &Db, stage: &StageId) -> Result<Vec<AssignmentRow>, DbError> {
    query_rows(
        db,
        "SELECT entry, judge, recused FROM assignment WHERE stage = $stage;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await
}

/// A scoring stage the committee can assign judges to.
#[derive(Debug, Clone, Deserialize)]
pub struct StageRow {
    #[serde(deserialize_with = "de_key")]
    pub id: StageId,
    /// Stage title.
    pub title: String,
    pub edition_title: String,
    /// Whether it is its edition's first scoring stage (it hears every entry
    /// that passed screening).
    pub first: bool,
}

/// Scoring stages whose results no standing publication holds, in order: once
/// a stage is published its assignments are settled; later stages stay.
pub async fn open_stages(db: &Db) -> Result<Vec<StageRow>, DbError> {
    query_rows(
        db,
        "SELECT id, title, edition.title AS edition_title, position, position = math::min((SELECT VALUE position FROM stage WHERE edition = $parent.edition AND kind = 'scoring')) AS first FROM stage WHERE kind = 'scoring' AND published = false ORDER BY edition_title, position;",
        binds![],
        0,
    )
    .await
}

/// The entries `stage` hears: those already assigned in it; for an edition's
/// first scoring stage, every entry that passed screening; for a later one,
/// every entry that advanced from the scoring stage before it.
pub async fn stage_entries(db: &Db, stage: &StageId, first: bool) -> Result<Vec<EntryId>, DbError> {
    query_keys(
        db,
        "LET $previous = (SELECT VALUE id FROM stage WHERE edition = $stage.edition AND kind = 'scoring' AND position < $stage.position ORDER BY position DESC LIMIT 1)[0]; \
         SELECT VALUE id FROM entry WHERE ($first AND edition = $stage.edition AND state = 'screened_in') \
            OR id IN (SELECT VALUE entry FROM assignment WHERE stage = $stage) \
            OR ($previous != NONE AND id IN (SELECT VALUE entry FROM stage_decision WHERE stage = $previous AND advanced = true)) \
         ORDER BY id;",
        binds![
            ("stage", Binding::id(stage)),
            ("first", Binding::of(&first)),
        ],
        1,
    )
    .await
}

/// Judges' names by key.
pub async fn judge_names(db: &Db) -> Result<Vec<(UserId, String)>, DbError> {
    #[derive(Deserialize)]
    struct Named {
        #[serde(deserialize_with = "de_key")]
        id: UserId,
        name: String,
    }
    let rows: Vec<Named> = query_rows(
        db,
        "SELECT id, name FROM user WHERE roles CONTAINS 'judge';",
        binds![],
        0,
    )
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

/// Entry titles by key.
pub async fn entry_titles(
    db: &Db,
    keys: &[EntryId],
) -> Result<std::collections::BTreeMap<EntryId, String>, DbError> {
    #[derive(Deserialize)]
    struct Titled {
        #[serde(deserialize_with = "de_key")]
        id: EntryId,
        title: String,
    }
    let rows: Vec<Titled> = query_rows(
        db,
        "SELECT id, title FROM entry WHERE id IN $keys;",
        binds![("keys", Binding::ids(keys))],
        0,
    )
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.title)).collect())
}

/// `stage`'s title, as its judges know it (`Penilaian proposal`), when it exists.
pub async fn stage_title(db: &Db, stage: &StageId) -> Result<Option<String>, DbError> {
    query_one(
        db,
        "SELECT VALUE title FROM $stage;",
        binds![("stage", Binding::id(stage))],
    )
    .await
}

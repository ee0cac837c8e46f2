//! What the public catalogue reads: every innovation, and the entries, proposal
//! templates and images of the editions whose results are published. Which of
//! these the public may see is decided in `service::catalogue`.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, de_opt_key, query_keys, query_rows};
use crate::binds;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use domain::ids::InnovationId;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An innovation with its organisation's name.
#[derive(Debug, Clone, Deserialize)]
pub struct InnovationRow {
    #[serde(deserialize_with = "de_key")]
    pub id: InnovationId,
    pub title: String,
    /// Owner organisation's name.
    pub org_name: String,
    /// `YYYY-MM-DD`.
    pub started_on: String,
    /// Digital or not.
    pub digital: bool,
    /// SDG numbers.
    pub sdgs: Vec<u8>,
    /// Recorded history: `{year, award}` objects.
    #[serde(default)]
    pub awards: serde_json::Value,
    /// The innovation it replicates, when that one is in this database.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub replicated_from: Option<InnovationId>,
    /// The innovation it replicates, by name.
    #[serde(default)]
    pub replicates: Option<String>,
}

/// Every innovation, by title.
pub async fn innovations(db: &Db) -> Result<Vec<InnovationRow>, DbError> {
    query_rows(
        db,
        "SELECT id, title, org.name AS org_name, started_on, digital, sdgs, awards, replicated_from, replicates \
         FROM innovation ORDER BY title;",
        Vec::new(),
        0,
    )
    .await
}

/// The innovations entered in `editions`.
pub async fn innovations_entered_in(
    db: &Db,
    editions: &[EditionId],
) -> Result<Vec<InnovationId>, DbError> {
    if editions.is_empty() {
        return Ok(Vec::new());
    }
    query_keys(
        db,
        "SELECT VALUE innovation FROM entry WHERE edition IN $editions;",
        binds![("editions", Binding::ids(editions))],
        0,
    )
    .await
}

/// An entry of an edition whose results are published.
#[derive(Debug, Clone, Deserialize)]
pub struct PublishedEntry {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub innovation: InnovationId,
    /// Edition key.
    #[serde(deserialize_with = "de_key")]
    pub edition: EditionId,
    /// Category key.
    pub category: String,
    /// Answers per section key.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Video link.
    #[serde(default)]
    pub video_url: Option<String>,
}

/// The entries of `editions`.
pub async fn entries(db: &Db, editions: &[EditionId]) -> Result<Vec<PublishedEntry>, DbError> {
    query_rows(
        db,
        "SELECT id, innovation, edition, category, sections, video_url FROM entry WHERE edition IN $editions;",
        binds![("editions", Binding::ids(editions))],
        0,
    )
    .await
}

/// An edition's own proposal template (none: the national form).
#[derive(Debug, Clone, Deserialize)]
pub struct TemplateRow {
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    /// The stored template.
    #[serde(default)]
    pub template: Option<serde_json::Value>,
}

/// The templates of `editions`.
pub async fn templates(db: &Db, editions: &[EditionId]) -> Result<Vec<TemplateRow>, DbError> {
    query_rows(
        db,
        "SELECT id, template FROM edition WHERE id IN $editions;",
        binds![("editions", Binding::ids(editions))],
        0,
    )
    .await
}

/// An image attached to an entry.
#[derive(Debug, Clone, Deserialize)]
pub struct ImageRow {
    #[serde(deserialize_with = "de_key")]
    pub id: EvidenceId,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Section key.
    pub section: String,
    /// File name.
    pub name: String,
    pub media_type: String,
    /// Content address.
    pub sha256: String,
}

/// The JPEG and PNG evidence of `entries`, oldest first.
pub async fn images(db: &Db, entries: &[EntryId]) -> Result<Vec<ImageRow>, DbError> {
    query_rows(
        db,
        "SELECT id, entry, section, name, media_type, sha256, at FROM evidence \
         WHERE entry IN $entries AND media_type IN ['image/jpeg', 'image/png'] ORDER BY at;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await
}

//! Evidence records (the files themselves are in `backend::evidence_store`).

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_one, query_rows};
use crate::binds;
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use domain::ids::UserId;
use jiff::Timestamp;
use serde::Deserialize;

/// A stored evidence record.
#[derive(Debug, Clone, Deserialize)]
pub struct EvidenceRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: EvidenceId,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Section key.
    pub section: String,
    /// Shown name.
    pub name: String,
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// Content address.
    pub sha256: String,
}

const SELECT: &str = "SELECT id, entry, section, name, media_type, size, sha256 FROM evidence";

/// The evidence of `entry`, oldest first.
pub async fn for_entry(db: &Db, entry: &EntryId) -> Result<Vec<EvidenceRecord>, DbError> {
    query_rows(
        db,
        &format!("{SELECT} WHERE entry = $entry ORDER BY at;"),
        binds![("entry", Binding::id(entry))],
        0,
    )
    .await
}

/// One evidence record.
pub async fn find(db: &Db, key: &EvidenceId) -> Result<Option<EvidenceRecord>, DbError> {
    query_one(
        db,
        &format!("{SELECT} WHERE id = $id;"),
        binds![("id", Binding::id(key))],
    )
    .await
}

/// A new evidence record.
#[derive(Debug, Clone)]
pub struct NewEvidence<'a> {
    pub key: &'a EvidenceId,
    pub entry: &'a EntryId,
    /// Section key.
    pub section: &'a str,
    /// Shown name.
    pub name: &'a str,
    pub media_type: &'a str,
    /// Bytes.
    pub size: u64,
    /// Content address.
    pub sha256: &'a str,
    /// Who.
    pub user: &'a UserId,
    /// When.
    pub at: Timestamp,
}

/// The statement that records `evidence`.
#[must_use]
pub fn create(evidence: &NewEvidence<'_>) -> Statement {
    Statement::new(
        "CREATE $id SET entry = $entry, section = $section, name = $name, media_type = $media_type,
             size = $size, sha256 = $sha256, uploaded_by = $user, at = $at;",
        binds![
            ("id", Binding::id(evidence.key)),
            ("entry", Binding::id(evidence.entry)),
            ("section", Binding::of(&evidence.section)),
            ("name", Binding::of(&evidence.name)),
            ("media_type", Binding::of(&evidence.media_type)),
            ("size", Binding::of(&evidence.size)),
            ("sha256", Binding::of(&evidence.sha256)),
            ("user", Binding::id(evidence.user)),
            ("at", Binding::datetime(evidence.at)),
        ],
    )
}

/// The statement that removes one evidence record of `entry`.
#[must_use]
pub fn delete(entry: &EntryId, key: &EvidenceId) -> Statement {
    Statement::new(
        "DELETE $id WHERE entry = $entry;",
        binds![("id", Binding::id(key)), ("entry", Binding::id(entry)),],
    )
}

/// The edition's size limit for the entry's evidence, in megabytes.
pub async fn limit_mb(db: &Db, entry: &EntryId) -> Result<u64, DbError> {
    let rows: Vec<Option<u64>> = query_rows(
        db,
        "SELECT VALUE edition.upload_limit_mb FROM $entry;",
        binds![("entry", Binding::id(entry))],
        0,
    )
    .await?;
    Ok(rows.into_iter().flatten().next().unwrap_or(5))
}

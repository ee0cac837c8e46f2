//! Publications: frozen results documents. A publication is written once and only
//! ever withdrawn; the public reads the latest one not withdrawn.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, de_opt_key, query_rows};
use crate::binds;
use jiff::Timestamp;
use serde::Deserialize;

/// A stored publication.
#[derive(Debug, Clone, Deserialize)]
pub struct PublicationRecord {
    /// Record key.
    #[serde(deserialize_with = "de_key")]
    pub id: String,
    /// `final` or a stage key.
    pub scope: String,
    /// The frozen results document.
    pub document: serde_json::Value,
    /// When.
    pub published_at: Timestamp,
    /// By whom (none for the demo loader or the CLI).
    #[serde(default, deserialize_with = "de_opt_key")]
    pub published_by: Option<String>,
    /// When it was withdrawn, if it was.
    #[serde(default)]
    pub withdrawn_at: Option<Timestamp>,
}

/// Every publication of `edition`, newest first.
pub async fn for_edition(db: &Db, edition: &str) -> Result<Vec<PublicationRecord>, DbError> {
    query_rows(
        db,
        "SELECT id, scope, document, published_at, published_by, withdrawn_at FROM publication WHERE edition = $edition ORDER BY published_at DESC;",
        binds![("edition", Binding::record("edition", edition))],
        0,
    )
    .await
}

/// The key of the newest publication of the edition with `slug` still
/// standing: what the public results page shows, without reading the document.
pub async fn standing_key(db: &Db, slug: &str) -> Result<Option<String>, DbError> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(deserialize_with = "de_key")]
        id: String,
    }
    let rows: Vec<Row> = query_rows(
        db,
        "SELECT id, published_at FROM publication WHERE edition.slug = $slug AND withdrawn_at = NONE \
         ORDER BY published_at DESC LIMIT 1;",
        binds![("slug", Binding::of(&slug))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next().map(|row| row.id))
}

/// The statements that publish `document` as `key` and mark the edition's results
/// published.
#[must_use]
pub fn publish_statement(
    key: &str,
    edition: &str,
    scope: &str,
    document: &serde_json::Value,
    by: Option<&str>,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "CREATE $publication SET edition = $publication_edition, scope = $publication_scope, \
            document = $publication_document, published_at = $publication_at, published_by = $publication_by; \
         UPDATE $publication_edition SET results_published = true;",
        binds![
            ("publication", Binding::record("publication", key)),
            ("publication_edition", Binding::record("edition", edition)),
            ("publication_scope", Binding::of(&scope)),
            ("publication_document", Binding::of(document)),
            ("publication_at", Binding::datetime(at)),
            ("publication_by", Binding::optional_record("user", by)),
        ],
    )
}

/// The statements that withdraw publication `key` and leave the edition's
/// results published only if another publication still stands.
#[must_use]
pub fn withdraw_statement(key: &str, edition: &str, by: Option<&str>, at: Timestamp) -> Statement {
    Statement::new(
        "UPDATE $publication SET withdrawn_at = $publication_at, withdrawn_by = $publication_by; \
         UPDATE $publication_edition SET results_published = \
            count((SELECT VALUE id FROM publication WHERE edition = $publication_edition AND withdrawn_at = NONE)) > 0;",
        binds![
            ("publication", Binding::record("publication", key)),
            ("publication_edition", Binding::record("edition", edition)),
            ("publication_at", Binding::datetime(at)),
            ("publication_by", Binding::optional_record("user", by)),
        ],
    )
}

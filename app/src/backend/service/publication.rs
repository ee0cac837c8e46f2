//! Publishing results: a frozen snapshot of the results document, written once
//! and only ever withdrawn. The public pages and the open-data API read nothing
//! else, so a sheet changed after publication changes nothing public until the
//! committee publishes again.

use crate::backend::db::Db;
use crate::backend::records::{execute_atomically, json, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::publications::{self, PublicationRecord};
use crate::backend::service::editions::local_in;
use crate::backend::service::results;
use crate::error::{AppError, Problem};
use crate::model::{PublicationRow, ResultsDocument};
use jiff::Timestamp;

/// What a publication covers: `final` or a scoring stage's key.
fn through(scope: &str) -> Option<&str> {
    (scope != "final").then_some(scope)
}

/// Publishes the results of the edition `slug` as they stand now: `scope` is
/// `final` (every stage and the final ranking) or a scoring stage's key (the
/// stages up to it). Publishing what is already published, unchanged, is refused.
pub async fn publish(
    db: &Db,
    actor: Option<&str>,
    slug: &str,
    scope: &str,
    now: Timestamp,
) -> Result<PublicationRow, AppError> {
    let edition = results::edition(db, slug).await?;
    let stages = results::evaluate_edition(db, &edition, through(scope)).await?;
    if stages.is_empty() {
        return Err(AppError::Conflict(Problem::NothingToPublish));
    }
    let mut document = results::document_of(&edition, &stages, through(scope));
    let existing = publications::for_edition(db, &edition.id).await?;
    if let Some(current) = existing
        .iter()
        .find(|publication| publication.withdrawn_at.is_none() && publication.scope == scope)
        && same_results(&current.document, &document)
    {
        return Err(AppError::Conflict(Problem::AlreadyPublished {
            at: local_in(current.published_at, &edition.time_zone),
        }));
    }
    document.published_at = Some(local_in(now, &edition.time_zone));
    let stored = json(&document)?;
    let key = new_key();
    execute_atomically(
        db,
        vec![
            publications::publish_statement(&key, &edition.id, scope, &stored, actor, now),
            audit::statement(NewAuditEvent {
                actor,
                action: "results.publish",
                target: format!("edition:{}", edition.id),
                before: None,
                after: Some(serde_json::json!({
                    "publication": key,
                    "scope": scope,
                    "entries": document.stages.iter().map(|stage| stage.entries.len()).sum::<usize>(),
                })),
            }),
        ],
    )
    .await?;
    Ok(PublicationRow {
        id: key,
        scope: scope.to_owned(),
        published_at: document.published_at.unwrap_or_default(),
        withdrawn_at: None,
    })
}

/// Whether a stored document holds the same results as `fresh` (everything but
/// the time of publication).
fn same_results(stored: &serde_json::Value, fresh: &ResultsDocument) -> bool {
    serde_json::from_value::<ResultsDocument>(stored.clone()).is_ok_and(|mut stored| {
        stored.published_at = None;
        stored == *fresh
    })
}

/// Withdraws publication `key` of the edition `slug`: the public sees the
/// previous publication still standing, or nothing.
pub async fn withdraw(
    db: &Db,
    actor: Option<&str>,
    slug: &str,
    key: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let edition = results::edition(db, slug).await?;
    let existing = publications::for_edition(db, &edition.id).await?;
    let publication = existing
        .iter()
        .find(|publication| publication.id == key)
        .ok_or(AppError::NotFound)?;
    if publication.withdrawn_at.is_some() {
        return Err(AppError::Conflict(Problem::AlreadyWithdrawn));
    }
    execute_atomically(
        db,
        vec![
            publications::withdraw_statement(key, &edition.id, actor, now),
            audit::statement(NewAuditEvent {
                actor,
                action: "results.withdraw",
                target: format!("edition:{}", edition.id),
                before: Some(serde_json::json!({ "publication": key, "scope": publication.scope })),
                after: None,
            }),
        ],
    )
    .await?;
    Ok(())
}

/// The results the public may see for `slug`: the newest publication still
/// standing, or `None`.
pub async fn published(db: &Db, slug: &str) -> Result<Option<ResultsDocument>, AppError> {
    Ok(standing(db, slug).await?.map(|(_, document)| document))
}

/// The newest publication of `slug` still standing: its key (a publication never
/// changes, so the key names its content) and its document.
pub async fn standing(db: &Db, slug: &str) -> Result<Option<(String, ResultsDocument)>, AppError> {
    let Some(edition) = crate::backend::repo::results::edition(db, slug).await? else {
        return Ok(None);
    };
    let standing = publications::for_edition(db, &edition.id)
        .await?
        .into_iter()
        .find(|publication| publication.withdrawn_at.is_none());
    standing
        .map(|publication| decode(&publication).map(|document| (publication.id, document)))
        .transpose()
}

/// The key of the newest publication of `slug` still standing (cheap: the
/// document is not read), for the public results page's cache.
pub async fn standing_key(db: &Db, slug: &str) -> Result<Option<String>, AppError> {
    Ok(publications::standing_key(db, slug).await?)
}

fn decode(publication: &PublicationRecord) -> Result<ResultsDocument, AppError> {
    serde_json::from_value(publication.document.clone()).map_err(|error| {
        tracing::error!(%error, publication = %publication.id, "a stored publication cannot be read");
        AppError::Internal
    })
}

/// Every publication of `slug`, newest first, for the committee.
pub async fn list(db: &Db, slug: &str) -> Result<Vec<PublicationRow>, AppError> {
    let edition = results::edition(db, slug).await?;
    Ok(publications::for_edition(db, &edition.id)
        .await?
        .into_iter()
        .map(|publication| PublicationRow {
            id: publication.id,
            scope: publication.scope,
            published_at: local_in(publication.published_at, &edition.time_zone),
            withdrawn_at: publication
                .withdrawn_at
                .map(|at| local_in(at, &edition.time_zone)),
        })
        .collect())
}

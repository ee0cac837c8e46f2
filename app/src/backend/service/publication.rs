//! Publishing results: a frozen snapshot of the results document, written once
//! and only ever withdrawn. The public pages and the open-data API read nothing
//! else, so a sheet changed after publication changes nothing public until the
//! committee publishes again.

use crate::backend::db::Db;
use crate::backend::mail::outgoing::{self, Announce};
use crate::backend::public_cache::PublicCache;
use crate::backend::records::{execute_atomically, json, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::publications::{self, PublicationRecord};
use crate::backend::repo::results::ResultsEditionRecord;
use crate::backend::service::editions::local_in;
use crate::backend::service::result_notice::result_mail;
use crate::backend::service::{composition, results};
use crate::error::{AppError, Problem};
use crate::model::{Disclosure, PublicationRow, ResultsDocument};
use domain::ids::PublicationId;
use domain::ids::UserId;
use domain::scoring::StageKey;
use domain::stage::PublicationScope;
use jiff::Timestamp;

/// Publishes the results of the edition `slug` as they stand now, as far as
/// `scope` reaches. Publishing what is already published, unchanged, is refused.
/// The public pages this process keeps are dropped. When nothing of `scope`
/// stood published before, each ranked entry's team is told its outcome
/// (`announce`); a correction published over a standing one tells nobody again.
/// A final ranking whose winner set breaks one of the edition's rules is
/// published only with the committee's `reason`, kept with the publication
/// and in the audit log (see [`composition::check_before_publishing`]).
pub async fn publish(
    db: &Db,
    public: &PublicCache,
    actor: Option<&UserId>,
    (slug, scope): (&str, &PublicationScope),
    reason: Option<&str>,
    announce: Announce<'_>,
    now: Timestamp,
) -> Result<PublicationRow, AppError> {
    let edition = results::edition(db, slug).await?;
    let stages = results::evaluate_edition(db, &edition, scope).await?;
    if stages.is_empty() {
        return Err(AppError::Conflict(Problem::NothingToPublish));
    }
    let mut document = results::document_of(&edition, &stages, scope);
    let existing = publications::for_edition(db, &edition.id).await?;
    if let Some(current) = existing
        .iter()
        .find(|publication| publication.withdrawn_at.is_none() && publication.scope == *scope)
        && same_results(&current.document, &document)
    {
        return Err(AppError::Conflict(Problem::AlreadyPublished {
            at: local_in(current.published_at, &edition.time_zone),
        }));
    }
    if *scope == PublicationScope::Final {
        super::field::check_referrals_decided(db, &edition, &document).await?;
    }
    let checked = composition::check_before_publishing(db, slug, &document, reason).await?;
    document.published_at = Some(local_in(now, &edition.time_zone));
    let stored = json(&document)?;
    let key = PublicationId::from(new_key());
    let stage_keys: Vec<StageKey> = document
        .stages
        .iter()
        .map(|stage| stage.key.clone())
        .collect();
    let mut statements =
        publications::publish_statement(&key, &edition.id, scope, &stage_keys, &stored, actor, now);
    if let Some(checked) = &checked {
        statements.push(publications::composition_statement(
            &key,
            &checked.view,
            checked.reason.as_deref(),
        ));
    }
    statements.push(audit::statement(NewAuditEvent {
        actor,
        action: "results.publish",
        target: format!("edition:{}", edition.id),
        before: None,
        after: Some(serde_json::json!({
            "publication": key,
            "scope": scope,
            "entries": document.stages.iter().map(|stage| stage.entries.len()).sum::<usize>(),
            "winner_set": checked.as_ref().map(|checked| serde_json::json!({
                "broken": checked.view.violations,
                "reason": checked.reason,
            })),
        })),
    }));
    let first_of_scope = !existing
        .iter()
        .any(|publication| publication.withdrawn_at.is_none() && publication.scope == *scope);
    if let (Announce::Mail { site }, true) = (announce, first_of_scope) {
        let mails = result_mail(db, &document, scope, site).await?;
        statements.extend(outgoing::enqueue(&mails, now));
    }
    execute_atomically(db, statements).await?;
    public.invalidate();
    Ok(PublicationRow {
        id: key,
        scope: scope.clone(),
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
/// previous publication still standing, or nothing. The public pages this
/// process keeps are dropped.
pub async fn withdraw(
    db: &Db,
    public: &PublicCache,
    actor: Option<&UserId>,
    slug: &str,
    key: &PublicationId,
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
    let mut statements = publications::withdraw_statement(key, &edition.id, actor, now);
    statements.push(audit::statement(NewAuditEvent {
        actor,
        action: "results.withdraw",
        target: format!("edition:{}", edition.id),
        before: Some(serde_json::json!({ "publication": key, "scope": publication.scope })),
        after: None,
    }));
    execute_atomically(db, statements).await?;
    public.invalidate();
    Ok(())
}

/// The results the public may see for `slug`: the newest publication still
/// standing, as the edition's settings and phase disclose it, or `None`.
pub async fn published(db: &Db, slug: &str) -> Result<Option<ResultsDocument>, AppError> {
    Ok(standing(db, slug).await?.map(|standing| standing.document))
}

/// What the public may see of `edition`'s results now: its settings, and
/// whether a blind stage is still unpublished.
async fn disclosure(db: &Db, edition: &ResultsEditionRecord) -> Result<Disclosure, AppError> {
    Ok(Disclosure {
        scores: edition.shows_scores,
        sheets: edition.publishes_sheets,
        organisations: !publications::in_blind_phase(db, &edition.id).await?,
    })
}

/// A name for what the public sees: the publication's key (it never changes)
/// and the disclosure it is served with, so that a changed setting is a new
/// ETag and a new cached page.
fn version(key: &PublicationId, disclosure: Disclosure) -> String {
    let flag = |on: bool| if on { '1' } else { '0' };
    format!(
        "{key}-{}{}{}",
        flag(disclosure.scores),
        flag(disclosure.sheets),
        flag(disclosure.organisations)
    )
}

/// The results the public may read now.
#[derive(Debug, Clone)]
pub struct Standing {
    pub publication: PublicationId,
    /// What the public sees, named (see [`version`]): the ETag.
    pub version: String,
    /// The document as disclosed.
    pub document: ResultsDocument,
}

/// The newest publication of `slug` still standing, as the public may see it.
/// The one way public pages, the open data and the catalogue read results.
pub async fn standing(db: &Db, slug: &str) -> Result<Option<Standing>, AppError> {
    let Some(edition) = crate::backend::repo::results::edition(db, slug).await? else {
        return Ok(None);
    };
    let Some(publication) = publications::standing(db, &edition.id).await? else {
        return Ok(None);
    };
    let disclosure = disclosure(db, &edition).await?;
    Ok(Some(Standing {
        version: version(&publication.id, disclosure),
        document: decode(&publication)?.disclosed(disclosure),
        publication: publication.id,
    }))
}

/// The version of what the public sees of `slug`'s results (cheap: the
/// document is not read), for the public results page's cache.
pub async fn standing_key(db: &Db, slug: &str) -> Result<Option<String>, AppError> {
    let Some(key) = publications::standing_key(db, slug).await? else {
        return Ok(None);
    };
    let Some(edition) = crate::backend::repo::results::edition(db, slug).await? else {
        return Ok(None);
    };
    Ok(Some(version(&key, disclosure(db, &edition).await?)))
}

pub(crate) fn decode(publication: &PublicationRecord) -> Result<ResultsDocument, AppError> {
    serde_json::from_value(publication.document.clone()).map_err(|error| {
        tracing::error!(%error, publication = %publication.id, "a stored publication cannot be read");
        AppError::Internal
    })
}

/// The final publication of `edition` that stands, if any (the newest not
/// withdrawn).
pub(crate) async fn standing_final(
    db: &Db,
    edition: &domain::ids::EditionId,
) -> Result<Option<PublicationRecord>, AppError> {
    Ok(publications::for_edition(db, edition)
        .await?
        .into_iter()
        .find(|row| row.withdrawn_at.is_none() && row.scope == PublicationScope::Final))
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

//! Publishing results: a publication is frozen, publishing the same again is
//! refused, withdrawing shows the previous one, and a stage's publication
//! carries that stage alone.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::db::Db;
use app::backend::public_cache::PublicCache;
use app::backend::records::query_rows;
use app::backend::service::publication;
use app::binds;
use app::error::{AppError, Problem};
use common::scored::{scored, sheet};
use common::{SLUG, STAGE, during};
use domain::stage::PublicationScope;

/// The committee publishes `scope` at `at`, quietly; `kept` holds the public
/// pages a publication drops.
async fn publish(
    db: &app::backend::db::Db,
    kept: &PublicCache,
    scope: &PublicationScope,
    at: jiff::Timestamp,
) -> Result<app::model::PublicationRow, AppError> {
    publication::publish(
        db,
        kept,
        None,
        (SLUG, scope),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        at,
    )
    .await
}

#[tokio::test]
async fn a_publication_is_frozen_and_withdrawing_it_shows_the_previous_one() {
    let db = scored().await;
    assert_eq!(publication::published(&db, SLUG).await.unwrap(), None);
    // The public pages kept in memory are dropped by a publication, and only
    // by one that happened.
    let kept = PublicCache::default();
    let first = publish(&db, &kept, &PublicationScope::Final, during())
        .await
        .unwrap();
    assert_eq!(kept.generation(), 1, "a publication drops the kept pages");
    let frozen = publication::published(&db, SLUG).await.unwrap().unwrap();
    assert!(frozen.published_at.is_some());
    assert!(published_flag(&db).await);

    // Publishing the same results again is refused.
    let again = publish(&db, &kept, &PublicationScope::Final, during()).await;
    assert_eq!(kept.generation(), 1, "a refused publication keeps them");
    assert!(
        matches!(
            again,
            Err(AppError::Conflict(Problem::AlreadyPublished { .. }))
        ),
        "{again:?}"
    );

    // A sheet submitted later changes nothing public until published again.
    sheet(&db, "e3", "juri2", 20.0, "submitted").await;
    assert_eq!(
        publication::published(&db, SLUG).await.unwrap().unwrap(),
        frozen
    );
    let later = during() + jiff::SignedDuration::from_hours(1);
    let second = publish(
        &db,
        &PublicCache::default(),
        &PublicationScope::Final,
        later,
    )
    .await
    .unwrap();
    let current = publication::published(&db, SLUG).await.unwrap().unwrap();
    assert_eq!(current.stages[0].entries[2].sheets.len(), 2);

    // Withdrawing the newest shows the first again; withdrawing both, nothing.
    publication::withdraw(&db, &PublicCache::default(), None, SLUG, &second.id, later)
        .await
        .unwrap();
    assert_eq!(
        publication::published(&db, SLUG).await.unwrap().unwrap(),
        frozen
    );
    assert!(matches!(
        publication::withdraw(&db, &PublicCache::default(), None, SLUG, &second.id, later).await,
        Err(AppError::Conflict(Problem::AlreadyWithdrawn))
    ));
    publication::withdraw(&db, &PublicCache::default(), None, SLUG, &first.id, later)
        .await
        .unwrap();
    assert_eq!(publication::published(&db, SLUG).await.unwrap(), None);
    assert!(!published_flag(&db).await);
    let audited: Vec<String> = query_rows(
        &db,
        "SELECT VALUE action FROM audit_event WHERE string::starts_with(action, 'results.') ORDER BY at;",
        binds![],
        0,
    )
    .await
    .unwrap();
    assert_eq!(audited.len(), 4);

    // A stage's publication carries that stage and no final ranking.
    let stage_only = publish(&db, &PublicCache::default(), &STAGE.into(), later)
        .await
        .unwrap();
    assert_eq!(stage_only.scope, PublicationScope::from(STAGE));
    let document = publication::published(&db, SLUG).await.unwrap().unwrap();
    assert!(document.final_ranking.is_empty() && document.scope == PublicationScope::from(STAGE));
    assert!(matches!(
        publish(&db, &PublicCache::default(), &"no-such-stage".into(), later).await,
        Err(AppError::NotFound)
    ));
}

async fn published_flag(db: &Db) -> bool {
    let rows: Vec<bool> = query_rows(
        db,
        "SELECT VALUE results_published FROM edition:kipp;",
        binds![],
        0,
    )
    .await
    .unwrap();
    rows[0]
}

//! The edition bundle: export → import into an empty database → export again
//! gives the same document; a bundle with unknown references is refused whole.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use app::backend::bundle;
use app::backend::db;
use app::backend::demo;
use app::backend::service::{publication, results};
use app::error::{AppError, Problem};
use domain::stage::PublicationScope;

async fn demo_db() -> (db::Db, String) {
    let db = db::open_in_memory().await.unwrap();
    let now: jiff::Timestamp = "2026-03-01T02:00:00Z".parse().unwrap();
    demo::load_if_empty(&db, now).await.unwrap().unwrap();
    (db, "kipp-malang-2025".to_owned())
}

#[tokio::test]
async fn the_round_trip_through_an_empty_database_is_exact() {
    let (source, slug) = demo_db().await;
    let first = bundle::export(&source, &slug).await.unwrap();
    assert!(first.sheets.len() > 40, "last year's sheets travel");
    assert!(!first.publications.is_empty() && !first.decisions.is_empty());
    assert_eq!(
        first.onward.len(),
        3,
        "what its winners earned beyond the city travels"
    );
    assert!(
        first
            .users
            .iter()
            .all(|user| user.roles.contains(&"judge".to_owned()))
    );
    let text = serde_json::to_string_pretty(&first).unwrap();
    assert!(!text.contains("argon2"), "no password travels");

    let target = db::open_in_memory().await.unwrap();
    assert_eq!(bundle::import(&target, None, &text).await.unwrap(), slug);
    let second = bundle::export(&target, &slug).await.unwrap();
    assert_eq!(serde_json::to_string_pretty(&second).unwrap(), text);

    // The imported edition computes and publishes the same results.
    let mut computed = results::document(&target, &slug, &PublicationScope::Final)
        .await
        .unwrap();
    let published = publication::published(&target, &slug)
        .await
        .unwrap()
        .unwrap();
    computed.published_at = published.published_at.clone();
    assert_eq!(computed, published);

    // Importing it again is refused: the edition exists.
    let again = bundle::import(&target, None, &text).await.unwrap_err();
    assert_eq!(again, AppError::field("bundle", Problem::Taken));
}

#[tokio::test]
async fn a_bundle_with_unknown_references_is_refused_and_nothing_is_written() {
    let (source, slug) = demo_db().await;
    let mut broken = bundle::export(&source, &slug).await.unwrap();
    broken.entries[0].org = "dinas-entah".into();
    broken.sheets[0].judge = "juri-hantu".into();
    broken.organisations.retain(|org| org.id != "dinas-entah");
    broken.users.retain(|user| user.id != "juri-hantu");
    let target = db::open_in_memory().await.unwrap();
    let error = bundle::import(&target, None, &serde_json::to_string(&broken).unwrap())
        .await
        .unwrap_err();
    let AppError::Invalid { fields, .. } = error else {
        panic!("expected unknown references, got {error:?}");
    };
    let given: Vec<String> = fields
        .into_iter()
        .map(|field| match field.problem {
            Problem::UnknownReference { given } => given,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(given, ["organisation:dinas-entah", "user:juri-hantu"]);
    assert!(
        bundle::export(&target, &slug).await.is_err(),
        "nothing was written"
    );
    let not_a_bundle = bundle::import(&target, None, "{\"format\": 1}")
        .await
        .unwrap_err();
    assert!(matches!(not_a_bundle, AppError::Invalid { .. }));
}

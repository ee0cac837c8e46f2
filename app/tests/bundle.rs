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
    let db = db::open_for_tests().await.unwrap();
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

    let target = db::open_for_tests().await.unwrap();
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
    let target = db::open_for_tests().await.unwrap();
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

/// This year's edition carries a field stage: its claims, the edition's rule,
/// the visits, the team's findings and the committee's decisions travel, and
/// the imported edition decides the same outcomes.
#[tokio::test]
async fn field_verification_travels_with_the_edition() {
    use app::backend::repo::field as repo;
    use app::backend::service::{field, field_visit};
    use domain::field::Finding;
    use domain::ids::{EditionId, UserId};
    use domain::role::{Role, Roles};
    let (source, _) = demo_db().await;
    let slug = "kipp-malang-2026";
    let visit = repo::visits_of_edition(&source, &EditionId::from("kipp-kini"))
        .await
        .unwrap()
        .remove(0);
    let juri1 = app::model::CurrentUser {
        id: UserId::from("juri1"),
        email: "juri1@juara.test".into(),
        name: "juri1".into(),
        roles: Roles::new([Role::Judge]),
        org: None,
        org_name: None,
    };
    let later: jiff::Timestamp = "2026-03-18T03:00:00Z".parse().unwrap();
    let findings = [app::model::FindingInput {
        section: visit.claims[0].clone(),
        finding: Finding::Sebagian,
        note: "Sebagian berjalan".into(),
        decided_at: None,
    }];
    field_visit::record(
        &source,
        &juri1,
        &visit.id,
        "bundle-batch-1",
        &findings,
        later,
    )
    .await
    .unwrap();
    let first = bundle::export(&source, slug).await.unwrap();
    assert_eq!(first.visits.len(), 2);
    assert_eq!(first.findings.len(), 1);
    assert!(
        first
            .stages
            .iter()
            .any(|stage| !stage.field_claims.is_empty())
    );
    assert!(first.edition.field_rule.is_some());
    let text = serde_json::to_string_pretty(&first).unwrap();

    let target = db::open_for_tests().await.unwrap();
    bundle::import(&target, None, &text).await.unwrap();
    let second = bundle::export(&target, slug).await.unwrap();
    assert_eq!(serde_json::to_string_pretty(&second).unwrap(), text);
    let rule = first.edition.field_rule.unwrap();
    assert_eq!(
        field::outcomes(&target, &EditionId::from("kipp-kini"), rule)
            .await
            .unwrap(),
        field::outcomes(&source, &EditionId::from("kipp-kini"), rule)
            .await
            .unwrap(),
    );
}

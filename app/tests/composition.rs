//! The winner set as a whole on the results console: sliced four ways, and
//! checked against the rules the edition sets.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::scored::{scored, sheet};
use crate::common::{SLUG, STAGE_ID, add_entry};
use app::backend::mail::outgoing::Announce;
use app::backend::public_cache::PublicCache;
use app::backend::records::{execute, query_rows};
use app::backend::repo::judging;
use app::backend::service::{composition, final_minutes, publication, results};
use app::binds;
use app::error::{AppError, Problem};
use domain::composition::{Tally, Violation};
use domain::ids::{EntryId, OrgId, UserId};
use domain::stage::PublicationScope;

/// The scored edition with a fourth entry, e4, third in kesehatan, which e2
/// replicates: e1 and e2 tie first in kesehatan, e3 wins pendidikan, and all
/// four are Dinas Kesehatan's.
async fn with_a_replication() -> app::backend::db::Db {
    let db = scored().await;
    add_entry(&db, "e4", "Antrean Lama", "kesehatan", "screened_in").await;
    judging::assign(&db, &STAGE_ID, &EntryId::from("e4"), &UserId::from("juri1"))
        .await
        .unwrap();
    sheet(&db, "e4", "juri1", 60.0, "submitted").await;
    execute(
        &db,
        "UPDATE type::record('innovation', 'i-e2') SET replicated_from = type::record('innovation', 'i-e4');",
        Vec::new(),
    )
    .await
    .unwrap();
    db
}

/// The edition sets every rule: two winners per organisation at most, a
/// winner in every category, a replication never above its original.
async fn set_every_rule(db: &app::backend::db::Db) {
    execute(
        db,
        "UPDATE edition SET max_winners_per_organisation = 2, winner_in_every_category = true, \
            replication_below_original = true;",
        Vec::new(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_console_shows_the_winner_set_against_the_editions_rules() {
    let db = with_a_replication().await;
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();

    // No rule set: the slices, and nothing flagged.
    let view = composition::view(&db, SLUG, &document)
        .await
        .unwrap()
        .unwrap();
    assert!(view.violations.is_empty());
    assert_eq!(
        view.breakdown.by_category["kesehatan"],
        Tally {
            finalists: 3,
            winners: 3
        }
    );
    assert_eq!(
        view.breakdown.by_category["pendidikan"],
        Tally {
            finalists: 1,
            winners: 1
        }
    );
    let dinkes = OrgId::from("dinkes");
    assert_eq!(
        view.breakdown.by_organisation[&dinkes],
        Tally {
            finalists: 4,
            winners: 4
        }
    );
    assert_eq!(view.organisation_names[&dinkes], "Dinas Kesehatan");

    set_every_rule(&db).await;
    let view = composition::view(&db, SLUG, &document)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        view.violations,
        [
            Violation::TooManyWinners {
                organisation: dinkes,
                winners: 4,
                max: 2
            },
            Violation::ReplicationAboveOriginal {
                replication: EntryId::from("e2"),
                original: EntryId::from("e4"),
            },
        ]
    );
    assert_eq!(view.entry_titles[&EntryId::from("e4")], "Antrean Lama");

    // A stage's scope has no final ranking: nothing to check yet.
    let through = results::document(&db, SLUG, &PublicationScope::from(crate::common::STAGE))
        .await
        .unwrap();
    assert_eq!(composition::view(&db, SLUG, &through).await.unwrap(), None);
}

/// The committee publishes the final results with `reason`.
async fn publish_final(
    db: &app::backend::db::Db,
    reason: Option<&str>,
) -> Result<app::model::PublicationRow, AppError> {
    publication::publish(
        db,
        &PublicCache::default(),
        Some(&UserId::from("admin")),
        (SLUG, &PublicationScope::Final),
        reason,
        Announce::Quietly,
        crate::common::after(),
    )
    .await
}

#[tokio::test]
async fn a_winner_set_that_breaks_a_rule_is_published_only_with_a_written_reason() {
    let db = with_a_replication().await;
    set_every_rule(&db).await;

    // No reason, or only blanks: refused beside the reason field, what was
    // typed kept, nothing published.
    for typed in [None, Some("   \n ")] {
        let refused = publish_final(&db, typed).await.unwrap_err();
        assert_eq!(
            refused.problem_for("reason"),
            Some(&Problem::WinnerSetNeedsReason { broken: 2 }),
            "{typed:?}"
        );
    }
    let too_long = "x".repeat(composition::REASON_MAX_CHARS + 1);
    let refused = publish_final(&db, Some(&too_long)).await.unwrap_err();
    assert_eq!(
        refused.problem_for("reason"),
        Some(&Problem::TooLong {
            max: composition::REASON_MAX_CHARS
        })
    );
    assert_eq!(refused.echoed("reason"), Some(too_long.as_str()));
    assert_eq!(publication::published(&db, SLUG).await.unwrap(), None);
    // The berita acara is a draft until then, checked against the rules now.
    let draft = final_minutes::of_edition(&db, SLUG).await.unwrap();
    assert!(!draft.published);
    assert_eq!(draft.composition.unwrap().violations.len(), 2);
    assert_eq!(draft.composition_reason, None);

    // With a reason: published, and the reason is in the audit log and the
    // berita acara, beside the check as it stood.
    let reason = "Dinas Kesehatan entered four strong innovations; the panel's ranking stands.";
    publish_final(&db, Some(&format!("  {reason}\n")))
        .await
        .unwrap();
    assert!(publication::published(&db, SLUG).await.unwrap().is_some());
    let audited: Vec<serde_json::Value> = query_rows(
        &db,
        "SELECT VALUE after FROM audit_event WHERE action = 'results.publish';",
        binds![],
        0,
    )
    .await
    .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0]["winner_set"]["reason"], reason);
    assert_eq!(
        audited[0]["winner_set"]["broken"][0]["rule"],
        "too_many_winners"
    );
    let minutes = final_minutes::of_edition(&db, SLUG).await.unwrap();
    assert!(minutes.published);
    assert_eq!(minutes.composition_reason.as_deref(), Some(reason));
    let kept = minutes.composition.unwrap();
    assert_eq!(kept.violations.len(), 2);
    assert_eq!(
        kept.organisation_names[&OrgId::from("dinkes")],
        "Dinas Kesehatan"
    );

    // The public reads the results, never the committee's check or reason.
    let public = serde_json::to_string(&publication::published(&db, SLUG).await.unwrap()).unwrap();
    assert!(!public.contains("Dinas Kesehatan entered"));
    assert!(!public.contains("too_many_winners"));
}

#[tokio::test]
async fn a_winner_set_that_keeps_every_rule_needs_no_reason_and_keeps_none() {
    let db = with_a_replication().await;
    // Only the rule the set keeps: a winner in every category.
    execute(
        &db,
        "UPDATE edition SET winner_in_every_category = true;",
        Vec::new(),
    )
    .await
    .unwrap();
    publish_final(&db, Some("not needed")).await.unwrap();
    let minutes = final_minutes::of_edition(&db, SLUG).await.unwrap();
    assert!(minutes.published);
    assert!(minutes.composition.unwrap().violations.is_empty());
    assert_eq!(minutes.composition_reason, None);
}

//! What an entry's organisation learns of the committee's decisions: nothing
//! until the stage is published — its entry reads as in assessment, its
//! history leaves the decision and the committee's reason out — and all of it
//! once the publication stands. The committee sees everything throughout.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use app::backend::public_cache::PublicCache;
use common::entrants::coordinator_reviews;

use app::backend::service::advancement::{self, Decision};
use app::backend::service::{overview, proposals, publication};
use app::error::{AppError, Problem};
use app::model::{CurrentUser, SheetRevision};
use common::entrants::user;
use common::{ENTRY, STAGE, after, during, fixture};
use domain::entry_state::EntryStatus;
use domain::ids::UserId;
use domain::role::Role;

const SLUG: &str = "kipp-2026";
const REASON: &str = "Pertimbangan khusus panitia";

fn innovator() -> CurrentUser {
    user("ina", &[Role::Innovator], "dinkes")
}

#[tokio::test]
async fn decisions_reach_the_organisation_with_their_publication() {
    let db = fixture().await;
    let sheet = SheetRevision {
        values: domain::scoring::Rubric::national_desk()
            .criteria()
            .iter()
            .map(|criterion| (criterion.key.as_str().to_owned(), 60.0))
            .collect(),
        comments: Default::default(),
        comment: String::new(),
        submit: true,
        base_revision: 0,
        idempotency_key: "a".into(),
    };
    common::save_at(&db, "juri1", sheet, during())
        .await
        .unwrap();
    // The stage's rule is manual: advancing e1 overrides it, with a reason.
    advancement::apply(
        &db,
        &LiveUpdates::default(),
        Some(&UserId::from("admin")),
        (SLUG, &STAGE.into()),
        &Decision {
            advance: [ENTRY.clone()].into(),
            reason: REASON.into(),
            despite_unsubmitted: true,
        },
        after(),
    )
    .await
    .unwrap();

    let seen = |user: CurrentUser| {
        let db = db.clone();
        async move { proposals::view(&db, &user, &ENTRY, after()).await.unwrap() }
    };
    let unpublished = seen(innovator()).await;
    assert_eq!(unpublished.state, EntryStatus::ScreenedIn, "in assessment");
    assert!(
        !unpublished
            .history
            .iter()
            .any(|step| step.action == "advance")
    );
    assert!(
        !serde_json::to_string(&unpublished)
            .unwrap()
            .contains(REASON)
    );
    let home = overview::entrant(&db, &innovator()).await.unwrap();
    assert_eq!(home[0].state, EntryStatus::ScreenedIn);
    // The committee sees the decision at once.
    let committee = seen(common::entrants::admin()).await;
    assert_eq!(committee.state, EntryStatus::Advanced);
    assert!(
        committee
            .history
            .iter()
            .any(|step| step.action == "advance")
    );

    let announced = common::publish_desk(&db).await;
    let published = seen(innovator()).await;
    assert_eq!(published.state, EntryStatus::Advanced);
    let step = published
        .history
        .iter()
        .find(|step| step.action == "advance")
        .unwrap();
    assert_eq!(step.note.as_deref(), Some(REASON));
    let home = overview::entrant(&db, &innovator()).await.unwrap();
    assert_eq!(home[0].state, EntryStatus::Advanced);

    // While the publication stands, its decisions cannot change under it: the
    // organisation would be told what no publication says.
    let eliminate = Decision {
        advance: Default::default(),
        reason: "Ditinjau ulang".into(),
        despite_unsubmitted: true,
    };
    let refused = advancement::apply(
        &db,
        &LiveUpdates::default(),
        Some(&UserId::from("admin")),
        (SLUG, &STAGE.into()),
        &eliminate,
        after(),
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Conflict(Problem::StagePublished))),
        "{refused:?}"
    );
    assert_eq!(seen(innovator()).await.state, EntryStatus::Advanced);
    // Withdrawn, the committee may decide again; the organisation hears of it
    // with the next publication only.
    publication::withdraw(
        &db,
        &PublicCache::default(),
        None,
        SLUG,
        &announced.id,
        after(),
    )
    .await
    .unwrap();
    advancement::apply(
        &db,
        &LiveUpdates::default(),
        Some(&UserId::from("admin")),
        (SLUG, &STAGE.into()),
        &eliminate,
        after(),
    )
    .await
    .unwrap();
    assert_eq!(seen(innovator()).await.state, EntryStatus::ScreenedIn);
}

/// A refused upload or review names the entry's state as its organisation may
/// see it: a decision the committee has not published reads as in assessment.
#[tokio::test]
async fn a_refusal_never_names_an_unpublished_decision() {
    use app::backend::records::{Binding, execute};
    use app::backend::service::proposals::Review;
    use common::entrants;
    let db = entrants::fixture().await;
    let entry = entrants::started(&db, "Layanan yang diputuskan diam-diam").await;
    // A decision written but not published (as applying advancement does).
    execute(
        &db,
        "UPDATE $entry SET state = 'eliminated';",
        app::binds![("entry", Binding::id(&entry))],
    )
    .await
    .unwrap();
    let refused = coordinator_reviews(&db, &entry, Review::SendBack, "Mohon dilengkapi").await;
    assert_eq!(
        refused,
        Err(AppError::Conflict(Problem::EntryStateChanged {
            state: EntryStatus::ScreenedIn
        })),
        "the organisation is told only what is published"
    );
    let refused = coordinator_reviews(&db, &entry, Review::Endorse, "").await;
    assert_eq!(
        refused,
        Err(AppError::Conflict(Problem::EntryStateChanged {
            state: EntryStatus::ScreenedIn
        }))
    );
}

/// An entry the committee screened out while entries were still open is out of
/// its organisation's hands: it cannot be endorsed and submitted again.
#[tokio::test]
async fn a_screened_out_entry_cannot_be_sent_again() {
    use app::backend::records::{Binding, execute};
    use app::backend::service::proposals::Review;
    use common::entrants::{self, before_close};
    let db = entrants::fixture().await;
    let entry = entrants::started(&db, "Layanan yang gugur administrasi").await;
    entrants::save(
        &db,
        &entrants::innovator(),
        &entry,
        1,
        entrants::complete(),
        before_close(),
    )
    .await
    .unwrap();
    execute(
        &db,
        "UPDATE $entry SET state = 'screened_out';",
        app::binds![("entry", Binding::id(&entry))],
    )
    .await
    .unwrap();
    for review in [Review::Endorse, Review::Submit, Review::SendBack] {
        let refused = coordinator_reviews(&db, &entry, review, "Ulang").await;
        assert_eq!(
            refused,
            Err(AppError::Conflict(Problem::EntryStateChanged {
                state: EntryStatus::ScreenedOut
            })),
            "{review:?}"
        );
    }
}

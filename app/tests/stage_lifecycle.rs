//! A stage's life after scoring: advancement waits for the window to close
//! (or for the committee to close it early, on record), and publishing one
//! stage settles that stage only — the judges' later work stays in their lists
//! and on the assignment page.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;

use app::backend::repo::editions::{self, StageRecord};
use app::backend::repo::judging;
use app::backend::service::advancement::{self, Decision};
use app::backend::service::assignment;
use app::error::{AppError, Problem};
use app::model::SheetRevision;
use common::{ENTRY, STAGE, after, closes, during, fixture, save_as, submitted_at};
use domain::ids::EditionId;
use domain::ids::StageId;
use domain::ids::UserId;
use jiff::SignedDuration;

const SLUG: &str = "kipp-2026";

fn advance_e1() -> Decision {
    Decision {
        advance: [ENTRY.clone()].into(),
        reason: "Satu-satunya entri".into(),
        despite_unsubmitted: true,
    }
}

#[tokio::test]
async fn advancement_waits_for_the_window_unless_the_committee_closes_the_stage_early() {
    let db = fixture().await;
    save_as(&db, "juri1", submitted_at(80.0, "a"))
        .await
        .unwrap();
    // Judges may still change their sheets: no decision yet.
    let refused = advancement::apply(
        &db,
        &LiveUpdates::default(),
        Some(&UserId::from("admin")),
        (SLUG, &STAGE.into()),
        &advance_e1(),
        during(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, AppError::Conflict(Problem::StageStillOpen { .. })),
        "{refused:?}"
    );
    let preview = advancement::preview(&db, SLUG, &STAGE.into(), during())
        .await
        .unwrap();
    assert!(preview.open_until.is_some(), "the page says until when");

    // Closing early: on record, and no sheet can be saved after it.
    advancement::close_early(
        &db,
        &LiveUpdates::default(),
        Some(&UserId::from("admin")),
        SLUG,
        &STAGE.into(),
        during(),
    )
    .await
    .unwrap();
    let logged = common::audited(&db, 5).await;
    assert!(
        logged.iter().any(|action| action == "stage.close_early"),
        "{logged:?}"
    );
    let late = common::save_at(
        &db,
        "juri1",
        SheetRevision {
            base_revision: 1,
            ..submitted_at(80.0, "b")
        },
        during() + SignedDuration::from_secs(1),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(late, AppError::Conflict(Problem::StageClosed { .. })),
        "{late:?}"
    );
    let preview = advancement::preview(&db, SLUG, &STAGE.into(), during())
        .await
        .unwrap();
    assert_eq!(preview.open_until, None);
    advancement::apply(
        &db,
        &LiveUpdates::default(),
        Some(&UserId::from("admin")),
        (SLUG, &STAGE.into()),
        &advance_e1(),
        during() + SignedDuration::from_secs(1),
    )
    .await
    .unwrap();
    // A closed stage cannot be closed again.
    assert!(matches!(
        advancement::close_early(
            &db,
            &LiveUpdates::default(),
            Some(&UserId::from("admin")),
            SLUG,
            &STAGE.into(),
            after()
        )
        .await,
        Err(AppError::Conflict(Problem::StageClosed { .. }))
    ));
}

#[tokio::test]
async fn a_stage_not_yet_open_cannot_be_closed() {
    let db = fixture().await;
    let before = common::opens() - SignedDuration::from_hours(1);
    assert!(matches!(
        advancement::close_early(
            &db,
            &LiveUpdates::default(),
            Some(&UserId::from("admin")),
            SLUG,
            &STAGE.into(),
            before
        )
        .await,
        Err(AppError::Conflict(Problem::StageNotOpenYet { .. }))
    ));
}

#[tokio::test]
async fn publishing_one_stage_leaves_the_later_stages_with_their_judges() {
    let db = fixture().await;
    let presentation = StageRecord {
        id: StageId::default(),
        key: "presentasi".into(),
        title: "Presentasi".into(),
        kind: domain::stage::StageKind::Scoring,
        position: 1,
        opens_at: closes() + SignedDuration::from_hours(24),
        closes_at: closes() + SignedDuration::from_hours(48),
    };
    editions::add_stage(
        &db,
        &EditionId::from("kipp"),
        &StageId::from("presentasi"),
        &presentation,
        Some(&domain::scoring::Rubric::national_desk()),
        domain::scoring::Aggregation::Mean,
        &domain::scoring::AdvancementRule::Manual,
    )
    .await
    .unwrap();
    judging::assign(
        &db,
        &StageId::from("presentasi"),
        &ENTRY,
        &UserId::from("juri1"),
    )
    .await
    .unwrap();
    common::save_at(&db, "juri1", submitted_at(80.0, "a"), during())
        .await
        .unwrap();
    let stages = |db: app::backend::db::Db| async move {
        assignment::assignable_stages(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|stage| stage.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(stages(db.clone()).await, [STAGE, "presentasi"]);

    common::publish_desk(&db).await;
    // The desk is settled; the presentation is still to be judged.
    assert_eq!(stages(db.clone()).await, ["presentasi"]);
    let work: Vec<StageId> = judging::for_judge(&db, &UserId::from("juri1"))
        .await
        .unwrap()
        .into_iter()
        .map(|assignment| assignment.stage)
        .collect();
    assert_eq!(work, ["presentasi"]);
}

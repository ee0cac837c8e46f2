//! A sheet counts only while its judge's assignment stands: a judge may recuse
//! only before submitting; after that only the committee can take them off,
//! with a reason, and then their sheet stops counting everywhere at once —
//! results, dashboard, calibration, the committee's spreadsheet, publications.
//! And two saves of one sheet racing each other answer "stale", never 500.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use app::backend::public_cache::PublicCache;
use common::STAGE_ID;
use domain::stage::PublicationScope;

use app::backend::db::Db;
use app::backend::repo::judging;
use app::backend::service::judging::remove_judge;
use app::backend::service::{dashboard, exports, publication, results};
use app::error::{AppError, Problem};
use app::model::MatrixCell;
use common::{ENTRY, STAGE, after, during, fixture, save_as, submitted_at};
use domain::ids::UserId;
use domain::scoring::SheetState;

const SLUG: &str = "kipp-2026";

/// e1 with two judges who both submitted: juri1 gave 90 everywhere, juri2 70.
async fn two_submitted() -> Db {
    let db = fixture().await;
    judging::assign(&db, &STAGE_ID, &ENTRY, &UserId::from("juri2"))
        .await
        .unwrap();
    save_as(&db, "juri1", submitted_at(90.0, "a"))
        .await
        .unwrap();
    save_as(&db, "juri2", submitted_at(70.0, "b"))
        .await
        .unwrap();
    db
}

#[tokio::test]
async fn after_submitting_a_judge_cannot_recuse_and_only_the_committee_can_take_them_off() {
    let db = two_submitted().await;
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    assert_eq!(document.stages[0].entries[0].score, Some(80.0));

    assert_eq!(
        common::recuse_at(&db, "juri1", "Ternyata kerabat", during())
            .await
            .unwrap_err(),
        AppError::Conflict(Problem::RecusalAfterSubmission)
    );
    let unchanged = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    assert_eq!(unchanged.stages[0].entries[0].score, Some(80.0));

    // The committee needs a reason.
    assert_eq!(
        remove_judge(
            &db,
            &LiveUpdates::default(),
            &UserId::from("admin"),
            (&STAGE_ID, &ENTRY, &UserId::from("juri1")),
            " ",
            during()
        )
        .await
        .unwrap_err(),
        AppError::field("reason", Problem::Required)
    );
    remove_judge(
        &db,
        &LiveUpdates::default(),
        &UserId::from("admin"),
        (&STAGE_ID, &ENTRY, &UserId::from("juri1")),
        "Konflik kepentingan diketahui setelah penilaian",
        during(),
    )
    .await
    .unwrap();
    let logged = common::audited(&db, 10).await;
    assert!(
        logged.iter().any(|action| action == "assignment.remove"),
        "{logged:?}"
    );

    // Results: only juri2's sheet is left, and the document says so.
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    let entry = &document.stages[0].entries[0];
    assert_eq!(entry.score, Some(70.0));
    assert_eq!(entry.sheets.len(), 1);
    assert_eq!(entry.sheets[0].total, 70.0);

    // The dashboard, its calibration and its counts agree.
    let board = dashboard::stage(&db, SLUG, &STAGE.into()).await.unwrap();
    assert_eq!((board.submitted, board.assigned), (1, 1));
    let row = board
        .entries
        .iter()
        .find(|row| row.entry == *ENTRY)
        .unwrap();
    assert_eq!(row.submitted, 1);
    let juri1 = board
        .judges
        .iter()
        .find(|judge| judge.judge == "juri1")
        .unwrap();
    assert_eq!(
        juri1.mean, None,
        "the removed judge's totals leave the calibration"
    );
    assert!(
        row.cells
            .iter()
            .any(|cell| matches!(cell, MatrixCell::Recused))
    );
    assert!(
        !board
            .standing
            .iter()
            .any(|(key, _)| key.ends_with("/juri1"))
    );

    // The committee's spreadsheet keeps the sheet, marked as not counting.
    let csv = exports::sheets_csv(&db, SLUG).await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].contains("state,counts"), "{}", lines[0]);
    let juri1_line = lines.iter().find(|line| line.contains(",juri1,")).unwrap();
    assert!(juri1_line.contains(",submitted,false,"), "{juri1_line}");
    let juri2_line = lines.iter().find(|line| line.contains(",juri2,")).unwrap();
    assert!(juri2_line.contains(",submitted,true,"), "{juri2_line}");

    // A publication freezes the same.
    publication::publish(
        &db,
        &PublicCache::default(),
        None,
        (SLUG, &PublicationScope::Final),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        after(),
    )
    .await
    .unwrap();
    let published = publication::published(&db, SLUG).await.unwrap().unwrap();
    assert_eq!(published.stages[0].entries[0].sheets.len(), 1);
    assert_eq!(published.final_ranking[0].score, Some(70.0));
}

#[tokio::test]
async fn a_sheet_with_no_standing_assignment_never_counts() {
    let db = fixture().await;
    // A sheet written for a judge never assigned (an import, a repair by hand).
    judging::put_sheet(
        &db,
        &judging::NewSheet {
            stage: STAGE.into(),
            entry: ENTRY.clone(),
            judge: "juri2".into(),
            values: serde_json::to_value(submitted_at(10.0, "x").values).unwrap(),
            comment: String::new(),
            state: SheetState::Submitted,
        },
    )
    .await
    .unwrap();
    save_as(&db, "juri1", submitted_at(90.0, "a"))
        .await
        .unwrap();
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    assert_eq!(document.stages[0].entries[0].score, Some(90.0));
    assert_eq!(document.stages[0].entries[0].sheets.len(), 1);
}

#[tokio::test]
async fn two_saves_of_one_sheet_at_once_answer_stale_never_internal() {
    let db = fixture().await;
    for round in 0..6 {
        let base = i64::from(round);
        let saves = (0..6).map(|n| {
            let db = db.clone();
            let mut revision = submitted_at(80.0, &format!("r{round}-{n}"));
            revision.submit = false;
            revision.base_revision = base;
            tokio::spawn(async move { save_as(&db, "juri1", revision).await })
        });
        let answers: Vec<_> = futures_join(saves).await;
        let saved = answers.iter().filter(|answer| answer.is_ok()).count();
        assert_eq!(
            saved, 1,
            "exactly one of the racing saves lands: {answers:?}"
        );
        for answer in answers.iter().filter_map(|answer| answer.as_ref().err()) {
            assert!(
                matches!(answer, AppError::Conflict(Problem::StaleRevision { .. })),
                "{answer:?}"
            );
        }
    }
}

async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut answers = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        answers.push(task.await.unwrap());
    }
    answers
}

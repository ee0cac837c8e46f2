//! Administrative screening: pass with the whole checklist, fail with a reason,
//! correct a decision, pass several at once; all or nothing.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::records::query_rows;
use app::backend::service::screening::{self, Screening};
use app::binds;
use app::error::{AppError, Problem};
use common::entrants::problems;
use common::{add_entry, during, fixture, state_of};
use domain::ids::UserId;

const SLUG: &str = "kipp-2026";

/// The committee records `screenings` while the stage is open.
async fn decide(db: &app::backend::db::Db, screenings: &[Screening]) -> Result<usize, AppError> {
    let committee = UserId::from("admin");
    screening::decide(db, &committee, SLUG, screenings, common::SITE, during()).await
}

/// Entry `entry`'s line on the screening page.
async fn row_of(db: &app::backend::db::Db, entry: &str) -> app::model::ScreeningRow {
    screening::view(db, SLUG)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|row| row.entry == entry)
        .unwrap()
}

#[tokio::test]
async fn an_entry_passes_with_the_whole_checklist_or_fails_with_a_reason_it_can_read() {
    let db = fixture().await;
    add_entry(&db, "e2", "Inovasi e2", "kesehatan", "submitted").await;
    let view = screening::view(&db, SLUG).await.unwrap();
    let checklist = view.checklist.clone();
    assert_eq!(checklist.len(), 4, "the default checklist");
    let titles: Vec<&str> = view.rows.iter().map(|row| row.entry.as_str()).collect();
    assert_eq!(
        titles,
        ["e1", "e2"],
        "submitted and screened entries, by title"
    );

    let mut screening = Screening {
        entry: "e2".into(),
        passed: true,
        checks: checklist[..3].to_vec(),
        reason: String::new(),
    };
    let error = decide(&db, &[screening.clone()]).await.unwrap_err();
    assert_eq!(
        problems(&error),
        [(
            "checks".into(),
            Problem::ChecklistIncomplete {
                item: checklist[3].clone()
            }
        )]
    );
    screening.passed = false;
    let error = decide(&db, &[screening.clone()]).await.unwrap_err();
    assert_eq!(problems(&error), [("reason".into(), Problem::Required)]);
    assert_eq!(state_of(&db, "e2").await, "submitted");

    screening.reason = "Inovasi baru berjalan 8 bulan".into();
    decide(&db, &[screening.clone()]).await.unwrap();
    assert_eq!(state_of(&db, "e2").await, "screened_out");
    let row = row_of(&db, "e2").await;
    assert_eq!(row.reason, "Inovasi baru berjalan 8 bulan");
    let reasons: Vec<serde_json::Value> = query_rows(
        &db,
        "SELECT VALUE after.reason FROM audit_event WHERE target = 'entry:e2' AND action = 'entry.screen_out';",
        binds![],
        0,
    )
    .await
    .unwrap();
    assert_eq!(
        reasons,
        [serde_json::json!("Inovasi baru berjalan 8 bulan")]
    );

    // A correction: the committee passes it after all.
    screening.passed = true;
    screening.checks = checklist.clone();
    decide(&db, &[screening]).await.unwrap();
    assert_eq!(state_of(&db, "e2").await, "screened_in");
}

#[tokio::test]
async fn several_pass_at_once_or_none_does() {
    let db = fixture().await;
    for key in ["e2", "e3"] {
        add_entry(
            &db,
            key,
            &format!("Inovasi {}", key),
            "kesehatan",
            "submitted",
        )
        .await;
    }
    let checklist = screening::view(&db, SLUG).await.unwrap().checklist;
    let pass = |entry: &str| Screening {
        entry: entry.into(),
        passed: true,
        checks: checklist.clone(),
        reason: String::new(),
    };
    let error = decide(&db, &[pass("e2"), pass("no-such")])
        .await
        .unwrap_err();
    assert_eq!(error, AppError::NotFound);
    assert_eq!(state_of(&db, "e2").await, "submitted", "nothing half-done");
    let count = decide(&db, &[pass("e2"), pass("e3")]).await.unwrap();
    assert_eq!(count, 2);
    assert_eq!(state_of(&db, "e3").await, "screened_in");
}

#[tokio::test]
async fn deciding_the_same_again_records_the_new_reason() {
    let db = fixture().await;
    add_entry(&db, "e2", "Inovasi e2", "kesehatan", "submitted").await;
    let fail = |reason: &str| Screening {
        entry: "e2".into(),
        passed: false,
        checks: Vec::new(),
        reason: reason.into(),
    };
    decide(&db, &[fail("Bukti kurang")]).await.unwrap();
    decide(&db, &[fail("Bukti kurang; video tidak dapat dibuka")])
        .await
        .unwrap();
    assert_eq!(state_of(&db, "e2").await, "screened_out");
    let row = row_of(&db, "e2").await;
    assert_eq!(row.reason, "Bukti kurang; video tidak dapat dibuka");
}

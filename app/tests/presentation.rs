//! The presentation console: who reads it, who runs the clock, how the clock runs.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use common::STAGE_ID;

use app::backend::repo::presentation::make_presentation;
use app::backend::service::presentation::{ClockCommand, console, run_clock};
use app::error::AppError;
use common::{ENTRY, during, fixture};
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::presentation::{Phase, Slot, read};
use jiff::SignedDuration;

#[tokio::test]
async fn a_desk_stage_has_no_console() {
    let db = fixture().await;
    assert_eq!(
        console(&db, &UserId::from("juri1"), &STAGE_ID, during())
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn the_panel_reads_the_console_and_only_the_chair_runs_the_clock() {
    let db = fixture().await;
    make_presentation(
        &db,
        &STAGE_ID,
        Some(&UserId::from("juri2")),
        std::slice::from_ref(&*ENTRY),
        Slot::default(),
    )
    .await
    .unwrap();
    common::account(&db, "juri3", "judge", None).await;

    let panel = console(&db, &UserId::from("juri1"), &STAGE_ID, during())
        .await
        .unwrap();
    assert!(!panel.is_chair && panel.has_chair && panel.open);
    assert_eq!(panel.queue.len(), 1);
    assert_eq!(panel.queue[0].org_name.as_deref(), Some("Dinas Kesehatan"));
    assert!(
        panel.clock.is_none(),
        "nothing presents until the chair starts"
    );
    assert_eq!(
        console(&db, &UserId::from("juri3"), &STAGE_ID, during())
            .await
            .unwrap_err(),
        AppError::Forbidden,
        "a judge who hears nothing here sees nothing"
    );
    assert_eq!(
        run_clock(
            &db,
            &UserId::from("juri1"),
            &STAGE_ID,
            &ENTRY,
            ClockCommand::Start,
            during()
        )
        .await
        .unwrap_err(),
        AppError::Forbidden,
        "only the chair runs the clock"
    );
    let chair = console(&db, &UserId::from("juri2"), &STAGE_ID, during())
        .await
        .unwrap();
    assert!(chair.is_chair);
    assert_eq!(
        chair.queue.len(),
        1,
        "the chair sees the whole panel's queue"
    );
    assert_eq!(
        run_clock(
            &db,
            &UserId::from("juri2"),
            &STAGE_ID,
            &EntryId::from("no-such-entry"),
            ClockCommand::Start,
            during()
        )
        .await
        .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn the_clock_starts_pauses_resumes_and_resets_as_every_tablet_reads_it() {
    let db = fixture().await;
    make_presentation(
        &db,
        &STAGE_ID,
        Some(&UserId::from("juri2")),
        &[],
        Slot::default(),
    )
    .await
    .unwrap();
    let start = during();
    let elapsed_for_panel = |at: jiff::Timestamp| {
        let db = db.clone();
        async move {
            let seen = console(&db, &UserId::from("juri1"), &STAGE_ID, at)
                .await
                .unwrap();
            let clock = seen.clock.unwrap();
            assert_eq!(clock.entry, *ENTRY);
            (
                clock.clock.elapsed_at(seen.server_now_ms),
                clock.clock.is_running(),
            )
        }
    };
    run_clock(
        &db,
        &UserId::from("juri2"),
        &STAGE_ID,
        &ENTRY,
        ClockCommand::Start,
        start,
    )
    .await
    .unwrap();
    let video_over = start + SignedDuration::from_secs(200);
    assert_eq!(elapsed_for_panel(video_over).await, (200_000, true));
    assert_eq!(read(Slot::default(), 200_000).phase, Phase::Questions);

    run_clock(
        &db,
        &UserId::from("juri2"),
        &STAGE_ID,
        &ENTRY,
        ClockCommand::Pause,
        video_over,
    )
    .await
    .unwrap();
    let an_hour_later = video_over + SignedDuration::from_hours(1);
    assert_eq!(
        elapsed_for_panel(an_hour_later).await,
        (200_000, false),
        "a paused clock stands still"
    );
    run_clock(
        &db,
        &UserId::from("juri2"),
        &STAGE_ID,
        &ENTRY,
        ClockCommand::Start,
        an_hour_later,
    )
    .await
    .unwrap();
    assert_eq!(
        elapsed_for_panel(an_hour_later + SignedDuration::from_secs(10)).await,
        (210_000, true),
        "resumed where it stopped"
    );
    run_clock(
        &db,
        &UserId::from("juri2"),
        &STAGE_ID,
        &ENTRY,
        ClockCommand::Reset,
        an_hour_later,
    )
    .await
    .unwrap();
    assert_eq!(
        elapsed_for_panel(an_hour_later + SignedDuration::from_secs(10)).await,
        (0, false)
    );
}

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

/// The schedule: entries in running order (the unlisted after, by title),
/// back to back from the stage's opening; each judge is sent their own slots
/// and the chair all of them, with one calendar file per slot that a real
/// mail server receives; a blind stage names no agency in them.
#[tokio::test]
async fn each_judge_is_sent_their_own_slots_with_a_calendar_file_each() {
    use app::backend::mail::transport::MailTransport;
    use app::backend::mail::worker::deliver_due;
    use app::backend::repo::{judging, mail as outbox};
    use app::backend::service::presentation_schedule;
    use common::smtp::SmtpSink;
    use domain::mail::MailKind;

    let db = fixture().await;
    common::add_entry(&db, "e2", "Antrean Daring", "kesehatan", "screened_in").await;
    common::add_entry(&db, "e3", "Zona Sehat", "kesehatan", "screened_in").await;
    common::account(&db, "ketua", "judge", None).await;
    for (entry, judge) in [
        ("e1", "juri1"),
        ("e2", "juri1"),
        ("e2", "juri2"),
        ("e3", "juri2"),
    ] {
        if (entry, judge) != ("e1", "juri1") {
            judging::assign(&db, &STAGE_ID, &EntryId::from(entry), &UserId::from(judge))
                .await
                .unwrap();
        }
    }
    let admin = UserId::from("admin");
    // A desk stage has no schedule.
    assert_eq!(
        presentation_schedule::view(&db, &STAGE_ID).await.unwrap(),
        None
    );
    let sent = presentation_schedule::send(&db, &admin, &STAGE_ID, common::SITE, during()).await;
    assert_eq!(sent, Err(AppError::NotFound));

    // Zona Sehat presents first; the others follow by title.
    make_presentation(
        &db,
        &STAGE_ID,
        Some(&UserId::from("ketua")),
        &[EntryId::from("e3")],
        Slot {
            minutes: 15,
            video_minutes: 3,
        },
    )
    .await
    .unwrap();
    let slots = presentation_schedule::view(&db, &STAGE_ID)
        .await
        .unwrap()
        .unwrap();
    let order: Vec<&str> = slots.iter().map(|slot| slot.title.as_str()).collect();
    assert_eq!(order, ["Zona Sehat", "Antrean Daring", "Brexit"]);
    // The stage opens at 08:00 in Jakarta; slots are 15 minutes.
    assert_eq!(slots[0].starts_at, "2026-03-01T08:00:00+07:00");
    assert_eq!(slots[2].starts_at, "2026-03-01T08:30:00+07:00");
    assert_eq!(slots[2].ends_at, "2026-03-01T08:45:00+07:00");
    assert_eq!(slots[1].judges, 2);

    let sent = presentation_schedule::send(&db, &admin, &STAGE_ID, common::SITE, during()).await;
    assert_eq!(sent, Ok(3), "juri1, juri2 and the chair");
    let mails = outbox::newest(&db, 10).await.unwrap();
    let files_of = |judge: &str| {
        let mail = mails
            .iter()
            .find(|mail| mail.recipient == format!("{judge}@juara.test"))
            .unwrap();
        assert_eq!(mail.kind, MailKind::PresentationSchedule);
        mail.attachments.clone()
    };
    let names = |judge: &str| -> Vec<String> {
        files_of(judge)
            .iter()
            .map(|file| file.name.clone())
            .collect()
    };
    assert_eq!(names("juri1"), ["01-e2.ics", "02-e1.ics"]);
    assert_eq!(names("juri2"), ["01-e3.ics", "02-e2.ics"]);
    assert_eq!(names("ketua").len(), 3, "the chair runs every slot");
    let first = &files_of("juri2")[0];
    assert!(first.content_type.starts_with("text/calendar"));
    assert!(
        first.body.contains("DTSTART:20260301T010000Z\r\n"),
        "{}",
        first.body
    );
    assert!(first.body.contains("DTEND:20260301T011500Z\r\n"));
    assert!(first.body.contains("UID:desk-e3@juara\r\n"));
    assert!(first.body.contains("Dinas Kesehatan"), "not a blind stage");
    let juri1 = mails
        .iter()
        .find(|mail| mail.recipient == "juri1@juara.test")
        .unwrap();
    assert!(
        juri1.text.contains("2026-03-01 08:15–08:30 Antrean Daring"),
        "{}",
        juri1.text
    );
    assert!(
        juri1
            .text
            .contains(&format!("{}/judge/present/desk", common::SITE))
    );

    // A real mail server receives the calendar files as attachments.
    let sink = SmtpSink::start();
    let transport = MailTransport::smtp(&sink.url(), "Panitia <kipp@juara.test>").unwrap();
    deliver_due(&db, &transport, during()).await.unwrap();
    let received = sink.received();
    assert_eq!(received.len(), 3);
    let raw = &received
        .iter()
        .find(|mail| mail.raw.contains("To: juri2@"))
        .unwrap()
        .raw;
    assert!(raw.contains("multipart/mixed"), "{raw}");
    assert!(raw.contains("Content-Type: text/calendar"), "{raw}");
    assert!(raw.contains("filename=\"01-e3.ics\""), "{raw}");

    // A blind stage's calendar files name no agency.
    app::backend::records::execute(&db, "UPDATE stage SET blind = true;", Vec::new())
        .await
        .unwrap();
    let later = during() + SignedDuration::from_mins(5);
    presentation_schedule::send(&db, &admin, &STAGE_ID, common::SITE, later)
        .await
        .unwrap();
    let again = outbox::newest(&db, 3).await.unwrap();
    assert!(again.iter().all(|mail| mail.created_at == later));
    assert!(again.iter().all(|mail| {
        mail.attachments
            .iter()
            .all(|file| !file.body.contains("Dinas Kesehatan"))
            && !mail.text.contains("Dinas Kesehatan")
    }));
}

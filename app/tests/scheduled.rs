//! The scheduled messages: a judge with unsubmitted sheets is reminded once
//! per reminder before the stage closes, the committee gets its digest while
//! a stage is open, and the schedule lives in the database — a restart keeps
//! it and two instances run a due job once.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::db::Db;
use app::backend::jobs::{self, Job, JobSettings};
use app::backend::repo::mail::{self as outbox, MailRecord};
use app::backend::repo::{jobs as schedule, judging};
use app::backend::service::scheduled;
use common::{ENTRY, SITE, STAGE_ID, closes, during, save_at, submitted_at};
use domain::ids::UserId;
use domain::mail::MailKind;
use jiff::{SignedDuration, Timestamp};

const DAYS: [u32; 2] = [3, 1];

fn hours(count: i64) -> SignedDuration {
    SignedDuration::from_hours(count)
}

async fn outbox_of(db: &Db) -> Vec<MailRecord> {
    let mut mails = outbox::newest(db, 100).await.unwrap();
    mails.reverse();
    mails
}

/// The fixture with juri2 also on the entry, their sheet submitted: only
/// juri1 has a sheet waiting.
async fn one_judge_waiting() -> Db {
    let db = common::fixture().await;
    judging::assign(&db, &STAGE_ID, &ENTRY, &UserId::from("juri2"))
        .await
        .unwrap();
    save_at(&db, "juri2", submitted_at(70.0, "k"), during())
        .await
        .unwrap();
    db
}

#[tokio::test]
async fn a_judge_with_an_unsubmitted_sheet_is_reminded_once_per_reminder() {
    let db = one_judge_waiting().await;
    let remind = |at: Timestamp| {
        let db = db.clone();
        async move {
            scheduled::closing_reminders(&db, SITE, &DAYS, at)
                .await
                .unwrap()
        }
    };
    assert_eq!(remind(closes() - hours(4 * 24)).await, 0, "not yet");
    assert_eq!(
        remind(closes() - hours(2 * 24)).await,
        1,
        "three days before"
    );
    assert_eq!(remind(closes() - hours(2 * 24 - 1)).await, 0, "once");
    assert_eq!(remind(closes() - hours(12)).await, 1, "one day before");
    assert_eq!(remind(closes() - hours(11)).await, 0, "once");
    assert_eq!(remind(closes() + hours(1)).await, 0, "closed");

    let mails = outbox_of(&db).await;
    assert_eq!(mails.len(), 2);
    for mail in &mails {
        assert_eq!(
            (mail.kind, mail.recipient.as_str()),
            (MailKind::ClosingReminder, "juri1@juara.test"),
            "never juri2, whose sheet is in"
        );
        assert!(
            mail.text.contains("1 lembar penilaian")
                && mail.text.contains(&format!("{SITE}/judge"))
        );
    }
}

#[tokio::test]
async fn the_committee_hears_each_morning_while_a_stage_is_open() {
    let db = one_judge_waiting().await;
    common::account(&db, "admin", "admin", None).await;
    assert_eq!(
        scheduled::committee_digest(&db, SITE, "2026-03-03", during())
            .await
            .unwrap(),
        1
    );
    let mails = outbox_of(&db).await;
    assert_eq!(
        (mails[0].kind, mails[0].recipient.as_str()),
        (MailKind::CommitteeDigest, "admin@juara.test")
    );
    assert!(
        mails[0]
            .text
            .contains("Desk (KIPP 2026): 1 dari 2 lembar penilaian terkirim"),
        "{}",
        mails[0].text
    );
    assert_eq!(
        scheduled::committee_digest(&db, SITE, "2026-03-09", closes() + hours(1))
            .await
            .unwrap(),
        0,
        "no stage open, no digest"
    );
}

#[tokio::test]
async fn the_schedule_survives_a_restart_and_two_instances_run_a_due_job_once() {
    let db = one_judge_waiting().await;
    let settings = JobSettings {
        site: SITE.into(),
        reminder_days: DAYS.to_vec(),
    };
    let start = closes() - hours(2 * 24);
    jobs::schedule(&db, start).await.unwrap();
    let first = jobs::run_due(&db, &settings, start).await.unwrap();
    assert_eq!(
        first,
        [(Job::ClosingReminders, 1)],
        "the digest waits for the morning"
    );
    assert!(
        jobs::run_due(&db, &settings, start)
            .await
            .unwrap()
            .is_empty(),
        "not due again yet"
    );

    // A restart schedules again: nothing moves.
    let next = schedule::next_run(&db, Job::ClosingReminders.name())
        .await
        .unwrap();
    jobs::schedule(&db, start + hours(1)).await.unwrap();
    assert_eq!(
        schedule::next_run(&db, Job::ClosingReminders.name())
            .await
            .unwrap(),
        next
    );

    // Two instances look at once when it is due: it runs once.
    let later = start + hours(1);
    let (one, two) = tokio::join!(
        jobs::run_due(&db, &settings, later),
        jobs::run_due(&db, &settings, later)
    );
    let runs = [one.unwrap(), two.unwrap()]
        .iter()
        .flatten()
        .filter(|(job, _)| *job == Job::ClosingReminders)
        .count();
    assert_eq!(runs, 1);
    assert_eq!(outbox_of(&db).await.len(), 1, "and the reminder went once");
}

//! Who hears of what by mail: an entry's team of its review and screening, a
//! judge of the entries given to them — each in their own language, never
//! the person who acted, never another organisation, and never a kind they
//! turned off unless they must act on it.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::db::Db;
use app::backend::live::LiveUpdates;
use app::backend::mail::transport::MailTransport;
use app::backend::mail::worker::deliver_due;
use app::backend::repo::mail::{self as outbox, MailRecord};
use app::backend::service::mail_settings;
use app::backend::service::proposals::Review;
use app::backend::service::screening::{self, Screening};
use common::entrants::{
    self, before_close, complete, coordinator_reviews, endorse_and_submit, innovator, save, started,
};
use common::smtp::SmtpSink;
use common::{SITE, during};
use domain::ids::{EntryId, UserId};
use domain::mail::{Language, MailKind, MailPreferences};

/// Every message in the outbox, oldest first.
async fn outbox_of(db: &Db) -> Vec<MailRecord> {
    let mut mails = outbox::newest(db, 100).await.unwrap();
    mails.reverse();
    mails
}

/// (kind, recipient) of every message in the outbox, oldest first.
async fn sent_to(db: &Db) -> Vec<(MailKind, String)> {
    outbox_of(db)
        .await
        .into_iter()
        .map(|mail| (mail.kind, mail.recipient))
        .collect()
}

/// An entry of the Puskesmas, complete and ready for its coordinator.
async fn ready_entry(db: &Db) -> EntryId {
    let entry = started(db, "Posyandu Remaja").await;
    save(db, &innovator(), &entry, 1, complete(), before_close())
        .await
        .unwrap();
    entry
}

#[tokio::test]
async fn a_returned_entry_reaches_its_writer_with_the_comment_and_a_link_to_it() {
    let db = entrants::fixture().await;
    let entry = ready_entry(&db).await;
    coordinator_reviews(
        &db,
        &entry,
        Review::SendBack,
        "Lengkapi data <kunjungan> 2025.",
    )
    .await
    .unwrap();

    // The innovator hears; the coordinator who returned it does not, nor the
    // coordinator of another organisation.
    assert_eq!(
        sent_to(&db).await,
        [(MailKind::EntryReturned, "ina@juara.test".to_owned())]
    );
    let sink = SmtpSink::start();
    let transport = MailTransport::smtp(&sink.url(), "Juara <juara@juara.test>").unwrap();
    let round = deliver_due(&db, &transport, jiff::Timestamp::now())
        .await
        .unwrap();
    assert_eq!(round.sent, 1);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert_eq!(message.header("To").as_deref(), Some("ina@juara.test"));
    assert!(
        message
            .header("Subject")
            .unwrap()
            .contains("Posyandu Remaja")
    );
    assert!(
        message.raw.contains("Lengkapi data <kunjungan> 2025."),
        "the comment, as written"
    );
    assert!(
        message
            .raw
            .contains("Lengkapi data &lt;kunjungan&gt; 2025."),
        "escaped in the HTML"
    );
    assert!(
        message
            .raw
            .contains(&format!("{SITE}/entrant/entry/{entry}"))
    );
    assert!(
        message.raw.contains("dikembalikan"),
        "in Bahasa Indonesia by default"
    );
}

#[tokio::test]
async fn endorsing_and_submitting_tell_the_team_in_each_ones_language_unless_turned_off() {
    let db = entrants::fixture().await;
    // The innovator reads English and turned off news of submissions, and
    // (to no effect) of entries returned to them.
    let chosen = MailPreferences {
        language: Language::English,
        muted: [MailKind::EntrySubmitted, MailKind::EntryReturned].into(),
    };
    mail_settings::save(&db, &UserId::from("ina"), chosen)
        .await
        .unwrap();
    let stored = mail_settings::view(&db, &UserId::from("ina"))
        .await
        .unwrap();
    assert_eq!(
        stored.preferences.muted,
        [MailKind::EntrySubmitted].into(),
        "what must be acted on cannot be turned off"
    );

    let entry = ready_entry(&db).await;
    endorse_and_submit(&db, &entry).await;
    let mails = outbox_of(&db).await;
    assert_eq!(
        mails
            .iter()
            .map(|mail| (mail.kind, mail.recipient.as_str(), mail.language))
            .collect::<Vec<_>>(),
        [(MailKind::EntryEndorsed, "ina@juara.test", Language::English)],
        "endorsed in English; the submission not at all"
    );
    assert!(mails[0].subject.starts_with("Endorsed: "));
    assert!(
        mails[0].text.contains(&format!("{SITE}/account")),
        "an optional kind says where to turn it off"
    );
}

#[tokio::test]
async fn a_screening_outcome_tells_the_team_once_with_the_reason() {
    let db = common::fixture().await;
    common::add_entry(&db, "e2", "Sehat Bersama", "kesehatan", "submitted").await;
    common::account(&db, "dina", "innovator", Some("dinkes")).await;
    common::account(&db, "juri-lain", "judge", Some("dinkes")).await;
    let fail = Screening {
        entry: "e2".into(),
        passed: false,
        checks: Vec::new(),
        reason: "Video tidak dapat dibuka.".into(),
    };
    for _ in 0..2 {
        screening::decide(
            &db,
            &UserId::from("admin"),
            common::SLUG,
            std::slice::from_ref(&fail),
            SITE,
            during(),
        )
        .await
        .unwrap();
    }
    assert_eq!(
        sent_to(&db).await,
        [(MailKind::ScreeningOutcome, "dina@juara.test".to_owned())],
        "the team's writer, once (the same decision again tells nobody), not a judge of the organisation"
    );
    let mails = outbox_of(&db).await;
    assert!(mails[0].text.contains("Video tidak dapat dibuka."));
    assert!(mails[0].text.contains(&format!("{SITE}/entrant/entry/e2")));
}

#[tokio::test]
async fn each_judge_hears_of_new_assignments_in_one_message() {
    use app::backend::service::assignment::apply;
    let db = common::fixture().await;
    common::add_entry(&db, "e2", "Sehat Bersama", "kesehatan", "screened_in").await;
    let created = apply(
        &db,
        &LiveUpdates::default(),
        &UserId::from("admin"),
        (&common::STAGE_ID, 2),
        SITE,
        during(),
    )
    .await
    .unwrap();
    assert_eq!(created, 3, "juri1 already had e1");
    let mails = outbox_of(&db).await;
    let mut digests: Vec<(String, String)> = mails
        .iter()
        .map(|mail| {
            assert_eq!(mail.kind, MailKind::JudgeAssignments);
            (mail.recipient.clone(), mail.subject.clone())
        })
        .collect();
    digests.sort();
    assert_eq!(
        digests,
        [
            (
                "juri1@juara.test".to_owned(),
                "1 usulan baru untuk Anda nilai".to_owned()
            ),
            (
                "juri2@juara.test".to_owned(),
                "2 usulan baru untuk Anda nilai".to_owned()
            ),
        ]
    );
    let juri2 = mails
        .iter()
        .find(|mail| mail.recipient == "juri2@juara.test")
        .unwrap();
    assert!(juri2.text.contains("Brexit (Desk)") && juri2.text.contains("Sehat Bersama (Desk)"));
    assert!(juri2.text.contains(&format!("{SITE}/judge")));
}

#[tokio::test]
async fn published_stage_results_tell_each_ranked_entrys_team_once() {
    use app::backend::mail::outgoing::Announce;
    use app::backend::public_cache::PublicCache;
    use app::backend::service::publication;
    let db = common::scored::scored().await;
    common::account(&db, "dina", "innovator", Some("dinkes")).await;
    let publish = |db: Db| async move {
        publication::publish(
            &db,
            &PublicCache::default(),
            Some(&UserId::from("admin")),
            (common::SLUG, &common::STAGE.into()),
            None,
            Announce::Mail { site: SITE },
            common::after(),
        )
        .await
    };
    publish(db.clone()).await.unwrap();
    let mails = outbox_of(&db).await;
    assert_eq!(mails.len(), 3, "one per ranked entry");
    assert!(
        mails
            .iter()
            .all(|mail| mail.kind == MailKind::StageResult && mail.recipient == "dina@juara.test")
    );
    let subjects: Vec<&str> = mails.iter().map(|mail| mail.subject.as_str()).collect();
    assert!(
        subjects.contains(&"Lolos ke tahap berikutnya: Sekolah Ramah"),
        "{subjects:?}"
    );
    assert!(
        subjects.iter().all(|subject| subject.starts_with("Lolos")),
        "the best of each category went on, both of the tie for first: {subjects:?}"
    );

    // A corrected publication over the standing one tells nobody again.
    common::scored::sheet(&db, "e3", "juri2", 60.0, "submitted").await;
    publish(db.clone()).await.unwrap();
    assert_eq!(outbox_of(&db).await.len(), 3);
}

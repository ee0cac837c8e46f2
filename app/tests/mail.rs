//! Mail: a message is written with the event that causes it, sent through a
//! real SMTP server (aiosmtpd on a loopback port) or written to the outbox
//! folder, tried again when the server is down, and given up on — with the
//! server's answer — when the server refuses it for good.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::mail::transport::MailTransport;
use app::backend::mail::worker::{Round, deliver_due};
use app::backend::repo::mail::{self as outbox, MailRecord};
use app::backend::service::people::{self, NewAccount};
use app::error::AppError;
use common::smtp::SmtpSink;
use common::{during, fixture};
use domain::ids::UserId;
use domain::mail::{MailKind, MailState};
use jiff::SignedDuration;

const SITE: &str = "https://juara.malangkota.go.id";
const FROM: &str = "Panitia KIPP <kipp@malangkota.go.id>";

fn judge(email: &str) -> NewAccount {
    NewAccount {
        email: email.into(),
        name: "Juri Baru".into(),
        roles: vec!["judge".into()],
        org: String::new(),
    }
}

async fn messages(db: &app::backend::db::Db) -> Vec<MailRecord> {
    outbox::newest(db, 100).await.unwrap()
}

/// The committee creates a judge's account for `email`; the invitation's token.
async fn invite(db: &app::backend::db::Db, email: &str) -> String {
    people::create(db, &UserId::from("admin"), &judge(email), SITE, during())
        .await
        .unwrap()
}

/// The test mail server as the worker's transport.
fn smtp(sink: &SmtpSink) -> MailTransport {
    MailTransport::smtp(&sink.url(), FROM).unwrap()
}

/// The committee's outbox page, with mail going to `delivery`.
async fn outbox_page(
    db: &app::backend::db::Db,
    delivery: app::model::MailDelivery,
) -> app::model::OutboxView {
    app::backend::service::outbox::view(db, &delivery)
        .await
        .unwrap()
}

/// The committee's "send again".
async fn resend(db: &app::backend::db::Db, mail: &domain::ids::MailId) -> Result<(), AppError> {
    app::backend::service::outbox::resend(db, &UserId::from("admin"), mail, during()).await
}

/// One round of the worker at `at`: (sent, retrying, failed).
async fn round_at(
    db: &app::backend::db::Db,
    transport: &MailTransport,
    at: jiff::Timestamp,
) -> (usize, usize, usize) {
    let Round {
        sent,
        retrying,
        failed,
    } = deliver_due(db, transport, at).await.unwrap();
    (sent, retrying, failed)
}

#[tokio::test]
async fn an_invitation_is_written_with_its_account_and_nothing_with_a_refused_one() {
    let db = fixture().await;
    let admin = UserId::from("admin");
    let token = people::create(&db, &admin, &judge("Juri.Baru@Juara.test"), SITE, during())
        .await
        .unwrap();
    let written = messages(&db).await;
    assert_eq!(written.len(), 1);
    let invitation = &written[0];
    assert_eq!(
        (
            invitation.kind,
            invitation.state,
            invitation.recipient.as_str()
        ),
        (
            MailKind::Invitation,
            MailState::Queued,
            "juri.baru@juara.test"
        )
    );
    assert!(
        invitation.text.contains(&format!("{SITE}/invite/{token}")),
        "{}",
        invitation.text
    );
    assert!(
        invitation.subject.contains("Undangan"),
        "Bahasa Indonesia by default"
    );

    // The same address again is refused, and no message goes out for it.
    let refused = people::create(&db, &admin, &judge("juri.baru@juara.test"), SITE, during()).await;
    assert!(
        matches!(refused, Err(AppError::Invalid { .. })),
        "{refused:?}"
    );
    assert_eq!(messages(&db).await.len(), 1);

    // Once the person has a password, a new link is a password reset.
    people::accept(
        &db,
        &token,
        "kata sandi yang panjang",
        "kata sandi yang panjang",
        during(),
    )
    .await
    .unwrap();
    let account = app::backend::repo::users::find_by_email(&db, "juri.baru@juara.test")
        .await
        .unwrap()
        .unwrap();
    let later = during() + SignedDuration::from_mins(1);
    people::invite(&db, &admin, &account.id, SITE, later)
        .await
        .unwrap();
    let newest = &messages(&db).await[0];
    assert_eq!(newest.kind, MailKind::PasswordReset);
}

#[tokio::test]
async fn messages_reach_a_real_mail_server_once_each() {
    let db = fixture().await;
    let sink = SmtpSink::start();
    let transport = smtp(&sink);
    let token = invite(&db, "juri.baru@juara.test").await;

    assert_eq!(round_at(&db, &transport, during()).await, (1, 0, 0));
    // Nothing is due any more: a second round sends nothing.
    assert_eq!(round_at(&db, &transport, during()).await, (0, 0, 0));

    let received = sink.received();
    assert_eq!(received.len(), 1, "sent exactly once");
    let message = &received[0];
    let stored = &messages(&db).await[0];
    assert_eq!(
        message.header("To").as_deref(),
        Some("juri.baru@juara.test")
    );
    assert_eq!(
        message.header("From").as_deref(),
        Some("\"Panitia KIPP\" <kipp@malangkota.go.id>")
    );
    assert_eq!(
        message.header("Message-ID"),
        Some(format!("<{}@juara>", stored.id))
    );
    assert!(message.raw.contains(&format!("{SITE}/invite/{token}")));
    assert!(
        message.raw.contains("text/html"),
        "an HTML part beside the text"
    );
    assert_eq!((stored.state, stored.attempts), (MailState::Sent, 1));
}

#[tokio::test]
async fn a_server_that_is_down_is_tried_again_later_and_nothing_is_lost() {
    let db = fixture().await;
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = MailTransport::smtp(&format!("smtp://127.0.0.1:{closed}"), FROM).unwrap();
    invite(&db, "juri.baru@juara.test").await;

    assert_eq!(round_at(&db, &down, during()).await, (0, 1, 0));
    let waiting = &messages(&db).await[0];
    assert_eq!((waiting.state, waiting.attempts), (MailState::Queued, 1));
    assert!(
        waiting.last_error.is_some(),
        "the failure is kept for the committee"
    );
    assert_eq!(
        waiting.next_attempt_at,
        during() + SignedDuration::from_secs(60)
    );

    // Not before its time, even with the server back.
    let sink = SmtpSink::start();
    let up = smtp(&sink);
    let soon = during() + SignedDuration::from_secs(30);
    assert_eq!(round_at(&db, &up, soon).await, (0, 0, 0));
    let later = during() + SignedDuration::from_secs(61);
    assert_eq!(round_at(&db, &up, later).await.0, 1);
    assert_eq!(sink.received().len(), 1);
    let sent = &messages(&db).await[0];
    assert_eq!(
        (sent.state, sent.attempts, sent.last_error.as_deref()),
        (MailState::Sent, 2, None)
    );
}

#[tokio::test]
async fn a_refused_recipient_fails_with_the_servers_answer_and_can_be_sent_again() {
    let db = fixture().await;
    let sink = SmtpSink::start();
    let transport = smtp(&sink);
    invite(&db, "refused@juara.test").await;
    assert_eq!(round_at(&db, &transport, during()).await, (0, 0, 1));
    let failed = &messages(&db).await[0];
    assert_eq!(failed.state, MailState::Failed);
    assert!(
        failed
            .last_error
            .as_deref()
            .is_some_and(|answer| answer.contains("no such mailbox")),
        "{:?}",
        failed.last_error
    );
    assert!(sink.received().is_empty());

    // The committee's outbox shows its words (to pass on by hand), and sends it again.
    let view = outbox_page(&db, app::model::MailDelivery::Smtp(sink.url())).await;
    assert_eq!((view.failed, view.sent), (1, 0));
    assert!(
        view.messages[0]
            .text
            .as_deref()
            .is_some_and(|text| text.contains("/invite/"))
    );
    resend(&db, &failed.id).await.unwrap();
    let again = &messages(&db).await[0];
    assert_eq!((again.state, again.attempts), (MailState::Queued, 0));
    // A message that has not failed cannot be "sent again".
    assert_eq!(
        resend(&db, &failed.id).await.unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn a_sent_invitations_link_stays_its_recipients() {
    let db = fixture().await;
    let sink = SmtpSink::start();
    let transport = smtp(&sink);
    let token = invite(&db, "juri.baru@juara.test").await;
    deliver_due(&db, &transport, during()).await.unwrap();
    // Its reader has it; the stored copy no longer does.
    assert!(sink.received()[0].raw.contains(&token));
    let stored = messages(&db).await;
    assert_eq!(
        (stored[0].text.as_str(), stored[0].html.as_str()),
        (outbox::SCRUBBED, outbox::SCRUBBED)
    );
    let delivery = app::model::MailDelivery::Smtp(sink.url());
    let view = app::backend::service::outbox::view(&db, &delivery)
        .await
        .unwrap();
    assert_eq!(
        view.messages[0].text, None,
        "the committee does not read a sent link"
    );
    // Without a mail server nothing left the machine: the outbox shows it all.
    let folder = app::model::MailDelivery::Folder("/tmp/outbox".into());
    let view = app::backend::service::outbox::view(&db, &folder)
        .await
        .unwrap();
    assert!(view.messages[0].text.is_some());
}

#[tokio::test]
async fn without_a_mail_server_each_message_is_one_file_in_the_outbox_folder() {
    let db = fixture().await;
    let dir = std::env::temp_dir().join(format!("juara-outbox-{}", std::process::id()));
    let transport = MailTransport::folder(dir.clone(), "Juara <juara@localhost>").unwrap();
    invite(&db, "juri.baru@juara.test").await;
    assert_eq!(round_at(&db, &transport, during()).await.0, 1);
    let stored = messages(&db).await.remove(0);
    // Written again (a restart between writing and recording it): still one file.
    transport.send(&stored).await.unwrap();
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(dir.join(format!("{}.eml", stored.id))).unwrap();
    assert!(text.contains(&format!("Message-ID: <{}@juara>", stored.id)));
    assert!(text.contains("/invite/"));
    std::fs::remove_dir_all(dir).unwrap();
}

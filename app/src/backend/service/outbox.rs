//! The committee's view of the outbox (*Surat keluar*), and sending a failed
//! message again. Admins only: a message's words may hold a one-time link.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::mail;
use crate::error::AppError;
use crate::model::{MailDelivery, OutboxRow, OutboxView};
use domain::ids::{MailId, UserId};
use domain::mail::{MailKind, MailState};
use jiff::Timestamp;

/// How many messages the page lists.
pub const SHOWN: usize = 200;

/// The newest messages, with how many stand in each state.
pub async fn view(db: &Db, delivery: &MailDelivery) -> Result<OutboxView, AppError> {
    let folder = matches!(delivery, MailDelivery::Folder(_));
    let counts = mail::counts(db).await?;
    let count = |state: MailState| {
        counts
            .iter()
            .find(|(stood, _)| *stood == state)
            .map_or(0, |(_, count)| *count)
    };
    let messages = mail::newest(db, SHOWN)
        .await?
        .into_iter()
        .map(|message| OutboxRow {
            // A failed invitation's words are the committee's to pass on by
            // hand; a vote's confirmation link never is: the committee could
            // confirm votes with it. The voter can ask for a new one.
            text: (folder
                || (message.state == MailState::Failed
                    && message.kind != MailKind::VoteConfirmation))
                .then_some(message.text),
            recipient: if folder || message.kind != MailKind::VoteConfirmation {
                message.recipient
            } else {
                masked(&message.recipient)
            },
            retry_at: (message.state == MailState::Queued && message.attempts > 0)
                .then(|| message.next_attempt_at.to_string()),
            id: message.id,
            kind: message.kind,
            subject: message.subject,
            state: message.state,
            attempts: message.attempts,
            created_at: message.created_at.to_string(),
            last_error: message.last_error,
        })
        .collect();
    Ok(OutboxView {
        delivery: delivery.clone(),
        queued: count(MailState::Queued),
        sent: count(MailState::Sent),
        failed: count(MailState::Failed),
        messages,
    })
}

/// A voter's address as the committee sees it: the first letter and the
/// domain (`a…@mail.id`), enough to see which provider refused a message.
fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

/// Puts failed message `message` back in the queue; audited. `NotFound` for a
/// message that is not failed (or does not exist).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn resend(
    db: &Db,
    actor: &UserId,
    message: &MailId,
    now: Timestamp,
) -> Result<(), AppError> {
    let requeued = execute_atomically(
        db,
        vec![
            mail::requeue_statement(message, now),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "mail.resend",
                target: format!("mail:{message}"),
                before: None,
                after: None,
            }),
        ],
    )
    .await;
    match requeued {
        Err(DbError::Refused(Refusal::MailNotFailed)) => Err(AppError::NotFound),
        other => Ok(other?),
    }
}

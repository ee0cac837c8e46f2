//! The mail worker: takes what is due from the outbox, sends it, and records
//! the answer. A failed send is tried again later (see
//! [`domain::mail::retry_after`]), a refusal for good is shown to the committee.
//! Several instances on one database share the work: each message is leased
//! to one worker at a time.

use super::transport::{MailTransport, SMTP_TIMEOUT, SendError};
use crate::backend::db::{Db, DbError};
use crate::backend::repo::mail;
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

/// How often the worker looks for due messages.
pub const POLL_EVERY: Duration = Duration::from_secs(3);

/// How long a taken message is the taker's: longer than one send may take, so
/// that no other worker sends it meanwhile; a worker that dies gives it up
/// after this.
const LEASE: SignedDuration = SignedDuration::from_secs(120);

/// How many messages one round takes.
const BATCH: usize = 20;

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    /// Failed, to be tried again.
    pub retrying: usize,
    /// Failed for good.
    pub failed: usize,
}

/// Sends every message due at `now` (up to one batch) through `transport`.
pub async fn deliver_due(
    db: &Db,
    transport: &MailTransport,
    now: Timestamp,
) -> Result<Round, DbError> {
    let mut round = Round::default();
    let started = std::time::Instant::now();
    // A slow mail server must not carry a send past the batch's lease: another
    // instance may take the message then. What is left when no send would end
    // inside the lease waits it out and is taken again.
    let last_start = LEASE.unsigned_abs().saturating_sub(SMTP_TIMEOUT);
    for message in mail::take_due(db, now, now + LEASE, BATCH).await? {
        if started.elapsed() > last_start {
            break;
        }
        let attempts = message.attempts + 1;
        match transport.send(&message).await {
            Ok(()) => {
                // A one-time link delivered to its reader is nobody else's to
                // read: the stored copy loses its words. (Without a mail server
                // the outbox folder is the delivery, and keeps them.)
                let scrub = message.kind.carries_secret() && transport.delivers();
                let sent_at = Timestamp::now().max(now);
                mail::mark_sent(db, &message.id, (attempts, scrub), sent_at).await?;
                round.sent += 1;
            }
            Err(error) => {
                let retry_at = match &error {
                    SendError::Permanent(_) => None,
                    SendError::Transient(_) => domain::mail::retry_after(attempts)
                        .map(|seconds| now + SignedDuration::from_secs(seconds)),
                };
                tracing::warn!(mail = %message.id, %error, retrying = retry_at.is_some(), "a message was not sent");
                mail::mark_failed(db, &message.id, attempts, &error.to_string(), retry_at).await?;
                if retry_at.is_some() {
                    round.retrying += 1;
                } else {
                    round.failed += 1;
                }
            }
        }
    }
    Ok(round)
}

/// Runs the worker for as long as the server runs.
pub fn spawn(db: Db, transport: MailTransport) {
    tracing::info!("mail goes to {}", transport.describe());
    tokio::spawn(async move {
        loop {
            match deliver_due(&db, &transport, Timestamp::now()).await {
                // A full batch: more may be waiting.
                Ok(round) if round.sent + round.retrying + round.failed == BATCH => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "the mail worker could not read the outbox"),
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    });
}

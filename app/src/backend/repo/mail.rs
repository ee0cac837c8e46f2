//! The outbox: messages written with the event that causes them, taken by the
//! mail worker when due, and marked sent, retried or failed.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{Binding, Statement, de_key, execute, query_one, query_rows};
use crate::binds;
use domain::ids::{MailId, UserId};
use domain::mail::{Language, MailKind, MailState};
use jiff::Timestamp;
use serde::Deserialize;

/// A message to put in the outbox.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub id: MailId,
    pub kind: MailKind,
    /// The address it goes to.
    pub recipient: String,
    /// The account it is for, when it is for one.
    pub user: Option<UserId>,
    pub language: Language,
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body (the same words, with links).
    pub html: String,
    /// Files it carries.
    pub attachments: Vec<Attachment>,
}

/// A small text file a message carries (an `.ics` calendar entry).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Attachment {
    /// Its file name.
    pub name: String,
    /// Its media type (`text/calendar; method=PUBLISH`).
    pub content_type: String,
    pub body: String,
}

/// The statement that puts `mails` in the outbox at `now`, due at once. Run
/// it in the transaction of the event that sends them: all happen or none.
/// One statement for the whole batch (statements in one transaction cannot
/// share binding names).
#[must_use]
pub fn enqueue_statement(mails: &[NewMail], now: Timestamp) -> Statement {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        key: &'a str,
        kind: MailKind,
        recipient: &'a str,
        user: Option<&'a str>,
        language: Language,
        subject: &'a str,
        text: &'a str,
        html: &'a str,
        attachments: &'a [Attachment],
    }
    let rows: Vec<Row<'_>> = mails
        .iter()
        .map(|mail| Row {
            key: mail.id.as_str(),
            kind: mail.kind,
            recipient: &mail.recipient,
            user: mail.user.as_ref().map(UserId::as_str),
            language: mail.language,
            subject: &mail.subject,
            text: &mail.text,
            html: &mail.html,
            attachments: &mail.attachments,
        })
        .collect();
    Statement::new(
        "FOR $row IN $mail_rows { \
            CREATE type::record('mail', $row.key) SET kind = $row.kind, recipient = $row.recipient, \
                user = IF $row.user = NONE { NONE } ELSE { type::record('user', $row.user) }, \
                language = $row.language, subject = $row.subject, text = $row.text, html = $row.html, \
                attachments = $row.attachments, \
                state = 'queued', attempts = 0, next_attempt_at = $mail_now, created_at = $mail_now; \
        };",
        binds![
            ("mail_rows", Binding::of(&rows)),
            ("mail_now", Binding::datetime(now)),
        ],
    )
}

/// A message in the outbox.
#[derive(Debug, Clone, Deserialize)]
pub struct MailRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: MailId,
    pub kind: MailKind,
    pub recipient: String,
    pub language: Language,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Files it carries.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    pub state: MailState,
    /// Tries so far, the successful one included.
    pub attempts: u32,
    pub next_attempt_at: Timestamp,
    /// What the mail server (or the outbox folder) answered the last failed try.
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

/// The columns of a [`MailRecord`].
const FIELDS: &str = "id, kind, recipient, language, subject, text, html, attachments, state, attempts, \
    next_attempt_at, last_error, created_at, sent_at";

/// Takes up to `limit` messages due at `now`, oldest first, and leases them
/// until `lease_until`: no other worker takes them before then, and a worker
/// that dies while sending leaves them to be taken again after it. One
/// statement, so the check and the lease are one transaction.
pub async fn take_due(
    db: &Db,
    now: Timestamp,
    lease_until: Timestamp,
    limit: usize,
) -> Result<Vec<MailRecord>, DbError> {
    let mut taken: Vec<MailRecord> = query_rows(
        db,
        "UPDATE (SELECT id, next_attempt_at FROM mail \
                WHERE state = 'queued' AND next_attempt_at <= $now \
                ORDER BY next_attempt_at LIMIT $limit).id \
            SET next_attempt_at = $lease WHERE state = 'queued' AND next_attempt_at <= $now \
            RETURN AFTER;",
        binds![
            ("now", Binding::datetime(now)),
            ("lease", Binding::datetime(lease_until)),
            ("limit", Binding::of(&limit)),
        ],
        0,
    )
    .await?;
    taken.sort_by_key(|mail| mail.created_at);
    Ok(taken)
}

/// What a message that held a one-time link keeps of its words once sent.
pub const SCRUBBED: &str = "(Isi pesan dihapus setelah terkirim: berisi tautan sekali pakai untuk penerimanya. / \
    Words removed once sent: they held a one-time link for their reader.)";

/// Marks `mail` sent at `now` after its `attempts`-th try; with `scrub`, its
/// words are replaced by [`SCRUBBED`].
pub async fn mark_sent(
    db: &Db,
    mail: &MailId,
    (attempts, scrub): (u32, bool),
    now: Timestamp,
) -> Result<(), DbError> {
    let scrubbed = if scrub {
        ", text = $scrubbed, html = $scrubbed"
    } else {
        ""
    };
    execute(
        db,
        &format!(
            "UPDATE $mail SET state = 'sent', attempts = $attempts, sent_at = $now, last_error = NONE{scrubbed};"
        ),
        binds![
            ("scrubbed", Binding::of(&SCRUBBED)),
            ("mail", Binding::id(mail)),
            ("attempts", Binding::of(&attempts)),
            ("now", Binding::datetime(now)),
        ],
    )
    .await
}

/// Records a failed try of `mail` (its `attempts`-th) with the server's
/// answer: tried again at `retry_at`, or, with none, given up on.
pub async fn mark_failed(
    db: &Db,
    mail: &MailId,
    attempts: u32,
    error: &str,
    retry_at: Option<Timestamp>,
) -> Result<(), DbError> {
    let bindings = binds![
        ("mail", Binding::id(mail)),
        ("attempts", Binding::of(&attempts)),
        ("error", Binding::of(&error)),
        ("next", Binding::optional_datetime(retry_at)),
    ];
    let sql = if retry_at.is_some() {
        "UPDATE $mail SET attempts = $attempts, last_error = $error, next_attempt_at = $next;"
    } else {
        "UPDATE $mail SET state = 'failed', attempts = $attempts, last_error = $error;"
    };
    execute(db, sql, bindings).await
}

/// The statement that puts failed message `mail` back in the queue, due at
/// `now` with its tries counted afresh (the committee's "send again"); it
/// refuses ([`Refusal::MailNotFailed`]) a message that has not failed.
#[must_use]
pub fn requeue_statement(mail: &MailId, now: Timestamp) -> Statement {
    Statement::new(
        format!(
            "IF (SELECT VALUE state FROM $requeued)[0] != 'failed' {{ {} }}; \
             UPDATE $requeued SET state = 'queued', attempts = 0, next_attempt_at = $requeued_at;",
            Refusal::MailNotFailed.throw()
        ),
        binds![
            ("requeued", Binding::id(mail)),
            ("requeued_at", Binding::datetime(now)),
        ],
    )
}

/// The newest `limit` messages, newest first.
pub async fn newest(db: &Db, limit: usize) -> Result<Vec<MailRecord>, DbError> {
    query_rows(
        db,
        &format!("SELECT {FIELDS} FROM mail ORDER BY created_at DESC LIMIT $limit;"),
        binds![("limit", Binding::of(&limit))],
        0,
    )
    .await
}

/// How many messages stand in each state.
pub async fn counts(db: &Db) -> Result<Vec<(MailState, u64)>, DbError> {
    #[derive(Deserialize)]
    struct Count {
        state: MailState,
        count: u64,
    }
    let rows: Vec<Count> = query_rows(
        db,
        "SELECT state, count() AS count FROM mail GROUP BY state;",
        binds![],
        0,
    )
    .await?;
    Ok(rows.into_iter().map(|row| (row.state, row.count)).collect())
}

/// How many messages of `kind` went to `recipient` since `since` (any state):
/// what bounds the mail an anonymous form can make Juara send one address.
pub async fn count_to(
    db: &Db,
    recipient: &str,
    kind: MailKind,
    since: Timestamp,
) -> Result<u64, DbError> {
    let sql = "RETURN count(SELECT id FROM mail \
        WHERE recipient = $recipient AND kind = $kind AND created_at >= $since);";
    let bindings = binds![
        ("recipient", Binding::of(&recipient)),
        ("kind", Binding::of(&kind)),
        ("since", Binding::datetime(since)),
    ];
    Ok(query_one(db, sql, bindings).await?.unwrap_or(0))
}

/// `enqueue` for a message to an address nobody checked: it is written only
/// when SurrealDB takes `mail`'s recipient for an e-mail address (the outbox's
/// own rule), and the event it goes with is written either way.
#[must_use]
pub fn enqueue_if_address_statement(mail: &NewMail, now: Timestamp) -> Statement {
    let inner = enqueue_statement(std::slice::from_ref(mail), now);
    let mut bindings = inner.bindings;
    bindings.push(("mail_address", Binding::of(&mail.recipient)));
    Statement::new(
        format!(
            "IF string::is_email($mail_address) {{ {} }};",
            inner.sql.trim().trim_end_matches(';')
        ),
        bindings,
    )
}

//! Addressing: a message of one kind to several people, each in their own
//! language and only to those who have not turned the kind off, put in the
//! outbox by one statement run in the transaction of the event that sends them.

use super::letters::{self, EntryNews, Letter};
use crate::backend::records::{Statement, new_key};
use crate::backend::repo::mail::{NewMail, enqueue_statement};
use crate::backend::repo::recipients::Recipient;
use domain::ids::{EntryId, MailId, UserId};
use domain::mail::{Language, MailKind};
use jiff::Timestamp;

/// A message of `kind` to each of `recipients` who wants it, but never to
/// `actor` (who did what the message tells of): `letter` writes it for one
/// recipient, in their language.
pub fn addressed(
    kind: MailKind,
    recipients: &[Recipient],
    actor: Option<&UserId>,
    letter: impl Fn(&Recipient) -> Letter,
) -> Vec<NewMail> {
    recipients
        .iter()
        .filter(|recipient| Some(&recipient.user) != actor)
        .filter(|recipient| recipient.preferences.wants(kind))
        .map(|recipient| {
            let words = letter(recipient);
            NewMail {
                id: MailId::from(new_key()),
                kind,
                recipient: recipient.email.clone(),
                user: Some(recipient.user.clone()),
                language: recipient.preferences.language,
                subject: words.subject,
                text: words.text,
                html: words.html,
                attachments: Vec::new(),
            }
        })
        .collect()
}

/// A message of `kind` to `address`, someone without an account (an
/// objector, a voter), in `language`.
#[must_use]
pub fn to_address(kind: MailKind, address: &str, language: Language, letter: Letter) -> NewMail {
    NewMail {
        id: MailId::from(new_key()),
        kind,
        recipient: address.to_owned(),
        user: None,
        language,
        subject: letter.subject,
        text: letter.text,
        html: letter.html,
        attachments: Vec::new(),
    }
}

/// The one statement that puts all of an event's `mails` in the outbox at
/// `now` (statements in one transaction cannot share binding names), or
/// `None` when nobody is to hear of it.
#[must_use]
pub fn enqueue(mails: &[NewMail], now: Timestamp) -> Option<Statement> {
    (!mails.is_empty()).then(|| enqueue_statement(mails, now))
}

/// Whether an event tells people by mail: `Mail` with the site its links
/// point to, or `Quietly` (the demo loader replaying last year, tests of
/// something else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announce<'a> {
    Mail { site: &'a str },
    Quietly,
}

/// `site`'s address of `path` (`/entrant/entry/…`), for a link in a message.
#[must_use]
pub fn link(site: &str, path: &str) -> String {
    format!("{}{path}", site.trim_end_matches('/'))
}

/// The messages telling `team` of `news` about `entry` (titled `title`), but
/// not `actor`, who made it.
pub fn entry_news(
    news: EntryNews<'_>,
    team: &[Recipient],
    (entry, title): (&EntryId, &str),
    actor: Option<&UserId>,
    site: &str,
) -> Vec<NewMail> {
    let page = link(site, &format!("/entrant/entry/{entry}"));
    let account = link(site, "/account");
    addressed(news.kind(), team, actor, |recipient| {
        letters::entry_news(
            news,
            recipient.preferences.language,
            &recipient.name,
            title,
            letters::Links {
                page: &page,
                account: &account,
            },
        )
    })
}

//! Where messages go: a real SMTP server (`JUARA_SMTP_URL`), or, with none
//! configured (the embedded default, the demo), `.eml` files in the outbox
//! folder, which the committee's *Surat keluar* page lists, so that a newcomer
//! sees exactly what would have been sent.

use crate::backend::repo::mail::MailRecord;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed (and is
/// tried again later).
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Refused for good (an SMTP 5xx answer, an address that cannot be
    /// written): trying again will not help.
    #[error("{0}")]
    Permanent(String),
    /// Anything else (no connection, a timeout, a 4xx answer): try again later.
    #[error("{0}")]
    Transient(String),
}

/// Where messages go.
#[derive(Clone)]
pub enum MailTransport {
    /// A mail server.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// `scheme://host:port`, for logs and the committee (never the password).
        server: String,
        from: Mailbox,
    },
    /// `.eml` files in this folder.
    Folder { dir: PathBuf, from: Mailbox },
}

impl MailTransport {
    /// A mail server at `url`: `smtp://` (plain, for a relay on this machine),
    /// `smtps://` (TLS from the start, port 465 by default) or
    /// `smtp+starttls://` (STARTTLS required, port 587 by default), with the
    /// user and password in the URL when the server wants them.
    pub fn smtp(url: &str, from: &str) -> Result<MailTransport, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|error| format!("JUARA_MAIL_FROM is not an address ({error})"))?;
        // lettre writes STARTTLS as `smtp://…?tls=required`.
        let lettre_url = match url.strip_prefix("smtp+starttls://") {
            Some(rest) if rest.contains('?') => format!("smtp://{rest}&tls=required"),
            Some(rest) => format!("smtp://{rest}?tls=required"),
            None => url.to_owned(),
        };
        let server = describe(url);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url)
            .map_err(|error| format!("JUARA_SMTP_URL ({server}) is not usable: {error}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(MailTransport::Smtp {
            transport,
            server,
            from,
        })
    }

    /// `.eml` files in `dir` (made when missing).
    pub fn folder(dir: PathBuf, from: &str) -> Result<MailTransport, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|error| format!("JUARA_MAIL_FROM is not an address ({error})"))?;
        std::fs::create_dir_all(&dir)
            .map_err(|error| format!("cannot make the outbox folder {}: {error}", dir.display()))?;
        Ok(MailTransport::Folder { dir, from })
    }

    /// Whether messages reach their recipients (a mail server), rather than
    /// a folder on this machine.
    #[must_use]
    pub fn delivers(&self) -> bool {
        matches!(self, MailTransport::Smtp { .. })
    }

    /// Where messages go, in words for logs (never a password).
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            MailTransport::Smtp { server, .. } => format!("the mail server {server}"),
            MailTransport::Folder { dir, .. } => format!("the outbox folder {}", dir.display()),
        }
    }

    /// Sends `mail` (or writes it to the folder). Its Message-ID is
    /// `<mail key@juara>` every time, so a message sent twice is one message
    /// to the recipient's mail program, and the folder holds one file for it.
    pub async fn send(&self, mail: &MailRecord) -> Result<(), SendError> {
        let from = match self {
            MailTransport::Smtp { from, .. } | MailTransport::Folder { from, .. } => from.clone(),
        };
        let message = message(mail, from)?;
        match self {
            MailTransport::Smtp { transport, .. } => {
                transport.send(message).await.map(drop).map_err(|error| {
                    if error.is_permanent() {
                        SendError::Permanent(error.to_string())
                    } else {
                        SendError::Transient(error.to_string())
                    }
                })
            }
            MailTransport::Folder { dir, .. } => {
                let path = dir.join(format!("{}.eml", mail.id));
                let partial = dir.join(format!(".{}.eml.partial", mail.id));
                let bytes = message.formatted();
                // Written whole, then renamed: a crash never leaves half a file.
                async {
                    tokio::fs::write(&partial, bytes).await?;
                    tokio::fs::rename(&partial, &path).await
                }
                .await
                .map_err(|error| SendError::Transient(format!("{}: {error}", path.display())))
            }
        }
    }
}

/// The message as it goes out: plain text and HTML as alternatives, and its
/// files after them.
fn message(mail: &MailRecord, from: Mailbox) -> Result<Message, SendError> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|error| SendError::Permanent(format!("{}: {error}", mail.recipient)))?;
    let builder = Message::builder()
        .message_id(Some(message_id(mail)))
        .from(from)
        .to(to)
        .subject(mail.subject.clone());
    let words = MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone());
    let body = if mail.attachments.is_empty() {
        words
    } else {
        let mut mixed = MultiPart::mixed().multipart(words);
        for file in &mail.attachments {
            let content_type = ContentType::parse(&file.content_type)
                .map_err(|error| SendError::Permanent(format!("{}: {error}", file.name)))?;
            mixed = mixed.singlepart(
                LettreAttachment::new(file.name.clone()).body(file.body.clone(), content_type),
            );
        }
        mixed
    };
    builder
        .multipart(body)
        .map_err(|error| SendError::Permanent(error.to_string()))
}

/// The message's stable `Message-ID`.
#[must_use]
pub fn message_id(mail: &MailRecord) -> String {
    format!("<{}@juara>", mail.id)
}

/// `scheme://host:port` of a mail server URL, without user or password.
fn describe(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("smtp", url));
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn a_described_server_never_shows_its_password() {
        assert_eq!(
            describe("smtps://juara:rahasia@mail.malangkota.go.id:465"),
            "smtps://mail.malangkota.go.id:465"
        );
        assert_eq!(describe("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
    }
}

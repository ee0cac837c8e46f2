//! The committee's outbox page (*Surat keluar*).

use domain::ids::MailId;
use domain::mail::{MailKind, MailState};
use serde::{Deserialize, Serialize};

/// Where this server's mail goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailDelivery {
    /// No mail server: `.eml` files in this folder.
    Folder(String),
    /// A mail server (`scheme://host:port`, never its password).
    Smtp(String),
}

/// The outbox as the committee sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxView {
    pub delivery: MailDelivery,
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    /// The newest messages, newest first.
    pub messages: Vec<OutboxRow>,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: MailId,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub state: MailState,
    pub attempts: u32,
    /// When it was written (RFC 3339, UTC).
    pub created_at: String,
    /// When it is tried again, while it waits after a failed try.
    pub retry_at: Option<String>,
    /// What the mail server answered the last failed try.
    pub last_error: Option<String>,
    /// Its plain text: only where nothing really left the server (the outbox
    /// folder) or where it failed and the committee must pass it on by hand —
    /// a sent invitation's link is its recipient's alone.
    pub text: Option<String>,
}

/// A person's own mail settings, as their account page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettingsView {
    /// Where their messages go.
    pub email: String,
    pub preferences: domain::mail::MailPreferences,
}

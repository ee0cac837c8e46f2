//! The words of each message, in Bahasa Indonesia and in English: a subject,
//! a plain-text body and the same body as simple HTML. Every value put into
//! the HTML is escaped (a person's name may hold `<`).
//!
//! One file per audience: an entry's team (`entry`), judges (`judging`),
//! objectors (`objector`), people's-choice voters (`voter`) and the
//! committee (`committee`); the layout they
//! share is here.

mod committee;
mod entry;
mod judging;
mod objector;
mod voter;

pub use committee::{Digest, StageProgress, committee_digest};
pub use entry::{EntryNews, entry_news};
pub use judging::{closing_reminder, judge_assignments, presentation_schedule};
pub use objector::{objection_answer, objection_receipt};
pub use voter::vote_confirmation;

use domain::mail::{Language, MailKind};

/// A message's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The parts every message is laid out from.
struct Parts<'a> {
    language: Language,
    subject: String,
    greeting: String,
    lead: String,
    /// Somebody's own words (a comment, a reason), quoted as they wrote them.
    quote: Option<&'a str>,
    /// Lines listed under the lead (the entries of a digest).
    items: Vec<String>,
    action: &'a str,
    link: &'a str,
    /// Closing lines (how long a link works, how to turn this kind off).
    closing: Vec<String>,
}

impl<'a> Parts<'a> {
    /// A message to `name` in `language`: its subject and lead, and the one
    /// button it offers (`action`, going to `link`).
    fn to(
        language: Language,
        name: &str,
        (subject, lead): (String, String),
        (action, link): (&'a str, &'a str),
    ) -> Parts<'a> {
        Parts {
            language,
            subject,
            greeting: greeting(language, name),
            lead,
            quote: None,
            items: Vec::new(),
            action,
            link,
            closing: Vec::new(),
        }
    }

    /// Quotes `quote` under the lead (nothing when it is blank).
    fn quoting(mut self, quote: Option<&'a str>) -> Parts<'a> {
        self.quote = quote.filter(|quote| !quote.trim().is_empty());
        self
    }

    /// Lists `items` under the lead.
    fn listing(mut self, items: Vec<String>) -> Parts<'a> {
        self.items = items;
        self
    }

    /// Ends with `lines`.
    fn closing(mut self, lines: Vec<String>) -> Parts<'a> {
        self.closing.extend(lines);
        self
    }

    /// Ends by saying where to turn this kind off (`account`, the reader's
    /// account page).
    fn optional(self, account: &str) -> Parts<'a> {
        let line = turn_off_line(self.language, account);
        self.closing(vec![line])
    }

    fn letter(self) -> Letter {
        compose(self)
    }
}

/// Lays `parts` out as plain text and as simple HTML (one button, the link
/// also written out for mail programs that hide buttons).
fn compose(parts: Parts<'_>) -> Letter {
    let mut text = format!("{}\n\n{}\n", parts.greeting, parts.lead);
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5\">\
         <p>{}</p><p>{}</p>",
        parts.language.key(),
        escape(&parts.greeting),
        escape(&parts.lead),
    );
    if let Some(quote) = parts.quote {
        for line in quote.lines() {
            text.push_str(&format!("> {line}\n"));
        }
        html.push_str(&format!(
            "<blockquote style=\"margin: 0 0 1em; padding-left: 12px; border-left: 4px solid #ccc; white-space: pre-wrap\">{}</blockquote>",
            escape(quote)
        ));
    }
    if !parts.items.is_empty() {
        html.push_str("<ul>");
        for item in &parts.items {
            text.push_str(&format!("- {item}\n"));
            html.push_str(&format!("<li>{}</li>", escape(item)));
        }
        html.push_str("</ul>");
    }
    text.push_str(&format!("\n{}\n\n", parts.link));
    html.push_str(&format!(
        "<p><a href=\"{href}\" style=\"display: inline-block; padding: 12px 20px; background: #0b5394; color: #fff; text-decoration: none; border-radius: 6px\">{action}</a></p>\
         <p style=\"word-break: break-all\"><a href=\"{href}\">{href}</a></p>",
        href = escape(parts.link),
        action = escape(parts.action),
    ));
    if !parts.closing.is_empty() {
        text.push_str(&parts.closing.join("\n"));
        text.push('\n');
        let closing: Vec<String> = parts.closing.iter().map(|line| escape(line)).collect();
        html.push_str(&format!("<p>{}</p>", closing.join("<br>")));
    }
    text.push_str("\n-- \nJuara\n");
    html.push_str("<p style=\"color: #555\">Juara</p></body></html>");
    Letter {
        subject: parts.subject,
        text,
        html,
    }
}

fn greeting(language: Language, name: &str) -> String {
    match language {
        Language::Indonesian => format!("Yth. {name},"),
        Language::English => format!("Dear {name},"),
    }
}

/// The closing line of a kind a person may turn off: where to do it.
fn turn_off_line(language: Language, account_link: &str) -> String {
    match language {
        Language::Indonesian => {
            format!("Anda dapat mematikan pemberitahuan jenis ini di {account_link}")
        }
        Language::English => format!("You can turn off this kind of message at {account_link}"),
    }
}

/// The invitation (or password reset) for `name`, whose link is `link`,
/// working for `days` days.
#[must_use]
pub fn invitation(kind: MailKind, language: Language, name: &str, link: &str, days: i64) -> Letter {
    let reset = kind == MailKind::PasswordReset;
    let (subject, lead, action, expiry, ignore) = match language {
        Language::Indonesian => (
            if reset {
                "Atur ulang kata sandi Juara Anda"
            } else {
                "Undangan ke Juara"
            },
            if reset {
                "Panitia membuat tautan baru untuk mengatur kata sandi akun Juara Anda."
            } else {
                "Panitia lomba inovasi mengundang Anda ke Juara. Buat kata sandi Anda lewat tautan ini:"
            },
            "Buat kata sandi",
            format!("Tautan ini berlaku {days} hari dan hanya dapat dipakai sekali."),
            "Jika Anda tidak merasa diundang, abaikan surat ini.",
        ),
        Language::English => (
            if reset {
                "Reset your Juara password"
            } else {
                "Your invitation to Juara"
            },
            if reset {
                "The committee made a new link to set the password of your Juara account."
            } else {
                "The innovation competition's committee invites you to Juara. Set your password through this link:"
            },
            "Set my password",
            format!("The link works for {days} days and only once."),
            "If you were not expecting this, ignore this message.",
        ),
    };
    Parts::to(
        language,
        name,
        (subject.to_owned(), lead.to_owned()),
        (action, link),
    )
    .closing(vec![expiry, ignore.to_owned()])
    .letter()
}

/// Where a message's links point: the entry (or page) it is about, and the
/// reader's account page, where an optional kind is turned off.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    pub page: &'a str,
    pub account: &'a str,
}

/// `text` safe inside HTML text and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_write_html_into_the_message() {
        let letter = invitation(
            MailKind::Invitation,
            Language::Indonesian,
            "<script>alert(1)</script>",
            "https://juara.example/invite/abc",
            7,
        );
        assert!(!letter.html.contains("<script>"));
        assert!(letter.html.contains("&lt;script&gt;"));
        assert!(letter.text.contains("https://juara.example/invite/abc"));
    }

    #[test]
    fn each_language_says_it_in_its_own_words() {
        let link = "https://juara.example/invite/abc";
        let id = invitation(
            MailKind::PasswordReset,
            Language::Indonesian,
            "Sari",
            link,
            7,
        );
        let en = invitation(MailKind::PasswordReset, Language::English, "Sari", link, 7);
        assert!(id.subject.contains("kata sandi") && id.text.contains("berlaku 7 hari"));
        assert!(en.subject.contains("password") && en.text.contains("works for 7 days"));
        assert!(id.html.contains("lang=\"id\"") && en.html.contains("lang=\"en\""));
    }
}

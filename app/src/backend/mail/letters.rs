//! The words of each message, in Bahasa Indonesia and in English: a subject,
//! a plain-text body and the same body as simple HTML. Every value put into
//! the HTML is escaped (a person's name may hold `<`).

use domain::mail::{Language, MailKind};

/// A message's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The invitation (or password reset) for `name`, whose link is `link`,
/// working for `days` days.
#[must_use]
pub fn invitation(kind: MailKind, language: Language, name: &str, link: &str, days: i64) -> Letter {
    let reset = kind == MailKind::PasswordReset;
    let (subject, greeting, lead, action, expiry, ignore) = match language {
        Language::Indonesian => (
            if reset {
                "Atur ulang kata sandi Juara Anda"
            } else {
                "Undangan ke Juara"
            },
            format!("Yth. {name},"),
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
            format!("Dear {name},"),
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
    let text = format!("{greeting}\n\n{lead}\n\n{link}\n\n{expiry}\n{ignore}\n\n-- \nJuara\n");
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5\">\
         <p>{greeting}</p><p>{lead}</p>\
         <p><a href=\"{href}\" style=\"display: inline-block; padding: 12px 20px; background: #0b5394; color: #fff; text-decoration: none; border-radius: 6px\">{action}</a></p>\
         <p style=\"word-break: break-all\"><a href=\"{href}\">{href}</a></p>\
         <p>{expiry}<br>{ignore}</p><p style=\"color: #555\">Juara</p></body></html>",
        lang = language.key(),
        greeting = escape(&greeting),
        lead = escape(lead),
        href = escape(link),
        action = escape(action),
        expiry = escape(&expiry),
        ignore = escape(ignore),
    );
    Letter {
        subject: subject.to_owned(),
        text,
        html,
    }
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

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
    compose(Parts {
        language,
        subject: subject.to_owned(),
        greeting: greeting(language, name),
        lead: lead.to_owned(),
        quote: None,
        items: Vec::new(),
        action,
        link,
        closing: vec![expiry, ignore.to_owned()],
    })
}

/// What happened to an entry, as its team hears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryNews<'a> {
    /// Sent back by its coordinator with this comment.
    Returned {
        comment: &'a str,
    },
    Endorsed,
    Submitted,
    /// Through the committee's screening.
    ScreenedIn,
    /// Kept out by the committee's screening, for this reason.
    ScreenedOut {
        reason: &'a str,
    },
    /// Published results: its rank in its category at stage `stage` and
    /// whether it advanced, or (`advanced: None`) its final rank.
    Published {
        stage: &'a str,
        rank: u32,
        advanced: Option<bool>,
    },
}

impl EntryNews<'_> {
    /// The kind of message that carries this news.
    #[must_use]
    pub fn kind(self) -> MailKind {
        match self {
            EntryNews::Returned { .. } => MailKind::EntryReturned,
            EntryNews::Endorsed => MailKind::EntryEndorsed,
            EntryNews::Submitted => MailKind::EntrySubmitted,
            EntryNews::ScreenedIn | EntryNews::ScreenedOut { .. } => MailKind::ScreeningOutcome,
            EntryNews::Published { .. } => MailKind::StageResult,
        }
    }
}

/// Where a message's links point: the entry (or page) it is about, and the
/// reader's account page, where an optional kind is turned off.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    pub page: &'a str,
    pub account: &'a str,
}

/// `news` of entry `title` for `name`.
#[must_use]
pub fn entry_news(
    news: EntryNews<'_>,
    language: Language,
    name: &str,
    title: &str,
    links: Links<'_>,
) -> Letter {
    let (subject, lead, quote) = match (language, news) {
        (Language::Indonesian, EntryNews::Returned { comment }) => (
            format!("Usulan dikembalikan untuk diperbaiki: {title}"),
            format!(
                "Koordinator mengembalikan usulan \u{201c}{title}\u{201d} untuk diperbaiki. Catatannya:"
            ),
            Some(comment),
        ),
        (Language::English, EntryNews::Returned { comment }) => (
            format!("Returned for revision: {title}"),
            format!(
                "Your coordinator sent \u{201c}{title}\u{201d} back for revision. Their comment:"
            ),
            Some(comment),
        ),
        (Language::Indonesian, EntryNews::Endorsed) => (
            format!("Usulan disetujui koordinator: {title}"),
            format!(
                "Koordinator menyetujui usulan \u{201c}{title}\u{201d}. Berikutnya usulan dikirim ke panitia."
            ),
            None,
        ),
        (Language::English, EntryNews::Endorsed) => (
            format!("Endorsed: {title}"),
            format!(
                "Your coordinator endorsed \u{201c}{title}\u{201d}. Next it goes to the committee."
            ),
            None,
        ),
        (Language::Indonesian, EntryNews::Submitted) => (
            format!("Usulan terkirim ke panitia: {title}"),
            format!(
                "Usulan \u{201c}{title}\u{201d} sudah dikirim ke panitia. Panitia akan memeriksa kelengkapannya."
            ),
            None,
        ),
        (Language::English, EntryNews::Submitted) => (
            format!("Submitted to the committee: {title}"),
            format!(
                "\u{201c}{title}\u{201d} went to the committee, which will check that it is complete."
            ),
            None,
        ),
        (Language::Indonesian, EntryNews::ScreenedIn) => (
            format!("Lolos seleksi administrasi: {title}"),
            format!(
                "Usulan \u{201c}{title}\u{201d} lolos seleksi administrasi dan maju ke tahap penilaian."
            ),
            None,
        ),
        (Language::English, EntryNews::ScreenedIn) => (
            format!("Through screening: {title}"),
            format!(
                "\u{201c}{title}\u{201d} passed the committee's screening and goes on to be scored."
            ),
            None,
        ),
        (Language::Indonesian, EntryNews::ScreenedOut { reason }) => (
            format!("Tidak lolos seleksi administrasi: {title}"),
            format!(
                "Usulan \u{201c}{title}\u{201d} tidak lolos seleksi administrasi. Alasan panitia:"
            ),
            Some(reason),
        ),
        (Language::English, EntryNews::ScreenedOut { reason }) => (
            format!("Not through screening: {title}"),
            format!(
                "\u{201c}{title}\u{201d} did not pass the committee's screening. The committee's reason:"
            ),
            Some(reason),
        ),
        (
            language,
            EntryNews::Published {
                stage,
                rank,
                advanced,
            },
        ) => (
            published_subject(language, title, advanced),
            published_lead(language, (title, stage, rank), advanced),
            None,
        ),
    };
    let action = match language {
        Language::Indonesian => "Buka usulan",
        Language::English => "Open the entry",
    };
    let closing = if news.kind().optional() {
        vec![turn_off_line(language, links.account)]
    } else {
        Vec::new()
    };
    compose(Parts {
        language,
        subject,
        greeting: greeting(language, name),
        lead,
        quote: quote.filter(|quote| !quote.trim().is_empty()),
        items: Vec::new(),
        action,
        link: links.page,
        closing,
    })
}

fn published_subject(language: Language, title: &str, advanced: Option<bool>) -> String {
    match (language, advanced) {
        (Language::Indonesian, Some(true)) => format!("Lolos ke tahap berikutnya: {title}"),
        (Language::Indonesian, Some(false)) => format!("Hasil tahap diumumkan: {title}"),
        (Language::Indonesian, None) => format!("Hasil akhir diumumkan: {title}"),
        (Language::English, Some(true)) => format!("Through to the next stage: {title}"),
        (Language::English, Some(false)) => format!("Stage results published: {title}"),
        (Language::English, None) => format!("Final results published: {title}"),
    }
}

fn published_lead(
    language: Language,
    (title, stage, rank): (&str, &str, u32),
    advanced: Option<bool>,
) -> String {
    match (language, advanced) {
        (Language::Indonesian, Some(true)) => format!(
            "Panitia mengumumkan hasil tahap {stage}. Usulan \u{201c}{title}\u{201d} berperingkat {rank} di kategorinya dan lolos ke tahap berikutnya."
        ),
        (Language::Indonesian, Some(false)) => format!(
            "Panitia mengumumkan hasil tahap {stage}. Usulan \u{201c}{title}\u{201d} berperingkat {rank} di kategorinya dan tidak lolos ke tahap berikutnya. Terima kasih atas keikutsertaannya."
        ),
        (Language::Indonesian, None) => format!(
            "Panitia mengumumkan hasil akhir. Usulan \u{201c}{title}\u{201d} berperingkat {rank} di kategorinya."
        ),
        (Language::English, Some(true)) => format!(
            "The committee published the results of {stage}. \u{201c}{title}\u{201d} ranks {rank} in its category and goes on to the next stage."
        ),
        (Language::English, Some(false)) => format!(
            "The committee published the results of {stage}. \u{201c}{title}\u{201d} ranks {rank} in its category and does not go on to the next stage. Thank you for taking part."
        ),
        (Language::English, None) => format!(
            "The committee published the final results. \u{201c}{title}\u{201d} ranks {rank} in its category."
        ),
    }
}

/// One digest for a judge of the entries newly given to them: `entries` as
/// `(stage, entry title)`.
#[must_use]
pub fn judge_assignments(
    language: Language,
    name: &str,
    entries: &[(String, String)],
    link: &str,
) -> Letter {
    let count = entries.len();
    let (subject, lead, action) = match language {
        Language::Indonesian => (
            format!("{count} usulan baru untuk Anda nilai"),
            format!("Panitia menugaskan {count} usulan baru kepada Anda:"),
            "Buka daftar penilaian",
        ),
        Language::English => (
            format!("{count} new entries for you to score"),
            format!("The committee gave you {count} new entries to score:"),
            "Open my scoring list",
        ),
    };
    compose(Parts {
        language,
        subject,
        greeting: greeting(language, name),
        lead,
        quote: None,
        items: entries
            .iter()
            .map(|(stage, title)| format!("{title} ({stage})"))
            .collect(),
        action,
        link,
        closing: Vec::new(),
    })
}

/// A reminder to a judge with `waiting` sheets unsubmitted in stage `stage`,
/// which closes at `closes_at` (on the edition's wall clock).
#[must_use]
pub fn closing_reminder(
    language: Language,
    name: &str,
    (stage, waiting, closes_at): (&str, u64, &str),
    links: Links<'_>,
) -> Letter {
    let (subject, lead, action) = match language {
        Language::Indonesian => (
            format!("Pengingat: {stage} ditutup {closes_at}"),
            format!(
                "{waiting} lembar penilaian Anda di tahap {stage} belum dikirim. Tahap ini ditutup {closes_at}; setelah itu nilai tidak dapat diubah."
            ),
            "Buka daftar penilaian",
        ),
        Language::English => (
            format!("Reminder: {stage} closes {closes_at}"),
            format!(
                "{waiting} of your score sheets in {stage} are not submitted yet. The stage closes {closes_at}; after that no score can change."
            ),
            "Open my scoring list",
        ),
    };
    compose(Parts {
        language,
        subject,
        greeting: greeting(language, name),
        lead,
        quote: None,
        items: Vec::new(),
        action,
        link: links.page,
        closing: vec![turn_off_line(language, links.account)],
    })
}

/// The receipt of objection `reference` against `entry` in edition `edition`.
/// It carries nothing the objector typed but the address it goes to: the
/// public form must not send strangers' words to any address.
#[must_use]
pub fn objection_receipt(
    language: Language,
    reference: &str,
    (entry, edition): (&str, &str),
    link: &str,
) -> Letter {
    let (subject, greeting, lead, closing) = match language {
        Language::Indonesian => (
            format!("Sanggahan Anda diterima: {reference}"),
            "Yth. Penyanggah,".to_owned(),
            format!(
                "Panitia {edition} menerima sanggahan Anda atas usulan \u{201c}{entry}\u{201d}. Nomor sanggahan Anda: {reference}."
            ),
            "Simpan nomor ini. Tanggapan panitia dikirim ke alamat ini dan diumumkan di halaman sanggahan.",
        ),
        Language::English => (
            format!("Your objection was received: {reference}"),
            "Dear objector,".to_owned(),
            format!(
                "The committee of {edition} received your objection to \u{201c}{entry}\u{201d}. Its reference: {reference}."
            ),
            "Keep this reference. The committee's answer comes to this address and is published on the objections page.",
        ),
    };
    let action = match language {
        Language::Indonesian => "Buka halaman sanggahan",
        Language::English => "Open the objections page",
    };
    compose(Parts {
        language,
        subject,
        greeting,
        lead,
        quote: None,
        items: Vec::new(),
        action,
        link,
        closing: vec![closing.to_owned()],
    })
}

/// The committee's answer to objection `reference` against `entry`: upheld
/// or not, with its response.
#[must_use]
pub fn objection_answer(
    language: Language,
    (reference, entry): (&str, &str),
    upheld: bool,
    response: &str,
    link: &str,
) -> Letter {
    let (subject, greeting, lead) = match (language, upheld) {
        (Language::Indonesian, true) => (
            format!("Sanggahan {reference} diterima panitia"),
            "Yth. Penyanggah,",
            format!(
                "Panitia menerima sanggahan {reference} atas usulan \u{201c}{entry}\u{201d}. Tanggapan panitia:"
            ),
        ),
        (Language::Indonesian, false) => (
            format!("Sanggahan {reference} ditolak panitia"),
            "Yth. Penyanggah,",
            format!(
                "Panitia menolak sanggahan {reference} atas usulan \u{201c}{entry}\u{201d}. Tanggapan panitia:"
            ),
        ),
        (Language::English, true) => (
            format!("Objection {reference} upheld"),
            "Dear objector,",
            format!(
                "The committee upheld objection {reference} to \u{201c}{entry}\u{201d}. Its response:"
            ),
        ),
        (Language::English, false) => (
            format!("Objection {reference} rejected"),
            "Dear objector,",
            format!(
                "The committee rejected objection {reference} to \u{201c}{entry}\u{201d}. Its response:"
            ),
        ),
    };
    let action = match language {
        Language::Indonesian => "Buka halaman sanggahan",
        Language::English => "Open the objections page",
    };
    compose(Parts {
        language,
        subject,
        greeting: greeting.to_owned(),
        lead,
        quote: Some(response),
        items: Vec::new(),
        action,
        link,
        closing: Vec::new(),
    })
}

/// One open stage in the committee's digest.
#[derive(Debug, Clone)]
pub struct StageProgress {
    pub title: String,
    pub submitted: u64,
    pub expected: u64,
    /// When it closes, on the edition's wall clock.
    pub closes_at: String,
}

/// What the committee's morning digest tells.
#[derive(Debug, Clone)]
pub struct Digest {
    /// The day it is for (`2026-12-06`).
    pub day: String,
    pub stages: Vec<StageProgress>,
    /// Entries whose judge stepped back, waiting for another: (entry, stage).
    pub recusals: Vec<(String, String)>,
    /// Messages given up on, waiting for the committee.
    pub failed_mails: u64,
}

/// The committee's morning digest for `name`.
#[must_use]
pub fn committee_digest(
    language: Language,
    name: &str,
    digest: &Digest,
    links: Links<'_>,
) -> Letter {
    let mut items: Vec<String> = digest
        .stages
        .iter()
        .map(|stage| match language {
            Language::Indonesian => format!(
                "{}: {} dari {} lembar penilaian terkirim; ditutup {}",
                stage.title, stage.submitted, stage.expected, stage.closes_at
            ),
            Language::English => format!(
                "{}: {} of {} score sheets submitted; closes {}",
                stage.title, stage.submitted, stage.expected, stage.closes_at
            ),
        })
        .collect();
    items.extend(digest.recusals.iter().map(|(entry, stage)| match language {
        Language::Indonesian => format!("Menunggu juri pengganti: {entry} ({stage})"),
        Language::English => format!("Waiting for another judge: {entry} ({stage})"),
    }));
    if digest.failed_mails > 0 {
        items.push(match language {
            Language::Indonesian => format!(
                "{} surat gagal terkirim; lihat Surat keluar",
                digest.failed_mails
            ),
            Language::English => format!("{} messages failed; see the Outbox", digest.failed_mails),
        });
    }
    let (subject, lead, action) = match language {
        Language::Indonesian => (
            format!("Ringkasan harian Juara, {}", digest.day),
            "Keadaan tahap penilaian yang sedang berjalan:".to_owned(),
            "Buka halaman panitia",
        ),
        Language::English => (
            format!("Juara daily digest, {}", digest.day),
            "Where the open scoring stages stand:".to_owned(),
            "Open the committee's page",
        ),
    };
    compose(Parts {
        language,
        subject,
        greeting: greeting(language, name),
        lead,
        quote: None,
        items,
        action,
        link: links.page,
        closing: vec![turn_off_line(language, links.account)],
    })
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

    const LINKS: Links<'static> = Links {
        page: "https://juara.example/entrant/entry/e1",
        account: "https://juara.example/account",
    };

    #[test]
    fn news_of_an_entry_quotes_the_comment_and_only_optional_news_says_how_to_turn_it_off() {
        let comment = "Tambahkan data <2025>.\nDan foto.";
        let returned = entry_news(
            EntryNews::Returned { comment },
            Language::Indonesian,
            "Ina",
            "Antrean",
            LINKS,
        );
        assert!(
            returned
                .text
                .contains("> Tambahkan data <2025>.\n> Dan foto.")
        );
        assert!(returned.html.contains("Tambahkan data &lt;2025&gt;."));
        assert!(returned.text.contains(LINKS.page));
        assert!(
            !returned.text.contains(LINKS.account),
            "a returned entry must be acted on"
        );

        let submitted = entry_news(
            EntryNews::Submitted,
            Language::English,
            "Ina",
            "Antrean",
            LINKS,
        );
        assert!(submitted.subject.starts_with("Submitted to the committee"));
        assert!(submitted.text.contains(LINKS.account));
    }

    #[test]
    fn a_judges_digest_lists_every_new_entry_once() {
        let entries = vec![
            ("Desk".to_owned(), "Antrean".to_owned()),
            ("Desk".to_owned(), "Posyandu".to_owned()),
        ];
        let letter = judge_assignments(
            Language::Indonesian,
            "Juri",
            &entries,
            "https://juara.example/judge",
        );
        assert_eq!(letter.subject, "2 usulan baru untuk Anda nilai");
        assert_eq!(
            letter
                .text
                .lines()
                .filter(|line| line.starts_with("- "))
                .count(),
            2
        );
        assert!(letter.html.contains("<li>Posyandu (Desk)</li>"));
    }

    #[test]
    fn published_results_say_whether_the_entry_went_on_and_its_rank() {
        let news = |advanced| EntryNews::Published {
            stage: "Penilaian proposal",
            rank: 4,
            advanced,
        };
        let out = entry_news(
            news(Some(false)),
            Language::Indonesian,
            "Ina",
            "Antrean",
            LINKS,
        );
        assert!(out.text.contains("berperingkat 4") && out.text.contains("tidak lolos"));
        let on = entry_news(news(Some(true)), Language::English, "Ina", "Antrean", LINKS);
        assert!(on.subject.starts_with("Through to the next stage"));
        let last = entry_news(news(None), Language::English, "Ina", "Antrean", LINKS);
        assert!(last.text.contains("final results") && last.text.contains("ranks 4"));
    }
}

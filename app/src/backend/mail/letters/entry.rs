//! What an entry's team hears: returned, endorsed, submitted, screened, and
//! the published results.

use super::{Letter, Links, Parts};
use domain::mail::{Language, MailKind};

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
    let parts = Parts::to(language, name, (subject, lead), (action, links.page)).quoting(quote);
    if news.kind().optional() {
        parts.optional(links.account).letter()
    } else {
        parts.letter()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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

//! What the committee hears each morning while a scoring stage is open.

use super::{Letter, Links, Parts};
use domain::mail::Language;

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
    Parts::to(language, name, (subject, lead), (action, links.page))
        .listing(items)
        .optional(links.account)
        .letter()
}

//! What a judge hears: the digest of entries newly given to them, the
//! reminder before a stage closes, and a presentation stage's schedule.

use super::{Letter, Links, Parts};
use domain::mail::Language;

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
    let items = entries
        .iter()
        .map(|(stage, title)| format!("{title} ({stage})"))
        .collect();
    Parts::to(language, name, (subject, lead), (action, link))
        .listing(items)
        .letter()
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
    Parts::to(language, name, (subject, lead), (action, links.page))
        .optional(links.account)
        .letter()
}

/// A judge's presentation schedule in stage `stage`: `slots` as
/// "08.30–08.40 title" lines on the edition's wall clock, `day` the date they
/// fall on. A calendar file per slot goes with it.
#[must_use]
pub fn presentation_schedule(
    language: Language,
    name: &str,
    (stage, day): (&str, &str),
    slots: Vec<String>,
    link: &str,
) -> Letter {
    let count = slots.len();
    let (subject, lead, action, closing) = match language {
        Language::Indonesian => (
            format!("Jadwal presentasi {stage}: {day}"),
            format!("Anda mendengarkan {count} presentasi pada {day}, dalam urutan ini:"),
            "Buka konsol presentasi",
            "Setiap slot terlampir sebagai berkas kalender (.ics); buka untuk menambahkannya ke kalender Anda. Bila jadwal berubah, panitia mengirimkannya lagi dan kalender Anda ikut diperbarui.",
        ),
        Language::English => (
            format!("Presentation schedule for {stage}: {day}"),
            format!("You hear {count} presentations on {day}, in this order:"),
            "Open the presentation console",
            "Each slot is attached as a calendar file (.ics); open it to add it to your calendar. If the schedule changes, the committee sends it again and your calendar follows.",
        ),
    };
    Parts::to(language, name, (subject, lead), (action, link))
        .listing(slots)
        .closing(vec![closing.to_owned()])
        .letter()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

//! What a people's-choice voter hears: the link that makes their vote count.

use super::{Letter, Parts};
use domain::mail::Language;

/// The confirmation of a vote for `entry` in edition `edition`, valid for
/// `hours`. It says plainly that the vote does not count without it, and that
/// a stranger's vote can be ignored: anyone may type anyone's address.
#[must_use]
pub fn vote_confirmation(
    language: Language,
    (entry, edition): (&str, &str),
    link: &str,
    hours: i64,
) -> Letter {
    let (subject, lead, action, closing) = match language {
        Language::Indonesian => (
            format!("Konfirmasi suara Anda: {entry}"),
            format!(
                "Seseorang memilih \u{201c}{entry}\u{201d} dalam pilihan masyarakat {edition} dengan alamat ini. Suara itu dihitung setelah dikonfirmasi lewat tautan di bawah."
            ),
            "Konfirmasi suara saya",
            vec![
                format!("Tautan ini berlaku {hours} jam dan hanya sekali pakai."),
                "Bila bukan Anda yang memilih, abaikan pesan ini: suaranya tidak akan dihitung."
                    .to_owned(),
            ],
        ),
        Language::English => (
            format!("Confirm your vote: {entry}"),
            format!(
                "Someone voted for \u{201c}{entry}\u{201d} in the people's choice of {edition} with this address. The vote counts once it is confirmed through the link below."
            ),
            "Confirm my vote",
            vec![
                format!("The link works for {hours} hours, once."),
                "If it was not you, ignore this message: the vote will not count.".to_owned(),
            ],
        ),
    };
    let voter = match language {
        Language::Indonesian => "Pemilih",
        Language::English => "voter",
    };
    Parts::to(language, voter, (subject, lead), (action, link))
        .closing(closing)
        .letter()
}

//! What an objector hears: the receipt of their objection and the
//! committee's answer.

use super::{Letter, Parts};
use domain::mail::Language;

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
    let (subject, lead, closing) = match language {
        Language::Indonesian => (
            format!("Sanggahan Anda diterima: {reference}"),
            format!(
                "Panitia {edition} menerima sanggahan Anda atas usulan \u{201c}{entry}\u{201d}. Nomor sanggahan Anda: {reference}."
            ),
            "Simpan nomor ini. Tanggapan panitia dikirim ke alamat ini dan diumumkan di halaman sanggahan.",
        ),
        Language::English => (
            format!("Your objection was received: {reference}"),
            format!(
                "The committee of {edition} received your objection to \u{201c}{entry}\u{201d}. Its reference: {reference}."
            ),
            "Keep this reference. The committee's answer comes to this address and is published on the objections page.",
        ),
    };
    Parts::to(
        language,
        objector(language),
        (subject, lead),
        (open_page(language), link),
    )
    .closing(vec![closing.to_owned()])
    .letter()
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
    let (subject, lead) = match language {
        Language::Indonesian => {
            let (done, verb) = if upheld {
                ("diterima", "menerima")
            } else {
                ("ditolak", "menolak")
            };
            (
                format!("Sanggahan {reference} {done} panitia"),
                format!(
                    "Panitia {verb} sanggahan {reference} atas usulan \u{201c}{entry}\u{201d}. Tanggapan panitia:"
                ),
            )
        }
        Language::English => {
            let verb = if upheld { "upheld" } else { "rejected" };
            (
                format!("Objection {reference} {verb}"),
                format!(
                    "The committee {verb} objection {reference} to \u{201c}{entry}\u{201d}. Its response:"
                ),
            )
        }
    };
    Parts::to(
        language,
        objector(language),
        (subject, lead),
        (open_page(language), link),
    )
    .quoting(Some(response))
    .letter()
}

/// How an objector is addressed: they have no account, so no name.
fn objector(language: Language) -> &'static str {
    match language {
        Language::Indonesian => "Penyanggah",
        Language::English => "objector",
    }
}

/// The button to the public objections page.
fn open_page(language: Language) -> &'static str {
    match language {
        Language::Indonesian => "Buka halaman sanggahan",
        Language::English => "Open the objections page",
    }
}

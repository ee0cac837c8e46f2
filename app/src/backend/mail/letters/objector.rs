//! What an objector hears: the receipt of their objection and the
//! committee's answer.

use super::{Letter, Parts, compose};
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

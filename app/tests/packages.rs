//! Submission packages: the entries the committee sends on (by default the
//! winners) each get their proposal in the national form — the national
//! sections in the national order, counted against the national limits — as
//! a PDF read back here with a real parser, a zip of it with the evidence, and
//! a line in the edition's summary CSV. Sections the city's form lacks are
//! listed before anyone downloads.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::scored::scored;
use crate::common::{SLUG, after, audited, publish_final};
use app::backend::db::Db;
use app::backend::evidence_store::EvidenceStore;
use app::backend::records::{execute, execute_atomically};
use app::backend::repo::{evidence, templates};
use app::backend::service::{onward, submission_package};
use app::binds;
use app::error::AppError;
use domain::ids::{EditionId, EntryId, EvidenceId, UserId};
use domain::proposal::{PackageSectionState, Template};

/// The city's form: the national one without *Kolaborasi*, and a summary the
/// city allowed 300 words for (the nation allows 200).
async fn city_form(db: &Db) {
    let mut form = Template::national();
    form.sections.retain(|section| section.key != "kolaborasi");
    form.sections[0].word_limit = 300;
    execute_atomically(
        db,
        vec![templates::save_statement(
            &EditionId::from("kipp"),
            &serde_json::to_value(&form).unwrap(),
        )],
    )
    .await
    .unwrap();
}

/// e1's proposal: a 250-word summary, Indonesian text with its punctuation.
async fn e1_writes(db: &Db) {
    let sections = serde_json::json!({
        "ringkasan": "antrean ".repeat(250),
        "ide_inovatif": "Warga Kelurahan Oro-oro Dowo mengambil nomor “antrean” dari rumah — tanpa datang subuh.",
        "signifikansi": "Waktu tunggu turun dari 3 jam menjadi 25 menit (data Januari–Juni).",
    });
    execute(
        db,
        "UPDATE entry:e1 SET sections = $sections;",
        binds![("sections", app::backend::records::Binding::of(&sections))],
    )
    .await
    .unwrap();
}

/// Two files of evidence on e1, the second named to climb out of its folder
/// and to pass for a PDF while ending in `.hta`.
async fn e1_evidence(db: &Db, store: &EvidenceStore) {
    for (key, name, content) in [
        ("bukti-1", "SK Kepala Dinas.pdf", &b"%PDF-1.4\n% sk\n"[..]),
        (
            "bukti-2",
            "../../SK\u{202e}fdp.hta",
            &b"%PDF-1.4\n% lain\n"[..],
        ),
    ] {
        let sha256 = store.put(content).await.unwrap();
        execute_atomically(
            db,
            vec![evidence::create(&evidence::NewEvidence {
                key: &EvidenceId::from(key),
                entry: &EntryId::from("e1"),
                section: "signifikansi",
                name,
                media_type: "application/pdf",
                size: content.len() as u64,
                sha256: &sha256,
                user: &UserId::from("admin"),
                at: after(),
            })],
        )
        .await
        .unwrap();
    }
}

/// Every page's text, in page order.
fn text_of(pdf: &[u8]) -> (usize, String) {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).unwrap();
    (pages.len(), text)
}

#[tokio::test]
async fn a_winner_sent_on_gets_its_proposal_in_the_national_form_read_back_in_order() {
    let db = scored().await;
    city_form(&db).await;
    e1_writes(&db).await;
    let (store, dir) = crate::common::evidence_store();
    e1_evidence(&db, &store).await;
    let e1 = EntryId::from("e1");

    // Nothing is sent on before the final results stand.
    assert_eq!(
        submission_package::of_entry(&db, SLUG, &e1)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    publish_final(&db).await;

    // The page lists what the national form would refuse, before download.
    let view = onward::view(&db, SLUG).await.unwrap();
    let candidate = view.candidates.iter().find(|c| c.entry == e1).unwrap();
    assert!(candidate.sent, "a winner is sent on by default");
    let check = candidate.package.as_ref().unwrap();
    let states: Vec<(&str, PackageSectionState)> = check
        .sections
        .iter()
        .map(|section| (section.label.as_str(), section.state))
        .collect();
    assert_eq!(states[0], ("Ringkasan", PackageSectionState::OverLimit));
    assert_eq!(states[1], ("Ide inovatif", PackageSectionState::Ready));
    assert!(states.contains(&(
        "Kolaborasi pemangku kepentingan",
        PackageSectionState::Missing
    )));
    assert!(states.contains(&("Keberlanjutan", PackageSectionState::Empty)));
    assert_eq!(check.evidence_files, 2);

    // The PDF, parsed back: every national section of the group, in the
    // national order, the text as written (curly quotes and dashes included).
    let package = submission_package::of_entry(&db, SLUG, &e1).await.unwrap();
    let document = submission_package::pdf(&package).unwrap();
    let (pages, text) = text_of(&document.bytes);
    assert_eq!(pages, document.pages);
    assert!(pages >= 2, "a cover and the sections: {pages} pages");
    // The cover lists the sections too: the sections themselves come last.
    let body = &text[text.rfind("1. Ringkasan").unwrap()..];
    let mut from = 0;
    for (number, section) in Template::national()
        .sections_for(domain::edition::Group::Umum)
        .enumerate()
    {
        let heading = format!("{}. {}", number + 1, section.label);
        let at = body[from..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading} after byte {from} in {body}"));
        from += at + heading.len();
    }
    assert!(
        text.contains("mengambil nomor “antrean” dari rumah — tanpa"),
        "{text}"
    );
    assert!(text.contains("MELEBIHI BATAS 50 kata"), "{text}");
    assert!(
        text.contains("tidak ada di formulir kompetisi kota"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Halaman {pages} dari {pages}")),
        "{text}"
    );

    // The zip: the PDF and both files, neither outside `bukti/`.
    let archive = submission_package::zip(&store, &package).await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .collect();
    assert_eq!(names[0], "paket-e1.pdf");
    assert_eq!(
        names[1..],
        ["bukti/01-SK Kepala Dinas.pdf", "bukti/02-SKfdp.pdf"]
    );
    let mut inner = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut inner).unwrap();
    assert_eq!(text_of(&inner).1, text);

    // The summary: a line per package, what still needs work named.
    let csv = submission_package::summary_csv(&db, SLUG).await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let sent = view
        .candidates
        .iter()
        .filter(|candidate| candidate.sent)
        .count();
    assert_eq!(lines.len(), 1 + sent, "{csv}");
    let e1_line = lines.iter().find(|line| line.starts_with("e1,")).unwrap();
    assert!(e1_line.contains(",Ringkasan,"), "{e1_line}");
    assert!(
        e1_line.contains("Kolaborasi pemangku kepentingan"),
        "{e1_line}"
    );
    assert!(
        e1_line.contains(&format!(",{pages},{},2,", document.bytes.len())),
        "{e1_line}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_committee_picks_what_is_sent_and_nothing_else_has_a_package() {
    let db = scored().await;
    publish_final(&db).await;
    let admin = UserId::from("admin");
    let sent = |db: Db| async move {
        let (_, sent) = onward::sent_entries(&db, SLUG).await.unwrap();
        let mut keys: Vec<String> = sent
            .into_iter()
            .map(|entry| entry.entry.to_string())
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(sent(db.clone()).await, ["e1", "e2", "e3"].map(String::from));

    onward::pick(
        &db,
        Some(&admin),
        (SLUG, &EntryId::from("e2")),
        false,
        after(),
    )
    .await
    .unwrap();
    assert_eq!(sent(db.clone()).await, ["e1", "e3"].map(String::from));
    assert_eq!(
        submission_package::of_entry(&db, SLUG, &EntryId::from("e2"))
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    let view = onward::view(&db, SLUG).await.unwrap();
    let e2 = view.candidates.iter().find(|c| c.entry == "e2").unwrap();
    assert!(!e2.sent && e2.package.is_none());
    assert_eq!(audited(&db, 1).await, ["onward.pick"]);

    // Sent again: back with its package.
    onward::pick(
        &db,
        Some(&admin),
        (SLUG, &EntryId::from("e2")),
        true,
        after(),
    )
    .await
    .unwrap();
    assert!(
        submission_package::of_entry(&db, SLUG, &EntryId::from("e2"))
            .await
            .is_ok()
    );

    // Only an entry of the standing final results can be picked.
    assert_eq!(
        onward::pick(
            &db,
            Some(&admin),
            (SLUG, &EntryId::from("nope")),
            true,
            after()
        )
        .await,
        Err(AppError::NotFound)
    );
}

//! Evidence uploads: checked by content and size, stored by content address,
//! only for the entry's writers while they may change it, readable by the
//! organisation, the committee and the entry's judges — never by others.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::records::{Binding, execute};
use app::backend::service::evidence::{self, Upload};
use app::backend::service::proposals::{self, Review};
use app::binds;
use app::error::{AppError, Problem};
use common::entrants::*;
use domain::role::Role;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF";

fn pdf(section: &str) -> Upload<'_> {
    Upload {
        section,
        file_name: "C:\\Dokumen\\SK Kepala Puskesmas.pdf",
        content: PDF,
    }
}

#[tokio::test]
async fn a_pdf_is_stored_by_content_and_listed_under_its_section() {
    let db = fixture().await;
    let (store, dir) = crate::common::evidence_store();
    let entry = started(&db, "Posyandu Remaja").await;
    evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &pdf("signifikansi"),
        before_close(),
    )
    .await
    .unwrap();
    // The same file again is a second record over one stored copy.
    evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &pdf("keberlanjutan"),
        before_close() + jiff::SignedDuration::from_mins(1),
    )
    .await
    .unwrap();
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(view.evidence.len(), 2);
    assert_eq!(view.evidence[0].name, "SK Kepala Puskesmas.pdf");
    assert_eq!(view.evidence[0].section, "signifikansi");
    assert!(!view.evidence[0].is_image);
    let stored: Vec<_> = walk(&dir);
    assert_eq!(stored.len(), 1, "one copy per content: {stored:?}");

    let (record, content) = evidence::file(&db, &store, &innovator(), &view.evidence[0].id)
        .await
        .unwrap();
    assert_eq!(record.media_type, "application/pdf");
    assert_eq!(content, PDF);
    let _ = std::fs::remove_dir_all(dir);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn a_forged_or_oversized_file_is_refused_with_the_reason() {
    let db = fixture().await;
    let (store, dir) = crate::common::evidence_store();
    let entry = started(&db, "Posyandu Remaja").await;
    let forged = Upload {
        section: "signifikansi",
        file_name: "laporan.pdf",
        content: b"MZ\x90\x00\x03 this is a Windows program",
    };
    let error = evidence::upload(&db, &store, &innovator(), &entry, &forged, before_close())
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("file".into(), Problem::UnsupportedFile)]
    );

    execute(
        &db,
        "UPDATE edition:kipp SET upload_limit_mb = 1;",
        Vec::new(),
    )
    .await
    .unwrap();
    let mut big = PDF.to_vec();
    big.resize(1024 * 1024 + 1, b' ');
    let oversized = Upload {
        content: &big,
        ..pdf("signifikansi")
    };
    let error = evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &oversized,
        before_close(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("file".into(), Problem::FileTooLarge { limit_mb: 1 })]
    );

    let empty = Upload {
        content: b"",
        ..pdf("signifikansi")
    };
    let error = evidence::upload(&db, &store, &innovator(), &entry, &empty, before_close())
        .await
        .unwrap_err();
    assert_eq!(problems(&error), vec![("file".into(), Problem::Required)]);

    let error = evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &pdf("inspirasi"),
        before_close(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&problems(&error)[0], (field, Problem::UnknownChoice { .. }) if field == "section"),
        "not a section of the umum form"
    );
    assert!(walk(&dir).is_empty(), "nothing refused is stored");
    assert!(
        proposals::view(&db, &innovator(), &entry, before_close())
            .await
            .unwrap()
            .evidence
            .is_empty()
    );
}

#[tokio::test]
async fn only_writers_upload_and_only_while_the_proposal_is_with_them() {
    let db = fixture().await;
    let (store, dir) = crate::common::evidence_store();
    let entry = started(&db, "Posyandu Remaja").await;
    let outsider = user("rudi", &[Role::Coordinator], "rsud");
    assert_eq!(
        evidence::upload(
            &db,
            &store,
            &outsider,
            &entry,
            &pdf("signifikansi"),
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Forbidden
    );
    assert!(matches!(
        evidence::upload(
            &db,
            &store,
            &innovator(),
            &entry,
            &pdf("signifikansi"),
            at("2026-04-01T00:00:00Z")
        )
        .await
        .unwrap_err(),
        AppError::Conflict(Problem::SubmissionClosed { .. })
    ));
    evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &pdf("signifikansi"),
        before_close(),
    )
    .await
    .unwrap();
    save(&db, &innovator(), &entry, 1, complete(), before_close())
        .await
        .unwrap();
    coordinator_reviews(&db, &entry, Review::Endorse, "")
        .await
        .unwrap();
    assert!(matches!(
        evidence::upload(
            &db,
            &store,
            &innovator(),
            &entry,
            &pdf("keberlanjutan"),
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { .. })
    ));
    let file = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap()
        .evidence[0]
        .id
        .clone();
    assert!(matches!(
        evidence::remove(&db, &innovator(), &entry, &file, before_close())
            .await
            .unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { .. })
    ));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn files_are_read_by_the_organisation_the_committee_and_the_entrys_judges_only() {
    let db = fixture().await;
    let (store, dir) = crate::common::evidence_store();
    let entry = started(&db, "Posyandu Remaja").await;
    evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &pdf("signifikansi"),
        before_close(),
    )
    .await
    .unwrap();
    let file = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap()
        .evidence[0]
        .id
        .clone();
    assert!(
        evidence::file(&db, &store, &coordinator(), &file)
            .await
            .is_ok()
    );
    assert!(evidence::file(&db, &store, &admin(), &file).await.is_ok());
    let outsider = user("rudi", &[Role::Coordinator], "rsud");
    assert_eq!(
        evidence::file(&db, &store, &outsider, &file)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );

    let judge = user("juri", &[Role::Judge], "bagor");
    assert_eq!(
        evidence::file(&db, &store, &judge, &file)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    execute(
        &db,
        "CREATE user:juri SET email = 'juri@juara.test', name = 'Juri', roles = ['judge'];
         CREATE stage:desk SET edition = edition:kipp, key = 'desk', title = 'Desk', kind = 'scoring', position = 1,
             opens_at = d'2026-04-05T01:00:00Z', closes_at = d'2026-04-12T01:00:00Z';
         CREATE assignment SET stage = stage:desk, entry = $entry, judge = user:juri;",
        binds![("entry", Binding::id(&entry))],
    )
    .await
    .unwrap();
    assert!(
        evidence::file(&db, &store, &judge, &file).await.is_ok(),
        "an assigned judge reads it"
    );
    execute(
        &db,
        "UPDATE assignment SET recused = true WHERE judge = user:juri;",
        Vec::new(),
    )
    .await
    .unwrap();
    assert_eq!(
        evidence::file(&db, &store, &judge, &file)
            .await
            .unwrap_err(),
        AppError::Forbidden,
        "not after recusing"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A blind panel scores without knowing the agency: file names often name it
/// (`SK Kepala Puskesmas Janti.pdf`), so its judges see neutral names, on the
/// scoring page and in the download, while the organisation and the committee
/// keep the real ones.
#[tokio::test]
async fn a_blind_panel_sees_neutral_file_names() {
    let db = fixture().await;
    let (store, dir) = crate::common::evidence_store();
    let entry = started(&db, "Posyandu Remaja").await;
    evidence::upload(
        &db,
        &store,
        &innovator(),
        &entry,
        &pdf("signifikansi"),
        before_close(),
    )
    .await
    .unwrap();
    execute(
        &db,
        "CREATE user:juri SET email = 'juri@juara.test', name = 'Juri', roles = ['judge'];
         CREATE stage:desk SET edition = edition:kipp, key = 'desk', title = 'Desk', kind = 'scoring', position = 1,
             opens_at = d'2026-04-05T01:00:00Z', closes_at = d'2026-04-12T01:00:00Z', blind = true,
             rubric = [];
         CREATE assignment SET stage = stage:desk, entry = $entry, judge = user:juri;",
        binds![("entry", Binding::id(&entry))],
    )
    .await
    .unwrap();
    let judge = user("juri", &[Role::Judge], "bagor");
    let listed = evidence::views_for_panel(&db, &entry, true).await.unwrap();
    assert_eq!(listed[0].name, "lampiran-1.pdf");
    let file = listed[0].id.clone();
    let (record, _) = evidence::file(&db, &store, &judge, &file).await.unwrap();
    assert_eq!(
        record.name, "lampiran-1.pdf",
        "the download is named the same"
    );
    let (record, _) = evidence::file(&db, &store, &innovator(), &file)
        .await
        .unwrap();
    assert_eq!(record.name, "SK Kepala Puskesmas.pdf");
    let (record, _) = evidence::file(&db, &store, &admin(), &file).await.unwrap();
    assert_eq!(record.name, "SK Kepala Puskesmas.pdf");
    let _ = std::fs::remove_dir_all(dir);
}

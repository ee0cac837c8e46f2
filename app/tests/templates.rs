//! An edition's proposal template: the national form until edited; edited rows
//! checked as a whole (reported row by row), blank rows skipped, removed rows
//! dropped; the entry's form and its checks follow the edition's template.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::public_cache::PublicCache;

use app::backend::service::proposals;
use app::backend::service::templates;
use app::error::{AppError, Problem};
use app::model::TemplateRow;
use common::entrants::*;
use domain::ids::UserId;

fn on() -> Option<String> {
    Some("on".into())
}

/// The committee saves the fixture edition's template from `rows`.
async fn save(
    db: &app::backend::db::Db,
    rows: &[app::model::TemplateRow],
) -> Result<(), app::error::AppError> {
    templates::save(
        db,
        &PublicCache::default(),
        &UserId::from("panitia"),
        "kipp-2026",
        rows,
    )
    .await
}

#[tokio::test]
async fn an_edited_template_shapes_the_form_and_its_checks() {
    let db = fixture().await;
    let national = templates::view(&db, "kipp-2026").await.unwrap();
    assert!(!national.edited);
    assert_eq!(national.rows[0].key, "ringkasan");

    let mut rows = national.rows.clone();
    // Drop the SDG section, tighten the summary, add a section for umum only.
    rows.iter_mut()
        .find(|row| row.key == "kontribusi_sdgs")
        .unwrap()
        .remove = on();
    rows[0].word_limit = "50".into();
    rows.push(TemplateRow {
        key: "dampak_warga".into(),
        label: "Dampak bagi warga".into(),
        prompt: "Apa yang berubah bagi warga?".into(),
        word_limit: "150".into(),
        required: on(),
        umum: on(),
        ..TemplateRow::default()
    });
    rows.push(TemplateRow::default()); // a blank row is skipped
    save(&db, &rows).await.unwrap();

    let edited = templates::view(&db, "kipp-2026").await.unwrap();
    assert!(edited.edited);
    assert!(edited.rows.iter().all(|row| row.key != "kontribusi_sdgs"));

    let entry = started(&db, "Posyandu Remaja").await;
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    let keys: Vec<&str> = view
        .sections
        .iter()
        .map(|section| section.key.as_str())
        .collect();
    assert!(keys.contains(&"dampak_warga"));
    assert!(!keys.contains(&"kontribusi_sdgs"));
    assert_eq!(view.sections[0].word_limit, 50);
    // The new required section is needed to submit; the dropped one is not.
    assert!(
        view.problems
            .iter()
            .any(|p| p.field == "answers.dampak_warga" && p.problem == Problem::Required)
    );
    assert!(
        view.problems
            .iter()
            .all(|p| p.field != "answers.kontribusi_sdgs")
    );
}

#[tokio::test]
async fn a_broken_template_is_refused_row_by_row_and_nothing_changes() {
    let db = fixture().await;
    let mut rows = templates::view(&db, "kipp-2026").await.unwrap().rows;
    rows[1].key = "Ide Inovatif".into();
    rows[2].key = "ringkasan".into();
    rows[3].label = String::new();
    rows[4].word_limit = "banyak".into();
    rows[5].umum = None;
    rows[5].replikasi = None;
    rows[5].khusus = None;
    let error = save(&db, &rows).await.unwrap_err();
    let AppError::Invalid { fields, .. } = error else {
        panic!("expected a form error")
    };
    let found: Vec<(String, Problem)> = fields.into_iter().map(|f| (f.field, f.problem)).collect();
    for expected in [
        ("sections.1.key", Problem::BadKey),
        ("sections.2.key", Problem::Taken),
        ("sections.3.label", Problem::Required),
        ("sections.5.groups", Problem::Required),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.clone())),
            "{expected:?} in {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(field, _)| field == "sections.4.word_limit")
    );
    assert!(
        !templates::view(&db, "kipp-2026").await.unwrap().edited,
        "nothing was saved"
    );

    let everything_removed: Vec<TemplateRow> = rows
        .into_iter()
        .map(|row| TemplateRow {
            remove: on(),
            ..row
        })
        .collect();
    assert!(save(&db, &everything_removed).await.is_err());
}

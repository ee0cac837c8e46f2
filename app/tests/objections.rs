//! Objections: filed only while the window is open, only against finalists,
//! answered by the committee with a response and an outcome.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use app::backend::public_cache::PublicCache;

use app::backend::repo::judging::{self, NewSheet};
use app::backend::service::advancement::{self, Decision};
use app::backend::service::objections::{self, ObjectionInput};
use app::backend::service::{publication, stage_setup};
use app::error::{AppError, Problem};
use app::model::StageForm;
use common::{ENTRY, STAGE, after, closes, during, fixture};
use domain::ids::ObjectionId;
use domain::ids::UserId;
use domain::objection::ObjectionOutcome;
use domain::scoring::SheetState;
use jiff::SignedDuration;

const SLUG: &str = "kipp-2026";

async fn with_finalist_and_window() -> app::backend::db::Db {
    let db = fixture().await;
    let values: serde_json::Map<String, serde_json::Value> =
        domain::scoring::Rubric::national_desk()
            .criteria()
            .iter()
            .map(|criterion| (criterion.key.as_str().to_owned(), serde_json::json!(88)))
            .collect();
    judging::put_sheet(
        &db,
        &NewSheet {
            stage: STAGE.into(),
            entry: ENTRY.clone(),
            judge: "juri1".into(),
            values: values.into(),
            comment: String::new(),
            state: SheetState::Submitted,
        },
    )
    .await
    .unwrap();
    let decision = Decision {
        advance: [ENTRY.clone()].into(),
        reason: "Satu-satunya finalis".into(),
        despite_unsubmitted: true,
    };
    advancement::apply(
        &db,
        &LiveUpdates::default(),
        None,
        (SLUG, &STAGE.into()),
        &decision,
        after(),
    )
    .await
    .unwrap();
    // The fixture's desk closes 8 March 2026 09:00 WIB; objections 9–13 March.
    let form = StageForm {
        slug: SLUG.into(),
        key: "sanggah".into(),
        title: "Masa sanggah".into(),
        kind: "objection".into(),
        opens: "2026-03-09T08:00".into(),
        closes: "2026-03-13T16:00".into(),
        ..StageForm::default()
    };
    stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap();
    db
}

/// The committee answers objection `id` with (response, outcome) while the
/// window is open.
async fn answer(
    db: &app::backend::db::Db,
    id: &ObjectionId,
    (response, outcome): (&str, &str),
) -> Result<(), AppError> {
    let open = closes() + SignedDuration::from_hours(30);
    objections::answer(
        db,
        &UserId::from("admin"),
        (SLUG, id),
        (response, outcome),
        common::SITE,
        open,
    )
    .await
}

fn objection() -> ObjectionInput {
    ObjectionInput {
        name: "Budi".into(),
        contact: "budi@example.test".into(),
        entry: ENTRY.clone(),
        reason: "Inovasi ini sudah berhenti berjalan sejak Januari.".into(),
        evidence: "https://example.test/berita".into(),
    }
}

#[tokio::test]
async fn objections_are_taken_only_in_the_window_and_only_against_finalists() {
    let db = with_finalist_and_window().await;
    common::publish_desk(&db).await;
    let window = objections::window(&db, SLUG, during()).await.unwrap();
    assert!(!window.open);
    assert_eq!(window.finalists.len(), 1);
    let before = objections::file(&db, SLUG, &objection(), common::SITE, during())
        .await
        .unwrap_err();
    assert!(
        matches!(before, AppError::Conflict(Problem::ObjectionsClosed { .. })),
        "{before:?}"
    );

    let open = closes() + SignedDuration::from_hours(30);
    assert!(objections::window(&db, SLUG, open).await.unwrap().open);
    let mut bad = objection();
    bad.name = " ".into();
    bad.reason = String::new();
    bad.entry = "bukan-finalis".into();
    let error = objections::file(&db, SLUG, &bad, common::SITE, open)
        .await
        .unwrap_err();
    let AppError::Invalid { fields, .. } = error else {
        panic!("{error:?}")
    };
    let fields: Vec<&str> = fields.iter().map(|field| field.field.as_str()).collect();
    assert_eq!(fields, ["name", "reason", "entry"]);

    let reference = objections::file(&db, SLUG, &objection(), common::SITE, open)
        .await
        .unwrap();
    assert!(
        reference.starts_with("SGH-") && reference.len() == 10,
        "{reference}"
    );
    let view = objections::list(&db, SLUG, open).await.unwrap();
    assert_eq!(view.rows.len(), 1);
    assert_eq!(view.rows[0].reference, reference);
    assert_eq!(view.rows[0].outcome, None);

    let id = view.rows[0].id.clone();
    let error = answer(&db, &id, (" ", "upheld")).await.unwrap_err();
    assert!(matches!(error, AppError::Invalid { .. }));
    answer(
        &db,
        &id,
        ("Dicek ke lapangan: benar, inovasi berhenti.", "upheld"),
    )
    .await
    .unwrap();
    let answered = objections::list(&db, SLUG, open).await.unwrap();
    assert_eq!(answered.rows[0].outcome, Some(ObjectionOutcome::Upheld));
    assert_eq!(
        answer(&db, &ObjectionId::from("no-such"), ("x", "rejected"))
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

/// Decisions leave the committee only with their publication: applied but
/// unpublished, or published and then withdrawn, the finalist list is empty
/// and no objection is taken.
#[tokio::test]
async fn the_finalist_list_is_what_a_standing_publication_says() {
    let db = with_finalist_and_window().await;
    let open = closes() + SignedDuration::from_hours(30);
    let window = objections::window(&db, SLUG, open).await.unwrap();
    assert!(window.open);
    assert!(
        window.finalists.is_empty(),
        "advancement applied, not published"
    );
    let refused = objections::file(&db, SLUG, &objection(), common::SITE, open)
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Invalid { .. }), "{refused:?}");

    let published = common::publish_desk(&db).await;
    let window = objections::window(&db, SLUG, open).await.unwrap();
    assert_eq!(window.finalists.len(), 1);
    assert_eq!(window.finalists[0].0, *ENTRY);

    publication::withdraw(
        &db,
        &PublicCache::default(),
        None,
        SLUG,
        &published.id,
        after(),
    )
    .await
    .unwrap();
    let window = objections::window(&db, SLUG, open).await.unwrap();
    assert!(window.finalists.is_empty(), "withdrawn: the list is gone");
}

#[tokio::test]
async fn an_objector_with_an_address_gets_a_receipt_and_the_answer_and_no_address_is_flooded() {
    use app::backend::repo::mail as outbox;
    use domain::mail::MailKind;
    let db = with_finalist_and_window().await;
    common::publish_desk(&db).await;
    let open = closes() + SignedDuration::from_hours(30);
    let reference = objections::file(&db, SLUG, &objection(), common::SITE, open)
        .await
        .unwrap();
    let mut by_phone = objection();
    by_phone.contact = "0812 3456 7890".into();
    objections::file(&db, SLUG, &by_phone, common::SITE, open)
        .await
        .unwrap();

    let mails = outbox::newest(&db, 10).await.unwrap();
    assert_eq!(
        mails.len(),
        1,
        "a phone number gets no mail, and the objection is kept all the same"
    );
    assert_eq!(
        (mails[0].kind, mails[0].recipient.as_str()),
        (MailKind::ObjectionReceipt, "budi@example.test")
    );
    assert!(mails[0].text.contains(&reference));
    assert!(
        !mails[0].text.contains("Budi") && !mails[0].text.contains("berhenti berjalan"),
        "nothing the stranger typed goes out"
    );
    assert_eq!(
        objections::list(&db, SLUG, open).await.unwrap().rows.len(),
        2
    );

    // However many objections name one address, it gets three receipts a day.
    for _ in 0..4 {
        objections::file(&db, SLUG, &objection(), common::SITE, open)
            .await
            .unwrap();
    }
    let receipts = outbox::count_to(
        &db,
        "budi@example.test",
        MailKind::ObjectionReceipt,
        open - SignedDuration::from_hours(1),
    )
    .await
    .unwrap();
    assert_eq!(receipts, 3);

    let first = objections::list(&db, SLUG, open)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|row| row.reference == reference)
        .unwrap();
    answer(
        &db,
        &first.id,
        (
            "Inovasi masih berjalan; bukti terlampir di berita acara.",
            "rejected",
        ),
    )
    .await
    .unwrap();
    let mails = outbox::newest(&db, 10).await.unwrap();
    let answers: Vec<_> = mails
        .iter()
        .filter(|mail| mail.kind == MailKind::ObjectionAnswer)
        .collect();
    assert_eq!(answers.len(), 1);
    let answer = answers[0];
    assert!(answer.subject.contains(&reference) && answer.subject.contains("ditolak"));
    assert!(answer.text.contains("Inovasi masih berjalan"));
}

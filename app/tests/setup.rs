//! The committee configures an edition: settings and stages, each problem beside
//! its field and nothing stored until all are right.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::repo::judging::{self, NewSheet};
use app::backend::service::{edition_setup, stage_setup};
use app::error::Problem;
use app::model::{CriterionForm, SettingsForm, StageForm};
use common::entrants::problems;
use common::{ENTRY, STAGE, fixture};
use domain::ids::UserId;
use domain::scoring::SheetState;

const SLUG: &str = "kipp-2026";

fn settings() -> SettingsForm {
    SettingsForm {
        slug: SLUG.into(),
        submission_opens: "2026-01-05T08:00".into(),
        submission_closes: "2026-02-20T16:00".into(),
        minimum_years: "2".into(),
        upload_limit_mb: "5".into(),
        quotas: "* umum 2\nbumd umum 3".into(),
        shares_feedback: Some("on".into()),
        peoples_choice: None,
        peoples_choice_verified: None,
        max_winners_per_organisation: "2".into(),
        winner_in_every_category: Some("on".into()),
        replication_below_original: None,
        shows_scores: Some("on".into()),
        publishes_sheets: Some("on".into()),
        final_rule: "last_stage".into(),
        final_weights: String::new(),
        screening_checklist: "Proposal lengkap\nInovasi berjalan minimal 2 tahun".into(),
        groups: vec!["umum".into(), "replikasi".into()],
        categories: "kesehatan: Kesehatan\npendidikan: Pendidikan".into(),
    }
}

#[tokio::test]
async fn settings_are_checked_field_by_field_then_stored_and_audited() {
    let db = fixture().await;
    let mut form = settings();
    form.submission_closes = "2026-01-01T08:00".into();
    form.quotas = "* umum 2\nbumd umum tiga".into();
    form.minimum_years = "dua".into();
    form.max_winners_per_organisation = "0".into();
    form.final_rule = "weighted".into();
    form.final_weights = "desk 40\npresentasi 60".into();
    let error = edition_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [
            ("submission_closes".into(), Problem::WindowOrder),
            ("minimum_years".into(), Problem::NotANumber),
            (
                "max_winners_per_organisation".into(),
                Problem::OutOfRange { min: 1, max: 50 }
            ),
            ("quotas".into(), Problem::QuotaLine { line: 2 }),
            (
                "final_weights".into(),
                Problem::UnknownReference {
                    given: "presentasi".into()
                }
            ),
        ]
    );
    form = settings();
    form.final_rule = "weighted".into();
    form.final_weights = "desk 90".into();
    let error = edition_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [("final_weights".into(), Problem::WeightsTotal { total: 90 })]
    );

    edition_setup::save(&db, &UserId::from("admin"), &settings())
        .await
        .unwrap();
    let view = edition_setup::view(&db, SLUG).await.unwrap();
    assert_eq!(view.form, settings(), "what was stored reads back as typed");
    assert_eq!(view.stages.len(), 1);
}

fn criterion(key: &str, weight: &str) -> CriterionForm {
    CriterionForm {
        key: key.into(),
        label: key.to_uppercase(),
        guidance: String::new(),
        weight: weight.into(),
        min: "0".into(),
        max: "100".into(),
        step: "1".into(),
        remove: None,
    }
}

fn presentation() -> StageForm {
    StageForm {
        slug: SLUG.into(),
        editing: String::new(),
        key: "presentasi".into(),
        title: "Presentasi".into(),
        kind: "scoring".into(),
        format: "presentation".into(),
        // The fixture's desk stage runs 1–8 March 2026 (UTC).
        opens: "2026-03-10T08:00".into(),
        closes: "2026-03-11T16:00".into(),
        blind: None,
        aggregation: "mean".into(),
        rule: "top_n".into(),
        top_n: "1".into(),
        pass_mark: String::new(),
        criteria: vec![
            criterion("substansi", "70"),
            criterion("presentasi", "30"),
            CriterionForm::default(),
        ],
    }
}

#[tokio::test]
async fn a_stage_needs_weights_adding_up_to_100_and_a_window_of_its_own() {
    let db = fixture().await;
    let mut form = presentation();
    form.criteria[1].weight = "20".into();
    let error = stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [("criteria".into(), Problem::WeightsTotal { total: 90 })]
    );

    let mut form = presentation();
    form.criteria[1].key = "substansi".into();
    form.criteria[0].step = "7".into();
    form.opens = "2026-03-07T08:00".into();
    let error = stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [
            (
                "opens".into(),
                Problem::WindowOverlap {
                    other: STAGE.into()
                }
            ),
            ("criteria.0.step".into(), Problem::BadScale),
        ]
    );
    let mut form = presentation();
    form.criteria[1].key = "substansi".into();
    let error = stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [("criteria.1.key".into(), Problem::Taken)]
    );

    // Right: stored after the desk stage, the blank row ignored, a removed row dropped.
    let mut form = presentation();
    form.criteria.push(CriterionForm {
        remove: Some("on".into()),
        ..criterion("lama", "10")
    });
    assert_eq!(
        stage_setup::save(&db, &UserId::from("admin"), &form)
            .await
            .unwrap(),
        "presentasi"
    );
    let stored = stage_setup::view(&db, SLUG, &"presentasi".into())
        .await
        .unwrap();
    assert_eq!(stored.form.criteria.len(), 2);
    assert_eq!(stored.form.top_n, "1");
    let setup = edition_setup::view(&db, SLUG).await.unwrap();
    let keys: Vec<&str> = setup
        .stages
        .iter()
        .map(|stage| stage.key.as_str())
        .collect();
    assert_eq!(keys, [STAGE, "presentasi"]);
    // The same key again is refused.
    let error = stage_setup::save(&db, &UserId::from("admin"), &presentation())
        .await
        .unwrap_err();
    assert!(problems(&error).contains(&("key".into(), Problem::Taken)));
    // So are the words that already name something else: a stage keyed `final`
    // could not be told from the final publication, one keyed `new` could not
    // be opened (that address is the new-stage form).
    for reserved in ["final", "new", "submission"] {
        let mut form = presentation();
        form.key = reserved.into();
        let error = stage_setup::save(&db, &UserId::from("admin"), &form)
            .await
            .unwrap_err();
        assert!(
            problems(&error).contains(&("key".into(), Problem::Taken)),
            "{reserved}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_rubric_already_scored_on_cannot_change_but_the_rest_can() {
    let db = fixture().await;
    judging::put_sheet(
        &db,
        &NewSheet {
            stage: STAGE.into(),
            entry: ENTRY.clone(),
            judge: "juri1".into(),
            values: serde_json::json!({}),
            comment: String::new(),
            state: SheetState::Draft,
        },
    )
    .await
    .unwrap();
    let mut form = stage_setup::view(&db, SLUG, &STAGE.into())
        .await
        .unwrap()
        .form;
    form.title = "Penilaian proposal".into();
    stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap();
    form.criteria[0].weight = "30".into();
    form.criteria[1].weight = "10".into();
    let error = stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [("criteria".into(), Problem::RubricLocked { sheets: 1 })]
    );
    let stored = stage_setup::view(&db, SLUG, &STAGE.into()).await.unwrap();
    assert_eq!(stored.form.title, "Penilaian proposal");
    assert_eq!(stored.form.criteria[0].weight, "20");
}

//! Results, advancement and the dashboard, on the real schema: the scored
//! fixture (`common::scored`).
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use domain::stage::PublicationScope;

use app::backend::records::query_rows;
use app::backend::service::advancement::{self, Decision};
use app::backend::service::results_csv::to_csv;
use app::backend::service::{dashboard, results};
use app::binds;
use app::error::{AppError, Problem};
use app::model::MatrixCell;
use common::entrants::problems;
use common::scored::{scored, sheet};
use common::{SLUG, STAGE, after, state_of};
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;

#[tokio::test]
async fn the_document_ranks_each_category_from_submitted_sheets_with_judges_anonymised() {
    let db = scored().await;
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    assert_eq!(document.published_at, None);
    let stage = &document.stages[0];
    assert_eq!(stage.key, STAGE);
    assert_eq!(stage.rubric.len(), 5);
    let rows: Vec<_> = stage
        .entries
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.category.as_str(),
                e.rank,
                e.tied,
                e.advanced,
            )
        })
        .collect();
    // e1 and e2 both score 85 and tie on every criterion: they share rank 1 and
    // both advance under top 1; the draft does not count for e3.
    assert_eq!(
        rows,
        [
            ("e1", "kesehatan", 1, true, true),
            ("e2", "kesehatan", 1, true, true),
            ("e3", "pendidikan", 1, false, true),
        ]
    );
    assert!((stage.entries[0].score.unwrap() - 85.0).abs() < 1e-12);
    let e1_sheets: Vec<_> = stage.entries[0]
        .sheets
        .iter()
        .map(|s| (s.judge.as_str(), s.total))
        .collect();
    assert_eq!(e1_sheets, [("J1", 90.0), ("J2", 80.0)]);
    assert_eq!(stage.entries[2].sheets.len(), 1, "drafts are never results");
    let text = serde_json::to_string(&document).unwrap();
    assert!(!text.contains("juri1") && !text.contains("juri2"), "{text}");
    // The final ranking is the last stage's.
    let finals: Vec<_> = document
        .final_ranking
        .iter()
        .map(|f| (f.id.as_str(), f.rank, f.tied))
        .collect();
    assert_eq!(finals, [("e1", 1, true), ("e2", 1, true), ("e3", 1, false)]);
    // The document's JSON has the stable shape.
    let value = serde_json::to_value(&document).unwrap();
    assert_eq!(
        value["stages"][0]["advancement"],
        serde_json::json!({"rule": "top_n", "n": 1})
    );
    assert!(value["final"].is_array() && value["published_at"].is_null());
}

#[tokio::test]
async fn the_csv_flattens_every_sheet_and_the_final_ranking_at_full_precision() {
    let db = scored().await;
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    let csv = to_csv(&document);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "stage");
    assert!(header.iter().any(|column| column == "value:kebaruan"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Five submitted sheets, then three final rows.
    assert_eq!(rows.len(), 5 + 3);
    assert_eq!(&rows[0][1], "e1");
    assert_eq!(&rows[0][9], "J1");
    assert_eq!(
        Some(rows[0][5].parse::<f64>().unwrap()),
        document.stages[0].entries[0].score
    );
    assert_eq!(&rows[7][0], "final");
}

/// The committee applies `decision` to the desk stage after its window.
async fn apply(
    db: &app::backend::db::Db,
    dashboards: &LiveUpdates,
    decision: &Decision,
) -> Result<usize, AppError> {
    advancement::apply(
        db,
        dashboards,
        None,
        (SLUG, &STAGE.into()),
        decision,
        after(),
    )
    .await
}

#[tokio::test]
async fn advancing_warns_of_unsubmitted_sheets_and_an_override_needs_a_reason() {
    let db = scored().await;
    let preview = advancement::preview(&db, SLUG, &STAGE.into(), after())
        .await
        .unwrap();
    assert_eq!(preview.unsubmitted, 1, "juri2's draft on e3");
    let kesehatan = &preview.dashboard.ranking[0];
    assert!(
        kesehatan
            .rows
            .iter()
            .all(|row| row.by_rule && row.tied_at_cut)
    );

    let rule = |entries: &[&str]| Decision {
        advance: entries.iter().map(|e| EntryId::from(*e)).collect(),
        reason: String::new(),
        despite_unsubmitted: false,
    };
    // The stage's dashboards hear of the advancement that is applied, and of
    // none of the refused ones.
    let dashboards = LiveUpdates::default();
    let mut told = dashboards.subscribe();
    let error = apply(&db, &dashboards, &rule(&["e1", "e2", "e3"]))
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [(
            "despite_unsubmitted".into(),
            Problem::UnsubmittedSheets { count: 1 }
        )]
    );

    // Leaving e2 out differs from the rule: a reason is needed.
    let mut decision = rule(&["e1", "e3"]);
    decision.despite_unsubmitted = true;
    let error = apply(&db, &dashboards, &decision).await.unwrap_err();
    assert_eq!(problems(&error), [("reason".into(), Problem::Required)]);
    assert_eq!(
        state_of(&db, "e2").await,
        "screened_in",
        "nothing half-done"
    );

    decision.reason = "Keberatan atas e2 dikabulkan".into();
    assert!(told.is_empty(), "a refused advancement changes nothing");
    let advanced = apply(&db, &dashboards, &decision).await.unwrap();
    assert_eq!(advanced, 2);
    assert_eq!(
        told.try_recv().map(|stage| stage.to_string()),
        Ok(STAGE.to_owned()),
        "the stage's dashboards are told"
    );
    assert_eq!(state_of(&db, "e1").await, "advanced");
    assert_eq!(state_of(&db, "e2").await, "eliminated");
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    let advanced: Vec<_> = document.stages[0]
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.advanced))
        .collect();
    assert_eq!(advanced, [("e1", true), ("e2", false), ("e3", true)]);
    let dashboard = dashboard::stage(&db, SLUG, &STAGE.into()).await.unwrap();
    let e2 = dashboard.ranking[0]
        .rows
        .iter()
        .find(|row| row.entry == "e2")
        .unwrap();
    assert_eq!(
        e2.override_reason.as_deref(),
        Some("Keberatan atas e2 dikabulkan")
    );
    assert!(dashboard.decided);
    // Each entry's history shows its outcome.
    let actions: Vec<String> = query_rows(
        &db,
        "SELECT VALUE action FROM audit_event WHERE target = 'entry:e2' ORDER BY at;",
        binds![],
        0,
    )
    .await
    .unwrap();
    assert_eq!(actions, ["entry.eliminate"]);

    // Applying again replaces the decisions: one per entry.
    decision.advance.insert("e2".into());
    apply(&db, &LiveUpdates::default(), &decision)
        .await
        .unwrap();
    let decided: Vec<serde_json::Value> =
        query_rows(&db, "SELECT VALUE entry FROM stage_decision;", binds![], 0)
            .await
            .unwrap();
    assert_eq!(decided.len(), 3);
    assert_eq!(state_of(&db, "e2").await, "advanced");
}

#[tokio::test]
async fn the_dashboard_shows_progress_the_matrix_and_disagreement() {
    let db = scored().await;
    sheet(&db, "e2", "juri2", 40.0, "submitted").await;
    let view = dashboard::stage(&db, SLUG, &STAGE.into()).await.unwrap();
    assert_eq!((view.submitted, view.assigned), (5, 6));
    let names: Vec<_> = view
        .judges
        .iter()
        .map(|j| (j.name.as_str(), j.assigned, j.submitted, j.drafts))
        .collect();
    assert_eq!(names, [("juri1", 3, 3, 0), ("juri2", 3, 2, 1)]);
    let e3 = view.entries.iter().find(|e| e.entry == "e3").unwrap();
    assert_eq!(
        e3.cells,
        [MatrixCell::Submitted { total: 70.0 }, MatrixCell::Draft]
    );
    let e2 = view.entries.iter().find(|e| e.entry == "e2").unwrap();
    assert!(e2.disagreement, "85 against 40 is further apart than 25");
    assert_eq!(e2.spread, Some(45.0));
    // juri2 scores below the panels: 80 vs 85 and 40 vs 62.5.
    let juri2 = &view.judges[1];
    assert!(juri2.deviation.unwrap() < 0.0);
    assert!(matches!(
        dashboard::stage(&db, SLUG, &"missing".into()).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn the_next_scoring_stage_hears_the_entries_that_advanced() {
    use app::backend::service::{assignment, stage_setup};
    use app::model::{CriterionForm, StageForm};
    let db = scored().await;
    let decision = Decision {
        advance: [EntryId::from("e1"), EntryId::from("e3")].into(),
        reason: "e2 tidak dilanjutkan".into(),
        despite_unsubmitted: true,
    };
    apply(&db, &LiveUpdates::default(), &decision)
        .await
        .unwrap();
    let criterion = |key: &str, weight: &str| CriterionForm {
        key: key.into(),
        label: key.into(),
        weight: weight.into(),
        min: "0".into(),
        max: "100".into(),
        step: "1".into(),
        ..CriterionForm::default()
    };
    let form = StageForm {
        slug: SLUG.into(),
        key: "presentasi".into(),
        title: "Presentasi".into(),
        kind: "scoring".into(),
        format: "presentation".into(),
        opens: "2026-03-10T08:00".into(),
        closes: "2026-03-11T16:00".into(),
        aggregation: "mean".into(),
        rule: "top_n".into(),
        top_n: "1".into(),
        criteria: vec![criterion("substansi", "70"), criterion("presentasi", "30")],
        ..StageForm::default()
    };
    stage_setup::save(&db, &UserId::from("admin"), &form)
        .await
        .unwrap();
    let plan = assignment::preview(&db, &StageId::from("kipp-presentasi"), 2)
        .await
        .unwrap();
    assert_eq!(plan.entries, 2, "e1 and e3 advanced; e2 did not");
}

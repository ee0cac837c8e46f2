//! Saving score sheets: assignment, stage window, scale and step, completeness,
//! idempotent retries, stale revisions, history — on a fresh in-memory database.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use app::backend::live::LiveUpdates;
use app::backend::repo::judging;
use app::backend::repo::sheets;
use app::backend::service::judging::{
    assign_judge, open_recusals, recuse, save_sheet, scoring_view,
};
use app::error::{AppError, Problem};
use app::model::SheetRevision;
use jiff::SignedDuration;
use std::collections::BTreeMap;

use crate::common;
use common::STAGE_ID;

use common::{ENTRY, closes, during, fixture, opens, save_as};
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::SheetState;

fn revision(values: &[(&str, f64)], submit: bool, base: i64, key: &str) -> SheetRevision {
    SheetRevision {
        values: values.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        comments: BTreeMap::new(),
        comment: String::new(),
        submit,
        base_revision: base,
        idempotency_key: key.into(),
    }
}

const FULL: [(&str, f64); 5] = [
    ("kebaruan", 90.0),
    ("efektivitas", 80.0),
    ("kemanfaatan", 85.0),
    ("replikasi", 70.0),
    ("keberlanjutan", 75.0),
];

#[tokio::test]
async fn only_the_assigned_judge_may_save_and_not_after_recusing() {
    let db = fixture().await;
    let other = save_as(&db, "juri2", revision(&FULL, false, 0, "k1")).await;
    assert_eq!(other.unwrap_err(), AppError::Forbidden);
    assert!(
        common::save_at(&db, "juri1", revision(&FULL, false, 0, "k1"), during())
            .await
            .is_ok()
    );
    common::recuse_at(&db, "juri1", "Saya pendamping inovasi ini.", during())
        .await
        .unwrap();
    let after = save_as(&db, "juri1", revision(&FULL, false, 1, "k2")).await;
    assert_eq!(after.unwrap_err(), AppError::Forbidden);
}

#[tokio::test]
async fn sheets_are_accepted_only_while_the_stage_is_open() {
    let db = fixture().await;
    for at in [opens() - SignedDuration::from_secs(1), closes()] {
        let error = save_sheet(
            &db,
            &LiveUpdates::default(),
            &UserId::from("juri1"),
            &STAGE_ID,
            &ENTRY,
            revision(&FULL, false, 0, "k1"),
            at,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(error, AppError::Conflict(Problem::StageClosed { .. })),
            "{error:?}"
        );
    }
    assert!(
        common::save_at(&db, "juri1", revision(&FULL, false, 0, "k1"), opens())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn values_off_the_scale_or_step_are_refused_beside_their_criterion() {
    let db = fixture().await;
    let error = common::save_at(
        &db,
        "juri1",
        revision(
            &[("kebaruan", 101.0), ("efektivitas", 50.5)],
            false,
            0,
            "k1",
        ),
        during(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error.problem_for("values.kebaruan"),
        Some(&Problem::OffScale {
            min: 0.0,
            max: 100.0
        })
    );
    assert_eq!(
        error.problem_for("values.efektivitas"),
        Some(&Problem::OffStep {
            min: 0.0,
            step: 1.0
        })
    );
    assert!(
        sheets::find(&db, &STAGE_ID, &ENTRY, &UserId::from("juri1"))
            .await
            .unwrap()
            .is_none(),
        "nothing stored"
    );
}

#[tokio::test]
async fn a_sheet_with_a_criterion_missing_cannot_be_submitted_but_can_be_kept_as_a_draft() {
    let db = fixture().await;
    let partial = [("kebaruan", 90.0)];
    let error = save_as(&db, "juri1", revision(&partial, true, 0, "k1"))
        .await
        .unwrap_err();
    for missing in ["efektivitas", "kemanfaatan", "replikasi", "keberlanjutan"] {
        assert_eq!(
            error.problem_for(&format!("values.{missing}")),
            Some(&Problem::Required)
        );
    }
    let draft = save_as(&db, "juri1", revision(&partial, false, 0, "k2"))
        .await
        .unwrap();
    assert_eq!((draft.revision, draft.state), (1, SheetState::Draft));
    let submitted = save_as(&db, "juri1", revision(&FULL, true, 1, "k3"))
        .await
        .unwrap();
    assert_eq!(
        (submitted.revision, submitted.state),
        (2, SheetState::Submitted)
    );
    assert_eq!(
        sheets::history_len(&db, &STAGE_ID, &ENTRY, &UserId::from("juri1"))
            .await
            .unwrap(),
        2,
        "every change is kept"
    );
}

#[tokio::test]
async fn the_same_revision_sent_three_times_is_stored_once() {
    let db = fixture().await;
    let dashboards = LiveUpdates::default();
    let mut told = dashboards.subscribe();
    let mut answers = Vec::new();
    for _ in 0..3 {
        answers.push(
            save_sheet(
                &db,
                &dashboards,
                &UserId::from("juri1"),
                &STAGE_ID,
                &ENTRY,
                revision(&FULL, true, 0, "same-key"),
                during(),
            )
            .await
            .unwrap(),
        );
    }
    // The stage's dashboards hear of the one save that changed something.
    assert_eq!(told.try_recv(), Ok(STAGE_ID.clone()));
    assert!(told.is_empty(), "a replay changes nothing on the dashboard");
    assert_eq!(
        answers
            .iter()
            .map(|a| (a.revision, a.replayed))
            .collect::<Vec<_>>(),
        vec![(1, false), (1, true), (1, true)]
    );
    assert_eq!(
        sheets::history_len(&db, &STAGE_ID, &ENTRY, &UserId::from("juri1"))
            .await
            .unwrap(),
        1
    );
    let stored = sheets::find(&db, &STAGE_ID, &ENTRY, &UserId::from("juri1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.sheet_values.get("kebaruan"), Some(&90.0));
    // A retry that arrives after the stage closed still learns that it was stored.
    let late = common::save_at(&db, "juri1", revision(&FULL, true, 0, "same-key"), closes())
        .await
        .unwrap();
    assert!(late.replayed);
}

#[tokio::test]
async fn a_revision_based_on_an_older_version_is_refused_and_changes_nothing() {
    let db = fixture().await;
    save_as(&db, "juri1", revision(&FULL, false, 0, "tablet-1"))
        .await
        .unwrap();
    save_as(
        &db,
        "juri1",
        revision(&[("kebaruan", 60.0)], false, 1, "tablet-2"),
    )
    .await
    .unwrap();
    // A second device still working from revision 1.
    let stale = save_as(
        &db,
        "juri1",
        revision(&[("kebaruan", 10.0)], false, 1, "laptop-1"),
    )
    .await;
    assert_eq!(
        stale.unwrap_err(),
        AppError::Conflict(Problem::StaleRevision { stored: 2 })
    );
    let stored = sheets::find(&db, &STAGE_ID, &ENTRY, &UserId::from("juri1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.revision, stored.sheet_values.get("kebaruan")),
        (2, Some(&60.0))
    );
}

#[tokio::test]
async fn a_judge_is_never_assigned_their_own_organisations_entry() {
    let db = fixture().await;
    common::account(&db, "juri-dinkes", "judge", Some("dinkes")).await;
    let own = assign_judge(&db, None, &STAGE_ID, &ENTRY, &UserId::from("juri-dinkes")).await;
    assert_eq!(
        own.unwrap_err(),
        AppError::Conflict(Problem::OwnOrganisation)
    );
    let refused = save_as(&db, "juri-dinkes", revision(&FULL, false, 0, "k1")).await;
    assert_eq!(
        refused.unwrap_err(),
        AppError::Forbidden,
        "and so cannot score it"
    );

    assign_judge(&db, None, &STAGE_ID, &ENTRY, &UserId::from("juri2"))
        .await
        .unwrap();
    assert!(
        common::save_at(&db, "juri2", revision(&FULL, false, 0, "k1"), during())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn recusing_needs_a_reason_removes_access_and_is_flagged_until_reassigned() {
    let db = fixture().await;
    let blank = common::recuse_at(&db, "juri1", "   ", during()).await;
    assert_eq!(
        blank.unwrap_err(),
        AppError::field("reason", Problem::Required)
    );
    let long = "x".repeat(1001);
    assert_eq!(
        recuse(
            &db,
            &LiveUpdates::default(),
            &UserId::from("juri1"),
            &STAGE_ID,
            &ENTRY,
            &long,
            during()
        )
        .await
        .unwrap_err(),
        AppError::field("reason", Problem::TooLong { max: 1000 })
    );
    assert!(
        scoring_view(&db, &UserId::from("juri1"), &STAGE_ID, &ENTRY, during())
            .await
            .is_ok()
    );

    common::recuse_at(&db, "juri1", "  Saya pendamping inovasi ini. ", during())
        .await
        .unwrap();
    assert_eq!(
        scoring_view(&db, &UserId::from("juri1"), &STAGE_ID, &ENTRY, during())
            .await
            .unwrap_err(),
        AppError::Forbidden,
        "the entry is gone from the judge's reach"
    );
    assert!(
        judging::for_judge(&db, &UserId::from("juri1"))
            .await
            .unwrap()
            .is_empty(),
        "and from their list"
    );
    assert_eq!(
        common::recuse_at(&db, "juri1", "again", during())
            .await
            .unwrap_err(),
        AppError::Forbidden,
        "nothing left to recuse from"
    );
    assert_eq!(
        common::recuse_at(&db, "juri2", "never assigned", during())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );

    let logged = common::audited(&db, 10).await;
    assert_eq!(
        logged
            .iter()
            .filter(|action| *action == "assignment.recuse")
            .count(),
        1,
        "one recusal, one audit event; the refused ones wrote none: {logged:?}"
    );

    let flagged = open_recusals(&db).await.unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].entry, *ENTRY);
    assert_eq!(flagged[0].judge_name, "juri1");
    assert_eq!(flagged[0].reason, "Saya pendamping inovasi ini.");

    assign_judge(&db, None, &STAGE_ID, &ENTRY, &UserId::from("juri2"))
        .await
        .unwrap();
    assert!(
        open_recusals(&db).await.unwrap().is_empty(),
        "another judge now has the entry"
    );
}

#[tokio::test]
async fn a_judge_never_sees_another_judges_scores_or_comments() {
    let db = fixture().await;
    assign_judge(&db, None, &STAGE_ID, &ENTRY, &UserId::from("juri2"))
        .await
        .unwrap();
    let mut mine = revision(&FULL, true, 0, "k1");
    mine.comment = "Sangat baik".into();
    mine.comments
        .insert("kebaruan".into(), "Baru di Jawa Timur".into());
    common::save_at(&db, "juri1", mine, during()).await.unwrap();

    let theirs = scoring_view(&db, &UserId::from("juri2"), &STAGE_ID, &ENTRY, during())
        .await
        .unwrap();
    assert_eq!(theirs.judge, "juri2");
    assert!(theirs.values.is_empty());
    assert!(theirs.comments.is_empty());
    assert!(theirs.comment.is_empty());
    assert_eq!((theirs.revision, theirs.state), (0, None));
    let serialized = serde_json::to_string(&theirs).unwrap();
    assert!(!serialized.contains("Sangat baik") && !serialized.contains("Jawa Timur"));

    let own = scoring_view(&db, &UserId::from("juri1"), &STAGE_ID, &ENTRY, during())
        .await
        .unwrap();
    assert_eq!(own.values.get("kebaruan"), Some(&90.0));
    assert_eq!(own.comment, "Sangat baik");
    assert!(theirs.history.is_empty(), "nor another judge's history");
    assert_eq!(own.history.len(), 1);
    assert_eq!(
        (
            own.history[0].revision,
            own.history[0].state,
            own.history[0].total
        ),
        (1, SheetState::Submitted, Some(80.0))
    );
}

#[tokio::test]
async fn after_a_recusal_the_committee_reassigns_to_a_judge_who_may_take_the_entry() {
    let db = fixture().await;
    common::recuse_at(&db, "juri1", "Pendamping inovasi ini.", during())
        .await
        .unwrap();
    let chosen = app::backend::service::assignment::reassign(
        &db,
        &LiveUpdates::default(),
        &UserId::from("panitia"),
        (&STAGE_ID, &ENTRY),
        common::SITE,
        during(),
    )
    .await
    .unwrap();
    assert_eq!(chosen, "juri2", "juri1 stepped back, so juri2 it is");
    assert!(open_recusals(&db).await.unwrap().is_empty());
    assert!(
        scoring_view(&db, &UserId::from("juri2"), &STAGE_ID, &ENTRY, during())
            .await
            .is_ok()
    );
    assert_eq!(
        app::backend::service::assignment::judges_per_entry(&db, &STAGE_ID)
            .await
            .unwrap()
            .get(&*ENTRY),
        Some(&1)
    );
    // Nobody left who may take it: said so, nothing written.
    assert_eq!(
        app::backend::service::assignment::reassign(
            &db,
            &LiveUpdates::default(),
            &UserId::from("panitia"),
            (&STAGE_ID, &ENTRY),
            common::SITE,
            during(),
        )
        .await
        .unwrap_err(),
        AppError::Conflict(Problem::NoJudgeAvailable)
    );
    assert_eq!(
        app::backend::service::assignment::reassign(
            &db,
            &LiveUpdates::default(),
            &UserId::from("panitia"),
            (&STAGE_ID, &EntryId::from("no-such-entry")),
            common::SITE,
            during(),
        )
        .await
        .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn automatic_assignment_previews_then_applies_exactly_that_plan_once() {
    use app::backend::service::assignment::{apply, parse_judges_per_entry, preview};
    let db = fixture().await;
    assert_eq!(
        parse_judges_per_entry("0").unwrap_err(),
        AppError::field("judges_per_entry", Problem::OutOfRange { min: 1, max: 9 })
    );
    assert!(parse_judges_per_entry("tiga").is_err());
    let plan = preview(&db, &STAGE_ID, 2).await.unwrap();
    assert_eq!((plan.entries, plan.new_assignments), (1, 1));
    assert!(plan.short.is_empty());
    let dashboards = LiveUpdates::default();
    let mut told = dashboards.subscribe();
    let committee = UserId::from("panitia");
    let apply_two = || {
        apply(
            &db,
            &dashboards,
            &committee,
            (&STAGE_ID, 2),
            common::SITE,
            during(),
        )
    };
    assert_eq!(apply_two().await.unwrap(), 1);
    assert_eq!(told.try_recv(), Ok(STAGE_ID.clone()), "dashboards are told");
    assert!(
        scoring_view(&db, &UserId::from("juri2"), &STAGE_ID, &ENTRY, during())
            .await
            .is_ok()
    );
    assert_eq!(
        apply_two().await.unwrap(),
        0,
        "applied twice, assigned once"
    );
    assert!(told.is_empty(), "nothing changed, nobody is told");
    // Three judges wanted, only two exist: the plan says which entry is short.
    let short = preview(&db, &STAGE_ID, 3).await.unwrap();
    assert_eq!(short.short, vec![("Brexit".to_owned(), 1)]);
    assert_eq!(
        preview(&db, &StageId::from("no-such-stage"), 2)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

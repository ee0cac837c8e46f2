//! Field verification on the real schema: the committee marks the claims,
//! sets the rule and schedules a visit; only the visit's team records
//! findings (each batch applied once, however often a tablet sends it) and
//! photos (each stored once, checked by content); the rule's outcome comes
//! off the final score; a referral ends in a committee decision with a
//! reason, audited; nobody outside the team and the committee reads a visit.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::scored::scored;
use crate::common::{SLUG, STAGE, account, after, audited, state_of};
use app::backend::db::Db;
use app::backend::records::execute;
use app::backend::repo::field as repo;
use app::backend::service::field::{self, RuleForm};
use app::backend::service::field_schedule::{self, VisitForm};
use app::backend::service::field_visit;
use app::backend::service::results;
use app::binds;
use app::error::{AppError, Problem};
use app::model::{CurrentUser, FindingInput};
use domain::field::{FieldOutcome, Finding};
use domain::ids::{UserId, VisitId};
use domain::role::{Role, Roles};
use domain::stage::PublicationScope;

pub(crate) fn user(key: &str, role: Role) -> CurrentUser {
    CurrentUser {
        id: UserId::from(key),
        email: format!("{key}@juara.test"),
        name: key.into(),
        roles: Roles::new([role]),
        org: None,
        org_name: None,
    }
}

fn admin() -> UserId {
    UserId::from("admin")
}

/// The scored fixture with its desk stage turned into a field stage (a field
/// stage carries a rubric and counts in the final ranking like any other),
/// claims on two sections, and e1 (85 on average) visited by juri1 and juri2.
pub(crate) async fn visited() -> (Db, VisitId) {
    let db = scored().await;
    execute(
        &db,
        "UPDATE stage:desk SET format = 'field_visit';",
        binds![],
    )
    .await
    .unwrap();
    field::set_claims(
        &db,
        Some(&admin()),
        (SLUG, &STAGE.into()),
        &["keberlanjutan".to_owned(), "signifikansi".to_owned()],
    )
    .await
    .unwrap();
    let visit = field_schedule::schedule(
        &db,
        Some(&admin()),
        (SLUG, &STAGE.into()),
        &VisitForm {
            entry: "e1".into(),
            starts_at: "2026-03-20T09:00".into(),
            address: "Jl. Simpang Ijen 2, Malang".into(),
            team: vec!["juri1".into(), "juri2".into()],
        },
        after(),
    )
    .await
    .unwrap();
    (db, visit)
}

fn found(section: &str, finding: Finding) -> FindingInput {
    FindingInput {
        section: section.into(),
        finding,
        note: format!("dicek: {section}"),
        decided_at: None,
    }
}

/// e1's final score as the results document computes it now.
async fn final_score(db: &Db, entry: &str) -> Option<f64> {
    results::document(db, SLUG, &PublicationScope::Final)
        .await
        .unwrap()
        .final_ranking
        .into_iter()
        .find(|row| row.id.as_str() == entry)
        .and_then(|row| row.score)
}

#[tokio::test]
async fn the_committee_schedules_with_every_problem_named_and_what_was_typed_kept() {
    let (db, _) = visited().await;
    // Claims only on the edition's own sections, kept in the form's order.
    let error = field::set_claims(&db, None, (SLUG, &STAGE.into()), &["rahasia".to_owned()])
        .await
        .unwrap_err();
    assert!(matches!(
        error.problem_for("sections"),
        Some(Problem::UnknownChoice { .. })
    ));
    let stage = repo::stage(&db, SLUG, &STAGE.into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stage.field_claims, ["signifikansi", "keberlanjutan"]);

    let error = field_schedule::schedule(
        &db,
        Some(&admin()),
        (SLUG, &STAGE.into()),
        &VisitForm {
            entry: "e1".into(),
            starts_at: "besok pagi".into(),
            address: "  ".into(),
            team: vec!["panitia-palsu".into()],
        },
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.problem_for("entry"), Some(&Problem::Taken));
    assert_eq!(error.problem_for("starts_at"), Some(&Problem::BadDate));
    assert_eq!(error.problem_for("address"), Some(&Problem::Required));
    assert!(matches!(
        error.problem_for("team"),
        Some(Problem::UnknownChoice { .. })
    ));
    assert_eq!(error.echoed("starts_at"), Some("besok pagi"));

    // A judge who stepped back from the entry does not visit it either.
    execute(
        &db,
        "UPDATE assignment SET recused = true WHERE entry = entry:e2 AND judge = user:juri2;",
        binds![],
    )
    .await
    .unwrap();
    let error = field_schedule::schedule(
        &db,
        Some(&admin()),
        (SLUG, &STAGE.into()),
        &VisitForm {
            entry: "e2".into(),
            starts_at: "2026-03-20T13:00".into(),
            address: "Pasar Besar".into(),
            team: vec!["juri2".into()],
        },
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.problem_for("team"), Some(&Problem::JudgeRecused));

    // The rule: upside down refused, the numbers typed kept.
    let error = field::set_rule(
        &db,
        Some(&admin()),
        (SLUG, &STAGE.into()),
        &RuleForm {
            partial_penalty: "6".into(),
            unproven_penalty: "3".into(),
            max_penalty: "20".into(),
            refer_at_unproven: "2".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        error.problem_for("unproven_penalty"),
        Some(&Problem::UnprovenBelowPartial)
    );
    assert_eq!(error.echoed("partial_penalty"), Some("6"));

    let view = field::view(&db, SLUG, &STAGE.into()).await.unwrap();
    assert_eq!(view.visits.len(), 1);
    assert_eq!(view.visits[0].team, ["juri1", "juri2"]);
    assert!(
        view.schedulable
            .iter()
            .all(|entry| entry.entry.as_str() != "e1")
    );
    assert_eq!(audited(&db, 2).await, ["field.schedule", "field.claims"]);
}

#[tokio::test]
async fn only_the_team_records_each_batch_once_and_the_penalty_comes_off_the_final_score() {
    let (db, visit) = visited().await;
    assert_eq!(final_score(&db, "e1").await, Some(85.0));
    let juri1 = user("juri1", Role::Judge);

    // Outside the team and the committee, a visit is not read, not written.
    account(&db, "juri3", "judge", None).await;
    let outsider = user("juri3", Role::Judge);
    assert_eq!(
        field_visit::sheet(&db, &outsider, &visit)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let entrant = user("koordinator", Role::Coordinator);
    assert_eq!(
        field_visit::sheet(&db, &entrant, &visit).await.unwrap_err(),
        AppError::Forbidden
    );
    let findings = [
        found("signifikansi", Finding::Sebagian),
        found("keberlanjutan", Finding::TidakTerbukti),
    ];
    let refused = field_visit::record(
        &db,
        &outsider,
        &visit,
        "batch-0001-aaaa",
        &findings,
        after(),
    )
    .await;
    assert_eq!(refused.unwrap_err(), AppError::Forbidden);
    // The committee reads, but does not record in the team's name.
    let observer = user("inspektorat", Role::Observer);
    assert!(
        field_visit::sheet(&db, &observer, &visit)
            .await
            .unwrap()
            .committee
    );
    let refused = field_visit::record(
        &db,
        &observer,
        &visit,
        "batch-0001-aaaa",
        &findings,
        after(),
    )
    .await;
    assert_eq!(refused.unwrap_err(), AppError::Forbidden);

    field_visit::record(&db, &juri1, &visit, "batch-0001-aaaa", &findings, after())
        .await
        .unwrap();
    // The same batch again (its answer was lost), even with other content,
    // changes nothing; a claim the stage does not check is refused.
    let replay = [found("signifikansi", Finding::Terbukti)];
    field_visit::record(&db, &juri1, &visit, "batch-0001-aaaa", &replay, after())
        .await
        .unwrap();
    let unknown = [found("ringkasan", Finding::Terbukti)];
    let error = field_visit::record(&db, &juri1, &visit, "batch-0002-bbbb", &unknown, after())
        .await
        .unwrap_err();
    assert!(matches!(
        error.problem_for("section"),
        Some(Problem::UnknownChoice { .. })
    ));

    let sheet = field_visit::sheet(&db, &juri1, &visit).await.unwrap();
    let shown: Vec<(String, Option<Finding>)> = sheet
        .claims
        .iter()
        .map(|claim| (claim.section.clone(), claim.finding))
        .collect();
    assert_eq!(
        shown,
        [
            ("signifikansi".to_owned(), Some(Finding::Sebagian)),
            ("keberlanjutan".to_owned(), Some(Finding::TidakTerbukti)),
        ]
    );
    // Default rule: 2 for a claim partly proven, 5 for one not proven.
    assert_eq!(sheet.outcome, FieldOutcome::Adjusted { penalty: 7 });
    assert_eq!(final_score(&db, "e1").await, Some(78.0));
    assert_eq!(final_score(&db, "e2").await, Some(85.0));
    // The final ranking says what the visit took off — where scores are shown.
    let document = results::document(&db, SLUG, &PublicationScope::Final)
        .await
        .unwrap();
    let penalty = |document: &app::model::ResultsDocument| {
        document
            .final_ranking
            .iter()
            .find(|row| row.id.as_str() == "e1")
            .and_then(|row| row.field_penalty)
    };
    assert_eq!(penalty(&document), Some(7));
    let ranks_only = document.clone().disclosed(app::model::Disclosure {
        scores: false,
        sheets: false,
        organisations: true,
    });
    assert_eq!(penalty(&ranks_only), None);
    // …and so does the CSV of the results.
    let penalty_cell = |document: &app::model::ResultsDocument| {
        app::backend::service::results_csv::to_csv(document)
            .lines()
            .find(|line| line.starts_with("final,e1,"))
            .and_then(|line| line.split(',').nth(11).map(str::to_owned))
    };
    assert_eq!(penalty_cell(&document).as_deref(), Some("7"));
    assert_eq!(penalty_cell(&ranks_only).as_deref(), Some(""));

    // The visit happened: it is no longer cancelled (what it found stays).
    let error = field_schedule::cancel(&db, Some(&admin()), (SLUG, &STAGE.into()), &visit)
        .await
        .unwrap_err();
    assert_eq!(error, AppError::Conflict(Problem::VisitRecorded));
    assert_eq!(
        repo::findings(&db, std::slice::from_ref(&visit))
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_judge_taken_off_the_entry_no_longer_finds_its_visit_nor_records_on_it() {
    let (db, visit) = visited().await;
    let juri1 = UserId::from("juri1");
    assert_eq!(field_visit::of_judge(&db, &juri1).await.unwrap().len(), 1);
    execute(
        &db,
        "UPDATE assignment SET recused = true WHERE entry = entry:e1 AND judge = user:juri1;",
        binds![],
    )
    .await
    .unwrap();
    assert!(field_visit::of_judge(&db, &juri1).await.unwrap().is_empty());
    let refused = field_visit::record(
        &db,
        &user("juri1", Role::Judge),
        &visit,
        "batch-0009-ffff",
        &[found("keberlanjutan", Finding::Terbukti)],
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(refused, AppError::Conflict(Problem::JudgeRecused));
    // The rest of the team still goes.
    let juri2 = UserId::from("juri2");
    assert_eq!(field_visit::of_judge(&db, &juri2).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_referral_ends_in_a_decision_with_a_reason_and_a_disqualified_entry_leaves_the_ranking() {
    let (db, visit) = visited().await;
    let juri1 = user("juri1", Role::Judge);
    // Nothing to decide before the rule refers the entry.
    let early = field::decide(
        &db,
        &admin(),
        (SLUG, &STAGE.into()),
        &visit,
        (true, "Tidak sesuai"),
        after(),
    )
    .await;
    assert!(matches!(early.unwrap_err(), AppError::Conflict(_)));
    let findings = [
        found("signifikansi", Finding::TidakTerbukti),
        found("keberlanjutan", Finding::TidakTerbukti),
    ];
    field_visit::record(&db, &juri1, &visit, "batch-0003-cccc", &findings, after())
        .await
        .unwrap();
    let view = field::view(&db, SLUG, &STAGE.into()).await.unwrap();
    assert_eq!(
        view.visits[0].outcome,
        FieldOutcome::Referred { penalty: 10 }
    );
    // Until the committee decides, the penalty stands.
    assert_eq!(final_score(&db, "e1").await, Some(75.0));

    let error = field::decide(
        &db,
        &admin(),
        (SLUG, &STAGE.into()),
        &visit,
        (true, "   "),
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.problem_for("reason"), Some(&Problem::Required));
    assert_eq!(state_of(&db, "e1").await, "screened_in");

    field::decide(
        &db,
        &admin(),
        (SLUG, &STAGE.into()),
        &visit,
        (true, "Layanan tidak berjalan di lokasi"),
        after(),
    )
    .await
    .unwrap();
    assert_eq!(state_of(&db, "e1").await, "disqualified");
    assert_eq!(audited(&db, 1).await, ["field.disqualify"]);
    assert_eq!(final_score(&db, "e1").await, None);
    let view = field::view(&db, SLUG, &STAGE.into()).await.unwrap();
    let decision = view.visits[0].decision.clone().unwrap();
    assert!(decision.disqualify);
    assert_eq!(decision.reason, "Layanan tidak berjalan di lokasi");
    // Decided once: a second decision is refused.
    let again = field::decide(
        &db,
        &admin(),
        (SLUG, &STAGE.into()),
        &visit,
        (false, "Ralat"),
        after(),
    )
    .await;
    assert!(matches!(again.unwrap_err(), AppError::Conflict(_)));
}

/// `judge` says `finding` on *signifikansi* of `visit`, chosen at `time` on
/// the fixture's last day (before `after()`, when every batch arrives), as
/// batch `batch`.
async fn say(db: &Db, visit: &VisitId, (judge, batch): (&str, &str), finding: Finding, time: &str) {
    let word = FindingInput {
        section: "signifikansi".into(),
        finding,
        note: String::new(),
        decided_at: Some(format!("2026-03-07T{time}:00Z")),
    };
    field_visit::record(
        db,
        &user(judge, Role::Judge),
        visit,
        batch,
        &[word],
        after(),
    )
    .await
    .unwrap();
}

/// The stored word on *signifikansi*, and who said it.
async fn stored_word(db: &Db, visit: &VisitId) -> (Option<Finding>, Option<String>) {
    let sheet = field_visit::sheet(db, &user("juri1", Role::Judge), visit)
        .await
        .unwrap();
    (sheet.claims[0].finding, sheet.claims[0].recorded_by.clone())
}

#[tokio::test]
async fn a_late_tablet_never_overwrites_a_teammates_later_word() {
    let (db, visit) = visited().await;
    // juri2 (online) says "tidak terbukti" at 03:30; juri1's tablet, offline
    // since 03:00 when it chose "terbukti", syncs afterwards.
    say(
        &db,
        &visit,
        ("juri2", "batch-late-0002"),
        Finding::TidakTerbukti,
        "03:30",
    )
    .await;
    say(
        &db,
        &visit,
        ("juri1", "batch-late-0001"),
        Finding::Terbukti,
        "03:00",
    )
    .await;
    assert_eq!(
        stored_word(&db, &visit).await,
        (Some(Finding::TidakTerbukti), Some("juri2".into()))
    );
    // A later word does replace it; repeating what is stored changes nothing.
    say(
        &db,
        &visit,
        ("juri1", "batch-late-0003"),
        Finding::Sebagian,
        "04:00",
    )
    .await;
    say(
        &db,
        &visit,
        ("juri2", "batch-late-0004"),
        Finding::Sebagian,
        "04:30",
    )
    .await;
    assert_eq!(
        stored_word(&db, &visit).await,
        (Some(Finding::Sebagian), Some("juri1".into()))
    );
    // A batch key is the sender's own: juri2 reusing juri1's key is applied.
    say(
        &db,
        &visit,
        ("juri2", "batch-late-0003"),
        Finding::Terbukti,
        "05:00",
    )
    .await;
    assert_eq!(stored_word(&db, &visit).await.0, Some(Finding::Terbukti));
}

#[tokio::test]
async fn no_judge_verifies_their_own_agency_and_final_results_wait_for_every_referral() {
    let (db, visit) = visited().await;
    // A judge of the entry's own organisation is not put on its visit.
    account(&db, "juri-dinkes", "judge", Some("dinkes")).await;
    let error = field_schedule::schedule(
        &db,
        Some(&admin()),
        (SLUG, &STAGE.into()),
        &VisitForm {
            entry: "e2".into(),
            starts_at: "2026-03-20T13:00".into(),
            address: "Pasar Besar".into(),
            team: vec!["juri-dinkes".into()],
        },
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.problem_for("team"), Some(&Problem::OwnOrganisation));

    // Two claims not proven refer e1; the final results wait for the decision.
    let findings = [
        found("signifikansi", Finding::TidakTerbukti),
        found("keberlanjutan", Finding::TidakTerbukti),
    ];
    field_visit::record(
        &db,
        &user("juri1", Role::Judge),
        &visit,
        "batch-0009-refer",
        &findings,
        after(),
    )
    .await
    .unwrap();
    let refused = app::backend::service::publication::publish(
        &db,
        &app::backend::public_cache::PublicCache::default(),
        None,
        (SLUG, &PublicationScope::Final),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        refused,
        AppError::Conflict(Problem::ReferralsUndecided { count: 1 })
    );
    field::decide(
        &db,
        &admin(),
        (SLUG, &STAGE.into()),
        &visit,
        (false, "Klaim dikoreksi pemohon"),
        after(),
    )
    .await
    .unwrap();
    assert_eq!(audited(&db, 1).await, ["field.keep"]);
    crate::common::publish_final(&db).await;
    // Kept: ranked, with the penalty (85 − 10).
    assert_eq!(final_score(&db, "e1").await, Some(75.0));
}

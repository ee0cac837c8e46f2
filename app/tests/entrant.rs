//! The entrant's rules, on the real schema (in-memory SurrealDB): eligibility,
//! word limits and video links, versions (no silent overwrite), the deadline in
//! the edition's time zone and its extension, the coordinator's review, quotas,
//! and what the entry's history shows its organisation.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use app::backend::records::Binding;
use app::backend::service::entering::{self, StartEntry};
use app::backend::service::proposals::{self, Review};
use app::binds;
use app::error::{AppError, Problem};
use app::model::{DraftContent, DraftSave};
use common::entrants::*;
use domain::role::Role;

#[tokio::test]
async fn eligibility_is_explained_field_by_field() {
    let db = fixture().await;
    // One year old (the edition asks two), khusus without a past award.
    let error = entering::start(
        &db,
        &innovator(),
        &new_innovation("Baru", "2025-06-01", "khusus"),
        before_close(),
    )
    .await
    .unwrap_err();
    let found = problems(&error);
    assert!(
        found.contains(&(
            "started_on".into(),
            Problem::TooYoung {
                required: 2,
                running: 0
            }
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&("group".into(), Problem::NotAPastWinner)),
        "{found:?}"
    );

    let error = entering::start(
        &db,
        &innovator(),
        &new_innovation("Tiruan", "2020-01-01", "replikasi"),
        before_close(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("replicates".into(), Problem::OriginalNotNamed)]
    );

    let mut named = new_innovation("Tiruan", "2020-01-01", "replikasi");
    named.replicates = "Lapor Bu Camat, Kab. Bojonegoro".into();
    assert!(
        entering::start(&db, &innovator(), &named, before_close())
            .await
            .is_ok()
    );

    let error = entering::start(
        &db,
        &innovator(),
        &new_innovation("Tanpa tanggal", "kemarin", "umum"),
        before_close(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("started_on".into(), Problem::BadDate)]
    );
}

#[tokio::test]
async fn an_innovation_is_entered_once_per_edition() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(view.state, "draft");
    assert_eq!(view.history.len(), 1, "the start is in the history");
    let innovation: Vec<String> = app::backend::records::query_rows(
        &db,
        "SELECT VALUE record::id(innovation) FROM entry WHERE id = $id;",
        binds![("id", Binding::record("entry", &entry))],
        0,
    )
    .await
    .unwrap();
    let again = StartEntry {
        innovation: innovation[0].clone(),
        ..new_innovation("", "", "umum")
    };
    let error = entering::start(&db, &innovator(), &again, before_close())
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("innovation".into(), Problem::AlreadyEntered)]
    );
}

#[tokio::test]
async fn entries_are_started_only_while_the_edition_is_open() {
    let db = fixture().await;
    let error = entering::start(
        &db,
        &innovator(),
        &new_innovation("Telat", "2020-01-01", "umum"),
        at("2026-03-31T17:00:00Z"),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&problems(&error)[0], (field, Problem::SubmissionClosed { closes_at: Some(at) }) if field == "edition" && at == "2026-03-31 23:59 WIB")
    );
}

#[tokio::test]
async fn a_save_on_an_old_version_is_refused_with_both_texts() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    let mut mine = DraftContent::default();
    mine.answers.insert("ringkasan".into(), "Versi Ina".into());
    let version = save(&db, &innovator(), &entry, 1, mine.clone(), before_close())
        .await
        .unwrap();
    assert_eq!(version, 2);

    // The coordinator, still on version 1, saves: refused, shown the stored text.
    let mut theirs = DraftContent::default();
    theirs
        .answers
        .insert("ringkasan".into(), "Versi Kora".into());
    let error = save(
        &db,
        &coordinator(),
        &entry,
        1,
        theirs.clone(),
        before_close(),
    )
    .await
    .unwrap_err();
    match error {
        AppError::Conflict(Problem::StaleDraft {
            version,
            theirs: stored,
        }) => {
            assert_eq!(version, 2);
            assert_eq!(
                stored.answers.get("ringkasan").map(String::as_str),
                Some("Versi Ina")
            );
        }
        other => panic!("expected a stale draft, got {other:?}"),
    }
    // Choosing to keep theirs over it is a save on version 2.
    assert_eq!(
        save(&db, &coordinator(), &entry, 2, theirs, before_close())
            .await
            .unwrap(),
        3
    );
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(
        view.content.answers.get("ringkasan").map(String::as_str),
        Some("Versi Kora")
    );
}

#[tokio::test]
async fn overlong_drafts_are_kept_and_flagged_bad_links_refused() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    let mut long = complete();
    long.answers.insert("ringkasan".into(), "kata ".repeat(201));
    let saved = proposals::save(
        &db,
        &innovator(),
        &DraftSave {
            entry: entry.clone(),
            base_version: 1,
            content: long,
        },
        before_close(),
    )
    .await
    .unwrap();
    assert!(saved.problems.iter().any(|p| p.field == "answers.ringkasan"
        && p.problem
            == Problem::TooManyWords {
                words: 201,
                limit: 200
            }));
    // Endorsing it is refused for the same reason.
    let error = proposals::review(
        &db,
        &coordinator(),
        &entry,
        Review::Endorse,
        "",
        before_close(),
    )
    .await
    .unwrap_err();
    assert!(
        problems(&error)
            .iter()
            .any(|(field, _)| field == "answers.ringkasan")
    );

    let mut bad_link = complete();
    bad_link.video_url = "https://vimeo.com/123".into();
    let error = save(&db, &innovator(), &entry, 2, bad_link, before_close())
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("video_url".into(), Problem::BadVideoUrl)]
    );
}

#[tokio::test]
async fn only_the_entrys_organisation_reads_and_writes_it() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    let outsider = user("rudi", &[Role::Coordinator], "rsud");
    assert_eq!(
        proposals::view(&db, &outsider, &entry, before_close())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(
        save(&db, &outsider, &entry, 1, complete(), before_close())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(
        proposals::review(&db, &outsider, &entry, Review::Endorse, "", before_close())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    // An innovator writes but does not review.
    assert_eq!(
        proposals::review(
            &db,
            &innovator(),
            &entry,
            Review::Endorse,
            "",
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Forbidden
    );
    // The committee reads.
    assert!(
        proposals::view(&db, &admin(), &entry, before_close())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_deadline_holds_in_the_editions_time_zone_and_can_be_extended_for_one_entry() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    // 23:58 in Jakarta: still open.
    assert_eq!(
        save(
            &db,
            &innovator(),
            &entry,
            1,
            complete(),
            at("2026-03-31T16:58:00Z")
        )
        .await
        .unwrap(),
        2
    );
    // 00:00 the next day in Jakarta (17:00 UTC the same day): closed.
    let late = at("2026-03-31T17:00:00Z");
    let error = save(&db, &innovator(), &entry, 2, complete(), late)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        AppError::Conflict(Problem::SubmissionClosed {
            closes_at: Some("2026-03-31 23:59 WIB".into())
        })
    );
    assert!(
        !proposals::view(&db, &innovator(), &entry, late)
            .await
            .unwrap()
            .actions
            .edit
    );

    // Only an admin extends, and the extension is in the history.
    assert_eq!(
        proposals::extend_deadline(&db, &coordinator(), &entry, "2026-04-03T12:00", late)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    proposals::extend_deadline(&db, &admin(), &entry, "2026-04-03T12:00", late)
        .await
        .unwrap();
    assert_eq!(
        save(&db, &innovator(), &entry, 2, complete(), late)
            .await
            .unwrap(),
        3
    );
    let view = proposals::view(&db, &innovator(), &entry, late)
        .await
        .unwrap();
    assert_eq!(view.closes_at.as_deref(), Some("2026-04-03 12:00 WIB"));
    assert!(
        view.history
            .iter()
            .any(|step| step.action == "extend_deadline"
                && step.note.as_deref() == Some("2026-04-03 12:00 WIB"))
    );
    // Other entries keep the edition's deadline.
    let other = entering::start(
        &db,
        &innovator(),
        &new_innovation("Lain", "2020-01-01", "umum"),
        before_close(),
    )
    .await
    .unwrap();
    assert!(
        save(&db, &innovator(), &other, 1, complete(), late)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn return_endorse_submit_within_the_quota() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    assert_eq!(
        save(&db, &innovator(), &entry, 1, complete(), before_close())
            .await
            .unwrap(),
        2
    );

    // Sending back needs a comment; the writers see it in place.
    let error = proposals::review(
        &db,
        &coordinator(),
        &entry,
        Review::SendBack,
        "  ",
        before_close(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("comment".into(), Problem::Required)]
    );
    proposals::review(
        &db,
        &coordinator(),
        &entry,
        Review::SendBack,
        "Tambahkan data 2025",
        before_close(),
    )
    .await
    .unwrap();
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(view.state, "returned");
    assert_eq!(view.return_comment.as_deref(), Some("Tambahkan data 2025"));
    assert!(view.actions.edit);

    // A save takes it up again; then endorse and submit.
    assert_eq!(
        save(&db, &innovator(), &entry, 2, complete(), before_close())
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        proposals::view(&db, &innovator(), &entry, before_close())
            .await
            .unwrap()
            .state,
        "draft"
    );
    // Submitting before endorsing is refused.
    assert!(matches!(
        proposals::review(
            &db,
            &coordinator(),
            &entry,
            Review::Submit,
            "",
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { .. })
    ));
    proposals::review(
        &db,
        &coordinator(),
        &entry,
        Review::Endorse,
        "",
        before_close(),
    )
    .await
    .unwrap();
    proposals::review(
        &db,
        &coordinator(),
        &entry,
        Review::Submit,
        "",
        before_close(),
    )
    .await
    .unwrap();
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(view.state, "submitted");
    assert!(!view.actions.edit, "read-only after submission");
    assert_eq!(view.quota.map(|q| (q.used, q.allowed)), Some((1, 1)));
    let actions: Vec<&str> = view
        .history
        .iter()
        .map(|step| step.action.as_str())
        .collect();
    assert_eq!(actions, ["create", "return", "revise", "endorse", "submit"]);
    // Its coordinator can no longer pull it back, and the writers cannot change it.
    assert!(matches!(
        proposals::review(
            &db,
            &coordinator(),
            &entry,
            Review::SendBack,
            "Tunggu",
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { .. })
    ));
    assert!(matches!(
        save(&db, &innovator(), &entry, 3, complete(), before_close()).await.unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { state }) if state == "submitted"
    ));

    // The quota (one umum entry per organisation) is full: the next is refused.
    let second = entering::start(
        &db,
        &innovator(),
        &new_innovation("Kedua", "2020-01-01", "umum"),
        before_close(),
    )
    .await
    .unwrap();
    save(&db, &innovator(), &second, 1, complete(), before_close())
        .await
        .unwrap();
    proposals::review(
        &db,
        &coordinator(),
        &second,
        Review::Endorse,
        "",
        before_close(),
    )
    .await
    .unwrap();
    assert_eq!(
        proposals::review(
            &db,
            &coordinator(),
            &second,
            Review::Submit,
            "",
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Conflict(Problem::QuotaFull {
            allowed: 1,
            used: 1
        })
    );
    assert_eq!(
        proposals::view(&db, &coordinator(), &second, before_close())
            .await
            .unwrap()
            .state,
        "endorsed"
    );
}

#[tokio::test]
async fn the_history_shows_only_the_entrys_own_changes() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    app::backend::repo::audit::append(
        &db,
        app::backend::repo::audit::NewAuditEvent {
            actor: Some("panitia"),
            action: "assignment.create",
            target: format!("entry:{entry}"),
            before: None,
            after: Some(serde_json::json!({"judge": "juri1"})),
        },
    )
    .await
    .unwrap();
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert!(
        view.history
            .iter()
            .all(|step| !step.action.contains("assignment"))
    );
}

#[tokio::test]
async fn judges_remarks_reach_the_entrant_only_after_publication_where_shared() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    app::backend::records::execute(
        &db,
        "CREATE user:juri SET email = 'juri@juara.test', name = 'Juri Rahasia', roles = ['judge'];
         CREATE stage:desk SET edition = edition:kipp, key = 'desk', title = 'Penilaian proposal', kind = 'scoring',
             position = 1, opens_at = d'2026-04-05T01:00:00Z', closes_at = d'2026-04-12T01:00:00Z';
         CREATE sheet SET stage = stage:desk, entry = $entry, judge = user:juri, state = 'submitted',
             comment = 'Perjelas rencana anggaran 2027.';
         CREATE sheet SET stage = stage:desk, entry = $entry, judge = user:panitia, state = 'draft',
             comment = 'Belum selesai.';",
        binds![("entry", Binding::record("entry", &entry))],
    )
    .await
    .unwrap();
    let feedback = |db: app::backend::db::Db, entry: String| async move {
        proposals::view(&db, &innovator(), &entry, before_close())
            .await
            .unwrap()
    };
    assert!(
        feedback(db.clone(), entry.clone())
            .await
            .feedback
            .is_empty(),
        "not published"
    );
    app::backend::records::execute(
        &db,
        "UPDATE edition:kipp SET results_published = true;",
        Vec::new(),
    )
    .await
    .unwrap();
    assert!(
        feedback(db.clone(), entry.clone())
            .await
            .feedback
            .is_empty(),
        "published, not shared"
    );
    app::backend::records::execute(
        &db,
        "UPDATE edition:kipp SET shares_feedback = true;",
        Vec::new(),
    )
    .await
    .unwrap();
    let view = feedback(db.clone(), entry.clone()).await;
    assert_eq!(
        view.feedback,
        vec![(
            "Penilaian proposal".to_owned(),
            "Perjelas rencana anggaran 2027.".to_owned()
        )],
        "submitted sheets only"
    );
    let serialised = serde_json::to_string(&view).unwrap();
    assert!(
        !serialised.contains("Juri Rahasia") && !serialised.contains("juri"),
        "never who wrote it"
    );
}

#[tokio::test]
async fn two_submissions_racing_for_the_last_place_in_the_quota_admit_one() {
    let db = fixture().await;
    let mut entries = Vec::new();
    for title in ["Pertama", "Kedua"] {
        let entry = started(&db, title).await;
        save(&db, &innovator(), &entry, 1, complete(), before_close())
            .await
            .unwrap();
        proposals::review(
            &db,
            &coordinator(),
            &entry,
            Review::Endorse,
            "",
            before_close(),
        )
        .await
        .unwrap();
        entries.push(entry);
    }
    let who = coordinator();
    let (first, second) = tokio::join!(
        proposals::review(&db, &who, &entries[0], Review::Submit, "", before_close()),
        proposals::review(&db, &who, &entries[1], Review::Submit, "", before_close()),
    );
    // Exactly one fits; the other is told the quota's numbers.
    let refused: Vec<AppError> = [first, second]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    assert_eq!(
        refused,
        vec![AppError::Conflict(Problem::QuotaFull {
            allowed: 1,
            used: 1
        })]
    );
    assert_eq!(count_unsubmitted(&db, &entries).await, 1);
}

/// How many of `entries` are not submitted.
async fn count_unsubmitted(db: &app::backend::db::Db, entries: &[String]) -> usize {
    let mut not_submitted = 0;
    for entry in entries {
        if proposals::view(db, &coordinator(), entry, before_close())
            .await
            .unwrap()
            .state
            != "submitted"
        {
            not_submitted += 1;
        }
    }
    not_submitted
}

//! The coordinator's review and what follows it, on the real schema: return with
//! a comment, revise, endorse, submit within the quota (also when two submissions
//! race for the last place), read-only after submission, and the judges' remarks
//! once results are published.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::records::Binding;
use app::backend::service::entering;
use app::backend::service::proposals::{self, Review};
use app::binds;
use app::error::{AppError, Problem};
use common::entrants::*;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;

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
    let error = coordinator_reviews(&db, &entry, Review::SendBack, "  ")
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        vec![("comment".into(), Problem::Required)]
    );
    coordinator_reviews(&db, &entry, Review::SendBack, "Tambahkan data 2025")
        .await
        .unwrap();
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(view.state, EntryStatus::Returned);
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
        EntryStatus::Draft
    );
    // Submitting before endorsing is refused.
    assert!(matches!(
        coordinator_reviews(&db, &entry, Review::Submit, "")
            .await
            .unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { .. })
    ));
    endorse_and_submit(&db, &entry).await;
    let view = proposals::view(&db, &innovator(), &entry, before_close())
        .await
        .unwrap();
    assert_eq!(view.state, EntryStatus::Submitted);
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
        coordinator_reviews(&db, &entry, Review::SendBack, "Tunggu")
            .await
            .unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { .. })
    ));
    assert!(matches!(
        save(&db, &innovator(), &entry, 3, complete(), before_close()).await.unwrap_err(),
        AppError::Conflict(Problem::EntryStateChanged { state }) if state == EntryStatus::Submitted
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
    coordinator_reviews(&db, &second, Review::Endorse, "")
        .await
        .unwrap();
    assert_eq!(
        coordinator_reviews(&db, &second, Review::Submit, "")
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
        EntryStatus::Endorsed
    );
}

#[tokio::test]
async fn judges_remarks_reach_the_entrant_only_after_publication_where_shared() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    app::backend::records::execute(
        &db,
        "CREATE user:juri SET email = 'juri@juara.test', name = 'Juri Rahasia', roles = ['judge'];
         CREATE user:mundur SET email = 'mundur@juara.test', name = 'Juri Mundur', roles = ['judge'];
         CREATE stage:desk SET edition = edition:kipp, key = 'desk', title = 'Penilaian proposal', kind = 'scoring',
             position = 1, opens_at = d'2026-04-05T01:00:00Z', closes_at = d'2026-04-12T01:00:00Z';
         CREATE stage:presentasi SET edition = edition:kipp, key = 'presentasi', title = 'Presentasi', kind = 'scoring',
             position = 2, opens_at = d'2026-04-13T01:00:00Z', closes_at = d'2026-04-14T01:00:00Z';
         CREATE assignment SET stage = stage:desk, entry = $entry, judge = user:juri;
         CREATE assignment SET stage = stage:desk, entry = $entry, judge = user:panitia;
         CREATE assignment SET stage = stage:desk, entry = $entry, judge = user:mundur, recused = true,
             recuse_reason = 'Kerabat pengusul';
         CREATE assignment SET stage = stage:presentasi, entry = $entry, judge = user:juri;
         CREATE sheet SET stage = stage:desk, entry = $entry, judge = user:juri, state = 'submitted',
             comment = 'Perjelas rencana anggaran 2027.';
         CREATE sheet SET stage = stage:desk, entry = $entry, judge = user:panitia, state = 'draft',
             comment = 'Belum selesai.';
         CREATE sheet SET stage = stage:desk, entry = $entry, judge = user:mundur, state = 'submitted',
             comment = 'Catatan juri yang mengundurkan diri.';
         CREATE sheet SET stage = stage:presentasi, entry = $entry, judge = user:juri, state = 'submitted',
             comment = 'Catatan tahap yang belum diumumkan.';",
        binds![("entry", Binding::id(&entry))],
    )
    .await
    .unwrap();
    let feedback = |db: app::backend::db::Db, entry: EntryId| async move {
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
    // The desk stage's results stand published; the presentation's do not.
    app::backend::records::execute(
        &db,
        "UPDATE stage:desk SET published = true; UPDATE edition:kipp SET results_published = true;",
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
        "submitted sheets that count, of published stages only: no draft, no recused judge's, no unpublished stage's"
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
        coordinator_reviews(&db, &entry, Review::Endorse, "")
            .await
            .unwrap();
        entries.push(entry);
    }
    let who = coordinator();
    let (first, second) = tokio::join!(
        proposals::review(
            &db,
            &who,
            (&entries[0], Review::Submit, ""),
            common::SITE,
            before_close()
        ),
        proposals::review(
            &db,
            &who,
            (&entries[1], Review::Submit, ""),
            common::SITE,
            before_close()
        ),
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
async fn count_unsubmitted(db: &app::backend::db::Db, entries: &[EntryId]) -> usize {
    let mut not_submitted = 0;
    for entry in entries {
        if proposals::view(db, &coordinator(), entry, before_close())
            .await
            .unwrap()
            .state
            != EntryStatus::Submitted
        {
            not_submitted += 1;
        }
    }
    not_submitted
}

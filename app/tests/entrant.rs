//! The entrant's rules, on the real schema (in-memory SurrealDB): eligibility,
//! word limits and video links, versions (no silent overwrite), the deadline in
//! the edition's time zone and its extension, who may read and write an entry,
//! and what the entry's history shows its organisation. The review that follows
//! is in `review.rs`.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::records::Binding;
use app::backend::service::entering::{self, StartEntry};
use app::backend::service::proposals::{self, Review};
use app::binds;
use app::error::{AppError, Problem};
use app::model::{DraftContent, DraftSave};
use common::entrants::*;
use domain::entry_state::EntryStatus;
use domain::ids::InnovationId;
use domain::ids::UserId;
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
    assert_eq!(view.state, EntryStatus::Draft);
    assert_eq!(view.history.len(), 1, "the start is in the history");
    let innovation: Vec<String> = app::backend::records::query_rows(
        &db,
        "SELECT VALUE record::id(innovation) FROM entry WHERE id = $id;",
        binds![("id", Binding::id(&entry))],
        0,
    )
    .await
    .unwrap();
    let again = StartEntry {
        innovation: Some(InnovationId::from(innovation[0].clone())),
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
    let error = coordinator_reviews(&db, &entry, Review::Endorse, "")
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
        proposals::review(
            &db,
            &outsider,
            (&entry, Review::Endorse, ""),
            common::SITE,
            before_close()
        )
        .await
        .unwrap_err(),
        AppError::Forbidden
    );
    // An innovator writes but does not review.
    assert_eq!(
        proposals::review(
            &db,
            &innovator(),
            (&entry, Review::Endorse, ""),
            common::SITE,
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
async fn the_history_shows_only_the_entrys_own_changes() {
    let db = fixture().await;
    let entry = started(&db, "Posyandu Remaja").await;
    app::backend::repo::audit::append(
        &db,
        app::backend::repo::audit::NewAuditEvent {
            actor: Some(&UserId::from("panitia")),
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

//! The audit log: filtered reading for the committee, and the database refusing
//! to change or delete what it holds.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use common::STAGE_ID;

use app::backend::records::execute;
use app::backend::repo::audit::{self, NewAuditEvent};
use app::backend::service::audit_log::{self, Filter};
use app::binds;
use app::model::SheetRevision;
use common::{ENTRY, during, fixture};
use domain::ids::UserId;

#[tokio::test]
async fn the_log_reads_filtered_newest_first_with_score_sheet_revisions() {
    let db = fixture().await;
    for (action, target) in [
        ("entry.submit", "entry:e1"),
        ("results.publish", "edition:kipp"),
        ("entry.advance", "entry:e1"),
    ] {
        audit::append(
            &db,
            NewAuditEvent {
                actor: Some(&UserId::from("juri2")),
                action,
                target: target.into(),
                before: None,
                after: Some(serde_json::json!({ "note": action })),
            },
        )
        .await
        .unwrap();
    }
    let values = domain::scoring::Rubric::national_desk()
        .criteria()
        .iter()
        .map(|criterion| (criterion.key.as_str().to_owned(), 80.0))
        .collect();
    app::backend::service::judging::save_sheet(
        &db,
        &LiveUpdates::default(),
        &UserId::from("juri1"),
        &STAGE_ID,
        &ENTRY,
        SheetRevision {
            values,
            comments: Default::default(),
            comment: String::new(),
            submit: true,
            base_revision: 0,
            idempotency_key: "k1".into(),
        },
        during(),
    )
    .await
    .unwrap();

    let all = audit_log::page(&db, &Filter::default()).await.unwrap();
    let actions: Vec<&str> = all.iter().map(|row| row.action.as_str()).collect();
    assert!(actions.contains(&"sheet.submitted"), "{actions:?}");
    assert!(
        all.windows(2).all(|pair| pair[0].cursor >= pair[1].cursor),
        "newest first"
    );

    let entries = audit_log::page(
        &db,
        &Filter {
            action: "entry.".into(),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    let actions: Vec<&str> = entries.iter().map(|row| row.action.as_str()).collect();
    assert_eq!(actions, ["entry.advance", "entry.submit"]);
    assert_eq!(entries[0].actor.as_deref(), Some("juri2"));
    assert!(
        entries[0]
            .after
            .as_deref()
            .unwrap()
            .contains("entry.advance")
    );

    let by_actor = audit_log::page(
        &db,
        &Filter {
            actor: "JURI1".into(),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert!(
        by_actor
            .iter()
            .all(|row| row.actor.as_deref() == Some("juri1"))
    );
    assert_eq!(by_actor.len(), 1);

    // The next page starts before the last line shown.
    let older = audit_log::page(
        &db,
        &Filter {
            action: "entry.".into(),
            before: entries[0].cursor.clone(),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(older.len(), 1);
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_the_log() {
    let db = fixture().await;
    audit::append(
        &db,
        NewAuditEvent {
            actor: None,
            action: "edition.create",
            target: "edition:kipp".into(),
            before: None,
            after: None,
        },
    )
    .await
    .unwrap();
    for sql in [
        "UPDATE audit_event SET action = 'forged';",
        "DELETE audit_event;",
    ] {
        let result = execute(&db, sql, binds![]).await;
        assert!(result.is_err(), "{sql} was allowed");
    }
    let rows = audit_log::page(&db, &Filter::default()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action, "edition.create");
}

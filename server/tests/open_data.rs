//! HTTP tests of what the public reads and the committee's event stream, on the
//! real router around the demo (last year's edition published, this year's not).
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use common::{demo_app, get, send, sign_in_as, slugs};

use app::backend::service::publication;
use app::model::ResultsDocument;
use axum::body::Body;
use domain::ids::StageId;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use std::time::Duration;

#[tokio::test]
async fn unpublished_results_never_reach_the_api() {
    let (app, _) = demo_app().await;
    let (_, unpublished) = slugs(&app).await;
    assert_eq!(unpublished.len(), 2);
    for slug in unpublished {
        for path in [
            format!("/api/v1/editions/{slug}/results"),
            format!("/api/v1/editions/{slug}/results.csv"),
        ] {
            let (status, _, body) = send(&app, get(&path)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert!(!body.contains("\"score\""), "{path}: {body}");
        }
    }
    let (status, _, _) = send(&app, get("/api/v1/editions/no-such-edition/results")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_serves_the_snapshot_with_an_etag_that_revalidates() {
    let (app, state) = demo_app().await;
    let (slug, _) = slugs(&app).await;
    let path = format!("/api/v1/editions/{slug}/results");
    let (status, headers, body) = send(&app, get(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
        "*"
    );
    let served: ResultsDocument = serde_json::from_str(&body).unwrap();
    let snapshot = publication::published(&state.db, &slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(served, snapshot);
    assert!(served.published_at.is_some());
    // Judges appear only as J1, J2, …
    assert!(!body.contains("juri"), "judge identities leaked");

    let etag = headers.get(header::ETAG).unwrap().clone();
    let revalidate = Request::get(&path)
        .header(header::IF_NONE_MATCH, etag.clone())
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(&app, revalidate).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(headers.get(header::ETAG).unwrap(), &etag);

    let (status, headers, csv) = send(&app, get(&format!("{path}.csv"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_ne!(
        headers.get(header::ETAG).unwrap(),
        &etag,
        "one tag per representation"
    );
    let sheets: usize = snapshot
        .stages
        .iter()
        .flat_map(|stage| &stage.entries)
        .map(|entry| entry.sheets.len())
        .sum();
    assert_eq!(
        csv.lines().count(),
        1 + sheets + snapshot.final_ranking.len()
    );
}

#[tokio::test]
async fn the_event_stream_is_for_the_committee_and_says_ready_then_changed() {
    let (app, state) = demo_app().await;
    let (slug, _) = slugs(&app).await;
    let path = format!("/admin/editions/{slug}/stages/desk/events");
    let (status, _, _) = send(&app, get(&path)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let cookie = sign_in_as(&app, "panitia@juara.test").await;
    let missing = Request::get(format!("/admin/editions/{slug}/stages/nope/events"))
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, missing).await.0, StatusCode::NOT_FOUND);

    let request = Request::get(&path)
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let response = common::answer(&app, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let mut body = response.into_body();
    let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: ready"));
    // Another stage's change is not announced here; this stage's is.
    let stage_id = app::backend::service::dashboard::stage_id(&state.db, &slug, &"desk".into())
        .await
        .unwrap();
    state.live.stage_changed(&StageId::from("some-other-stage"));
    state.live.stage_changed(&stage_id);
    let next = tokio::time::timeout(Duration::from_secs(2), body.frame())
        .await
        .unwrap()
        .unwrap()
        .unwrap()
        .into_data()
        .unwrap();
    assert!(String::from_utf8_lossy(&next).contains("event: changed"));
}

#[tokio::test]
async fn the_objection_form_refuses_outside_the_window_and_over_the_rate_limit() {
    let (app, _) = demo_app().await;
    let (_, unpublished) = slugs(&app).await;
    let slug = unpublished
        .iter()
        .find(|slug| slug.starts_with("kipp-malang-"))
        .unwrap();
    let post = || {
        Request::post("/api/file_objection")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(format!(
                "slug={slug}&name=Budi&contact=budi%40example.test&entry=kipp-kini-kloman&reason=Data+keliru"
            )))
            .unwrap()
    };
    // This year's objection window has not opened: refused, with the window.
    let (status, _, body) = send(&app, post()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body.contains("ObjectionsClosed") || body.contains("objections_closed"),
        "{body}"
    );
    for _ in 1..app::backend::service::objections::MAX_PER_HOUR {
        assert_eq!(send(&app, post()).await.0, StatusCode::CONFLICT);
    }
    // One too many from this address.
    let (status, headers, _) = send(&app, post()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn the_committee_exports_spreadsheets_and_nobody_else_does() {
    let (app, _) = demo_app().await;
    let (slug, _) = slugs(&app).await;
    let path = format!("/admin/editions/{slug}/export/sheets.csv");
    assert_eq!(send(&app, get(&path)).await.0, StatusCode::UNAUTHORIZED);
    let as_judge = Request::get(&path)
        .header(header::COOKIE, sign_in_as(&app, "juri1@juara.test").await)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, as_judge).await.0, StatusCode::FORBIDDEN);

    let cookie = sign_in_as(&app, "inspektorat@juara.test").await;
    for (file, first_column) in [
        ("entries.csv", "entry_id"),
        ("sheets.csv", "stage"),
        ("results.csv", "stage"),
    ] {
        let request = Request::get(format!("/admin/editions/{slug}/export/{file}"))
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        let (status, headers, body) = send(&app, request).await;
        assert_eq!(status, StatusCode::OK, "{file}");
        assert!(
            headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains(file)
        );
        let body = body.trim_start_matches('\u{feff}');
        assert!(
            body.starts_with(first_column),
            "{file}: {}",
            &body[..40.min(body.len())]
        );
        assert!(body.lines().count() > 5, "{file}");
    }
    let request = Request::get(format!("/admin/editions/{slug}/export/passwords.csv"))
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, request).await.0, StatusCode::NOT_FOUND);
}

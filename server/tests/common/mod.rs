//! The harness the HTTP tests share: the real router around an in-memory
//! database with the demo loaded, and helpers to send it requests.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]
#![allow(dead_code, reason = "each test module uses a different part")]

pub mod binary;

use app::backend::db;
use app::backend::demo;
use app::backend::state::{AppState, Settings};
use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use std::time::Duration;
use tower::ServiceExt;

/// The router around the demo (last year's edition published, this year's not).
pub async fn demo_app() -> (Router, AppState) {
    demo_app_with_login_limit(10).await
}

/// [`demo_app`] allowing `login_limit` failed sign-ins per address (every
/// in-process request comes from the same address).
pub async fn demo_app_with_login_limit(login_limit: usize) -> (Router, AppState) {
    let options = LeptosOptions::builder().output_name("juara").build();
    demo_app_with(login_limit, options).await
}

/// [`demo_app`] serving the static files of `site_root` (a build's
/// `target/site`).
pub async fn demo_app_serving(site_root: &str) -> (Router, AppState) {
    let options = LeptosOptions::builder()
        .output_name("juara")
        .site_root(site_root)
        .build();
    demo_app_with(10, options).await
}

async fn demo_app_with(login_limit: usize, options: LeptosOptions) -> (Router, AppState) {
    let db = db::open_for_tests().await.unwrap();
    demo::load_if_empty(&db, jiff::Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    let settings = Settings {
        known_hosts: vec![HOST.into()],
        ..Settings::default()
    };
    let state = AppState::new(db, options, settings)
        .with_login_limit(login_limit, Duration::from_secs(600));
    (server::router::build(state.clone()), state)
}

/// How long a test waits for one whole answer (head and body) before it
/// fails naming the request, instead of hanging the suite. Longer than the
/// router's own bound on an answer's head.
const PATIENCE: Duration = Duration::from_secs(120);

/// Sends `request` and waits, at most [`PATIENCE`], for its whole answer.
pub async fn answer(app: &Router, request: Request<Body>) -> http::Response<Body> {
    let what = format!("{} {}", request.method(), request.uri());
    tokio::time::timeout(PATIENCE, app.clone().oneshot(request))
        .await
        .unwrap_or_else(|_| panic!("no answer to {what} within {PATIENCE:?}"))
        .unwrap()
}

/// Collects `body` whole, at most [`PATIENCE`].
pub async fn whole_body(body: Body) -> axum::body::Bytes {
    tokio::time::timeout(PATIENCE, body.collect())
        .await
        .unwrap_or_else(|_| panic!("an answer's body did not end within {PATIENCE:?}"))
        .unwrap()
        .to_bytes()
}

/// Sends `request`; the status, headers and body as text.
pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = answer(app, request).await;
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = whole_body(response.into_body()).await;
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// The host the test requests name (one the site answers to).
pub const HOST: &str = "127.0.0.1:3000";

/// A plain GET.
pub fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap()
}

/// (published slug, unpublished slugs) from the editions listing.
pub async fn slugs(app: &Router) -> (String, Vec<String>) {
    let (status, headers, body) = send(app, get("/api/v1/editions")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
        "*"
    );
    let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(list.len(), 3);
    let slug = |value: &serde_json::Value| value["slug"].as_str().unwrap().to_owned();
    let published: Vec<String> = list
        .iter()
        .filter(|e| e["results_published"] == true)
        .map(slug)
        .collect();
    let unpublished = list
        .iter()
        .filter(|e| e["results_published"] == false)
        .map(slug)
        .collect();
    assert_eq!(published.len(), 1);
    (published[0].clone(), unpublished)
}

/// Signs in `email` (a demo account) and answers the session cookie.
pub async fn sign_in_as(app: &Router, email: &str) -> String {
    let request = Request::post("/api/login")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(format!(
            "email={}&password=juara-demo-2026",
            email.replace('@', "%40")
        )))
        .unwrap();
    let (status, headers, body) = send(app, request).await;
    assert_eq!(status, StatusCode::OK, "{email}: {body}");
    cookie_of(&headers)
}

/// The session cookie an answer sets, as a request sends it back.
pub fn cookie_of(headers: &HeaderMap) -> String {
    headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The slug of the edition whose record key is `edition`.
pub async fn slug_of(state: &AppState, edition: &str) -> String {
    let slugs: Vec<String> = app::backend::records::query_rows(
        &state.db,
        "SELECT VALUE slug FROM $edition;",
        app::binds![(
            "edition",
            app::backend::records::Binding::record("edition", edition)
        )],
        0,
    )
    .await
    .unwrap();
    slugs.into_iter().next().unwrap()
}

//! Running the table: the demo with what the matrix needs, a session per
//! caller, one probe per row and caller, and what the app registers.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use super::matrix::Who::*;
use super::matrix::*;
use crate::common;
use crate::common::HOST;
use app::backend::live::LiveUpdates;
use app::backend::service::accounts::{self, AccountRequest};
use axum::Router;
use axum::body::Body;
use domain::ids::{EntryId, StageId, UserId};
use domain::role::{Role, Roles};
use http::{Request, StatusCode, header};
use std::collections::{BTreeMap, BTreeSet};

/// The demo's keys and each caller's session.
pub(super) struct Context {
    pub(super) app: Router,
    pub(super) values: BTreeMap<&'static str, String>,
    pub(super) sessions: BTreeMap<Who, (String, String)>,
}

impl Context {
    fn fill(&self, text: &str, who: Who) -> String {
        let mut text = text.to_owned();
        for (name, value) in &self.values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        let me = self.sessions.get(&who).map_or("", |(_, id)| id.as_str());
        text.replace("{me}", me)
    }
}

pub(super) const E: &str = "rintisan-posyandu-remaja";
pub(super) const K: &str = "kipp-kini-brexit";
pub(super) const DESK: &str = "kipp-kini-desk";

pub(super) async fn sign_in(app: &Router, email: &str) -> (String, String) {
    let cookie = common::sign_in_as(app, email).await;
    let me = Request::post("/api/me")
        .header(header::HOST, HOST)
        .header(header::COOKIE, &cookie)
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    let (_, _, body) = common::send(app, me).await;
    let me: serde_json::Value = serde_json::from_str(&body).unwrap();
    (cookie, me["id"].as_str().unwrap().to_owned())
}

/// The demo, with what it lacks for the matrix: an innovator of E's parent
/// organisation, juri2's recusal from K, a file of evidence on E, and juri1
/// assigned to E (so that one judge may read its evidence).
pub(super) async fn context() -> Context {
    let (app, state) = common::demo_app_with_login_limit(1000).await;
    accounts::add_account(
        &state.db,
        None,
        AccountRequest {
            email: "inovator.dinkes@juara.test".into(),
            name: "Inovator Dinkes".into(),
            password: PASSWORD.into(),
            roles: Roles::new([Role::Innovator]),
            org: Some("dinkes".into()),
        },
    )
    .await
    .unwrap();
    app::backend::service::judging::recuse(
        &state.db,
        &LiveUpdates::default(),
        &UserId::from("juri2"),
        &StageId::from(DESK),
        &EntryId::from(K),
        "Kerabat pengusul",
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    app::backend::repo::judging::assign(
        &state.db,
        &StageId::from("kipp-rintisan-desk"),
        &EntryId::from(E),
        &UserId::from("juri1"),
    )
    .await
    .unwrap();
    let mut sessions = BTreeMap::new();
    for who in SIGNED_IN {
        let email = who.email().unwrap();
        sessions.insert(*who, sign_in(&app, email).await);
    }
    // A PDF of evidence on E, uploaded by its innovator.
    let (cookie, _) = &sessions[&InnovatorOwn];
    let upload = multipart(b"%PDF-1.4\n% bukti\n");
    let (status, headers, _) = common::send(
        &app,
        Request::post(format!("/entrant/entry/{E}/evidence"))
            .header(header::HOST, HOST)
            .header(header::COOKIE, cookie)
            .header("sec-fetch-site", "same-origin")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(upload))
            .unwrap(),
    )
    .await;
    assert!(status.is_redirection(), "{status}");
    assert!(
        headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("done=upload"),
        "{:?}",
        headers[header::LOCATION]
    );
    let evidence = app::backend::repo::evidence::for_entry(&state.db, &EntryId::from(E))
        .await
        .unwrap()
        .remove(0)
        .id;
    // A winner of last year's edition: sent on, so it has a package.
    let past = common::slug_of(&state, "kipp-lalu").await;
    let (_, sent) = app::backend::service::onward::sent_entries(&state.db, &past)
        .await
        .unwrap();
    // The demo's first field visit (juri1 and juri2 go), with a photo juri1 took.
    let visit = app::backend::repo::field::visits_of_edition(
        &state.db,
        &domain::ids::EditionId::from("kipp-kini"),
    )
    .await
    .unwrap()
    .remove(0)
    .id;
    let juri1 = app::model::CurrentUser {
        id: UserId::from("juri1"),
        email: "juri1@juara.test".into(),
        name: "juri1".into(),
        roles: domain::role::Roles::new([domain::role::Role::Judge]),
        org: None,
        org_name: None,
    };
    app::backend::service::field_visit::add_photo(
        &state.db,
        &app::backend::evidence_store::EvidenceStore::new(state.settings.evidence_dir.clone()),
        &juri1,
        &visit,
        &app::backend::service::field_visit::PhotoUpload {
            owner: "juri1",
            id: "matrix-photo-1",
            taken_at: None,
            location: None,
            content: b"\xFF\xD8\xFF\xE0 a photo",
        },
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    let values = BTreeMap::from([
        ("visit", visit.to_string()),
        ("field_photo", "matrix-photo-1".to_owned()),
        ("sent", sent[0].entry.to_string()),
        ("e", E.to_owned()),
        ("k", K.to_owned()),
        ("desk", DESK.to_owned()),
        ("presentation", "kipp-kini-presentasi".to_owned()),
        ("current", common::slug_of(&state, "kipp-kini").await),
        ("past", past),
        ("evidence", evidence.to_string()),
    ]);
    Context {
        app,
        values,
        sessions,
    }
}

pub(super) const BOUNDARY: &str = "juara-matrix-boundary";

pub(super) fn multipart(content: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"section\"\r\n\r\nringkasan\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bukti.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// What one caller got from one row: allowed (`true`) or refused.
pub(super) async fn outcome(context: &Context, row: &Row, who: Who) -> Result<bool, String> {
    let path = context.fill(row.path, who);
    let mut request = Request::builder()
        .method(row.method.clone())
        .uri(&path)
        .header(header::HOST, HOST)
        .header("sec-fetch-site", "same-origin");
    if let Some((cookie, _)) = context.sessions.get(&who) {
        request = request.header(header::COOKIE, cookie);
    }
    if matches!(row.reading, Reading::Page) {
        request = request.header(header::ACCEPT, "text/html");
    }
    let request = match &row.body {
        Payload::None => request.body(Body::empty()),
        Payload::Form(form) => request
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(context.fill(form, who))),
        Payload::Json(json) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(context.fill(json, who))),
        Payload::NotAPdf => request
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(multipart(b"MZ not a pdf"))),
    }
    .unwrap();
    let (status, headers, body) = if matches!(row.reading, Reading::Stream) {
        let response = common::answer(&context.app, request).await;
        (response.status(), response.headers().clone(), String::new())
    } else {
        common::send(&context.app, request).await
    };
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        return Err(format!("500: {body}"));
    }
    let location = headers
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let refused = match row.reading {
        Reading::Status | Reading::Stream => {
            matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        }
        Reading::Page => {
            status == StatusCode::FORBIDDEN
                || status == StatusCode::UNAUTHORIZED
                || (status.is_redirection() && location.starts_with("/login"))
        }
        Reading::UploadRedirect => {
            location.contains("upload_error=forbidden") || location.starts_with("/login")
        }
        Reading::BadCredentials => {
            return if status == StatusCode::UNAUTHORIZED && body.contains("BadCredentials") {
                Ok(true)
            } else {
                Err(format!("{status}: {body}"))
            };
        }
    };
    // Anonymous callers are asked to sign in, never told "forbidden".
    if refused && who == Anonymous && status == StatusCode::FORBIDDEN {
        return Err("403 to an anonymous caller (expected 401 or the sign-in page)".into());
    }
    Ok(!refused)
}

/// The server functions the app registers, as paths.
pub(super) fn registered_server_functions() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect()
}

/// The routes `server/src/router.rs` adds, as written there.
pub(super) fn router_routes() -> BTreeSet<String> {
    let source = include_str!("../../src/router.rs");
    source
        .split(".route(")
        .skip(1)
        .filter_map(|rest| rest.split('"').nth(1))
        .map(str::to_owned)
        .collect()
}

/// The app's pages, in the router's notation (`{param}`).
pub(super) fn app_pages() -> BTreeSet<String> {
    leptos_axum::generate_route_list(app::AppRoutes)
        .into_iter()
        .map(|listing| listing.path().to_owned())
        .collect()
}

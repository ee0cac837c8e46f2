//! The authorisation matrix: every server function, every HTTP route and every
//! page, called on the demo by every kind of caller, allowed or refused as the
//! table below says. The table must name everything the router serves: a
//! server function, a route or a page added without a row fails this test.
//!
//! Callers (`Who`) are relations to one entry of the open edition, E (a draft of
//! Puskesmas Janti, whose parent is the Dinas Kesehatan), and to one entry in
//! desk scoring, K (Brexit, scored by juri1; juri2 recused from it):
//! anonymous, the committee (admin), the inspectorate (observer), E's own
//! coordinator and innovator, the coordinator and an innovator of E's parent
//! organisation, a coordinator and an innovator of an unrelated organisation,
//! the judge assigned to K, the judge who recused from K, and another judge.
//!
//! Parent organisations: the coordinator of the organisation above (a Dinas
//! over its Puskesmas) reads, returns, endorses and submits its units' entries
//! — that is how the competition runs — and may correct their text; the
//! organisation above's innovators have no part in them.
//!
//! "Refused" is 401 (anonymous; a page redirects to the sign-in page instead)
//! or 403; "allowed" is anything else but a 500. Requests probe without
//! changing anything an allowed caller could: a stale version, an unknown key,
//! an empty form, so that one call cannot change what the next one finds.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use Who::*;
use app::backend::service::accounts::{self, AccountRequest};
use axum::Router;
use axum::body::Body;
use common::HOST;
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::role::{Role, Roles};
use http::{Method, Request, StatusCode, header};
use std::collections::{BTreeMap, BTreeSet};

const PASSWORD: &str = "juara-demo-2026";

/// A caller, by relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
}

const EVERYONE: &[Who] = &[
    Anonymous,
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
];
const SIGNED_IN: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
];
const COMMITTEE: &[Who] = &[Admin, Observer];
const ADMIN: &[Who] = &[Admin];
const ENTRANTS: &[Who] = &[
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
];
const JUDGES: &[Who] = &[JudgeAssigned, JudgeRecused, JudgeOther];
/// Who may write E: its own organisation, and the coordinator above it.
const WRITERS_OF_E: &[Who] = &[CoordinatorOwn, InnovatorOwn, CoordinatorParent];
/// Who may read E: its writers and the committee.
const READERS_OF_E: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
];
/// Who may review E: its coordinator and the one above.
const REVIEWERS_OF_E: &[Who] = &[CoordinatorOwn, CoordinatorParent];
/// Who may read E's evidence: its readers and the judge assigned to it.
const EVIDENCE_OF_E: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    JudgeAssigned,
];
/// Who may score K.
const SCORERS_OF_K: &[Who] = &[JudgeAssigned];

impl Who {
    fn email(self) -> Option<&'static str> {
        Some(match self {
            Anonymous => return None,
            Admin => "panitia@juara.test",
            Observer => "inspektorat@juara.test",
            CoordinatorOwn => "koordinator.pkm-janti@juara.test",
            InnovatorOwn => "inovator.janti@juara.test",
            CoordinatorParent => "koordinator.dinkes@juara.test",
            InnovatorParent => "inovator.dinkes@juara.test",
            CoordinatorOther => "koordinator.dishub@juara.test",
            InnovatorOther => "inovator.dishub@juara.test",
            JudgeAssigned => "juri1@juara.test",
            JudgeRecused => "juri2@juara.test",
            JudgeOther => "juri4@juara.test",
        })
    }
}

/// How an answer is read.
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// Refused: 401 or 403.
    Status,
    /// A page: refused is a redirect to the sign-in page, or 403.
    Page,
    /// The evidence forms redirect back with `upload_error=forbidden`, or to
    /// the sign-in page, when refused.
    UploadRedirect,
    /// An endless event stream: read the status only.
    Stream,
    /// Sign-in with a wrong password: everyone may try, everyone is told 401.
    BadCredentials,
}

/// One row: what is called and who may call it.
struct Row {
    /// `/api/x`, a route as the router names it, or a page path.
    name: &'static str,
    method: Method,
    /// The request path, with `{placeholders}` (see `Context::fill`).
    path: &'static str,
    body: Payload,
    allowed: &'static [Who],
    reading: Reading,
}

enum Payload {
    None,
    Form(&'static str),
    Json(&'static str),
    NotAPdf,
}

fn api(endpoint: &'static str, form: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        name: endpoint,
        method: Method::POST,
        path: endpoint,
        body: Payload::Form(form),
        allowed,
        reading: Reading::Status,
    }
}

fn json(endpoint: &'static str, body: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        body: Payload::Json(body),
        ..api(endpoint, "", allowed)
    }
}

fn route(name: &'static str, path: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        name,
        method: Method::GET,
        path,
        body: Payload::None,
        allowed,
        reading: Reading::Status,
    }
}

fn page(name: &'static str, path: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        reading: Reading::Page,
        ..route(name, path, allowed)
    }
}

/// Every server function. Probes: a stale version or revision, an unknown
/// key, an empty required field.
fn server_functions() -> Vec<Row> {
    vec![
        // The public site and the session.
        api("/api/me", "", EVERYONE),
        api("/api/load_demo_accounts", "", EVERYONE),
        api("/api/load_current_edition", "", EVERYONE),
        api("/api/load_published_editions", "", EVERYONE),
        api("/api/load_objection_window", "slug={current}", EVERYONE),
        api("/api/file_objection", "slug={current}&entry=nope", EVERYONE),
        api("/api/load_invitation", "token=nope", EVERYONE),
        api(
            "/api/accept_invitation",
            "token=nope&password=x&repeated=x",
            EVERYONE,
        ),
        api("/api/load_edition_page", "slug={current}", EVERYONE),
        api("/api/load_catalogue", "q=brexit", EVERYONE),
        api("/api/load_innovation", "id=nope", EVERYONE),
        api("/api/load_profile_links", "slug={past}", EVERYONE),
        api("/api/load_ballot", "slug={current}", EVERYONE),
        api("/api/cast_vote", "slug={current}&entry=", EVERYONE),
        api("/api/load_published_results", "slug={past}", EVERYONE),
        // The committee reads.
        api("/api/organisations", "", COMMITTEE),
        api("/api/organisation", "id=dinkes", COMMITTEE),
        api("/api/editions", "", COMMITTEE),
        api("/api/load_assignable_stages", "", COMMITTEE),
        api(
            "/api/load_assignment_preview",
            "stage={desk}&judges_per_entry=3",
            COMMITTEE,
        ),
        api("/api/load_committee_overview", "", COMMITTEE),
        api("/api/load_objections", "slug={current}", COMMITTEE),
        api("/api/load_accounts", "", COMMITTEE),
        api("/api/load_edition_template", "slug={current}", COMMITTEE),
        api(
            "/api/load_stage_dashboard",
            "slug={current}&stage=desk",
            COMMITTEE,
        ),
        api(
            "/api/load_advancement_preview",
            "slug={current}&stage=desk",
            COMMITTEE,
        ),
        api("/api/load_results_console", "slug={current}", COMMITTEE),
        api("/api/load_audit_log", "", COMMITTEE),
        api("/api/load_screening", "slug={current}", COMMITTEE),
        api("/api/load_edition_setup", "slug={current}", COMMITTEE),
        api(
            "/api/load_stage_setup",
            "slug={current}&stage=desk",
            COMMITTEE,
        ),
        // The committee's changes (admins only; observers change nothing).
        api("/api/save_organisation", "name=&kind=", ADMIN),
        api("/api/import_organisations", "csv=", ADMIN),
        api(
            "/api/create_edition",
            "slug=&year=&title=&time_zone=&categories=",
            ADMIN,
        ),
        api("/api/reassign_entry", "stage=nope&entry=nope", ADMIN),
        api(
            "/api/apply_assignment",
            "stage=nope&judges_per_entry=0",
            ADMIN,
        ),
        api("/api/extend_entry_deadline", "entry={e}&until=x", ADMIN),
        api(
            "/api/answer_objection",
            "slug={current}&objection=nope",
            ADMIN,
        ),
        api("/api/create_account", "email=", ADMIN),
        api("/api/invite_account", "user=nope&email=x", ADMIN),
        api("/api/set_account_active", "user=nope", ADMIN),
        api("/api/import_accounts", "csv=", ADMIN),
        api("/api/apply_advancement", "slug=nope&stage=desk", ADMIN),
        api("/api/close_stage_early", "slug=nope&stage=desk", ADMIN),
        api("/api/assign_judge_manually", "slug=nope&stage=desk", ADMIN),
        api("/api/remove_judge", "slug=nope&stage=desk", ADMIN),
        api("/api/publish_results", "slug=nope&scope=final", ADMIN),
        api(
            "/api/withdraw_publication",
            "slug=nope&publication=nope",
            ADMIN,
        ),
        api("/api/screen_entry", "slug=nope&entry=nope", ADMIN),
        api("/api/pass_entries", "slug=nope", ADMIN),
        api("/api/save_edition_settings", "slug=nope", ADMIN),
        api("/api/save_stage", "slug=nope", ADMIN),
        api("/api/save_template", "slug=nope", ADMIN),
        // Entrants.
        api("/api/load_entry_options", "", ENTRANTS),
        api(
            "/api/start_entry",
            "edition=&innovation=&title=&started_on=&replicates=&group=&category=",
            ENTRANTS,
        ),
        api("/api/load_entrant_home", "", ENTRANTS),
        api("/api/load_proposal", "entry={e}", READERS_OF_E),
        json(
            "/api/save_proposal",
            r#"{"save":{"entry":"{e}","base_version":0,"content":{"answers":{},"video_url":"","declarations":false}},"owner":"{me}"}"#,
            WRITERS_OF_E,
        ),
        api(
            "/api/save_proposal_form",
            "entry={e}&base_version=0&video_url=",
            WRITERS_OF_E,
        ),
        api(
            "/api/review_entry",
            "entry={e}&action=submit&comment=",
            REVIEWERS_OF_E,
        ),
        // Judges.
        api("/api/load_judge_home", "", JUDGES),
        api(
            "/api/load_scoring_view",
            "stage={desk}&entry={k}",
            SCORERS_OF_K,
        ),
        json(
            "/api/save_sheet",
            r#"{"stage":"{desk}","entry":"{k}","owner":"{me}","revision":{"values":{},"comments":{},"comment":"","submit":false,"base_revision":999,"idempotency_key":"matrix-{me}"}}"#,
            SCORERS_OF_K,
        ),
        api(
            "/api/recuse",
            "stage={desk}&entry={k}&reason=",
            SCORERS_OF_K,
        ),
        // juri1 chairs the presentation panel.
        api(
            "/api/load_presentation_console",
            "stage={presentation}",
            SCORERS_OF_K,
        ),
        api(
            "/api/run_clock",
            "stage={presentation}&entry={k}&command=reset",
            SCORERS_OF_K,
        ),
        // Last: both end the caller's session (a sign-in first ends the one
        // the browser had, even when the new one is refused).
        Row {
            reading: Reading::BadCredentials,
            ..api(
                "/api/login",
                "email=nobody%40juara.test&password=wrong",
                EVERYONE,
            )
        },
        api("/api/logout", "", EVERYONE),
    ]
}

/// Every route the router serves that is not a server function or a page.
fn http_routes() -> Vec<Row> {
    vec![
        route("/healthz", "/healthz", EVERYONE),
        route("/lang/{locale}", "/lang/en?next=/", EVERYONE),
        Row {
            method: Method::POST,
            body: Payload::NotAPdf,
            reading: Reading::UploadRedirect,
            ..route(
                "/entrant/entry/{entry}/evidence",
                "/entrant/entry/{e}/evidence",
                WRITERS_OF_E,
            )
        },
        Row {
            method: Method::POST,
            body: Payload::Form(""),
            reading: Reading::UploadRedirect,
            ..route(
                "/entrant/entry/{entry}/evidence/{id}/delete",
                "/entrant/entry/{e}/evidence/nope/delete",
                WRITERS_OF_E,
            )
        },
        route("/evidence/{id}", "/evidence/{evidence}", EVIDENCE_OF_E),
        route("/robots.txt", "/robots.txt", EVERYONE),
        route("/sitemap.xml", "/sitemap.xml", EVERYONE),
        route(
            "/innovations/{id}/photos/{photo}",
            "/innovations/nope/photos/nope",
            EVERYONE,
        ),
        route("/api/v1/editions", "/api/v1/editions", EVERYONE),
        route(
            "/api/v1/editions/{slug}/results",
            "/api/v1/editions/{past}/results",
            EVERYONE,
        ),
        route(
            "/api/v1/editions/{slug}/results.csv",
            "/api/v1/editions/{past}/results.csv",
            EVERYONE,
        ),
        route(
            "/admin/editions/{slug}/export/{file}",
            "/admin/editions/{current}/export/sheets.csv",
            COMMITTEE,
        ),
        Row {
            reading: Reading::Stream,
            ..route(
                "/admin/editions/{slug}/stages/{stage}/events",
                "/admin/editions/{current}/stages/desk/events",
                COMMITTEE,
            )
        },
    ]
}

/// Every page.
fn pages() -> Vec<Row> {
    vec![
        page("/", "/", EVERYONE),
        page("/login", "/login", EVERYONE),
        page("/invite/{token}", "/invite/nope", EVERYONE),
        page("/editions/{slug}", "/editions/{current}", EVERYONE),
        page(
            "/editions/{slug}/results",
            "/editions/{past}/results",
            EVERYONE,
        ),
        page(
            "/editions/{slug}/vote",
            "/editions/{current}/vote",
            EVERYONE,
        ),
        page(
            "/editions/{slug}/objections",
            "/editions/{current}/objections",
            EVERYONE,
        ),
        page("/innovations", "/innovations", EVERYONE),
        page("/innovations/{id}", "/innovations/sepasar-pedas", EVERYONE),
        page("/admin", "/admin", COMMITTEE),
        page("/admin/assign", "/admin/assign", COMMITTEE),
        page("/admin/accounts", "/admin/accounts", COMMITTEE),
        page("/admin/audit", "/admin/audit", COMMITTEE),
        page("/admin/organisations", "/admin/organisations", COMMITTEE),
        page(
            "/admin/organisations/import",
            "/admin/organisations/import",
            ADMIN,
        ),
        page(
            "/admin/organisations/{id}",
            "/admin/organisations/dinkes",
            ADMIN,
        ),
        page("/admin/editions", "/admin/editions", COMMITTEE),
        page("/admin/editions/new", "/admin/editions/new", ADMIN),
        page(
            "/admin/editions/{slug}/setup",
            "/admin/editions/{current}/setup",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/setup/stages/{stage}",
            "/admin/editions/{current}/setup/stages/desk",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/template",
            "/admin/editions/{current}/template",
            ADMIN,
        ),
        page(
            "/admin/editions/{slug}/objections",
            "/admin/editions/{current}/objections",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/screening",
            "/admin/editions/{current}/screening",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/results",
            "/admin/editions/{current}/results",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}",
            "/admin/editions/{current}/stages/desk",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}/advance",
            "/admin/editions/{current}/stages/desk/advance",
            ADMIN,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}/minutes",
            "/admin/editions/{current}/stages/desk/minutes",
            COMMITTEE,
        ),
        page("/entrant", "/entrant", ENTRANTS),
        page("/entrant/new", "/entrant/new", ENTRANTS),
        page("/entrant/entry/{entry}", "/entrant/entry/{e}", READERS_OF_E),
        page(
            "/entrant/entry/{entry}/print",
            "/entrant/entry/{e}/print",
            READERS_OF_E,
        ),
        page("/judge", "/judge", JUDGES),
        page(
            "/judge/present/{stage}",
            "/judge/present/{presentation}",
            SCORERS_OF_K,
        ),
        page("/judge/{stage}/{entry}", "/judge/{desk}/{k}", SCORERS_OF_K),
    ]
}

/// The demo's keys and each caller's session.
struct Context {
    app: Router,
    values: BTreeMap<&'static str, String>,
    sessions: BTreeMap<Who, (String, String)>,
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

const E: &str = "rintisan-posyandu-remaja";
const K: &str = "kipp-kini-brexit";
const DESK: &str = "kipp-kini-desk";

async fn sign_in(app: &Router, email: &str) -> (String, String) {
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
async fn context() -> Context {
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
    let values = BTreeMap::from([
        ("e", E.to_owned()),
        ("k", K.to_owned()),
        ("desk", DESK.to_owned()),
        ("presentation", "kipp-kini-presentasi".to_owned()),
        ("current", common::slug_of(&state, "kipp-kini").await),
        ("past", common::slug_of(&state, "kipp-lalu").await),
        ("evidence", evidence.to_string()),
    ]);
    Context {
        app,
        values,
        sessions,
    }
}

const BOUNDARY: &str = "juara-matrix-boundary";

fn multipart(content: &[u8]) -> Vec<u8> {
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
async fn outcome(context: &Context, row: &Row, who: Who) -> Result<bool, String> {
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
fn registered_server_functions() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect()
}

/// The routes `server/src/router.rs` adds, as written there.
fn router_routes() -> BTreeSet<String> {
    let source = include_str!("../src/router.rs");
    source
        .split(".route(")
        .skip(1)
        .filter_map(|rest| rest.split('"').nth(1))
        .map(str::to_owned)
        .collect()
}

/// The app's pages, in the router's notation (`{param}`).
fn app_pages() -> BTreeSet<String> {
    leptos_axum::generate_route_list(app::App)
        .into_iter()
        .map(|listing| listing.path().to_owned())
        .collect()
}

#[tokio::test]
async fn every_function_route_and_page_is_allowed_exactly_to_whom_the_table_says() {
    let functions = server_functions();
    let routes = http_routes();
    let page_rows = pages();

    // Completeness: nothing the router serves may be missing from the table.
    let named = |rows: &[Row]| {
        rows.iter()
            .map(|row| row.name.to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        named(&functions),
        registered_server_functions(),
        "every server function needs a row (left: the table, right: the app)"
    );
    assert_eq!(
        named(&routes),
        router_routes(),
        "every route in router.rs needs a row"
    );
    assert_eq!(named(&page_rows), app_pages(), "every page needs a row");

    let context = context().await;
    let mut wrong = Vec::new();
    let mut calls = 0;
    // Pages and routes first; the server functions end with the sign-out.
    for row in page_rows.iter().chain(&routes).chain(&functions) {
        for who in EVERYONE {
            calls += 1;
            let expected = row.allowed.contains(who);
            match outcome(&context, row, *who).await {
                Ok(allowed) if allowed == expected => {}
                Ok(allowed) => wrong.push(format!(
                    "{} as {who:?}: {} but the table says {}",
                    row.name,
                    if allowed { "allowed" } else { "refused" },
                    if expected { "allowed" } else { "refused" }
                )),
                Err(problem) => wrong.push(format!("{} as {who:?}: {problem}", row.name)),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {calls} calls disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    println!(
        "authorisation matrix: {} functions + {} routes + {} pages × {} callers = {calls} calls",
        functions.len(),
        routes.len(),
        page_rows.len(),
        EVERYONE.len()
    );
}

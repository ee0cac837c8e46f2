//! HTTP tests on the real router around an in-memory database: sign-in, sign-out,
//! the guard's 401/403, cross-site refusal, the sign-in rate limit, health.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::db;
use app::backend::service::accounts::{self, AccountRequest};
use app::backend::state::{AppState, Settings};
use app::error::{AppError, Problem};
use axum::Router;
use axum::body::Body;
use domain::role::{Role, Roles};
use http::{HeaderMap, Request, StatusCode, header};
use leptos::config::LeptosOptions;
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";

async fn app_with_limit(max_failures: usize) -> Router {
    app_with(max_failures, Settings::default()).await
}

async fn app_with(max_failures: usize, settings: Settings) -> Router {
    let db = db::open_for_tests().await.unwrap();
    for (email, role) in [
        ("panitia@juara.test", Role::Admin),
        ("juri@juara.test", Role::Judge),
    ] {
        accounts::add_account(
            &db,
            None,
            AccountRequest {
                email: email.into(),
                name: String::new(),
                password: PASSWORD.into(),
                roles: Roles::new([role]),
                org: None,
            },
        )
        .await
        .unwrap();
    }
    let state = AppState::new(
        db,
        LeptosOptions::builder().output_name("juara").build(),
        settings,
    )
    .with_login_limit(max_failures, Duration::from_secs(600));
    server::router::build(state)
}

async fn app() -> Router {
    app_with_limit(10).await
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = common::answer(app, request).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = common::whole_body(response.into_body()).await;
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn post(path: &str, cookie: Option<&str>) -> http::request::Builder {
    let mut builder = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder
}

async fn call(app: &Router, path: &str, form: &str, cookie: Option<&str>) -> Answer {
    send(
        app,
        post(path, cookie)
            .body(Body::from(form.to_owned()))
            .unwrap(),
    )
    .await
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder.body(Body::empty()).unwrap()
}

/// Signs in and returns the `juara_session=…` pair for later requests.
async fn sign_in(app: &Router, email: &str) -> String {
    let answer = call(
        app,
        "/api/login",
        &format!("email={email}&password={}", PASSWORD.replace(' ', "+")),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    cookie.split(';').next().unwrap().to_owned()
}

fn error_of(answer: &Answer) -> AppError {
    serde_json::from_str(&answer.body).unwrap()
}

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    let answer = send(
        &app().await,
        Request::get("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, "ok");
}

#[tokio::test]
async fn signing_in_sets_an_http_only_same_site_cookie_and_points_home() {
    let app = app().await;
    let answer = call(
        &app,
        "/api/login",
        "email=panitia%40juara.test&password=correct+horse+battery",
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("juara_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    // Programmatic callers are told where to go without a real redirect.
    assert!(answer.headers.contains_key("serverfnredirect"));
    assert_eq!(answer.headers.get(header::LOCATION).unwrap(), "/admin");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_look_the_same() {
    let app = app().await;
    let wrong = call(
        &app,
        "/api/login",
        "email=panitia%40juara.test&password=nope+nope+nope",
        None,
    )
    .await;
    let unknown = call(
        &app,
        "/api/login",
        "email=nobody%40juara.test&password=nope+nope+nope",
        None,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    // The same answer apart from the e-mail echoed back for the form.
    assert_eq!(
        error_of(&wrong),
        AppError::BadCredentials {
            email: "panitia@juara.test".into()
        }
    );
    assert_eq!(
        error_of(&unknown),
        AppError::BadCredentials {
            email: "nobody@juara.test".into()
        }
    );
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn a_plain_form_post_is_redirected_back_with_the_error() {
    let app = app().await;
    let request = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://127.0.0.1:3000/login")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(
            "email=panitia%40juara.test&password=nope+nope+nope",
        ))
        .unwrap();
    let answer = send(&app, request).await;
    assert_eq!(answer.status, StatusCode::FOUND);
    let location = answer
        .headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        location.starts_with("http://127.0.0.1:3000/login?") && location.contains("__err="),
        "{location}"
    );
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_address_even_with_the_right_password() {
    let app = app_with_limit(3).await;
    for _ in 0..3 {
        let answer = call(
            &app,
            "/api/login",
            "email=panitia%40juara.test&password=nope+nope+nope",
            None,
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let right = call(
        &app,
        "/api/login",
        "email=panitia%40juara.test&password=correct+horse+battery",
        None,
    )
    .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        matches!(error_of(&right), AppError::TooManyRequests { retry_after_secs } if retry_after_secs > 0)
    );
    assert!(right.headers.get(header::RETRY_AFTER).is_some());
}

#[tokio::test]
async fn the_guard_answers_401_to_strangers_and_403_to_the_wrong_role() {
    let app = app().await;
    let anonymous = call(&app, "/api/load_committee_overview", "", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(&anonymous), AppError::Unauthorized);

    let judge = sign_in(&app, "juri%40juara.test").await;
    let forbidden = call(&app, "/api/load_committee_overview", "", Some(&judge)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(error_of(&forbidden), AppError::Forbidden);
    let write = call(
        &app,
        "/api/save_organisation",
        "name=Dinas+Baru&kind=pd",
        Some(&judge),
    )
    .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);

    let admin = sign_in(&app, "panitia%40juara.test").await;
    let allowed = call(&app, "/api/load_committee_overview", "", Some(&admin)).await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
}

#[tokio::test]
async fn pages_redirect_strangers_to_sign_in_and_show_403_to_the_wrong_role() {
    let app = app().await;
    let anonymous = send(&app, get("/admin", None)).await;
    assert_eq!(anonymous.status, StatusCode::FOUND);
    assert_eq!(
        anonymous.headers.get(header::LOCATION).unwrap(),
        "/login?next=/admin"
    );

    let judge = sign_in(&app, "juri%40juara.test").await;
    let forbidden = send(&app, get("/admin", Some(&judge))).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert!(forbidden.body.contains("data-test=\"forbidden\""));

    let admin = sign_in(&app, "panitia%40juara.test").await;
    let page = send(&app, get("/admin", Some(&admin))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Ruang panitia"),
        "the page is in Bahasa Indonesia by default"
    );

    let missing = send(&app, get("/no-such-page", None)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = app().await;
    let admin = sign_in(&app, "panitia%40juara.test").await;
    let out = call(&app, "/api/logout", "", Some(&admin)).await;
    assert_eq!(out.status, StatusCode::OK);
    let cleared = out
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cleared.contains("Max-Age=0"));
    // Replaying the old cookie gets nothing.
    let replay = call(&app, "/api/load_committee_overview", "", Some(&admin)).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    let from_elsewhere = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(
            "email=panitia%40juara.test&password=correct+horse+battery",
        ))
        .unwrap();
    let answer = send(&app, from_elsewhere).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.headers.get(header::SET_COOKIE).is_none());

    let old_browser = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::from(
            "email=panitia%40juara.test&password=correct+horse+battery",
        ))
        .unwrap();
    assert_eq!(send(&app, old_browser).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_refuses_foreign_redirects() {
    let app = app().await;
    let answer = send(
        &app,
        Request::get("/lang/en?next=/login")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(answer.status.is_redirection());
    assert_eq!(answer.headers.get(header::LOCATION).unwrap(), "/login");
    assert!(
        answer
            .headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("i18n_pref_locale=en")
    );
    let foreign = send(
        &app,
        Request::get("/lang/en?next=//evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(foreign.headers.get(header::LOCATION).unwrap(), "/");
    let mut request = get("/login", None);
    request
        .headers_mut()
        .insert(header::COOKIE, "i18n_pref_locale=en".parse().unwrap());
    let english = send(&app, request).await;
    assert!(english.body.contains("Sign in to Juara"));
}

#[tokio::test]
async fn sheets_are_written_only_by_judges_and_only_for_their_assignments() {
    let app = app().await;
    let save = |cookie: Option<String>, owner: &str| {
        let body = format!(
            r#"{{"stage":"desk","entry":"e1","owner":"{owner}","revision":{{"values":{{"kebaruan":90}},"comments":{{}},"comment":"","submit":false,"base_revision":0,"idempotency_key":"k1"}}}}"#
        );
        let mut request = Request::post("/api/save_sheet")
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::from(body)).unwrap()
    };
    assert_eq!(
        send(&app, save(None, "x")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let admin = sign_in(&app, "panitia%40juara.test").await;
    assert_eq!(
        send(&app, save(Some(admin), "x")).await.status,
        StatusCode::FORBIDDEN
    );
    let judge = sign_in(&app, "juri%40juara.test").await;
    let me = call(&app, "/api/me", "", Some(&judge)).await;
    let me: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    let judge_id = me["id"].as_str().unwrap().to_owned();
    // Scores a device kept for another account are never saved under this one
    // (a shared tablet).
    let answer = send(&app, save(Some(judge.clone()), "another-judge")).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(error_of(&answer), AppError::Conflict(Problem::OtherAccount));
    // A judge without an assignment for this entry gets 403 too.
    let answer = send(&app, save(Some(judge.clone()), &judge_id)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(error_of(&answer), AppError::Forbidden);

    // Nor may they read it: the proposal and sheet of an entry not theirs.
    let view = call(
        &app,
        "/api/load_scoring_view",
        "stage=desk&entry=e1",
        Some(&judge),
    )
    .await;
    assert_eq!(view.status, StatusCode::FORBIDDEN);
    let page = send(&app, get("/judge/desk/e1", Some(&judge))).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_edition_form_with_some_groups_ticked_creates_the_edition_with_those() {
    let app = app().await;
    let admin = sign_in(&app, "panitia%40juara.test").await;
    let form = "slug=kipp-uji-2027&year=2027&title=KIPP+Uji&time_zone=Asia%2FJakarta&groups%5B0%5D=umum&groups%5B2%5D=khusus&categories=kesehatan%3A+Kesehatan";
    let answer = call(&app, "/api/create_edition", form, Some(&admin)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let editions = call(&app, "/api/editions", "", Some(&admin)).await;
    let list: serde_json::Value = serde_json::from_str(&editions.body).unwrap();
    assert_eq!(list[0]["slug"], "kipp-uji-2027");
    assert_eq!(list[0]["groups"], serde_json::json!(["umum", "khusus"]));
    // None ticked: refused beside the field.
    let none = call(
        &app,
        "/api/create_edition",
        "slug=kipp-uji-2028&year=2028&title=KIPP&time_zone=&categories=Kesehatan",
        Some(&admin),
    )
    .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&none).problem_for("groups").is_some());
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_with_this_responses_nonce() {
    let app = app().await;
    let page = send(&app, get("/login", None)).await;
    assert_eq!(page.status, StatusCode::OK);
    let policy = page
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|value| value.to_str().ok())
        .unwrap()
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"));
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap();
    assert!(nonce.len() >= 16, "a real nonce: {nonce}");
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "Leptos' inline scripts carry the same nonce"
    );
    let again = send(&app, get("/login", None)).await;
    assert!(
        !again
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|value| value.to_str().ok())
            .unwrap()
            .contains(nonce),
        "a new nonce for every response"
    );
}

#[tokio::test]
async fn behind_https_the_session_cookie_is_secure_and_host_only() {
    let app = app_with(
        10,
        Settings {
            secure_cookies: true,
            ..Settings::default()
        },
    )
    .await;
    let answer = call(
        &app,
        "/api/login",
        &format!(
            "email=juri%40juara.test&password={}",
            PASSWORD.replace(' ', "+")
        ),
        None,
    )
    .await;
    let set_cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.starts_with("__Host-juara_session="),
        "{set_cookie}"
    );
    assert!(set_cookie.contains("; Secure") && set_cookie.contains("Path=/"));
    assert!(!set_cookie.contains("Domain"));
    let pair = set_cookie.split(';').next().unwrap().to_owned();
    let signed_in = send(&app, get("/judge", Some(&pair))).await;
    assert_eq!(signed_in.status, StatusCode::OK);
    // The same token under the plain name (set by a plain-HTTP page or a sibling
    // subdomain) is not a session here.
    let token = pair.split_once('=').unwrap().1;
    let planted = send(&app, get("/judge", Some(&format!("juara_session={token}")))).await;
    assert_eq!(planted.status, StatusCode::FOUND);
}

#[tokio::test]
async fn evidence_routes_need_a_session_and_refuse_cross_site_posts() {
    let app = app().await;
    let boundary = "juaraBoundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"section\"\r\n\r\nringkasan\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--{boundary}--\r\n"
    );
    let upload = |site: &str| {
        Request::post("/entrant/entry/e1/evidence")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("sec-fetch-site", site)
            .body(Body::from(body.clone()))
            .unwrap()
    };
    // Anonymous: sent to sign in first, nothing stored.
    let answer = send(&app, upload("same-origin")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers.get(header::LOCATION).unwrap(),
        "/login?next=/entrant/entry/e1"
    );
    // From another site, even with a session cookie: refused before the handler.
    let cookie = sign_in(&app, "panitia@juara.test").await;
    let mut cross = upload("cross-site");
    cross
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    assert_eq!(send(&app, cross).await.status, StatusCode::FORBIDDEN);
    // Files are never served without a session, and unknown ones are 404.
    assert_eq!(
        send(&app, get("/evidence/nothing", None)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app, get("/evidence/nothing", Some(&cookie)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

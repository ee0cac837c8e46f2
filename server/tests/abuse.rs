//! The public site against abuse from outside, on the real router: limits that
//! hold behind a proxy and on a dual-stack socket, a results-page cache that
//! made-up `Host` headers cannot churn, spreadsheets that do not run what
//! someone typed, and a shared device left clean. And pages are built once:
//! the browser hydrates exactly the data the server rendered.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::public_cache::PublicCache;
use domain::stage::PublicationScope;

use app::backend::client_addr::parse_list;
use app::backend::records::execute;
use app::backend::state::Settings;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use common::{HOST, demo_app, send, sign_in_as, slugs};
use http::{Request, StatusCode, header};
use std::net::SocketAddr;
use std::sync::Arc;

fn login_from(peer: &str, forwarded: Option<&str>, email: &str, password: &str) -> Request<Body> {
    let mut request = Request::post("/api/login")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(forwarded) = forwarded {
        request = request.header("x-forwarded-for", forwarded);
    }
    let mut request = request
        .body(Body::from(format!(
            "email={}&password={password}",
            email.replace('@', "%40")
        )))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    request
}

async fn app_behind_proxy(limit: usize) -> Router {
    let (_, state) = common::demo_app_with_login_limit(limit).await;
    let state = app::backend::state::AppState {
        settings: Arc::new(Settings {
            trusted_proxies: parse_list("10.0.0.0/8").unwrap(),
            ..(*state.settings).clone()
        }),
        ..state
    };
    server::router::build(state)
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit() {
    let app = app_behind_proxy(3).await;
    // Three failures from one client behind the proxy lock that client out…
    for _ in 0..3 {
        let (status, _, _) = send(
            &app,
            login_from(
                "10.0.0.2:5000",
                Some("203.0.113.7"),
                "nobody@juara.test",
                "x",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = send(
        &app,
        login_from(
            "10.0.0.2:5000",
            Some("203.0.113.7"),
            "panitia@juara.test",
            "juara-demo-2026",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // …not everyone else behind the same proxy.
    let (status, _, body) = send(
        &app,
        login_from(
            "10.0.0.2:5000",
            Some("198.51.100.4"),
            "panitia@juara.test",
            "juara-demo-2026",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A client writing its own header is not believed: it is not a proxy.
    for forged in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        let (status, _, _) = send(
            &app,
            login_from(
                "198.51.100.99:6000",
                Some(forged),
                "nobody2@juara.test",
                "x",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = send(
        &app,
        login_from(
            "198.51.100.99:6000",
            Some("192.0.2.200"),
            "panitia@juara.test",
            "juara-demo-2026",
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "counted as one client"
    );
}

#[tokio::test]
async fn ipv4_clients_on_a_dual_stack_socket_are_counted_one_by_one() {
    let app = app_behind_proxy(3).await;
    for _ in 0..3 {
        let (status, _, _) = send(
            &app,
            login_from("[::ffff:192.0.2.10]:4000", None, "nobody@juara.test", "x"),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, body) = send(
        &app,
        login_from(
            "[::ffff:192.0.2.11]:4000",
            None,
            "panitia@juara.test",
            "juara-demo-2026",
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "another IPv4 client, not the same /64: {body}"
    );
}

#[tokio::test]
async fn guesses_at_one_account_from_many_addresses_are_counted_on_the_account() {
    let app = app_behind_proxy(3).await;
    for n in 1..=3 {
        let (status, _, _) = send(
            &app,
            login_from(
                &format!("192.0.2.{n}:4000"),
                None,
                "panitia@juara.test",
                "wrong",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = send(
        &app,
        login_from(
            "192.0.2.50:4000",
            None,
            "panitia@juara.test",
            "juara-demo-2026",
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the account waits out the window"
    );
    let (status, _, body) = send(
        &app,
        login_from(
            "192.0.2.50:4000",
            None,
            "inspektorat@juara.test",
            "juara-demo-2026",
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "other accounts are not held: {body}"
    );
}

fn results_page(path: &str, host: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, host)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn made_up_hosts_are_served_but_never_cached() {
    let (app, state) = demo_app().await;
    let (slug, _) = slugs(&app).await;
    let path = format!("/editions/{slug}/results");
    let (status, kept, _) = send(&app, results_page(&path, HOST)).await;
    assert_eq!(status, StatusCode::OK);
    let etag = kept[header::ETAG].to_str().unwrap().to_owned();
    for n in 0..300 {
        let (status, headers, _) =
            send(&app, results_page(&path, &format!("evil{n}.example"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            headers.get(header::ETAG).is_none(),
            "a made-up host is rendered for itself, not kept"
        );
    }
    // The known host's page is still the one kept, not pushed out.
    let (_, again, _) = send(&app, results_page(&path, HOST)).await;
    assert_eq!(again[header::ETAG].to_str().unwrap(), etag);
    let _ = state;
}

#[tokio::test]
async fn no_spreadsheet_runs_what_someone_typed() {
    let (app, state) = demo_app().await;
    let (slug, _) = slugs(&app).await;
    // A title that a spreadsheet would run, published.
    execute(
        &state.db,
        "UPDATE entry SET title = '=HYPERLINK(\"http://evil.example\",\"klik\")' WHERE id = entry:⟨kipp-lalu-sepasar-pedas⟩;",
        Vec::new(),
    )
    .await
    .unwrap();
    let committee = sign_in_as(&app, "panitia@juara.test").await;
    let now = jiff::Timestamp::now();
    app::backend::service::publication::publish(
        &state.db,
        &PublicCache::default(),
        None,
        (&slug, &PublicationScope::Final),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        now,
    )
    .await
    .unwrap();
    state.public.invalidate();
    let (_, _, public_csv) = send(
        &app,
        common::get(&format!("/api/v1/editions/{slug}/results.csv")),
    )
    .await;
    let admin_csv = |file: &'static str| {
        let (app, committee, slug) = (app.clone(), committee.clone(), slug.clone());
        async move {
            let request = Request::get(format!("/admin/editions/{slug}/export/{file}"))
                .header(header::HOST, HOST)
                .header(header::COOKIE, committee)
                .body(Body::empty())
                .unwrap();
            send(&app, request).await.2
        }
    };
    for (name, text) in [
        ("results.csv (open data)", public_csv),
        ("entries.csv", admin_csv("entries.csv").await),
        ("sheets.csv", admin_csv("sheets.csv").await),
        ("results.csv (committee)", admin_csv("results.csv").await),
    ] {
        assert!(text.contains("HYPERLINK"), "{name} lists the entry");
        for cell in text.split([',', '\n']) {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with("=HYPERLINK"),
                "{name} has a cell a spreadsheet would run: {cell}"
            );
        }
    }
}

#[tokio::test]
async fn signing_out_clears_the_device_and_evidence_is_never_kept() {
    let (app, _) = demo_app().await;
    let committee = sign_in_as(&app, "panitia@juara.test").await;
    let logout = Request::post("/api/logout")
        .header(header::HOST, HOST)
        .header(header::COOKIE, committee)
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    let (_, headers, _) = send(&app, logout).await;
    let cleared = headers.get("clear-site-data").unwrap().to_str().unwrap();
    assert!(
        cleared.contains("\"cache\"") && cleared.contains("\"storage\""),
        "{cleared}"
    );
}

#[tokio::test]
async fn evidence_is_never_kept_by_the_browser() {
    let (app, _) = demo_app().await;
    let innovator = sign_in_as(&app, "inovator.janti@juara.test").await;
    let entry = "rintisan-posyandu-remaja";
    let boundary = "juara-test";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"section\"\r\n\r\nringkasan\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bukti.pdf\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(b"%PDF-1.4\n% bukti\n");
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let upload = Request::post(format!("/entrant/entry/{entry}/evidence"))
        .header(header::HOST, HOST)
        .header(header::COOKIE, innovator.clone())
        .header("sec-fetch-site", "same-origin")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let (status, headers, _) = send(&app, upload).await;
    assert!(status.is_redirection());
    assert!(
        headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("done=upload")
    );
    let view = Request::post("/api/load_proposal")
        .header(header::HOST, HOST)
        .header(header::COOKIE, innovator.clone())
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("entry={entry}")))
        .unwrap();
    let (_, _, view) = send(&app, view).await;
    let view: serde_json::Value = serde_json::from_str(&view).unwrap();
    let id = view["evidence"][0]["id"].as_str().unwrap();
    let download = Request::get(format!("/evidence/{id}"))
        .header(header::HOST, HOST)
        .header(header::COOKIE, innovator)
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&app, download).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
}

/// Each page is built once on the server: the browser, which builds it once,
/// then reads exactly the data the server rendered it with. (Pages gated by
/// role used to be built again by the server's extra render passes, with
/// their data loaded a second time under an owner already gone — an error
/// the browser then hydrated over the page.)
#[tokio::test]
async fn each_gated_page_carries_its_data_once_and_never_an_error() {
    let (app, state) = demo_app().await;
    let committee = sign_in_as(&app, "panitia@juara.test").await;
    let judge = sign_in_as(&app, "juri1@juara.test").await;
    let current: Vec<String> = app::backend::records::query_rows(
        &state.db,
        "SELECT VALUE slug FROM edition:⟨kipp-kini⟩;",
        Vec::new(),
        0,
    )
    .await
    .unwrap();
    let current = &current[0];
    for (cookie, path, resources) in [
        (&committee, "/admin".to_owned(), 2),
        (
            &committee,
            format!("/admin/editions/{current}/stages/desk"),
            2,
        ),
        // The accounts and the organisations to choose from.
        (&committee, "/admin/accounts".to_owned(), 3),
        // The assignments and the judge's field visits.
        (&judge, "/judge".to_owned(), 3),
        (
            &judge,
            "/judge/kipp-kini-desk/kipp-kini-brexit".to_owned(),
            2,
        ),
    ] {
        // Many at once, as a page and the service worker's prefetches do.
        let requests = (0..8).map(|_| {
            let request = Request::get(&path)
                .header(header::HOST, HOST)
                .header(header::COOKIE, cookie.clone())
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap();
            let app = app.clone();
            tokio::spawn(async move { send(&app, request).await })
        });
        for request in requests.collect::<Vec<_>>() {
            let (status, _, body) = request.await.unwrap();
            assert_eq!(status, StatusCode::OK, "{path}");
            let mut ids: Vec<&str> = body
                .match_indices("__RESOLVED_RESOURCES[")
                .filter_map(|(at, _)| body[at + 21..].split(']').next())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), resources, "{path}: resources {ids:?}");
            assert!(
                !body.contains("\\\"Err\\\""),
                "{path} carries an error for the browser"
            );
        }
    }
}

/// Every page, six at once: a render never reads another request's state
/// (a reactive title read after its request's arena was gone used to panic
/// under concurrent renders), and none carries an error for the browser.
#[tokio::test]
async fn pages_rendered_at_once_never_mix_their_requests() {
    let (app, state) = demo_app().await;
    let committee = sign_in_as(&app, "panitia@juara.test").await;
    let judge = sign_in_as(&app, "juri1@juara.test").await;
    let writer = sign_in_as(&app, "inovator.janti@juara.test").await;
    let slug = |edition: &'static str| {
        let db = state.db.clone();
        async move {
            let slugs: Vec<String> = app::backend::records::query_rows(
                &db,
                &format!("SELECT VALUE slug FROM edition:⟨{edition}⟩;"),
                Vec::new(),
                0,
            )
            .await
            .unwrap();
            slugs[0].clone()
        }
    };
    let (current, past) = (slug("kipp-kini").await, slug("kipp-lalu").await);
    let pages: Vec<(Option<&String>, String)> = vec![
        (None, "/".into()),
        (None, "/login".into()),
        (None, format!("/editions/{current}")),
        (None, format!("/editions/{past}/results")),
        (None, format!("/editions/{current}/vote")),
        (None, format!("/editions/{current}/objections")),
        (None, "/innovations".into()),
        (Some(&committee), "/admin".into()),
        (Some(&committee), "/admin/assign".into()),
        (Some(&committee), "/admin/accounts".into()),
        (Some(&committee), "/admin/audit".into()),
        (Some(&committee), "/admin/organisations".into()),
        (Some(&committee), "/admin/editions".into()),
        (Some(&committee), format!("/admin/editions/{current}/setup")),
        (
            Some(&committee),
            format!("/admin/editions/{current}/screening"),
        ),
        (
            Some(&committee),
            format!("/admin/editions/{current}/results"),
        ),
        (
            Some(&committee),
            format!("/admin/editions/{current}/stages/desk"),
        ),
        (
            Some(&committee),
            format!("/admin/editions/{current}/stages/desk/advance"),
        ),
        (Some(&writer), "/entrant".into()),
        (
            Some(&writer),
            "/entrant/entry/rintisan-posyandu-remaja".into(),
        ),
        (Some(&judge), "/judge".into()),
        (
            Some(&judge),
            "/judge/kipp-kini-desk/kipp-kini-brexit".into(),
        ),
        (Some(&judge), "/judge/present/kipp-kini-presentasi".into()),
    ];
    let app = &app;
    let requests = pages.iter().flat_map(|(cookie, path)| {
        (0..6).map(move |_| {
            let mut request = Request::get(path.as_str())
                .header(header::HOST, HOST)
                .header(header::ACCEPT, "text/html");
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, (*cookie).clone());
            }
            let request = request.body(Body::empty()).unwrap();
            let (app, path) = (app.clone(), path.clone());
            tokio::spawn(async move { (path, send(&app, request).await) })
        })
    });
    for request in requests.collect::<Vec<_>>() {
        let (path, (status, _, body)) = request.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            !body.contains("\\\"Err\\\""),
            "{path} carries an error for the browser"
        );
    }
}

//! What the public reading pages send a phone: no scripts and no hydration
//! data to anyone not signed in, the whole app to someone signed in; and the
//! build's static files sent precompressed, with the caching they had.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use axum::body::Body;
use common::{demo_app, demo_app_serving, get, send, sign_in_as, slugs};
use http::{Request, StatusCode, header};

/// An innovation of last year's published edition.
const PUBLISHED_INNOVATION: &str = "/innovations/sepasar-pedas";

/// Whether the page loads the app: Leptos' hydration scripts name the wasm
/// and preload the module that starts it.
fn loads_the_app(body: &str) -> bool {
    body.contains(".wasm") || body.contains("modulepreload")
}

/// Whether the page loads any script file (the app's, the service worker's
/// registration, the upload progress). Leptos still ends every page with a
/// few inline lines that set up empty lists: they load nothing.
fn loads_a_script(body: &str) -> bool {
    body.contains("<script src") || body.contains("type=\"module\"")
}

/// Whether resources wrote their data into the page for a wasm to read
/// (`__RESOLVED_RESOURCES[0] = "…"`; an empty list is only set up).
fn carries_hydration_data(body: &str) -> bool {
    body.contains("__RESOLVED_RESOURCES[")
}

#[tokio::test]
async fn public_reading_pages_go_out_without_scripts_unless_someone_is_signed_in() {
    let (app, _) = demo_app().await;
    let (published, _) = slugs(&app).await;
    let lean = [
        "/".to_owned(),
        "/innovations".to_owned(),
        "/innovations?q=pasar".to_owned(),
        PUBLISHED_INNOVATION.to_owned(),
        format!("/editions/{published}"),
        format!("/editions/{published}/results"),
    ];
    for path in &lean {
        let (status, _, body) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            !loads_a_script(&body),
            "{path} loads a script for a visitor"
        );
        assert!(!loads_the_app(&body), "{path} loads the app for a visitor");
        assert!(
            !carries_hydration_data(&body),
            "{path} carries hydration data no one reads"
        );
        assert!(
            body.contains("rel=\"stylesheet\""),
            "{path} lost its stylesheet"
        );
    }
    // The results page is kept in memory after its first render: the copy
    // served from there is as lean.
    let results = format!("/editions/{published}/results");
    let (_, _, again) = send(&app, get(&results)).await;
    assert!(
        !loads_a_script(&again) && !carries_hydration_data(&again),
        "the results page from memory is not lean"
    );

    // Pages that post or belong to someone keep the app.
    for path in ["/login", &format!("/editions/{published}/vote")] {
        let (_, _, body) = send(&app, get(path)).await;
        assert!(loads_the_app(&body), "{path} lost the app");
    }

    // Signed in, the same pages hydrate: the sign-out button asks before
    // unsent scores are thrown away, and that takes the app.
    let cookie = sign_in_as(&app, "juri1@juara.test").await;
    for path in &lean {
        let request = Request::get(path.as_str())
            .header(header::HOST, common::HOST)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = send(&app, request).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            loads_the_app(&body),
            "{path} does not load the app for a judge"
        );
        assert!(
            carries_hydration_data(&body),
            "{path} lacks the data its hydration reads"
        );
    }
}

#[tokio::test]
async fn static_files_are_sent_precompressed_when_the_build_made_copies() {
    let site = common::binary::temp_dir("precompressed-site");
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let raw = b"(function(){ /* the app's glue, long enough to compress */ })();".repeat(20);
    std::fs::write(pkg.join("juara.js"), &raw).unwrap();
    std::fs::write(pkg.join("juara.js.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("juara.js.gz"), b"gzip bytes").unwrap();
    std::fs::write(pkg.join("juara.css"), b"body { margin: 0 } ".repeat(50)).unwrap();
    let (app, _) = demo_app_serving(site.to_str().unwrap()).await;

    let asking = |encoding: Option<&str>, path: &str| {
        let mut request = Request::get(path).header(header::HOST, common::HOST);
        if let Some(encoding) = encoding {
            request = request.header(header::ACCEPT_ENCODING, encoding);
        }
        request.body(Body::empty()).unwrap()
    };
    let (status, headers, body) =
        send(&app, asking(Some("gzip, deflate, br"), "/pkg/juara.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(
        body, "brotli bytes",
        "the build's copy, not one compressed now"
    );
    assert_eq!(headers[header::VARY], "accept-encoding");
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public, max-age=")
    );

    let (_, headers, body) = send(&app, asking(Some("gzip"), "/pkg/juara.js")).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(body, "gzip bytes");

    let (_, headers, body) = send(&app, asking(None, "/pkg/juara.js")).await;
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(body.as_bytes(), raw.as_slice());

    // Without copies (a debug build) the file is compressed on the fly.
    let (status, headers, _) = send(&app, asking(Some("br"), "/pkg/juara.css")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::VARY], "accept-encoding");
    std::fs::remove_dir_all(&site).unwrap();
}

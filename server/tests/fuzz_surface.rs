//! The HTTP surface under garbage: every server function and every route of
//! the real router gets random, oversized, wrongly typed and truncated bodies,
//! from an anonymous caller and from a signed-in committee member. None may
//! answer 500 (a request the server cannot read is the caller's fault: 400,
//! 404, 413, 415, 422), and nothing may be stored.
//!
//! What a request costs is a figure, not an assertion (a stopwatch in a test
//! fails on a busy machine and passes a slow build on a fast one): the slowest
//! requests, each the fastest of three runs, are written to
//! `target/fuzz_surface.json` and printed, for the closing note and for a
//! reviewer to compare between commits. Costs are bounded in the code itself:
//! the body limit (`router::MAX_REQUEST_BYTES`), the catalogue's word and
//! length caps, and pages of at most 20 rows.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use axum::Router;
use axum::body::Body;
use common::HOST;
use http::{Method, Request, StatusCode, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Cases, each one request.
const CASES: u32 = 1_500;

/// Requests slower than this are sent twice more, and their fastest run kept,
/// so one pause of a busy machine does not make a request look expensive.
const SEND_AGAIN_OVER: Duration = Duration::from_millis(20);

/// How many of the slowest requests the figures file lists.
const SLOWEST_KEPT: usize = 10;

/// Every server function, and every route of `server/src/router.rs` with its
/// parameters as `{…}`.
fn targets() -> Vec<(Method, String)> {
    let mut targets: Vec<(Method, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| (Method::POST, path.to_owned()))
        .collect();
    let source = include_str!("../src/router.rs");
    for chunk in source.split(".route(").skip(1) {
        let Some(path) = chunk.split('"').nth(1) else {
            continue;
        };
        let method = if chunk.contains("post(") {
            Method::POST
        } else {
            Method::GET
        };
        targets.push((method, path.to_owned()));
    }
    targets.sort();
    targets
}

/// A body and its content type.
#[derive(Debug, Clone)]
enum Garbage {
    /// Random bytes, declared as a form, JSON or nothing.
    Bytes(Vec<u8>, Option<&'static str>),
    /// A form of random keys and values, some of them nested like serde_qs.
    Form(Vec<(String, String)>),
    /// JSON of the wrong shape: a number, a list, an object of random types.
    Json(serde_json::Value),
    /// A plausible form cut off at a random point.
    Truncated(String, usize),
    /// Far more than any form needs.
    Oversized(usize),
    /// A multipart body with a random part.
    Multipart(Vec<u8>),
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|n| serde_json::json!(n)),
        ".{0,40}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

fn garbage() -> impl Strategy<Value = Garbage> {
    prop_oneof![
        (
            prop::collection::vec(any::<u8>(), 0..2048),
            prop::option::of(prop::sample::select(vec![
                "application/x-www-form-urlencoded",
                "application/json",
                "text/plain",
            ])),
        )
            .prop_map(|(bytes, kind)| Garbage::Bytes(bytes, kind)),
        prop::collection::vec(
            (
                "[a-z_]{1,12}(\\[[a-z0-9]{0,6}\\]){0,2}",
                "(.{0,60}|[0-9]{1,30}|-?[0-9]+\\.[0-9]+|on|true)"
            ),
            0..12
        )
        .prop_map(Garbage::Form),
        json_value().prop_map(Garbage::Json),
        (
            "slug=kipp&stage=desk&entry=x&reason=alasan&q=pasar&email=a%40b.c&page=2",
            0..60usize
        )
            .prop_map(|(form, cut)| Garbage::Truncated(form, cut)),
        (1usize..4).prop_map(|megabytes| Garbage::Oversized(megabytes * 1024 * 1024)),
        prop::collection::vec(any::<u8>(), 0..512).prop_map(Garbage::Multipart),
    ]
}

/// A random path segment for a route's parameters.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,40}",
        Just("..".to_owned()),
        Just("%00".to_owned()),
        "[a-zA-Z0-9%._~-]{100,300}",
    ]
}

fn request(
    (method, path): &(Method, String),
    garbage: &Garbage,
    segments: &[String],
    cookie: Option<&str>,
) -> Request<Body> {
    let mut path = path.clone();
    for segment in segments {
        let Some(start) = path.find('{') else { break };
        let Some(end) = path[start..].find('}') else {
            break;
        };
        path.replace_range(start..start + end + 1, segment);
    }
    // A `{…}` left (more parameters than segments) becomes a plain word.
    let path = path.replace(['{', '}'], "");
    let mut builder = Request::builder()
        .method(method.clone())
        .uri(path)
        .header(header::HOST, HOST)
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    let (kind, body): (Option<String>, Vec<u8>) = match garbage {
        Garbage::Bytes(bytes, kind) => (kind.map(str::to_owned), bytes.clone()),
        Garbage::Form(pairs) => (
            Some("application/x-www-form-urlencoded".into()),
            pairs
                .iter()
                .map(|(key, value)| format!("{key}={}", urlencode(value)))
                .collect::<Vec<_>>()
                .join("&")
                .into_bytes(),
        ),
        Garbage::Json(value) => (
            Some("application/json".into()),
            value.to_string().into_bytes(),
        ),
        Garbage::Truncated(form, cut) => (
            Some("application/x-www-form-urlencoded".into()),
            form.as_bytes()[..(*cut).min(form.len())].to_vec(),
        ),
        Garbage::Oversized(size) => (
            Some("application/x-www-form-urlencoded".into()),
            "q=".bytes()
                .chain(std::iter::repeat_n(b'a', *size))
                .collect(),
        ),
        Garbage::Multipart(bytes) => {
            let mut body =
                b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n"
                    .to_vec();
            body.extend_from_slice(bytes);
            (Some("multipart/form-data; boundary=b".into()), body)
        }
    };
    if let Some(kind) = kind {
        builder = builder.header(header::CONTENT_TYPE, kind);
    }
    builder.body(Body::from(body)).unwrap()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The status of one request and how long it took; an endless event stream's
/// body is not read.
async fn answer(app: &Router, request: Request<Body>) -> (StatusCode, Duration) {
    let started = Instant::now();
    let response = common::answer(app, request).await;
    let status = response.status();
    let streaming = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/event-stream"));
    if !streaming {
        let _ = common::whole_body(response.into_body()).await;
    }
    (status, started.elapsed())
}

/// How many records each table holds.
async fn counts(state: &app::backend::state::AppState) -> BTreeMap<String, i64> {
    use app::backend::records::query_rows;
    let info: Vec<serde_json::Value> = query_rows(&state.db, "INFO FOR DB;", Vec::new(), 0)
        .await
        .unwrap();
    let tables: Vec<String> = info
        .first()
        .and_then(|info| info.get("tables"))
        .and_then(|tables| tables.as_object().map(|map| map.keys().cloned().collect()))
        .unwrap_or_default();
    assert!(
        tables.len() > 10,
        "the schema's tables are listed: {info:?}"
    );
    let mut counts = BTreeMap::new();
    for table in tables {
        let count: Vec<i64> = query_rows(
            &state.db,
            &format!("RETURN count((SELECT id FROM {table}));"),
            Vec::new(),
            0,
        )
        .await
        .unwrap();
        counts.insert(table, count.first().copied().unwrap_or(0));
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_garbage_answers_500_or_stores_anything() {
    let (app, state) = common::demo_app_with_login_limit(100_000).await;
    let admin = common::sign_in_as(&app, "panitia@juara.test").await;
    let targets = targets();
    let before = counts(&state).await;

    let strategy = (
        0..targets.len(),
        garbage(),
        prop::collection::vec(segment(), 0..3),
        any::<bool>(),
    );
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let handle = tokio::runtime::Handle::current();
    let timings = std::cell::RefCell::new(Vec::<(Duration, String)>::new());
    let result = runner.run(&strategy, |(target, garbage, segments, signed_in)| {
        let target = &targets[target];
        // Signing out as the committee would end the session the other cases use.
        let cookie = (signed_in && target.1 != "/api/logout").then_some(admin.as_str());
        let (status, mut took) = tokio::task::block_in_place(|| {
            handle.block_on(answer(&app, request(target, &garbage, &segments, cookie)))
        });
        prop_assert!(
            status != StatusCode::INTERNAL_SERVER_ERROR,
            "{} {} answered 500 to {garbage:?}",
            target.0,
            target.1
        );
        if took > SEND_AGAIN_OVER {
            for _ in 0..2 {
                let (_, again) = tokio::task::block_in_place(|| {
                    handle.block_on(answer(&app, request(target, &garbage, &segments, cookie)))
                });
                took = took.min(again);
            }
        }
        timings
            .borrow_mut()
            .push((took, format!("{} {} {garbage:.60?}", target.0, target.1)));
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let after = counts(&state).await;
    let changed: Vec<_> = before
        .iter()
        // Sessions come and go with sign-ins, and every sign-in attempt,
        // garbage or not, takes its place in a rate-limit window: both are
        // bookkeeping, not something a request stored.
        .filter(|(table, count)| {
            !["session", "rate_window"].contains(&table.as_str())
                && after.get(*table) != Some(count)
        })
        .map(|(table, count)| format!("{table}: {count} → {:?}", after.get(table)))
        .collect();
    assert!(changed.is_empty(), "garbage was stored: {changed:?}");
    write_figures(targets.len(), timings.into_inner());
}

/// Writes the slowest requests to `target/fuzz_surface.json` and prints them.
fn write_figures(target_count: usize, mut timings: Vec<(Duration, String)>) {
    timings.sort_by_key(|timing| std::cmp::Reverse(timing.0));
    let median = timings
        .get(timings.len() / 2)
        .map_or(Duration::ZERO, |t| t.0);
    let slowest: Vec<serde_json::Value> = timings
        .iter()
        .take(SLOWEST_KEPT)
        .map(|(took, request)| {
            serde_json::json!({ "ms": took.as_secs_f64() * 1e3, "request": request })
        })
        .collect();
    let figures = serde_json::json!({
        "targets": target_count,
        "cases": CASES,
        "median_ms": median.as_secs_f64() * 1e3,
        "slowest": slowest,
    });
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz_surface.json");
    std::fs::write(&path, serde_json::to_string_pretty(&figures).unwrap()).unwrap();
    println!(
        "fuzzed {target_count} targets with {CASES} cases; median {median:?}; slowest {:?}; figures in {}",
        timings.first().map(|t| t.0),
        path.display()
    );
}

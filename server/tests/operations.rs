//! What a city's IT office runs: backups made while the server serves and
//! restored into an empty directory (the same bundle for every edition
//! afterwards), exports from a running server, `/metrics` behind its token, and
//! the request id every answer carries.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::binary::{
    http_get, http_get_with_head, juara, serve_logging, serve_with, temp_dir,
};
use crate::common::{HOST, answer, demo_app, get, send, whole_body};
use app::backend::db;
use app::backend::state::AppState;
use axum::body::Body;
use http::{Request, StatusCode, header};
use server::backup::{self, BackupError, Target};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Every edition's bundle, as pretty JSON, by slug.
async fn bundles(db: &db::Db) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for edition in app::backend::repo::editions::list(db).await.unwrap() {
        let bundle = app::backend::bundle::export(db, &edition.slug)
            .await
            .unwrap();
        all.push((edition.slug, serde_json::to_string_pretty(&bundle).unwrap()));
    }
    all.sort();
    all
}

/// Opens the on-disk database at `url` once the last handle has let go of it.
async fn reopen(url: &str) -> db::Db {
    for _ in 0..100 {
        if let Ok(db) = db::open(url).await {
            return db;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    db::open(url).await.unwrap()
}

/// Puts `content` in the evidence store under `data` (as an upload would).
fn store_evidence(data: &Path, content: &[u8]) -> String {
    let address = hex::encode(Sha256::digest(content));
    let shelf = data.join("evidence").join(&address[..2]);
    std::fs::create_dir_all(&shelf).unwrap();
    std::fs::write(shelf.join(&address), content).unwrap();
    address
}

#[tokio::test]
async fn a_backup_restores_the_same_bundle_for_every_edition_with_its_files() {
    let (_, state) = demo_app().await;
    let source = temp_dir("backup-source");
    let evidence = store_evidence(&source, b"%PDF-1.4 a proposal's evidence");
    std::fs::write(source.join("voter.key"), [7u8; 32]).unwrap();
    let file = source.join("backup.zip");
    let manifest = backup::write(&state.db, &source, &file).await.unwrap();
    assert_eq!(manifest.files, 1);
    assert_eq!(manifest.schema_version, db::schema_version());

    // Into an empty on-disk database, as `juara restore` does.
    let target_dir = temp_dir("backup-target");
    let url = format!("surrealkv://{}?sync=every", target_dir.join("db").display());
    let target = Target {
        url: &url,
        credentials: None,
        data_dir: &target_dir,
    };
    let restored_manifest = backup::restore(&file, &target).await.unwrap();
    assert_eq!(restored_manifest, manifest);
    {
        // The restore's own handle lets go of the files a moment after it is dropped.
        let restored = reopen(&url).await;
        let expected = bundles(&state.db).await;
        assert_eq!(expected.len(), 3);
        assert_eq!(bundles(&restored).await, expected);
    }
    assert_eq!(
        std::fs::read(
            target_dir
                .join("evidence")
                .join(&evidence[..2])
                .join(&evidence)
        )
        .unwrap(),
        b"%PDF-1.4 a proposal's evidence"
    );
    assert_eq!(
        std::fs::read(target_dir.join("voter.key")).unwrap(),
        [7u8; 32]
    );

    // A second restore over it is refused before the database is opened
    // (the data directory is checked first): nothing is overwritten.
    let again = backup::restore(&file, &target).await;
    assert!(matches!(again, Err(BackupError::NotEmpty(_))), "{again:?}");

    let _ = std::fs::remove_dir_all(&source);
    let _ = std::fs::remove_dir_all(&target_dir);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_by_name() {
    let (_, state) = demo_app().await;
    let source = temp_dir("backup-damaged");
    // A file whose content is not what its content address says.
    let address = hex::encode(Sha256::digest(b"the real content"));
    let shelf = source.join("evidence").join(&address[..2]);
    std::fs::create_dir_all(&shelf).unwrap();
    std::fs::write(shelf.join(&address), b"something else").unwrap();
    let file = source.join("backup.zip");
    backup::write(&state.db, &source, &file).await.unwrap();
    let target_dir = temp_dir("backup-damaged-target");
    let target = Target {
        url: "mem://",
        credentials: None,
        data_dir: &target_dir,
    };
    let restored = backup::restore(&file, &target).await;
    match restored {
        Err(BackupError::Damaged(reason)) => {
            assert!(
                reason.contains("does not hold what its name says"),
                "{reason}"
            );
        }
        other => panic!("expected a damaged backup, got {other:?}"),
    }
    // Not a backup at all.
    let text = source.join("notes.txt");
    std::fs::write(&text, "not a zip").unwrap();
    assert!(matches!(
        backup::restore(&text, &target).await,
        Err(BackupError::NotABackup(..))
    ));
    let _ = std::fs::remove_dir_all(&source);
    let _ = std::fs::remove_dir_all(&target_dir);
}

/// The token a metrics scraper is given in [`ops_router`].
const METRICS_TOKEN: &str = "metrics-token-0123456789abcdef012345678";

/// The operations router over `state`, with token `secret-token-…` (and the
/// metrics-only [`METRICS_TOKEN`]).
fn ops_router(state: &AppState, data: &Path) -> axum::Router {
    server::ops::router(server::ops::Ops::new(
        state.clone(),
        (
            "secret-token-0123456789abcdef0123456789".into(),
            METRICS_TOKEN.into(),
        ),
        data.to_path_buf(),
    ))
}

fn with_token(path: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn metrics_need_the_token_and_count_answers_by_route_pattern() {
    let (app, state) = demo_app().await;
    let data = temp_dir("metrics");
    let ops = ops_router(&state, &data);
    for path in ["/metrics", "/backup", "/export?edition=kipp-malang-2025"] {
        assert_eq!(
            send(&ops, get(path)).await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        let (status, _, _) = send(&ops, with_token(path, "secret-token-wrong")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }

    // The scraper's token reads the metrics and nothing else.
    let (status, _, _) = send(&ops, with_token("/metrics", METRICS_TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    for path in ["/backup", "/export?edition=kipp-malang-2025"] {
        let (status, _, _) = send(&ops, with_token(path, METRICS_TOKEN)).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{path} with the metrics token"
        );
    }

    assert_eq!(send(&app, get("/healthz")).await.0, StatusCode::OK);
    // Made-up paths are counted under one label, never their own.
    for n in 0..3 {
        send(&app, get(&format!("/made-up-{n}"))).await;
    }
    let (published, _) = crate::common::slugs(&app).await;
    let results = format!("/editions/{published}/results");
    for _ in 0..2 {
        let request = Request::get(&results)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap();
        assert_eq!(answer(&app, request).await.status(), StatusCode::OK);
    }

    let token = "secret-token-0123456789abcdef0123456789";
    let (status, headers, text) = send(&ops, with_token("/metrics", token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    assert!(
        text.contains("juara_http_requests_total{route=\"/healthz\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("juara_http_requests_total{route=\"(unmatched)\",status=\"404\"} 3"),
        "{text}"
    );
    assert!(!text.contains("made-up"), "{text}");
    assert!(
        text.contains("route=\"/editions/{slug}/results\""),
        "{text}"
    );
    assert!(
        text.contains("juara_results_page_total{source=\"rendered\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("juara_results_page_total{source=\"memory\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("juara_mail_messages{state=\"failed\"} 0"),
        "{text}"
    );
    assert!(
        text.contains(
            "juara_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"
        ),
        "{text}"
    );

    // The export answers the bundle; an unknown edition, 404.
    let (status, _, body) = send(
        &ops,
        with_token(&format!("/export?edition={published}"), token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("\"{published}\"")));
    let (status, _, _) = send(&ops, with_token("/export?edition=none", token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let _ = std::fs::remove_dir_all(&data);
}

#[tokio::test]
async fn every_answer_names_its_request_and_a_client_cannot_choose_the_name() {
    let (app, _) = demo_app().await;
    let request = Request::get("/healthz")
        .header("x-request-id", "forged-by-a-client")
        .body(Body::empty())
        .unwrap();
    let response = answer(&app, request).await;
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 16, "{id}");
    assert!(id.bytes().all(|byte| byte.is_ascii_hexdigit()), "{id}");
    let _ = whole_body(response.into_body()).await;
    let other = answer(&app, get("/no-such-page")).await;
    assert_ne!(other.headers()["x-request-id"].to_str().unwrap(), id);
}

/// The whole round on the real binary: a server with the demo; an export and
/// a backup taken from the command line while it serves; the server stopped;
/// the backup restored into an empty directory; the same bundles read there.
#[test]
fn the_command_line_backs_up_a_running_server_and_restores_it_elsewhere() {
    let source = temp_dir("ops-source");
    let evidence = store_evidence(&source, b"\x89PNG a field photo");
    let server = serve_with(&source, &["--demo"]);
    let token = std::fs::read_to_string(source.join("ops.token")).unwrap();
    let ops_addr = std::fs::read_to_string(source.join("ops.addr")).unwrap();
    let (status, _) = http_get(ops_addr.trim(), "/metrics", None);
    assert_eq!(status, 401);
    let (status, metrics) = http_get(ops_addr.trim(), "/metrics", Some(token.trim()));
    assert_eq!(status, 200);
    assert!(metrics.contains("juara_build_info"), "{metrics}");

    let (status, listing) = http_get(&server.addr, "/api/v1/editions", None);
    assert_eq!(status, 200);
    let listing: Vec<serde_json::Value> = serde_json::from_str(&listing).unwrap();
    let slugs: Vec<String> = listing
        .iter()
        .map(|edition| edition["slug"].as_str().unwrap().to_owned())
        .collect();
    assert!(!slugs.is_empty());
    let export = |data: &Path, slug: &str| {
        let output = juara(data)
            .args(["export", "--edition", slug])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "export of {slug}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let while_serving: Vec<String> = slugs.iter().map(|slug| export(&source, slug)).collect();

    let file = source.join("backup.zip");
    let output = juara(&source)
        .args(["backup", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("from the running server"));
    // The server kept serving.
    assert_eq!(http_get(&server.addr, "/healthz", None).0, 200);
    drop(server);

    let target = temp_dir("ops-target");
    let output = juara(&target).arg("restore").arg(&file).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (slug, expected) in slugs.iter().zip(&while_serving) {
        assert_eq!(&export(&target, slug), expected, "{slug}");
    }
    assert_eq!(
        std::fs::read(target.join("evidence").join(&evidence[..2]).join(&evidence)).unwrap(),
        b"\x89PNG a field photo"
    );
    assert_eq!(
        std::fs::read(target.join("voter.key")).unwrap(),
        std::fs::read(source.join("voter.key")).unwrap()
    );
    // Restoring over a database that holds data is refused, saying why.
    let output = juara(&target).arg("restore").arg(&file).output().unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("restore into an empty data directory"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&source);
    let _ = std::fs::remove_dir_all(&target);
}

/// `JUARA_LOG_FORMAT=json`: one JSON object a line, and a request's lines carry
/// the id its answer carried.
#[test]
fn json_logs_carry_the_request_id_the_answer_carried() {
    let data = temp_dir("json-log");
    std::fs::create_dir_all(&data).unwrap();
    let log_path = data.join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let server = serve_logging(
        &data,
        &[],
        &[
            ("JUARA_LOG_FORMAT", "json"),
            ("JUARA_LOG", "info,access=debug"),
        ],
        log,
    );
    let (status, head, _) = http_get_with_head(&server.addr, "/healthz", None);
    assert_eq!(status, 200);
    let id = head
        .lines()
        .find_map(|line| line.strip_prefix("x-request-id: "))
        .unwrap()
        .trim()
        .to_owned();
    // The access line is written as the answer leaves; give it a moment. A
    // read while the server writes can end inside a line, so this one looks
    // only at complete lines, and the whole log is read again once it stopped.
    for _ in 0..50 {
        let so_far = std::fs::read_to_string(&log_path).unwrap();
        let complete = so_far.rfind('\n').map_or("", |end| &so_far[..end]);
        if complete
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .any(|line| line["span"]["id"] == id.as_str())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    drop(server);
    let written = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<serde_json::Value> = written
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("{error} in line {line:?} of the log:\n{written}"))
        })
        .collect();
    // Starting and answering panics nowhere (a panic would be a line of its own).
    assert!(
        !lines.iter().any(|line| line["target"] == "panic"),
        "{written}"
    );
    assert!(lines.iter().any(|line| {
        line["fields"]["message"]
            .as_str()
            .is_some_and(|message| message.contains("is serving on"))
    }));
    let access = lines
        .iter()
        .find(|line| line["span"]["id"] == id.as_str())
        .unwrap_or_else(|| panic!("no line for request {id} in {lines:?}"));
    assert_eq!(access["target"], "access");
    assert_eq!(access["fields"]["status"], 200);
    assert_eq!(access["span"]["route"], "/healthz");
    let _ = std::fs::remove_dir_all(&data);
}

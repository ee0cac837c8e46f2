//! The operations endpoint, on an address of its own (`JUARA_OPS_ADDR`, by
//! default a free port on 127.0.0.1): what the city's IT office and the
//! command line ask a running server for, never what the public site serves.
//!
//! - `GET /metrics`: Prometheus' text format (see `app::backend::metrics`).
//! - `GET /backup`: a whole backup (`crate::backup`), made now while the
//!   site keeps serving, streamed as one zip. One at a time.
//! - `GET /export?edition=<slug>`: one edition's bundle (only reads).
//!
//! Every request needs `Authorization: Bearer <token>`. `/backup` and
//! `/export` take only the text of `<data>/ops.token`, which whoever can read
//! the data directory has anyway; `/metrics` also takes `<data>/metrics.token`,
//! the one to hand a metrics scraper, which can read nothing else. Both are
//! made on first start, readable by the server's user only. The address
//! actually bound is written to `<data>/ops.addr` once the server serves (and
//! removed when it starts and stops), so that `juara backup` finds the server
//! that holds the embedded database and never a stale port.

use crate::backup;
use crate::config::Config;
use crate::data_dir;
use app::backend::metrics::StoredFigures;
use app::backend::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use domain::mail::MailState;
use http::{StatusCode, header};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

/// The file the bound address is written to, in the data directory.
pub const ADDR_FILE: &str = "ops.addr";
/// The file holding the operations token (everything), in the data directory.
pub const TOKEN_FILE: &str = "ops.token";
/// The file holding the metrics token (`/metrics` only), in the data directory.
pub const METRICS_TOKEN_FILE: &str = "metrics.token";

/// What the endpoint's handlers share.
#[derive(Clone)]
pub struct Ops {
    state: AppState,
    token: Arc<str>,
    metrics_token: Arc<str>,
    data_dir: PathBuf,
    /// Held while a backup is written and sent: a second one waits for
    /// nothing, it is refused (each reads the whole database).
    backing_up: Arc<tokio::sync::Mutex<()>>,
}

impl Ops {
    /// The endpoint's state over the app's `state`.
    #[must_use]
    pub fn new(state: AppState, tokens: (String, String), data_dir: PathBuf) -> Ops {
        let (token, metrics_token) = tokens;
        Ops {
            state,
            token: token.into(),
            metrics_token: metrics_token.into(),
            data_dir,
            backing_up: Arc::default(),
        }
    }
}

/// Binds the endpoint, writes its address to `<data>/ops.addr` and serves it
/// in the background; answers the bound address.
pub async fn start(config: &Config, state: AppState) -> Result<SocketAddr, String> {
    let token = data_dir::token(&config.data, TOKEN_FILE).map_err(|error| error.to_string())?;
    let metrics_token =
        data_dir::token(&config.data, METRICS_TOKEN_FILE).map_err(|error| error.to_string())?;
    remove_unfinished_backups(&config.data);
    let wanted = config
        .ops_addr
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    let listener = tokio::net::TcpListener::bind(wanted)
        .await
        .map_err(|error| format!("could not listen on {wanted} (JUARA_OPS_ADDR): {error}"))?;
    let bound = listener
        .local_addr()
        .map_err(|error| format!("could not read the operations address: {error}"))?;
    let addr_file = config.data.join(ADDR_FILE);
    let part = config.data.join(format!(".{ADDR_FILE}.part"));
    std::fs::write(&part, format!("{bound}\n"))
        .and_then(|()| std::fs::rename(&part, &addr_file))
        .map_err(|error| format!("could not write {}: {error}", addr_file.display()))?;
    let app = router(Ops::new(state, (token, metrics_token), config.data.clone()));
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the operations endpoint stopped");
        }
    });
    Ok(bound)
}

/// Forgets the address of a server that is no longer (or not yet) serving:
/// called as a server starts, before it holds anything a command could ask
/// for, and as it stops.
pub fn forget_address(data_dir: &std::path::Path) {
    let _ = std::fs::remove_file(data_dir.join(ADDR_FILE));
}

/// Backups a stopped or cancelled request left half-written.
fn remove_unfinished_backups(data_dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(data_dir.join("backups")) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(".ops-") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The endpoint's routes, all behind a token: `/metrics` behind either, the
/// rest behind the operations token only.
pub fn router(ops: Ops) -> Router {
    let everything = Router::new()
        .route("/backup", get(backup))
        .route("/export", get(export))
        .layer(axum::middleware::from_fn_with_state(
            ops.clone(),
            require_ops_token,
        ));
    Router::new()
        .route("/metrics", get(metrics))
        .layer(axum::middleware::from_fn_with_state(
            ops.clone(),
            require_metrics_token,
        ))
        .merge(everything)
        .with_state(ops)
}

fn bearer(request: &Request) -> &[u8] {
    request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default()
        .as_bytes()
}

async fn require_metrics_token(State(ops): State<Ops>, request: Request, next: Next) -> Response {
    let given = bearer(&request);
    // Both compared whatever the first says: no timing tells which matched.
    let allowed = equal_in_constant_time(given, ops.metrics_token.as_bytes())
        | equal_in_constant_time(given, ops.token.as_bytes());
    if allowed {
        next.run(request).await
    } else {
        unauthorised()
    }
}

async fn require_ops_token(State(ops): State<Ops>, request: Request, next: Next) -> Response {
    if equal_in_constant_time(bearer(&request), ops.token.as_bytes()) {
        next.run(request).await
    } else {
        unauthorised()
    }
}

fn unauthorised() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        "this needs the token in <data>/ops.token (or, for /metrics only, <data>/metrics.token)\n",
    )
        .into_response()
}

/// Whether `a` and `b` are equal, taking as long whatever the first
/// difference (the token must not be guessable byte by byte from timings).
fn equal_in_constant_time(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

async fn metrics(State(ops): State<Ops>) -> Response {
    let stored = match app::backend::repo::mail::counts(&ops.state.db).await {
        // Every state, at 0 when no message stands in it: a series that
        // appears only once it is non-zero cannot be alerted on.
        Ok(counts) => StoredFigures {
            mail_by_state: MailState::ALL
                .iter()
                .map(|state| {
                    let count = counts
                        .iter()
                        .find(|(counted, _)| counted == state)
                        .map_or(0, |(_, count)| *count);
                    (state.key().to_owned(), count)
                })
                .collect(),
        },
        Err(error) => {
            tracing::warn!(%error, "metrics: could not count the outbox");
            StoredFigures::default()
        }
    };
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        ops.state.metrics.render(&stored),
    )
        .into_response()
}

async fn backup(State(ops): State<Ops>) -> Response {
    let Ok(_one_at_a_time) = ops.backing_up.try_lock() else {
        return (
            StatusCode::CONFLICT,
            "a backup is being made already; try again when it is done\n",
        )
            .into_response();
    };
    // In a task of its own: should the caller go away mid-way, the backup is
    // still finished and its file unlinked, never left behind.
    let made = tokio::spawn({
        let ops = ops.clone();
        async move { make_backup(&ops).await }
    })
    .await;
    let (file, manifest) = match made {
        Ok(Ok(made)) => made,
        Ok(Err(reason)) => return failed(&reason),
        Err(error) => return failed(&error.to_string()),
    };
    let length = file.metadata().await.map(|meta| meta.len()).unwrap_or(0);
    tracing::info!(
        files = manifest.files,
        database_bytes = manifest.database_bytes,
        bytes = length,
        "backup made for the command line"
    );
    let chunks = futures_util::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buffer = vec![0u8; 256 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(read) => {
                buffer.truncate(read);
                Some((Ok::<_, std::io::Error>(buffer), file))
            }
            Err(error) => Some((Err(error), file)),
        }
    });
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_LENGTH, length.to_string()),
        ],
        Body::from_stream(chunks),
    )
        .into_response()
}

/// Writes a backup under `<data>/backups/` (0700) and answers it open, its
/// name already gone: the open file stays readable, nothing stays on disk.
async fn make_backup(ops: &Ops) -> Result<(tokio::fs::File, backup::Manifest), String> {
    let dir = ops.data_dir.join("backups");
    std::fs::create_dir_all(&dir)
        .map_err(|error| format!("could not create {}: {error}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let path = dir.join(format!(".ops-{}.zip", std::process::id()));
    let written = backup::write(&ops.state.db, &ops.data_dir, &path).await;
    let opened = match written {
        Ok(manifest) => tokio::fs::File::open(&path)
            .await
            .map(|file| (file, manifest))
            .map_err(|error| format!("could not read the backup: {error}")),
        Err(error) => Err(error.to_string()),
    };
    let _ = tokio::fs::remove_file(&path).await;
    opened
}

/// `?edition=<slug>`.
#[derive(Debug, serde::Deserialize)]
struct ExportQuery {
    edition: String,
}

async fn export(State(ops): State<Ops>, Query(query): Query<ExportQuery>) -> Response {
    match app::backend::bundle::export(&ops.state.db, &query.edition).await {
        Ok(bundle) => match serde_json::to_string_pretty(&bundle) {
            Ok(text) => ([(header::CONTENT_TYPE, "application/json")], text + "\n").into_response(),
            Err(error) => failed(&error.to_string()),
        },
        Err(app::error::AppError::NotFound) => (
            StatusCode::NOT_FOUND,
            format!("no edition `{}`\n", query.edition),
        )
            .into_response(),
        Err(error) => failed(&format!("could not export the edition: {error}")),
    }
}

fn failed(reason: &str) -> Response {
    tracing::error!(reason, "operations request failed");
    (StatusCode::INTERNAL_SERVER_ERROR, format!("{reason}\n")).into_response()
}

#[cfg(test)]
mod tests {
    use super::equal_in_constant_time;

    #[test]
    fn tokens_compare_whole() {
        assert!(equal_in_constant_time(b"abc", b"abc"));
        assert!(!equal_in_constant_time(b"abc", b"abd"));
        assert!(!equal_in_constant_time(b"abc", b"abcd"));
        assert!(!equal_in_constant_time(b"", b"abc"));
    }
}

//! Every request gets an id, carried by its answer (`x-request-id`) and by every
//! log line written while it is handled, so that a clerk's "it said error
//! 7f3a…" leads to the log line; and every answer is counted for `/metrics`.
//!
//! A request id already set by a trusted reverse proxy (nginx's `$request_id`)
//! is kept, so the proxy's access log and ours name a request alike; from
//! anyone else the header is ignored, since a client could otherwise make its
//! requests look like another's in the logs.
//!
//! The access line itself is logged at `debug` (target `access`): the proxy in
//! front keeps the access log, and a line per request at `info` would drown
//! the lines worth reading. An answer of 500 or more is logged at `warn`.

use app::backend::metrics::UNMATCHED;
use app::backend::state::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use std::net::SocketAddr;
use std::time::Instant;
use tracing::Instrument;

/// The header that carries the id both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// Names, counts and (at `debug`) logs each request.
pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(&state, &request);
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let method = request.method().clone();
    // At error level, so that the span (and the id in it) is there whatever
    // the filter lets through: a warning or an error names its request.
    let span = tracing::error_span!("request", id = %id, method = %method, route = %route);
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    state.metrics.answered(&route, status, took);
    span.in_scope(|| {
        let millis = took.as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::warn!(target: "access", status, millis, "answered");
        } else {
            tracing::debug!(target: "access", status, millis, "answered");
        }
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

/// The proxy's id when a trusted proxy sent a well-formed one, else a new one.
fn request_id(state: &AppState, request: &Request) -> String {
    let from_trusted_proxy = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(peer)| {
            state
                .settings
                .trusted_proxies
                .iter()
                .any(|block| block.contains(peer.ip()))
        });
    let given = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_well_formed(id));
    match given {
        Some(id) if from_trusted_proxy => id.to_owned(),
        _ => new_id(),
    }
}

/// At most 64 characters of letters, digits, `-`, `_` and `.`: what proxies
/// make, and nothing that could break a log line.
fn is_well_formed(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-_.".contains(&byte))
}

/// 16 random hex digits: short enough to read out over the phone.
fn new_id() -> String {
    use rand::RngCore;
    format!("{:016x}", rand::rngs::OsRng.next_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_taken() {
        assert!(is_well_formed("5f2b9c0d1e3a4b6c"));
        assert!(is_well_formed("req-1.2_3"));
        assert!(!is_well_formed(""));
        assert!(!is_well_formed("a b"));
        assert!(!is_well_formed("line\nbreak"));
        assert!(!is_well_formed(&"x".repeat(65)));
    }

    #[test]
    fn new_ids_are_sixteen_hex_digits() {
        let id = new_id();
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|byte| byte.is_ascii_hexdigit()));
        assert_ne!(new_id(), id);
    }
}

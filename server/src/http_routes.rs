//! Routes that are not server functions: health, language switch, the
//! cross-site request check and the signed-in person's lookup.

use app::api::auth::safe_next;
use app::backend::auth::{self, SignedIn};
use app::backend::db;
use app::backend::state::AppState;
use axum::extract::{Path, Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, Method, StatusCode, header};
use serde::Deserialize;

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if db::ping(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// Query of the language switch.
#[derive(Debug, Deserialize)]
pub struct LangQuery {
    next: Option<String>,
}

/// `GET /lang/{locale}?next=/path`: remembers the language in a cookie and goes
/// back. A plain link, so the switch works without JavaScript.
pub async fn switch_language(
    Path(locale): Path<String>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = match locale.as_str() {
        "en" => "en",
        _ => "id",
    };
    let next = safe_next(query.next.as_deref()).unwrap_or("/").to_owned();
    let cookie = format!("i18n_pref_locale={locale}; Path=/; Max-Age=31536000; SameSite=Lax");
    ([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response()
}

/// Looks up who signed the request, once, before anything renders, and keeps
/// the answer in the request (`SignedIn`). The page's sign-in state is then
/// ready when the first view is built, so the role gate decides synchronously
/// and builds the page exactly once (a gate that waited for it inside a
/// `Suspense` had its page built twice on the server, and the browser then
/// hydrated the wrong copy's data). Static files skip the lookup.
pub async fn resolve_signed_in(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let is_static = path.starts_with("/pkg/")
        || path == "/healthz"
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
    if !is_static {
        let user = match SignedIn::look_up(&state, request.headers()).await {
            Ok(SignedIn(user)) => user,
            Err(error) => {
                tracing::error!(%error, "could not look up a session");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let tag = user.as_ref().map(|user| auth::account_tag(&user.id));
        request.extensions_mut().insert(SignedIn(user));
        let mut response = next.run(request).await;
        if let Some(tag) = tag
            && let Ok(value) = http::HeaderValue::from_str(&tag)
        {
            response
                .headers_mut()
                .insert(http::HeaderName::from_static(auth::ACCOUNT_HEADER), value);
        }
        return response;
    }
    next.run(request).await
}

/// Refuses state-changing requests that a browser sent from another site.
///
/// Browsers label every request with `Sec-Fetch-Site`; older ones at least send
/// `Origin` on POST. A request with neither did not come from a browser page (curl,
/// scripts) and carries no ambient cookie risk, so it passes.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if is_cross_site(request.headers(), state.settings.public_origin.as_deref()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "Cross-site request refused: this form must be sent from Juara's own pages.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Whether the headers show a request sent from another site.
#[must_use]
pub fn is_cross_site(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = text("origin") else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    match public_origin {
        Some(expected) => origin.trim_end_matches('/') != expected.trim_end_matches('/'),
        None => {
            let host = text("host").unwrap_or_default();
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            origin_host != host
        }
    }
}

/// Whether a request's `If-None-Match` names `etag` (or `*`): the client has
/// this representation and gets 304. Compared weakly, as RFC 9110 has it for
/// `If-None-Match`: `W/"x"` and `"x"` name the same representation.
#[must_use]
pub fn client_has(headers: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let wanted = opaque(etag);
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|given| {
            given
                .split(',')
                .any(|tag| tag.trim() == "*" || opaque(tag) == wanted)
        })
}

#[cfg(test)]
mod tests {
    use super::{client_has, is_cross_site};
    use http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let asked = |value: &'static str| headers(&[("if-none-match", value)]);
        assert!(client_has(&asked("W/\"p1\""), "W/\"p1\""));
        assert!(client_has(&asked("\"p1\""), "W/\"p1\""));
        assert!(client_has(&asked("W/\"p1\""), "\"p1\""));
        assert!(client_has(&asked("\"p0\", W/\"p1\""), "\"p1\""));
        assert!(client_has(&asked("*"), "\"p1\""));
        assert!(!client_has(&asked("W/\"p2\""), "\"p1\""));
        assert!(!client_has(&headers(&[]), "\"p1\""));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            None
        ));
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "none")]),
            None
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            None
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            None
        ));
    }

    #[test]
    fn origin_must_match_host_or_the_public_origin() {
        let same = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        let other = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!is_cross_site(&same, None));
        assert!(is_cross_site(&other, None));
        let proxied = headers(&[
            ("origin", "https://juara.malangkota.go.id"),
            ("host", "10.0.0.5:3000"),
        ]);
        assert!(!is_cross_site(
            &proxied,
            Some("https://juara.malangkota.go.id")
        ));
        assert!(is_cross_site(&headers(&[("origin", "null")]), None));
    }

    #[test]
    fn requests_without_browser_headers_pass() {
        assert!(!is_cross_site(&HeaderMap::new(), None));
    }
}

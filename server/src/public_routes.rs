//! The public site's routes that are not pages: `robots.txt` and `sitemap.xml`
//! (absolute addresses, so they are made per request from the public origin),
//! the photos of public profiles, and the cache headers of static files.

use app::backend::evidence_store::EvidenceStore;
use app::backend::service::editions;
use app::backend::state::AppState;
use axum::extract::{Path, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::ids::{EvidenceId, InnovationId};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use std::fmt::Write;

/// What crawlers may read: the public site and the open data, not the work
/// areas, nor invitation links (one-time tokens in the address).
const ROBOTS: &str = "User-agent: *\n\
Disallow: /admin\n\
Disallow: /entrant\n\
Disallow: /judge\n\
Disallow: /invite/\n\
Disallow: /api/\n\
Allow: /api/v1/\n";

/// `GET /robots.txt`.
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = state.settings.origin_for(&headers);
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        format!("{ROBOTS}\nSitemap: {origin}/sitemap.xml\n"),
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `GET /sitemap.xml`: the home page, the catalogue, every edition, every
/// published results page and every public innovation profile.
pub async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = state.settings.origin_for(&headers);
    let (Ok(editions), Ok(catalogue)) = (
        editions::list(&state.db, jiff::Timestamp::now()).await,
        state.public.catalogue(&state.db).await,
    ) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut paths = vec!["/".to_owned(), "/innovations".to_owned()];
    for edition in &editions {
        paths.push(format!("/editions/{}", edition.slug));
        if edition.results_published {
            paths.push(format!("/editions/{}/results", edition.slug));
        }
    }
    paths.extend(
        catalogue
            .profiles()
            .iter()
            .map(|profile| format!("/innovations/{}", profile.id)),
    );
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc></url>",
            escape(&format!("{origin}{path}"))
        );
    }
    xml.push_str("</urlset>\n");
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    )
        .into_response()
}

/// `GET /innovations/{id}/photos/{photo}`: an image attached to a section the
/// innovation's public profile shows, and nothing else.
pub async fn photo(
    State(state): State<AppState>,
    Path((id, photo)): Path<(InnovationId, EvidenceId)>,
) -> Response {
    let Ok(catalogue) = state.public.catalogue(&state.db).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Some((media_type, sha256)) = catalogue.photo(&id, &photo) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let store = EvidenceStore::new(state.settings.evidence_dir.clone());
    match store.get(sha256).await {
        Ok(content) => {
            let mut response = content.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(media_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox"),
            );
            // Content-addressed: the same address always holds the same bytes.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            response
        }
        Err(error) => {
            tracing::warn!(%error, %photo, "a public photo's file cannot be read");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

/// How long a static file at `path` may be kept (`None`: no header).
fn cache_policy(path: &str, hash_files: bool, is_html: bool) -> Option<&'static str> {
    if is_html {
        None
    } else if path.starts_with("/pkg/") && hash_files {
        Some("public, max-age=31536000, immutable")
    } else if path == "/sw.js" {
        Some("no-cache")
    } else if path.starts_with("/pkg/")
        || matches!(
            path,
            "/favicon.svg" | "/manifest.webmanifest" | "/offline.js" | "/upload.js"
        )
    {
        Some("public, max-age=3600")
    } else {
        None
    }
}

/// Cache lifetimes of static files: the build's hashed files under `/pkg/`
/// never change (a new build has new names), so browsers keep them for a year
/// without asking; the service worker is always revalidated (so an update is
/// found); the other files for an hour.
pub async fn static_cache_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let status = response.status();
    let answers_a_file = matches!(
        status,
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
    );
    if !answers_a_file || response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let Some(policy) = cache_policy(&path, state.leptos_options.hash_files, is_html) else {
        return response;
    };
    // On a 304 and a 206 too, as on the 200 they stand for.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    // A precompressed copy is chosen by the request's Accept-Encoding: a shared
    // cache must not hand the brotli copy (or a 304 about it) to a client
    // without brotli.
    if !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_immutable_and_the_service_worker_revalidates() {
        let immutable = Some("public, max-age=31536000, immutable");
        assert_eq!(
            cache_policy("/pkg/juara.0a1b2c.wasm", true, false),
            immutable
        );
        assert_eq!(
            cache_policy("/pkg/juara.css", false, false),
            Some("public, max-age=3600")
        );
        assert_eq!(cache_policy("/sw.js", true, false), Some("no-cache"));
        assert_eq!(
            cache_policy("/upload.js", true, false),
            Some("public, max-age=3600")
        );
        assert_eq!(cache_policy("/innovations", true, true), None);
        assert_eq!(cache_policy("/pkg/x.js", true, true), None);
    }

    #[test]
    fn sitemap_addresses_are_escaped() {
        assert_eq!(
            escape("http://a/?q=1&b=<x>"),
            "http://a/?q=1&amp;b=&lt;x&gt;"
        );
    }
}

//! Published results pages from memory: the page a city shares when winners are
//! announced is rendered once per publication (per language and host) by the
//! Leptos handler behind this middleware, compressed once with gzip and brotli,
//! and then served from memory with an ETag, so that revalidation answers 304.
//!
//! This is the router's outermost layer, so that a page served from memory
//! passes through nothing else; the headers the layers below set when it was
//! rendered (security policy, nosniff, framing, referrer) are kept with it.
//!
//! Only anonymous requests are served this way: a signed-in person's page
//! carries their name and is rendered for them. The standing publication is
//! checked again every few seconds (`PAGE_CHECK_EVERY`, by one request while
//! the others are served), a page not cached yet is rendered by one request
//! while the others wait for it, and publishing or withdrawing in this process
//! drops every cached page at once.

use app::backend::auth::{self, session};
use app::backend::public_cache::CachedPage;
use app::backend::service::publication;
use app::backend::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use std::io::Write;
use std::sync::Arc;

/// The largest page kept (a results page of a few hundred entries is ~200 KB).
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Every view revalidates (a 304 of a few hundred bytes while the page stands),
/// so that a withdrawn publication leaves every screen at once; shared caches
/// must keep languages apart.
const CACHE_CONTROL: &str = "public, no-cache";
const VARY: &str = "Accept-Encoding, Cookie";

/// The slug of a results page path (`/editions/{slug}/results`).
fn results_slug(path: &str) -> Option<&str> {
    let slug = path.strip_prefix("/editions/")?.strip_suffix("/results")?;
    (!slug.is_empty()
        && slug
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'))
    .then_some(slug)
}

/// The language the page is rendered in (the switch's cookie; Indonesian unless
/// it says English).
fn language(headers: &HeaderMap) -> &'static str {
    if auth::cookie(headers, "i18n_pref_locale").as_deref() == Some("en") {
        "en"
    } else {
        "id"
    }
}

/// The best encoding the client accepts among ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn negotiate(headers: &HeaderMap) -> Encoding {
        let accepted: Vec<(String, bool)> = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|item| {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
                let refused = parts.any(|param| {
                    param
                        .trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                (name, !refused)
            })
            .collect();
        let takes = |wanted: &str| {
            accepted
                .iter()
                .any(|(name, ok)| *ok && (name == wanted || name == "*"))
        };
        if takes("br") {
            Encoding::Brotli
        } else if takes("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }
}

/// Serves `/editions/{slug}/results` from memory when it can; every other
/// request goes on unchanged.
pub async fn serve_from_memory(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(slug) = results_slug(request.uri().path()).map(str::to_owned) else {
        return next.run(request).await;
    };
    let method = request.method().clone();
    let anonymous = session::token_from(request.headers(), state.settings.secure_cookies).is_none();
    if !(method == Method::GET || method == Method::HEAD)
        || request.uri().query().is_some()
        || !anonymous
    {
        return next.run(request).await;
    }
    // Only the hosts the site answers to are kept: a made-up `Host` is served
    // as rendered, never cached, and never waits for or holds the render lock.
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .map(str::to_ascii_lowercase);
    if !host.is_some_and(|host| state.settings.known_hosts.contains(&host)) {
        return next.run(request).await;
    }
    let language = language(request.headers());
    // The host is part of the key: absolute share links in the page name it.
    let key = format!(
        "{}{}",
        state.settings.origin_for(request.headers()),
        request.uri().path()
    );
    let head = method == Method::HEAD;
    let page = match state.public.page(&key, language) {
        Some((page, false)) => page,
        Some((page, true)) => match publication::standing_key(&state.db, &slug).await {
            Ok(Some(standing)) if standing == page.version => page,
            Ok(_) => {
                state.public.forget(&key);
                return render(&state, &slug, &key, language, request, next).await;
            }
            // The database did not answer: the page people already see stays.
            Err(_) => page,
        },
        None => return render(&state, &slug, &key, language, request, next).await,
    };
    state.metrics.results_page(true);
    respond(&page, request.headers(), language, head)
}

/// Renders the page through Leptos, keeps it when it shows a standing
/// publication, and answers with it.
async fn render(
    state: &AppState,
    slug: &str,
    key: &str,
    language: &'static str,
    mut request: Request,
    next: Next,
) -> Response {
    let headers = request.headers().clone();
    let headers = &headers;
    let head = request.method() == Method::HEAD;
    // Nothing published (the page says so, with a 404) or no database: render
    // as usual and keep nothing — without the lock, so that requests for a
    // page that cannot be cached never queue behind each other.
    if !matches!(
        publication::standing_key(&state.db, slug).await,
        Ok(Some(_))
    ) {
        return next.run(request).await;
    }
    let _rendering = state.public.rendering().await;
    // Rendered by another request while this one waited.
    if let Some((page, _)) = state.public.page(key, language) {
        state.metrics.results_page(true);
        return respond(&page, headers, language, head);
    }
    let standing = match publication::standing_key(&state.db, slug).await {
        Ok(Some(standing)) => standing,
        // Withdrawn while this one waited: render as usual, keep nothing.
        _ => return next.run(request).await,
    };
    let generation = state.public.generation();
    *request.method_mut() = Method::GET;
    request.headers_mut().remove(header::IF_NONE_MATCH);
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(identity) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Everything the stack below set (type, security policy, the security
    // headers), but what is per response or set here.
    let kept: Vec<_> = parts
        .headers
        .iter()
        .filter(|(name, _)| {
            ![
                header::DATE,
                header::CONTENT_LENGTH,
                header::TRANSFER_ENCODING,
                header::SET_COOKIE,
                header::ETAG,
                header::CACHE_CONTROL,
                header::VARY,
                header::CONTENT_ENCODING,
            ]
            .contains(name)
        })
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let nonce = nonce(&parts.headers);
    let compressed = tokio::task::spawn_blocking({
        let identity = identity.clone();
        let kept = kept.clone();
        move || {
            let digest = digest(&kept, &identity, nonce.as_deref());
            (gzip(&identity), brotli(&identity), digest)
        }
    })
    .await;
    let Ok((Some(gzip), Some(brotli), digest)) = compressed else {
        tracing::warn!("could not compress the results page; serving it uncached");
        let mut response = Response::new(Body::from(identity));
        *response.headers_mut() = parts.headers;
        return response;
    };
    let page = Arc::new(CachedPage {
        version: standing,
        headers: kept,
        identity,
        gzip,
        brotli,
        generation,
        digest,
    });
    state.public.keep(key, language, page.clone());
    state.metrics.results_page(false);
    respond(&page, headers, language, head)
}

/// The nonce of the page's security policy, which Leptos writes on the page's
/// inline scripts: new in every rendering.
fn nonce(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let (_, rest) = policy.split_once("'nonce-")?;
    let (nonce, _) = rest.split_once('\'')?;
    (!nonce.is_empty()).then(|| nonce.to_owned())
}

/// The first 16 hex digits of the SHA-256 of the page — the headers kept
/// with it and its bytes — without its `nonce`: the same page rendered again
/// (after a restart, or by another instance behind the same address) has the
/// same tag, so a phone's copy is confirmed with a 304; anything else that
/// differs, such as a new build's asset names or a changed security policy,
/// changes it. Short in every request's If-None-Match.
fn digest(headers: &[(HeaderName, HeaderValue)], page: &[u8], nonce: Option<&str>) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    let mut update = |bytes: &[u8]| match (nonce, std::str::from_utf8(bytes)) {
        (Some(nonce), Ok(text)) => text.split(nonce).for_each(|piece| hasher.update(piece)),
        _ => hasher.update(bytes),
    };
    for (name, value) in headers {
        update(name.as_str().as_bytes());
        update(b": ");
        update(value.as_bytes());
        update(b"\n");
    }
    update(b"\n");
    update(page);
    hex::encode(&hasher.finalize()[..8])
}

fn gzip(bytes: &[u8]) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

fn brotli(bytes: &[u8]) -> Option<Bytes> {
    let mut out = Vec::new();
    {
        // Quality 11, window 22: the page is compressed once and sent thousands of times.
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).ok()?;
        writer.flush().ok()?;
    }
    Some(Bytes::from(out))
}

/// The answer for `page`: 304 when the client has it, else its bytes in the
/// best encoding the client takes.
fn respond(page: &CachedPage, request: &HeaderMap, language: &str, head: bool) -> Response {
    let encoding = Encoding::negotiate(request);
    // Weak: renderings with the same tag differ in their nonce.
    let etag = format!(
        "W/\"p{}-{}-{language}-{}\"",
        page.digest,
        page.version,
        encoding.token()
    );
    let fresh = crate::http_routes::client_has(request, &etag);
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = match encoding {
            Encoding::Brotli => page.brotli.clone(),
            Encoding::Gzip => page.gzip.clone(),
            Encoding::Identity => page.identity.clone(),
        };
        let length = body.len();
        let mut response = Response::new(if head {
            Body::empty()
        } else {
            Body::from(body)
        });
        let headers = response.headers_mut();
        for (name, value) in &page.headers {
            headers.insert(name.clone(), value.clone());
        }
        if encoding != Encoding::Identity {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.token()),
            );
        }
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        response
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_results_paths_are_taken() {
        assert_eq!(
            results_slug("/editions/kipp-malang-2025/results"),
            Some("kipp-malang-2025")
        );
        assert_eq!(results_slug("/editions//results"), None);
        assert_eq!(results_slug("/editions/a/b/results"), None);
        assert_eq!(results_slug("/editions/x/objections"), None);
    }

    #[test]
    fn the_tag_ignores_the_nonce_and_nothing_else() {
        let policy = |nonce: &str, frames: &str| {
            vec![(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&format!(
                    "script-src 'self' 'nonce-{nonce}'; frame-ancestors {frames}"
                ))
                .expect("header"),
            )]
        };
        let page = |nonce: &str, wasm: &str| {
            format!(
                "<html><link href=\"/pkg/{wasm}.css\"></html>\
                 <script nonce=\"{nonce}\">__RESOLVED_RESOURCES=[];</script>"
            )
        };
        let (one, two) = ("gOuAgz-pFrx1bKEFbkDtqQ", "SxOX-qKyBRgkVxIuFn0i5A");
        let tag = |nonce, frames, wasm| {
            digest(
                &policy(nonce, frames),
                page(nonce, wasm).as_bytes(),
                Some(nonce),
            )
        };
        // Rendered twice: only the nonce differs.
        assert_eq!(
            tag(one, "'none'", "juara.3f2a"),
            tag(two, "'none'", "juara.3f2a")
        );
        // A new build's asset names, or another security policy.
        assert_ne!(
            tag(two, "'none'", "juara.3f2a"),
            tag(two, "'none'", "juara.9c1d")
        );
        assert_ne!(
            tag(two, "'none'", "juara.3f2a"),
            tag(two, "'self'", "juara.3f2a")
        );
        // Without a nonce nothing is left out.
        let plain = page(one, "juara.3f2a");
        assert_ne!(
            digest(&[], plain.as_bytes(), None),
            digest(&[], plain.as_bytes(), Some(one))
        );
    }

    #[test]
    fn the_nonce_is_read_from_the_security_policy() {
        let mut headers = HeaderMap::new();
        assert_eq!(nonce(&headers), None);
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self' 'nonce-abc_12-x' 'wasm-unsafe-eval'",
            ),
        );
        assert_eq!(nonce(&headers).as_deref(), Some("abc_12-x"));
    }

    #[test]
    fn encodings_follow_what_the_client_accepts() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, value.parse().expect("header"));
            Encoding::negotiate(&headers)
        };
        assert_eq!(with("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(with("gzip"), Encoding::Gzip);
        assert_eq!(with("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::negotiate(&HeaderMap::new()), Encoding::Identity);
    }
}

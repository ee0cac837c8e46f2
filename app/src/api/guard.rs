//! The one guard every server function calls, and the request helpers it needs.
//!
//! Anonymous → 401, wrong role → 403. The status is set on the response for
//! programmatic callers; a plain HTML form post (no JavaScript) instead gets
//! server_fn's redirect back to the form with the error in the URL, so the status
//! must stay a redirect there.

use crate::backend::auth::{SignedIn, session};
use crate::backend::service::accounts;
use crate::backend::state::AppState;
use crate::error::AppError;
use crate::model::CurrentUser;
use axum::extract::ConnectInfo;
use domain::role::Role;
use http::request::Parts;
use jiff::Timestamp;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The shared state, provided to every server function by the router.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The clock. Services take `now` as an argument; this is where it is read.
#[must_use]
pub fn now() -> Timestamp {
    Timestamp::now()
}

/// The client's address (see `backend::client_addr`: canonical, and behind a
/// trusted proxy the address it forwarded), or `0.0.0.0` when unknown
/// (in-process tests).
#[must_use]
pub fn client_addr() -> IpAddr {
    let Some(parts) = parts() else {
        return IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    };
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let trusted = state()
        .map(|state| state.settings.trusted_proxies.clone())
        .unwrap_or_default();
    crate::backend::client_addr::client_ip(peer, &parts.headers, &trusted)
}

/// The site's address for links in messages: the configured public origin,
/// else the address this request came to.
#[must_use]
pub fn site(state: &AppState) -> String {
    state
        .settings
        .origin_for(&request_headers().unwrap_or_default())
}

/// The headers of this request (none outside one).
#[must_use]
pub fn request_headers() -> Option<http::HeaderMap> {
    parts().map(|parts| parts.headers)
}

/// The session token sent with this request.
#[must_use]
pub fn session_token() -> Option<String> {
    // A probe, not a need: no state means no secure cookies (in-process tests).
    let secure = use_context::<AppState>().is_some_and(|state| state.settings.secure_cookies);
    parts().and_then(|parts| session::token_from(&parts.headers, secure))
}

fn is_plain_form_post() -> bool {
    parts()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .map(|accept| accept.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Sets the response status for `error` (unless this is a plain form post, which is
/// answered with a redirect) and hands the error back.
pub fn fail(error: AppError) -> AppError {
    if !is_plain_form_post()
        && let Some(response) = use_context::<ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
        if let AppError::TooManyRequests { retry_after_secs } = &error
            && let Ok(value) = http::HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.insert_header(http::header::RETRY_AFTER, value);
        }
    }
    error
}

/// The signed-in person, or `None`. Behind the router the answer was looked up
/// once for the whole request, before rendering (`SignedIn`), and is returned
/// without waiting; the lookup here serves callers outside the router.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    if let Some(SignedIn(user)) =
        parts().and_then(|parts| parts.extensions.get::<SignedIn>().cloned())
    {
        return Ok(user);
    }
    let Some(token) = session_token() else {
        return Ok(None);
    };
    let state = state()?;
    Ok(accounts::user_for_token(&state.db, &state.settings, &token, now()).await?)
}

/// The signed-in person if they hold one of `roles` (any role when empty);
/// otherwise 401 or 403.
pub async fn require(roles: &[Role]) -> Result<CurrentUser, AppError> {
    match current_user().await {
        Err(error) => Err(fail(error)),
        Ok(None) => Err(fail(AppError::Unauthorized)),
        Ok(Some(user)) if roles.is_empty() || user.roles.any(roles) => Ok(user),
        Ok(Some(_)) => Err(fail(AppError::Forbidden)),
    }
}

/// Maps a service result, setting the status of any error.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    result.map_err(fail)
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

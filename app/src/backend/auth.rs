//! Passwords, session tokens and the people's-choice voter cookie.

pub mod password;
pub mod session;
pub mod voter;

/// Who signed this request, looked up once before anything renders (see
/// `server::http_routes::resolve_signed_in`) and kept in the request's
/// extensions: the page's sign-in state is then known before the first view
/// is built, and every server function of the request reads the same answer
/// without asking the database again.
///
/// Plain axum routes take it as an extractor, so they read the same answer.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Option<crate::model::CurrentUser>);

impl SignedIn {
    /// Looks up the person whose session cookie `headers` carry.
    pub async fn look_up(
        state: &crate::backend::state::AppState,
        headers: &http::HeaderMap,
    ) -> Result<SignedIn, crate::error::AppError> {
        let Some(token) = session::token_from(headers, state.settings.secure_cookies) else {
            return Ok(SignedIn(None));
        };
        let user = crate::backend::service::accounts::user_for_token(
            &state.db,
            &state.settings,
            &token,
            jiff::Timestamp::now(),
        )
        .await?;
        Ok(SignedIn(user))
    }
}

impl axum::extract::FromRequestParts<crate::backend::state::AppState> for SignedIn {
    type Rejection = http::StatusCode;

    /// The answer the request already holds, or a lookup for a request that
    /// skipped it (a path that looks like a file, such as `entries.csv`).
    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &crate::backend::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(known) = parts.extensions.get::<SignedIn>() {
            return Ok(known.clone());
        }
        SignedIn::look_up(state, &parts.headers)
            .await
            .map_err(|error| {
                tracing::error!(%error, "could not look up a session");
                http::StatusCode::INTERNAL_SERVER_ERROR
            })
    }
}

/// The signed-in member of the committee (an admin or an observer). As an
/// extractor it answers everyone else before the route runs: 401 to nobody
/// signed in, 403 to anyone else.
#[derive(Debug, Clone)]
pub struct Committee(pub crate::model::CurrentUser);

impl axum::extract::FromRequestParts<crate::backend::state::AppState> for Committee {
    type Rejection = http::StatusCode;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &crate::backend::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        use domain::role::Role;
        match SignedIn::from_request_parts(parts, state).await?.0 {
            Some(user) if user.roles.any(&[Role::Admin, Role::Observer]) => Ok(Committee(user)),
            Some(_) => Err(http::StatusCode::FORBIDDEN),
            None => Err(http::StatusCode::UNAUTHORIZED),
        }
    }
}

/// The response header naming, opaquely, the account a page was rendered for.
/// The service worker keeps pages per account with it: on a shared tablet a
/// page kept for one judge is never shown once another has signed in.
pub const ACCOUNT_HEADER: &str = "x-juara-account";

/// The opaque tag of account `user` in [`ACCOUNT_HEADER`] (not its key).
#[must_use]
pub fn account_tag(user: &domain::ids::UserId) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(format!("juara-account:{user}").as_bytes())[..12])
}

/// The value of cookie `name` in a request's `Cookie` headers, if it is there
/// and not empty.
#[must_use]
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, value)| *found == name && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

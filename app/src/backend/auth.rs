//! Passwords, session tokens and the people's-choice voter cookie.

pub mod password;
pub mod session;
pub mod voter;

/// Who signed this request, looked up once before anything renders (see
/// `server::http_routes::resolve_signed_in`) and kept in the request's
/// extensions: the page's sign-in state is then known before the first view
/// is built, and every server function of the request reads the same answer
/// without asking the database again.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Option<crate::model::CurrentUser>);

/// The response header naming, opaquely, the account a page was rendered for.
/// The service worker keeps pages per account with it: on a shared tablet a
/// page kept for one judge is never shown once another has signed in.
pub const ACCOUNT_HEADER: &str = "x-juara-account";

/// The opaque tag of account `user` in [`ACCOUNT_HEADER`] (not its key).
#[must_use]
pub fn account_tag(user: &str) -> String {
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

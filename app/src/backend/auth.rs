//! Passwords, session tokens and the people's-choice voter cookie.

pub mod password;
pub mod session;
pub mod voter;

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

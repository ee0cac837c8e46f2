//! The people's-choice voter id: a random value in an HttpOnly cookie that
//! lets one browser vote once per entry. It names a browser, not a person, and
//! is stored only hashed (`service::votes::voter_hash`).

use http::HeaderMap;
use rand::RngCore;

/// The cookie's name.
pub const COOKIE_NAME: &str = "juara_voter";

/// A year, in seconds.
const MAX_AGE_SECS: u64 = 365 * 24 * 60 * 60;

/// A fresh voter id (128 random bits, hex).
#[must_use]
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The voter id a request carries, when it is one this server could have made.
#[must_use]
pub fn id_from(headers: &HeaderMap) -> Option<String> {
    super::cookie(headers, COOKIE_NAME)
        .filter(|value| value.len() == 32 && value.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

/// The `Set-Cookie` value that gives the browser `id`: HttpOnly, SameSite=Lax,
/// `Secure` behind HTTPS.
#[must_use]
pub fn set_cookie(id: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_SECS}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_of_the_right_shape_are_read() {
        let id = new_id();
        let mut headers = HeaderMap::new();
        let cookie = format!("i18n_pref_locale=en; {COOKIE_NAME}={id}");
        headers.insert(http::header::COOKIE, cookie.parse().expect("header"));
        assert_eq!(id_from(&headers), Some(id));
        headers.insert(
            http::header::COOKIE,
            "juara_voter=../../etc".parse().expect("header"),
        );
        assert_eq!(id_from(&headers), None);
        assert!(set_cookie("ab", true).ends_with("; Secure"));
    }
}

//! Session tokens and the cookie that carries them.
//!
//! The cookie holds 32 random bytes (base64url). The database stores only their
//! SHA-256, as the session record's key, so a copy of the database cannot be used
//! to sign in. A new token is made at every sign-in (no fixation).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::HeaderMap;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The cookie's name.
pub const COOKIE_NAME: &str = "juara_session";

/// A fresh token: the value for the cookie and the key to store.
#[must_use]
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let key = storage_key(&token);
    (token, key)
}

/// The key under which the session for `token` is stored.
#[must_use]
pub fn storage_key(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The `Set-Cookie` value that gives the browser `token`. HttpOnly (no script can
/// read it), SameSite=Lax (not sent on cross-site POSTs), `Secure` behind HTTPS.
#[must_use]
pub fn set_cookie(token: &str, max_age_secs: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The `Set-Cookie` value that removes the cookie.
#[must_use]
pub fn clear_cookie(secure: bool) -> String {
    set_cookie("", 0, secure)
}

/// The session token in a request's `Cookie` headers, if any.
#[must_use]
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, key_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(key_a, storage_key(&a));
        assert_ne!(key_a, a);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let cookie = set_cookie("abc", 60, false);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(set_cookie("abc", 60, true).ends_with("; Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            http::HeaderValue::from_static("i18n_pref_locale=en; juara_session=tok123"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("tok123"));
    }
}

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

/// The cookie's name over plain HTTP (development, a loopback demo).
pub const COOKIE_NAME: &str = "juara_session";

/// The cookie's name behind HTTPS. Browsers accept a `__Host-` cookie only when it
/// is `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain or a plain
/// HTTP page can neither set nor overwrite it.
pub const SECURE_COOKIE_NAME: &str = "__Host-juara_session";

/// The name for this deployment.
#[must_use]
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

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
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The `Set-Cookie` value that removes the cookie.
#[must_use]
pub fn clear_cookie(secure: bool) -> String {
    set_cookie("", 0, secure)
}

/// The session token in a request's `Cookie` headers, if any (under the name
/// this deployment uses).
#[must_use]
pub fn token_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    super::cookie(headers, cookie_name(secure))
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
        assert_eq!(token_from(&headers, false).as_deref(), Some("tok123"));
        assert_eq!(
            token_from(&headers, true),
            None,
            "behind HTTPS only the __Host- cookie counts"
        );
    }

    #[test]
    fn behind_https_the_cookie_is_host_only() {
        let cookie = set_cookie("abc", 60, true);
        assert!(cookie.starts_with("__Host-juara_session=abc; Path=/;"));
        assert!(cookie.ends_with("; Secure") && !cookie.contains("Domain"));
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            http::HeaderValue::from_static("juara_session=planted; __Host-juara_session=real"),
        );
        assert_eq!(token_from(&headers, true).as_deref(), Some("real"));
    }
}

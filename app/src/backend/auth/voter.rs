//! The people's-choice voter id: a random value in an HttpOnly cookie that
//! lets one browser vote once per entry. It names a browser, not a person, and
//! is stored only hashed (`service::votes::voter_hash`).
//!
//! Only the server issues ids: the cookie holds the id and an HMAC of it under
//! a key kept in the data directory (`<data>/voter.key`), so a client cannot
//! invent ids to vote again. It can still drop its cookie and be given a new
//! one; the per-address limits in `service::votes` are what bound that.

use hmac::{Hmac, Mac};
use http::HeaderMap;
use rand::RngCore;
use sha2::Sha256;

/// The cookie's name.
pub const COOKIE_NAME: &str = "juara_voter";

/// A year, in seconds.
const MAX_AGE_SECS: u64 = 365 * 24 * 60 * 60;

/// The key voter ids are signed with. Never printed.
#[derive(Clone)]
pub struct VoterKey([u8; 32]);

impl VoterKey {
    /// A key from its bytes (as kept in the data directory).
    #[must_use]
    pub fn from_bytes(bytes: [u8; 32]) -> VoterKey {
        VoterKey(bytes)
    }

    /// A fresh random key (tests, and a first start).
    #[must_use]
    pub fn random() -> VoterKey {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        VoterKey(bytes)
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes a key of any length; a 32-byte key cannot be refused.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"))
    }

    /// The signature of `id`, hex.
    fn sign(&self, id: &str) -> String {
        let mut mac = self.mac();
        mac.update(b"juara-voter:");
        mac.update(id.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` (hex) is this key's signature of `id`, compared in
    /// constant time.
    fn verifies(&self, id: &str, signature: &str) -> bool {
        let Ok(signature) = hex::decode(signature) else {
            return false;
        };
        let mut mac = self.mac();
        mac.update(b"juara-voter:");
        mac.update(id.as_bytes());
        mac.verify_slice(&signature).is_ok()
    }
}

impl VoterKey {
    /// The stored form of the address `mailbox` (as `domain::mail::mailbox`
    /// writes it) in edition `edition`: an HMAC under this key, so that a
    /// leaked database cannot be matched against a list of addresses without
    /// the key, and two editions' votes cannot be joined.
    #[must_use]
    pub fn mailbox(&self, edition: &str, mailbox: &str) -> String {
        let mut mac = self.mac();
        mac.update(b"juara-mailbox:");
        mac.update(edition.as_bytes());
        mac.update(b"|");
        mac.update(mailbox.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for VoterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VoterKey(***)")
    }
}

impl Default for VoterKey {
    fn default() -> Self {
        VoterKey::random()
    }
}

/// A fresh voter id (128 random bits, hex) and the cookie value that carries
/// it signed.
#[must_use]
pub fn new_id(key: &VoterKey) -> (String, String) {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let id = hex::encode(bytes);
    let value = format!("{id}.{}", key.sign(&id));
    (id, value)
}

/// The voter id a request carries, when this server issued it.
#[must_use]
pub fn id_from(headers: &HeaderMap, key: &VoterKey) -> Option<String> {
    let value = super::cookie(headers, COOKIE_NAME)?;
    let (id, signature) = value.split_once('.')?;
    let well_formed = id.len() == 32 && id.bytes().all(|byte| byte.is_ascii_hexdigit());
    (well_formed && key.verifies(id, signature)).then(|| id.to_owned())
}

/// The `Set-Cookie` value that gives the browser `value` (from [`new_id`]):
/// HttpOnly, SameSite=Lax, `Secure` behind HTTPS.
#[must_use]
pub fn set_cookie(value: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_SECS}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let cookie = format!("i18n_pref_locale=en; {COOKIE_NAME}={value}");
        headers.insert(http::header::COOKIE, cookie.parse().expect("header"));
        headers
    }

    #[test]
    fn only_ids_this_server_signed_are_read() {
        let key = VoterKey::random();
        let (id, value) = new_id(&key);
        assert_eq!(id_from(&with_cookie(&value), &key), Some(id.clone()));
        // Made up by a client: the old, unsigned shape and a forged signature.
        assert_eq!(id_from(&with_cookie(&id), &key), None);
        let forged = format!("{}.{}", "a".repeat(32), "0".repeat(64));
        assert_eq!(id_from(&with_cookie(&forged), &key), None);
        // Signed by another server's key.
        let (_, foreign) = new_id(&VoterKey::random());
        assert_eq!(id_from(&with_cookie(&foreign), &key), None);
        assert_eq!(id_from(&with_cookie("../../etc"), &key), None);
        assert!(set_cookie("ab", true).ends_with("; Secure"));
        assert_eq!(format!("{key:?}"), "VoterKey(***)");
    }

    #[test]
    fn an_address_hashes_apart_per_edition_and_per_key() {
        let key = VoterKey::random();
        let mailbox = key.mailbox("kipp-2026", "ani@mail.id");
        assert_eq!(mailbox, key.mailbox("kipp-2026", "ani@mail.id"));
        assert_eq!(mailbox.len(), 64);
        assert!(!mailbox.contains("ani"));
        assert_ne!(mailbox, key.mailbox("kipp-2025", "ani@mail.id"));
        assert_ne!(
            mailbox,
            VoterKey::random().mailbox("kipp-2026", "ani@mail.id")
        );
    }
}

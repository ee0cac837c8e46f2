//! Argon2id password hashing with OWASP's recommended parameters (19 MiB memory,
//! 2 iterations, 1 lane). Hashing costs tens of milliseconds of CPU, so it runs on
//! the blocking pool, never on the async executor.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use std::sync::{LazyLock, OnceLock};
use tokio::sync::Semaphore;

/// OWASP Password Storage Cheat Sheet, Argon2id option 2.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> Argon2<'static> {
    // The parameters are constants known to be valid; `default()` is the fallback the
    // compiler needs, never taken.
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the PHC string `stored`. A malformed stored hash
/// never matches.
#[must_use]
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the account does not exist,
/// so that an unknown e-mail takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches nothing").unwrap_or_default())
}

/// Hashes running at once. Each holds 19 MiB for tens of milliseconds; without a
/// bound, a flood of sign-ins would queue hundreds on the blocking pool and exhaust
/// memory. Twice the cores keeps the CPUs busy and memory at a few hundred MiB.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    Semaphore::new(cores * 2)
});

/// Runs `work` on the blocking pool once a hashing slot is free.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let _slot = HASHING.acquire().await.map_err(|error| error.to_string())?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| error.to_string())
}

/// [`hash`] on the blocking pool.
pub async fn hash_off_executor(password: String) -> Result<String, String> {
    bounded(move || hash(&password).map_err(|error| error.to_string())).await?
}

/// [`verify`] on the blocking pool; with no stored hash, verifies against a decoy
/// and answers `false`.
pub async fn verify_off_executor(password: String, stored: Option<String>) -> bool {
    bounded(move || match stored {
        Some(stored) => verify(&password, &stored),
        None => {
            let _ = verify(&password, decoy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let stored = hash("juara-demo-2026").unwrap_or_default();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("juara-demo-2026", &stored));
        assert!(!verify("juara-demo-2027", &stored));
        assert!(!verify("juara-demo-2026", "not a hash"));
    }
}

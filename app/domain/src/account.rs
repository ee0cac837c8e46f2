//! Sign-in identities: e-mail addresses and the password policy.

use serde::{Deserialize, Serialize};

/// Shortest password accepted (NIST SP 800-63B asks for at least 8; we ask 10).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted, so that hashing cannot be made arbitrarily slow.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why an account's details were refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AccountError {
    /// Not an e-mail address.
    #[error("`{given}` is not an e-mail address")]
    BadEmail {
        /// What was given.
        given: String,
    },
    /// Password shorter than the minimum.
    #[error("the password needs at least {min} characters")]
    PasswordTooShort {
        /// The minimum.
        min: usize,
    },
    /// Password longer than the maximum.
    #[error("the password may have at most {max} characters")]
    PasswordTooLong {
        /// The maximum.
        max: usize,
    },
}

/// Trims and lowercases an e-mail address and checks its shape: a local part of
/// letters, digits and `.!#$%&'*+/=?^_`{|}~-`, and a domain of dot-separated labels
/// of letters, digits and hyphens. That is stricter than RFC 5322 (no quoted local
/// parts), so every address accepted here is also one the database accepts.
/// Delivery is not checked.
///
/// ```
/// use domain::account::normalise_email;
/// assert_eq!(normalise_email(" Panitia@Juara.TEST "), Ok("panitia@juara.test".to_owned()));
/// assert!(normalise_email("panitia").is_err());
/// assert!(normalise_email("a<b@malangkota.go.id").is_err());
/// ```
pub fn normalise_email(email: &str) -> Result<String, AccountError> {
    let email = email.trim().to_lowercase();
    let bad = || AccountError::BadEmail {
        given: email.clone(),
    };
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok {
        Ok(email.clone())
    } else {
        Err(bad())
    }
}

/// Checks a new password against the length policy.
///
/// ```
/// use domain::account::{check_password, AccountError};
/// assert!(check_password("juara-demo-2026").is_ok());
/// assert_eq!(check_password("short"), Err(AccountError::PasswordTooShort { min: 10 }));
/// ```
pub fn check_password(password: &str) -> Result<(), AccountError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooShort {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooLong {
            max: MAX_PASSWORD_CHARS,
        });
    }
    Ok(())
}

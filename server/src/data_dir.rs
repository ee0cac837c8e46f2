//! The data directory and the lock that keeps a second process out of it.
//!
//! SurrealKV must not be opened by two processes at once. We take an advisory lock
//! on `<data>/juara.lock` first, so the second process fails fast with a sentence
//! that says what to do, instead of an engine error.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Why the data directory cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    /// Another Juara (server or CLI) holds the lock.
    #[error(
        "the data directory {0} is in use by another Juara process; stop the server before running commands that write the database"
    )]
    InUse(PathBuf),
    /// The directory cannot be created or written.
    #[error("the data directory {path} cannot be used: {reason}")]
    Unwritable {
        /// The directory.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

/// Held for as long as the process uses the data directory.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

/// Creates the data directory if needed and locks it.
pub fn lock(dir: &Path) -> Result<DataDirLock, DataDirError> {
    let unwritable = |error: std::io::Error| DataDirError::Unwritable {
        path: dir.to_path_buf(),
        reason: error.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(unwritable)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("juara.lock"))
        .map_err(unwritable)?;
    match file.try_lock() {
        Ok(()) => Ok(DataDirLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(DataDirError::InUse(dir.to_path_buf())),
        Err(TryLockError::Error(error)) => Err(unwritable(error)),
    }
}

/// The 32-byte secret kept in `<data>/<name>`, made (readable by this user
/// only) on first use: the same key across restarts, never in the database
/// or the logs.
pub fn secret(dir: &Path, name: &str) -> Result<[u8; 32], DataDirError> {
    use rand::RngCore;
    let path = dir.join(name);
    let unusable = |error: std::io::Error| DataDirError::Unwritable {
        path: path.clone(),
        reason: error.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(unusable)?;
    if let Ok(existing) = std::fs::read(&path) {
        return <[u8; 32]>::try_from(existing.as_slice()).map_err(|_| DataDirError::Unwritable {
            path: path.clone(),
            reason: "not a 32-byte key; move it aside to make a new one".into(),
        });
    }
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    write_private(&path, &key).map_err(unusable)?;
    Ok(key)
}

/// The bearer token kept as text in `<data>/<name>` (64 hex digits), made
/// (readable by this user only) on first use. Text, so that a metrics
/// scraper can read it from the file as it is (Prometheus' `credentials_file`).
pub fn token(dir: &Path, name: &str) -> Result<String, DataDirError> {
    let path = dir.join(name);
    let unusable = |reason: String| DataDirError::Unwritable {
        path: path.clone(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|error| unusable(error.to_string()))?;
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let token = existing.trim();
        return if token.len() >= 32 && token.bytes().all(|byte| byte.is_ascii_graphic()) {
            Ok(token.to_owned())
        } else {
            Err(unusable(
                "not a token (32 or more printable characters); move it aside to make a new one"
                    .into(),
            ))
        };
    }
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    write_private(&path, format!("{token}\n").as_bytes())
        .map_err(|error| unusable(error.to_string()))?;
    Ok(token)
}

/// Creates `path` (never replacing one) readable by this user only, with `content`.
fn write_private(path: &Path, content: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(content)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_made_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("juara-secret-test-{}", std::process::id()));
        let first = secret(&dir, "voter.key").ok();
        assert!(first.is_some());
        assert_eq!(secret(&dir, "voter.key").ok(), first);
        std::fs::write(dir.join("bad.key"), b"short").ok();
        assert!(secret(&dir, "bad.key").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_token_is_made_once_as_text_and_kept() {
        let dir = std::env::temp_dir().join(format!("juara-token-test-{}", std::process::id()));
        let first = token(&dir, "ops.token").ok();
        assert!(first.as_ref().is_some_and(|token| token.len() == 64));
        assert_eq!(token(&dir, "ops.token").ok(), first);
        std::fs::write(dir.join("short.token"), b"abc\n").ok();
        assert!(token(&dir, "short.token").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused() {
        let dir = std::env::temp_dir().join(format!("juara-lock-test-{}", std::process::id()));
        let first = lock(&dir);
        assert!(first.is_ok());
        assert!(matches!(lock(&dir), Err(DataDirError::InUse(_))));
        drop(first);
        assert!(lock(&dir).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

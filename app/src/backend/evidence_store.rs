//! The content-addressed store of evidence files under the data directory:
//! `evidence/ab/abcdef…`, named by the SHA-256 of the content. The same file
//! uploaded twice is stored once; a file is written to a temporary name and
//! renamed into place, so a crash never leaves half a file under a real name.

use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

/// Where evidence files live.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    root: PathBuf,
}

fn is_address(sha256: &str) -> bool {
    sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

impl EvidenceStore {
    /// A store rooted at `root` (created on first write).
    #[must_use]
    pub fn new(root: impl Into<PathBuf>) -> EvidenceStore {
        EvidenceStore { root: root.into() }
    }

    /// The directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        is_address(sha256).then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Stores `content`; answers its address.
    pub async fn put(&self, content: &[u8]) -> io::Result<String> {
        let sha256 = hex::encode(Sha256::digest(content));
        let Some(path) = self.path_of(&sha256) else {
            return Err(io::Error::other("not a content address"));
        };
        if tokio::fs::try_exists(&path).await? {
            return Ok(sha256);
        }
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.root.clone());
        tokio::fs::create_dir_all(&dir).await?;
        let temporary = dir.join(format!(".{sha256}.{}.part", std::process::id()));
        let mut file = tokio::fs::File::create(&temporary).await?;
        tokio::io::AsyncWriteExt::write_all(&mut file, content).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temporary, &path).await?;
        Ok(sha256)
    }

    /// The content stored under `sha256`.
    pub async fn get(&self, sha256: &str) -> io::Result<Vec<u8>> {
        match self.path_of(sha256) {
            Some(path) => tokio::fs::read(path).await,
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                "not a content address",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_by_content_once_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("juara-evidence-{}", std::process::id()));
        let store = EvidenceStore::new(&dir);
        let first = store.put(b"%PDF-1.7 laporan").await.unwrap_or_default();
        let again = store.put(b"%PDF-1.7 laporan").await.unwrap_or_default();
        assert_eq!(first, again);
        assert_eq!(
            store.get(&first).await.ok().as_deref(),
            Some(&b"%PDF-1.7 laporan"[..])
        );
        assert!(store.get("../../etc/passwd").await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}

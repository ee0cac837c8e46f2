//! The command line's side of the operations endpoint: while a server holds
//! the embedded database, `juara backup` and `juara export` ask it instead of
//! opening the database themselves (which SurrealKV allows one process only).

use crate::ops::{ADDR_FILE, TOKEN_FILE};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The server running on a data directory, as its files there describe it.
#[derive(Debug)]
pub struct RunningServer {
    base: String,
    token: String,
}

impl RunningServer {
    /// Reads `<data>/ops.addr` and `<data>/ops.token`, written by the server
    /// when it started.
    pub fn of(data_dir: &Path) -> Result<RunningServer, String> {
        let read = |name: &str| {
            std::fs::read_to_string(data_dir.join(name))
                .map(|text| text.trim().to_owned())
                .map_err(|error| {
                    format!(
                        "the server using {} did not say where to reach it ({name}: {error}); is it a Juara older than this one?",
                        data_dir.display()
                    )
                })
        };
        Ok(RunningServer {
            base: format!("http://{}", read(ADDR_FILE)?),
            token: read(TOKEN_FILE)?,
        })
    }

    async fn get(&self, path_and_query: &str) -> Result<reqwest::Response, String> {
        let url = format!("{}{path_and_query}", self.base);
        let response = reqwest::Client::new()
            .get(&url)
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(|error| format!("could not reach the running server at {url}: {error}"))?;
        if response.status().is_success() {
            Ok(response)
        } else {
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            Err(format!(
                "the running server answered {status}: {}",
                text.trim()
            ))
        }
    }

    /// Fetches `path_and_query` into `out` (through `<out>.part`, renamed when
    /// complete), telling on standard error how much has arrived; answers the
    /// bytes written.
    pub async fn download(&self, path_and_query: &str, out: &Path) -> Result<u64, String> {
        let mut response = self.get(path_and_query).await?;
        let expected = response.content_length();
        let part = PathBuf::from(format!("{}.part", out.display()));
        let write_error =
            |error: std::io::Error| format!("could not write {}: {error}", part.display());
        let mut file = crate::backup::create_private(&part).map_err(write_error)?;
        let mut received = 0u64;
        let mut told = 0u64;
        let result = async {
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|error| format!("the download stopped: {error}"))?
            {
                file.write_all(&chunk).map_err(write_error)?;
                received += chunk.len() as u64;
                if received - told >= 16 * 1024 * 1024 {
                    told = received;
                    eprintln!("  {} MB received", received / (1024 * 1024));
                }
            }
            if expected.is_some_and(|expected| expected != received) {
                return Err("the download ended early".to_owned());
            }
            file.sync_all().map_err(write_error)?;
            std::fs::rename(&part, out)
                .map_err(|error| format!("could not write {}: {error}", out.display()))
        }
        .await;
        if result.is_err() {
            let _ = std::fs::remove_file(&part);
        }
        result.map(|()| received)
    }

    /// Fetches `path_and_query` as text.
    pub async fn text(&self, path_and_query: &str) -> Result<String, String> {
        self.get(path_and_query)
            .await?
            .text()
            .await
            .map_err(|error| format!("the answer stopped: {error}"))
    }
}

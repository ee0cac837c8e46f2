//! `juara backup`, `juara restore` and `juara export`: the commands a city's IT
//! office runs. Backup and export work whether or not the server runs: with
//! the embedded database held by a running server, they ask that server
//! (`crate::ops`); otherwise they open the database themselves.

use crate::backup::{self, Target};
use crate::config::Config;
use crate::data_dir::{self, DataDirError};
use crate::ops_client::RunningServer;
use crate::startup;
use app::backend::db::Db;
use app::error::AppError;
use std::path::Path;

/// How a command reaches the data.
enum Access {
    /// Opened here (nothing else holds it); the lock is held while this lives.
    Direct(Db, Option<data_dir::DataDirLock>),
    /// Through the server that holds the embedded database.
    Running(RunningServer),
}

/// Whether a command opening the database itself brings its schema up to
/// this build's first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Schema {
    /// Migrate (what reading it through this build's code needs).
    Migrate,
    /// Leave it as found (a backup copies the data as it is).
    AsFound,
}

async fn access(config: &Config, schema: Schema) -> Result<Access, String> {
    if config.uses_embedded_database() {
        match data_dir::lock(&config.data) {
            Err(DataDirError::InUse(_)) => {
                return RunningServer::of(&config.data).map(Access::Running);
            }
            Err(other) => return Err(other.to_string()),
            // Let go at once: `open_database` takes it again (and says what to
            // do should a server start in between).
            Ok(lock) => drop(lock),
        }
    }
    if schema == Schema::Migrate {
        let (db, lock) = startup::open_database(config).await?;
        return Ok(Access::Direct(db, lock));
    }
    let lock = data_dir::lock(&config.data).map_err(|error| error.to_string())?;
    let credentials = config.database_credentials();
    let db = app::backend::db::connect(&config.database_url(), credentials.as_ref())
        .await
        .map_err(|error| error.to_string())?;
    Ok(Access::Direct(db, Some(lock)))
}

/// `juara backup --out FILE`.
pub async fn backup(config: &Config, out: &Path) -> Result<(), String> {
    if !config.uses_embedded_database() {
        // SurrealDB's SDK exports over HTTP only, and Juara speaks WebSocket to
        // a server; the server's own tool reads it consistently.
        return Err(format!(
            "the database is a SurrealDB server ({}): back it up with the server's own export              (`surreal export --endpoint http://HOST:PORT --username … --password … --namespace juara --database juara FILE`)              and copy {} (evidence files and voter.key) beside it",
            config.database_url(),
            config.data.display()
        ));
    }
    match access(config, Schema::AsFound).await? {
        Access::Running(server) => {
            eprintln!("The server is running: asking it for a backup made now.");
            let bytes = server.download("/backup", out).await?;
            println!(
                "wrote {} ({bytes} bytes) from the running server",
                out.display()
            );
        }
        Access::Direct(db, _lock) => {
            let manifest = backup::write(&db, &config.data, out)
                .await
                .map_err(|error| error.to_string())?;
            println!(
                "wrote {} (schema {}, {} evidence files)",
                out.display(),
                manifest.schema_version,
                manifest.files
            );
        }
    }
    Ok(())
}

/// `juara restore FILE`, into an empty database and data directory.
pub async fn restore(config: &Config, file: &Path) -> Result<(), String> {
    let _lock = if config.uses_embedded_database() {
        Some(data_dir::lock(&config.data).map_err(|error| error.to_string())?)
    } else {
        None
    };
    let url = config.database_url();
    let credentials = config.database_credentials();
    let target = Target {
        url: &url,
        credentials: credentials.as_ref(),
        data_dir: &config.data,
    };
    let manifest = backup::restore(file, &target)
        .await
        .map_err(|error| error.to_string())?;
    println!(
        "restored the backup taken at {} by Juara {} (schema {}, {} evidence files) into {}; start the server with `juara serve`",
        manifest.taken_at,
        manifest.juara,
        manifest.schema_version,
        manifest.files,
        config.data.display()
    );
    Ok(())
}

/// `juara export --edition SLUG [--out FILE]`.
pub async fn export(config: &Config, edition: &str, out: Option<&Path>) -> Result<(), String> {
    let text = match access(config, Schema::Migrate).await? {
        Access::Running(server) => {
            server
                .text(&format!("/export?edition={}", query_value(edition)))
                .await?
        }
        Access::Direct(db, _lock) => {
            let bundle = app::backend::bundle::export(&db, edition)
                .await
                .map_err(|error| match error {
                    AppError::NotFound => format!("no edition `{edition}`"),
                    other => format!("could not export the edition: {other}"),
                })?;
            serde_json::to_string_pretty(&bundle).map_err(|error| error.to_string())? + "\n"
        }
    };
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| format!("could not write {}: {error}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// `value` percent-encoded for a query string.
fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::query_value("kipp-2026"), "kipp-2026");
        assert_eq!(super::query_value("a b&c=d"), "a%20b%26c%3Dd");
    }
}

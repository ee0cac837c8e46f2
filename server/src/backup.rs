//! A backup of a whole instance in one file, made while the server serves, and
//! its restore into an empty data directory.
//!
//! The file is a zip (stored, not compressed again) holding:
//! - `juara-backup.json`: what made it and when ([`Manifest`]);
//! - `database.surql.gz`: SurrealDB's own export, which reads the whole
//!   database in one read transaction, so it is consistent at one point in
//!   time however many saves arrive meanwhile;
//! - `evidence/ab/abcd…`: the evidence files and field photos. They are
//!   content-addressed and never rewritten, and they are listed after the
//!   database is read, so every file the database names is there (a file
//!   uploaded meanwhile may be too, unreferenced and harmless);
//! - `secrets/voter.key`: the key people's-choice voters are counted by, so a
//!   vote cast before the backup is still recognised after a restore.
//!
//! A backup therefore holds everything a restore needs, including password
//! hashes and the voter key: keep it where the data directory is kept.

use app::backend::db::{self, Credentials, Db};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The layout written here; a restore refuses any other.
pub const FORMAT: u32 = 1;

const MANIFEST: &str = "juara-backup.json";
const DATABASE: &str = "database.surql.gz";
const EVIDENCE: &str = "evidence";
const VOTER_KEY: &str = "secrets/voter.key";

/// What a backup says of itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// The Juara version that made it.
    pub juara: String,
    /// The database's schema version when it was read.
    pub schema_version: i64,
    /// When the database was read.
    pub taken_at: jiff::Timestamp,
    /// Evidence files and photos in it.
    pub files: u64,
    /// The database export's size before compression.
    pub database_bytes: u64,
}

/// Why a backup or a restore did not happen. Nothing is left half-done: a
/// backup is written under a temporary name and renamed when complete.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database could not be read.
    #[error("could not read the database: {0}")]
    Export(String),
    /// A file could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The file is not a backup this build can read.
    #[error("{0} is not a Juara backup this version can read: {1}")]
    NotABackup(PathBuf, String),
    /// The backup comes from a newer schema.
    #[error(
        "the backup has schema version {found}, newer than this build's {expected}; restore it with a newer Juara"
    )]
    TooNew {
        /// In the backup.
        found: i64,
        /// This build's.
        expected: i64,
    },
    /// The target already holds data.
    #[error("{0} already holds data; restore into an empty data directory")]
    NotEmpty(String),
    /// A file in the backup is not what its name says.
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    /// The database refused the export.
    #[error("could not restore the database: {0}")]
    Import(String),
}

/// Creates `path` for writing, readable and writable by this user only: a
/// backup holds password hashes and the voter key, whatever the umask says.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> BackupError + '_ {
    move |error| BackupError::Io {
        path: path.to_path_buf(),
        reason: error.to_string(),
    }
}

/// Writes a backup of `db` and the files under `data_dir` to `out`.
pub async fn write(db: &Db, data_dir: &Path, out: &Path) -> Result<Manifest, BackupError> {
    let schema_version = db::current_version(db)
        .await
        .map_err(|error| BackupError::Export(error.to_string()))?;
    let taken_at = jiff::Timestamp::now();
    let export_part = PathBuf::from(format!("{}.database.part", out.display()));
    let exported = export_database(db, &export_part).await;
    let database_bytes = match exported {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = std::fs::remove_file(&export_part);
            return Err(error);
        }
    };
    let data_dir = data_dir.to_path_buf();
    let out = out.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let result = write_archive(&export_part, &data_dir, &out, |files| Manifest {
            format: FORMAT,
            juara: env!("CARGO_PKG_VERSION").to_owned(),
            schema_version,
            taken_at,
            files,
            database_bytes,
        });
        let _ = std::fs::remove_file(&export_part);
        result
    })
    .await
    .map_err(|error| BackupError::Export(error.to_string()))?
}

/// Streams SurrealDB's export of `db` into `path`, gzip-compressed on a
/// blocking thread; answers the export's size before compression.
async fn export_database(db: &Db, path: &Path) -> Result<u64, BackupError> {
    let mut export = db
        .export(())
        .await
        .map_err(|error| BackupError::Export(error.to_string()))?;
    let (chunks, mut received) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    let writer = {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || -> io::Result<u64> {
            let file = create_private(&path)?;
            let mut gzip =
                flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::default());
            let mut bytes = 0u64;
            while let Some(chunk) = received.blocking_recv() {
                bytes += chunk.len() as u64;
                gzip.write_all(&chunk)?;
            }
            let file = gzip
                .finish()?
                .into_inner()
                .map_err(|error| error.into_error())?;
            file.sync_all()?;
            Ok(bytes)
        })
    };
    let mut failure = None;
    while let Some(chunk) = export.next().await {
        match chunk {
            Ok(chunk) => {
                if chunks.send(chunk).await.is_err() {
                    break;
                }
            }
            Err(error) => {
                failure = Some(BackupError::Export(error.to_string()));
                break;
            }
        }
    }
    drop(chunks);
    let written = writer
        .await
        .map_err(|error| BackupError::Export(error.to_string()))?
        .map_err(io_error(path));
    match failure {
        Some(error) => Err(error),
        None => written,
    }
}

/// Puts the exported database, the evidence files and the voter key in one
/// zip at `out` (through `<out>.part`, renamed when complete).
fn write_archive(
    export: &Path,
    data_dir: &Path,
    out: &Path,
    manifest: impl FnOnce(u64) -> Manifest,
) -> Result<Manifest, BackupError> {
    use zip::write::SimpleFileOptions;
    let part = PathBuf::from(format!("{}.part", out.display()));
    let result = (|| {
        let file = create_private(&part).map_err(io_error(&part))?;
        let mut archive = zip::ZipWriter::new(BufWriter::new(file));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);
        let zip_error = |error: zip::result::ZipError| BackupError::Io {
            path: part.clone(),
            reason: error.to_string(),
        };
        let mut add = |name: &str, source: &Path| -> Result<(), BackupError> {
            archive.start_file(name, options).map_err(zip_error)?;
            let mut reader = File::open(source).map_err(io_error(source))?;
            io::copy(&mut reader, &mut archive).map_err(io_error(&part))?;
            Ok(())
        };
        add(DATABASE, export)?;
        let mut files = 0u64;
        for (name, path) in evidence_files(&data_dir.join(EVIDENCE))? {
            add(&name, &path)?;
            files += 1;
        }
        let voter_key = data_dir.join("voter.key");
        if voter_key.exists() {
            add(VOTER_KEY, &voter_key)?;
        }
        let manifest = manifest(files);
        archive.start_file(MANIFEST, options).map_err(zip_error)?;
        let text = serde_json::to_vec_pretty(&manifest)
            .map_err(|error| BackupError::Export(error.to_string()))?;
        archive.write_all(&text).map_err(io_error(&part))?;
        let file = archive
            .finish()
            .map_err(zip_error)?
            .into_inner()
            .map_err(|error| io_error(&part)(error.into_error()))?;
        file.sync_all().map_err(io_error(&part))?;
        std::fs::rename(&part, out).map_err(io_error(out))?;
        Ok(manifest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// `(name in the archive, path)` of every stored evidence file: the store's
/// `ab/abcd…` layout, skipping files still being written (`.….part`).
fn evidence_files(root: &Path) -> Result<Vec<(String, PathBuf)>, BackupError> {
    let mut found = Vec::new();
    // No store yet: nothing was ever uploaded. Any other failure to read it
    // fails the backup: one without the files it names is no backup.
    let shelves = match std::fs::read_dir(root) {
        Ok(shelves) => shelves,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(error) => return Err(io_error(root)(error)),
    };
    for shelf in shelves {
        let shelf = shelf.map_err(io_error(root))?.path();
        if !shelf.is_dir() {
            continue;
        }
        let entries = std::fs::read_dir(&shelf).map_err(io_error(&shelf))?;
        for entry in entries {
            let path = entry.map_err(io_error(&shelf))?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            if is_address(name) {
                found.push((format!("{EVIDENCE}/{}/{name}", &name[..2]), path.clone()));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_address(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|byte| byte.is_ascii_hexdigit() && !byte.is_ascii_uppercase())
}

/// Where a restore puts things.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// The database URL (an empty database).
    pub url: &'a str,
    /// Its credentials, for a SurrealDB server.
    pub credentials: Option<&'a Credentials>,
    /// The data directory for the evidence files and the voter key.
    pub data_dir: &'a Path,
}

/// Restores the backup at `file` into `target`, whose database must be empty.
/// Every evidence file is checked against its content address as it is
/// written; the database's schema is brought up to this build's afterwards.
pub async fn restore(file: &Path, target: &Target<'_>) -> Result<Manifest, BackupError> {
    let evidence = target.data_dir.join(EVIDENCE);
    let voter_key = target.data_dir.join("voter.key");
    let holds_files =
        std::fs::read_dir(&evidence).is_ok_and(|mut entries| entries.next().is_some());
    if holds_files || voter_key.exists() {
        return Err(BackupError::NotEmpty(target.data_dir.display().to_string()));
    }
    let restored = restore_into(file, target).await;
    if restored.is_err() {
        // Leave the directory as it was found, so that a second try is not
        // refused for what the first one wrote.
        let _ = std::fs::remove_dir_all(&evidence);
        let _ = std::fs::remove_file(&voter_key);
    }
    restored
}

async fn restore_into(file: &Path, target: &Target<'_>) -> Result<Manifest, BackupError> {
    let db = db::connect(target.url, target.credentials)
        .await
        .map_err(|error| BackupError::Import(error.to_string()))?;
    let tables = db::table_count(&db)
        .await
        .map_err(|error| BackupError::Import(error.to_string()))?;
    if tables > 0 {
        return Err(BackupError::NotEmpty(format!(
            "the database at {}",
            target.url
        )));
    }
    std::fs::create_dir_all(target.data_dir).map_err(io_error(target.data_dir))?;
    let export = target.data_dir.join(".restore.surql.part");
    let read = {
        let file = file.to_path_buf();
        let export = export.clone();
        let data_dir = target.data_dir.to_path_buf();
        tokio::task::spawn_blocking(move || read_archive(&file, &export, &data_dir))
            .await
            .map_err(|error| BackupError::Import(error.to_string()))
    };
    let imported = match read {
        Ok(Ok(read)) => import_database(&db, &export).await.map(|()| read),
        Ok(Err(error)) | Err(error) => Err(error),
    };
    let _ = std::fs::remove_file(&export);
    let (manifest, voter_key) = imported.map_err(|error| match error {
        BackupError::Import(reason) => BackupError::Import(format!(
            "{reason}; the database at {} may hold part of the backup: empty it before trying again",
            target.url
        )),
        other => other,
    })?;
    if let Some(key) = voter_key {
        write_once(&target.data_dir.join("voter.key"), &mut key.as_slice())?;
    }
    Ok(manifest)
}

/// Reads the whole archive: writes the database export to `export` and each
/// evidence file, checked, into `data_dir`'s store; answers the manifest and
/// the voter key.
fn read_archive(
    file: &Path,
    export: &Path,
    data_dir: &Path,
) -> Result<(Manifest, Option<Vec<u8>>), BackupError> {
    let not_a_backup = |reason: String| BackupError::NotABackup(file.to_path_buf(), reason);
    let reader = File::open(file).map_err(io_error(file))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(reader))
        .map_err(|error| not_a_backup(error.to_string()))?;
    let manifest: Manifest = {
        let entry = archive
            .by_name(MANIFEST)
            .map_err(|_| not_a_backup(format!("it has no {MANIFEST}")))?;
        serde_json::from_reader(entry).map_err(|error| not_a_backup(error.to_string()))?
    };
    if manifest.format != FORMAT {
        return Err(not_a_backup(format!("format {}", manifest.format)));
    }
    if manifest.schema_version > db::schema_version() {
        return Err(BackupError::TooNew {
            found: manifest.schema_version,
            expected: db::schema_version(),
        });
    }
    let mut files = 0u64;
    let mut database = false;
    let mut voter_key = None;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| BackupError::Damaged(error.to_string()))?;
        let name = entry
            .name()
            .map_err(|error| BackupError::Damaged(error.to_string()))?
            .into_owned();
        let damaged = |error: io::Error| BackupError::Damaged(format!("{name}: {error}"));
        if name == DATABASE {
            let mut gzip = flate2::read::GzDecoder::new(&mut entry);
            let mut out = BufWriter::new(create_private(export).map_err(io_error(export))?);
            io::copy(&mut gzip, &mut out).map_err(damaged)?;
            out.flush().map_err(io_error(export))?;
            database = true;
        } else if let Some(address) = evidence_address(&name) {
            let shelf = data_dir.join(EVIDENCE).join(&address[..2]);
            std::fs::create_dir_all(&shelf).map_err(io_error(&shelf))?;
            let written = write_once(&shelf.join(&address), &mut entry)?;
            if written != address {
                let _ = std::fs::remove_file(shelf.join(&address));
                return Err(BackupError::Damaged(format!(
                    "{name} does not hold what its name says"
                )));
            }
            files += 1;
        } else if name == VOTER_KEY {
            let mut key = Vec::new();
            entry.read_to_end(&mut key).map_err(damaged)?;
            if key.len() != 32 {
                return Err(BackupError::Damaged(format!("{name} is not a 32-byte key")));
            }
            voter_key = Some(key);
        }
    }
    if !database {
        return Err(BackupError::Damaged(format!("it has no {DATABASE}")));
    }
    if files != manifest.files {
        return Err(BackupError::Damaged(format!(
            "it lists {} files and holds {files}",
            manifest.files
        )));
    }
    Ok((manifest, voter_key))
}

/// The content address an archive entry `evidence/ab/abcd…` is stored under.
fn evidence_address(name: &str) -> Option<String> {
    let (shelf, address) = name
        .strip_prefix(EVIDENCE)?
        .strip_prefix('/')?
        .split_once('/')?;
    (is_address(address) && address.starts_with(shelf) && shelf.len() == 2)
        .then(|| address.to_owned())
}

/// Imports the export into `db` (empty), then applies any migration newer
/// than the backup.
async fn import_database(db: &Db, export: &Path) -> Result<(), BackupError> {
    db.import(export)
        .await
        .map_err(|error| BackupError::Import(error.to_string()))?;
    db::migrate(db)
        .await
        .map_err(|error| BackupError::Import(error.to_string()))
}

/// Writes what `content` reads to `path` (through `<path>.part`), unless the
/// same content is there already; refuses to replace other content. Answers
/// the SHA-256 of what was read, in hex.
fn write_once(path: &Path, content: &mut impl Read) -> Result<String, BackupError> {
    let part = PathBuf::from(format!("{}.part", path.display()));
    let mut hasher = Sha256::new();
    {
        let mut file = BufWriter::new(create_private(&part).map_err(io_error(&part))?);
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = content
                .read(&mut buffer)
                .map_err(|error| BackupError::Damaged(format!("{}: {error}", path.display())))?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
            file.write_all(&buffer[..read]).map_err(io_error(&part))?;
        }
        let file = file
            .into_inner()
            .map_err(|error| io_error(&part)(error.into_error()))?;
        file.sync_all().map_err(io_error(&part))?;
    }
    let written = hex::encode(hasher.finalize());
    match std::fs::read(path) {
        Ok(existing) if hex::encode(Sha256::digest(&existing)) == written => {
            let _ = std::fs::remove_file(&part);
            Ok(written)
        }
        Ok(_) => {
            let _ = std::fs::remove_file(&part);
            Err(BackupError::NotEmpty(path.display().to_string()))
        }
        Err(_) => {
            std::fs::rename(&part, path).map_err(io_error(path))?;
            Ok(written)
        }
    }
}

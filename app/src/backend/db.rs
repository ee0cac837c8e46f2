//! Connecting to SurrealDB and bringing its schema up to date.
//!
//! The URL decides the engine (`engine::any`): `surrealkv://<dir>?sync=every` for the
//! embedded on-disk default, `mem://` for tests, `ws://host:port` for a SurrealDB
//! server (which may itself run on TiKV).

use super::records::{first_cause, unique_violation};
use surrealdb::Surreal;
use surrealdb::engine::any::Any;

/// The database handle every repository takes.
pub type Db = Surreal<Any>;

/// Namespace and database names inside SurrealDB.
const NAMESPACE: &str = "juara";
const DATABASE: &str = "juara";

/// Ordered migrations. Each runs once, in a transaction, and records its number;
/// its statements are also written `IF NOT EXISTS` so a rerun is harmless.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("schema/001_foundation.surql")),
    (2, include_str!("schema/002_recusal.surql")),
    (3, include_str!("schema/003_presentation.surql")),
    (4, include_str!("schema/004_entrant.surql")),
    (5, include_str!("schema/005_evidence.surql")),
    (6, include_str!("schema/006_results.surql")),
    (7, include_str!("schema/007_public.surql")),
    (8, include_str!("schema/008_integrity.surql")),
];

/// The schema version this build expects.
#[must_use]
pub fn schema_version() -> i64 {
    MIGRATIONS.last().map_or(0, |(version, _)| *version)
}

/// What can go wrong talking to the database. Detail is for logs; users see a
/// generic message (see `AppError::Internal`).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database could not be opened at all.
    #[error("could not open the database at {url}: {reason}")]
    Open {
        /// The URL given (secrets never appear in it).
        url: String,
        /// What SurrealDB said.
        reason: String,
    },
    /// The database is newer than this build.
    #[error(
        "the database has schema version {found}, newer than this build's {expected}; run a newer Juara"
    )]
    TooNew {
        /// Version in the database.
        found: i64,
        /// Version of this build.
        expected: i64,
    },
    /// A unique index refused a write.
    #[error("a record with the same {index} already exists")]
    Unique {
        /// The index name, e.g. `user_email`.
        index: String,
    },
    /// Any other query failure.
    #[error("query failed: {0}")]
    Query(String),
    /// A row did not have the expected shape.
    #[error("unexpected row shape: {0}")]
    Decode(String),
}

impl DbError {
    /// Whether a write failed only because a concurrent transaction wrote the
    /// same record first (the store says it can be retried): two saves of one
    /// draft or one sheet racing each other.
    #[must_use]
    pub fn is_write_conflict(&self) -> bool {
        matches!(self, DbError::Query(message)
            if message.contains("can be retried") || message.to_ascii_lowercase().contains("conflict"))
    }

    /// Classifies an SDK error.
    pub fn from_surreal(error: surrealdb::Error) -> Self {
        match unique_violation(&error) {
            Some(index) => DbError::Unique { index },
            None => DbError::Query(error.to_string()),
        }
    }
}

/// A SurrealDB server's root user, for `ws://` connections.
#[derive(Clone)]
pub struct Credentials {
    /// User name.
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Credentials {{ username: {:?}, password: *** }}",
            self.username
        )
    }
}

/// Opens the database at `url`, selects Juara's namespace and applies migrations.
pub async fn open(url: &str) -> Result<Db, DbError> {
    open_with(url, None).await
}

/// Like [`open`], signing in first when `credentials` are given (a SurrealDB server
/// with authentication; the embedded engines need none).
pub async fn open_with(url: &str, credentials: Option<&Credentials>) -> Result<Db, DbError> {
    let open_error = |error: surrealdb::Error| DbError::Open {
        url: url.to_owned(),
        reason: error.to_string(),
    };
    let db = surrealdb::engine::any::connect(url)
        .await
        .map_err(open_error)?;
    if let Some(credentials) = credentials {
        db.signin(surrealdb::opt::auth::Root {
            username: credentials.username.clone(),
            password: credentials.password.clone(),
        })
        .await
        .map_err(open_error)?;
    }
    db.use_ns(NAMESPACE)
        .use_db(DATABASE)
        .await
        .map_err(open_error)?;
    migrate(&db).await?;
    Ok(db)
}

/// An empty in-memory database with the real schema, for tests.
pub async fn open_in_memory() -> Result<Db, DbError> {
    open("mem://").await
}

/// The schema version recorded in the database (0 when empty).
pub async fn current_version(db: &Db) -> Result<i64, DbError> {
    let mut response = db
        .query("DEFINE TABLE IF NOT EXISTS schema_meta SCHEMAFULL; DEFINE FIELD IF NOT EXISTS version ON schema_meta TYPE int; DEFINE FIELD IF NOT EXISTS applied_at ON schema_meta TYPE datetime DEFAULT time::now(); SELECT VALUE version FROM schema_meta:current;")
        .await
        .map_err(DbError::from_surreal)?;
    let versions: Vec<i64> = response.take(3).map_err(DbError::from_surreal)?;
    Ok(versions.into_iter().next().unwrap_or(0))
}

/// Applies every migration newer than the recorded version.
pub async fn migrate(db: &Db) -> Result<(), DbError> {
    let found = current_version(db).await?;
    if found > schema_version() {
        return Err(DbError::TooNew {
            found,
            expected: schema_version(),
        });
    }
    for (version, statements) in MIGRATIONS.iter().filter(|(version, _)| *version > found) {
        let sql = format!(
            "BEGIN TRANSACTION;\n{statements}\nUPSERT schema_meta:current SET version = {version};\nCOMMIT TRANSACTION;"
        );
        let mut response = db.query(sql).await.map_err(DbError::from_surreal)?;
        if let Some(error) = first_cause(response.take_errors()) {
            return Err(DbError::from_surreal(error));
        }
        tracing::info!(version, "applied schema migration");
    }
    Ok(())
}

/// Whether the database answers a trivial query (for `/healthz`).
pub async fn ping(db: &Db) -> bool {
    match db.query("RETURN 1;").await {
        Ok(response) => response.check().is_ok(),
        Err(_) => false,
    }
}

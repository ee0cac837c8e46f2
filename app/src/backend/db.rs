//! Connecting to SurrealDB and bringing its schema up to date.
//!
//! The URL decides the engine (`engine::any`): `surrealkv://<dir>?sync=every` for the
//! embedded on-disk default, `mem://` for tests, `ws://host:port` for a SurrealDB
//! server (which may itself run on TiKV).

use super::records::{first_cause, unique_violation};
use surrealdb::Surreal;
use surrealdb::engine::any::Any;

/// The database handle every repository takes: one SurrealDB session, shared.
///
/// Behind an `Arc` because cloning a `Surreal` handle opens a new session on
/// the server (SDK 3: an `attach` and a replay of the sign-in and `USE`, one
/// round trip each, and a SurrealDB server refuses a connection's 257th
/// session). Requests share this one: every statement names its namespace's
/// tables and no session variable is ever set, so they cannot disturb each other.
pub type Db = std::sync::Arc<Surreal<Any>>;

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
    (9, include_str!("schema/009_mail.surql")),
    (10, include_str!("schema/010_mail_preferences.surql")),
    (11, include_str!("schema/011_jobs.surql")),
    (12, include_str!("schema/012_verified_votes.surql")),
    (13, include_str!("schema/013_mail_attachments.surql")),
    (14, include_str!("schema/014_composition.surql")),
    (15, include_str!("schema/015_onward.surql")),
    (16, include_str!("schema/016_onward_picks.surql")),
    (17, include_str!("schema/017_field.surql")),
    (18, include_str!("schema/018_coordination.surql")),
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
    /// A statement refused the write on purpose: what it checks inside the
    /// transaction no longer holds (see [`Refusal`]).
    #[error("the write was refused: {0}")]
    Refused(Refusal),
    /// A concurrent transaction wrote the same record first; the store says the
    /// write can be retried (two saves of one draft or one sheet racing).
    #[error("a concurrent transaction wrote the same record first")]
    WriteConflict,
    /// Any other query failure.
    #[error("query failed: {0}")]
    Query(String),
    /// A row did not have the expected shape.
    #[error("unexpected row shape: {0}")]
    Decode(String),
}

/// Why a statement refused a write on purpose. Each is thrown inside the
/// writing transaction (`IF … { THROW '…' }`, written with [`Refusal::throw`]),
/// so the check and the write cannot be separated by another request; the
/// database error is turned back into the variant by [`DbError::from_surreal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A sheet's stored revision is no longer the one the change was made on.
    #[error("stale sheet revision")]
    StaleRevision,
    /// A draft's stored version is no longer the one the text was started on.
    #[error("stale draft")]
    StaleDraft,
    /// The entry has left the state the change starts from.
    #[error("the entry's state changed")]
    StateChanged,
    /// The organisation's quota in the group is full.
    #[error("the quota is full")]
    QuotaFull,
    /// The address block has cast as many votes as it may.
    #[error("the vote cap is reached")]
    VoteCapReached,
    /// The judge is not assigned to the entry.
    #[error("not assigned")]
    NotAssigned,
    /// The judge's sheet is already submitted.
    #[error("the sheet is already submitted")]
    AlreadySubmitted,
    /// The message is not (or no longer) a failed one.
    #[error("the message has not failed")]
    MailNotFailed,
    /// The vote's confirmation link was used (a moment ago, by another tab).
    #[error("the confirmation link is used")]
    VoteLinkUsed,
    /// The field visit has findings or photos: it happened.
    #[error("the visit has findings or photos")]
    VisitRecorded,
    /// The field visit keeps as many photos as it may.
    #[error("the visit has as many photos as it may")]
    TooManyPhotos,
    /// A rate limit's window is full.
    #[error("the rate limit's window is full")]
    RateLimited,
}

impl Refusal {
    const ALL: [Refusal; 12] = [
        Refusal::StaleRevision,
        Refusal::StaleDraft,
        Refusal::StateChanged,
        Refusal::QuotaFull,
        Refusal::VoteCapReached,
        Refusal::NotAssigned,
        Refusal::AlreadySubmitted,
        Refusal::MailNotFailed,
        Refusal::VoteLinkUsed,
        Refusal::VisitRecorded,
        Refusal::TooManyPhotos,
        Refusal::RateLimited,
    ];

    /// The text thrown, which no message of the database itself contains.
    const fn marker(self) -> &'static str {
        match self {
            Refusal::StaleRevision => "juara:stale-revision",
            Refusal::StaleDraft => "juara:stale-draft",
            Refusal::StateChanged => "juara:state-changed",
            Refusal::QuotaFull => "juara:quota-full",
            Refusal::VoteCapReached => "juara:vote-cap-reached",
            Refusal::NotAssigned => "juara:not-assigned",
            Refusal::AlreadySubmitted => "juara:already-submitted",
            Refusal::MailNotFailed => "juara:mail-not-failed",
            Refusal::VoteLinkUsed => "juara:vote-link-used",
            Refusal::VisitRecorded => "juara:visit-recorded",
            Refusal::TooManyPhotos => "juara:too-many-photos",
            Refusal::RateLimited => "juara:rate-limited",
        }
    }

    /// The SurrealQL that refuses the transaction with this reason.
    #[must_use]
    pub fn throw(self) -> String {
        format!("THROW '{}'", self.marker())
    }

    fn in_message(message: &str) -> Option<Refusal> {
        Refusal::ALL
            .into_iter()
            .find(|refusal| message.contains(refusal.marker()))
    }
}

impl DbError {
    /// Classifies an SDK error: a unique index, one of our refusals, a write
    /// conflict the store says can be retried, or anything else.
    pub fn from_surreal(error: surrealdb::Error) -> Self {
        if let Some(index) = unique_violation(&error) {
            return DbError::Unique { index };
        }
        let message = error.to_string();
        if let Some(refusal) = Refusal::in_message(&message) {
            DbError::Refused(refusal)
        } else if message.contains("can be retried")
            || message.to_ascii_lowercase().contains("conflict")
        {
            DbError::WriteConflict
        } else {
            DbError::Query(message)
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
    let db = connect(url, credentials).await?;
    migrate(&db).await?;
    Ok(db)
}

/// Connects to `url` and selects Juara's namespace and database without
/// touching the schema: what a restore needs, since an export carries its own
/// schema and must go into a database with nothing in it.
pub async fn connect(url: &str, credentials: Option<&Credentials>) -> Result<Db, DbError> {
    connect_to(url, credentials, DATABASE).await
}

async fn connect_to(
    url: &str,
    credentials: Option<&Credentials>,
    database: &str,
) -> Result<Db, DbError> {
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
        .use_db(database)
        .await
        .map_err(open_error)?;
    Ok(std::sync::Arc::new(db))
}

/// An empty database with the real schema, for tests: a fresh in-memory one,
/// or — when `JUARA_TEST_DB` names a SurrealDB server (`ws://127.0.0.1:8000`,
/// signed in as `JUARA_TEST_DB_USER` / `JUARA_TEST_DB_PASS`, `root` / `root`
/// by default) — a new database of its own on that server, so that one suite
/// checks both engines (`scripts/test` runs it both ways).
pub async fn open_for_tests() -> Result<Db, DbError> {
    let Some(url) = std::env::var("JUARA_TEST_DB")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        return open("mem://").await;
    };
    let variable =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let credentials = Credentials {
        username: variable("JUARA_TEST_DB_USER", "root"),
        password: variable("JUARA_TEST_DB_PASS", "root"),
    };
    let database = format!("test_{}_{}", std::process::id(), super::records::new_key());
    let db = connect_to(&url, Some(&credentials), &database).await?;
    migrate(&db).await?;
    Ok(db)
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

/// How many tables the database defines (0: nothing was ever written to it,
/// the only database a restore goes into).
pub async fn table_count(db: &Db) -> Result<i64, DbError> {
    let mut response = db
        .query("RETURN object::len((INFO FOR DB).tables);")
        .await
        .map_err(DbError::from_surreal)?;
    let count: Option<i64> = response.take(0).map_err(DbError::from_surreal)?;
    Ok(count.unwrap_or(0))
}

/// Whether the database answers a trivial query (for `/healthz`).
pub async fn ping(db: &Db) -> bool {
    match db.query("RETURN 1;").await {
        Ok(response) => response.check().is_ok(),
        Err(_) => false,
    }
}

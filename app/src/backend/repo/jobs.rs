//! The schedule of the server's jobs: created on first start, claimed by one
//! instance at a time when due, and moved on to the next run when done.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, execute, query_rows};
use crate::binds;
use jiff::Timestamp;

/// Adds job `name` to the schedule, due at `first_run`, unless it is there.
pub async fn ensure(db: &Db, name: &str, first_run: Timestamp) -> Result<(), DbError> {
    execute(
        db,
        "IF !record::exists($job) { CREATE $job SET next_run_at = $first; };",
        binds![
            ("job", Binding::record("job", name)),
            ("first", Binding::datetime(first_run)),
        ],
    )
    .await
}

/// Claims job `name` if it is due at `now` and nobody holds it, holding it
/// until `lease_until`. One statement on one record: of two instances
/// claiming at once, one wins and the other's write conflicts (an error,
/// read as not claimed).
pub async fn claim(
    db: &Db,
    name: &str,
    now: Timestamp,
    lease_until: Timestamp,
) -> Result<bool, DbError> {
    let claimed: Vec<serde_json::Value> = query_rows(
        db,
        "UPDATE $job SET lease_until = $lease \
            WHERE next_run_at <= $now AND (lease_until = NONE OR lease_until <= $now) \
            RETURN id;",
        binds![
            ("job", Binding::record("job", name)),
            ("now", Binding::datetime(now)),
            ("lease", Binding::datetime(lease_until)),
        ],
        0,
    )
    .await?;
    Ok(!claimed.is_empty())
}

/// Records that job `name` ran at `now` and is next due at `next_run`.
pub async fn finish(
    db: &Db,
    name: &str,
    now: Timestamp,
    next_run: Timestamp,
) -> Result<(), DbError> {
    execute(
        db,
        "UPDATE $job SET last_run_at = $now, next_run_at = $next, lease_until = NONE;",
        binds![
            ("job", Binding::record("job", name)),
            ("now", Binding::datetime(now)),
            ("next", Binding::datetime(next_run)),
        ],
    )
    .await
}

/// When job `name` next runs, if it is scheduled.
pub async fn next_run(db: &Db, name: &str) -> Result<Option<Timestamp>, DbError> {
    let rows: Vec<Timestamp> = query_rows(
        db,
        "SELECT VALUE next_run_at FROM $job;",
        binds![("job", Binding::record("job", name))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next())
}

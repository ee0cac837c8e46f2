//! The schedule of the server's jobs: created on first start, claimed by one
//! instance at a time when due, and moved on to the next run when done.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, query_rows};
use jiff::Timestamp;

/// Runs `sql` on job `name`'s record (`$job`) with `times` bound as
/// datetimes; the records it returns.
async fn on_job(
    db: &Db,
    sql: &str,
    name: &str,
    times: &[(&'static str, Timestamp)],
) -> Result<Vec<serde_json::Value>, DbError> {
    let mut bindings = vec![("job", Binding::record("job", name))];
    bindings.extend(times.iter().map(|(key, at)| (*key, Binding::datetime(*at))));
    query_rows(db, sql, bindings, 0).await
}

/// Adds job `name` to the schedule, due at `first_run`, unless it is there.
pub async fn ensure(db: &Db, name: &str, first_run: Timestamp) -> Result<(), DbError> {
    let sql = "IF !record::exists($job) { CREATE $job SET next_run_at = $first; };";
    on_job(db, sql, name, &[("first", first_run)])
        .await
        .map(drop)
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
    let sql = "UPDATE $job SET lease_until = $lease \
        WHERE next_run_at <= $now AND (lease_until = NONE OR lease_until <= $now) RETURN id;";
    let claimed = on_job(db, sql, name, &[("now", now), ("lease", lease_until)]).await?;
    Ok(!claimed.is_empty())
}

/// Records that job `name` ran at `now` and is next due at `next_run`.
pub async fn finish(db: &Db, name: &str, now: Timestamp, next: Timestamp) -> Result<(), DbError> {
    let sql = "UPDATE $job SET last_run_at = $now, next_run_at = $next, lease_until = NONE;";
    on_job(db, sql, name, &[("now", now), ("next", next)])
        .await
        .map(drop)
}

/// When job `name` next runs, if it is scheduled.
pub async fn next_run(db: &Db, name: &str) -> Result<Option<Timestamp>, DbError> {
    let rows = on_job(db, "SELECT VALUE next_run_at FROM $job;", name, &[]).await?;
    rows.into_iter()
        .next()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|error| DbError::Decode(error.to_string()))
}

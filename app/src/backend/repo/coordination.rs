//! What instances on one database coordinate through (schema 018): each
//! stage's change sequence that live dashboards tail (`live_change`), the
//! site's public version that catalogues are checked against
//! (`public_version`), and the places taken in rate-limit windows
//! (`rate_window`).

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{Binding, Statement, execute_atomically, query_one, query_rows};
use crate::binds;
use domain::ids::StageId;
use jiff::Timestamp;

/// How far back each look at `live_change` reaches before the previous look's
/// time: a change stamped just before that look may have been committed only
/// after it.
const LOOK_OVERLAP: &str = "5s";

/// Bumps `stage`'s change sequence; answers the new number.
pub async fn bump_stage_change(db: &Db, stage: &StageId) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct Bumped {
        seq: i64,
    }
    let rows: Vec<Bumped> = query_rows(
        db,
        "UPSERT type::record('live_change', $stage) \
         SET seq = IF seq = NONE { 1 } ELSE { seq + 1 }, changed_at = time::now() \
         RETURN seq;",
        binds![("stage", Binding::of(&stage.as_str()))],
        0,
    )
    .await?;
    Ok(rows.first().map(|row| row.seq))
}

/// A stage's change sequence as one look found it.
#[derive(Debug, serde::Deserialize)]
pub struct StageChange {
    pub stage: String,
    pub seq: i64,
}

/// One look at the change sequences: the database's time of the look (to
/// pass as `since` next time) and the stages changed since the previous one.
#[derive(Debug, serde::Deserialize)]
pub struct ChangeLook {
    pub now: String,
    pub changes: Vec<StageChange>,
}

/// The stages changed since `since` (the previous look's time, less
/// [`LOOK_OVERLAP`]); with no previous look, those changed in the last
/// [`LOOK_OVERLAP`].
pub async fn stage_changes_since(
    db: &Db,
    since: Option<&str>,
) -> Result<Option<ChangeLook>, DbError> {
    let mut looks: Vec<ChangeLook> = query_rows(
        db,
        &format!(
            "LET $now = time::now(); \
             RETURN [{{ now: <string> $now, changes: \
               (SELECT record::id(id) AS stage, seq FROM live_change \
                WHERE changed_at > (IF $since = NONE {{ $now }} ELSE {{ <datetime> $since }}) - {LOOK_OVERLAP}) }}];"
        ),
        binds![("since", Binding::of(&since))],
        1,
    )
    .await?;
    Ok(looks.pop())
}

/// The site's public version (`None`: never bumped).
pub async fn public_version(db: &Db) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct Row {
        seq: i64,
    }
    let rows: Vec<Row> =
        query_rows(db, "SELECT seq FROM public_version:site;", binds![], 0).await?;
    Ok(rows.first().map(|row| row.seq))
}

/// Bumps the site's public version.
pub async fn bump_public_version(db: &Db) -> Result<(), DbError> {
    query_rows::<serde_json::Value>(
        db,
        "UPSERT public_version:site \
         SET seq = IF seq = NONE { 1 } ELSE { seq + 1 }, changed_at = time::now();",
        binds![],
        0,
    )
    .await
    .map(drop)
}

/// The names the rate-limit keys of one transaction are bound under.
const KEY_NAMES: [&str; 2] = ["key_0", "key_1"];

/// A place asked for in the windows of `keys`: refused when one of them
/// already holds `max` places later than `since`.
#[derive(Debug)]
pub struct PlaceRequest<'a> {
    pub keys: &'a [String],
    pub max: usize,
    pub since: Timestamp,
    pub now: Timestamp,
    /// When the windows may be purged if nothing else is taken.
    pub expires: Timestamp,
}

/// Takes a place at `now` in every window of the request, or in none: one
/// transaction reads each key's places still in the window, refuses
/// ([`Refusal::RateLimited`]) when one is full, and appends `now` to each.
/// Two instances taking the last place at once write the same record, so
/// one of them gets [`DbError::WriteConflict`].
pub async fn take_place(db: &Db, request: &PlaceRequest<'_>) -> Result<(), DbError> {
    assert!(
        request.keys.len() <= KEY_NAMES.len(),
        "a place is taken under at most {} keys",
        KEY_NAMES.len()
    );
    let mut sql = String::new();
    for index in 0..request.keys.len() {
        sql.push_str(&format!(
            "LET $kept_{index} = (type::record('rate_window', $key_{index}).places ?? []) \
                 [WHERE $this > $since]; \
             IF array::len($kept_{index}) >= $max {{ {} }}; ",
            Refusal::RateLimited.throw()
        ));
    }
    for index in 0..request.keys.len() {
        sql.push_str(&format!(
            "UPSERT type::record('rate_window', $key_{index}) \
             SET places = array::append($kept_{index}, $now), expires_at = $expires; "
        ));
    }
    let mut bindings = binds![
        ("since", Binding::datetime(request.since)),
        ("now", Binding::datetime(request.now)),
        ("expires", Binding::datetime(request.expires)),
        ("max", Binding::of(&request.max)),
    ];
    for (index, key) in request.keys.iter().enumerate() {
        bindings.push((KEY_NAMES[index], Binding::of(key)));
    }
    execute_atomically(db, vec![Statement::new(sql, bindings)]).await
}

/// The oldest place of `key`'s window later than `since`.
pub async fn oldest_place(
    db: &Db,
    key: &str,
    since: Timestamp,
) -> Result<Option<Timestamp>, DbError> {
    query_one(
        db,
        "RETURN array::min((type::record('rate_window', $key).places ?? []) \
             [WHERE $this > $since]);",
        binds![
            ("key", Binding::of(&key)),
            ("since", Binding::datetime(since))
        ],
    )
    .await
}

/// Takes the place at `at` out of the windows of `keys`.
pub async fn give_back_place(db: &Db, keys: &[String], at: Timestamp) -> Result<(), DbError> {
    query_rows::<serde_json::Value>(
        db,
        "FOR $key IN $keys { \
             UPDATE type::record('rate_window', $key) \
             SET places = array::complement(places, [$at]); \
         };",
        binds![("keys", Binding::of(&keys)), ("at", Binding::datetime(at))],
        0,
    )
    .await
    .map(drop)
}

/// Deletes every rate-limit window that has passed at `now`.
pub async fn purge_rate_windows(db: &Db, now: Timestamp) -> Result<(), DbError> {
    query_rows::<serde_json::Value>(
        db,
        "DELETE rate_window WHERE expires_at < $now;",
        binds![("now", Binding::datetime(now))],
        0,
    )
    .await
    .map(drop)
}

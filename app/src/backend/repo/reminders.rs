//! What the scheduled messages read: scoring stages open now, the judges with
//! sheets still unsubmitted in each, the reminders already sent, and the
//! committee's accounts.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_keys, query_rows};
use crate::binds;
use domain::ids::{StageId, UserId};
use jiff::Timestamp;
use serde::Deserialize;

/// A scoring stage open for scoring, with its progress.
#[derive(Debug, Clone, Deserialize)]
pub struct OpenStage {
    #[serde(deserialize_with = "de_key")]
    pub id: StageId,
    pub title: String,
    pub edition_title: String,
    pub time_zone: String,
    pub closes_at: Timestamp,
    /// Sheets expected: one per judge still on an entry.
    pub expected: u64,
    /// Of those, submitted.
    pub submitted: u64,
}

/// Scoring stages open at `now` (opened, not closed, not published), the
/// soonest to close first.
pub async fn open_stages(db: &Db, now: Timestamp) -> Result<Vec<OpenStage>, DbError> {
    query_rows(
        db,
        "SELECT id, title, edition.title AS edition_title, edition.time_zone AS time_zone, closes_at, \
            count((SELECT id FROM assignment WHERE stage = $parent.id AND recused = false)) AS expected, \
            count((SELECT id FROM sheet WHERE stage = $parent.id AND state = 'submitted' \
                AND (SELECT VALUE recused FROM assignment WHERE stage = $parent.stage \
                    AND entry = $parent.entry AND judge = $parent.judge)[0] = false)) AS submitted \
         FROM stage WHERE kind = 'scoring' AND published = false AND opens_at <= $now AND closes_at > $now \
         ORDER BY closes_at;",
        binds![("now", Binding::datetime(now))],
        0,
    )
    .await
}

/// The judges of `stage` with sheets not yet submitted, and how many each.
pub async fn waiting_judges(db: &Db, stage: &StageId) -> Result<Vec<(UserId, u64)>, DbError> {
    #[derive(Deserialize)]
    struct Waiting {
        #[serde(deserialize_with = "de_key")]
        judge: UserId,
        waiting: u64,
    }
    let rows: Vec<Waiting> = query_rows(
        db,
        "SELECT judge, count() AS waiting FROM assignment \
         WHERE stage = $stage AND recused = false \
            AND (SELECT VALUE state FROM sheet WHERE stage = $parent.stage \
                AND entry = $parent.entry AND judge = $parent.judge)[0] != 'submitted' \
         GROUP BY judge;",
        binds![("stage", Binding::id(stage))],
        0,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.judge, row.waiting))
        .collect())
}

/// The judges already reminded `days` before `stage` closes.
pub async fn reminded(db: &Db, stage: &StageId, days: u32) -> Result<Vec<UserId>, DbError> {
    query_keys(
        db,
        "SELECT VALUE judge FROM reminder WHERE stage = $stage AND days = $days;",
        binds![("stage", Binding::id(stage)), ("days", Binding::of(&days))],
        0,
    )
    .await
}

/// The statement recording that `judges` were reminded `days` before `stage`
/// closes (a second record of the same reminder is refused by its index).
#[must_use]
pub fn reminded_statement(
    stage: &StageId,
    judges: &[UserId],
    days: u32,
    now: Timestamp,
) -> Statement {
    Statement::new(
        "FOR $judge IN $reminded_judges { \
            CREATE reminder SET stage = $reminded_stage, judge = $judge, days = $reminded_days, sent_at = $reminded_at; \
         };",
        binds![
            ("reminded_judges", Binding::ids(judges)),
            ("reminded_stage", Binding::id(stage)),
            ("reminded_days", Binding::of(&days)),
            ("reminded_at", Binding::datetime(now)),
        ],
    )
}

/// The active committee members (admins), who get the daily digest.
pub async fn committee(db: &Db) -> Result<Vec<UserId>, DbError> {
    query_keys(
        db,
        "SELECT VALUE id FROM user WHERE active = true AND roles CONTAINS 'admin';",
        binds![],
        0,
    )
    .await
}

//! Onward outcomes: what a city's entry earned at the province's and the
//! nation's competitions, one per entry and level.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, Table, de_key, query_rows};
use crate::binds;
use domain::ids::{EditionId, EntryId, InnovationId, UserId};
use domain::onward::{AwardName, OnwardLevel, OnwardOutcome};
use jiff::Timestamp;
use serde::Deserialize;

/// A stored outcome.
#[derive(Debug, Clone, Deserialize)]
pub struct OnwardRow {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub innovation: InnovationId,
    pub level: OnwardLevel,
    pub award: AwardName,
    pub year: i32,
}

impl OnwardRow {
    /// The outcome itself.
    #[must_use]
    pub fn outcome(&self) -> OnwardOutcome {
        OnwardOutcome {
            level: self.level,
            award: self.award.clone(),
            year: self.year,
        }
    }
}

/// The outcomes of `entries`, oldest year first, the province before the nation.
pub async fn of_entries(db: &Db, entries: &[EntryId]) -> Result<Vec<OnwardRow>, DbError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    query_rows(
        db,
        "SELECT entry, innovation, level, award, year FROM onward_outcome \
            WHERE entry IN $entries ORDER BY year, level DESC;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await
}

/// Whether `entry` is an entry of `edition`.
pub async fn in_edition(db: &Db, entry: &EntryId, edition: &EditionId) -> Result<bool, DbError> {
    let found: Vec<serde_json::Value> = query_rows(
        db,
        "SELECT id FROM $entry WHERE edition = $edition;",
        binds![
            ("entry", Binding::id(entry)),
            ("edition", Binding::id(edition))
        ],
        0,
    )
    .await?;
    Ok(!found.is_empty())
}

/// The record of `entry`'s outcome at `level`: one per entry and level.
fn record_of(entry: &EntryId, level: OnwardLevel) -> Binding {
    Binding::record_of_parts("onward_outcome", &[entry.key(), level.key()])
}

/// The statement that records (or corrects) `entry`'s outcome at its level.
#[must_use]
pub fn record_statement(
    entry: &EntryId,
    innovation: &InnovationId,
    outcome: &OnwardOutcome,
    by: Option<&UserId>,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "UPSERT $onward SET entry = $onward_entry, innovation = $onward_innovation, \
            level = $onward_level, award = $onward_award, year = $onward_year, \
            recorded_at = $onward_at, recorded_by = $onward_by;",
        binds![
            ("onward", record_of(entry, outcome.level)),
            ("onward_entry", Binding::id(entry)),
            ("onward_innovation", Binding::id(innovation)),
            ("onward_level", Binding::of(&outcome.level)),
            ("onward_award", Binding::of(&outcome.award)),
            ("onward_year", Binding::of(&outcome.year)),
            ("onward_at", Binding::datetime(at)),
            ("onward_by", Binding::optional_id(by)),
        ],
    )
}

/// The statement that removes `entry`'s outcome at `level`.
#[must_use]
pub fn remove_statement(entry: &EntryId, level: OnwardLevel) -> Statement {
    Statement::new(
        "DELETE $onward;",
        binds![("onward", record_of(entry, level))],
    )
}

/// The committee's departures from the default pick (the winners) among
/// `entries`: entry → whether it is sent on.
pub async fn picks(db: &Db, entries: &[EntryId]) -> Result<Vec<PickRow>, DbError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    query_rows(
        db,
        "SELECT entry, send FROM onward_pick WHERE entry IN $entries;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await
}

/// A stored pick.
#[derive(Debug, Clone, Deserialize)]
pub struct PickRow {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub send: bool,
}

/// The statement that records whether `entry` is sent on.
#[must_use]
pub fn pick_statement(
    entry: &EntryId,
    send: bool,
    by: Option<&UserId>,
    at: Timestamp,
) -> Statement {
    Statement::new(
        "UPSERT $pick SET entry = $pick_entry, send = $pick_send, \
            decided_at = $pick_at, decided_by = $pick_by;",
        binds![
            (
                "pick",
                Binding::record_of_parts("onward_pick", &[entry.key()])
            ),
            ("pick_entry", Binding::id(entry)),
            ("pick_send", Binding::of(&send)),
            ("pick_at", Binding::datetime(at)),
            ("pick_by", Binding::optional_id(by)),
        ],
    )
}

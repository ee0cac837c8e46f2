//! People's-choice votes and the entries they may go to.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{
    Binding, Statement, de_key, execute_atomically, query_keys, query_rows,
};
use crate::binds;
use domain::ids::EditionId;
use domain::ids::EntryId;
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// States of an entry that people may vote for: in the competition after
/// screening, whatever the judges later decide.
pub const CANDIDATE_STATES: &[&str] = &[
    "screened_in",
    "advanced",
    "eliminated",
    "winner",
    "not_selected",
];

/// An edition as the ballot needs it.
#[derive(Debug, Clone, Deserialize)]
pub struct BallotEdition {
    #[serde(deserialize_with = "de_key")]
    pub id: EditionId,
    pub title: String,
    /// IANA zone.
    pub time_zone: String,
    /// Whether the edition runs a people's choice.
    #[serde(default)]
    pub peoples_choice: bool,
    /// Categories, for labels.
    pub categories: Vec<crate::model::CategoryView>,
    /// The proposal template as edited, if it was (which sections are public).
    #[serde(default)]
    pub template: Option<serde_json::Value>,
}

impl BallotEdition {
    /// The proposal template: the edition's own, else the national one.
    #[must_use]
    pub fn template(&self) -> domain::proposal::Template {
        self.template
            .clone()
            .and_then(|stored| serde_json::from_value(stored).ok())
            .unwrap_or_else(domain::proposal::Template::national)
    }
}

/// The edition with `slug`.
pub async fn edition(db: &Db, slug: &str) -> Result<Option<BallotEdition>, DbError> {
    Ok(query_rows(
        db,
        "SELECT id, title, time_zone, peoples_choice, categories, template FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
        0,
    )
    .await?
    .into_iter()
    .next())
}

/// An entry people may vote for.
#[derive(Debug, Clone, Deserialize)]
pub struct CandidateRow {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    pub title: String,
    /// Organisation's name.
    pub organisation: String,
    /// Category key.
    pub category: String,
    /// The answer to the summary section (`ringkasan`), if any: the one part of
    /// the proposal the ballot may show. Only it is read, so that a ballot of a
    /// hundred long proposals does not carry all their text to every voter.
    #[serde(default)]
    pub ringkasan: Option<String>,
}

/// The candidates of edition `edition`, by title.
pub async fn candidates(db: &Db, edition: &EditionId) -> Result<Vec<CandidateRow>, DbError> {
    query_rows(
        db,
        "SELECT id, title, org.name AS organisation, category, sections.ringkasan AS ringkasan FROM entry \
         WHERE edition = $edition AND state IN $states ORDER BY title;",
        binds![
            ("edition", Binding::id(edition)),
            ("states", Binding::of(&CANDIDATE_STATES)),
        ],
        0,
    )
    .await
}

/// Votes per entry key in edition `edition`.
pub async fn tally(db: &Db, edition: &EditionId) -> Result<BTreeMap<EntryId, u64>, DbError> {
    #[derive(Deserialize)]
    struct Count {
        #[serde(deserialize_with = "de_key")]
        entry: EntryId,
        votes: u64,
    }
    let rows: Vec<Count> = query_rows(
        db,
        "SELECT entry, count() AS votes FROM vote WHERE edition = $edition GROUP BY entry;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await?;
    Ok(rows.into_iter().map(|row| (row.entry, row.votes)).collect())
}

/// The entries of edition `edition` that `voter` has voted for.
pub async fn voted_by(db: &Db, edition: &EditionId, voter: &str) -> Result<Vec<EntryId>, DbError> {
    query_keys(
        db,
        "SELECT VALUE entry FROM vote WHERE edition = $edition AND voter = $voter;",
        binds![
            ("edition", Binding::id(edition)),
            ("voter", Binding::of(&voter)),
        ],
        0,
    )
    .await
}

/// Stores one vote; the unique index `vote_once` refuses a second one from the
/// same voter for the same entry, and at most `cap` votes for one entry come
/// from one address block. The block's count is a record of its own, written
/// in the vote's transaction, so two votes racing for the last place conflict
/// instead of both passing (the loser is retried by the caller).
pub async fn cast(
    db: &Db,
    edition: &EditionId,
    entry: &EntryId,
    voter: &str,
    address: &str,
    cap: usize,
    at: Timestamp,
) -> Result<(), DbError> {
    // The address block has reached the cap for the entry.
    let cap_reached = Refusal::VoteCapReached.throw();
    execute_atomically(
        db,
        vec![Statement::new(
            format!(
                "LET $counted = (SELECT VALUE votes FROM $block)[0] ?? 0;
                 IF $counted >= $cap {{ {cap_reached} }};
                 UPSERT $block SET votes = $counted + 1;
                 CREATE vote SET edition = $edition, entry = $entry, voter = $voter, address = $address, cast_at = $at;"
            ),
            binds![
                ("block", Binding::record_of_parts("vote_block", &[entry.as_str(), address])),
                ("cap", Binding::of(&cap)),
                ("edition", Binding::id(edition)),
                ("entry", Binding::id(entry)),
                ("voter", Binding::of(&voter)),
                ("address", Binding::of(&address)),
                ("at", Binding::datetime(at)),
            ],
        )],
    )
    .await
}

/// One vote as the committee's log lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct VoteRow {
    /// When.
    pub cast_at: Timestamp,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    /// Entry title.
    pub title: String,
    /// The voter's hashed browser id.
    pub voter: String,
    /// The hashed address block.
    pub address: String,
}

/// Every vote of edition `edition`, oldest first.
pub async fn log(db: &Db, edition: &EditionId) -> Result<Vec<VoteRow>, DbError> {
    query_rows(
        db,
        "SELECT cast_at, entry, entry.title AS title, voter, address FROM vote \
         WHERE edition = $edition ORDER BY cast_at, entry;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

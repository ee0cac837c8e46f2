//! People's-choice votes and the entries they may go to.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{
    Binding, Statement, de_key, execute_atomically, query_one, query_rows,
};
use crate::binds;
use domain::ids::EditionId;
use domain::ids::{EntryId, VoteId};
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
    pub slug: String,
    pub title: String,
    /// IANA zone.
    pub time_zone: String,
    /// Whether the edition runs a people's choice.
    #[serde(default)]
    pub peoples_choice: bool,
    /// Whether a vote counts only once its voter confirms an e-mail address.
    #[serde(default)]
    pub peoples_choice_verified: bool,
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
        "SELECT id, slug, title, time_zone, peoples_choice, peoples_choice_verified, categories, template \
         FROM edition WHERE slug = $slug;",
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

/// Votes per entry key in edition `edition`: all cast, and those counted
/// after their voter confirmed an address (verified editions).
pub async fn tally(db: &Db, edition: &EditionId) -> Result<BTreeMap<EntryId, Tally>, DbError> {
    #[derive(Deserialize)]
    struct Count {
        #[serde(deserialize_with = "de_key")]
        entry: EntryId,
        votes: u64,
    }
    let count = |sql: &'static str| {
        query_rows::<Count>(db, sql, binds![("edition", Binding::id(edition))], 0)
    };
    let mut tally: BTreeMap<EntryId, Tally> = BTreeMap::new();
    let cast =
        count("SELECT entry, count() AS votes FROM vote WHERE edition = $edition GROUP BY entry;");
    for row in cast.await? {
        tally.entry(row.entry).or_default().cast = row.votes;
    }
    let counted = count(
        "SELECT entry, count() AS votes FROM vote_count WHERE edition = $edition GROUP BY entry;",
    );
    for row in counted.await? {
        tally.entry(row.entry).or_default().confirmed = row.votes;
    }
    Ok(tally)
}

/// One entry's votes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Every vote cast.
    pub cast: u64,
    /// Votes whose voter confirmed an address, one per address.
    pub confirmed: u64,
}

/// The entries of edition `edition` that `voter` has voted for, each with
/// whether that vote counts after a confirmed address (verified editions).
pub async fn voted_by(
    db: &Db,
    edition: &EditionId,
    voter: &str,
) -> Result<Vec<(EntryId, bool)>, DbError> {
    #[derive(Deserialize)]
    struct Voted {
        #[serde(deserialize_with = "de_key")]
        entry: EntryId,
        counted: bool,
    }
    let rows: Vec<Voted> = query_rows(
        db,
        "SELECT entry, count(SELECT id FROM vote_count WHERE vote = $parent.id) > 0 AS counted \
            FROM vote WHERE edition = $edition AND voter = $voter;",
        binds![
            ("edition", Binding::id(edition)),
            ("voter", Binding::of(&voter)),
        ],
        0,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.entry, row.counted))
        .collect())
}

/// A vote to store.
#[derive(Debug, Clone)]
pub struct NewVote<'a> {
    /// Its record key, chosen here so that its confirmation link can name it
    /// in the same transaction.
    pub id: VoteId,
    pub edition: &'a EditionId,
    pub entry: &'a EntryId,
    /// The hashed browser id.
    pub voter: &'a str,
    /// The hashed address block.
    pub address: &'a str,
    pub at: Timestamp,
}

/// Stores one vote; the unique index `vote_once` refuses a second one from the
/// same voter for the same entry, and at most `cap` votes for one entry come
/// from one address block. The block's count is a record of its own, written
/// in the vote's transaction, so two votes racing for the last place conflict
/// instead of both passing (the loser is retried by the caller).
pub async fn cast(
    db: &Db,
    vote: &NewVote<'_>,
    cap: usize,
    with: Vec<Statement>,
) -> Result<(), DbError> {
    // The address block has reached the cap for the entry.
    let cap_reached = Refusal::VoteCapReached.throw();
    let mut statements = vec![Statement::new(
        format!(
            "LET $counted = (SELECT VALUE votes FROM $block)[0] ?? 0;
             IF $counted >= $cap {{ {cap_reached} }};
             UPSERT $block SET votes = $counted + 1;
             CREATE $vote SET edition = $edition, entry = $entry, voter = $voter, address = $address,
                cast_at = $at;"
        ),
        binds![
            ("block", Binding::record_of_parts("vote_block", &[vote.entry.as_str(), vote.address])),
            ("cap", Binding::of(&cap)),
            ("vote", Binding::id(&vote.id)),
            ("edition", Binding::id(vote.edition)),
            ("entry", Binding::id(vote.entry)),
            ("voter", Binding::of(&vote.voter)),
            ("address", Binding::of(&vote.address)),
            ("at", Binding::datetime(vote.at)),
        ],
    )];
    statements.extend(with);
    execute_atomically(db, statements).await
}

/// A confirmation link to store: for vote `vote` (its key), the SHA-256
/// `token_hash` of its token, sent to the address whose keyed hash is
/// `mailbox` at `at`, valid until `expires_at`.
#[derive(Debug, Clone)]
pub struct NewLink<'a> {
    pub vote: &'a VoteId,
    pub token_hash: &'a str,
    pub mailbox: &'a str,
    pub at: Timestamp,
    pub expires_at: Timestamp,
}

/// The statement that stores `link`.
#[must_use]
pub fn link_statement(link: &NewLink<'_>) -> Statement {
    Statement::new(
        "CREATE vote_token SET vote = $link_vote, token = $link_token, mailbox = $link_mailbox, \
            created_at = $link_at, expires_at = $link_expires;",
        binds![
            ("link_vote", Binding::id(link.vote)),
            ("link_token", Binding::of(&link.token_hash)),
            ("link_mailbox", Binding::of(&link.mailbox)),
            ("link_at", Binding::datetime(link.at)),
            ("link_expires", Binding::datetime(link.expires_at)),
        ],
    )
}

/// How many confirmation links went to the address whose keyed hash is
/// `mailbox` since `since`: what bounds the mail the anonymous ballot can make
/// Juara send one address, however its spelling varies.
pub async fn links_to(db: &Db, mailbox: &str, since: Timestamp) -> Result<u64, DbError> {
    let sql = "RETURN count(SELECT id FROM vote_token WHERE mailbox = $mailbox AND created_at >= $since);";
    let bindings = binds![
        ("mailbox", Binding::of(&mailbox)),
        ("since", Binding::datetime(since)),
    ];
    Ok(query_one(db, sql, bindings).await?.unwrap_or(0))
}

/// This browser's vote for an entry, as a new vote from it finds it.
#[derive(Debug, Clone, Deserialize)]
pub struct ExistingVote {
    #[serde(deserialize_with = "de_key")]
    pub id: VoteId,
    /// Whether it counts (a link was confirmed).
    pub counted: bool,
}

/// `voter`'s vote for `entry`, if any.
pub async fn existing(
    db: &Db,
    entry: &EntryId,
    voter: &str,
) -> Result<Option<ExistingVote>, DbError> {
    query_one(
        db,
        "SELECT id, count(SELECT id FROM vote_count WHERE vote = $parent.id) > 0 AS counted \
            FROM vote WHERE entry = $entry AND voter = $voter LIMIT 1;",
        binds![
            ("entry", Binding::id(entry)),
            ("voter", Binding::of(&voter)),
        ],
    )
    .await
}

/// A confirmation link as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct PendingVote {
    #[serde(deserialize_with = "de_key")]
    pub edition: EditionId,
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    pub expires_at: Timestamp,
}

/// The vote the unused link with token hash `token_hash` confirms (the link
/// may have expired).
pub async fn pending(db: &Db, token_hash: &str) -> Result<Option<PendingVote>, DbError> {
    query_one(
        db,
        "SELECT vote.edition AS edition, vote.entry AS entry, expires_at \
            FROM vote_token WHERE token = $token_hash AND used_at = NONE LIMIT 1;",
        binds![("token_hash", Binding::of(&token_hash))],
    )
    .await
}

/// Counts the vote of the link with token hash `token_hash` at `now` and
/// uses the link up, in one transaction. Refused with
/// [`Refusal::VoteLinkUsed`] when the link was used a moment ago, and with
/// `DbError::Unique` when the address already counts for the entry or the
/// vote already counts through another link.
pub async fn confirm(db: &Db, token_hash: &str, now: Timestamp) -> Result<(), DbError> {
    let used = Refusal::VoteLinkUsed.throw();
    execute_atomically(
        db,
        vec![Statement::new(
            format!(
                "LET $link = (SELECT id, vote, mailbox FROM vote_token WHERE token = $token_hash AND used_at = NONE)[0];
                 IF $link = NONE {{ {used} }};
                 CREATE vote_count SET vote = $link.vote, edition = $link.vote.edition,
                    entry = $link.vote.entry, mailbox = $link.mailbox, counted_at = $now;
                 UPDATE $link.id SET used_at = $now;"
            ),
            binds![
                ("token_hash", Binding::of(&token_hash)),
                ("now", Binding::datetime(now)),
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
    /// When its voter confirmed an address and it counted (verified editions).
    #[serde(default)]
    pub counted_at: Option<Timestamp>,
}

/// Every vote of edition `edition`, oldest first.
pub async fn log(db: &Db, edition: &EditionId) -> Result<Vec<VoteRow>, DbError> {
    query_rows(
        db,
        "SELECT cast_at, entry, entry.title AS title, voter, address, \
            (SELECT VALUE counted_at FROM vote_count WHERE vote = $parent.id)[0] AS counted_at FROM vote \
         WHERE edition = $edition ORDER BY cast_at, entry;",
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await
}

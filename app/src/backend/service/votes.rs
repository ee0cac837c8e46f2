//! People's choice: a separate public award by votes, where the edition turns
//! it on. Never mixed into scores (DESIGN rule 7): nothing here is read by the
//! scoring engine.
//!
//! Voting is open while the edition's people's choice is on and its final
//! results are not published; the candidates are the entries in the
//! competition after screening. One vote per entry per browser (a random id in
//! an HttpOnly cookie, stored hashed), and a limit per address per hour in the
//! server function. Both are honest speed bumps, not proof of identity: the
//! README says what they do not stop.

use crate::backend::csv_table::{Bom, Cell, CsvTable};
use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::repo::publications;
use crate::backend::repo::votes::{self as repo, BallotEdition};
use crate::backend::service::editions::local_in;
use crate::error::{AppError, Problem};
use crate::model::{Ballot, Candidate};
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::stage::PublicationScope;
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// Votes one address may cast per hour: generous, since a school, an office or a
/// mobile carrier puts many people behind one address.
pub const PER_HOUR: usize = 30;

/// Votes one entry may receive from one address block (an IPv4 address, an
/// IPv6 /64) over the whole vote: a fresh browser cookie is easy to get, so
/// this is what bounds one place's weight for one entry.
pub const PER_ENTRY_PER_BLOCK: usize = 10;

/// Words of a candidate's summary.
const SUMMARY_WORDS: usize = 40;

/// The stored form of a browser's voter id.
#[must_use]
pub fn voter_hash(voter_id: &str) -> String {
    hex::encode(Sha256::digest(voter_id.as_bytes()))
}

/// The stored form of the address a vote came from: its block (IPv6 /64, IPv4
/// as is), hashed with the edition's key so that logs of two editions cannot be
/// joined. Pseudonymous, not anonymous: the committee can see a burst from one
/// place, which is the point.
#[must_use]
pub fn address_hash(edition: &EditionId, addr: IpAddr) -> String {
    let block = crate::backend::rate_limit::block_of(addr);
    let digest = Sha256::digest(format!("{edition}|{block}").as_bytes());
    hex::encode(&digest[..8])
}

async fn edition(db: &Db, slug: &str) -> Result<BallotEdition, AppError> {
    repo::edition(db, slug).await?.ok_or(AppError::NotFound)
}

/// Whether edition `edition`'s final results stand published.
async fn final_published(db: &Db, edition: &EditionId) -> Result<bool, DbError> {
    Ok(publications::for_edition(db, edition)
        .await?
        .iter()
        .any(|publication| {
            publication.scope == PublicationScope::Final && publication.withdrawn_at.is_none()
        }))
}

/// The ballot of edition `slug` as `voter` (a stored voter hash) sees it. An
/// edition without people's choice has no ballot (`NotFound`).
pub async fn ballot(db: &Db, slug: &str, voter: Option<&str>) -> Result<Ballot, AppError> {
    let edition = edition(db, slug).await?;
    if !edition.peoples_choice {
        return Err(AppError::NotFound);
    }
    let open = !final_published(db, &edition.id).await?;
    let voted = match voter {
        Some(voter) => repo::voted_by(db, &edition.id, voter).await?,
        None => Vec::new(),
    };
    let tally = if open {
        None
    } else {
        Some(repo::tally(db, &edition.id).await?)
    };
    let label = |key: &str| crate::model::category_label(&edition.categories, key);
    let blind = publications::in_blind_phase(db, &edition.id).await?;
    // The summary is proposal text: shown only where the form marks it public.
    let summary_public = edition
        .template()
        .sections
        .iter()
        .any(|section| section.key == "ringkasan" && section.public);
    let mut candidates: Vec<Candidate> = repo::candidates(db, &edition.id)
        .await?
        .into_iter()
        .map(|row| Candidate {
            voted: voted.contains(&row.id),
            votes: tally
                .as_ref()
                .map(|tally| tally.get(&row.id).copied().unwrap_or(0)),
            category: label(&row.category),
            summary: if summary_public {
                summary(row.ringkasan.as_deref().unwrap_or_default())
            } else {
                String::new()
            },
            entry: row.id,
            title: row.title,
            organisation: (!blind).then_some(row.organisation),
        })
        .collect();
    if !open {
        candidates.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.title.cmp(&b.title)));
    }
    Ok(Ballot {
        slug: slug.to_owned(),
        title: edition.title,
        open,
        candidates,
        per_hour: PER_HOUR,
    })
}

fn summary(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut summary = words[..words.len().min(SUMMARY_WORDS)].join(" ");
    if words.len() > SUMMARY_WORDS {
        summary.push('…');
    }
    summary
}

/// Casts `voter`'s vote (a stored voter hash) for `entry` in edition `slug`,
/// from `addr`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn cast(
    db: &Db,
    slug: &str,
    entry: &EntryId,
    voter: &str,
    addr: IpAddr,
    now: Timestamp,
) -> Result<(), AppError> {
    let edition = edition(db, slug).await?;
    if !edition.peoples_choice {
        return Err(AppError::NotFound);
    }
    if final_published(db, &edition.id).await? {
        return Err(AppError::Conflict(Problem::VotingClosed));
    }
    let candidates = repo::candidates(db, &edition.id).await?;
    if !candidates.iter().any(|candidate| candidate.id == entry) {
        return Err(AppError::NotFound);
    }
    let address = address_hash(&edition.id, addr);
    // A vote racing another from the same block for the same entry conflicts
    // on the block's count; the loser tries again and sees the new count.
    let mut tries = 0;
    loop {
        tries += 1;
        match repo::cast(
            db,
            &edition.id,
            entry,
            voter,
            &address,
            PER_ENTRY_PER_BLOCK,
            now,
        )
        .await
        {
            Ok(()) => return Ok(()),
            Err(DbError::Unique { .. }) => return Err(AppError::Conflict(Problem::AlreadyVoted)),
            Err(DbError::Refused(Refusal::VoteCapReached)) => {
                return Err(AppError::Conflict(Problem::VoteCapReached));
            }
            Err(DbError::WriteConflict) if tries < 5 => {}
            Err(other) => return Err(other.into()),
        }
    }
}

/// The vote log of edition `slug` as CSV (UTF-8 with a BOM, for spreadsheets):
/// time in the edition's zone, entry, title, hashed voter and address block.
pub async fn log_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = edition(db, slug).await?;
    let mut table = CsvTable::new(&["cast_at", "entry", "title", "voter", "address"], Bom::Yes);
    for vote in repo::log(db, &edition.id).await? {
        table.push(
            [
                local_in(vote.cast_at, &edition.time_zone),
                vote.entry.to_string(),
                vote.title,
                vote.voter[..16.min(vote.voter.len())].to_owned(),
                vote.address,
            ]
            .map(Cell::Text)
            .to_vec(),
        );
    }
    Ok(table.finish())
}

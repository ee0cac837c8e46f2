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
//!
//! Where the edition asks for it (*verified*), a vote counts only once its
//! voter confirms an e-mail address through a one-time link valid for 24
//! hours, and an address counts once per entry. Addresses are kept only as
//! keyed hashes (`VoterKey::mailbox`); the tally shows counted and unconfirmed
//! votes apart.

use crate::backend::auth::voter::VoterKey;
use crate::backend::csv_table::{Bom, Cell, CsvTable};
use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::mail::{letters, outgoing};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::mail::{self, NewMail};
use crate::backend::repo::publications;
use crate::backend::repo::votes::{self as repo, BallotEdition, CandidateRow};
use crate::backend::service::editions::local_in;
use crate::error::{AppError, Problem};
use crate::model::{Ballot, Candidate};
use domain::ids::{EditionId, EntryId, VoteId};
use domain::mail::{Language, MailKind};
use domain::stage::PublicationScope;
use jiff::{SignedDuration, Timestamp};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// Votes one address may cast per hour: generous, since a school, an office or a
/// mobile carrier puts many people behind one address.
pub const PER_HOUR: usize = 30;

/// Votes one entry may receive from one address block (an IPv4 address, an
/// IPv6 /64) over the whole vote: a fresh browser cookie is easy to get, so
/// this is what bounds one place's weight for one entry.
pub const PER_ENTRY_PER_BLOCK: usize = 10;

/// How long a confirmation link works.
pub const LINK_HOURS: i64 = 24;

/// Confirmation links one address may be sent in a day: enough to vote for
/// every entry a person cares about, too few to make Juara a way to flood
/// someone's mailbox.
pub const LINKS_PER_MAILBOX_PER_DAY: u64 = 20;

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
    let voted_for = |entry: &EntryId| voted.iter().find(|(voted, _)| voted == entry);
    let verified = edition.peoples_choice_verified;
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
            voted: voted_for(&row.id).is_some(),
            awaiting: verified && voted_for(&row.id).is_some_and(|(_, counted)| !counted),
            votes: tally.as_ref().map(|tally| {
                let votes = tally.get(&row.id).copied().unwrap_or_default();
                if verified {
                    votes.confirmed
                } else {
                    votes.cast
                }
            }),
            unconfirmed: tally.as_ref().filter(|_| verified).map(|tally| {
                let votes = tally.get(&row.id).copied().unwrap_or_default();
                votes.cast - votes.confirmed
            }),
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
        verified,
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

/// The address a voter gives in a verified edition, and what its
/// confirmation message needs.
#[derive(Debug, Clone, Copy)]
pub struct Confirming<'a> {
    /// As typed.
    pub address: &'a str,
    /// The language of the page they voted on.
    pub language: Language,
    pub key: &'a VoterKey,
    /// The site the link points to.
    pub site: &'a str,
}

/// What became of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    /// It counts.
    Counted,
    /// It counts once its voter follows the link sent to the address given.
    AwaitingConfirmation,
}

/// Casts `voter`'s vote (a stored voter hash) for `entry` in edition `slug`,
/// from `addr`. In a verified edition `confirming` must carry the voter's
/// address: the vote is stored, and a link to confirm it is sent there. A
/// browser whose vote still waits may vote again for the same entry to be sent
/// a new link (the first expired, or the address was mistyped).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn cast(
    db: &Db,
    (slug, entry): (&str, &EntryId),
    (voter, addr): (&str, IpAddr),
    confirming: Option<Confirming<'_>>,
    now: Timestamp,
) -> Result<Cast, AppError> {
    let edition = edition(db, slug).await?;
    if !edition.peoples_choice {
        return Err(AppError::NotFound);
    }
    if final_published(db, &edition.id).await? {
        return Err(AppError::Conflict(Problem::VotingClosed));
    }
    let candidates = repo::candidates(db, &edition.id).await?;
    let Some(candidate) = candidates.iter().find(|candidate| candidate.id == entry) else {
        return Err(AppError::NotFound);
    };
    let mut link = None;
    let mut vote_id = VoteId::from(new_key());
    if edition.peoples_choice_verified {
        let confirming = confirming.ok_or_else(|| AppError::field("email", Problem::Required))?;
        let mailbox = domain::mail::mailbox(confirming.address)
            .ok_or_else(|| AppError::field("email", Problem::BadEmail))?;
        let mailbox = confirming.key.mailbox(edition.id.as_str(), &mailbox);
        if repo::links_to(db, &mailbox, now - SignedDuration::from_hours(24)).await?
            >= LINKS_PER_MAILBOX_PER_DAY
        {
            return Err(AppError::field("email", Problem::TooManyConfirmations));
        }
        match repo::existing(db, entry, voter).await? {
            Some(existing) if existing.counted => {
                return Err(AppError::Conflict(Problem::AlreadyVoted));
            }
            Some(existing) => {
                // A new link for the vote this browser cast before.
                let (token, token_hash) = new_token();
                let sent = confirmation(&edition, candidate, confirming, &token);
                execute_atomically(
                    db,
                    vec![
                        repo::link_statement(&repo::NewLink {
                            vote: &existing.id,
                            token_hash: &token_hash,
                            mailbox: &mailbox,
                            at: now,
                            expires_at: now + SignedDuration::from_hours(LINK_HOURS),
                        }),
                        mail::enqueue_statement(&[sent], now),
                    ],
                )
                .await?;
                return Ok(Cast::AwaitingConfirmation);
            }
            None => link = Some((confirming, mailbox)),
        }
    }
    let address = address_hash(&edition.id, addr);
    // A vote racing another from the same block for the same entry conflicts
    // on the block's count; the loser tries again and sees the new count.
    let mut tries = 0;
    loop {
        tries += 1;
        let mut with = Vec::new();
        if let Some((confirming, mailbox)) = &link {
            let (token, token_hash) = new_token();
            with.push(repo::link_statement(&repo::NewLink {
                vote: &vote_id,
                token_hash: &token_hash,
                mailbox,
                at: now,
                expires_at: now + SignedDuration::from_hours(LINK_HOURS),
            }));
            let sent = confirmation(&edition, candidate, *confirming, &token);
            with.push(mail::enqueue_statement(&[sent], now));
        }
        let vote = repo::NewVote {
            id: vote_id.clone(),
            edition: &edition.id,
            entry,
            voter,
            address: &address,
            at: now,
        };
        match repo::cast(db, &vote, PER_ENTRY_PER_BLOCK, with).await {
            Ok(()) if link.is_some() => return Ok(Cast::AwaitingConfirmation),
            Ok(()) => return Ok(Cast::Counted),
            Err(DbError::Unique { .. }) => return Err(AppError::Conflict(Problem::AlreadyVoted)),
            Err(DbError::Refused(Refusal::VoteCapReached)) => {
                return Err(AppError::Conflict(Problem::VoteCapReached));
            }
            Err(DbError::WriteConflict) if tries < 5 => vote_id = VoteId::from(new_key()),
            Err(other) => return Err(other.into()),
        }
    }
}

/// A fresh confirmation token (128 random bits, hex) and its stored form.
fn new_token() -> (String, String) {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let stored = hex::encode(Sha256::digest(token.as_bytes()));
    (token, stored)
}

/// The message carrying `token`, the link that confirms a vote for `candidate`.
fn confirmation(
    edition: &BallotEdition,
    candidate: &CandidateRow,
    confirming: Confirming<'_>,
    token: &str,
) -> NewMail {
    let link = outgoing::link(
        confirming.site,
        &format!("/editions/{}/vote/confirm?token={token}", edition.slug),
    );
    let letter = letters::vote_confirmation(
        confirming.language,
        (&candidate.title, &edition.title),
        &link,
        LINK_HOURS,
    );
    outgoing::to_address(
        MailKind::VoteConfirmation,
        confirming.address.trim(),
        confirming.language,
        letter,
    )
}

/// Confirms the vote whose link carries `token`, in edition `slug`, at `now`:
/// from then on it counts. Returns the entry voted for.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn confirm(
    db: &Db,
    slug: &str,
    token: &str,
    now: Timestamp,
) -> Result<EntryId, AppError> {
    let edition = edition(db, slug).await?;
    let token_hash = hex::encode(Sha256::digest(token.trim().as_bytes()));
    let pending = repo::pending(db, &token_hash)
        .await?
        .filter(|pending| pending.edition == edition.id)
        .ok_or(AppError::Conflict(Problem::VoteLinkUnknown))?;
    if pending.expires_at < now {
        return Err(AppError::Conflict(Problem::VoteLinkExpired));
    }
    // Once the final results stand, the tally is what was announced.
    if final_published(db, &edition.id).await? {
        return Err(AppError::Conflict(Problem::VotingClosed));
    }
    match repo::confirm(db, &token_hash, now).await {
        Ok(()) => Ok(pending.entry),
        Err(DbError::Unique { .. }) => Err(AppError::Conflict(Problem::AlreadyCounted)),
        Err(DbError::Refused(Refusal::VoteLinkUsed)) => {
            Err(AppError::Conflict(Problem::VoteLinkUnknown))
        }
        Err(other) => Err(other.into()),
    }
}

/// The vote log of edition `slug` as CSV (UTF-8 with a BOM, for spreadsheets):
/// time in the edition's zone, entry, title, hashed voter and address block.
pub async fn log_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = edition(db, slug).await?;
    let mut table = CsvTable::new(
        &[
            "cast_at",
            "entry",
            "title",
            "voter",
            "address",
            "counted_at",
        ],
        Bom::Yes,
    );
    for vote in repo::log(db, &edition.id).await? {
        table.push(
            [
                local_in(vote.cast_at, &edition.time_zone),
                vote.entry.to_string(),
                vote.title,
                vote.voter[..16.min(vote.voter.len())].to_owned(),
                vote.address,
                vote.counted_at
                    .map(|at| local_in(at, &edition.time_zone))
                    .unwrap_or_default(),
            ]
            .map(Cell::Text)
            .to_vec(),
        );
    }
    Ok(table.finish())
}

//! Onward: the committee records what its winners earned at the province's
//! (KOVABLIK) and the nation's (SINOVIK) competitions. Only entries of the
//! standing final publication can be sent on — what the public already reads —
//! and each outcome joins the innovation's award history (the catalogue, the
//! `khusus` eligibility rule) the moment it is stored.

use crate::backend::db::Db;
use crate::backend::public_cache::PublicCache;
use crate::backend::records::{Binding, Table, execute_atomically, query_keys};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::onward as repo;
use crate::backend::repo::results::ResultsEditionRecord;
use crate::backend::service::catalogue::AWARD_PLACES;
use crate::backend::service::{publication, results, submission_package};
use crate::binds;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{FinalResult, OnwardCandidate, OnwardForm, OnwardView, category_label};
use domain::ids::{EntryId, InnovationId, UserId};
use domain::onward::{AwardName, AwardNameError, OnwardLevel, OnwardOutcome, outcome_years};
use jiff::Timestamp;

/// The page for edition `slug`: every entry of its standing final ranking,
/// winners first, with its outcomes, whether it is sent on, and how the
/// package of each entry sent on stands against the national form. Empty
/// until the final results stand.
pub async fn view(db: &Db, slug: &str) -> Result<OnwardView, AppError> {
    let edition = results::edition(db, slug).await?;
    let candidates = candidates(db, &edition).await?;
    let ids: Vec<EntryId> = candidates
        .iter()
        .map(|(row, _)| row.entry.clone())
        .collect();
    let outcomes = repo::of_entries(db, &ids).await?;
    let mut view = Vec::with_capacity(candidates.len());
    for (row, sent) in candidates {
        let package = if sent {
            Some(
                submission_package::assemble(db, &edition.title, row.clone())
                    .await?
                    .check(),
            )
        } else {
            None
        };
        view.push(OnwardCandidate {
            outcomes: outcomes
                .iter()
                .filter(|outcome| outcome.entry == row.entry)
                .map(repo::OnwardRow::outcome)
                .collect(),
            winner: row.rank <= AWARD_PLACES,
            entry: row.entry,
            title: row.title,
            organisation: row.organisation,
            category: row.category,
            rank: row.rank,
            sent,
            package,
        });
    }
    let years = outcome_years(year_of(&edition));
    Ok(OnwardView {
        edition_slug: edition.slug,
        edition_title: edition.title,
        years: (*years.start(), *years.end()),
        candidates: view,
    })
}

/// An entry of the standing final ranking, as the onward page and the
/// submission package name it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentEntry {
    pub entry: EntryId,
    pub title: String,
    pub organisation: String,
    /// Category label.
    pub category: String,
    /// Place in its category's final ranking.
    pub rank: u32,
}

/// The standing final ranking of `edition`, winners first, each with whether
/// it is sent on: the committee's pick where it made one, else whether it won.
async fn candidates(
    db: &Db,
    edition: &ResultsEditionRecord,
) -> Result<Vec<(SentEntry, bool)>, AppError> {
    let ranking = final_ranking(db, edition).await?;
    let ids: Vec<EntryId> = ranking.iter().map(|row| row.id.clone()).collect();
    let picks = repo::picks(db, &ids).await?;
    let mut candidates: Vec<(SentEntry, bool)> = ranking
        .into_iter()
        .map(|row| {
            let picked = picks
                .iter()
                .find(|pick| pick.entry == row.id)
                .map(|pick| pick.send);
            let sent = picked.unwrap_or(row.rank <= AWARD_PLACES);
            let entry = SentEntry {
                category: category_label(&edition.categories, &row.category),
                entry: row.id,
                title: row.title,
                organisation: row.organisation,
                rank: row.rank,
            };
            (entry, sent)
        })
        .collect();
    // Winners first (the ones sent on by default), then by place.
    candidates.sort_by_key(|(entry, _)| (entry.rank > AWARD_PLACES, entry.rank));
    Ok(candidates)
}

/// The edition's title and the entries the committee sends on, winners first.
pub async fn sent_entries(db: &Db, slug: &str) -> Result<(String, Vec<SentEntry>), AppError> {
    let edition = results::edition(db, slug).await?;
    let sent = candidates(db, &edition)
        .await?
        .into_iter()
        .filter_map(|(entry, sent)| sent.then_some(entry))
        .collect();
    Ok((edition.title, sent))
}

/// Sends entry `entry` on (or stops sending it): `NotFound` unless it is in
/// the edition's standing final results.
pub async fn pick(
    db: &Db,
    actor: Option<&UserId>,
    (slug, entry): (&str, &EntryId),
    send: bool,
    now: Timestamp,
) -> Result<(), AppError> {
    let edition = results::edition(db, slug).await?;
    sent_on(db, &edition, entry).await?;
    execute_atomically(
        db,
        vec![
            repo::pick_statement(entry, send, actor, now),
            audit::statement(NewAuditEvent {
                actor,
                action: "onward.pick",
                target: format!("entry:{entry}"),
                before: None,
                after: Some(serde_json::json!({ "send": send })),
            }),
        ],
    )
    .await?;
    Ok(())
}

/// Records (or corrects) entry `entry`'s outcome at the level `typed` names.
/// Refused field by field, what was typed kept, when the level, the award's
/// name or the year cannot be read; `NotFound` when the entry is not in the
/// edition's standing final results.
pub async fn record(
    db: &Db,
    public: &PublicCache,
    actor: Option<&UserId>,
    (slug, entry): (&str, &EntryId),
    typed: &OnwardForm,
    now: Timestamp,
) -> Result<OnwardOutcome, AppError> {
    let edition = results::edition(db, slug).await?;
    let outcome = parse(typed, year_of(&edition)).map_err(|fields| {
        AppError::invalid(fields).with_echo(&[
            ("entry", entry.key()),
            ("level", typed.level.as_str()),
            ("award", typed.award.as_str()),
            ("year", typed.year.as_str()),
        ])
    })?;
    let innovation = sent_on(db, &edition, entry).await?;
    execute_atomically(
        db,
        vec![
            repo::record_statement(entry, &innovation, &outcome, actor, now),
            audit::statement(NewAuditEvent {
                actor,
                action: "onward.record",
                target: format!("entry:{entry}"),
                before: None,
                after: Some(serde_json::json!(outcome)),
            }),
        ],
    )
    .await?;
    public.invalidate();
    Ok(outcome)
}

/// Removes entry `entry`'s outcome at `level` (`NotFound` when the edition
/// `slug` has no such outcome).
pub async fn remove(
    db: &Db,
    public: &PublicCache,
    actor: Option<&UserId>,
    (slug, entry): (&str, &EntryId),
    level: OnwardLevel,
) -> Result<(), AppError> {
    let edition = results::edition(db, slug).await?;
    let stored = repo::of_entries(db, std::slice::from_ref(entry)).await?;
    if !repo::in_edition(db, entry, &edition.id).await?
        || !stored.iter().any(|outcome| outcome.level == level)
    {
        return Err(AppError::NotFound);
    }
    execute_atomically(
        db,
        vec![
            repo::remove_statement(entry, level),
            audit::statement(NewAuditEvent {
                actor,
                action: "onward.remove",
                target: format!("entry:{entry}"),
                before: Some(serde_json::json!({ "level": level })),
                after: None,
            }),
        ],
    )
    .await?;
    public.invalidate();
    Ok(())
}

/// The edition's year as the onward rule counts it.
fn year_of(edition: &ResultsEditionRecord) -> i32 {
    i32::try_from(edition.year).unwrap_or_default()
}

/// The standing final ranking of `edition` (empty when none stands).
async fn final_ranking(
    db: &Db,
    edition: &ResultsEditionRecord,
) -> Result<Vec<FinalResult>, AppError> {
    Ok(match publication::standing_final(db, &edition.id).await? {
        Some(standing) => publication::decode(&standing)?.final_ranking,
        None => Vec::new(),
    })
}

/// The innovation of `entry`, which must be in `edition`'s standing final
/// results: nothing else may be sent on.
async fn sent_on(
    db: &Db,
    edition: &ResultsEditionRecord,
    entry: &EntryId,
) -> Result<InnovationId, AppError> {
    if !final_ranking(db, edition)
        .await?
        .iter()
        .any(|row| row.id == *entry)
    {
        return Err(AppError::NotFound);
    }
    let innovations: Vec<InnovationId> = query_keys(
        db,
        "SELECT VALUE innovation FROM $entry;",
        binds![("entry", Binding::id(entry))],
        0,
    )
    .await?;
    innovations.into_iter().next().ok_or(AppError::NotFound)
}

/// The outcome `typed` describes, or a problem per field.
fn parse(typed: &OnwardForm, edition_year: i32) -> Result<OnwardOutcome, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, problem: Problem| {
        problems.push(FieldError {
            field: field.to_owned(),
            problem,
        });
    };
    let level = typed.level.parse::<OnwardLevel>().map_err(|_| {
        problem(
            "level",
            Problem::UnknownChoice {
                given: typed.level.clone(),
            },
        );
    });
    let award = typed.award.parse::<AwardName>().map_err(|error| {
        problem(
            "award",
            match error {
                AwardNameError::Empty => Problem::Required,
                AwardNameError::TooLong { max } => Problem::TooLong { max },
            },
        );
    });
    let years = outcome_years(edition_year);
    let year = match typed.year.trim().parse::<i32>() {
        Ok(year) if years.contains(&year) => Some(year),
        Ok(_) => {
            problem(
                "year",
                Problem::OutOfRange {
                    min: i64::from(*years.start()),
                    max: i64::from(*years.end()),
                },
            );
            None
        }
        Err(_) => {
            problem("year", Problem::NotANumber);
            None
        }
    };
    match (level, award, year) {
        (Ok(level), Ok(award), Some(year)) => Ok(OnwardOutcome { level, award, year }),
        _ => Err(problems),
    }
}

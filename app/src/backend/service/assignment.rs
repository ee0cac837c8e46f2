//! Giving entries to judges with the domain's planner
//! ([`domain::assignment`]): the blocks (own organisation or the one above it,
//! recusals) and the current load come from the database, the choice from the
//! planner, and the new assignments are written with their audit event in one
//! transaction.

use crate::backend::db::Db;
use crate::backend::live::LiveUpdates;
use crate::backend::mail::outgoing;
use crate::backend::records::execute_atomically;
use crate::backend::repo::assignment_context::{self, AssignmentRow, EntryWithOrgs, JudgeRow};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::judging;
use crate::backend::service::assignment_notice::digests;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{AssignableStage, AssignmentPreview};
use domain::assignment::{Judge, Plan, Seat, plan};
use domain::ids::OrgId;
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use jiff::Timestamp;
use std::collections::{BTreeMap, BTreeSet};

/// The stage's seats: every entry the stage hears, with its blocks and current
/// judges, wanting `wanted(entry, active judges)` judges.
fn seats(
    judges: &[JudgeRow],
    entries: &[EntryWithOrgs],
    assignments: &[AssignmentRow],
    wanted: impl Fn(&str, usize) -> usize,
) -> Vec<Seat> {
    entries
        .iter()
        .map(|entry| {
            let own: BTreeSet<&str> = entry
                .org
                .iter()
                .chain(entry.parent.iter())
                .map(OrgId::as_str)
                .collect();
            let mut blocked: BTreeSet<String> = judges
                .iter()
                .filter(|judge| {
                    judge
                        .org
                        .as_ref()
                        .is_some_and(|org| own.contains(org.as_str()))
                })
                .map(|judge| judge.id.to_string())
                .collect();
            let mut assigned = BTreeSet::new();
            for row in assignments.iter().filter(|row| row.entry == entry.id) {
                if row.recused {
                    blocked.insert(row.judge.to_string());
                } else {
                    assigned.insert(row.judge.to_string());
                }
            }
            let wanted = wanted(entry.id.as_str(), assigned.len());
            Seat {
                entry: entry.id.to_string(),
                category: entry.category.clone(),
                blocked,
                assigned,
                wanted,
            }
        })
        .collect()
}

fn planner_judges(judges: &[JudgeRow]) -> Vec<Judge> {
    judges
        .iter()
        .map(|judge| Judge {
            key: judge.id.to_string(),
            // Expertise is not recorded yet; the planner then balances load alone.
            expertise: BTreeSet::new(),
        })
        .collect()
}

/// After a recusal: gives `entry` in `stage` one more judge — the least busy in
/// the stage who may take it — and answers who. Refused when no judge may.
/// The judge is told by mail, the stage's dashboards by their stream.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn reassign(
    db: &Db,
    live: &LiveUpdates,
    actor: &UserId,
    (stage, entry): (&StageId, &EntryId),
    site: &str,
    now: Timestamp,
) -> Result<UserId, AppError> {
    let judges = assignment_context::judges(db).await?;
    let assignments = assignment_context::assignments(db, stage).await?;
    if !assignments.iter().any(|row| row.entry == entry) {
        return Err(AppError::NotFound);
    }
    // Every entry the stage hears counts for the load; only `entry` wants more.
    let mut keys: Vec<EntryId> = assignments.iter().map(|row| row.entry.clone()).collect();
    keys.sort();
    keys.dedup();
    let entries = assignment_context::entries(db, &keys).await?;
    let seats = seats(&judges, &entries, &assignments, |key, active| {
        active + usize::from(key == entry.as_str())
    });
    let Plan { new, .. } = plan(&planner_judges(&judges), &seats);
    let Some((_, judge)) = new.into_iter().find(|(key, _)| key == entry.as_str()) else {
        return Err(AppError::Conflict(Problem::NoJudgeAvailable));
    };
    let judge = UserId::from(judge);
    let given = (stage, entry, &judge);
    assign_one(db, live, (actor, "assignment.reassign"), given, (site, now)).await?;
    Ok(judge)
}

/// Gives `entry` in `stage` to `judge` as `actor`'s `action`, with its audit
/// event and the judge's message in one transaction, then tells the stage's
/// dashboards.
async fn assign_one(
    db: &Db,
    live: &LiveUpdates,
    (actor, action): (&UserId, &'static str),
    (stage, entry, judge): (&StageId, &EntryId, &UserId),
    (site, now): (&str, Timestamp),
) -> Result<(), AppError> {
    let mails = digests(db, stage, &[(entry.clone(), judge.clone())], site).await?;
    let mut statements = vec![
        judging::assign_statement(stage, entry, judge),
        audit::statement(NewAuditEvent {
            actor: Some(actor),
            action,
            target: format!("entry:{entry}"),
            before: None,
            after: Some(serde_json::json!({ "stage": stage, "judge": judge })),
        }),
    ];
    statements.extend(outgoing::enqueue(&mails, now));
    execute_atomically(db, statements).await?;
    live.stage_changed(stage);
    Ok(())
}

/// How many active judges each entry of `stage` has (for tests and the
/// committee's views).
pub async fn judges_per_entry(
    db: &Db,
    stage: &StageId,
) -> Result<BTreeMap<EntryId, usize>, AppError> {
    let mut counts = BTreeMap::new();
    for row in assignment_context::assignments(db, stage).await? {
        if !row.recused {
            *counts.entry(row.entry).or_default() += 1;
        }
    }
    Ok(counts)
}

/// The most judges per entry the form accepts.
pub const MAX_JUDGES_PER_ENTRY: usize = 9;

/// Scoring stages whose results no standing publication holds.
pub async fn assignable_stages(db: &Db) -> Result<Vec<AssignableStage>, AppError> {
    Ok(assignment_context::open_stages(db)
        .await?
        .into_iter()
        .map(|stage| AssignableStage {
            id: stage.id,
            label: format!("{} — {}", stage.edition_title, stage.title),
        })
        .collect())
}

/// Reads the judges-per-entry field as typed.
pub fn parse_judges_per_entry(typed: &str) -> Result<usize, AppError> {
    let k = typed.trim().parse::<usize>().unwrap_or(0);
    check_k(k)?;
    Ok(k)
}

fn check_k(k: usize) -> Result<(), AppError> {
    if (1..=MAX_JUDGES_PER_ENTRY).contains(&k) {
        Ok(())
    } else {
        Err(AppError::invalid(vec![FieldError {
            field: "judges_per_entry".into(),
            problem: Problem::OutOfRange {
                min: 1,
                max: MAX_JUDGES_PER_ENTRY as i64,
            },
        }]))
    }
}

/// The plan for every entry of `stage` to have `k` judges, with what it needs
/// to be shown and applied.
async fn stage_plan(
    db: &Db,
    stage: &StageId,
    k: usize,
) -> Result<(Plan, Vec<EntryWithOrgs>, Vec<AssignmentRow>), AppError> {
    check_k(k)?;
    let settings = assignment_context::open_stages(db)
        .await?
        .into_iter()
        .find(|row| row.id == stage)
        .ok_or(AppError::NotFound)?;
    let judges = assignment_context::judges(db).await?;
    let assignments = assignment_context::assignments(db, stage).await?;
    let keys = assignment_context::stage_entries(db, stage, settings.first).await?;
    let entries = assignment_context::entries(db, &keys).await?;
    let seats = seats(&judges, &entries, &assignments, |_, active| active.max(k));
    Ok((plan(&planner_judges(&judges), &seats), entries, assignments))
}

/// What giving every entry of `stage` `k` judges would do.
pub async fn preview(db: &Db, stage: &StageId, k: usize) -> Result<AssignmentPreview, AppError> {
    let (plan, entries, assignments) = stage_plan(db, stage, k).await?;
    let names: BTreeMap<UserId, String> = assignment_context::judge_names(db)
        .await?
        .into_iter()
        .collect();
    let keys: Vec<EntryId> = entries.iter().map(|entry| entry.id.clone()).collect();
    let titles = assignment_context::entry_titles(db, &keys).await?;
    let mut before: BTreeMap<&str, usize> = BTreeMap::new();
    for row in assignments.iter().filter(|row| !row.recused) {
        *before.entry(row.judge.as_str()).or_default() += 1;
    }
    let mut loads: Vec<(String, usize, usize)> = plan
        .load
        .iter()
        .map(|(judge, after)| {
            (
                names
                    .get(judge.as_str())
                    .cloned()
                    .unwrap_or_else(|| judge.clone()),
                before.get(judge.as_str()).copied().unwrap_or(0),
                *after,
            )
        })
        .collect();
    loads.sort();
    Ok(AssignmentPreview {
        stage: stage.to_owned(),
        judges_per_entry: k,
        entries: entries.len(),
        new_assignments: plan.new.len(),
        loads,
        short: plan
            .short
            .iter()
            .map(|(entry, lacking)| {
                (
                    titles
                        .get(entry.as_str())
                        .cloned()
                        .unwrap_or_else(|| entry.clone()),
                    *lacking,
                )
            })
            .collect(),
    })
}

/// Gives every entry of `stage` `k` judges (keeping the ones it has), in one
/// transaction with its audit event and one message to each judge given
/// entries; tells the stage's live dashboards when it added any, and answers
/// how many.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn apply(
    db: &Db,
    live: &LiveUpdates,
    actor: &UserId,
    (stage, k): (&StageId, usize),
    site: &str,
    now: Timestamp,
) -> Result<usize, AppError> {
    let (plan, _, _) = stage_plan(db, stage, k).await?;
    if plan.new.is_empty() {
        return Ok(0);
    }
    let mut statements: Vec<_> = Vec::new();
    // Binding names must differ between statements in one transaction, so the
    // new assignments go in as one array.
    let rows: Vec<serde_json::Value> = plan
        .new
        .iter()
        .map(|(entry, judge)| serde_json::json!({ "entry": entry, "judge": judge }))
        .collect();
    statements.push(judging::assign_all_statement(stage, &rows));
    statements.push(audit::statement(NewAuditEvent {
        actor: Some(actor),
        action: "assignment.auto",
        target: format!("stage:{stage}"),
        before: None,
        after: Some(serde_json::json!({ "judges_per_entry": k, "created": rows })),
    }));
    let given: Vec<(EntryId, UserId)> = plan
        .new
        .iter()
        .map(|(entry, judge)| (EntryId::from(entry.clone()), UserId::from(judge.clone())))
        .collect();
    let mails = digests(db, stage, &given, site).await?;
    statements.extend(outgoing::enqueue(&mails, now));
    execute_atomically(db, statements).await?;
    live.stage_changed(stage);
    Ok(plan.new.len())
}

/// A manual override: gives `entry` in `stage` to `judge`. The stage must not be
/// published and must hear the entry (as the planner's [`stage_entries`] says);
/// the judge must be an active judge, not of the entry's organisation (or the
/// one above it), not already on it, and not recused from it.
///
/// The judge is told by mail, the stage's live dashboards by their stream.
///
/// [`stage_entries`]: assignment_context::stage_entries
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn assign_manually(
    db: &Db,
    live: &LiveUpdates,
    actor: &UserId,
    (stage, entry, judge): (&StageId, &EntryId, &UserId),
    site: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let judges = assignment_context::judges(db).await?;
    let Some(chosen) = judges.iter().find(|row| row.id == judge) else {
        return Err(AppError::field(
            "judge",
            Problem::UnknownChoice {
                given: judge.to_string(),
            },
        ));
    };
    let entries = assignment_context::entries(db, std::slice::from_ref(entry)).await?;
    let Some(target) = entries.first() else {
        return Err(AppError::field(
            "entry",
            Problem::UnknownChoice {
                given: entry.to_string(),
            },
        ));
    };
    // Only an entry the stage hears may be ranked in it: an assignment is what
    // puts an entry into the stage's results, so a draft, a screened-out entry,
    // one eliminated earlier or another edition's would otherwise be ranked.
    let settings = assignment_context::open_stages(db)
        .await?
        .into_iter()
        .find(|row| row.id == stage)
        .ok_or(AppError::Conflict(Problem::StagePublished))?;
    let heard = assignment_context::stage_entries(db, stage, settings.first).await?;
    if !heard.iter().any(|key| key == entry) {
        return Err(AppError::field(
            "entry",
            Problem::UnknownChoice {
                given: entry.to_string(),
            },
        ));
    }
    let own = [target.org.as_ref(), target.parent.as_ref()];
    if chosen.org.is_some() && own.contains(&chosen.org.as_ref()) {
        return Err(AppError::field("judge", Problem::OwnOrganisation));
    }
    let assignments = assignment_context::assignments(db, stage).await?;
    if let Some(existing) = assignments
        .iter()
        .find(|row| row.entry == entry && row.judge == judge)
    {
        let problem = if existing.recused {
            Problem::JudgeRecused
        } else {
            Problem::Taken
        };
        return Err(AppError::field("judge", problem));
    }
    let given = (stage, entry, judge);
    assign_one(db, live, (actor, "assignment.manual"), given, (site, now)).await?;
    Ok(())
}

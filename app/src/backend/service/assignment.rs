//! Giving entries to judges with the domain's planner
//! ([`domain::assignment`]): the blocks (own organisation or the one above it,
//! recusals) and the current load come from the database, the choice from the
//! planner, and the new assignments are written with their audit event in one
//! transaction.

use crate::backend::db::Db;
use crate::backend::records::execute_atomically;
use crate::backend::repo::assignment_context::{self, AssignmentRow, EntryRow, JudgeRow};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::judging;
use crate::error::{AppError, Problem};
use domain::assignment::{Judge, Plan, Seat, plan};
use std::collections::{BTreeMap, BTreeSet};

/// The stage's seats: every entry the stage hears, with its blocks and current
/// judges, wanting `wanted(entry, active judges)` judges.
fn seats(
    judges: &[JudgeRow],
    entries: &[EntryRow],
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
                .map(String::as_str)
                .collect();
            let mut blocked: BTreeSet<String> = judges
                .iter()
                .filter(|judge| judge.org.as_deref().is_some_and(|org| own.contains(org)))
                .map(|judge| judge.id.clone())
                .collect();
            let mut assigned = BTreeSet::new();
            for row in assignments.iter().filter(|row| row.entry == entry.id) {
                if row.recused {
                    blocked.insert(row.judge.clone());
                } else {
                    assigned.insert(row.judge.clone());
                }
            }
            let wanted = wanted(&entry.id, assigned.len());
            Seat {
                entry: entry.id.clone(),
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
            key: judge.id.clone(),
            // Expertise is not recorded yet; the planner then balances load alone.
            expertise: BTreeSet::new(),
        })
        .collect()
}

/// After a recusal: gives `entry` in `stage` one more judge — the least busy in
/// the stage who may take it — and answers who. Refused when no judge may.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn reassign(db: &Db, actor: &str, stage: &str, entry: &str) -> Result<String, AppError> {
    let judges = assignment_context::judges(db).await?;
    let assignments = assignment_context::assignments(db, stage).await?;
    if !assignments.iter().any(|row| row.entry == entry) {
        return Err(AppError::NotFound);
    }
    // Every entry the stage hears counts for the load; only `entry` wants more.
    let mut keys: Vec<String> = assignments.iter().map(|row| row.entry.clone()).collect();
    keys.sort();
    keys.dedup();
    let entries = assignment_context::entries(db, &keys).await?;
    let seats = seats(&judges, &entries, &assignments, |key, active| {
        active + usize::from(key == entry)
    });
    let Plan { new, .. } = plan(&planner_judges(&judges), &seats);
    let Some((_, judge)) = new.into_iter().find(|(key, _)| key == entry) else {
        return Err(AppError::Conflict(Problem::NoJudgeAvailable));
    };
    execute_atomically(
        db,
        vec![
            judging::assign_statement(stage, entry, &judge),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "assignment.reassign",
                target: format!("entry:{entry}"),
                before: None,
                after: Some(serde_json::json!({ "stage": stage, "judge": judge })),
            }),
        ],
    )
    .await?;
    Ok(judge)
}

/// How many active judges each entry of `stage` has (for tests and the
/// committee's views).
pub async fn judges_per_entry(db: &Db, stage: &str) -> Result<BTreeMap<String, usize>, AppError> {
    let mut counts = BTreeMap::new();
    for row in assignment_context::assignments(db, stage).await? {
        if !row.recused {
            *counts.entry(row.entry).or_default() += 1;
        }
    }
    Ok(counts)
}

//! Advancement: the committee applies a scoring stage's rule (DESIGN rule 4),
//! sees exactly who advances before confirming, and may override an entry's
//! outcome with a written reason. Applying is one transaction: every decision,
//! every entry's new state and the audit events, or nothing.

use crate::backend::db::Db;
use crate::backend::live::LiveUpdates;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::results::{self as repo, NewDecision};
use crate::backend::service::dashboard;
use crate::backend::service::editions::local_in;
use crate::backend::service::results::by_rule;
use crate::error::{AppError, FieldError, Problem};
use crate::model::AdvancementPreview;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::scoring::StageKey;
use jiff::Timestamp;
use std::collections::{BTreeSet, HashMap};

/// What applying the advancement of stage `key` of edition `slug` would do at
/// `now`.
pub async fn preview(
    db: &Db,
    slug: &str,
    key: &StageKey,
    now: Timestamp,
) -> Result<AdvancementPreview, AppError> {
    let (edition, evaluated) = dashboard::load(db, slug, key).await?;
    let assignments = &evaluated.assignments;
    let ranked: BTreeSet<&str> = evaluated
        .result
        .ranking
        .iter()
        .map(|ranked| ranked.entry.as_str())
        .collect();
    let mut unscored: Vec<String> = evaluated
        .entries
        .iter()
        .filter(|entry| !ranked.contains(entry.id.as_str()))
        .map(|entry| entry.title.clone())
        .collect();
    unscored.sort();
    Ok(AdvancementPreview {
        unsubmitted: dashboard::unsubmitted(&evaluated, assignments),
        unscored,
        open_until: (now < evaluated.record.closes_at)
            .then(|| local_in(evaluated.record.closes_at, &edition.time_zone)),
        dashboard: dashboard::build(&edition, &evaluated, assignments),
    })
}

/// The committee's decision, as the advancement form sends it.
#[derive(Debug, Clone, Default)]
pub struct Decision {
    /// The entries ticked to advance (the form starts from what the rule gives).
    pub advance: BTreeSet<EntryId>,
    /// Why, where the ticks differ from the rule (or under the `manual` rule).
    pub reason: String,
    /// Go on although some assigned sheets are not submitted.
    pub despite_unsubmitted: bool,
}

/// Applies the advancement of stage `key` of edition `slug` as `decision` says,
/// tells the stage's live dashboards, and returns how many entries advance.
pub async fn apply(
    db: &Db,
    live: &LiveUpdates,
    actor: Option<&UserId>,
    (slug, key): (&str, &StageKey),
    decision: &Decision,
    now: Timestamp,
) -> Result<usize, AppError> {
    let (edition, evaluated) = dashboard::load(db, slug, key).await?;
    let stage = &evaluated.record.id;
    let assignments = &evaluated.assignments;
    // What a standing publication announced stays true for the entrants, who
    // read the stage's decisions once it is published: changing them would tell
    // the organisations something no publication says.
    if evaluated.record.published {
        return Err(AppError::Conflict(Problem::StagePublished));
    }
    // Judges may still change their sheets while the window is open: a decision
    // taken then could be overtaken by the scores it was based on.
    if now < evaluated.record.closes_at {
        return Err(AppError::Conflict(Problem::StageStillOpen {
            closes_at: local_in(evaluated.record.closes_at, &edition.time_zone),
        }));
    }
    if evaluated.result.ranking.is_empty() {
        return Err(AppError::Conflict(Problem::NothingToPublish));
    }
    let mut problems = Vec::new();
    let unsubmitted = dashboard::unsubmitted(&evaluated, assignments);
    if unsubmitted > 0 && !decision.despite_unsubmitted {
        problems.push(FieldError {
            field: "despite_unsubmitted".into(),
            problem: Problem::UnsubmittedSheets { count: unsubmitted },
        });
    }
    let ranked: BTreeSet<&str> = evaluated
        .result
        .ranking
        .iter()
        .map(|ranked| ranked.entry.as_str())
        .collect();
    if let Some(unknown) = decision
        .advance
        .iter()
        .find(|entry| !ranked.contains(entry.as_str()))
    {
        problems.push(FieldError {
            field: "advance".into(),
            problem: Problem::UnknownReference {
                given: unknown.to_string(),
            },
        });
    }
    let rule: HashMap<EntryId, (bool, bool)> = by_rule(&evaluated.rule, &evaluated.result)
        .into_iter()
        .map(|d| (d.entry, (d.advanced, d.tied_at_cut)))
        .collect();
    let overridden: BTreeSet<&str> = ranked
        .iter()
        .copied()
        .filter(|entry| {
            rule.get(*entry).is_some_and(|(advanced, _)| *advanced)
                != decision.advance.contains(*entry)
        })
        .collect();
    let reason = decision.reason.trim();
    if !overridden.is_empty() && reason.is_empty() {
        problems.push(FieldError {
            field: "reason".into(),
            problem: Problem::Required,
        });
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let decisions: Vec<NewDecision> = evaluated
        .entries
        .iter()
        .map(|entry| {
            let advanced = decision.advance.contains(&entry.id);
            let (_, tied) = rule.get(&entry.id).copied().unwrap_or_default();
            NewDecision {
                entry: entry.id.clone(),
                advanced,
                tied_at_cut: advanced && tied,
                override_reason: overridden
                    .contains(entry.id.as_str())
                    .then(|| reason.to_owned()),
                state: if advanced {
                    EntryStatus::Advanced
                } else {
                    EntryStatus::Eliminated
                },
                action: if advanced {
                    "entry.advance"
                } else {
                    "entry.eliminate"
                }
                .into(),
            }
        })
        .collect();
    let advanced = decisions.iter().filter(|d| d.advanced).count();
    let summary = serde_json::json!({
        "rule": evaluated.rule,
        "advanced": decisions.iter().filter(|d| d.advanced).map(|d| &d.entry).collect::<Vec<_>>(),
        "overridden": overridden,
        "reason": (!reason.is_empty()).then_some(reason),
        "unsubmitted_sheets": unsubmitted,
    });
    execute_atomically(
        db,
        vec![
            repo::decide_all_statement(stage, &decisions, actor, now),
            audit::statement(NewAuditEvent {
                actor,
                action: "stage.advance",
                target: format!("stage:{stage}"),
                before: None,
                after: Some(summary),
            }),
        ],
    )
    .await?;
    live.stage_changed(stage);
    Ok(advanced)
}

/// Closes scoring stage `key` of edition `slug` at `now`, before its window
/// ends, so that its advancement can be decided: no sheet can be saved after
/// it. Refused before the stage opens and after it has closed; audited; the
/// stage's live dashboards are told.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn close_early(
    db: &Db,
    live: &LiveUpdates,
    actor: Option<&UserId>,
    slug: &str,
    key: &StageKey,
    now: Timestamp,
) -> Result<(), AppError> {
    let (edition, evaluated) = dashboard::load(db, slug, key).await?;
    let record = &evaluated.record;
    if now >= record.closes_at {
        return Err(AppError::Conflict(Problem::StageClosed {
            opens_at: local_in(record.opens_at, &edition.time_zone),
            closes_at: local_in(record.closes_at, &edition.time_zone),
        }));
    }
    if now < record.opens_at {
        return Err(AppError::Conflict(Problem::StageNotOpenYet {
            opens_at: local_in(record.opens_at, &edition.time_zone),
        }));
    }
    execute_atomically(
        db,
        vec![
            crate::backend::repo::setup::close_stage_statement(&record.id, now),
            audit::statement(NewAuditEvent {
                actor,
                action: "stage.close_early",
                target: format!("stage:{}", record.id),
                before: Some(serde_json::json!({ "closes_at": record.closes_at.to_string() })),
                after: Some(serde_json::json!({ "closes_at": now.to_string() })),
            }),
        ],
    )
    .await?;
    live.stage_changed(&record.id);
    Ok(())
}

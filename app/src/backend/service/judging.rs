//! A judge saving a score sheet: the rules that keep scores right on a bad
//! network. Only the assigned judge, only while the stage is open, only values on
//! the rubric's scale and step; each revision carries the client's idempotency key
//! and the revision it was based on, so a retry is applied at most once and a
//! change based on an old version is refused instead of overwriting a newer one.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::live::LiveUpdates;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::judging;
use crate::backend::repo::sheets::{self, NewRevision, StageForScoring};
use crate::backend::service::editions::local_in;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{RecusalRow, RevisionRow, SavedSheet, ScoringView, SheetRevision};
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::scoring::SheetState;
use domain::scoring::{
    CriterionKey, Rubric, SheetError, SheetValues, check_value, live_total, round2, score_sheet,
};
use domain::stage::StageKind;
use jiff::Timestamp;

/// How many recent idempotency keys a sheet remembers. A client resends only its
/// own unacknowledged revisions, far fewer than this.
const REMEMBERED_KEYS: usize = 64;

/// The rubric a scoring stage's sheets are filled in on; a stage that is not
/// scored has none, and no sheet.
fn rubric_of(stage: &StageForScoring) -> Result<Rubric, AppError> {
    stage.rubric.clone().ok_or(AppError::NotFound)
}

fn value_problem(rubric: &Rubric, error: &SheetError) -> Option<FieldError> {
    let scale = |key: &CriterionKey| {
        rubric
            .index_of(key)
            .map(|index| rubric.criteria()[index].scale)
    };
    let (key, problem) = match error {
        SheetError::OffScale { key, .. } => (
            key,
            scale(key).map(|s| Problem::OffScale {
                min: s.min,
                max: s.max,
            })?,
        ),
        SheetError::OffStep { key, .. } => (
            key,
            scale(key).map(|s| Problem::OffStep {
                min: s.min,
                step: s.step,
            })?,
        ),
        SheetError::NotANumber { key } => (key, Problem::Required),
        SheetError::UnknownCriterion { key } => (
            key,
            Problem::UnknownChoice {
                given: key.as_str().to_owned(),
            },
        ),
        _ => return None,
    };
    Some(FieldError {
        field: format!("values.{}", key.as_str()),
        problem,
    })
}

/// Saves a revision of `judge`'s sheet for `entry` in `stage` at `now`, and
/// tells the stage's live dashboards when it stored one.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_sheet(
    db: &Db,
    live: &LiveUpdates,
    judge: &UserId,
    stage: &StageId,
    entry: &EntryId,
    revision: SheetRevision,
    now: Timestamp,
) -> Result<SavedSheet, AppError> {
    if !sheets::is_assigned(db, stage, entry, judge).await? {
        return Err(AppError::Forbidden);
    }
    let scoring = sheets::stage(db, stage).await?.ok_or(AppError::NotFound)?;
    let stored = sheets::find(db, stage, entry, judge).await?;
    // A replay is answered with what is stored, even after the stage closed: the
    // device only needs to learn that its revision arrived.
    if let Some(stored) = &stored
        && stored.applied_keys.contains(&revision.idempotency_key)
    {
        return Ok(SavedSheet {
            revision: stored.revision,
            state: stored.state,
            replayed: true,
        });
    }
    if scoring.kind != StageKind::Scoring || now < scoring.opens_at || now >= scoring.closes_at {
        return Err(AppError::Conflict(Problem::StageClosed {
            opens_at: scoring.opens_at.to_string(),
            closes_at: scoring.closes_at.to_string(),
        }));
    }
    let stored_revision = stored.as_ref().map_or(0, |sheet| sheet.revision);
    if revision.base_revision != stored_revision {
        return Err(AppError::Conflict(Problem::StaleRevision {
            stored: stored_revision,
        }));
    }
    if revision.idempotency_key.trim().is_empty() || revision.idempotency_key.len() > 100 {
        return Err(AppError::field("idempotency_key", Problem::Required));
    }

    let rubric = rubric_of(&scoring)?;
    let mut errors = Vec::new();
    for (key, value) in &revision.values {
        if let Err(error) = check_value(&rubric, &CriterionKey::from(key.as_str()), *value)
            && let Some(field) = value_problem(&rubric, &error)
        {
            errors.push(field);
        }
    }
    if errors.is_empty() && revision.submit {
        let values = sheet_values_of(&revision.values);
        if let Err(SheetError::Incomplete { missing }) = score_sheet(&rubric, &values) {
            errors.extend(missing.into_iter().map(|key| FieldError {
                field: format!("values.{}", key.as_str()),
                problem: Problem::Required,
            }));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }

    let mut applied_keys = stored.map(|sheet| sheet.applied_keys).unwrap_or_default();
    applied_keys.push(revision.idempotency_key.clone());
    let excess = applied_keys.len().saturating_sub(REMEMBERED_KEYS);
    applied_keys.drain(..excess);
    let state = if revision.submit {
        SheetState::Submitted
    } else {
        SheetState::Draft
    };
    let written = sheets::write(
        db,
        &NewRevision {
            stage,
            entry,
            judge,
            base_revision: revision.base_revision,
            values: &revision.values,
            comments: &revision.comments,
            comment: &revision.comment,
            state,
            idempotency_key: &revision.idempotency_key,
            applied_keys: &applied_keys,
            at: now,
        },
    )
    .await;
    match written {
        Ok(revision) => {
            live.stage_changed(stage);
            Ok(SavedSheet {
                revision,
                state,
                replayed: false,
            })
        }
        // Another save got in between the read and the write (a double tap, two
        // devices): the database refused to overwrite it — by our check, or by
        // its own when both wrote at once. Either way the answer is "stale",
        // as for a proposal's draft.
        Err(DbError::WriteConflict | DbError::Refused(Refusal::StaleRevision)) => {
            let stored = sheets::find(db, stage, entry, judge)
                .await?
                .map_or(0, |sheet| sheet.revision);
            Err(AppError::Conflict(Problem::StaleRevision { stored }))
        }
        Err(error) => Err(error.into()),
    }
}

/// What `judge` needs to score `entry` in `stage`: the proposal, the rubric and
/// their own sheet. Refused unless they are assigned and have not recused.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn scoring_view(
    db: &Db,
    judge: &UserId,
    stage: &StageId,
    entry: &EntryId,
    now: Timestamp,
) -> Result<ScoringView, AppError> {
    if !sheets::is_assigned(db, stage, entry, judge).await? {
        return Err(AppError::Forbidden);
    }
    let scoring = sheets::stage(db, stage).await?.ok_or(AppError::NotFound)?;
    let heading = sheets::stage_heading(db, stage)
        .await?
        .ok_or(AppError::NotFound)?;
    let record = sheets::entry(db, entry).await?.ok_or(AppError::NotFound)?;
    let rubric = rubric_of(&scoring)?;
    let sheet = sheets::find(db, stage, entry, judge).await?;

    // In the order entrants wrote them; sections an edition added follow,
    // alphabetically.
    let template = domain::proposal::Template::national();
    let mut sections: Vec<(String, String)> = record.sections.into_iter().collect();
    sections.sort_by(|(a, _), (b, _)| {
        template
            .position(a)
            .cmp(&template.position(b))
            .then_with(|| a.cmp(b))
    });
    let category = record
        .categories
        .iter()
        .find(|category| category.key == record.category)
        .map_or(record.category.clone(), |category| category.label.clone());
    let sheet = sheet.unwrap_or_default();
    let history = sheets::history(db, stage, entry, judge)
        .await?
        .into_iter()
        .map(|kept| RevisionRow {
            revision: kept.revision,
            state: kept.state,
            saved_at: local_in(kept.at, &heading.time_zone),
            total: live_total(&rubric, &sheet_values_of(&kept.sheet_values))
                .ok()
                .map(|live| round2(live.total)),
        })
        .collect();
    Ok(ScoringView {
        judge: judge.to_owned(),
        stage: stage.to_owned(),
        stage_title: heading.title,
        closes_at: local_in(heading.closes_at, &heading.time_zone),
        open: scoring.kind == StageKind::Scoring
            && now >= scoring.opens_at
            && now < scoring.closes_at,
        entry: entry.to_owned(),
        title: record.title,
        org_name: (!scoring.blind).then_some(record.org_name),
        category,
        sections,
        video_url: record.video_url,
        evidence: crate::backend::service::evidence::views_for_panel(db, entry, scoring.blind)
            .await?,
        rubric,
        values: sheet.sheet_values,
        comments: sheet.comments,
        comment: sheet.comment,
        state: (sheet.revision > 0).then_some(sheet.state),
        revision: sheet.revision,
        history,
    })
}

fn sheet_values_of(values: &std::collections::BTreeMap<String, f64>) -> SheetValues {
    values
        .iter()
        .map(|(key, value)| (CriterionKey::from(key.as_str()), *value))
        .collect()
}

/// Assigns `judge` to score `entry` in `stage`, refusing a judge from the entry's
/// own organisation or from the organisation above it (a Puskesmas' Dinas): a
/// judge never scores their own organisation.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn assign_judge(
    db: &Db,
    actor: Option<&UserId>,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
) -> Result<(), AppError> {
    let (judge_org, entry_orgs) = sheets::organisations_of(db, entry, judge).await?;
    if let Some(judge_org) = judge_org
        && entry_orgs.contains(&judge_org)
    {
        return Err(AppError::Conflict(Problem::OwnOrganisation));
    }
    execute_atomically(
        db,
        vec![
            judging::assign_statement(stage, entry, judge),
            audit::statement(NewAuditEvent {
                actor,
                action: "assignment.create",
                target: format!("entry:{entry}"),
                before: None,
                after: Some(serde_json::json!({ "stage": stage, "judge": judge })),
            }),
        ],
    )
    .await?;
    Ok(())
}

/// The longest recusal reason kept.
pub const MAX_RECUSAL_REASON: usize = 1000;

/// The reason for ending an assignment, trimmed and checked.
fn recusal_reason(reason: &str) -> Result<&str, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", Problem::Required));
    }
    if reason.chars().count() > MAX_RECUSAL_REASON {
        return Err(AppError::field(
            "reason",
            Problem::TooLong {
                max: MAX_RECUSAL_REASON,
            },
        ));
    }
    Ok(reason)
}

/// `judge` steps back from `entry` in `stage` (a conflict of interest), saying
/// why. Allowed only before their sheet is submitted; after that only the
/// committee can take them off ([`remove_judge`]). They lose access to the
/// entry at once; the committee sees it flagged for reassignment. A draft
/// sheet stays on record but never counts. The stage's dashboards are told.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn recuse(
    db: &Db,
    live: &LiveUpdates,
    judge: &UserId,
    stage: &StageId,
    entry: &EntryId,
    reason: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    // Who may, before what they typed: a judge not on the entry learns nothing
    // about it from the form's answer.
    if !sheets::is_assigned(db, stage, entry, judge).await? {
        return Err(AppError::Forbidden);
    }
    let reason = recusal_reason(reason)?;
    end_assignment(
        (db, live),
        (stage, entry, judge),
        reason,
        judging::EndedBy::Judge,
        now,
    )
    .await
}

/// The committee takes `judge` off `entry` in `stage`, with a reason — also
/// after the judge submitted (a conflict found late, a judge who cannot go
/// on). The sheet stays on record, stops counting in every result, and the
/// entry waits for another judge. The stage's dashboards are told.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn remove_judge(
    db: &Db,
    live: &LiveUpdates,
    actor: &UserId,
    (stage, entry, judge): (&StageId, &EntryId, &UserId),
    reason: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let reason = recusal_reason(reason)?;
    end_assignment(
        (db, live),
        (stage, entry, judge),
        reason,
        judging::EndedBy::Committee(actor),
        now,
    )
    .await
}

async fn end_assignment(
    (db, live): (&Db, &LiveUpdates),
    (stage, entry, judge): (&StageId, &EntryId, &UserId),
    reason: &str,
    by: judging::EndedBy<'_>,
    now: Timestamp,
) -> Result<(), AppError> {
    let (actor, action) = match by {
        judging::EndedBy::Judge => (judge, "assignment.recuse"),
        judging::EndedBy::Committee(actor) => (actor, "assignment.remove"),
    };
    let ended = execute_atomically(
        db,
        vec![
            judging::recuse_statement(stage, entry, judge, reason, by, now),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action,
                target: format!("entry:{entry}"),
                before: None,
                after: Some(
                    serde_json::json!({ "stage": stage, "judge": judge, "reason": reason }),
                ),
            }),
        ],
    )
    .await;
    match ended {
        Ok(_) => {
            live.stage_changed(stage);
            Ok(())
        }
        Err(DbError::Refused(Refusal::NotAssigned)) => Err(AppError::Forbidden),
        Err(DbError::Refused(Refusal::AlreadySubmitted)) => {
            Err(AppError::Conflict(Problem::RecusalAfterSubmission))
        }
        Err(error) => Err(error.into()),
    }
}

/// Recusals waiting for the committee to assign another judge.
pub async fn open_recusals(db: &Db) -> Result<Vec<RecusalRow>, AppError> {
    Ok(judging::open_recusals(db)
        .await?
        .into_iter()
        .map(|row| RecusalRow {
            stage: row.stage,
            entry: row.entry,
            title: row.title,
            stage_title: row.stage_title,
            judge_name: row.judge_name,
            reason: row.reason,
            recused_at: local_in(row.recused_at, &row.time_zone),
        })
        .collect())
}

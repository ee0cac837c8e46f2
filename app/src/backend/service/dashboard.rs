//! The committee's live view of one scoring stage: progress per judge and per
//! entry, the entries × judges matrix of totals, judge calibration and
//! disagreement flags, and the current ranking with what advances.

use crate::backend::db::Db;
use crate::backend::repo::results::{self as repo, StageAssignmentRecord};
use crate::backend::service::editions::local_in;
use crate::backend::service::results::{self, EvaluatedStage, by_rule};
use crate::error::AppError;
use crate::model::{
    EntryProgress, JudgeProgress, MatrixCell, RankingGroup, RankingRow, StageDashboard,
};
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::SheetState;
use domain::scoring::StageKey;
use domain::scoring::{CalibrationConfig, calibrate};
use std::collections::{BTreeMap, HashMap};

/// The dashboard of the scoring stage `key` of the edition `slug`.
pub async fn stage(db: &Db, slug: &str, key: &StageKey) -> Result<StageDashboard, AppError> {
    let (edition, evaluated) = load(db, slug, key).await?;
    let mut dashboard = build(&edition, &evaluated, &evaluated.assignments);
    dashboard.all_judges = crate::backend::repo::assignment_context::judge_names(db).await?;
    dashboard.all_judges.sort_by(|a, b| a.1.cmp(&b.1));
    dashboard.presentation = super::presentation_schedule::view(db, &evaluated.record.id).await?;
    dashboard.field = crate::backend::repo::field::stage_by_id(db, &evaluated.record.id)
        .await?
        .is_some_and(|stage| stage.format == Some(domain::stage::StageFormat::FieldVisit));
    Ok(dashboard)
}

/// The record key of the scoring stage `key` of the edition `slug`.
pub async fn stage_id(db: &Db, slug: &str, key: &StageKey) -> Result<StageId, AppError> {
    let edition = results::edition(db, slug).await?;
    repo::scoring_stages(db, &edition.id)
        .await?
        .into_iter()
        .find(|record| record.key == key)
        .map(|record| record.id)
        .ok_or(AppError::NotFound)
}

/// The edition and its evaluated scoring stage `key` (`NotFound` when there is
/// no such scoring stage).
pub async fn load(
    db: &Db,
    slug: &str,
    key: &StageKey,
) -> Result<(repo::ResultsEditionRecord, EvaluatedStage), AppError> {
    let edition = results::edition(db, slug).await?;
    let record = repo::scoring_stages(db, &edition.id)
        .await?
        .into_iter()
        .find(|record| record.key == key)
        .ok_or(AppError::NotFound)?;
    let evaluated = results::evaluate(db, record).await?;
    Ok((edition, evaluated))
}

/// Assigned sheets (not recused) that are not submitted.
#[must_use]
pub fn unsubmitted(stage: &EvaluatedStage, assignments: &[StageAssignmentRecord]) -> usize {
    assignments
        .iter()
        .filter(|assignment| !assignment.recused)
        .filter(|assignment| {
            !stage.sheets.iter().any(|sheet| {
                sheet.entry == assignment.entry
                    && sheet.judge == assignment.judge
                    && sheet.state == SheetState::Submitted
            })
        })
        .count()
}

/// Puts the dashboard together from what was loaded.
#[must_use]
pub fn build(
    edition: &repo::ResultsEditionRecord,
    stage: &EvaluatedStage,
    assignments: &[StageAssignmentRecord],
) -> StageDashboard {
    let label = |key: &str| crate::model::category_label(&edition.categories, key);
    let totals = stage.result.sheet_totals(&stage.submitted);
    let calibration = calibrate(&totals, &CalibrationConfig::default()).ok();

    // Judges: everyone assigned, by name (assignments come ordered by name).
    let mut judge_order: Vec<(UserId, String)> = Vec::new();
    for assignment in assignments {
        if !judge_order.iter().any(|(key, _)| *key == assignment.judge) {
            judge_order.push((assignment.judge.clone(), assignment.judge_name.clone()));
        }
    }
    let sheet_state: HashMap<(&str, &str), SheetState> = stage
        .sheets
        .iter()
        .map(|sheet| ((sheet.entry.as_str(), sheet.judge.as_str()), sheet.state))
        .collect();
    let total_of: HashMap<(&str, &str), f64> = totals
        .iter()
        .map(|total| ((total.entry.as_str(), total.judge.as_str()), total.total))
        .collect();
    let assignment_of: HashMap<(&str, &str), bool> = assignments
        .iter()
        .map(|a| ((a.entry.as_str(), a.judge.as_str()), a.recused))
        .collect();
    let cell = |entry: &EntryId, judge: &UserId| match assignment_of
        .get(&(entry.as_str(), judge.as_str()))
    {
        None => MatrixCell::NotAssigned,
        Some(true) => MatrixCell::Recused,
        Some(false) => match (
            sheet_state.get(&(entry.as_str(), judge.as_str())),
            total_of.get(&(entry.as_str(), judge.as_str())),
        ) {
            (Some(SheetState::Submitted), Some(total)) => MatrixCell::Submitted { total: *total },
            (Some(SheetState::Draft), _) => MatrixCell::Draft,
            _ => MatrixCell::Waiting,
        },
    };

    let judges = judge_order
        .iter()
        .map(|(key, name)| {
            let mine = assignments.iter().filter(|a| a.judge == *key && !a.recused);
            let assigned = mine.clone().count();
            let state_of = |state: SheetState| {
                mine.clone()
                    .filter(|a| sheet_state.get(&(a.entry.as_str(), key.as_str())) == Some(&state))
                    .count()
            };
            let calibrated = calibration.as_ref().and_then(|view| {
                view.judges
                    .iter()
                    .find(|judge| judge.judge.as_str() == key.as_str())
            });
            JudgeProgress {
                judge: key.clone(),
                name: name.clone(),
                assigned,
                submitted: state_of(SheetState::Submitted),
                drafts: state_of(SheetState::Draft),
                mean: calibrated.map(|judge| judge.mean),
                std_dev: calibrated.map(|judge| judge.std_dev),
                deviation: calibrated.and_then(|judge| judge.mean_deviation),
            }
        })
        .collect();

    let mut entries: Vec<EntryProgress> = stage
        .entries
        .iter()
        .map(|entry| {
            let spread = calibration
                .as_ref()
                .and_then(|view| view.entries.iter().find(|spread| spread.entry == entry.id));
            EntryProgress {
                entry: entry.id.clone(),
                title: entry.title.clone(),
                category: label(&entry.category),
                assigned: assignments
                    .iter()
                    .filter(|a| a.entry == entry.id && !a.recused)
                    .count(),
                submitted: totals.iter().filter(|t| t.entry == entry.id).count(),
                spread: spread.map(|spread| spread.spread),
                disagreement: spread.is_some_and(|spread| spread.disagreement),
                cells: judge_order
                    .iter()
                    .map(|(judge, _)| cell(&entry.id, judge))
                    .collect(),
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then_with(|| a.title.cmp(&b.title))
    });

    StageDashboard {
        stage: stage.record.key.clone(),
        title: stage.record.title.clone(),
        edition_slug: edition.slug.clone(),
        edition_title: edition.title.clone(),
        aggregation: stage.record.aggregation,
        rule: stage.rule.clone(),
        closes_at: local_in(stage.record.closes_at, &edition.time_zone),
        decided: stage.decided(),
        submitted: totals.len(),
        assigned: assignments.iter().filter(|a| !a.recused).count(),
        judges,
        entries,
        agreement: calibration.and_then(|view| view.agreement.value),
        ranking: ranking(stage, &label),
        all_judges: Vec::new(),
        standing: assignments
            .iter()
            .filter(|assignment| !assignment.recused)
            .map(|assignment| {
                let title = stage
                    .entry(&assignment.entry)
                    .map_or(assignment.entry.as_str(), |entry| entry.title.as_str());
                (
                    format!("{}/{}", assignment.entry, assignment.judge),
                    format!("{title} — {}", assignment.judge_name),
                )
            })
            .collect(),
        presentation: None,
        field: false,
    }
}

fn ranking(stage: &EvaluatedStage, label: &dyn Fn(&str) -> String) -> Vec<RankingGroup> {
    let rule = by_rule(&stage.rule, &stage.result);
    let by_rule_of: HashMap<&str, bool> = rule
        .iter()
        .map(|decision| (decision.entry.as_str(), decision.advanced))
        .collect();
    let decision_of: HashMap<&str, (bool, bool)> = stage
        .decisions
        .iter()
        .map(|d| (d.entry.as_str(), (d.advanced, d.tied_at_cut)))
        .collect();
    let reason_of: HashMap<&str, &str> = stage
        .recorded
        .iter()
        .filter_map(|d| {
            d.override_reason
                .as_deref()
                .map(|reason| (d.entry.as_str(), reason))
        })
        .collect();
    let sheets_of: HashMap<&str, usize> = stage
        .result
        .scores
        .iter()
        .map(|score| (score.entry.as_str(), score.sheets))
        .collect();
    let mut groups: BTreeMap<String, Vec<RankingRow>> = BTreeMap::new();
    for ranked in &stage.result.ranking {
        let id = ranked.entry.as_str();
        let record = stage.entry(&ranked.entry);
        let (advances, tied_at_cut) = decision_of.get(id).copied().unwrap_or_default();
        groups
            .entry(label(ranked.category.as_str()))
            .or_default()
            .push(RankingRow {
                entry: ranked.entry.clone(),
                title: record.map(|e| e.title.clone()).unwrap_or_default(),
                organisation: record.map(|e| e.organisation.clone()).unwrap_or_default(),
                score: ranked.score,
                rank: ranked.rank,
                tied: ranked.tied,
                sheets: sheets_of.get(id).copied().unwrap_or_default(),
                advances,
                tied_at_cut,
                by_rule: by_rule_of.get(id).copied().unwrap_or_default(),
                override_reason: reason_of.get(id).map(|reason| (*reason).to_owned()),
            });
    }
    groups
        .into_iter()
        .map(|(category, rows)| RankingGroup { category, rows })
        .collect()
}

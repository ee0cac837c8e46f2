//! Results computed now from the submitted sheets (DESIGN "Scoring — the exact
//! rules"): the one computation behind `juara results`, the committee's dashboard
//! and advancement, and every publication.

use crate::backend::db::Db;
use crate::backend::repo::results::{
    self, DecisionRecord, ResultsEditionRecord, ScoringStageRecord, StageAssignmentRecord,
    StageEntryRecord, StageSheetRecord,
};
use crate::error::AppError;
use crate::model::{
    EntryResult, FinalResult, ResultsDocument, ResultsEdition, RubricColumn, SheetResult,
    StageResults,
};
use domain::ids::EntryId;
use domain::scoring::SheetState;
use domain::scoring::{
    AdvancementDecision, AdvancementRule, Aggregation, FinalRule, Rubric, StageEntry, StageResult,
    StageScores, StageSheet, decide_advancement, evaluate_stage, final_ranking_after_field,
};
use domain::stage::PublicationScope;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A scoring stage evaluated now.
#[derive(Debug, Clone)]
pub struct EvaluatedStage {
    /// The stage as stored.
    pub record: ScoringStageRecord,
    pub rubric: Rubric,
    pub aggregation: Aggregation,
    /// Its advancement rule.
    pub rule: AdvancementRule,
    /// The entries it hears.
    pub entries: Vec<StageEntryRecord>,
    /// Every sheet, drafts included.
    pub sheets: Vec<StageSheetRecord>,
    /// Every assignment of the stage, recusals and removals included.
    pub assignments: Vec<StageAssignmentRecord>,
    /// The submitted sheets that count, as the engine takes them
    /// (`result.totals` follows their order): see [`counts`].
    pub submitted: Vec<StageSheet>,
    /// Totals, scores and ranking.
    pub result: StageResult,
    /// Who advances: as recorded when the committee has decided, otherwise as
    /// the rule gives (nobody under `manual`).
    pub decisions: Vec<AdvancementDecision>,
    /// The recorded decisions (empty until the committee applies advancement).
    pub recorded: Vec<DecisionRecord>,
}

impl EvaluatedStage {
    /// Whether the committee has applied this stage's advancement.
    #[must_use]
    pub fn decided(&self) -> bool {
        !self.recorded.is_empty()
    }

    /// The entry record with key `id`.
    #[must_use]
    pub fn entry(&self, id: &EntryId) -> Option<&StageEntryRecord> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    /// Whether `sheet` counts in this stage's results (see [`counts`]).
    #[must_use]
    pub fn counts(&self, sheet: &StageSheetRecord) -> bool {
        counts(sheet, &self.assignments)
    }
}

/// Whether a sheet counts: it is submitted, and its judge's assignment to the
/// entry stands — not recused, not removed by the committee, not missing. A
/// sheet that stops counting stays on record (and in the committee's
/// spreadsheet, marked), but no result, dashboard, calibration, minutes or
/// publication uses it.
#[must_use]
pub fn counts(sheet: &StageSheetRecord, assignments: &[StageAssignmentRecord]) -> bool {
    let standing = assignments.iter().any(|assignment| {
        assignment.entry == sheet.entry && assignment.judge == sheet.judge && !assignment.recused
    });
    counts_when(sheet.state, standing)
}

/// The rule of [`counts`] for a sheet in `state` whose assignment does or does
/// not stand.
#[must_use]
pub fn counts_when(state: SheetState, assignment_stands: bool) -> bool {
    state == SheetState::Submitted && assignment_stands
}

fn internal(what: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "{what}");
    AppError::Internal
}

/// What the rule gives for `result` (under `manual`, nobody until the committee
/// chooses).
#[must_use]
pub fn by_rule(rule: &AdvancementRule, result: &StageResult) -> Vec<AdvancementDecision> {
    let not_advanced = || {
        result
            .ranking
            .iter()
            .map(|ranked| AdvancementDecision {
                entry: ranked.entry.clone(),
                advanced: false,
                tied_at_cut: false,
            })
            .collect()
    };
    match rule {
        AdvancementRule::Manual => not_advanced(),
        rule => decide_advancement(rule, &result.ranking, None).unwrap_or_else(|error| {
            tracing::error!(%error, "a stage's advancement rule cannot be applied");
            not_advanced()
        }),
    }
}

/// Evaluates one scoring stage from its stored sheets.
pub async fn evaluate(db: &Db, record: ScoringStageRecord) -> Result<EvaluatedStage, AppError> {
    let rubric = record
        .rubric
        .clone()
        .ok_or_else(|| internal("a scoring stage has no rubric", &record.key))?;
    let rule = record.advancement.clone();
    let aggregation = record.aggregation;
    let entries = results::stage_entries(db, &record.id).await?;
    let sheets = results::stage_sheets(db, &record.id).await?;
    let assignments = results::stage_assignments(db, &record.id).await?;
    let recorded = results::decisions(db, &record.id).await?;
    let heard: BTreeSet<&str> = entries.iter().map(|entry| entry.id.as_str()).collect();
    let submitted: Vec<StageSheet> = sheets
        .iter()
        .filter(|sheet| counts(sheet, &assignments) && heard.contains(sheet.entry.as_str()))
        .map(|sheet| StageSheet {
            entry: sheet.entry.as_str().into(),
            judge: sheet.judge.as_str().into(),
            values: sheet
                .sheet_values
                .iter()
                .map(|(key, value)| (key.as_str().into(), *value))
                .collect(),
        })
        .collect();
    let stage_entries: Vec<StageEntry> = entries
        .iter()
        .map(|entry| StageEntry::new(entry.id.as_str(), &entry.category, &entry.title))
        .collect();
    let result = evaluate_stage(&rubric, aggregation, &stage_entries, &submitted)
        .map_err(|error| internal("a stage's sheets cannot be evaluated", error))?;
    let decisions = if recorded.is_empty() {
        by_rule(&rule, &result)
    } else {
        let advanced: HashMap<&str, &DecisionRecord> = recorded
            .iter()
            .map(|decision| (decision.entry.as_str(), decision))
            .collect();
        result
            .ranking
            .iter()
            .map(|ranked| {
                let decision = advanced.get(ranked.entry.as_str());
                AdvancementDecision {
                    entry: ranked.entry.clone(),
                    advanced: decision.is_some_and(|decision| decision.advanced),
                    tied_at_cut: decision.is_some_and(|decision| decision.tied_at_cut),
                }
            })
            .collect()
    };
    Ok(EvaluatedStage {
        record,
        rubric,
        aggregation,
        rule,
        entries,
        sheets,
        assignments,
        submitted,
        result,
        decisions,
        recorded,
    })
}

/// The edition with `slug`, or `NotFound`.
pub async fn edition(db: &Db, slug: &str) -> Result<ResultsEditionRecord, AppError> {
    let mut edition = results::edition(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    edition.field_outcomes =
        super::field::outcomes(db, &edition.id, edition.field_rule.unwrap_or_default()).await?;
    Ok(edition)
}

/// The scoring stages of `edition` that `scope` covers, evaluated (`NotFound`
/// when it names no scoring stage).
pub async fn evaluate_edition(
    db: &Db,
    edition: &ResultsEditionRecord,
    scope: &PublicationScope,
) -> Result<Vec<EvaluatedStage>, AppError> {
    let mut stages = results::scoring_stages(db, &edition.id).await?;
    if let Some(key) = scope.through() {
        let last = stages
            .iter()
            .position(|stage| stage.key == key)
            .ok_or(AppError::NotFound)?;
        stages.truncate(last + 1);
    }
    let mut evaluated = Vec::with_capacity(stages.len());
    for stage in stages {
        evaluated.push(evaluate(db, stage).await?);
    }
    Ok(evaluated)
}

/// The results document of the edition with `slug`, computed now: every scoring
/// stage and the final ranking, or (a stage's scope) the stages up to that one
/// and no final ranking.
pub async fn document(
    db: &Db,
    slug: &str,
    scope: &PublicationScope,
) -> Result<ResultsDocument, AppError> {
    let edition = edition(db, slug).await?;
    let stages = evaluate_edition(db, &edition, scope).await?;
    Ok(document_of(&edition, &stages, scope))
}

/// The results document of already evaluated stages.
#[must_use]
pub fn document_of(
    edition: &ResultsEditionRecord,
    stages: &[EvaluatedStage],
    scope: &PublicationScope,
) -> ResultsDocument {
    let final_ranking = if *scope == PublicationScope::Final {
        final_results(edition, stages)
    } else {
        Vec::new()
    };
    ResultsDocument {
        edition: ResultsEdition {
            slug: edition.slug.clone(),
            title: edition.title.clone(),
            year: edition.year,
            categories: edition.categories.clone(),
            shows_scores: edition.shows_scores,
            publishes_sheets: edition.publishes_sheets,
        },
        published_at: None,
        scope: scope.clone(),
        stages: stages.iter().map(stage_results).collect(),
        final_ranking,
    }
}

/// One stage's part of the results document.
#[must_use]
pub fn stage_results(stage: &EvaluatedStage) -> StageResults {
    let aliases = judge_aliases(&stage.submitted);
    let advanced: HashMap<&str, bool> = stage
        .decisions
        .iter()
        .map(|decision| (decision.entry.as_str(), decision.advanced))
        .collect();
    let mut sheets_of: HashMap<&str, Vec<SheetResult>> = HashMap::new();
    for (sheet, total) in stage.submitted.iter().zip(&stage.result.totals) {
        sheets_of
            .entry(sheet.entry.as_str())
            .or_default()
            .push(SheetResult {
                judge: aliases
                    .get(sheet.judge.as_str())
                    .cloned()
                    .unwrap_or_default(),
                values: sheet
                    .values
                    .iter()
                    .map(|(key, value)| (key.as_str().to_owned(), *value))
                    .collect(),
                total: *total,
            });
    }
    for sheets in sheets_of.values_mut() {
        sheets.sort_by_key(|sheet| alias_number(&sheet.judge));
    }
    StageResults {
        key: stage.record.key.clone(),
        title: stage.record.title.clone(),
        aggregation: stage.record.aggregation,
        rubric: stage
            .rubric
            .criteria()
            .iter()
            .map(|criterion| RubricColumn {
                key: criterion.key.as_str().to_owned(),
                label: criterion.label.clone(),
                weight: criterion.weight,
                min: criterion.scale.min,
                max: criterion.scale.max,
                step: criterion.scale.step,
            })
            .collect(),
        advancement: stage.rule.clone(),
        entries: stage
            .result
            .ranking
            .iter()
            .map(|ranked| {
                let id = &ranked.entry;
                let record = stage.entry(id);
                EntryResult {
                    id: id.clone(),
                    title: record.map(|entry| entry.title.clone()).unwrap_or_default(),
                    organisation: record
                        .map(|entry| entry.organisation.clone())
                        .unwrap_or_default(),
                    category: ranked.category.as_str().to_owned(),
                    score: Some(ranked.score),
                    rank: ranked.rank,
                    tied: ranked.tied,
                    advanced: advanced.get(id.as_str()).copied().unwrap_or(false),
                    sheets: sheets_of.remove(id.as_str()).unwrap_or_default(),
                }
            })
            .collect(),
    }
}

/// `J1`, `J2`, … for the stage's judges, in the order of their keys: the same
/// judge is the same alias throughout a stage, and aliases say nothing about who.
#[must_use]
pub fn judge_aliases(sheets: &[StageSheet]) -> BTreeMap<String, String> {
    let judges: BTreeSet<&str> = sheets.iter().map(|sheet| sheet.judge.as_str()).collect();
    judges
        .into_iter()
        .enumerate()
        .map(|(index, judge)| (judge.to_owned(), format!("J{}", index + 1)))
        .collect()
}

fn alias_number(alias: &str) -> u32 {
    alias.trim_start_matches('J').parse().unwrap_or(u32::MAX)
}

/// The final ranking by the edition's rule, over every entry any stage heard.
fn final_results(edition: &ResultsEditionRecord, stages: &[EvaluatedStage]) -> Vec<FinalResult> {
    if stages.is_empty() {
        return Vec::new();
    }
    let rule = edition.final_rule.clone().unwrap_or(FinalRule::LastStage);
    let scores: Vec<StageScores> = stages
        .iter()
        .map(|stage| StageScores {
            stage: stage.record.key.as_str().into(),
            scores: stage
                .result
                .scores
                .iter()
                .map(|score| (score.entry.clone(), score.score))
                .collect(),
        })
        .collect();
    let mut records: BTreeMap<&str, &StageEntryRecord> = BTreeMap::new();
    for stage in stages {
        for entry in &stage.entries {
            records.insert(entry.id.as_str(), entry);
        }
    }
    let entries: Vec<StageEntry> = records
        .values()
        .map(|entry| StageEntry::new(entry.id.as_str(), &entry.category, &entry.title))
        .collect();
    match final_ranking_after_field(&rule, &scores, &entries, &edition.field_outcomes) {
        Ok(ranked) => ranked
            .into_iter()
            .map(|ranked| {
                let record = records.get(ranked.entry.as_str());
                FinalResult {
                    id: ranked.entry.clone(),
                    title: record.map(|entry| entry.title.clone()).unwrap_or_default(),
                    organisation: record
                        .map(|entry| entry.organisation.clone())
                        .unwrap_or_default(),
                    category: ranked.category.as_str().to_owned(),
                    score: Some(ranked.score),
                    rank: ranked.rank,
                    tied: ranked.tied,
                    field_penalty: edition
                        .field_outcomes
                        .get(&ranked.entry)
                        .map(|outcome| outcome.penalty())
                        .filter(|penalty| *penalty > 0),
                }
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, edition = %edition.slug, "the final ranking cannot be computed");
            Vec::new()
        }
    }
}

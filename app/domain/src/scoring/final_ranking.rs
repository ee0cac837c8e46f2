//! The final ranking of an edition: DESIGN rule 5.
//!
//! The final score is either the last scoring stage's score (`last_stage`) or a
//! weighted sum of stage scores set per edition (`weighted`, e.g. desk 40 +
//! presentation 60: `Σ w_s · score_s / Σ w_s`, weights in whole percent adding up
//! to 100, summed in stage order). Only entries that have every stage score the
//! rule uses are ranked, within each category. Equal final scores (within 1e-9) are
//! broken by the later stage's score, then the one before, and so on; entries still
//! equal share a rank. With `last_stage` there is no later stage, so equal scores
//! share the rank.

use super::ranking::{RankInput, RankedEntry, rank};
use super::stage::StageEntry;
use super::{EntryId, StageKey};
use crate::field::{FieldOutcome, adjusted_score};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How an edition's final score is formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum FinalRule {
    /// The last scoring stage's score.
    LastStage,
    /// A weighted sum of stage scores.
    Weighted {
        /// The weight of each stage that counts.
        weights: Vec<StageWeight>,
    },
}

/// A stage's weight in the final score, in whole percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageWeight {
    pub stage: StageKey,
    /// Its weight; the weights of a rule add up to 100.
    pub weight: u32,
}

/// The stage scores of one scoring stage (from [`evaluate_stage`](super::evaluate_stage)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageScores {
    pub stage: StageKey,
    /// Each scored entry's stage score, full precision.
    pub scores: BTreeMap<EntryId, f64>,
}

/// Why the final ranking cannot be computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FinalRankingError {
    /// No scoring stage was given.
    #[error("the final ranking needs at least one scoring stage")]
    NoStages,
    /// The weighted rule lists no stage.
    #[error("the weighted final rule lists no stage")]
    NoWeights,
    /// A weight names a stage that is not among the scoring stages.
    #[error("the final rule weighs stage \"{stage}\", which is not a scoring stage")]
    UnknownStage {
        /// The stage named.
        stage: StageKey,
    },
    /// A stage is named twice, in the weights or in the stages given.
    #[error("stage \"{stage}\" appears more than once")]
    DuplicateStage { stage: StageKey },
    /// A stage weight is zero.
    #[error("the weight of stage \"{stage}\" must be positive")]
    ZeroWeight { stage: StageKey },
    /// The stage weights do not add up to 100.
    #[error("stage weights must add up to 100%, they add up to {total}%")]
    WeightsDoNotAddUp {
        /// The sum of the weights.
        total: u64,
    },
}

impl FinalRule {
    /// Checks the rule against the edition's scoring stages (in order): the
    /// weighted rule must name only these stages, each once, with positive
    /// weights adding up to 100.
    ///
    /// ```
    /// use domain::scoring::{FinalRankingError, FinalRule, StageWeight};
    /// let stages = ["desk".into(), "presentasi".into()];
    /// let rule = |weights: &[(&str, u32)]| FinalRule::Weighted {
    ///     weights: weights.iter().map(|&(stage, weight)| StageWeight { stage: stage.into(), weight }).collect(),
    /// };
    /// assert_eq!(rule(&[("desk", 40), ("presentasi", 60)]).check(&stages), Ok(()));
    /// assert_eq!(rule(&[("desk", 40), ("presentasi", 50)]).check(&stages),
    ///     Err(FinalRankingError::WeightsDoNotAddUp { total: 90 }));
    /// assert_eq!(FinalRule::LastStage.check(&[]), Err(FinalRankingError::NoStages));
    /// ```
    pub fn check(&self, stages: &[StageKey]) -> Result<(), FinalRankingError> {
        if stages.is_empty() {
            return Err(FinalRankingError::NoStages);
        }
        let FinalRule::Weighted { weights } = self else {
            return Ok(());
        };
        if weights.is_empty() {
            return Err(FinalRankingError::NoWeights);
        }
        let mut seen = BTreeSet::new();
        let mut total: u64 = 0;
        for weight in weights {
            if !stages.contains(&weight.stage) {
                return Err(FinalRankingError::UnknownStage {
                    stage: weight.stage.clone(),
                });
            }
            if !seen.insert(&weight.stage) {
                return Err(FinalRankingError::DuplicateStage {
                    stage: weight.stage.clone(),
                });
            }
            if weight.weight == 0 {
                return Err(FinalRankingError::ZeroWeight {
                    stage: weight.stage.clone(),
                });
            }
            total += u64::from(weight.weight);
        }
        if total == 100 {
            Ok(())
        } else {
            Err(FinalRankingError::WeightsDoNotAddUp { total })
        }
    }
}

/// Ranks the final results. `stages` are the scoring stages in edition order;
/// `entries` are the entries that may be ranked (leave out withdrawn or
/// disqualified ones); the result is as from [`rank`].
///
/// ```
/// use domain::scoring::{FinalRule, StageScores, StageWeight, StageEntry, final_ranking};
/// let stage = |key: &str, scores: &[(&str, f64)]| StageScores {
///     stage: key.into(),
///     scores: scores.iter().map(|&(e, s)| (e.into(), s)).collect(),
/// };
/// let stages = [
///     stage("desk", &[("a", 90.0), ("b", 80.0), ("c", 70.0)]),
///     stage("presentation", &[("a", 80.0), ("b", 86.0)]), // c was eliminated
/// ];
/// let entries: Vec<StageEntry> = ["a", "b", "c"].iter()
///     .map(|&id| StageEntry::new(id, "kesehatan", id)).collect();
/// let rule = FinalRule::Weighted { weights: vec![
///     StageWeight { stage: "desk".into(), weight: 40 },
///     StageWeight { stage: "presentation".into(), weight: 60 },
/// ]};
/// let ranked = final_ranking(&rule, &stages, &entries)?;
/// // a: 0.4·90 + 0.6·80 = 84; b: 0.4·80 + 0.6·86 = 83.6; c has no presentation score.
/// let rows: Vec<_> = ranked.iter().map(|r| (r.entry.as_str(), r.rank)).collect();
/// assert_eq!(rows, [("a", 1), ("b", 2)]);
/// assert!((ranked[0].score - 84.0).abs() < 1e-12);
/// # Ok::<(), domain::scoring::FinalRankingError>(())
/// ```
pub fn final_ranking(
    rule: &FinalRule,
    stages: &[StageScores],
    entries: &[StageEntry],
) -> Result<Vec<RankedEntry>, FinalRankingError> {
    final_ranking_after_field(rule, stages, entries, &BTreeMap::new())
}

/// [`final_ranking`] with the outcomes of field visits applied: each entry's
/// final score loses its visit's penalty, never below 0 (the scale's minimum),
/// before ranking ([`crate::field::adjusted_score`]). Ties are still broken by
/// the stage scores, which a visit does not change.
///
/// ```
/// use domain::field::FieldOutcome;
/// use domain::scoring::{FinalRule, StageScores, StageEntry, final_ranking_after_field};
/// let stages = [StageScores {
///     stage: "desk".into(),
///     scores: [("a".into(), 90.0), ("b".into(), 86.0)].into_iter().collect(),
/// }];
/// let entries: Vec<StageEntry> = ["a", "b"].iter()
///     .map(|&id| StageEntry::new(id, "kesehatan", id)).collect();
/// let field = [("a".into(), FieldOutcome::Adjusted { penalty: 5 })].into_iter().collect();
/// let ranked = final_ranking_after_field(&FinalRule::LastStage, &stages, &entries, &field)?;
/// let rows: Vec<_> = ranked.iter().map(|r| (r.entry.as_str(), r.score)).collect();
/// assert_eq!(rows, [("b", 86.0), ("a", 85.0)]);
/// # Ok::<(), domain::scoring::FinalRankingError>(())
/// ```
pub fn final_ranking_after_field(
    rule: &FinalRule,
    stages: &[StageScores],
    entries: &[StageEntry],
    field: &BTreeMap<EntryId, FieldOutcome>,
) -> Result<Vec<RankedEntry>, FinalRankingError> {
    if stages.is_empty() {
        return Err(FinalRankingError::NoStages);
    }
    let mut seen = BTreeSet::new();
    for s in stages {
        if !seen.insert(&s.stage) {
            return Err(FinalRankingError::DuplicateStage {
                stage: s.stage.clone(),
            });
        }
    }
    // (stage position, weight) in stage order.
    let counted: Vec<(usize, u32)> = match rule {
        FinalRule::LastStage => vec![(stages.len() - 1, 1)],
        FinalRule::Weighted { weights } => weighted_stages(weights, stages)?,
    };
    let total_weight: f64 = counted.iter().map(|&(_, w)| f64::from(w)).sum();
    let inputs: Vec<RankInput> = entries
        .iter()
        .filter_map(|e| {
            let mut sum = 0.0;
            let mut later_first = Vec::with_capacity(counted.len());
            for &(position, weight) in &counted {
                let score = *stages[position].scores.get(&e.entry)?;
                sum += f64::from(weight) * score;
                later_first.push(score);
            }
            later_first.reverse();
            let score = match field.get(&e.entry) {
                Some(outcome) => adjusted_score(sum / total_weight, *outcome, 0.0),
                None => sum / total_weight,
            };
            let tie_break = match rule {
                FinalRule::LastStage => Vec::new(),
                FinalRule::Weighted { .. } => later_first,
            };
            Some(RankInput {
                entry: e.entry.clone(),
                category: e.category.clone(),
                title: e.title.clone(),
                score,
                tie_break,
            })
        })
        .collect();
    Ok(rank(&inputs))
}

fn weighted_stages(
    weights: &[StageWeight],
    stages: &[StageScores],
) -> Result<Vec<(usize, u32)>, FinalRankingError> {
    if weights.is_empty() {
        return Err(FinalRankingError::NoWeights);
    }
    let mut counted = Vec::with_capacity(weights.len());
    let mut total: u64 = 0;
    for w in weights {
        let position = stages
            .iter()
            .position(|s| s.stage == w.stage)
            .ok_or_else(|| FinalRankingError::UnknownStage {
                stage: w.stage.clone(),
            })?;
        if counted.iter().any(|&(p, _)| p == position) {
            return Err(FinalRankingError::DuplicateStage {
                stage: w.stage.clone(),
            });
        }
        if w.weight == 0 {
            return Err(FinalRankingError::ZeroWeight {
                stage: w.stage.clone(),
            });
        }
        total += u64::from(w.weight);
        counted.push((position, w.weight));
    }
    if total != 100 {
        return Err(FinalRankingError::WeightsDoNotAddUp { total });
    }
    counted.sort_unstable_by_key(|&(position, _)| position);
    Ok(counted)
}

#[cfg(test)]
mod tests;

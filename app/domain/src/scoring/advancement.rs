//! Who advances from a scoring stage: DESIGN rule 4.
//!
//! - `top_n`: ranks ≤ N in each category advance. Entries tied at the cut all
//!   advance (so a category may send more than N) and are flagged `tied_at_cut`;
//!   a category with at least N entries always sends at least N.
//! - `pass_mark`: a stage score ≥ P advances, comparing unrounded values with the
//!   rule 3 tolerance (a score less than 1e-9 below P counts as P).
//! - `manual`: the committee names the entries that advance and writes why.

use super::ranking::RankedEntry;
use super::{CategoryId, EQUALITY_TOLERANCE, EntryId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// A stage's advancement rule, serialised as in the results document:
/// `{"rule": "top_n", "n": 3}`, `{"rule": "pass_mark", "mark": 85.0}`, `{"rule": "manual"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum AdvancementRule {
    /// The best N of each category.
    TopN {
        /// How many per category (ties at the cut add more).
        n: u32,
    },
    /// Every entry scoring at least the mark.
    PassMark {
        /// The mark, 0–100.
        mark: f64,
    },
    /// The committee's choice, with a written justification.
    Manual,
}

/// The committee's choice under the `manual` rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualSelection {
    /// The entries that advance.
    pub advanced: Vec<EntryId>,
    /// Why: recorded with the decision and in the audit log.
    pub justification: String,
}

/// Whether one ranked entry advances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdvancementDecision {
    pub entry: EntryId,
    /// Whether it advances.
    pub advanced: bool,
    /// Whether it advances only because it ties with an entry at the `top_n` cut
    /// (its tie group reaches past rank N).
    pub tied_at_cut: bool,
}

/// Why advancement cannot be decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AdvancementError {
    /// `top_n` with N = 0.
    #[error("top_n needs N of at least 1")]
    ZeroTopN,
    /// The pass mark is not a number from 0 to 100.
    #[error("the pass mark must lie between 0 and 100, it is {mark}")]
    InvalidPassMark {
        /// The mark given.
        mark: f64,
    },
    /// The `manual` rule without the committee's selection.
    #[error("the manual rule needs the committee's selection of entries")]
    MissingSelection,
    /// A selection given for an automatic rule.
    #[error("a selection of entries is only taken under the manual rule")]
    SelectionNotManual,
    /// The justification is empty.
    #[error("a manual advancement needs a written justification")]
    EmptyJustification,
    /// The selection names an entry that is not ranked in the stage.
    #[error("entry \"{entry}\" is not ranked in this stage")]
    UnknownEntry {
        /// The entry named.
        entry: EntryId,
    },
}

/// Decides advancement for every ranked entry of a stage (the output of
/// [`rank`](super::rank)), in the same order.
///
/// ```
/// use domain::scoring::{AdvancementRule, RankInput, decide_advancement, rank};
/// let input = |id: &str, score: f64| RankInput {
///     entry: id.into(), category: "kesehatan".into(), title: id.into(),
///     score, tie_break: vec![],
/// };
/// let ranked = rank(&[input("a", 91.0), input("b", 88.5), input("c", 88.5), input("d", 80.0)]);
/// // Ranks 1, 2, 2, 4: top 2 takes three entries, b and c flagged.
/// let top2 = decide_advancement(&AdvancementRule::TopN { n: 2 }, &ranked, None)?;
/// let rows: Vec<_> = top2.iter().map(|d| (d.entry.as_str(), d.advanced, d.tied_at_cut)).collect();
/// assert_eq!(rows, [("a", true, false), ("b", true, true), ("c", true, true), ("d", false, false)]);
/// let pass = decide_advancement(&AdvancementRule::PassMark { mark: 85.0 }, &ranked, None)?;
/// assert_eq!(pass.iter().filter(|d| d.advanced).count(), 3);
/// # Ok::<(), domain::scoring::AdvancementError>(())
/// ```
pub fn decide_advancement(
    rule: &AdvancementRule,
    ranked: &[RankedEntry],
    manual: Option<&ManualSelection>,
) -> Result<Vec<AdvancementDecision>, AdvancementError> {
    if manual.is_some() && *rule != AdvancementRule::Manual {
        return Err(AdvancementError::SelectionNotManual);
    }
    match rule {
        AdvancementRule::TopN { n } => top_n(*n, ranked),
        AdvancementRule::PassMark { mark } => pass_mark(*mark, ranked),
        AdvancementRule::Manual => {
            manual_selection(manual.ok_or(AdvancementError::MissingSelection)?, ranked)
        }
    }
}

fn top_n(n: u32, ranked: &[RankedEntry]) -> Result<Vec<AdvancementDecision>, AdvancementError> {
    if n == 0 {
        return Err(AdvancementError::ZeroTopN);
    }
    let mut group_size: HashMap<(&CategoryId, u32), u32> = HashMap::new();
    for r in ranked {
        *group_size.entry((&r.category, r.rank)).or_default() += 1;
    }
    Ok(ranked
        .iter()
        .map(|r| {
            let advanced = r.rank <= n;
            let size = group_size.get(&(&r.category, r.rank)).copied().unwrap_or(1);
            let last_rank_of_group = r.rank.saturating_add(size - 1);
            AdvancementDecision {
                entry: r.entry.clone(),
                advanced,
                tied_at_cut: advanced && last_rank_of_group > n,
            }
        })
        .collect())
}

fn pass_mark(
    mark: f64,
    ranked: &[RankedEntry],
) -> Result<Vec<AdvancementDecision>, AdvancementError> {
    if !(0.0..=100.0).contains(&mark) {
        return Err(AdvancementError::InvalidPassMark { mark });
    }
    Ok(ranked
        .iter()
        .map(|r| AdvancementDecision {
            entry: r.entry.clone(),
            advanced: r.score > mark - EQUALITY_TOLERANCE,
            tied_at_cut: false,
        })
        .collect())
}

fn manual_selection(
    selection: &ManualSelection,
    ranked: &[RankedEntry],
) -> Result<Vec<AdvancementDecision>, AdvancementError> {
    if selection.justification.trim().is_empty() {
        return Err(AdvancementError::EmptyJustification);
    }
    let chosen: BTreeSet<&EntryId> = selection.advanced.iter().collect();
    let ranked_ids: BTreeSet<&EntryId> = ranked.iter().map(|r| &r.entry).collect();
    if let Some(unknown) = chosen.difference(&ranked_ids).next() {
        return Err(AdvancementError::UnknownEntry {
            entry: (*unknown).clone(),
        });
    }
    Ok(ranked
        .iter()
        .map(|r| AdvancementDecision {
            entry: r.entry.clone(),
            advanced: chosen.contains(&r.entry),
            tied_at_cut: false,
        })
        .collect())
}

#[cfg(test)]
mod tests;

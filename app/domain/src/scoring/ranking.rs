//! Ranking within a category: DESIGN rule 3.
//!
//! Highest score first, comparing unrounded values; two values are equal when they
//! differ by less than [`EQUALITY_TOLERANCE`] (a chain of such near-equal values,
//! each within the tolerance of the next, counts as one tie, so the order never
//! depends on the input order). Equal scores are separated by the tie-break values
//! — for a stage: the mean normalised value (0–100) of the heaviest-weighted
//! criterion over all the entry's submitted sheets, then the next heaviest, and so on
//! ([`tie_break_values`]); entries still tied share a rank (competition ranking:
//! 1, 2, 2, 4) and are listed by title, then id.

use super::rubric::Rubric;
use super::{CategoryId, EQUALITY_TOLERANCE, EntryId};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One entry to rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankInput {
    pub entry: EntryId,
    /// Its category: entries are ranked within their category.
    pub category: CategoryId,
    /// Its title, to list tied entries.
    pub title: String,
    /// The score to rank by, full precision.
    pub score: f64,
    /// Values compared, in order, when scores are equal (higher first); a missing
    /// value counts as lower than any other.
    pub tie_break: Vec<f64>,
}

/// One entry's place in its category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedEntry {
    pub entry: EntryId,
    pub category: CategoryId,
    /// Its score, full precision.
    pub score: f64,
    /// Competition rank within the category, from 1.
    pub rank: u32,
    /// Whether it shares its rank with another entry.
    pub tied: bool,
    /// Whether its score equalled another entry's, so the tie-break values decided
    /// its place (or, when `tied`, could not).
    pub tie_break_used: bool,
}

/// Ranks every category: the result lists categories by id and, within each, the
/// entries in display order (rank, then title and id among tied entries).
///
/// ```
/// use domain::scoring::{RankInput, rank};
/// let input = |id: &str, score: f64, tie: f64| RankInput {
///     entry: id.into(), category: "kesehatan".into(), title: id.to_uppercase(),
///     score, tie_break: vec![tie],
/// };
/// let ranked = rank(&[
///     input("d", 70.0, 50.0),
///     input("a", 90.0, 50.0),
///     input("c", 80.0, 60.0), // tie on score, broken by the heaviest criterion
///     input("b", 80.0, 60.0 + 1e-12), // equal within 1e-9: shares the rank
///     input("e", 80.0, 40.0),
/// ]);
/// let rows: Vec<_> = ranked.iter().map(|r| (r.entry.as_str(), r.rank, r.tied)).collect();
/// assert_eq!(rows, [("a", 1, false), ("b", 2, true), ("c", 2, true), ("e", 4, false), ("d", 5, false)]);
/// ```
#[must_use]
pub fn rank(inputs: &[RankInput]) -> Vec<RankedEntry> {
    let mut categories: BTreeMap<&CategoryId, Vec<usize>> = BTreeMap::new();
    for (index, input) in inputs.iter().enumerate() {
        categories.entry(&input.category).or_default().push(index);
    }
    let mut out = Vec::with_capacity(inputs.len());
    for (_, mut members) in categories {
        let mut groups = Vec::new();
        refine(inputs, &mut members, 0, false, &mut groups);
        let mut position: u32 = 1;
        for (group, tie_break_used) in groups {
            let tied = group.len() > 1;
            for &index in &group {
                let input = &inputs[index];
                out.push(RankedEntry {
                    entry: input.entry.clone(),
                    category: input.category.clone(),
                    score: input.score,
                    rank: position,
                    tied,
                    tie_break_used,
                });
            }
            position = position.saturating_add(u32::try_from(group.len()).unwrap_or(u32::MAX));
        }
    }
    out
}

/// The tie-break values of an entry in a stage (rule 3): for each criterion in
/// [`Rubric::tie_break_order`], the mean of its normalised value (0–100) over the
/// entry's submitted sheets, each given as normalised values in rubric order.
///
/// ```
/// use domain::scoring::{Rubric, ranking::tie_break_values};
/// let rubric = Rubric::national_presentation(); // presentasi (30 %) comes first
/// let sheet1 = [80.0, 70.0, 60.0, 50.0, 40.0, 90.0];
/// let sheet2 = [60.0, 70.0, 60.0, 50.0, 40.0, 70.0];
/// let values = tie_break_values(&rubric, [&sheet1[..], &sheet2[..]]);
/// assert_eq!(values, vec![80.0, 70.0, 70.0, 60.0, 50.0, 40.0]);
/// ```
#[must_use]
pub fn tie_break_values<'a>(
    rubric: &Rubric,
    sheets: impl IntoIterator<Item = &'a [f64]>,
) -> Vec<f64> {
    let order = rubric.tie_break_order();
    let mut sums = vec![0.0; order.len()];
    let mut count = 0_usize;
    for normalised in sheets {
        for (sum, &criterion) in sums.iter_mut().zip(order) {
            *sum += normalised.get(criterion).copied().unwrap_or(f64::NAN);
        }
        count += 1;
    }
    for sum in &mut sums {
        *sum /= count as f64;
    }
    sums
}

/// Splits `members` into tie groups in rank order. Level 0 compares scores, level
/// k compares `tie_break[k − 1]`; each level sorts, cuts where neighbours differ
/// by the tolerance or more, and refines each part at the next level.
fn refine(
    inputs: &[RankInput],
    members: &mut [usize],
    level: usize,
    tie_break_used: bool,
    groups: &mut Vec<(Vec<usize>, bool)>,
) {
    let exhausted = inputs_exhausted(inputs, members, level);
    if members.len() == 1 || exhausted {
        members.sort_by(|&a, &b| display_order(&inputs[a], &inputs[b]));
        groups.push((members.to_vec(), tie_break_used));
        return;
    }
    let value = |index: usize| comparable(&inputs[index], level);
    members.sort_by(|&a, &b| value(b).total_cmp(&value(a)));
    let mut start = 0;
    for end in 1..=members.len() {
        let cut = end == members.len()
            || value(members[end - 1]) - value(members[end]) >= EQUALITY_TOLERANCE;
        if cut {
            let part = &mut members[start..end];
            let used = tie_break_used || (level == 0 && part.len() > 1);
            refine(inputs, part, level + 1, used, groups);
            start = end;
        }
    }
}

/// Whether no input in `members` has a value at `level` (so the rest is a tie).
fn inputs_exhausted(inputs: &[RankInput], members: &[usize], level: usize) -> bool {
    level > 0
        && members
            .iter()
            .all(|&index| inputs[index].tie_break.len() < level)
}

/// The value compared at `level`; NaN and missing values sort below everything.
fn comparable(input: &RankInput, level: usize) -> f64 {
    let value = if level == 0 {
        Some(input.score)
    } else {
        input.tie_break.get(level - 1).copied()
    };
    match value {
        Some(v) if !v.is_nan() => v,
        _ => f64::NEG_INFINITY,
    }
}

fn display_order(a: &RankInput, b: &RankInput) -> Ordering {
    a.title.cmp(&b.title).then_with(|| a.entry.cmp(&b.entry))
}

#[cfg(test)]
mod tests;

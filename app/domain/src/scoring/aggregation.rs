//! The stage score of an entry: DESIGN rule 2, over the submitted sheets of a stage.
//!
//! - `mean`: the arithmetic mean of the entry's sheet totals.
//! - `trimmed_mean`: with 5 or more sheets, drop one highest and one lowest total,
//!   then the mean; with fewer, the plain mean.
//! - `zscore`: for each judge *j*, μ_j and σ_j (population standard deviation) of
//!   all their submitted totals in the stage; `z = (T − μ_j) / σ_j`, or 0 when
//!   σ_j = 0 (below [`EQUALITY_TOLERANCE`], so that floating-point noise on equal
//!   totals counts as 0) or the judge has fewer than 2 sheets. The entry's mean z is
//!   mapped linearly onto `[lowest raw mean, highest raw mean]` of the stage's
//!   entries: the lowest mean z gets the lowest raw mean, the highest gets the
//!   highest. If all mean z's are equal (within the tolerance) the raw mean is used.
//!
//! An entry without any submitted sheet has no stage score: it is simply absent from
//! the result (and takes no part in the z-score range). Sums run in a fixed order
//! (entries and judges by id), so the result does not depend on the input order.

use super::dense::Dense;
use super::{EQUALITY_TOLERANCE, EntryId, JudgeId};
use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    /// How a stage turns sheet totals into one score per entry (rule 2).
    pub enum Aggregation in "aggregation" default Mean {
        /// Arithmetic mean of sheet totals.
        Mean = "mean",
        /// Mean without one highest and one lowest total, when there are 5 or more.
        TrimmedMean = "trimmed_mean",
        /// Mean z-score per judge, mapped onto the range of raw means.
        Zscore = "zscore",
    }
}

/// One submitted sheet's total, as aggregation needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetTotal {
    /// The entry scored.
    pub entry: EntryId,
    /// The judge who scored it.
    pub judge: JudgeId,
    /// The sheet total, 0–100 (rule 1).
    pub total: f64,
}

impl SheetTotal {
    /// A sheet total from plain strings.
    ///
    /// ```
    /// use domain::scoring::SheetTotal;
    /// let sheet = SheetTotal::new("e1", "j1", 82.5);
    /// assert_eq!(sheet.total, 82.5);
    /// ```
    #[must_use]
    pub fn new(entry: &str, judge: &str, total: f64) -> Self {
        Self {
            entry: EntryId::from(entry),
            judge: JudgeId::from(judge),
            total,
        }
    }
}

/// An entry's stage score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryScore {
    pub entry: EntryId,
    /// The stage score by the stage's aggregation, full precision.
    pub score: f64,
    /// The plain mean of the entry's sheet totals.
    pub raw_mean: f64,
    /// The mean of the entry's z's (only for `zscore`).
    pub mean_z: Option<f64>,
    /// How many submitted sheets the score rests on.
    pub sheets: usize,
}

/// Why a set of sheet totals cannot be aggregated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AggregationError {
    /// A judge has two sheets for one entry.
    #[error("judge \"{judge}\" has more than one sheet for entry \"{entry}\"")]
    DuplicateSheet { entry: EntryId, judge: JudgeId },
    /// A total is not a number between 0 and 100.
    #[error(
        "the total {total} of judge \"{judge}\" for entry \"{entry}\" is not between 0 and 100"
    )]
    InvalidTotal {
        entry: EntryId,
        judge: JudgeId,
        /// The total given.
        total: f64,
    },
}

/// Computes every entry's stage score from the stage's submitted sheet totals.
/// The result has one row per entry with at least one sheet, sorted by entry id.
///
/// ```
/// use domain::scoring::{Aggregation, SheetTotal, aggregate};
/// let sheets = [
///     SheetTotal::new("a", "j1", 80.0), SheetTotal::new("a", "j2", 70.0),
///     SheetTotal::new("b", "j1", 60.0), SheetTotal::new("b", "j2", 90.0),
/// ];
/// let mean = aggregate(Aggregation::Mean, &sheets)?;
/// assert_eq!((mean[0].score, mean[1].score), (75.0, 75.0));
/// // z: j1 (μ 70, σ 10) gives a +1, b −1; j2 (μ 80, σ 10) gives a −1, b +1.
/// let z = aggregate(Aggregation::Zscore, &sheets)?;
/// assert_eq!((z[0].mean_z, z[1].mean_z), (Some(0.0), Some(0.0)));
/// assert_eq!(z[0].score, 75.0); // all mean z's equal: the raw mean
/// # Ok::<(), domain::scoring::AggregationError>(())
/// ```
pub fn aggregate(
    method: Aggregation,
    sheets: &[SheetTotal],
) -> Result<Vec<EntryScore>, AggregationError> {
    let entries = Dense::new(sheets.iter().map(|s| s.entry.as_str()));
    let judges = Dense::new(sheets.iter().map(|s| s.judge.as_str()));
    let indexed = index_sheets(sheets, &entries, &judges)?;
    let computed = aggregate_sorted(method, entries.len(), judges.len(), &indexed);
    Ok(computed
        .into_iter()
        .zip(&entries.sorted)
        .filter_map(|(c, &id)| c.map(|c| c.into_score(EntryId::from(id))))
        .collect())
}

/// A sheet total on dense indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Indexed {
    pub entry: u32,
    pub judge: u32,
    pub total: f64,
    /// The sheet's position in the caller's list.
    pub sheet: usize,
}

/// Builds the sorted, duplicate-free, validated sheet list for [`aggregate_sorted`].
pub(crate) fn index_sheets(
    sheets: &[SheetTotal],
    entries: &Dense<'_>,
    judges: &Dense<'_>,
) -> Result<Vec<Indexed>, AggregationError> {
    let mut indexed = Vec::with_capacity(sheets.len());
    let ids = entries.of_input.iter().zip(&judges.of_input);
    for (position, (sheet, (&entry, &judge))) in sheets.iter().zip(ids).enumerate() {
        if !(0.0..=100.0).contains(&sheet.total) {
            return Err(AggregationError::InvalidTotal {
                entry: sheet.entry.clone(),
                judge: sheet.judge.clone(),
                total: sheet.total,
            });
        }
        indexed.push(Indexed {
            entry,
            judge,
            total: sheet.total,
            sheet: position,
        });
    }
    sort_and_check(&mut indexed, &entries.sorted, &judges.sorted)?;
    Ok(indexed)
}

/// Sorts by (entry, judge) and rejects a repeated pair; `entry_ids` and `judge_ids`
/// name the dense indices for the error.
pub(crate) fn sort_and_check(
    indexed: &mut [Indexed],
    entry_ids: &[&str],
    judge_ids: &[&str],
) -> Result<(), AggregationError> {
    indexed.sort_unstable_by_key(|i| (i.entry, i.judge));
    if let Some(pair) = indexed
        .windows(2)
        .find(|p| p[0].entry == p[1].entry && p[0].judge == p[1].judge)
    {
        let name = |ids: &[&str], i: u32| ids.get(i as usize).map(|s| (*s).to_owned());
        return Err(AggregationError::DuplicateSheet {
            entry: EntryId(name(entry_ids, pair[0].entry).unwrap_or_default()),
            judge: JudgeId(name(judge_ids, pair[0].judge).unwrap_or_default()),
        });
    }
    Ok(())
}

/// The aggregation of one entry, before its id is attached.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Computed {
    pub score: f64,
    pub raw_mean: f64,
    pub mean_z: Option<f64>,
    pub sheets: usize,
}

impl Computed {
    pub fn into_score(self, entry: EntryId) -> EntryScore {
        EntryScore {
            entry,
            score: self.score,
            raw_mean: self.raw_mean,
            mean_z: self.mean_z,
            sheets: self.sheets,
        }
    }
}

/// Rule 2 on dense indices. `sheets` must be sorted by (entry, judge) without
/// repeats; the result has one slot per entry index, `None` for entries without
/// sheets.
pub(crate) fn aggregate_sorted(
    method: Aggregation,
    entry_count: usize,
    judge_count: usize,
    sheets: &[Indexed],
) -> Vec<Option<Computed>> {
    let mut out: Vec<Option<Computed>> = vec![None; entry_count];
    let z = (method == Aggregation::Zscore).then(|| judge_z(judge_count, sheets));
    let mut scratch: Vec<f64> = Vec::new();
    for range in entry_ranges(sheets) {
        let group = &sheets[range.clone()];
        let count = group.len();
        let raw_mean = mean(group.iter().map(|s| s.total), count);
        let (score, mean_z) = match (&z, method) {
            (Some(z), _) => (raw_mean, Some(mean(z[range].iter().copied(), count))),
            (None, Aggregation::TrimmedMean) if count >= 5 => {
                scratch.clear();
                scratch.extend(group.iter().map(|s| s.total));
                scratch.sort_unstable_by(f64::total_cmp);
                let inner = &scratch[1..count - 1];
                (mean(inner.iter().copied(), inner.len()), None)
            }
            (None, _) => (raw_mean, None),
        };
        out[group[0].entry as usize] = Some(Computed {
            score,
            raw_mean,
            mean_z,
            sheets: count,
        });
    }
    if z.is_some() {
        map_z_onto_raw_range(&mut out);
    }
    out
}

/// Each sheet's z against its judge's totals in the stage, in `sheets` order.
fn judge_z(judge_count: usize, sheets: &[Indexed]) -> Vec<f64> {
    let mut count = vec![0_usize; judge_count];
    let mut sum = vec![0.0_f64; judge_count];
    for s in sheets {
        count[s.judge as usize] += 1;
        sum[s.judge as usize] += s.total;
    }
    let mu: Vec<f64> = sum
        .iter()
        .zip(&count)
        .map(|(&s, &n)| s / n as f64)
        .collect();
    let mut squares = vec![0.0_f64; judge_count];
    for s in sheets {
        let d = s.total - mu[s.judge as usize];
        squares[s.judge as usize] += d * d;
    }
    let sigma: Vec<f64> = squares
        .iter()
        .zip(&count)
        .map(|(&q, &n)| (q / n as f64).sqrt())
        .collect();
    sheets
        .iter()
        .map(|s| {
            let j = s.judge as usize;
            if count[j] < 2 || sigma[j] < EQUALITY_TOLERANCE {
                0.0
            } else {
                (s.total - mu[j]) / sigma[j]
            }
        })
        .collect()
}

/// Replaces each score (the raw mean so far) by its mean z mapped linearly onto the
/// range of raw means, unless all mean z's are equal.
fn map_z_onto_raw_range(out: &mut [Option<Computed>]) {
    let scored = || out.iter().flatten();
    let fold = |f: fn(&Computed) -> f64| {
        scored()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            })
    };
    let (lo_z, hi_z) = fold(|c| c.mean_z.unwrap_or(0.0));
    let (lo_raw, hi_raw) = fold(|c| c.raw_mean);
    if hi_z - lo_z < EQUALITY_TOLERANCE {
        return; // all equal (or no entry): the raw mean stands
    }
    for c in out.iter_mut().flatten() {
        let z = c.mean_z.unwrap_or(0.0);
        let mapped = lo_raw + (z - lo_z) / (hi_z - lo_z) * (hi_raw - lo_raw);
        c.score = mapped.clamp(lo_raw, hi_raw);
    }
}

/// Index ranges of consecutive sheets of one entry.
pub(crate) fn entry_ranges(sheets: &[Indexed]) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= sheets.len() {
            return None;
        }
        let entry = sheets[start].entry;
        let len = sheets[start..]
            .iter()
            .take_while(|s| s.entry == entry)
            .count();
        let range = start..start + len;
        start += len;
        Some(range)
    })
}

fn mean(values: impl Iterator<Item = f64>, count: usize) -> f64 {
    values.sum::<f64>() / count as f64
}

#[cfg(test)]
mod tests;

//! Judge calibration and agreement for the committee dashboard (not part of any
//! score: nothing here changes a rank).
//!
//! Over a stage's submitted sheet totals:
//! - per judge: sheet count, mean, population standard deviation, and the mean
//!   deviation from the panel's mean on the same entries — for each of the judge's
//!   entries that has at least 2 sheets, the judge's total minus that entry's mean
//!   total (all its sheets, the judge's own included, i.e. the raw mean shown for
//!   the entry), averaged. Positive means lenient, negative strict.
//! - per entry: sheet count, lowest and highest total, their spread, and a
//!   disagreement flag when the spread is above the configured threshold (default
//!   25 points).
//! - per stage, one inter-rater agreement statistic: **ICC(1)**, the one-way
//!   random-effects intraclass correlation for a single rater (Shrout & Fleiss
//!   ICC(1,1)). It is the statistic that fits how judging works here: each entry is
//!   scored by its own panel, drawn from a larger pool, so judges and entries are
//!   not crossed (ICC(2,1) and Kendall's W need every judge to score every entry).
//!   **Missing sheets**: entries with fewer than 2 submitted sheets are left out;
//!   the others may have different numbers of sheets, which the unbalanced
//!   estimator handles with the effective panel size
//!   `n₀ = (N − Σ kᵢ² / N) / (a − 1)` (a entries, kᵢ sheets each, N sheets in all):
//!   `ICC(1) = (MSB − MSW) / (MSB + (n₀ − 1) · MSW)`, with
//!   `MSB = Σ kᵢ (mᵢ − m)² / (a − 1)` and `MSW = Σᵢ Σ (T − mᵢ)² / (N − a)`.
//!   1 is perfect agreement; 0 or below, none beyond chance. It is `None` with
//!   fewer than 2 such entries or when every total is the same.

use super::aggregation::{AggregationError, Indexed, SheetTotal, entry_ranges, index_sheets};
use super::dense::Dense;
use super::{EntryId, JudgeId};
use serde::{Deserialize, Serialize};

/// Settings of the calibration view.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CalibrationConfig {
    /// An entry whose highest and lowest totals lie further apart than this (in
    /// points of 0–100) is flagged as a disagreement.
    pub disagreement_threshold: f64,
}

impl Default for CalibrationConfig {
    fn default() -> Self {
        Self {
            disagreement_threshold: 25.0,
        }
    }
}

/// How one judge scores compared with the panels they sat on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeCalibration {
    pub judge: JudgeId,
    /// Submitted sheets in the stage.
    pub sheets: usize,
    /// Mean of their totals.
    pub mean: f64,
    /// Population standard deviation of their totals.
    pub std_dev: f64,
    /// Mean of (their total − the entry's mean total) over their entries with at
    /// least 2 sheets; `None` if there is no such entry.
    pub mean_deviation: Option<f64>,
    /// How many entries `mean_deviation` is taken over.
    pub entries_compared: usize,
}

/// How far apart an entry's sheet totals lie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntrySpread {
    pub entry: EntryId,
    /// Submitted sheets.
    pub sheets: usize,
    /// Lowest total.
    pub min: f64,
    /// Highest total.
    pub max: f64,
    /// `max − min`.
    pub spread: f64,
    /// Whether the spread is above the threshold.
    pub disagreement: bool,
}

/// Which agreement statistic [`Agreement`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatistic {
    /// One-way random-effects ICC for a single rater, unbalanced estimator.
    Icc1,
}

/// The stage's inter-rater agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// The statistic (see the module documentation).
    pub statistic: AgreementStatistic,
    /// Its value; `None` when it cannot be computed.
    pub value: Option<f64>,
    /// Entries it is taken over (those with at least 2 sheets).
    pub entries: usize,
    /// Sheets it is taken over.
    pub sheets: usize,
}

/// The calibration view of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageCalibration {
    /// Per judge, by judge id.
    pub judges: Vec<JudgeCalibration>,
    /// Per entry with at least one sheet, by entry id.
    pub entries: Vec<EntrySpread>,
    /// The stage's agreement statistic.
    pub agreement: Agreement,
}

/// Computes the calibration view from a stage's submitted sheet totals.
///
/// ```
/// use domain::scoring::{CalibrationConfig, SheetTotal, calibrate};
/// let sheets = [
///     SheetTotal::new("a", "j1", 90.0), SheetTotal::new("a", "j2", 80.0),
///     SheetTotal::new("b", "j1", 70.0), SheetTotal::new("b", "j2", 40.0),
/// ];
/// let view = calibrate(&sheets, &CalibrationConfig::default())?;
/// // j1 is above the panel mean by 5 on a and 15 on b.
/// assert_eq!(view.judges[0].mean_deviation, Some(10.0));
/// assert_eq!(view.judges[0].std_dev, 10.0);
/// // b: 70 vs 40, a spread of 30 > 25.
/// assert!(view.entries[1].disagreement && !view.entries[0].disagreement);
/// // MSB = 2·(85−70)² + 2·(55−70)² = 900, MSW = (25+25+225+225)/2 = 250, n₀ = 2:
/// // (900 − 250) / (900 + 250) = 0.5652…
/// assert!((view.agreement.value.unwrap_or_default() - 650.0 / 1150.0).abs() < 1e-12);
/// # Ok::<(), domain::scoring::AggregationError>(())
/// ```
pub fn calibrate(
    sheets: &[SheetTotal],
    config: &CalibrationConfig,
) -> Result<StageCalibration, AggregationError> {
    let entries = Dense::new(sheets.iter().map(|s| s.entry.as_str()));
    let judges = Dense::new(sheets.iter().map(|s| s.judge.as_str()));
    let indexed = index_sheets(sheets, &entries, &judges)?;

    let mut entry_mean = vec![f64::NAN; entries.len()];
    let mut entry_count = vec![0_usize; entries.len()];
    let mut spreads = Vec::new();
    for range in entry_ranges(&indexed) {
        let group = &indexed[range];
        let e = group[0].entry as usize;
        let (min, max) = group
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |acc, s| {
                (acc.0.min(s.total), acc.1.max(s.total))
            });
        entry_count[e] = group.len();
        entry_mean[e] = group.iter().map(|s| s.total).sum::<f64>() / group.len() as f64;
        spreads.push(EntrySpread {
            entry: EntryId::from(entries.sorted[e]),
            sheets: group.len(),
            min,
            max,
            spread: max - min,
            disagreement: max - min > config.disagreement_threshold,
        });
    }

    let judge_rows = judge_calibration(&indexed, &judges, &entry_mean, &entry_count);
    let agreement = icc1(&indexed, &entry_mean, &entry_count);
    Ok(StageCalibration {
        judges: judge_rows,
        entries: spreads,
        agreement,
    })
}

fn judge_calibration(
    indexed: &[Indexed],
    judges: &Dense<'_>,
    entry_mean: &[f64],
    entry_count: &[usize],
) -> Vec<JudgeCalibration> {
    let mut totals: Vec<Vec<f64>> = vec![Vec::new(); judges.len()];
    let mut deviations: Vec<Vec<f64>> = vec![Vec::new(); judges.len()];
    for s in indexed {
        totals[s.judge as usize].push(s.total);
        if entry_count[s.entry as usize] >= 2 {
            deviations[s.judge as usize].push(s.total - entry_mean[s.entry as usize]);
        }
    }
    totals
        .iter()
        .zip(&deviations)
        .zip(&judges.sorted)
        .map(|((totals, deviations), &judge)| {
            let n = totals.len() as f64;
            let mean = totals.iter().sum::<f64>() / n;
            let variance = totals.iter().map(|t| (t - mean) * (t - mean)).sum::<f64>() / n;
            JudgeCalibration {
                judge: JudgeId::from(judge),
                sheets: totals.len(),
                mean,
                std_dev: variance.sqrt(),
                mean_deviation: (!deviations.is_empty())
                    .then(|| deviations.iter().sum::<f64>() / deviations.len() as f64),
                entries_compared: deviations.len(),
            }
        })
        .collect()
}

/// ICC(1) over the entries with at least 2 sheets (see the module documentation).
fn icc1(indexed: &[Indexed], entry_mean: &[f64], entry_count: &[usize]) -> Agreement {
    let counted = || {
        indexed
            .iter()
            .filter(|s| entry_count[s.entry as usize] >= 2)
    };
    let a = entry_count.iter().filter(|&&k| k >= 2).count();
    let n_total = counted().count();
    let mut agreement = Agreement {
        statistic: AgreementStatistic::Icc1,
        value: None,
        entries: a,
        sheets: n_total,
    };
    if a < 2 {
        return agreement;
    }
    let (a_f, n_f) = (a as f64, n_total as f64);
    let grand = counted().map(|s| s.total).sum::<f64>() / n_f;
    let mut ss_between = 0.0;
    let mut sum_k_squared = 0.0;
    for (&k, &m) in entry_count.iter().zip(entry_mean) {
        if k >= 2 {
            let k = k as f64;
            ss_between += k * (m - grand) * (m - grand);
            sum_k_squared += k * k;
        }
    }
    let ss_within: f64 = counted()
        .map(|s| {
            let d = s.total - entry_mean[s.entry as usize];
            d * d
        })
        .sum();
    let ms_between = ss_between / (a_f - 1.0);
    let ms_within = ss_within / (n_f - a_f);
    let n0 = (n_f - sum_k_squared / n_f) / (a_f - 1.0);
    let denominator = ms_between + (n0 - 1.0) * ms_within;
    if denominator > f64::EPSILON {
        agreement.value = Some((ms_between - ms_within) / denominator);
    }
    agreement
}

#[cfg(test)]
mod tests;

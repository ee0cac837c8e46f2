//! One scoring stage evaluated in one call: rules 1 to 3 together.
//!
//! Sheet totals (rule 1) → stage scores by the stage's aggregation (rule 2) →
//! ranking per category with the criterion tie-break (rule 3). This is what the
//! dashboard, `juara results` and a publication all compute; only submitted sheets
//! are passed in. An entry of the stage without any submitted sheet has no stage
//! score: it is listed in [`StageResult::unscored`] and not ranked.

use super::aggregation::{
    Aggregation, AggregationError, EntryScore, Indexed, SheetTotal, aggregate_sorted, entry_ranges,
    sort_and_check,
};
use super::dense::Dense;
use super::ranking::{RankInput, RankedEntry, rank, tie_break_values};
use super::rubric::Rubric;
use super::sheet::{SheetError, SheetValues, read_into, score_sheet, weighted_total};
use super::{CategoryId, EntryId, JudgeId};
use serde::{Deserialize, Serialize};

/// An entry taking part in the stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEntry {
    pub entry: EntryId,
    pub category: CategoryId,
    /// Its title (orders tied entries for display).
    pub title: String,
}

impl StageEntry {
    /// A stage entry from plain strings.
    ///
    /// ```
    /// use domain::scoring::StageEntry;
    /// let e = StageEntry::new("e1", "kesehatan", "Brexit");
    /// assert_eq!(e.category.as_str(), "kesehatan");
    /// ```
    #[must_use]
    pub fn new(entry: &str, category: &str, title: &str) -> Self {
        Self {
            entry: EntryId::from(entry),
            category: CategoryId::from(category),
            title: title.to_owned(),
        }
    }
}

/// A submitted score sheet of the stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageSheet {
    /// The entry scored.
    pub entry: EntryId,
    pub judge: JudgeId,
    /// The values by criterion.
    pub values: SheetValues,
}

/// Everything computed for a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageResult {
    /// Every sheet's total (rule 1), in the order the sheets were given: `totals[i]`
    /// belongs to `sheets[i]` (see [`StageResult::sheet_totals`]).
    pub totals: Vec<f64>,
    /// Every scored entry's stage score, by entry id.
    pub scores: Vec<EntryScore>,
    /// The ranking: categories by id, entries in display order.
    pub ranking: Vec<RankedEntry>,
    /// Entries without a submitted sheet, by id: no stage score, not ranked.
    pub unscored: Vec<EntryId>,
}

impl StageResult {
    /// The sheet totals paired with their entry and judge, as [`calibrate`] and the
    /// results export take them; `sheets` are those given to [`evaluate_stage`].
    ///
    /// [`calibrate`]: super::calibrate
    ///
    /// ```
    /// use domain::scoring::{Aggregation, Rubric, StageEntry, StageSheet, evaluate_stage};
    /// let rubric = Rubric::national_desk();
    /// let values = rubric.criteria().iter().map(|c| (c.key.clone(), 64.0)).collect();
    /// let sheets = [StageSheet { entry: "e1".into(), judge: "j1".into(), values }];
    /// let entries = [StageEntry::new("e1", "kesehatan", "Brexit")];
    /// let result = evaluate_stage(&rubric, Aggregation::Mean, &entries, &sheets)?;
    /// let totals = result.sheet_totals(&sheets);
    /// assert_eq!((totals[0].judge.as_str(), totals[0].total), ("j1", 64.0));
    /// # Ok::<(), domain::scoring::StageError>(())
    /// ```
    #[must_use]
    pub fn sheet_totals(&self, sheets: &[StageSheet]) -> Vec<SheetTotal> {
        sheets
            .iter()
            .zip(&self.totals)
            .map(|(sheet, &total)| SheetTotal {
                entry: sheet.entry.clone(),
                judge: sheet.judge.clone(),
                total,
            })
            .collect()
    }
}

/// Why a stage cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StageError {
    /// An entry is listed twice.
    #[error("entry \"{entry}\" is listed more than once in the stage")]
    DuplicateEntry { entry: EntryId },
    /// A sheet is for an entry that is not in the stage.
    #[error("judge \"{judge}\" has a sheet for entry \"{entry}\", which is not in the stage")]
    UnknownEntry { entry: EntryId, judge: JudgeId },
    /// A sheet is incomplete or has a value off its scale.
    #[error("the sheet of judge \"{judge}\" for entry \"{entry}\" is not valid: {error}")]
    Sheet {
        entry: EntryId,
        judge: JudgeId,
        /// What is wrong with it.
        error: SheetError,
    },
    /// The sheets cannot be aggregated (a judge with two sheets for one entry).
    #[error("{error}")]
    Aggregation {
        /// What is wrong.
        error: AggregationError,
    },
}

/// Evaluates a scoring stage: totals, stage scores and the ranking.
///
/// ```
/// use domain::scoring::{Aggregation, Rubric, StageEntry, StageSheet, evaluate_stage};
/// let rubric = Rubric::national_desk();
/// let sheet = |entry: &str, judge: &str, v: f64| StageSheet {
///     entry: entry.into(), judge: judge.into(),
///     values: rubric.criteria().iter().map(|c| (c.key.clone(), v)).collect(),
/// };
/// let entries = [
///     StageEntry::new("e1", "kesehatan", "Brexit"),
///     StageEntry::new("e2", "kesehatan", "Sepasar Pedas"),
///     StageEntry::new("e3", "kesehatan", "Belum dinilai"),
/// ];
/// let sheets = [sheet("e1", "j1", 90.0), sheet("e1", "j2", 80.0), sheet("e2", "j1", 70.0)];
/// let result = evaluate_stage(&rubric, Aggregation::Mean, &entries, &sheets)?;
/// assert_eq!(result.scores[0].score, 85.0);
/// assert_eq!(result.ranking[0].entry.as_str(), "e1");
/// assert_eq!(result.ranking[1].rank, 2);
/// assert_eq!(result.unscored[0].as_str(), "e3");
/// # Ok::<(), domain::scoring::StageError>(())
/// ```
pub fn evaluate_stage(
    rubric: &Rubric,
    aggregation: Aggregation,
    entries: &[StageEntry],
    sheets: &[StageSheet],
) -> Result<StageResult, StageError> {
    let entry_index = Dense::new(entries.iter().map(|e| e.entry.as_str()));
    if entry_index.len() < entries.len() {
        let mut seen = std::collections::BTreeSet::new();
        let repeated = entries.iter().find(|e| !seen.insert(&e.entry));
        return Err(StageError::DuplicateEntry {
            entry: repeated.map(|e| e.entry.clone()).unwrap_or_default(),
        });
    }
    // Position in `entries` of each dense entry index.
    let mut entry_position = vec![0_usize; entries.len()];
    for (position, &index) in entry_index.of_input.iter().enumerate() {
        entry_position[index as usize] = position;
    }
    let judge_index = Dense::new(sheets.iter().map(|s| s.judge.as_str()));

    // Normalised values of every sheet, `width` per sheet, in input order.
    let width = rubric.criteria().len();
    let mut normalised = vec![f64::NAN; sheets.len() * width];
    let mut indexed = Vec::with_capacity(sheets.len());
    let mut previous: Option<(&EntryId, u32)> = None;
    for (position, (sheet, &judge)) in sheets.iter().zip(&judge_index.of_input).enumerate() {
        // Sheets usually come grouped by entry: skip the lookup for a repeat.
        let entry = match previous {
            Some((id, index)) if *id == sheet.entry => index,
            _ => entry_index
                .get(sheet.entry.as_str())
                .ok_or_else(|| StageError::UnknownEntry {
                    entry: sheet.entry.clone(),
                    judge: sheet.judge.clone(),
                })?,
        };
        previous = Some((&sheet.entry, entry));
        let slots = &mut normalised[position * width..(position + 1) * width];
        let invalid = |error| StageError::Sheet {
            entry: sheet.entry.clone(),
            judge: sheet.judge.clone(),
            error,
        };
        if !read_into(rubric, &sheet.values, slots).map_err(invalid)? {
            // Incomplete: let `score_sheet` name the missing criteria.
            let error = score_sheet(rubric, &sheet.values).err();
            return Err(invalid(error.unwrap_or(SheetError::Incomplete {
                missing: Vec::new(),
            })));
        }
        indexed.push(Indexed {
            entry,
            judge,
            total: weighted_total(rubric, slots),
            sheet: position,
        });
    }
    sort_and_check(&mut indexed, &entry_index.sorted, &judge_index.sorted)
        .map_err(|error| StageError::Aggregation { error })?;

    let computed = aggregate_sorted(aggregation, entry_index.len(), judge_index.len(), &indexed);
    let mut inputs = Vec::with_capacity(entries.len());
    for range in entry_ranges(&indexed) {
        let group = &indexed[range];
        let entry = &entries[entry_position[group[0].entry as usize]];
        let Some(c) = computed[group[0].entry as usize] else {
            continue;
        };
        inputs.push(RankInput {
            entry: entry.entry.clone(),
            category: entry.category.clone(),
            title: entry.title.clone(),
            score: c.score,
            tie_break: tie_break_values(
                rubric,
                group
                    .iter()
                    .map(|s| &normalised[s.sheet * width..(s.sheet + 1) * width]),
            ),
        });
    }
    let ranking = rank(&inputs);

    let mut totals = vec![0.0; sheets.len()];
    for s in &indexed {
        totals[s.sheet] = s.total;
    }
    let mut scores = Vec::with_capacity(inputs.len());
    let mut unscored = Vec::new();
    for (index, c) in computed.into_iter().enumerate() {
        let entry = &entries[entry_position[index]].entry;
        match c {
            Some(c) => scores.push(c.into_score(entry.clone())),
            None => unscored.push(entry.clone()),
        }
    }
    Ok(StageResult {
        totals,
        scores,
        ranking,
        unscored,
    })
}

#[cfg(test)]
mod tests;

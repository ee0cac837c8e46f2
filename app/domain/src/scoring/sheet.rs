//! A judge's score sheet and its total: DESIGN rule 1.
//!
//! `T = Σ_c w_c · (x_c − min_c) / (max_c − min_c) · 100 / Σ_c w_c`, a number in
//! 0..100. Each value is first normalised to 0–100 (`n_c`, see [`Scale::normalise`]),
//! then `T = Σ_c w_c · n_c / Σ_c w_c`, summed in rubric order. A sheet can be
//! submitted only when every criterion has a value on its scale ([`submit_sheet`]).

use super::rubric::{CriterionKey, Rubric, Scale};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A sheet's values by criterion key, as a judge's form sends them.
pub type SheetValues = BTreeMap<CriterionKey, f64>;

crate::keyed_enum! {
    /// Whether a sheet counts yet (DESIGN "Score sheet"): only submitted sheets do.
    pub enum SheetState in "sheet state" default Draft {
        /// Being filled in; may be incomplete; never counts.
        Draft = "draft",
        /// Complete and final; counts in the stage.
        Submitted = "submitted",
    }
}

/// A complete sheet, scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetScore {
    /// The sheet total, 0–100 (rule 1).
    pub total: f64,
    /// Each criterion's value normalised to 0–100, in rubric order (used by the
    /// tie-break of rule 3).
    pub normalised: Vec<f64>,
}

/// The running total shown on a judge's tablet while a sheet is being filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveTotal {
    /// The total counting only the values given so far (a missing value counts as
    /// its criterion's minimum), so it never falls as more values are entered.
    pub total: f64,
    /// The criteria still without a value, in rubric order.
    pub missing: Vec<CriterionKey>,
}

/// Why a value or a sheet is not acceptable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetError {
    /// The rubric has no criterion with this key.
    #[error("the rubric has no criterion \"{key}\"")]
    UnknownCriterion {
        /// The key given.
        key: CriterionKey,
    },
    /// The value is NaN or infinite.
    #[error("the value for \"{key}\" is not a number")]
    NotANumber {
        /// The criterion.
        key: CriterionKey,
    },
    /// The value lies outside the criterion's scale.
    #[error("the value {value} for \"{key}\" must lie between {min} and {max}")]
    OffScale {
        /// The criterion.
        key: CriterionKey,
        /// The value given.
        value: f64,
        /// The scale's minimum.
        min: f64,
        /// The scale's maximum.
        max: f64,
    },
    /// The value is not a whole number of steps from the minimum.
    #[error("the value {value} for \"{key}\" must be {min} plus a multiple of {step}")]
    OffStep {
        /// The criterion.
        key: CriterionKey,
        /// The value given.
        value: f64,
        /// The scale's minimum.
        min: f64,
        /// The scale's step.
        step: f64,
    },
    /// Some criteria have no value yet.
    #[error("the sheet cannot be submitted: no value yet for {}", join_keys(.missing))]
    Incomplete {
        /// The criteria without a value, in rubric order.
        missing: Vec<CriterionKey>,
    },
    /// The sheet was submitted already.
    #[error("the sheet has been submitted already")]
    AlreadySubmitted,
}

fn join_keys(keys: &[CriterionKey]) -> String {
    keys.iter()
        .map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one value against its criterion's scale and step, as a form field does.
///
/// ```
/// use domain::scoring::{CriterionKey, Rubric, SheetError, sheet::check_value};
/// let rubric = Rubric::national_desk(); // 0–100, step 1
/// let key = CriterionKey::from("kebaruan");
/// assert_eq!(check_value(&rubric, &key, 85.0), Ok(()));
/// assert!(matches!(check_value(&rubric, &key, 85.5), Err(SheetError::OffStep { .. })));
/// assert!(matches!(check_value(&rubric, &key, 101.0), Err(SheetError::OffScale { .. })));
/// ```
pub fn check_value(rubric: &Rubric, key: &CriterionKey, value: f64) -> Result<(), SheetError> {
    let index = rubric
        .index_of(key)
        .ok_or_else(|| SheetError::UnknownCriterion { key: key.clone() })?;
    check_on_scale(key, &rubric.criteria()[index].scale, value)
}

/// Scores a complete sheet: its total (rule 1) and its normalised values.
///
/// ```
/// use domain::scoring::{CriterionKey, Criterion, Rubric, Scale, score_sheet};
/// let rubric = Rubric::new(vec![
///     Criterion::new("substansi", "Substansi", 70, Scale { min: 1.0, max: 5.0, step: 1.0 }),
///     Criterion::new("presentasi", "Presentasi", 30, Scale { min: 0.0, max: 100.0, step: 1.0 }),
/// ])?;
/// let values = [("substansi".into(), 4.0), ("presentasi".into(), 90.0)].into_iter().collect();
/// let score = score_sheet(&rubric, &values)?;
/// // 70 · 75 + 30 · 90 = 7950, / 100
/// assert_eq!(score.total, 79.5);
/// assert_eq!(score.normalised, vec![75.0, 90.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_sheet(rubric: &Rubric, values: &SheetValues) -> Result<SheetScore, SheetError> {
    let (normalised, missing) = read_values(rubric, values)?;
    if !missing.is_empty() {
        return Err(SheetError::Incomplete { missing });
    }
    let total = weighted_total(rubric, &normalised);
    Ok(SheetScore { total, normalised })
}

/// The total of a complete sheet (rule 1); an incomplete or invalid sheet is an error.
///
/// ```
/// use domain::scoring::{Rubric, sheet_total};
/// let rubric = Rubric::national_desk(); // five criteria at 20 %, 0–100
/// let values = [("kebaruan", 90.0), ("efektivitas", 80.0), ("kemanfaatan", 85.0),
///               ("replikasi", 70.0), ("keberlanjutan", 75.0)]
///     .into_iter().map(|(k, v)| (k.into(), v)).collect();
/// assert_eq!(sheet_total(&rubric, &values), Ok(80.0));
/// ```
pub fn sheet_total(rubric: &Rubric, values: &SheetValues) -> Result<f64, SheetError> {
    score_sheet(rubric, values).map(|score| score.total)
}

/// The running total of a sheet that may still be incomplete (for the tablet); the
/// values given must still be valid.
///
/// ```
/// use domain::scoring::{CriterionKey, Rubric, live_total};
/// let rubric = Rubric::national_desk();
/// let values = [("kebaruan".into(), 90.0), ("efektivitas".into(), 80.0)].into_iter().collect();
/// let live = live_total(&rubric, &values)?;
/// assert_eq!(live.total, 34.0); // (20 · 90 + 20 · 80) / 100
/// assert_eq!(live.missing.len(), 3);
/// assert_eq!(live.missing[0], CriterionKey::from("kemanfaatan"));
/// # Ok::<(), domain::scoring::SheetError>(())
/// ```
pub fn live_total(rubric: &Rubric, values: &SheetValues) -> Result<LiveTotal, SheetError> {
    let (mut normalised, missing) = read_values(rubric, values)?;
    for n in &mut normalised {
        if n.is_nan() {
            *n = 0.0;
        }
    }
    Ok(LiveTotal {
        total: weighted_total(rubric, &normalised),
        missing,
    })
}

/// Submits a sheet: allowed only from [`SheetState::Draft`] and only when the sheet is
/// complete and every value lies on its scale. On success the caller stores the
/// sheet as [`SheetState::Submitted`] with the returned score.
///
/// ```
/// use domain::scoring::{Rubric, SheetError, SheetState, submit_sheet};
/// let rubric = Rubric::national_desk();
/// let mut values: domain::scoring::SheetValues =
///     [("kebaruan".into(), 90.0), ("efektivitas".into(), 80.0)].into_iter().collect();
/// assert!(matches!(
///     submit_sheet(SheetState::Draft, &rubric, &values),
///     Err(SheetError::Incomplete { .. })
/// ));
/// for key in ["kemanfaatan", "replikasi", "keberlanjutan"] {
///     values.insert(key.into(), 60.0);
/// }
/// assert_eq!(submit_sheet(SheetState::Draft, &rubric, &values)?.total, 70.0);
/// assert_eq!(
///     submit_sheet(SheetState::Submitted, &rubric, &values),
///     Err(SheetError::AlreadySubmitted)
/// );
/// # Ok::<(), SheetError>(())
/// ```
pub fn submit_sheet(
    state: SheetState,
    rubric: &Rubric,
    values: &SheetValues,
) -> Result<SheetScore, SheetError> {
    match state {
        SheetState::Submitted => Err(SheetError::AlreadySubmitted),
        SheetState::Draft => score_sheet(rubric, values),
    }
}

/// `Σ w_c · n_c / Σ w_c` in rubric order.
pub(crate) fn weighted_total(rubric: &Rubric, normalised: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for (criterion, n) in rubric.criteria().iter().zip(normalised) {
        let w = f64::from(criterion.weight);
        sum += w * n;
        weights += w;
    }
    sum / weights
}

/// Reads `values` against the rubric: normalised values in rubric order (NaN where
/// missing) and the missing keys.
fn read_values(
    rubric: &Rubric,
    values: &SheetValues,
) -> Result<(Vec<f64>, Vec<CriterionKey>), SheetError> {
    let criteria = rubric.criteria();
    let mut normalised = vec![f64::NAN; criteria.len()];
    let complete = read_into(rubric, values, &mut normalised)?;
    let missing = if complete {
        Vec::new()
    } else {
        criteria
            .iter()
            .zip(&normalised)
            .filter(|(_, n)| n.is_nan())
            .map(|(c, _)| c.key.clone())
            .collect()
    };
    Ok((normalised, missing))
}

/// Writes each value's normalised form into `out` (rubric order, one slot per
/// criterion, left untouched where missing) in one merge pass over the sheet's and
/// the rubric's sorted keys; returns whether every criterion had a value.
pub(crate) fn read_into(
    rubric: &Rubric,
    values: &SheetValues,
    out: &mut [f64],
) -> Result<bool, SheetError> {
    let criteria = rubric.criteria();
    let mut given = values.iter().peekable();
    let mut complete = true;
    for &index in rubric.by_key() {
        let criterion = &criteria[index];
        let next = given
            .peek()
            .map(|&(key, &value)| (key, value, key.cmp(&criterion.key)));
        match next {
            Some((key, _, Ordering::Less)) => {
                return Err(SheetError::UnknownCriterion { key: key.clone() });
            }
            Some((key, value, Ordering::Equal)) => {
                check_on_scale(key, &criterion.scale, value)?;
                out[index] = criterion.scale.normalise(value);
                given.next();
            }
            _ => complete = false,
        }
    }
    if let Some((key, _)) = given.next() {
        return Err(SheetError::UnknownCriterion { key: key.clone() });
    }
    Ok(complete)
}

fn check_on_scale(key: &CriterionKey, scale: &Scale, value: f64) -> Result<(), SheetError> {
    if !value.is_finite() {
        return Err(SheetError::NotANumber { key: key.clone() });
    }
    if value < scale.min || value > scale.max {
        return Err(SheetError::OffScale {
            key: key.clone(),
            value,
            min: scale.min,
            max: scale.max,
        });
    }
    if !scale.on_step(value) {
        return Err(SheetError::OffStep {
            key: key.clone(),
            value,
            min: scale.min,
            step: scale.step,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;

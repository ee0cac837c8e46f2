//! The rubric of a scoring stage (DESIGN "Domain model", Rubric): criteria with an
//! integer weight in percent and a scale (min, max, step).
//!
//! A [`Rubric`] can only be built through [`Rubric::new`] (or deserialised, which
//! calls it), so every rubric the engine sees is valid: at least one criterion, keys
//! unique and non-empty, weights positive and adding up to 100, `min < max`, and a
//! step that divides the range.

use serde::{Deserialize, Serialize};
use std::fmt;

mod defaults;
mod scale;

pub use scale::{STEP_TOLERANCE, Scale};

/// The key of a criterion within a rubric (`kebaruan`, `efektivitas`, …).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CriterionKey(pub String);

impl CriterionKey {
    /// The key as a string slice.
    ///
    /// ```
    /// use domain::scoring::CriterionKey;
    /// assert_eq!(CriterionKey::from("kebaruan").as_str(), "kebaruan");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CriterionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CriterionKey {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// A level descriptor: what a value between `from` and `to` means for a criterion
/// ("86–100: the innovation is new nationally").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    /// The lowest value of the level, on the criterion's scale.
    pub from: f64,
    /// The highest value of the level, on the criterion's scale.
    pub to: f64,
    /// What a judge should see in the entry to give a value in this level.
    pub description: String,
}

/// One criterion of a rubric. Serialises flat, as in the results document:
/// `{"key": "kebaruan", "label": "…", "weight": 20, "min": 0, "max": 100, "step": 1}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Unique key within the rubric.
    pub key: CriterionKey,
    /// The name shown to judges.
    pub label: String,
    /// Guidance for judges: what to look for.
    #[serde(default)]
    pub guidance: String,
    /// Level descriptors, lowest first.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Weight in whole percent; the weights of a rubric add up to 100.
    pub weight: u32,
    /// The scale values are given on.
    #[serde(flatten)]
    pub scale: Scale,
}

impl Criterion {
    /// A criterion without guidance or level descriptors.
    ///
    /// ```
    /// use domain::scoring::{Criterion, Scale};
    /// let c = Criterion::new("kebaruan", "Kebaruan", 20, Scale { min: 0.0, max: 100.0, step: 1.0 });
    /// assert_eq!(c.weight, 20);
    /// ```
    #[must_use]
    pub fn new(key: &str, label: &str, weight: u32, scale: Scale) -> Self {
        Self {
            key: CriterionKey::from(key),
            label: label.to_owned(),
            guidance: String::new(),
            levels: Vec::new(),
            weight,
            scale,
        }
    }
}

/// Why a list of criteria is not a valid rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RubricError {
    /// The list is empty.
    #[error("a rubric needs at least one criterion")]
    NoCriteria,
    /// A key is empty or only white space.
    #[error("criterion {position} has no key")]
    EmptyKey {
        /// 1-based position of the criterion.
        position: usize,
    },
    /// Two criteria share a key.
    #[error("the key \"{key}\" is used by more than one criterion")]
    DuplicateKey {
        /// The repeated key.
        key: CriterionKey,
    },
    /// A weight is zero.
    #[error("the weight of \"{key}\" must be positive")]
    ZeroWeight {
        /// The criterion.
        key: CriterionKey,
    },
    /// The weights do not add up to 100.
    #[error("weights must add up to 100%, they add up to {total}%")]
    WeightsDoNotAddUp {
        /// The sum of the weights.
        total: u64,
    },
    /// `min` is not below `max`, or a bound is not a finite number.
    #[error("the scale of \"{key}\" must have min below max, it has min {min} and max {max}")]
    EmptyScale {
        /// The criterion.
        key: CriterionKey,
        /// Its minimum.
        min: f64,
        /// Its maximum.
        max: f64,
    },
    /// The step is not a positive finite number.
    #[error("the step of \"{key}\" must be positive, it is {step}")]
    NonPositiveStep {
        /// The criterion.
        key: CriterionKey,
        step: f64,
    },
    /// `max − min` is not a whole number of steps.
    #[error("the step {step} of \"{key}\" does not divide its range {min}–{max}")]
    StepDoesNotDivideRange {
        /// The criterion.
        key: CriterionKey,
        /// Its minimum.
        min: f64,
        /// Its maximum.
        max: f64,
        step: f64,
    },
    /// A level descriptor reaches outside the scale or has `from > to`.
    #[error("a level of \"{key}\" ({from}–{to}) does not lie on its scale")]
    LevelOffScale {
        /// The criterion.
        key: CriterionKey,
        /// The level's lowest value.
        from: f64,
        /// The level's highest value.
        to: f64,
    },
}

/// A valid rubric: see the module documentation for what valid means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Criterion>", into = "Vec<Criterion>")]
pub struct Rubric {
    criteria: Vec<Criterion>,
    /// Criterion indices, heaviest weight first, rubric order among equal weights.
    tie_break_order: Vec<usize>,
    /// Criterion indices sorted by key, to match a sheet's sorted values in one pass.
    by_key: Vec<usize>,
}

impl Rubric {
    /// Validates `criteria` and builds the rubric.
    ///
    /// ```
    /// use domain::scoring::{Criterion, Rubric, RubricError, Scale};
    /// let scale = Scale { min: 0.0, max: 100.0, step: 1.0 };
    /// let rubric = Rubric::new(vec![
    ///     Criterion::new("substansi", "Substansi", 70, scale),
    ///     Criterion::new("presentasi", "Presentasi", 30, scale),
    /// ])?;
    /// assert_eq!(rubric.criteria().len(), 2);
    ///
    /// let err = Rubric::new(vec![Criterion::new("substansi", "Substansi", 60, scale)]);
    /// assert_eq!(err, Err(RubricError::WeightsDoNotAddUp { total: 60 }));
    /// # Ok::<(), RubricError>(())
    /// ```
    pub fn new(criteria: Vec<Criterion>) -> Result<Self, RubricError> {
        if criteria.is_empty() {
            return Err(RubricError::NoCriteria);
        }
        for (index, criterion) in criteria.iter().enumerate() {
            validate_criterion(index, criterion)?;
        }
        let mut by_key: Vec<usize> = (0..criteria.len()).collect();
        by_key.sort_by(|&a, &b| criteria[a].key.cmp(&criteria[b].key));
        if let Some(pair) = by_key
            .windows(2)
            .find(|pair| criteria[pair[0]].key == criteria[pair[1]].key)
        {
            return Err(RubricError::DuplicateKey {
                key: criteria[pair[0]].key.clone(),
            });
        }
        let total: u64 = criteria.iter().map(|c| u64::from(c.weight)).sum();
        if total != 100 {
            return Err(RubricError::WeightsDoNotAddUp { total });
        }
        let mut tie_break_order: Vec<usize> = (0..criteria.len()).collect();
        // A stable sort keeps rubric order among equal weights.
        tie_break_order.sort_by(|&a, &b| criteria[b].weight.cmp(&criteria[a].weight));
        Ok(Self {
            criteria,
            tie_break_order,
            by_key,
        })
    }

    /// The criteria, in rubric order.
    ///
    /// ```
    /// use domain::scoring::Rubric;
    /// let rubric = Rubric::national_desk();
    /// assert_eq!(rubric.criteria()[0].key.as_str(), "kebaruan");
    /// ```
    #[must_use]
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// The position of the criterion with `key`, if the rubric has one.
    ///
    /// ```
    /// use domain::scoring::{CriterionKey, Rubric};
    /// let rubric = Rubric::national_desk();
    /// assert_eq!(rubric.index_of(&CriterionKey::from("kemanfaatan")), Some(2));
    /// assert_eq!(rubric.index_of(&CriterionKey::from("harga")), None);
    /// ```
    #[must_use]
    pub fn index_of(&self, key: &CriterionKey) -> Option<usize> {
        self.by_key
            .binary_search_by(|&i| self.criteria[i].key.cmp(key))
            .ok()
            .map(|pos| self.by_key[pos])
    }

    /// Criterion positions in tie-break order (DESIGN rule 3): heaviest weight first,
    /// rubric order among equal weights.
    ///
    /// ```
    /// use domain::scoring::Rubric;
    /// // 14 % × 5 substance criteria, then presentasi at 30 %.
    /// let rubric = Rubric::national_presentation();
    /// assert_eq!(rubric.tie_break_order(), &[5, 0, 1, 2, 3, 4]);
    /// ```
    #[must_use]
    pub fn tie_break_order(&self) -> &[usize] {
        &self.tie_break_order
    }

    /// Criterion positions sorted by key (used to read a sheet's sorted values).
    pub(crate) fn by_key(&self) -> &[usize] {
        &self.by_key
    }

    /// Builds a rubric from criteria the tests prove valid (the defaults above).
    fn trusted(criteria: Vec<Criterion>) -> Self {
        match Self::new(criteria) {
            Ok(rubric) => rubric,
            // The unit tests cover every built-in rubric, so this arm is unreachable.
            Err(error) => unreachable!("a built-in rubric is invalid: {error}"),
        }
    }
}

impl TryFrom<Vec<Criterion>> for Rubric {
    type Error = RubricError;

    fn try_from(criteria: Vec<Criterion>) -> Result<Self, Self::Error> {
        Self::new(criteria)
    }
}

impl From<Rubric> for Vec<Criterion> {
    fn from(rubric: Rubric) -> Self {
        rubric.criteria
    }
}

fn validate_criterion(index: usize, c: &Criterion) -> Result<(), RubricError> {
    if c.key.0.trim().is_empty() {
        return Err(RubricError::EmptyKey {
            position: index + 1,
        });
    }
    if c.weight == 0 {
        return Err(RubricError::ZeroWeight { key: c.key.clone() });
    }
    let Scale { min, max, step } = c.scale;
    if !(min.is_finite() && max.is_finite() && min < max) {
        return Err(RubricError::EmptyScale {
            key: c.key.clone(),
            min,
            max,
        });
    }
    if !(step.is_finite() && step > 0.0) {
        return Err(RubricError::NonPositiveStep {
            key: c.key.clone(),
            step,
        });
    }
    if !c.scale.on_step(max) {
        return Err(RubricError::StepDoesNotDivideRange {
            key: c.key.clone(),
            min,
            max,
            step,
        });
    }
    for level in &c.levels {
        let inside = |x: f64| x.is_finite() && x >= min && x <= max;
        if !(inside(level.from) && inside(level.to) && level.from <= level.to) {
            return Err(RubricError::LevelOffScale {
                key: c.key.clone(),
                from: level.from,
                to: level.to,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

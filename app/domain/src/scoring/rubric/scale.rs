//! The scale of a criterion: values from `min` to `max` in steps of `step`.

use serde::{Deserialize, Serialize};

/// The relative tolerance of step checks: a value is on the step grid when
/// `(x − min) / step` is within this distance of a whole number.
pub const STEP_TOLERANCE: f64 = 1e-9;

/// The scale a criterion is scored on: `min ≤ x ≤ max`, in steps of `step` from `min`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    /// The lowest value (normalised to 0).
    pub min: f64,
    /// The highest value (normalised to 100).
    pub max: f64,
    /// The granularity of values, counted from `min`.
    pub step: f64,
}

impl Scale {
    /// Whether `x` lies on this scale: inside `[min, max]` and on the step grid
    /// (within [`STEP_TOLERANCE`] of a step).
    ///
    /// ```
    /// use domain::scoring::Scale;
    /// let scale = Scale { min: 1.0, max: 5.0, step: 0.5 };
    /// assert!(scale.contains(3.5));
    /// assert!(!scale.contains(3.25));
    /// assert!(!scale.contains(5.5));
    /// ```
    #[must_use]
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite() && x >= self.min && x <= self.max && self.on_step(x)
    }

    /// Whether `x` is a whole number of steps away from `min` (ignoring the bounds).
    ///
    /// ```
    /// use domain::scoring::Scale;
    /// let scale = Scale { min: 0.0, max: 100.0, step: 5.0 };
    /// assert!(scale.on_step(85.0));
    /// assert!(!scale.on_step(86.0));
    /// ```
    #[must_use]
    pub fn on_step(&self, x: f64) -> bool {
        let steps = (x - self.min) / self.step;
        (steps - steps.round()).abs() <= STEP_TOLERANCE
    }

    /// `x` mapped onto 0–100: `(x − min) / (max − min) · 100` (the inner part of
    /// DESIGN rule 1). It does not check that `x` is on the scale.
    ///
    /// ```
    /// use domain::scoring::Scale;
    /// let scale = Scale { min: 1.0, max: 5.0, step: 1.0 };
    /// assert_eq!(scale.normalise(4.0), 75.0);
    /// ```
    #[must_use]
    pub fn normalise(&self, x: f64) -> f64 {
        (x - self.min) / (self.max - self.min) * 100.0
    }
}

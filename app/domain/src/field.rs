//! Field verification: on site, a team checks the claims a proposal makes, one
//! finding per claim, and the edition's rule turns the findings into the
//! entry's outcome — confirmed, adjusted by a penalty on its final score, or
//! referred to the committee (which alone may disqualify, with a reason).
//!
//! The rule, as the README states it for a committee:
//! - a claim *terbukti* (proven) costs nothing;
//! - each claim *sebagian* (partly proven) costs `partial_penalty` points,
//!   each claim *tidak terbukti* (not proven) costs `unproven_penalty` points,
//!   never less than a claim partly proven;
//! - the total is capped at `max_penalty` points and is taken off the entry's
//!   final score, never below the scale's minimum;
//! - when at least `refer_at_unproven` claims are not proven (0: never), the
//!   entry is referred to the committee; the penalty stands until it decides.
//!
//! Only the counts of findings matter, never their order.

use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    /// What the team found for one claim.
    ///
    /// ```
    /// use domain::field::Finding;
    /// assert_eq!("tidak_terbukti".parse::<Finding>(), Ok(Finding::TidakTerbukti));
    /// assert!(Finding::TidakTerbukti > Finding::Sebagian);
    /// ```
    pub enum Finding in "finding" {
        /// Proven on site.
        Terbukti = "terbukti",
        /// Partly proven: some of the claim holds.
        Sebagian = "sebagian",
        /// Not proven.
        TidakTerbukti = "tidak_terbukti",
    }
}

/// The edition's field rule, in whole points of the final score (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRule {
    /// Points off per claim partly proven.
    pub partial_penalty: u32,
    /// Points off per claim not proven.
    pub unproven_penalty: u32,
    /// The most points a field visit may take off.
    pub max_penalty: u32,
    /// Refer the entry to the committee from this many claims not proven
    /// (0: never).
    pub refer_at_unproven: u32,
}

impl Default for FieldRule {
    /// 2 points per claim partly proven, 5 per claim not proven, at most 20;
    /// referred from two claims not proven.
    fn default() -> Self {
        FieldRule {
            partial_penalty: 2,
            unproven_penalty: 5,
            max_penalty: 20,
            refer_at_unproven: 2,
        }
    }
}

/// What a field visit decides for its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FieldOutcome {
    /// Every claim held (or cost nothing under the rule).
    Confirmed,
    /// The final score loses `penalty` points.
    Adjusted { penalty: u32 },
    /// The committee must decide on disqualification; until it does, the
    /// penalty stands.
    Referred { penalty: u32 },
}

impl FieldOutcome {
    /// The points taken off the final score.
    #[must_use]
    pub fn penalty(self) -> u32 {
        match self {
            FieldOutcome::Confirmed => 0,
            FieldOutcome::Adjusted { penalty } | FieldOutcome::Referred { penalty } => penalty,
        }
    }
}

/// Why a field rule is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FieldRuleError {
    /// A worse finding would cost less.
    #[error("a claim not proven must cost at least as much as one partly proven")]
    UnprovenBelowPartial,
    /// More than the whole scale.
    #[error("a field visit takes off at most {max} points")]
    PenaltyAboveScale { max: u32 },
}

/// The most points a rule may take off: the whole 0–100 scale.
pub const MAX_FIELD_PENALTY: u32 = 100;

impl FieldRule {
    /// Whether the committee may configure this rule.
    ///
    /// ```
    /// use domain::field::{FieldRule, FieldRuleError};
    /// assert_eq!(FieldRule::default().validate(), Ok(()));
    /// let upside_down = FieldRule { partial_penalty: 5, unproven_penalty: 2, ..FieldRule::default() };
    /// assert_eq!(upside_down.validate(), Err(FieldRuleError::UnprovenBelowPartial));
    /// ```
    ///
    /// # Errors
    /// The first thing wrong with it.
    pub fn validate(&self) -> Result<(), FieldRuleError> {
        if self.unproven_penalty < self.partial_penalty {
            return Err(FieldRuleError::UnprovenBelowPartial);
        }
        for points in [
            self.partial_penalty,
            self.unproven_penalty,
            self.max_penalty,
        ] {
            if points > MAX_FIELD_PENALTY {
                return Err(FieldRuleError::PenaltyAboveScale {
                    max: MAX_FIELD_PENALTY,
                });
            }
        }
        Ok(())
    }

    /// The outcome of a visit with `findings`.
    ///
    /// ```
    /// use domain::field::{FieldOutcome, FieldRule, Finding::*};
    /// let rule = FieldRule::default();
    /// assert_eq!(rule.outcome(&[Terbukti, Terbukti]), FieldOutcome::Confirmed);
    /// assert_eq!(rule.outcome(&[Terbukti, Sebagian]), FieldOutcome::Adjusted { penalty: 2 });
    /// assert_eq!(
    ///     rule.outcome(&[TidakTerbukti, Sebagian, TidakTerbukti]),
    ///     FieldOutcome::Referred { penalty: 12 }
    /// );
    /// ```
    #[must_use]
    pub fn outcome(&self, findings: &[Finding]) -> FieldOutcome {
        let count = |wanted: Finding| {
            u32::try_from(findings.iter().filter(|found| **found == wanted).count())
                .unwrap_or(u32::MAX)
        };
        let (partial, unproven) = (count(Finding::Sebagian), count(Finding::TidakTerbukti));
        // A claim not proven never costs less than one partly proven, even
        // under a rule stored before `validate` refused such a rule.
        let unproven_penalty = self.unproven_penalty.max(self.partial_penalty);
        let penalty = partial
            .saturating_mul(self.partial_penalty)
            .saturating_add(unproven.saturating_mul(unproven_penalty))
            .min(self.max_penalty);
        if self.refer_at_unproven > 0 && unproven >= self.refer_at_unproven {
            FieldOutcome::Referred { penalty }
        } else if penalty > 0 {
            FieldOutcome::Adjusted { penalty }
        } else {
            FieldOutcome::Confirmed
        }
    }
}

/// `score` after `outcome`: its penalty taken off, never below `floor` (the
/// scale's minimum), never above the score itself.
///
/// ```
/// use domain::field::{FieldOutcome, adjusted_score};
/// assert_eq!(adjusted_score(81.5, FieldOutcome::Adjusted { penalty: 5 }, 0.0), 76.5);
/// assert_eq!(adjusted_score(3.0, FieldOutcome::Referred { penalty: 20 }, 0.0), 0.0);
/// ```
#[must_use]
pub fn adjusted_score(score: f64, outcome: FieldOutcome, floor: f64) -> f64 {
    let adjusted = score - f64::from(outcome.penalty());
    if adjusted < floor {
        floor.min(score)
    } else {
        adjusted
    }
}

/// The longest side, in pixels, of a photo a tablet sends: enough to read a
/// signboard or a register's page, about 0.3 MB as a JPEG.
pub const PHOTO_MAX_EDGE: u32 = 1600;

/// The size a `width` × `height` photo is shrunk to so that neither side is
/// longer than `max_edge`, keeping its proportions (a smaller photo is kept
/// as it is; no side is ever 0).
///
/// ```
/// use domain::field::shrunk_size;
/// assert_eq!(shrunk_size(4000, 3000, 1600), (1600, 1200));
/// assert_eq!(shrunk_size(3000, 4000, 1600), (1200, 1600));
/// assert_eq!(shrunk_size(800, 600, 1600), (800, 600));
/// ```
#[must_use]
pub fn shrunk_size(width: u32, height: u32, max_edge: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max_edge || longer == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_edge) + u64::from(longer) / 2) / u64::from(longer);
        u32::try_from(scaled).unwrap_or(max_edge).clamp(1, max_edge)
    };
    (scale(width), scale(height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_rule() -> impl Strategy<Value = FieldRule> {
        (0u32..30, 0u32..30, 0u32..60, 0u32..5).prop_map(
            |(partial_penalty, unproven_penalty, max_penalty, refer_at_unproven)| FieldRule {
                partial_penalty,
                unproven_penalty,
                max_penalty,
                refer_at_unproven,
            },
        )
    }

    fn any_findings() -> impl Strategy<Value = Vec<Finding>> {
        proptest::collection::vec(proptest::sample::select(Finding::ALL.to_vec()), 0..12)
    }

    proptest! {
        #[test]
        fn every_claim_proven_is_confirmed(rule in any_rule(), claims in 0usize..12) {
            prop_assert_eq!(rule.outcome(&vec![Finding::Terbukti; claims]), FieldOutcome::Confirmed);
        }

        #[test]
        fn a_worse_finding_never_costs_less(
            rule in any_rule(),
            findings in proptest::collection::vec(proptest::sample::select(Finding::ALL.to_vec()), 1..12),
            at in any::<prop::sample::Index>()
        ) {
            let index = at.index(findings.len());
            let before = rule.outcome(&findings);
            let mut worse = findings.clone();
            worse[index] = match worse[index] {
                Finding::Terbukti => Finding::Sebagian,
                Finding::Sebagian | Finding::TidakTerbukti => Finding::TidakTerbukti,
            };
            let after = rule.outcome(&worse);
            prop_assert!(after.penalty() >= before.penalty());
            // Referral too only ever comes with more claims not proven.
            if matches!(before, FieldOutcome::Referred { .. }) {
                let referred = matches!(after, FieldOutcome::Referred { .. });
                prop_assert!(referred);
            }
        }

        #[test]
        fn the_penalty_is_capped_and_the_score_stays_within_the_scale(
            rule in any_rule(), findings in any_findings(), score in 0.0f64..=100.0
        ) {
            let outcome = rule.outcome(&findings);
            prop_assert!(outcome.penalty() <= rule.max_penalty);
            let adjusted = adjusted_score(score, outcome, 0.0);
            prop_assert!((0.0..=score).contains(&adjusted));
            if outcome.penalty() == 0 {
                prop_assert_eq!(adjusted, score);
            }
        }

        #[test]
        fn referred_exactly_from_the_threshold_of_claims_not_proven(rule in any_rule(), findings in any_findings()) {
            let unproven = findings.iter().filter(|found| **found == Finding::TidakTerbukti).count();
            let referred = matches!(rule.outcome(&findings), FieldOutcome::Referred { .. });
            let threshold = usize::try_from(rule.refer_at_unproven).unwrap_or(usize::MAX);
            prop_assert_eq!(referred, rule.refer_at_unproven > 0 && unproven >= threshold);
        }

        #[test]
        fn the_order_of_findings_does_not_matter(
            rule in any_rule(),
            shuffled in any_findings().prop_flat_map(|findings| (Just(findings.clone()), Just(findings).prop_shuffle()))
        ) {
            prop_assert_eq!(rule.outcome(&shuffled.0), rule.outcome(&shuffled.1));
        }
    }

    #[test]
    fn the_default_rule_reads_as_the_readme_says() {
        use Finding::*;
        let rule = FieldRule::default();
        assert_eq!(
            rule.outcome(&[Sebagian; 3]),
            FieldOutcome::Adjusted { penalty: 6 }
        );
        assert_eq!(
            rule.outcome(&[TidakTerbukti]),
            FieldOutcome::Adjusted { penalty: 5 }
        );
        assert_eq!(
            rule.outcome(&[Sebagian; 12]),
            FieldOutcome::Adjusted { penalty: 20 }
        );
        assert_eq!(
            rule.outcome(&[TidakTerbukti, TidakTerbukti]),
            FieldOutcome::Referred { penalty: 10 }
        );
    }

    proptest! {
        /// A shrunk photo fits the edge, keeps its proportions within a pixel,
        /// and a photo that fits already is left as it is.
        #[test]
        fn a_shrunk_photo_fits_and_keeps_its_shape(
            width in 1u32..20_000,
            height in 1u32..20_000,
            edge in 16u32..4_000,
        ) {
            let (w, h) = shrunk_size(width, height, edge);
            prop_assert!(w >= 1 && h >= 1 && w <= width && h <= height);
            prop_assert!(w.max(h) <= edge.max(width.max(height).min(edge)));
            if width.max(height) <= edge {
                prop_assert_eq!((w, h), (width, height));
            } else {
                prop_assert_eq!(w.max(h), edge);
                let expected = f64::from(width) / f64::from(height) * f64::from(h);
                prop_assert!((f64::from(w) - expected).abs() <= 1.0 + f64::from(w) / f64::from(h).max(1.0));
            }
        }
    }
}

//! The default rubrics of DESIGN.md "Domain model", Rubric.

use super::{Criterion, Rubric, Scale};

impl Rubric {
    /// The default desk rubric (DESIGN "Rubric"): the five national criteria at 20 %
    /// each, on 0–100 in steps of 1.
    ///
    /// ```
    /// use domain::scoring::Rubric;
    /// let weights: Vec<u32> = Rubric::national_desk().criteria().iter().map(|c| c.weight).collect();
    /// assert_eq!(weights, [20, 20, 20, 20, 20]);
    /// ```
    #[must_use]
    pub fn national_desk() -> Self {
        Self::trusted(national_criteria(20))
    }

    /// The default presentation rubric: 70 % substance (the five national criteria at
    /// 14 % each) and 30 % presentation, on 0–100 in steps of 1.
    ///
    /// ```
    /// use domain::scoring::Rubric;
    /// let rubric = Rubric::national_presentation();
    /// assert_eq!(rubric.criteria()[5].weight, 30);
    /// ```
    #[must_use]
    pub fn national_presentation() -> Self {
        let mut criteria = national_criteria(14);
        criteria.push(Criterion::new(
            "presentasi",
            "Presentasi dan wawancara",
            30,
            PERCENT_SCALE,
        ));
        Self::trusted(criteria)
    }
}

pub(super) const PERCENT_SCALE: Scale = Scale {
    min: 0.0,
    max: 100.0,
    step: 1.0,
};

fn national_criteria(weight: u32) -> Vec<Criterion> {
    [
        ("kebaruan", "Kebaruan"),
        ("efektivitas", "Efektivitas"),
        ("kemanfaatan", "Kemanfaatan"),
        ("replikasi", "Dapat direplikasi"),
        ("keberlanjutan", "Keberlanjutan"),
    ]
    .into_iter()
    .map(|(key, label)| Criterion::new(key, label, weight, PERCENT_SCALE))
    .collect()
}

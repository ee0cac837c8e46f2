//! How scores, ranks and stage rules read on the committee's and the public's
//! results pages.

use crate::components::labels::{I18n, fill};
use crate::i18n::*;
use domain::scoring::{AdvancementRule, Aggregation, round2};

/// A score as shown: rounded half away from zero to 2 decimals (DESIGN rule 6);
/// the full value stays in the data.
#[must_use]
pub fn score(value: f64) -> String {
    format!("{:.2}", round2(value))
}

/// A signed difference, `+1.25` or `−3.50`.
#[must_use]
pub fn signed(value: f64) -> String {
    let rounded = round2(value);
    if rounded > 0.0 {
        format!("+{rounded:.2}")
    } else if rounded < 0.0 {
        format!("−{:.2}", -rounded)
    } else {
        "0.00".to_owned()
    }
}

/// A rank, marked when shared.
#[must_use]
pub fn rank(i18n: I18n, rank: u32, tied: bool) -> String {
    if tied {
        fill(
            t_string!(i18n, results.rank_tied),
            &[("rank", rank.to_string())],
        )
    } else {
        rank.to_string()
    }
}

/// The advancement rule in words.
#[must_use]
pub fn rule(i18n: I18n, rule: &AdvancementRule) -> String {
    match rule {
        AdvancementRule::TopN { n } => {
            fill(t_string!(i18n, results.rule_top_n), &[("n", n.to_string())])
        }
        AdvancementRule::PassMark { mark } => fill(
            t_string!(i18n, results.rule_pass_mark),
            &[("mark", score(*mark))],
        ),
        AdvancementRule::Manual => t_string!(i18n, results.rule_manual).to_owned(),
    }
}

/// The aggregation method in words.
#[must_use]
pub fn aggregation(i18n: I18n, aggregation: Aggregation) -> String {
    match aggregation {
        Aggregation::Mean => t_string!(i18n, results.aggregation_mean),
        Aggregation::TrimmedMean => t_string!(i18n, results.aggregation_trimmed_mean),
        Aggregation::Zscore => t_string!(i18n, results.aggregation_zscore),
    }
    .to_owned()
}

/// "Method: …. Rule…." for a stage.
#[must_use]
pub fn method(i18n: I18n, how: Aggregation, advancement: &AdvancementRule) -> String {
    fill(
        t_string!(i18n, results.method),
        &[
            ("method", aggregation(i18n, how)),
            ("rule", rule(i18n, advancement)),
        ],
    )
}

//! Properties of the scoring rules (DESIGN "Scoring — the exact rules") checked on
//! generated rubrics, sheets and rankings.

use domain::scoring::{
    AdvancementRule, Aggregation, Criterion, RankInput, RankedEntry, Rubric, Scale, SheetTotal,
    SheetValues, StageEntry, StageSheet, aggregate, decide_advancement, evaluate_stage, rank,
    sheet_total,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A criterion's scale as (min, step, number of steps).
fn scale() -> impl Strategy<Value = (f64, f64, u32)> {
    (
        prop::sample::select(vec![-5.0, 0.0, 1.0, 10.0]),
        prop::sample::select(vec![0.25, 0.5, 1.0, 2.0, 5.0]),
        1_u32..=20,
    )
}

/// Weights: k positive integers adding up to 100.
fn weights(k: usize) -> impl Strategy<Value = Vec<u32>> {
    prop::sample::subsequence((1..100).collect::<Vec<u32>>(), k - 1).prop_map(|cuts| {
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(100);
        bounds.windows(2).map(|w| w[1] - w[0]).collect()
    })
}

fn build(weights: &[u32], scales: &[(f64, f64, u32)]) -> Rubric {
    let criteria = weights
        .iter()
        .zip(scales)
        .enumerate()
        .map(|(i, (&w, &(min, step, n)))| {
            let scale = Scale {
                min,
                max: min + step * f64::from(n),
                step,
            };
            Criterion::new(&format!("c{i}"), "C", w, scale)
        })
        .collect();
    match Rubric::new(criteria) {
        Ok(rubric) => rubric,
        Err(error) => panic!("generated rubric invalid: {error}"),
    }
}

/// A rubric and one sheet on it, as step indices per criterion.
fn rubric_and_sheet() -> impl Strategy<Value = (Rubric, Vec<u32>)> {
    (1_usize..=6)
        .prop_flat_map(|k| (weights(k), prop::collection::vec(scale(), k)))
        .prop_flat_map(|(weights, scales)| {
            let steps: Vec<_> = scales.iter().map(|&(_, _, n)| 0..=n).collect();
            (Just(build(&weights, &scales)), steps)
        })
}

fn values(rubric: &Rubric, steps: &[u32]) -> SheetValues {
    rubric
        .criteria()
        .iter()
        .zip(steps)
        .map(|(c, &i)| (c.key.clone(), c.scale.min + c.scale.step * f64::from(i)))
        .collect()
}

fn total(rubric: &Rubric, steps: &[u32]) -> f64 {
    match sheet_total(rubric, &values(rubric, steps)) {
        Ok(total) => total,
        Err(error) => panic!("generated sheet invalid: {error}"),
    }
}

/// Rank inputs in 1–3 categories with few distinct scores, so ties are common.
fn rank_inputs() -> impl Strategy<Value = Vec<RankInput>> {
    prop::collection::vec(
        (
            0_u8..3,
            prop::sample::select(vec![50.0, 60.0, 60.0 + 1e-12, 70.0, 85.5]),
            prop::collection::vec(prop::sample::select(vec![0.0, 25.0, 50.0]), 0..=2),
            prop::sample::select(vec!["Brexit", "Sepasar Pedas", "Kampung Tangguh"]),
        ),
        1..40,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (category, score, tie_break, title))| RankInput {
                entry: format!("e{i:03}").into(),
                category: format!("k{category}").into(),
                title: title.to_owned(),
                score,
                tie_break,
            })
            .collect()
    })
}

/// Sheet totals for up to 12 entries and 6 judges, at most one per pair.
fn sheet_totals() -> impl Strategy<Value = Vec<SheetTotal>> {
    prop::collection::btree_map((0_u8..12, 0_u8..6), 0_u32..=100, 1..60).prop_map(
        |cells: BTreeMap<(u8, u8), u32>| {
            cells
                .into_iter()
                .map(|((e, j), t)| {
                    SheetTotal::new(&format!("e{e:02}"), &format!("j{j}"), f64::from(t))
                })
                .collect()
        },
    )
}

fn check_competition_ranks(ranked: &[RankedEntry]) {
    let mut by_category: BTreeMap<&str, Vec<&RankedEntry>> = BTreeMap::new();
    for r in ranked {
        by_category.entry(r.category.as_str()).or_default().push(r);
    }
    for rows in by_category.values() {
        let mut position = 0_usize;
        while position < rows.len() {
            let rank = rows[position].rank;
            let group = rows[position..]
                .iter()
                .take_while(|r| r.rank == rank)
                .count();
            // Competition ranking: the rank is one more than the entries before it.
            assert_eq!(rank as usize, position + 1);
            for r in &rows[position..position + group] {
                assert_eq!(r.tied, group > 1, "{r:?}");
                assert!((r.score - rows[position].score).abs() < 1e-9);
            }
            position += group;
        }
    }
}

proptest! {
    #[test]
    fn totals_lie_in_0_to_100((rubric, steps) in rubric_and_sheet()) {
        let t = total(&rubric, &steps);
        prop_assert!((0.0..=100.0).contains(&t), "{t}");
    }

    #[test]
    fn raising_one_criterion_never_lowers_the_total(
        (rubric, steps) in rubric_and_sheet(),
        pick in any::<prop::sample::Index>(),
        raise in 1_u32..=20,
    ) {
        let i = pick.index(steps.len());
        let n = (rubric.criteria()[i].scale.max - rubric.criteria()[i].scale.min)
            / rubric.criteria()[i].scale.step;
        let mut raised = steps.clone();
        raised[i] = (steps[i] + raise).min(n.round() as u32);
        prop_assert!(total(&rubric, &raised) >= total(&rubric, &steps));
    }

    #[test]
    fn equal_weights_give_the_plain_mean_of_normalised_values(
        k in prop::sample::select(vec![1_usize, 2, 4, 5, 10]),
        scales in prop::collection::vec(scale(), 10),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 10),
    ) {
        let weights = vec![100 / k as u32; k];
        let rubric = build(&weights, &scales[..k]);
        let steps: Vec<u32> = scales[..k]
            .iter()
            .zip(&picks)
            .map(|(&(_, _, n), pick)| pick.index(n as usize + 1) as u32)
            .collect();
        let plain: f64 = rubric
            .criteria()
            .iter()
            .zip(&steps)
            .map(|(c, &i)| c.scale.normalise(c.scale.min + c.scale.step * f64::from(i)))
            .sum::<f64>()
            / k as f64;
        let t = total(&rubric, &steps);
        prop_assert!((t - plain).abs() < 1e-9, "{t} vs {plain}");
    }

    #[test]
    fn ranking_is_the_same_for_any_input_order(
        (inputs, shuffled) in rank_inputs().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        prop_assert_eq!(rank(&inputs), rank(&shuffled));
    }

    #[test]
    fn tied_entries_share_a_rank_and_the_next_rank_skips(inputs in rank_inputs()) {
        check_competition_ranks(&rank(&inputs));
    }

    #[test]
    fn top_n_takes_at_least_n_from_a_category_that_has_n(
        inputs in rank_inputs(),
        n in 1_u32..8,
    ) {
        let ranked = rank(&inputs);
        let decisions = decide_advancement(&AdvancementRule::TopN { n }, &ranked, None);
        prop_assert!(decisions.is_ok());
        let decisions = decisions.unwrap_or_default();
        let mut size: BTreeMap<&str, u32> = BTreeMap::new();
        let mut taken: BTreeMap<&str, u32> = BTreeMap::new();
        for (r, d) in ranked.iter().zip(&decisions) {
            *size.entry(r.category.as_str()).or_default() += 1;
            *taken.entry(r.category.as_str()).or_default() += u32::from(d.advanced);
            prop_assert_eq!(d.advanced, r.rank <= n);
        }
        for (category, &count) in &size {
            prop_assert!(taken[category] >= count.min(n), "{category}: {taken:?}");
        }
    }

    #[test]
    fn zscore_keeps_the_order_of_mean_z(sheets in sheet_totals()) {
        let scores = aggregate(Aggregation::Zscore, &sheets);
        prop_assert!(scores.is_ok());
        let scores = scores.unwrap_or_default();
        let raw_lo = scores.iter().map(|s| s.raw_mean).fold(f64::INFINITY, f64::min);
        let raw_hi = scores.iter().map(|s| s.raw_mean).fold(f64::NEG_INFINITY, f64::max);
        for a in &scores {
            prop_assert!(a.score >= raw_lo && a.score <= raw_hi);
            for b in &scores {
                if a.mean_z < b.mean_z {
                    prop_assert!(a.score <= b.score, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn stage_scores_lie_in_0_to_100_for_every_method(sheets in sheet_totals()) {
        for method in [Aggregation::Mean, Aggregation::TrimmedMean, Aggregation::Zscore] {
            let scores = aggregate(method, &sheets).unwrap_or_default();
            prop_assert!(!scores.is_empty());
            prop_assert!(scores.iter().all(|s| (0.0..=100.0).contains(&s.score)));
        }
    }

    #[test]
    fn a_stage_is_bit_for_bit_the_same_for_any_sheet_order(
        (sheets, shuffled) in sheet_totals()
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
    ) {
        let rubric = Rubric::national_desk();
        let entries: Vec<StageEntry> = (0..12)
            .map(|e| StageEntry::new(&format!("e{e:02}"), &format!("k{}", e % 2), "Inovasi"))
            .collect();
        // Every criterion gets the sheet's total (on 0–100 in steps of 1), so the
        // sheet total equals it.
        let to_stage = |totals: &[SheetTotal]| -> Vec<StageSheet> {
            totals
                .iter()
                .map(|t| StageSheet {
                    entry: t.entry.clone(),
                    judge: t.judge.clone(),
                    values: rubric.criteria().iter().map(|c| (c.key.clone(), t.total)).collect(),
                })
                .collect()
        };
        for method in [Aggregation::Mean, Aggregation::TrimmedMean, Aggregation::Zscore] {
            let a = evaluate_stage(&rubric, method, &entries, &to_stage(&sheets));
            let b = evaluate_stage(&rubric, method, &entries, &to_stage(&shuffled));
            let (Ok(a), Ok(b)) = (a, b) else {
                return Err(TestCaseError::fail("evaluation failed"));
            };
            // Totals follow the input order; scores and ranking are bit for bit equal.
            prop_assert_eq!(
                (a.scores, a.ranking, a.unscored),
                (b.scores, b.ranking, b.unscored)
            );
        }
    }
}

use super::*;

fn stage(key: &str, scores: &[(&str, f64)]) -> StageScores {
    StageScores {
        stage: StageKey::from(key),
        scores: scores.iter().map(|&(e, s)| (EntryId::from(e), s)).collect(),
    }
}

fn entries(ids: &[&str]) -> Vec<StageEntry> {
    ids.iter()
        .map(|&id| StageEntry::new(id, "kesehatan", id))
        .collect()
}

fn weighted(weights: &[(&str, u32)]) -> FinalRule {
    FinalRule::Weighted {
        weights: weights
            .iter()
            .map(|&(stage, weight)| StageWeight {
                stage: StageKey::from(stage),
                weight,
            })
            .collect(),
    }
}

/// (id, score, rank, tied) rows.
fn rows(result: Result<Vec<RankedEntry>, FinalRankingError>) -> Vec<(String, f64, u32, bool)> {
    match result {
        Ok(ranked) => ranked
            .into_iter()
            .map(|r| (r.entry.0, r.score, r.rank, r.tied))
            .collect(),
        Err(error) => panic!("{error}"),
    }
}

fn row(id: &str, score: f64, rank: u32, tied: bool) -> (String, f64, u32, bool) {
    (id.to_owned(), score, rank, tied)
}

#[test]
fn weighted_sum_ties_broken_by_the_later_stage() {
    let stages = [
        stage(
            "desk",
            &[("a", 80.0), ("b", 90.0), ("c", 70.0), ("d", 95.0)],
        ),
        stage("presentation", &[("a", 90.0), ("b", 80.0), ("c", 80.0)]),
    ];
    // desk 50 + presentation 50: a 85, b 85 (tie, a wins on presentation), c 75; d has
    // no presentation score and is not ranked.
    let result = final_ranking(
        &weighted(&[("presentation", 50), ("desk", 50)]),
        &stages,
        &entries(&["a", "b", "c", "d"]),
    );
    assert_eq!(
        rows(result),
        [
            row("a", 85.0, 1, false),
            row("b", 85.0, 2, false),
            row("c", 75.0, 3, false)
        ]
    );
}

#[test]
fn weighted_sum_by_hand_and_shared_ranks() {
    let stages = [
        stage("desk", &[("a", 90.0), ("b", 80.0), ("c", 75.0)]),
        stage("presentation", &[("a", 80.0), ("b", 86.0), ("c", 86.0)]),
    ];
    // 40/60: a 84, b 83.6, c 81.6. Then equal in every stage: the rank is shared.
    let result = final_ranking(
        &weighted(&[("desk", 40), ("presentation", 60)]),
        &stages,
        &entries(&["a", "b", "c"]),
    );
    let got_rows = rows(result);
    let expected = [("a", 84.0, 1), ("b", 83.6, 2), ("c", 81.6, 3)];
    for (got, (id, score, rank)) in got_rows.iter().zip(expected) {
        assert_eq!((got.0.as_str(), got.2), (id, rank));
        assert!((got.1 - score).abs() < 1e-12, "{id}: {}", got.1);
    }
    let tied = [
        stage("desk", &[("a", 80.0), ("b", 80.0)]),
        stage("presentation", &[("a", 70.0), ("b", 70.0)]),
    ];
    let result = final_ranking(
        &weighted(&[("desk", 40), ("presentation", 60)]),
        &tied,
        &entries(&["a", "b"]),
    );
    assert_eq!(
        rows(result),
        [row("a", 74.0, 1, true), row("b", 74.0, 1, true)]
    );
}

#[test]
fn last_stage_rule_uses_the_last_stage_and_shares_ties() {
    let stages = [
        stage("desk", &[("a", 99.0), ("b", 50.0), ("c", 60.0)]),
        stage("presentation", &[("a", 70.0), ("b", 70.0)]),
    ];
    let result = final_ranking(&FinalRule::LastStage, &stages, &entries(&["a", "b", "c"]));
    assert_eq!(
        rows(result),
        [row("a", 70.0, 1, true), row("b", 70.0, 1, true)]
    );
}

#[test]
fn only_listed_entries_are_ranked() {
    let stages = [stage("desk", &[("a", 90.0), ("b", 80.0)])];
    // b was disqualified: the caller leaves it out.
    let result = final_ranking(&FinalRule::LastStage, &stages, &entries(&["a"]));
    assert_eq!(rows(result), [row("a", 90.0, 1, false)]);
}

#[test]
fn rejections() {
    let stages = [stage("desk", &[]), stage("presentation", &[])];
    let key = StageKey::from;
    let cases = [
        (weighted(&[]), FinalRankingError::NoWeights),
        (
            weighted(&[("desk", 40), ("visit", 60)]),
            FinalRankingError::UnknownStage {
                stage: key("visit"),
            },
        ),
        (
            weighted(&[("desk", 40), ("desk", 60)]),
            FinalRankingError::DuplicateStage { stage: key("desk") },
        ),
        (
            weighted(&[("desk", 0), ("presentation", 100)]),
            FinalRankingError::ZeroWeight { stage: key("desk") },
        ),
        (
            weighted(&[("desk", 40), ("presentation", 50)]),
            FinalRankingError::WeightsDoNotAddUp { total: 90 },
        ),
    ];
    for (rule, expected) in cases {
        assert_eq!(
            final_ranking(&rule, &stages, &[]),
            Err(expected),
            "{rule:?}"
        );
    }
    assert_eq!(
        final_ranking(&FinalRule::LastStage, &[], &[]),
        Err(FinalRankingError::NoStages)
    );
    assert_eq!(
        final_ranking(
            &FinalRule::LastStage,
            &[stage("desk", &[]), stage("desk", &[])],
            &[]
        ),
        Err(FinalRankingError::DuplicateStage { stage: key("desk") })
    );
}

#[test]
fn rule_serialises_with_a_tag() -> Result<(), serde_json::Error> {
    assert_eq!(
        serde_json::to_string(&FinalRule::LastStage)?,
        r#"{"rule":"last_stage"}"#
    );
    assert_eq!(
        serde_json::to_string(&weighted(&[("desk", 40), ("presentation", 60)]))?,
        r#"{"rule":"weighted","weights":[{"stage":"desk","weight":40},{"stage":"presentation","weight":60}]}"#
    );
    Ok(())
}

mod after_field {
    use super::*;
    use crate::field::FieldOutcome;
    use proptest::prelude::*;

    /// The ranking, or the test case failed with the error.
    fn rows_of(
        ranked: Result<Vec<RankedEntry>, FinalRankingError>,
    ) -> Result<Vec<RankedEntry>, TestCaseError> {
        ranked.map_err(|error| TestCaseError::fail(error.to_string()))
    }

    fn outcome() -> impl Strategy<Value = FieldOutcome> {
        prop_oneof![
            Just(FieldOutcome::Confirmed),
            (0u32..40).prop_map(|penalty| FieldOutcome::Adjusted { penalty }),
            (0u32..40).prop_map(|penalty| FieldOutcome::Referred { penalty }),
        ]
    }

    proptest! {
        /// A visit only ever takes points off: each entry's final score is its
        /// unadjusted score less its penalty, floored at 0 (never raised), and
        /// the same entries are ranked.
        #[test]
        fn a_penalty_is_taken_off_the_final_score_and_nothing_else(
            desk in proptest::collection::vec(0.0f64..100.0, 1..8),
            outcomes in proptest::collection::vec(proptest::option::of(outcome()), 8),
        ) {
            let ids: Vec<String> = (0..desk.len()).map(|i| format!("e{i}")).collect();
            let scores: Vec<(&str, f64)> = ids.iter().map(String::as_str).zip(desk.iter().copied()).collect();
            let stages = [stage("desk", &scores)];
            let listed = entries(&ids.iter().map(String::as_str).collect::<Vec<_>>());
            let field: BTreeMap<EntryId, FieldOutcome> = ids
                .iter()
                .zip(&outcomes)
                .filter_map(|(id, outcome)| outcome.map(|outcome| (EntryId::from(id.as_str()), outcome)))
                .collect();
            let plain = rows_of(final_ranking(&FinalRule::LastStage, &stages, &listed))?;
            let adjusted = rows_of(final_ranking_after_field(&FinalRule::LastStage, &stages, &listed, &field))?;
            prop_assert_eq!(plain.len(), adjusted.len());
            for row in &adjusted {
                let Some(before) = plain.iter().find(|p| p.entry == row.entry).map(|p| p.score) else {
                    return Err(TestCaseError::fail("an entry ranked only after the visit"));
                };
                let penalty = field.get(&row.entry).map_or(0, |o| o.penalty());
                let expected = (before - f64::from(penalty)).max(0.0).min(before);
                prop_assert!((row.score - expected).abs() < 1e-9, "{} vs {}", row.score, expected);
                prop_assert!(row.score <= before);
            }
        }

        /// With no visit outcomes the ranking is exactly the plain one.
        #[test]
        fn no_outcome_changes_nothing(desk in proptest::collection::vec(0.0f64..100.0, 1..8)) {
            let ids: Vec<String> = (0..desk.len()).map(|i| format!("e{i}")).collect();
            let scores: Vec<(&str, f64)> = ids.iter().map(String::as_str).zip(desk.iter().copied()).collect();
            let stages = [stage("desk", &scores)];
            let listed = entries(&ids.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(
                rows_of(final_ranking(&FinalRule::LastStage, &stages, &listed))?,
                rows_of(final_ranking_after_field(&FinalRule::LastStage, &stages, &listed, &BTreeMap::new()))?
            );
        }
    }
}

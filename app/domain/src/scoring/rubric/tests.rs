use super::defaults::PERCENT_SCALE;
use super::*;

fn scale(min: f64, max: f64, step: f64) -> Scale {
    Scale { min, max, step }
}

fn crit(key: &str, weight: u32, scale: Scale) -> Criterion {
    Criterion::new(key, key, weight, scale)
}

const P: Scale = PERCENT_SCALE;

#[test]
fn built_in_rubrics_are_valid() {
    for rubric in [Rubric::national_desk(), Rubric::national_presentation()] {
        assert_eq!(Rubric::new(rubric.criteria().to_vec()), Ok(rubric.clone()));
    }
}

#[test]
fn validation_table() {
    let level = |from, to| Level {
        from,
        to,
        description: String::new(),
    };
    let mut with_level = crit("a", 100, scale(1.0, 5.0, 1.0));
    with_level.levels = vec![level(1.0, 2.0), level(4.0, 6.0)];
    let mut upside_down = crit("a", 100, scale(1.0, 5.0, 1.0));
    upside_down.levels = vec![level(3.0, 2.0)];
    let key = CriterionKey::from;
    let cases: Vec<(&str, Vec<Criterion>, Result<(), RubricError>)> = vec![
        ("empty", vec![], Err(RubricError::NoCriteria)),
        ("one at 100", vec![crit("a", 100, P)], Ok(())),
        (
            "70 + 30 with 0.5 steps on 1–5",
            vec![crit("a", 70, scale(1.0, 5.0, 0.5)), crit("b", 30, P)],
            Ok(()),
        ),
        (
            "step 0.1 on 0–1 (binary fractions)",
            vec![crit("a", 100, scale(0.0, 1.0, 0.1))],
            Ok(()),
        ),
        (
            "sum 90",
            vec![crit("a", 50, P), crit("b", 40, P)],
            Err(RubricError::WeightsDoNotAddUp { total: 90 }),
        ),
        (
            "sum 110",
            vec![crit("a", 60, P), crit("b", 50, P)],
            Err(RubricError::WeightsDoNotAddUp { total: 110 }),
        ),
        (
            "huge weights do not overflow",
            vec![crit("a", u32::MAX, P), crit("b", u32::MAX, P)],
            Err(RubricError::WeightsDoNotAddUp {
                total: 2 * u64::from(u32::MAX),
            }),
        ),
        (
            "zero weight",
            vec![crit("a", 100, P), crit("b", 0, P)],
            Err(RubricError::ZeroWeight { key: key("b") }),
        ),
        (
            "duplicate key",
            vec![crit("a", 50, P), crit("a", 50, P)],
            Err(RubricError::DuplicateKey { key: key("a") }),
        ),
        (
            "blank key",
            vec![crit("a", 50, P), crit("  ", 50, P)],
            Err(RubricError::EmptyKey { position: 2 }),
        ),
        (
            "min = max",
            vec![crit("a", 100, scale(5.0, 5.0, 1.0))],
            Err(RubricError::EmptyScale {
                key: key("a"),
                min: 5.0,
                max: 5.0,
            }),
        ),
        (
            "min > max",
            vec![crit("a", 100, scale(10.0, 0.0, 1.0))],
            Err(RubricError::EmptyScale {
                key: key("a"),
                min: 10.0,
                max: 0.0,
            }),
        ),
        (
            "step 0",
            vec![crit("a", 100, scale(0.0, 10.0, 0.0))],
            Err(RubricError::NonPositiveStep {
                key: key("a"),
                step: 0.0,
            }),
        ),
        (
            "step 3 on 0–10",
            vec![crit("a", 100, scale(0.0, 10.0, 3.0))],
            Err(RubricError::StepDoesNotDivideRange {
                key: key("a"),
                min: 0.0,
                max: 10.0,
                step: 3.0,
            }),
        ),
        (
            "level beyond max",
            vec![with_level],
            Err(RubricError::LevelOffScale {
                key: key("a"),
                from: 4.0,
                to: 6.0,
            }),
        ),
        (
            "level upside down",
            vec![upside_down],
            Err(RubricError::LevelOffScale {
                key: key("a"),
                from: 3.0,
                to: 2.0,
            }),
        ),
    ];
    for (name, criteria, expected) in cases {
        assert_eq!(Rubric::new(criteria).map(|_| ()), expected, "{name}");
    }
}

#[test]
fn tie_break_order_is_heaviest_first_then_rubric_order() {
    let rubric = Rubric::new(vec![
        crit("a", 20, P),
        crit("b", 30, P),
        crit("c", 20, P),
        crit("d", 30, P),
    ]);
    assert_eq!(
        rubric.map(|r| r.tie_break_order().to_vec()),
        Ok(vec![1, 3, 0, 2])
    );
}

#[test]
fn serialises_flat_and_validates_on_the_way_in() -> Result<(), serde_json::Error> {
    let rubric = Rubric::new(vec![crit("kebaruan", 100, P)]);
    let json = serde_json::to_string(&rubric.clone().map_err(|e| e.to_string()).ok())?;
    assert_eq!(
        json,
        r#"[{"key":"kebaruan","label":"kebaruan","guidance":"","levels":[],"weight":100,"min":0.0,"max":100.0,"step":1.0}]"#
    );
    let back: Rubric = serde_json::from_str(
        r#"[{"key":"kebaruan","label":"Kebaruan","weight":100,"min":0,"max":100,"step":1}]"#,
    )?;
    assert_eq!(back.criteria()[0].scale, P);
    let bad = serde_json::from_str::<Rubric>(
        r#"[{"key":"kebaruan","label":"Kebaruan","weight":90,"min":0,"max":100,"step":1}]"#,
    );
    assert!(bad.is_err_and(|e| {
        e.to_string()
            .contains("weights must add up to 100%, they add up to 90%")
    }));
    Ok(())
}

#[test]
fn error_messages_are_sentences() {
    let error = RubricError::StepDoesNotDivideRange {
        key: CriterionKey::from("a"),
        min: 0.0,
        max: 10.0,
        step: 3.0,
    };
    assert_eq!(
        error.to_string(),
        "the step 3 of \"a\" does not divide its range 0–10"
    );
}

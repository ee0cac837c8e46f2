use super::*;
use crate::scoring::rubric::Criterion;

fn rubric_70_30() -> Rubric {
    let result = Rubric::new(vec![
        Criterion::new(
            "substansi",
            "Substansi",
            70,
            Scale {
                min: 1.0,
                max: 5.0,
                step: 0.5,
            },
        ),
        Criterion::new(
            "presentasi",
            "Presentasi",
            30,
            Scale {
                min: 0.0,
                max: 10.0,
                step: 1.0,
            },
        ),
    ]);
    match result {
        Ok(rubric) => rubric,
        Err(error) => panic!("test rubric invalid: {error}"),
    }
}

fn values(pairs: &[(&str, f64)]) -> SheetValues {
    pairs
        .iter()
        .map(|&(k, v)| (CriterionKey::from(k), v))
        .collect()
}

fn key(k: &str) -> CriterionKey {
    CriterionKey::from(k)
}

#[test]
fn totals_by_hand() {
    // substansi on 1–5 (weight 70), presentasi on 0–10 (weight 30).
    let cases: [(f64, f64, f64); 6] = [
        (1.0, 0.0, 0.0),
        (5.0, 10.0, 100.0),
        (3.0, 5.0, 50.0),   // 70·50 + 30·50
        (4.5, 2.0, 67.25),  // 70·87.5 + 30·20 = 6125 + 600
        (1.5, 10.0, 38.75), // 70·12.5 + 30·100 = 875 + 3000
        (5.0, 0.0, 70.0),
    ];
    let rubric = rubric_70_30();
    for (substansi, presentasi, expected) in cases {
        let total = sheet_total(
            &rubric,
            &values(&[("substansi", substansi), ("presentasi", presentasi)]),
        );
        assert_eq!(total, Ok(expected), "{substansi}, {presentasi}");
    }
}

#[test]
fn rejections_table() {
    let rubric = rubric_70_30();
    let cases: Vec<(&str, SheetValues, SheetError)> = vec![
        (
            "empty",
            values(&[]),
            SheetError::Incomplete {
                missing: vec![key("substansi"), key("presentasi")],
            },
        ),
        (
            "one missing",
            values(&[("substansi", 3.0)]),
            SheetError::Incomplete {
                missing: vec![key("presentasi")],
            },
        ),
        (
            "unknown key sorting first",
            values(&[("aaa", 1.0), ("substansi", 3.0), ("presentasi", 4.0)]),
            SheetError::UnknownCriterion { key: key("aaa") },
        ),
        (
            "unknown key sorting last",
            values(&[("zzz", 1.0), ("substansi", 3.0), ("presentasi", 4.0)]),
            SheetError::UnknownCriterion { key: key("zzz") },
        ),
        (
            "unknown key in between",
            values(&[("q", 1.0), ("substansi", 3.0), ("presentasi", 4.0)]),
            SheetError::UnknownCriterion { key: key("q") },
        ),
        (
            "below min",
            values(&[("substansi", 0.5), ("presentasi", 4.0)]),
            SheetError::OffScale {
                key: key("substansi"),
                value: 0.5,
                min: 1.0,
                max: 5.0,
            },
        ),
        (
            "above max",
            values(&[("substansi", 3.0), ("presentasi", 11.0)]),
            SheetError::OffScale {
                key: key("presentasi"),
                value: 11.0,
                min: 0.0,
                max: 10.0,
            },
        ),
        (
            "off step",
            values(&[("substansi", 3.25), ("presentasi", 4.0)]),
            SheetError::OffStep {
                key: key("substansi"),
                value: 3.25,
                min: 1.0,
                step: 0.5,
            },
        ),
        (
            "NaN",
            values(&[("substansi", f64::NAN), ("presentasi", 4.0)]),
            SheetError::NotANumber {
                key: key("substansi"),
            },
        ),
    ];
    for (name, sheet, expected) in cases {
        assert_eq!(sheet_total(&rubric, &sheet), Err(expected), "{name}");
    }
}

#[test]
fn step_check_tolerates_float_noise() {
    let rubric = rubric_70_30();
    // 0.1 + 0.2 = 0.30000000000000004: off the 0.5 grid of 1–5 anyway, so use a
    // value that is on the grid after noise: 1 + 3 · 0.5 computed in floating point.
    let noisy = 1.0 + 0.1 * 15.0; // 2.5000000000000004
    assert_eq!(
        sheet_total(
            &rubric,
            &values(&[("substansi", noisy), ("presentasi", 0.0)])
        )
        .map(|t| (t - 26.25).abs() < 1e-9),
        Ok(true)
    );
}

#[test]
fn live_total_counts_missing_as_minimum() {
    let rubric = rubric_70_30();
    let live = live_total(&rubric, &values(&[("presentasi", 10.0)]));
    assert_eq!(
        live,
        Ok(LiveTotal {
            total: 30.0,
            missing: vec![key("substansi")]
        })
    );
    assert!(matches!(
        live_total(&rubric, &values(&[("presentasi", 12.0)])),
        Err(SheetError::OffScale { .. })
    ));
}

#[test]
fn incomplete_message_lists_keys() {
    let error = SheetError::Incomplete {
        missing: vec![key("substansi"), key("presentasi")],
    };
    assert_eq!(
        error.to_string(),
        "the sheet cannot be submitted: no value yet for \"substansi\", \"presentasi\""
    );
}

#[test]
fn submission_only_from_draft() {
    let rubric = rubric_70_30();
    let sheet = values(&[("substansi", 5.0), ("presentasi", 10.0)]);
    assert_eq!(
        submit_sheet(SheetState::Draft, &rubric, &sheet).map(|s| s.total),
        Ok(100.0)
    );
    assert_eq!(
        submit_sheet(SheetState::Submitted, &rubric, &sheet),
        Err(SheetError::AlreadySubmitted)
    );
}

//! The worked example of the scoring notes, pinned: four entries, five judges, two
//! criteria, under `mean`, `trimmed_mean` and `zscore`, with the tie-break, top 2
//! advancement and the calibration view. Every number here can be followed by hand.
//!
//! Rubric: inovasi 60 %, dampak 40 %, both on 1–5 in steps of 1, so a value v
//! normalises to (v − 1) / 4 · 100 ∈ {0, 25, 50, 75, 100} and a sheet total is
//! 0.6 · inovasi + 0.4 · dampak (normalised).
//!
//! | entry | J1 | J2 | J3 | J4 | J5 |
//! |---|---|---|---|---|---|
//! | A | 5,4 → 90 | 4,4 → 75 | 3,3 → 50 | 5,5 → 100 | 2,3 → 35 |
//! | B | 4,3 → 65 | 4,4 → 75 | 3,2 → 40 | | |
//! | C | 5,4 → 90 | 4,2 → 55 | 3,3 → 50 | | |
//! | D | 4,5 → 85 | 4,2 → 55 | 2,5 → 55 | | |

use domain::scoring::{
    AdvancementRule, Aggregation, CalibrationConfig, Criterion, Rubric, Scale, StageEntry,
    StageResult, StageSheet, calibrate, decide_advancement, evaluate_stage, round2,
};

fn rubric() -> Rubric {
    let scale = Scale {
        min: 1.0,
        max: 5.0,
        step: 1.0,
    };
    match Rubric::new(vec![
        Criterion::new("inovasi", "Inovasi", 60, scale),
        Criterion::new("dampak", "Dampak", 40, scale),
    ]) {
        Ok(rubric) => rubric,
        Err(error) => panic!("{error}"),
    }
}

const SHEETS: [(&str, &str, f64, f64); 14] = [
    ("A", "J1", 5.0, 4.0),
    ("A", "J2", 4.0, 4.0),
    ("A", "J3", 3.0, 3.0),
    ("A", "J4", 5.0, 5.0),
    ("A", "J5", 2.0, 3.0),
    ("B", "J1", 4.0, 3.0),
    ("B", "J2", 4.0, 4.0),
    ("B", "J3", 3.0, 2.0),
    ("C", "J1", 5.0, 4.0),
    ("C", "J2", 4.0, 2.0),
    ("C", "J3", 3.0, 3.0),
    ("D", "J1", 4.0, 5.0),
    ("D", "J2", 4.0, 2.0),
    ("D", "J3", 2.0, 5.0),
];

fn sheets() -> Vec<StageSheet> {
    SHEETS
        .iter()
        .map(|&(entry, judge, inovasi, dampak)| StageSheet {
            entry: entry.into(),
            judge: judge.into(),
            values: [("inovasi".into(), inovasi), ("dampak".into(), dampak)]
                .into_iter()
                .collect(),
        })
        .collect()
}

fn evaluate(method: Aggregation) -> StageResult {
    let entries: Vec<StageEntry> = ["A", "B", "C", "D"]
        .iter()
        .map(|&id| StageEntry::new(id, "pelayanan-publik", &format!("Inovasi {id}")))
        .collect();
    match evaluate_stage(&rubric(), method, &entries, &sheets()) {
        Ok(result) => result,
        Err(error) => panic!("{error}"),
    }
}

/// (entry, score rounded for display, rank), in display order.
fn ranking(result: &StageResult) -> Vec<(&str, f64, u32)> {
    result
        .ranking
        .iter()
        .map(|r| (r.entry.as_str(), round2(r.score), r.rank))
        .collect()
}

#[test]
fn sheet_totals() {
    let result = evaluate(Aggregation::Mean);
    assert_eq!(
        result.totals,
        [
            90.0, 75.0, 50.0, 100.0, 35.0, // A
            65.0, 75.0, 40.0, // B
            90.0, 55.0, 50.0, // C
            85.0, 55.0, 55.0, // D
        ]
    );
}

#[test]
fn mean_with_the_tie_broken_by_inovasi() {
    let result = evaluate(Aggregation::Mean);
    // A 350/5 = 70; B 180/3 = 60; C 195/3 = 65; D 195/3 = 65.
    // C and D tie at 65: inovasi means C (100+75+50)/3 = 75 > D (75+75+25)/3 = 58.33.
    assert_eq!(
        ranking(&result),
        [
            ("A", 70.0, 1),
            ("C", 65.0, 2),
            ("D", 65.0, 3),
            ("B", 60.0, 4)
        ]
    );
    assert!(result.ranking[1].tie_break_used && !result.ranking[1].tied);
}

#[test]
fn trimmed_mean_drops_extremes_only_with_five_sheets() {
    let result = evaluate(Aggregation::TrimmedMean);
    // A has 5 sheets: drop 100 and 35, (90 + 75 + 50) / 3 = 71.67; the others have 3.
    assert_eq!(
        ranking(&result),
        [
            ("A", 71.67, 1),
            ("C", 65.0, 2),
            ("D", 65.0, 3),
            ("B", 60.0, 4)
        ]
    );
}

#[test]
fn zscore_by_hand() {
    // J1: 90 65 90 85, μ 82.5, σ √106.25 = 10.3078
    // J2: 75 75 55 55, μ 65,   σ 10
    // J3: 50 40 50 55, μ 48.75, σ √29.6875 = 5.4486
    // J4, J5: one sheet each, z = 0
    // mean z: A (0.7276 + 1 + 0.2294 + 0 + 0) / 5 = 0.3914
    //         B (−1.6977 + 1 − 1.6059) / 3 = −0.7679
    //         C (0.7276 − 1 + 0.2294) / 3 = −0.0143
    //         D (0.2425 − 1 + 1.1471) / 3 = 0.1299
    // mapped onto [60, 70] (lowest and highest raw mean): B → 60, A → 70,
    //   C = 60 + (−0.0143 + 0.7679) / 1.1593 · 10 = 66.50
    //   D = 60 + ( 0.1299 + 0.7679) / 1.1593 · 10 = 67.74
    let result = evaluate(Aggregation::Zscore);
    assert_eq!(
        ranking(&result),
        [
            ("A", 70.0, 1),
            ("D", 67.74, 2),
            ("C", 66.5, 3),
            ("B", 60.0, 4)
        ]
    );
    let mean_z: Vec<f64> = result
        .scores
        .iter()
        .map(|s| s.mean_z.map_or(f64::NAN, |z| (z * 1e4).round() / 1e4))
        .collect();
    assert_eq!(mean_z, [0.3914, -0.7679, -0.0143, 0.1299]);
    let exact = [70.0, 60.0, 66.50018580551384, 67.7440255769502];
    for (score, expected) in result.scores.iter().zip(exact) {
        assert!((score.score - expected).abs() < 1e-9, "{score:?}");
    }
}

#[test]
fn top_2_advances_different_entries_by_method() {
    let advanced = |method| {
        let result = evaluate(method);
        let rule = AdvancementRule::TopN { n: 2 };
        match decide_advancement(&rule, &result.ranking, None) {
            Ok(decisions) => decisions
                .into_iter()
                .filter(|d| d.advanced)
                .map(|d| d.entry.0)
                .collect::<Vec<_>>(),
            Err(error) => panic!("{error}"),
        }
    };
    assert_eq!(advanced(Aggregation::Mean), ["A", "C"]);
    assert_eq!(advanced(Aggregation::TrimmedMean), ["A", "C"]);
    assert_eq!(advanced(Aggregation::Zscore), ["A", "D"]);
}

#[test]
fn calibration_view() {
    let result = evaluate(Aggregation::Mean);
    let view = match calibrate(
        &result.sheet_totals(&sheets()),
        &CalibrationConfig::default(),
    ) {
        Ok(view) => view,
        Err(error) => panic!("{error}"),
    };
    // Spreads: A 100 − 35 = 65, B 75 − 40 = 35, C 90 − 50 = 40, D 85 − 55 = 30: all above 25.
    let spreads: Vec<(f64, bool)> = view
        .entries
        .iter()
        .map(|e| (e.spread, e.disagreement))
        .collect();
    assert_eq!(
        spreads,
        [(65.0, true), (35.0, true), (40.0, true), (30.0, true)]
    );
    // J1 against the entry means 70, 60, 65, 65: (20 + 5 + 25 + 20) / 4 = +17.5 (lenient);
    // J3: (−20 − 20 − 15 − 10) / 4 = −16.25 (strict).
    let deviation: Vec<(&str, Option<f64>)> = view
        .judges
        .iter()
        .map(|j| (j.judge.as_str(), j.mean_deviation))
        .collect();
    assert_eq!(
        deviation,
        [
            ("J1", Some(17.5)),
            ("J2", Some(0.0)),
            ("J3", Some(-16.25)),
            ("J4", Some(30.0)),
            ("J5", Some(-35.0)),
        ]
    );
    // ICC(1), all four entries having 2 or more sheets: grand mean 920/14 = 65.714;
    // SSB = 5·4.286² + 3·5.714² + 2·3·0.714² = 192.86, MSB = 192.86 / 3 = 64.29;
    // SSW = 2950 + 650 + 950 + 600 = 5150, MSW = 5150 / 10 = 515;
    // n₀ = (14 − 52/14) / 3 = 3.4286; ICC = (64.29 − 515) / (64.29 + 2.4286 · 515)
    // = −450.71 / 1315 = −0.3427: the panels disagree more about an entry than the
    // entries differ, which the disagreement flags above show too.
    let icc = view.agreement.value.map(|v| (v * 1e4).round() / 1e4);
    assert_eq!(icc, Some(-0.3427));
}

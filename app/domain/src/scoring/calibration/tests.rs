use super::*;

fn sheets(rows: &[(&str, &str, f64)]) -> Vec<SheetTotal> {
    rows.iter()
        .map(|&(e, j, t)| SheetTotal::new(e, j, t))
        .collect()
}

/// a: 80 70 90, b: 50 60, c: 40 (alone), d: 70 70.
fn unbalanced() -> Vec<SheetTotal> {
    sheets(&[
        ("a", "j1", 80.0),
        ("a", "j2", 70.0),
        ("a", "j3", 90.0),
        ("b", "j1", 50.0),
        ("b", "j2", 60.0),
        ("c", "j3", 40.0),
        ("d", "j2", 70.0),
        ("d", "j3", 70.0),
    ])
}

fn view(sheets: &[SheetTotal], threshold: f64) -> StageCalibration {
    let config = CalibrationConfig {
        disagreement_threshold: threshold,
    };
    match calibrate(sheets, &config) {
        Ok(view) => view,
        Err(error) => panic!("{error}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn judges_by_hand() {
    let view = view(&unbalanced(), 15.0);
    // (judge, sheets, mean, sd, mean deviation, entries compared)
    let expected = [
        ("j1", 2, 65.0, 15.0, Some(-2.5), 2), // a: 80 − 80, b: 50 − 55
        (
            "j2",
            3,
            200.0 / 3.0,
            (200.0_f64 / 9.0).sqrt(),
            Some(-5.0 / 3.0),
            3,
        ),
        (
            "j3",
            3,
            200.0 / 3.0,
            (3800.0_f64 / 9.0).sqrt(),
            Some(5.0),
            2,
        ), // c is alone
    ];
    assert_eq!(view.judges.len(), 3);
    for (got, (judge, sheets, mean, sd, deviation, compared)) in view.judges.iter().zip(expected) {
        assert_eq!(got.judge.as_str(), judge);
        assert_eq!(got.sheets, sheets, "{judge}");
        assert!(close(got.mean, mean), "{judge} mean {}", got.mean);
        assert!(close(got.std_dev, sd), "{judge} sd {}", got.std_dev);
        assert_eq!(got.entries_compared, compared, "{judge}");
        match (got.mean_deviation, deviation) {
            (Some(a), Some(b)) => assert!(close(a, b), "{judge} deviation {a}"),
            (a, b) => assert_eq!(a, b, "{judge}"),
        }
    }
}

#[test]
fn entries_by_hand() {
    let view = view(&unbalanced(), 15.0);
    let rows: Vec<(&str, usize, f64, bool)> = view
        .entries
        .iter()
        .map(|e| (e.entry.as_str(), e.sheets, e.spread, e.disagreement))
        .collect();
    assert_eq!(
        rows,
        [
            ("a", 3, 20.0, true),
            ("b", 2, 10.0, false),
            ("c", 1, 0.0, false),
            ("d", 2, 0.0, false),
        ]
    );
    // The default threshold is 25 points, and "above" is strict.
    let at_threshold = sheets(&[("a", "j1", 50.0), ("a", "j2", 75.0)]);
    let default = calibrate(&at_threshold, &CalibrationConfig::default());
    assert!(default.is_ok_and(|v| !v.entries[0].disagreement));
}

#[test]
fn icc1_unbalanced_by_hand() {
    // Without c: N = 7 sheets, a = 3 entries, grand mean 70, entry means 80, 55, 70.
    // SSB = 3·10² + 2·15² = 750, MSB = 375; SSW = 200 + 50 + 0 = 250, MSW = 62.5;
    // n₀ = (7 − 17/7) / 2 = 16/7; ICC = 312.5 / (375 + 9/7 · 62.5) = 35/51.
    let agreement = view(&unbalanced(), 25.0).agreement;
    assert_eq!(agreement.statistic, AgreementStatistic::Icc1);
    assert_eq!((agreement.entries, agreement.sheets), (3, 7));
    assert!(agreement.value.is_some_and(|v| close(v, 35.0 / 51.0)));
}

#[test]
fn icc1_limits() {
    // Perfect agreement within entries, different entries: 1.
    let perfect = sheets(&[
        ("a", "j1", 80.0),
        ("a", "j2", 80.0),
        ("b", "j1", 60.0),
        ("b", "j2", 60.0),
    ]);
    assert_eq!(view(&perfect, 25.0).agreement.value, Some(1.0));
    // Every total equal: undefined.
    let flat = sheets(&[
        ("a", "j1", 70.0),
        ("a", "j2", 70.0),
        ("b", "j1", 70.0),
        ("b", "j2", 70.0),
    ]);
    assert_eq!(view(&flat, 25.0).agreement.value, None);
    // Fewer than 2 entries with 2 sheets: undefined.
    let thin = sheets(&[("a", "j1", 70.0), ("a", "j2", 60.0), ("b", "j1", 10.0)]);
    let agreement = view(&thin, 25.0).agreement;
    assert_eq!((agreement.value, agreement.entries), (None, 1));
    // Judges who disagree completely: negative.
    let opposed = sheets(&[
        ("a", "j1", 100.0),
        ("a", "j2", 0.0),
        ("b", "j1", 0.0),
        ("b", "j2", 100.0),
    ]);
    assert_eq!(view(&opposed, 25.0).agreement.value, Some(-1.0));
}

#[test]
fn duplicate_sheets_are_refused() {
    let twice = sheets(&[("a", "j1", 70.0), ("a", "j1", 60.0)]);
    assert!(matches!(
        calibrate(&twice, &CalibrationConfig::default()),
        Err(AggregationError::DuplicateSheet { .. })
    ));
}

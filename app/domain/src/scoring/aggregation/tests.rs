use super::*;

fn sheets(rows: &[(&str, &str, f64)]) -> Vec<SheetTotal> {
    rows.iter()
        .map(|&(e, j, t)| SheetTotal::new(e, j, t))
        .collect()
}

/// (entry, score) pairs of an aggregation, for compact assertions.
fn scores(method: Aggregation, rows: &[(&str, &str, f64)]) -> Vec<(String, f64)> {
    match aggregate(method, &sheets(rows)) {
        Ok(result) => result.into_iter().map(|s| (s.entry.0, s.score)).collect(),
        Err(error) => panic!("aggregation failed: {error}"),
    }
}

fn one_entry(totals: &[f64]) -> Vec<(String, String, f64)> {
    totals
        .iter()
        .enumerate()
        .map(|(i, &t)| ("e".to_owned(), format!("j{i}"), t))
        .collect()
}

#[test]
fn mean_and_trimmed_mean_by_hand() {
    // (totals of one entry, mean, trimmed mean)
    let cases: [(&[f64], f64, f64); 7] = [
        (&[80.0], 80.0, 80.0),
        (&[80.0, 70.0], 75.0, 75.0),
        (&[10.0, 20.0, 30.0, 100.0], 40.0, 40.0), // 4 sheets: no trimming
        (&[10.0, 20.0, 30.0, 40.0, 100.0], 40.0, 30.0), // drop 10 and 100
        (
            &[0.0, 50.0, 50.0, 60.0, 60.0, 100.0],
            53.333333333333336,
            55.0,
        ),
        (&[10.0, 10.0, 20.0, 30.0, 30.0], 20.0, 20.0), // only one of each extreme goes
        (&[100.0, 0.0, 90.0, 85.0, 95.0], 74.0, 90.0),
    ];
    for (totals, mean, trimmed) in cases {
        let rows = one_entry(totals);
        let rows: Vec<(&str, &str, f64)> = rows
            .iter()
            .map(|(e, j, t)| (e.as_str(), j.as_str(), *t))
            .collect();
        assert_eq!(scores(Aggregation::Mean, &rows)[0].1, mean, "{totals:?}");
        assert_eq!(
            scores(Aggregation::TrimmedMean, &rows)[0].1,
            trimmed,
            "{totals:?}"
        );
    }
}

#[test]
fn zscore_by_hand() {
    // j1: 90, 70, 50 → μ 70, σ = √(800/3) = 16.3299…; z = +1.2247, 0, −1.2247
    // j2: 80, 80     → σ = 0: z = 0, 0
    // j3: 60 (one sheet) → z = 0
    let rows = [
        ("a", "j1", 90.0),
        ("b", "j1", 70.0),
        ("c", "j1", 50.0),
        ("a", "j2", 80.0),
        ("b", "j2", 80.0),
        ("c", "j3", 60.0),
    ];
    let result = aggregate(Aggregation::Zscore, &sheets(&rows));
    let Ok(result) = result else {
        panic!("aggregation failed")
    };
    let z1 = 20.0 / (800.0_f64 / 3.0).sqrt();
    // raw means: a 85, b 75, c 55; mean z: a z1/2, b 0, c −z1/2
    let expected = [
        ("a", 85.0, z1 / 2.0, 85.0),
        ("b", 75.0, 0.0, 70.0), // halfway between 55 and 85
        ("c", 55.0, -z1 / 2.0, 55.0),
    ];
    assert_eq!(result.len(), 3);
    for (row, (id, raw, mean_z, score)) in result.iter().zip(expected) {
        assert_eq!(row.entry.as_str(), id);
        assert_eq!(row.raw_mean, raw);
        let Some(z) = row.mean_z else {
            panic!("no mean z")
        };
        assert!((z - mean_z).abs() < 1e-12, "{id}: {z} vs {mean_z}");
        assert!((row.score - score).abs() < 1e-12, "{id}: {}", row.score);
    }
}

#[test]
fn zscore_keeps_raw_mean_when_all_mean_z_are_equal() {
    // Every judge gives every entry the same total: σ = 0 everywhere.
    let rows = [
        ("a", "j1", 70.0),
        ("b", "j1", 70.0),
        ("a", "j2", 90.0),
        ("b", "j2", 90.0),
        ("c", "j3", 40.0),
    ];
    assert_eq!(
        scores(Aggregation::Zscore, &rows),
        vec![
            ("a".to_owned(), 80.0),
            ("b".to_owned(), 80.0),
            ("c".to_owned(), 40.0)
        ]
    );
}

#[test]
fn zscore_treats_float_noise_as_zero_spread() {
    // Three equal totals of 57.3 have a computed mean of 57.29999999999999 and a
    // computed σ of 7e-15: without the tolerance each would get a z of ±1.
    let rows = [
        ("a", "j1", 57.3),
        ("b", "j1", 57.3),
        ("c", "j1", 57.3),
        ("a", "j2", 90.0),
        ("d", "j2", 50.0),
    ];
    let result = aggregate(Aggregation::Zscore, &sheets(&rows));
    let Ok(result) = result else {
        panic!("aggregation failed")
    };
    // mean z: a (0 + 1) / 2, b 0, c 0, d −1; raw means a 73.65 … d 50.
    let mean_z: Vec<Option<f64>> = result.iter().map(|s| s.mean_z).collect();
    assert_eq!(mean_z, [Some(0.5), Some(0.0), Some(0.0), Some(-1.0)]);
    let b = 50.0 + (0.0 + 1.0) / 1.5 * (73.65 - 50.0);
    assert!((result[1].score - b).abs() < 1e-12, "{}", result[1].score);
}

#[test]
fn result_does_not_depend_on_input_order() {
    let rows = [
        ("b", "j2", 61.0),
        ("a", "j1", 90.5),
        ("c", "j1", 33.25),
        ("a", "j2", 77.0),
        ("b", "j1", 12.0),
        ("c", "j3", 99.0),
    ];
    let mut reversed = rows;
    reversed.reverse();
    for method in [
        Aggregation::Mean,
        Aggregation::TrimmedMean,
        Aggregation::Zscore,
    ] {
        assert_eq!(
            aggregate(method, &sheets(&rows)),
            aggregate(method, &sheets(&reversed))
        );
    }
}

#[test]
fn rejections() {
    let duplicate = [("a", "j1", 50.0), ("b", "j1", 60.0), ("a", "j1", 70.0)];
    assert_eq!(
        aggregate(Aggregation::Mean, &sheets(&duplicate)),
        Err(AggregationError::DuplicateSheet {
            entry: EntryId::from("a"),
            judge: JudgeId::from("j1"),
        })
    );
    for bad in [-0.5, 100.5, f64::NAN, f64::INFINITY] {
        let result = aggregate(Aggregation::Zscore, &sheets(&[("a", "j1", bad)]));
        assert!(
            matches!(result, Err(AggregationError::InvalidTotal { .. })),
            "{bad}"
        );
    }
    assert_eq!(aggregate(Aggregation::Zscore, &[]), Ok(vec![]));
}

#[test]
fn serialises_as_snake_case() -> Result<(), serde_json::Error> {
    assert_eq!(
        serde_json::to_string(&Aggregation::TrimmedMean)?,
        "\"trimmed_mean\""
    );
    assert_eq!(
        serde_json::from_str::<Aggregation>("\"zscore\"")?,
        Aggregation::Zscore
    );
    Ok(())
}

//! One scoring stage at the size of a provincial competition: 2,000 entries in 10
//! categories, 60 judges, 10 criteria, 5 sheets per entry (10,000 sheets) — sheet
//! totals, z-score aggregation and ranking, i.e. one `evaluate_stage` call.
//! Target: under 5 ms.
//!
//! Run it with `scripts/bench scoring`, which also writes `target/bench/scoring.json`:
//! when `JUARA_BENCH_OUT` and `CRITERION_HOME` are set, this binary reads criterion's
//! median estimate after the run and writes the report there.

use criterion::Criterion;
use domain::scoring::{
    Aggregation, Criterion as RubricCriterion, Rubric, Scale, StageEntry, StageSheet,
    evaluate_stage,
};
use std::hint::black_box;
use std::path::PathBuf;

const ENTRIES: usize = 2_000;
const CATEGORIES: usize = 10;
const JUDGES: usize = 60;
const CRITERIA: usize = 10;
const SHEETS_PER_ENTRY: usize = 5;
const BENCH_ID: &str = "stage_zscore_2000x5";

/// A tiny LCG (Knuth's MMIX constants): the same data on every run, no rand crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A whole number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn rubric() -> Rubric {
    let weights = [15, 15, 10, 10, 10, 10, 10, 10, 5, 5];
    let scale = Scale {
        min: 0.0,
        max: 100.0,
        step: 1.0,
    };
    let criteria = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| RubricCriterion::new(&format!("kriteria_{i:02}"), "Kriteria", w, scale))
        .collect();
    match Rubric::new(criteria) {
        Ok(rubric) => rubric,
        Err(error) => panic!("benchmark rubric is invalid: {error}"),
    }
}

fn data(rubric: &Rubric) -> (Vec<StageEntry>, Vec<StageSheet>) {
    let mut lcg = Lcg(0x4a55_4152_4132_3032);
    let bias: Vec<i64> = (0..JUDGES)
        .map(|_| i64::try_from(lcg.below(17)).unwrap_or(0) - 8)
        .collect();
    let mut entries = Vec::with_capacity(ENTRIES);
    let mut sheets = Vec::with_capacity(ENTRIES * SHEETS_PER_ENTRY);
    for e in 0..ENTRIES {
        let id = format!("entry:{e:05}");
        entries.push(StageEntry::new(
            &id,
            &format!("kategori-{:02}", e % CATEGORIES),
            &format!("Inovasi {e}"),
        ));
        let quality = 40 + i64::try_from(lcg.below(56)).unwrap_or(0);
        // Five distinct judges: a random start, then every twelfth.
        let start = usize::try_from(lcg.below(JUDGES as u64)).unwrap_or(0);
        for k in 0..SHEETS_PER_ENTRY {
            let judge = (start + k * (JUDGES / SHEETS_PER_ENTRY)) % JUDGES;
            let values = rubric
                .criteria()
                .iter()
                .map(|c| {
                    let noise = i64::try_from(lcg.below(21)).unwrap_or(0) - 10;
                    let value = (quality + bias[judge] + noise).clamp(0, 100);
                    (c.key.clone(), value as f64)
                })
                .collect();
            sheets.push(StageSheet {
                entry: id.as_str().into(),
                judge: format!("judge:{judge:02}").into(),
                values,
            });
        }
    }
    (entries, sheets)
}

fn bench_stage(c: &mut Criterion) {
    let rubric = rubric();
    assert_eq!(rubric.criteria().len(), CRITERIA);
    let (entries, sheets) = data(&rubric);
    c.bench_function(BENCH_ID, |b| {
        b.iter(|| {
            evaluate_stage(
                black_box(&rubric),
                Aggregation::Zscore,
                black_box(&entries),
                black_box(&sheets),
            )
        });
    });
}

/// Reads criterion's median (ns) and writes the report, when the script asked.
fn write_report() -> Result<(), String> {
    let (Some(out), Some(home)) = (
        std::env::var_os("JUARA_BENCH_OUT"),
        std::env::var_os("CRITERION_HOME"),
    ) else {
        return Ok(());
    };
    let estimates = PathBuf::from(home)
        .join(BENCH_ID)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(&estimates)
        .map_err(|e| format!("cannot read {}: {e}", estimates.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", estimates.display()))?;
    let ns = |key: &str| json[key]["point_estimate"].as_f64();
    let (Some(median_ns), Some(mean_ns)) = (ns("median"), ns("mean")) else {
        return Err(format!("{} has no median estimate", estimates.display()));
    };
    let report = serde_json::json!({
        "benchmark": "scoring",
        "what": "evaluate_stage: sheet totals, zscore aggregation and ranking of one stage",
        "median_ms": median_ns / 1e6,
        "mean_ms": mean_ns / 1e6,
        "target_ms": 5.0,
        "within_target": median_ns / 1e6 < 5.0,
        "entries": ENTRIES,
        "categories": CATEGORIES,
        "judges": JUDGES,
        "criteria": CRITERIA,
        "sheets": ENTRIES * SHEETS_PER_ENTRY,
        "aggregation": "zscore",
        "criterion_estimates": estimates.display().to_string(),
    });
    let pretty = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&out, pretty + "\n")
        .map_err(|e| format!("cannot write {}: {e}", PathBuf::from(&out).display()))
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_stage(&mut criterion);
    criterion.final_summary();
    if let Err(error) = write_report() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

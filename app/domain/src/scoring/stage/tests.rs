use super::*;
use crate::scoring::rubric::{Criterion, CriterionKey, Scale};

/// inovasi 60 % and dampak 40 %, both on 1–5.
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

fn sheet(entry: &str, judge: &str, inovasi: f64, dampak: f64) -> StageSheet {
    StageSheet {
        entry: EntryId::from(entry),
        judge: JudgeId::from(judge),
        values: [
            (CriterionKey::from("inovasi"), inovasi),
            (CriterionKey::from("dampak"), dampak),
        ]
        .into_iter()
        .collect(),
    }
}

fn entries() -> Vec<StageEntry> {
    vec![
        StageEntry::new("e1", "kesehatan", "Brexit"),
        StageEntry::new("e2", "kesehatan", "Sepasar Pedas"),
        StageEntry::new("e3", "pendidikan", "Sekolah Ramah"),
        StageEntry::new("e4", "pendidikan", "Belum dinilai"),
    ]
}

#[test]
fn totals_scores_ranking_and_unscored() {
    let sheets = [
        sheet("e2", "j1", 5.0, 3.0), // 60 + 20 = 80
        sheet("e1", "j2", 3.0, 5.0), // 30 + 40 = 70
        sheet("e1", "j1", 4.0, 4.0), // 45 + 30 = 75
        sheet("e3", "j1", 2.0, 2.0), // 15 + 10 = 25
    ];
    let result = evaluate_stage(&rubric(), Aggregation::Mean, &entries(), &sheets);
    let Ok(result) = result else {
        panic!("{result:?}")
    };
    // In input order.
    assert_eq!(result.totals, [80.0, 70.0, 75.0, 25.0]);
    let paired: Vec<(String, f64)> = result
        .sheet_totals(&sheets)
        .into_iter()
        .map(|t| (format!("{}/{}", t.entry, t.judge), t.total))
        .collect();
    assert_eq!(paired[1], ("e1/j2".to_owned(), 70.0));
    let scores: Vec<(&str, f64, usize)> = result
        .scores
        .iter()
        .map(|s| (s.entry.as_str(), s.score, s.sheets))
        .collect();
    assert_eq!(scores, [("e1", 72.5, 2), ("e2", 80.0, 1), ("e3", 25.0, 1)]);
    let ranking: Vec<(&str, &str, u32)> = result
        .ranking
        .iter()
        .map(|r| (r.category.as_str(), r.entry.as_str(), r.rank))
        .collect();
    assert_eq!(
        ranking,
        [
            ("kesehatan", "e2", 1),
            ("kesehatan", "e1", 2),
            ("pendidikan", "e3", 1)
        ]
    );
    assert_eq!(result.unscored, [EntryId::from("e4")]);
}

#[test]
fn tie_on_score_broken_by_the_heavier_criterion() {
    // Both 50: e1 has inovasi 50 / dampak 50, e2 inovasi 25 / dampak 87.5.
    let sheets = [
        sheet("e1", "j1", 3.0, 3.0),
        sheet("e2", "j1", 2.0, 5.0), // 15 + 40 = 55
        sheet("e2", "j2", 2.0, 4.0), // 15 + 30 = 45
        sheet("e1", "j2", 3.0, 3.0),
    ];
    let result = evaluate_stage(&rubric(), Aggregation::Mean, &entries(), &sheets);
    let Ok(result) = result else {
        panic!("{result:?}")
    };
    let ranking: Vec<(&str, f64, u32, bool, bool)> = result
        .ranking
        .iter()
        .map(|r| (r.entry.as_str(), r.score, r.rank, r.tied, r.tie_break_used))
        .collect();
    assert_eq!(
        ranking,
        [("e1", 50.0, 1, false, true), ("e2", 50.0, 2, false, true)]
    );
}

#[test]
fn bit_for_bit_the_same_in_any_input_order() {
    let sheets = vec![
        sheet("e1", "j1", 4.0, 4.0),
        sheet("e1", "j2", 3.0, 5.0),
        sheet("e2", "j1", 5.0, 3.0),
        sheet("e2", "j3", 1.0, 2.0),
        sheet("e3", "j2", 2.0, 2.0),
        sheet("e3", "j3", 4.0, 1.0),
    ];
    let mut entries_rev = entries();
    entries_rev.reverse();
    let mut sheets_rev = sheets.clone();
    sheets_rev.reverse();
    for method in [
        Aggregation::Mean,
        Aggregation::TrimmedMean,
        Aggregation::Zscore,
    ] {
        let a = evaluate_stage(&rubric(), method, &entries(), &sheets);
        let b = evaluate_stage(&rubric(), method, &entries_rev, &sheets_rev);
        let (Ok(mut a), Ok(b)) = (a, b) else {
            panic!("evaluation failed")
        };
        // Totals follow the input order; everything else is identical.
        a.totals.reverse();
        assert_eq!(a, b, "{method:?}");
    }
}

#[test]
fn rejections() {
    let rubric = rubric();
    let mut twice = entries();
    twice.push(StageEntry::new("e2", "kesehatan", "again"));
    assert_eq!(
        evaluate_stage(&rubric, Aggregation::Mean, &twice, &[]),
        Err(StageError::DuplicateEntry {
            entry: EntryId::from("e2")
        })
    );
    assert_eq!(
        evaluate_stage(
            &rubric,
            Aggregation::Mean,
            &entries(),
            &[sheet("e1", "j1", 3.0, 3.0), sheet("e9", "j1", 3.0, 3.0)]
        ),
        Err(StageError::UnknownEntry {
            entry: EntryId::from("e9"),
            judge: JudgeId::from("j1")
        })
    );
    let mut incomplete = sheet("e1", "j2", 3.0, 3.0);
    incomplete.values.remove(&CriterionKey::from("dampak"));
    assert_eq!(
        evaluate_stage(
            &rubric,
            Aggregation::Mean,
            &entries(),
            &[sheet("e1", "j1", 3.0, 3.0), incomplete]
        ),
        Err(StageError::Sheet {
            entry: EntryId::from("e1"),
            judge: JudgeId::from("j2"),
            error: SheetError::Incomplete {
                missing: vec![CriterionKey::from("dampak")]
            }
        })
    );
    let off_scale = evaluate_stage(
        &rubric,
        Aggregation::Mean,
        &entries(),
        &[sheet("e1", "j1", 6.0, 3.0)],
    );
    assert!(matches!(
        off_scale,
        Err(StageError::Sheet {
            error: SheetError::OffScale { .. },
            ..
        })
    ));
    assert_eq!(
        evaluate_stage(
            &rubric,
            Aggregation::Zscore,
            &entries(),
            &[sheet("e1", "j1", 3.0, 3.0), sheet("e1", "j1", 4.0, 3.0)]
        ),
        Err(StageError::Aggregation {
            error: AggregationError::DuplicateSheet {
                entry: EntryId::from("e1"),
                judge: JudgeId::from("j1")
            }
        })
    );
}

#[test]
fn error_message_names_the_sheet() {
    let error = StageError::Sheet {
        entry: EntryId::from("e1"),
        judge: JudgeId::from("j1"),
        error: SheetError::AlreadySubmitted,
    };
    assert_eq!(
        error.to_string(),
        "the sheet of judge \"j1\" for entry \"e1\" is not valid: the sheet has been submitted already"
    );
}

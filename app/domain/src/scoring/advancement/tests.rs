use super::*;
use crate::scoring::ranking::{RankInput, rank};

fn ranked(rows: &[(&str, &str, f64)]) -> Vec<RankedEntry> {
    let inputs: Vec<RankInput> = rows
        .iter()
        .map(|&(id, category, score)| RankInput {
            entry: EntryId::from(id),
            category: CategoryId::from(category),
            title: id.to_owned(),
            score,
            tie_break: Vec::new(),
        })
        .collect();
    rank(&inputs)
}

/// (id, advanced, tied_at_cut) rows.
fn decide(
    rule: &AdvancementRule,
    ranking: &[RankedEntry],
    manual: Option<&ManualSelection>,
) -> Vec<(String, bool, bool)> {
    match decide_advancement(rule, ranking, manual) {
        Ok(decisions) => decisions
            .into_iter()
            .map(|d| (d.entry.0, d.advanced, d.tied_at_cut))
            .collect(),
        Err(error) => panic!("{error}"),
    }
}

fn row(id: &str, advanced: bool, flagged: bool) -> (String, bool, bool) {
    (id.to_owned(), advanced, flagged)
}

#[test]
fn top_n_table() {
    // Ranks in kesehatan: a 1, b 2, c 2, d 4, e 5; pendidikan: p 1, q 1.
    let ranking = ranked(&[
        ("a", "kesehatan", 95.0),
        ("b", "kesehatan", 90.0),
        ("c", "kesehatan", 90.0),
        ("d", "kesehatan", 80.0),
        ("e", "kesehatan", 70.0),
        ("p", "pendidikan", 60.0),
        ("q", "pendidikan", 60.0),
    ]);
    let cases = [
        (
            1,
            vec![
                row("a", true, false),
                row("b", false, false),
                row("c", false, false),
                row("d", false, false),
                row("e", false, false),
                row("p", true, true),
                row("q", true, true),
            ],
        ),
        (
            2,
            vec![
                row("a", true, false),
                row("b", true, true),
                row("c", true, true),
                row("d", false, false),
                row("e", false, false),
                row("p", true, false),
                row("q", true, false),
            ],
        ),
        (
            3,
            vec![
                row("a", true, false),
                row("b", true, false),
                row("c", true, false),
                row("d", false, false),
                row("e", false, false),
                row("p", true, false),
                row("q", true, false),
            ],
        ),
        (
            10,
            vec![
                row("a", true, false),
                row("b", true, false),
                row("c", true, false),
                row("d", true, false),
                row("e", true, false),
                row("p", true, false),
                row("q", true, false),
            ],
        ),
    ];
    for (n, expected) in cases {
        assert_eq!(
            decide(&AdvancementRule::TopN { n }, &ranking, None),
            expected,
            "top {n}"
        );
    }
}

#[test]
fn pass_mark_compares_unrounded_with_tolerance() {
    let ranking = ranked(&[
        ("a", "k", 85.0),
        ("b", "k", 85.0 - 5e-10), // floating-point noise below the mark: passes
        ("c", "k", 84.996),       // shows as 85.00 but is below: fails
        ("d", "k", 90.0),
    ]);
    assert_eq!(
        decide(&AdvancementRule::PassMark { mark: 85.0 }, &ranking, None),
        [
            row("d", true, false),
            row("a", true, false),
            row("b", true, false),
            row("c", false, false),
        ]
    );
}

#[test]
fn manual_selection_with_justification() {
    let ranking = ranked(&[("a", "k", 90.0), ("b", "k", 80.0), ("c", "k", 70.0)]);
    let selection = ManualSelection {
        advanced: vec![EntryId::from("c"), EntryId::from("a")],
        justification: "Rapat dewan juri 12 Juni: c mewakili inovasi desa".to_owned(),
    };
    assert_eq!(
        decide(&AdvancementRule::Manual, &ranking, Some(&selection)),
        [
            row("a", true, false),
            row("b", false, false),
            row("c", true, false)
        ]
    );
}

#[test]
fn rejections() {
    let ranking = ranked(&[("a", "k", 90.0)]);
    let selection = |ids: &[&str], why: &str| ManualSelection {
        advanced: ids.iter().map(|&id| EntryId::from(id)).collect(),
        justification: why.to_owned(),
    };
    let cases = [
        (
            AdvancementRule::TopN { n: 0 },
            None,
            AdvancementError::ZeroTopN,
        ),
        (
            AdvancementRule::PassMark { mark: 101.0 },
            None,
            AdvancementError::InvalidPassMark { mark: 101.0 },
        ),
        (
            AdvancementRule::Manual,
            None,
            AdvancementError::MissingSelection,
        ),
        (
            AdvancementRule::Manual,
            Some(selection(&["a"], "  ")),
            AdvancementError::EmptyJustification,
        ),
        (
            AdvancementRule::Manual,
            Some(selection(&["a", "zz"], "ok")),
            AdvancementError::UnknownEntry {
                entry: EntryId::from("zz"),
            },
        ),
        (
            AdvancementRule::TopN { n: 1 },
            Some(selection(&["a"], "ok")),
            AdvancementError::SelectionNotManual,
        ),
    ];
    for (rule, manual, expected) in cases {
        assert_eq!(
            decide_advancement(&rule, &ranking, manual.as_ref()),
            Err(expected),
            "{rule:?}"
        );
    }
}

#[test]
fn rule_serialises_as_in_the_results_document() -> Result<(), serde_json::Error> {
    let cases = [
        (AdvancementRule::TopN { n: 3 }, r#"{"rule":"top_n","n":3}"#),
        (
            AdvancementRule::PassMark { mark: 85.0 },
            r#"{"rule":"pass_mark","mark":85.0}"#,
        ),
        (AdvancementRule::Manual, r#"{"rule":"manual"}"#),
    ];
    for (rule, json) in cases {
        assert_eq!(serde_json::to_string(&rule)?, json);
        assert_eq!(serde_json::from_str::<AdvancementRule>(json)?, rule);
    }
    assert_eq!(
        serde_json::from_str::<AdvancementRule>(r#"{"rule":"pass_mark","mark":85}"#)?,
        AdvancementRule::PassMark { mark: 85.0 }
    );
    Ok(())
}

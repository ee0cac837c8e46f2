use super::*;

fn input(id: &str, category: &str, title: &str, score: f64, tie_break: &[f64]) -> RankInput {
    RankInput {
        entry: EntryId::from(id),
        category: CategoryId::from(category),
        title: title.to_owned(),
        score,
        tie_break: tie_break.to_vec(),
    }
}

/// (id, rank, tied, tie_break_used) rows.
fn rows(ranked: &[RankedEntry]) -> Vec<(&str, u32, bool, bool)> {
    ranked
        .iter()
        .map(|r| (r.entry.as_str(), r.rank, r.tied, r.tie_break_used))
        .collect()
}

#[test]
fn competition_ranking_with_shared_ranks() {
    let ranked = rank(&[
        input("a", "k", "A", 90.0, &[]),
        input("b", "k", "B", 85.0, &[]),
        input("c", "k", "C", 85.0, &[]),
        input("d", "k", "D", 70.0, &[]),
        input("e", "k", "E", 70.0, &[]),
        input("f", "k", "F", 70.0, &[]),
        input("g", "k", "G", 10.0, &[]),
    ]);
    assert_eq!(
        rows(&ranked),
        [
            ("a", 1, false, false),
            ("b", 2, true, true),
            ("c", 2, true, true),
            ("d", 4, true, true),
            ("e", 4, true, true),
            ("f", 4, true, true),
            ("g", 7, false, false),
        ]
    );
}

#[test]
fn tie_break_chain_heaviest_criterion_first_then_next() {
    // Equal scores; tie-break values [heaviest, next, …].
    let ranked = rank(&[
        input("a", "k", "A", 80.0, &[70.0, 90.0]),
        input("b", "k", "B", 80.0, &[75.0, 10.0]), // wins on the heaviest criterion
        input("c", "k", "C", 80.0, &[70.0, 95.0]), // ties a on the heaviest, wins on the next
        input("d", "k", "D", 80.0 - 5e-10, &[70.0, 90.0]), // equal to a within 1e-9: shares
    ]);
    assert_eq!(
        rows(&ranked),
        [
            ("b", 1, false, true),
            ("c", 2, false, true),
            ("a", 3, true, true),
            ("d", 3, true, true),
        ]
    );
}

#[test]
fn tolerance_is_strictly_below_1e_9() {
    let ranked = rank(&[
        input("a", "k", "A", 80.0, &[]),
        input("b", "k", "B", 80.0 + 2e-9, &[]),
    ]);
    assert_eq!(
        rows(&ranked),
        [("b", 1, false, false), ("a", 2, false, false)]
    );
}

#[test]
fn display_order_of_tied_entries_is_title_then_id() {
    let ranked = rank(&[
        input("z", "k", "Brexit", 50.0, &[1.0]),
        input("y", "k", "Sepasar Pedas", 50.0, &[1.0]),
        input("x", "k", "Brexit", 50.0, &[1.0]),
    ]);
    let order: Vec<&str> = ranked.iter().map(|r| r.entry.as_str()).collect();
    assert_eq!(order, ["x", "z", "y"]);
    assert!(ranked.iter().all(|r| r.rank == 1 && r.tied));
}

#[test]
fn ranks_each_category_separately_in_category_order() {
    let ranked = rank(&[
        input("p1", "pendidikan", "P1", 60.0, &[]),
        input("k1", "kesehatan", "K1", 50.0, &[]),
        input("p2", "pendidikan", "P2", 70.0, &[]),
        input("k2", "kesehatan", "K2", 90.0, &[]),
    ]);
    let order: Vec<(&str, &str, u32)> = ranked
        .iter()
        .map(|r| (r.category.as_str(), r.entry.as_str(), r.rank))
        .collect();
    assert_eq!(
        order,
        [
            ("kesehatan", "k2", 1),
            ("kesehatan", "k1", 2),
            ("pendidikan", "p2", 1),
            ("pendidikan", "p1", 2),
        ]
    );
}

#[test]
fn nan_and_missing_values_sort_last() {
    let ranked = rank(&[
        input("a", "k", "A", f64::NAN, &[]),
        input("b", "k", "B", 0.0, &[]),
        input("c", "k", "C", 50.0, &[]),
        input("d", "k", "D", 50.0, &[80.0]),
    ]);
    assert_eq!(
        rows(&ranked),
        [
            ("d", 1, false, true),
            ("c", 2, false, true),
            ("b", 3, false, false),
            ("a", 4, false, false),
        ]
    );
}

#[test]
fn tie_break_values_are_means_in_weight_order() {
    use crate::scoring::rubric::{Criterion, Scale};
    let scale = Scale {
        min: 0.0,
        max: 10.0,
        step: 1.0,
    };
    let rubric = Rubric::new(vec![
        Criterion::new("a", "A", 25, scale),
        Criterion::new("b", "B", 50, scale),
        Criterion::new("c", "C", 25, scale),
    ]);
    let Ok(rubric) = rubric else {
        panic!("invalid rubric")
    };
    let s1 = [10.0, 20.0, 30.0];
    let s2 = [30.0, 40.0, 60.0];
    // b (50 %) first, then a and c in rubric order.
    assert_eq!(
        tie_break_values(&rubric, [&s1[..], &s2[..]]),
        vec![30.0, 20.0, 45.0]
    );
}

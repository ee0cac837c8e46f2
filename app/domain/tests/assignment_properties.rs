//! Properties of automatic assignment on generated judges, entries and blocks.

use domain::assignment::{Judge, Seat, plan};
use proptest::prelude::*;
use std::collections::BTreeSet;

const CATEGORIES: [&str; 3] = ["kesehatan", "pendidikan", "ekonomi"];

fn judges() -> impl Strategy<Value = Vec<Judge>> {
    prop::collection::vec(prop::sample::subsequence(CATEGORIES.to_vec(), 0..=2), 1..8).prop_map(
        |expertise| {
            expertise
                .into_iter()
                .enumerate()
                .map(|(index, categories)| Judge {
                    key: format!("j{index}"),
                    expertise: categories.into_iter().map(str::to_owned).collect(),
                })
                .collect()
        },
    )
}

/// Entries with blocks and existing assignments drawn among `judge_count` judges
/// (an existing one is never also blocked).
fn seats(judge_count: usize, blocks: bool) -> impl Strategy<Value = Vec<Seat>> {
    let seat = (
        prop::sample::select(CATEGORIES.to_vec()),
        prop::collection::btree_set(0..judge_count, 0..=if blocks { judge_count } else { 0 }),
        prop::collection::btree_set(0..judge_count, 0..=if blocks { 1 } else { 0 }),
    );
    prop::collection::vec(seat, 0..25).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(index, (category, blocked, assigned))| {
                let assigned: BTreeSet<String> = assigned
                    .difference(&blocked)
                    .map(|judge| format!("j{judge}"))
                    .collect();
                Seat {
                    wanted: 0,
                    entry: format!("e{index:02}"),
                    category: category.to_owned(),
                    blocked: blocked.iter().map(|judge| format!("j{judge}")).collect(),
                    assigned,
                }
            })
            .collect()
    })
}

/// Judges, and entries each wanting `k` judges.
fn case(blocks: bool) -> impl Strategy<Value = (Vec<Judge>, Vec<Seat>, usize)> {
    judges().prop_flat_map(move |judges| {
        let count = judges.len();
        (Just(judges), seats(count, blocks), 1_usize..=4).prop_map(|(judges, seats, k)| {
            let seats = seats
                .into_iter()
                .map(|seat| Seat { wanted: k, ..seat })
                .collect();
            (judges, seats, k)
        })
    })
}

proptest! {
    /// Never a blocked judge, never a judge twice on one entry, never an existing
    /// assignment repeated; every entry gets k judges or is reported short by
    /// exactly what it lacks.
    #[test]
    fn plans_respect_blocks_and_fill_every_seat_they_can((judges, seats, k) in case(true)) {
        let plan = plan(&judges, &seats);
        for seat in &seats {
            let new: Vec<&String> = plan.new.iter().filter(|(entry, _)| *entry == seat.entry).map(|(_, judge)| judge).collect();
            let unique: BTreeSet<&String> = new.iter().copied().collect();
            prop_assert_eq!(unique.len(), new.len());
            for judge in &new {
                prop_assert!(!seat.blocked.contains(*judge), "blocked {} on {}", judge, seat.entry);
                prop_assert!(!seat.assigned.contains(*judge));
            }
            let eligible = judges.iter().filter(|j| !seat.blocked.contains(&j.key) && !seat.assigned.contains(&j.key)).count();
            let wanted = k.saturating_sub(seat.assigned.len());
            prop_assert_eq!(new.len(), wanted.min(eligible));
            let short = plan.short.iter().find(|(entry, _)| *entry == seat.entry).map_or(0, |(_, n)| *n);
            prop_assert_eq!(short, wanted - wanted.min(eligible));
        }
    }

    /// With nothing blocked and nothing assigned yet, no judge has two entries more
    /// than another.
    #[test]
    fn without_blocks_the_load_is_even((judges, seats, _k) in case(false)) {
        let plan = plan(&judges, &seats);
        let loads: Vec<usize> = plan.load.values().copied().collect();
        let (max, min) = (loads.iter().max().copied().unwrap_or(0), loads.iter().min().copied().unwrap_or(0));
        prop_assert!(max - min <= 1, "loads {:?}", loads);
        prop_assert_eq!(loads.iter().sum::<usize>(), plan.new.len());
    }
}

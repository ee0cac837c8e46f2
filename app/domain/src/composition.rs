//! The winner set as a whole: before the final results are published, the
//! committee sees the winners and finalists by category, organisation kind,
//! group and organisation, checked against rules the edition sets. A set that
//! breaks a rule can still be published, with a written reason (the service
//! records it); these functions only find what breaks.
//!
//! The rules (each off unless the edition sets it):
//! - **at most N winners per organisation**: counted per organisation that
//!   entered (a unit and its parent agency are two organisations);
//! - **a winner in every category where an entry reached the final**;
//! - **a replication never above what it replicates**: where a replication
//!   and the innovation it replicates are both in the final, the replication
//!   may not be placed better in the same category, nor win while its
//!   original does not.

use crate::edition::Group;
use crate::ids::{EntryId, InnovationId, OrgId};
use crate::organisation::OrgKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One entry of the final, as the check needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finalist {
    pub entry: EntryId,
    pub innovation: InnovationId,
    /// The innovation this one replicates, if it is a replication.
    pub replicates: Option<InnovationId>,
    /// Category key.
    pub category: String,
    pub organisation: OrgId,
    pub org_kind: OrgKind,
    pub group: Group,
    /// Place in its category's final ranking (1 is best; ties share a place).
    pub place: Option<u32>,
    pub winner: bool,
}

/// What the edition asks of its winner set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositionRules {
    /// At most this many winners from one organisation.
    pub max_winners_per_organisation: Option<u32>,
    /// Every category with a finalist has a winner.
    pub winner_in_every_category: bool,
    /// A replication is never placed above the innovation it replicates.
    pub replication_below_original: bool,
}

/// A rule the winner set breaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Violation {
    /// `organisation` has `winners` winners, more than `max`.
    TooManyWinners {
        organisation: OrgId,
        winners: u32,
        max: u32,
    },
    /// `category` has finalists but no winner.
    CategoryWithoutWinner { category: String },
    /// `replication` is placed above, or wins over, `original`, which it
    /// replicates.
    ReplicationAboveOriginal {
        replication: EntryId,
        original: EntryId,
    },
}

/// Winners and finalists of one slice of the set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub finalists: u32,
    pub winners: u32,
}

impl Tally {
    fn count(&mut self, finalist: &Finalist) {
        self.finalists += 1;
        self.winners += u32::from(finalist.winner);
    }
}

/// The set by category, organisation kind, group and organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub by_category: BTreeMap<String, Tally>,
    pub by_org_kind: BTreeMap<OrgKind, Tally>,
    pub by_group: BTreeMap<Group, Tally>,
    pub by_organisation: BTreeMap<OrgId, Tally>,
}

/// The set's breakdown.
#[must_use]
pub fn breakdown(finalists: &[Finalist]) -> Breakdown {
    let mut breakdown = Breakdown::default();
    for finalist in finalists {
        breakdown
            .by_category
            .entry(finalist.category.clone())
            .or_default()
            .count(finalist);
        breakdown
            .by_org_kind
            .entry(finalist.org_kind)
            .or_default()
            .count(finalist);
        breakdown
            .by_group
            .entry(finalist.group)
            .or_default()
            .count(finalist);
        breakdown
            .by_organisation
            .entry(finalist.organisation.clone())
            .or_default()
            .count(finalist);
    }
    breakdown
}

/// Every rule of `rules` the set `finalists` breaks, sorted.
///
/// ```
/// use domain::composition::{check, CompositionRules, Finalist, Violation};
/// use domain::edition::Group;
/// use domain::organisation::OrgKind;
/// let finalist = |entry: &str, category: &str, winner: bool| Finalist {
///     entry: entry.into(), innovation: entry.into(), replicates: None,
///     category: category.into(), organisation: "dinkes".into(),
///     org_kind: OrgKind::Pd, group: Group::Umum, place: Some(1), winner,
/// };
/// let set = [finalist("a", "kesehatan", true), finalist("b", "kesehatan", true), finalist("c", "pendidikan", false)];
/// let rules = CompositionRules {
///     max_winners_per_organisation: Some(1),
///     winner_in_every_category: true,
///     replication_below_original: true,
/// };
/// assert_eq!(check(&set, &rules), vec![
///     Violation::TooManyWinners { organisation: "dinkes".into(), winners: 2, max: 1 },
///     Violation::CategoryWithoutWinner { category: "pendidikan".into() },
/// ]);
/// assert!(check(&set, &CompositionRules::default()).is_empty());
/// ```
#[must_use]
pub fn check(finalists: &[Finalist], rules: &CompositionRules) -> Vec<Violation> {
    let mut violations = Vec::new();
    let sliced = breakdown(finalists);
    if let Some(max) = rules.max_winners_per_organisation {
        for (organisation, tally) in &sliced.by_organisation {
            if tally.winners > max {
                violations.push(Violation::TooManyWinners {
                    organisation: organisation.clone(),
                    winners: tally.winners,
                    max,
                });
            }
        }
    }
    if rules.winner_in_every_category {
        for (category, tally) in &sliced.by_category {
            if tally.finalists > 0 && tally.winners == 0 {
                violations.push(Violation::CategoryWithoutWinner {
                    category: category.clone(),
                });
            }
        }
    }
    if rules.replication_below_original {
        for replication in finalists {
            let Some(replicated) = &replication.replicates else {
                continue;
            };
            for original in finalists
                .iter()
                .filter(|original| original.innovation == *replicated)
            {
                if above(replication, original) {
                    violations.push(Violation::ReplicationAboveOriginal {
                        replication: replication.entry.clone(),
                        original: original.entry.clone(),
                    });
                }
            }
        }
    }
    violations.sort();
    violations
}

/// Whether `replication` stands above `original`: it wins and the original
/// does not, or both are placed in one category and it is placed better.
fn above(replication: &Finalist, original: &Finalist) -> bool {
    let wins_over = replication.winner && !original.winner;
    let placed_better = replication.category == original.category
        && matches!(
            (replication.place, original.place),
            (Some(mine), Some(theirs)) if mine < theirs
        );
    wins_over || placed_better
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_finalist() -> impl Strategy<Value = Finalist> {
        (
            0u8..12,
            proptest::option::of(0u8..12),
            0u8..3,
            0u8..4,
            proptest::sample::select(OrgKind::ALL.to_vec()),
            proptest::sample::select(Group::ALL.to_vec()),
            proptest::option::of(1u32..6),
            any::<bool>(),
        )
            .prop_map(
                |(
                    innovation,
                    replicates,
                    category,
                    organisation,
                    org_kind,
                    group,
                    place,
                    winner,
                )| Finalist {
                    entry: format!("e{innovation}").into(),
                    innovation: format!("i{innovation}").into(),
                    replicates: replicates
                        .filter(|replicated| *replicated != innovation)
                        .map(|replicated| format!("i{replicated}").into()),
                    category: format!("c{category}"),
                    organisation: format!("o{organisation}").into(),
                    org_kind,
                    group,
                    place,
                    winner,
                },
            )
    }

    /// A final: each innovation entered once.
    fn any_set() -> impl Strategy<Value = Vec<Finalist>> {
        proptest::collection::vec(any_finalist(), 0..14).prop_map(|mut set| {
            let mut seen = std::collections::BTreeSet::new();
            set.retain(|finalist| seen.insert(finalist.entry.clone()));
            set
        })
    }

    fn winners_of(set: &[Finalist], organisation: &OrgId) -> u32 {
        set.iter()
            .filter(|finalist| finalist.winner && finalist.organisation == *organisation)
            .map(|_| 1)
            .sum()
    }

    proptest! {
        /// With no rule set, nothing is flagged.
        #[test]
        fn no_rules_flag_nothing(set in any_set()) {
            prop_assert!(check(&set, &CompositionRules::default()).is_empty());
        }

        /// An organisation is flagged exactly when it has more winners than
        /// allowed, with its true count.
        #[test]
        fn the_organisation_cap_flags_exactly_the_organisations_over_it(set in any_set(), max in 0u32..4) {
            let rules = CompositionRules { max_winners_per_organisation: Some(max), ..CompositionRules::default() };
            let flagged = check(&set, &rules);
            for finalist in &set {
                let winners = winners_of(&set, &finalist.organisation);
                let expected = Violation::TooManyWinners { organisation: finalist.organisation.clone(), winners, max };
                prop_assert_eq!(flagged.contains(&expected), winners > max);
            }
            let only_over_the_cap = flagged
                .iter()
                .all(|violation| matches!(violation, Violation::TooManyWinners { winners, .. } if *winners > max));
            prop_assert!(only_over_the_cap);
        }

        /// A category is flagged exactly when it has finalists and no winner;
        /// making one of its finalists a winner clears it.
        #[test]
        fn a_category_without_a_winner_is_flagged_until_one_wins(set in any_set()) {
            let rules = CompositionRules { winner_in_every_category: true, ..CompositionRules::default() };
            let flagged = check(&set, &rules);
            for finalist in &set {
                let has_winner = set.iter().any(|other| other.category == finalist.category && other.winner);
                let expected = Violation::CategoryWithoutWinner { category: finalist.category.clone() };
                prop_assert_eq!(flagged.contains(&expected), !has_winner);
                let mut crowned = set.clone();
                if let Some(first) = crowned.iter_mut().find(|other| other.category == finalist.category) {
                    first.winner = true;
                }
                prop_assert!(!check(&crowned, &rules).contains(&expected));
            }
        }

        /// A replication is flagged only against what it replicates, and only
        /// when it wins over it or is placed better in the same category.
        #[test]
        fn a_replication_is_flagged_only_above_its_original(set in any_set()) {
            let rules = CompositionRules { replication_below_original: true, ..CompositionRules::default() };
            for violation in check(&set, &rules) {
                let Violation::ReplicationAboveOriginal { replication, original } = violation else {
                    return Err(TestCaseError::fail("another rule flagged"));
                };
                let (Some(copy), Some(first)) = (
                    set.iter().find(|finalist| finalist.entry == replication),
                    set.iter().find(|finalist| finalist.entry == original),
                ) else {
                    return Err(TestCaseError::fail("a flagged entry is not in the set"));
                };
                prop_assert_eq!(copy.replicates.as_ref(), Some(&first.innovation));
                prop_assert!(above(copy, first));
            }
            // Nothing wins and nothing is placed: nothing stands above anything.
            let flat: Vec<Finalist> = set.iter().cloned().map(|mut finalist| { finalist.winner = false; finalist.place = None; finalist }).collect();
            prop_assert!(check(&flat, &rules).is_empty());
        }

        /// Every slice of the breakdown counts every finalist and winner once.
        #[test]
        fn every_slice_counts_the_whole_set(set in any_set()) {
            let sliced = breakdown(&set);
            let total = |tallies: Vec<Tally>| tallies.iter().fold((0, 0), |(f, w), t| (f + t.finalists, w + t.winners));
            let whole = set.iter().fold((0, 0), |(f, w), finalist| (f + 1, w + u32::from(finalist.winner)));
            prop_assert_eq!(total(sliced.by_category.values().copied().collect()), whole);
            prop_assert_eq!(total(sliced.by_org_kind.values().copied().collect()), whole);
            prop_assert_eq!(total(sliced.by_group.values().copied().collect()), whole);
            prop_assert_eq!(total(sliced.by_organisation.values().copied().collect()), whole);
        }
    }
}

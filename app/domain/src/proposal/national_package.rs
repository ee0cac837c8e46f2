//! The proposal as the national competition (SINOVIK) asks for it: the
//! national form's sections for the entry's group, in the national order,
//! each checked against the national word limit — whatever order, limits or
//! extra sections the city's own form had.
//!
//! A national section is matched to the city's by its key: a city that renamed
//! a heading keeps the answer; a city whose form dropped the section has
//! nothing to send, and the committee must see that before it downloads.

use super::{Template, word_count};
use crate::edition::Group;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How one national section stands in an entry's package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PackageSectionState {
    /// Written, within the national limit.
    Ready,
    /// Written, but longer than the national form allows.
    OverLimit,
    /// The city's form has the section; the entrant left it empty.
    Empty,
    /// The city's form for the group has no such section.
    Missing,
}

impl PackageSectionState {
    /// Whether the national form would refuse the section as it stands.
    #[must_use]
    pub fn needs_work(self) -> bool {
        self != PackageSectionState::Ready
    }
}

/// One national section of an entry's package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageSection {
    /// The national section's key.
    pub key: String,
    /// The national heading.
    pub label: String,
    /// The national word limit.
    pub word_limit: usize,
    /// Words written (0 when missing).
    pub words: usize,
    /// The entrant's text (empty when missing).
    pub text: String,
    pub state: PackageSectionState,
}

/// The national sections of `group`'s form, in the national order, filled
/// from `answers` (section key → text) as far as `city_form` has them.
///
/// ```
/// use domain::edition::Group;
/// use domain::proposal::{PackageSectionState, Template, national_package};
/// use std::collections::BTreeMap;
///
/// let mut city_form = Template::national();
/// city_form.sections.retain(|section| section.key != "kolaborasi");
/// let answers = BTreeMap::from([("ringkasan".to_owned(), "Antre dari rumah.".to_owned())]);
/// let package = national_package(&Template::national(), &city_form, Group::Umum, &answers);
/// assert_eq!(package[0].state, PackageSectionState::Ready);
/// let kolaborasi = package.iter().find(|section| section.key == "kolaborasi").unwrap();
/// assert_eq!(kolaborasi.state, PackageSectionState::Missing);
/// ```
#[must_use]
pub fn national_package(
    national: &Template,
    city_form: &Template,
    group: Group,
    answers: &BTreeMap<String, String>,
) -> Vec<PackageSection> {
    national
        .sections_for(group)
        .map(|section| {
            let asked = city_form
                .sections_for(group)
                .any(|own| own.key == section.key);
            let text = if asked {
                answers
                    .get(&section.key)
                    .map(|text| text.trim().to_owned())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let words = word_count(&text);
            let state = match (asked, words) {
                (false, _) => PackageSectionState::Missing,
                (true, 0) => PackageSectionState::Empty,
                (true, words) if words > section.word_limit => PackageSectionState::OverLimit,
                (true, _) => PackageSectionState::Ready,
            };
            PackageSection {
                key: section.key.clone(),
                label: section.label.clone(),
                word_limit: section.word_limit,
                words,
                text,
                state,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposal::Template;
    use proptest::prelude::*;

    /// A city form: the national one with some sections dropped, some moved to
    /// other groups, a section of the city's own added, the rest shuffled; and
    /// an answer per key: long, short, empty or only blanks.
    fn any_case() -> impl Strategy<Value = (Template, Group, BTreeMap<String, String>)> {
        let national = Template::national();
        let count = national.sections.len();
        (
            proptest::collection::vec(any::<bool>(), count),
            proptest::collection::vec(
                proptest::option::of(proptest::sample::subsequence(Group::ALL.to_vec(), 0..=3)),
                count,
            ),
            Just(national.sections.clone()).prop_shuffle(),
            proptest::sample::select(Group::ALL.to_vec()),
            proptest::collection::vec((0usize..700, any::<bool>()), count + 1),
        )
            .prop_map(move |(keep, regroup, shuffled, group, answers)| {
                let mut sections: Vec<_> = shuffled
                    .into_iter()
                    .filter_map(|mut section| {
                        let index = national
                            .sections
                            .iter()
                            .position(|s| s.key == section.key)?;
                        if let Some(groups) = &regroup[index] {
                            section.groups.clone_from(groups);
                        }
                        keep[index].then_some(section)
                    })
                    .collect();
                let mut own = national.sections[0].clone();
                own.key = "inovasi_kota".to_owned();
                sections.push(own);
                let keys = national
                    .sections
                    .iter()
                    .map(|s| s.key.clone())
                    .chain(["inovasi_kota".to_owned()]);
                let answers = keys
                    .zip(answers)
                    .map(|(key, (words, blank))| {
                        (
                            key,
                            if blank {
                                " \n\t ".to_owned()
                            } else {
                                "kata ".repeat(words)
                            },
                        )
                    })
                    .collect();
                (Template { sections }, group, answers)
            })
    }

    proptest! {
        #[test]
        fn every_national_section_once_in_national_order((city, group, answers) in any_case()) {
            let national = Template::national();
            let package = national_package(&national, &city, group, &answers);
            // The national form's, never the city's own sections.
            let expected: Vec<&str> = national.sections_for(group).map(|s| s.key.as_str()).collect();
            let got: Vec<&str> = package.iter().map(|s| s.key.as_str()).collect();
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn missing_exactly_when_the_city_form_lacks_it((city, group, answers) in any_case()) {
            let package = national_package(&Template::national(), &city, group, &answers);
            for section in &package {
                let asked = city.sections_for(group).any(|own| own.key == section.key);
                prop_assert_eq!(section.state == PackageSectionState::Missing, !asked);
                if !asked {
                    prop_assert_eq!(section.words, 0);
                    prop_assert!(section.text.is_empty(), "a missing section carries no text");
                }
            }
        }

        #[test]
        fn over_limit_exactly_when_longer_than_the_national_limit((city, group, answers) in any_case()) {
            let package = national_package(&Template::national(), &city, group, &answers);
            for section in package.iter().filter(|s| s.state != PackageSectionState::Missing) {
                prop_assert_eq!(&section.text, answers[&section.key].trim());
                let words = word_count(&answers[&section.key]);
                prop_assert_eq!(section.words, words);
                prop_assert_eq!(section.state == PackageSectionState::OverLimit, words > section.word_limit);
                prop_assert_eq!(section.state == PackageSectionState::Empty, words == 0);
            }
        }
    }

    #[test]
    fn a_renamed_heading_keeps_its_answer_under_the_national_heading() {
        let mut city = Template::national();
        city.sections[0].label = "Ringkasan singkat".to_owned();
        let answers = BTreeMap::from([("ringkasan".to_owned(), "Satu dua tiga.".to_owned())]);
        let package = national_package(&Template::national(), &city, Group::Khusus, &answers);
        assert_eq!(package[0].label, "Ringkasan");
        assert_eq!(package[0].words, 3);
        assert_eq!(package[0].state, PackageSectionState::Ready);
    }
}

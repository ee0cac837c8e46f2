//! The committee's page for sending winners on to the province and the nation,
//! and recording what they earned there.

use domain::ids::EntryId;
use domain::onward::{OnwardLevel, OnwardOutcome};
use domain::proposal::PackageSectionState;
use serde::{Deserialize, Serialize};

/// One entry of the published final ranking, with what it earned beyond the city.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnwardCandidate {
    pub entry: EntryId,
    pub title: String,
    pub organisation: String,
    /// Category label.
    pub category: String,
    /// Place in its category's final ranking.
    pub rank: u32,
    /// Placed 1 to 3: sent on by default.
    pub winner: bool,
    /// Recorded outcomes, province first.
    pub outcomes: Vec<OnwardOutcome>,
    /// Whether the committee sends it on (by default: the winners).
    pub sent: bool,
    /// How its submission package stands against the national form; only for
    /// the entries sent on.
    pub package: Option<PackageCheck>,
}

/// An entry's submission package against the national form, before download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageCheck {
    /// The national sections of its group, in the national order.
    pub sections: Vec<PackageSectionCheck>,
    /// Evidence files that go into the zip.
    pub evidence_files: usize,
}

impl PackageCheck {
    /// The sections the national form would not take as they stand.
    pub fn needing_work(&self) -> impl Iterator<Item = &PackageSectionCheck> {
        self.sections
            .iter()
            .filter(|section| section.state.needs_work())
    }
}

/// One national section of a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageSectionCheck {
    /// The national heading.
    pub label: String,
    pub words: usize,
    pub word_limit: usize,
    pub state: PackageSectionState,
}

/// The page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnwardView {
    pub edition_slug: String,
    pub edition_title: String,
    /// The years an outcome may carry (the edition's year and two after).
    pub years: (i32, i32),
    /// Empty until the final results are published.
    pub candidates: Vec<OnwardCandidate>,
}

/// What the committee typed for one outcome, kept as typed so that a refused
/// form shows it again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OnwardForm {
    pub level: String,
    pub award: String,
    pub year: String,
}

/// The levels in the order the form offers them.
#[must_use]
pub fn onward_levels() -> &'static [OnwardLevel] {
    OnwardLevel::ALL
}

//! The results document: DESIGN.md "Interfaces that stay stable". The same shape
//! is computed now by `juara results` and the dashboard, frozen by a publication,
//! served by `GET /api/v1/editions/{slug}/results` and rendered by the public
//! results page. It carries every submitted sheet (judges anonymised per stage) so
//! that anyone can recompute the scores.

use super::CategoryView;
use domain::ids::EntryId;
use domain::ids::PublicationId;
use domain::scoring::{AdvancementRule, Aggregation, StageKey};
use domain::stage::PublicationScope;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An edition's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsDocument {
    /// Which edition.
    pub edition: ResultsEdition,
    /// When this snapshot was published (RFC 3339 in the edition's zone); `null`
    /// when computed now.
    pub published_at: Option<String>,
    /// What the snapshot covers: `final`, or the key of the last stage it includes.
    #[serde(default)]
    pub scope: PublicationScope,
    /// Scoring stages, in order.
    pub stages: Vec<StageResults>,
    /// The final ranking; empty when only a stage's results are published.
    #[serde(rename = "final")]
    pub final_ranking: Vec<FinalResult>,
}

/// The edition a document belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsEdition {
    /// Slug, e.g. `kipp-malang-2025`.
    pub slug: String,
    pub title: String,
    pub year: i64,
    /// Categories, key and label, in the edition's order.
    #[serde(default)]
    pub categories: Vec<CategoryView>,
    /// Whether the public sees scores: when not, a published document carries
    /// ranks and outcomes only (no `score`, no `sheets`), everywhere.
    #[serde(default = "yes")]
    pub shows_scores: bool,
    /// Whether the public sees each judge's sheet (values and totals, judges
    /// anonymised) so that the scores can be recomputed.
    #[serde(default = "yes")]
    pub publishes_sheets: bool,
}

fn yes() -> bool {
    true
}

/// One scoring stage's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageResults {
    /// Stage key (`desk`).
    pub key: StageKey,
    pub title: String,
    pub aggregation: Aggregation,
    /// The rubric the sheets were scored on.
    pub rubric: Vec<RubricColumn>,
    /// The stage's advancement rule.
    pub advancement: AdvancementRule,
    /// Ranked entries: by category, then rank (display order).
    pub entries: Vec<EntryResult>,
}

/// One criterion of a stage's rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricColumn {
    pub key: String,
    pub label: String,
    /// Weight, whole percent.
    pub weight: u32,
    /// Scale minimum.
    pub min: f64,
    /// Scale maximum.
    pub max: f64,
    /// Scale step.
    pub step: f64,
}

/// One ranked entry of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryResult {
    pub id: EntryId,
    pub title: String,
    /// Organisation's name.
    pub organisation: String,
    /// Category key.
    pub category: String,
    /// Stage score, full precision; absent where the edition shows ranks only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Competition rank within the category.
    pub rank: u32,
    /// Whether it shares its rank.
    pub tied: bool,
    /// Whether it advanced from the stage (as decided, or as the rule gives while
    /// the committee has not decided).
    pub advanced: bool,
    /// Every sheet that counts (`service::results::counts`); absent where the
    /// edition does not publish sheets or scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetResult>,
}

/// One submitted sheet, its judge anonymised (`J1`, `J2`, … within the stage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetResult {
    /// `J1`, `J2`, …
    pub judge: String,
    /// Criterion key → value.
    pub values: BTreeMap<String, f64>,
    /// The sheet total (rule 1), full precision.
    pub total: f64,
}

/// One entry of the final ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalResult {
    pub id: EntryId,
    #[serde(default)]
    pub title: String,
    /// Organisation's name.
    #[serde(default)]
    pub organisation: String,
    /// Category key.
    pub category: String,
    /// Final score, full precision; absent where the edition shows ranks only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Competition rank within the category.
    pub rank: u32,
    /// Whether it shares its rank.
    pub tied: bool,
    /// Points a field visit took off its final score (already in `score`);
    /// absent when none, and wherever scores are not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_penalty: Option<u32>,
}

/// How far one entry went in a results document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reached {
    pub id: EntryId,
    pub title: String,
    /// Organisation's name.
    pub organisation: String,
    /// Category key.
    pub category: String,
    /// Title of the last stage that ranked it.
    pub stage: String,
    /// Whether it advanced from that stage.
    pub advanced: bool,
    /// Its place in the final ranking, with whether it is shared.
    pub final_place: Option<(u32, bool)>,
}

/// What of a results document the public may see, decided from the edition's
/// settings and phase when it is served (not when it was frozen), so that a
/// setting changed after publication takes effect at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disclosure {
    /// Scores (stage, final and sheet totals).
    pub scores: bool,
    /// Each judge's sheet.
    pub sheets: bool,
    /// Organisations' names: not while a blind stage of the edition is
    /// unpublished (a judge could look up whose entry they score).
    pub organisations: bool,
}

impl ResultsDocument {
    /// The document with only what `disclosure` lets out: without scores it
    /// carries ranks and outcomes only; without sheets no judge's values;
    /// without organisations every organisation is empty.
    #[must_use]
    pub fn disclosed(mut self, disclosure: Disclosure) -> ResultsDocument {
        self.edition.shows_scores = disclosure.scores;
        self.edition.publishes_sheets = disclosure.scores && disclosure.sheets;
        for stage in &mut self.stages {
            for entry in &mut stage.entries {
                if !disclosure.scores {
                    entry.score = None;
                }
                if !(disclosure.scores && disclosure.sheets) {
                    entry.sheets.clear();
                }
                if !disclosure.organisations {
                    entry.organisation.clear();
                }
            }
        }
        for entry in &mut self.final_ranking {
            if !disclosure.scores {
                entry.score = None;
                entry.field_penalty = None;
            }
            if !disclosure.organisations {
                entry.organisation.clear();
            }
        }
        self
    }

    /// Every entry the document ranks, with the last stage that ranked it, in
    /// the order of that stage's ranking (the furthest stage first).
    #[must_use]
    pub fn reached(&self) -> Vec<Reached> {
        let mut seen = std::collections::BTreeSet::new();
        let mut rows = Vec::new();
        for stage in self.stages.iter().rev() {
            for entry in &stage.entries {
                if !seen.insert(entry.id.clone()) {
                    continue;
                }
                rows.push(Reached {
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                    organisation: entry.organisation.clone(),
                    category: entry.category.clone(),
                    stage: stage.title.clone(),
                    advanced: entry.advanced,
                    final_place: self
                        .final_ranking
                        .iter()
                        .find(|row| row.id == entry.id)
                        .map(|row| (row.rank, row.tied)),
                });
            }
        }
        rows
    }

    /// The label of category `key` (the key itself when unknown).
    #[must_use]
    pub fn category_label(&self, key: &str) -> String {
        super::category_label(&self.edition.categories, key)
    }
}

/// One publication, as the committee lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationRow {
    pub id: PublicationId,
    pub scope: PublicationScope,
    /// When (RFC 3339, the edition's zone).
    pub published_at: String,
    /// When it was withdrawn, if it was.
    pub withdrawn_at: Option<String>,
}

/// The committee's results page: the results computed now, and what has been
/// published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsConsole {
    /// Computed now from the submitted sheets (`published_at` is `None`).
    pub computed: ResultsDocument,
    /// Every publication, newest first.
    pub publications: Vec<PublicationRow>,
    /// The winner set as a whole, once there is a final ranking.
    #[serde(default)]
    pub composition: Option<CompositionView>,
}

/// The berita acara of the final results: the final ranking as published (or,
/// until then, as computed now) and the winner-set check as it stood then,
/// with the committee's reason when the set broke a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalMinutes {
    /// The standing final publication's document, or the one computed now.
    pub document: ResultsDocument,
    /// Whether `document` is published (else the page is a draft).
    pub published: bool,
    pub composition: Option<CompositionView>,
    /// Why the committee published a set that breaks a rule.
    pub composition_reason: Option<String>,
}

/// The winner set as a whole: winners (places 1 to 3) and finalists sliced
/// four ways, and the edition's rules it breaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompositionView {
    pub rules: domain::composition::CompositionRules,
    pub breakdown: domain::composition::Breakdown,
    /// Sorted; empty when the set keeps every rule set.
    pub violations: Vec<domain::composition::Violation>,
    /// Names of the organisations in the breakdown.
    pub organisation_names: std::collections::BTreeMap<domain::ids::OrgId, String>,
    /// Titles of the entries a violation names.
    pub entry_titles: std::collections::BTreeMap<EntryId, String>,
}

//! The proposal an entrant writes: the template (ordered sections per group, with
//! word limits), how words are counted, what makes a proposal complete, who may
//! enter which group, and which video links are accepted. The same code runs in
//! the browser (live counters) and on the server (the check that counts).

use crate::edition::Group;
use serde::{Deserialize, Serialize};

mod national_package;
mod template_check;
pub use national_package::{PackageSection, PackageSectionState, national_package};
pub use template_check::{MAX_WORD_LIMIT, TemplateProblem, check_template};

/// One section of the proposal form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable key, e.g. `ringkasan`.
    pub key: String,
    /// Heading shown to entrants and judges.
    pub label: String,
    /// What to write about.
    pub prompt: String,
    /// Most words allowed.
    pub word_limit: usize,
    /// Whether a proposal cannot be submitted without it.
    pub required: bool,
    /// Whether evidence files are expected with it.
    pub evidence: bool,
    /// The groups whose form has it; empty means every group.
    pub groups: Vec<Group>,
    /// Whether the public profile of the innovation shows it once the edition's
    /// results are published (templates saved before this existed show none).
    #[serde(default)]
    pub public: bool,
}

impl Section {
    /// Whether the form for `group` has this section.
    #[must_use]
    pub fn applies_to(&self, group: Group) -> bool {
        self.groups.is_empty() || self.groups.contains(&group)
    }
}

/// An edition's proposal template: its sections in form order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Sections in the order the form shows them.
    pub sections: Vec<Section>,
}

fn section(
    key: &str,
    label: &str,
    prompt: &str,
    word_limit: usize,
    groups: &[Group],
    evidence: bool,
) -> Section {
    Section {
        key: key.to_owned(),
        label: label.to_owned(),
        prompt: prompt.to_owned(),
        word_limit,
        required: true,
        evidence,
        groups: groups.to_vec(),
        // What a citizen comparing innovations needs: what it is and what it did.
        public: matches!(
            key,
            "ringkasan" | "signifikansi" | "inspirasi" | "pembaruan"
        ),
    }
}

impl Template {
    /// The national form's sections (DESIGN.md, "Proposal template").
    #[must_use]
    pub fn national() -> Template {
        use Group::{Khusus, Replikasi, Umum};
        Template {
            sections: vec![
                section(
                    "ringkasan",
                    "Ringkasan",
                    "Ringkasan inovasi: masalah, solusi, dan hasil utama.",
                    200,
                    &[],
                    false,
                ),
                section(
                    "ide_inovatif",
                    "Ide inovatif",
                    "Latar belakang dan kebaruan inovasi.",
                    600,
                    &[Umum],
                    false,
                ),
                section(
                    "signifikansi",
                    "Signifikansi",
                    "Pelaksanaan dan dampak yang terukur.",
                    600,
                    &[Umum],
                    true,
                ),
                section(
                    "kontribusi_sdgs",
                    "Kontribusi terhadap TPB/SDGs",
                    "Tujuan pembangunan berkelanjutan yang didukung dan buktinya.",
                    200,
                    &[Umum],
                    false,
                ),
                section(
                    "adaptabilitas",
                    "Adaptabilitas",
                    "Replikasi yang sudah terjadi dan potensinya.",
                    400,
                    &[Umum],
                    true,
                ),
                section(
                    "keberlanjutan",
                    "Keberlanjutan",
                    "Kelembagaan, anggaran, dan regulasi yang menjamin inovasi berlanjut.",
                    600,
                    &[Umum],
                    true,
                ),
                section(
                    "kolaborasi",
                    "Kolaborasi pemangku kepentingan",
                    "Siapa terlibat dan apa perannya.",
                    200,
                    &[Umum],
                    false,
                ),
                section(
                    "inspirasi",
                    "Inspirasi",
                    "Inovasi asal yang direplikasi dan alasannya.",
                    100,
                    &[Replikasi],
                    false,
                ),
                section(
                    "proses_replikasi",
                    "Proses replikasi",
                    "Bagaimana inovasi diadaptasi ke tempat Anda.",
                    200,
                    &[Replikasi],
                    true,
                ),
                section(
                    "faktor_pembeda",
                    "Faktor pembeda",
                    "Apa yang berbeda dari inovasi asal.",
                    100,
                    &[Replikasi],
                    false,
                ),
                section(
                    "pembaruan",
                    "Pembaruan",
                    "Pengembangan sejak inovasi ini menang.",
                    200,
                    &[Khusus],
                    true,
                ),
                section(
                    "adaptabilitas_khusus",
                    "Adaptabilitas",
                    "Replikasi sejak inovasi ini menang.",
                    200,
                    &[Khusus],
                    true,
                ),
                section(
                    "penguatan_keberlanjutan",
                    "Penguatan keberlanjutan",
                    "Apa yang memperkuat keberlanjutannya.",
                    300,
                    &[Khusus],
                    true,
                ),
                section(
                    "evaluasi",
                    "Evaluasi",
                    "Hasil evaluasi dan tindak lanjutnya.",
                    300,
                    &[Khusus],
                    true,
                ),
            ],
        }
    }

    /// The sections of `group`'s form, in order.
    pub fn sections_for(&self, group: Group) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(move |section| section.applies_to(group))
    }

    /// Where `key` stands in the form (sections not in the template last).
    #[must_use]
    pub fn position(&self, key: &str) -> usize {
        self.sections
            .iter()
            .position(|section| section.key == key)
            .unwrap_or(self.sections.len())
    }
}

/// How many words `text` has: runs of characters between whitespace that contain
/// at least one letter or digit (a lone dash or bullet is not a word).
///
/// ```
/// assert_eq!(domain::proposal::word_count("Layanan  KTP-el — dalam 1 hari."), 5);
/// ```
#[must_use]
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count()
}

/// What is wrong with a proposal's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerProblem {
    /// More words than the section allows.
    TooManyWords {
        /// Section key.
        section: String,
        /// Words written.
        words: usize,
        limit: usize,
    },
    /// A required section is empty (only when submitting).
    Missing {
        /// Section key.
        section: String,
    },
    /// An answer for a section the group's form does not have.
    UnknownSection {
        /// Section key.
        section: String,
    },
}

/// Checks `answers` (section key → text) against `group`'s form. Word limits hold
/// for drafts too — a draft over the limit is kept but flagged; completeness only
/// when `submitting`.
#[must_use]
pub fn check_answers<'a>(
    template: &Template,
    group: Group,
    answers: impl IntoIterator<Item = (&'a str, &'a str)>,
    submitting: bool,
) -> Vec<AnswerProblem> {
    let answers: Vec<(&str, &str)> = answers.into_iter().collect();
    let mut problems = Vec::new();
    for (key, text) in &answers {
        match template
            .sections_for(group)
            .find(|section| section.key == *key)
        {
            None if !text.trim().is_empty() => problems.push(AnswerProblem::UnknownSection {
                section: (*key).to_owned(),
            }),
            None => {}
            Some(section) => {
                let words = word_count(text);
                if words > section.word_limit {
                    problems.push(AnswerProblem::TooManyWords {
                        section: section.key.clone(),
                        words,
                        limit: section.word_limit,
                    });
                }
            }
        }
    }
    if submitting {
        for section in template
            .sections_for(group)
            .filter(|section| section.required)
        {
            let written = answers
                .iter()
                .any(|(key, text)| *key == section.key && word_count(text) > 0);
            if !written {
                problems.push(AnswerProblem::Missing {
                    section: section.key.clone(),
                });
            }
        }
    }
    problems
}

/// The YouTube video id of a link a person would paste — `youtube.com/watch?v=…`,
/// `youtu.be/…`, `youtube.com/shorts/…`, `/embed/…`, `/live/…`, with or without
/// `www.`/`m.` and extra parameters — or `None`.
///
/// ```
/// use domain::proposal::youtube_video_id;
/// assert_eq!(youtube_video_id("https://youtu.be/dQw4w9WgXcQ?t=42").as_deref(), Some("dQw4w9WgXcQ"));
/// assert_eq!(youtube_video_id("https://vimeo.com/123"), None);
/// ```
#[must_use]
pub fn youtube_video_id(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host);
    let candidate = match host {
        "youtu.be" => path.split(['?', '#', '/']).next()?,
        "youtube.com" => {
            let (route, query) = path.split_once('?').unwrap_or((path, ""));
            let route = route.split('#').next().unwrap_or(route);
            if route == "watch" {
                query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("v="))?
                    .split('#')
                    .next()?
            } else {
                let (kind, id) = route.split_once('/')?;
                if !matches!(kind, "shorts" | "embed" | "live") {
                    return None;
                }
                id.split('/').next()?
            }
        }
        _ => return None,
    };
    let valid = candidate.len() == 11
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| candidate.to_owned())
}

/// A calendar date, as the domain needs it (no time zone: the caller decides
/// which day "today" is in the edition's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl CivilDate {
    /// Parses `YYYY-MM-DD`.
    #[must_use]
    pub fn parse(text: &str) -> Option<CivilDate> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(CivilDate {
            year,
            month,
            day,
        })
    }

    /// Whole years from `self` to `later` (0 when `later` is earlier).
    #[must_use]
    pub fn whole_years_until(self, later: CivilDate) -> u32 {
        let mut years = later.year - self.year;
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        u32::try_from(years).unwrap_or(0)
    }
}

/// What eligibility looks at in an innovation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InnovationFacts {
    /// When it started running.
    pub started_on: CivilDate,
    /// Whether it won before (a winner's or finalist's award).
    pub won_before: bool,
    /// Whether it names the innovation it replicates.
    pub names_its_original: bool,
}

/// Why an innovation may not enter a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ineligible {
    /// It has not run long enough.
    TooYoung {
        /// Years required.
        required: u32,
        /// Whole years it has run.
        running: u32,
    },
    /// `khusus` is for innovations that won before.
    NotAPastWinner,
    /// `replikasi` must name the innovation it replicates.
    OriginalNotNamed,
}

/// Whether an innovation may enter `group` on `today`, with the edition's minimum
/// years of running. Every reason is given, so the form can explain them all.
#[must_use]
pub fn eligibility(
    facts: &InnovationFacts,
    group: Group,
    minimum_years: u32,
    today: CivilDate,
) -> Vec<Ineligible> {
    let mut reasons = Vec::new();
    let running = facts.started_on.whole_years_until(today);
    if running < minimum_years {
        reasons.push(Ineligible::TooYoung {
            required: minimum_years,
            running,
        });
    }
    match group {
        Group::Khusus if !facts.won_before => reasons.push(Ineligible::NotAPastWinner),
        Group::Replikasi if !facts.names_its_original => {
            reasons.push(Ineligible::OriginalNotNamed);
        }
        _ => {}
    }
    reasons
}

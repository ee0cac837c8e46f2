//! The public catalogue of innovations: search by words (title, organisation,
//! public text) and filters (category, SDG, year, award), best matches first,
//! a page at a time. The caller prepares each innovation once ([`Listing::new`]
//! folds its text for matching), so a search is one scan over folded strings
//! (`cargo bench -p domain --bench catalogue` measures it on 5,000 innovations).

use serde::{Deserialize, Serialize};

/// Innovations shown on one page of the catalogue.
pub const PAGE_SIZE: usize = 20;

/// One innovation as the catalogue searches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Category keys of its published entries.
    pub categories: Vec<String>,
    /// SDG numbers (1–17).
    pub sdgs: Vec<u8>,
    /// Years it took part in a published edition or won an award.
    pub years: Vec<i32>,
    /// Whether it holds any award (from this city's results or its history).
    pub awarded: bool,
    /// Title, folded for matching.
    title: String,
    /// Organisation name, folded.
    organisation: String,
    /// Public text (sections the edition marks public), folded.
    text: String,
    /// The title as shown, for ordering equal matches.
    sort_title: String,
}

/// What the reader asked for. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Words that must all appear (in the title, organisation or text).
    pub words: String,
    /// Category key.
    pub category: Option<String>,
    /// SDG number.
    pub sdg: Option<u8>,
    /// Year.
    pub year: Option<i32>,
    /// Only innovations that hold an award.
    pub awarded: bool,
    /// 1-based page number.
    pub page: usize,
}

/// One page of hits: positions in the slice that was searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Positions of the innovations on this page, best first.
    pub hits: Vec<usize>,
    /// How many innovations match in all.
    pub total: usize,
    /// This page (1-based, clamped to the pages there are).
    pub page: usize,
    /// How many pages the matches fill (at least 1).
    pub pages: usize,
}

/// Lower-case letters and digits; every other character separates words. Accents
/// are kept as they are: Indonesian titles seldom carry them.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len() + 2);
    folded.push(' ');
    let mut last_space = true;
    for character in text.chars().flat_map(char::to_lowercase) {
        if character.is_alphanumeric() {
            folded.push(character);
            last_space = false;
        } else if !last_space {
            folded.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        folded.push(' ');
    }
    folded
}

impl Listing {
    /// Prepares an innovation for searching.
    #[must_use]
    pub fn new(
        title: &str,
        organisation: &str,
        text: &str,
        categories: Vec<String>,
        sdgs: Vec<u8>,
        years: Vec<i32>,
        awarded: bool,
    ) -> Listing {
        Listing {
            categories,
            sdgs,
            years,
            awarded,
            title: fold(title),
            organisation: fold(organisation),
            text: fold(text),
            sort_title: title.to_lowercase(),
        }
    }

    /// Whether every filter of `query` lets this innovation through.
    fn passes(&self, query: &Query) -> bool {
        query
            .category
            .as_ref()
            .is_none_or(|category| self.categories.contains(category))
            && query.sdg.is_none_or(|sdg| self.sdgs.contains(&sdg))
            && query.year.is_none_or(|year| self.years.contains(&year))
            && (!query.awarded || self.awarded)
    }

    /// How well the words match, or `None` when one is missing: a word in the
    /// title counts most, then the organisation, then the text; a whole word
    /// counts more than the start of one ("pasar" finds "pasaran" too).
    fn relevance(&self, words: &[(String, String)]) -> Option<u32> {
        let mut total = 0;
        for (whole, start) in words {
            let score = [
                (&self.title, 100),
                (&self.organisation, 10),
                (&self.text, 1),
            ]
            .into_iter()
            .map(|(field, weight)| {
                if field.contains(whole.as_str()) {
                    weight * 2
                } else if field.contains(start.as_str()) {
                    weight
                } else {
                    0
                }
            })
            .sum::<u32>();
            if score == 0 {
                return None;
            }
            total += score;
        }
        Some(total)
    }
}

/// The innovations of `listings` that match `query`, best first (then by title,
/// then by position), one page of [`PAGE_SIZE`].
///
/// ```
/// use domain::catalogue::{Listing, Query, search};
/// let listings = vec![
///     Listing::new("Sepasar Pedas", "Diskopindag", "pengelolaan pasar rakyat", vec!["ekonomi".into()], vec![8], vec![2025], true),
///     Listing::new("Brexit", "Puskesmas Janti", "e-tiket braille untuk pasien tunanetra", vec!["kesehatan".into()], vec![3, 10], vec![2025], true),
/// ];
/// let found = search(&listings, &Query { words: "braille".into(), ..Query::default() });
/// assert_eq!(found.hits, vec![1]);
/// let found = search(&listings, &Query { sdg: Some(8), ..Query::default() });
/// assert_eq!((found.hits, found.total, found.pages), (vec![0], 1, 1));
/// ```
#[must_use]
pub fn search(listings: &[Listing], query: &Query) -> Page {
    // Each word as a whole word and as the start of one, in folded text.
    let words: Vec<(String, String)> = fold(&query.words)
        .split_whitespace()
        .map(|word| (format!(" {word} "), format!(" {word}")))
        .collect();
    let mut matches: Vec<(u32, usize)> = listings
        .iter()
        .enumerate()
        .filter(|(_, listing)| listing.passes(query))
        .filter_map(|(position, listing)| {
            listing
                .relevance(&words)
                .map(|relevance| (relevance, position))
        })
        .collect();
    matches.sort_by(|(a_score, a), (b_score, b)| {
        b_score
            .cmp(a_score)
            .then_with(|| listings[*a].sort_title.cmp(&listings[*b].sort_title))
            .then_with(|| a.cmp(b))
    });
    let total = matches.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let hits = matches
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(_, position)| position)
        .collect();
    Page {
        hits,
        total,
        page,
        pages,
    }
}

#[cfg(test)]
mod tests;

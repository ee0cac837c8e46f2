//! The public catalogue of innovations: search by words (title, organisation,
//! public text) and filters (category, SDG, year, award), best matches first,
//! a page at a time.
//!
//! Anyone may search, so the cost of the worst request is bounded: a query is
//! cut to [`MAX_QUERY_CHARS`] characters and its first [`MAX_WORDS`] distinct
//! words, and the innovations are indexed once ([`Index::new`]): every word of
//! every field becomes a number in one sorted vocabulary, so a query word (or
//! the start of one) is a range of numbers found once per query, and checking
//! an innovation is a binary search over small integer lists rather than a
//! scan of its text (`cargo bench -p domain --bench catalogue` measures the
//! longest allowed query over 5,000 innovations).
use crate::onward::OnwardLevel;
use serde::{Deserialize, Serialize};

/// Innovations shown on one page of the catalogue.
pub const PAGE_SIZE: usize = 20;

/// The longest query read, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;

/// The most distinct words of a query searched for; later ones are ignored.
pub const MAX_WORDS: usize = 6;

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
    /// How far it went beyond the city (see [`Listing::reaching`]).
    pub reached: Option<OnwardLevel>,
    /// The words of its title, organisation name and public text (in that
    /// order of weight), each sorted and without repeats, until indexed.
    words: [Vec<String>; 3],
    /// The title as shown, for ordering equal matches.
    sort_title: String,
}

/// How much a word found in each field counts (title, organisation, text); a
/// whole word counts twice what the start of a longer one does.
const FIELD_WEIGHTS: [u32; 3] = [100, 10, 1];

/// What the reader asked for. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Words that must all appear (in the title, organisation or text).
    pub words: String,
    /// Category key.
    pub category: Option<String>,
    /// SDG number.
    pub sdg: Option<u8>,
    pub year: Option<i32>,
    /// Only innovations that hold an award.
    pub awarded: bool,
    /// Only innovations that went on at least this far (province or nation).
    pub reached: Option<OnwardLevel>,
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
    /// Whether part of the query was ignored (past [`MAX_QUERY_CHARS`] or
    /// [`MAX_WORDS`]), so that the page can say so.
    pub shortened: bool,
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

/// The distinct folded words of `text`, sorted.
fn word_set(text: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(text).split_whitespace().map(str::to_owned).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The words a query searches for: its first [`MAX_QUERY_CHARS`] characters,
/// folded, repeats dropped, at most [`MAX_WORDS`]; and whether anything was cut.
///
/// ```
/// use domain::catalogue::query_words;
/// assert_eq!(query_words("Pasar pasar DIGITAL"), (vec!["pasar".to_owned(), "digital".to_owned()], false));
/// assert_eq!(query_words("a b c d e f g").0.len(), 6);
/// assert!(query_words("a b c d e f g").1);
/// ```
#[must_use]
pub fn query_words(query: &str) -> (Vec<String>, bool) {
    // Only the start is looked at: a megabyte of query costs what 200 characters do.
    let mut shortened = query.chars().nth(MAX_QUERY_CHARS).is_some();
    let kept: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut words: Vec<String> = Vec::new();
    for word in fold(&kept).split_whitespace() {
        if words.iter().any(|seen| seen == word) {
            continue;
        }
        if words.len() == MAX_WORDS {
            shortened = true;
            break;
        }
        words.push(word.to_owned());
    }
    (words, shortened)
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
            reached: None,
            words: [word_set(title), word_set(organisation), word_set(text)],
            sort_title: title.to_lowercase(),
        }
    }

    /// The same listing, gone on as far as `reached`.
    #[must_use]
    pub fn reaching(self, reached: Option<OnwardLevel>) -> Listing {
        Listing { reached, ..self }
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
            && query
                .reached
                .is_none_or(|wanted| self.reached.is_some_and(|reached| reached >= wanted))
    }
}

/// A query word as vocabulary numbers: the words that start with it are the
/// numbers `from..to` (sorted order keeps them together), and the first of
/// them is the word itself when `whole`.
#[derive(Debug, Clone, Copy)]
struct WordRange {
    from: u32,
    to: u32,
    whole: bool,
}

/// The innovations prepared for searching: built once, searched many times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    listings: Vec<Listing>,
    /// Every word of every field of every innovation, sorted, once each.
    vocabulary: Vec<String>,
    /// Per innovation and field, the numbers of its words, ascending.
    numbers: Vec<[Vec<u32>; 3]>,
}

impl Index {
    /// Indexes `listings` (their positions are the positions hits refer to).
    #[must_use]
    pub fn new(mut listings: Vec<Listing>) -> Index {
        let mut vocabulary: Vec<String> = listings
            .iter()
            .flat_map(|listing| listing.words.iter().flatten().cloned())
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let number_of = |word: &String| {
            vocabulary
                .binary_search(word)
                .ok()
                .and_then(|position| u32::try_from(position).ok())
                .unwrap_or(u32::MAX)
        };
        let numbers = listings
            .iter_mut()
            .map(|listing| {
                // Sorted words give ascending numbers; the words are not kept twice.
                listing
                    .words
                    .each_mut()
                    .map(|words| std::mem::take(words).iter().map(number_of).collect())
            })
            .collect();
        Index {
            listings,
            vocabulary,
            numbers,
        }
    }

    /// The innovations, in the order given.
    #[must_use]
    pub fn listings(&self) -> &[Listing] {
        &self.listings
    }

    /// The range of vocabulary numbers of the words starting with `word`.
    fn range_of(&self, word: &str) -> WordRange {
        let from = self
            .vocabulary
            .partition_point(|known| known.as_str() < word);
        let length = self.vocabulary[from..].partition_point(|known| known.starts_with(word));
        let number = |position: usize| u32::try_from(position).unwrap_or(u32::MAX);
        WordRange {
            from: number(from),
            to: number(from + length),
            whole: self.vocabulary.get(from).is_some_and(|known| known == word),
        }
    }

    /// How well innovation `position` matches every word, or `None` when one is
    /// missing: a word in the title counts most, then the organisation, then
    /// the text; a whole word counts more than the start of one ("pasar" finds
    /// "pasaran" too).
    fn relevance(&self, position: usize, words: &[WordRange]) -> Option<u32> {
        let fields = &self.numbers[position];
        let mut total = 0;
        for word in words {
            let mut score = 0;
            for (numbers, weight) in fields.iter().zip(FIELD_WEIGHTS) {
                let first = numbers.partition_point(|&number| number < word.from);
                match numbers.get(first) {
                    Some(&number) if number == word.from && word.whole => score += weight * 2,
                    Some(&number) if number < word.to => score += weight,
                    _ => {}
                }
            }
            if score == 0 {
                return None;
            }
            total += score;
        }
        Some(total)
    }

    /// The innovations that match `query`, best first (then by title, then by
    /// position), one page of [`PAGE_SIZE`].
    ///
    /// ```
    /// use domain::catalogue::{Index, Listing, Query};
    /// let index = Index::new(vec![
    ///     Listing::new("Sepasar Pedas", "Diskopindag", "pengelolaan pasar rakyat", vec!["ekonomi".into()], vec![8], vec![2025], true),
    ///     Listing::new("Brexit", "Puskesmas Janti", "e-tiket braille untuk pasien tunanetra", vec!["kesehatan".into()], vec![3, 10], vec![2025], true),
    /// ]);
    /// let found = index.search(&Query { words: "braille".into(), ..Query::default() });
    /// assert_eq!(found.hits, vec![1]);
    /// let found = index.search(&Query { sdg: Some(8), ..Query::default() });
    /// assert_eq!((found.hits, found.total, found.pages), (vec![0], 1, 1));
    /// ```
    #[must_use]
    pub fn search(&self, query: &Query) -> Page {
        let (words, shortened) = query_words(&query.words);
        let ranges: Vec<WordRange> = words.iter().map(|word| self.range_of(word)).collect();
        // A word that starts no known word matches nothing: no scan at all.
        let mut matches: Vec<(u32, usize)> = if ranges.iter().any(|range| range.from == range.to) {
            Vec::new()
        } else {
            self.listings
                .iter()
                .enumerate()
                .filter(|(_, listing)| listing.passes(query))
                .filter_map(|(position, _)| {
                    self.relevance(position, &ranges)
                        .map(|relevance| (relevance, position))
                })
                .collect()
        };
        let listings = &self.listings;
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
            shortened,
        }
    }
}

/// Searches `listings` once (indexing them first); a catalogue that is searched
/// again keeps an [`Index`] instead.
///
/// ```
/// use domain::catalogue::{Listing, Query, search};
/// let listings = vec![Listing::new("Brexit", "Puskesmas Janti", "braille", vec![], vec![], vec![], true)];
/// assert_eq!(search(&listings, &Query { words: "brail".into(), ..Query::default() }).hits, vec![0]);
/// ```
#[must_use]
pub fn search(listings: &[Listing], query: &Query) -> Page {
    Index::new(listings.to_vec()).search(query)
}

#[cfg(test)]
mod tests;

use super::*;
use proptest::prelude::*;

fn listing(title: &str, organisation: &str, text: &str) -> Listing {
    Listing::new(
        title,
        organisation,
        text,
        vec!["umum".into()],
        vec![1],
        vec![2025],
        false,
    )
}

#[test]
fn folding_lowers_and_separates_words() {
    assert_eq!(fold("SI-RETA (Pasar)!"), " si reta pasar ");
    assert_eq!(fold(""), " ");
    assert_eq!(fold("  e-BSM  "), " e bsm ");
}

#[test]
fn words_match_in_title_organisation_and_text_best_first() {
    let listings = vec![
        listing(
            "Bank Sampah",
            "Kelurahan Tlogomas",
            "warga memilah sampah pasar",
        ),
        listing("Sepasar Pedas", "Diskopindag", "pengelolaan pasar"),
        listing("Pasar Digital", "Dinas Pasar", "transaksi"),
    ];
    let found = search(
        &listings,
        &Query {
            words: "pasar".into(),
            ..Query::default()
        },
    );
    // Whole word in the title and organisation, then whole word in the text; the
    // title "Sepasar" does not start with the word, so only its text matches.
    assert_eq!(found.hits, vec![2, 0, 1]);
    let found = search(
        &listings,
        &Query {
            words: "PASAR sampah".into(),
            ..Query::default()
        },
    );
    assert_eq!(found.hits, vec![0]);
    let found = search(
        &listings,
        &Query {
            words: "tidak ada".into(),
            ..Query::default()
        },
    );
    assert_eq!((found.total, found.pages, found.page), (0, 1, 1));
}

#[test]
fn a_word_may_be_the_start_of_a_longer_one() {
    let listings = vec![listing("Posyandu Terhubung", "Puskesmas", "")];
    let found = search(
        &listings,
        &Query {
            words: "posyan".into(),
            ..Query::default()
        },
    );
    assert_eq!(found.hits, vec![0]);
    let found = search(
        &listings,
        &Query {
            words: "yandu".into(),
            ..Query::default()
        },
    );
    assert!(found.hits.is_empty());
}

#[test]
fn filters_combine() {
    let listings = vec![
        Listing::new(
            "A",
            "",
            "",
            vec!["kesehatan".into()],
            vec![3],
            vec![2024],
            true,
        ),
        Listing::new(
            "B",
            "",
            "",
            vec!["kesehatan".into()],
            vec![3, 10],
            vec![2025],
            false,
        ),
        Listing::new(
            "C",
            "",
            "",
            vec!["pendidikan".into()],
            vec![4],
            vec![2025],
            true,
        ),
    ];
    let by = |query: Query| search(&listings, &query).hits;
    assert_eq!(
        by(Query {
            category: Some("kesehatan".into()),
            ..Query::default()
        }),
        vec![0, 1]
    );
    assert_eq!(
        by(Query {
            sdg: Some(10),
            ..Query::default()
        }),
        vec![1]
    );
    assert_eq!(
        by(Query {
            year: Some(2025),
            ..Query::default()
        }),
        vec![1, 2]
    );
    assert_eq!(
        by(Query {
            awarded: true,
            year: Some(2025),
            ..Query::default()
        }),
        vec![2]
    );
}

#[test]
fn the_onward_filter_keeps_what_went_at_least_that_far() {
    use crate::onward::OnwardLevel::{Nasional, Provinsi};
    let listings = vec![
        listing("Kota saja", "", ""),
        listing("Provinsi", "", "").reaching(Some(Provinsi)),
        listing("Nasional", "", "").reaching(Some(Nasional)),
    ];
    let by = |reached| {
        search(
            &listings,
            &Query {
                reached,
                ..Query::default()
            },
        )
        .hits
    };
    assert_eq!(by(None), vec![0, 2, 1]);
    assert_eq!(by(Some(Provinsi)), vec![2, 1]);
    assert_eq!(by(Some(Nasional)), vec![2]);
}

#[test]
fn pages_hold_twenty_and_a_page_past_the_end_shows_the_last() {
    let listings: Vec<Listing> = (0..45)
        .map(|n| listing(&format!("Inovasi {n:02}"), "", ""))
        .collect();
    let first = search(&listings, &Query::default());
    assert_eq!(
        (first.total, first.pages, first.page, first.hits.len()),
        (45, 3, 1, 20)
    );
    let last = search(
        &listings,
        &Query {
            page: 9,
            ..Query::default()
        },
    );
    assert_eq!((last.page, last.hits.len()), (3, 5));
    assert_eq!(last.hits[0], 40);
}

fn arbitrary_listing() -> impl Strategy<Value = Listing> {
    (
        "[a-c ]{0,12}",
        "[a-c ]{0,6}",
        "[a-c ]{0,20}",
        prop::sample::select(vec!["x", "y"]),
        1u8..4,
        2023i32..2026,
        any::<bool>(),
        any_level(),
    )
        .prop_map(
            |(title, organisation, text, category, sdg, year, awarded, reached)| {
                Listing::new(
                    &title,
                    &organisation,
                    &text,
                    vec![category.into()],
                    vec![sdg],
                    vec![year],
                    awarded,
                )
                .reaching(reached)
            },
        )
}

fn arbitrary_query() -> impl Strategy<Value = Query> {
    (
        "[a-c ]{0,4}",
        prop::option::of(prop::sample::select(vec!["x".to_owned(), "y".to_owned()])),
        prop::option::of(1u8..4),
        prop::option::of(2023i32..2026),
        any::<bool>(),
        any_level(),
    )
        .prop_map(|(words, category, sdg, year, awarded, reached)| Query {
            words,
            category,
            sdg,
            year,
            awarded,
            reached,
            page: 1,
        })
}

fn any_level() -> impl Strategy<Value = Option<crate::onward::OnwardLevel>> {
    prop::option::of(prop::sample::select(
        crate::onward::OnwardLevel::ALL.to_vec(),
    ))
}

proptest! {
    /// Walking every page lists each match exactly once, and only matches.
    #[test]
    fn pages_partition_the_matches(listings in prop::collection::vec(arbitrary_listing(), 0..70), query in arbitrary_query()) {
        let first = search(&listings, &query);
        let mut seen = Vec::new();
        for page in 1..=first.pages {
            let found = search(&listings, &Query { page, ..query.clone() });
            prop_assert_eq!(found.total, first.total);
            prop_assert!(found.hits.len() <= PAGE_SIZE);
            seen.extend(found.hits);
        }
        prop_assert_eq!(seen.len(), first.total);
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        prop_assert_eq!(unique.len(), seen.len());
        for position in seen {
            prop_assert!(listings[position].passes(&query));
        }
    }

    /// The order of the innovations given never changes which ones match.
    #[test]
    fn matches_do_not_depend_on_input_order(listings in prop::collection::vec(arbitrary_listing(), 0..30), query in arbitrary_query()) {
        let forward = search(&listings, &Query { page: 1, ..query.clone() });
        let reversed: Vec<Listing> = listings.iter().rev().cloned().collect();
        let backward = search(&reversed, &Query { page: 1, ..query.clone() });
        prop_assert_eq!(forward.total, backward.total);
    }

    /// Adding a word never finds more.
    #[test]
    fn more_words_never_find_more(listings in prop::collection::vec(arbitrary_listing(), 0..30), query in arbitrary_query(), extra in "[a-c]{1,2}") {
        let narrower = Query { words: format!("{} {extra}", query.words), ..query.clone() };
        prop_assert!(search(&listings, &narrower).total <= search(&listings, &query).total);
    }
}

#[test]
fn a_huge_query_is_cut_to_its_first_distinct_words() {
    let listings = vec![listing("Pasar Digital", "Diskopindag", "pasar rakyat")];
    // 200,000 words, as an attacker might send: only the first few are read.
    let huge = "pasar ".repeat(100_000) + &"digital ".repeat(100_000);
    let found = search(
        &listings,
        &Query {
            words: huge,
            ..Query::default()
        },
    );
    // The first 200 characters hold only "pasar": "digital" was never read.
    assert_eq!(found.hits, vec![0]);
    assert!(found.shortened);
    let (words, shortened) = query_words("satu dua tiga empat lima enam tujuh");
    assert_eq!(words.len(), MAX_WORDS);
    assert!(shortened);
    assert_eq!(
        query_words("Pasar, PASAR; pasar"),
        (vec!["pasar".to_owned()], false)
    );
}

#[test]
fn an_unknown_word_matches_nothing_and_an_empty_index_finds_nothing() {
    let index = Index::new(vec![listing("Pasar", "", "")]);
    let found = index.search(&Query {
        words: "zzz".into(),
        ..Query::default()
    });
    assert_eq!((found.total, found.hits.len()), (0, 0));
    let empty = Index::new(Vec::new());
    assert_eq!(empty.search(&Query::default()).total, 0);
}

/// The search as first written: substring matching on folded text, kept here as
/// the reference the index must agree with.
fn reference_search(listings: &[(String, String, String)], words: &[String]) -> Vec<(u32, usize)> {
    let mut found = Vec::new();
    for (position, (title, organisation, text)) in listings.iter().enumerate() {
        let fields = [fold(title), fold(organisation), fold(text)];
        let mut total = 0;
        let mut all = true;
        for word in words {
            let (whole, start) = (format!(" {word} "), format!(" {word}"));
            let score: u32 = fields
                .iter()
                .zip(FIELD_WEIGHTS)
                .map(|(field, weight)| {
                    if field.contains(&whole) {
                        weight * 2
                    } else if field.contains(&start) {
                        weight
                    } else {
                        0
                    }
                })
                .sum();
            if score == 0 {
                all = false;
                break;
            }
            total += score;
        }
        if all {
            found.push((total, position));
        }
    }
    found
}

proptest! {
    /// The index finds exactly what scanning the text finds, with the same
    /// relevance, for any texts and any query.
    #[test]
    fn the_index_agrees_with_scanning_the_text(
        texts in prop::collection::vec(("[a-c ]{0,10}", "[a-c ]{0,6}", "[a-d ]{0,24}"), 0..40),
        words in "[a-d ]{0,10}",
    ) {
        let listings: Vec<Listing> = texts
            .iter()
            .map(|(title, organisation, text)| listing(title, organisation, text))
            .collect();
        let index = Index::new(listings);
        let (query, _) = query_words(&words);
        let ranges: Vec<_> = query.iter().map(|word| index.range_of(word)).collect();
        let mut expected = reference_search(&texts, &query);
        expected.sort_unstable();
        let mut got: Vec<(u32, usize)> = (0..texts.len())
            .filter_map(|position| index.relevance(position, &ranges).map(|score| (score, position)))
            .collect();
        got.sort_unstable();
        prop_assert_eq!(got, expected);
    }
}

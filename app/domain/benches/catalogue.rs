//! The catalogue search at the size of a province's registry: 5,000 innovations
//! with a few hundred words of public text each, searched for two words with a
//! category filter (the common case), with no words at all (the first page), and
//! with the most expensive query anyone may send: the longest allowed, its six
//! words all common to every innovation (no early exit), and a 200,000-word
//! query that is cut to its start. Target: the worst case under 5 ms.
//! Run with `cargo bench -p domain --bench catalogue`; criterion prints the
//! medians (the catalogue page calls `Index::search` once per request).

use criterion::Criterion;
use domain::catalogue::{Index, Listing, MAX_QUERY_CHARS, Query};
use std::hint::black_box;

const INNOVATIONS: usize = 5_000;
const WORDS_PER_TEXT: usize = 300;
const VOCABULARY: &[&str] = &[
    "layanan",
    "warga",
    "pasar",
    "kesehatan",
    "sekolah",
    "digital",
    "antrean",
    "sampah",
    "posyandu",
    "puskesmas",
    "retribusi",
    "pengaduan",
    "aplikasi",
    "kelurahan",
    "pelajar",
    "lansia",
    "disabilitas",
    "air",
    "banjir",
    "izin",
    "dokumen",
    "akta",
    "pajak",
    "umkm",
];

fn listings() -> Vec<Listing> {
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    (0..INNOVATIONS)
        .map(|index| {
            let text: Vec<&str> = (0..WORDS_PER_TEXT)
                .map(|_| VOCABULARY[next() % VOCABULARY.len()])
                .collect();
            let title = format!("Inovasi {index} {}", VOCABULARY[next() % VOCABULARY.len()]);
            let category = format!("kategori-{}", next() % 8);
            Listing::new(
                &title,
                &format!("Organisasi {}", next() % 300),
                &text.join(" "),
                vec![category],
                vec![(next() % 17 + 1) as u8],
                vec![2020 + (next() % 6) as i32],
                next() % 5 == 0,
            )
        })
        .collect()
}

fn main() {
    let listings = Index::new(listings());
    let mut criterion = Criterion::default().configure_from_args();
    let words = Query {
        words: "antrean digital".into(),
        category: Some("kategori-3".into()),
        page: 1,
        ..Query::default()
    };
    criterion.bench_function("catalogue_words_5000", |bench| {
        bench.iter(|| black_box(&listings).search(black_box(&words)))
    });
    let first_page = Query {
        page: 1,
        ..Query::default()
    };
    criterion.bench_function("catalogue_first_page_5000", |bench| {
        bench.iter(|| black_box(&listings).search(black_box(&first_page)))
    });
    // Six words every innovation's text holds (a prefix of many words too), padded
    // to the longest query read: every innovation is checked for every word.
    let mut worst_words = "a l p s d k ".to_owned();
    while worst_words.len() < MAX_QUERY_CHARS {
        worst_words.push(' ');
    }
    let worst = Query {
        words: worst_words,
        page: 1,
        ..Query::default()
    };
    criterion.bench_function("catalogue_worst_query_5000", |bench| {
        bench.iter(|| black_box(&listings).search(black_box(&worst)))
    });
    let huge = Query {
        words: "layanan warga pasar kesehatan sekolah digital ".repeat(200_000 / 6),
        page: 1,
        ..Query::default()
    };
    criterion.bench_function("catalogue_200000_words_5000", |bench| {
        bench.iter(|| black_box(&listings).search(black_box(&huge)))
    });
    criterion.final_summary();
}

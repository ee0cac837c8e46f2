//! Examples pinning the proposal rules (DESIGN.md "Proposal template"); the
//! properties are in proposal_properties.rs.

use domain::edition::Group;
use domain::proposal::{
    AnswerProblem, CivilDate, Ineligible, InnovationFacts, Template, check_answers, eligibility,
    word_count, youtube_video_id,
};

#[test]
fn each_group_gets_the_national_forms_sections_with_their_limits() {
    let template = Template::national();
    let keys = |group| {
        template
            .sections_for(group)
            .map(|s| (s.key.as_str(), s.word_limit))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        keys(Group::Umum),
        vec![
            ("ringkasan", 200),
            ("ide_inovatif", 600),
            ("signifikansi", 600),
            ("kontribusi_sdgs", 200),
            ("adaptabilitas", 400),
            ("keberlanjutan", 600),
            ("kolaborasi", 200)
        ]
    );
    assert_eq!(
        keys(Group::Replikasi),
        vec![
            ("ringkasan", 200),
            ("inspirasi", 100),
            ("proses_replikasi", 200),
            ("faktor_pembeda", 100)
        ]
    );
    assert_eq!(
        keys(Group::Khusus),
        vec![
            ("ringkasan", 200),
            ("pembaruan", 200),
            ("adaptabilitas_khusus", 200),
            ("penguatan_keberlanjutan", 300),
            ("evaluasi", 300)
        ]
    );
}

#[test]
fn words_are_runs_with_a_letter_or_digit() {
    assert_eq!(word_count(""), 0);
    assert_eq!(word_count("  \n\t "), 0);
    assert_eq!(word_count("satu"), 1);
    assert_eq!(word_count("satu - dua • tiga"), 3);
    assert_eq!(word_count("e-KTP,\nKK; akta."), 3);
    assert_eq!(word_count("100 % warga"), 2);
}

#[test]
fn drafts_may_be_incomplete_but_never_over_the_limit() {
    let template = Template::national();
    let long = "kata ".repeat(201);
    let draft = check_answers(
        &template,
        Group::Replikasi,
        [("ringkasan", long.as_str())],
        false,
    );
    assert_eq!(
        draft,
        vec![AnswerProblem::TooManyWords {
            section: "ringkasan".into(),
            words: 201,
            limit: 200
        }]
    );
    let exactly = "kata ".repeat(200);
    assert!(
        check_answers(
            &template,
            Group::Replikasi,
            [("ringkasan", exactly.as_str())],
            false
        )
        .is_empty()
    );
}

#[test]
fn submitting_needs_every_required_section_of_the_group() {
    let template = Template::national();
    let answers = [("ringkasan", "Ringkas."), ("inspirasi", "Dari Surabaya.")];
    let problems = check_answers(&template, Group::Replikasi, answers, true);
    assert_eq!(
        problems,
        vec![
            AnswerProblem::Missing {
                section: "proses_replikasi".into()
            },
            AnswerProblem::Missing {
                section: "faktor_pembeda".into()
            },
        ]
    );
    let blank = check_answers(&template, Group::Replikasi, [("ringkasan", "  — ")], true);
    assert!(blank.contains(&AnswerProblem::Missing {
        section: "ringkasan".into()
    }));
}

#[test]
fn an_answer_for_another_groups_section_is_refused() {
    let template = Template::national();
    let problems = check_answers(&template, Group::Umum, [("evaluasi", "Teks.")], false);
    assert_eq!(
        problems,
        vec![AnswerProblem::UnknownSection {
            section: "evaluasi".into()
        }]
    );
    assert!(check_answers(&template, Group::Umum, [("evaluasi", "  ")], false).is_empty());
}

#[test]
fn youtube_links_people_paste_are_understood_and_others_refused() {
    let id = Some("dQw4w9WgXcQ".to_owned());
    for url in [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=10",
        "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        " https://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ ",
    ] {
        assert_eq!(youtube_video_id(url), id, "{url}");
    }
    for url in [
        "",
        "youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC1234567890",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/youtu.be/dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://youtu.be/dQw4w9WgXc<",
    ] {
        assert_eq!(youtube_video_id(url), None, "{url}");
    }
}

#[test]
fn running_years_count_whole_years_only() {
    let start = CivilDate::parse("2022-05-02").unwrap_or_else(|| unreachable!());
    let day = |text| CivilDate::parse(text).unwrap_or_else(|| unreachable!());
    assert_eq!(start.whole_years_until(day("2024-05-01")), 1);
    assert_eq!(start.whole_years_until(day("2024-05-02")), 2);
    assert_eq!(start.whole_years_until(day("2021-01-01")), 0);
    assert_eq!(CivilDate::parse("2024-13-01"), None);
    assert_eq!(CivilDate::parse("kemarin"), None);
}

#[test]
fn eligibility_gives_every_reason() {
    let today = CivilDate {
        year: 2026,
        month: 3,
        day: 1,
    };
    let young_copy = InnovationFacts {
        started_on: CivilDate {
            year: 2025,
            month: 6,
            day: 1,
        },
        won_before: false,
        names_its_original: false,
    };
    assert_eq!(
        eligibility(&young_copy, Group::Replikasi, 1, today),
        vec![
            Ineligible::TooYoung {
                required: 1,
                running: 0
            },
            Ineligible::OriginalNotNamed
        ]
    );
    assert_eq!(
        eligibility(&young_copy, Group::Khusus, 0, today),
        vec![Ineligible::NotAPastWinner]
    );
    let winner = InnovationFacts {
        started_on: CivilDate {
            year: 2019,
            month: 1,
            day: 1,
        },
        won_before: true,
        names_its_original: false,
    };
    assert!(eligibility(&winner, Group::Khusus, 2, today).is_empty());
    assert!(eligibility(&winner, Group::Umum, 2, today).is_empty());
}

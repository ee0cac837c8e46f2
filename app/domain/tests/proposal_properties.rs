//! Properties of the proposal rules that no example list can pin down.

use domain::edition::Group;
use domain::proposal::{AnswerProblem, Template, check_answers, word_count, youtube_video_id};
use proptest::prelude::*;

proptest! {
    /// Joining two texts with whitespace adds their word counts: the counter in
    /// the browser and the check on the server can never disagree at a boundary.
    #[test]
    fn word_counts_add_up(a in "\\PC{0,80}", b in "\\PC{0,80}", gap in "[ \\n\\t]{1,3}") {
        prop_assert_eq!(word_count(&format!("{a}{gap}{b}")), word_count(&a) + word_count(&b));
    }

    /// A text is over a section's limit exactly when it has more words than the limit.
    #[test]
    fn the_limit_is_exact(words in 0_usize..260) {
        let text = vec!["kata"; words].join(" ");
        let problems = check_answers(&Template::national(), Group::Umum, [("ringkasan", text.as_str())], false);
        prop_assert_eq!(!problems.is_empty(), words > 200);
        if let Some(AnswerProblem::TooManyWords { words: counted, .. }) = problems.first() {
            prop_assert_eq!(*counted, words);
        }
    }

    /// Whatever is pasted, an accepted link yields an 11-character id of URL-safe
    /// characters: nothing else can reach an embed.
    #[test]
    fn accepted_video_ids_are_always_safe(url in "\\PC{0,60}") {
        if let Some(id) = youtube_video_id(&url) {
            prop_assert_eq!(id.len(), 11);
            prop_assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
    }
}

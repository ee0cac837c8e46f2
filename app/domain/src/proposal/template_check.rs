//! What makes an edited proposal template usable: at least one section, every
//! section with a stable key (lowercase letters, digits, `_`), unique, a heading,
//! and a word limit between 1 and 5,000.

use super::Template;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The most words a section may ask for.
pub const MAX_WORD_LIMIT: usize = 5_000;

/// What is wrong with one row of an edited template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemplateProblem {
    /// The template has no section.
    NoSection,
    /// The key is empty or has characters other than `a-z`, `0-9`, `_`.
    BadKey {
        /// Row, from 0.
        row: usize,
    },
    /// Another row has the same key.
    DuplicateKey {
        /// Row, from 0.
        row: usize,
    },
    /// The heading is empty.
    NoLabel {
        /// Row, from 0.
        row: usize,
    },
    /// The word limit is 0 or above [`MAX_WORD_LIMIT`].
    BadWordLimit {
        /// Row, from 0.
        row: usize,
    },
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Every problem of `template`, row by row.
///
/// ```
/// use domain::proposal::{Template, check_template};
/// assert!(check_template(&Template::national()).is_empty());
/// ```
#[must_use]
pub fn check_template(template: &Template) -> Vec<TemplateProblem> {
    if template.sections.is_empty() {
        return vec![TemplateProblem::NoSection];
    }
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for (row, section) in template.sections.iter().enumerate() {
        if !is_key(&section.key) {
            problems.push(TemplateProblem::BadKey { row });
        } else if !seen.insert(section.key.as_str()) {
            problems.push(TemplateProblem::DuplicateKey { row });
        }
        if section.label.trim().is_empty() {
            problems.push(TemplateProblem::NoLabel { row });
        }
        if section.word_limit == 0 || section.word_limit > MAX_WORD_LIMIT {
            problems.push(TemplateProblem::BadWordLimit { row });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_checked_and_reported() {
        let mut template = Template::national();
        template.sections[1].key = "Ide Inovatif".into();
        template.sections[2].key = "ringkasan".into();
        template.sections[3].label = "  ".into();
        template.sections[4].word_limit = 0;
        template.sections[5].word_limit = MAX_WORD_LIMIT + 1;
        assert_eq!(
            check_template(&template),
            vec![
                TemplateProblem::BadKey { row: 1 },
                TemplateProblem::DuplicateKey { row: 2 },
                TemplateProblem::NoLabel { row: 3 },
                TemplateProblem::BadWordLimit { row: 4 },
                TemplateProblem::BadWordLimit { row: 5 },
            ]
        );
    }

    #[test]
    fn an_empty_template_is_refused() {
        assert_eq!(
            check_template(&Template { sections: vec![] }),
            vec![TemplateProblem::NoSection]
        );
    }
}

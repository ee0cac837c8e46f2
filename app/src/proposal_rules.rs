//! The checks a proposal must pass before it is submitted, shared by the server
//! (which enforces them) and the browser (which shows them while typing).

use crate::error::{FieldError, Problem};
use crate::model::DraftContent;
use domain::edition::Group;
use domain::proposal::{AnswerProblem, Template, check_answers, youtube_video_id};

/// What would stop `content` from being submitted under `template`, field by field.
#[must_use]
pub fn submission_problems(
    template: &Template,
    group: Group,
    content: &DraftContent,
) -> Vec<FieldError> {
    let answers = content
        .answers
        .iter()
        .map(|(key, text)| (key.as_str(), text.as_str()));
    let mut problems: Vec<FieldError> = check_answers(template, group, answers, true)
        .into_iter()
        .map(|problem| match problem {
            AnswerProblem::TooManyWords {
                section,
                words,
                limit,
            } => FieldError {
                field: format!("answers.{section}"),
                problem: Problem::TooManyWords { words, limit },
            },
            AnswerProblem::Missing { section } => FieldError {
                field: format!("answers.{section}"),
                problem: Problem::Required,
            },
            AnswerProblem::UnknownSection { section } => FieldError {
                field: format!("answers.{section}"),
                problem: Problem::UnknownChoice { given: section },
            },
        })
        .collect();
    if let Some(problem) = video_problem(&content.video_url) {
        problems.push(FieldError {
            field: "video_url".into(),
            problem,
        });
    }
    if !content.declarations {
        problems.push(FieldError {
            field: "declarations".into(),
            problem: Problem::Required,
        });
    }
    problems
}

/// Why `url` is not an acceptable video link (empty is fine: the video is optional).
#[must_use]
pub fn video_problem(url: &str) -> Option<Problem> {
    let url = url.trim();
    (!url.is_empty() && youtube_video_id(url).is_none()).then_some(Problem::BadVideoUrl)
}

/// The form's sections as a template (every one applies: the page lists only the
/// entry's group's), for checking in the browser what the server will check.
#[must_use]
pub fn template_of(sections: &[crate::model::SectionView]) -> Template {
    Template {
        sections: sections
            .iter()
            .map(|section| domain::proposal::Section {
                key: section.key.clone(),
                label: section.label.clone(),
                prompt: section.prompt.clone(),
                word_limit: section.word_limit,
                required: section.required,
                evidence: false,
                groups: Vec::new(),
                public: false,
            })
            .collect(),
    }
}

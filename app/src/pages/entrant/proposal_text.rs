//! A proposal's text, read-only: once it has left its writers, and on paper.

use crate::components::labels::I18n;
use crate::components::labels::problem_text;
use crate::error::FieldError;
use crate::i18n::*;
use crate::model::{ProposalView, SectionView};
use leptos::prelude::*;

/// The sections in the form's order, the video link and the declarations.
#[component]
pub fn ProposalText(data: ProposalView) -> impl IntoView {
    let i18n = use_i18n();
    let problems = data.problems.clone();
    view! {
        <section class="card stack proposal-text" aria-labelledby="proposal-title" data-test="proposal-text">
            <h2 class="card-title" id="proposal-title">{t_string!(i18n, entrant.proposal)}</h2>
            {data.sections.iter().map(|section| {
                let text = data.content.answers.get(&section.key).cloned().unwrap_or_default();
                let empty = text.trim().is_empty();
                view! {
                    <section>
                        <h3>{section.label.clone()}</h3>
                        {if empty {
                            view! { <p class="muted">{t_string!(i18n, entrant.empty_section)}</p> }.into_any()
                        } else {
                            text.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view().into_any()
                        }}
                    </section>
                }
            }).collect_view()}
            <p>
                <strong>{t_string!(i18n, entrant.video)}": "</strong>
                {if data.content.video_url.is_empty() { "—".to_owned() } else { data.content.video_url.clone() }}
            </p>
            {(!problems.is_empty()).then(|| view! {
                <div class="alert alert-warning no-print" data-test="submission-problems">
                    <p class="mb-0"><strong>{t_string!(i18n, entrant.before_submitting)}</strong></p>
                    <ProblemList problems sections=data.sections.clone()/>
                </div>
            })}
        </section>
    }
}

/// The name a writer knows a field by: the section's heading, "Video", …
pub fn field_label(i18n: I18n, sections: &[SectionView], field: &str) -> String {
    match field.strip_prefix("answers.") {
        Some(key) => sections
            .iter()
            .find(|section| section.key == key)
            .map_or_else(|| key.to_owned(), |section| section.label.clone()),
        None if field == "video_url" => t_string!(i18n, entrant.video).to_owned(),
        None if field == "declarations" => t_string!(i18n, entrant.declarations).to_owned(),
        None => field.to_owned(),
    }
}

/// What would stop a submission, field by field.
#[component]
pub fn ProblemList(problems: Vec<FieldError>, sections: Vec<SectionView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul>{problems.into_iter().map(|problem| {
            let sections = sections.clone();
            let field = problem.field.clone();
            view! {
                <li>
                    {move || field_label(i18n, &sections, &field)}": "
                    {move || problem_text(i18n, &problem.problem)}
                </li>
            }
        }).collect_view()}</ul>
    }
}

//! An edition's timeline: submission window and stages, the current one marked.

use crate::components::dates::format_local;
use crate::components::labels::stage_kind;
use crate::i18n::*;
use crate::model::{Phase, TimelineStep};
use leptos::prelude::*;

/// The timeline as an ordered list.
#[component]
pub fn Timeline(steps: Vec<TimelineStep>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline" data-test="timeline">
            {steps.into_iter().map(|step| {
                let class = match step.phase {
                    Phase::Done => "timeline-item is-done",
                    Phase::Current => "timeline-item is-current",
                    Phase::Upcoming => "timeline-item is-upcoming",
                };
                let title = if step.title.is_empty() { stage_kind(i18n, step.kind) } else { step.title.clone() };
                let current = step.phase == Phase::Current;
                let (opens, closes) = (step.opens_at.clone(), step.closes_at.clone());
                view! {
                    <li class=class aria-current=current.then_some("step")>
                        <p class="timeline-title">
                            {title}
                            {current.then(|| view! { " "<span class="timeline-badge">{t_string!(i18n, home.now)}</span> })}
                        </p>
                        <p class="timeline-dates">
                            {move || format_local(i18n, &opens)}" "{t_string!(i18n, time.until)}" "{move || format_local(i18n, &closes)}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

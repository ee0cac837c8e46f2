//! The entry's history as its organisation sees it: created, returned (with the
//! comment), endorsed, submitted, a deadline extended.

use crate::components::labels::I18n;
use crate::i18n::*;
use crate::model::HistoryStep;
use leptos::prelude::*;

fn action_label(i18n: I18n, action: &str) -> String {
    match action {
        "create" => t_string!(i18n, entrant.history_create),
        "return" => t_string!(i18n, entrant.history_return),
        "endorse" => t_string!(i18n, entrant.history_endorse),
        "submit" => t_string!(i18n, entrant.history_submit),
        "revise" => t_string!(i18n, entrant.history_revise),
        "extend_deadline" => t_string!(i18n, entrant.history_extend),
        "screen_in" => t_string!(i18n, entrant.history_screen_in),
        "screen_out" => t_string!(i18n, entrant.history_screen_out),
        "advance" => t_string!(i18n, entrant.history_advance),
        "eliminate" => t_string!(i18n, entrant.history_eliminate),
        other => return other.to_owned(),
    }
    .to_owned()
}

/// The status timeline.
#[component]
pub fn EntryHistory(steps: Vec<HistoryStep>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="history-title" data-test="entry-history">
            <h2 class="card-title" id="history-title">{t_string!(i18n, entrant.history)}</h2>
            <ol class="history">
                {steps.into_iter().map(|step| {
                    let action = step.action.clone();
                    view! {
                        <li>
                            <strong>{move || action_label(i18n, &action)}</strong>
                            <span class="muted">" · "{step.at}{step.actor.map(|who| format!(" · {who}"))}</span>
                            {step.note.map(|note| view! { <p class="mb-0">{note}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

//! Taking a judge off an entry, on the stage dashboard: the committee's remedy
//! once a judge can no longer recuse themselves (their sheet is submitted).
//! One plain form with a written reason; it works without JavaScript.

use crate::api::stages::RemoveJudge;
use crate::components::form::{FormAlert, TextArea, action_error, typed_or};
use crate::components::labels::problem_text;
use crate::i18n::*;
use crate::tr;
use domain::scoring::StageKey;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The form, for the stage's standing assignments (`ENTRY/JUDGE`, label).
#[component]
pub fn RemoveJudgeForm(
    slug: String,
    stage: StageKey,
    standing: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveJudge>::new();
    let error = action_error(remove);
    let query = use_query_map();
    let removed = move || query.read().get("removed").is_some();
    let assignment_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("assignment").map(|p| problem_text(i18n, p)))
    };
    view! {
        <details class="card" open=move || error.get().is_some() || removed() data-test="remove-judge">
            <summary class="card-title">{t_string!(i18n, results.remove_title)}</summary>
            <p class="muted">{t_string!(i18n, results.remove_lead)}</p>
            <Show when=removed>
                <p class="alert alert-success" role="status" data-test="judge-removed">{t_string!(i18n, results.remove_done)}</p>
            </Show>
            <ActionForm action=remove attr:class="form stack">
                <FormAlert error/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="stage" value=stage.to_string()/>
                <div class="field">
                    <label class="field-label" for="remove-assignment">{t_string!(i18n, results.remove_assignment)}</label>
                    <select id="remove-assignment" name="assignment">
                        {standing.into_iter().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view()}
                    </select>
                    {move || assignment_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <TextArea name="reason" label=tr!(i18n, results.remove_reason)
                    value=typed_or(error, "reason", String::new()) rows=2 error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary" disabled=move || remove.pending().get()>
                        {t_string!(i18n, results.remove_submit)}
                    </button>
                </div>
            </ActionForm>
        </details>
    }
}

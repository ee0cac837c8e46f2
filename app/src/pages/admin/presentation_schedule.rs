//! A presentation stage's schedule on its dashboard: each entry's slot, and
//! the button that sends every judge their own slots with calendar files.

use crate::api::stages::SendPresentationSchedule;
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::fill;
use crate::i18n::*;
use crate::model::ScheduleSlot;
use crate::pages::admin::can_edit;
use domain::scoring::StageKey;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The schedule, and for those who may, the button to send it.
#[component]
pub fn PresentationSchedule(
    slug: String,
    stage: StageKey,
    slots: Vec<ScheduleSlot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let send = ServerAction::<SendPresentationSchedule>::new();
    let error = action_error(send);
    let query = use_query_map();
    let sent = move || query.read().get("schedule_sent");
    view! {
        <section class="card stack" id="schedule" aria-labelledby="schedule-title" data-test="presentation-schedule">
            <h2 class="card-title" id="schedule-title">{t_string!(i18n, results.schedule_title)}</h2>
            <p class="muted">{t_string!(i18n, results.schedule_lead)}</p>
            {move || sent().map(|count| view! {
                <p class="alert alert-success" role="status" data-test="schedule-sent">
                    {fill(t_string!(i18n, results.schedule_sent), &[("count", count)])}
                </p>
            })}
            <DataTable test="schedule-slots" head=move || view! {
                <th scope="col">{t_string!(i18n, results.col_time)}</th>
                <th scope="col">{t_string!(i18n, results.col_title)}</th>
                <th scope="col" class="num">{t_string!(i18n, results.col_judges)}</th>
            }>
                {slots.into_iter().map(|slot| {
                    let starts = slot.starts_at.clone();
                    let ends = slot.ends_at.clone();
                    view! {
                        <tr data-entry=slot.entry.to_string()>
                            <td>{move || format!("{} – {}", format_local(i18n, &starts), format_local(i18n, &ends))}</td>
                            <th scope="row">{slot.title}</th>
                            <td class="num">{slot.judges}</td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
            {can_edit().get_untracked().then(|| view! {
                <ActionForm action=send attr:class="form" attr:data-test="send-schedule">
                    <FormAlert error/>
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="stage" value=stage.to_string()/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-secondary"
                            aria-busy=move || if send.pending().get() { "true" } else { "false" }
                            disabled=move || send.pending().get()>
                            {t_string!(i18n, results.schedule_send)}
                        </button>
                    </div>
                </ActionForm>
            })}
        </section>
    }
}

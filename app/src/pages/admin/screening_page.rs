//! `/admin/editions/:slug/screening`: administrative screening. Entries still
//! waiting can be passed together; each entry also has its own form with the
//! checklist, a reason, and pass or fail. Plain forms: they work without
//! JavaScript; with it, the page reads the entries again after each decision.

use crate::api::screening::{PassEntries, ScreenEntry, load_screening};
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::{entry_state, fill, group, problem_text};
use crate::components::page_data::page_resource;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::{ScreeningRow, ScreeningView};
use crate::pages::admin::can_edit;
use domain::entry_state::EntryStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn ScreeningPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let screening = page_resource(slug, load_screening);
    let screen = ServerAction::<ScreenEntry>::new();
    let pass = ServerAction::<PassEntries>::new();
    Effect::watch(
        move || (screen.version().get(), pass.version().get()),
        move |_, _, _| screening.refetch(),
        false,
    );
    let query = use_query_map();
    let decided = move || query.read().get("decided");
    view! {
        <Title text=t_string!(i18n, screening.title).to_string()/>
        {loaded_page(screening, move |data| view! { <Screening data slug=slug() screen pass decided=decided()/> }.into_any())}
    }
}

#[component]
fn Screening(
    data: ScreeningView,
    slug: String,
    screen: ServerAction<ScreenEntry>,
    pass: ServerAction<PassEntries>,
    decided: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let can_edit = can_edit().get_untracked();
    let waiting: Vec<ScreeningRow> = data
        .rows
        .iter()
        .filter(|row| row.state == EntryStatus::Submitted)
        .cloned()
        .collect();
    let pass_error = action_error(pass);
    let checklist = data.checklist.clone();
    let bulk_slug = slug.clone();
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href=format!("/admin/editions/{slug}/setup")>{data.edition_title.clone()}</a></li>
                <li aria-current="page">{t_string!(i18n, screening.title)}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1>{t_string!(i18n, screening.title)}</h1>
            <p class="lead">{data.edition_title.clone()}</p>
            <p class="muted">{t_string!(i18n, screening.lead)}</p>
        </header>
        {decided.map(|count| view! {
            <p class="alert alert-success" role="status" data-test="screening-done">
                {fill(t_string!(i18n, screening.decided), &[("count", count)])}
            </p>
        })}
        {data.rows.is_empty().then(|| view! { <p class="empty-state">{t_string!(i18n, screening.empty)}</p> })}
        {(can_edit && !waiting.is_empty()).then(|| view! {
            <ActionForm action=pass attr:class="card stack" attr:data-test="bulk-pass">
                <h2 class="card-title">{t_string!(i18n, screening.bulk)}</h2>
                <p class="muted">{t_string!(i18n, screening.bulk_lead)}</p>
                <FormAlert error=pass_error/>
                <input type="hidden" name="slug" value=bulk_slug.clone()/>
                <ul class="plain-list">
                    {waiting.into_iter().map(|row| {
                        let label = fill(t_string!(i18n, screening.select), &[("title", row.title.clone())]);
                        view! {
                            <li><label class="check">
                                <input type="checkbox" name=format!("entries[{}]", row.entry) value="on" aria-label=label/>
                                <span>{row.title}<br/><span class="muted">{row.organisation}</span></span>
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || pass.pending().get()>{t_string!(i18n, screening.bulk_pass)}</button>
                </div>
            </ActionForm>
        })}
        {data.rows.into_iter().map(|row| view! {
            <EntryScreening row checklist=checklist.clone() slug=slug.clone() screen can_edit/>
        }).collect_view()}
    }
}

#[component]
fn EntryScreening(
    row: ScreeningRow,
    checklist: Vec<String>,
    slug: String,
    screen: ServerAction<ScreenEntry>,
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(screen);
    let entry = row.entry.clone();
    // The last refusal concerns this entry only if it was this entry's form.
    let mine = Signal::derive(move || {
        error
            .get()
            .filter(|error| error.echoed("entry") == Some(entry.as_str()))
    });
    let (state, group_key) = (row.state, row.group);
    // Here the question is only whether the committee has decided yet.
    let badge = match state {
        EntryStatus::ScreenedIn => "badge badge-success",
        EntryStatus::ScreenedOut => "badge badge-danger",
        _ => "badge badge-warning",
    };
    let (anchor, key, form_key) = (
        format!("entry-{}", row.entry),
        row.entry.clone(),
        row.entry.clone(),
    );
    let problem = move |field: &'static str| {
        move || {
            mine.get().and_then(|error| {
                error
                    .problem_for(field)
                    .map(|problem| problem_text(i18n, problem))
            })
        }
    };
    let reason_typed = {
        let reason = row.reason.clone();
        move || {
            mine.get()
                .and_then(|error| error.echoed("reason").map(str::to_owned))
                .unwrap_or_else(|| reason.clone())
        }
    };
    view! {
        <section class="card stack" id=anchor data-test="screening-entry" data-entry=key.to_string()>
            <header class="cluster-between">
                <div>
                    <h2 class="card-title">{row.title.clone()}</h2>
                    <p class="muted">{row.organisation.clone()}" · "{move || group(i18n, group_key)}" · "{row.category.clone()}</p>
                </div>
                <span class=badge data-test="screening-state">{move || entry_state(i18n, state)}</span>
            </header>
            {(!row.reason.is_empty()).then(|| view! { <p><strong>{t_string!(i18n, screening.reason)}": "</strong>{row.reason.clone()}</p> })}
            {can_edit.then(|| view! {
                <ActionForm action=screen attr:class="stack">
                    <FormAlert error=mine/>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="entry" value=form_key.to_string()/>
                    <fieldset class="checkbox-group">
                        <legend class="field-label">{t_string!(i18n, screening.checklist)}</legend>
                        {checklist.iter().enumerate().map(|(index, item)| view! {
                            <label class="check">
                                <input type="checkbox" name=format!("checks[{index}]") value="on" checked=row.checks.contains(item)/>
                                <span>{item.clone()}</span>
                            </label>
                        }).collect_view()}
                        {move || problem("checks")().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                    </fieldset>
                    <div class="field">
                        <label class="field-label" for=format!("reason-{}", row.entry)>{t_string!(i18n, screening.reason)}</label>
                        <input id=format!("reason-{}", row.entry) name="reason" type="text" value=reason_typed/>
                        {move || problem("reason")().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                    </div>
                    <div class="form-actions">
                        <button type="submit" name="decision" value="pass" class="btn btn-primary" data-test="screen-pass"
                            disabled=move || screen.pending().get()>{t_string!(i18n, screening.pass)}</button>
                        <button type="submit" name="decision" value="fail" class="btn btn-danger" data-test="screen-fail"
                            disabled=move || screen.pending().get()>{t_string!(i18n, screening.fail)}</button>
                    </div>
                </ActionForm>
            })}
        </section>
    }
}

//! `/entrant/new`: enter an innovation in an open edition — a new innovation or
//! one the organisation already has — choosing group and category. The rules
//! (minimum years running, `khusus` for past winners, `replikasi` naming its
//! original) are stated on the form and explained beside the field when refused.

use crate::api::entrant::{StartEntry, load_entry_options};
use crate::components::form::{FormAlert, SubmitButton, TextField, action_error, typed_or};
use crate::components::labels::I18n;
use crate::components::labels::{fill, group, problem_text};
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::NewEntryOptions;
use crate::tr;
use domain::edition::Group;
use leptos::prelude::*;
use leptos_meta::Title;

/// The new-entry page.
#[component]
pub fn NewEntryPage() -> impl IntoView {
    let i18n = use_i18n();
    let options = page_resource(|| (), |_| load_entry_options());
    view! {
        <Title text=t_string!(i18n, entrant.new_title).to_string()/>
        <p><a href="/entrant">"← "{t_string!(i18n, entrant.back)}</a></p>
        <header class="page-header"><h1>{t_string!(i18n, entrant.new_title)}</h1></header>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match options.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(options) if options.editions.is_empty() => view! {
                        <p class="empty-state" data-test="no-open-edition">{t_string!(i18n, entrant.none_open)}</p>
                    }.into_any(),
                    Ok(options) => view! { <NewEntryForm options/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn select_problem(
    error: Signal<Option<AppError>>,
    field: &'static str,
    i18n: I18n,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        error.get().and_then(|error| {
            error
                .problem_for(field)
                .map(|problem| problem_text(i18n, problem))
        })
    }
}

#[component]
fn NewEntryForm(options: NewEntryOptions) -> impl IntoView {
    let i18n = use_i18n();
    let start = ServerAction::<StartEntry>::new();
    let error = action_error(start);
    let first = options.editions[0].clone();
    let edition = typed_or(error, "edition", first.key.to_string());
    let innovation = typed_or(error, "innovation", String::new());
    let title = typed_or(error, "title", String::new());
    let started_on = typed_or(error, "started_on", String::new());
    let replicates = typed_or(error, "replicates", String::new());
    let chosen_group = typed_or(error, "group", "umum".to_owned());
    // A value that is one of the options: a select whose value matches none has
    // no selection, and the form would be sent without the field.
    let first_category = first
        .categories
        .first()
        .map(|(key, _)| key.clone())
        .unwrap_or_default();
    let category = typed_or(error, "category", first_category);
    let groups: Vec<Group> = {
        let mut all: Vec<Group> = options
            .editions
            .iter()
            .flat_map(|e| e.groups.clone())
            .collect();
        all.dedup();
        all
    };
    let rules = options
        .editions
        .iter()
        .map(|edition| {
            let values = [
                ("title", edition.title.clone()),
                ("years", edition.minimum_years.to_string()),
                ("closes", edition.closes_at.clone()),
            ];
            move || fill(t_string!(i18n, entrant.rules), &values)
        })
        .collect::<Vec<_>>();
    let editions = options.editions.clone();
    let category_editions = options.editions.clone();
    let edition_problem = select_problem(error, "edition", i18n);
    let innovation_problem = select_problem(error, "innovation", i18n);
    let group_problem = select_problem(error, "group", i18n);
    let category_problem = select_problem(error, "category", i18n);
    view! {
        <ActionForm action=start attr:class="form card stack" attr:data-test="new-entry-form">
            <FormAlert error/>
            {rules.into_iter().map(|rule| view! { <p class="lead">{rule}</p> }).collect_view()}
            <div class="field" class:has-error=move || edition_problem().is_some()>
                <label class="field-label" for="field-edition">{t_string!(i18n, entrant.edition)}</label>
                <select id="field-edition" name="edition">
                    {editions.into_iter().map(|option| {
                        let key = option.key.to_string();
                        view! { <option value=key.clone() selected=move || edition.get() == key>{option.title}</option> }
                    }).collect_view()}
                </select>
                {move || edition_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field" class:has-error=move || innovation_problem().is_some()>
                <label class="field-label" for="field-innovation">{t_string!(i18n, entrant.innovation)}</label>
                <select id="field-innovation" name="innovation">
                    <option value="" selected=move || innovation.get().is_empty()>{t_string!(i18n, entrant.new_innovation)}</option>
                    {options.innovations.into_iter().map(|(key, label)| {
                        let key = key.to_string();
                        let selected = { let key = key.clone(); move || innovation.get() == key };
                        view! { <option value=key selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                {move || innovation_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <fieldset class="stack">
                <legend>{t_string!(i18n, entrant.new_innovation_legend)}</legend>
                <TextField name="title" label=tr!(i18n, entrant.innovation_title) value=title error/>
                <TextField name="started_on" kind="date" label=tr!(i18n, entrant.started_on) hint=tr!(i18n, entrant.started_on_hint) value=started_on error/>
                <label class="check"><input type="checkbox" name="digital"/>" "{t_string!(i18n, entrant.digital)}</label>
            </fieldset>
            <div class="form-grid">
                <div class="field" class:has-error=move || group_problem().is_some()>
                    <label class="field-label" for="field-group">{t_string!(i18n, entrant.col_group)}</label>
                    <select id="field-group" name="group">
                        {groups.into_iter().map(|option| {
                            let key = option.key();
                            view! { <option value=key selected=move || chosen_group.get() == key>{move || group(i18n, option)}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-hint">{t_string!(i18n, entrant.group_hint)}</p>
                    {move || group_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="field" class:has-error=move || category_problem().is_some()>
                    <label class="field-label" for="field-category">{t_string!(i18n, entrant.col_category)}</label>
                    <select id="field-category" name="category">
                        {category_editions.into_iter().map(|option| view! {
                            <optgroup label=option.title.clone()>
                                {option.categories.into_iter().map(|(key, label)| {
                                    let selected = { let key = key.clone(); move || category.get() == key };
                                    view! { <option value=key selected=selected>{label}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                    {move || category_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            </div>
            <TextField name="replicates" label=tr!(i18n, entrant.replicates) hint=tr!(i18n, entrant.replicates_hint) value=replicates error/>
            <div class="form-actions">
                <SubmitButton pending=start.pending().into() label=tr!(i18n, entrant.start) busy_label=tr!(i18n, entrant.starting)/>
            </div>
        </ActionForm>
    }
}

//! `/admin/editions/:slug/template`: the edition's proposal template — sections in
//! form order with their prompt, word limit, whether they are required or expect
//! evidence, and the groups whose form has them. A plain form: rows are edited
//! in place, blank rows at the end add sections, a ticked "remove" drops one.

use crate::api::template::{SaveTemplate, load_edition_template};
use crate::components::form::{FormAlert, SubmitButton, action_error};
use crate::components::labels::{group, problem_text};
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{TemplateRow, TemplateView};
use crate::tr;
use domain::edition::Group;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Blank rows offered for new sections.
const BLANK_ROWS: usize = 2;

/// The template editor page.
#[component]
pub fn TemplatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // `?saved=1` is part of the key: after a save the page shows what was stored.
    let data = page_resource(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("saved").is_some(),
            )
        },
        |(slug, _)| load_edition_template(slug),
    );
    view! {
        <Title text=t_string!(i18n, admin.template_title).to_string()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol><li><a href="/admin/editions">{t_string!(i18n, admin.edition_list_title)}</a></li><li aria-current="page">{t_string!(i18n, admin.template_title)}</li></ol>
        </nav>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <TemplateForm view/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TemplateForm(view: TemplateView) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SaveTemplate>::new();
    let error = action_error(save);
    let saved = move || query.read().get("saved").is_some();
    let mut rows = view.rows.clone();
    rows.extend(std::iter::repeat_with(TemplateRow::default).take(BLANK_ROWS));
    let groups = view.groups.clone();
    view! {
        <header class="page-header">
            <h1>{t_string!(i18n, admin.template_title)}</h1>
            <p class="lead">{view.title.clone()}" · "{move || if view.edited { t_string!(i18n, admin.template_edited) } else { t_string!(i18n, admin.template_national) }}</p>
            {(view.entries > 0).then(|| view! { <p class="alert alert-warning">{t_string!(i18n, admin.template_entries_warning)}</p> })}
        </header>
        {move || saved().then(|| view! { <p class="alert alert-success" role="status" data-test="template-saved">{t_string!(i18n, admin.template_saved)}</p> })}
        <ActionForm action=save attr:class="stack" attr:data-test="template-form">
            <FormAlert error/>
            <input type="hidden" name="slug" value=view.slug.clone()/>
            {rows.into_iter().enumerate().map(|(index, row)| {
                view! { <SectionRowFields index row groups=groups.clone() error/> }
            }).collect_view()}
            <div class="form-actions">
                <SubmitButton pending=save.pending().into() label=tr!(i18n, admin.save) busy_label=tr!(i18n, admin.saving)/>
            </div>
        </ActionForm>
    }
}

/// One section's fields, named `sections[i][…]`. Values are attributes: the server
/// renders what was typed before a refusal, and the app never writes over what is
/// typed while it loads.
#[component]
fn SectionRowFields(
    index: usize,
    row: TemplateRow,
    groups: Vec<Group>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = move |field: &str| format!("sections[{index}][{field}]");
    let id = move |field: &str| format!("section-{index}-{field}");
    let typed = move |field: &'static str, initial: String| {
        move || {
            error
                .get()
                .and_then(|error| {
                    error
                        .echoed(&format!("sections.{index}.{field}"))
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| initial.clone())
        }
    };
    let problem = move |field: &'static str| {
        move || {
            error.get().and_then(|error| {
                error
                    .problem_for(&format!("sections.{index}.{field}"))
                    .map(|problem| problem_text(i18n, problem))
            })
        }
    };
    let is_new = row.key.is_empty();
    let heading = if is_new {
        String::new()
    } else {
        row.label.clone()
    };
    let ticked = |value: &Option<String>| value.is_some();
    view! {
        <fieldset class="card stack template-row" data-test="template-row">
            <legend>
                {move || if is_new { t_string!(i18n, admin.template_new_section).to_owned() } else { format!("{}. {heading}", index + 1) }}
            </legend>
            <div class="form-grid">
                <div class="field" class:has-error=move || problem("key")().is_some()>
                    <label class="field-label" for=id("key")>{t_string!(i18n, admin.template_key)}</label>
                    <input id=id("key") name=name("key") class="mono" value=typed("key", row.key.clone())/>
                    {move || problem("key")().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="field" class:has-error=move || problem("label")().is_some()>
                    <label class="field-label" for=id("label")>{t_string!(i18n, admin.template_label)}</label>
                    <input id=id("label") name=name("label") value=typed("label", row.label.clone())/>
                    {move || problem("label")().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="field" class:has-error=move || problem("word_limit")().is_some()>
                    <label class="field-label" for=id("word_limit")>{t_string!(i18n, admin.template_words)}</label>
                    <input id=id("word_limit") name=name("word_limit") type="number" min="1" max="5000" inputmode="numeric"
                        value=typed("word_limit", row.word_limit.clone())/>
                    {move || problem("word_limit")().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            </div>
            <div class="field">
                <label class="field-label" for=id("prompt")>{t_string!(i18n, admin.template_prompt)}</label>
                <textarea id=id("prompt") name=name("prompt") rows="2">{row.prompt.clone()}</textarea>
            </div>
            <div class="checkbox-row" class:has-error=move || problem("groups")().is_some()>
                {groups.into_iter().map(|option| {
                    let key = option.key();
                    let checked = match option {
                        Group::Umum => ticked(&row.umum),
                        Group::Replikasi => ticked(&row.replikasi),
                        Group::Khusus => ticked(&row.khusus),
                    } || is_new;
                    view! {
                        <label class="check"><input type="checkbox" name=name(key) checked=checked/>" "{move || group(i18n, option)}</label>
                    }
                }).collect_view()}
                <label class="check"><input type="checkbox" name=name("required") checked=ticked(&row.required) || is_new/>" "{t_string!(i18n, admin.template_required)}</label>
                <label class="check"><input type="checkbox" name=name("evidence") checked=ticked(&row.evidence)/>" "{t_string!(i18n, admin.template_evidence)}</label>
                <label class="check"><input type="checkbox" name=name("public") checked=ticked(&row.public)/>" "{t_string!(i18n, admin.template_public)}</label>
                {(!is_new).then(|| view! {
                    <label class="check"><input type="checkbox" name=name("remove")/>" "{t_string!(i18n, admin.template_remove)}</label>
                })}
                {move || problem("groups")().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
        </fieldset>
    }
}

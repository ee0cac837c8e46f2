//! `/editions/:slug/objections`: the finalist list and, while the window is
//! open, the objection form; after sending, the reference. A plain form: it
//! works without JavaScript and, refused, comes back as typed.

use crate::api::objections::{FileObjection, load_objection_window};
use crate::components::dates::format_local;
use crate::components::form::{
    FormAlert, SubmitButton, TextArea, TextField, action_error, typed_or,
};
use crate::components::labels::{fill, problem_text};
use crate::components::page_data::page_resource;
use crate::components::status::{ErrorPanel, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::ObjectionWindow;
use crate::tr;
use domain::ids::EntryId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn ObjectionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let window = page_resource(slug, load_objection_window);
    let query = use_query_map();
    let reference = move || query.read().get("reference");
    view! {
        <Title text=t_string!(i18n, objections.title).to_string()/>
        {move || reference().map(|reference| view! {
            <p class="alert alert-success" role="status" data-test="objection-filed">
                {fill(t_string!(i18n, objections.filed), &[("reference", reference)])}
            </p>
        })}
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match window.await {
                    Ok(data) => view! { <Window data slug=slug()/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Window(data: ObjectionWindow, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let (opens, closes) = (data.opens_at.clone(), data.closes_at.clone());
    let heading = fill(
        t_string!(i18n, objections.public_title),
        &[("title", data.edition_title.clone())],
    );
    view! {
        <header class="page-header">
            <h1>{heading}</h1>
            <p class="lead">{t_string!(i18n, objections.lead)}</p>
            <p data-test="objection-window">{move || fill(t_string!(i18n, objections.window), &[("opens", format_local(i18n, &opens)), ("closes", format_local(i18n, &closes))])}</p>
        </header>
        <section class="card stack" aria-labelledby="finalists-title">
            <h2 class="card-title" id="finalists-title">{t_string!(i18n, objections.finalists)}</h2>
            {if data.finalists.is_empty() {
                view! { <p class="muted">{t_string!(i18n, objections.none)}</p> }.into_any()
            } else {
                view! {
                    <ol>{data.finalists.iter().map(|(_, title, organisation)| view! {
                        <li>
                            <strong>{title.clone()}</strong>
                            {(!organisation.is_empty()).then(|| format!(" — {organisation}"))}
                        </li>
                    }).collect_view()}</ol>
                }.into_any()
            }}
        </section>
        {if data.open && !data.finalists.is_empty() {
            view! { <ObjectionForm slug finalists=data.finalists/> }.into_any()
        } else {
            view! { <p class="alert alert-info" data-test="objections-closed">{t_string!(i18n, objections.closed)}</p> }.into_any()
        }}
    }
}

#[component]
fn ObjectionForm(slug: String, finalists: Vec<(EntryId, String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let file = ServerAction::<FileObjection>::new();
    let error = action_error(file);
    let chosen = move || {
        error
            .get()
            .and_then(|e| e.echoed("entry").map(str::to_owned))
            .unwrap_or_default()
    };
    let entry_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("entry").map(|p| problem_text(i18n, p)))
    };
    view! {
        <ActionForm action=file attr:class="form card stack" attr:data-test="objection-form">
            <FormAlert error/>
            <input type="hidden" name="slug" value=slug/>
            <div class="form-grid">
                <TextField name="name" label=tr!(i18n, objections.name) value=typed_or(error, "name", String::new()) required=true autocomplete="name" error/>
                <TextField name="contact" label=tr!(i18n, objections.contact) value=typed_or(error, "contact", String::new()) required=true autocomplete="email" error/>
            </div>
            <div class="field" class:has-error=move || entry_problem().is_some()>
                <label class="field-label" for="field-entry">{t_string!(i18n, objections.entry)}</label>
                <select id="field-entry" name="entry" required>
                    <option value="">{t_string!(i18n, objections.choose)}</option>
                    {finalists.into_iter().map(|(entry, title, _)| {
                        let entry = entry.to_string();
                        let selected = { let entry = entry.clone(); move || chosen() == entry };
                        view! { <option value=entry selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
                {move || entry_problem().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
            <TextArea name="reason" label=tr!(i18n, objections.reason) hint=tr!(i18n, objections.reason_hint)
                value=typed_or(error, "reason", String::new()) rows=6 required=true error/>
            <TextArea name="evidence" label=tr!(i18n, objections.evidence) value=typed_or(error, "evidence", String::new()) rows=3 error/>
            <p class="muted">{t_string!(i18n, objections.limits)}</p>
            <div class="form-actions">
                <SubmitButton pending=file.pending().into() label=tr!(i18n, objections.submit) busy_label=tr!(i18n, objections.sending)/>
            </div>
        </ActionForm>
    }
}

//! `/admin/editions/:slug/objections`: every objection with its answer form
//! (response and outcome), and whether the finalist list is fixed.

use crate::api::objections::{AnswerObjection, load_objections};
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::{ObjectionRow, ObjectionsView};
use crate::pages::admin::can_edit;
use domain::objection::ObjectionOutcome;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn CommitteeObjectionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let objections = page_resource(slug, load_objections);
    let answer = ServerAction::<AnswerObjection>::new();
    Effect::watch(
        move || answer.version().get(),
        move |_, _, _| objections.refetch(),
        false,
    );
    let query = use_query_map();
    let answered = move || query.read().get("answered").is_some();
    view! {
        <Title text=t_string!(i18n, objections.title).to_string()/>
        {loaded_page(objections, move |data| view! { <Objections data slug=slug() answer answered=answered()/> }.into_any())}
    }
}

#[component]
fn Objections(
    data: ObjectionsView,
    slug: String,
    answer: ServerAction<AnswerObjection>,
    answered: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let pending = data.rows.iter().filter(|row| row.outcome.is_none()).count();
    let closed = data.window.as_ref().is_some_and(|window| !window.open);
    let can_edit = can_edit().get_untracked();
    view! {
        <header class="page-header">
            <h1>{t_string!(i18n, objections.title)}</h1>
            {data.window.as_ref().map(|window| {
                let (opens, closes) = (window.opens_at.clone(), window.closes_at.clone());
                view! { <p class="lead">{window.edition_title.clone()}" · "{move || fill(t_string!(i18n, objections.window), &[("opens", format_local(i18n, &opens)), ("closes", format_local(i18n, &closes))])}</p> }
            })}
            <p class="muted">{t_string!(i18n, objections.committee_lead)}</p>
            <p><a href=format!("/editions/{slug}/objections")>{t_string!(i18n, objections.public_link)}</a></p>
        </header>
        {answered.then(|| view! { <p class="alert alert-success" role="status">{t_string!(i18n, objections.answered)}</p> })}
        {if pending > 0 {
            view! { <p class="alert alert-warning" data-test="objections-pending">{fill(t_string!(i18n, objections.pending), &[("count", pending.to_string())])}</p> }.into_any()
        } else if closed {
            view! { <p class="alert alert-success" data-test="objections-fixed">{t_string!(i18n, objections.fixed)}</p> }.into_any()
        } else {
            ().into_any()
        }}
        {data.rows.is_empty().then(|| view! { <p class="empty-state">{t_string!(i18n, objections.empty)}</p> })}
        {data.rows.into_iter().map(|row| view! { <Objection row slug=slug.clone() answer can_edit/> }).collect_view()}
    }
}

#[component]
fn Objection(
    row: ObjectionRow,
    slug: String,
    answer: ServerAction<AnswerObjection>,
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(answer);
    let id = row.id.clone();
    let mine = Signal::derive(move || {
        error
            .get()
            .filter(|error| error.echoed("objection") == Some(id.as_str()))
    });
    let at = row.filed_at.clone();
    let upheld = row.outcome == Some(ObjectionOutcome::Upheld);
    view! {
        <section class="card stack" data-test="objection" data-reference=row.reference.clone()>
            <header class="cluster-between">
                <div>
                    <h2 class="card-title">{row.reference.clone()}" · "{row.title.clone()}</h2>
                    <p class="muted">{row.name.clone()}" · "{row.contact.clone()}" · "{move || fill(t_string!(i18n, objections.filed_at), &[("at", format_local(i18n, &at))])}</p>
                </div>
                {row.outcome.map(|outcome| match outcome {
                    ObjectionOutcome::Upheld => view! {
                        <span class="badge badge-warning">{t_string!(i18n, objections.upheld)}</span>
                    }.into_any(),
                    ObjectionOutcome::Rejected => view! {
                        <span class="badge badge-muted">{t_string!(i18n, objections.rejected)}</span>
                    }.into_any(),
                })}
            </header>
            <p class="proposal-text">{row.reason.clone()}</p>
            {(!row.evidence.is_empty()).then(|| view! { <p><strong>{t_string!(i18n, objections.evidence)}": "</strong>{row.evidence.clone()}</p> })}
            {can_edit.then(|| view! {
                <ActionForm action=answer attr:class="stack">
                    <FormAlert error=mine/>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="objection" value=row.id.to_string()/>
                    <div class="field">
                        <label class="field-label" for=format!("response-{}", row.id)>{t_string!(i18n, objections.response)}</label>
                        <textarea id=format!("response-{}", row.id) name="response" rows="3">{row.response.clone().unwrap_or_default()}</textarea>
                    </div>
                    <div class="field">
                        <label class="field-label" for=format!("outcome-{}", row.id)>{t_string!(i18n, objections.outcome)}</label>
                        <select id=format!("outcome-{}", row.id) name="outcome">
                            <option value=ObjectionOutcome::Rejected.key() selected=!upheld>{t_string!(i18n, objections.rejected)}</option>
                            <option value=ObjectionOutcome::Upheld.key() selected=upheld>{t_string!(i18n, objections.upheld)}</option>
                        </select>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || answer.pending().get()>{t_string!(i18n, objections.answer)}</button>
                    </div>
                </ActionForm>
            })}
        </section>
    }
}

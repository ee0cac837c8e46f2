//! `/admin/assign`: automatic judge assignment for a stage — pick the stage and
//! how many judges each entry gets, see the plan (every judge's load before and
//! after, entries short of judges), then apply it. Plain forms: the preview is a
//! GET, applying a POST, both without JavaScript.

use crate::api::assignment::{ApplyAssignment, load_assignable_stages, load_assignment_preview};
use crate::components::data_table::DataTable;
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::{AssignableStage, AssignmentPreview};
use crate::pages::admin::can_edit;
use domain::ids::StageId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The judges per entry offered when nothing is chosen yet (the national desk
/// evaluation's three).
const DEFAULT_JUDGES_PER_ENTRY: &str = "3";

/// The page.
#[component]
pub fn AssignPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = move || {
        let query = query.read();
        (
            query.get("stage").unwrap_or_default(),
            query
                .get("judges_per_entry")
                .unwrap_or_else(|| DEFAULT_JUDGES_PER_ENTRY.to_owned()),
            query.get("applied"),
        )
    };
    let stages = page_resource(|| (), |_| load_assignable_stages());
    let preview = page_resource(
        move || {
            let (stage, k, _) = chosen();
            (stage, k)
        },
        |(stage, k)| async move {
            if stage.is_empty() {
                None
            } else {
                Some(load_assignment_preview(StageId::from(stage), k).await)
            }
        },
    );
    view! {
        <Title text=t_string!(i18n, assign.title).to_string()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol><li><a href="/admin">{t_string!(i18n, admin.title)}</a></li><li aria-current="page">{t_string!(i18n, assign.title)}</li></ol>
        </nav>
        <header class="page-header">
            <h1>{t_string!(i18n, assign.title)}</h1>
            <p class="lead">{t_string!(i18n, assign.lead)}</p>
        </header>
        {move || chosen().2.map(|count| view! {
            <p class="alert alert-success" role="status" data-test="assignment-applied">
                {fill(t_string!(i18n, assign.applied), &[("count", count.clone())])}
            </p>
        })}
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match stages.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">{t_string!(i18n, assign.no_stages)}</p> }.into_any(),
                    Ok(list) => {
                        let (stage, k, _) = chosen();
                        view! { <ChooseForm stages=list stage k/> }.into_any()
                    }
                }
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                match preview.await {
                    None => ().into_any(),
                    Some(Err(error)) => view! { <ErrorPanel error/> }.into_any(),
                    Some(Ok(plan)) => view! { <Preview plan/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChooseForm(stages: Vec<AssignableStage>, stage: String, k: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/admin/assign" class="form card" data-test="assign-form">
            <div class="form-grid">
                <div class="field">
                    <label class="field-label" for="field-stage">{t_string!(i18n, assign.stage)}</label>
                    <select id="field-stage" name="stage">
                        {stages.into_iter().map(|option| {
                            let selected = option.id == stage.as_str();
                            view! { <option value=option.id.to_string() selected=selected>{option.label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="field-judges">{t_string!(i18n, assign.judges_per_entry)}</label>
                    <input id="field-judges" name="judges_per_entry" type="number" inputmode="numeric"
                        min="1" max="9" value=k/>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-secondary" data-test="assign-preview">{t_string!(i18n, assign.preview)}</button>
            </div>
        </form>
    }
}

#[component]
fn Preview(plan: AssignmentPreview) -> impl IntoView {
    let i18n = use_i18n();
    let apply = ServerAction::<ApplyAssignment>::new();
    let error = action_error(apply);
    let can_edit = can_edit();
    let AssignmentPreview {
        stage,
        judges_per_entry,
        entries,
        new_assignments,
        loads,
        short,
    } = plan;
    let has_new = new_assignments > 0;
    view! {
        <section class="card stack" data-test="assign-plan" aria-labelledby="plan-title">
            <h2 class="card-title" id="plan-title">{t_string!(i18n, assign.preview)}</h2>
            <div class="card-grid">
                <div class="card stat">
                    <span class="stat-value">{entries}</span>
                    <span class="stat-label">{t_string!(i18n, assign.entries)}</span>
                </div>
                <div class="card stat">
                    <span class="stat-value" data-test="assign-new">{new_assignments}</span>
                    <span class="stat-label">{t_string!(i18n, assign.new)}</span>
                </div>
            </div>
            {(!has_new).then(|| view! { <p class="muted">{t_string!(i18n, assign.nothing)}</p> })}
            <DataTable head=move || view! {
                <th scope="col">{t_string!(i18n, assign.judge)}</th>
                <th scope="col" class="num">{t_string!(i18n, assign.now)}</th>
                <th scope="col" class="num">{t_string!(i18n, assign.after)}</th>
            }>
                {loads.into_iter().map(|(name, now, after)| view! {
                    <tr><td>{name}</td><td class="num">{now}</td><td class="num">{after}</td></tr>
                }).collect_view()}
            </DataTable>
            {(!short.is_empty()).then(|| view! {
                <div class="alert alert-warning" data-test="assign-short">
                    <p><strong>{t_string!(i18n, assign.short)}</strong></p>
                    <ul>
                        {short.into_iter().map(|(title, lacking)| view! {
                            <li>{title}" — "{t_string!(i18n, assign.lacking)}" "{lacking}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {(can_edit.get_untracked() && has_new).then(|| view! {
                <ActionForm action=apply attr:class="form">
                    <FormAlert error/>
                    <input type="hidden" name="stage" value=stage.to_string()/>
                    <input type="hidden" name="judges_per_entry" value=judges_per_entry.to_string()/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" data-test="assign-apply"
                            aria-busy=move || if apply.pending().get() { "true" } else { "false" }
                            disabled=move || apply.pending().get()>
                            {move || if apply.pending().get() { t_string!(i18n, assign.applying) } else { t_string!(i18n, assign.apply) }}
                        </button>
                    </div>
                </ActionForm>
            })}
        </section>
    }
}

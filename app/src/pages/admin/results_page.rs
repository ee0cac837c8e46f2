//! `/admin/editions/:slug/results`: the results computed now, the dashboards of
//! the scoring stages, publishing (final results or a stage's) and the history of
//! publications with withdrawal. Plain forms: they work without JavaScript.

use crate::api::results::{PublishResults, WithdrawPublication, load_results_console};
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, TextArea, action_error, typed_or};
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::results_tables::{FinalTables, StageTables};
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::{PublicationRow, ResultsConsole};
use crate::pages::admin::can_edit;
use crate::pages::admin::composition_panel::CompositionPanel;
use domain::scoring::StageKey;
use domain::stage::PublicationScope;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let console = page_resource(slug, load_results_console);
    loaded_page(console, |data| view! { <Console data/> }.into_any())
}

#[component]
fn Console(data: ResultsConsole) -> impl IntoView {
    let i18n = use_i18n();
    let can_edit = can_edit().get_untracked();
    let document = data.computed;
    let slug = document.edition.slug.clone();
    let query = use_query_map();
    let notice = move || {
        let query = query.read();
        if query.get("published").is_some() {
            Some(t_string!(i18n, results.published_done))
        } else if query.get("withdrawn").is_some() {
            Some(t_string!(i18n, results.withdrawn_done))
        } else {
            None
        }
    };
    let stages = document.stages.clone();
    let broken = data
        .composition
        .as_ref()
        .map_or(0, |composition| composition.violations.len());
    view! {
        <Title text=t_string!(i18n, results.console_title).to_string()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href="/admin">{t_string!(i18n, admin.title)}</a></li>
                <li aria-current="page">{document.edition.title.clone()}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1>{t_string!(i18n, results.console_title)}</h1>
            <p class="lead">{document.edition.title.clone()}</p>
            <p class="muted">{t_string!(i18n, results.console_lead)}</p>
        </header>
        {move || notice().map(|text| view! { <p class="alert alert-success" role="status" data-test="results-notice">{text}</p> })}
        <section class="card stack" aria-labelledby="stages-title">
            <h2 class="card-title" id="stages-title">{t_string!(i18n, results.stages)}</h2>
            <ul class="link-list">
                {stages.iter().map(|stage| view! {
                    <li><a href=format!("/admin/editions/{slug}/stages/{}", stage.key) data-test="stage-dashboard-link">
                        {stage.title.clone()}" — "{t_string!(i18n, results.view_dashboard)}
                    </a></li>
                }).collect_view()}
            </ul>
            {can_edit.then(|| view! { <PublishForms slug=slug.clone() broken
                stages=stages.iter().map(|stage| (stage.key.clone(), stage.title.clone())).collect()/> })}
            <p>
                <a href=format!("/editions/{slug}/results")>{t_string!(i18n, results.public_page)}</a>
                " · "{t_string!(i18n, results.open_data)}" "
                <a href=format!("/api/v1/editions/{slug}/results")>"JSON"</a>" · "
                <a href=format!("/api/v1/editions/{slug}/results.csv")>"CSV"</a>
            </p>
            <p>
                <a href=format!("/admin/editions/{slug}/results/minutes") data-test="open-final-minutes">{t_string!(i18n, results.final_minutes)}</a>
                " · "
                <a href=format!("/admin/editions/{slug}/onward") data-test="open-onward">{t_string!(i18n, results.onward)}</a>
            </p>
            <p data-test="exports">
                {t_string!(i18n, results.exports)}" "
                <a href=format!("/admin/editions/{slug}/export/entries.csv") rel="external">{t_string!(i18n, results.export_entries)}</a>" · "
                <a href=format!("/admin/editions/{slug}/export/sheets.csv") rel="external">{t_string!(i18n, results.export_sheets)}</a>" · "
                <a href=format!("/admin/editions/{slug}/export/results.csv") rel="external">{t_string!(i18n, results.export_results)}</a>" · "
                <a href=format!("/admin/editions/{slug}/export/votes.csv") rel="external">{t_string!(i18n, results.export_votes)}</a>
            </p>
        </section>
        {data.composition.map(|view| view! {
            <CompositionPanel view categories=document.edition.categories.clone()/>
        })}
        <Publications rows=data.publications slug=slug.clone() can_edit/>
        <section class="stack" aria-labelledby="final-title">
            <h2 id="final-title">{t_string!(i18n, results.final_ranking)}</h2>
            <FinalTables document=document.clone() show_scores=true/>
        </section>
        {document.stages.clone().into_iter().map(|stage| {
            let heading = fill(t_string!(i18n, results.stage_results), &[("stage", stage.title.clone())]);
            view! {
                <section class="stack">
                    <h2>{heading}</h2>
                    <StageTables stage labels=document.clone() show_scores=true/>
                </section>
            }
        }).collect_view()}
    }
}

/// Publish the final results, or one stage's. When the winner set breaks
/// `broken` of the edition's rules, the final one asks for the committee's
/// reason (the server refuses it without one, whatever this page shows).
#[component]
fn PublishForms(slug: String, stages: Vec<(StageKey, String)>, broken: usize) -> impl IntoView {
    let i18n = use_i18n();
    let publish = ServerAction::<PublishResults>::new();
    let error = action_error(publish);
    let slug = StoredValue::new(slug);
    let form = move |scope: PublicationScope, label: String, primary: bool| {
        let needs_reason = primary && broken > 0;
        view! {
            <ActionForm action=publish attr:class=if needs_reason { "stack" } else { "inline-form" }>
                <input type="hidden" name="slug" value=slug.get_value()/>
                <input type="hidden" name="scope" value=scope.to_string()/>
                {needs_reason.then(|| view! {
                    <TextArea name="reason" required=true rows=4 error
                        label=Signal::derive(move || t_string!(i18n, results.composition_reason).to_string())
                        hint=Signal::derive(move || fill(t_string!(i18n, results.composition_reason_hint), &[("broken", broken.to_string())]))
                        value=typed_or(error, "reason", String::new())/>
                })}
                <div>
                    <button type="submit" class=if primary { "btn btn-primary" } else { "btn btn-secondary" }
                        data-test=format!("publish-{scope}") disabled=move || publish.pending().get()>{label}</button>
                </div>
            </ActionForm>
        }
    };
    view! {
        <FormAlert error/>
        {(broken > 0).then(|| form(PublicationScope::Final, t_string!(i18n, results.publish_final_anyway).to_owned(), true))}
        <div class="cluster">
            {(broken == 0).then(|| form(PublicationScope::Final, t_string!(i18n, results.publish_final).to_owned(), true))}
            {stages.into_iter().map(|(key, title)| {
                form(PublicationScope::Through(key), fill(t_string!(i18n, results.publish_stage), &[("stage", title)]), false)
            }).collect_view()}
        </div>
    }
}

#[component]
fn Publications(rows: Vec<PublicationRow>, slug: String, can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let withdraw = ServerAction::<WithdrawPublication>::new();
    let error = action_error(withdraw);
    view! {
        <section class="stack" aria-labelledby="publications-title">
            <h2 id="publications-title">{t_string!(i18n, results.publications)}</h2>
            <FormAlert error/>
            {if rows.is_empty() {
                view! { <p class="empty-state">{t_string!(i18n, results.no_publications)}</p> }.into_any()
            } else {
                view! {
                    <DataTable test="publications" head=move || view! {
                        <th scope="col">{t_string!(i18n, results.col_published)}</th>
                        <th scope="col">{t_string!(i18n, results.col_scope)}</th>
                        <th scope="col">{t_string!(i18n, results.col_outcome)}</th>
                    }>
                        {rows.into_iter().map(|row| {
                            let slug = slug.clone();
                            let at = row.published_at.clone();
                            let scope = match &row.scope {
                                PublicationScope::Final => t_string!(i18n, results.scope_final).to_owned(),
                                PublicationScope::Through(stage) => stage.to_string(),
                            };
                            view! {
                                <tr>
                                    <td>{move || format_local(i18n, &at)}</td>
                                    <td>{scope}</td>
                                    <td>{match row.withdrawn_at.clone() {
                                        Some(at) => view! { <span class="muted">{move || fill(t_string!(i18n, results.withdrawn_at), &[("at", format_local(i18n, &at))])}</span> }.into_any(),
                                        None => view! {
                                            <span class="badge badge-success">{t_string!(i18n, results.standing)}</span>
                                            {can_edit.then(|| view! {
                                                " "
                                                <ActionForm action=withdraw attr:class="inline-form">
                                                    <input type="hidden" name="slug" value=slug.clone()/>
                                                    <input type="hidden" name="publication" value=row.id.to_string()/>
                                                    <button type="submit" class="btn btn-danger btn-small" data-test="withdraw"
                                                        disabled=move || withdraw.pending().get()>{t_string!(i18n, results.withdraw)}</button>
                                                </ActionForm>
                                            })}
                                        }.into_any(),
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
        </section>
    }
}

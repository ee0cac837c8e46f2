//! `/admin`: the committee's overview.

use crate::api::assignment::ReassignEntry;
use crate::api::home::load_committee_overview;
use crate::components::data_table::DataTable;
use crate::components::dates::{format_local, format_local_date};
use crate::components::form::{FormAlert, action_error};
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::RecusalRow;
use crate::pages::admin::can_edit;
use domain::stage::StageKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The overview page.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = page_resource(|| (), |_| load_committee_overview());
    let can_edit = can_edit();
    let query = use_query_map();
    view! {
        <Title text=t_string!(i18n, admin.title).to_string()/>
        <header class="page-header" data-test="role-home-admin">
            <h1>{t_string!(i18n, admin.title)}</h1>
            <p class="lead">{t_string!(i18n, admin.lead)}</p>
        </header>
        <Show when=move || query.read().get("reassigned").is_some()>
            <p class="alert alert-success" role="status" data-test="reassigned">{t_string!(i18n, admin.reassigned)}</p>
        </Show>
        <Show when=move || !can_edit.get()>
            <p class="alert alert-info" data-test="observer-note">{t_string!(i18n, admin.observer_note)}</p>
        </Show>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(overview) => view! {
                        <div class="card-grid">
                            <a class="card stat" href="/admin/editions">
                                <span class="stat-value">{overview.editions.len()}</span>
                                <span class="stat-label">{t_string!(i18n, admin.editions)}</span>
                            </a>
                            <a class="card stat" href="/admin/organisations">
                                <span class="stat-value">{overview.organisation_count}</span>
                                <span class="stat-label">{t_string!(i18n, admin.organisations)}</span>
                            </a>
                            <div class="card stat">
                                <span class="stat-value">{overview.user_count}</span>
                                <span class="stat-label">{t_string!(i18n, admin.accounts)}</span>
                            </div>
                            <a class="card stat" href="/admin/assign" data-test="open-assign">
                                <span class="stat-value" aria-hidden="true">"⇄"</span>
                                <span class="stat-label">{t_string!(i18n, assign.open)}</span>
                            </a>
                        </div>
                        <RecusalList rows=overview.recusals can_act=can_edit.get_untracked()/>
                        <h2>{t_string!(i18n, admin.editions)}</h2>
                        <DataTable head=move || view! {
                            <th scope="col">{t_string!(i18n, admin.edition_title)}</th>
                            <th scope="col">{t_string!(i18n, admin.year)}</th>
                            <th scope="col" class="num">{t_string!(i18n, admin.entries)}</th>
                            <th scope="col">{t_string!(i18n, home.timeline)}</th>
                        }>
                            {overview.editions.into_iter().map(|edition| {
                                let first = edition.timeline.first().map(|step| step.opens_at.clone()).unwrap_or_default();
                                let last = edition.timeline.last().map(|step| step.closes_at.clone()).unwrap_or_default();
                                let published = edition.results_published;
                                let results = format!("/admin/editions/{}/results", edition.slug);
                                let dashboards: Vec<(String, String)> = edition.timeline.iter()
                                    .filter(|step| step.kind == Some(StageKind::Scoring))
                                    .map(|step| (format!("/admin/editions/{}/stages/{}", edition.slug, step.key), step.title.clone()))
                                    .collect();
                                view! {
                                    <tr>
                                        <td>
                                            <strong><a href=results data-test="edition-results-link">{edition.title}</a></strong>
                                            " "<span class=if published { "badge badge-success" } else { "badge badge-warning" }>
                                                {move || if published { t_string!(i18n, admin.published) } else { t_string!(i18n, admin.in_progress) }}
                                            </span>
                                            <ul class="link-list">
                                                {dashboards.into_iter().map(|(href, title)| view! {
                                                    <li><a href=href data-test="stage-dashboard-link">{t_string!(i18n, results.view_dashboard)}": "{title}</a></li>
                                                }).collect_view()}
                                            </ul>
                                        </td>
                                        <td>{edition.year}</td>
                                        <td class="num">{edition.entry_count}</td>
                                        <td>{move || format!("{} – {}", format_local_date(i18n, &first), format_local_date(i18n, &last))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </DataTable>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Entries whose judge stepped back, flagged until another judge is assigned;
/// admins assign one from here (a plain form: it works without JavaScript).
#[component]
fn RecusalList(rows: Vec<RecusalRow>, can_act: bool) -> impl IntoView {
    let i18n = use_i18n();
    let reassign = ServerAction::<ReassignEntry>::new();
    let error = action_error(reassign);
    (!rows.is_empty()).then(|| view! {
        <section class="card alert-warning stack" data-test="recusals" aria-labelledby="recusals-title">
            <h2 class="card-title" id="recusals-title">{t_string!(i18n, admin.recusals_title)}" ("{rows.len()}")"</h2>
            <p class="muted">{t_string!(i18n, admin.recusals_lead)}</p>
            <FormAlert error/>
            <DataTable head=move || view! {
                <th scope="col">{t_string!(i18n, entrant.col_title)}</th>
                <th scope="col">{t_string!(i18n, admin.recusal_judge)}</th>
                <th scope="col">{t_string!(i18n, admin.recusal_reason)}</th>
                <th scope="col">{t_string!(i18n, admin.recusal_when)}</th>
                {can_act.then(|| view! { <th scope="col"><span class="visually-hidden">{t_string!(i18n, admin.reassign)}</span></th> })}
            }>
                {rows.into_iter().map(|row| {
                    let at = row.recused_at.clone();
                    view! {
                        <tr>
                            <td><strong>{row.title}</strong><br/><span class="muted">{row.stage_title}</span></td>
                            <td>{row.judge_name}</td>
                            <td>{row.reason}</td>
                            <td>{move || format_local(i18n, &at)}</td>
                            {can_act.then(|| view! {
                                <td>
                                    <ActionForm action=reassign attr:class="inline-form">
                                        <input type="hidden" name="stage" value=row.stage.to_string()/>
                                        <input type="hidden" name="entry" value=row.entry.to_string()/>
                                        <button type="submit" class="btn btn-primary btn-small" data-test="reassign"
                                            disabled=move || reassign.pending().get()>{t_string!(i18n, admin.reassign)}</button>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
        </section>
    })
}

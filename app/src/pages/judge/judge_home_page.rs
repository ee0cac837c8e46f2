//! `/judge`: the judge's assignments, progress, to-do and done.

use crate::api::home::load_judge_home;
use crate::components::auth::use_auth;
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::labels::{sheet_badge, sheet_state};
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::AssignmentRow;
use crate::pages::judge::outbox::SheetOutbox;
use domain::ids::StageId;
use domain::scoring::SheetState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The judge's home.
#[component]
pub fn JudgeHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let assignments = page_resource(|| (), |_| load_judge_home());
    let auth = use_auth();
    let query = use_query_map();
    let recused = move || query.read().get("recused").is_some();
    view! {
        <Title text=t_string!(i18n, judge.title).to_string()/>
        <header class="page-header" data-test="role-home-judge">
            <h1>{t_string!(i18n, judge.title)}</h1>
            <p class="lead">{t_string!(i18n, judge.lead)}</p>
        </header>
        <Show when=recused>
            <p class="alert alert-info" role="status" data-test="recused-note">{t_string!(i18n, judge.recused)}</p>
        </Show>
        // Filled in by /offline.js once the service worker has kept the entries
        // below on this device.
        <p class="alert alert-info" hidden=true data-offline-note="">{t_string!(i18n, judge.offline_kept)}</p>
        {auth.signed_in.get_value().map(|user| view! { <SheetOutbox owner=user.id/> })}
        <MyVisits/>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match assignments.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">{t_string!(i18n, judge.empty)}</p> }.into_any(),
                    Ok(list) => {
                        let total = list.len();
                        let done = list.iter().filter(|row| row.sheet_state == Some(SheetState::Submitted)).count();
                        let percent = done * 100 / total.max(1);
                        let mut consoles: Vec<(StageId, String)> = list
                            .iter()
                            .filter(|row| row.presentation)
                            .map(|row| (row.stage.clone(), row.stage_title.clone()))
                            .collect();
                        consoles.dedup();
                        let (finished, todo): (Vec<AssignmentRow>, Vec<AssignmentRow>) =
                            list.into_iter().partition(|row| row.sheet_state == Some(SheetState::Submitted));
                        view! {
                            <section class="card">
                                <p class="progress-label" id="judge-progress">{t!(i18n, judge.progress, done = done, total = total)}</p>
                                <div class="progress" role="progressbar" aria-labelledby="judge-progress"
                                    aria-valuemin="0" aria-valuemax=total aria-valuenow=done>
                                    <div class="progress-bar" style=format!("width: {percent}%")></div>
                                </div>
                            </section>
                            {consoles.into_iter().map(|(stage, title)| view! {
                                <p><a class="btn btn-primary" rel="external" data-offline="" data-test="open-console"
                                    href=format!("/judge/present/{stage}")>{t_string!(i18n, present.open_console)}" · "{title}</a></p>
                            }).collect_view()}
                            <h2>{t_string!(i18n, judge.todo)}" ("{todo.len()}")"</h2>
                            <AssignmentTable rows=todo/>
                            <h2>{t_string!(i18n, judge.done)}" ("{finished.len()}")"</h2>
                            <AssignmentTable rows=finished/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn AssignmentTable(rows: Vec<AssignmentRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable test="assignments" head=move || view! {
            <th scope="col">{t_string!(i18n, entrant.col_title)}</th>
            <th scope="col">{t_string!(i18n, entrant.col_category)}</th>
            <th scope="col">{t_string!(i18n, judge.closes)}</th>
            <th scope="col">{t_string!(i18n, entrant.col_state)}</th>
        }>
            {rows.into_iter().map(|row| {
                let closes = row.stage_closes_at.clone();
                let (badge, state) = (sheet_badge(row.sheet_state), row.sheet_state);
                view! {
                    <tr>
                        <td>
                            // A full page load (rel="external"), so that the service worker can
                            // answer it from this device when there is no network.
                            <a href=format!("/judge/{}/{}", row.stage, row.entry) rel="external"
                                data-offline="" data-test="open-sheet">{row.title}</a>
                            <br/><span class="muted">{row.stage_title}</span>
                        </td>
                        <td>{row.category}</td>
                        <td>{move || format_local(i18n, &closes)}</td>
                        <td><span class=badge>{move || sheet_state(i18n, state)}</span></td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
    }
}

/// The judge's field visits, earliest first (linked for offline use: on site
/// there is often no signal).
#[component]
fn MyVisits() -> impl IntoView {
    let i18n = use_i18n();
    let visits = page_resource(|| (), |_| crate::api::field::load_my_visits());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match visits.await {
                    Ok(list) if !list.is_empty() => view! {
                        <section class="card stack" aria-labelledby="visits-title" data-test="my-visits">
                            <h2 id="visits-title" class="card-title">{t_string!(i18n, field.visits)}</h2>
                            <ul class="stack plain-list">
                                {list.into_iter().map(|visit| view! {
                                    <li>
                                        <a class="btn btn-secondary btn-large" data-offline="" data-test="my-visit"
                                            href=format!("/judge/visits/{}", visit.id)>
                                            {format_local(i18n, &visit.starts_at)}" · "{visit.title}
                                        </a>
                                        <p class="muted mb-0">
                                            {visit.organisation}" · "{visit.address}" · "
                                            {visit.found}" "{t_string!(i18n, field.of)}" "{visit.claims}
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Ok(_) => ().into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

//! `/admin/editions/:slug/stages/:stage`: one scoring stage live — progress per
//! judge and per entry, the heat map of totals, calibration and disagreement,
//! and the current ranking with what advances. It refetches whenever the
//! server's event stream says the stage changed (within a second of a judge
//! submitting), and every 30 s in case the stream is down.

use crate::api::stages::{AssignJudgeManually, load_stage_dashboard};
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, action_error};
use crate::components::heat_map::HeatMap;
use crate::components::labels::{fill, problem_text};
use crate::components::page_data::page_resource;
use crate::components::results_text::{method, rank, score, signed};
use crate::components::status::{ErrorPanel, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{JudgeProgress, RankingGroup, StageDashboard};
use crate::pages::admin::can_edit;
use crate::pages::admin::presentation_schedule::PresentationSchedule;
use crate::pages::admin::remove_judge_form::RemoveJudgeForm;
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::scoring::StageKey;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Refetch this often even when the event stream is down.
#[cfg(feature = "hydrate")]
const POLL_MS: u32 = 30_000;

/// The page.
#[component]
pub fn StageDashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let key = crate::pages::admin::stage_route();
    let dashboard = page_resource(key, |(slug, stage)| load_stage_dashboard(slug, stage));
    let live = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let (slug, stage) = key();
        let url = format!("/admin/editions/{slug}/stages/{stage}/events");
        let stream = crate::client::live_stage::LiveStream::open(
            &url,
            move || dashboard.refetch(),
            move |up| live.set(up),
        );
        let poll = gloo::timers::callback::Interval::new(POLL_MS, move || dashboard.refetch());
        let keep = send_wrapper::SendWrapper::new((stream, poll));
        on_cleanup(move || drop(keep));
    }
    let query = use_query_map();
    let advanced = move || query.read().get("advanced");
    view! {
        <Transition fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(data) => view! { <Dashboard data live advanced=advanced()/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Dashboard(
    data: StageDashboard,
    live: RwSignal<bool>,
    advanced: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!(
        "/admin/editions/{}/stages/{}",
        data.edition_slug, data.stage
    );
    let results = format!("/admin/editions/{}/results", data.edition_slug);
    let percent = (data.submitted * 100)
        .checked_div(data.assigned)
        .unwrap_or(0);
    let closes = data.closes_at.clone();
    let how = method(i18n, data.aggregation, &data.rule);
    let judge_count = data.judges.len();
    let title = data.title.clone();
    view! {
        <Title text=title.clone()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href="/admin">{t_string!(i18n, admin.title)}</a></li>
                <li><a href=results.clone()>{data.edition_title.clone()}</a></li>
                <li aria-current="page">{title.clone()}</li>
            </ol>
        </nav>
        <header class="page-header cluster-between">
            <div>
                <h1>{title}</h1>
                <p class="lead">{data.edition_title.clone()}" · "{move || fill(t_string!(i18n, results.closes), &[("at", format_local(i18n, &closes))])}</p>
                <p class="muted">{how}</p>
            </div>
            <p class="live-status" role="status" data-test="live-status" data-live=move || live.get().to_string()>
                <span class="live-dot" aria-hidden="true"></span>
                {move || if live.get() { t_string!(i18n, results.live) } else { t_string!(i18n, results.reconnecting) }}
            </p>
        </header>
        {advanced.map(|count| view! {
            <p class="alert alert-success" role="status" data-test="advanced-done">
                {fill(t_string!(i18n, results.advanced_done), &[("count", count)])}
            </p>
        })}
        <section class="card stack" aria-labelledby="progress-title">
            <h2 class="card-title" id="progress-title">
                {fill(t_string!(i18n, results.progress), &[("done", data.submitted.to_string()), ("total", data.assigned.to_string())])}
            </h2>
            <div class="progress" role="progressbar" aria-labelledby="progress-title" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=percent.to_string() data-test="stage-progress" data-submitted=data.submitted.to_string()>
                <div class="progress-bar" style=format!("width: {percent}%")></div>
            </div>
            <div class="cluster">
                <a class="btn btn-secondary" href=results>{t_string!(i18n, results.results_open)}</a>
                <a class="btn btn-secondary" href=format!("{base}/minutes") data-test="open-minutes">{t_string!(i18n, minutes.open)}</a>
                {data.field.then(|| view! {
                    <a class="btn btn-primary" href=format!("{base}/field") data-test="open-field">{t_string!(i18n, field.title)}</a>
                })}
                {can_edit().get_untracked().then(|| view! {
                    <a class="btn btn-primary" href=format!("{base}/advance") data-test="open-advance">{t_string!(i18n, results.advance_open)}</a>
                })}
            </div>
        </section>
        <JudgeTable judges=data.judges.clone()/>
        {data.presentation.clone().map(|slots| view! {
            <PresentationSchedule slug=data.edition_slug.clone() stage=data.stage.clone() slots/>
        })}
        {can_edit().get_untracked().then(|| view! {
            <RemoveJudgeForm slug=data.edition_slug.clone() stage=data.stage.clone()
                standing=data.standing.clone()/>
            <ManualAssignment slug=data.edition_slug.clone() stage=data.stage.clone()
                entries=data.entries.iter().map(|entry| (entry.entry.clone(), entry.title.clone())).collect()
                judges=data.all_judges.clone()/>
        })}
        <section class="stack" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{t_string!(i18n, results.matrix)}</h2>
            <p class="muted">{t_string!(i18n, results.matrix_lead)}" "{t_string!(i18n, results.legend_judges)}</p>
            {if data.entries.is_empty() {
                view! { <p class="empty-state">{t_string!(i18n, results.no_entries)}</p> }.into_any()
            } else {
                view! { <HeatMap entries=data.entries judges=judge_count/> }.into_any()
            }}
        </section>
        <section class="stack" aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t_string!(i18n, results.ranking)}</h2>
            <p class="muted" data-test="agreement">{match data.agreement {
                Some(value) => fill(t_string!(i18n, results.agreement), &[("value", format!("{value:.2}"))]),
                None => t_string!(i18n, results.no_agreement).to_owned(),
            }}</p>
            <RankingTables groups=data.ranking/>
        </section>
    }
}

#[component]
fn JudgeTable(judges: Vec<JudgeProgress>) -> impl IntoView {
    let i18n = use_i18n();
    let optional =
        |value: Option<f64>, show: fn(f64) -> String| value.map_or_else(|| "–".to_owned(), show);
    view! {
        <section class="stack" aria-labelledby="judges-title">
            <h2 id="judges-title">{t_string!(i18n, results.judges)}</h2>
            <DataTable test="judge-progress" head=move || view! {
                <th scope="col" class="num">{t_string!(i18n, results.col_number)}</th>
                <th scope="col">{t_string!(i18n, results.judge)}</th>
                <th scope="col">{t_string!(i18n, results.col_progress)}</th>
                <th scope="col" class="num">{t_string!(i18n, results.col_drafts)}</th>
                <th scope="col" class="num">{t_string!(i18n, results.col_mean)}</th>
                <th scope="col" class="num">{t_string!(i18n, results.col_sd)}</th>
                <th scope="col" class="num">{t_string!(i18n, results.col_deviation)}</th>
            }>
                {judges.into_iter().enumerate().map(|(index, judge)| {
                    let percent = (judge.submitted * 100).checked_div(judge.assigned).unwrap_or(0);
                    view! {
                        <tr>
                            <td class="num">{index + 1}</td>
                            <th scope="row">{judge.name.clone()}</th>
                            <td>
                                <span class="progress-label">{format!("{} / {}", judge.submitted, judge.assigned)}</span>
                                <div class="progress progress-small" role="progressbar" aria-label=judge.name aria-valuemin="0"
                                    aria-valuemax="100" aria-valuenow=percent.to_string()>
                                    <div class="progress-bar" style=format!("width: {percent}%")></div>
                                </div>
                            </td>
                            <td class="num">{judge.drafts}</td>
                            <td class="num">{optional(judge.mean, score)}</td>
                            <td class="num">{optional(judge.std_dev, score)}</td>
                            <td class="num">{optional(judge.deviation, signed)}</td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
        </section>
    }
}

/// Gives one entry to one judge by hand (an override of the automatic plan).
#[component]
fn ManualAssignment(
    slug: String,
    stage: StageKey,
    entries: Vec<(EntryId, String)>,
    judges: Vec<(UserId, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let assign = ServerAction::<AssignJudgeManually>::new();
    let error = action_error(assign);
    let problem = move |field: &'static str| {
        move || {
            error
                .get()
                .and_then(|e| e.problem_for(field).map(|p| problem_text(i18n, p)))
        }
    };
    let query = use_query_map();
    let assigned = move || query.read().get("assigned").is_some();
    view! {
        <details class="card" open=move || error.get().is_some() || assigned()>
            <summary class="card-title">{t_string!(i18n, results.manual_title)}</summary>
            <p class="muted">{t_string!(i18n, results.manual_lead)}</p>
            <Show when=assigned>
                <p class="alert alert-success" role="status" data-test="manual-assigned">{t_string!(i18n, results.manual_done)}</p>
            </Show>
            <ActionForm action=assign attr:class="form" attr:data-test="manual-assign">
                <FormAlert error/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="stage" value=stage.to_string()/>
                <div class="form-grid">
                    <div class="field">
                        <label class="field-label" for="manual-entry">{t_string!(i18n, results.col_title)}</label>
                        <select id="manual-entry" name="entry">
                            {entries.into_iter().map(|(key, title)| view! { <option value=key.to_string()>{title}</option> }).collect_view()}
                        </select>
                        {move || problem("entry")().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                    <div class="field">
                        <label class="field-label" for="manual-judge">{t_string!(i18n, results.judge)}</label>
                        <select id="manual-judge" name="judge">
                            {judges.into_iter().map(|(key, name)| view! { <option value=key.to_string()>{name}</option> }).collect_view()}
                        </select>
                        {move || problem("judge")().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary" disabled=move || assign.pending().get()>{t_string!(i18n, results.manual_submit)}</button>
                </div>
            </ActionForm>
        </details>
    }
}

/// The ranking of each category, with the decision (or what the rule gives).
#[component]
pub fn RankingTables(groups: Vec<RankingGroup>) -> impl IntoView {
    let i18n = use_i18n();
    if groups.is_empty() {
        return view! { <p class="empty-state">{t_string!(i18n, results.no_entries)}</p> }
            .into_any();
    }
    groups.into_iter().map(|group| view! {
        <div class="table-wrap" tabindex="0">
            <table class="table" data-test="ranking">
                <caption>{group.category}</caption>
                <thead><tr>
                    <th scope="col" class="num">{t_string!(i18n, results.col_rank)}</th>
                    <th scope="col">{t_string!(i18n, results.col_title)}</th>
                    <th scope="col" class="num">{t_string!(i18n, results.col_score)}</th>
                    <th scope="col" class="num">{t_string!(i18n, results.col_sheets)}</th>
                    <th scope="col">{t_string!(i18n, results.col_outcome)}</th>
                </tr></thead>
                <tbody>
                    {group.rows.into_iter().map(|row| {
                        let (place, tied) = (row.rank, row.tied);
                        view! {
                            <tr data-entry=row.entry.to_string()>
                                <td class="num">{move || rank(i18n, place, tied)}</td>
                                <th scope="row">{row.title}<br/><span class="muted">{row.organisation}</span></th>
                                <td class="num">{score(row.score)}</td>
                                <td class="num">{row.sheets}</td>
                                <td>
                                    {if row.advances {
                                        view! { <span class="badge badge-success">{t_string!(i18n, results.advances)}</span> }.into_any()
                                    } else {
                                        view! { <span class="badge badge-muted">{t_string!(i18n, results.stays)}</span> }.into_any()
                                    }}
                                    {row.tied_at_cut.then(|| view! { " "<span class="badge badge-warning">{t_string!(i18n, results.tied_at_cut)}</span> })}
                                    {row.override_reason.map(|reason| view! {
                                        <br/><span class="muted">{fill(t_string!(i18n, results.overridden), &[("reason", reason)])}</span>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }).collect_view().into_any()
}

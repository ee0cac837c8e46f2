//! `/judge/:stage/:entry`: the proposal beside the score sheet. The total updates
//! as the judge types, computed in the browser by the domain crate — the same
//! arithmetic the server uses. Saving sends one revision with a fresh idempotency
//! key and the revision it was based on, so a retry never counts twice and a
//! change made on an old version is refused rather than overwriting a newer one.

use crate::api::judging::load_scoring_view;
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::form::FormAlert;
use crate::components::labels::{problem_text, section, sheet_state};
use crate::components::page_data::page_resource;
use crate::components::status::{ErrorPanel, ForbiddenPage, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{RevisionRow, ScoringView};
use crate::pages::judge::outbox::SheetOutbox;
use crate::pages::judge::recusal_form::RecusalForm;
use crate::pages::judge::sheet_sync::{SheetActions, SheetSignals, SheetSync};
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::scoring::{Criterion, CriterionKey, SheetValues, live_total, round2};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

/// The scoring page.
#[component]
pub fn ScoringPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let keys = move || {
        let params = params.read();
        (
            StageId::from(params.get("stage").unwrap_or_default()),
            EntryId::from(params.get("entry").unwrap_or_default()),
        )
    };
    let view_data = page_resource(keys, |(stage, entry)| load_scoring_view(stage, entry));
    view! {
        <p><a href="/judge">"← "{t_string!(i18n, judge.back)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) => view! { <Scoring data/> }.into_any(),
                    Err(AppError::Forbidden) => view! { <ForbiddenPage/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Parses what is typed into a value; empty or unreadable text is "not scored".
fn parse(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

#[component]
fn Scoring(data: ScoringView) -> impl IntoView {
    let i18n = use_i18n();
    let rubric = data.rubric.clone();
    let typed = RwSignal::new(
        rubric
            .criteria()
            .iter()
            .map(|c| {
                (
                    c.key.as_str().to_owned(),
                    data.values
                        .get(c.key.as_str())
                        .map(|v| number(*v))
                        .unwrap_or_default(),
                )
            })
            .collect::<BTreeMap<String, String>>(),
    );
    let comments = RwSignal::new(data.comments.clone());
    let comment = RwSignal::new(data.comment.clone());
    let revision = RwSignal::new(data.revision);
    let state = RwSignal::new(data.state);
    let sync = RwSignal::new(SheetSync::Saved);
    let error = RwSignal::new(None::<AppError>);
    let sending = RwSignal::new(false);
    let open = data.open;
    let ready = RwSignal::new(false);

    let total = Memo::new(move |_| {
        let values: SheetValues = typed.with(|typed| {
            typed
                .iter()
                .filter_map(|(key, text)| {
                    parse(text).map(|value| (CriterionKey::from(key.as_str()), value))
                })
                .collect()
        });
        live_total(&rubric, &values)
            .ok()
            .map(|live| round2(live.total))
    });

    let sheet = SheetSignals {
        typed,
        comments,
        comment,
        revision,
        state,
        sync,
        error,
        sending,
        ready,
    };
    // In the browser: this device's copy of the sheet, kept and sent.
    #[cfg(feature = "hydrate")]
    provide_context(super::sheet_sync::start(
        crate::client::sheet_queue::SheetId {
            owner: data.judge.clone(),
            stage: data.stage.clone(),
            entry: data.entry.clone(),
        },
        sheet,
        data.revision,
        data.state,
    ));
    #[cfg(not(feature = "hydrate"))]
    let _ = sheet;

    let actions = use_context::<SheetActions>();
    let save_with = {
        let actions = actions.clone();
        move |submit: bool| {
            if let Some(actions) = &actions {
                (actions.save)(submit);
            }
        }
    };
    let save_draft = save_with.clone();
    let conflict_actions = actions.clone();
    let closes = data.closes_at.clone();
    let field_error = Signal::derive(move || error.get());
    let (stage_key, entry_key) = (data.stage.clone(), data.entry.clone());

    view! {
        <Title text=data.title.clone()/>
        <header class="page-header" data-test="scoring-page">
            <h1>{data.title.clone()}</h1>
            <p class="lead">
                {data.org_name.clone().unwrap_or_else(|| t_string!(i18n, judge.org_hidden).to_string())}
                " · "{data.category.clone()}" · "{data.stage_title.clone()}
            </p>
            <p class="muted">{t_string!(i18n, judge.closes)}" "{move || format_local(i18n, &closes)}</p>
        </header>
        <SheetOutbox owner=data.judge.clone() except_stage=stage_key.clone() except_entry=entry_key.clone()/>
        <div class="scoring-layout">
            <section class="card stack" aria-labelledby="proposal-title">
                <h2 class="card-title" id="proposal-title">{t_string!(i18n, judge.proposal)}</h2>
                {data.sections.iter().map(|(key, text)| {
                    let key = key.clone();
                    view! {
                        <section>
                            <h3>{move || section(i18n, &key)}</h3>
                            {text.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view()}
                        </section>
                    }
                }).collect_view()}
                {data.video_url.clone().map(|url| view! {
                    <p><a href=url.clone() rel="noopener noreferrer" target="_blank">{t_string!(i18n, judge.video)}</a></p>
                })}
                {(!data.evidence.is_empty()).then(|| view! {
                    <section data-test="judge-evidence">
                        <h3>{t_string!(i18n, entrant.evidence)}</h3>
                        <ul class="evidence-list">
                            {data.evidence.iter().map(|file| {
                                let href = format!("/evidence/{}", file.id);
                                let key = file.section.clone();
                                view! {
                                    <li>
                                        {file.is_image.then(|| view! {
                                            <img class="evidence-thumb" src=href.clone() alt=file.name.clone() loading="lazy"/>
                                        })}
                                        // PDFs open in the browser's own viewer.
                                        <a href=href target="_blank" rel="noopener">{file.name.clone()}</a>
                                        <span class="muted">" · "{move || section(i18n, &key)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </section>
            <section class="card stack scoring-sheet" aria-labelledby="sheet-title"
                data-ready=move || if ready.get() { "true" } else { "false" }>
                <h2 class="card-title" id="sheet-title">{t_string!(i18n, judge.rubric)}</h2>
                {(!open).then(|| view! { <p class="alert alert-warning">{t_string!(i18n, judge.closed)}</p> })}
                <FormAlert error=field_error/>
                {data.rubric.criteria().iter().cloned().map(|criterion| view! {
                    <CriterionInput criterion typed comments open error=field_error/>
                }).collect_view()}
                <div class="field">
                    <label class="field-label" for="overall-comment">{t_string!(i18n, judge.comment_overall)}</label>
                    <textarea id="overall-comment" rows="3" disabled=!open
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))>{data.comment.clone()}</textarea>
                </div>
                <div class="score-total" aria-live="polite" data-test="live-total">
                    <span class="stat-label">{t_string!(i18n, judge.total)}</span>
                    <span class="stat-value">{move || total.get().map_or("–".to_owned(), |t| format!("{t:.2}"))}</span>
                    <p class="field-hint">{t_string!(i18n, judge.total_hint)}</p>
                </div>
                <p class="muted" data-test="sheet-state">
                    {move || sheet_state(i18n, state.get())}
                    {move || (revision.get() > 0).then(|| format!(" · {} {}", t_string!(i18n, judge.revision), revision.get()))}
                </p>
                <p class="sync-state" role="status" data-test="sync-state" data-sync=move || match sync.get() {
                    SheetSync::Saved => "saved",
                    SheetSync::Waiting(_) => "waiting",
                    SheetSync::Conflict(_) => "conflict",
                }>
                    {move || match sync.get() {
                        SheetSync::Saved => t_string!(i18n, judge.sync_saved).to_string(),
                        SheetSync::Waiting(count) => format!("{} ({count})", t_string!(i18n, judge.sync_waiting)),
                        SheetSync::Conflict(_) => t_string!(i18n, judge.sync_conflict).to_string(),
                    }}
                </p>
                {move || match sync.get() {
                    SheetSync::Conflict(stored) => {
                        let (keep, take) = (conflict_actions.clone(), conflict_actions.clone());
                        Some(view! {
                            <div class="form-actions">
                                <button type="button" class="btn btn-primary" on:click=move |_| {
                                    if let Some(actions) = &keep { (actions.keep_mine)(stored); }
                                }>{t_string!(i18n, judge.keep_mine)}</button>
                                <button type="button" class="btn btn-secondary" on:click=move |_| {
                                    if let Some(actions) = &take { (actions.take_theirs)(); }
                                }>{t_string!(i18n, judge.take_theirs)}</button>
                            </div>
                        })
                    }
                    _ => None,
                }}
                <div class="form-actions">
                    <button type="button" class="btn btn-secondary" disabled=move || !open || !ready.get()
                        on:click=move |_| save_draft(false)>{t_string!(i18n, judge.save_draft)}</button>
                    <button type="button" class="btn btn-primary" disabled=move || !open || !ready.get()
                        aria-busy=move || if sending.get() { "true" } else { "false" }
                        on:click=move |_| save_with(true)>
                        {move || if sending.get() { t_string!(i18n, judge.saving) } else { t_string!(i18n, judge.submit) }}
                    </button>
                </div>
            </section>
        </div>
        <SheetHistory rows=data.history.clone()/>
        <RecusalForm stage=stage_key entry=entry_key/>
    }
}

/// One criterion: label, weight and scale, guidance, a number field with large
/// − / + buttons that honour the step, and a comment.
#[component]
fn CriterionInput(
    criterion: Criterion,
    typed: RwSignal<BTreeMap<String, String>>,
    comments: RwSignal<BTreeMap<String, String>>,
    open: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Criterion {
        key,
        label,
        guidance,
        weight,
        scale,
        ..
    } = criterion;
    let (key, min, max, step) = (key.as_str().to_owned(), scale.min, scale.max, scale.step);
    let id = format!("criterion-{key}");
    let field = format!("values.{key}");
    let problem = Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.problem_for(&field).map(|p| problem_text(i18n, p)))
    });
    let value = {
        let key = key.clone();
        move || typed.with(|typed| typed.get(&key).cloned().unwrap_or_default())
    };
    let nudge = {
        let key = key.clone();
        move |direction: f64| {
            typed.update(|typed| {
                let current = typed.get(&key).and_then(|text| parse(text));
                let next = current.map_or(if direction > 0.0 { min } else { max }, |value| {
                    value + direction * step
                });
                typed.insert(key.clone(), number(next.clamp(min, max)));
            });
        }
    };
    let nudge_down = nudge.clone();
    let set_key = key.clone();
    let comment_key = key.clone();
    let comment_value = {
        let key = key.clone();
        move || comments.with(|comments| comments.get(&key).cloned().unwrap_or_default())
    };
    view! {
        <fieldset class="criterion" class:has-error=move || problem.get().is_some() data-test=format!("criterion-{key}")>
            <legend class="field-label">{label.clone()}" "<span class="muted">{format!("({} {weight}%, {} {}–{})", t_string!(i18n, judge.weight), t_string!(i18n, judge.scale), number(min), number(max))}</span></legend>
            {(!guidance.is_empty()).then(|| view! { <p class="field-hint">{guidance.clone()}</p> })}
            <div class="stepper">
                <button type="button" class="btn btn-secondary" disabled=!open on:click=move |_| nudge_down(-1.0)
                    aria-label=format!("{} {label}", t_string!(i18n, judge.decrease))>"−"</button>
                <input id=id.clone() type="number" inputmode="decimal" min=min max=max step=step disabled=!open
                    aria-label=label.clone()
                    prop:value=value
                    on:input=move |ev| typed.update(|typed| { typed.insert(set_key.clone(), event_target_value(&ev)); })/>
                <button type="button" class="btn btn-secondary" disabled=!open on:click=move |_| nudge(1.0)
                    aria-label=format!("{} {}", t_string!(i18n, judge.increase), label)>"+"</button>
            </div>
            {move || problem.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            <label class="visually-hidden" for=format!("{id}-comment")>{t_string!(i18n, judge.comment_for)}</label>
            <textarea id=format!("{id}-comment") rows="2" disabled=!open placeholder=t_string!(i18n, judge.comment_for)
                prop:value=comment_value
                on:input=move |ev| comments.update(|comments| { comments.insert(comment_key.clone(), event_target_value(&ev)); })></textarea>
        </fieldset>
    }
}

/// The judge's own earlier revisions: every change is kept, and the judge can see
/// what they sent and when (never anyone else's).
#[component]
fn SheetHistory(rows: Vec<RevisionRow>) -> impl IntoView {
    let i18n = use_i18n();
    (!rows.is_empty()).then(|| {
        let count = rows.len();
        view! {
            <details class="card sheet-history" data-test="sheet-history">
                <summary>{t_string!(i18n, judge.history)}" ("{count}")"</summary>
                <DataTable head=move || view! {
                    <th scope="col" class="num">{t_string!(i18n, judge.revision)}</th>
                    <th scope="col">{t_string!(i18n, judge.history_when)}</th>
                    <th scope="col">{t_string!(i18n, entrant.col_state)}</th>
                    <th scope="col" class="num">{t_string!(i18n, judge.history_total)}</th>
                }>
                    {rows.into_iter().map(|row| {
                        let at = row.saved_at.clone();
                        let state = Some(row.state);
                        view! {
                            <tr>
                                <td class="num">{row.revision}</td>
                                <td>{move || format_local(i18n, &at)}</td>
                                <td>{move || sheet_state(i18n, state)}</td>
                                <td class="num">{row.total.map_or("–".to_owned(), |total| format!("{total:.2}"))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            </details>
        }
    })
}

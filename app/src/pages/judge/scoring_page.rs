//! `/judge/:stage/:entry`: the proposal beside the score sheet. The total updates
//! as the judge types, computed in the browser by the domain crate — the same
//! arithmetic the server uses. Saving sends one revision with a fresh idempotency
//! key and the revision it was based on, so a retry never counts twice and a
//! change made on an old version is refused rather than overwriting a newer one.

use crate::api::judging::{SaveSheet, scoring_view};
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::{problem_text, section};
use crate::components::status::{ErrorPanel, ForbiddenPage, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{CriterionView, ScoringView, SheetRevision};
use domain::scoring::{CriterionKey, Rubric, SheetValues, live_total, round2};
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
            params.get("stage").unwrap_or_default(),
            params.get("entry").unwrap_or_default(),
        )
    };
    let view_data = Resource::new(keys, |(stage, entry)| scoring_view(stage, entry));
    view! {
        <p><a href="/judge">"← "{t!(i18n, judge.back)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, pages.loading)}</p> }>
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
    let rubric: Option<Rubric> = serde_json::from_value(data.rubric.clone()).ok();
    let typed = RwSignal::new(
        data.criteria
            .iter()
            .map(|c| {
                (
                    c.key.clone(),
                    data.values
                        .get(&c.key)
                        .map(|v| number(*v))
                        .unwrap_or_default(),
                )
            })
            .collect::<BTreeMap<String, String>>(),
    );
    let comments = RwSignal::new(data.comments.clone());
    let comment = RwSignal::new(data.comment.clone());
    let revision = RwSignal::new(data.revision);
    let state = RwSignal::new(data.state.clone());
    let save = ServerAction::<SaveSheet>::new();
    let error = action_error(save);
    let open = data.open;
    // Effects run only in the browser, once the page is interactive: tests (and
    // styles) can tell a live sheet from the server-rendered one.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));

    let total = Memo::new(move |_| {
        let rubric = rubric.as_ref()?;
        let values: SheetValues = typed.with(|typed| {
            typed
                .iter()
                .filter_map(|(key, text)| {
                    parse(text).map(|value| (CriterionKey::from(key.as_str()), value))
                })
                .collect()
        });
        live_total(rubric, &values)
            .ok()
            .map(|live| round2(live.total))
    });
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            revision.set(saved.revision);
            state.set(saved.state);
        }
    });
    let (stage, entry) = (data.stage.clone(), data.entry.clone());
    let send = move |submit: bool| {
        let values = typed.with_untracked(|typed| {
            typed
                .iter()
                .filter_map(|(key, text)| parse(text).map(|value| (key.clone(), value)))
                .collect()
        });
        #[cfg(feature = "hydrate")]
        let idempotency_key = crate::client::idempotency_key();
        // The buttons only act in the browser; the server never sends a revision.
        #[cfg(not(feature = "hydrate"))]
        let idempotency_key = String::new();
        save.dispatch(SaveSheet {
            stage: stage.clone(),
            entry: entry.clone(),
            revision: SheetRevision {
                values,
                comments: comments.get_untracked(),
                comment: comment.get_untracked(),
                submit,
                base_revision: revision.get_untracked(),
                idempotency_key,
            },
        });
    };
    let send_draft = send.clone();
    let closes = data.closes_at.clone();

    view! {
        <Title text=data.title.clone()/>
        <header class="page-header" data-test="scoring-page">
            <h1>{data.title.clone()}</h1>
            <p class="lead">
                {data.org_name.clone().unwrap_or_else(|| t_string!(i18n, judge.org_hidden).to_string())}
                " · "{data.category.clone()}" · "{data.stage_title.clone()}
            </p>
            <p class="muted">{t!(i18n, judge.closes)}" "{move || format_local(i18n, &closes)}</p>
        </header>
        <div class="scoring-layout">
            <section class="card stack" aria-labelledby="proposal-title">
                <h2 class="card-title" id="proposal-title">{t!(i18n, judge.proposal)}</h2>
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
                    <p><a href=url.clone() rel="noopener noreferrer" target="_blank">{t!(i18n, judge.video)}</a></p>
                })}
            </section>
            <section class="card stack scoring-sheet" aria-labelledby="sheet-title"
                data-ready=move || if ready.get() { "true" } else { "false" }>
                <h2 class="card-title" id="sheet-title">{t!(i18n, judge.rubric)}</h2>
                {(!open).then(|| view! { <p class="alert alert-warning">{t!(i18n, judge.closed)}</p> })}
                <FormAlert error/>
                {data.criteria.iter().cloned().map(|criterion| view! {
                    <CriterionInput criterion typed comments open error=error/>
                }).collect_view()}
                <div class="field">
                    <label class="field-label" for="overall-comment">{t!(i18n, judge.comment_overall)}</label>
                    <textarea id="overall-comment" rows="3" disabled=!open
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))>{data.comment.clone()}</textarea>
                </div>
                <div class="score-total" aria-live="polite" data-test="live-total">
                    <span class="stat-label">{t!(i18n, judge.total)}</span>
                    <span class="stat-value">{move || total.get().map_or("–".to_owned(), |t| format!("{t:.2}"))}</span>
                    <p class="field-hint">{t!(i18n, judge.total_hint)}</p>
                </div>
                <p class="muted" data-test="sheet-state">
                    {move || match state.get().as_str() {
                        "submitted" => t_string!(i18n, judge.sheet_submitted).to_string(),
                        "draft" => t_string!(i18n, judge.sheet_draft).to_string(),
                        _ => t_string!(i18n, judge.sheet_none).to_string(),
                    }}
                    {move || (revision.get() > 0).then(|| format!(" · {} {}", t_string!(i18n, judge.revision), revision.get()))}
                </p>
                <div class="form-actions">
                    <button type="button" class="btn btn-secondary" disabled=move || !open || save.pending().get()
                        on:click=move |_| send_draft(false)>{t!(i18n, judge.save_draft)}</button>
                    <button type="button" class="btn btn-primary" disabled=move || !open || save.pending().get()
                        aria-busy=move || if save.pending().get() { "true" } else { "false" }
                        on:click=move |_| send(true)>
                        {move || if save.pending().get() { t_string!(i18n, judge.saving) } else { t_string!(i18n, judge.submit) }}
                    </button>
                </div>
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! {
                    <p class="alert alert-success" role="status" data-test="saved">{t!(i18n, judge.saved)}</p>
                })}
            </section>
        </div>
    }
}

/// One criterion: label, weight and scale, guidance, a number field with large
/// − / + buttons that honour the step, and a comment.
#[component]
fn CriterionInput(
    criterion: CriterionView,
    typed: RwSignal<BTreeMap<String, String>>,
    comments: RwSignal<BTreeMap<String, String>>,
    open: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let CriterionView {
        key,
        label,
        guidance,
        weight,
        min,
        max,
        step,
    } = criterion;
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
            <label class="visually-hidden" for=format!("{id}-comment")>{t!(i18n, judge.comment_for)}</label>
            <textarea id=format!("{id}-comment") rows="2" disabled=!open placeholder=move || t_string!(i18n, judge.comment_for)
                prop:value=comment_value
                on:input=move |ev| comments.update(|comments| { comments.insert(comment_key.clone(), event_target_value(&ev)); })></textarea>
        </fieldset>
    }
}

//! `/judge/present/:stage`: the presentation console. The panel's entries in
//! running order, and the stage clock — the video first, then questions — that
//! the panel chair starts and pauses and every judge's tablet follows. The time
//! left is computed from the server's clock reading, so a tablet whose own clock
//! is wrong still shows the right time; the page asks again every few seconds.

use crate::api::presentation::{RunClock, load_presentation_console};
use crate::components::labels::{sheet_badge, sheet_state};
use crate::components::page_data::page_resource;
use crate::components::status::{ErrorPanel, ForbiddenPage, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{ClockView, ConsoleView, QueueItem};
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::presentation::{Phase, Slot, minutes_seconds, read};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// How often a judge's tablet asks for the clock (the chair may have moved on).
#[cfg(feature = "hydrate")]
const FOLLOW_MS: u32 = 5_000;

/// The console page.
#[component]
pub fn PresentationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let stage = move || StageId::from(params.read().get("stage").unwrap_or_default());
    let console = page_resource(stage, load_presentation_console);
    let run = ServerAction::<RunClock>::new();
    // After the chair's button, read the clock again at once.
    Effect::watch(
        move || run.version().get(),
        move |_, _, _| console.refetch(),
        false,
    );
    #[cfg(feature = "hydrate")]
    {
        let follow = gloo::timers::callback::Interval::new(FOLLOW_MS, move || console.refetch());
        let keep = send_wrapper::SendWrapper::new(follow);
        on_cleanup(move || drop(keep));
    }
    view! {
        <p><a href="/judge">"← "{t_string!(i18n, judge.back)}</a></p>
        <Transition fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match console.await {
                    Ok(data) => view! { <Console data run/> }.into_any(),
                    Err(AppError::Forbidden) => view! { <ForbiddenPage/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The server's time now, as this device best knows it: the server's reading
/// plus the time passed here since, ticking every half second in the browser.
fn server_now(server_now_ms: i64) -> Signal<i64> {
    let now = RwSignal::new(server_now_ms);
    #[cfg(feature = "hydrate")]
    {
        let offset = server_now_ms - js_sys::Date::now() as i64;
        let tick = gloo::timers::callback::Interval::new(500, move || {
            now.set(js_sys::Date::now() as i64 + offset);
        });
        let keep = send_wrapper::SendWrapper::new(tick);
        on_cleanup(move || drop(keep));
    }
    now.into()
}

#[component]
fn Console(data: ConsoleView, run: ServerAction<RunClock>) -> impl IntoView {
    let i18n = use_i18n();
    let now = server_now(data.server_now_ms);
    let presenting = data.clock.as_ref().map(|clock| clock.entry.clone());
    let current = data.clock.clone().and_then(|clock| {
        data.queue
            .iter()
            .find(|item| item.entry == clock.entry)
            .map(|item| (clock, item.clone()))
    });
    let is_chair = data.is_chair;
    let stage = data.stage.clone();
    view! {
        <Title text=data.stage_title.clone()/>
        <header class="page-header" data-test="presentation-console">
            <h1>{t_string!(i18n, present.title)}</h1>
            <p class="lead">{data.stage_title.clone()}</p>
            <p class="muted">
                {move || if is_chair {
                    t_string!(i18n, present.you_chair).to_string()
                } else if data.has_chair {
                    t_string!(i18n, present.chair_runs).to_string()
                } else {
                    t_string!(i18n, present.no_chair).to_string()
                }}
            </p>
        </header>
        {(!data.open).then(|| view! { <p class="alert alert-warning">{t_string!(i18n, judge.closed)}</p> })}
        {match current {
            Some((clock, item)) => view! {
                <ClockPanel clock item timing=data.slot now is_chair stage=stage.clone() run/>
            }.into_any(),
            None => view! {
                <section class="card presenting" data-test="clock">
                    <p class="muted">{t_string!(i18n, present.waiting)}</p>
                </section>
            }.into_any(),
        }}
        <h2>{t_string!(i18n, present.queue)}</h2>
        <ol class="queue" data-test="queue">
            {data.queue.into_iter().map(|item| {
                let now_presenting = presenting.as_ref() == Some(&item.entry);
                view! { <QueueRow item now_presenting is_chair stage=stage.clone() run/> }
            }).collect_view()}
        </ol>
    }
}

/// The clock of the entry presenting: phase, time left and, for the chair, the
/// buttons.
#[component]
fn ClockPanel(
    clock: ClockView,
    item: QueueItem,
    timing: Slot,
    now: Signal<i64>,
    is_chair: bool,
    stage: StageId,
    run: ServerAction<RunClock>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = timing;
    let stopwatch = clock.clock;
    let running = stopwatch.is_running();
    let reading = Memo::new(move |_| read(slot, stopwatch.elapsed_at(now.get())));
    let phase = move || match reading.get().phase {
        Phase::Video => ("video", t_string!(i18n, present.phase_video)),
        Phase::Questions => ("questions", t_string!(i18n, present.phase_questions)),
        Phase::Overtime => ("overtime", t_string!(i18n, present.phase_overtime)),
    };
    let shown = move || {
        let reading = reading.get();
        if reading.phase == Phase::Overtime {
            format!("+{}", minutes_seconds(reading.overtime_ms))
        } else {
            minutes_seconds(reading.phase_left_ms)
        }
    };
    let slot_total = u64::from(slot.minutes) * 60_000;
    let used_percent = move || {
        let left = reading.get().slot_left_ms;
        100 - (left * 100 / slot_total.max(1))
    };
    let entry = item.entry.clone();
    view! {
        <section class="card presenting stack" data-test="clock" data-phase=move || phase().0
            data-running=if running { "true" } else { "false" }>
            <p class="muted">{t_string!(i18n, present.now_presenting)}</p>
            <h2 class="card-title">{item.title.clone()}</h2>
            <p class="clock-phase">{move || phase().1}
                {(!running).then(|| view! { " · "{t_string!(i18n, present.paused)} })}</p>
            <p class="clock-time" role="timer" aria-live="off" data-test="clock-time">{shown}</p>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=used_percent aria-label=t_string!(i18n, present.slot_used)>
                <div class="progress-bar" style=move || format!("width: {}%", used_percent())></div>
            </div>
            <p class="muted">{move || format!(
                "{} {} · {} {}",
                t_string!(i18n, present.video_minutes), slot.video_minutes,
                t_string!(i18n, present.slot_minutes), slot.minutes,
            )}</p>
            {is_chair.then(|| view! {
                <div class="form-actions">
                    <ClockButton stage=stage.clone() entry=entry.clone() command="start" run primary=!running
                        label=if running || stopwatch.elapsed_ms == 0 { "start" } else { "resume" }/>
                    <ClockButton stage=stage.clone() entry=entry.clone() command="pause" run primary=running label="pause"/>
                    <ClockButton stage=stage.clone() entry=entry.clone() command="reset" run primary=false label="reset"/>
                </div>
            })}
        </section>
    }
}

/// One of the chair's buttons: a form of its own, so it works without JavaScript.
#[component]
fn ClockButton(
    stage: StageId,
    entry: EntryId,
    command: &'static str,
    label: &'static str,
    primary: bool,
    run: ServerAction<RunClock>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match label {
        "start" => t_string!(i18n, present.start),
        "resume" => t_string!(i18n, present.resume),
        "pause" => t_string!(i18n, present.pause),
        _ => t_string!(i18n, present.reset),
    };
    view! {
        <ActionForm action=run attr:class="inline-form">
            <input type="hidden" name="stage" value=stage.to_string()/>
            <input type="hidden" name="entry" value=entry.to_string()/>
            <input type="hidden" name="command" value=command/>
            <button type="submit" class=if primary { "btn btn-primary" } else { "btn btn-secondary" }
                disabled=move || run.pending().get() data-test=format!("clock-{label}")>{text}</button>
        </ActionForm>
    }
}

#[component]
fn QueueRow(
    item: QueueItem,
    now_presenting: bool,
    is_chair: bool,
    stage: StageId,
    run: ServerAction<RunClock>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (badge, state) = (sheet_badge(item.sheet_state), item.sheet_state);
    view! {
        <li class="queue-item card" class:is-presenting=now_presenting>
            <div>
                <strong>{item.title.clone()}</strong>
                {now_presenting.then(|| view! { " "<span class="badge badge-warning">{t_string!(i18n, present.now_presenting)}</span> })}
                <br/>
                <span class="muted">{item.org_name.clone().map(|org| format!("{org} · ")).unwrap_or_default()}{item.category.clone()}</span>
                " "<span class=badge>{move || sheet_state(i18n, state)}</span>
            </div>
            <div class="form-actions">
                {(is_chair && !now_presenting).then(|| view! {
                    <ClockButton stage=stage.clone() entry=item.entry.clone() command="start" run primary=false label="start"/>
                })}
                <a class="btn btn-secondary" rel="external" data-offline=""
                    href=format!("/judge/{stage}/{}", item.entry)>{t_string!(i18n, judge.open_sheet)}</a>
            </div>
        </li>
    }
}

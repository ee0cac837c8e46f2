//! The entry's deadline with a countdown. The server renders the closing time;
//! in the browser the time left is counted down each minute, from the device
//! clock (a wrong clock only misstates the countdown: the server decides).

use crate::i18n::*;
use leptos::prelude::*;

/// "Closes 2026-12-01 23:59 WIB — 3 days 4 hours left".
#[component]
pub fn Deadline(
    closes_at: Option<String>,
    closes_at_ms: Option<i64>,
    closed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let left = RwSignal::new(None::<i64>);
    // Started after hydration: the server rendered no countdown, and the page
    // must match that until the app has taken over.
    #[cfg(feature = "hydrate")]
    if let Some(deadline) = closes_at_ms {
        let tick = move || {
            let now = js_sys::Date::now() as i64;
            left.set(Some((deadline - now).max(0) / 60_000));
        };
        Effect::new(move |started: Option<()>| {
            if started.is_none() {
                tick();
                let timer = gloo::timers::callback::Interval::new(30_000, tick);
                let keep = send_wrapper::SendWrapper::new(timer);
                on_cleanup(move || drop(keep));
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = closes_at_ms;
    let countdown = move || {
        left.get().filter(|_| !closed).map(|minutes| {
            let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
            let text = if days > 0 {
                format!(
                    "{days} {} {hours} {}",
                    t_string!(i18n, entrant.days),
                    t_string!(i18n, entrant.hours)
                )
            } else {
                format!(
                    "{hours} {} {mins} {}",
                    t_string!(i18n, entrant.hours),
                    t_string!(i18n, entrant.minutes)
                )
            };
            view! { " — "<strong data-test="countdown">{text}" "{t_string!(i18n, entrant.left)}</strong> }
        })
    };
    closes_at.map(|at| {
        view! {
            <p class=if closed { "deadline deadline-closed" } else { "deadline" } data-test="deadline">
                {move || if closed { t_string!(i18n, entrant.closed_at) } else { t_string!(i18n, entrant.closes_at) }}
                " "{at}{countdown}
            </p>
        }
    })
}

//! Trying again what waits to be sent. A judge's tablet or a clerk's laptop on
//! a weak link loses the network without the page noticing; what the device
//! keeps is sent again when the browser says the network is back, when the
//! page is shown again (a tablet woken up), and on a timer while something
//! still waits.

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use leptos::prelude::{document, on_cleanup, window};

/// Calls `send` when the browser comes back online, when the page becomes
/// visible, and every `every_ms` milliseconds while `waiting()` — for as long
/// as the calling component lives. `send` itself decides whether there is
/// anything to send.
pub fn retry_sending(
    every_ms: u32,
    waiting: impl Fn() -> bool + 'static,
    send: impl Fn() + Clone + 'static,
) {
    let on_online = EventListener::new(&window(), "online", {
        let send = send.clone();
        move |_| send()
    });
    let on_visible = EventListener::new(&document(), "visibilitychange", {
        let send = send.clone();
        move |_| {
            if !document().hidden() {
                send();
            }
        }
    });
    let timer = Interval::new(every_ms, move || {
        if waiting() {
            send();
        }
    });
    // The listeners and the timer are not `Send`; the component that owns them
    // lives on the browser's one thread.
    let keep = send_wrapper::SendWrapper::new((on_online, on_visible, timer));
    on_cleanup(move || drop(keep));
}

//! Follows a stage's event stream (`server/src/live_routes.rs`): calls back on
//! every `ready` (connected, or reconnected after a drop: catch up) and `changed`
//! notice, and reports whether the stream is up. The browser's `EventSource`
//! reconnects by itself; a stream the server closed for good (signed out) is
//! left closed, and the dashboard's slow poll carries on.

use gloo::events::EventListener;
use leptos::web_sys::EventSource;

/// An open stream; closed when dropped (when the page goes away).
pub struct LiveStream {
    source: EventSource,
    _listeners: [EventListener; 4],
}

impl LiveStream {
    /// Opens the stream at `url`. `on_change` runs on each notice, `on_up` with
    /// `true` when connected and `false` when the connection dropped.
    pub fn open(
        url: &str,
        on_change: impl Fn() + Clone + 'static,
        on_up: impl Fn(bool) + Clone + 'static,
    ) -> Option<LiveStream> {
        let source = EventSource::new(url).ok()?;
        let ready = {
            let (on_change, on_up) = (on_change.clone(), on_up.clone());
            EventListener::new(&source, "ready", move |_| {
                on_up(true);
                on_change();
            })
        };
        let changed = EventListener::new(&source, "changed", move |_| on_change());
        let opened = {
            let on_up = on_up.clone();
            EventListener::new(&source, "open", move |_| on_up(true))
        };
        let dropped = EventListener::new(&source, "error", move |_| on_up(false));
        Some(LiveStream {
            source,
            _listeners: [ready, changed, opened, dropped],
        })
    }
}

impl Drop for LiveStream {
    fn drop(&mut self) {
        self.source.close();
    }
}

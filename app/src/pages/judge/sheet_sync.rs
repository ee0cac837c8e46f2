//! The judge's sheet as it syncs. Every change is kept on this device first
//! (`client::sheet_queue`); a save queues a revision and sends it, and what
//! waits is sent again when the network or the tab returns. This owns that
//! sync state; the page only shows it and wires the buttons.

use crate::error::AppError;
use domain::scoring::SheetState;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Where the sheet stands, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(
        dead_code,
        reason = "only the browser-side queue moves a sheet out of Saved"
    )
)]
pub(super) enum SheetSync {
    /// Everything saved is on the server.
    Saved,
    /// Revisions wait on this device.
    Waiting(usize),
    /// The server has a newer revision made elsewhere.
    Conflict(i64),
}

/// The sheet as the page edits it: what is typed, and where it stands.
#[derive(Clone, Copy)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(dead_code, reason = "only the browser keeps and sends the sheet")
)]
pub(super) struct SheetSignals {
    /// Criterion key → the value as typed.
    pub typed: RwSignal<BTreeMap<String, String>>,
    /// Criterion key → comment.
    pub comments: RwSignal<BTreeMap<String, String>>,
    /// Overall comment.
    pub comment: RwSignal<String>,
    /// The server's revision this device knows.
    pub revision: RwSignal<i64>,
    /// The server's state of the sheet (none before the first save).
    pub state: RwSignal<Option<SheetState>>,
    pub sync: RwSignal<SheetSync>,
    /// Why the server refused the last revision, if it did.
    pub error: RwSignal<Option<AppError>>,
    /// A send is under way.
    pub sending: RwSignal<bool>,
    /// This device's copy has been read back: changes may be kept from now on.
    pub ready: RwSignal<bool>,
}

/// What the sheet's buttons do; provided only in the browser.
#[derive(Clone)]
pub(super) struct SheetActions {
    pub save: std::sync::Arc<dyn Fn(bool) + Send + Sync>,
    pub keep_mine: std::sync::Arc<dyn Fn(i64) + Send + Sync>,
    pub take_theirs: std::sync::Arc<dyn Fn() + Send + Sync>,
}

/// Restores this device's copy of sheet `id` (newer than the page's when it
/// holds unsent revisions or a later confirmed one), keeps it current on every
/// change, and sends what waits now and whenever the network or the tab
/// returns. What the page's buttons do.
#[cfg(feature = "hydrate")]
pub(super) fn start(
    id: crate::client::sheet_queue::SheetId,
    sheet: SheetSignals,
    server_revision: i64,
    server_state: Option<SheetState>,
) -> SheetActions {
    use crate::client::sheet_queue::{self, LocalSheet, SheetId, SyncState};
    let apply = move |result: SyncState, id: &SheetId| {
        let local = sheet_queue::load(id).unwrap_or_default();
        if local.server_revision > 0 {
            sheet.revision.set(local.server_revision);
            sheet.state.set(local.server_state);
        }
        sheet.sending.set(false);
        match result {
            SyncState::Saved => {
                sheet.sync.set(SheetSync::Saved);
                sheet.error.set(None);
            }
            SyncState::Waiting(count) => sheet.sync.set(SheetSync::Waiting(count)),
            SyncState::Conflict { stored } => sheet.sync.set(SheetSync::Conflict(stored)),
            SyncState::Refused(refused) => {
                sheet.sync.set(if local.pending.is_empty() {
                    SheetSync::Saved
                } else {
                    SheetSync::Waiting(local.pending.len())
                });
                sheet.error.set(Some(refused));
            }
        }
    };
    let flush = {
        let id = id.clone();
        move || {
            if sheet.sending.get_untracked() {
                return;
            }
            sheet.sending.set(true);
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let result = sheet_queue::flush(&id).await;
                apply(result, &id);
            });
        }
    };
    let restore_id = id.clone();
    let flush_now = flush.clone();
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            let id = &restore_id;
            match sheet_queue::load(id) {
                // This device has changes the server may not have seen: show
                // them and send them; the server says whether they still fit
                // (a revision it already has is answered as a replay).
                Some(local) if !local.pending.is_empty() => {
                    sheet.sync.set(SheetSync::Waiting(local.pending.len()));
                    sheet.typed.set(local.typed);
                    sheet.comments.set(local.comments);
                    sheet.comment.set(local.comment);
                }
                // This device confirmed a newer revision than the page shows (a
                // page kept for offline use can be older than the last save).
                Some(local) if local.server_revision > server_revision => {
                    sheet.revision.set(local.server_revision);
                    sheet.state.set(local.server_state);
                    sheet.typed.set(local.typed);
                    sheet.comments.set(local.comments);
                    sheet.comment.set(local.comment);
                }
                // Nothing newer here: the server's copy is the one to keep.
                _ => sheet_queue::store(
                    id,
                    &LocalSheet {
                        typed: sheet.typed.get_untracked(),
                        comments: sheet.comments.get_untracked(),
                        comment: sheet.comment.get_untracked(),
                        server_revision,
                        server_state,
                        ..LocalSheet::default()
                    },
                ),
            }
            sheet.ready.set(true);
            if matches!(sheet.sync.get_untracked(), SheetSync::Waiting(_)) {
                flush_now();
            }
        }
    });
    // Every change goes to this device's storage first.
    let typing_id = id.clone();
    Effect::new(move |_| {
        let (typed, comments, comment) =
            (sheet.typed.get(), sheet.comments.get(), sheet.comment.get());
        if !sheet.ready.get_untracked() {
            return;
        }
        let mut local = sheet_queue::load(&typing_id).unwrap_or_default();
        local.typed = typed;
        local.comments = comments;
        local.comment = comment;
        sheet_queue::store(&typing_id, &local);
    });
    // Retry when the network returns, when the tab is shown again, and every
    // fifteen seconds while something waits.
    crate::client::retry::retry_sending(
        15_000,
        move || matches!(sheet.sync.get_untracked(), SheetSync::Waiting(_)),
        flush.clone(),
    );
    SheetActions {
        save: std::sync::Arc::new({
            let id = id.clone();
            let flush = flush.clone();
            move |submit: bool| {
                let local = sheet_queue::enqueue(&id, submit);
                sheet.sync.set(SheetSync::Waiting(local.pending.len()));
                sheet.error.set(None);
                flush();
            }
        }),
        keep_mine: std::sync::Arc::new({
            let id = id.clone();
            move |stored: i64| {
                sheet_queue::keep_mine(&id, stored);
                flush();
            }
        }),
        take_theirs: std::sync::Arc::new({
            let id = id.clone();
            move || {
                sheet_queue::discard(&id);
                let _ = leptos::prelude::window().location().reload();
            }
        }),
    }
}

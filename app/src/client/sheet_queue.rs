//! The judge's copy of a score sheet in browser storage, and the queue of
//! revisions waiting for the server.
//!
//! Every keystroke is written to `localStorage` first, so a closed tab, a dropped
//! network or a server restart loses nothing. Saving appends a revision (with a
//! fresh idempotency key and the revision it builds on) to the queue; the queue is
//! sent in order, now and whenever the device comes back online, the tab becomes
//! visible again, or a timer fires. The server applies each key at most once, so
//! sending a revision twice (the answer was lost) stores it once.

use crate::api::judging::save_sheet;
use crate::error::{AppError, Problem};
use crate::model::SheetRevision;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the device holds for one sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalSheet {
    /// What is typed in each criterion's field.
    pub typed: BTreeMap<String, String>,
    /// Comments per criterion.
    pub comments: BTreeMap<String, String>,
    /// Overall comment.
    pub comment: String,
    /// The last revision the server confirmed.
    pub server_revision: i64,
    /// The server's state of the sheet after that revision.
    pub server_state: String,
    /// Revisions not yet confirmed, oldest first.
    pub pending: Vec<SheetRevision>,
}

/// Where a sheet stands between this device and the server.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    /// Everything saved is on the server.
    Saved,
    /// This many revisions wait to be sent (offline or sending).
    Waiting(usize),
    /// The server holds a newer revision made elsewhere; nothing is overwritten.
    Conflict {
        /// The server's revision.
        stored: i64,
    },
    /// The server refused the revision (the message says why); the values stay here.
    Refused(AppError),
}

fn storage_key(stage: &str, entry: &str) -> String {
    format!("juara.sheet.{stage}.{entry}")
}

/// The device's copy of a sheet, if it has one.
#[must_use]
pub fn load(stage: &str, entry: &str) -> Option<LocalSheet> {
    LocalStorage::get(storage_key(stage, entry)).ok()
}

/// Stores the device's copy of a sheet. Storage can be full or disabled; the page
/// then still works, only without the safety net, so the failure is logged.
pub fn store(stage: &str, entry: &str, sheet: &LocalSheet) {
    if let Err(error) = LocalStorage::set(storage_key(stage, entry), sheet) {
        leptos::logging::warn!("could not keep the sheet on this device: {error}");
    }
}

/// Appends a revision built from the current values, based on the last confirmed
/// revision plus those still waiting (each waiting one will have been applied by
/// the time this one arrives).
pub fn enqueue(stage: &str, entry: &str, submit: bool) -> LocalSheet {
    let mut sheet = load(stage, entry).unwrap_or_default();
    let values = sheet
        .typed
        .iter()
        .filter_map(|(key, text)| parse(text).map(|value| (key.clone(), value)))
        .collect();
    let base = sheet.server_revision + i64::try_from(sheet.pending.len()).unwrap_or(0);
    sheet.pending.push(SheetRevision {
        values,
        comments: sheet.comments.clone(),
        comment: sheet.comment.clone(),
        submit,
        base_revision: base,
        idempotency_key: super::idempotency_key(),
    });
    store(stage, entry, &sheet);
    sheet
}

/// Parses what is typed into a value; empty or unreadable text is "not scored".
#[must_use]
pub fn parse(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

/// Sends waiting revisions in order until the queue is empty or one fails, and
/// answers where the sheet then stands.
pub async fn flush(stage: &str, entry: &str) -> SyncState {
    loop {
        let Some(mut sheet) = load(stage, entry) else {
            return SyncState::Saved;
        };
        let Some(next) = sheet.pending.first().cloned() else {
            return SyncState::Saved;
        };
        match save_sheet(stage.to_owned(), entry.to_owned(), next).await {
            Ok(saved) => {
                sheet.pending.remove(0);
                sheet.server_revision = saved.revision;
                sheet.server_state = saved.state;
                store(stage, entry, &sheet);
            }
            // No answer: offline, or the server is restarting. Keep everything.
            Err(AppError::Transport(_)) => return SyncState::Waiting(sheet.pending.len()),
            Err(AppError::Conflict(Problem::StaleRevision { stored })) => {
                return SyncState::Conflict { stored };
            }
            // Refused for its content: drop that revision (the values stay typed in
            // the form, with the message beside them) so later ones can go.
            Err(error @ AppError::Invalid { .. }) => {
                sheet.pending.remove(0);
                for later in &mut sheet.pending {
                    later.base_revision -= 1;
                }
                store(stage, entry, &sheet);
                return SyncState::Refused(error);
            }
            Err(error) => return SyncState::Refused(error),
        }
    }
}

/// After a conflict, keeps this device's changes: the waiting revisions are based
/// anew on the server's revision `stored` and will replace it when sent.
pub fn keep_mine(stage: &str, entry: &str, stored: i64) {
    if let Some(mut sheet) = load(stage, entry) {
        sheet.server_revision = stored;
        for (offset, revision) in sheet.pending.iter_mut().enumerate() {
            revision.base_revision = stored + i64::try_from(offset).unwrap_or(0);
        }
        store(stage, entry, &sheet);
    }
}

/// After a conflict, takes the server's copy: this device's waiting changes go.
pub fn discard(stage: &str, entry: &str) {
    LocalStorage::delete(storage_key(stage, entry));
}

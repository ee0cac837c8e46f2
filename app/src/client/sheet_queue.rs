//! The judge's copy of a score sheet in browser storage, and the queue of
//! revisions waiting for the server.
//!
//! Every keystroke is written to `localStorage` first, so a closed tab, a dropped
//! network or a server restart loses nothing. Saving appends a revision (with a
//! fresh idempotency key and the revision it builds on) to the queue; the queue is
//! sent in order, now and whenever the device comes back online, the tab becomes
//! visible again, or a timer fires. The server applies each key at most once, so
//! sending a revision twice (the answer was lost, two tabs sent it) stores it once.
//!
//! Copies are kept per judge: a tablet shared by a panel never shows one judge's
//! scores to another, nor sends them under another's name.

use crate::api::judging::save_sheet;
use crate::error::{AppError, Problem};
use crate::model::SheetRevision;
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::SheetState;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const KEY_PREFIX: &str = "juara.sheet.";

/// Which sheet: the judge who owns it, the stage and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetId {
    /// The judge's account key.
    pub owner: UserId,
    pub stage: StageId,
    pub entry: EntryId,
}

impl SheetId {
    fn storage_key(&self) -> String {
        format!("{KEY_PREFIX}{}.{}.{}", self.owner, self.stage, self.entry)
    }
}

/// What the device holds for one sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalSheet {
    /// Stage key (so the outbox can find the sheet without its page).
    #[serde(default)]
    pub stage: StageId,
    #[serde(default)]
    pub entry: EntryId,
    /// What is typed in each criterion's field.
    pub typed: BTreeMap<String, String>,
    /// Comments per criterion.
    pub comments: BTreeMap<String, String>,
    /// Overall comment.
    pub comment: String,
    /// The last revision the server confirmed.
    pub server_revision: i64,
    /// The server's state of the sheet after that revision; none before the first.
    #[serde(default, deserialize_with = "crate::model::de_device_sheet_state")]
    pub server_state: Option<SheetState>,
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

/// The device's copy of a sheet, if it has one.
#[must_use]
pub fn load(id: &SheetId) -> Option<LocalSheet> {
    LocalStorage::get(id.storage_key()).ok()
}

/// Stores the device's copy of a sheet. Storage can be full or disabled; the page
/// then still works, only without the safety net, so the failure is logged.
pub fn store(id: &SheetId, sheet: &LocalSheet) {
    let mut sheet = sheet.clone();
    sheet.stage.clone_from(&id.stage);
    sheet.entry.clone_from(&id.entry);
    if let Err(error) = LocalStorage::set(id.storage_key(), &sheet) {
        leptos::logging::warn!("could not keep the sheet on this device: {error}");
    }
}

/// Reads, changes and writes back the device's copy in one step. Storage calls
/// are synchronous, so no other task can interleave: two senders of the same
/// queue never undo each other's progress.
fn update(id: &SheetId, change: impl FnOnce(&mut LocalSheet)) -> LocalSheet {
    let mut sheet = load(id).unwrap_or_default();
    change(&mut sheet);
    store(id, &sheet);
    sheet
}

/// Appends a revision built from the current values, based on the last confirmed
/// revision plus those still waiting (each waiting one will have been applied by
/// the time this one arrives).
pub fn enqueue(id: &SheetId, submit: bool) -> LocalSheet {
    update(id, |sheet| {
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
    })
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
/// answers where the sheet then stands. Each answered revision is removed by its
/// key, so a revision sent twice at once (two tabs) is removed once.
pub async fn flush(id: &SheetId) -> SyncState {
    loop {
        let Some(next) = load(id).and_then(|sheet| sheet.pending.first().cloned()) else {
            return SyncState::Saved;
        };
        let key = next.idempotency_key.clone();
        match save_sheet(id.stage.clone(), id.entry.clone(), id.owner.clone(), next).await {
            Ok(saved) => {
                update(id, |sheet| {
                    sheet
                        .pending
                        .retain(|waiting| waiting.idempotency_key != key);
                    if saved.revision >= sheet.server_revision {
                        sheet.server_revision = saved.revision;
                        sheet.server_state = Some(saved.state);
                    }
                });
            }
            // No answer: offline, or the server is restarting. Keep everything.
            Err(AppError::Transport(_)) => {
                return SyncState::Waiting(load(id).map_or(0, |sheet| sheet.pending.len()));
            }
            Err(AppError::Conflict(Problem::StaleRevision { stored })) => {
                return SyncState::Conflict { stored };
            }
            // Refused for its content: drop that revision (the values stay typed in
            // the form, with the message beside them) so later ones can go.
            Err(error @ AppError::Invalid { .. }) => {
                update(id, |sheet| {
                    if let Some(position) = sheet
                        .pending
                        .iter()
                        .position(|waiting| waiting.idempotency_key == key)
                    {
                        sheet.pending.remove(position);
                        for later in &mut sheet.pending[position..] {
                            later.base_revision -= 1;
                        }
                    }
                });
                return SyncState::Refused(error);
            }
            Err(error) => return SyncState::Refused(error),
        }
    }
}

/// The sheets of `owner` with revisions waiting on this device.
#[must_use]
pub fn waiting(owner: &UserId) -> Vec<SheetId> {
    crate::client::stored_under::<LocalSheet>(&format!("{KEY_PREFIX}{owner}."))
        .into_iter()
        .filter(|sheet| !sheet.pending.is_empty() && !sheet.stage.as_str().is_empty())
        .map(|sheet| SheetId {
            owner: owner.to_owned(),
            stage: sheet.stage,
            entry: sheet.entry,
        })
        .collect()
}

/// Sends every waiting sheet of `owner`, one after another, and answers how many
/// still wait (offline, or refused and waiting for the judge on its page).
pub async fn flush_all(owner: &UserId) -> usize {
    let mut still_waiting = 0;
    for id in waiting(owner) {
        if flush(&id).await != SyncState::Saved {
            still_waiting += 1;
        }
    }
    still_waiting
}

/// After a conflict, keeps this device's changes: the waiting revisions are based
/// anew on the server's revision `stored` and will replace it when sent.
pub fn keep_mine(id: &SheetId, stored: i64) {
    if load(id).is_some() {
        update(id, |sheet| {
            sheet.server_revision = stored;
            for (offset, revision) in sheet.pending.iter_mut().enumerate() {
                revision.base_revision = stored + i64::try_from(offset).unwrap_or(0);
            }
        });
    }
}

/// After a conflict, takes the server's copy: this device's waiting changes go.
pub fn discard(id: &SheetId) {
    LocalStorage::delete(id.storage_key());
}

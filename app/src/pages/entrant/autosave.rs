//! The browser half of the proposal form: keep every change on the device, save
//! to the server a moment after typing stops, retry when the network returns, and
//! put back on arrival what the device holds that the server does not.

use crate::api::entrant::save_proposal;
use crate::client::draft_store::{self, LocalDraft};
use crate::error::{AppError, Problem};
use crate::model::{DraftContent, DraftSave};
use crate::pages::entrant::proposal_form::{FieldRefs, SaveStatus};
use domain::ids::EntryId;
use domain::ids::UserId;
use leptos::prelude::*;
use std::sync::Arc;

/// How long typing must pause before a save.
const PAUSE_MS: u32 = 1_200;
/// How often a save that failed for the network is tried again.
const RETRY_MS: u32 = 10_000;

/// What the autosave works on.
pub struct Autosave {
    /// The writer's account key.
    pub owner: UserId,
    pub entry: EntryId,
    /// The text the page was rendered with.
    pub server_content: DraftContent,
    /// Its version.
    pub server_version: i64,
    /// The text as typed.
    pub content: RwSignal<DraftContent>,
    /// The version the text builds on.
    pub version: RwSignal<i64>,
    /// Shown to the writer.
    pub status: RwSignal<SaveStatus>,
    /// The last refusal.
    pub refused: RwSignal<Option<AppError>>,
    /// The server's version and text when it holds a newer one.
    pub conflict: RwSignal<Option<(i64, DraftContent)>>,
    /// The fields, to write a restored text into.
    pub fields: FieldRefs,
    /// Set once the autosave runs.
    pub ready: RwSignal<bool>,
}

/// Starts the autosave; returns what the form calls on every change (`false`)
/// and on the save button (`true`).
pub fn start(autosave: Autosave) -> Arc<dyn Fn(bool) + Send + Sync> {
    let Autosave {
        owner,
        entry,
        server_content,
        server_version,
        content,
        version,
        status,
        refused,
        conflict,
        fields,
        ready,
    } = autosave;
    let ids = StoredValue::new((owner, entry));
    let in_flight = StoredValue::new(false);
    let keep_local = move |unsent: bool| {
        ids.with_value(|(owner, entry)| {
            draft_store::store(
                owner,
                entry,
                &LocalDraft {
                    content: content.get_untracked(),
                    base_version: version.get_untracked(),
                    unsent,
                    typed_at_ms: js_sys::Date::now(),
                },
            );
        });
    };

    // Sends the text, and again while it changed during the send.
    let save_now = move || {
        if in_flight.get_value() || conflict.get_untracked().is_some() {
            return;
        }
        in_flight.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                let sent = content.get_untracked();
                status.set(SaveStatus::Saving);
                let save = DraftSave {
                    entry: ids.with_value(|(_, entry)| entry.clone()),
                    base_version: version.get_untracked(),
                    content: sent.clone(),
                };
                let owner = ids.with_value(|(owner, _)| owner.clone());
                match save_proposal(save, owner).await {
                    Ok(saved) => {
                        version.set(saved.version);
                        refused.set(None);
                        let changed_since = content.get_untracked() != sent;
                        keep_local(changed_since);
                        status.set(SaveStatus::Saved(saved.saved_at));
                        if changed_since {
                            continue;
                        }
                    }
                    // The server already holds exactly this text: an earlier send
                    // arrived but its answer was lost. Not a conflict; build on it.
                    Err(AppError::Conflict(Problem::StaleDraft {
                        version: stored,
                        theirs,
                    })) if *theirs == sent => {
                        version.set(stored);
                        if content.get_untracked() != sent {
                            continue;
                        }
                        keep_local(false);
                        status.set(SaveStatus::Saved(wall_clock_now()));
                    }
                    Err(AppError::Conflict(Problem::StaleDraft { version, theirs })) => {
                        conflict.set(Some((version, *theirs)));
                        status.set(SaveStatus::Conflict);
                    }
                    Err(AppError::Transport(_)) => status.set(SaveStatus::Offline),
                    Err(error) => {
                        refused.set(Some(error));
                        status.set(SaveStatus::Refused);
                    }
                }
                break;
            }
            in_flight.set_value(false);
        });
    };

    // On arrival (once the fields are on the page): put back what this device
    // holds that the server has not seen, or pick up what was typed before the
    // app was ready.
    Effect::new(move |done: Option<()>| {
        if done.is_some() {
            return;
        }
        let local = ids.with_value(|(owner, entry)| draft_store::load(owner, entry));
        let typed_early = fields.read(&content.get_untracked());
        match local {
            Some(local) if local.unsent && local.content != server_content => {
                content.set(local.content.clone());
                fields.fill(&local.content);
                // A page kept for offline use can be older than the version this
                // device last saved: the device's copy then builds on the newer one.
                if local.base_version >= server_version {
                    version.set(local.base_version);
                    status.set(SaveStatus::Restored);
                    save_now();
                } else {
                    // Written on an older version: someone saved since. Offer both.
                    conflict.set(Some((server_version, server_content.clone())));
                    status.set(SaveStatus::Conflict);
                }
            }
            _ if typed_early != server_content => {
                content.set(typed_early);
                keep_local(true);
                save_now();
            }
            _ => keep_local(false),
        }
        ready.set(true);
    });

    let debounce = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    let on_change = move |now: bool| {
        keep_local(true);
        debounce.update_value(|timer| {
            if let Some(timer) = timer.take() {
                timer.cancel();
            }
        });
        if now {
            save_now();
        } else {
            if !matches!(
                status.get_untracked(),
                SaveStatus::Conflict | SaveStatus::Offline
            ) {
                status.set(SaveStatus::Typing);
            }
            debounce.set_value(Some(gloo::timers::callback::Timeout::new(
                PAUSE_MS, save_now,
            )));
        }
    };

    // Try again when the network returns, when the tab is shown, and on a timer.
    let waiting = move || {
        matches!(
            status.get_untracked(),
            SaveStatus::Offline | SaveStatus::Typing
        )
    };
    crate::client::retry::retry_sending(
        RETRY_MS,
        move || matches!(status.get_untracked(), SaveStatus::Offline),
        move || {
            if waiting() {
                save_now();
            }
        },
    );
    Arc::new(on_change)
}

/// The device's time of day, `HH:MM`, for a save the server confirmed without
/// a time of its own.
fn wall_clock_now() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

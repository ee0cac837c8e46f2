//! The writer's copy of a proposal in browser storage.
//!
//! Every keystroke is written here before anything is sent, so a closed tab, a
//! dropped network or a server restart loses nothing. The copy remembers the
//! version it was written on: back on the page, a copy that builds on the
//! server's version is restored and sent; one that builds on an older version is
//! offered beside the server's text, never sent over it. Copies are kept per
//! person, so a shared office computer never shows one clerk's draft to another.

use crate::model::DraftContent;
use domain::ids::EntryId;
use domain::ids::UserId;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY_PREFIX: &str = "juara.draft.";

/// What the device holds for one proposal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalDraft {
    /// The text as last typed.
    pub content: DraftContent,
    /// The server version this text was written on.
    pub base_version: i64,
    /// Whether the text has changes the server has not confirmed.
    pub unsent: bool,
    /// When it was last typed, in milliseconds since the epoch.
    pub typed_at_ms: f64,
}

fn storage_key(owner: &UserId, entry: &EntryId) -> String {
    format!("{KEY_PREFIX}{owner}.{entry}")
}

/// The device's copy, if any.
#[must_use]
pub fn load(owner: &UserId, entry: &EntryId) -> Option<LocalDraft> {
    LocalStorage::get(storage_key(owner, entry)).ok()
}

/// Replaces the device's copy. A full storage is logged, not fatal: the page
/// still holds the text and the server save still runs.
pub fn store(owner: &UserId, entry: &EntryId, draft: &LocalDraft) {
    if let Err(error) = LocalStorage::set(storage_key(owner, entry), draft) {
        leptos::logging::warn!("could not keep the draft on this device: {error}");
    }
}

/// Forgets the device's copy (the writer chose the server's text).
pub fn discard(owner: &UserId, entry: &EntryId) {
    LocalStorage::delete(storage_key(owner, entry));
}

/// How many of `owner`'s proposals hold text the server has not confirmed.
#[must_use]
pub fn unsent(owner: &UserId) -> usize {
    crate::client::stored_under::<LocalDraft>(&format!("{KEY_PREFIX}{owner}."))
        .iter()
        .filter(|draft| draft.unsent)
        .count()
}

//! A verifier's work on a field visit, kept in browser storage until the
//! server has it: the findings as chosen (a draft, so a closed tab loses
//! nothing), the batches of findings saved and waiting to be sent, and the
//! photos taken and waiting to be sent. Everything is sent in order when the
//! network is there; the server applies each batch and stores each photo once
//! by its key, so sending again after a lost answer changes nothing.
//!
//! Copies are kept per account: a tablet shared by a team never sends one
//! verifier's findings under another's name.

use crate::api::field::{TypedFinding, record_findings};
use crate::error::AppError;
use domain::field::Finding;
use domain::ids::{UserId, VisitId};
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const KEY_PREFIX: &str = "juara.visit.";

/// Which visit, for which account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitKey {
    pub owner: UserId,
    pub visit: VisitId,
}

impl VisitKey {
    fn storage_key(&self) -> String {
        format!("{KEY_PREFIX}{}.{}", self.owner, self.visit)
    }
}

/// One claim as the verifier chose it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftFinding {
    pub finding: Option<Finding>,
    pub note: String,
}

/// Findings saved on the device, waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingBatch {
    pub key: String,
    pub findings: Vec<TypedFinding>,
}

/// A photo taken, shrunk and waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingPhoto {
    /// The device's key for it: the server stores it once under this key.
    pub key: String,
    /// When it was taken (RFC 3339, the device's clock).
    pub taken_at: String,
    pub location: Option<(f64, f64)>,
    /// The JPEG, base64.
    pub jpeg: String,
    /// The camera's file size, and the size after shrinking.
    pub original_bytes: u64,
    pub bytes: u64,
}

/// What the device holds for one visit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalVisit {
    #[serde(default)]
    pub visit: VisitId,
    pub draft: BTreeMap<String, DraftFinding>,
    pub batches: Vec<WaitingBatch>,
    pub photos: Vec<WaitingPhoto>,
}

impl LocalVisit {
    /// How many things wait to be sent.
    #[must_use]
    pub fn waiting(&self) -> usize {
        self.batches.len() + self.photos.len()
    }
}

/// The device's copy of a visit.
#[must_use]
pub fn load(key: &VisitKey) -> LocalVisit {
    LocalStorage::get(key.storage_key()).unwrap_or_default()
}

/// Stores the device's copy; answers whether storage took it (it can be full:
/// the page then says so, and keeps the copy in memory while it is open).
pub fn store(key: &VisitKey, local: &LocalVisit) -> bool {
    let mut local = local.clone();
    local.visit.clone_from(&key.visit);
    match LocalStorage::set(key.storage_key(), &local) {
        Ok(()) => true,
        Err(error) => {
            leptos::logging::warn!("could not keep the visit on this device: {error}");
            false
        }
    }
}

/// Reads, changes and writes back in one step (storage calls are synchronous:
/// no other task interleaves).
pub fn update(key: &VisitKey, change: impl FnOnce(&mut LocalVisit)) -> (LocalVisit, bool) {
    let mut local = load(key);
    change(&mut local);
    let kept = store(key, &local);
    (local, kept)
}

/// Saves the draft's findings as a batch waiting to be sent.
pub fn enqueue_findings(key: &VisitKey) -> (LocalVisit, bool) {
    update(key, |local| {
        let findings: Vec<TypedFinding> = local
            .draft
            .iter()
            .filter(|(_, draft)| draft.finding.is_some())
            .map(|(section, draft)| TypedFinding {
                section: section.clone(),
                finding: draft.finding,
                note: draft.note.clone(),
            })
            .collect();
        if !findings.is_empty() {
            local.batches.push(WaitingBatch {
                key: super::idempotency_key(),
                findings,
            });
        }
    })
}

/// Where the visit stands between this device and the server.
#[derive(Debug, Clone, PartialEq)]
pub enum VisitSync {
    /// Everything is on the server.
    Sent,
    /// This many things wait (offline, or the server did not answer).
    Waiting(usize),
    /// The server refused something (dropped from the queue: the draft keeps
    /// the findings on the page); the message says why.
    Refused(AppError),
}

/// Sends waiting batches, then waiting photos, in order, until all are sent
/// or the network fails.
pub async fn flush(key: &VisitKey) -> VisitSync {
    while let Some(batch) = load(key).batches.first().cloned() {
        match record_findings(
            key.visit.clone(),
            key.owner.clone(),
            batch.key.clone(),
            Some(batch.findings.clone()),
            false,
        )
        .await
        {
            Ok(()) => {
                update(key, |local| {
                    local.batches.retain(|waiting| waiting.key != batch.key)
                });
            }
            Err(AppError::Transport(_)) => return VisitSync::Waiting(load(key).waiting()),
            Err(error) => {
                update(key, |local| {
                    local.batches.retain(|waiting| waiting.key != batch.key)
                });
                return VisitSync::Refused(error);
            }
        }
    }
    loop {
        let Some(photo) = load(key).photos.first().cloned() else {
            return VisitSync::Sent;
        };
        match super::photo::send(&key.visit, &photo).await {
            Ok(()) => {
                update(key, |local| {
                    local.photos.retain(|waiting| waiting.key != photo.key)
                });
            }
            Err(None) => return VisitSync::Waiting(load(key).waiting()),
            Err(Some(error)) => {
                update(key, |local| {
                    local.photos.retain(|waiting| waiting.key != photo.key)
                });
                return VisitSync::Refused(error);
            }
        }
    }
}

/// The visits of `owner` with something waiting on this device.
#[must_use]
pub fn waiting(owner: &UserId) -> Vec<VisitKey> {
    crate::client::stored_under::<LocalVisit>(&format!("{KEY_PREFIX}{owner}."))
        .into_iter()
        .filter(|local| local.waiting() > 0 && !local.visit.as_str().is_empty())
        .map(|local| VisitKey {
            owner: owner.clone(),
            visit: local.visit,
        })
        .collect()
}

//! A verifier's work on a field visit, kept in browser storage until the
//! server has it: the claims this verifier changed (a draft, so a closed tab
//! loses nothing), the batches of findings saved and waiting to be sent, and
//! the photos taken and waiting to be sent. Everything is sent in order when
//! the network is there; the server applies each batch and stores each photo
//! once by its key, so sending again after a lost answer changes nothing.
//!
//! Only what this verifier changed is sent, each with the time it was chosen:
//! a tablet syncing hours later never overwrites a teammate's later word.
//! Nothing is dropped from the queue but what the server refuses for its
//! content; a session that ended, another account signed in or a server
//! error keep it for later.
//!
//! Photos are kept under keys of their own (a few hundred kilobytes each), so
//! a full storage never costs the findings; a photo the storage cannot take is
//! kept in memory while the page is open, and the page says so.
//!
//! Copies are kept per account: a tablet shared by a team never sends one
//! verifier's work under another's name.

use crate::api::field::{TypedFinding, record_findings};
use crate::error::AppError;
use domain::field::Finding;
use domain::ids::{UserId, VisitId};
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

const KEY_PREFIX: &str = "juara.visit.";
const PHOTO_PREFIX: &str = "juara.visit-photo.";

thread_local! {
    /// Photos the storage could not take, by storage key, while the page is open.
    static UNSTORED_PHOTOS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

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

    fn photo_key(&self, photo: &str) -> String {
        format!("{PHOTO_PREFIX}{}.{}.{photo}", self.owner, self.visit)
    }
}

/// One claim as this verifier chose it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftFinding {
    pub finding: Option<Finding>,
    pub note: String,
    /// Changed since it was last queued.
    #[serde(default)]
    pub changed: bool,
    /// When it was chosen (RFC 3339, the device's clock).
    #[serde(default)]
    pub decided_at: Option<String>,
}

/// Findings saved on the device, waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingBatch {
    pub key: String,
    pub findings: Vec<TypedFinding>,
}

/// A photo taken, shrunk and waiting to be sent (its JPEG is kept under a key
/// of its own, see [`VisitKey::photo_key`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingPhoto {
    /// The device's key for it: the server stores it once under this key.
    pub key: String,
    /// When it was taken (RFC 3339, the device's clock).
    pub taken_at: String,
    pub location: Option<(f64, f64)>,
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

/// Stores the device's copy; answers whether storage took it.
fn store(key: &VisitKey, local: &LocalVisit) -> bool {
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
/// no other task interleaves); answers the copy and whether storage took it.
pub fn update(key: &VisitKey, change: impl FnOnce(&mut LocalVisit)) -> (LocalVisit, bool) {
    let mut local = load(key);
    change(&mut local);
    let kept = store(key, &local);
    (local, kept)
}

/// Queues a photo (`jpeg` in base64); answers the copy and whether the
/// storage took the photo (if not, it is kept in memory while the page is
/// open).
pub fn add_photo(key: &VisitKey, photo: WaitingPhoto, jpeg: String) -> (LocalVisit, bool) {
    let storage_key = key.photo_key(&photo.key);
    let kept_photo = LocalStorage::set(&storage_key, &jpeg).is_ok();
    if !kept_photo {
        UNSTORED_PHOTOS.with(|memory| memory.borrow_mut().insert(storage_key, jpeg));
    }
    let (local, kept) = update(key, |local| local.photos.push(photo));
    (local, kept && kept_photo)
}

/// The JPEG (base64) of a waiting photo, from storage or from memory.
#[must_use]
pub fn photo_jpeg(key: &VisitKey, photo: &str) -> Option<String> {
    let storage_key = key.photo_key(photo);
    LocalStorage::get::<String>(&storage_key)
        .ok()
        .or_else(|| UNSTORED_PHOTOS.with(|memory| memory.borrow().get(&storage_key).cloned()))
}

fn forget_photo(key: &VisitKey, photo: &str) {
    let storage_key = key.photo_key(photo);
    LocalStorage::delete(&storage_key);
    UNSTORED_PHOTOS.with(|memory| memory.borrow_mut().remove(&storage_key));
    update(key, |local| {
        local.photos.retain(|waiting| waiting.key != photo)
    });
}

/// Saves the claims changed since the last save as a batch waiting to be
/// sent (nothing when none changed).
pub fn enqueue_findings(key: &VisitKey) -> (LocalVisit, bool) {
    update(key, |local| {
        let findings: Vec<TypedFinding> = local
            .draft
            .iter()
            .filter(|(_, draft)| draft.changed && draft.finding.is_some())
            .map(|(section, draft)| TypedFinding {
                section: section.clone(),
                finding: draft.finding,
                note: draft.note.clone(),
                decided_at: draft.decided_at.clone(),
            })
            .collect();
        if !findings.is_empty() {
            local.batches.push(WaitingBatch {
                key: super::idempotency_key(),
                findings,
            });
        }
        for draft in local.draft.values_mut() {
            draft.changed = false;
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
    /// The server refused something; the message says why. Only what it
    /// refused for its content left the queue (the draft keeps the findings
    /// on the page); anything else waits for the next try.
    Refused(AppError),
}

/// Whether the server refused `error`'s request for what it carried (sending
/// it again would be refused again), rather than for who or when.
fn refused_for_content(error: &AppError) -> bool {
    matches!(error, AppError::Invalid { .. })
}

/// Sends waiting batches, then waiting photos, in order, until all are sent,
/// the network fails or the server refuses.
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
                    local.batches.retain(|waiting| waiting.key != batch.key);
                    // What the server now has is no longer the device's own:
                    // a teammate's later word on the claim shows next time.
                    local.draft.retain(|section, draft| {
                        draft.changed
                            || !batch.findings.iter().any(|sent| {
                                sent.section == *section
                                    && sent.finding == draft.finding
                                    && sent.note == draft.note
                            })
                    });
                });
            }
            Err(AppError::Transport(_)) => return VisitSync::Waiting(load(key).waiting()),
            Err(error) => {
                if refused_for_content(&error) {
                    update(key, |local| {
                        local.batches.retain(|waiting| waiting.key != batch.key);
                    });
                }
                return VisitSync::Refused(error);
            }
        }
    }
    while let Some(photo) = load(key).photos.first().cloned() {
        let Some(jpeg) = photo_jpeg(key, &photo.key) else {
            // Kept in memory by a page since closed: nothing left to send.
            forget_photo(key, &photo.key);
            continue;
        };
        match super::photo::send(key, &photo, &jpeg).await {
            Ok(()) => forget_photo(key, &photo.key),
            Err(None) => return VisitSync::Waiting(load(key).waiting()),
            Err(Some(error)) => {
                if refused_for_content(&error) {
                    forget_photo(key, &photo.key);
                }
                return VisitSync::Refused(error);
            }
        }
    }
    VisitSync::Sent
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

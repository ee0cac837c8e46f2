//! Browser-only helpers (compiled with the `hydrate` feature).

pub mod draft_store;
pub mod live_stage;
pub mod photo;
pub mod retry;
pub mod sheet_queue;
pub mod visit_queue;

/// How many changes `owner` has on this device that the server has not
/// confirmed: score sheets and field visits waiting to be sent and proposal
/// text not yet saved.
/// Signing out clears the device (`Clear-Site-Data`), so the person is asked
/// first.
#[must_use]
pub fn unsent_changes(owner: &domain::ids::UserId) -> usize {
    sheet_queue::waiting(owner).len()
        + visit_queue::waiting(owner).len()
        + draft_store::unsent(owner)
}

/// Every value this device keeps under a key starting with `prefix` that still
/// reads as a `T` (one written by an older version that no longer does is
/// left alone rather than lost).
pub fn stored_under<T: serde::de::DeserializeOwned>(prefix: &str) -> Vec<T> {
    use gloo::storage::{LocalStorage, Storage};
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .filter_map(|key| LocalStorage::get::<T>(&key).ok())
        .collect()
}

/// A fresh idempotency key for one sheet revision: the time in milliseconds and
/// 64 random bits, so that two revisions from any devices never share a key.
#[must_use]
pub fn idempotency_key() -> String {
    let now = js_sys::Date::now() as u64;
    // Math.random() gives 52 random bits per call; two calls cover 64.
    let high = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    let low = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    format!("{now:x}-{:016x}", (high << 32) | low)
}

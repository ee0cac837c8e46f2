//! Browser-only helpers (compiled with the `hydrate` feature).

pub mod draft_store;
pub mod live_stage;
pub mod sheet_queue;

/// How many changes `owner` has on this device that the server has not
/// confirmed: score sheets waiting to be sent and proposal text not yet saved.
/// Signing out clears the device (`Clear-Site-Data`), so the person is asked
/// first.
#[must_use]
pub fn unsent_changes(owner: &domain::ids::UserId) -> usize {
    sheet_queue::waiting(owner).len() + draft_store::unsent(owner)
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

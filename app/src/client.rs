//! Browser-only helpers (compiled with the `hydrate` feature).

pub mod draft_store;
pub mod live_stage;
pub mod sheet_queue;

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

//! Generated score sheets: each entry has a "quality", each judge a leniency,
//! each criterion some noise, all drawn from a hash of the keys so the same demo
//! loads the same numbers every time.

use domain::ids::EntryId;
use domain::ids::UserId;
use domain::scoring::{Rubric, SheetValues};

/// A stable pseudo-random number in 0..1 from a string (FNV-1a).
pub(super) fn unit(seed: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % 10_000) as f64 / 10_000.0
}

/// One judge's values for an entry: quality + leniency + noise, clamped to the
/// scale and rounded to its step.
pub(super) fn sheet_values(rubric: &Rubric, entry: &EntryId, judge: &UserId) -> SheetValues {
    let quality = 62.0 + unit(entry.as_str()) * 30.0;
    let leniency = (unit(judge.as_str()) - 0.5) * 10.0;
    rubric
        .criteria()
        .iter()
        .map(|criterion| {
            let noise = (unit(&format!("{entry}/{judge}/{}", criterion.key.as_str())) - 0.5) * 12.0;
            let value = (quality + leniency + noise)
                .round()
                .clamp(criterion.scale.min, criterion.scale.max);
            (criterion.key.clone(), value)
        })
        .collect()
}

pub(super) fn values_json(values: &SheetValues) -> serde_json::Value {
    serde_json::to_value(values).unwrap_or_default()
}

/// `count` judges for an entry, rotating through the panel so the load is even.
pub(super) fn panel(judges: &[UserId], index: usize, count: usize) -> Vec<&UserId> {
    (0..count.min(judges.len()))
        .map(|offset| &judges[(index + offset) % judges.len()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_sheets_are_complete_and_on_the_scale() {
        let rubric = Rubric::national_presentation();
        let values = sheet_values(&rubric, &EntryId::from("entry"), &UserId::from("judge"));
        assert_eq!(values.len(), 6);
        let total = domain::scoring::sheet_total(&rubric, &values).expect("a complete sheet");
        assert!((0.0..=100.0).contains(&total));
    }
}

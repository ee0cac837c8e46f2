//! What an entry's organisation may learn of the committee's decisions, and
//! when: only what a standing publication holds. Applying advancement writes
//! each entry's new state at once (the committee needs it to go on), but until
//! the stage is published the organisation still sees its entry as "in
//! assessment" (`screened_in`, or the last published outcome), and its history
//! leaves the decision and any override reason out. The committee always sees
//! everything.

use crate::backend::db::Db;
use crate::backend::repo::publications;
use crate::error::{AppError, Problem};
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::StageId;
use std::collections::HashMap;

/// The state an entry's organisation is shown: `actual` unless it is a stage
/// decision not yet published, in which case the latest published outcome
/// (`Some(advanced)`), or `screened_in` when none is.
#[must_use]
pub fn state_for_entrant(actual: EntryStatus, latest_published: Option<bool>) -> EntryStatus {
    // The states a stage decision writes.
    if !matches!(actual, EntryStatus::Advanced | EntryStatus::Eliminated) {
        return actual;
    }
    match latest_published {
        Some(true) => EntryStatus::Advanced,
        Some(false) => EntryStatus::Eliminated,
        None => EntryStatus::ScreenedIn,
    }
}

/// For each of `entries`, whether it advanced at the latest stage whose
/// results stand published (absent when no published stage decided it).
pub async fn latest_published_outcomes(
    db: &Db,
    entries: &[EntryId],
) -> Result<HashMap<EntryId, bool>, AppError> {
    let mut outcomes = HashMap::new();
    // Latest stage first: the first row per entry wins.
    for decision in publications::published_decisions(db, entries).await? {
        outcomes.entry(decision.entry).or_insert(decision.advanced);
    }
    Ok(outcomes)
}

/// The refusal an entry's organisation gets when its entry is no longer where
/// an action needs it. It names the state the organisation may see — an
/// unpublished decision reads as in assessment — so that a refused upload or
/// review never tells an entrant what the committee has not published.
pub async fn state_changed_for_entrant(db: &Db, entry: &EntryId, actual: EntryStatus) -> AppError {
    match latest_published_outcomes(db, std::slice::from_ref(entry)).await {
        Ok(outcomes) => AppError::Conflict(Problem::EntryStateChanged {
            state: state_for_entrant(actual, outcomes.get(entry).copied()),
        }),
        Err(error) => error,
    }
}

/// Whether a history event about an entry may be shown to its organisation:
/// stage decisions only once their stage is published (`published` holds the
/// keys of the published stages of the entry's edition).
#[must_use]
pub fn event_for_entrant(
    action: &str,
    after: Option<&serde_json::Value>,
    published: &[StageId],
) -> bool {
    if !matches!(action, "entry.advance" | "entry.eliminate") {
        return true;
    }
    after
        .and_then(|after| after.get("stage"))
        .and_then(serde_json::Value::as_str)
        .is_some_and(|stage| published.iter().any(|key| key == stage))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpublished_decisions_read_as_in_assessment() {
        use EntryStatus::{Advanced, Eliminated, ScreenedIn, ScreenedOut, Submitted};
        assert_eq!(state_for_entrant(Eliminated, None), ScreenedIn);
        assert_eq!(state_for_entrant(Advanced, None), ScreenedIn);
        assert_eq!(state_for_entrant(Eliminated, Some(true)), Advanced);
        assert_eq!(state_for_entrant(Advanced, Some(false)), Eliminated);
        assert_eq!(state_for_entrant(Submitted, None), Submitted);
        assert_eq!(state_for_entrant(ScreenedOut, Some(true)), ScreenedOut);
    }

    #[test]
    fn decision_events_wait_for_their_stage() {
        let after = serde_json::json!({ "stage": "kipp-desk", "override_reason": "…" });
        let published = vec![StageId::from("kipp-desk")];
        assert!(!event_for_entrant("entry.eliminate", Some(&after), &[]));
        assert!(event_for_entrant(
            "entry.eliminate",
            Some(&after),
            &published
        ));
        assert!(!event_for_entrant("entry.advance", None, &published));
        assert!(event_for_entrant("entry.return", None, &[]));
    }
}

//! The life of an entry: DESIGN.md "Entry states", as pure transition functions.
//!
//! ```text
//! draft → endorsed → submitted → screened_in | screened_out(reason)
//! screened_in ↔ screened_out                                  a correction
//! screened_in → advanced(stage) | eliminated(stage)          first scoring stage
//! advanced(s) → advanced(t) | eliminated(t)                  each later stage t
//! advanced(last) → winner(tier) | not_selected
//! draft | endorsed | submitted → returned(comment) → draft   revision
//! any state still in play → withdrawn
//! submitted or later → disqualified(reason)
//! ```
//!
//! A stage decision may be corrected for the same stage (advanced(s) ↔
//! eliminated(s)), e.g. after an objection is upheld. Who may trigger a transition
//! is a permission question decided elsewhere; here only the order of states is
//! checked. Every state and event serialises with a snake_case tag:
//! `{"state": "screened_out", "reason": "…"}`, `{"action": "endorse"}`.

use crate::scoring::StageKey;
use serde::{Deserialize, Serialize};

/// The state of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// Being written by the innovators.
    #[default]
    Draft,
    /// Sent back for revision, with the reviewer's comment.
    Returned {
        /// What to revise.
        comment: String,
    },
    /// Endorsed by the organisation's coordinator.
    Endorsed,
    /// Submitted to the committee (counts against the quota).
    Submitted,
    /// Passed the administrative screening.
    ScreenedIn,
    /// Failed the administrative screening.
    ScreenedOut {
        /// Why.
        reason: String,
    },
    /// Advanced from a scoring stage.
    Advanced {
        /// The stage it advanced from.
        stage: StageKey,
    },
    /// Eliminated at a scoring stage.
    Eliminated {
        /// The stage it was eliminated at.
        stage: StageKey,
    },
    /// Among the winners.
    Winner {
        /// The award tier ("juara 1", "top 5", …).
        tier: String,
    },
    /// Reached the end without an award.
    NotSelected,
    /// Withdrawn by its organisation.
    Withdrawn,
    /// Disqualified by the committee.
    Disqualified {
        /// Why.
        reason: String,
    },
}

impl EntryState {
    /// The state's tag, as serialised.
    ///
    /// ```
    /// use domain::entry_state::EntryState;
    /// assert_eq!(EntryState::ScreenedOut { reason: "too young".into() }.name(), "screened_out");
    /// ```
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.status().key()
    }

    /// The state without its details: what an entry's `state` field holds.
    ///
    /// ```
    /// use domain::entry_state::{EntryState, EntryStatus};
    /// assert_eq!(EntryState::Winner { tier: "juara 1".into() }.status(), EntryStatus::Winner);
    /// ```
    #[must_use]
    pub fn status(&self) -> EntryStatus {
        match self {
            Self::Draft => EntryStatus::Draft,
            Self::Returned { .. } => EntryStatus::Returned,
            Self::Endorsed => EntryStatus::Endorsed,
            Self::Submitted => EntryStatus::Submitted,
            Self::ScreenedIn => EntryStatus::ScreenedIn,
            Self::ScreenedOut { .. } => EntryStatus::ScreenedOut,
            Self::Advanced { .. } => EntryStatus::Advanced,
            Self::Eliminated { .. } => EntryStatus::Eliminated,
            Self::Winner { .. } => EntryStatus::Winner,
            Self::NotSelected => EntryStatus::NotSelected,
            Self::Withdrawn => EntryStatus::Withdrawn,
            Self::Disqualified { .. } => EntryStatus::Disqualified,
        }
    }

    /// Whether the entry is still in the competition (may still be withdrawn).
    ///
    /// ```
    /// use domain::entry_state::EntryState;
    /// assert!(EntryState::Submitted.in_play());
    /// assert!(!EntryState::NotSelected.in_play());
    /// ```
    #[must_use]
    pub fn in_play(&self) -> bool {
        matches!(
            self,
            Self::Draft
                | Self::Returned { .. }
                | Self::Endorsed
                | Self::Submitted
                | Self::ScreenedIn
                | Self::Advanced { .. }
        )
    }
}

crate::keyed_enum! {
    /// Where an entry stands, without the details [`EntryState`] carries (the
    /// reviewer's comment, the screening reason, the stage, the tier): the value
    /// of an entry's `state` field, which rows carry and pages switch on.
    pub enum EntryStatus in "entry state" {
        /// Being written by the innovators.
        Draft = "draft",
        /// Sent back for revision.
        Returned = "returned",
        /// Endorsed by the organisation's coordinator.
        Endorsed = "endorsed",
        /// Submitted to the committee.
        Submitted = "submitted",
        /// Passed the administrative screening.
        ScreenedIn = "screened_in",
        /// Failed the administrative screening.
        ScreenedOut = "screened_out",
        /// Advanced from a scoring stage.
        Advanced = "advanced",
        /// Eliminated at a scoring stage.
        Eliminated = "eliminated",
        /// Among the winners.
        Winner = "winner",
        /// Reached the end without an award.
        NotSelected = "not_selected",
        /// Withdrawn by its organisation.
        Withdrawn = "withdrawn",
        /// Disqualified by the committee.
        Disqualified = "disqualified",
    }
}

/// Something that happens to an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum EntryEvent {
    /// The coordinator endorses a draft.
    Endorse,
    /// A coordinator or the committee sends the entry back for revision.
    Return {
        /// What to revise.
        comment: String,
    },
    /// The innovators take a returned entry up again as a draft.
    Revise,
    /// The coordinator submits an endorsed entry.
    Submit,
    /// The committee passes the screening.
    ScreenIn,
    /// The committee fails the screening.
    ScreenOut {
        /// Why.
        reason: String,
    },
    /// The entry advances from `stage`.
    Advance {
        /// The scoring stage decided.
        stage: StageKey,
        /// The scoring stage before it, `None` for the first.
        previous: Option<StageKey>,
    },
    /// The entry is eliminated at `stage`.
    Eliminate {
        /// The scoring stage decided.
        stage: StageKey,
        /// The scoring stage before it, `None` for the first.
        previous: Option<StageKey>,
    },
    /// The entry wins an award.
    Award { tier: String },
    /// The entry ends without an award.
    NotSelect,
    /// Its organisation withdraws it.
    Withdraw,
    /// The committee disqualifies it.
    Disqualify {
        /// Why.
        reason: String,
    },
}

impl EntryEvent {
    /// What the event does, in words (used in error messages).
    ///
    /// ```
    /// use domain::entry_state::EntryEvent;
    /// assert_eq!(EntryEvent::ScreenIn.describe(), "screen in");
    /// ```
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Endorse => "endorse",
            Self::Return { .. } => "return for revision",
            Self::Revise => "reopen as a draft",
            Self::Submit => "submit",
            Self::ScreenIn => "screen in",
            Self::ScreenOut { .. } => "screen out",
            Self::Advance { .. } => "advance",
            Self::Eliminate { .. } => "eliminate",
            Self::Award { .. } => "award",
            Self::NotSelect => "close without an award",
            Self::Withdraw => "withdraw",
            Self::Disqualify { .. } => "disqualify",
        }
    }
}

/// Why a transition is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TransitionError {
    /// The event does not apply to the current state.
    #[error("cannot {action} an entry in state \"{state}\"")]
    NotAllowed {
        /// The event, in words.
        action: String,
        /// The current state's tag.
        state: String,
    },
    /// A required comment, reason or tier is empty.
    #[error("to {action} an entry, a {field} is required")]
    MissingText {
        /// The event, in words.
        action: String,
        /// `comment`, `reason` or `tier`.
        field: String,
    },
    /// A stage decision out of order.
    #[error(
        "cannot decide stage \"{stage}\" for an entry in state \"{state}\": it must first {needed}"
    )]
    StageOutOfOrder {
        /// The stage being decided.
        stage: StageKey,
        /// The current state's tag.
        state: String,
        /// What the entry needs first, in words.
        needed: String,
    },
}

/// Applies `event` to `state`: the new state, or why not.
///
/// ```
/// use domain::entry_state::{EntryEvent, EntryState, apply};
/// let state = apply(&EntryState::Draft, &EntryEvent::Endorse)?;
/// assert_eq!(state, EntryState::Endorsed);
/// assert!(apply(&state, &EntryEvent::ScreenIn).is_err());
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn apply(state: &EntryState, event: &EntryEvent) -> Result<EntryState, TransitionError> {
    use EntryEvent as E;
    use EntryState as S;
    let refused = || TransitionError::NotAllowed {
        action: event.describe().to_owned(),
        state: state.name().to_owned(),
    };
    match (event, state) {
        (E::Endorse, S::Draft) => Ok(S::Endorsed),
        (E::Return { comment }, S::Draft | S::Endorsed | S::Submitted) => Ok(S::Returned {
            comment: required(event, "comment", comment)?,
        }),
        (E::Revise, S::Returned { .. }) => Ok(S::Draft),
        (E::Submit, S::Endorsed) => Ok(S::Submitted),
        // A screening decision may be corrected until the entry is scored on.
        (E::ScreenIn, S::Submitted | S::ScreenedOut { .. }) => Ok(S::ScreenedIn),
        (E::ScreenOut { reason }, S::Submitted | S::ScreenedIn) => Ok(S::ScreenedOut {
            reason: required(event, "reason", reason)?,
        }),
        (E::Advance { stage, previous }, _) => {
            check_stage_order(state, stage, previous.as_ref(), true)?;
            Ok(S::Advanced {
                stage: stage.clone(),
            })
        }
        (E::Eliminate { stage, previous }, _) => {
            check_stage_order(state, stage, previous.as_ref(), false)?;
            Ok(S::Eliminated {
                stage: stage.clone(),
            })
        }
        (E::Award { tier }, S::Advanced { .. }) => Ok(S::Winner {
            tier: required(event, "tier", tier)?,
        }),
        (E::NotSelect, S::Advanced { .. }) => Ok(S::NotSelected),
        (E::Withdraw, s) if s.in_play() => Ok(S::Withdrawn),
        (
            E::Disqualify { reason },
            S::Submitted
            | S::ScreenedIn
            | S::Advanced { .. }
            | S::Eliminated { .. }
            | S::Winner { .. }
            | S::NotSelected,
        ) => Ok(S::Disqualified {
            reason: required(event, "reason", reason)?,
        }),
        _ => Err(refused()),
    }
}

/// A stage decision needs the entry screened in (first stage) or advanced from
/// `previous`; a decision already taken for `stage` may be reversed.
fn check_stage_order(
    state: &EntryState,
    stage: &StageKey,
    previous: Option<&StageKey>,
    advancing: bool,
) -> Result<(), TransitionError> {
    let ready = match (state, previous) {
        (EntryState::ScreenedIn, None) => true,
        (EntryState::Advanced { stage: done }, Some(previous)) if done == previous => true,
        // A correction of the same stage's decision.
        (EntryState::Advanced { stage: done }, _) => done == stage && !advancing,
        (EntryState::Eliminated { stage: done }, _) => done == stage && advancing,
        _ => false,
    };
    if ready {
        return Ok(());
    }
    let needed = match previous {
        None => "be screened in".to_owned(),
        Some(previous) => format!("advance from stage \"{previous}\""),
    };
    Err(TransitionError::StageOutOfOrder {
        stage: stage.clone(),
        state: state.name().to_owned(),
        needed,
    })
}

fn required(event: &EntryEvent, field: &str, text: &str) -> Result<String, TransitionError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(TransitionError::MissingText {
            action: event.describe().to_owned(),
            field: field.to_owned(),
        });
    }
    Ok(trimmed.to_owned())
}

mod transitions;
pub use transitions::*;

#[cfg(test)]
mod tests;

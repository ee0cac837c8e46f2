//! One function per transition, each a named shorthand for [`apply`] with its event.

use super::{EntryEvent, EntryState, TransitionError, apply};
use crate::scoring::StageKey;

/// `draft → endorsed`: the coordinator endorses a draft.
///
/// ```
/// use domain::entry_state::{EntryState, endorse};
/// assert_eq!(endorse(&EntryState::Draft), Ok(EntryState::Endorsed));
/// assert!(endorse(&EntryState::Submitted).is_err());
/// ```
pub fn endorse(state: &EntryState) -> Result<EntryState, TransitionError> {
    apply(state, &EntryEvent::Endorse)
}

/// `draft | endorsed | submitted → returned(comment)`: sent back for revision.
///
/// ```
/// use domain::entry_state::{EntryState, return_for_revision};
/// let returned = return_for_revision(&EntryState::Endorsed, "Lengkapi data dukung 2024")?;
/// assert_eq!(returned, EntryState::Returned { comment: "Lengkapi data dukung 2024".into() });
/// assert!(return_for_revision(&EntryState::Endorsed, "  ").is_err());
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn return_for_revision(
    state: &EntryState,
    comment: &str,
) -> Result<EntryState, TransitionError> {
    apply(
        state,
        &EntryEvent::Return {
            comment: comment.to_owned(),
        },
    )
}

/// `returned → draft`: the innovators take the entry up again.
///
/// ```
/// use domain::entry_state::{EntryState, revise};
/// let returned = EntryState::Returned { comment: "Tambah video".into() };
/// assert_eq!(revise(&returned), Ok(EntryState::Draft));
/// ```
pub fn revise(state: &EntryState) -> Result<EntryState, TransitionError> {
    apply(state, &EntryEvent::Revise)
}

/// `endorsed → submitted`: the coordinator submits the entry.
///
/// ```
/// use domain::entry_state::{EntryState, submit};
/// assert_eq!(submit(&EntryState::Endorsed), Ok(EntryState::Submitted));
/// assert!(submit(&EntryState::Draft).is_err()); // must be endorsed first
/// ```
pub fn submit(state: &EntryState) -> Result<EntryState, TransitionError> {
    apply(state, &EntryEvent::Submit)
}

/// `submitted → screened_in`: the administrative check passes.
///
/// ```
/// use domain::entry_state::{EntryState, screen_in};
/// assert_eq!(screen_in(&EntryState::Submitted), Ok(EntryState::ScreenedIn));
/// ```
pub fn screen_in(state: &EntryState) -> Result<EntryState, TransitionError> {
    apply(state, &EntryEvent::ScreenIn)
}

/// `submitted → screened_out(reason)`: the administrative check fails.
///
/// ```
/// use domain::entry_state::{EntryState, screen_out};
/// let out = screen_out(&EntryState::Submitted, "Inovasi berjalan kurang dari 1 tahun")?;
/// assert_eq!(out.name(), "screened_out");
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn screen_out(state: &EntryState, reason: &str) -> Result<EntryState, TransitionError> {
    apply(
        state,
        &EntryEvent::ScreenOut {
            reason: reason.to_owned(),
        },
    )
}

/// `screened_in → advanced(stage)` for the first scoring stage (`previous` is
/// `None`), `advanced(previous) → advanced(stage)` for a later one; also corrects
/// `eliminated(stage)` to `advanced(stage)`.
///
/// ```
/// use domain::entry_state::{EntryState, advance};
/// let desk = advance(&EntryState::ScreenedIn, &"desk".into(), None)?;
/// let presentation = advance(&desk, &"presentasi".into(), Some(&"desk".into()))?;
/// assert_eq!(presentation, EntryState::Advanced { stage: "presentasi".into() });
/// assert!(advance(&EntryState::ScreenedIn, &"presentasi".into(), Some(&"desk".into())).is_err());
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn advance(
    state: &EntryState,
    stage: &StageKey,
    previous: Option<&StageKey>,
) -> Result<EntryState, TransitionError> {
    apply(
        state,
        &EntryEvent::Advance {
            stage: stage.clone(),
            previous: previous.cloned(),
        },
    )
}

/// `screened_in → eliminated(stage)` (first stage) or `advanced(previous) →
/// eliminated(stage)`; also corrects `advanced(stage)` to `eliminated(stage)`.
///
/// ```
/// use domain::entry_state::{EntryState, eliminate};
/// let out = eliminate(&EntryState::Advanced { stage: "desk".into() }, &"presentasi".into(), Some(&"desk".into()))?;
/// assert_eq!(out, EntryState::Eliminated { stage: "presentasi".into() });
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn eliminate(
    state: &EntryState,
    stage: &StageKey,
    previous: Option<&StageKey>,
) -> Result<EntryState, TransitionError> {
    apply(
        state,
        &EntryEvent::Eliminate {
            stage: stage.clone(),
            previous: previous.cloned(),
        },
    )
}

/// `advanced → winner(tier)`.
///
/// ```
/// use domain::entry_state::{EntryState, award};
/// let won = award(&EntryState::Advanced { stage: "presentasi".into() }, "Juara 1")?;
/// assert_eq!(won, EntryState::Winner { tier: "Juara 1".into() });
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn award(state: &EntryState, tier: &str) -> Result<EntryState, TransitionError> {
    apply(
        state,
        &EntryEvent::Award {
            tier: tier.to_owned(),
        },
    )
}

/// `advanced → not_selected`: the edition closes without an award for the entry.
///
/// ```
/// use domain::entry_state::{EntryState, not_select};
/// let state = EntryState::Advanced { stage: "presentasi".into() };
/// assert_eq!(not_select(&state), Ok(EntryState::NotSelected));
/// ```
pub fn not_select(state: &EntryState) -> Result<EntryState, TransitionError> {
    apply(state, &EntryEvent::NotSelect)
}

/// Any state still in play → `withdrawn`.
///
/// ```
/// use domain::entry_state::{EntryState, withdraw};
/// assert_eq!(withdraw(&EntryState::ScreenedIn), Ok(EntryState::Withdrawn));
/// assert!(withdraw(&EntryState::Withdrawn).is_err());
/// ```
pub fn withdraw(state: &EntryState) -> Result<EntryState, TransitionError> {
    apply(state, &EntryEvent::Withdraw)
}

/// `submitted` or any later state (other than screened out, withdrawn or
/// disqualified) → `disqualified(reason)`.
///
/// ```
/// use domain::entry_state::{EntryState, disqualify};
/// let state = EntryState::Winner { tier: "Juara 2".into() };
/// let out = disqualify(&state, "Data dukung tidak benar")?;
/// assert_eq!(out, EntryState::Disqualified { reason: "Data dukung tidak benar".into() });
/// assert!(disqualify(&EntryState::Draft, "x").is_err());
/// # Ok::<(), domain::entry_state::TransitionError>(())
/// ```
pub fn disqualify(state: &EntryState, reason: &str) -> Result<EntryState, TransitionError> {
    apply(
        state,
        &EntryEvent::Disqualify {
            reason: reason.to_owned(),
        },
    )
}

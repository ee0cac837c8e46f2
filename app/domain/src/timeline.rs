//! An edition's timeline: every stage has a window `[opens, closes)` and the
//! windows of one edition never overlap, so at any moment at most one stage is
//! running and "the current stage" is well defined. Instants are seconds since
//! the epoch: the caller converts from the edition's time zone.

use crate::scoring::StageKey;
use serde::{Deserialize, Serialize};

/// One stage's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// The stage's key.
    pub key: StageKey,
    /// Opens (inclusive), seconds since the epoch.
    pub opens: i64,
    /// Closes (exclusive), seconds since the epoch.
    pub closes: i64,
}

/// Why a window cannot be placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WindowError {
    /// It closes before (or when) it opens.
    #[error("the window must close after it opens")]
    ClosesBeforeOpening,
    /// It overlaps another stage's window.
    #[error("the window overlaps the window of stage \"{other}\"")]
    Overlaps {
        /// The other stage's key.
        other: StageKey,
    },
}

/// Checks `window` against the edition's other stages (any window with the same
/// key is the stage itself, as stored before this change, and is ignored).
///
/// ```
/// use domain::timeline::{Window, WindowError, check_window};
/// let w = |key: &str, opens, closes| Window { key: key.into(), opens, closes };
/// let others = [w("desk", 0, 100), w("presentasi", 200, 300)];
/// assert_eq!(check_window(&w("sanggah", 100, 200), &others), Ok(()));  // touching is fine
/// assert_eq!(check_window(&w("sanggah", 150, 250), &others),
///     Err(WindowError::Overlaps { other: "presentasi".into() }));
/// assert_eq!(check_window(&w("desk", 0, 150), &others), Ok(()));      // itself, moved
/// assert_eq!(check_window(&w("x", 10, 10), &[]), Err(WindowError::ClosesBeforeOpening));
/// ```
pub fn check_window(window: &Window, others: &[Window]) -> Result<(), WindowError> {
    if window.closes <= window.opens {
        return Err(WindowError::ClosesBeforeOpening);
    }
    match others
        .iter()
        .filter(|other| other.key != window.key)
        .find(|other| window.opens < other.closes && other.opens < window.closes)
    {
        Some(other) => Err(WindowError::Overlaps {
            other: other.key.clone(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is accepted one by one never overlaps pairwise.
        #[test]
        fn accepted_windows_never_overlap(spans in proptest::collection::vec((0i64..1000, 1i64..200), 1..12)) {
            let mut accepted: Vec<Window> = Vec::new();
            for (index, (opens, length)) in spans.into_iter().enumerate() {
                let window = Window { key: format!("s{index}").into(), opens, closes: opens + length };
                if check_window(&window, &accepted).is_ok() {
                    accepted.push(window);
                }
            }
            for (i, a) in accepted.iter().enumerate() {
                for b in &accepted[i + 1..] {
                    prop_assert!(a.closes <= b.opens || b.closes <= a.opens);
                }
            }
        }
    }
}

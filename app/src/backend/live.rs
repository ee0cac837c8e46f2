//! Change notices for the committee's live dashboards: whenever something a
//! stage's dashboard shows changes (a sheet saved or submitted, a recusal, an
//! assignment, an advancement), the service that changed it announces the
//! stage here once the change is stored, and every open event stream for that
//! stage tells its browser to refetch.
//!
//! The notices live in this process. With several app instances on one shared
//! database (`ws://`), a dashboard hears only the changes made through its own
//! instance, and catches up on the others with its periodic refresh.

use domain::ids::StageId;
use tokio::sync::broadcast;

/// How many notices a slow listener may fall behind before it skips to the
/// latest (it then refetches once, which is all a notice asks for).
const BACKLOG: usize = 256;

/// The sender side, cloned into the application state.
#[derive(Debug, Clone)]
pub struct LiveUpdates {
    sender: broadcast::Sender<StageId>,
}

impl Default for LiveUpdates {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(BACKLOG);
        LiveUpdates { sender }
    }
}

impl LiveUpdates {
    /// Announces that what stage `stage` shows has changed.
    pub fn stage_changed(&self, stage: &StageId) {
        // No listener is not an error: nobody has the dashboard open.
        let _ = self.sender.send(stage.clone());
    }

    /// A new listener for every stage's notices.
    #[must_use]
    pub fn subscribe(&self) -> broadcast::Receiver<StageId> {
        self.sender.subscribe()
    }
}

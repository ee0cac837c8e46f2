//! Change notices for the committee's live dashboards: whenever something a
//! stage's dashboard shows changes (a sheet saved or submitted, a recusal, an
//! assignment, an advancement), the service that changed it announces the
//! stage here once the change is stored, and every open event stream for that
//! stage tells its browser to refetch.
//!
//! Several instances may serve one database, and a judge's save may reach
//! another instance than the committee's dashboard. So a notice is also
//! written to the database (a sequence number per stage, `live_change`), and
//! each instance with a dashboard open looks there every
//! [`LOOK_EVERY`] for changes made through the others. Not `LIVE SELECT`: it
//! does not cross the nodes of a SurrealDB cluster, and it is silent about
//! changes made in client-side transactions (see schema 018).

use crate::backend::db::{Db, DbError};
use crate::backend::repo::coordination;
use domain::ids::StageId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

/// How many notices a slow listener may fall behind before it skips to the
/// latest (it then refetches once, which is all a notice asks for).
const BACKLOG: usize = 256;

/// How often an instance with a dashboard open looks for other instances'
/// changes: the most a notice waits, plus one database round trip.
pub const LOOK_EVERY: Duration = Duration::from_millis(200);

/// Notices waiting to be written; past this, one is dropped (the dashboards
/// on other instances then catch up at their periodic refresh).
const WRITE_BACKLOG: usize = 1024;

/// The sender side, cloned into the application state.
#[derive(Debug, Clone)]
pub struct LiveUpdates {
    sender: broadcast::Sender<StageId>,
    /// Where notices go to be written to the database, when they are shared.
    shared: Option<mpsc::Sender<StageId>>,
}

/// A process-local notice board: what the tests and the demo loader use,
/// where nobody on another instance listens.
impl Default for LiveUpdates {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(BACKLOG);
        LiveUpdates {
            sender,
            shared: None,
        }
    }
}

/// The sequence number each stage was last seen at, by this instance (its own
/// writes included, so that it does not announce them twice).
type Seen = Arc<Mutex<HashMap<String, i64>>>;

impl LiveUpdates {
    /// Notices shared through `db` with every instance on it: written as they
    /// are announced, and read back from the others while a dashboard is open
    /// here. Spawns the writer and the reader on the current runtime.
    #[must_use]
    pub fn shared(db: Db) -> LiveUpdates {
        let local = LiveUpdates::default();
        let (queue, queued) = mpsc::channel(WRITE_BACKLOG);
        let seen = Seen::default();
        tokio::spawn(write_notices(db.clone(), queued, seen.clone()));
        tokio::spawn(read_notices(db, local.sender.clone(), seen));
        LiveUpdates {
            shared: Some(queue),
            ..local
        }
    }

    /// Announces that what stage `stage` shows has changed.
    pub fn stage_changed(&self, stage: &StageId) {
        // No listener is not an error: nobody has the dashboard open.
        let _ = self.sender.send(stage.clone());
        if let Some(queue) = &self.shared {
            let _ = queue.try_send(stage.clone());
        }
    }

    /// A new listener for every stage's notices.
    #[must_use]
    pub fn subscribe(&self) -> broadcast::Receiver<StageId> {
        self.sender.subscribe()
    }
}

/// Bumps each announced stage's sequence number in the database.
async fn write_notices(db: Db, mut queued: mpsc::Receiver<StageId>, seen: Seen) {
    while let Some(stage) = queued.recv().await {
        match bump(&db, &stage).await {
            Ok(Some(seq)) => {
                // The reader may have seen a later number already.
                let mut seen = lock(&seen);
                let kept = seen.entry(stage.as_str().to_owned()).or_insert(seq);
                *kept = (*kept).max(seq);
            }
            Ok(None) => {}
            Err(error) => {
                tracing::warn!(%error, stage = %stage, "could not share a dashboard notice")
            }
        }
    }
}

/// How many times a bump that met another instance's bump of the same stage
/// is tried again.
const BUMP_RETRIES: usize = 5;

/// Bumps `stage`'s sequence number, again when another instance bumped it at
/// the same moment. Letting the other bump stand for this one is not enough:
/// the instance that made it takes its number as its own and its reader skips
/// it, so that instance's dashboards would never hear of this change.
async fn bump(db: &Db, stage: &StageId) -> Result<Option<i64>, DbError> {
    let mut outcome = coordination::bump_stage_change(db, stage).await;
    for attempt in 1..=BUMP_RETRIES {
        if !matches!(outcome, Err(DbError::WriteConflict)) {
            break;
        }
        // Apart, and longer each time: two instances retrying in step would
        // meet again.
        let pause = 5 * attempt as u64 + rand::random::<u64>() % 10;
        tokio::time::sleep(Duration::from_millis(pause)).await;
        outcome = coordination::bump_stage_change(db, stage).await;
    }
    outcome
}

/// While anyone listens here, looks for stages changed through other
/// instances and announces them locally.
async fn read_notices(db: Db, sender: broadcast::Sender<StageId>, seen: Seen) {
    // The database's time of the previous look; none while nobody listens.
    let mut previous: Option<String> = None;
    let mut tick = tokio::time::interval(LOOK_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if sender.receiver_count() == 0 {
            previous = None;
            continue;
        }
        let look = match coordination::stage_changes_since(&db, previous.as_deref()).await {
            Ok(look) => look,
            Err(error) => {
                tracing::debug!(%error, "could not look for other instances' dashboard notices");
                None
            }
        };
        let Some(look) = look else {
            continue;
        };
        previous = Some(look.now);
        let mut seen = lock(&seen);
        for change in look.changes {
            // Announced even on the first look after a listener arrived: a
            // change between its `ready` fetch and this look would otherwise
            // wait for the periodic refresh; one refetch too many costs little.
            let before = seen.get(&change.stage).copied();
            if before.is_none_or(|before| before < change.seq) {
                seen.insert(change.stage.clone(), change.seq);
                let _ = sender.send(StageId::from(change.stage));
            }
        }
    }
}

fn lock(seen: &Seen) -> std::sync::MutexGuard<'_, HashMap<String, i64>> {
    seen.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::db;

    /// Two instances on one database: a change announced on one reaches a
    /// listener on the other, once.
    #[tokio::test]
    async fn a_notice_on_one_instance_reaches_a_listener_on_another() {
        let db = db::open_for_tests()
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        let judges_instance = LiveUpdates::shared(db.clone());
        let committee_instance = LiveUpdates::shared(db);
        let mut dashboard = committee_instance.subscribe();
        // Let the committee's instance take its first look.
        tokio::time::sleep(LOOK_EVERY * 3).await;
        let stage = StageId::from("desk".to_owned());
        judges_instance.stage_changed(&stage);
        let heard = tokio::time::timeout(Duration::from_secs(5), dashboard.recv()).await;
        assert_eq!(heard.ok().and_then(Result::ok), Some(stage));
        // Heard once: the next looks find nothing new.
        let again = tokio::time::timeout(LOOK_EVERY * 5, dashboard.recv()).await;
        assert!(again.is_err(), "announced twice: {again:?}");
    }
}

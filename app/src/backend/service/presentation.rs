//! The presentation console: a panel hears its entries in running order while
//! the chair runs one clock per stage; every judge's tablet reads that clock.

use crate::backend::db::Db;
use crate::backend::repo::presentation::{self, PresentationStage};
use crate::error::{AppError, Problem};
use crate::model::{ClockView, ConsoleView, QueueItem};
use domain::ids::UserId;
use domain::ids::{EntryId, StageId};
use domain::presentation::{Clock, Slot};
use domain::stage::StageFormat;
use jiff::Timestamp;

/// What the chair can do with the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockCommand {
    /// Start `entry`'s slot (from zero when another entry was presenting), or
    /// resume it.
    Start,
    /// Pause, keeping the time run.
    Pause,
    /// Back to zero, paused.
    Reset,
}

impl ClockCommand {
    /// Parses the form value.
    pub fn parse(value: &str) -> Result<Self, AppError> {
        match value {
            "start" => Ok(ClockCommand::Start),
            "pause" => Ok(ClockCommand::Pause),
            "reset" => Ok(ClockCommand::Reset),
            other => Err(AppError::field(
                "command",
                Problem::UnknownChoice {
                    given: other.to_owned(),
                },
            )),
        }
    }
}

fn slot_of(stage: &PresentationStage) -> Slot {
    let default = Slot::default();
    Slot {
        minutes: stage.slot_minutes.unwrap_or(default.minutes),
        video_minutes: stage.video_minutes.unwrap_or(default.video_minutes),
    }
}

/// A presentation stage, or not found (a desk stage has no console).
async fn presentation_stage(db: &Db, stage: &StageId) -> Result<PresentationStage, AppError> {
    presentation::stage(db, stage)
        .await?
        .filter(|found| found.format == Some(StageFormat::Presentation))
        .ok_or(AppError::NotFound)
}

/// Sorts `items` as the panel hears them: in `running_order`, then those not
/// in it by title. `key` gives an item's entry and title.
pub fn in_running_order<T>(
    items: &mut [T],
    running_order: &[EntryId],
    key: impl Fn(&T) -> (&EntryId, &String),
) {
    let position = |entry: &EntryId| {
        running_order
            .iter()
            .position(|listed| listed == entry)
            .unwrap_or(usize::MAX)
    };
    items.sort_by(|a, b| {
        let ((a_entry, a_title), (b_entry, b_title)) = (key(a), key(b));
        position(a_entry)
            .cmp(&position(b_entry))
            .then_with(|| a_title.cmp(b_title))
    });
}

fn millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

/// The console for `judge` in `stage` at `now`: refused unless they hear at
/// least one entry there or chair the panel. A judge's queue is their own
/// entries; the chair's is every entry the panel hears.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn console(
    db: &Db,
    judge: &UserId,
    stage: &StageId,
    now: Timestamp,
) -> Result<ConsoleView, AppError> {
    let settings = presentation_stage(db, stage).await?;
    let is_chair = settings.chair.as_ref() == Some(judge);
    let mut rows = presentation::queue(db, stage, judge, is_chair).await?;
    if rows.is_empty() && !is_chair {
        return Err(AppError::Forbidden);
    }
    let mut seen = std::collections::BTreeSet::new();
    rows.retain(|row| seen.insert(row.entry.clone()));
    in_running_order(&mut rows, &settings.running_order, |row| {
        (&row.entry, &row.title)
    });
    let blind = settings.blind.unwrap_or(false);
    let queue = rows
        .into_iter()
        .map(|row| QueueItem {
            category: row
                .categories
                .iter()
                .find(|category| category.key == row.category)
                .map_or(row.category.clone(), |category| category.label.clone()),
            entry: row.entry,
            title: row.title,
            org_name: (!blind).then_some(row.org_name),
            sheet_state: row.sheet_state,
        })
        .collect();
    let clock = presentation::clock(db, stage)
        .await?
        .map(|stored| ClockView {
            entry: stored.entry,
            clock: Clock {
                elapsed_ms: stored.elapsed_ms,
                running_since_ms: stored.running_since.map(millis),
            },
        });
    Ok(ConsoleView {
        stage: stage.to_owned(),
        stage_title: settings.title.clone(),
        is_chair,
        has_chair: settings.chair.is_some(),
        open: now >= settings.opens_at && now < settings.closes_at,
        slot: slot_of(&settings),
        queue,
        clock,
        server_now_ms: millis(now),
    })
}

/// The chair (`judge`) starts, pauses or resets the clock of `stage` for `entry`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn run_clock(
    db: &Db,
    judge: &UserId,
    stage: &StageId,
    entry: &EntryId,
    command: ClockCommand,
    now: Timestamp,
) -> Result<(), AppError> {
    let settings = presentation_stage(db, stage).await?;
    if settings.chair.as_ref() != Some(judge) {
        return Err(AppError::Forbidden);
    }
    if !presentation::is_heard(db, stage, entry).await? {
        return Err(AppError::NotFound);
    }
    let now_ms = millis(now);
    // The clock belongs to the entry presenting; another entry starts from zero.
    let current = presentation::clock(db, stage)
        .await?
        .filter(|stored| stored.entry == entry)
        .map(|stored| Clock {
            elapsed_ms: stored.elapsed_ms,
            running_since_ms: stored.running_since.map(millis),
        })
        .unwrap_or_default();
    let next = match command {
        ClockCommand::Start => current.start(now_ms),
        ClockCommand::Pause => current.pause(now_ms),
        ClockCommand::Reset => Clock::default(),
    };
    let running_since = next
        .running_since_ms
        .and_then(|ms| Timestamp::from_millisecond(ms).ok());
    presentation::set_clock(db, stage, entry, next.elapsed_ms, running_since, judge).await?;
    Ok(())
}

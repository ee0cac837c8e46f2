//! The server's scheduled jobs: reminders before a stage closes and the
//! committee's morning digest. The schedule lives in the database (`job`
//! records with their next run), not in a timer: a restart keeps it, and of
//! several instances on one database only the one that claims a due job runs
//! it (see `repo::jobs::claim`).

use crate::backend::db::Db;
use crate::backend::repo::jobs;
use crate::backend::service::scheduled;
use crate::error::AppError;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

/// How often the server looks for due jobs.
const LOOK_EVERY: Duration = Duration::from_secs(60);

/// How long a claimed job is its instance's: far longer than a run takes; an
/// instance that dies mid-run gives the job up after this.
const LEASE: SignedDuration = SignedDuration::from_mins(10);

/// How often closing reminders are looked for: a reminder goes out at most
/// this long after it falls due.
const REMINDER_EVERY: SignedDuration = SignedDuration::from_mins(15);

/// The committee's digest goes at this hour, Western Indonesian Time (the
/// competitions' own clock; WITA and WIT cities get it an hour or two later
/// in their morning).
const DIGEST_HOUR: i8 = 7;
const DIGEST_ZONE: &str = "Asia/Jakarta";

/// A scheduled job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    ClosingReminders,
    CommitteeDigest,
}

impl Job {
    pub const ALL: [Job; 2] = [Job::ClosingReminders, Job::CommitteeDigest];

    /// Its record's key.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Job::ClosingReminders => "closing_reminders",
            Job::CommitteeDigest => "committee_digest",
        }
    }

    /// When it runs next after a run at `now`.
    #[must_use]
    pub fn next_after(self, now: Timestamp) -> Timestamp {
        match self {
            Job::ClosingReminders => now + REMINDER_EVERY,
            Job::CommitteeDigest => next_morning(now),
        }
    }
}

/// The next `DIGEST_HOUR` o'clock in `DIGEST_ZONE` after `now`.
fn next_morning(now: Timestamp) -> Timestamp {
    let zone = TimeZone::get(DIGEST_ZONE).unwrap_or(TimeZone::UTC);
    let here = now.to_zoned(zone.clone());
    let today = here.date().at(DIGEST_HOUR, 0, 0, 0);
    let candidate = today
        .to_zoned(zone.clone())
        .map(|zoned| zoned.timestamp())
        .unwrap_or(now);
    if candidate > now {
        candidate
    } else {
        candidate + SignedDuration::from_hours(24)
    }
}

/// What the jobs need to know of the server.
#[derive(Debug, Clone)]
pub struct JobSettings {
    /// The site's address for links in messages.
    pub site: String,
    /// Days before a stage closes that judges are reminded.
    pub reminder_days: Vec<u32>,
}

/// Puts every job on the schedule (once per database): the reminders due at
/// once, the digest at the next morning.
pub async fn schedule(db: &Db, now: Timestamp) -> Result<(), AppError> {
    for job in Job::ALL {
        let first = match job {
            Job::ClosingReminders => now,
            Job::CommitteeDigest => next_morning(now),
        };
        jobs::ensure(db, job.name(), first).await?;
    }
    Ok(())
}

/// Runs each job due at `now` that this instance claims; answers what ran
/// and how many messages each wrote.
pub async fn run_due(
    db: &Db,
    settings: &JobSettings,
    now: Timestamp,
) -> Result<Vec<(Job, usize)>, AppError> {
    let mut ran = Vec::new();
    for job in Job::ALL {
        // A lost claim race is a write conflict: another instance runs it.
        // Any other failure is the database's, and is said.
        match jobs::claim(db, job.name(), now, now + LEASE).await {
            Ok(true) => {}
            Ok(false) | Err(crate::backend::db::DbError::WriteConflict) => continue,
            Err(other) => return Err(other.into()),
        }
        let written = match job {
            Job::ClosingReminders => {
                scheduled::closing_reminders(db, &settings.site, &settings.reminder_days, now).await
            }
            Job::CommitteeDigest => {
                let zone = TimeZone::get(DIGEST_ZONE).unwrap_or(TimeZone::UTC);
                let day = now.to_zoned(zone).date().to_string();
                scheduled::committee_digest(db, &settings.site, &day, now).await
            }
        };
        // A failed run is tried again at the next look, not at the next
        // period: its lease is given back with the job still due.
        let next = match &written {
            Ok(_) => job.next_after(now),
            Err(_) => now,
        };
        jobs::finish(db, job.name(), now, next).await?;
        ran.push((job, written?));
    }
    Ok(ran)
}

/// Runs the schedule for as long as the server runs.
pub fn spawn(db: Db, settings: JobSettings) {
    tokio::spawn(async move {
        if let Err(error) = schedule(&db, Timestamp::now()).await {
            tracing::error!(%error, "the job schedule could not be written");
        }
        loop {
            match run_due(&db, &settings, Timestamp::now()).await {
                Ok(ran) => {
                    for (job, written) in ran {
                        tracing::info!(job = job.name(), messages = written, "a scheduled job ran");
                    }
                }
                Err(error) => tracing::error!(%error, "a scheduled job failed"),
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_goes_at_seven_in_the_morning_jakarta_time() {
        // 06:59 WIB is 23:59 UTC the day before.
        let before: Timestamp = "2026-12-05T23:59:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(next_morning(before).to_string(), "2026-12-06T00:00:00Z");
        let after: Timestamp = "2026-12-06T00:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(next_morning(after).to_string(), "2026-12-07T00:00:00Z");
    }
}

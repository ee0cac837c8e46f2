//! The messages no request sends: reminders to judges before a stage closes,
//! and the committee's morning digest. Run by the server's job schedule
//! (`backend::jobs`); each message is written with the record that it was
//! sent, so it goes once.

use crate::backend::db::Db;
use crate::backend::mail::letters::{self, Digest, Links, StageProgress};
use crate::backend::mail::outgoing;
use crate::backend::records::execute_atomically;
use crate::backend::repo::{judging, mail, recipients, reminders};
use crate::backend::service::proposals::wall_clock;
use crate::error::AppError;
use domain::ids::UserId;
use domain::mail::{MailKind, MailState, reminder_due};
use jiff::Timestamp;

/// Reminds each judge with unsubmitted sheets in a stage closing within one
/// of `days` (days before closing), once per reminder; answers how many
/// judges were reminded.
pub async fn closing_reminders(
    db: &Db,
    site: &str,
    days: &[u32],
    now: Timestamp,
) -> Result<usize, AppError> {
    let page = outgoing::link(site, "/judge");
    let account = outgoing::link(site, "/account");
    let links = Links {
        page: &page,
        account: &account,
    };
    let mut reminded = 0;
    for stage in reminders::open_stages(db, now).await? {
        let seconds_left = stage.closes_at.duration_since(now).as_secs();
        let Some(due) = reminder_due(seconds_left, days) else {
            continue;
        };
        let already = reminders::reminded(db, &stage.id, due).await?;
        let waiting: Vec<(UserId, u64)> = reminders::waiting_judges(db, &stage.id)
            .await?
            .into_iter()
            .filter(|(judge, _)| !already.contains(judge))
            .collect();
        if waiting.is_empty() {
            continue;
        }
        let judges: Vec<UserId> = waiting.iter().map(|(judge, _)| judge.clone()).collect();
        let closes_at = wall_clock(stage.closes_at, &stage.time_zone);
        let mails = outgoing::addressed(
            MailKind::ClosingReminder,
            &recipients::accounts(db, &judges).await?,
            None,
            |judge| {
                let count = waiting
                    .iter()
                    .find(|(id, _)| *id == judge.user)
                    .map_or(0, |(_, count)| *count);
                letters::closing_reminder(
                    judge.preferences.language,
                    &judge.name,
                    (&stage.title, count, &closes_at),
                    links,
                )
            },
        );
        // Judges who turned reminders off count as reminded: they are not
        // asked again at the next run.
        let mut statements = vec![reminders::reminded_statement(&stage.id, &judges, due, now)];
        statements.extend(outgoing::enqueue(&mails, now));
        execute_atomically(db, statements).await?;
        reminded += mails.len();
    }
    Ok(reminded)
}

/// Sends the committee its digest of the scoring stages open at `now`, for
/// the day `day`; nothing while no stage is open. Answers how many
/// committee members it went to.
pub async fn committee_digest(
    db: &Db,
    site: &str,
    day: &str,
    now: Timestamp,
) -> Result<usize, AppError> {
    let stages = reminders::open_stages(db, now).await?;
    if stages.is_empty() {
        return Ok(0);
    }
    let recusals = judging::open_recusals(db)
        .await?
        .into_iter()
        .map(|recusal| (recusal.title, recusal.stage_title))
        .collect();
    let failed_mails = mail::counts(db)
        .await?
        .into_iter()
        .find(|(state, _)| *state == MailState::Failed)
        .map_or(0, |(_, count)| count);
    let digest = Digest {
        day: day.to_owned(),
        stages: stages
            .iter()
            .map(|stage| StageProgress {
                title: format!("{} ({})", stage.title, stage.edition_title),
                submitted: stage.submitted,
                expected: stage.expected,
                closes_at: wall_clock(stage.closes_at, &stage.time_zone),
            })
            .collect(),
        recusals,
        failed_mails,
    };
    let page = outgoing::link(site, "/admin");
    let account = outgoing::link(site, "/account");
    let committee = recipients::accounts(db, &reminders::committee(db).await?).await?;
    let mails = outgoing::addressed(MailKind::CommitteeDigest, &committee, None, |member| {
        letters::committee_digest(
            member.preferences.language,
            &member.name,
            &digest,
            Links {
                page: &page,
                account: &account,
            },
        )
    });
    if let Some(statement) = outgoing::enqueue(&mails, now) {
        execute_atomically(db, vec![statement]).await?;
    }
    Ok(mails.len())
}

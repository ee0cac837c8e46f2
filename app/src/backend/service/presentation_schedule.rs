//! A presentation stage's schedule: every entry the panel hears gets a slot,
//! in running order (entries not in it after, by title), back to back from
//! the stage's opening, each as long as the stage's slot. The committee sees
//! it on the stage dashboard and sends each judge their own slots, with a
//! calendar file per slot.

use crate::backend::db::Db;
use crate::backend::mail::calendar::{self, Event};
use crate::backend::mail::{letters, outgoing};
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::mail::Attachment;
use crate::backend::repo::presentation::{self, PresentationStage};
use crate::backend::repo::recipients;
use crate::backend::service::editions::local_in;
use crate::error::{AppError, Problem};
use crate::model::ScheduleSlot;
use domain::ids::{EntryId, StageId, UserId};
use domain::mail::MailKind;
use domain::presentation::Slot;
use domain::stage::StageFormat;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeSet;

/// One slot of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub entry: EntryId,
    pub title: String,
    /// `None` in a blind stage: the judges' calendars do not name agencies.
    pub organisation: Option<String>,
    pub starts: Timestamp,
    pub ends: Timestamp,
    /// Who hears it.
    pub judges: BTreeSet<UserId>,
}

/// The settings of `stage` when it is a presentation stage.
async fn presentation_stage(
    db: &Db,
    stage: &StageId,
) -> Result<Option<PresentationStage>, AppError> {
    Ok(presentation::stage(db, stage)
        .await?
        .filter(|found| found.format == Some(StageFormat::Presentation)))
}

/// The schedule of `stage`, or `None` when it is not a presentation stage.
pub async fn plan(
    db: &Db,
    stage: &StageId,
) -> Result<Option<(PresentationStage, Vec<Planned>)>, AppError> {
    let Some(settings) = presentation_stage(db, stage).await? else {
        return Ok(None);
    };
    let mut slots: Vec<Planned> = Vec::new();
    for seat in presentation::panel(db, stage).await? {
        match slots.iter_mut().find(|slot| slot.entry == seat.entry) {
            Some(slot) => {
                slot.judges.insert(seat.judge);
            }
            None => slots.push(Planned {
                entry: seat.entry,
                title: seat.title,
                organisation: (!settings.blind.unwrap_or(false)).then_some(seat.org_name),
                starts: settings.opens_at,
                ends: settings.opens_at,
                judges: BTreeSet::from([seat.judge]),
            }),
        }
    }
    super::presentation::in_running_order(&mut slots, &settings.running_order, |slot| {
        (&slot.entry, &slot.title)
    });
    let minutes = settings.slot_minutes.unwrap_or(Slot::default().minutes);
    let length = SignedDuration::from_mins(i64::from(minutes));
    let mut starts = settings.opens_at;
    for slot in &mut slots {
        slot.starts = starts;
        slot.ends = starts + length;
        starts = slot.ends;
    }
    Ok(Some((settings, slots)))
}

/// The schedule as the committee's dashboard shows it, in the edition's zone.
pub async fn view(db: &Db, stage: &StageId) -> Result<Option<Vec<ScheduleSlot>>, AppError> {
    let Some((settings, slots)) = plan(db, stage).await? else {
        return Ok(None);
    };
    let zone = settings.time_zone.unwrap_or_default();
    Ok(Some(
        slots
            .into_iter()
            .map(|slot| ScheduleSlot {
                starts_at: local_in(slot.starts, &zone),
                ends_at: local_in(slot.ends, &zone),
                entry: slot.entry,
                title: slot.title,
                judges: slot.judges.len(),
            })
            .collect(),
    ))
}

/// `at` on the edition's wall clock as `2026-03-12 08:30`.
fn wall_clock(at: Timestamp, zone: &str) -> String {
    let local = local_in(at, zone);
    local.get(..16).unwrap_or(&local).replace('T', " ")
}

/// Sends each judge of presentation stage `stage` their slots, and the chair
/// every slot, one message each with a calendar file per slot; audited.
/// Returns how many judges it went to. `NotFound` for a stage that is not a
/// presentation stage; nobody to hear it is refused.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn send(
    db: &Db,
    actor: &UserId,
    stage: &StageId,
    site: &str,
    now: Timestamp,
) -> Result<usize, AppError> {
    let (settings, slots) = plan(db, stage).await?.ok_or(AppError::NotFound)?;
    if slots.is_empty() {
        return Err(AppError::Conflict(Problem::NothingToSend));
    }
    let zone = settings.time_zone.clone().unwrap_or_default();
    let mut judges: BTreeSet<UserId> = slots.iter().flat_map(|slot| slot.judges.clone()).collect();
    judges.extend(settings.chair.clone());
    let judges: Vec<UserId> = judges.into_iter().collect();
    let console = outgoing::link(site, &format!("/judge/present/{stage}"));
    let mut mails = Vec::new();
    for recipient in recipients::accounts(db, &judges).await? {
        let chairs = settings.chair.as_ref() == Some(&recipient.user);
        let own: Vec<&Planned> = slots
            .iter()
            .filter(|slot| chairs || slot.judges.contains(&recipient.user))
            .collect();
        let Some(first) = own.first() else { continue };
        let day = wall_clock(first.starts, &zone)
            .get(..10)
            .unwrap_or_default()
            .to_owned();
        let lines = own
            .iter()
            .map(|slot| {
                let time = wall_clock(slot.starts, &zone);
                let ends = wall_clock(slot.ends, &zone);
                let ends = ends.get(11..).unwrap_or_default();
                match &slot.organisation {
                    Some(organisation) => format!("{time}–{ends} {} ({organisation})", slot.title),
                    None => format!("{time}–{ends} {}", slot.title),
                }
            })
            .collect();
        let letter = letters::presentation_schedule(
            recipient.preferences.language,
            &recipient.name,
            (&settings.title, &day),
            lines,
            &console,
        );
        let attachments = own
            .iter()
            .enumerate()
            .map(|(index, slot)| {
                calendar_file(index, slot, (stage, &settings.title, &console), now)
            })
            .collect();
        let mut mail = outgoing::addressed(
            MailKind::PresentationSchedule,
            std::slice::from_ref(&recipient),
            None,
            |_| letter.clone(),
        );
        for message in &mut mail {
            message.attachments.clone_from(&attachments);
        }
        mails.extend(mail);
    }
    let sent_to = mails.len();
    let mut statements = vec![audit::statement(NewAuditEvent {
        actor: Some(actor),
        action: "presentation.schedule_sent",
        target: format!("stage:{stage}"),
        before: None,
        after: Some(serde_json::json!({ "judges": sent_to, "slots": slots.len() })),
    })];
    statements.extend(outgoing::enqueue(&mails, now));
    execute_atomically(db, statements).await?;
    Ok(sent_to)
}

/// The calendar file of the `index`-th slot a judge hears.
fn calendar_file(
    index: usize,
    slot: &Planned,
    (stage, stage_title, console): (&StageId, &str, &str),
    now: Timestamp,
) -> Attachment {
    let uid = format!("{stage}-{}@juara", slot.entry);
    let summary = format!("{stage_title}: {}", slot.title);
    let description = match &slot.organisation {
        Some(organisation) => format!("{}\n{organisation}\n{console}", slot.title),
        None => format!("{}\n{console}", slot.title),
    };
    Attachment {
        name: format!("{:02}-{}.ics", index + 1, slot.entry),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".to_owned(),
        body: calendar::ics(
            &Event {
                uid: &uid,
                starts: slot.starts,
                ends: slot.ends,
                summary: &summary,
                description: &description,
                url: console,
            },
            now,
        ),
    }
}

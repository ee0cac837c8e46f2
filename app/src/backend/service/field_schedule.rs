//! Field verification, the committee's side: scheduling a visit (one per
//! entry and field stage: when, where, which judges go, none of them recused
//! from the entry or from its agency) and cancelling one nothing was recorded
//! on yet.

use super::field::{MAX_FIELD_TEXT, add, field_stage, visit_in};
use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::assignment_context;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::field::{self as repo, NewVisit};
use crate::backend::repo::sheets;
use crate::backend::service::edition_setup::parse_input;
use crate::error::{AppError, Problem};
use domain::ids::{EntryId, UserId, VisitId};
use domain::scoring::StageKey;
use jiff::Timestamp;

/// A visit as typed on the stage page.
#[derive(Debug, Clone, Default)]
pub struct VisitForm {
    pub entry: String,
    /// `datetime-local`, on the edition's clock.
    pub starts_at: String,
    pub address: String,
    /// Judges' account keys.
    pub team: Vec<String>,
}

/// Schedules a visit; refused field by field, what was typed kept.
pub async fn schedule(
    db: &Db,
    actor: Option<&UserId>,
    (slug, key): (&str, &StageKey),
    typed: &VisitForm,
    now: Timestamp,
) -> Result<VisitId, AppError> {
    let stage = field_stage(db, slug, key).await?;
    let echo = [
        ("entry", typed.entry.as_str()),
        ("starts_at", typed.starts_at.as_str()),
        ("address", typed.address.as_str()),
    ];
    let mut problems = Vec::new();
    let entry = EntryId::from(typed.entry.trim());
    let visitable = repo::visitable_entries(db, &stage.edition).await?;
    let taken = repo::visits_of_stage(db, &stage.id).await?;
    if typed.entry.trim().is_empty() {
        add(&mut problems, "entry", Problem::Required);
    } else if !visitable.iter().any(|(id, _, _)| *id == entry) {
        add(
            &mut problems,
            "entry",
            Problem::UnknownChoice {
                given: typed.entry.clone(),
            },
        );
    } else if taken.iter().any(|visit| visit.entry == entry) {
        add(&mut problems, "entry", Problem::Taken);
    }
    let starts_at = parse_input(&typed.starts_at, &stage.time_zone);
    if starts_at.is_none() {
        add(&mut problems, "starts_at", Problem::BadDate);
    }
    let address = typed.address.trim();
    if address.is_empty() {
        add(&mut problems, "address", Problem::Required);
    } else if address.chars().count() > MAX_FIELD_TEXT {
        add(
            &mut problems,
            "address",
            Problem::TooLong {
                max: MAX_FIELD_TEXT,
            },
        );
    }
    let judges = assignment_context::judge_names(db).await?;
    let mut team: Vec<UserId> = Vec::new();
    for member in &typed.team {
        let member = UserId::from(member.trim());
        if !judges.iter().any(|(judge, _)| *judge == member) {
            add(
                &mut problems,
                "team",
                Problem::UnknownChoice {
                    given: member.as_str().to_owned(),
                },
            );
        } else if !team.contains(&member) {
            team.push(member);
        }
    }
    if team.is_empty() && !problems.iter().any(|p| p.field == "team") {
        add(&mut problems, "team", Problem::Required);
    }
    if problems.is_empty() {
        if !repo::recused(db, &entry, &team).await?.is_empty() {
            add(&mut problems, "team", Problem::JudgeRecused);
        } else if own_organisation(db, &entry, &team).await? {
            add(&mut problems, "team", Problem::OwnOrganisation);
        }
    }
    let Some(starts_at) = starts_at.filter(|_| problems.is_empty()) else {
        return Err(AppError::invalid(problems).with_echo(&echo));
    };
    let id = VisitId::from(new_key());
    execute_atomically(
        db,
        vec![
            repo::schedule_statement(
                &NewVisit {
                    id: &id,
                    stage: &stage.id,
                    entry: &entry,
                    starts_at,
                    address,
                    team: &team,
                },
                actor,
                now,
            ),
            audit::statement(NewAuditEvent {
                actor,
                action: "field.schedule",
                target: format!("entry:{entry}"),
                before: None,
                after: Some(serde_json::json!({
                    "stage": stage.key,
                    "starts_at": starts_at.to_string(),
                    "address": address,
                    "team": team,
                })),
            }),
        ],
    )
    .await?;
    Ok(id)
}

/// Whether any of `judges` belongs to `entry`'s organisation or the one above
/// it: no judge verifies their own agency's claims.
pub async fn own_organisation(
    db: &Db,
    entry: &EntryId,
    judges: &[UserId],
) -> Result<bool, AppError> {
    for judge in judges {
        let (judge_org, entry_orgs) = sheets::organisations_of(db, entry, judge).await?;
        if judge_org.is_some_and(|org| entry_orgs.contains(&org)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Cancels a visit nothing was recorded on yet: once the team has recorded a
/// finding or a photo, the visit happened, and what it found stays.
pub async fn cancel(
    db: &Db,
    actor: Option<&UserId>,
    at: (&str, &StageKey),
    visit: &VisitId,
) -> Result<(), AppError> {
    let (_, found) = visit_in(db, at, visit).await?;
    execute_atomically(
        db,
        vec![
            repo::cancel_statement(visit),
            audit::statement(NewAuditEvent {
                actor,
                action: "field.cancel",
                target: format!("entry:{}", found.entry),
                before: Some(serde_json::json!({ "visit": visit })),
                after: None,
            }),
        ],
    )
    .await
    .map_err(|error| match error {
        DbError::Refused(Refusal::VisitRecorded) => AppError::Conflict(Problem::VisitRecorded),
        other => other.into(),
    })?;
    Ok(())
}

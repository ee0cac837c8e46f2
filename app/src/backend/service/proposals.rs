//! An organisation's work on an entry: reading the proposal, saving its text
//! (never over a newer version), and the coordinator's review — send back with
//! a comment, endorse, submit within the quota — all before the deadline, in the
//! edition's time zone. An admin may give one entry a later deadline.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::mail::letters::EntryNews;
use crate::backend::mail::outgoing;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::proposals::{self, DraftWrite, ProposalRecord, Transition};
use crate::backend::repo::recipients;
use crate::backend::service::disclosure;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{
    CurrentUser, DraftSave, EntryActions, HistoryStep, ProposalView, QuotaView, SavedDraft,
    SectionView,
};
use crate::proposal_rules::{submission_problems, video_problem};
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::entry_state::{self, EntryState};
use domain::ids::EntryId;
use domain::quota::{Quotas, admit_one_more};
use domain::role::Role;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Longest text kept for one section (far above any word limit: a pasted
/// document is kept and flagged, not cut).
const MAX_SECTION_CHARS: usize = 50_000;

/// `at` on the wall clock of `zone`: `2026-12-01 23:59 WIB`.
pub fn wall_clock(at: Timestamp, zone: &str) -> String {
    let zone = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    at.to_zoned(zone).strftime("%Y-%m-%d %H:%M %Z").to_string()
}

/// How the viewer stands to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    /// A member (innovator or coordinator) of the entry's organisation or the one above.
    pub(crate) writer: bool,
    /// A coordinator there.
    pub(crate) coordinator: bool,
    /// On the committee (admin) or observing it.
    pub(crate) committee: bool,
    pub(crate) admin: bool,
}

/// Who may do what with an entry. Its own organisation's innovators and
/// coordinators write it; the coordinator of the organisation above (a Dinas
/// over its Puskesmas) reviews, returns, endorses and submits it within the
/// unit's quota — that is how the competition runs — and may correct its text
/// while reviewing. The organisation above's innovators have no part in it.
pub(crate) fn standing(user: &CurrentUser, record: &ProposalRecord) -> Standing {
    let own = user.org.as_ref() == Some(&record.org);
    let above = user.org.is_some() && user.org == record.org_parent;
    let is_coordinator = user.roles.has(Role::Coordinator);
    let writer =
        (own && user.roles.any(&[Role::Innovator, Role::Coordinator])) || (above && is_coordinator);
    Standing {
        writer,
        coordinator: (own || above) && is_coordinator,
        committee: user.roles.any(&[Role::Admin, Role::Observer]),
        admin: user.roles.has(Role::Admin),
    }
}

/// The state `record` is in for the transitions its organisation may make;
/// `None` once it is out of the organisation's hands.
fn state_of(record: &ProposalRecord) -> Option<EntryState> {
    // Written out per state, not read back from JSON with a fallback: a state
    // that carries what the row does not hold (a screening reason, a stage, a
    // tier) once read as a fresh draft, which its coordinator could endorse
    // and submit again.
    match record.state {
        EntryStatus::Draft => Some(EntryState::Draft),
        EntryStatus::Returned => Some(EntryState::Returned {
            comment: record.return_comment.clone().unwrap_or_default(),
        }),
        EntryStatus::Endorsed => Some(EntryState::Endorsed),
        EntryStatus::Submitted => Some(EntryState::Submitted),
        EntryStatus::ScreenedIn
        | EntryStatus::ScreenedOut
        | EntryStatus::Advanced
        | EntryStatus::Eliminated
        | EntryStatus::Winner
        | EntryStatus::NotSelected
        | EntryStatus::Withdrawn
        | EntryStatus::Disqualified => None,
    }
}

/// Whether entries are accepted for `record` at `now`.
pub(crate) fn window_problem(record: &ProposalRecord, now: Timestamp) -> Option<Problem> {
    let closes = record.deadline();
    let not_yet = record.submission_opens_at.is_some_and(|opens| now < opens);
    let over = closes.is_none_or(|closes| now >= closes);
    (not_yet || over).then(|| Problem::SubmissionClosed {
        closes_at: closes.map(|at| wall_clock(at, &record.time_zone)),
    })
}

fn quota_of(record: &ProposalRecord, group: Group) -> Option<u32> {
    serde_json::from_value::<Quotas>(record.quotas.clone())
        .unwrap_or_default()
        .allowed(&record.org_kind, group)
}

fn load_error(record: Option<ProposalRecord>) -> Result<ProposalRecord, AppError> {
    record.ok_or(AppError::NotFound)
}

/// The proposal page for `user`: the form, the text, what they may do.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn view(
    db: &Db,
    user: &CurrentUser,
    entry: &EntryId,
    now: Timestamp,
) -> Result<ProposalView, AppError> {
    let record = load_error(proposals::find(db, entry).await?)?;
    let standing = standing(user, &record);
    if !standing.writer && !standing.committee {
        return Err(AppError::Forbidden);
    }
    let group = record.group;
    let open = window_problem(&record, now).is_none();
    let with_writers = matches!(record.state, EntryStatus::Draft | EntryStatus::Returned);
    let quota = match quota_of(&record, group) {
        Some(allowed) => Some(QuotaView {
            allowed,
            used: proposals::counted(db, &record.edition, &record.org, record.group).await?,
        }),
        None => None,
    };
    let content = record.content();
    let problems = if with_writers || record.state == EntryStatus::Endorsed {
        submission_problems(&record.template(), group, &content)
    } else {
        Vec::new()
    };
    let actions = EntryActions {
        edit: open && with_writers && standing.writer,
        endorse: open && record.state == EntryStatus::Draft && standing.coordinator,
        send_back: open
            && matches!(record.state, EntryStatus::Draft | EntryStatus::Endorsed)
            && standing.coordinator,
        submit: open && record.state == EntryStatus::Endorsed && standing.coordinator,
        extend: standing.admin
            && matches!(
                record.state,
                EntryStatus::Draft | EntryStatus::Returned | EntryStatus::Endorsed
            ),
    };
    // The organisation learns of stage decisions with their publication; the
    // committee sees everything (see `disclosure`).
    let published_stages = if standing.committee {
        None
    } else {
        Some(crate::backend::repo::publications::published_stages(db, &record.edition).await?)
    };
    let history = proposals::history(db, entry)
        .await?
        .into_iter()
        .filter(|event| {
            published_stages.as_ref().is_none_or(|published| {
                disclosure::event_for_entrant(&event.action, event.after.as_ref(), published)
            })
        })
        .map(|event| HistoryStep {
            at: wall_clock(event.at, &record.time_zone),
            action: event
                .action
                .strip_prefix("entry.")
                .unwrap_or(&event.action)
                .to_owned(),
            actor: event.actor_name,
            note: event.after.as_ref().and_then(|after| {
                after
                    .get("comment")
                    .or_else(|| after.get("closes_at"))
                    .or_else(|| after.get("reason"))
                    .or_else(|| after.get("override_reason"))
                    .and_then(|note| note.as_str())
                    .map(str::to_owned)
            }),
        })
        .collect();
    let template = record.template();
    let category = record
        .categories
        .iter()
        .find(|category| category.get("key").and_then(|key| key.as_str()) == Some(&record.category))
        .and_then(|category| category.get("label").and_then(|label| label.as_str()))
        .unwrap_or(&record.category)
        .to_owned();
    let deadline = record.deadline();
    let evidence = crate::backend::service::evidence::views(db, entry).await?;
    let upload_limit_mb = crate::backend::repo::evidence::limit_mb(db, entry).await?;
    // Judges' remarks reach entrants only where the edition chose to share them,
    // from stages whose results stand published and from sheets that count;
    // the committee reads sheets elsewhere.
    let feedback = if record.shares_feedback {
        proposals::remarks(db, entry)
            .await?
            .into_iter()
            .map(|remark| (remark.stage_title, remark.comment))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ProposalView {
        entry: record.id.clone(),
        viewer: user.id.clone(),
        title: record.title.clone(),
        org_name: record.org_name.clone(),
        edition_title: record.edition_title.clone(),
        group: record.group,
        category,
        state: if standing.committee {
            record.state
        } else {
            let outcomes =
                disclosure::latest_published_outcomes(db, std::slice::from_ref(&record.id)).await?;
            disclosure::state_for_entrant(record.state, outcomes.get(&record.id).copied())
        },
        return_comment: (record.state == EntryStatus::Returned || with_writers)
            .then(|| record.return_comment.clone())
            .flatten(),
        sections: template
            .sections_for(group)
            .map(|section| SectionView {
                key: section.key.clone(),
                label: section.label.clone(),
                prompt: section.prompt.clone(),
                word_limit: section.word_limit,
                required: section.required,
            })
            .collect(),
        content,
        version: record.version,
        closes_at_ms: deadline.map(|at| at.as_millisecond()),
        closes_at: deadline.map(|at| wall_clock(at, &record.time_zone)),
        time_zone: record.time_zone.clone(),
        closed: !open,
        actions,
        quota,
        problems,
        history,
        evidence,
        upload_limit_mb,
        feedback,
    })
}

/// Saves the text of a proposal (a draft may be over its word limits: it is kept
/// and the problems are reported; only submitting needs a clean proposal).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    save: &DraftSave,
    now: Timestamp,
) -> Result<SavedDraft, AppError> {
    let record = load_error(proposals::find(db, &save.entry).await?)?;
    if !standing(user, &record).writer {
        return Err(AppError::Forbidden);
    }
    if let Some(problem) = window_problem(&record, now) {
        return Err(AppError::Conflict(problem));
    }
    let group = record.group;
    let content = &save.content;
    let mut refused = Vec::new();
    if let Some(problem) = video_problem(&content.video_url) {
        refused.push(FieldError {
            field: "video_url".into(),
            problem,
        });
    }
    for (key, text) in &content.answers {
        if text.chars().count() > MAX_SECTION_CHARS {
            refused.push(FieldError {
                field: format!("answers.{key}"),
                problem: Problem::TooLong {
                    max: MAX_SECTION_CHARS,
                },
            });
        }
    }
    if !refused.is_empty() {
        return Err(AppError::invalid(refused));
    }
    // Only the group's sections are kept: a stray key is not written anywhere.
    let template = record.template();
    let sections = content
        .answers
        .iter()
        .filter(|(key, _)| {
            template
                .sections_for(group)
                .any(|section| &section.key == *key)
        })
        .map(|(key, text)| (key.clone(), text.clone()))
        .collect();
    let video = content.video_url.trim();
    let written = proposals::save_draft(
        db,
        &DraftWrite {
            entry: &save.entry,
            base_version: save.base_version,
            sections: &sections,
            video_url: (!video.is_empty()).then_some(video),
            declarations: content.declarations,
            user: &user.id,
            at: now,
        },
    )
    .await;
    match written {
        Ok(version) => Ok(SavedDraft {
            version,
            saved_at: wall_clock(now, &record.time_zone),
            problems: submission_problems(&record.template(), group, content),
        }),
        Err(error) => Err(write_refusal(db, &save.entry, error).await),
    }
}

/// Turns a refused write into the message the writer needs: the stored text on a
/// stale save, the entry's state when it has moved on.
async fn write_refusal(db: &Db, entry: &EntryId, error: DbError) -> AppError {
    let refusal = match error {
        DbError::Refused(refusal) => Some(refusal),
        DbError::WriteConflict => None,
        other => return other.into(),
    };
    let stored = match proposals::find(db, entry).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return AppError::NotFound,
        Err(error) => return error.into(),
    };
    // A save that lost a race with another save of the same draft is as stale as
    // one made on an old version: the writer is shown the text that won.
    match refusal {
        None | Some(Refusal::StaleDraft) => AppError::Conflict(Problem::StaleDraft {
            version: stored.version,
            theirs: Box::new(stored.content()),
        }),
        Some(Refusal::QuotaFull) => {
            // Another submission took the last place between the check and the write.
            let group = stored.group;
            let used = proposals::counted(db, &stored.edition, &stored.org, group)
                .await
                .unwrap_or(0);
            let allowed = quota_of(&stored, group).unwrap_or(used);
            AppError::Conflict(Problem::QuotaFull { allowed, used })
        }
        // The entry moved on (or a refusal no draft write throws: say where it is).
        Some(_) => disclosure::state_changed_for_entrant(db, entry, stored.state).await,
    }
}

/// What a coordinator does with an entry of their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Send it back to its writers with a comment.
    SendBack,
    /// Endorse it.
    Endorse,
    /// Submit it to the committee (within the quota).
    Submit,
}

impl Review {
    /// Parses the form's `action` value.
    #[must_use]
    pub fn parse(action: &str) -> Option<Review> {
        match action {
            "return" => Some(Review::SendBack),
            "endorse" => Some(Review::Endorse),
            "submit" => Some(Review::Submit),
            _ => None,
        }
    }
}

/// A coordinator's review of `entry`. Endorsing and submitting need a proposal
/// that passes every check; submitting also needs room in the quota, checked in
/// the same transaction that submits.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn review(
    db: &Db,
    user: &CurrentUser,
    (entry, review, comment): (&EntryId, Review, &str),
    site: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    // A submission that lost a race for the same quota is tried again from the
    // start: it then counts the winner and is refused with the quota's numbers.
    for _ in 0..3 {
        if review_once(db, user, (entry, review, comment), site, now).await? == Attempt::Done {
            return Ok(());
        }
    }
    tracing::error!(%entry, "a review kept losing write races");
    Err(AppError::Internal)
}

/// How one attempt at a review ended, when it was not refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attempt {
    /// Written.
    Done,
    /// A concurrent transaction wrote the same record first; nothing was written.
    LostRace,
}

async fn review_once(
    db: &Db,
    user: &CurrentUser,
    (entry, review, comment): (&EntryId, Review, &str),
    site: &str,
    now: Timestamp,
) -> Result<Attempt, AppError> {
    let record = load_error(proposals::find(db, entry).await?)?;
    if !standing(user, &record).coordinator {
        return Err(AppError::Forbidden);
    }
    if let Some(problem) = window_problem(&record, now) {
        return Err(AppError::Conflict(problem));
    }
    let group = record.group;
    // Once submitted, the entry is the committee's: its organisation cannot pull
    // it back (the domain allows a return from `submitted` for the committee).
    if review == Review::SendBack
        && !matches!(record.state, EntryStatus::Draft | EntryStatus::Endorsed)
    {
        return Err(disclosure::state_changed_for_entrant(db, entry, record.state).await);
    }
    // Beyond the states an organisation acts on, every review is refused.
    let Some(current) = state_of(&record) else {
        return Err(disclosure::state_changed_for_entrant(db, entry, record.state).await);
    };
    let comment = comment.trim();
    let next = match review {
        Review::SendBack => entry_state::return_for_revision(&current, comment),
        Review::Endorse => entry_state::endorse(&current),
        Review::Submit => entry_state::submit(&current),
    };
    let next = match next {
        Ok(next) => next,
        Err(entry_state::TransitionError::MissingText { .. }) => {
            return Err(AppError::field("comment", Problem::Required));
        }
        Err(_) => {
            return Err(disclosure::state_changed_for_entrant(db, entry, record.state).await);
        }
    };
    if review == Review::SendBack && comment.chars().count() > 2000 {
        return Err(AppError::field("comment", Problem::TooLong { max: 2000 }));
    }
    if review != Review::SendBack {
        let content = record.content();
        let problems = submission_problems(&record.template(), group, &content);
        if !problems.is_empty() {
            return Err(AppError::invalid(problems));
        }
    }
    let mut statements = Vec::new();
    if review == Review::Submit
        && let Some(allowed) = quota_of(&record, group)
    {
        let used = proposals::counted(db, &record.edition, &record.org, record.group).await?;
        admit_one_more(Some(allowed), used).map_err(|full| {
            AppError::Conflict(Problem::QuotaFull {
                allowed: full.allowed,
                used: full.used,
            })
        })?;
        // Checked again inside the transaction: two coordinators submitting at
        // once must not both fit into the last place.
        statements.push(proposals::quota_guard(
            &record.edition,
            &record.org,
            record.group,
            allowed,
        ));
    }
    let action = match review {
        Review::SendBack => "entry.return",
        Review::Endorse => "entry.endorse",
        Review::Submit => "entry.submit",
    };
    statements.push(proposals::transition(&Transition {
        entry,
        from: record.state,
        to: next.status(),
        return_comment: (review == Review::SendBack).then_some(comment),
        user: &user.id,
        at: now,
    }));
    statements.push(audit::statement(NewAuditEvent {
        actor: Some(&user.id),
        action,
        target: format!("entry:{entry}"),
        before: Some(serde_json::json!({ "state": record.state })),
        after: Some(match review {
            Review::SendBack => serde_json::json!({ "state": next.name(), "comment": comment }),
            _ => serde_json::json!({ "state": next.name() }),
        }),
    }));
    let news = match review {
        Review::SendBack => EntryNews::Returned { comment },
        Review::Endorse => EntryNews::Endorsed,
        Review::Submit => EntryNews::Submitted,
    };
    let team = recipients::entry_team(db, &record.org, record.org_parent.as_ref()).await?;
    let mails = outgoing::entry_news(news, &team, (entry, &record.title), Some(&user.id), site);
    statements.extend(outgoing::enqueue(&mails, now));
    match execute_atomically(db, statements).await {
        Ok(()) => Ok(Attempt::Done),
        Err(DbError::WriteConflict) => Ok(Attempt::LostRace),
        Err(error) => Err(write_refusal(db, entry, error).await),
    }
}

/// Gives `entry` its own deadline, `until` (`YYYY-MM-DDTHH:MM` on the edition's
/// wall clock). Admins only; recorded in the audit log.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn extend_deadline(
    db: &Db,
    user: &CurrentUser,
    entry: &EntryId,
    until: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let record = load_error(proposals::find(db, entry).await?)?;
    if !standing(user, &record).admin {
        return Err(AppError::Forbidden);
    }
    let zone = TimeZone::get(&record.time_zone).unwrap_or(TimeZone::UTC);
    let until = until
        .trim()
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|local| local.to_zoned(zone).ok())
        .map(|zoned| zoned.timestamp())
        .ok_or_else(|| AppError::field("until", Problem::BadDate))?;
    if until <= now {
        return Err(AppError::field(
            "until",
            Problem::SubmissionClosed {
                closes_at: Some(wall_clock(until, &record.time_zone)),
            },
        ));
    }
    execute_atomically(
        db,
        vec![
            proposals::extend_deadline(entry, until),
            audit::statement(NewAuditEvent {
                actor: Some(&user.id),
                action: "entry.extend_deadline",
                target: format!("entry:{entry}"),
                before: record.deadline().map(
                    |at| serde_json::json!({ "closes_at": wall_clock(at, &record.time_zone) }),
                ),
                after: Some(
                    serde_json::json!({ "closes_at": wall_clock(until, &record.time_zone) }),
                ),
            }),
        ],
    )
    .await?;
    Ok(())
}

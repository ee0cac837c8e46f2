//! Administrative screening (*seleksi administrasi*): the committee checks each
//! submitted entry against the edition's checklist and passes it, or fails it
//! with a reason. A decision can be corrected until scoring starts; each is an
//! entry transition from the domain crate, recorded with its audit event, and
//! the entry's organisation reads the outcome and reason in its history.

use crate::backend::db::Db;
use crate::backend::mail::letters::EntryNews;
use crate::backend::mail::outgoing;
use crate::backend::records::execute_atomically;
use crate::backend::repo::mail::NewMail;
use crate::backend::repo::recipients;
use crate::backend::repo::screening::{self, ScreeningDecision, ScreeningEntry, ScreeningOutcome};
use crate::error::{AppError, FieldError, Problem};
use crate::model::{ScreeningRow, ScreeningView};
use domain::entry_state::EntryStatus;
use domain::entry_state::{EntryState, screen_in, screen_out};
use domain::ids::EntryId;
use domain::ids::UserId;
use jiff::Timestamp;

/// The screening page of edition `slug`.
pub async fn view(db: &Db, slug: &str) -> Result<ScreeningView, AppError> {
    let edition = screening::edition(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries = screening::entries(db, &edition.id).await?;
    let label = |key: &str| crate::model::category_label(&edition.categories, key);
    Ok(ScreeningView {
        edition_title: edition.title.clone(),
        checklist: edition.screening_checklist.clone(),
        rows: entries
            .into_iter()
            .map(|entry| {
                let outcome = entry.screening.unwrap_or_default();
                ScreeningRow {
                    category: label(&entry.category),
                    checks: outcome.checks,
                    reason: outcome.reason.unwrap_or_default(),
                    entry: entry.id,
                    title: entry.title,
                    organisation: entry.organisation,
                    group: entry.group,
                    state: entry.state,
                }
            })
            .collect(),
    })
}

/// The state an entry in screening is in, for the domain's transitions.
fn state_of(entry: &ScreeningEntry) -> EntryState {
    match entry.state {
        EntryStatus::ScreenedIn => EntryState::ScreenedIn,
        EntryStatus::ScreenedOut => EntryState::ScreenedOut {
            reason: String::new(),
        },
        _ => EntryState::Submitted,
    }
}

/// One decision as the form gives it.
#[derive(Debug, Clone, Default)]
pub struct Screening {
    pub entry: EntryId,
    /// Passes (`true`) or fails.
    pub passed: bool,
    /// The checklist items ticked.
    pub checks: Vec<String>,
    /// Why it fails (required to fail).
    pub reason: String,
}

fn decision(
    entry: &ScreeningEntry,
    screening: &Screening,
    checklist: &[String],
) -> Result<ScreeningDecision, Vec<FieldError>> {
    let refuse = |field: &str, problem: Problem| {
        vec![FieldError {
            field: field.into(),
            problem,
        }]
    };
    let reason = screening.reason.trim();
    let next = if screening.passed {
        if let Some(missing) = checklist
            .iter()
            .find(|item| !screening.checks.contains(item))
        {
            return Err(refuse(
                "checks",
                Problem::ChecklistIncomplete {
                    item: missing.clone(),
                },
            ));
        }
        screen_in(&state_of(entry))
    } else {
        if reason.is_empty() {
            return Err(refuse("reason", Problem::Required));
        }
        screen_out(&state_of(entry), reason)
    };
    // Deciding the same again records the new checks or reason; the state stays.
    let same_again = matches!(
        (screening.passed, entry.state),
        (true, EntryStatus::ScreenedIn) | (false, EntryStatus::ScreenedOut)
    );
    let next = next.or_else(|error| {
        if same_again {
            Ok(state_of(entry))
        } else {
            Err(error)
        }
    });
    let next =
        next.map_err(|_| refuse("entry", Problem::EntryStateChanged { state: entry.state }))?;
    let checks: Vec<String> = checklist
        .iter()
        .filter(|item| screening.checks.contains(item))
        .cloned()
        .collect();
    Ok(ScreeningDecision {
        entry: entry.id.clone(),
        state: next.status(),
        outcome: ScreeningOutcome {
            passed: screening.passed,
            checks,
            reason: (!screening.passed).then(|| reason.to_owned()),
        },
        action: if screening.passed {
            "entry.screen_in"
        } else {
            "entry.screen_out"
        },
    })
}

/// Records one decision, or several passes at once, and tells each entry's
/// team its outcome; all or nothing.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn decide(
    db: &Db,
    actor: &UserId,
    slug: &str,
    screenings: &[Screening],
    site: &str,
    now: Timestamp,
) -> Result<usize, AppError> {
    let edition = screening::edition(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries = screening::entries(db, &edition.id).await?;
    let mut decisions = Vec::with_capacity(screenings.len());
    for screening in screenings {
        let entry = entries
            .iter()
            .find(|entry| entry.id == screening.entry)
            .ok_or(AppError::NotFound)?;
        decisions.push(
            decision(entry, screening, &edition.screening_checklist).map_err(AppError::invalid)?,
        );
    }
    if decisions.is_empty() {
        return Err(AppError::field("entries", Problem::Required));
    }
    let mails = outcome_mail(db, &entries, &decisions, site).await?;
    let mut statements = vec![screening::decide_all_statement(&decisions, actor, now)];
    statements.extend(outgoing::enqueue(&mails, now));
    execute_atomically(db, statements).await?;
    Ok(decisions.len())
}

/// The messages telling each decided entry's team its outcome, with the
/// reason when it was kept out. A decision that repeats the recorded one
/// (the same outcome and reason) tells nobody again.
async fn outcome_mail(
    db: &Db,
    entries: &[ScreeningEntry],
    decisions: &[ScreeningDecision],
    site: &str,
) -> Result<Vec<NewMail>, AppError> {
    let mut mails = Vec::new();
    for decision in decisions {
        let Some(entry) = entries.iter().find(|entry| entry.id == decision.entry) else {
            continue;
        };
        let repeated = entry.screening.as_ref().is_some_and(|recorded| {
            recorded.passed == decision.outcome.passed && recorded.reason == decision.outcome.reason
        });
        if repeated {
            continue;
        }
        let news = match &decision.outcome.reason {
            Some(reason) if !decision.outcome.passed => EntryNews::ScreenedOut { reason },
            _ => EntryNews::ScreenedIn,
        };
        let team = recipients::entry_team(db, &entry.org, entry.org_parent.as_ref()).await?;
        mails.extend(outgoing::entry_news(
            news,
            &team,
            (&entry.id, &entry.title),
            None,
            site,
        ));
    }
    Ok(mails)
}

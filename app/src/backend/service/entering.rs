//! Entering an innovation in an edition: a new innovation or one the organisation
//! already has, a group and a category, and the edition's eligibility rules
//! explained (minimum years running, `khusus` only for past winners, `replikasi`
//! naming its original) before anything is written.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::entering::{self, EntryWrite, InnovationWrite};
use crate::backend::service::proposals::wall_clock;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{CurrentUser, NewEntryOptions, OpenEdition};
use domain::edition::Group;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use domain::proposal::{CivilDate, Ineligible, InnovationFacts, eligibility};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The new-entry form as typed.
#[derive(Debug, Clone, Default)]
pub struct StartEntry {
    /// Edition key.
    pub edition: EditionId,
    /// An existing innovation, or none for a new one.
    pub innovation: Option<InnovationId>,
    /// A new innovation's title.
    pub title: String,
    /// A new innovation's start, `YYYY-MM-DD`.
    pub started_on: String,
    /// Whether the new innovation is digital.
    pub digital: bool,
    /// The innovation it replicates, by name.
    pub replicates: String,
    /// Group key.
    pub group: String,
    /// Category key.
    pub category: String,
}

const MAX_TITLE: usize = 200;

/// The editions open for entries and the organisation's innovations.
pub async fn options(
    db: &Db,
    user: &CurrentUser,
    now: Timestamp,
) -> Result<NewEntryOptions, AppError> {
    let editions = entering::open_editions(db, now)
        .await?
        .into_iter()
        .map(|rules| OpenEdition {
            closes_at: rules
                .submission_closes_at
                .map(|at| wall_clock(at, &rules.time_zone))
                .unwrap_or_default(),
            key: rules.id,
            title: rules.title,
            groups: rules.groups,
            categories: rules
                .categories
                .into_iter()
                .map(|category| (category.key, category.label))
                .collect(),
            minimum_years: rules.minimum_years,
        })
        .collect();
    let innovations = match &user.org {
        Some(org) => entering::innovations_of(db, org)
            .await?
            .into_iter()
            .map(|innovation| (innovation.id, innovation.title))
            .collect(),
        None => Vec::new(),
    };
    Ok(NewEntryOptions {
        editions,
        innovations,
    })
}

fn field(field: &str, problem: Problem) -> FieldError {
    FieldError {
        field: field.to_owned(),
        problem,
    }
}

fn ineligible(reason: Ineligible) -> FieldError {
    match reason {
        Ineligible::TooYoung { required, running } => {
            field("started_on", Problem::TooYoung { required, running })
        }
        Ineligible::NotAPastWinner => field("group", Problem::NotAPastWinner),
        Ineligible::OriginalNotNamed => field("replicates", Problem::OriginalNotNamed),
    }
}

/// Starts a draft entry for `user`'s organisation; returns its key. Every refused
/// field is reported at once.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn start(
    db: &Db,
    user: &CurrentUser,
    form: &StartEntry,
    now: Timestamp,
) -> Result<EntryId, AppError> {
    let org = user.org.clone().ok_or(AppError::Forbidden)?;
    let rules = entering::rules(db, &form.edition)
        .await?
        .ok_or_else(|| AppError::field("edition", Problem::Required))?;
    let open = rules.submission_opens_at.is_some_and(|opens| opens <= now)
        && rules
            .submission_closes_at
            .is_some_and(|closes| now < closes);
    if !open {
        return Err(AppError::field(
            "edition",
            Problem::SubmissionClosed {
                closes_at: rules
                    .submission_closes_at
                    .map(|at| wall_clock(at, &rules.time_zone)),
            },
        ));
    }
    let mut problems = Vec::new();
    let group = form
        .group
        .parse::<Group>()
        .ok()
        .filter(|group| rules.groups.contains(group));
    if group.is_none() {
        problems.push(field("group", Problem::Required));
    }
    if !rules
        .categories
        .iter()
        .any(|category| category.key == form.category)
    {
        problems.push(field("category", Problem::Required));
    }
    let existing = match &form.innovation {
        None => None,
        Some(key) => match entering::innovation(db, key).await? {
            Some(innovation) if innovation.org == org => Some(innovation),
            _ => {
                problems.push(field(
                    "innovation",
                    Problem::UnknownChoice {
                        given: key.to_string(),
                    },
                ));
                None
            }
        },
    };
    let title = form.title.trim();
    let replicates = form.replicates.trim();
    let started_on = match &existing {
        Some(innovation) => CivilDate::parse(&innovation.started_on),
        None => {
            if title.is_empty() && form.innovation.is_none() {
                problems.push(field("title", Problem::Required));
            } else if title.chars().count() > MAX_TITLE {
                problems.push(field("title", Problem::TooLong { max: MAX_TITLE }));
            }
            let date = CivilDate::parse(&form.started_on);
            if date.is_none() && form.innovation.is_none() {
                problems.push(field("started_on", Problem::BadDate));
            }
            date
        }
    };
    if replicates.chars().count() > MAX_TITLE {
        problems.push(field("replicates", Problem::TooLong { max: MAX_TITLE }));
    }
    let zone = TimeZone::get(&rules.time_zone).unwrap_or(TimeZone::UTC);
    let today = now.to_zoned(zone).date();
    let today = CivilDate {
        year: i32::from(today.year()),
        month: u8::try_from(today.month()).unwrap_or(1),
        day: u8::try_from(today.day()).unwrap_or(1),
    };
    if let Some(started) = started_on
        && started > today
    {
        problems.push(field("started_on", Problem::BadDate));
    }
    if let (Some(group), Some(started_on)) = (group, started_on) {
        let facts = InnovationFacts {
            started_on,
            won_before: existing
                .as_ref()
                .is_some_and(|innovation| !innovation.awards.is_empty() || innovation.went_on),
            names_its_original: existing
                .as_ref()
                .is_some_and(|innovation| innovation.names_original)
                || !replicates.is_empty(),
        };
        problems.extend(
            eligibility(&facts, group, rules.minimum_years, today)
                .into_iter()
                .map(ineligible),
        );
    }
    let Some(group) = group else {
        return Err(AppError::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }

    let innovation_key = existing.as_ref().map_or_else(
        || InnovationId::from(new_key()),
        |innovation| innovation.id.clone(),
    );
    let title = existing
        .as_ref()
        .map_or(title, |innovation| innovation.title.as_str());
    let entry_key = EntryId::from(new_key());
    let mut statements = Vec::new();
    if existing.is_none() {
        statements.push(entering::create_innovation(&InnovationWrite {
            key: &innovation_key,
            title,
            org: &org,
            started_on: form.started_on.trim(),
            digital: form.digital,
            replicates: (!replicates.is_empty()).then_some(replicates),
        }));
    }
    statements.push(entering::create_entry(&EntryWrite {
        key: &entry_key,
        edition: &rules.id,
        innovation: &innovation_key,
        org: &org,
        title,
        group,
        category: &form.category,
        user: &user.id,
    }));
    statements.push(audit::statement(NewAuditEvent {
        actor: Some(&user.id),
        action: "entry.create",
        target: format!("entry:{entry_key}"),
        before: None,
        after: Some(serde_json::json!({
            "state": "draft", "edition": rules.id, "group": group.key(), "category": form.category,
        })),
    }));
    match execute_atomically(db, statements).await {
        Ok(()) => Ok(entry_key),
        Err(DbError::Unique { .. }) => Err(AppError::field("innovation", Problem::AlreadyEntered)),
        Err(error) => Err(error.into()),
    }
}

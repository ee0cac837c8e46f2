//! Editions: the timeline view and creating an edition.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::editions::{self, EditionRecord, NewEdition};
use crate::error::{AppError, FieldError, Problem};
use crate::model::{CategoryView, EditionView, Phase, TimelineStep};
use domain::edition::{self, EditionDraft, EditionError, Group};
use domain::ids::EditionId;
use domain::ids::UserId;
use domain::stage::StageKind;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Where `now` stands relative to a window.
fn phase(now: Timestamp, opens: Timestamp, closes: Timestamp) -> Phase {
    if now < opens {
        Phase::Upcoming
    } else if now >= closes {
        Phase::Done
    } else {
        Phase::Current
    }
}

/// `at` as RFC 3339 in the edition's zone (so pages show the edition's local time).
fn local(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// `at` as RFC 3339 in the time zone named `zone` (UTC when the name is unknown).
pub fn local_in(at: Timestamp, zone: &str) -> String {
    local(at, &TimeZone::get(zone).unwrap_or(TimeZone::UTC))
}

/// An edition with its timeline as seen at `now`.
pub async fn view(db: &Db, record: EditionRecord, now: Timestamp) -> Result<EditionView, DbError> {
    let zone = TimeZone::get(&record.time_zone).unwrap_or(TimeZone::UTC);
    let mut timeline = Vec::new();
    if let (Some(opens), Some(closes)) = (record.submission_opens_at, record.submission_closes_at) {
        timeline.push(TimelineStep {
            key: "submission".into(),
            title: String::new(),
            kind: None,
            opens_at: local(opens, &zone),
            closes_at: local(closes, &zone),
            phase: phase(now, opens, closes),
        });
    }
    for stage in editions::stages(db, &record.id).await? {
        timeline.push(TimelineStep {
            phase: phase(now, stage.opens_at, stage.closes_at),
            opens_at: local(stage.opens_at, &zone),
            closes_at: local(stage.closes_at, &zone),
            key: stage.key,
            title: stage.title,
            kind: Some(stage.kind),
        });
    }
    Ok(EditionView {
        slug: record.slug,
        year: record.year,
        title: record.title,
        time_zone: record.time_zone,
        groups: record.groups,
        categories: record.categories,
        timeline,
        results_published: record.results_published,
        entry_count: record.entry_count,
    })
}

/// Every edition, newest first, with timelines.
pub async fn list(db: &Db, now: Timestamp) -> Result<Vec<EditionView>, AppError> {
    let mut views = Vec::new();
    for record in editions::list(db).await? {
        views.push(view(db, record, now).await?);
    }
    Ok(views)
}

/// The edition the home page features: one with a window open now, else the next
/// to open, else the newest.
pub async fn current(db: &Db, now: Timestamp) -> Result<Option<EditionView>, AppError> {
    let views = list(db, now).await?;
    let open = views.iter().position(|view| {
        view.timeline
            .iter()
            .any(|step| step.phase == Phase::Current)
    });
    let upcoming = views.iter().position(|view| {
        view.timeline
            .iter()
            .any(|step| step.phase == Phase::Upcoming)
    });
    let index = open
        .or(upcoming)
        .or(if views.is_empty() { None } else { Some(0) });
    Ok(index.and_then(|index| views.into_iter().nth(index)))
}

/// Edition `slug` as the public sees it at `now`: its timeline, whether an
/// objection window is open, whether it runs a people's choice, and how many of
/// its innovations the catalogue lists.
pub async fn public_page(
    db: &Db,
    catalogue: &crate::backend::service::catalogue::Catalogue,
    slug: &str,
    now: Timestamp,
) -> Result<crate::model::EditionPage, AppError> {
    let record = editions::find_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let peoples_choice = crate::backend::repo::votes::edition(db, slug)
        .await?
        .is_some_and(|edition| edition.peoples_choice);
    let edition = view(db, record, now).await?;
    Ok(crate::model::EditionPage {
        objections_open: edition
            .timeline
            .iter()
            .any(|step| step.kind == Some(StageKind::Objection) && step.phase == Phase::Current),
        peoples_choice,
        in_catalogue: catalogue.count_in(slug),
        edition,
    })
}

/// What the edition form gives.
#[derive(Debug, Clone, Default)]
pub struct EditionInput {
    /// URL key.
    pub slug: String,
    /// Year as typed.
    pub year: String,
    pub title: String,
    /// Time zone; `Asia/Jakarta` when empty.
    pub time_zone: String,
    /// Group keys ticked.
    pub groups: Vec<String>,
    /// Categories, one per line (`key: Label` or `Label`).
    pub categories: String,
}

fn problem(error: &EditionError) -> Problem {
    match error {
        EditionError::BadSlug => Problem::BadSlug,
        EditionError::BadYear { min, max } => Problem::BadYear {
            min: *min,
            max: *max,
        },
        EditionError::TitleRequired | EditionError::NoGroup | EditionError::NoCategory => {
            Problem::Required
        }
        EditionError::UnknownGroup { given } => Problem::UnknownChoice {
            given: given.clone(),
        },
        EditionError::BadCategory { given } => Problem::BadCategory {
            given: given.clone(),
        },
        EditionError::DuplicateCategory { key } => Problem::DuplicateCategory { key: key.clone() },
    }
}

/// Creates an edition after checking every field; all problems are reported at once.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create(db: &Db, actor: &UserId, input: EditionInput) -> Result<String, AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut push = |error: &EditionError| {
        if !errors.iter().any(|known| known.field == error.field()) {
            errors.push(FieldError {
                field: error.field().into(),
                problem: problem(error),
            });
        }
    };
    let year = input.year.trim().parse::<i32>().unwrap_or(0);
    let time_zone = match input.time_zone.trim() {
        "" => "Asia/Jakarta".to_owned(),
        zone => zone.to_owned(),
    };
    let mut groups = Vec::new();
    for given in &input.groups {
        match given.parse::<Group>() {
            Ok(group) => groups.push(group),
            Err(error) => push(&error),
        }
    }
    let categories = edition::parse_categories(&input.categories).unwrap_or_else(|error| {
        push(&error);
        Vec::new()
    });
    let draft = EditionDraft {
        slug: input.slug.trim().to_owned(),
        year,
        title: input.title.trim().to_owned(),
        time_zone: time_zone.clone(),
        groups,
        categories,
    };
    for error in edition::validate_edition(&draft) {
        push(&error);
    }
    if TimeZone::get(&time_zone).is_err() {
        errors.push(FieldError {
            field: "time_zone".into(),
            problem: Problem::BadTimeZone,
        });
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let new = NewEdition {
        key: None,
        slug: draft.slug.clone(),
        year: draft.year,
        title: draft.title.clone(),
        time_zone: draft.time_zone.clone(),
        groups: draft.groups.clone(),
        categories: draft
            .categories
            .iter()
            .map(|category| CategoryView {
                key: category.key.clone(),
                label: category.label.clone(),
            })
            .collect(),
        submission_opens_at: None,
        submission_closes_at: None,
        results_published: false,
    };
    let id = new
        .key
        .clone()
        .unwrap_or_else(|| EditionId::from(new_key()));
    execute_atomically(
        db,
        vec![
            editions::create_statement(&id, &new),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "edition.create",
                target: format!("edition:{id}"),
                before: None,
                after: Some(serde_json::json!({ "slug": new.slug, "year": new.year, "title": new.title, "time_zone": new.time_zone, "groups": new.groups })),
            }),
        ],
    )
    .await
    .map_err(|error| match error {
        DbError::Unique { .. } => AppError::field("slug", Problem::Taken),
        other => other.into(),
    })?;
    Ok(draft.slug)
}

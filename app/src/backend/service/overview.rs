//! What each role's home page shows.

use crate::backend::db::Db;
use crate::backend::repo::{entries, judging, organisations, users};
use crate::backend::service::{disclosure, editions};
use crate::error::AppError;
use crate::model::{AdminOverview, AssignmentRow, CurrentUser, EntryListing};
use domain::ids::EntryId;
use domain::stage::StageFormat;
use jiff::Timestamp;

/// The committee's (and observers') overview.
pub async fn admin(db: &Db, now: Timestamp) -> Result<AdminOverview, AppError> {
    Ok(AdminOverview {
        editions: editions::list(db, now).await?,
        organisation_count: organisations::count(db).await?,
        user_count: users::count(db).await?,
        recusals: crate::backend::service::judging::open_recusals(db).await?,
    })
}

/// The entries of the person's organisation (and its units).
pub async fn entrant(db: &Db, user: &CurrentUser) -> Result<Vec<EntryListing>, AppError> {
    let Some(org) = &user.org else {
        return Ok(Vec::new());
    };
    // Coordinators also see their units' entries (they review them); innovators
    // see their own organisation's.
    let with_units = user.roles.has(domain::role::Role::Coordinator);
    let mut rows = entries::for_organisation(db, org, with_units).await?;
    // Decisions reach the organisation with their publication, not before.
    let keys: Vec<EntryId> = rows.iter().map(|row| row.id.clone()).collect();
    let outcomes = disclosure::latest_published_outcomes(db, &keys).await?;
    for row in &mut rows {
        row.state = disclosure::state_for_entrant(row.state, outcomes.get(&row.id).copied());
    }
    Ok(rows)
}

/// A judge's assignments.
pub async fn judge(db: &Db, user: &CurrentUser) -> Result<Vec<AssignmentRow>, AppError> {
    Ok(judging::for_judge(db, &user.id)
        .await?
        .into_iter()
        .map(|row| {
            let category = row
                .categories
                .iter()
                .find(|category| category.key == row.category)
                .map_or(row.category.clone(), |category| category.label.clone());
            AssignmentRow {
                stage: row.stage,
                entry: row.entry,
                title: row.title,
                category,
                stage_title: row.stage_title,
                stage_closes_at: editions::local_in(row.stage_closes_at, &row.time_zone),
                sheet_state: row.sheet_state,
                presentation: row.stage_format == Some(StageFormat::Presentation),
            }
        })
        .collect())
}

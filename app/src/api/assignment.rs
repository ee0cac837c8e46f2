//! The committee's assignment actions (admins only; observers read, never act).

use crate::error::AppError;
use domain::ids::EntryId;
use domain::ids::StageId;
use leptos::prelude::*;

/// After a recusal: gives `entry` in `stage` another judge, the least busy who
/// may take it, then returns to the overview.
#[server(prefix = "/api", endpoint = "reassign_entry")]
pub async fn reassign_entry(stage: StageId, entry: EntryId) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::assignment::reassign(
            &state.db,
            &state.live,
            &admin.id,
            (&stage, &entry),
            &site(&state),
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect("/admin?reassigned=1");
    Ok(())
}

/// Scoring stages the committee can assign judges to; admins and observers.
#[server(prefix = "/api", endpoint = "load_assignable_stages")]
pub async fn load_assignable_stages() -> Result<Vec<crate::model::AssignableStage>, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::assignment::assignable_stages(&state()?.db).await)
}

/// What giving every entry of `stage` `judges_per_entry` judges would do.
#[server(prefix = "/api", endpoint = "load_assignment_preview")]
pub async fn load_assignment_preview(
    stage: StageId,
    judges_per_entry: String,
) -> Result<crate::model::AssignmentPreview, AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::assignment;
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let k = respond(assignment::parse_judges_per_entry(&judges_per_entry))?;
    respond(assignment::preview(&state()?.db, &stage, k).await)
}

/// Applies the assignment previewed, then shows the stage again with the count.
#[server(prefix = "/api", endpoint = "apply_assignment")]
pub async fn apply_assignment(stage: StageId, judges_per_entry: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::service::assignment;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let k = respond(assignment::parse_judges_per_entry(&judges_per_entry))?;
    let state = state()?;
    let site = site(&state);
    let created = respond(
        assignment::apply(&state.db, &state.live, &admin.id, (&stage, k), &site, now()).await,
    )?;
    leptos_axum::redirect(&format!(
        "/admin/assign?stage={stage}&judges_per_entry={judges_per_entry}&applied={created}"
    ));
    Ok(())
}

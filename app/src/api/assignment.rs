//! The committee's assignment actions (admins only; observers read, never act).

use crate::error::AppError;
use leptos::prelude::*;

/// After a recusal: gives `entry` in `stage` another judge, the least busy who
/// may take it, then returns to the overview.
#[server(prefix = "/api", endpoint = "reassign_entry")]
pub async fn reassign_entry(stage: String, entry: String) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::assignment::reassign(&state()?.db, &admin.id, &stage, &entry)
            .await,
    )?;
    leptos_axum::redirect("/admin?reassigned=1");
    Ok(())
}

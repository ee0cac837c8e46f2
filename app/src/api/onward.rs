//! Onward: the committee records what its winners earned at the province and
//! the nation. Admins act; observers read.

use crate::error::AppError;
use crate::model::OnwardView;
use domain::ids::EntryId;
use domain::onward::OnwardLevel;
use leptos::prelude::*;

/// The onward page of edition `slug`.
#[server(prefix = "/api", endpoint = "load_onward")]
pub async fn load_onward(slug: String) -> Result<OnwardView, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::onward::view(&state()?.db, &slug).await)
}

/// Records entry `entry`'s outcome at `level` (the form's fields as typed).
#[server(prefix = "/api", endpoint = "record_onward")]
pub async fn record_onward(
    slug: String,
    entry: EntryId,
    #[server(default)] level: String,
    #[server(default)] award: String,
    #[server(default)] year: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::model::OnwardForm;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let outcome = respond(
        crate::backend::service::onward::record(
            &state.db,
            &state.public,
            Some(&admin.id),
            (&slug, &entry),
            &OnwardForm { level, award, year },
            now(),
        )
        .await,
    )?;
    // The query names the outcome: the page reloads its data when it changes.
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/onward?recorded={entry}.{}.{}#entry-{entry}",
        outcome.level, outcome.year
    ));
    Ok(())
}

/// Removes entry `entry`'s outcome at `level`.
#[server(prefix = "/api", endpoint = "remove_onward")]
pub async fn remove_onward(
    slug: String,
    entry: EntryId,
    level: OnwardLevel,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::onward::remove(
            &state.db,
            &state.public,
            Some(&admin.id),
            (&slug, &entry),
            level,
        )
        .await,
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/onward?removed={entry}.{level}#entry-{entry}"
    ));
    Ok(())
}

/// Sends entry `entry` on to the province and the nation (`send`), or stops
/// sending it.
#[server(prefix = "/api", endpoint = "pick_onward")]
pub async fn pick_onward(slug: String, entry: EntryId, send: bool) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::onward::pick(
            &state()?.db,
            Some(&admin.id),
            (&slug, &entry),
            send,
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/onward?picked={entry}.{send}#entry-{entry}"
    ));
    Ok(())
}

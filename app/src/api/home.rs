//! What the home pages show.

use crate::error::AppError;
use crate::model::{AdminOverview, AssignmentRow, EditionView, EntryListing};
use leptos::prelude::*;

/// The featured edition with its timeline; public.
#[server(prefix = "/api", endpoint = "load_current_edition")]
pub async fn load_current_edition() -> Result<Option<EditionView>, AppError> {
    use crate::api::guard::{now, respond, state};
    let state = state()?;
    respond(crate::backend::service::editions::current(&state.db, now()).await)
}

/// Editions whose results are published (slug, title), newest first; public.
#[server(prefix = "/api", endpoint = "load_published_editions")]
pub async fn load_published_editions() -> Result<Vec<(String, String)>, AppError> {
    use crate::api::guard::{now, respond, state};
    let state = state()?;
    let editions = respond(crate::backend::service::editions::list(&state.db, now()).await)?;
    let mut published: Vec<_> = editions
        .into_iter()
        .filter(|edition| edition.results_published)
        .map(|edition| (edition.year, edition.slug, edition.title))
        .collect();
    published.sort_by_key(|edition| std::cmp::Reverse(edition.0));
    Ok(published
        .into_iter()
        .map(|(_, slug, title)| (slug, title))
        .collect())
}

/// The committee's overview; admins and observers.
#[server(prefix = "/api", endpoint = "load_committee_overview")]
pub async fn load_committee_overview() -> Result<AdminOverview, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let state = state()?;
    respond(crate::backend::service::overview::admin(&state.db, now()).await)
}

/// The entries of the person's organisation; coordinators and innovators.
#[server(prefix = "/api", endpoint = "load_entrant_home")]
pub async fn load_entrant_home() -> Result<Vec<EntryListing>, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Coordinator, Role::Innovator]).await?;
    let state = state()?;
    respond(crate::backend::service::overview::entrant(&state.db, &user).await)
}

/// The judge's assignments; judges only, and only their own.
#[server(prefix = "/api", endpoint = "load_judge_home")]
pub async fn load_judge_home() -> Result<Vec<AssignmentRow>, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Judge]).await?;
    let state = state()?;
    respond(crate::backend::service::overview::judge(&state.db, &user).await)
}

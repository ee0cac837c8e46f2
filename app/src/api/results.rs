//! Publishing results: the committee's console, publishing and withdrawing;
//! and the published results everyone may read. Admins act; observers read.

use crate::error::AppError;
use crate::model::{FinalMinutes, ResultsConsole, ResultsDocument};
use domain::stage::PublicationScope;
use leptos::prelude::*;

/// The committee's results page for edition `slug`.
#[server(prefix = "/api", endpoint = "load_results_console")]
pub async fn load_results_console(slug: String) -> Result<ResultsConsole, AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::{composition, publication, results};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let db = state()?.db;
    let computed = respond(results::document(&db, &slug, &PublicationScope::Final).await)?;
    Ok(ResultsConsole {
        composition: respond(composition::view(&db, &slug, &computed).await)?,
        computed,
        publications: respond(publication::list(&db, &slug).await)?,
    })
}

/// The berita acara of edition `slug`'s final results.
#[server(prefix = "/api", endpoint = "load_final_minutes")]
pub async fn load_final_minutes(slug: String) -> Result<FinalMinutes, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::final_minutes::of_edition(&state()?.db, &slug).await)
}

/// Publishes edition `slug`'s results as they stand, as far as `scope` reaches;
/// `reason` is the committee's, for a winner set that breaks a rule.
#[server(prefix = "/api", endpoint = "publish_results")]
pub async fn publish_results(
    slug: String,
    scope: PublicationScope,
    #[server(default)] reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::mail::outgoing::Announce;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::publication::publish(
            &state.db,
            &state.public,
            Some(&admin.id),
            (&slug, &scope),
            reason.as_deref(),
            Announce::Mail {
                site: &site(&state),
            },
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/results?published=1"));
    Ok(())
}

/// Withdraws publication `publication` of edition `slug`.
#[server(prefix = "/api", endpoint = "withdraw_publication")]
pub async fn withdraw_publication(
    slug: String,
    publication: domain::ids::PublicationId,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::publication::withdraw(
            &state.db,
            &state.public,
            Some(&admin.id),
            &slug,
            &publication,
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/results?withdrawn=1"));
    Ok(())
}

/// The published results of edition `slug`, for everyone; `NotFound` until the
/// committee publishes.
#[server(prefix = "/api", endpoint = "load_published_results")]
pub async fn load_published_results(slug: String) -> Result<ResultsDocument, AppError> {
    use crate::api::guard::{respond, state};
    respond(
        crate::backend::service::publication::published(&state()?.db, &slug)
            .await
            .and_then(|document| document.ok_or(AppError::NotFound)),
    )
}

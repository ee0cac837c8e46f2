//! Publishing results: the committee's console, publishing and withdrawing;
//! and the published results everyone may read. Admins act; observers read.

use crate::error::AppError;
use crate::model::{ResultsConsole, ResultsDocument};
use domain::stage::PublicationScope;
use leptos::prelude::*;

/// The committee's results page for edition `slug`.
#[server(prefix = "/api", endpoint = "load_results_console")]
pub async fn load_results_console(slug: String) -> Result<ResultsConsole, AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::{publication, results};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let db = state()?.db;
    Ok(ResultsConsole {
        computed: respond(results::document(&db, &slug, &PublicationScope::Final).await)?,
        publications: respond(publication::list(&db, &slug).await)?,
    })
}

/// Publishes edition `slug`'s results as they stand, as far as `scope` reaches.
#[server(prefix = "/api", endpoint = "publish_results")]
pub async fn publish_results(slug: String, scope: PublicationScope) -> Result<(), AppError> {
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

//! Objections: the public form (rate-limited per address) and the committee's
//! answers.

use crate::error::AppError;
use crate::model::{ObjectionWindow, ObjectionsView};
use domain::ids::EntryId;
use leptos::prelude::*;

/// Edition `slug`'s objection window and its finalists; public.
#[server(prefix = "/api", endpoint = "load_objection_window")]
pub async fn load_objection_window(slug: String) -> Result<ObjectionWindow, AppError> {
    use crate::api::guard::{now, respond, state};
    respond(crate::backend::service::objections::window(&state()?.db, &slug, now()).await)
}

/// Files an objection; public, a few per hour from one address. A plain form
/// post; refused, it comes back as typed.
#[server(prefix = "/api", endpoint = "file_objection")]
pub async fn file_objection(
    slug: String,
    #[server(default)] name: String,
    #[server(default)] contact: String,
    #[server(default)] entry: EntryId,
    #[server(default)] reason: String,
    #[server(default)] evidence: String,
) -> Result<(), AppError> {
    use crate::api::guard::{client_addr, fail, now, respond, site, state};
    use crate::backend::service::objections::{self, ObjectionInput};
    let state = state()?;
    state
        .objection_limiter
        .begin(&state.db, client_addr(), now())
        .await
        .map_err(|refused| fail(refused.into()))?;
    let input = ObjectionInput {
        name: name.clone(),
        contact: contact.clone(),
        entry: entry.clone(),
        reason: reason.clone(),
        evidence: evidence.clone(),
    };
    let reference = respond(
        objections::file(&state.db, &slug, &input, &site(&state), now())
            .await
            .map_err(|error| {
                error.with_echo(&[
                    ("name", name.as_str()),
                    ("contact", contact.as_str()),
                    ("entry", entry.as_str()),
                    ("reason", reason.as_str()),
                    ("evidence", evidence.as_str()),
                ])
            }),
    )?;
    leptos_axum::redirect(&format!(
        "/editions/{slug}/objections?reference={reference}"
    ));
    Ok(())
}

/// The committee's objections page of edition `slug`.
#[server(prefix = "/api", endpoint = "load_objections")]
pub async fn load_objections(slug: String) -> Result<ObjectionsView, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::objections::list(&state()?.db, &slug, now()).await)
}

/// Records the committee's response and outcome to one objection.
#[server(prefix = "/api", endpoint = "answer_objection")]
pub async fn answer_objection(
    slug: String,
    objection: domain::ids::ObjectionId,
    #[server(default)] response: String,
    #[server(default)] outcome: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::objections::answer(
            &state.db,
            &admin.id,
            (&slug, &objection),
            (&response, &outcome),
            &site(&state),
            now(),
        )
        .await
        .map_err(|error| {
            error.with_echo(&[
                ("objection", objection.as_str()),
                ("response", response.as_str()),
            ])
        }),
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/objections?answered=1"));
    Ok(())
}

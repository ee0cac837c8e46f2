//! The proposal template editor's server functions: admins edit, observers read.

use crate::error::AppError;
use crate::model::{TemplateRow, TemplateView};
use leptos::prelude::*;

/// The template of the edition `slug`.
#[server(prefix = "/api", endpoint = "load_edition_template")]
pub async fn load_edition_template(slug: String) -> Result<TemplateView, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::templates::view(&state()?.db, &slug).await)
}

/// Saves the template from the editor (a plain form: one `sections[i][field]` per
/// field). Refused, it comes back with every row as typed.
#[server(prefix = "/api", endpoint = "save_template")]
pub async fn save_template(
    slug: String,
    #[server(default)] sections: Vec<TemplateRow>,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Admin]).await?;
    let echo: Vec<(String, String)> = sections
        .iter()
        .enumerate()
        .flat_map(|(row, input)| {
            [
                ("key", input.key.clone()),
                ("label", input.label.clone()),
                ("prompt", input.prompt.clone()),
                ("word_limit", input.word_limit.clone()),
            ]
            .into_iter()
            .map(move |(name, value)| (format!("sections.{row}.{name}"), value))
        })
        .collect();
    let state = state()?;
    respond(
        crate::backend::service::templates::save(
            &state.db,
            &state.public,
            &user.id,
            &slug,
            &sections,
        )
        .await
        .map_err(|error| match error {
            AppError::Invalid { fields, .. } => AppError::Invalid { fields, echo },
            other => other,
        }),
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/template?saved=1"));
    Ok(())
}

//! The committee's minimal console: organisations and editions.

use crate::error::AppError;
use crate::model::OrganisationRow;
use domain::ids::OrgId;
use leptos::prelude::*;

/// Every organisation; admins and observers.
#[server(prefix = "/api", endpoint = "organisations")]
pub async fn load_organisations() -> Result<Vec<OrganisationRow>, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::organisations::list(&state()?.db).await)
}

/// One organisation; admins and observers.
#[server(prefix = "/api", endpoint = "organisation")]
pub async fn load_organisation(id: OrgId) -> Result<OrganisationRow, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::organisations::get(&state()?.db, &id).await)
}

/// Creates (no `id`) or updates an organisation, then returns to the list.
#[server(prefix = "/api", endpoint = "save_organisation")]
pub async fn save_organisation(
    id: Option<String>,
    name: String,
    kind: String,
    parent: Option<String>,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::organisations::{self, OrgInput};
    use domain::role::Role;
    let user = require(&[Role::Admin]).await?;
    let db = state()?.db;
    let parent = parent.unwrap_or_default();
    let typed = [
        ("name", name.as_str()),
        ("kind", kind.as_str()),
        ("parent", parent.as_str()),
    ];
    let echo = |error: AppError| error.with_echo(&typed);
    let input = OrgInput {
        name: name.clone(),
        kind: kind.clone(),
        parent: parent.clone(),
    };
    match id.filter(|id| !id.is_empty()) {
        Some(id) => respond(
            organisations::update(&db, &user.id, &OrgId::from(id), input)
                .await
                .map_err(echo),
        )?,
        None => {
            respond(
                organisations::create(&db, &user.id, input)
                    .await
                    .map_err(echo),
            )?;
        }
    }
    leptos_axum::redirect("/admin/organisations?saved=1");
    Ok(())
}

/// The largest CSV sent back to a form refused without JavaScript.
pub const MAX_ECHOED_CSV_BYTES: usize = 4 * 1024;

/// Imports organisations from CSV text; all rows or none.
#[server(prefix = "/api", endpoint = "import_organisations")]
pub async fn import_organisations(csv: String) -> Result<usize, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Admin]).await?;
    let report = respond(
        crate::backend::service::organisations::import_csv(&state()?.db, &user.id, &csv)
            .await
            .map_err(|error| {
                // The echo travels in the redirect URL of a plain form post; a big
                // file would make that URL too long for proxies, so only small
                // ones are echoed (with JavaScript the text area keeps its text).
                if csv.len() <= MAX_ECHOED_CSV_BYTES {
                    error.with_echo(&[("csv", csv.as_str())])
                } else {
                    error
                }
            }),
    )?;
    leptos_axum::redirect(&format!("/admin/organisations?imported={}", report.created));
    Ok(report.created)
}

/// Creates an edition, then returns to the editions list.
#[server(prefix = "/api", endpoint = "create_edition")]
pub async fn create_edition(
    slug: String,
    year: String,
    title: String,
    time_zone: String,
    // Ticked checkboxes arrive as `groups[0]=umum&groups[2]=khusus`; none ticked,
    // none sent.
    groups: Option<Vec<String>>,
    categories: String,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::editions::{self, EditionInput};
    use domain::role::Role;
    let user = require(&[Role::Admin]).await?;
    let groups = groups.unwrap_or_default();
    let on = |key: &str| {
        if groups.iter().any(|group| group == key) {
            "on"
        } else {
            ""
        }
    };
    let typed = [
        ("group_umum", on("umum")),
        ("group_replikasi", on("replikasi")),
        ("group_khusus", on("khusus")),
        ("slug", slug.as_str()),
        ("year", year.as_str()),
        ("title", title.as_str()),
        ("time_zone", time_zone.as_str()),
        ("categories", categories.as_str()),
    ];
    let echo: Vec<(String, String)> = typed
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let input = EditionInput {
        slug: slug.clone(),
        year: year.clone(),
        title: title.clone(),
        time_zone: time_zone.clone(),
        groups,
        categories: categories.clone(),
    };
    let slug = respond(
        editions::create(&state()?.db, &user.id, input)
            .await
            .map_err(|error| {
                let typed: Vec<(&str, &str)> =
                    echo.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                error.with_echo(&typed)
            }),
    )?;
    leptos_axum::redirect(&format!("/admin/editions?created={slug}"));
    Ok(())
}

/// Every edition with its timeline; admins and observers.
#[server(prefix = "/api", endpoint = "editions")]
pub async fn load_editions() -> Result<Vec<crate::model::EditionView>, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::editions::list(&state()?.db, now()).await)
}

//! Administrative screening of the submitted entries. Admins decide;
//! observers read.

use crate::error::AppError;
use domain::ids::EntryId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The screening page of edition `slug`.
#[server(prefix = "/api", endpoint = "load_screening")]
pub async fn load_screening(slug: String) -> Result<crate::model::ScreeningView, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::screening::view(&state()?.db, &slug).await)
}

/// Passes or fails one entry: `checks[N]=on` for each checklist item ticked (by
/// its place in the list), `decision` `pass` or `fail`, and the reason to fail.
#[server(prefix = "/api", endpoint = "screen_entry")]
pub async fn screen_entry(
    slug: String,
    entry: EntryId,
    #[server(default)] checks: BTreeMap<String, String>,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::service::screening::{self, Screening};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let db = state.db.clone();
    let checklist = respond(screening::view(&db, &slug).await)?.checklist;
    let screening = Screening {
        entry: entry.clone(),
        passed: decision == "pass",
        checks: checks
            .into_keys()
            .filter_map(|index| index.parse::<usize>().ok())
            .filter_map(|index| checklist.get(index).cloned())
            .collect(),
        reason: reason.clone(),
    };
    respond(
        screening::decide(&db, &admin.id, &slug, &[screening], &site(&state), now())
            .await
            .map_err(|error| {
                error.with_echo(&[("reason", reason.as_str()), ("entry", entry.as_str())])
            }),
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/screening?decided=1#entry-{entry}"
    ));
    Ok(())
}

/// Passes every entry ticked (`entries[ENTRY]=on`), every checklist item ticked.
#[server(prefix = "/api", endpoint = "pass_entries")]
pub async fn pass_entries(
    slug: String,
    #[server(default)] entries: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::service::screening::{self, Screening};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let db = state.db.clone();
    let checklist = respond(screening::view(&db, &slug).await)?.checklist;
    let screenings: Vec<Screening> = entries
        .into_keys()
        .map(|entry| Screening {
            entry: EntryId::from(entry),
            passed: true,
            checks: checklist.clone(),
            reason: String::new(),
        })
        .collect();
    let count =
        respond(screening::decide(&db, &admin.id, &slug, &screenings, &site(&state), now()).await)?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/screening?decided={count}"));
    Ok(())
}

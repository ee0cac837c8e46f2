//! Entrants' server functions: starting an entry, the proposal form (autosaved as
//! JSON, or posted as a plain form without JavaScript), the coordinator's review,
//! and an admin's deadline extension. Each checks the role here; the service then
//! checks that the entry belongs to the caller's organisation.
// `start_entry` takes one argument per field of its plain HTML form; the server
// macro's browser-side stub does not carry an attribute on the function itself.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{DraftSave, NewEntryOptions, ProposalView, SavedDraft};
use domain::ids::EntryId;
use domain::ids::UserId;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use std::collections::BTreeMap;

/// The editions open for entries and the caller's organisation's innovations.
#[server(prefix = "/api", endpoint = "load_entry_options")]
pub async fn load_entry_options() -> Result<NewEntryOptions, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Innovator, Role::Coordinator]).await?;
    respond(crate::backend::service::entering::options(&state()?.db, &user, now()).await)
}

/// Starts a draft entry and opens its proposal form. A plain form post: refused,
/// it comes back with every field as typed.
#[server(prefix = "/api", endpoint = "start_entry")]
pub async fn start_entry(
    edition: String,
    innovation: String,
    title: String,
    started_on: String,
    digital: Option<String>,
    replicates: String,
    group: String,
    category: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::entering::{StartEntry, start};
    use domain::ids::InnovationId;
    use domain::role::Role;
    let user = require(&[Role::Innovator, Role::Coordinator]).await?;
    let form = StartEntry {
        edition: domain::ids::EditionId::from(edition.trim()),
        innovation: Some(innovation.trim())
            .filter(|key| !key.is_empty())
            .map(InnovationId::from),
        title,
        started_on,
        digital: digital.is_some(),
        replicates,
        group,
        category,
    };
    let key = respond(
        start(&state()?.db, &user, &form, now())
            .await
            .map_err(|error| {
                error.with_echo(&[
                    ("edition", form.edition.as_str()),
                    (
                        "innovation",
                        form.innovation.as_ref().map_or("", InnovationId::as_str),
                    ),
                    ("title", form.title.as_str()),
                    ("started_on", form.started_on.as_str()),
                    ("replicates", form.replicates.as_str()),
                    ("group", form.group.as_str()),
                    ("category", form.category.as_str()),
                ])
            }),
    )?;
    leptos_axum::redirect(&format!("/entrant/entry/{key}"));
    Ok(())
}

/// The proposal page's data: for the entry's organisation and the committee.
#[server(prefix = "/api", endpoint = "load_proposal")]
pub async fn load_proposal(entry: EntryId) -> Result<ProposalView, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let user = require(&[
        Role::Innovator,
        Role::Coordinator,
        Role::Admin,
        Role::Observer,
    ])
    .await?;
    respond(crate::backend::service::proposals::view(&state()?.db, &user, &entry, now()).await)
}

/// Saves the proposal's text (the form's autosave). JSON: the sections are a map.
#[server(prefix = "/api", endpoint = "save_proposal", input = Json)]
pub async fn save_proposal(save: DraftSave, owner: UserId) -> Result<SavedDraft, AppError> {
    use crate::api::guard::{fail, now, require, respond, state};
    use crate::error::Problem;
    use domain::role::Role;
    let state = state()?;
    let user = require(&[Role::Innovator, Role::Coordinator]).await?;
    // `owner` is the account the device kept this text for: on a shared
    // computer one clerk's draft is never saved under another's name.
    if owner != user.id {
        return Err(fail(AppError::Conflict(Problem::OtherAccount)));
    }
    respond(crate::backend::service::proposals::save(&state.db, &user, &save, now()).await)
}

/// Saves the proposal from the plain form (no JavaScript). Refused, it comes back
/// with what was typed.
#[server(prefix = "/api", endpoint = "save_proposal_form")]
pub async fn save_proposal_form(
    entry: EntryId,
    base_version: i64,
    #[server(default)] answers: BTreeMap<String, String>,
    video_url: String,
    declarations: Option<String>,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::model::DraftContent;
    use domain::role::Role;
    let user = require(&[Role::Innovator, Role::Coordinator]).await?;
    let save = DraftSave {
        entry,
        base_version,
        content: DraftContent {
            answers,
            video_url,
            declarations: declarations.is_some(),
        },
    };
    let saved = crate::backend::service::proposals::save(&state()?.db, &user, &save, now()).await;
    let echo: Vec<(String, String)> = save
        .content
        .answers
        .iter()
        .map(|(key, text)| (format!("answers.{key}"), text.clone()))
        .chain([("video_url".to_owned(), save.content.video_url.clone())])
        .collect();
    respond(saved.map_err(|error| match error {
        AppError::Invalid { fields, .. } => AppError::Invalid { fields, echo },
        other => other,
    }))?;
    leptos_axum::redirect(&format!("/entrant/entry/{}?saved=1", save.entry));
    Ok(())
}

/// A coordinator sends the entry back (`return`, with a comment), endorses it
/// (`endorse`) or submits it (`submit`). A plain form post.
#[server(prefix = "/api", endpoint = "review_entry")]
pub async fn review_entry(entry: EntryId, action: String, comment: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::service::proposals::{Review, review};
    use crate::error::Problem;
    use domain::role::Role;
    let user = require(&[Role::Coordinator]).await?;
    let Some(kind) = Review::parse(&action) else {
        return Err(crate::api::guard::fail(AppError::field(
            "action",
            Problem::UnknownChoice { given: action },
        )));
    };
    let state = state()?;
    respond(
        review(
            &state.db,
            &user,
            (&entry, kind, &comment),
            &site(&state),
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("comment", comment.as_str())])),
    )?;
    leptos_axum::redirect(&format!("/entrant/entry/{entry}?done={action}"));
    Ok(())
}

/// An admin gives one entry a later deadline (`YYYY-MM-DDTHH:MM`, the edition's
/// wall clock). A plain form post; recorded in the audit log.
#[server(prefix = "/api", endpoint = "extend_entry_deadline")]
pub async fn extend_entry_deadline(entry: EntryId, until: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::proposals::extend_deadline(
            &state()?.db,
            &user,
            &entry,
            &until,
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("until", until.as_str())])),
    )?;
    leptos_axum::redirect(&format!("/entrant/entry/{entry}?done=extend"));
    Ok(())
}

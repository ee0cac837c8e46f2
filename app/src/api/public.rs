//! The public site: edition pages, the catalogue and profiles, and the
//! people's-choice ballot. Anyone may call these; what they return is only
//! ever built from published results and what the committee marked public.

use crate::error::AppError;
use crate::model::{Ballot, CataloguePage, EditionPage, InnovationProfile};
use domain::ids::EntryId;
use domain::ids::InnovationId;
use domain::mail::Language;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Edition `slug` with its timeline and what the public can do in it now.
#[server(prefix = "/api", endpoint = "load_edition_page")]
pub async fn load_edition_page(slug: String) -> Result<EditionPage, AppError> {
    use crate::api::guard::{now, respond, state};
    let state = state()?;
    let catalogue = respond(state.public.catalogue(&state.db).await)?;
    respond(
        crate::backend::service::editions::public_page(&state.db, &catalogue, &slug, now()).await,
    )
}

/// One page of the catalogue (the GET form's fields; empty ones do not filter).
#[server(prefix = "/api", endpoint = "load_catalogue")]
pub async fn load_catalogue(
    #[server(default)] q: String,
    #[server(default)] category: String,
    #[server(default)] sdg: String,
    #[server(default)] year: String,
    #[server(default)] award: String,
    #[server(default)] page: String,
) -> Result<CataloguePage, AppError> {
    use crate::api::guard::{respond, state};
    let state = state()?;
    let catalogue = respond(state.public.catalogue(&state.db).await)?;
    // Bounded (the domain reads at most the query's first words) and still kept
    // off the async workers, so that searches never delay other requests.
    let filters = crate::model::CatalogueFilters {
        q: q.chars()
            .take(domain::catalogue::MAX_QUERY_CHARS + 1)
            .collect(),
        category,
        sdg,
        year,
        award,
        page,
    };
    tokio::task::spawn_blocking(move || catalogue.page(&filters))
        .await
        .map_err(|error| {
            tracing::error!(%error, "a catalogue search failed");
            crate::api::guard::fail(AppError::Internal)
        })
}

/// The public profile of innovation `id`; `NotFound` unless it is public.
#[server(prefix = "/api", endpoint = "load_innovation")]
pub async fn load_innovation(id: InnovationId) -> Result<InnovationProfile, AppError> {
    use crate::api::guard::{respond, state};
    let state = state()?;
    let catalogue = respond(state.public.catalogue(&state.db).await)?;
    respond(catalogue.profile(&id).cloned().ok_or(AppError::NotFound))
}

/// For the published results of edition `slug`: entry key → the innovation
/// whose public profile it links to.
#[server(prefix = "/api", endpoint = "load_profile_links")]
pub async fn load_profile_links(slug: String) -> Result<BTreeMap<EntryId, InnovationId>, AppError> {
    use crate::api::guard::{respond, state};
    let state = state()?;
    let catalogue = respond(state.public.catalogue(&state.db).await)?;
    Ok(catalogue.links_in(&slug))
}

/// The people's-choice ballot of edition `slug` as this browser sees it.
#[server(prefix = "/api", endpoint = "load_ballot")]
pub async fn load_ballot(slug: String) -> Result<Ballot, AppError> {
    use crate::api::guard::{request_headers, respond, state};
    use crate::backend::auth::voter;
    use crate::backend::service::votes;
    let state = state()?;
    let voter = request_headers()
        .and_then(|headers| voter::id_from(&headers, &state.settings.voter_key))
        .map(|id| votes::voter_hash(&id));
    respond(votes::ballot(&state.db, &slug, voter.as_deref()).await)
}

/// Casts this browser's vote for `entry` in edition `slug`; a few dozen an hour
/// from one address. In a verified edition `email` is where the link that
/// makes it count goes, written in `language` (the page's). A plain form post
/// that comes back to the ballot.
#[server(prefix = "/api", endpoint = "cast_vote")]
pub async fn cast_vote(
    slug: String,
    #[server(default)] entry: EntryId,
    #[server(default)] email: String,
    #[server(default)] language: Language,
) -> Result<(), AppError> {
    use crate::api::guard::{
        client_addr, fail, now, request_headers, respond, set_cookie, site, state,
    };
    use crate::backend::auth::voter;
    use crate::backend::service::votes::{self, Cast, Confirming};
    let state = state()?;
    state
        .vote_limiter
        .begin(&state.db, client_addr(), now())
        .await
        .map_err(|refused| fail(refused.into()))?;
    let key = &state.settings.voter_key;
    let id = match request_headers().and_then(|headers| voter::id_from(&headers, key)) {
        Some(id) => id,
        None => {
            let (id, cookie) = voter::new_id(key);
            set_cookie(&voter::set_cookie(&cookie, state.settings.secure_cookies));
            id
        }
    };
    let site = site(&state);
    let confirming = (!email.trim().is_empty()).then_some(Confirming {
        address: &email,
        language,
        key,
        site: &site,
    });
    let cast = respond(
        votes::cast(
            &state.db,
            (&slug, &entry),
            (&votes::voter_hash(&id), client_addr()),
            confirming,
            now(),
        )
        .await,
    )?;
    let outcome = match cast {
        Cast::Counted => "voted",
        Cast::AwaitingConfirmation => "pending",
    };
    leptos_axum::redirect(&format!(
        "/editions/{slug}/vote?{outcome}={entry}#entry-{entry}"
    ));
    Ok(())
}

/// Confirms the vote the link with `token` was sent for, in edition `slug`:
/// from now on it counts. The link's page posts this (a mail scanner that
/// fetches links does not confirm anything); it comes back to the ballot.
#[server(prefix = "/api", endpoint = "confirm_vote")]
pub async fn confirm_vote(slug: String, #[server(default)] token: String) -> Result<(), AppError> {
    use crate::api::guard::{client_addr, fail, now, respond, state};
    use crate::backend::service::votes;
    let state = state()?;
    state
        .vote_limiter
        .begin(&state.db, client_addr(), now())
        .await
        .map_err(|refused| fail(refused.into()))?;
    let entry = respond(votes::confirm(&state.db, &slug, &token, now()).await)?;
    leptos_axum::redirect(&format!(
        "/editions/{slug}/vote?counted={entry}#entry-{entry}"
    ));
    Ok(())
}

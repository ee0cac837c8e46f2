//! `/editions/:slug/results`: an edition's published results for everyone —
//! the final ranking per category (ties marked), each stage's ranking with who
//! advanced, and the open-data links. Only a publication is ever shown: results
//! computed now never reach this page. Complete without the wasm.

use crate::api::public::load_profile_links;
use crate::api::results::load_published_results;
use crate::components::dates::format_local;
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::results_tables::{FinalTables, ReachedTables, StageTables};
use crate::components::share::ShareMeta;
use crate::components::status::{ErrorPanel, set_status};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::ResultsDocument;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

/// The page.
#[component]
pub fn PublicResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // One resource, not two. A server render of this page was seen to wait for
    // ever under load (`server/tests/abuse.rs`, 300 renders); a second resource
    // awaited after the first inside one `Suspend` is the suspected pattern.
    let results = page_resource(slug, |slug| async move {
        let document = load_published_results(slug.clone()).await?;
        let links = load_profile_links(slug).await.unwrap_or_default();
        Ok::<_, AppError>((document, links))
    });
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok((document, links)) => view! { <Results document links/> }.into_any(),
                    Err(AppError::NotFound) => {
                        set_status(404);
                        view! {
                            <Title text=t_string!(i18n, results.not_published).to_string()/>
                            <section class="error-page" data-test="not-published">
                                <h1>{t_string!(i18n, results.not_published)}</h1>
                                <p><a class="btn btn-primary" href="/">{t_string!(i18n, pages.back_home)}</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(document: ResultsDocument, links: BTreeMap<EntryId, InnovationId>) -> impl IntoView {
    let i18n = use_i18n();
    let edition = document.edition.clone();
    let slug = edition.slug.clone();
    let heading = fill(
        t_string!(i18n, results.public_title),
        &[("title", edition.title.clone())],
    );
    let published = document.published_at.clone().unwrap_or_default();
    let show_scores = edition.shows_scores;
    let has_final = !document.final_ranking.is_empty();
    let stages = document.stages.clone();
    let path = format!("/editions/{slug}/results");
    let description = fill(
        t_string!(i18n, results.share_description),
        &[
            ("title", edition.title.clone()),
            ("count", document.reached().len().to_string()),
        ],
    );
    view! {
        <ShareMeta title=heading.clone() description=description path/>
        <header class="page-header">
            <h1 data-test="results-title">{heading}</h1>
            <p class="lead">{move || fill(t_string!(i18n, results.published_on), &[("at", format_local(i18n, &published))])}</p>
            {(!show_scores).then(|| view! { <p class="muted">{t_string!(i18n, results.scores_hidden)}</p> })}
        </header>
        {has_final.then(|| view! {
            <section class="stack" aria-labelledby="final-title">
                <h2 id="final-title">{t_string!(i18n, results.final_ranking)}</h2>
                <FinalTables document=document.clone() show_scores/>
            </section>
        })}
        {stages.into_iter().map(|stage| {
            let heading = fill(t_string!(i18n, results.stage_results), &[("stage", stage.title.clone())]);
            view! {
                <section class="stack">
                    <h2>{heading}</h2>
                    <StageTables stage labels=document.clone() show_scores/>
                </section>
            }
        }).collect_view()}
        <section class="stack" aria-labelledby="reached-title">
            <h2 id="reached-title">{t_string!(i18n, results.reached_title)}</h2>
            <ReachedTables document=document.clone() links/>
        </section>
        <p class="muted">{t_string!(i18n, results.recompute)}" "
            <a href=format!("/api/v1/editions/{slug}/results")>"JSON"</a>" · "
            <a href=format!("/api/v1/editions/{slug}/results.csv")>"CSV"</a>
        </p>
    }
}

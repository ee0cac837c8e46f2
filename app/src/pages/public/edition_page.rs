//! `/editions/:slug`: one edition for everyone — its timeline with the current
//! step marked, its categories and groups, and what can be done in it now:
//! read the results once published, object while a window is open, vote where
//! people's choice is on, browse its innovations in the catalogue.

use crate::api::public::load_edition_page;
use crate::components::edition_overview::EditionOverview;
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::share::ShareMeta;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::EditionPage as EditionPageData;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The page.
#[component]
pub fn EditionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = page_resource(slug, load_edition_page);
    loaded_page(page, |page| view! { <Edition page/> }.into_any())
}

#[component]
fn Edition(page: EditionPageData) -> impl IntoView {
    let i18n = use_i18n();
    let edition = page.edition.clone();
    let slug = edition.slug.clone();
    let year = edition.year;
    let description = fill(
        t_string!(i18n, edition_page.description),
        &[("title", edition.title.clone()), ("year", year.to_string())],
    );
    view! {
        <ShareMeta title=edition.title.clone() description path=format!("/editions/{slug}")/>
        <EditionOverview edition>
            {page.edition.results_published.then(|| view! {
                <a class="btn btn-primary" href=format!("/editions/{slug}/results") data-test="edition-results">
                    {t_string!(i18n, edition_page.results)}
                </a>
            })}
            {page.objections_open.then(|| view! {
                <a class="btn btn-secondary" href=format!("/editions/{slug}/objections")>{t_string!(i18n, edition_page.objections)}</a>
            })}
            {page.peoples_choice.then(|| view! {
                <a class="btn btn-secondary" href=format!("/editions/{slug}/vote") data-test="edition-vote">{t_string!(i18n, edition_page.vote)}</a>
            })}
            {(page.in_catalogue > 0).then(|| view! {
                <a class="btn btn-secondary" href=format!("/innovations?year={year}")>
                    {fill(t_string!(i18n, edition_page.catalogue), &[("count", page.in_catalogue.to_string())])}
                </a>
            })}
        </EditionOverview>
    }
}

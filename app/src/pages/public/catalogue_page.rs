//! `/innovations`: the catalogue of innovations across editions — the city's
//! replication registry. Search by words (title, organisation, public text),
//! filter by category, SDG, year and award, twenty a page. A GET form: it works
//! without JavaScript, and every search has an address that can be shared.

use crate::api::public::load_catalogue;
use crate::components::labels::{fill, level_label, reached_label, url_encode as encode};
use crate::components::page_data::page_resource;
use crate::components::share::ShareMeta;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::{CatalogueCard, CatalogueFilters, CataloguePage as CataloguePageData};
use domain::onward::OnwardLevel;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The SDGs (Tujuan Pembangunan Berkelanjutan) are numbered 1–17.
const SDGS: std::ops::RangeInclusive<u8> = 1..=17;

/// The address of page `page` of the same search.
fn page_href(filters: &CatalogueFilters, page: usize) -> String {
    format!(
        "/innovations?q={}&category={}&sdg={}&year={}&award={}&page={page}",
        encode(&filters.q),
        encode(&filters.category),
        encode(&filters.sdg),
        encode(&filters.year),
        encode(&filters.award),
    )
}

/// The page.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filters = move || {
        let query = query.read();
        let get = |key: &str| query.get(key).unwrap_or_default();
        CatalogueFilters {
            q: get("q"),
            category: get("category"),
            sdg: get("sdg"),
            year: get("year"),
            award: get("award"),
            page: get("page"),
        }
    };
    let found = page_resource(filters, |filters| {
        load_catalogue(
            filters.q,
            filters.category,
            filters.sdg,
            filters.year,
            filters.award,
            filters.page,
        )
    });
    view! {
        <ShareMeta
            title=t_string!(i18n, catalogue.title).to_owned()
            description=t_string!(i18n, catalogue.lead).to_owned()
            path="/innovations".to_owned()/>
        <header class="page-header">
            <h1>{t_string!(i18n, catalogue.title)}</h1>
            <p class="lead">{t_string!(i18n, catalogue.lead)}</p>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(page) => view! { <Search page filters=filters()/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Search(page: CataloguePageData, filters: CatalogueFilters) -> impl IntoView {
    let i18n = use_i18n();
    let selected = |value: &str, chosen: &str| value == chosen;
    let count = fill(
        t_string!(i18n, catalogue.count),
        &[("count", page.total.to_string())],
    );
    let shortened = fill(
        t_string!(i18n, catalogue.shortened),
        &[("words", domain::catalogue::MAX_WORDS.to_string())],
    );
    let previous = (page.page > 1).then(|| page_href(&filters, page.page - 1));
    let next = (page.page < page.pages).then(|| page_href(&filters, page.page + 1));
    let position = fill(
        t_string!(i18n, catalogue.page_of),
        &[
            ("page", page.page.to_string()),
            ("pages", page.pages.to_string()),
        ],
    );
    view! {
        <form method="get" action="/innovations" class="form card" role="search" data-test="catalogue-search">
            <div class="field">
                <label class="field-label" for="catalogue-q">{t_string!(i18n, catalogue.words)}</label>
                <input id="catalogue-q" name="q" type="search" value=filters.q.clone()
                    placeholder=t_string!(i18n, catalogue.words_hint)/>
            </div>
            <div class="form-grid">
                <div class="field">
                    <label class="field-label" for="catalogue-category">{t_string!(i18n, catalogue.category)}</label>
                    <select id="catalogue-category" name="category">
                        <option value="" selected=filters.category.is_empty()>{t_string!(i18n, catalogue.all)}</option>
                        {page.categories.iter().map(|category| view! {
                            <option value=category.key.clone() selected=selected(&category.key, &filters.category)>{category.label.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="catalogue-sdg">{t_string!(i18n, catalogue.sdg)}</label>
                    <select id="catalogue-sdg" name="sdg">
                        <option value="" selected=filters.sdg.is_empty()>{t_string!(i18n, catalogue.all)}</option>
                        {SDGS.map(|number| {
                            let value = number.to_string();
                            let chosen = selected(&value, &filters.sdg);
                            view! { <option value=value selected=chosen>{format!("TPB/SDG {number}")}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="catalogue-year">{t_string!(i18n, catalogue.year)}</label>
                    <select id="catalogue-year" name="year">
                        <option value="" selected=filters.year.is_empty()>{t_string!(i18n, catalogue.all)}</option>
                        {page.years.iter().map(|year| {
                            let value = year.to_string();
                            let chosen = selected(&value, &filters.year);
                            view! { <option value=value.clone() selected=chosen>{value.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="catalogue-award">{t_string!(i18n, catalogue.award)}</label>
                    <select id="catalogue-award" name="award">
                        <option value="" selected=filters.award.is_empty()>{t_string!(i18n, catalogue.all)}</option>
                        <option value="1" selected=filters.award == "1">{t_string!(i18n, catalogue.awarded_only)}</option>
                        {OnwardLevel::ALL.iter().map(|level| view! {
                            <option value=level.key() selected=filters.award == level.key()>{reached_label(i18n, *level)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{t_string!(i18n, catalogue.search)}</button>
                <a class="btn btn-link" href="/innovations">{t_string!(i18n, catalogue.clear)}</a>
            </div>
        </form>
        <p class="muted" role="status" data-test="catalogue-count">{count}</p>
        {page.shortened.then(|| view! {
            <p class="muted" data-test="catalogue-shortened">{shortened}</p>
        })}
        {if page.cards.is_empty() {
            view! { <p class="empty-state">{t_string!(i18n, catalogue.empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="catalogue-list" data-test="catalogue-results">
                    {page.cards.into_iter().map(|card| view! { <Card card/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(page.pages > 1).then(|| view! {
            <nav class="pager" aria-label=t_string!(i18n, catalogue.pages)>
                {previous.map(|href| view! { <a class="btn btn-secondary" href=href rel="prev">{t_string!(i18n, catalogue.previous)}</a> })}
                <span class="muted">{position}</span>
                {next.map(|href| view! { <a class="btn btn-secondary" href=href rel="next">{t_string!(i18n, catalogue.next)}</a> })}
            </nav>
        })}
    }
}

#[component]
fn Card(card: CatalogueCard) -> impl IntoView {
    let i18n = use_i18n();
    let years = card
        .years
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="card catalogue-card">
            <h2 class="card-title"><a href=format!("/innovations/{}", card.id)>{card.title.clone()}</a></h2>
            <p class="muted">
                {card.organisation.clone()}
                {card.category.clone().map(|category| view! { " · "{category} })}
                {(!years.is_empty()).then(|| view! { " · "{years} })}
            </p>
            {card.awarded.then(|| view! {
                <p class="mb-0">
                    <span class="badge badge-success">{t_string!(i18n, catalogue.awarded)}</span>
                    {card.reached.map(|level| view! { " "<span class="badge badge-info" data-test="card-reached">{level_label(i18n, level)}</span> })}
                </p>
            })}
            {(!card.summary.is_empty()).then(|| view! { <p>{card.summary.clone()}</p> })}
            {(!card.sdgs.is_empty()).then(|| view! {
                <p class="sdg-list">{card.sdgs.iter().map(|sdg| view! { <span class="badge badge-muted">{format!("SDG {sdg}")}</span>" " }).collect_view()}</p>
            })}
        </li>
    }
}

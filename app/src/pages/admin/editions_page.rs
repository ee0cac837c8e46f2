//! `/admin/editions`: every edition with its timeline.

use crate::api::admin::load_editions;
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::components::timeline::Timeline;
use crate::i18n::*;
use crate::pages::admin::can_edit;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The editions list.
#[component]
pub fn EditionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let editions = page_resource(|| (), |_| load_editions());
    let query = use_query_map();
    let can_edit = can_edit();
    let created = move || query.read().get("created");
    view! {
        <Title text=t_string!(i18n, admin.edition_list_title).to_string()/>
        <header class="page-header">
            <h1>{t_string!(i18n, admin.edition_list_title)}</h1>
            <Show when=move || can_edit.get()>
                <div class="page-actions">
                    <a class="btn btn-primary" href="/admin/editions/new">{t_string!(i18n, admin.edition_new)}</a>
                </div>
            </Show>
        </header>
        {move || created().map(|slug| view! {
            <p class="alert alert-success" role="status" data-test="edition-created">{t!(i18n, admin.edition_created, slug = slug.clone())}</p>
        })}
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match editions.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(list) => list.into_iter().map(|edition| {
                        let template_href = format!("/admin/editions/{}/template", edition.slug);
                        let setup_href = format!("/admin/editions/{}/setup", edition.slug);
                        let results_href = format!("/admin/editions/{}/results", edition.slug);
                        view! {
                        <section class="card" data-test="edition">
                            <h2 class="card-title">{edition.title.clone()}</h2>
                            <p class="muted mono">{edition.slug.clone()}" · "{edition.time_zone.clone()}" · "{edition.entry_count}" "{t_string!(i18n, home.entries)}</p>
                            <Timeline steps=edition.timeline.clone()/>
                            <p class="cluster">
                                <a href=setup_href data-test="edition-setup">{t_string!(i18n, setup.open)}</a>
                                <a href=results_href>{t_string!(i18n, results.results_open)}</a>
                                <Show when=move || can_edit.get()>
                                    <a href=template_href.clone() data-test="edit-template">{t_string!(i18n, admin.template_title)}</a>
                                </Show>
                            </p>
                        </section>
                    }}).collect_view().into_any(),
                }
            })}
        </Suspense>
    }
}

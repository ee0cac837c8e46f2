//! `/admin/editions`: every edition with its timeline.

use crate::api::admin::list_editions;
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
    let editions = Resource::new(|| (), |_| list_editions());
    let query = use_query_map();
    let can_edit = can_edit();
    let created = move || query.read().get("created");
    view! {
        <Title text=move || t_string!(i18n, admin.edition_list_title)/>
        <header class="page-header">
            <h1>{t!(i18n, admin.edition_list_title)}</h1>
            <Show when=move || can_edit.get()>
                <div class="page-actions">
                    <a class="btn btn-primary" href="/admin/editions/new">{t!(i18n, admin.edition_new)}</a>
                </div>
            </Show>
        </header>
        {move || created().map(|slug| view! {
            <p class="alert alert-success" role="status" data-test="edition-created">{t!(i18n, admin.edition_created, slug = slug.clone())}</p>
        })}
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match editions.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(list) => list.into_iter().map(|edition| {
                        let template_href = format!("/admin/editions/{}/template", edition.slug);
                        view! {
                        <section class="card" data-test="edition">
                            <h2 class="card-title">{edition.title.clone()}</h2>
                            <p class="muted mono">{edition.slug.clone()}" · "{edition.time_zone.clone()}" · "{edition.entry_count}" "{t!(i18n, home.entries)}</p>
                            <Timeline steps=edition.timeline.clone()/>
                            <Show when=move || can_edit.get()>
                                <p><a href=template_href.clone() data-test="edit-template">{t!(i18n, admin.template_title)}</a></p>
                            </Show>
                        </section>
                    }}).collect_view().into_any(),
                }
            })}
        </Suspense>
    }
}

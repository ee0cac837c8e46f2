//! `/`: the featured edition and its timeline.

use crate::api::home::{load_current_edition, load_published_editions};
use crate::components::auth::use_auth;
use crate::components::edition_overview::EditionOverview;
use crate::components::page_data::page_resource;
use crate::components::share::ShareMeta;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::EditionView;
use leptos::prelude::*;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let edition = page_resource(|| (), |_| load_current_edition());
    view! {
        <ShareMeta
            title=format!("{} — {}", t_string!(i18n, app.name), t_string!(i18n, app.tagline))
            description=t_string!(i18n, home.lead).to_owned()
            path="/".to_owned()/>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match edition.await {
                    Ok(Some(edition)) => view! { <EditionHome edition/> }.into_any(),
                    Ok(None) => view! {
                        <section class="hero">
                            <h1 class="hero-title">{t_string!(i18n, app.tagline)}</h1>
                            <p class="hero-subtitle">{t_string!(i18n, home.lead)}</p>
                        </section>
                        <p class="empty-state">{t_string!(i18n, home.no_edition)}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
        <PublishedResults/>
    }
}

/// Links to every edition's published results.
#[component]
fn PublishedResults() -> impl IntoView {
    let i18n = use_i18n();
    let published = page_resource(|| (), |_| load_published_editions());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = published.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section class="card stack" aria-labelledby="published-title" data-test="published-results">
                        <h2 class="card-title" id="published-title">{t_string!(i18n, home.published_results)}</h2>
                        <ul class="link-list">
                            {list.into_iter().map(|(slug, title)| view! {
                                <li><a href=format!("/editions/{slug}/results")>{title}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

#[component]
fn EditionHome(edition: EditionView) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let slug = edition.slug.clone();
    let cta = match auth.signed_in.get_value() {
        Some(user) => view! {
            <a class="btn btn-primary" href=user.roles.home_path()>{t_string!(i18n, home.cta_workspace)}</a>
        }
        .into_any(),
        None => view! {
            <a class="btn btn-primary" href="/login">{t_string!(i18n, home.cta_login)}</a>
        }
        .into_any(),
    };
    view! {
        <EditionOverview edition>
            {cta}
            <a class="btn btn-secondary" href=format!("/editions/{slug}")>{t_string!(i18n, home.edition_page)}</a>
            <a class="btn btn-secondary" href="/innovations">{t_string!(i18n, home.catalogue)}</a>
        </EditionOverview>
    }
}

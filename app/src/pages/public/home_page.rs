//! `/`: the featured edition and its timeline.

use crate::api::home::{current_edition, published_editions};
use crate::components::auth::use_auth;
use crate::components::labels::group;
use crate::components::status::ErrorPanel;
use crate::components::timeline::Timeline;
use crate::i18n::*;
use crate::model::EditionView;
use leptos::prelude::*;
use leptos_meta::Title;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let edition = Resource::new(|| (), |_| current_edition());
    view! {
        <Title text=move || format!("{} — {}", t_string!(i18n, app.name), t_string!(i18n, app.tagline))/>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match edition.await {
                    Ok(Some(edition)) => view! { <EditionHome edition/> }.into_any(),
                    Ok(None) => view! {
                        <section class="hero">
                            <h1 class="hero-title">{t!(i18n, app.tagline)}</h1>
                            <p class="hero-subtitle">{t!(i18n, home.lead)}</p>
                        </section>
                        <p class="empty-state">{t!(i18n, home.no_edition)}</p>
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
    let published = Resource::new(|| (), |_| published_editions());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = published.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section class="card stack" aria-labelledby="published-title" data-test="published-results">
                        <h2 class="card-title" id="published-title">{t!(i18n, home.published_results)}</h2>
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
    let published = edition.results_published;
    let cta = move || {
        Suspend::new(async move {
            match auth.user.await.ok().flatten() {
            Some(user) => view! {
                <a class="btn btn-primary" href=user.roles.home_path()>{t!(i18n, home.cta_workspace)}</a>
            }.into_any(),
            None => view! {
                <a class="btn btn-primary" href="/login">{t!(i18n, home.cta_login)}</a>
            }.into_any(),
        }
        })
    };
    view! {
        <section class="hero" data-test="edition-hero">
            <p class="mb-0">
                <span class=if published { "status-pill is-closed" } else { "status-pill is-open" }>
                    {move || if published { t_string!(i18n, home.published) } else { t_string!(i18n, home.not_published) }}
                </span>
            </p>
            <h1 class="hero-title">{edition.title.clone()}</h1>
            <p class="hero-subtitle">{t!(i18n, home.lead)}</p>
            <p class="muted">{edition.entry_count}" "{t!(i18n, home.entries)}</p>
            <div class="hero-actions"><Transition>{cta}</Transition></div>
        </section>
        <div class="stack">
            <section class="card" aria-labelledby="timeline-title">
                <h2 class="card-title" id="timeline-title">{t!(i18n, home.timeline)}</h2>
                <Timeline steps=edition.timeline.clone()/>
            </section>
            <div class="card-grid">
                <section class="card" aria-labelledby="categories-title">
                    <h2 class="card-title" id="categories-title">{t!(i18n, home.categories)}</h2>
                    <ul>
                        {edition.categories.iter().map(|category| view! { <li>{category.label.clone()}</li> }).collect_view()}
                    </ul>
                </section>
                <section class="card" aria-labelledby="groups-title">
                    <h2 class="card-title" id="groups-title">{t!(i18n, home.groups)}</h2>
                    <ul>
                        {edition.groups.iter().map(|key| {
                            let key = key.clone();
                            view! { <li>{move || group(i18n, &key)}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            </div>
        </div>
    }
}

//! An edition at a glance: whether its results are out, its title, timeline
//! (the current step marked), categories and groups. The home page shows the
//! featured edition this way, and `/editions/:slug` any edition.

use crate::components::labels::group;
use crate::components::timeline::Timeline;
use crate::i18n::*;
use crate::model::EditionView;
use leptos::prelude::*;

/// The edition, with `children` as the actions under its title.
#[component]
pub fn EditionOverview(edition: EditionView, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let published = edition.results_published;
    view! {
        <section class="hero" data-test="edition-hero">
            <p class="mb-0">
                <span class=if published { "status-pill is-closed" } else { "status-pill is-open" }>
                    {move || if published { t_string!(i18n, home.published) } else { t_string!(i18n, home.not_published) }}
                </span>
            </p>
            <h1 class="hero-title">{edition.title.clone()}</h1>
            <p class="hero-subtitle">{t_string!(i18n, home.lead)}</p>
            <p class="muted">{edition.entry_count}" "{t_string!(i18n, home.entries)}</p>
            <div class="hero-actions">{children()}</div>
        </section>
        <div class="stack">
            <section class="card" aria-labelledby="timeline-title">
                <h2 class="card-title" id="timeline-title">{t_string!(i18n, home.timeline)}</h2>
                <Timeline steps=edition.timeline.clone()/>
            </section>
            <div class="card-grid">
                <section class="card" aria-labelledby="categories-title">
                    <h2 class="card-title" id="categories-title">{t_string!(i18n, home.categories)}</h2>
                    <ul>
                        {edition.categories.iter().map(|category| view! { <li>{category.label.clone()}</li> }).collect_view()}
                    </ul>
                </section>
                <section class="card" aria-labelledby="groups-title">
                    <h2 class="card-title" id="groups-title">{t_string!(i18n, home.groups)}</h2>
                    <ul>
                        {edition.groups.iter().map(|&option| {
                            view! { <li>{move || group(i18n, option)}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            </div>
        </div>
    }
}

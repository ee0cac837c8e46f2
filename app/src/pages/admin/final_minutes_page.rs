//! `/admin/editions/:slug/results/minutes`: the *berita acara* of the final
//! results — the final ranking as published, the winner-set check as it stood
//! then with the committee's reason when the set broke a rule, and signature
//! lines for the committee — laid out to print on A4 and sign.

use crate::api::results::load_final_minutes;
use crate::components::dates::format_local;
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::results_tables::FinalTables;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::FinalMinutes;
use crate::pages::admin::composition_panel::CompositionVerdict;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page.
#[component]
pub fn FinalMinutesPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let minutes = page_resource(slug, load_final_minutes);
    loaded_page(minutes, |data| view! { <Minutes data/> }.into_any())
}

#[component]
fn Minutes(data: FinalMinutes) -> impl IntoView {
    let i18n = use_i18n();
    let document = data.document;
    let back = format!("/admin/editions/{}/results", document.edition.slug);
    let categories = document.edition.categories.clone();
    let edition_title = document.edition.title.clone();
    let heading = t_string!(i18n, final_minutes.heading).to_owned();
    let entries = document.final_ranking.len();
    let published_at = document.published_at.clone();
    let intro = move || {
        fill(
            t_string!(i18n, final_minutes.intro),
            &[
                ("edition", edition_title.clone()),
                ("count", entries.to_string()),
                (
                    "at",
                    published_at
                        .as_deref()
                        .map(|at| format_local(i18n, at))
                        .unwrap_or_default(),
                ),
            ],
        )
    };
    view! {
        <Title text=heading.clone()/>
        <article class="printable minutes" data-test="final-minutes">
            <p class="no-print cluster">
                <a href=back>"← "{t_string!(i18n, final_minutes.back)}</a>
            </p>
            <header class="minutes-header">
                <p class="muted">{document.edition.title.clone()}</p>
                <h1>{heading}</h1>
            </header>
            {if data.published {
                view! { <p>{intro}</p> }.into_any()
            } else {
                view! { <p class="alert alert-warning" data-test="final-minutes-draft">{t_string!(i18n, final_minutes.draft)}</p> }.into_any()
            }}
            <FinalTables document=document.clone() show_scores=true/>
            {data.composition.map(|composition| view! {
                <section class="stack" aria-labelledby="winner-set-title" data-test="final-minutes-composition">
                    <h2 id="winner-set-title">{t_string!(i18n, results.composition_title)}</h2>
                    <CompositionVerdict view=composition categories=categories.clone()/>
                    {data.composition_reason.map(|reason| view! {
                        <p>{t_string!(i18n, final_minutes.reason)}</p>
                        <blockquote class="minutes-reason" data-test="final-minutes-reason">{reason}</blockquote>
                    })}
                </section>
            })}
            <p class="minutes-place">{t_string!(i18n, minutes.place_date)}</p>
            <section aria-labelledby="committee-title">
                <h2 id="committee-title">{t_string!(i18n, final_minutes.committee)}</h2>
                <div class="minutes-signatures minutes-chair">
                    <div><span class="signature-space"></span><span>{t_string!(i18n, minutes.chair)}</span></div>
                    <div><span class="signature-space"></span><span>{t_string!(i18n, final_minutes.secretary)}</span></div>
                </div>
            </section>
        </article>
    }
}

//! `/admin/editions/:slug/stages/:stage/minutes`: the *berita acara* of a
//! scoring stage — the ranking and decisions per category, the method, and a
//! signature line for every judge of the panel and the committee's chair —
//! laid out to print on A4 and sign.

use crate::api::stages::load_stage_dashboard;
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::results_text::aggregation;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::StageDashboard;
use crate::pages::admin::stage_dashboard_page::RankingTables;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page.
#[component]
pub fn MinutesPage() -> impl IntoView {
    let key = crate::pages::admin::stage_route();
    let dashboard = page_resource(key, |(slug, stage)| load_stage_dashboard(slug, stage));
    loaded_page(dashboard, |data| view! { <Minutes data/> }.into_any())
}

#[component]
fn Minutes(data: StageDashboard) -> impl IntoView {
    let i18n = use_i18n();
    let back = format!(
        "/admin/editions/{}/stages/{}",
        data.edition_slug, data.stage
    );
    let heading = fill(
        t_string!(i18n, minutes.heading),
        &[("stage", data.title.clone())],
    );
    let entries: usize = data.ranking.iter().map(|group| group.rows.len()).sum();
    let intro = fill(
        t_string!(i18n, minutes.intro),
        &[
            ("edition", data.edition_title.clone()),
            ("count", entries.to_string()),
            ("stage", data.title.clone()),
            ("method", aggregation(i18n, data.aggregation)),
        ],
    );
    view! {
        <Title text=heading.clone()/>
        <article class="printable minutes" data-test="minutes">
            <p class="no-print cluster">
                <a href=back>"← "{t_string!(i18n, minutes.back)}</a>
            </p>
            <header class="minutes-header">
                <p class="muted">{data.edition_title.clone()}</p>
                <h1>{heading}</h1>
            </header>
            {(!data.decided).then(|| view! { <p class="alert alert-warning">{t_string!(i18n, minutes.draft)}</p> })}
            <p>{intro}</p>
            <RankingTables groups=data.ranking/>
            <p class="minutes-place">{t_string!(i18n, minutes.place_date)}</p>
            <section aria-labelledby="panel-title">
                <h2 id="panel-title">{t_string!(i18n, minutes.panel)}</h2>
                <ol class="minutes-signatures" data-test="minutes-panel">
                    {data.judges.into_iter().map(|judge| view! {
                        <li><span class="signature-space"></span><span>{judge.name}</span></li>
                    }).collect_view()}
                </ol>
                <div class="minutes-signatures minutes-chair">
                    <div><span class="signature-space"></span><span>{t_string!(i18n, minutes.chair)}</span></div>
                </div>
            </section>
        </article>
    }
}

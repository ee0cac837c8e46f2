//! `/visits/:visit/berita-acara`: the *berita acara* of a field visit — when
//! and where the team went, each claim with what it found and its note, the
//! photos taken, the outcome under the edition's rule, and a signature line
//! for every member of the team and for the agency's representative — laid
//! out to print on A4 and sign on site.

use crate::api::field::load_visit;
use crate::components::dates::format_local;
use crate::components::labels::{field_outcome_label, fill, finding_label};
use crate::components::page_data::page_resource;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::VisitSheet;
use domain::ids::VisitId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page.
#[component]
pub fn VisitMinutesPage() -> impl IntoView {
    let params = use_params_map();
    let visit = move || VisitId::from(params.read().get("visit").unwrap_or_default());
    let data = page_resource(visit, load_visit);
    loaded_page(data, |sheet| view! { <Minutes sheet/> }.into_any())
}

#[component]
fn Minutes(sheet: VisitSheet) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, field.minutes_heading).to_owned();
    let intro = fill(
        t_string!(i18n, field.minutes_intro),
        &[
            ("when", format_local(i18n, &sheet.starts_at)),
            ("organisation", sheet.organisation.clone()),
            ("address", sheet.address.clone()),
            ("title", sheet.title.clone()),
            ("stage", sheet.stage_title.clone()),
            ("edition", sheet.edition_title.clone()),
        ],
    );
    let photos = fill(
        t_string!(i18n, field.minutes_photos),
        &[("count", sheet.photos.len().to_string())],
    );
    let representative = fill(
        t_string!(i18n, field.minutes_representative),
        &[("organisation", sheet.organisation.clone())],
    );
    view! {
        <Title text=format!("{heading} — {}", sheet.title)/>
        <article class="printable minutes" data-test="visit-minutes-page">
            <p class="no-print cluster">
                <a href=format!("/judge/visits/{}", sheet.id)>"← "{t_string!(i18n, field.back)}</a>
            </p>
            <header class="minutes-header">
                <p class="muted">{sheet.edition_title.clone()}</p>
                <h1>{heading}</h1>
                <p>{sheet.title.clone()}</p>
            </header>
            <p>{intro}</p>
            <table class="data-table" data-test="minutes-claims">
                <thead>
                    <tr>
                        <th scope="col">"No"</th>
                        <th scope="col">{t_string!(i18n, field.claim)}</th>
                        <th scope="col">{t_string!(i18n, field.finding)}</th>
                        <th scope="col">{t_string!(i18n, field.note)}</th>
                    </tr>
                </thead>
                <tbody>
                    {sheet.claims.iter().enumerate().map(|(index, claim)| view! {
                        <tr>
                            <td>{index + 1}</td>
                            <td>{claim.label.clone()}</td>
                            <td>{claim.finding.map_or_else(|| t_string!(i18n, field.not_found_yet).to_owned(), |finding| finding_label(i18n, finding))}</td>
                            <td>{claim.note.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p>{photos}</p>
            <p><strong>{t_string!(i18n, field.outcome)}": "</strong>{field_outcome_label(i18n, sheet.outcome)}</p>
            {sheet.decision.clone().map(|decision| view! {
                <p>
                    <strong>{if decision.disqualify { t_string!(i18n, field.decided_disqualify) } else { t_string!(i18n, field.decided_keep) }}</strong>
                    " — "{decision.reason}
                </p>
            })}
            <p class="minutes-place">{t_string!(i18n, minutes.place_date)}</p>
            <section aria-labelledby="team-title">
                <h2 id="team-title">{t_string!(i18n, field.team)}</h2>
                <ol class="minutes-signatures" data-test="minutes-team">
                    {sheet.team.iter().map(|name| view! {
                        <li><span class="signature-space"></span><span>{name.clone()}</span></li>
                    }).collect_view()}
                </ol>
                <div class="minutes-signatures minutes-chair">
                    <div data-test="minutes-representative"><span class="signature-space"></span><span>{representative}</span></div>
                </div>
            </section>
        </article>
    }
}

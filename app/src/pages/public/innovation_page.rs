//! `/innovations/:id`: an innovation's public profile — what it is and did (the
//! sections its edition marks public, with their photos), its organisation,
//! category and video, its awards across editions, how far it went in each, and
//! what it replicates or was replicated by. Complete without the wasm.

use crate::api::public::load_innovation;
use crate::components::labels::{fill, level_label};
use crate::components::page_data::page_resource;
use crate::components::share::ShareMeta;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::{AwardLine, InnovationLink, InnovationProfile, Participation};
use domain::ids::InnovationId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Words of the share description.
const DESCRIPTION_WORDS: usize = 40;

/// The page.
#[component]
pub fn InnovationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || InnovationId::from(params.read().get("id").unwrap_or_default());
    let profile = page_resource(id, load_innovation);
    loaded_page(profile, |profile| view! { <Profile profile/> }.into_any())
}

fn description(profile: &InnovationProfile) -> String {
    let text = profile
        .sections
        .first()
        .map_or("", |section| section.text.as_str());
    let words: Vec<&str> = text.split_whitespace().take(DESCRIPTION_WORDS).collect();
    if words.is_empty() {
        format!("{} — {}", profile.title, profile.organisation)
    } else {
        words.join(" ")
    }
}

fn link(link: InnovationLink) -> AnyView {
    match link.id {
        Some(id) => view! { <a href=format!("/innovations/{id}")>{link.title}</a> }.into_any(),
        None => view! { <span>{link.title}</span> }.into_any(),
    }
}

#[component]
fn Profile(profile: InnovationProfile) -> impl IntoView {
    let i18n = use_i18n();
    let id = profile.id.clone();
    let facts = {
        let digital = profile.digital;
        let started = profile.started_on.clone();
        move || {
            let kind = if digital {
                t_string!(i18n, innovation.digital)
            } else {
                t_string!(i18n, innovation.not_digital)
            };
            format!("{} {started} · {kind}", t_string!(i18n, innovation.started))
        }
    };
    view! {
        <ShareMeta title=profile.title.clone() description=description(&profile) path=format!("/innovations/{id}")/>
        <nav class="breadcrumbs" aria-label=t_string!(i18n, innovation.breadcrumbs)>
            <a href="/innovations">{t_string!(i18n, catalogue.title)}</a>
        </nav>
        <header class="page-header">
            <h1 data-test="innovation-title">{profile.title.clone()}</h1>
            <p class="lead">{profile.organisation.clone()}{profile.category.clone().map(|category| view! { " · "{category} })}</p>
            <p class="muted">{facts}</p>
            {(!profile.sdgs.is_empty()).then(|| view! {
                <p class="sdg-list" aria-label="SDG">{profile.sdgs.iter().map(|sdg| view! { <span class="badge badge-muted">{format!("SDG {sdg}")}</span>" " }).collect_view()}</p>
            })}
            {profile.video_url.clone().map(|url| view! {
                <p><a class="btn btn-secondary" href=url rel="noopener external" target="_blank">{t_string!(i18n, innovation.video)}</a></p>
            })}
        </header>
        <div class="stack">
            {profile.sections.into_iter().map(|section| view! {
                <section class="card">
                    <h2 class="card-title">{section.label}</h2>
                    <p class="prose">{section.text}</p>
                </section>
            }).collect_view()}
            {(!profile.photos.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="photos-title">
                    <h2 class="card-title" id="photos-title">{t_string!(i18n, innovation.photos)}</h2>
                    <div class="photo-grid">
                        {profile.photos.iter().map(|photo| view! {
                            <figure>
                                <img src=format!("/innovations/{id}/photos/{}", photo.id) alt=photo.name.clone() loading="lazy" decoding="async"/>
                                <figcaption class="muted">{photo.name.clone()}</figcaption>
                            </figure>
                        }).collect_view()}
                    </div>
                </section>
            })}
            <Awards awards=profile.awards/>
            <Participations rows=profile.participation/>
            {(profile.replicates.is_some() || !profile.replicated_by.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="replication-title" data-test="replication">
                    <h2 class="card-title" id="replication-title">{t_string!(i18n, innovation.replication)}</h2>
                    {profile.replicates.map(|original| view! { <p>{t_string!(i18n, innovation.replicates)}" "{link(original)}</p> })}
                    {(!profile.replicated_by.is_empty()).then(|| view! {
                        <p>{t_string!(i18n, innovation.replicated_by)}</p>
                        <ul>{profile.replicated_by.into_iter().map(|replica| view! { <li>{link(replica)}</li> }).collect_view()}</ul>
                    })}
                </section>
            })}
        </div>
    }
}

#[component]
fn Awards(awards: Vec<AwardLine>) -> impl IntoView {
    let i18n = use_i18n();
    (!awards.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="awards-title" data-test="awards">
                <h2 class="card-title" id="awards-title">{t_string!(i18n, innovation.awards)}</h2>
                <ul>
                    {awards.into_iter().map(|award| {
                        let text = match (award.text, award.rank) {
                            (Some(text), _) => match award.level {
                                Some(level) => format!("{text} — {}", level_label(i18n, level)),
                                None => text,
                            },
                            (None, rank) => fill(
                                t_string!(i18n, innovation.place),
                                &[
                                    ("rank", rank.unwrap_or_default().to_string()),
                                    ("category", award.category.unwrap_or_default()),
                                    ("edition", award.edition.unwrap_or_default()),
                                ],
                            ),
                        };
                        view! { <li><strong>{award.year}</strong>" — "{text}</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Participations(rows: Vec<Participation>) -> impl IntoView {
    let i18n = use_i18n();
    (!rows.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="editions-title">
            <h2 class="card-title" id="editions-title">{t_string!(i18n, innovation.editions)}</h2>
            <ul>
                {rows.into_iter().map(|row| {
                    let place = row.final_rank.map(|rank| {
                        let text = fill(t_string!(i18n, innovation.final_rank), &[("rank", rank.to_string())]);
                        if row.tied { format!("{text} {}", t_string!(i18n, innovation.tied)) } else { text }
                    });
                    let reached = fill(t_string!(i18n, innovation.reached), &[("stage", row.reached.clone())]);
                    view! {
                        <li>
                            <a href=format!("/editions/{}/results", row.slug)>{row.edition.clone()}</a>
                            " ("{row.category.clone()}"): "{reached}
                            {place.map(|place| view! { " · "<strong>{place}</strong> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

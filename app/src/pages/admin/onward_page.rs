//! `/admin/editions/:slug/onward`: the entries of the published final results,
//! winners first (the ones sent on by default), each with what it earned at the
//! province's and the nation's competitions, and a form to record or correct an
//! outcome. Plain forms: they work without JavaScript.

use crate::api::onward::{RecordOnward, RemoveOnward, load_onward};
use crate::components::form::{FormAlert, action_error, typed_or};
use crate::components::labels::{I18n, fill, level_label, problem_text};
use crate::components::page_data::page_resource;
use crate::components::page_header::PageHeader;
use crate::components::status::loaded_page;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{OnwardCandidate, OnwardView};
use crate::pages::admin::can_edit;
use crate::pages::admin::onward_package::SendOnPanel;
use domain::onward::{AWARD_NAME_MAX_CHARS, OnwardLevel};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn OnwardPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // An outcome recorded or removed (named in the query) reloads the page's data.
    let data = page_resource(
        move || (slug(), query.read().to_query_string()),
        |(slug, _)| load_onward(slug),
    );
    loaded_page(data, |data| view! { <Onward data/> }.into_any())
}

#[component]
fn Onward(data: OnwardView) -> impl IntoView {
    let i18n = use_i18n();
    let can_edit = can_edit().get_untracked();
    let query = use_query_map();
    let notice = move || {
        let query = query.read();
        if query.get("recorded").is_some() {
            Some(t_string!(i18n, onward.recorded))
        } else if query.get("removed").is_some() {
            Some(t_string!(i18n, onward.removed))
        } else {
            query
                .get("picked")
                .map(|picked| picked_notice(i18n, &picked))
        }
    };
    let results = format!("/admin/editions/{}/results", data.edition_slug);
    let slug = data.edition_slug.clone();
    let years = data.years;
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href="/admin">{t_string!(i18n, admin.title)}</a></li>
                <li><a href=results>{data.edition_title.clone()}</a></li>
            </ol>
        </nav>
        <PageHeader title=t_string!(i18n, onward.title) lead=data.edition_title.clone()/>
        <p class="muted">{t_string!(i18n, onward.lead)}</p>
        {(!data.candidates.is_empty()).then(|| view! {
            <p>
                <a href=format!("/admin/editions/{}/onward/packages.csv", data.edition_slug) rel="external" data-test="package-summary">
                    {t_string!(i18n, onward.download_summary)}
                </a>
            </p>
        })}
        {move || notice().map(|text| view! { <p class="alert alert-success" role="status" data-test="onward-notice">{text}</p> })}
        {if data.candidates.is_empty() {
            view! { <p class="empty-state" data-test="onward-empty">{t_string!(i18n, onward.empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="stack plain-list" data-test="onward-candidates">
                    {data.candidates.into_iter().map(|candidate| view! {
                        <Candidate candidate slug=slug.clone() years can_edit/>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// One entry: its place, its outcomes, and the form for another.
#[component]
fn Candidate(
    candidate: OnwardCandidate,
    slug: String,
    years: (i32, i32),
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveOnward>::new();
    let removal_error = action_error(remove);
    let entry = candidate.entry.to_string();
    let place = fill(
        t_string!(i18n, onward.place),
        &[
            ("rank", candidate.rank.to_string()),
            ("category", candidate.category.clone()),
        ],
    );
    let outcomes = if candidate.outcomes.is_empty() {
        view! { <p class="muted">{t_string!(i18n, onward.none_yet)}</p> }.into_any()
    } else {
        view! {
            <ul data-test="onward-outcomes">
                {candidate.outcomes.into_iter().map(|outcome| {
                    let (slug, entry) = (slug.clone(), entry.clone());
                    view! {
                        <li>
                            <strong>{outcome.year}</strong>" — "{outcome.award.to_string()}" — "{level_label(i18n, outcome.level)}
                            {can_edit.then(|| view! {
                                " "
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug/>
                                    <input type="hidden" name="entry" value=entry/>
                                    <input type="hidden" name="level" value=outcome.level.key()/>
                                    <button type="submit" class="btn btn-danger btn-small" data-test="remove-onward"
                                        disabled=move || remove.pending().get()>{t_string!(i18n, onward.remove)}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let anchor = format!("entry-{entry}");
    view! {
        <li class="card stack" id=anchor data-test="onward-candidate">
            <h2 class="card-title">{candidate.title.clone()}</h2>
            <p class="muted mb-0">
                {candidate.organisation.clone()}" · "{place}
                {candidate.winner.then(|| view! { " "<span class="badge badge-success">{t_string!(i18n, onward.winner)}</span> })}
                {candidate.sent.then(|| view! { " "<span class="badge" data-test="onward-sent">{t_string!(i18n, onward.sent)}</span> })}
            </p>
            <SendOnPanel slug=slug.clone() entry=entry.clone() sent=candidate.sent package=candidate.package can_edit/>
            <FormAlert error=removal_error/>
            {outcomes}
            {can_edit.then(|| view! { <RecordForm slug entry years/> })}
        </li>
    }
}

/// What the page says after a pick (`{entry}.{send}` in the query).
fn picked_notice(i18n: I18n, picked: &str) -> &'static str {
    if picked.ends_with(".true") {
        t_string!(i18n, onward.picked_send)
    } else {
        t_string!(i18n, onward.picked_skip)
    }
}

/// Records an outcome of entry `entry`; ids carry the entry, as the page holds
/// one form per entry.
#[component]
fn RecordForm(slug: String, entry: String, years: (i32, i32)) -> impl IntoView {
    let i18n = use_i18n();
    let record = ServerAction::<RecordOnward>::new();
    // A refusal names its entry: after a plain (no-JavaScript) post every form
    // of the page sees it, and only that entry's form shows it.
    let error = {
        let entry = entry.clone();
        let last = action_error(record);
        Signal::derive(move || {
            last.get()
                .filter(|error| error.echoed("entry").is_none_or(|echoed| echoed == entry))
        })
    };
    let typed_level = typed_or(error, "level", String::new());
    let problem = move |field: &'static str| {
        move || {
            error.get().and_then(|error: AppError| {
                error
                    .problem_for(field)
                    .map(|problem| view! { <p class="field-error" role="alert">{problem_text(i18n, problem)}</p> })
            })
        }
    };
    let [level_id, award_id, year_id] =
        ["level", "award", "year"].map(|field| format!("onward-{field}-{entry}"));
    // The national round of a city's winners is usually the next year.
    let next_year = (years.0 + 1).min(years.1).to_string();
    view! {
        <ActionForm action=record attr:class="stack onward-form" attr:data-test="record-onward-form">
            <FormAlert error/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="entry" value=entry/>
            <div class="form-grid">
                <div class="field">
                    <label class="field-label" for=level_id.clone()>{t_string!(i18n, onward.level)}</label>
                    <select id=level_id name="level">
                        {OnwardLevel::ALL.iter().map(|level| view! {
                            <option value=level.key() selected=move || typed_level.get() == level.key()>{level_label(i18n, *level)}</option>
                        }).collect_view()}
                    </select>
                    {problem("level")}
                </div>
                <div class="field">
                    <label class="field-label" for=award_id.clone()>{t_string!(i18n, onward.award)}</label>
                    <input id=award_id name="award" type="text" required maxlength=AWARD_NAME_MAX_CHARS
                        value=typed_or(error, "award", String::new())
                        placeholder=t_string!(i18n, onward.award_hint)/>
                    {problem("award")}
                </div>
                <div class="field">
                    <label class="field-label" for=year_id.clone()>{t_string!(i18n, onward.year)}</label>
                    <input id=year_id name="year" type="number" required min=years.0 max=years.1
                        value=typed_or(error, "year", next_year)/>
                    {problem("year")}
                </div>
            </div>
            <div>
                <button type="submit" class="btn btn-primary" data-test="record-onward"
                    disabled=move || record.pending().get()>{t_string!(i18n, onward.record)}</button>
            </div>
        </ActionForm>
    }
}

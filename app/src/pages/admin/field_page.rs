//! `/admin/editions/:slug/stages/:stage/field`: field verification of a
//! stage — which sections hold claims, the edition's field rule, the visits
//! (scheduled here: when, where, which judges go) with each one's progress and
//! outcome, and the committee's decision on an entry a visit referred. Plain
//! forms: they work without JavaScript.

use crate::api::field::{
    CancelVisit, DecideFieldReferral, ScheduleVisit, SetFieldClaims, SetFieldRule, load_field_stage,
};
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, action_error, typed_or};
use crate::components::labels::{field_outcome_label, problem_text};
use crate::components::page_data::page_resource;
use crate::components::page_header::PageHeader;
use crate::components::status::loaded_page;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{FieldStageView, VisitSummary};
use crate::pages::admin::can_edit;
use domain::field::FieldOutcome;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn FieldPage() -> impl IntoView {
    let key = crate::pages::admin::stage_route();
    let query = use_query_map();
    // A change (named in the query) reloads the page's data.
    let data = page_resource(
        move || (key(), query.read().to_query_string()),
        |((slug, stage), _)| load_field_stage(slug, stage.as_str().to_owned()),
    );
    loaded_page(data, |data| view! { <Field data/> }.into_any())
}

/// The message under a field of a form refused by `error`.
fn problem_of(
    i18n: crate::components::labels::I18n,
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    move || {
        error.get().and_then(|error| {
            error.problem_for(field).map(|problem| {
                view! { <p class="field-error" role="alert">{problem_text(i18n, problem)}</p> }
                    .into_any()
            })
        })
    }
}

#[component]
fn Field(data: FieldStageView) -> impl IntoView {
    let i18n = use_i18n();
    let can_edit = can_edit().get_untracked();
    let stage_page = format!(
        "/admin/editions/{}/stages/{}",
        data.edition_slug, data.stage
    );
    let lead = format!("{} · {}", data.edition_title, data.stage_title);
    if !data.is_field {
        return view! {
            <PageHeader title=t_string!(i18n, field.title) lead/>
            <p class="alert alert-warning" data-test="field-not-field">{t_string!(i18n, field.not_field)}</p>
            <p><a href=stage_page>"← "{t_string!(i18n, field.back)}</a></p>
        }
        .into_any();
    }
    let (slug, stage) = (data.edition_slug.clone(), data.stage.clone());
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href="/admin">{t_string!(i18n, admin.title)}</a></li>
                <li><a href=stage_page>{data.stage_title.clone()}</a></li>
            </ol>
        </nav>
        <PageHeader title=t_string!(i18n, field.title) lead/>
        <p class="muted">{t_string!(i18n, field.lead)}</p>
        <section class="card stack" id="visits" aria-labelledby="visits-title">
            <h2 id="visits-title" class="card-title">{t_string!(i18n, field.visits)}</h2>
            {if data.visits.is_empty() {
                view! { <p class="empty-state" data-test="no-visits">{t_string!(i18n, field.no_visits)}</p> }.into_any()
            } else {
                view! {
                    <ul class="stack plain-list" data-test="visits">
                        {data.visits.into_iter().map(|visit| view! {
                            <Visit visit slug=slug.clone() stage=stage.clone() can_edit/>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {can_edit.then(|| view! {
            <ScheduleForm slug=slug.clone() stage=stage.clone() entries=data.schedulable judges=data.judges/>
            <ClaimsForm slug=slug.clone() stage=stage.clone() sections=data.sections/>
            <RuleForm slug stage rule=data.rule/>
        })}
    }
    .into_any()
}

/// One visit: when and where, who goes, how far the team is, the outcome.
#[component]
fn Visit(visit: VisitSummary, slug: String, stage: String, can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let cancel = ServerAction::<CancelVisit>::new();
    let cancel_error = action_error(cancel);
    let id = visit.id.to_string();
    let progress = format!(
        "{} {} {} · {} {}",
        visit.found,
        t_string!(i18n, field.of),
        visit.claims,
        visit.photos,
        t_string!(i18n, field.photos_count)
    );
    let referred = matches!(visit.outcome, FieldOutcome::Referred { .. });
    let decide =
        (can_edit && referred && visit.decision.is_none() && !visit.disqualified).then(|| {
            view! { <DecisionForm slug=slug.clone() stage=stage.clone() visit=id.clone()/> }
        });
    let anchor = format!("visit-{id}");
    let (sheet_link, minutes_link) = (
        format!("/judge/visits/{id}"),
        format!("/visits/{id}/berita-acara"),
    );
    view! {
        <li class="card stack" id=anchor data-test="visit">
            <h3 class="card-title">{visit.title.clone()}</h3>
            <p class="muted mb-0">{visit.organisation.clone()}</p>
            <dl class="facts">
                <dt>{t_string!(i18n, field.when)}</dt><dd>{format_local(i18n, &visit.starts_at)}</dd>
                <dt>{t_string!(i18n, field.address)}</dt><dd>{visit.address.clone()}</dd>
                <dt>{t_string!(i18n, field.team)}</dt><dd>{visit.team.join(", ")}</dd>
                <dt>{t_string!(i18n, field.progress)}</dt><dd data-test="visit-progress">{progress}</dd>
                <dt>{t_string!(i18n, field.outcome)}</dt>
                <dd data-test="visit-outcome" data-outcome=outcome_key(visit.outcome)>{field_outcome_label(i18n, visit.outcome)}</dd>
            </dl>
            {visit.disqualified.then(|| view! {
                <p class="badge badge-danger" data-test="visit-disqualified">{t_string!(i18n, field.disqualified)}</p>
            })}
            {visit.decision.clone().map(|decision| view! {
                <p class="alert" data-test="visit-decision">
                    <strong>{if decision.disqualify { t_string!(i18n, field.decided_disqualify) } else { t_string!(i18n, field.decided_keep) }}</strong>
                    " — "{decision.reason}" ("{format_local(i18n, &decision.decided_at)}")"
                </p>
            })}
            <p class="cluster">
                <a class="btn btn-secondary" href=sheet_link data-test="open-visit">{t_string!(i18n, field.open_visit)}</a>
                <a class="btn btn-secondary" href=minutes_link data-test="visit-minutes">{t_string!(i18n, field.minutes)}</a>
            </p>
            {decide}
            {can_edit.then(|| view! {
                <FormAlert error=cancel_error/>
                <ActionForm action=cancel attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="stage" value=stage.clone()/>
                    <input type="hidden" name="visit" value=id.clone()/>
                    <button type="submit" class="btn btn-danger btn-small" data-test="cancel-visit"
                        disabled=move || cancel.pending().get()>{t_string!(i18n, field.cancel)}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// The key an outcome is named by in the page (for tests and styles).
fn outcome_key(outcome: FieldOutcome) -> &'static str {
    match outcome {
        FieldOutcome::Confirmed => "confirmed",
        FieldOutcome::Adjusted { .. } => "adjusted",
        FieldOutcome::Referred { .. } => "referred",
    }
}

/// The committee's decision on a referred entry, with a written reason.
#[component]
fn DecisionForm(slug: String, stage: String, visit: String) -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideFieldReferral>::new();
    let error = {
        let visit = visit.clone();
        let last = action_error(decide);
        Signal::derive(move || {
            last.get()
                .filter(|error| error.echoed("visit").is_none_or(|echoed| echoed == visit))
        })
    };
    let reason_id = format!("reason-{visit}");
    view! {
        <ActionForm action=decide attr:class="stack" attr:data-test="decide-form">
            <FormAlert error/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="stage" value=stage/>
            <input type="hidden" name="visit" value=visit/>
            <p class="alert alert-warning mb-0">{t_string!(i18n, field.referred_explain)}</p>
            <div class="field">
                <label class="field-label" for=reason_id.clone()>{t_string!(i18n, field.reason)}</label>
                <textarea id=reason_id name="reason" rows="3" required>
                    {typed_or(error, "reason", String::new())}
                </textarea>
                {problem_of(i18n, error, "reason")}
            </div>
            <div class="cluster">
                <button type="submit" name="disqualify" value="yes" class="btn btn-danger" data-test="disqualify"
                    disabled=move || decide.pending().get()>{t_string!(i18n, field.disqualify)}</button>
                <button type="submit" name="disqualify" value="no" class="btn btn-secondary" data-test="keep"
                    disabled=move || decide.pending().get()>{t_string!(i18n, field.keep)}</button>
            </div>
        </ActionForm>
    }
}

/// Schedules a visit: the entry, when, where, and the team.
#[component]
fn ScheduleForm(
    slug: String,
    stage: String,
    entries: Vec<crate::model::FieldEntryOption>,
    judges: Vec<(domain::ids::UserId, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let schedule = ServerAction::<ScheduleVisit>::new();
    let error = action_error(schedule);
    let typed_entry = typed_or(error, "entry", String::new());
    view! {
        <section class="card stack" id="schedule" aria-labelledby="schedule-title">
            <h2 id="schedule-title" class="card-title">{t_string!(i18n, field.schedule)}</h2>
            <ActionForm action=schedule attr:class="stack" attr:data-test="schedule-form">
                <FormAlert error/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="stage" value=stage/>
                <div class="field">
                    <label class="field-label" for="visit-entry">{t_string!(i18n, field.entry)}</label>
                    <select id="visit-entry" name="entry" required>
                        <option value="">{t_string!(i18n, field.choose_entry)}</option>
                        {entries.into_iter().map(|entry| {
                            let key = entry.entry.to_string();
                            let selected = {
                                let key = key.clone();
                                move || typed_entry.get() == key
                            };
                            view! {
                                <option value=key selected=selected>{entry.title}" — "{entry.organisation}</option>
                            }
                        }).collect_view()}
                    </select>
                    {problem_of(i18n, error, "entry")}
                </div>
                <div class="field">
                    <label class="field-label" for="visit-starts">{t_string!(i18n, field.when)}</label>
                    <input id="visit-starts" name="starts_at" type="datetime-local" required
                        value=typed_or(error, "starts_at", String::new())/>
                    {problem_of(i18n, error, "starts_at")}
                </div>
                <div class="field">
                    <label class="field-label" for="visit-address">{t_string!(i18n, field.address)}</label>
                    <textarea id="visit-address" name="address" rows="2" required>
                        {typed_or(error, "address", String::new())}
                    </textarea>
                    {problem_of(i18n, error, "address")}
                </div>
                <fieldset class="field">
                    <legend class="field-label">{t_string!(i18n, field.team)}</legend>
                    <div class="check-grid">
                        {judges.into_iter().enumerate().map(|(index, (judge, name))| view! {
                            <label class="check">
                                <input type="checkbox" name=format!("team[{index}]") value=judge.to_string()/>
                                " "{name}
                            </label>
                        }).collect_view()}
                    </div>
                    {problem_of(i18n, error, "team")}
                </fieldset>
                <div>
                    <button type="submit" class="btn btn-primary" data-test="schedule-visit"
                        disabled=move || schedule.pending().get()>{t_string!(i18n, field.schedule_submit)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// Which sections of the proposal hold claims the team checks on site.
#[component]
fn ClaimsForm(
    slug: String,
    stage: String,
    sections: Vec<crate::model::ClaimChoice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SetFieldClaims>::new();
    let error = action_error(save);
    view! {
        <section class="card stack" id="claims" aria-labelledby="claims-title">
            <h2 id="claims-title" class="card-title">{t_string!(i18n, field.claims)}</h2>
            <p class="muted">{t_string!(i18n, field.claims_lead)}</p>
            <ActionForm action=save attr:class="stack" attr:data-test="claims-form">
                <FormAlert error/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="stage" value=stage/>
                <div class="check-grid">
                    {sections.into_iter().enumerate().map(|(index, section)| view! {
                        <label class="check">
                            <input type="checkbox" name=format!("sections[{index}]") value=section.key checked=section.claimed/>
                            " "{section.label}
                        </label>
                    }).collect_view()}
                </div>
                <div>
                    <button type="submit" class="btn btn-primary" data-test="save-claims"
                        disabled=move || save.pending().get()>{t_string!(i18n, field.save_claims)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The edition's field rule.
#[component]
fn RuleForm(slug: String, stage: String, rule: domain::field::FieldRule) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SetFieldRule>::new();
    let error = action_error(save);
    let number = move |name: &'static str, label: String, value: u32| {
        let id = format!("rule-{name}");
        view! {
            <div class="field">
                <label class="field-label" for=id.clone()>{label}</label>
                <input id=id name=name type="number" min="0" max="100" required inputmode="numeric"
                    value=typed_or(error, name, value.to_string())/>
                {problem_of(i18n, error, name)}
            </div>
        }
    };
    view! {
        <section class="card stack" id="rule" aria-labelledby="rule-title">
            <h2 id="rule-title" class="card-title">{t_string!(i18n, field.rule)}</h2>
            <p class="muted">{t_string!(i18n, field.rule_lead)}</p>
            <ActionForm action=save attr:class="stack" attr:data-test="rule-form">
                <FormAlert error/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="stage" value=stage/>
                <div class="form-grid">
                    {number("partial_penalty", t_string!(i18n, field.partial_penalty).to_owned(), rule.partial_penalty)}
                    {number("unproven_penalty", t_string!(i18n, field.unproven_penalty).to_owned(), rule.unproven_penalty)}
                    {number("max_penalty", t_string!(i18n, field.max_penalty).to_owned(), rule.max_penalty)}
                    {number("refer_at_unproven", t_string!(i18n, field.refer_at_unproven).to_owned(), rule.refer_at_unproven)}
                </div>
                <div>
                    <button type="submit" class="btn btn-primary" data-test="save-rule"
                        disabled=move || save.pending().get()>{t_string!(i18n, field.save_rule)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

//! `/admin/editions/:slug/setup`: an edition's settings — the submission window,
//! entry rules, quotas, sharing, people's choice and the final-ranking rule —
//! and its stages. One plain form; refused, it comes back as typed with each
//! problem beside its field.

use crate::api::setup::{SaveEditionSettings, load_edition_setup};
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::form::{
    FormAlert, SubmitButton, TextArea, TextField, action_error, typed_or,
};
use crate::components::labels::{fill, group, problem_text, stage_kind};
use crate::components::page_data::page_resource;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::EditionSetup;
use crate::pages::admin::can_edit;
use crate::tr;
use domain::edition::Group;
use domain::stage::StageKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // `saved` is part of the key: after a save the page shows what was stored.
    let setup = page_resource(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("saved").is_some(),
                query.read().get("stage_saved"),
            )
        },
        |(slug, _, _)| load_edition_setup(slug),
    );
    view! {
        <Title text=t_string!(i18n, setup.title).to_string()/>
        {loaded_page(setup, move |data| view! { <Setup data/> }.into_any())}
    }
}

#[component]
fn Setup(data: EditionSetup) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let slug = data.form.slug.clone();
    let notice = move || {
        let query = query.read();
        if let Some(stage) = query.get("stage_saved") {
            Some(fill(
                t_string!(i18n, setup.stage_saved),
                &[("stage", stage)],
            ))
        } else {
            query
                .get("saved")
                .map(|_| t_string!(i18n, setup.saved).to_owned())
        }
    };
    let zone = data.time_zone.clone();
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href="/admin/editions">{t_string!(i18n, admin.edition_list_title)}</a></li>
                <li aria-current="page">{data.title.clone()}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1>{t_string!(i18n, setup.title)}</h1>
            <p class="lead">{data.title.clone()}</p>
            <p class="muted">{move || fill(t_string!(i18n, setup.lead), &[("zone", zone.clone())])}</p>
            <p class="cluster">
                <a href=format!("/admin/editions/{slug}/template")>{t_string!(i18n, admin.template_title)}</a>
                <a href=format!("/admin/editions/{slug}/screening") data-test="open-screening">{t_string!(i18n, screening.open)}</a>
                <a href=format!("/admin/editions/{slug}/objections") data-test="open-objections">{t_string!(i18n, objections.open)}</a>
                <a href=format!("/admin/editions/{slug}/results")>{t_string!(i18n, results.results_open)}</a>
            </p>
        </header>
        {move || notice().map(|text| view! { <p class="alert alert-success" role="status" data-test="setup-saved">{text}</p> })}
        <Stages data=data.clone()/>
        <SettingsForm data/>
    }
}

#[component]
fn Stages(data: EditionSetup) -> impl IntoView {
    let i18n = use_i18n();
    let slug = data.form.slug.clone();
    let can_edit = can_edit().get_untracked();
    view! {
        <section class="card stack" aria-labelledby="stages-title" data-test="stage-list">
            <h2 class="card-title" id="stages-title">{t_string!(i18n, setup.stages)}</h2>
            <p class="muted">{t_string!(i18n, setup.stages_lead)}</p>
            <DataTable head=move || view! {
                <th scope="col">{t_string!(i18n, setup.stage_title)}</th>
                <th scope="col">{t_string!(i18n, setup.kind)}</th>
                <th scope="col">{t_string!(i18n, setup.opens)}</th>
                <th scope="col">{t_string!(i18n, setup.closes)}</th>
                <th scope="col"><span class="visually-hidden">{t_string!(i18n, setup.edit)}</span></th>
            }>
                {data.stages.into_iter().map(|stage| {
                    let (opens, closes, kind) = (stage.opens_at.clone(), stage.closes_at.clone(), stage.kind);
                    let criteria = (stage.kind == StageKind::Scoring).then(|| fill(t_string!(i18n, setup.criteria), &[("count", stage.criteria.to_string())]));
                    view! {
                        <tr>
                            <th scope="row">{stage.title.clone()}<br/><span class="muted mono">{stage.key.to_string()}</span></th>
                            <td>{move || stage_kind(i18n, Some(kind))}{criteria.map(|text| view! { <br/><span class="muted">{text}</span> })}</td>
                            <td>{move || format_local(i18n, &opens)}</td>
                            <td>{move || format_local(i18n, &closes)}</td>
                            <td><a href=format!("/admin/editions/{slug}/setup/stages/{}", stage.key) data-test="edit-stage">{t_string!(i18n, setup.edit)}</a></td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
            {can_edit.then(|| view! {
                <p><a class="btn btn-secondary" href=format!("/admin/editions/{}/setup/stages/new", data.form.slug) data-test="add-stage">{t_string!(i18n, setup.add_stage)}</a></p>
            })}
        </section>
    }
}

#[component]
fn SettingsForm(data: EditionSetup) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveEditionSettings>::new();
    let error = action_error(save);
    let form = data.form;
    let typed =
        move |field: &'static str, initial: &str| typed_or(error, field, initial.to_owned());
    let weighted = form.final_rule == "weighted";
    let groups_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("groups").map(|p| problem_text(i18n, p)))
    };
    view! {
        <ActionForm action=save attr:class="form card stack" attr:data-test="settings-form">
            <FormAlert error/>
            <input type="hidden" name="slug" value=form.slug.clone()/>
            <fieldset class="stack">
                <legend class="card-title">{t_string!(i18n, setup.entries)}</legend>
                <fieldset class="checkbox-group" class:has-error=move || groups_problem().is_some()>
                    <legend class="field-label">{t_string!(i18n, admin.groups)}</legend>
                    {Group::ALL.into_iter().map(|option| {
                        let key = option.key();
                        let checked = form.groups.iter().any(|given| given == key);
                        view! {
                            <label class="check">
                                <input type="checkbox" name=format!("groups[{key}]") value="on" checked=checked/>
                                <span>{move || group(i18n, option)}</span>
                            </label>
                        }
                    }).collect_view()}
                    {move || groups_problem().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                </fieldset>
                <TextArea name="categories" label=tr!(i18n, admin.categories) hint=tr!(i18n, admin.categories_hint)
                    value=typed("categories", &form.categories) rows=6 error/>
            </fieldset>
            <fieldset class="stack">
                <legend class="card-title">{t_string!(i18n, setup.submission)}</legend>
                <div class="form-grid">
                    <TextField name="submission_opens" kind="datetime-local" label=tr!(i18n, setup.submission_opens)
                        value=typed("submission_opens", &form.submission_opens) error/>
                    <TextField name="submission_closes" kind="datetime-local" label=tr!(i18n, setup.submission_closes)
                        value=typed("submission_closes", &form.submission_closes) error/>
                    <TextField name="minimum_years" kind="number" label=tr!(i18n, setup.minimum_years)
                        value=typed("minimum_years", &form.minimum_years) error/>
                    <TextField name="upload_limit_mb" kind="number" label=tr!(i18n, setup.upload_limit_mb)
                        value=typed("upload_limit_mb", &form.upload_limit_mb) error/>
                </div>
                <TextArea name="quotas" label=tr!(i18n, setup.quotas) hint=tr!(i18n, setup.quotas_hint)
                    value=typed("quotas", &form.quotas) rows=4 error/>
                <TextArea name="screening_checklist" label=tr!(i18n, setup.checklist) hint=tr!(i18n, setup.checklist_hint)
                    value=typed("screening_checklist", &form.screening_checklist) rows=4 error/>
            </fieldset>
            <fieldset class="stack">
                <legend class="card-title">{t_string!(i18n, setup.sharing)}</legend>
                <label class="check"><input type="checkbox" name="shares_feedback" value="on" checked=form.shares_feedback.is_some()/>" "{t_string!(i18n, setup.shares_feedback)}</label>
                <label class="check"><input type="checkbox" name="peoples_choice" value="on" checked=form.peoples_choice.is_some()/>" "{t_string!(i18n, setup.peoples_choice)}</label>
                <label class="check"><input type="checkbox" name="peoples_choice_verified" value="on" checked=form.peoples_choice_verified.is_some()/>" "{t_string!(i18n, setup.peoples_choice_verified)}</label>
                <label class="check"><input type="checkbox" name="shows_scores" value="on" checked=form.shows_scores.is_some()/>" "{t_string!(i18n, setup.shows_scores)}</label>
                <label class="check"><input type="checkbox" name="publishes_sheets" value="on" checked=form.publishes_sheets.is_some()/>" "{t_string!(i18n, setup.publishes_sheets)}</label>
            </fieldset>
            <fieldset class="stack">
                <legend class="card-title">{t_string!(i18n, setup.final_ranking)}</legend>
                <div class="field">
                    <label class="field-label" for="field-final_rule">{t_string!(i18n, setup.final_rule)}</label>
                    <select id="field-final_rule" name="final_rule">
                        <option value="last_stage" selected=!weighted>{t_string!(i18n, setup.final_last)}</option>
                        <option value="weighted" selected=weighted>{t_string!(i18n, setup.final_weighted)}</option>
                    </select>
                </div>
                <TextArea name="final_weights" label=tr!(i18n, setup.final_weights) hint=tr!(i18n, setup.final_weights_hint)
                    value=typed("final_weights", &form.final_weights) rows=3 error/>
            </fieldset>
            <fieldset class="stack">
                <legend class="card-title">{t_string!(i18n, setup.composition)}</legend>
                <p class="muted">{t_string!(i18n, setup.composition_hint)}</p>
                <TextField name="max_winners_per_organisation" kind="number" label=tr!(i18n, setup.max_winners_per_organisation)
                    value=typed("max_winners_per_organisation", &form.max_winners_per_organisation) error/>
                <label class="check"><input type="checkbox" name="winner_in_every_category" value="on" checked=form.winner_in_every_category.is_some()/>" "{t_string!(i18n, setup.winner_in_every_category)}</label>
                <label class="check"><input type="checkbox" name="replication_below_original" value="on" checked=form.replication_below_original.is_some()/>" "{t_string!(i18n, setup.replication_below_original)}</label>
            </fieldset>
            <div class="form-actions">
                <SubmitButton pending=save.pending().into() label=tr!(i18n, admin.save) busy_label=tr!(i18n, admin.saving)/>
            </div>
        </ActionForm>
    }
}

//! `/admin/organisations/new` and `/admin/organisations/:id`: one form for both.

use crate::api::admin::{SaveOrganisation, load_organisation, load_organisations};
use crate::components::form::{FormAlert, SubmitButton, TextField, action_error, typed_or};
use crate::components::labels::{org_kind, problem_text};
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::OrganisationRow;
use crate::tr;
use domain::ids::OrgId;
use domain::organisation::OrgKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The add/edit form page.
#[component]
pub fn OrganisationFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").filter(|id| id != "new");
    let data = page_resource(id, |id| async move {
        let all = load_organisations().await?;
        let current = match id {
            Some(id) => Some(load_organisation(OrgId::from(id)).await?),
            None => None,
        };
        Ok::<_, AppError>((all, current))
    });
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok((all, current)) => view! { <OrganisationForm all current/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationForm(all: Vec<OrganisationRow>, current: Option<OrganisationRow>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveOrganisation>::new();
    let error = action_error(save);
    let editing = current.is_some();
    let id = current
        .as_ref()
        .map(|org| org.id.to_string())
        .unwrap_or_default();
    let name = typed_or(
        error,
        "name",
        current
            .as_ref()
            .map(|org| org.name.clone())
            .unwrap_or_default(),
    );
    let kind = typed_or(
        error,
        "kind",
        current
            .as_ref()
            .map_or(OrgKind::Pd, |org| org.kind)
            .key()
            .to_owned(),
    );
    let parent = typed_or(
        error,
        "parent",
        current
            .as_ref()
            .and_then(|org| org.parent.as_ref().map(OrgId::to_string))
            .unwrap_or_default(),
    );
    let kind_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("kind").map(|p| problem_text(i18n, p)))
    };
    let parent_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("parent").map(|p| problem_text(i18n, p)))
    };
    let parents: Vec<OrganisationRow> = all
        .into_iter()
        .filter(|org| org.id != id.as_str())
        .collect();
    let title = move || {
        if editing {
            t_string!(i18n, admin.org_edit)
        } else {
            t_string!(i18n, admin.org_new)
        }
    };
    view! {
        <Title text=title/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol><li><a href="/admin/organisations">{t_string!(i18n, admin.organisations)}</a></li><li aria-current="page">{title}</li></ol>
        </nav>
        <header class="page-header"><h1>{title}</h1></header>
        <ActionForm action=save attr:class="form card" attr:data-test="organisation-form">
            <FormAlert error/>
            <input type="hidden" name="id" value=id.clone()/>
            <TextField name="name" label=tr!(i18n, admin.name) value=name required=true error/>
            <div class="form-grid">
                <div class="field" class:has-error=move || kind_problem().is_some()>
                    <label class="field-label" for="field-kind">{t_string!(i18n, admin.kind)}</label>
                    <select id="field-kind" name="kind" prop:value=move || kind.get()>
                        {OrgKind::ALL.iter().map(|&option| {
                            let key = option.key();
                            view! { <option value=key selected=move || kind.get() == key>{move || org_kind(i18n, option)}</option> }
                        }).collect_view()}
                    </select>
                    {move || kind_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <div class="field" class:has-error=move || parent_problem().is_some()>
                    <label class="field-label" for="field-parent">{t_string!(i18n, admin.parent)}</label>
                    <select id="field-parent" name="parent" prop:value=move || parent.get()>
                        <option value="" selected=move || parent.get().is_empty()>{t_string!(i18n, admin.no_parent)}</option>
                        {parents.into_iter().map(|org| {
                            let key = org.id.to_string();
                            let selected = { let key = key.clone(); move || parent.get() == key };
                            view! { <option value=key selected=selected>{org.name}</option> }
                        }).collect_view()}
                    </select>
                    {move || parent_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            </div>
            <div class="form-actions">
                <SubmitButton pending=save.pending().into() label=tr!(i18n, admin.save) busy_label=tr!(i18n, admin.saving)/>
                <a class="btn btn-secondary" href="/admin/organisations">{t_string!(i18n, admin.cancel)}</a>
            </div>
        </ActionForm>
    }
}

//! `/admin/organisations/import`: paste (or pick) a CSV; every row or none.

use crate::api::admin::ImportOrganisations;
use crate::components::form::{FormAlert, SubmitButton, TextArea, action_error, typed_or};
use crate::components::labels::problem_text;
use crate::error::{AppError, Problem};
use crate::i18n::*;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The import page.
#[component]
pub fn OrganisationsImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let import = ServerAction::<ImportOrganisations>::new();
    let error = action_error(import);
    let csv = typed_or(error, "csv", "name,kind,parent\n".to_owned());
    // Problems with single lines are listed below the text area, one per line; the
    // field itself only shows problems with the file as a whole.
    let file_error = Signal::derive(move || {
        error
            .get()
            .filter(|error| !matches!(error.problem_for("csv"), Some(Problem::CsvRow { .. })))
    });
    // Every row problem, listed under the text area so the clerk can fix them all.
    let row_problems = move || match error.get() {
        Some(AppError::Invalid { fields, .. }) => fields
            .iter()
            .map(|field| problem_text(i18n, &field.problem))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    view! {
        <Title text=t_string!(i18n, admin.org_import).to_string()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol><li><a href="/admin/organisations">{t_string!(i18n, admin.organisations)}</a></li><li aria-current="page">{t_string!(i18n, admin.org_import)}</li></ol>
        </nav>
        <header class="page-header">
            <h1>{t_string!(i18n, admin.org_import)}</h1>
            <p class="lead">{t_string!(i18n, admin.import_lead)}</p>
        </header>
        <ActionForm action=import attr:class="form card" attr:data-test="import-form">
            <FormAlert error/>
            <TextArea name="csv" label=tr!(i18n, admin.csv) value=csv rows=12 required=true error=file_error/>
            <ul class="field-error" data-test="row-errors">
                {move || row_problems().into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}
            </ul>
            <div class="form-actions">
                <SubmitButton pending=import.pending().into() label=tr!(i18n, admin.import_submit) busy_label=tr!(i18n, admin.saving)/>
                <a class="btn btn-secondary" href="/admin/organisations">{t_string!(i18n, admin.cancel)}</a>
            </div>
        </ActionForm>
    }
}

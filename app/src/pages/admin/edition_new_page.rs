//! `/admin/editions/new`: slug, year, title, time zone, groups and categories.

use crate::api::admin::CreateEdition;
use crate::components::form::{
    FormAlert, SubmitButton, TextArea, TextField, action_error, typed_or,
};
use crate::components::labels::{group, problem_text};
use crate::i18n::*;
use crate::tr;
use domain::edition::Group;
use leptos::prelude::*;
use leptos_meta::Title;

/// The new-edition form.
#[component]
pub fn EditionNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateEdition>::new();
    let error = action_error(create);
    let groups_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("groups").map(|p| problem_text(i18n, p)))
    };
    view! {
        <Title text=t_string!(i18n, admin.edition_new).to_string()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol><li><a href="/admin/editions">{t_string!(i18n, admin.editions)}</a></li><li aria-current="page">{t_string!(i18n, admin.edition_new)}</li></ol>
        </nav>
        <header class="page-header"><h1>{t_string!(i18n, admin.edition_new)}</h1></header>
        <ActionForm action=create attr:class="form card" attr:data-test="edition-form">
            <FormAlert error/>
            <div class="form-grid">
                <TextField name="slug" label=tr!(i18n, admin.slug) hint=tr!(i18n, admin.slug_hint)
                    value=typed_or(error, "slug", String::new()) required=true error/>
                <TextField name="year" kind="number" label=tr!(i18n, admin.year)
                    value=typed_or(error, "year", String::new()) required=true error/>
                <div class="span-2">
                    <TextField name="title" label=tr!(i18n, admin.edition_title)
                        value=typed_or(error, "title", String::new()) required=true error/>
                </div>
                <div class="span-2">
                    <TextField name="time_zone" label=tr!(i18n, admin.time_zone) hint=tr!(i18n, admin.time_zone_hint)
                        value=typed_or(error, "time_zone", "Asia/Jakarta".to_owned()) error/>
                </div>
            </div>
            <fieldset class="checkbox-group" class:has-error=move || groups_problem().is_some()>
                <legend class="field-label">{t_string!(i18n, admin.groups)}</legend>
                {Group::ALL.iter().copied().enumerate().map(|(index, option)| {
                    let key = option.key();
                    let name = format!("groups[{index}]");
                    // Ticked by default; after a refused submission, as it was sent.
                    let checked = move || match error.get().as_ref().and_then(|e| e.echoed(&format!("group_{key}")).map(str::to_owned)) {
                        Some(value) => !value.is_empty(),
                        None => true,
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" name=name value=key checked=checked prop:checked=checked/>
                            {move || group(i18n, option)}
                        </label>
                    }
                }).collect_view()}
                {move || groups_problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </fieldset>
            <TextArea name="categories" label=tr!(i18n, admin.categories) hint=tr!(i18n, admin.categories_hint)
                value=typed_or(error, "categories", String::new()) rows=6 required=true error/>
            <div class="form-actions">
                <SubmitButton pending=create.pending().into() label=tr!(i18n, admin.create) busy_label=tr!(i18n, admin.saving)/>
                <a class="btn btn-secondary" href="/admin/editions">{t_string!(i18n, admin.cancel)}</a>
            </div>
        </ActionForm>
    }
}

//! `/admin/accounts`: every account, a form to create one (the person is sent
//! a one-time link to set their own password; *Surat keluar* shows the message),
//! an import from CSV, and per account a new link (a password reset) and
//! deactivation. Plain forms: they work without JavaScript.

use crate::api::admin::load_organisations;
use crate::api::people::{
    CreateAccount, ImportAccounts, InviteAccount, SetAccountActive, load_accounts,
};
use crate::components::data_table::DataTable;
use crate::components::form::{
    FormAlert, SubmitButton, TextArea, TextField, action_error, typed_or,
};
use crate::components::labels::{fill, problem_text, role};
use crate::components::page_data::page_resource;
use crate::components::page_header::PageHeader;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::AccountRow;
use crate::pages::admin::can_edit;
use crate::tr;
use domain::role::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let accounts = page_resource(
        move || query.read().get("invited").or(query.read().get("imported")),
        |_| load_accounts(),
    );
    let can_edit = can_edit();
    let notice = move || {
        let query = query.read();
        if let Some(count) = query.get("imported") {
            Some(fill(t_string!(i18n, people.imported), &[("count", count)]))
        } else if query.get("deactivated").is_some() {
            Some(t_string!(i18n, people.deactivated).to_owned())
        } else {
            query
                .get("activated")
                .map(|_| t_string!(i18n, people.activated).to_owned())
        }
    };
    let invited = move || query.read().get("invited");
    view! {
        <PageHeader title=t_string!(i18n, people.title) lead=t_string!(i18n, people.lead)/>
        {move || notice().map(|text| view! { <p class="alert alert-success" role="status" data-test="accounts-notice">{text}</p> })}
        {move || invited().map(|email| view! {
            <div class="alert alert-info" role="status" data-test="invite-sent">
                <p>{fill(t_string!(i18n, people.invite_sent), &[("email", email)])}</p>
                <p><a href="/admin/mail" data-test="outbox-link">{t_string!(i18n, mail.title)}</a></p>
            </div>
        })}
        <Show when=move || can_edit.get()>
            <div class="card-grid">
                <CreateForm/>
                <ImportForm/>
            </div>
        </Show>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(rows) => view! { <AccountTable rows can_act=can_edit.get_untracked()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CreateForm() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateAccount>::new();
    let error = action_error(create);
    let organisations = page_resource(|| (), |_| load_organisations());
    let roles_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("roles").map(|p| problem_text(i18n, p)))
    };
    let org_problem = move || {
        error
            .get()
            .and_then(|e| e.problem_for("org").map(|p| problem_text(i18n, p)))
    };
    view! {
        <ActionForm action=create attr:class="form card stack" attr:data-test="account-form">
            <h2 class="card-title">{t_string!(i18n, people.new)}</h2>
            <FormAlert error/>
            <TextField name="email" kind="email" label=tr!(i18n, people.email) value=typed_or(error, "email", String::new()) required=true error/>
            <TextField name="name" label=tr!(i18n, people.name) value=typed_or(error, "name", String::new()) error/>
            <fieldset class="checkbox-group" class:has-error=move || roles_problem().is_some()>
                <legend class="field-label">{t_string!(i18n, people.roles)}</legend>
                {Role::ALL.iter().map(|option| {
                    let option = *option;
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("roles[{}]", option.key()) value="on"/>
                            <span>{move || role(i18n, option)}</span>
                        </label>
                    }
                }).collect_view()}
                {move || roles_problem().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </fieldset>
            <div class="field" class:has-error=move || org_problem().is_some()>
                <label class="field-label" for="field-org">{t_string!(i18n, people.org)}</label>
                <select id="field-org" name="org">
                    <option value="">{t_string!(i18n, people.no_org)}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            organisations.await.unwrap_or_default().into_iter().map(|org| view! {
                                <option value=org.id.to_string()>{org.name}</option>
                            }).collect_view()
                        })}
                    </Suspense>
                </select>
                {move || org_problem().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
            <div class="form-actions">
                <SubmitButton pending=create.pending().into() label=tr!(i18n, people.create) busy_label=tr!(i18n, admin.saving)/>
            </div>
        </ActionForm>
    }
}

#[component]
fn ImportForm() -> impl IntoView {
    let i18n = use_i18n();
    let import = ServerAction::<ImportAccounts>::new();
    let error = action_error(import);
    let rows = move || {
        error.get().map(|error| match error {
            crate::error::AppError::Invalid { fields, .. } => fields
                .iter()
                .map(|field| problem_text(i18n, &field.problem))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    view! {
        <ActionForm action=import attr:class="form card stack" attr:data-test="accounts-import">
            <h2 class="card-title">{t_string!(i18n, people.import)}</h2>
            <FormAlert error/>
            {move || rows().filter(|rows| !rows.is_empty()).map(|rows| view! {
                <ul class="field-error" data-test="import-errors">{rows.into_iter().map(|row| view! { <li>{row}</li> }).collect_view()}</ul>
            })}
            <TextArea name="csv" label=tr!(i18n, people.csv) hint=tr!(i18n, people.import_hint)
                value=typed_or(error, "csv", String::new()) rows=6 error/>
            <div class="form-actions">
                <SubmitButton pending=import.pending().into() label=tr!(i18n, people.import_submit) busy_label=tr!(i18n, admin.saving)/>
            </div>
        </ActionForm>
    }
}

#[component]
fn AccountTable(rows: Vec<AccountRow>, can_act: bool) -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteAccount>::new();
    let set_active = ServerAction::<SetAccountActive>::new();
    let invite_error = action_error(invite);
    let active_error = action_error(set_active);
    view! {
        <FormAlert error=invite_error/>
        <FormAlert error=active_error/>
        <DataTable test="accounts" head=move || view! {
            <th scope="col">{t_string!(i18n, people.name)}</th>
            <th scope="col">{t_string!(i18n, people.roles)}</th>
            <th scope="col">{t_string!(i18n, people.org)}</th>
            {can_act.then(|| view! { <th scope="col"><span class="visually-hidden">{t_string!(i18n, admin.edit)}</span></th> })}
        }>
            {rows.into_iter().map(|row| {
                let roles: Vec<Role> = row.roles.iter().filter_map(|key| key.parse().ok()).collect();
                let (id, email, toggle_id) = (row.id.clone(), row.email.clone(), row.id.clone());
                let (active, has_password) = (row.active, row.has_password);
                view! {
                    <tr data-test="account" data-email=row.email.clone() class:muted=!row.active>
                        <th scope="row">
                            {row.name.clone()}<br/><span class="muted">{row.email.clone()}</span>
                            {(!row.active).then(|| view! { " "<span class="badge badge-muted">{t_string!(i18n, people.inactive)}</span> })}
                            {(row.active && !row.has_password).then(|| view! { " "<span class="badge badge-warning">{t_string!(i18n, people.no_password)}</span> })}
                        </th>
                        <td>{roles.into_iter().map(|option| view! { <span class="badge">{move || role(i18n, option)}</span>" " }).collect_view()}</td>
                        <td>{row.org_name.clone().unwrap_or_default()}</td>
                        {can_act.then(|| view! {
                            <td class="cluster">
                                {active.then(|| view! {
                                    <ActionForm action=invite attr:class="inline-form">
                                        <input type="hidden" name="user" value=id.to_string()/>
                                        <input type="hidden" name="email" value=email.clone()/>
                                        <button type="submit" class="btn btn-secondary btn-small" data-test="invite">
                                            {if has_password { t_string!(i18n, people.reset) } else { t_string!(i18n, people.invite) }}
                                        </button>
                                    </ActionForm>
                                })}
                                <ActionForm action=set_active attr:class="inline-form">
                                    <input type="hidden" name="user" value=toggle_id.to_string()/>
                                    <input type="hidden" name="active" value=if active { "" } else { "on" }/>
                                    <button type="submit" class=if active { "btn btn-danger btn-small" } else { "btn btn-secondary btn-small" } data-test="toggle-active">
                                        {if active { t_string!(i18n, people.deactivate) } else { t_string!(i18n, people.activate) }}
                                    </button>
                                </ActionForm>
                            </td>
                        })}
                    </tr>
                }
            }).collect_view()}
        </DataTable>
    }
}

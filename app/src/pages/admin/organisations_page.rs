//! `/admin/organisations`: the list, with links to add, edit and import.

use crate::api::admin::load_organisations;
use crate::components::data_table::DataTable;
use crate::components::labels::org_kind;
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::pages::admin::can_edit;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The organisations list.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let organisations = page_resource(|| (), |_| load_organisations());
    let query = use_query_map();
    let can_edit = can_edit();
    let saved = move || query.read().get("saved").is_some();
    let imported = move || query.read().get("imported");
    view! {
        <Title text=t_string!(i18n, admin.org_list_title).to_string()/>
        <header class="page-header">
            <h1>{t_string!(i18n, admin.org_list_title)}</h1>
            <p class="lead">{t_string!(i18n, admin.org_list_lead)}</p>
            <Show when=move || can_edit.get()>
                <div class="page-actions">
                    <a class="btn btn-primary" href="/admin/organisations/new">{t_string!(i18n, admin.org_new)}</a>
                    <a class="btn btn-secondary" href="/admin/organisations/import">{t_string!(i18n, admin.org_import)}</a>
                </div>
            </Show>
        </header>
        <Show when=saved>
            <p class="alert alert-success" role="status">{t_string!(i18n, admin.saved)}</p>
        </Show>
        {move || imported().map(|count| view! {
            <p class="alert alert-success" role="status" data-test="import-done">{t!(i18n, admin.imported, count = count.clone())}</p>
        })}
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match organisations.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">{t_string!(i18n, admin.empty_orgs)}</p> }.into_any(),
                    Ok(list) => view! {
                        <DataTable test="organisations" head=move || view! {
                            <th scope="col">{t_string!(i18n, admin.name)}</th>
                            <th scope="col">{t_string!(i18n, admin.kind)}</th>
                            <th scope="col">{t_string!(i18n, admin.parent)}</th>
                            <th scope="col"><span class="visually-hidden">{t_string!(i18n, admin.edit)}</span></th>
                        }>
                            {list.into_iter().map(|org| {
                                let kind = org.kind;
                                let href = format!("/admin/organisations/{}", org.id);
                                view! {
                                    <tr>
                                        <td>{org.name.clone()}</td>
                                        <td>{move || org_kind(i18n, kind)}</td>
                                        <td>{org.parent_name.clone().unwrap_or_default()}</td>
                                        <td>
                                            <Show when=move || can_edit.get()>
                                                <a class="btn btn-link btn-small" href=href.clone()>{t_string!(i18n, admin.edit)}</a>
                                            </Show>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </DataTable>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

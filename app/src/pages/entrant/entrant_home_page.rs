//! `/entrant`: the entries of the person's organisation.

use crate::api::home::load_entrant_home;
use crate::components::auth::use_auth;
use crate::components::data_table::DataTable;
use crate::components::labels::{entry_badge, entry_state, group};
use crate::components::page_data::page_resource;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// The entrant's home.
#[component]
pub fn EntrantHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let entries = page_resource(|| (), |_| load_entrant_home());
    let org_name = auth.signed_in.get_value().and_then(|user| user.org_name);
    let has_org = org_name.is_some();
    view! {
        <Title text=t_string!(i18n, entrant.title).to_string()/>
        <header class="page-header" data-test="role-home-entrant">
            <h1>{t_string!(i18n, entrant.title)}</h1>
            <p class="lead">{org_name.map(|name| format!("{name} — "))}{t_string!(i18n, entrant.lead)}</p>
            <p><a class="btn btn-primary" href="/entrant/new" data-test="new-entry">{t_string!(i18n, entrant.new_title)}</a></p>
        </header>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty-state">
                            {if has_org { t_string!(i18n, entrant.empty) } else { t_string!(i18n, entrant.no_org) }}
                        </p>
                    }.into_any(),
                    Ok(list) => view! {
                        <DataTable test="entries" head=move || view! {
                            <th scope="col">{t_string!(i18n, entrant.col_title)}</th>
                            <th scope="col">{t_string!(i18n, entrant.col_org)}</th>
                            <th scope="col">{t_string!(i18n, entrant.col_group)}</th>
                            <th scope="col">{t_string!(i18n, entrant.col_edition)}</th>
                            <th scope="col">{t_string!(i18n, entrant.col_state)}</th>
                        }>
                            {list.into_iter().map(|entry| {
                                let (group_key, state) = (entry.group, entry.state);
                                let badge = entry_badge(state);
                                view! {
                                    <tr>
                                        <td><a href=format!("/entrant/entry/{}", entry.id)>{entry.title}</a></td>
                                        <td>{entry.org_name}</td>
                                        <td>{move || group(i18n, group_key)}</td>
                                        <td class="mono">{entry.edition}</td>
                                        <td><span class=badge>{move || entry_state(i18n, state)}</span></td>
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

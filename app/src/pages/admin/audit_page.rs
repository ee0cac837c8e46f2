//! `/admin/audit`: the audit log, filtered by kind of change, target and actor,
//! newest first, a hundred lines a page. A GET form: filtering and paging work
//! without JavaScript, and a filtered view can be linked.

use crate::api::audit::load_audit_log;
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::labels::{I18n, url_encode as encode};
use crate::components::page_data::page_resource;
use crate::components::page_header::PageHeader;
use crate::components::status::ErrorPanel;
use crate::i18n::*;
use crate::model::AuditRow;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The kinds of change offered in the filter: action prefixes.
const KINDS: &[&str] = &[
    "entry.",
    "sheet.",
    "assignment.",
    "stage.",
    "results.",
    "edition.",
    "organisation.",
    "user.",
];

fn kind_label(i18n: I18n, prefix: &str) -> String {
    match prefix {
        "entry." => t_string!(i18n, audit.kind_entry),
        "sheet." => t_string!(i18n, audit.kind_sheet),
        "assignment." => t_string!(i18n, audit.kind_assignment),
        "stage." => t_string!(i18n, audit.kind_stage),
        "results." => t_string!(i18n, audit.kind_results),
        "edition." => t_string!(i18n, audit.kind_edition),
        "organisation." => t_string!(i18n, audit.kind_organisation),
        _ => t_string!(i18n, audit.kind_user),
    }
    .to_owned()
}

/// The page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        let query = query.read();
        let get = |key: &str| query.get(key).unwrap_or_default();
        (get("action"), get("target"), get("actor"), get("before"))
    };
    let rows = page_resource(filter, |(action, target, actor, before)| {
        load_audit_log(action, target, actor, before)
    });
    let (action, target, actor, _) = filter();
    view! {
        <PageHeader title=t_string!(i18n, audit.title) lead=t_string!(i18n, audit.lead)/>
        <form method="get" action="/admin/audit" class="form card" data-test="audit-filter">
            <div class="form-grid">
                <div class="field">
                    <label class="field-label" for="audit-action">{t_string!(i18n, audit.action)}</label>
                    <select id="audit-action" name="action">
                        <option value="" selected=action.is_empty()>{t_string!(i18n, audit.all)}</option>
                        {KINDS.iter().map(|prefix| view! {
                            <option value=*prefix selected=action == *prefix>{kind_label(i18n, prefix)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="audit-target">{t_string!(i18n, audit.target)}</label>
                    <input id="audit-target" name="target" type="text" value=target/>
                </div>
                <div class="field">
                    <label class="field-label" for="audit-actor">{t_string!(i18n, audit.actor)}</label>
                    <input id="audit-actor" name="actor" type="text" value=actor/>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-secondary">{t_string!(i18n, audit.filter)}</button>
            </div>
        </form>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="empty-state">{t_string!(i18n, audit.empty)}</p> }.into_any(),
                    Ok(rows) => {
                        let (action, target, actor, _) = filter();
                        view! { <AuditTable rows action target actor/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(rows: Vec<AuditRow>, action: String, target: String, actor: String) -> impl IntoView {
    let i18n = use_i18n();
    let older = (rows.len() >= 100).then(|| {
        let cursor = rows
            .last()
            .map(|row| row.cursor.clone())
            .unwrap_or_default();
        format!(
            "/admin/audit?action={}&target={}&actor={}&before={}",
            encode(&action),
            encode(&target),
            encode(&actor),
            encode(&cursor)
        )
    });
    view! {
        <DataTable class="audit-table" test="audit-log" head=move || view! {
            <th scope="col">{t_string!(i18n, audit.when)}</th>
            <th scope="col">{t_string!(i18n, audit.actor)}</th>
            <th scope="col">{t_string!(i18n, audit.action)}</th>
            <th scope="col">{t_string!(i18n, audit.target)}</th>
        }>
            {rows.into_iter().map(|row| {
                let at = row.at.clone();
                let change = (row.before.is_some() || row.after.is_some()).then(|| view! {
                    <details class="audit-change">
                        <summary>{row.action.clone()}</summary>
                        {row.before.map(|before| view! { <p class="muted">{t_string!(i18n, audit.before)}</p><pre>{before}</pre> })}
                        {row.after.map(|after| view! { <p class="muted">{t_string!(i18n, audit.after)}</p><pre>{after}</pre> })}
                    </details>
                });
                view! {
                    <tr>
                        <td class="nowrap">{move || format_local(i18n, &at)}</td>
                        <td>{row.actor.unwrap_or_else(|| t_string!(i18n, audit.system).to_owned())}</td>
                        <td>{change.map_or_else(|| view! { <code>{row.action.clone()}</code> }.into_any(), IntoAny::into_any)}</td>
                        <td><code>{row.target}</code></td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
        {older.map(|href| view! { <p><a class="btn btn-secondary" href=href>{t_string!(i18n, audit.older)}</a></p> })}
    }
}

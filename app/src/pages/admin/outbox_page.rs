//! `/admin/mail` (*Surat keluar*): every message Juara sends, newest first,
//! with its state; a failed one shows the mail server's answer, its words (to
//! pass on by hand) and a button to send it again. Without a mail server every
//! message is shown whole: it was written to the outbox folder, not sent.
//! Admins only.

use crate::api::mail::{ResendMail, load_outbox};
use crate::components::data_table::DataTable;
use crate::components::dates::format_local;
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::{fill, mail_kind};
use crate::components::page_data::page_resource;
use crate::components::page_header::PageHeader;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::{MailDelivery, OutboxRow, OutboxView};
use domain::mail::MailState;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let outbox = page_resource(move || query.read().get("resent"), |_| load_outbox());
    view! {
        <PageHeader title=t_string!(i18n, mail.title) lead=t_string!(i18n, mail.lead)/>
        {move || query.read().get("resent").map(|_| view! {
            <p class="alert alert-success" role="status" data-test="mail-resent">{t_string!(i18n, mail.resent)}</p>
        })}
        {loaded_page(outbox, |data| view! { <Outbox data/> }.into_any())}
    }
}

#[component]
fn Outbox(data: OutboxView) -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendMail>::new();
    let error = action_error(resend);
    let delivery = match data.delivery {
        MailDelivery::Folder(dir) => fill(t_string!(i18n, mail.folder_note), &[("dir", dir)]),
        MailDelivery::Smtp(server) => fill(t_string!(i18n, mail.smtp_note), &[("server", server)]),
    };
    let counts = fill(
        t_string!(i18n, mail.counts),
        &[
            ("queued", data.queued.to_string()),
            ("sent", data.sent.to_string()),
            ("failed", data.failed.to_string()),
        ],
    );
    view! {
        <p class="muted" data-test="mail-delivery">{delivery}</p>
        <p data-test="mail-counts">{counts}</p>
        <FormAlert error/>
        {if data.messages.is_empty() {
            view! { <p class="empty-state">{t_string!(i18n, mail.empty)}</p> }.into_any()
        } else {
            view! {
                <DataTable test="outbox" head=move || view! {
                    <th scope="col">{t_string!(i18n, mail.col_created)}</th>
                    <th scope="col">{t_string!(i18n, mail.col_to)}</th>
                    <th scope="col">{t_string!(i18n, mail.col_subject)}</th>
                    <th scope="col">{t_string!(i18n, mail.col_state)}</th>
                }>
                    {data.messages.into_iter().map(|row| view! { <MessageRow row resend/> }).collect_view()}
                </DataTable>
            }.into_any()
        }}
    }
}

#[component]
fn MessageRow(row: OutboxRow, resend: ServerAction<ResendMail>) -> impl IntoView {
    let i18n = use_i18n();
    let created = row.created_at.clone();
    let kind = row.kind;
    let state = row.state;
    let (badge, state_label) = match state {
        MailState::Queued => ("badge badge-warning", t_string!(i18n, mail.state_queued)),
        MailState::Sent => ("badge badge-success", t_string!(i18n, mail.state_sent)),
        MailState::Failed => ("badge badge-danger", t_string!(i18n, mail.state_failed)),
    };
    let id = row.id.clone();
    view! {
        <tr data-test="mail" data-state=state.key() data-to=row.recipient.clone()>
            <td>{move || format_local(i18n, &created)}</td>
            <td>{row.recipient.clone()}</td>
            <td>
                <span class="muted">{move || mail_kind(i18n, kind)}</span><br/>
                {row.subject.clone()}
                {row.text.clone().map(|text| view! {
                    <details class="mail-text">
                        <summary>{t_string!(i18n, mail.show)}</summary>
                        <pre data-test="mail-text">{text}</pre>
                    </details>
                })}
            </td>
            <td>
                <span class=badge>{state_label}</span>
                {(row.attempts > 1).then(|| view! {
                    <br/><span class="muted">{fill(t_string!(i18n, mail.attempts), &[("count", row.attempts.to_string())])}</span>
                })}
                {row.retry_at.clone().map(|at| view! {
                    <br/><span class="muted">{move || fill(t_string!(i18n, mail.retry_at), &[("at", format_local(i18n, &at))])}</span>
                })}
                {row.last_error.clone().map(|answer| view! { <br/><span class="mono" data-test="mail-error">{answer}</span> })}
                {(state == MailState::Failed).then(|| view! {
                    <ActionForm action=resend attr:class="inline-form">
                        <input type="hidden" name="mail" value=id.to_string()/>
                        <button type="submit" class="btn btn-secondary btn-small" data-test="resend">{t_string!(i18n, mail.resend)}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

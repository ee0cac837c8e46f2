//! `/account` (*Akun saya*), for everyone signed in: where their messages go,
//! the language they are written in, and the news they may turn off. What a
//! person must act on (an invitation, a reset, an entry sent back, entries to
//! score) is listed as always sent, without a switch.

use crate::api::account::{SaveMailSettings, load_mail_settings};
use crate::components::auth::use_auth;
use crate::components::form::{FormAlert, SubmitButton, action_error};
use crate::components::labels::{language_name, mail_kind, mail_kind_words};
use crate::components::page_data::page_resource;
use crate::components::page_header::PageHeader;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::MailSettingsView;
use crate::tr;
use domain::mail::{Language, MailKind};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let settings = page_resource(move || query.read().get("saved"), |_| load_mail_settings());
    view! {
        <PageHeader title=t_string!(i18n, account.title) lead=t_string!(i18n, account.lead)/>
        {move || query.read().get("saved").map(|_| view! {
            <p class="alert alert-success" role="status" data-test="account-saved">{t_string!(i18n, account.saved)}</p>
        })}
        {loaded_page(settings, |data| view! { <MailSettingsForm data/> }.into_any())}
    }
}

#[component]
fn MailSettingsForm(data: MailSettingsView) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveMailSettings>::new();
    let error = action_error(save);
    let preferences = data.preferences;
    let language = preferences.language;
    // Only the kinds this person may receive: a judge has no entries' news to
    // turn off, an innovator no reminders.
    let roles = use_auth()
        .signed_in
        .get_value()
        .map(|user| user.roles)
        .unwrap_or_default();
    let optional: Vec<MailKind> = MailKind::ALL
        .iter()
        .copied()
        .filter(|kind| kind.optional() && roles.any(kind.audience()))
        .collect();
    view! {
        <ActionForm action=save attr:class="form card stack" attr:data-test="mail-settings">
            <h2 class="card-title">{t_string!(i18n, account.mail_title)}</h2>
            <FormAlert error/>
            <p>{t_string!(i18n, account.email)}" "<strong data-test="account-email">{data.email}</strong></p>
            <fieldset class="checkbox-group">
                <legend class="field-label">{t_string!(i18n, account.language)}</legend>
                {Language::ALL.iter().map(|choice| {
                    let choice = *choice;
                    view! {
                        <label class="check">
                            <input type="radio" name="language" value=choice.key() checked=choice == language/>
                            <span>{move || language_name(i18n, choice)}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="checkbox-group">
                <legend class="field-label">{t_string!(i18n, account.optional_title)}</legend>
                {optional.into_iter().map(|kind| {
                    let receiving = preferences.wants(kind);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("receive[{}]", kind.key()) value="on" checked=receiving
                                data-test=format!("receive-{}", kind.key())/>
                            <span>
                                {move || mail_kind(i18n, kind)}<br/>
                                <span class="muted">{move || mail_kind_words(i18n, kind).1}</span>
                            </span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <p class="muted">{t_string!(i18n, account.essential_note)}</p>
            <div class="form-actions">
                <SubmitButton pending=save.pending().into() label=tr!(i18n, account.save) busy_label=tr!(i18n, admin.saving)/>
            </div>
        </ActionForm>
    }
}

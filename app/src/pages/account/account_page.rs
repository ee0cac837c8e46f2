//! `/account` (*Akun saya*), for everyone signed in: where their messages go,
//! the language they are written in, and the news they may turn off. What a
//! person must act on (an invitation, a reset, an entry sent back, entries to
//! score) is listed as always sent, without a switch.

use crate::api::account::{SaveMailSettings, load_mail_settings};
use crate::components::auth::use_auth;
use crate::components::form::{FormAlert, SubmitButton, action_error};
use crate::components::labels::{I18n, mail_kind};
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
    let settings = Resource::new(move || query.read().get("saved"), |_| load_mail_settings());
    view! {
        <PageHeader title=t_string!(i18n, account.title) lead=t_string!(i18n, account.lead)/>
        {move || query.read().get("saved").map(|_| view! {
            <p class="alert alert-success" role="status" data-test="account-saved">{t!(i18n, account.saved)}</p>
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
            <h2 class="card-title">{t!(i18n, account.mail_title)}</h2>
            <FormAlert error/>
            <p>{t!(i18n, account.email)}" "<strong data-test="account-email">{data.email}</strong></p>
            <fieldset class="checkbox-group">
                <legend class="field-label">{t!(i18n, account.language)}</legend>
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
                <legend class="field-label">{t!(i18n, account.optional_title)}</legend>
                {optional.into_iter().map(|kind| {
                    let receiving = preferences.wants(kind);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("receive[{}]", kind.key()) value="on" checked=receiving
                                data-test=format!("receive-{}", kind.key())/>
                            <span>
                                {move || mail_kind(i18n, kind)}<br/>
                                <span class="muted">{move || hint(i18n, kind)}</span>
                            </span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <p class="muted">{t!(i18n, account.essential_note)}</p>
            <div class="form-actions">
                <SubmitButton pending=save.pending().into() label=tr!(i18n, account.save) busy_label=tr!(i18n, admin.saving)/>
            </div>
        </ActionForm>
    }
}

fn language_name(i18n: I18n, language: Language) -> String {
    match language {
        Language::Indonesian => t_string!(i18n, lang.id_long),
        Language::English => t_string!(i18n, lang.en_long),
    }
    .to_string()
}

/// When an optional kind is sent, for its switch.
fn hint(i18n: I18n, kind: MailKind) -> String {
    match kind {
        MailKind::EntryEndorsed => t_string!(i18n, account.hint_entry_endorsed),
        MailKind::EntrySubmitted => t_string!(i18n, account.hint_entry_submitted),
        MailKind::ScreeningOutcome => t_string!(i18n, account.hint_screening_outcome),
        MailKind::StageResult => t_string!(i18n, account.hint_stage_result),
        MailKind::ClosingReminder => t_string!(i18n, account.hint_closing_reminder),
        MailKind::CommitteeDigest => t_string!(i18n, account.hint_committee_digest),
        MailKind::Invitation
        | MailKind::PasswordReset
        | MailKind::EntryReturned
        | MailKind::ObjectionReceipt
        | MailKind::ObjectionAnswer
        | MailKind::JudgeAssignments => "",
    }
    .to_string()
}

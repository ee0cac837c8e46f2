//! `/invite/:token`: a person invited by the committee sets their own password.
//! The link works once, for 7 days; then they sign in.

use crate::api::people::{AcceptInvitation, load_invitation};
use crate::components::form::{FormAlert, SubmitButton, TextField, action_error};
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::status::set_status;
use crate::i18n::*;
use crate::model::InviteView;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The page.
#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = page_resource(token, load_invitation);
    view! {
        <Title text=t_string!(i18n, people.set_title).to_string()/>
        // The token is a secret: keep it out of search engines and referrers.
        <Meta name="robots" content="noindex"/>
        <div class="container-narrow">
            <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Ok(view) => view! { <SetPassword view token=token()/> }.into_any(),
                        Err(_) => {
                            set_status(404);
                            view! { <p class="alert alert-warning" data-test="invite-expired">{t_string!(i18n, people.expired)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SetPassword(view: InviteView, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = action_error(accept);
    let lead = fill(
        t_string!(i18n, people.set_lead),
        &[("email", view.email.clone())],
    );
    view! {
        <section class="card login-card">
            <h1>{t_string!(i18n, people.set_title)}</h1>
            <p class="lead">{view.name}</p>
            <p>{lead}</p>
            <ActionForm action=accept attr:class="form" attr:data-test="invite-form">
                <FormAlert error/>
                <input type="hidden" name="token" value=token/>
                // Lets password managers file the new password under the right account.
                <input type="email" name="username" value=view.email autocomplete="username" hidden/>
                <TextField name="password" kind="password" autocomplete="new-password" required=true
                    label=tr!(i18n, people.password) error/>
                <TextField name="repeated" kind="password" autocomplete="new-password" required=true
                    label=tr!(i18n, people.repeated) error/>
                <div class="form-actions">
                    <SubmitButton pending=accept.pending().into() label=tr!(i18n, people.set) busy_label=tr!(i18n, admin.saving)/>
                </div>
            </ActionForm>
        </section>
    }
}

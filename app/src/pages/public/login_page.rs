//! `/login`: a plain form that posts to the `login` server function, so it works
//! before the wasm has loaded and with JavaScript off.

use crate::api::auth::demo_hint;
use crate::components::auth::use_auth;
use crate::components::form::{FormAlert, SubmitButton, TextField, action_error};
use crate::i18n::*;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = action_error(auth.login);
    let demo = Resource::new(|| (), |_| demo_hint());
    view! {
        <Title text=move || t_string!(i18n, login.title)/>
        <div class="container-narrow">
            <section class="card login-card">
                <h1>{t!(i18n, login.title)}</h1>
                <p class="lead">{t!(i18n, login.lead)}</p>
                <ActionForm action=auth.login attr:class="form" attr:data-test="login-form">
                    <FormAlert error/>
                    <input type="hidden" name="next" value=next/>
                    <TextField name="email" kind="email" autocomplete="username" required=true
                        label=tr!(i18n, login.email) error/>
                    <TextField name="password" kind="password" autocomplete="current-password" required=true
                        label=tr!(i18n, login.password) error/>
                    <div class="form-actions">
                        <SubmitButton pending=auth.login.pending().into()
                            label=tr!(i18n, login.submit) busy_label=tr!(i18n, login.busy)/>
                    </div>
                </ActionForm>
            </section>
            <Suspense>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|demo| view! {
                        <section class="card demo-accounts" data-test="demo-accounts">
                            <h2 class="card-title">{t!(i18n, login.demo_title)}</h2>
                            <p>{t!(i18n, login.demo_hint)}" "<code>{demo.password.clone()}</code></p>
                            <table class="table">
                                <tbody>
                                    {demo.accounts.iter().map(|(email, role)| view! {
                                        <tr><td><code>{email.clone()}</code></td><td>{role.clone()}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    })
                })}
            </Suspense>
        </div>
    }
}

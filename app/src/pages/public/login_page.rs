//! `/login`: a plain form that posts to the `login` server function, so it works
//! before the wasm has loaded and with JavaScript off.

use crate::api::auth::{Login, load_demo_accounts};
use crate::components::form::{FormAlert, SubmitButton, TextField, action_error};
use crate::components::labels::role;
use crate::components::page_data::page_resource;
use crate::error::AppError;
use crate::i18n::*;
use crate::tr;
use domain::role::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    // Created here, inside the routes, so that after a plain (no-JavaScript) post
    // the error the server put in the URL reaches this form.
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = action_error(login);
    // After setting a password from an invitation, the e-mail comes filled in.
    let email = Signal::derive(move || match error.get() {
        Some(AppError::BadCredentials { email }) => email,
        _ => query.read().get("email").unwrap_or_default(),
    });
    let password_set = move || query.read().get("password_set").is_some();
    let demo = page_resource(|| (), |_| load_demo_accounts());
    view! {
        <Title text=t_string!(i18n, login.title).to_string()/>
        <div class="container-narrow">
            <section class="card login-card">
                <h1>{t_string!(i18n, login.title)}</h1>
                <p class="lead">{t_string!(i18n, login.lead)}</p>
                <Show when=password_set>
                    <p class="alert alert-success" role="status" data-test="password-set">{t_string!(i18n, people.set_done)}</p>
                </Show>
                <ActionForm action=login attr:class="form" attr:data-test="login-form">
                    <FormAlert error/>
                    <input type="hidden" name="next" value=next/>
                    <TextField name="email" kind="email" autocomplete="username" required=true
                        label=tr!(i18n, login.email) value=email error/>
                    <TextField name="password" kind="password" autocomplete="current-password" required=true
                        label=tr!(i18n, login.password) error/>
                    <div class="form-actions">
                        <SubmitButton pending=login.pending().into()
                            label=tr!(i18n, login.submit) busy_label=tr!(i18n, login.busy)/>
                    </div>
                </ActionForm>
            </section>
            <Suspense>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|demo| view! {
                        <section class="card demo-accounts" data-test="demo-accounts">
                            <h2 class="card-title">{t_string!(i18n, login.demo_title)}</h2>
                            <p>{t_string!(i18n, login.demo_hint)}" "<code>{demo.password.clone()}</code></p>
                            <table class="table">
                                <tbody>
                                    {demo.accounts.iter().map(|(email, roles)| {
                                        let roles = roles.clone();
                                        let labels = move || roles
                                            .split(", ")
                                            .map(|key| key.parse::<Role>().map_or(key.to_owned(), |r| role(i18n, r)))
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! { <tr><td><code>{email.clone()}</code></td><td>{labels}</td></tr> }
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

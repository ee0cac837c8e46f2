//! Accounts: the committee's list and actions, and the public invitation page
//! where a person sets their own password.

use crate::error::AppError;
use crate::model::{AccountRow, InviteView};
use domain::ids::UserId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Every account; admins and observers.
#[server(prefix = "/api", endpoint = "load_accounts")]
pub async fn load_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::people::list(&state()?.db).await)
}

/// Creates an account (`roles[KEY]=on`) and sends the person their invitation.
#[server(prefix = "/api", endpoint = "create_account")]
pub async fn create_account(
    email: String,
    #[server(default)] name: String,
    #[server(default)] roles: BTreeMap<String, String>,
    #[server(default)] org: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::people::{self, NewAccount};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let input = NewAccount {
        email: email.clone(),
        name: name.clone(),
        roles: roles.into_keys().collect(),
        org: org.clone(),
    };
    let state = state()?;
    respond(
        people::create(
            &state.db,
            &admin.id,
            &input,
            &crate::api::guard::site(&state),
            now(),
        )
        .await
        .map_err(|error| {
            error.with_echo(&[
                ("email", email.as_str()),
                ("name", name.as_str()),
                ("org", org.as_str()),
            ])
        }),
    )?;
    leptos_axum::redirect(&format!(
        "/admin/accounts?invited={}",
        crate::components::labels::url_encode(&email)
    ));
    Ok(())
}

/// Sends account `user` a new invitation link (also a password reset).
#[server(prefix = "/api", endpoint = "invite_account")]
pub async fn invite_account(user: UserId, email: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::people::invite(
            &state.db,
            &admin.id,
            &user,
            &crate::api::guard::site(&state),
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!(
        "/admin/accounts?invited={}",
        crate::components::labels::url_encode(&email)
    ));
    Ok(())
}

/// Deactivates (`active` empty) or reactivates (`active=on`) account `user`.
#[server(prefix = "/api", endpoint = "set_account_active")]
pub async fn set_account_active(
    user: UserId,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let active = active == "on";
    respond(
        crate::backend::service::people::set_active(&state()?.db, &admin.id, &user, active).await,
    )?;
    leptos_axum::redirect(if active {
        "/admin/accounts?activated=1"
    } else {
        "/admin/accounts?deactivated=1"
    });
    Ok(())
}

/// Imports accounts from CSV text.
#[server(prefix = "/api", endpoint = "import_accounts")]
pub async fn import_accounts(csv: String) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let count = respond(
        crate::backend::service::people::import_csv(&state()?.db, &admin.id, &csv)
            .await
            .map_err(|error| error.with_echo(&[("csv", csv.as_str())])),
    )?;
    leptos_axum::redirect(&format!("/admin/accounts?imported={count}"));
    Ok(())
}

/// Whose invitation `token` is; public (the token is the secret).
#[server(prefix = "/api", endpoint = "load_invitation")]
pub async fn load_invitation(token: String) -> Result<InviteView, AppError> {
    use crate::api::guard::{now, respond, state};
    respond(crate::backend::service::people::invitation(&state()?.db, &token, now()).await)
}

/// Sets the invited person's password, then sends them to sign in.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    password: String,
    repeated: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, respond, state};
    let email = respond(
        crate::backend::service::people::accept(&state()?.db, &token, &password, &repeated, now())
            .await,
    )?;
    leptos_axum::redirect(&format!(
        "/login?password_set=1&email={}",
        crate::components::labels::url_encode(&email)
    ));
    Ok(())
}

//! The outbox (*Surat keluar*): admins only, since a message's words may hold
//! a person's one-time link.

use crate::error::AppError;
use crate::model::OutboxView;
use domain::ids::MailId;
use leptos::prelude::*;

/// The newest messages and how many stand in each state.
#[server(prefix = "/api", endpoint = "load_outbox")]
pub async fn load_outbox() -> Result<OutboxView, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin]).await?;
    let state = state()?;
    respond(crate::backend::service::outbox::view(&state.db, &state.settings.mail).await)
}

/// Puts failed message `mail` back in the queue. A plain form post.
#[server(prefix = "/api", endpoint = "resend_mail")]
pub async fn resend_mail(mail: MailId) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(crate::backend::service::outbox::resend(&state()?.db, &admin.id, &mail, now()).await)?;
    leptos_axum::redirect("/admin/mail?resent=1");
    Ok(())
}

//! A signed-in person's own account page: the language of their messages and
//! the optional kinds they receive. Each person reads and sets only their own.

use crate::error::AppError;
use crate::model::MailSettingsView;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The signed-in person's mail settings.
#[server(prefix = "/api", endpoint = "load_mail_settings")]
pub async fn load_mail_settings() -> Result<MailSettingsView, AppError> {
    use crate::api::guard::{require, respond, state};
    let user = require(&[]).await?;
    respond(crate::backend::service::mail_settings::view(&state()?.db, &user.id).await)
}

/// Stores the signed-in person's mail settings: `language` (`id` or `en`) and
/// the optional kinds ticked to receive (`receive[KIND]=on`); every optional
/// kind offered to them and not ticked is turned off. A plain form post.
#[server(prefix = "/api", endpoint = "save_mail_settings")]
pub async fn save_mail_settings(
    language: String,
    #[server(default)] receive: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::guard::{fail, require, respond, state};
    use crate::error::Problem;
    use domain::mail::{Language, MailKind, MailPreferences};
    let user = require(&[]).await?;
    let Ok(language) = language.parse::<Language>() else {
        return Err(fail(AppError::field(
            "language",
            Problem::UnknownChoice { given: language },
        )));
    };
    // Only the kinds offered to this person (those their roles receive) are
    // read from the form; the rest stay on, for a role they may be given later.
    let muted = MailKind::ALL
        .iter()
        .copied()
        .filter(|kind| kind.optional() && user.roles.any(kind.audience()))
        .filter(|kind| !receive.contains_key(kind.key()))
        .collect();
    let preferences = MailPreferences { language, muted };
    respond(
        crate::backend::service::mail_settings::save(&state()?.db, &user.id, preferences).await,
    )?;
    leptos_axum::redirect("/account?saved=1");
    Ok(())
}

//! A person's own mail settings: the language of their messages and the
//! optional kinds they turned off. Each person sets only their own.

use crate::backend::db::Db;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::recipients;
use crate::error::AppError;
use crate::model::MailSettingsView;
use domain::ids::UserId;
use domain::mail::MailPreferences;

/// `user`'s settings.
pub async fn view(db: &Db, user: &UserId) -> Result<MailSettingsView, AppError> {
    let recipient = recipients::account(db, user)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(MailSettingsView {
        email: recipient.email,
        preferences: recipient.preferences,
    })
}

/// Stores `preferences` as `user`'s own (kinds that cannot be turned off are
/// dropped from the muted ones), with an audit event.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(db: &Db, user: &UserId, preferences: MailPreferences) -> Result<(), AppError> {
    let preferences = preferences.normalised();
    execute_atomically(
        db,
        vec![
            recipients::set_preferences_statement(user, &preferences),
            audit::statement(NewAuditEvent {
                actor: Some(user),
                action: "user.mail_settings",
                target: format!("user:{user}"),
                before: None,
                after: Some(serde_json::json!(preferences)),
            }),
        ],
    )
    .await?;
    Ok(())
}

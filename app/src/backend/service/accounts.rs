//! Signing in and out, sessions, and creating accounts.

use crate::backend::auth::{password, session};
use crate::backend::db::{Db, DbError};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::{sessions, users};
use crate::backend::state::Settings;
use crate::error::{AppError, Problem};
use crate::model::CurrentUser;
use domain::account;
use domain::ids::OrgId;
use domain::ids::UserId;
use domain::role::{Role, Roles};
use jiff::{SignedDuration, Timestamp};

/// Turns a stored account into what pages see.
fn current_user(record: users::UserRecord) -> CurrentUser {
    CurrentUser {
        id: record.id,
        email: record.email,
        name: record.name,
        roles: Roles::new(
            record
                .roles
                .iter()
                .filter_map(|role| role.parse::<Role>().ok()),
        ),
        org: record.org,
        org_name: record.org_name,
    }
}

/// A successful sign-in: who, and the token for the cookie.
#[derive(Debug)]
pub struct SignedIn {
    /// The person.
    pub user: CurrentUser,
    /// The new session's token (cookie value).
    pub token: String,
}

/// Checks the e-mail and password and opens a new session. An unknown e-mail, a
/// wrong password and a deactivated account all answer `BadCredentials`, after the
/// same Argon2 work.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn sign_in(
    db: &Db,
    settings: &Settings,
    email: &str,
    password_given: &str,
    now: Timestamp,
) -> Result<SignedIn, AppError> {
    let typed = email.trim().to_owned();
    let email = account::normalise_email(email).unwrap_or_default();
    let record = if email.is_empty() {
        None
    } else {
        users::find_by_email(db, &email).await?
    };
    let stored = record.as_ref().and_then(|user| user.password_hash.clone());
    let matches = password::verify_off_executor(password_given.to_owned(), stored).await;
    let Some(record) = record.filter(|user| matches && user.active) else {
        return Err(AppError::BadCredentials { email: typed });
    };
    let (token, key) = session::new_token();
    let expires_at = now + duration(settings.session_absolute);
    sessions::create(db, &key, &record.id, now, expires_at).await?;
    Ok(SignedIn {
        user: current_user(record),
        token,
    })
}

/// The person signed in by `token`, if its session is still valid. Ends sessions
/// past their idle or absolute expiry, and restarts the idle clock at most once a
/// minute (so that reading pages does not write on every request).
pub async fn user_for_token(
    db: &Db,
    settings: &Settings,
    token: &str,
    now: Timestamp,
) -> Result<Option<CurrentUser>, DbError> {
    let key = session::storage_key(token);
    let Some(stored) = sessions::find(db, &key).await? else {
        return Ok(None);
    };
    let idle_deadline = stored.last_seen_at + duration(settings.session_idle);
    if now >= stored.expires_at || now >= idle_deadline {
        sessions::delete(db, &key).await?;
        return Ok(None);
    }
    let Some(record) = users::find(db, &stored.user)
        .await?
        .filter(|user| user.active)
    else {
        sessions::delete(db, &key).await?;
        return Ok(None);
    };
    // Two requests of one page (the page and the service worker keeping it) may
    // both restart the idle clock; if one loses that race the request still
    // stands — the other has moved the clock.
    if now.duration_since(stored.last_seen_at) >= SignedDuration::from_secs(60)
        && let Err(error) = sessions::touch(db, &key, now).await
    {
        tracing::warn!(%error, "could not restart a session's idle clock");
    }
    Ok(Some(current_user(record)))
}

/// Ends the session of `token` on the server.
pub async fn sign_out(db: &Db, token: &str) -> Result<(), DbError> {
    sessions::delete(db, &session::storage_key(token)).await
}

/// Removes expired sessions (run periodically).
pub async fn purge_sessions(db: &Db, settings: &Settings, now: Timestamp) -> Result<(), DbError> {
    sessions::delete_stale(db, now, now - duration(settings.session_idle)).await
}

fn duration(std: std::time::Duration) -> SignedDuration {
    SignedDuration::try_from(std).unwrap_or(SignedDuration::MAX)
}

/// A new account's details, as the CLI or an admin gives them.
#[derive(Debug, Clone)]
pub struct AccountRequest {
    /// E-mail (any case).
    pub email: String,
    /// Display name; the part before `@` when empty.
    pub name: String,
    /// Password in clear; hashed here.
    pub password: String,
    pub roles: Roles,
    /// Organisation key or exact name.
    pub org: Option<String>,
}

/// Creates an account. Field problems come back as `AppError::Invalid`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn add_account(
    db: &Db,
    actor: Option<&UserId>,
    request: AccountRequest,
) -> Result<UserId, AppError> {
    let email = account::normalise_email(&request.email)?;
    account::check_password(&request.password)?;
    if request.roles.is_empty() {
        return Err(AppError::field("roles", Problem::Required));
    }
    let org = match request
        .org
        .as_deref()
        .map(str::trim)
        .filter(|org| !org.is_empty())
    {
        None => None,
        Some(given) => Some(resolve_org(db, given).await?),
    };
    let password_hash = password::hash_off_executor(request.password)
        .await
        .map_err(|error| {
            tracing::error!(%error, "hashing failed");
            AppError::Internal
        })?;
    let name = match request.name.trim() {
        "" => email.split('@').next().unwrap_or_default().to_owned(),
        name => name.to_owned(),
    };
    let new = users::NewUser {
        key: None,
        email: email.clone(),
        name,
        password_hash: Some(password_hash),
        roles: request
            .roles
            .as_slice()
            .iter()
            .map(|role| role.key().to_owned())
            .collect(),
        org,
    };
    let id = UserId::from(new.key.clone().unwrap_or_else(new_key));
    execute_atomically(
        db,
        vec![
            users::create_statement(&id, &new),
            audit::statement(NewAuditEvent {
                actor,
                action: "user.create",
                target: format!("user:{id}"),
                before: None,
                after: Some(
                    serde_json::json!({ "email": email, "roles": new.roles, "org": new.org }),
                ),
            }),
        ],
    )
    .await
    .map_err(|error| match error {
        DbError::Unique { .. } => AppError::field("email", Problem::Taken),
        other => other.into(),
    })?;
    Ok(id)
}

async fn resolve_org(db: &Db, given: &str) -> Result<OrgId, AppError> {
    use crate::backend::repo::organisations;
    if let Some(org) = organisations::find(db, &OrgId::from(given)).await? {
        return Ok(org.id);
    }
    match organisations::find_by_name(db, given).await? {
        Some(org) => Ok(org.id),
        None => Err(AppError::field(
            "org",
            Problem::UnknownReference {
                given: given.to_owned(),
            },
        )),
    }
}

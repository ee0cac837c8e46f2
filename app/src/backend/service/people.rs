//! The committee manages accounts: creates them (one by one or from CSV),
//! invites people to set their own password through a one-time link (also how a
//! password is reset), and deactivates or reactivates them. Nobody, not even an
//! admin, ever sees or chooses another person's password.

use crate::backend::auth::{password, session};
use crate::backend::db::{Db, DbError};
use crate::backend::mail::{letters, outgoing};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::mail::NewMail;
use crate::backend::repo::recipients;
use crate::backend::repo::{invites, mail, organisations, users};
use crate::error::{AppError, FieldError, Problem};
use crate::model::{AccountRow, InviteView};
use domain::account::{self, AccountError};
use domain::ids::MailId;
use domain::ids::OrgId;
use domain::ids::UserId;
use domain::mail::{Language, MailKind};
use domain::role::Role;
use jiff::{SignedDuration, Timestamp};
use std::collections::{HashMap, HashSet};

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;

/// Every account, by name.
pub async fn list(db: &Db) -> Result<Vec<AccountRow>, AppError> {
    Ok(users::list(db)
        .await?
        .into_iter()
        .map(|user| AccountRow {
            id: user.id,
            name: user.name,
            email: user.email,
            roles: user.roles,
            org_name: user.org_name,
            active: user.active,
            has_password: user.password_hash.is_some(),
        })
        .collect())
}

/// A new account as the form gives it.
#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    /// E-mail.
    pub email: String,
    /// Name (the part before `@` when empty).
    pub name: String,
    /// Role keys.
    pub roles: Vec<String>,
    /// Organisation: key or exact name; empty for none.
    pub org: String,
}

/// A checked account, ready to store.
struct Checked {
    email: String,
    name: String,
    roles: Vec<String>,
    org: Option<OrgId>,
}

/// Checks one account's fields; `orgs` maps keys and lower-case names to keys.
fn check(input: &NewAccount, orgs: &HashMap<String, OrgId>) -> Result<Checked, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut refuse = |field: &str, problem: Problem| {
        problems.push(FieldError {
            field: field.into(),
            problem,
        });
    };
    let email = account::normalise_email(&input.email).unwrap_or_else(|_: AccountError| {
        refuse("email", Problem::BadEmail);
        String::new()
    });
    let mut roles = Vec::new();
    for given in &input.roles {
        match given.trim().parse::<Role>() {
            Ok(role) => roles.push(role.key().to_owned()),
            Err(_) => refuse(
                "roles",
                Problem::UnknownChoice {
                    given: given.clone(),
                },
            ),
        }
    }
    if input.roles.is_empty() {
        refuse("roles", Problem::Required);
    }
    let org = match input.org.trim() {
        "" => None,
        given => match orgs.get(given).or_else(|| orgs.get(&given.to_lowercase())) {
            Some(key) => Some(key.clone()),
            None => {
                refuse(
                    "org",
                    Problem::UnknownReference {
                        given: given.to_owned(),
                    },
                );
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let name = match input.name.trim() {
        "" => email.split('@').next().unwrap_or_default().to_owned(),
        name => name.to_owned(),
    };
    Ok(Checked {
        email,
        name,
        roles,
        org,
    })
}

async fn organisation_keys(db: &Db) -> Result<HashMap<String, OrgId>, AppError> {
    let mut keys = HashMap::new();
    for org in organisations::list(db).await? {
        keys.insert(org.name.to_lowercase(), org.id.clone());
        keys.insert(org.id.to_string(), org.id);
    }
    Ok(keys)
}

fn taken(error: DbError, field: &str) -> AppError {
    match error {
        DbError::Unique { .. } => AppError::field(field, Problem::Taken),
        other => other.into(),
    }
}

/// The message that carries `token`'s link (on the site at `site`, e.g.
/// `https://juara.malangkota.go.id`) to the account's owner, in `language`
/// (a new account's is Bahasa Indonesia until its owner chooses).
fn invitation_mail(
    kind: MailKind,
    (user, email, name): (&UserId, &str, &str),
    language: Language,
    site: &str,
    token: &str,
) -> NewMail {
    let link = outgoing::link(site, &format!("/invite/{token}"));
    let letter = letters::invitation(kind, language, name, &link, INVITE_DAYS);
    NewMail {
        id: MailId::from(new_key()),
        kind,
        recipient: email.to_owned(),
        user: Some(user.clone()),
        language,
        subject: letter.subject,
        text: letter.text,
        html: letter.html,
        attachments: Vec::new(),
    }
}

/// Creates an account with no password and an invitation, and puts the
/// invitation's message to the person in the outbox (all or nothing). Returns
/// the invitation's token; the committee never sees it unless the message
/// fails (then the *Surat keluar* page shows it, to pass on by hand).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create(
    db: &Db,
    actor: &UserId,
    input: &NewAccount,
    site: &str,
    now: Timestamp,
) -> Result<String, AppError> {
    let checked = check(input, &organisation_keys(db).await?).map_err(AppError::invalid)?;
    let id = UserId::from(new_key());
    let (token, key) = session::new_token();
    let message = invitation_mail(
        MailKind::Invitation,
        (&id, &checked.email, &checked.name),
        Language::default(),
        site,
        &token,
    );
    let new = users::NewUser {
        key: Some(id.to_string()),
        email: checked.email.clone(),
        name: checked.name,
        password_hash: None,
        roles: checked.roles.clone(),
        org: checked.org.clone(),
    };
    execute_atomically(
        db,
        vec![
            users::create_statement(&id, &new),
            mail::enqueue_statement(std::slice::from_ref(&message), now),
            invites::issue_statement(&key, &id, now, now + SignedDuration::from_hours(24 * INVITE_DAYS)),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "user.create",
                target: format!("user:{id}"),
                before: None,
                after: Some(serde_json::json!({ "email": checked.email, "roles": checked.roles, "org": checked.org, "invited": true })),
            }),
        ],
    )
    .await
    .map_err(|error| taken(error, "email"))?;
    Ok(token)
}

/// A new invitation for `user` (a new person's, or a password reset), sent
/// to them as [`create`]'s is: earlier links stop working; the current
/// password works until the new one is set.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn invite(
    db: &Db,
    actor: &UserId,
    user: &UserId,
    site: &str,
    now: Timestamp,
) -> Result<String, AppError> {
    let account = users::find(db, user).await?.ok_or(AppError::NotFound)?;
    if !account.active {
        return Err(AppError::Conflict(Problem::AccountInactive));
    }
    let (token, key) = session::new_token();
    let kind = if account.password_hash.is_some() {
        MailKind::PasswordReset
    } else {
        MailKind::Invitation
    };
    let language = recipients::account(db, user)
        .await?
        .map(|recipient| recipient.preferences.language)
        .unwrap_or_default();
    let message = invitation_mail(
        kind,
        (user, &account.email, &account.name),
        language,
        site,
        &token,
    );
    execute_atomically(
        db,
        vec![
            mail::enqueue_statement(std::slice::from_ref(&message), now),
            invites::issue_statement(
                &key,
                user,
                now,
                now + SignedDuration::from_hours(24 * INVITE_DAYS),
            ),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "user.invite",
                target: format!("user:{user}"),
                before: None,
                after: Some(serde_json::json!({ "email": account.email })),
            }),
        ],
    )
    .await?;
    Ok(token)
}

/// Deactivates (ending its sessions and links) or reactivates `user`. Admins
/// cannot deactivate themselves: someone must be left to undo it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_active(
    db: &Db,
    actor: &UserId,
    user: &UserId,
    active: bool,
) -> Result<(), AppError> {
    if !active && actor == user {
        return Err(AppError::Forbidden);
    }
    let account = users::find(db, user).await?.ok_or(AppError::NotFound)?;
    execute_atomically(
        db,
        vec![
            invites::set_active_statement(user, active),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: if active {
                    "user.activate"
                } else {
                    "user.deactivate"
                },
                target: format!("user:{user}"),
                before: Some(serde_json::json!({ "active": account.active })),
                after: Some(serde_json::json!({ "active": active })),
            }),
        ],
    )
    .await?;
    Ok(())
}

/// Whose invitation `token` is, while it works.
pub async fn invitation(db: &Db, token: &str, now: Timestamp) -> Result<InviteView, AppError> {
    let invite = invites::find(db, &session::storage_key(token))
        .await?
        .filter(|invite| invite.active && invite.expires_at > now)
        .ok_or(AppError::NotFound)?;
    Ok(InviteView {
        email: invite.email,
        name: invite.name,
    })
}

/// Sets the password of the invited account; the link then stops working and
/// every session of the account ends. Returns the account's e-mail.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn accept(
    db: &Db,
    token: &str,
    new_password: &str,
    repeated: &str,
    now: Timestamp,
) -> Result<String, AppError> {
    let invite = invites::find(db, &session::storage_key(token))
        .await?
        .filter(|invite| invite.active && invite.expires_at > now)
        .ok_or(AppError::NotFound)?;
    account::check_password(new_password)?;
    if new_password != repeated {
        return Err(AppError::field("repeated", Problem::PasswordsDiffer));
    }
    let hash = password::hash_off_executor(new_password.to_owned())
        .await
        .map_err(|error| {
            tracing::error!(%error, "hashing failed");
            AppError::Internal
        })?;
    execute_atomically(
        db,
        vec![
            invites::accept_statement(&invite.user, &hash),
            audit::statement(NewAuditEvent {
                actor: Some(&invite.user),
                action: "user.password_set",
                target: format!("user:{}", invite.user),
                before: None,
                after: None,
            }),
        ],
    )
    .await?;
    Ok(invite.email)
}

/// Imports accounts from CSV with the header `email,name,roles,org` (roles
/// separated by `;`, the organisation by key or exact name). Every row is checked
/// first, duplicates within the file and with existing accounts included; if any
/// row is wrong nothing is imported and each wrong row is reported with its line.
/// The accounts have no password: the committee invites each from the list.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn import_csv(db: &Db, actor: &UserId, csv_text: &str) -> Result<usize, AppError> {
    let orgs = organisation_keys(db).await?;
    let existing: HashSet<String> = users::list(db)
        .await?
        .into_iter()
        .map(|user| user.email)
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| AppError::field("csv", Problem::BadCsv))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let column = |name: &str| headers.iter().position(|header| header == name);
    let (Some(email_col), Some(roles_col)) = (column("email"), column("roles")) else {
        return Err(AppError::field("csv", Problem::BadCsv));
    };
    let (name_col, org_col) = (column("name"), column("org"));
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let row_error = |problem: Problem| FieldError {
            field: "csv".into(),
            problem: Problem::CsvRow {
                line,
                detail: Box::new(problem),
            },
        };
        let Ok(record) = record else {
            errors.push(row_error(Problem::BadCsv));
            continue;
        };
        let get = |col: Option<usize>| {
            col.and_then(|col| record.get(col))
                .unwrap_or_default()
                .to_owned()
        };
        let input = NewAccount {
            email: get(Some(email_col)),
            name: get(name_col),
            roles: get(Some(roles_col))
                .split([';', '|', ' '])
                .filter(|role| !role.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            org: get(org_col),
        };
        match check(&input, &orgs) {
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|problem| row_error(problem.problem)),
            ),
            Ok(checked)
                if existing.contains(&checked.email) || !seen.insert(checked.email.clone()) =>
            {
                errors.push(row_error(Problem::Taken));
            }
            Ok(checked) => rows.push(serde_json::json!({
                "key": new_key(),
                "email": checked.email,
                "name": checked.name,
                "roles": checked.roles,
                "org": checked.org,
            })),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    if rows.is_empty() {
        return Err(AppError::field("csv", Problem::Required));
    }
    let count = rows.len();
    execute_atomically(
        db,
        vec![
            invites::create_accounts_statement(&rows),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "user.import",
                target: "user:*".into(),
                before: None,
                after: Some(serde_json::json!({ "accounts": rows.iter().map(|row| &row["email"]).collect::<Vec<_>>() })),
            }),
        ],
    )
    .await
    .map_err(|error| taken(error, "csv"))?;
    Ok(count)
}

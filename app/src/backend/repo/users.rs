//! Accounts.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{
    Binding, Statement, de_key, de_opt_key, execute_atomically, new_key, query_one, query_rows,
};
use crate::binds;
use domain::ids::OrgId;
use domain::ids::UserId;
use serde::Deserialize;

/// An account as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct UserRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: UserId,
    /// Lowercased e-mail.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id PHC string; none for an account that has not set a password.
    pub password_hash: Option<String>,
    /// Role keys.
    pub roles: Vec<String>,
    /// Organisation key.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org: Option<OrgId>,
    /// Organisation name.
    #[serde(default)]
    pub org_name: Option<String>,
    /// Deactivated accounts cannot sign in.
    pub active: bool,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Fixed key (demo data); otherwise generated.
    pub key: Option<String>,
    /// Lowercased e-mail.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id hash.
    pub password_hash: Option<String>,
    /// Role keys.
    pub roles: Vec<String>,
    /// Organisation key.
    pub org: Option<OrgId>,
}

const SELECT: &str =
    "SELECT id, email, name, password_hash, roles, org, org.name AS org_name, active FROM user";

/// The account with this (lowercased) e-mail.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRecord>, DbError> {
    let sql = format!("{SELECT} WHERE email = $email LIMIT 1;");
    query_one(db, &sql, binds![("email", Binding::of(&email))]).await
}

/// The account with this key.
pub async fn find(db: &Db, id: &UserId) -> Result<Option<UserRecord>, DbError> {
    let sql = format!("{SELECT} WHERE id = $id;");
    query_one(db, &sql, binds![("id", Binding::id(id))]).await
}

/// Every account, by name.
pub async fn list(db: &Db) -> Result<Vec<UserRecord>, DbError> {
    query_rows(db, &format!("{SELECT} ORDER BY name;"), Vec::new(), 0).await
}

/// Creates an account and returns its key. A taken e-mail is `DbError::Unique`.
pub async fn create(db: &Db, user: &NewUser) -> Result<UserId, DbError> {
    let key = UserId::from(user.key.clone().unwrap_or_else(new_key));
    execute_atomically(db, vec![create_statement(&key, user)]).await?;
    Ok(key)
}

/// The statement that creates the account `key`.
#[must_use]
pub fn create_statement(key: &UserId, user: &NewUser) -> Statement {
    Statement::new(
        "CREATE $id SET email = $email, name = $name, password_hash = $hash, roles = $roles, org = $org;",
        binds![
            ("id", Binding::id(key)),
            ("email", Binding::of(&user.email)),
            ("name", Binding::of(&user.name)),
            ("hash", Binding::of(&user.password_hash)),
            ("roles", Binding::of(&user.roles)),
            ("org", Binding::optional_id(user.org.as_ref())),
        ],
    )
}

/// How many accounts exist.
pub async fn count(db: &Db) -> Result<i64, DbError> {
    let rows: Vec<i64> =
        query_rows(db, "RETURN count(SELECT id FROM user);", Vec::new(), 0).await?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

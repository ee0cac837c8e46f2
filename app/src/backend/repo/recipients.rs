//! Who hears of what: the people a message goes to, with the language they
//! read in and the kinds they turned off, and the account page's setting of
//! both.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, de_key, query_rows};
use crate::binds;
use domain::ids::{EntryId, OrgId, UserId};
use domain::mail::{Language, MailKind, MailPreferences};
use serde::Deserialize;

/// A person a message may go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user: UserId,
    pub email: String,
    pub name: String,
    pub preferences: MailPreferences,
}

#[derive(Deserialize)]
struct RecipientRow {
    #[serde(deserialize_with = "de_key")]
    id: UserId,
    email: String,
    name: String,
    mail_language: Option<Language>,
    mail_muted: Option<Vec<String>>,
}

impl From<RecipientRow> for Recipient {
    fn from(row: RecipientRow) -> Recipient {
        // A kind this build no longer knows is dropped, not an error: the
        // person's other choices still hold.
        let muted = row
            .mail_muted
            .unwrap_or_default()
            .iter()
            .filter_map(|key| key.parse::<MailKind>().ok())
            .collect();
        Recipient {
            user: row.id,
            email: row.email,
            name: row.name,
            preferences: MailPreferences {
                language: row.mail_language.unwrap_or_default(),
                muted,
            }
            .normalised(),
        }
    }
}

/// The people `condition` picks from the accounts, by name.
async fn select(
    db: &Db,
    condition: &str,
    bindings: Vec<(&'static str, Binding)>,
) -> Result<Vec<Recipient>, DbError> {
    let sql = format!(
        "SELECT id, email, name, mail_language, mail_muted FROM user WHERE {condition} ORDER BY name;"
    );
    let rows: Vec<RecipientRow> = query_rows(db, &sql, bindings, 0).await?;
    Ok(rows.into_iter().map(Recipient::from).collect())
}

/// The people who hear of an entry of organisation `org`: its active
/// innovators and coordinators, and the active coordinators of the
/// organisation above (`parent`), who review its entries. By name.
pub async fn entry_team(
    db: &Db,
    org: &OrgId,
    parent: Option<&OrgId>,
) -> Result<Vec<Recipient>, DbError> {
    select(
        db,
        "active = true AND ( \
            (org = $org AND (roles CONTAINS 'innovator' OR roles CONTAINS 'coordinator')) \
            OR ($parent != NONE AND org = $parent AND roles CONTAINS 'coordinator'))",
        binds![
            ("org", Binding::id(org)),
            ("parent", Binding::optional_id(parent)),
        ],
    )
    .await
}

/// The active accounts among `users`, by name.
pub async fn accounts(db: &Db, users: &[UserId]) -> Result<Vec<Recipient>, DbError> {
    let active = "id IN $users AND active = true";
    select(db, active, binds![("users", Binding::ids(users))]).await
}

/// Account `user` as a recipient (active or not), if it exists.
pub async fn account(db: &Db, user: &UserId) -> Result<Option<Recipient>, DbError> {
    let found = select(db, "id = $user", binds![("user", Binding::id(user))]).await?;
    Ok(found.into_iter().next())
}

/// The statement that stores `preferences` as `user`'s (only kinds that can
/// be turned off are kept).
#[must_use]
pub fn set_preferences_statement(user: &UserId, preferences: &MailPreferences) -> Statement {
    let preferences = preferences.clone().normalised();
    let muted: Vec<&str> = preferences.muted.iter().map(|kind| kind.key()).collect();
    Statement::new(
        "UPDATE $user SET mail_language = $language, mail_muted = $muted;",
        binds![
            ("user", Binding::id(user)),
            ("language", Binding::of(&preferences.language)),
            ("muted", Binding::of(&muted)),
        ],
    )
}

/// The organisation of each of `entries` and the one above it, whose people
/// hear of the entry.
pub async fn entry_orgs(
    db: &Db,
    entries: &[EntryId],
) -> Result<Vec<(EntryId, OrgId, Option<OrgId>)>, DbError> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(deserialize_with = "de_key")]
        id: EntryId,
        #[serde(deserialize_with = "de_key")]
        org: OrgId,
        #[serde(default, deserialize_with = "crate::backend::records::de_opt_key")]
        parent: Option<OrgId>,
    }
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = query_rows(
        db,
        "SELECT id, org, org.parent AS parent FROM entry WHERE id IN $entries;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.org, row.parent))
        .collect())
}

//! An edition's own proposal template, stored on the edition (none: the
//! national form).

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, query_rows};
use crate::binds;
use domain::ids::EditionId;
use domain::proposal::Template;

/// The template `edition` stores, if any (one that no longer reads is none).
pub async fn stored(db: &Db, edition: &EditionId) -> Result<Option<Template>, DbError> {
    let rows: Vec<Option<serde_json::Value>> = query_rows(
        db,
        "SELECT VALUE template FROM $id;",
        binds![("id", Binding::id(edition))],
        0,
    )
    .await?;
    Ok(rows
        .into_iter()
        .flatten()
        .next()
        .and_then(|value| serde_json::from_value(value).ok()))
}

/// The template an edition's stored `template` field gives: its own when it
/// reads as one, else the national form.
#[must_use]
pub fn own_or_national(stored: Option<&serde_json::Value>) -> Template {
    stored
        .and_then(|stored| serde_json::from_value(stored.clone()).ok())
        .unwrap_or_else(Template::national)
}

/// The statement that stores `template` (as JSON) as `edition`'s own.
#[must_use]
pub fn save_statement(edition: &EditionId, template: &serde_json::Value) -> Statement {
    Statement::new(
        "UPDATE $id SET template = $template;",
        binds![
            ("id", Binding::id(edition)),
            ("template", Binding::of(template)),
        ],
    )
}

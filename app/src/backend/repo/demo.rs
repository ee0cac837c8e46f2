//! The writes only the demo loader makes: settings that no form sets before
//! the demo's first sign-in, drafts filled in as if typed, and the mark that
//! says the demo is whole.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, execute, query_rows};
use crate::binds;
use domain::ids::{EditionId, EntryId};

/// An edition setting the demo turns on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The public may vote (people's choice).
    PeoplesChoice,
    /// Entrants read the judges' remarks on their entries.
    Feedback,
}

/// Turns `shown` on for `edition`.
pub async fn turn_on(db: &Db, edition: &EditionId, shown: Shown) -> Result<(), DbError> {
    let sql = match shown {
        Shown::PeoplesChoice => "UPDATE $id SET peoples_choice = true;",
        Shown::Feedback => "UPDATE $id SET shares_feedback = true;",
    };
    execute(db, sql, binds![("id", Binding::id(edition))]).await
}

/// Sets `edition`'s entry rules: groups `umum` and `replikasi`, one year
/// running at least, and `quotas`.
pub async fn open_for_entries(
    db: &Db,
    edition: &EditionId,
    quotas: &serde_json::Value,
) -> Result<(), DbError> {
    execute(
        db,
        "UPDATE $id SET groups = ['umum', 'replikasi'], minimum_years = 1, quotas = $quotas;",
        binds![
            ("id", Binding::id(edition)),
            ("quotas", Binding::of(quotas))
        ],
    )
    .await
}

/// Writes `sections` into the draft `entry` as its second version, and
/// submits it when `submitted`.
pub async fn fill_in(
    db: &Db,
    entry: &EntryId,
    sections: &serde_json::Value,
    submitted: bool,
) -> Result<(), DbError> {
    let sql = if submitted {
        "UPDATE $id SET sections = $sections, state = 'submitted', version = 2;"
    } else {
        "UPDATE $id SET sections = $sections, version = 2;"
    };
    execute(
        db,
        sql,
        binds![
            ("id", Binding::id(entry)),
            ("sections", Binding::of(sections))
        ],
    )
    .await
}

/// Marks the demo loaded: written last, so that one interrupted half-way is
/// not taken for a whole one.
pub async fn mark_loaded(db: &Db) -> Result<(), DbError> {
    execute(db, "UPSERT schema_meta:demo SET version = 1;", Vec::new()).await
}

/// Whether the demo was loaded whole.
pub async fn is_loaded(db: &Db) -> Result<bool, DbError> {
    let rows: Vec<i64> = query_rows(
        db,
        "SELECT VALUE version FROM schema_meta:demo;",
        Vec::new(),
        0,
    )
    .await?;
    Ok(!rows.is_empty())
}

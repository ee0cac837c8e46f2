//! Entries: an innovation entered in an edition.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, execute, query_rows};
use crate::binds;
use crate::model::EntryListing;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use domain::ids::OrgId;
use serde::Deserialize;

/// A new entry.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub key: EntryId,
    /// Edition key.
    pub edition: EditionId,
    pub innovation: InnovationId,
    /// Organisation key.
    pub org: OrgId,
    /// Title (copied from the innovation when entered).
    pub title: String,
    /// Group key.
    pub group: Group,
    /// Category key.
    pub category: String,
    pub state: EntryStatus,
    /// Answers per section key.
    pub sections: serde_json::Value,
    /// Video link.
    pub video_url: Option<String>,
}

/// Stores an entry.
pub async fn create(db: &Db, entry: &NewEntry) -> Result<(), DbError> {
    execute(
        db,
        "CREATE $id SET edition = $edition, innovation = $innovation, org = $org, title = $title, group = $group, category = $category, state = $state, sections = $sections, video_url = $video_url;",
        binds![
            ("id", Binding::id(&entry.key)),
            ("edition", Binding::id(&entry.edition)),
            ("innovation", Binding::id(&entry.innovation)),
            ("org", Binding::id(&entry.org)),
            ("title", Binding::of(&entry.title)),
            ("group", Binding::of(&entry.group)),
            ("category", Binding::of(&entry.category)),
            ("state", Binding::of(&entry.state)),
            ("sections", Binding::of(&entry.sections)),
            ("video_url", Binding::of(&entry.video_url)),
        ],
    )
    .await
}

#[derive(Debug, Deserialize)]
struct Row {
    #[serde(deserialize_with = "de_key")]
    id: EntryId,
    title: String,
    org_name: String,
    group: Group,
    category: String,
    state: EntryStatus,
    edition: String,
}

const SELECT: &str = "SELECT id, title, org.name AS org_name, group, category, state, edition.slug AS edition, edition.year AS year FROM entry";

/// The entries of an organisation (`with_units`: and of its sub-units), newest
/// edition first.
pub async fn for_organisation(
    db: &Db,
    org: &OrgId,
    with_units: bool,
) -> Result<Vec<EntryListing>, DbError> {
    let units = if with_units {
        " OR org.parent = $org"
    } else {
        ""
    };
    let rows: Vec<Row> = query_rows(
        db,
        &format!("{SELECT} WHERE org = $org{units} ORDER BY year DESC, title;"),
        binds![("org", Binding::id(org))],
        0,
    )
    .await?;
    Ok(rows.into_iter().map(into_view).collect())
}

/// The entries of an edition, by title.
pub async fn for_edition(db: &Db, edition: &EditionId) -> Result<Vec<EntryListing>, DbError> {
    let rows: Vec<Row> = query_rows(
        db,
        &format!("{SELECT} WHERE edition = $edition ORDER BY title;"),
        binds![("edition", Binding::id(edition))],
        0,
    )
    .await?;
    Ok(rows.into_iter().map(into_view).collect())
}

fn into_view(row: Row) -> EntryListing {
    EntryListing {
        id: row.id,
        title: row.title,
        org_name: row.org_name,
        group: row.group,
        category: row.category,
        state: row.state,
        edition: row.edition,
    }
}

/// Sets an entry's state.
pub async fn set_state(db: &Db, entry: &EntryId, state: EntryStatus) -> Result<(), DbError> {
    execute(
        db,
        "UPDATE $id SET state = $state, updated_at = time::now();",
        binds![("id", Binding::id(entry)), ("state", Binding::of(&state))],
    )
    .await
}

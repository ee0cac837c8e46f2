//! Organisations.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{
    Binding, Statement, de_key, de_opt_key, execute_atomically, new_key, query_rows,
};
use crate::binds;
use crate::model::OrganisationRow;
use domain::ids::OrgId;
use domain::organisation::OrgKind;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Row {
    #[serde(deserialize_with = "de_key")]
    id: OrgId,
    name: String,
    kind: OrgKind,
    #[serde(default, deserialize_with = "de_opt_key")]
    parent: Option<OrgId>,
    #[serde(default)]
    parent_name: Option<String>,
}

impl From<Row> for OrganisationRow {
    fn from(row: Row) -> Self {
        OrganisationRow {
            id: row.id,
            name: row.name,
            kind: row.kind,
            parent: row.parent,
            parent_name: row.parent_name,
        }
    }
}

const SELECT: &str = "SELECT id, name, kind, parent, parent.name AS parent_name FROM organisation";

/// Fields of an organisation to create or update.
#[derive(Debug, Clone)]
pub struct OrgFields {
    /// Name (trimmed, checked).
    pub name: String,
    pub kind: OrgKind,
    pub parent: Option<OrgId>,
}

/// Every organisation, by name.
pub async fn list(db: &Db) -> Result<Vec<OrganisationRow>, DbError> {
    let rows: Vec<Row> = query_rows(db, &format!("{SELECT} ORDER BY name;"), Vec::new(), 0).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One organisation.
pub async fn find(db: &Db, id: &OrgId) -> Result<Option<OrganisationRow>, DbError> {
    let rows: Vec<Row> = query_rows(
        db,
        &format!("{SELECT} WHERE id = $id;"),
        binds![("id", Binding::id(id))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next().map(Into::into))
}

/// The organisation with this name, in any case.
pub async fn find_by_name(db: &Db, name: &str) -> Result<Option<OrganisationRow>, DbError> {
    let rows: Vec<Row> = query_rows(
        db,
        &format!("{SELECT} WHERE name_key = string::lowercase($name);"),
        binds![("name", Binding::of(&name))],
        0,
    )
    .await?;
    Ok(rows.into_iter().next().map(Into::into))
}

/// Creates an organisation (with `key`, or a new one) and returns its key.
pub async fn create(db: &Db, key: Option<&OrgId>, fields: &OrgFields) -> Result<OrgId, DbError> {
    let key = key.cloned().unwrap_or_else(|| OrgId::from(new_key()));
    execute_atomically(db, vec![create_statement(&key, fields)]).await?;
    Ok(key)
}

/// The statement that creates the organisation `key`.
#[must_use]
pub fn create_statement(key: &OrgId, fields: &OrgFields) -> Statement {
    Statement::new(
        "CREATE $id SET name = $name, name_key = string::lowercase($name), kind = $kind, parent = $parent;",
        binds![
            ("id", Binding::id(key)),
            ("name", Binding::of(&fields.name)),
            ("kind", Binding::of(&fields.kind)),
            ("parent", Binding::optional_id(fields.parent.as_ref())),
        ],
    )
}

/// Creates several organisations in one transaction: all or none.
pub async fn create_all(db: &Db, orgs: &[(OrgId, OrgFields)]) -> Result<(), DbError> {
    if orgs.is_empty() {
        return Ok(());
    }
    execute_atomically(db, vec![create_all_statement(orgs)]).await
}

/// The statements that create several organisations (run them in one
/// transaction: all or none).
#[must_use]
pub fn create_all_statement(orgs: &[(OrgId, OrgFields)]) -> Statement {
    let mut sql = String::new();
    let mut bindings = Vec::new();
    for (index, (key, fields)) in orgs.iter().enumerate() {
        // Binding names must be 'static; the statements refer to each row through
        // one array instead.
        sql.push_str(&format!(
            "CREATE type::record('organisation', $rows[{index}].key) SET name = $rows[{index}].name, name_key = string::lowercase($rows[{index}].name), kind = $rows[{index}].kind, parent = IF $rows[{index}].parent {{ type::record('organisation', $rows[{index}].parent) }} ELSE {{ NONE }};\n"
        ));
        bindings.push(serde_json::json!({
            "key": key, "name": fields.name, "kind": fields.kind, "parent": fields.parent,
        }));
    }
    Statement::new(sql, binds![("rows", Binding::of(&bindings))])
}

/// The statement that updates an organisation's fields.
#[must_use]
pub fn update_statement(id: &OrgId, fields: &OrgFields) -> Statement {
    Statement::new(
        "UPDATE $id SET name = $name, name_key = string::lowercase($name), kind = $kind, parent = $parent;",
        binds![
            ("id", Binding::id(id)),
            ("name", Binding::of(&fields.name)),
            ("kind", Binding::of(&fields.kind)),
            ("parent", Binding::optional_id(fields.parent.as_ref())),
        ],
    )
}

/// Each organisation's parent, for cycle checks.
pub async fn parent_map(db: &Db) -> Result<std::collections::HashMap<OrgId, OrgId>, DbError> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter_map(|org| org.parent.map(|parent| (org.id, parent)))
        .collect())
}

/// How many organisations exist.
pub async fn count(db: &Db) -> Result<i64, DbError> {
    let rows: Vec<i64> = query_rows(
        db,
        "RETURN count(SELECT id FROM organisation);",
        Vec::new(),
        0,
    )
    .await?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

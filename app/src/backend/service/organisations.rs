//! Organisations: list, create, edit, import from CSV.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::organisations::{self, OrgFields};
use crate::error::{AppError, FieldError, Problem};
use crate::model::OrganisationRow;
use domain::ids::OrgId;
use domain::ids::UserId;
use domain::organisation::{self, OrgError, OrgKind};
use std::collections::HashMap;

/// What a form or a CSV row gives for an organisation.
#[derive(Debug, Clone, Default)]
pub struct OrgInput {
    pub name: String,
    /// Kind key.
    pub kind: String,
    /// Parent key (form) — empty for none.
    pub parent: String,
}

/// Every organisation.
pub async fn list(db: &Db) -> Result<Vec<OrganisationRow>, AppError> {
    Ok(organisations::list(db).await?)
}

/// One organisation.
pub async fn get(db: &Db, id: &OrgId) -> Result<OrganisationRow, AppError> {
    organisations::find(db, id).await?.ok_or(AppError::NotFound)
}

fn check_fields(input: &OrgInput) -> Result<OrgFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = organisation::validate_name(&input.name).map_err(|error| {
        errors.push(FieldError {
            field: "name".into(),
            problem: match error {
                OrgError::NameTooLong { max, .. } => Problem::TooLong { max },
                _ => Problem::Required,
            },
        });
    });
    let kind = input.kind.parse::<OrgKind>().map_err(|_| {
        errors.push(FieldError {
            field: "kind".into(),
            problem: Problem::UnknownChoice {
                given: input.kind.clone(),
            },
        });
    });
    match (name, kind) {
        (Ok(name), Ok(kind)) if errors.is_empty() => Ok(OrgFields {
            name,
            kind,
            parent: Some(input.parent.trim())
                .filter(|parent| !parent.is_empty())
                .map(OrgId::from),
        }),
        _ => Err(errors),
    }
}

/// Refuses a parent that does not exist, beside the parent field.
async fn require_parent(db: &Db, parent: &OrgId) -> Result<(), AppError> {
    match organisations::find(db, parent).await? {
        Some(_) => Ok(()),
        None => Err(AppError::field(
            "parent",
            Problem::UnknownReference {
                given: parent.to_string(),
            },
        )),
    }
}

fn name_taken(error: DbError) -> AppError {
    match error {
        DbError::Unique { .. } => AppError::field("name", Problem::Taken),
        other => other.into(),
    }
}

/// Creates an organisation.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create(db: &Db, actor: &UserId, input: OrgInput) -> Result<OrgId, AppError> {
    let fields = check_fields(&input).map_err(AppError::invalid)?;
    if let Some(parent) = &fields.parent {
        require_parent(db, parent).await?;
    }
    let id = OrgId::from(new_key());
    execute_atomically(
        db,
        vec![
            organisations::create_statement(&id, &fields),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "organisation.create",
                target: format!("organisation:{id}"),
                before: None,
                after: Some(serde_json::json!({ "name": fields.name, "kind": fields.kind, "parent": fields.parent })),
            }),
        ],
    )
    .await
    .map_err(name_taken)?;
    Ok(id)
}

/// Updates an organisation, refusing a parent that would make a cycle.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn update(db: &Db, actor: &UserId, id: &OrgId, input: OrgInput) -> Result<(), AppError> {
    let before = get(db, id).await?;
    let fields = check_fields(&input).map_err(AppError::invalid)?;
    if let Some(parent) = &fields.parent {
        require_parent(db, parent).await?;
        let parents = organisations::parent_map(db).await?;
        organisation::check_parent(id.as_str(), Some(parent.as_str()), |org| {
            parents.get(org).map(OrgId::to_string)
        })
        .map_err(|_| AppError::field("parent", Problem::ParentCycle))?;
    }
    execute_atomically(
        db,
        vec![
            organisations::update_statement(id, &fields),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "organisation.update",
                target: format!("organisation:{id}"),
                before: Some(serde_json::json!({ "name": before.name, "kind": before.kind, "parent": before.parent })),
                after: Some(serde_json::json!({ "name": fields.name, "kind": fields.kind, "parent": fields.parent })),
            }),
        ],
    )
    .await
    .map_err(name_taken)?;
    Ok(())
}

/// The 1-based line of `text` on which the record starting at byte `offset`
/// begins. The CSV reader places a record's start before any blank lines it
/// skipped, so those are stepped over first.
fn line_of(text: &str, offset: u64) -> usize {
    let bytes = text.as_bytes();
    let mut start = usize::try_from(offset)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    while bytes
        .get(start)
        .is_some_and(|byte| matches!(byte, b'\n' | b'\r'))
    {
        start += 1;
    }
    1 + bytes[..start].iter().filter(|byte| **byte == b'\n').count()
}

/// How a CSV import went.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    /// Organisations created.
    pub created: usize,
}

/// Imports organisations from CSV with the header `name,kind,parent` (parent by
/// name: an existing organisation or one earlier in the file). Every row is checked
/// first; if any row is wrong, nothing is imported and each wrong row is reported
/// with its line number.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn import_csv(db: &Db, actor: &UserId, csv_text: &str) -> Result<ImportReport, AppError> {
    let existing = organisations::list(db).await?;
    let mut by_name: HashMap<String, OrgId> = existing
        .iter()
        .map(|org| (org.name.to_lowercase(), org.id.clone()))
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| AppError::field("csv", Problem::BadCsv))?
        .iter()
        .map(str::to_lowercase)
        .collect::<Vec<_>>();
    let column = |name: &str| headers.iter().position(|header| header == name);
    let (Some(name_col), Some(kind_col)) = (column("name"), column("kind")) else {
        return Err(AppError::field("csv", Problem::BadCsv));
    };
    let parent_col = column("parent");

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        // The line the row starts on in the file (blank lines and quoted line breaks
        // included), as a spreadsheet or text editor numbers it.
        let position = match &record {
            Ok(record) => record.position().cloned(),
            Err(error) => error.position().cloned(),
        };
        let line = position.map_or(index + 2, |position| line_of(csv_text, position.byte()));
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
        let get = |col: usize| record.get(col).unwrap_or_default().to_owned();
        let parent_name = parent_col.map(get).unwrap_or_default();
        let input = OrgInput {
            name: get(name_col),
            kind: get(kind_col),
            parent: String::new(),
        };
        match check_fields(&input) {
            Err(field_errors) => errors.extend(
                field_errors
                    .into_iter()
                    .map(|error| row_error(error.problem)),
            ),
            Ok(mut fields) => {
                if by_name.contains_key(&fields.name.to_lowercase()) {
                    errors.push(row_error(Problem::Taken));
                    continue;
                }
                if !parent_name.is_empty() {
                    match by_name.get(&parent_name.to_lowercase()) {
                        Some(parent) => fields.parent = Some(parent.clone()),
                        None => {
                            errors
                                .push(row_error(Problem::UnknownReference { given: parent_name }));
                            continue;
                        }
                    }
                }
                let key = OrgId::from(new_key());
                by_name.insert(fields.name.to_lowercase(), key.clone());
                rows.push((key, fields));
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    if rows.is_empty() {
        return Err(AppError::field("csv", Problem::BadCsv));
    }
    // A name taken between the check above and the write (another admin, at the
    // same moment) fails the whole transaction: report it against the file.
    execute_atomically(
        db,
        vec![
            organisations::create_all_statement(&rows),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "organisation.import",
                target: "organisation".into(),
                before: None,
                after: Some(serde_json::json!({ "created": rows.iter().map(|(key, fields)| serde_json::json!({"id": key, "name": fields.name})).collect::<Vec<_>>() })),
            }),
        ],
    )
    .await
    .map_err(|error| match error {
        DbError::Unique { .. } => AppError::field("csv", Problem::Taken),
        other => other.into(),
    })?;
    Ok(ImportReport {
        created: rows.len(),
    })
}

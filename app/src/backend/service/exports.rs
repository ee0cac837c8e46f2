//! Spreadsheet exports for the committee: an edition's entries and every score
//! sheet (drafts included, judges by name — this is not the public data), as CSV
//! that any spreadsheet opens (UTF-8 with a byte-order mark, so Excel reads the
//! Indonesian names right).

use crate::backend::db::Db;
use crate::backend::records::{Binding, de_key, query_rows};
use crate::backend::service::results;
use crate::binds;
use crate::error::AppError;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What spreadsheets need first to read UTF-8.
const BOM: &str = "\u{feff}";

fn write(rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[derive(Debug, Deserialize)]
struct EntryLine {
    #[serde(deserialize_with = "de_key")]
    id: String,
    title: String,
    organisation: String,
    group: String,
    category: String,
    state: String,
    #[serde(default)]
    screening: Option<serde_json::Value>,
    updated_at: String,
}

/// Every entry of edition `slug`: key, title, organisation, group, category,
/// state, the screening outcome's reason, last change.
pub async fn entries_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = results::edition(db, slug).await?;
    let lines: Vec<EntryLine> = query_rows(
        db,
        "SELECT id, title, org.name AS organisation, group, category, state, screening, updated_at FROM entry WHERE edition = $edition ORDER BY title;",
        binds![("edition", Binding::record("edition", &edition.id))],
        0,
    )
    .await?;
    let mut rows = vec![
        [
            "entry_id",
            "title",
            "organisation",
            "group",
            "category",
            "state",
            "screening_reason",
            "updated_at",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    rows.extend(lines.into_iter().map(|line| {
        let reason = line
            .screening
            .as_ref()
            .and_then(|outcome| outcome.get("reason"))
            .and_then(|reason| reason.as_str())
            .unwrap_or_default()
            .to_owned();
        vec![
            line.id,
            line.title,
            line.organisation,
            line.group,
            line.category,
            line.state,
            reason,
            line.updated_at,
        ]
    }));
    Ok(write(rows))
}

#[derive(Debug, Deserialize)]
struct SheetLine {
    stage: String,
    #[serde(deserialize_with = "de_key")]
    entry: String,
    title: String,
    judge: String,
    state: String,
    #[serde(default)]
    sheet_values: BTreeMap<String, f64>,
    comment: String,
    revision: i64,
    updated_at: String,
}

/// Every score sheet of edition `slug` (drafts included), judges by name, one
/// column per criterion.
pub async fn sheets_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = results::edition(db, slug).await?;
    let lines: Vec<SheetLine> = query_rows(
        db,
        "SELECT stage.key AS stage, entry, entry.title AS title, judge.name AS judge, state, sheet_values, comment, revision, updated_at \
         FROM sheet WHERE stage.edition = $edition ORDER BY stage, title, judge;",
        binds![("edition", Binding::record("edition", &edition.id))],
        0,
    )
    .await?;
    let mut criteria: Vec<String> = Vec::new();
    for line in &lines {
        for key in line.sheet_values.keys() {
            if !criteria.contains(key) {
                criteria.push(key.clone());
            }
        }
    }
    let mut header: Vec<String> = [
        "stage",
        "entry_id",
        "title",
        "judge",
        "state",
        "revision",
        "updated_at",
        "comment",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(criteria.iter().map(|key| format!("value:{key}")));
    let mut rows = vec![header];
    rows.extend(lines.into_iter().map(|line| {
        let mut row = vec![
            line.stage,
            line.entry,
            line.title,
            line.judge,
            line.state,
            line.revision.to_string(),
            line.updated_at,
            line.comment,
        ];
        row.extend(criteria.iter().map(|key| {
            line.sheet_values
                .get(key)
                .map(f64::to_string)
                .unwrap_or_default()
        }));
        row
    }));
    Ok(write(rows))
}

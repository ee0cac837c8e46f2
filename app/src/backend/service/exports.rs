//! Spreadsheet exports for the committee: an edition's entries and every score
//! sheet (drafts included, judges by name — this is not the public data), as CSV
//! that any spreadsheet opens (UTF-8 with a byte-order mark, so Excel reads the
//! Indonesian names right).

use crate::backend::csv_table::{Bom, Cell, CsvTable};
use crate::backend::db::Db;
use crate::backend::records::{Binding, de_key, query_rows};
use crate::backend::service::results;
use crate::binds;
use crate::error::AppError;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::SheetState;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
struct EntryLine {
    #[serde(deserialize_with = "de_key")]
    id: EntryId,
    title: String,
    organisation: String,
    group: Group,
    category: String,
    state: EntryStatus,
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
        binds![("edition", Binding::id(&edition.id))],
        0,
    )
    .await?;
    let mut table = CsvTable::new(
        &[
            "entry_id",
            "title",
            "organisation",
            "group",
            "category",
            "state",
            "screening_reason",
            "updated_at",
        ],
        Bom::Yes,
    );
    for line in lines {
        let reason = line
            .screening
            .as_ref()
            .and_then(|outcome| outcome.get("reason"))
            .and_then(|reason| reason.as_str())
            .unwrap_or_default()
            .to_owned();
        table.push(
            [
                line.id.to_string(),
                line.title,
                line.organisation,
                line.group.key().to_owned(),
                line.category,
                line.state.key().to_owned(),
                reason,
                line.updated_at,
            ]
            .map(Cell::Text)
            .to_vec(),
        );
    }
    Ok(table.finish())
}

#[derive(Debug, Deserialize)]
struct SheetLine {
    stage: String,
    #[serde(deserialize_with = "de_key")]
    entry: EntryId,
    title: String,
    judge: UserId,
    state: SheetState,
    #[serde(default)]
    sheet_values: BTreeMap<String, f64>,
    comment: String,
    revision: i64,
    updated_at: String,
    /// The stage's record key.
    #[serde(deserialize_with = "de_key")]
    stage_id: StageId,
    /// The judge's record key.
    #[serde(deserialize_with = "de_key")]
    judge_id: UserId,
}

/// (stage, entry, judge) of an assignment that stands.
#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Standing {
    #[serde(deserialize_with = "de_key")]
    stage: StageId,
    #[serde(deserialize_with = "de_key")]
    entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    judge: UserId,
}

/// Every score sheet of edition `slug` (drafts included), judges by name, one
/// column per criterion; `counts` says whether it counts in the results (a
/// submitted sheet of a judge still assigned, see `results::counts`).
pub async fn sheets_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = results::edition(db, slug).await?;
    let lines: Vec<SheetLine> = query_rows(
        db,
        "SELECT stage.key AS stage, entry, entry.title AS title, judge.name AS judge, state, sheet_values, comment, revision, updated_at, \
            stage AS stage_id, judge AS judge_id \
         FROM sheet WHERE stage.edition = $edition ORDER BY stage, title, judge;",
        binds![("edition", Binding::id(&edition.id))],
        0,
    )
    .await?;
    let standing: std::collections::BTreeSet<Standing> = query_rows(
        db,
        "SELECT stage, entry, judge FROM assignment WHERE stage.edition = $edition AND recused = false;",
        binds![("edition", Binding::id(&edition.id))],
        0,
    )
    .await?
    .into_iter()
    .collect();
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
        "counts",
        "revision",
        "updated_at",
        "comment",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(criteria.iter().map(|key| format!("value:{key}")));
    let mut table = CsvTable::new(&header, Bom::Yes);
    for line in lines {
        let stands = standing.contains(&Standing {
            stage: line.stage_id.clone(),
            entry: line.entry.clone(),
            judge: line.judge_id.clone(),
        });
        let counts = results::counts_when(line.state, stands);
        let mut row = vec![
            Cell::Text(line.stage),
            Cell::Text(line.entry.to_string()),
            Cell::Text(line.title),
            Cell::Text(line.judge.to_string()),
            Cell::Text(line.state.key().to_owned()),
            Cell::from(counts),
            Cell::Integer(line.revision),
            Cell::Text(line.updated_at),
            Cell::Text(line.comment),
        ];
        row.extend(criteria.iter().map(|key| {
            line.sheet_values
                .get(key)
                .map_or_else(|| Cell::text(""), |value| Cell::Number(*value))
        }));
        table.push(row);
    }
    Ok(table.finish())
}

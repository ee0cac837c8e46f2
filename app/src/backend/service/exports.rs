//! Spreadsheet exports for the committee: an edition's entries and every score
//! sheet (drafts included, judges by name — this is not the public data), as CSV
//! that any spreadsheet opens (UTF-8 with a byte-order mark, so Excel reads the
//! Indonesian names right).

use crate::backend::csv_table::{Bom, Cell, CsvTable};
use crate::backend::db::Db;
use crate::backend::repo::exports::{self, Standing};
use crate::backend::service::results;
use crate::error::AppError;

/// Every entry of edition `slug`: key, title, organisation, group, category,
/// state, the screening outcome's reason, last change.
pub async fn entries_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = results::edition(db, slug).await?;
    let lines = exports::entry_lines(db, &edition.id).await?;
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
            .and_then(|outcome| outcome.reason)
            .unwrap_or_default();
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

/// Every score sheet of edition `slug` (drafts included), judges by name, one
/// column per criterion; `counts` says whether it counts in the results (a
/// submitted sheet of a judge still assigned, see `results::counts`).
pub async fn sheets_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let edition = results::edition(db, slug).await?;
    let lines = exports::sheet_lines(db, &edition.id).await?;
    let standing = exports::standing_assignments(db, &edition.id).await?;
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
            Cell::Text(line.stage.to_string()),
            Cell::Text(line.entry.to_string()),
            Cell::Text(line.title),
            Cell::Text(line.judge_name),
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

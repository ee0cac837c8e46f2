//! The results document flattened to CSV (`results.csv`, `juara results --format
//! csv`): one row per submitted sheet of each stage's ranked entries, then one row
//! per entry of the final ranking (stage `final`, no sheet, with the points a
//! field visit took off its score in `field_penalty`). Every criterion of every
//! stage has its own column, empty where the stage does not use it.

use crate::backend::csv_table::{Bom, Cell, CsvTable};
use crate::model::ResultsDocument;

/// The document as CSV text (RFC 4180, header row first).
#[must_use]
pub fn to_csv(document: &ResultsDocument) -> String {
    let mut criteria: Vec<String> = Vec::new();
    for stage in &document.stages {
        for column in &stage.rubric {
            if !criteria.contains(&column.key) {
                criteria.push(column.key.clone());
            }
        }
    }
    let mut header: Vec<String> = [
        "stage",
        "entry_id",
        "title",
        "organisation",
        "category",
        "score",
        "rank",
        "tied",
        "advanced",
        "judge",
        "total",
        "field_penalty",
    ]
    .iter()
    .map(|name| (*name).to_owned())
    .collect();
    header.extend(criteria.iter().map(|key| format!("value:{key}")));
    let mut table = CsvTable::new(&header, Bom::No);
    for stage in &document.stages {
        for entry in &stage.entries {
            let base = vec![
                Cell::text(stage.key.as_str()),
                Cell::text(entry.id.as_str()),
                Cell::text(entry.title.as_str()),
                Cell::text(entry.organisation.as_str()),
                Cell::text(entry.category.as_str()),
                number(entry.score),
                Cell::Integer(i64::from(entry.rank)),
                entry.tied.into(),
                entry.advanced.into(),
            ];
            if entry.sheets.is_empty() {
                // Sheets left out of the published data: one row for the entry.
                let mut row = base.clone();
                row.extend([Cell::text(""), Cell::text(""), Cell::text("")]);
                row.extend(criteria.iter().map(|_| Cell::text("")));
                table.push(row);
            }
            for sheet in &entry.sheets {
                let mut row = base.clone();
                row.push(Cell::text(sheet.judge.as_str()));
                row.push(Cell::Number(sheet.total));
                row.push(Cell::text(""));
                row.extend(criteria.iter().map(|key| {
                    sheet
                        .values
                        .get(key)
                        .map_or_else(|| Cell::text(""), |value| Cell::Number(*value))
                }));
                table.push(row);
            }
        }
    }
    for entry in &document.final_ranking {
        let mut row = vec![
            Cell::text("final"),
            Cell::text(entry.id.as_str()),
            Cell::text(entry.title.as_str()),
            Cell::text(entry.organisation.as_str()),
            Cell::text(entry.category.as_str()),
            number(entry.score),
            Cell::Integer(i64::from(entry.rank)),
            entry.tied.into(),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            entry
                .field_penalty
                .map_or_else(|| Cell::text(""), |points| Cell::Integer(i64::from(points))),
        ];
        row.extend(criteria.iter().map(|_| Cell::text("")));
        table.push(row);
    }
    table.finish()
}

/// A score at full precision, or an empty cell where the edition does not
/// publish scores.
fn number(value: impl Into<Option<f64>>) -> Cell {
    value.into().map_or_else(|| Cell::text(""), Cell::Number)
}

//! The results document flattened to CSV (`results.csv`, `juara results --format
//! csv`): one row per submitted sheet of each stage's ranked entries, then one row
//! per entry of the final ranking (stage `final`, no sheet). Every criterion of
//! every stage has its own column, empty where the stage does not use it.

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
    let mut writer = csv::Writer::from_writer(Vec::new());
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
    ]
    .iter()
    .map(|name| (*name).to_owned())
    .collect();
    header.extend(criteria.iter().map(|key| format!("value:{key}")));
    let mut rows = vec![header];
    for stage in &document.stages {
        for entry in &stage.entries {
            let base = [
                stage.key.clone(),
                entry.id.clone(),
                entry.title.clone(),
                entry.organisation.clone(),
                entry.category.clone(),
                full(entry.score),
                entry.rank.to_string(),
                entry.tied.to_string(),
                entry.advanced.to_string(),
            ];
            for sheet in &entry.sheets {
                let mut row = base.to_vec();
                row.push(sheet.judge.clone());
                row.push(full(sheet.total));
                row.extend(criteria.iter().map(|key| {
                    sheet
                        .values
                        .get(key)
                        .map(|value| full(*value))
                        .unwrap_or_default()
                }));
                rows.push(row);
            }
        }
    }
    for entry in &document.final_ranking {
        let mut row = vec![
            "final".to_owned(),
            entry.id.clone(),
            entry.title.clone(),
            entry.organisation.clone(),
            entry.category.clone(),
            full(entry.score),
            entry.rank.to_string(),
            entry.tied.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(criteria.iter().map(|_| String::new()));
        rows.push(row);
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&row);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// A number at full precision: Rust's shortest representation that reads back
/// exactly.
fn full(value: f64) -> String {
    value.to_string()
}

//! The one CSV writer. Every spreadsheet Juara hands out (open data, the
//! committee's exports, the vote log) goes through it, so that one rule keeps
//! them safe to open: a text cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written
//! with a leading apostrophe, which spreadsheets show as text. Titles, names,
//! comments and reasons are typed by entrants, judges and the public, so any
//! of them may try. Numbers are written as numbers and never altered: a
//! negative value stays a negative value.

use std::borrow::Cow;

/// What spreadsheets need first to read UTF-8 (Excel otherwise garbles the
/// Indonesian names).
const BOM: &str = "\u{feff}";

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text from anyone: neutralised when it would start a formula.
    Text(String),
    /// A number, at full precision (Rust's shortest representation that reads
    /// back exactly).
    Number(f64),
    /// A whole number.
    Integer(i64),
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    fn written(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Number(value) => Cow::Owned(value.to_string()),
            Cell::Integer(value) => Cow::Owned(value.to_string()),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<bool> for Cell {
    fn from(flag: bool) -> Cell {
        Cell::Text(flag.to_string())
    }
}

/// `text` as a spreadsheet will show it, never run it: prefixed with `'` when
/// it starts like a formula.
#[must_use]
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether the table starts with a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    /// For the committee's spreadsheets, opened in Excel.
    Yes,
    /// For open data read by programs.
    No,
}

/// A CSV table (RFC 4180), header row first.
#[derive(Debug)]
pub struct CsvTable {
    rows: Vec<Vec<Cell>>,
    bom: Bom,
}

impl CsvTable {
    /// A table with this header row.
    #[must_use]
    pub fn new<S: AsRef<str>>(header: &[S], bom: Bom) -> CsvTable {
        CsvTable {
            rows: vec![
                header
                    .iter()
                    .map(|name| Cell::text(name.as_ref()))
                    .collect(),
            ],
            bom,
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The table as text.
    #[must_use]
    pub fn finish(self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in &self.rows {
            // Writing to a Vec cannot fail.
            let _ =
                writer.write_record(row.iter().map(Cell::written).map(|cell| cell.into_owned()));
        }
        let bytes = writer.into_inner().unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        match self.bom {
            Bom::Yes => format!("{BOM}{text}"),
            Bom::No => text.into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        let mut table = CsvTable::new(&["a", "b", "c"], Bom::No);
        table.push(vec![
            Cell::text("=HYPERLINK(\"http://x\")"),
            Cell::Number(-1.5),
            Cell::text("Sepasar Pedas"),
        ]);
        for dangerous in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            table.push(vec![Cell::text(dangerous)]);
        }
        let text = table.finish();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"http://x\"\")\",-1.5,Sepasar Pedas"
        );
        assert_eq!(lines[2], "'+1");
        assert_eq!(lines[3], "'-1");
        assert_eq!(lines[4], "'@SUM(A1)");
        assert!(lines[5].contains("'\tx"));
        assert!(lines[6].contains("'\rx"));
    }

    #[test]
    fn the_committee_gets_a_byte_order_mark() {
        assert!(CsvTable::new(&["x"], Bom::Yes).finish().starts_with(BOM));
        assert!(!CsvTable::new(&["x"], Bom::No).finish().starts_with(BOM));
    }
}

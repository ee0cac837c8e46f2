//! The entries × judges matrix of sheet totals as an SVG heat map: one row per
//! entry, one column per judge (numbered as in the judges table), the darker the
//! higher. Drafts, waiting sheets and recusals are marked, and entries whose
//! judges disagree are flagged. Rendered on the server: it needs no script.

use crate::components::results_text::score;
use crate::i18n::*;
use crate::model::{EntryProgress, MatrixCell};
use leptos::prelude::*;

const CELL: f64 = 44.0;
const LABEL_WIDTH: f64 = 250.0;
const HEADER: f64 = 30.0;
/// Titles longer than this are cut in the row label (the full title is in its
/// tooltip and in the tables below).
const LABEL_CHARS: usize = 30;

/// The fill for a total from 0 to 100: the app's teal, lighter for low totals.
fn fill_for(total: f64) -> String {
    let lightness = 92.0 - total.clamp(0.0, 100.0) * 0.62;
    format!("hsl(188, 62%, {lightness:.0}%)")
}

fn short(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        title.to_owned()
    } else {
        let cut: String = title.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// The heat map of `entries` over `judges` columns.
#[component]
pub fn HeatMap(entries: Vec<EntryProgress>, judges: usize) -> impl IntoView {
    let i18n = use_i18n();
    let width = LABEL_WIDTH + CELL * judges as f64 + 8.0;
    let height = HEADER + CELL * entries.len() as f64 + 4.0;
    let columns = (0..judges).map(|index| {
        let x = LABEL_WIDTH + CELL * index as f64 + CELL / 2.0;
        view! { <text x=x y=HEADER - 10.0 text-anchor="middle" class="heat-head">{index + 1}</text> }
    }).collect_view();
    let rows = entries.into_iter().enumerate().map(|(row, entry)| {
        let y = HEADER + CELL * row as f64;
        let label = format!("{}{}", if entry.disagreement { "⚠ " } else { "" }, short(&entry.title));
        let cells = entry.cells.into_iter().enumerate().map(|(column, cell)| {
            let x = LABEL_WIDTH + CELL * column as f64;
            let (fill, text, class, tip) = match cell {
                MatrixCell::Submitted { total } => (fill_for(total), score(total).split('.').next().unwrap_or_default().to_owned(),
                    if total > 55.0 { "heat-cell heat-dark" } else { "heat-cell" }, score(total)),
                MatrixCell::Draft => ("#fff7e0".to_owned(), "…".to_owned(), "heat-cell", t_string!(i18n, results.legend_draft).to_owned()),
                MatrixCell::Waiting => ("#ffffff".to_owned(), String::new(), "heat-cell", t_string!(i18n, results.legend_waiting).to_owned()),
                MatrixCell::Recused => ("#f1f1f1".to_owned(), "×".to_owned(), "heat-cell", t_string!(i18n, results.legend_recused).to_owned()),
                MatrixCell::NotAssigned => return ().into_any(),
            };
            view! {
                <g class=class>
                    <title>{format!("{} · {} {}: {tip}", entry.title, t_string!(i18n, results.judge), column + 1)}</title>
                    <rect x=x + 2.0 y=y + 2.0 width=CELL - 4.0 height=CELL - 4.0 rx="4" fill=fill/>
                    <text x=x + CELL / 2.0 y=y + CELL / 2.0 + 5.0 text-anchor="middle">{text}</text>
                </g>
            }.into_any()
        }).collect_view();
        view! {
            <g class:heat-flag=entry.disagreement>
                <text x="0" y=y + CELL / 2.0 + 5.0 class="heat-label"><title>{entry.title.clone()}</title>{label}</text>
                {cells}
            </g>
        }
    }).collect_view();
    view! {
        <div class="heat-map" tabindex="0">
            <svg viewBox=format!("0 0 {width} {height}") width=width height=height role="img"
                aria-labelledby="heat-map-title" data-test="heat-map">
                <title id="heat-map-title">{t_string!(i18n, results.matrix)}</title>
                {columns}
                {rows}
            </svg>
        </div>
    }
}

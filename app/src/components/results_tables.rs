//! A results document as tables: the final ranking and each stage's ranking,
//! by category. The public results page and the committee's results page both
//! show a document this way; scores are left out where the edition hides them.

use crate::components::labels::fill;
use crate::components::results_text::{method, rank, score};
use crate::i18n::*;
use crate::model::{FinalResult, ResultsDocument, StageResults};
use domain::ids::EntryId;
use domain::ids::InnovationId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Rows grouped by category key, in the order the document lists them.
fn by_category<T>(rows: Vec<T>, category: impl Fn(&T) -> &str) -> BTreeMap<String, Vec<T>> {
    let mut groups: BTreeMap<String, Vec<T>> = BTreeMap::new();
    for row in rows {
        groups
            .entry(category(&row).to_owned())
            .or_default()
            .push(row);
    }
    groups
}

/// The final ranking, one table per category.
#[component]
pub fn FinalTables(document: ResultsDocument, show_scores: bool) -> impl IntoView {
    let i18n = use_i18n();
    let labels = document.clone();
    by_category(document.final_ranking, |row: &FinalResult| row.category.as_str())
        .into_iter()
        .map(|(category, rows)| view! {
            <div class="table-wrap" tabindex="0">
                <table class="table results-table" data-test="final-results">
                    <caption>{labels.category_label(&category)}</caption>
                    <thead><tr>
                        <th scope="col" class="num">{t_string!(i18n, results.col_rank)}</th>
                        <th scope="col">{t_string!(i18n, results.col_title)}</th>
                        {show_scores.then(|| view! { <th scope="col" class="num">{t_string!(i18n, results.col_score)}</th> })}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let (place, tied) = (row.rank, row.tied);
                            view! {
                                <tr class:podium=place == 1>
                                    <td class="num">{move || rank(i18n, place, tied)}</td>
                                    <th scope="row">{row.title}<br/><span class="muted">{row.organisation}</span></th>
                                    {show_scores.then(|| view! {
                                        <td class="num">
                                            {row.score.map(score)}
                                            {row.field_penalty.map(|points| view! {
                                                <br/><span class="muted" data-test="field-penalty">
                                                    {fill(t_string!(i18n, results.field_penalty), &[("points", points.to_string())])}
                                                </span>
                                            })}
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
        .collect_view()
}

/// One stage's ranking, one table per category, with who advanced.
#[component]
pub fn StageTables(
    stage: StageResults,
    labels: ResultsDocument,
    show_scores: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let how = method(i18n, stage.aggregation, &stage.advancement);
    let count = stage.entries.len();
    view! {
        <p class="muted">{how}" "{fill(t_string!(i18n, results.entries_count), &[("count", count.to_string())])}</p>
        {by_category(stage.entries, |row| row.category.as_str()).into_iter().map(|(category, rows)| view! {
            <div class="table-wrap" tabindex="0">
                <table class="table results-table" data-test="stage-results">
                    <caption>{labels.category_label(&category)}</caption>
                    <thead><tr>
                        <th scope="col" class="num">{t_string!(i18n, results.col_rank)}</th>
                        <th scope="col">{t_string!(i18n, results.col_title)}</th>
                        {show_scores.then(|| view! { <th scope="col" class="num">{t_string!(i18n, results.col_score)}</th> })}
                        <th scope="col">{t_string!(i18n, results.col_outcome)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let (place, tied) = (row.rank, row.tied);
                            view! {
                                <tr>
                                    <td class="num">{move || rank(i18n, place, tied)}</td>
                                    <th scope="row">{row.title}<br/><span class="muted">{row.organisation}</span></th>
                                    {show_scores.then(|| view! { <td class="num">{row.score.map(score)}</td> })}
                                    <td>{if row.advanced {
                                        view! { <span class="badge badge-success">{t_string!(i18n, results.advances)}</span> }.into_any()
                                    } else {
                                        view! { <span class="badge badge-muted">{t_string!(i18n, results.stays)}</span> }.into_any()
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }).collect_view()}
    }
}

/// Every entry the document ranks and the stage it reached, one table per
/// category, linked to its public profile where `links` (entry → innovation)
/// has one.
#[component]
pub fn ReachedTables(
    document: ResultsDocument,
    links: BTreeMap<EntryId, InnovationId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let labels = document.clone();
    by_category(document.reached(), |row| row.category.as_str())
        .into_iter()
        .map(|(category, mut rows)| {
            rows.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
            view! {
                <div class="table-wrap" tabindex="0">
                    <table class="table results-table" data-test="reached">
                        <caption>{labels.category_label(&category)}</caption>
                        <thead><tr>
                            <th scope="col">{t_string!(i18n, results.col_title)}</th>
                            <th scope="col">{t_string!(i18n, results.col_reached)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| {
                                let title = match links.get(&row.id) {
                                    Some(innovation) => view! { <a href=format!("/innovations/{innovation}")>{row.title.clone()}</a> }.into_any(),
                                    None => view! { <span>{row.title.clone()}</span> }.into_any(),
                                };
                                let place = row.final_place.map(|(place, tied)| view! {
                                    " · "{move || fill(t_string!(i18n, innovation.final_rank), &[("rank", rank(i18n, place, tied))])}
                                });
                                view! {
                                    <tr>
                                        <th scope="row">{title}<br/><span class="muted">{row.organisation.clone()}</span></th>
                                        <td>{row.stage.clone()}{place}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
        .collect_view()
}

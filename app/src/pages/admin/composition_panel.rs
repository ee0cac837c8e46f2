//! The winner set as a whole on the results console: winners and finalists
//! sliced four ways, and what breaks the edition's rules.

use crate::components::data_table::DataTable;
use crate::components::labels::{I18n, fill, group, org_kind};
use crate::i18n::*;
use crate::model::{CategoryView, CompositionView};
use domain::composition::{Tally, Violation};
use leptos::prelude::*;

/// What the set breaks, one sentence per broken rule, in the reader's language.
pub fn violation_messages(
    i18n: I18n,
    view: &CompositionView,
    categories: &[CategoryView],
) -> Vec<String> {
    let title = |entry: &domain::ids::EntryId| {
        view.entry_titles
            .get(entry)
            .cloned()
            .unwrap_or_else(|| entry.to_string())
    };
    view.violations
        .iter()
        .map(|violation| match violation {
            Violation::TooManyWinners {
                organisation,
                winners,
                max,
            } => fill(
                t_string!(i18n, results.composition_too_many),
                &[
                    (
                        "organisation",
                        view.organisation_names
                            .get(organisation)
                            .cloned()
                            .unwrap_or_default(),
                    ),
                    ("winners", winners.to_string()),
                    ("max", max.to_string()),
                ],
            ),
            Violation::CategoryWithoutWinner { category: key } => fill(
                t_string!(i18n, results.composition_no_winner),
                &[("category", crate::model::category_label(categories, key))],
            ),
            Violation::ReplicationAboveOriginal {
                replication,
                original,
            } => fill(
                t_string!(i18n, results.composition_replication),
                &[
                    ("replication", title(replication)),
                    ("original", title(original)),
                ],
            ),
        })
        .collect()
}

/// The check's verdict: no rules set, every rule kept, or what breaks.
#[component]
pub fn CompositionVerdict(view: CompositionView, categories: Vec<CategoryView>) -> impl IntoView {
    let i18n = use_i18n();
    let rules = view.rules;
    let any_rule = rules.max_winners_per_organisation.is_some()
        || rules.winner_in_every_category
        || rules.replication_below_original;
    let messages = violation_messages(i18n, &view, &categories);
    if !any_rule {
        view! { <p class="muted" data-test="composition-no-rules">{t_string!(i18n, results.composition_no_rules)}</p> }.into_any()
    } else if messages.is_empty() {
        view! { <p class="alert alert-success" role="status" data-test="composition-ok">{t_string!(i18n, results.composition_ok)}</p> }.into_any()
    } else {
        view! {
            <ul class="alert alert-warning stack" data-test="composition-violations">
                {messages.into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// The panel.
#[component]
pub fn CompositionPanel(view: CompositionView, categories: Vec<CategoryView>) -> impl IntoView {
    let i18n = use_i18n();
    let verdict = view! { <CompositionVerdict view=view.clone() categories=categories.clone()/> };
    let category = |key: &str| crate::model::category_label(&categories, key);
    let rows = |slices: Vec<(String, Tally)>| {
        slices
            .into_iter()
            .map(|(name, tally)| {
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="num">{tally.finalists}</td>
                        <td class="num">{tally.winners}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let table = move |heading: String, test: &'static str, slices: Vec<(String, Tally)>| {
        view! {
            <div class="stack">
                <h3>{heading}</h3>
                <DataTable test head=move || view! {
                    <th scope="col">""</th>
                    <th scope="col" class="num">{t_string!(i18n, results.col_finalists)}</th>
                    <th scope="col" class="num">{t_string!(i18n, results.col_winners)}</th>
                }>
                    {rows(slices)}
                </DataTable>
            </div>
        }
    };
    let sliced = view.breakdown;
    let by_category = sliced
        .by_category
        .iter()
        .map(|(key, tally)| (category(key), *tally))
        .collect();
    let by_kind = sliced
        .by_org_kind
        .iter()
        .map(|(kind, tally)| (org_kind(i18n, *kind), *tally))
        .collect();
    let by_group = sliced
        .by_group
        .iter()
        .map(|(key, tally)| (group(i18n, *key), *tally))
        .collect();
    let by_organisation = sliced
        .by_organisation
        .iter()
        .map(|(organisation, tally)| {
            (
                view.organisation_names
                    .get(organisation)
                    .cloned()
                    .unwrap_or_else(|| organisation.to_string()),
                *tally,
            )
        })
        .collect();
    view! {
        <section class="card stack" aria-labelledby="composition-title" data-test="composition">
            <h2 class="card-title" id="composition-title">{t_string!(i18n, results.composition_title)}</h2>
            <p class="muted">{t_string!(i18n, results.composition_lead)}</p>
            {verdict}
            <div class="composition-grid">
                {table(t_string!(i18n, results.by_category).to_owned(), "composition-category", by_category)}
                {table(t_string!(i18n, results.by_org_kind).to_owned(), "composition-kind", by_kind)}
                {table(t_string!(i18n, results.by_group).to_owned(), "composition-group", by_group)}
                {table(t_string!(i18n, results.by_organisation).to_owned(), "composition-organisation", by_organisation)}
            </div>
        </section>
    }
}

//! `/admin/editions/:slug/stages/:stage/advance`: who advances from a scoring
//! stage. Each ranked entry has a tick, starting from what the rule gives (or
//! the decision already made); ties at the cut are flagged, unsubmitted sheets
//! are counted and must be acknowledged, and ticks that differ from the rule
//! need a written reason. One plain form: it works without JavaScript.

use crate::api::stages::{ApplyAdvancement, CloseStageEarly, load_advancement_preview};
use crate::components::form::{FormAlert, SubmitButton, TextArea, action_error, typed_or};
use crate::components::labels::{fill, problem_text};
use crate::components::page_data::page_resource;
use crate::components::results_text::{method, rank, score};
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::AdvancementPreview;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page.
#[component]
pub fn AdvancePage() -> impl IntoView {
    let key = crate::pages::admin::stage_route();
    let preview = page_resource(key, |(slug, stage)| load_advancement_preview(slug, stage));
    loaded_page(preview, |data| view! { <AdvanceForm data/> }.into_any())
}

#[component]
fn AdvanceForm(data: AdvancementPreview) -> impl IntoView {
    let i18n = use_i18n();
    let apply = ServerAction::<ApplyAdvancement>::new();
    let error = action_error(apply);
    let close = ServerAction::<CloseStageEarly>::new();
    let close_error = action_error(close);
    let dashboard = data.dashboard;
    let back = format!(
        "/admin/editions/{}/stages/{}",
        dashboard.edition_slug, dashboard.stage
    );
    let unsubmitted = data.unsubmitted;
    let acknowledge_problem = move || {
        error.get().and_then(|e| {
            e.problem_for("despite_unsubmitted")
                .map(|p| problem_text(i18n, p))
        })
    };
    view! {
        <Title text=t_string!(i18n, results.advance_title).to_string()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href="/admin">{t_string!(i18n, admin.title)}</a></li>
                <li><a href=back.clone()>{dashboard.title.clone()}</a></li>
                <li aria-current="page">{t_string!(i18n, results.advance_title)}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1>{t_string!(i18n, results.advance_title)}": "{dashboard.title.clone()}</h1>
            <p class="lead">{t_string!(i18n, results.advance_lead)}</p>
            <p class="muted">{method(i18n, dashboard.aggregation, &dashboard.rule)}</p>
        </header>
        {dashboard.decided.then(|| view! { <p class="alert alert-info">{t_string!(i18n, results.decided_note)}</p> })}
        {data.open_until.clone().map(|closes| {
            let (slug, stage) = (dashboard.edition_slug.clone(), dashboard.stage.clone());
            view! {
            <div class="alert alert-warning stack" data-test="stage-open">
                <p>{fill(t_string!(i18n, results.stage_open_note), &[("closes", closes.replace('T', " ").chars().take(16).collect())])}</p>
                <ActionForm action=close attr:data-test="close-early-form">
                    <FormAlert error=close_error/>
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="stage" value=stage.to_string()/>
                    <SubmitButton pending=close.pending().into() label=tr!(i18n, results.close_early) busy_label=tr!(i18n, results.closing)/>
                </ActionForm>
            </div>
            }
        })}
        {(unsubmitted > 0).then(|| view! {
            <p class="alert alert-warning" data-test="unsubmitted-warning">
                {fill(t_string!(i18n, results.unsubmitted_warning), &[("count", unsubmitted.to_string())])}
            </p>
        })}
        {(!data.unscored.is_empty()).then(|| view! {
            <div class="alert alert-info">
                <p><strong>{t_string!(i18n, results.unscored)}</strong></p>
                <ul>{data.unscored.into_iter().map(|title| view! { <li>{title}</li> }).collect_view()}</ul>
            </div>
        })}
        <ActionForm action=apply attr:class="form stack" attr:data-test="advance-form">
            <FormAlert error/>
            <input type="hidden" name="slug" value=dashboard.edition_slug.clone()/>
            <input type="hidden" name="stage" value=dashboard.stage.to_string()/>
            {dashboard.ranking.into_iter().map(|group| view! {
                <div class="table-wrap" tabindex="0">
                    <table class="table">
                        <caption>{group.category}</caption>
                        <thead><tr>
                            <th scope="col">{t_string!(i18n, results.advances)}</th>
                            <th scope="col" class="num">{t_string!(i18n, results.col_rank)}</th>
                            <th scope="col">{t_string!(i18n, results.col_title)}</th>
                            <th scope="col" class="num">{t_string!(i18n, results.col_score)}</th>
                            <th scope="col" class="num">{t_string!(i18n, results.col_sheets)}</th>
                        </tr></thead>
                        <tbody>
                            {group.rows.into_iter().map(|row| {
                                let (place, tied) = (row.rank, row.tied);
                                let id = format!("advance-{}", row.entry);
                                let label = fill(t_string!(i18n, results.advance_label), &[("title", row.title.clone())]);
                                view! {
                                    <tr>
                                        <td>
                                            <input type="checkbox" class="big-check" id=id.clone()
                                                name=format!("advance[{}]", row.entry) value="on"
                                                checked=row.advances aria-label=label data-test="advance-tick"/>
                                        </td>
                                        <td class="num">{move || rank(i18n, place, tied)}</td>
                                        <th scope="row">
                                            <label for=id>{row.title}</label><br/>
                                            <span class="muted">{row.organisation}</span>
                                            {row.tied_at_cut.then(|| view! { " "<span class="badge badge-warning">{t_string!(i18n, results.tied_at_cut)}</span> })}
                                        </th>
                                        <td class="num">{score(row.score)}</td>
                                        <td class="num">{row.sheets}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }).collect_view()}
            <TextArea name="reason" label=tr!(i18n, results.reason) hint=tr!(i18n, results.reason_hint)
                value=typed_or(error, "reason", String::new()) rows=3 error/>
            {(unsubmitted > 0).then(|| view! {
                <div class="field" class:has-error=move || acknowledge_problem().is_some()>
                    <label class="check">
                        <input type="checkbox" name="despite_unsubmitted" value="on" data-test="despite-unsubmitted"/>
                        " "{t_string!(i18n, results.despite_unsubmitted)}
                    </label>
                    {move || acknowledge_problem().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                </div>
            })}
            <div class="form-actions">
                <SubmitButton pending=apply.pending().into() label=tr!(i18n, results.apply) busy_label=tr!(i18n, results.applying)/>
                <a class="btn btn-secondary" href=back>{t_string!(i18n, admin.cancel)}</a>
            </div>
        </ActionForm>
    }
}

//! `/entrant/entry/:entry`: one entry as its organisation works on it — the
//! proposal form (or its text once it has left the writers), the deadline, the
//! coordinator's review, the quota, and the entry's history.

use crate::api::entrant::load_proposal;
use crate::components::labels::{entry_badge, entry_state, group};
use crate::components::page_data::page_resource;
use crate::components::status::{ErrorPanel, ForbiddenPage, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::ProposalView;
use crate::pages::entrant::deadline::Deadline;
use crate::pages::entrant::entry_history::EntryHistory;
use crate::pages::entrant::evidence_panel::EvidencePanel;
use crate::pages::entrant::proposal_form::ProposalForm;
use crate::pages::entrant::proposal_text::ProposalText;
use crate::pages::entrant::review_panel::ReviewPanel;
use domain::ids::EntryId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The proposal page.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // The query is part of the key: after a review action the page comes back
    // with `?done=…` and must show the entry's new state.
    let key = move || {
        (
            EntryId::from(params.read().get("entry").unwrap_or_default()),
            query.read().get("done").unwrap_or_default(),
        )
    };
    let data = page_resource(key, |(entry, _)| load_proposal(entry));
    view! {
        <p class="no-print"><a href="/entrant">"← "{t_string!(i18n, entrant.back)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Proposal data/> }.into_any(),
                    Err(AppError::Forbidden) => view! { <ForbiddenPage/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Proposal(data: ProposalView) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let done = move || {
        query
            .read()
            .get("done")
            .or_else(|| query.read().get("saved").map(|_| "save".to_owned()))
    };
    let (state, group_key) = (data.state, data.group);
    let badge = entry_badge(state);
    let editable = data.actions.edit;
    let print_href = format!("/entrant/entry/{}/print", data.entry);
    view! {
        <Title text=data.title.clone()/>
        <header class="page-header" data-test="proposal-page">
            <h1>{data.title.clone()}</h1>
            <p class="lead">
                {data.org_name.clone()}" · "{data.edition_title.clone()}" · "
                {move || group(i18n, group_key)}" · "{data.category.clone()}
            </p>
            <p>
                <span class=badge data-test="entry-state">{move || entry_state(i18n, state)}</span>
                " "<a class="no-print" href=print_href>{t_string!(i18n, entrant.print)}</a>
            </p>
            <Deadline closes_at=data.closes_at.clone() closes_at_ms=data.closes_at_ms closed=data.closed/>
        </header>
        {move || done().map(|action| view! {
            <p class="alert alert-success" role="status" data-test="flash">{match action.as_str() {
                "endorse" => t_string!(i18n, entrant.done_endorse),
                "return" => t_string!(i18n, entrant.done_return),
                "submit" => t_string!(i18n, entrant.done_submit),
                "extend" => t_string!(i18n, entrant.done_extend),
                "upload" => t_string!(i18n, entrant.done_upload),
                "remove" => t_string!(i18n, entrant.done_remove),
                _ => t_string!(i18n, entrant.done_save),
            }}</p>
        })}
        {data.return_comment.clone().map(|comment| view! {
            <aside class="alert alert-warning" data-test="return-comment">
                <p class="mb-0"><strong>{t_string!(i18n, entrant.returned_with)}</strong></p>
                <p class="mb-0">{comment}</p>
            </aside>
        })}
        <div class="proposal-layout">
            <div class="stack">
                {if editable {
                    view! { <ProposalForm data=data.clone()/> }.into_any()
                } else {
                    view! { <ProposalText data=data.clone()/> }.into_any()
                }}
                <EvidencePanel
                    entry=data.entry.clone()
                    sections=data.sections.clone()
                    files=data.evidence.clone()
                    editable=editable
                    limit_mb=data.upload_limit_mb
                />
            </div>
            <aside class="stack no-print">
                <ReviewPanel data=data.clone()/>
                {(!data.feedback.is_empty()).then(|| view! {
                    <section class="card stack" aria-labelledby="feedback-title" data-test="feedback">
                        <h2 class="card-title" id="feedback-title">{t_string!(i18n, entrant.feedback)}</h2>
                        <ul class="history">
                            {data.feedback.iter().map(|(stage, remark)| view! {
                                <li><strong>{stage.clone()}</strong><p class="mb-0">{remark.clone()}</p></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <EntryHistory steps=data.history.clone()/>
            </aside>
        </div>
    }
}

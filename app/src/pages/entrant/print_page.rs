//! `/entrant/entry/:entry/print`: the proposal on paper, for the committee's file —
//! header, every section, the video link, the history, and signature lines. The
//! print stylesheet drops the site's navigation.

use crate::api::entrant::load_proposal;
use crate::components::labels::{entry_state, group};
use crate::components::page_data::page_resource;
use crate::components::status::{ErrorPanel, ForbiddenPage, NotFoundPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::entrant::entry_history::EntryHistory;
use crate::pages::entrant::proposal_text::ProposalText;
use domain::ids::EntryId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The printable proposal.
#[component]
pub fn ProposalPrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let data = page_resource(
        move || EntryId::from(params.read().get("entry").unwrap_or_default()),
        load_proposal,
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let (state, group_key) = (data.state, data.group);
                        let back = format!("/entrant/entry/{}", data.entry);
                        view! {
                            <Title text=data.title.clone()/>
                            <article class="printable" data-test="proposal-print">
                                <p class="no-print"><a href=back>"← "{t_string!(i18n, entrant.back_to_entry)}</a></p>
                                <header class="page-header">
                                    <p class="muted">{data.edition_title.clone()}</p>
                                    <h1>{data.title.clone()}</h1>
                                    <p class="lead">{data.org_name.clone()}" · "{move || group(i18n, group_key)}" · "{data.category.clone()}" · "{move || entry_state(i18n, state)}</p>
                                </header>
                                <ProposalText data=data.clone()/>
                                <EntryHistory steps=data.history.clone()/>
                                <div class="signature-lines">
                                    <div><p>{t_string!(i18n, entrant.signed_coordinator)}</p><p class="signature-line"></p></div>
                                    <div><p>{t_string!(i18n, entrant.signed_committee)}</p><p class="signature-line"></p></div>
                                </div>
                            </article>
                        }.into_any()
                    }
                    Err(AppError::Forbidden) => view! { <ForbiddenPage/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

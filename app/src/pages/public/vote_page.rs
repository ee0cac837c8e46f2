//! `/editions/:slug/vote`: people's choice. While it is open, every candidate
//! with a button to vote (one vote per entry from this browser); once the final
//! results are published, the tally. A separate award: votes never touch the
//! judges' scores. Plain forms: voting works without JavaScript.
//!
//! In a verified edition each vote form asks for an e-mail address; the vote
//! counts once its voter follows the link sent there (`VoteConfirmPage`).

use crate::api::public::{CastVote, load_ballot};
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::fill;
use crate::components::page_data::page_resource;
use crate::components::share::ShareMeta;
use crate::components::status::loaded_page;
use crate::i18n::*;
use crate::model::{Ballot, Candidate};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn VotePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // Any outcome in the query (a vote cast, sent for confirmation, counted)
    // reloads the ballot.
    let ballot = page_resource(
        move || (slug(), query.read().to_query_string()),
        |(slug, _)| load_ballot(slug),
    );
    loaded_page(ballot, |ballot| view! { <BallotView ballot/> }.into_any())
}

#[component]
fn BallotView(ballot: Ballot) -> impl IntoView {
    let i18n = use_i18n();
    let cast = ServerAction::<CastVote>::new();
    let error = action_error(cast);
    let query = use_query_map().read_untracked();
    let heading = fill(
        t_string!(i18n, vote.title),
        &[("title", ballot.title.clone())],
    );
    let title_of = |entry: Option<String>| {
        entry.and_then(|entry| {
            ballot
                .candidates
                .iter()
                .find(|candidate| candidate.entry == entry.as_str())
                .map(|candidate| candidate.title.clone())
        })
    };
    // (query key, what it says, its test id)
    let outcome = [
        ("voted", t_string!(i18n, vote.recorded), "vote-recorded"),
        ("pending", t_string!(i18n, vote.pending), "vote-pending"),
        ("counted", t_string!(i18n, vote.counted), "vote-counted"),
    ]
    .into_iter()
    .find_map(|(key, words, test)| {
        title_of(query.get(key)).map(|title| (test, fill(words, &[("title", title)])))
    });
    let limits = fill(
        t_string!(i18n, vote.limits),
        &[("per_hour", ballot.per_hour.to_string())],
    );
    let slug = ballot.slug.clone();
    let open = ballot.open;
    view! {
        <ShareMeta title=heading.clone() description=t_string!(i18n, vote.lead).to_owned() path=format!("/editions/{slug}/vote")/>
        <header class="page-header">
            <h1>{heading}</h1>
            <p class="lead">{t_string!(i18n, vote.lead)}</p>
            {(ballot.verified && open).then(|| view! { <p>{t_string!(i18n, vote.verified_lead)}</p> })}
            <p class="muted">{if open { limits } else { t_string!(i18n, vote.closed).to_owned() }}</p>
        </header>
        {outcome.map(|(test, words)| view! {
            <p class="alert alert-success" role="status" data-test=test>{words}</p>
        })}
        <FormAlert error/>
        {if ballot.candidates.is_empty() {
            view! { <p class="empty-state">{t_string!(i18n, vote.no_candidates)}</p> }.into_any()
        } else {
            view! {
                <ol class="catalogue-list" data-test="ballot">
                    {ballot.candidates.into_iter().map(|candidate| view! {
                        <CandidateCard candidate slug=slug.clone() open verified=ballot.verified cast/>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <p><a href=format!("/editions/{}", ballot.slug)>{t_string!(i18n, vote.back)}</a></p>
    }
}

#[component]
fn CandidateCard(
    candidate: Candidate,
    slug: String,
    open: bool,
    verified: bool,
    cast: ServerAction<CastVote>,
) -> impl IntoView {
    let i18n = use_i18n();
    let anchor = format!("entry-{}", candidate.entry);
    let votes = candidate.votes.map(|votes| match candidate.unconfirmed {
        Some(unconfirmed) => fill(
            t_string!(i18n, vote.votes_verified),
            &[
                ("count", votes.to_string()),
                ("unconfirmed", unconfirmed.to_string()),
            ],
        ),
        None => fill(t_string!(i18n, vote.votes), &[("count", votes.to_string())]),
    });
    let language = match i18n.get_locale() {
        Locale::en => "en",
        Locale::id => "id",
    };
    let email_id = format!("email-{}", candidate.entry);
    view! {
        <li class="card catalogue-card" id=anchor>
            <h2 class="card-title">{candidate.title.clone()}</h2>
            <p class="muted">
                {candidate.organisation.clone().map(|organisation| format!("{organisation} · "))}
                {candidate.category.clone()}
            </p>
            {(!candidate.summary.is_empty()).then(|| view! { <p>{candidate.summary.clone()}</p> })}
            {votes.map(|votes| view! { <p><strong data-test="vote-count">{votes}</strong></p> })}
            {match (open, candidate.voted && !candidate.awaiting) {
                (true, false) => view! {
                    <ActionForm action=cast>
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="entry" value=candidate.entry.to_string()/>
                        {verified.then(|| view! {
                            <input type="hidden" name="language" value=language/>
                            <div class="field">
                                <label for=email_id.clone()>{t_string!(i18n, vote.email)}</label>
                                <input type="email" id=email_id.clone() name="email" required
                                    autocomplete="email" inputmode="email" data-test="vote-email"/>
                            </div>
                        })}
                        {candidate.awaiting.then(|| view! {
                            <p class="badge" data-test="vote-awaiting">{t_string!(i18n, vote.awaiting)}</p>
                        })}
                        <button type="submit" class="btn btn-primary" data-test="vote-button"
                            aria-busy=move || if cast.pending().get() { "true" } else { "false" }>
                            {t_string!(i18n, vote.cast)}<span class="visually-hidden">" "{candidate.title.clone()}</span>
                        </button>
                    </ActionForm>
                }.into_any(),
                (true, true) => view! {
                    <p class="badge badge-success" data-test="voted">
                        {if verified { t_string!(i18n, vote.counted_badge).into_any() } else { t_string!(i18n, vote.voted).into_any() }}
                    </p>
                }.into_any(),
                (false, _) => ().into_any(),
            }}
        </li>
    }
}

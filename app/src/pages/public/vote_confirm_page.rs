//! `/editions/:slug/vote/confirm?token=…`: where a verified vote's link lands.
//! Opening it changes nothing (mail scanners open links); the button posts
//! the token, and the ballot comes back with the vote counted. A plain form:
//! it works before the page's script arrives.

use crate::api::public::ConfirmVote;
use crate::components::form::{FormAlert, action_error};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page.
#[component]
pub fn VoteConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let back = format!("/editions/{slug}/vote");
    let confirm = ServerAction::<ConfirmVote>::new();
    let error = action_error(confirm);
    view! {
        // The token is in this page's address: no referrer carries it away.
        <Meta name="referrer" content="no-referrer"/>
        <Meta name="robots" content="noindex"/>
        <Title text=t_string!(i18n, vote.confirm_title).to_string()/>
        <header class="page-header">
            <h1>{t_string!(i18n, vote.confirm_title)}</h1>
            <p class="lead">{t_string!(i18n, vote.confirm_lead)}</p>
        </header>
        <FormAlert error/>
        <ActionForm action=confirm>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="token" value=token/>
            <button type="submit" class="btn btn-primary" data-test="vote-confirm"
                aria-busy=move || if confirm.pending().get() { "true" } else { "false" }>
                {t_string!(i18n, vote.confirm)}
            </button>
        </ActionForm>
        <p><a href=back>{t_string!(i18n, vote.back_ballot)}</a></p>
    }
}

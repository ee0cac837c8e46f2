//! What a coordinator does with a proposal — send it back with a comment, endorse
//! it, submit it within the quota — and an admin's deadline extension. Plain
//! forms: they work before the wasm arrives and keep a refused comment.

use crate::api::entrant::{ExtendEntryDeadline, ReviewEntry};
use crate::components::form::{FormAlert, action_error, typed_or};
use crate::i18n::*;
use crate::model::ProposalView;
use crate::tr;
use domain::ids::EntryId;
use leptos::prelude::*;

/// The review and deadline forms the viewer may use (nothing when none).
#[component]
pub fn ReviewPanel(data: ProposalView) -> impl IntoView {
    let i18n = use_i18n();
    let review = ServerAction::<ReviewEntry>::new();
    let extend = ServerAction::<ExtendEntryDeadline>::new();
    let review_error = action_error(review);
    let extend_error = action_error(extend);
    let comment = typed_or(review_error, "comment", String::new());
    let until = typed_or(extend_error, "until", String::new());
    let actions = data.actions.clone();
    let (submit_entry, endorse_entry, return_entry) =
        (data.entry.clone(), data.entry.clone(), data.entry.clone());
    let quota = data.quota.map(|quota| {
        view! {
            <p data-test="quota">
                {move || crate::components::labels::fill(
                    t_string!(i18n, entrant.quota),
                    &[("used", quota.used.to_string()), ("allowed", quota.allowed.to_string())],
                )}
            </p>
        }
    });
    let reviewing = actions.endorse || actions.send_back || actions.submit;
    view! {
        {reviewing.then(|| view! {
            <section class="card stack" aria-labelledby="review-title" data-test="review-panel">
                <h2 class="card-title" id="review-title">{t_string!(i18n, entrant.review)}</h2>
                {quota}
                <FormAlert error=review_error/>
                {actions.submit.then(|| view! {
                    <ReviewButton review entry=submit_entry action="submit" label=tr!(i18n, entrant.submit)/>
                })}
                {actions.endorse.then(|| view! {
                    <ReviewButton review entry=endorse_entry action="endorse" label=tr!(i18n, entrant.endorse)/>
                })}
                {actions.send_back.then(|| view! {
                    <ActionForm action=review attr:class="stack" attr:data-test="return-form">
                        <input type="hidden" name="entry" value=return_entry.to_string()/>
                        <input type="hidden" name="action" value="return"/>
                        <div class="field">
                            <label class="field-label" for="field-comment">{t_string!(i18n, entrant.return_comment)}</label>
                            <textarea id="field-comment" name="comment" rows="3" required>{move || comment.get()}</textarea>
                        </div>
                        <button type="submit" class="btn btn-secondary" disabled=move || review.pending().get()>{t_string!(i18n, entrant.send_back)}</button>
                    </ActionForm>
                })}
            </section>
        })}
        {actions.extend.then(|| view! {
            <section class="card stack" aria-labelledby="extend-title" data-test="extend-panel">
                <h2 class="card-title" id="extend-title">{t_string!(i18n, entrant.extend)}</h2>
                <ActionForm action=extend attr:class="stack">
                    <FormAlert error=extend_error/>
                    <input type="hidden" name="entry" value=data.entry.to_string()/>
                    <div class="field">
                        <label class="field-label" for="field-until">{t_string!(i18n, entrant.extend_until)}" ("{data.time_zone.clone()}")"</label>
                        <input id="field-until" type="datetime-local" name="until" required prop:value=move || until.get()/>
                    </div>
                    <button type="submit" class="btn btn-secondary" disabled=move || extend.pending().get()>{t_string!(i18n, entrant.extend)}</button>
                </ActionForm>
            </section>
        })}
    }
}

/// A review that needs no comment (endorse, submit): one button in its own form.
#[component]
fn ReviewButton(
    review: ServerAction<ReviewEntry>,
    entry: EntryId,
    action: &'static str,
    label: Signal<String>,
) -> impl IntoView {
    view! {
        <ActionForm action=review attr:data-test=format!("{action}-form")>
            <input type="hidden" name="entry" value=entry.to_string()/>
            <input type="hidden" name="action" value=action/>
            <input type="hidden" name="comment" value=""/>
            <button type="submit" class="btn btn-primary" disabled=move || review.pending().get()>{move || label.get()}</button>
        </ActionForm>
    }
}

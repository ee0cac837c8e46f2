//! Sends a judge's sheets still waiting on this device, from whichever judge page
//! is open: scores given offline on five entries reach the server when the
//! network returns, not only the one whose page happens to be showing.

use crate::i18n::*;
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use leptos::prelude::*;

/// How often waiting sheets are retried while a judge page is open.
#[cfg(feature = "hydrate")]
const RETRY_MS: u32 = 15_000;

/// Sends `owner`'s waiting sheets now, when the network returns, when the tab is
/// shown again and every few seconds, and says how many still wait. The sheet of
/// the page itself (`except_entry` in `except_stage`) is left to that page, which
/// shows its own state.
#[component]
pub fn SheetOutbox(
    owner: UserId,
    #[prop(optional)] except_stage: Option<StageId>,
    #[prop(optional)] except_entry: Option<EntryId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(0_usize);

    #[cfg(feature = "hydrate")]
    {
        use crate::client::sheet_queue;
        let sending = StoredValue::new(false);
        let send = move || {
            if sending.get_value() {
                return;
            }
            sending.set_value(true);
            let (owner, except_stage, except_entry) =
                (owner.clone(), except_stage.clone(), except_entry.clone());
            leptos::task::spawn_local(async move {
                let mut still = 0;
                for id in sheet_queue::waiting(&owner) {
                    let is_page = Some(&id.stage) == except_stage.as_ref()
                        && Some(&id.entry) == except_entry.as_ref();
                    if !is_page && sheet_queue::flush(&id).await != sheet_queue::SyncState::Saved {
                        still += 1;
                    }
                }
                // Field visits' findings and photos wait in the same way.
                for key in crate::client::visit_queue::waiting(&owner) {
                    if crate::client::visit_queue::flush(&key).await
                        != crate::client::visit_queue::VisitSync::Sent
                    {
                        still += 1;
                    }
                }
                waiting.set(still);
                sending.set_value(false);
            });
        };
        Effect::new({
            let send = send.clone();
            move |_| send()
        });
        crate::client::retry::retry_sending(RETRY_MS, move || waiting.get_untracked() > 0, send);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (owner, except_stage, except_entry);

    move || {
        let count = waiting.get();
        (count > 0).then(|| {
            view! {
                <p class="alert alert-warning" role="status" data-test="outbox">
                    {t!(i18n, judge.outbox_waiting, count = count)}
                </p>
            }
        })
    }
}

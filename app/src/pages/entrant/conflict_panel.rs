//! When the server holds a newer version than the one the writer started from:
//! both texts side by side, section by section, and the writer chooses. Nothing
//! is sent until they do.

use crate::i18n::*;
use crate::model::{DraftContent, SectionView};
use crate::pages::entrant::proposal_form::FieldRefs;
use leptos::prelude::*;
use std::sync::Arc;

/// The conflict, when there is one.
#[component]
pub fn ConflictPanel(
    conflict: RwSignal<Option<(i64, DraftContent)>>,
    content: RwSignal<DraftContent>,
    version: RwSignal<i64>,
    fields: FieldRefs,
    sections: Vec<SectionView>,
    on_change: Arc<dyn Fn(bool) + Send + Sync>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sections = StoredValue::new(sections);
    let keep_mine = {
        let on_change = on_change.clone();
        move |_| {
            if let Some((theirs_version, _)) = conflict.get_untracked() {
                // Mine replaces theirs knowingly: build on their version.
                version.set(theirs_version);
                conflict.set(None);
                on_change(true);
            }
        }
    };
    let take_theirs = move |_| {
        if let Some((theirs_version, theirs)) = conflict.get_untracked() {
            version.set(theirs_version);
            content.set(theirs.clone());
            fields.fill(&theirs);
            conflict.set(None);
            on_change(false);
        }
    };
    move || {
        conflict.get().map(|(_, theirs)| {
            let mine = content.get_untracked();
            let differing: Vec<(String, String, String)> = sections.with_value(|sections| {
                sections
                    .iter()
                    .filter_map(|section| {
                        let ours = mine.answers.get(&section.key).cloned().unwrap_or_default();
                        let other = theirs.answers.get(&section.key).cloned().unwrap_or_default();
                        (ours != other).then(|| (section.label.clone(), ours, other))
                    })
                    .collect()
            });
            view! {
                <section class="card stack conflict" role="alert" data-test="draft-conflict">
                    <h2 class="card-title">{t_string!(i18n, entrant.conflict_title)}</h2>
                    <p>{t_string!(i18n, errors.stale_draft)}</p>
                    {differing.into_iter().map(|(label, ours, other)| view! {
                        <div class="conflict-pair">
                            <h3>{label}</h3>
                            <div class="conflict-columns">
                                <div><h4>{t_string!(i18n, entrant.conflict_mine)}</h4><p class="conflict-text" data-test="conflict-mine">{ours}</p></div>
                                <div><h4>{t_string!(i18n, entrant.conflict_theirs)}</h4><p class="conflict-text" data-test="conflict-theirs">{other}</p></div>
                            </div>
                        </div>
                    }).collect_view()}
                    <div class="form-actions">
                        <button type="button" class="btn btn-primary" data-test="keep-mine" on:click=keep_mine.clone()>{t_string!(i18n, entrant.keep_mine)}</button>
                        <button type="button" class="btn btn-secondary" data-test="take-theirs" on:click=take_theirs.clone()>{t_string!(i18n, entrant.take_theirs)}</button>
                    </div>
                </section>
            }
        })
    }
}

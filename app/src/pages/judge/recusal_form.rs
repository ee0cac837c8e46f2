//! A judge stepping back from an entry (a conflict of interest), with a reason.
//! A plain form: it posts without JavaScript, and a refused reason stays typed.

use crate::api::judging::Recuse;
use crate::components::form::{FormAlert, SubmitButton, TextArea, action_error, typed_or};
use crate::i18n::*;
use crate::tr;
use domain::ids::EntryId;
use domain::ids::StageId;
use leptos::prelude::*;

/// The recusal form for `entry` in `stage`, folded away until opened (or until a
/// refused submission needs it open).
#[component]
pub fn RecusalForm(stage: StageId, entry: EntryId) -> impl IntoView {
    let i18n = use_i18n();
    let recuse = ServerAction::<Recuse>::new();
    let error = action_error(recuse);
    let reason = typed_or(error, "reason", String::new());
    view! {
        <details class="card recusal" open=move || error.get().is_some() data-test="recusal">
            <summary>{t_string!(i18n, judge.recuse_title)}</summary>
            <p>{t_string!(i18n, judge.recuse_lead)}</p>
            <ActionForm action=recuse attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="stage" value=stage.to_string()/>
                <input type="hidden" name="entry" value=entry.to_string()/>
                <TextArea name="reason" label=tr!(i18n, judge.recuse_reason) value=reason rows=3 required=true error/>
                <div class="form-actions">
                    <SubmitButton pending=recuse.pending().into() label=tr!(i18n, judge.recuse_submit) busy_label=tr!(i18n, judge.saving)/>
                </div>
            </ActionForm>
        </details>
    }
}

//! Evidence files per section: listed (images inline, PDFs opened in the
//! browser's viewer), and — while the writers may change the proposal — uploaded
//! and removed through plain multipart forms. `public/upload.js` shows the
//! upload's progress when JavaScript runs; without it the browser posts the form.

use crate::components::labels::problem_text;
use crate::error::Problem;
use crate::i18n::*;
use crate::model::{EvidenceView, SectionView};
use domain::entry_state::EntryStatus;
use domain::ids::EntryId;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The problem an upload was refused for, from the code in the page's address
/// (an entry state's key when the entry has moved on).
fn refusal(code: &str, limit_mb: u64) -> Option<Problem> {
    if let Ok(state) = code.parse::<EntryStatus>() {
        return Some(Problem::EntryStateChanged { state });
    }
    Some(match code {
        "too_large" => Problem::FileTooLarge { limit_mb },
        "unsupported" => Problem::UnsupportedFile,
        "empty" => Problem::Required,
        "closed" => Problem::SubmissionClosed { closes_at: None },
        "section" => Problem::UnknownChoice {
            given: String::new(),
        },
        _ => return None,
    })
}

/// The evidence card.
#[component]
pub fn EvidencePanel(
    entry: EntryId,
    sections: Vec<SectionView>,
    files: Vec<EvidenceView>,
    editable: bool,
    limit_mb: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let refused = move || {
        query
            .read()
            .get("upload_error")
            .and_then(|code| refusal(&code, limit_mb))
    };
    let labels: Vec<(String, String)> = sections
        .iter()
        .map(|section| (section.key.clone(), section.label.clone()))
        .collect();
    let label_of = {
        let labels = labels.clone();
        move |key: &str| {
            labels
                .iter()
                .find(|(section, _)| section == key)
                .map_or_else(|| key.to_owned(), |(_, label)| label.clone())
        }
    };
    let upload_action = format!("/entrant/entry/{entry}/evidence");
    view! {
        <section class="card stack" id="evidence" aria-labelledby="evidence-title" data-test="evidence">
            <h2 class="card-title" id="evidence-title">{t_string!(i18n, entrant.evidence)}</h2>
            {if files.is_empty() {
                view! { <p class="muted">{t_string!(i18n, entrant.no_evidence)}</p> }.into_any()
            } else {
                view! {
                    <ul class="evidence-list">
                        {files.into_iter().map(|file| {
                            let href = format!("/evidence/{}", file.id);
                            let remove = format!("/entrant/entry/{entry}/evidence/{}/delete", file.id);
                            let section = label_of(&file.section);
                            view! {
                                <li data-test="evidence-file">
                                    {file.is_image.then(|| view! {
                                        <img class="evidence-thumb" src=href.clone() alt=file.name.clone() loading="lazy"/>
                                    })}
                                    <a href=href target="_blank" rel="noopener">{file.name.clone()}</a>
                                    <span class="muted">" · "{section}" · "{file.size_kb}" KB"</span>
                                    {editable.then(|| view! {
                                        <form method="post" action=remove class="inline-form">
                                            <button type="submit" class="btn btn-link">{t_string!(i18n, entrant.remove_file)}</button>
                                        </form>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {editable.then(|| view! {
                <form
                    method="post"
                    action=upload_action
                    enctype="multipart/form-data"
                    class="stack"
                    data-upload=""
                    data-test="upload-form"
                >
                    <div class="form-grid">
                        <div class="field">
                            <label class="field-label" for="evidence-section">{t_string!(i18n, entrant.evidence_section)}</label>
                            <select id="evidence-section" name="section">
                                {labels.into_iter().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field" class:has-error=move || refused().is_some()>
                            <label class="field-label" for="evidence-file">{t_string!(i18n, entrant.evidence_file)}</label>
                            <p class="field-hint" id="evidence-file-hint">
                                {move || crate::components::labels::fill(t_string!(i18n, entrant.evidence_hint), &[("limit", limit_mb.to_string())])}
                            </p>
                            <input
                                id="evidence-file"
                                type="file"
                                name="file"
                                required
                                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                                aria-describedby="evidence-file-hint"
                                data-limit-mb=limit_mb.to_string()
                            />
                            {move || refused().map(|problem| view! {
                                <p class="field-error" role="alert" data-test="upload-error">{problem_text(i18n, &problem)}</p>
                            })}
                        </div>
                    </div>
                    <progress class="upload-progress" max="100" value="0" hidden data-upload-progress=""></progress>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-secondary">{t_string!(i18n, entrant.upload)}</button>
                    </div>
                </form>
            })}
        </section>
    }
}

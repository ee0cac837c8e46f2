//! The proposal form: one text area per section with a live word counter, the
//! video link and the declarations.
//!
//! Without JavaScript it is a plain form that posts, is checked on the server and,
//! refused, comes back with everything as typed. With JavaScript every keystroke
//! is kept on the device (see `client::draft_store`) and saved to the server a
//! moment after typing stops, with a visible status. A save based on an older
//! version than the server's is refused by the server; both texts are then shown
//! and the writer chooses — nothing is overwritten silently.

use crate::api::entrant::SaveProposalForm;
use crate::components::labels::problem_text;
use crate::error::{AppError, Problem};
use crate::i18n::*;
use crate::model::{DraftContent, ProposalView, SectionView};
use crate::pages::entrant::conflict_panel::ConflictPanel;
use crate::pages::entrant::proposal_text::ProblemList;
use crate::proposal_rules::submission_problems;
use domain::proposal::word_count;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// Where the text stands between this device and the server.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(dead_code, reason = "only the browser autosaves")
)]
pub enum SaveStatus {
    /// Nothing typed since the page was shown.
    Idle,
    /// Typed; a save follows when typing stops.
    Typing,
    /// A save is on its way.
    Saving,
    /// The server has everything, saved at this time.
    Saved(String),
    /// The network is down; the text is kept on this device and sent later.
    Offline,
    /// Text typed here earlier (not yet on the server) was put back.
    Restored,
    /// The server holds a newer version; the writer chooses.
    Conflict,
    /// The server refused the save (the message says why); the text stays here.
    Refused,
}

/// The text areas, video input and declaration box, to write into after a restore
/// (fields are filled by the server and only written to on a later change).
#[derive(Clone, Copy)]
pub struct FieldRefs {
    areas: StoredValue<BTreeMap<String, NodeRef<leptos::html::Textarea>>>,
    video: NodeRef<leptos::html::Input>,
    declarations: NodeRef<leptos::html::Input>,
}

impl FieldRefs {
    /// What the fields hold now (typed before the app was ready, perhaps).
    #[cfg(feature = "hydrate")]
    pub fn read(&self, shown: &DraftContent) -> DraftContent {
        let mut content = shown.clone();
        self.areas.with_value(|areas| {
            for (key, area) in areas {
                if let Some(area) = area.get_untracked() {
                    let text = area.value();
                    if !text.is_empty() || content.answers.contains_key(key) {
                        content.answers.insert(key.clone(), text);
                    }
                }
            }
        });
        if let Some(video) = self.video.get_untracked() {
            content.video_url = video.value();
        }
        if let Some(declarations) = self.declarations.get_untracked() {
            content.declarations = declarations.checked();
        }
        content
    }

    /// Shows `content` in the fields.
    pub fn fill(&self, content: &DraftContent) {
        self.areas.with_value(|areas| {
            for (key, area) in areas {
                if let Some(area) = area.get_untracked() {
                    area.set_value(content.answers.get(key).map_or("", String::as_str));
                }
            }
        });
        if let Some(video) = self.video.get_untracked() {
            video.set_value(&content.video_url);
        }
        if let Some(declarations) = self.declarations.get_untracked() {
            declarations.set_checked(content.declarations);
        }
    }
}

/// The error of a plain-form save that the server refused, read from the URL the
/// server sent the browser back to.
fn plain_form_error() -> Option<AppError> {
    let query = use_query_map();
    let query = query.read_untracked();
    (query.get("__path").as_deref() == Some(SaveProposalForm::PATH))
        .then(|| query.get("__err"))
        .flatten()
        .map(|encoded| ServerFnUrlError::<AppError>::decode_err(&encoded))
}

/// The editable proposal.
#[component]
pub fn ProposalForm(data: ProposalView) -> impl IntoView {
    let i18n = use_i18n();
    let group = data.group;
    let url_error = plain_form_error();
    // A refused plain-form save comes back with what was typed: show that.
    let mut initial = data.content.clone();
    if let Some(error) = &url_error {
        for section in &data.sections {
            if let Some(text) = error.echoed(&format!("answers.{}", section.key)) {
                initial.answers.insert(section.key.clone(), text.to_owned());
            }
        }
        if let Some(url) = error.echoed("video_url") {
            initial.video_url = url.to_owned();
        }
    }
    let content = RwSignal::new(initial.clone());
    let version = RwSignal::new(data.version);
    let status = RwSignal::new(SaveStatus::Idle);
    let refused = RwSignal::new(url_error);
    let conflict = RwSignal::new(None::<(i64, DraftContent)>);
    let template = crate::proposal_rules::template_of(&data.sections);
    let live_problems =
        Memo::new(move |_| content.with(|content| submission_problems(&template, group, content)));
    let fields = FieldRefs {
        areas: StoredValue::new(
            data.sections
                .iter()
                .map(|section| (section.key.clone(), NodeRef::new()))
                .collect(),
        ),
        video: NodeRef::new(),
        declarations: NodeRef::new(),
    };

    // Set once the browser half runs (tests wait for it).
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let on_change =
        crate::pages::entrant::autosave::start(crate::pages::entrant::autosave::Autosave {
            owner: data.viewer.clone(),
            entry: data.entry.clone(),
            server_content: data.content.clone(),
            server_version: data.version,
            content,
            version,
            status,
            refused,
            conflict,
            fields,
            ready,
        });
    #[cfg(not(feature = "hydrate"))]
    let on_change = std::sync::Arc::new(|_: bool| {}) as std::sync::Arc<dyn Fn(bool) + Send + Sync>;

    let typed = {
        let on_change = on_change.clone();
        move |update: Box<dyn FnOnce(&mut DraftContent)>| {
            content.update(|content| update(content));
            on_change(false);
        }
    };
    let save_click = {
        let on_change = on_change.clone();
        move |event: leptos::ev::SubmitEvent| {
            // With JavaScript the button saves at once through the autosave (which
            // knows the current version); without it the browser posts the form.
            event.prevent_default();
            on_change(true);
        }
    };
    let field_problem = move |field: String| {
        Signal::derive(move || {
            refused
                .get()
                .and_then(|error| error.problem_for(&field).cloned())
                .or_else(|| {
                    live_problems.with(|problems| {
                        problems
                            .iter()
                            .find(|problem| {
                                problem.field == field
                                    && matches!(
                                        problem.problem,
                                        Problem::TooManyWords { .. } | Problem::BadVideoUrl
                                    )
                            })
                            .map(|problem| problem.problem.clone())
                    })
                })
        })
    };
    let sections = data.sections.clone();
    let status_text = move || match status.get() {
        SaveStatus::Idle => t_string!(i18n, entrant.status_idle).to_owned(),
        SaveStatus::Typing => t_string!(i18n, entrant.status_typing).to_owned(),
        SaveStatus::Saving => t_string!(i18n, entrant.status_saving).to_owned(),
        SaveStatus::Saved(at) => format!("{} {at}", t_string!(i18n, entrant.status_saved)),
        SaveStatus::Offline => t_string!(i18n, entrant.status_offline).to_owned(),
        SaveStatus::Restored => t_string!(i18n, entrant.status_restored).to_owned(),
        SaveStatus::Conflict => t_string!(i18n, entrant.status_conflict).to_owned(),
        SaveStatus::Refused => refused
            .get()
            .map(|error| crate::components::labels::error_text(i18n, &error))
            .unwrap_or_default(),
    };
    let status_class = move || match status.get() {
        SaveStatus::Saved(_) => "save-status save-status-ok",
        SaveStatus::Offline | SaveStatus::Restored | SaveStatus::Typing | SaveStatus::Saving => {
            "save-status save-status-waiting"
        }
        SaveStatus::Conflict | SaveStatus::Refused => "save-status save-status-problem",
        SaveStatus::Idle => "save-status",
    };
    let typed_video = typed.clone();
    let typed_declarations = typed.clone();

    view! {
        <ConflictPanel conflict content version fields sections=sections.clone() on_change=on_change.clone()/>
        <form
            method="post"
            action=SaveProposalForm::url()
            class="card stack proposal-form"
            data-test="proposal-form"
            data-ready=move || ready.get().to_string()
            on:submit=save_click
        >
            <div class="proposal-form-head">
                <h2 class="card-title">{t_string!(i18n, entrant.proposal)}</h2>
                <p class=status_class role="status" aria-live="polite" data-test="save-status">{status_text}</p>
            </div>
            {move || refused.get().filter(|_| status.get() != SaveStatus::Refused).map(|error| view! {
                <div class="alert alert-error" role="alert" data-test="form-error">
                    <p class="mb-0">{crate::components::labels::error_text(i18n, &error)}</p>
                </div>
            })}
            <input type="hidden" name="entry" value=data.entry.to_string()/>
            <input type="hidden" name="base_version" prop:value=move || version.get().to_string() value=data.version.to_string()/>
            {sections.into_iter().map(|section| {
                let key = section.key.clone();
                let area = fields.areas.with_value(|areas| areas.get(&key).copied()).unwrap_or_default();
                let typed = typed.clone();
                let problem = field_problem(format!("answers.{key}"));
                let initial_text = initial.answers.get(&key).cloned().unwrap_or_default();
                view! {
                    <SectionField section area problem initial_text content on_input=move |key: String, text: String| {
                        typed(Box::new(move |content| { content.answers.insert(key, text); }));
                    }/>
                }
            }).collect_view()}
            <div class="field" class:has-error=move || field_problem("video_url".into()).get().is_some()>
                <label class="field-label" for="field-video_url">{t_string!(i18n, entrant.video)}</label>
                <p class="field-hint" id="field-video_url-hint">{t_string!(i18n, entrant.video_hint)}</p>
                <input
                    node_ref=fields.video
                    id="field-video_url"
                    type="url"
                    name="video_url"
                    inputmode="url"
                    value=initial.video_url.clone()
                    aria-describedby="field-video_url-hint"
                    on:input=move |event| {
                        let url = event_target_value(&event);
                        typed_video(Box::new(move |content| content.video_url = url));
                    }
                />
                {move || field_problem("video_url".into()).get().map(|problem| view! {
                    <p class="field-error" role="alert">{problem_text(i18n, &problem)}</p>
                })}
            </div>
            <div class="field">
                <label class="check">
                    <input
                        node_ref=fields.declarations
                        type="checkbox"
                        name="declarations"
                        checked=initial.declarations
                        on:change=move |event| {
                            let checked = event_target_checked(&event);
                            typed_declarations(Box::new(move |content| content.declarations = checked));
                        }
                    />
                    " "{t_string!(i18n, entrant.declarations_text)}
                </label>
            </div>
            {move || {
                let problems = live_problems.get();
                (!problems.is_empty()).then(|| view! {
                    <div class="alert alert-warning" data-test="submission-problems">
                        <p class="mb-0"><strong>{t_string!(i18n, entrant.before_submitting)}</strong></p>
                        <ProblemList problems sections=data.sections.clone()/>
                    </div>
                })
            }}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" data-test="save-button">{t_string!(i18n, entrant.save)}</button>
            </div>
        </form>
    }
}

/// One section: heading, prompt, text area and word counter.
#[component]
fn SectionField(
    section: SectionView,
    area: NodeRef<leptos::html::Textarea>,
    problem: Signal<Option<Problem>>,
    initial_text: String,
    content: RwSignal<DraftContent>,
    on_input: impl Fn(String, String) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = section.key.clone();
    let id = format!("answer-{key}");
    let limit = section.word_limit;
    let words = {
        let key = key.clone();
        Memo::new(move |_| {
            content.with(|content| content.answers.get(&key).map_or(0, |text| word_count(text)))
        })
    };
    let counter_id = format!("{id}-count");
    let (section_key, name) = (key.clone(), format!("answers[{key}]"));
    let rows = (limit / 40).clamp(4, 14);
    view! {
        <div class="field" class:has-error=move || problem.get().is_some() data-section=section_key>
            <label class="field-label" for=id.clone()>
                {section.label.clone()}
                {section.required.then(|| view! { <span class="required-mark" aria-hidden="true">" *"</span> })}
            </label>
            <p class="field-hint">{section.prompt.clone()}</p>
            <textarea
                node_ref=area
                id=id.clone()
                name=name
                rows=rows
                aria-describedby=counter_id.clone()
                on:input=move |event| on_input(key.clone(), event_target_value(&event))
            >
                {initial_text}
            </textarea>
            <p
                id=counter_id
                class="word-count"
                class:word-count-over=move || { words.get() > limit }
                data-test="word-count"
            >
                {move || format!("{} / {limit} {}", words.get(), t_string!(i18n, entrant.words))}
            </p>
            {move || problem.get().map(|problem| view! {
                <p class="field-error" role="alert">{problem_text(i18n, &problem)}</p>
            })}
        </div>
    }
}

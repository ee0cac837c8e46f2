//! Form pieces that show server-side validation beside each field, keep what was
//! typed, and work as plain HTML forms before (or without) the wasm.
//!
//! A field's value is rendered by the server and then written to the page only
//! when it changes (a refused submission sends back what was typed): never when
//! the wasm arrives, which would wipe what someone typed while it loaded.

use crate::components::labels::{error_text, problem_text};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The error of the last run of `action`, if it failed.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The value to show in `field`: what was typed before a refused submission, else
/// `initial`.
pub fn typed_or(
    error: Signal<Option<AppError>>,
    field: &'static str,
    initial: String,
) -> Signal<String> {
    Signal::derive(move || {
        error
            .get()
            .and_then(|error| error.echoed(field).map(str::to_owned))
            .unwrap_or_else(|| initial.clone())
    })
}

/// A summary at the top of a form when the last submission failed.
#[component]
pub fn FormAlert(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            let message = error_text(i18n, &error);
            view! {
                <div class="form-alert alert alert-error" role="alert" data-test="form-error">
                    <p class="mb-0">{message}</p>
                </div>
            }
        })
    }
}

/// The message for `field`, if the last submission refused it.
fn field_problem(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        error.get().and_then(|error| {
            error
                .problem_for(field)
                .map(|problem| problem_text(i18n, problem))
        })
    })
}

/// A labelled single-line input with hint and error.
#[component]
pub fn TextField(
    /// Form field name (the server function's argument).
    name: &'static str,
    /// The visible label.
    label: Signal<String>,
    /// Input type: `text`, `email`, `password`, `number`, `url`.
    #[prop(default = "text")]
    kind: &'static str,
    /// Initial value.
    #[prop(into, default = Signal::stored(String::new()))]
    value: Signal<String>,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Marks the field required (also for the browser's own check).
    #[prop(optional)]
    required: bool,
    /// `autocomplete` attribute.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The form's last error.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let problem = field_problem(error, name);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |shown: Option<String>| {
        let next = value.get();
        if shown.is_some_and(|shown| shown != next)
            && let Some(input) = input.get_untracked()
        {
            input.set_value(&next);
        }
        next
    });
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if problem.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label class="field-label" for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{move || hint.get()}</p> })}
            <input
                node_ref=input
                id=id.clone()
                name=name
                type=kind
                value=move || value.get()
                required=required
                autocomplete=autocomplete
                aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
            />
            {move || problem.get().map(|message| view! {
                <p class="field-error" id=error_id.clone() role="alert">{message}</p>
            })}
        </div>
    }
}

/// A labelled multi-line input.
#[component]
pub fn TextArea(
    /// Form field name.
    name: &'static str,
    /// The visible label.
    label: Signal<String>,
    /// Initial value.
    #[prop(into, default = Signal::stored(String::new()))]
    value: Signal<String>,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Visible rows.
    #[prop(default = 6)]
    rows: u32,
    #[prop(optional)] required: bool,
    /// The form's last error.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let problem = field_problem(error, name);
    let area = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |shown: Option<String>| {
        let next = value.get();
        if shown.is_some_and(|shown| shown != next)
            && let Some(area) = area.get_untracked()
        {
            area.set_value(&next);
        }
        next
    });
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label class="field-label" for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{move || hint.get()}</p> })}
            <textarea
                node_ref=area
                id=id.clone()
                name=name
                rows=rows
                required=required
                aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                aria-describedby=move || if problem.get().is_some() { error_id.clone() } else { hint_id.clone() }
            >
                {move || value.get()}
            </textarea>
            {move || problem.get().map(|message| view! {
                <p class="field-error" id=format!("field-{name}-error") role="alert">{message}</p>
            })}
        </div>
    }
}

/// A submit button that shows progress while the action runs.
#[component]
pub fn SubmitButton(
    /// Whether the action is running.
    pending: Signal<bool>,
    /// Label when idle.
    label: Signal<String>,
    /// Label while running.
    busy_label: Signal<String>,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="btn btn-primary"
            aria-busy=move || if pending.get() { "true" } else { "false" }
            disabled=move || pending.get()
        >
            {move || if pending.get() { busy_label.get() } else { label.get() }}
        </button>
    }
}

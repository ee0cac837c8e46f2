//! `/admin/editions/:slug/setup/stages/:stage` (`new` for a new stage): a stage's
//! kind, window, blindness, and for a scoring stage its aggregation, advancement
//! rule and rubric. The rubric rows are edited in place, blank rows add criteria
//! and "remove" drops one; beside the form a live preview shows the sheet as a
//! judge will see it and whether the weights add up to 100. One plain form: the
//! server checks everything again, and a refused form comes back as typed.

use crate::api::setup::{SaveStage, load_stage_setup};
use crate::components::form::{FormAlert, SubmitButton, action_error};
use crate::components::labels::{fill, problem_text};
use crate::components::page_data::page_resource;
use crate::components::status::loaded_page;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{CriterionForm, StageSetup};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// Blank rows offered for new criteria.
const BLANK_ROWS: usize = 2;

/// The page.
#[component]
pub fn StageFormPage() -> impl IntoView {
    let key = crate::pages::admin::stage_route();
    let setup = page_resource(key, |(slug, stage)| load_stage_setup(slug, stage));
    loaded_page(setup, |data| view! { <StageForm data/> }.into_any())
}

/// What was typed in `field` before a refusal, else `initial`.
fn echoed(
    error: Signal<Option<AppError>>,
    field: String,
    initial: String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        error
            .get()
            .and_then(|error| error.echoed(&field).map(str::to_owned))
            .unwrap_or_else(|| initial.clone())
    }
}

/// The problem with `field`, in words.
fn problem_of(
    error: Signal<Option<AppError>>,
    field: String,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    let i18n = use_i18n();
    move || {
        error.get().and_then(|error| {
            error
                .problem_for(&field)
                .map(|problem| problem_text(i18n, problem))
        })
    }
}

#[component]
fn StageForm(data: StageSetup) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveStage>::new();
    let error = action_error(save);
    let form = data.form;
    let is_new = form.editing.is_empty();
    let back = format!("/admin/editions/{}/setup", form.slug);
    let heading = if is_new {
        t_string!(i18n, setup.stage_new).to_owned()
    } else {
        fill(
            t_string!(i18n, setup.stage_edit),
            &[("title", form.title.clone())],
        )
    };
    let mut rows = form.criteria.clone();
    rows.extend(std::iter::repeat_with(CriterionForm::default).take(BLANK_ROWS));
    // The live preview follows the rows as they are typed (in the browser).
    let live = RwSignal::new(rows.clone());
    let field = move |name: &str, initial: &str| echoed(error, name.to_owned(), initial.to_owned());
    let problem = move |name: &str| problem_of(error, name.to_owned());
    let select = |name: &'static str, current: String, options: Vec<(&'static str, String)>| {
        let id = format!("field-{name}");
        view! {
            <select id=id name=name>
                {options.into_iter().map(|(value, label)| view! {
                    <option value=value selected=current == value>{label}</option>
                }).collect_view()}
            </select>
        }
    };
    let rubric_problem = problem("criteria");
    // Once interactive, the preview starts from what is in the fields: a value
    // typed while the page loaded counts too.
    let hydrated = RwSignal::new(false);
    let row_count = rows.len();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let read = |index: usize, name: &str| {
                document()
                    .get_element_by_id(&format!("criterion-{index}-{name}"))
                    .and_then(|element| {
                        element.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()
                    })
                    .map(|input| input.value())
            };
            live.update(|rows| {
                for index in 0..row_count {
                    if let Some(row) = rows.get_mut(index) {
                        for (name, field) in [
                            ("key", &mut row.key),
                            ("label", &mut row.label),
                            ("guidance", &mut row.guidance),
                            ("weight", &mut row.weight),
                            ("min", &mut row.min),
                            ("max", &mut row.max),
                            ("step", &mut row.step),
                        ] {
                            if let Some(value) = read(index, name) {
                                *field = value;
                            }
                        }
                    }
                }
            });
        }
        let _ = row_count;
        hydrated.set(true);
    });
    view! {
        <Title text=heading.clone()/>
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <ol>
                <li><a href=back.clone()>{data.edition_title.clone()}</a></li>
                <li aria-current="page">{heading.clone()}</li>
            </ol>
        </nav>
        <header class="page-header"><h1>{heading}</h1></header>
        <ActionForm action=save attr:class="form stack" attr:data-test="stage-form"
            attr:data-hydrated=move || hydrated.get().to_string()>
            <FormAlert error/>
            <input type="hidden" name="slug" value=form.slug.clone()/>
            <input type="hidden" name="editing" value=form.editing.clone()/>
            <section class="card stack">
                <div class="form-grid">
                    {if is_new {
                        view! { <Input name="key" label=tr!(i18n, setup.key) hint=tr!(i18n, setup.key_hint) value=field("key", &form.key) problem=problem("key")/> }.into_any()
                    } else {
                        view! { <input type="hidden" name="key" value=form.key.clone()/> }.into_any()
                    }}
                    <Input name="title" label=tr!(i18n, setup.stage_title) value=field("title", &form.title) problem=problem("title")/>
                    <div class="field">
                        <label class="field-label" for="field-kind">{t_string!(i18n, setup.kind)}</label>
                        {select("kind", form.kind.clone(), vec![
                            ("screening", t_string!(i18n, setup.kind_screening).to_owned()),
                            ("scoring", t_string!(i18n, setup.kind_scoring).to_owned()),
                            ("objection", t_string!(i18n, setup.kind_objection).to_owned()),
                        ])}
                    </div>
                    <div class="field">
                        <label class="field-label" for="field-format">{t_string!(i18n, setup.format)}</label>
                        {select("format", form.format.clone(), vec![
                            ("desk", t_string!(i18n, setup.format_desk).to_owned()),
                            ("presentation", t_string!(i18n, setup.format_presentation).to_owned()),
                            ("field_visit", t_string!(i18n, setup.format_field_visit).to_owned()),
                        ])}
                    </div>
                    <Input name="opens" kind="datetime-local" label=tr!(i18n, setup.opens) value=field("opens", &form.opens) problem=problem("opens")/>
                    <Input name="closes" kind="datetime-local" label=tr!(i18n, setup.closes) value=field("closes", &form.closes) problem=problem("closes")/>
                </div>
                <label class="check"><input type="checkbox" name="blind" value="on" checked=form.blind.is_some()/>" "{t_string!(i18n, setup.blind)}</label>
            </section>
            <section class="card stack">
                <div class="form-grid">
                    <div class="field">
                        <label class="field-label" for="field-aggregation">{t_string!(i18n, setup.aggregation)}</label>
                        {select("aggregation", form.aggregation.clone(), vec![
                            ("mean", t_string!(i18n, setup.aggregation_mean).to_owned()),
                            ("trimmed_mean", t_string!(i18n, setup.aggregation_trimmed_mean).to_owned()),
                            ("zscore", t_string!(i18n, setup.aggregation_zscore).to_owned()),
                        ])}
                    </div>
                    <div class="field">
                        <label class="field-label" for="field-rule">{t_string!(i18n, setup.rule)}</label>
                        {select("rule", form.rule.clone(), vec![
                            ("top_n", t_string!(i18n, setup.rule_top_n).to_owned()),
                            ("pass_mark", t_string!(i18n, setup.rule_pass_mark).to_owned()),
                            ("manual", t_string!(i18n, setup.rule_manual).to_owned()),
                        ])}
                    </div>
                    <Input name="top_n" kind="number" label=tr!(i18n, setup.top_n) value=field("top_n", &form.top_n) problem=problem("top_n")/>
                    <Input name="pass_mark" label=tr!(i18n, setup.pass_mark) value=field("pass_mark", &form.pass_mark) problem=problem("pass_mark")/>
                </div>
            </section>
            <section class="card stack" aria-labelledby="rubric-title">
                <h2 class="card-title" id="rubric-title">{t_string!(i18n, setup.rubric)}</h2>
                <p class="muted">{t_string!(i18n, setup.rubric_lead)}</p>
                {(data.sheets > 0).then(|| view! {
                    <p class="alert alert-warning">{fill(t_string!(i18n, setup.rubric_locked), &[("sheets", data.sheets.to_string())])}</p>
                })}
                <div class="rubric-editor">
                    <div class="stack">
                        {rows.into_iter().enumerate().map(|(index, row)| view! {
                            <CriterionRow index row error live/>
                        }).collect_view()}
                    </div>
                    <RubricPreview live/>
                </div>
                {move || rubric_problem().map(|message| view! { <p class="field-error" role="alert" data-test="rubric-error">{message}</p> })}
            </section>
            <div class="form-actions">
                <SubmitButton pending=save.pending().into() label=tr!(i18n, setup.save_stage) busy_label=tr!(i18n, admin.saving)/>
                <a class="btn btn-secondary" href=back>{t_string!(i18n, admin.cancel)}</a>
            </div>
        </ActionForm>
    }
}

/// A labelled input whose value is an attribute (never written over what is
/// typed while the wasm loads), with its problem beside it.
#[component]
fn Input<V, P>(
    name: &'static str,
    label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    value: V,
    problem: P,
) -> impl IntoView
where
    V: Fn() -> String + Send + Sync + 'static,
    P: Fn() -> Option<String> + Send + Sync + Clone + 'static,
{
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let shown = problem.clone();
    let invalid = problem.clone();
    view! {
        <div class="field" class:has-error=move || problem().is_some()>
            <label class="field-label" for=id.clone()>{move || label.get()}</label>
            {hint.map(|hint| view! { <p class="field-hint">{move || hint.get()}</p> })}
            <input id=id name=name type=kind value=value
                aria-invalid=move || if invalid().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()/>
            {move || shown().map(|message| view! { <p class="field-error" id=error_id.clone() role="alert">{message}</p> })}
        </div>
    }
}

/// One criterion row, its fields named `criteria[i][…]`.
#[component]
fn CriterionRow(
    index: usize,
    row: CriterionForm,
    error: Signal<Option<AppError>>,
    live: RwSignal<Vec<CriterionForm>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_new = row.key.is_empty();
    let legend = if is_new {
        t_string!(i18n, setup.c_new).to_owned()
    } else {
        format!("{}. {}", index + 1, row.label)
    };
    let cell = move |name: &'static str,
                     label: Signal<String>,
                     initial: String,
                     width: &'static str| {
        let path = format!("criteria.{index}.{name}");
        let id = format!("criterion-{index}-{name}");
        let value = echoed(error, path.clone(), initial);
        let problem = problem_of(error, path);
        let shown = problem.clone();
        let on_input = move |event: leptos::ev::Event| {
            let typed = event_target_value(&event);
            live.update(|rows| {
                if let Some(row) = rows.get_mut(index) {
                    match name {
                        "key" => row.key = typed,
                        "label" => row.label = typed,
                        "guidance" => row.guidance = typed,
                        "weight" => row.weight = typed,
                        "min" => row.min = typed,
                        "max" => row.max = typed,
                        _ => row.step = typed,
                    }
                }
            });
        };
        view! {
            <div class=format!("field {width}") class:has-error=move || problem().is_some()>
                <label class="field-label" for=id.clone()>{move || label.get()}</label>
                <input id=id name=format!("criteria[{index}][{name}]") value=value on:input=on_input/>
                {move || shown().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
        }
    };
    view! {
        <fieldset class="criterion-row" data-test="criterion-row">
            <legend>{legend}</legend>
            <div class="criterion-grid">
                {cell("key", tr!(i18n, setup.c_key), row.key.clone(), "")}
                {cell("label", tr!(i18n, setup.c_label), row.label.clone(), "span-2")}
                {cell("weight", tr!(i18n, setup.c_weight), row.weight.clone(), "")}
                {cell("min", tr!(i18n, setup.c_min), row.min.clone(), "")}
                {cell("max", tr!(i18n, setup.c_max), row.max.clone(), "")}
                {cell("step", tr!(i18n, setup.c_step), row.step.clone(), "")}
                {cell("guidance", tr!(i18n, setup.c_guidance), row.guidance.clone(), "span-all")}
            </div>
            {(!is_new).then(|| view! {
                <label class="check">
                    <input type="checkbox" name=format!("criteria[{index}][remove]") value="on"
                        on:change=move |event| {
                            let removed = event_target_checked(&event);
                            live.update(|rows| if let Some(row) = rows.get_mut(index) {
                                row.remove = removed.then(|| "on".to_owned());
                            });
                        }/>
                    " "{t_string!(i18n, setup.c_remove)}
                </label>
            })}
        </fieldset>
    }
}

/// The sheet as a judge will see it, and the weights' sum, as typed.
#[component]
fn RubricPreview(live: RwSignal<Vec<CriterionForm>>) -> impl IntoView {
    let i18n = use_i18n();
    let kept = move || {
        live.get()
            .into_iter()
            .filter(|row| row.remove.is_none() && !row.label.trim().is_empty())
            .collect::<Vec<_>>()
    };
    let total = move || {
        kept()
            .iter()
            .map(|row| row.weight.trim().parse::<u64>().unwrap_or(0))
            .sum::<u64>()
    };
    view! {
        <aside class="card rubric-preview" aria-labelledby="preview-title" data-test="rubric-preview">
            <h3 id="preview-title" class="card-title">{t_string!(i18n, setup.preview)}</h3>
            <p role="status" data-test="weights-sum" data-total=move || total().to_string()
                class=move || if total() == 100 { "weights-ok" } else { "weights-off" }>
                {move || if total() == 100 {
                    t_string!(i18n, setup.weights_ok).to_owned()
                } else {
                    fill(t_string!(i18n, setup.weights_sum), &[("total", total().to_string())])
                }}
            </p>
            <ol class="preview-criteria">
                {move || kept().into_iter().map(|row| view! {
                    <li>
                        <strong>{row.label.clone()}</strong>" · "{format!("{}%", row.weight.trim())}
                        <br/><span class="muted">{fill(t_string!(i18n, setup.preview_scale), &[("min", row.min.clone()), ("max", row.max.clone()), ("step", row.step.clone())])}</span>
                        {(!row.guidance.is_empty()).then(|| view! { <br/><span>{row.guidance.clone()}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </aside>
    }
}

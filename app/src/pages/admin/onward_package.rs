//! On the onward page, per entry: whether the committee sends it on, and for
//! an entry sent on, how its submission package stands against the national
//! form (sections missing from the city's form, empty, or over the national
//! word limit) before anyone downloads it.

use crate::api::onward::PickOnward;
use crate::components::form::{FormAlert, action_error};
use crate::components::labels::{I18n, fill};
use crate::i18n::*;
use crate::model::{PackageCheck, PackageSectionCheck};
use domain::proposal::PackageSectionState;
use leptos::prelude::*;

/// The pick and, when sent, the package of entry `entry`.
#[component]
pub fn SendOnPanel(
    slug: String,
    entry: String,
    sent: bool,
    package: Option<PackageCheck>,
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let pick = ServerAction::<PickOnward>::new();
    let error = action_error(pick);
    let base = format!("/admin/editions/{slug}/onward/{entry}");
    view! {
        <section class="stack send-on" data-test="send-on" data-sent=sent.to_string()>
            <FormAlert error/>
            {can_edit.then(|| view! {
                <ActionForm action=pick attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="entry" value=entry.clone()/>
                    <input type="hidden" name="send" value=(!sent).to_string()/>
                    <button type="submit" data-test="pick-onward"
                        class=if sent { "btn btn-secondary" } else { "btn btn-primary" }
                        disabled=move || pick.pending().get()>
                        {if sent { t_string!(i18n, onward.stop_sending).into_any() } else { t_string!(i18n, onward.send).into_any() }}
                    </button>
                </ActionForm>
            })}
            {package.map(|package| view! {
                <h3>{t_string!(i18n, onward.package_title)}</h3>
                <PackageStanding package/>
                <p class="form-actions">
                    <a class="btn btn-secondary" href=format!("{base}/package.pdf") rel="external" data-test="package-pdf">
                        {t_string!(i18n, onward.download_pdf)}
                    </a>
                    <a class="btn btn-secondary" href=format!("{base}/package.zip") rel="external" data-test="package-zip">
                        {t_string!(i18n, onward.download_zip)}
                    </a>
                </p>
            })}
        </section>
    }
}

/// What the national form would still refuse, or that it is ready.
#[component]
fn PackageStanding(package: PackageCheck) -> impl IntoView {
    let i18n = use_i18n();
    let evidence = fill(
        t_string!(i18n, onward.package_evidence),
        &[("count", package.evidence_files.to_string())],
    );
    let problems: Vec<String> = package
        .needing_work()
        .map(|section| section_problem(i18n, section))
        .collect();
    if problems.is_empty() {
        let ready = fill(
            t_string!(i18n, onward.package_ready),
            &[("count", package.sections.len().to_string())],
        );
        view! { <p class="alert alert-success" data-test="package-ready">{ready}" · "{evidence}</p> }.into_any()
    } else {
        view! {
            <div class="alert alert-warning" data-test="package-problems">
                <p class="mb-0">{t_string!(i18n, onward.package_needs_work)}</p>
                <ul>{problems.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}</ul>
                <p class="mb-0">{evidence}</p>
            </div>
        }
        .into_any()
    }
}

fn section_problem(i18n: I18n, section: &PackageSectionCheck) -> String {
    let label = ("label", section.label.clone());
    match section.state {
        PackageSectionState::Missing => fill(t_string!(i18n, onward.package_missing), &[label]),
        PackageSectionState::Empty => fill(t_string!(i18n, onward.package_empty), &[label]),
        PackageSectionState::OverLimit | PackageSectionState::Ready => fill(
            t_string!(i18n, onward.package_over),
            &[
                label,
                ("words", section.words.to_string()),
                ("limit", section.word_limit.to_string()),
            ],
        ),
    }
}

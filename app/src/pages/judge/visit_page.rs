//! `/judge/visits/:visit`: a field visit on the tablet — where and when, who
//! goes, and each claim of the proposal with *terbukti / sebagian / tidak
//! terbukti* and a note, then photos taken with the tablet's camera.
//!
//! On site there is often no signal. Every choice is kept on the device as it
//! is made; saving queues a batch, taking a photo shrinks it and queues it,
//! and the queue is sent when the network is there (now, when it returns, when
//! the tab is shown again, on a timer). Before the app's code has loaded the
//! form still posts as a plain form; photos need the app (they are shrunk on
//! the device first).

use crate::api::field::load_visit;
use crate::components::auth::use_auth;
use crate::components::dates::format_local;
use crate::components::form::FormAlert;
use crate::components::labels::{field_outcome_label, finding_label};
use crate::components::page_data::page_resource;
use crate::components::status::loaded_page;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{ClaimView, PhotoView, VisitSheet};
use domain::field::Finding;
use domain::ids::{UserId, VisitId};
use domain::role::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// How often waiting findings and photos are retried while the page is open.
#[cfg(feature = "hydrate")]
const RETRY_MS: u32 = 15_000;

/// The page.
#[component]
pub fn VisitPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let visit = move || VisitId::from(params.read().get("visit").unwrap_or_default());
    let data = page_resource(
        move || (visit(), query.read().get("saved")),
        |(visit, _)| load_visit(visit),
    );
    loaded_page(data, |sheet| view! { <Visit sheet/> }.into_any())
}

#[component]
fn Visit(sheet: VisitSheet) -> impl IntoView {
    let i18n = use_i18n();
    let user = use_auth().signed_in.get_value();
    // Only the team records (the server checks the team; the committee reads).
    let recorder: Option<UserId> = user
        .filter(|user| user.roles.has(Role::Judge) && !sheet.committee)
        .map(|user| user.id);
    let back = if sheet.committee {
        format!(
            "/admin/editions/{}/stages/{}/field#visit-{}",
            sheet.edition_slug, sheet.stage, sheet.id
        )
    } else {
        "/judge".to_owned()
    };
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let status = RwSignal::new(Status::default());
    view! {
        <Title text=sheet.title.clone()/>
        <p class="no-print"><a href=back>"← "{t_string!(i18n, field.back)}</a></p>
        <header class="page-header">
            <p class="muted mb-0">{sheet.stage_title.clone()}" · "{sheet.edition_title.clone()}</p>
            <h1>{sheet.title.clone()}</h1>
            <p class="lead">{sheet.organisation.clone()}</p>
        </header>
        <dl class="facts card">
            <dt>{t_string!(i18n, field.when)}</dt><dd>{format_local(i18n, &sheet.starts_at)}</dd>
            <dt>{t_string!(i18n, field.address)}</dt><dd>{sheet.address.clone()}</dd>
            <dt>{t_string!(i18n, field.team)}</dt><dd>{sheet.team.join(", ")}</dd>
            <dt>{t_string!(i18n, field.outcome)}</dt>
            <dd data-test="visit-outcome">{field_outcome_label(i18n, sheet.outcome)}</dd>
        </dl>
        <Show when=saved>
            <p class="alert alert-success" role="status" data-test="findings-saved">{t_string!(i18n, field.saved)}</p>
        </Show>
        <SyncNotice status/>
        {match recorder.clone() {
            Some(owner) => view! { <FindingsForm sheet=sheet.clone() owner status/> }.into_any(),
            None => view! { <ClaimsRead claims=sheet.claims.clone()/> }.into_any(),
        }}
        <section class="card stack" aria-labelledby="photos-title">
            <h2 id="photos-title" class="card-title">{t_string!(i18n, field.photos)}</h2>
            {recorder.map(|owner| view! { <TakePhoto visit=sheet.id.clone() owner status/> })}
            <PhotoList photos=sheet.photos.clone()/>
        </section>
        <p><a class="btn btn-secondary" href=format!("/visits/{}/berita-acara", sheet.id) data-test="visit-minutes">{t_string!(i18n, field.minutes)}</a></p>
    }
}

/// What waits on the device and what the server last said.
#[derive(Debug, Clone, Default, PartialEq)]
struct Status {
    /// Things waiting to be sent.
    waiting: usize,
    /// Whether the device could not keep them (storage full).
    not_kept: bool,
    /// Photos being shrunk.
    processing: usize,
    /// The last refusal.
    refused: Option<AppError>,
    /// A photo shrunk: its size before and after (bytes), for the verifier.
    last_shrink: Option<(u64, u64)>,
}

#[component]
fn SyncNotice(status: RwSignal<Status>) -> impl IntoView {
    let i18n = use_i18n();
    // `try_`: see the choices' `checked` in `FindingsForm`.
    let refused =
        Signal::derive(move || status.try_with(|status| status.refused.clone()).flatten());
    view! {
        <FormAlert error=refused/>
        {move || {
            let status = status.try_get().unwrap_or_default();
            view! {
                {(status.processing > 0).then(|| view! {
                    <p class="alert alert-info" role="status" data-test="photo-processing">
                        <progress aria-label=t_string!(i18n, field.processing)></progress>" "{t_string!(i18n, field.processing)}
                    </p>
                })}
                {(status.waiting > 0).then(|| view! {
                    <p class="alert alert-warning" role="status" data-test="visit-waiting" data-waiting=status.waiting>
                        {t!(i18n, field.waiting, count = status.waiting)}
                    </p>
                })}
                {status.not_kept.then(|| view! {
                    <p class="alert alert-error" role="alert">{t_string!(i18n, field.storage_full)}</p>
                })}
                {status.last_shrink.map(|(before, after)| view! {
                    <p class="muted" data-test="photo-shrunk" data-before=before data-after=after>
                        {t!(i18n, field.shrunk, before = megabytes(before), after = megabytes(after))}
                    </p>
                })}
            }
        }}
    }
}

/// `bytes` in megabytes with two decimals.
fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // photo sizes are far below 2^52
    let mb = bytes as f64 / 1_048_576.0;
    format!("{mb:.2}")
}

/// The claims with what the team found, for the committee.
#[component]
fn ClaimsRead(claims: Vec<ClaimView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card stack" aria-labelledby="claims-title">
            <h2 id="claims-title" class="card-title">{t_string!(i18n, field.claims)}</h2>
            {claims.is_empty().then(|| view! { <p class="empty-state">{t_string!(i18n, field.no_claims)}</p> })}
            <ol class="stack">
                {claims.into_iter().map(|claim| view! {
                    <li data-test="claim-read">
                        <h3>{claim.label}</h3>
                        <p>
                            <strong>{claim.finding.map_or_else(|| t_string!(i18n, field.not_found_yet).to_owned(), |finding| finding_label(i18n, finding))}</strong>
                            {claim.recorded_by.map(|name| view! { " · "{name} })}
                        </p>
                        {(!claim.note.is_empty()).then(|| view! { <p class="muted">{claim.note}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The claims to check, one radio group and note each.
#[component]
fn FindingsForm(sheet: VisitSheet, owner: UserId, status: RwSignal<Status>) -> impl IntoView {
    let i18n = use_i18n();
    let visit = sheet.id.clone();
    // The server's findings first; the device's draft (newer) over them once
    // the app runs.
    let draft = RwSignal::new(
        sheet
            .claims
            .iter()
            .map(|claim| (claim.section.clone(), (claim.finding, claim.note.clone())))
            .collect::<std::collections::BTreeMap<String, (Option<Finding>, String)>>(),
    );
    #[cfg(feature = "hydrate")]
    let key = crate::client::visit_queue::VisitKey {
        owner: owner.clone(),
        visit: visit.clone(),
    };
    #[cfg(feature = "hydrate")]
    {
        use crate::client::visit_queue;
        let send = {
            let key = key.clone();
            let sending = StoredValue::new(false);
            move || {
                if sending.get_value() {
                    return;
                }
                sending.set_value(true);
                let key = key.clone();
                leptos::task::spawn_local(async move {
                    let outcome = visit_queue::flush(&key).await;
                    status.update(|status| {
                        status.waiting = visit_queue::load(&key).waiting();
                        if let visit_queue::VisitSync::Refused(error) = outcome {
                            status.refused = Some(error);
                        }
                    });
                    sending.set_value(false);
                });
            }
        };
        Effect::new({
            let key = key.clone();
            let send = send.clone();
            move |_| {
                let local = visit_queue::load(&key);
                draft.update(|draft| {
                    for (section, kept) in &local.draft {
                        if let Some(shown) = draft.get_mut(section) {
                            *shown = (kept.finding, kept.note.clone());
                        }
                    }
                });
                status.update(|status| status.waiting = local.waiting());
                send();
            }
        });
        crate::client::retry::retry_sending(
            RETRY_MS,
            move || status.with_untracked(|status| status.waiting > 0),
            send.clone(),
        );
        provide_context(SendQueue(std::sync::Arc::new(send)));
    }
    // Keeps the claim `section` as this verifier just changed it, with the
    // time of the change (only changed claims are ever sent).
    let keep = move |section: &str| {
        #[cfg(feature = "hydrate")]
        {
            use crate::client::visit_queue::{self, DraftFinding};
            let Some((finding, note)) = draft.with_untracked(|draft| draft.get(section).cloned())
            else {
                return;
            };
            let decided_at = js_sys::Date::new_0().to_iso_string().as_string();
            let (_, kept) = visit_queue::update(&key, |local| {
                local.draft.insert(
                    section.to_owned(),
                    DraftFinding {
                        finding,
                        note,
                        changed: true,
                        decided_at,
                    },
                );
            });
            status.update(|status| status.not_kept = !kept);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = section;
    };
    let keep = StoredValue::new(keep);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        // With the app running the findings go through the device's queue;
        // before it runs, the plain form posts them.
        #[cfg(feature = "hydrate")]
        {
            use crate::client::visit_queue;
            event.prevent_default();
            let key = crate::client::visit_queue::VisitKey {
                owner: owner.clone(),
                visit: visit.clone(),
            };
            let (local, kept) = visit_queue::enqueue_findings(&key);
            status.update(|status| {
                status.waiting = local.waiting();
                status.not_kept = !kept;
                status.refused = None;
            });
            if let Some(send) = use_context::<SendQueue>() {
                (send.0)();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = (&owner, &visit, status);
    let claims = sheet.claims.clone();
    view! {
        <form method="post" action="/api/record_findings" class="card stack" on:submit=on_submit data-test="findings-form">
            <h2 class="card-title">{t_string!(i18n, field.claims)}</h2>
            <input type="hidden" name="visit" value=sheet.id.to_string()/>
            <input type="hidden" name="owner" value=owner_key(&sheet)/>
            <input type="hidden" name="batch" value=sheet.form_key.clone()/>
            <input type="hidden" name="from_form" value="true"/>
            {claims.is_empty().then(|| view! { <p class="empty-state">{t_string!(i18n, field.no_claims)}</p> })}
            {claims.into_iter().enumerate().map(|(index, claim)| {
                let section = claim.section.clone();
                let choice = move |finding: Finding| {
                    let section = section.clone();
                    let checked = {
                        let section = section.clone();
                        // `try_with`: a server render of a form the page has
                        // already replaced may still read it (seen once in CI
                        // as a panic mid-render); unchecked is then right.
                        move || {
                            draft
                                .try_with(|draft| draft.get(&section).and_then(|kept| kept.0) == Some(finding))
                                .unwrap_or(false)
                        }
                    };
                    // The attribute for the page as the server renders it, the
                    // property once the app runs.
                    let checked_attribute = checked.clone();
                    let id = format!("claim-{index}-{}", finding.key());
                    let label_for = id.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input type="radio" id=id name=format!("findings[{index}][finding]") value=finding.key()
                                checked=checked_attribute
                                prop:checked=checked
                                on:change=move |_| {
                                    draft.update(|draft| {
                                        if let Some(kept) = draft.get_mut(&section) {
                                            kept.0 = Some(finding);
                                        }
                                    });
                                    keep.with_value(|keep| keep(&section));
                                }/>
                            " "{finding_label(i18n, finding)}
                        </label>
                    }
                };
                let note_section = claim.section.clone();
                let note_value = {
                    let section = claim.section.clone();
                    // `try_with`, as for the choices above.
                    move || {
                        draft
                            .try_with(|draft| draft.get(&section).map(|kept| kept.1.clone()))
                            .flatten()
                            .unwrap_or_default()
                    }
                };
                let note_id = format!("claim-{index}-note");
                view! {
                    <fieldset class="claim stack" data-test="claim">
                        <legend><strong>{claim.label.clone()}</strong></legend>
                        <details>
                            <summary>{t_string!(i18n, field.claim_text)}</summary>
                            <p class="proposal-text">{claim.text.clone()}</p>
                        </details>
                        <input type="hidden" name=format!("findings[{index}][section]") value=claim.section.clone()/>
                        // A plain form's word counts from when the finding it
                        // showed was chosen: a teammate's later one stands.
                        <input type="hidden" name=format!("findings[{index}][decided_at]") value=claim.decided_at.clone().unwrap_or_default()/>
                        <div class="choice-row" role="radiogroup">
                            {choice(Finding::Terbukti)}
                            {choice(Finding::Sebagian)}
                            {choice(Finding::TidakTerbukti)}
                        </div>
                        <div class="field">
                            <label class="field-label" for=note_id.clone()>{t_string!(i18n, field.note)}</label>
                            <textarea id=note_id name=format!("findings[{index}][note]") rows="2"
                                on:input=move |event| {
                                    let text = event_target_value(&event);
                                    draft.update(|draft| {
                                        if let Some(kept) = draft.get_mut(&note_section) {
                                            kept.1 = text;
                                        }
                                    });
                                    keep.with_value(|keep| keep(&note_section));
                                }>{note_value}</textarea>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div>
                <button type="submit" class="btn btn-primary btn-large" data-test="save-findings">{t_string!(i18n, field.save_findings)}</button>
            </div>
        </form>
    }
}

/// The account the page was rendered for (the form's `owner`).
fn owner_key(sheet: &VisitSheet) -> String {
    sheet.viewer.to_string()
}

/// Sends the visit's queue now (given by the findings form to the photo
/// button, so a photo taken goes out at once when it can).
#[derive(Clone)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct SendQueue(std::sync::Arc<dyn Fn() + Send + Sync>);

/// Takes photos with the tablet's camera: each is shrunk and placed on the
/// device, kept in the queue, and sent.
#[component]
fn TakePhoto(visit: VisitId, owner: UserId, status: RwSignal<Status>) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use crate::client::{photo, visit_queue};
            use wasm_bindgen::JsCast;
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(files) = input.files() else {
                return;
            };
            let files: Vec<web_sys::File> =
                (0..files.length()).filter_map(|i| files.item(i)).collect();
            // The same photo may be picked again after this.
            input.set_value("");
            let key = visit_queue::VisitKey {
                owner: owner.clone(),
                visit: visit.clone(),
            };
            status.update(|status| status.processing += files.len());
            let send = use_context::<SendQueue>();
            leptos::task::spawn_local(async move {
                let location = photo::locate().await;
                for file in files {
                    let taken_at = js_sys::Date::new_0()
                        .to_iso_string()
                        .as_string()
                        .unwrap_or_default();
                    match photo::shrink(&file).await {
                        Ok((jpeg, original_bytes, bytes)) => {
                            let (local, kept) = visit_queue::add_photo(
                                &key,
                                visit_queue::WaitingPhoto {
                                    key: crate::client::idempotency_key(),
                                    taken_at,
                                    location,
                                    original_bytes,
                                    bytes,
                                },
                                jpeg,
                            );
                            status.update(|status| {
                                status.waiting = local.waiting();
                                status.not_kept = !kept;
                                status.last_shrink = Some((original_bytes, bytes));
                            });
                        }
                        Err(_) => status.update(|status| {
                            status.refused = Some(AppError::field(
                                "photo",
                                crate::error::Problem::UnsupportedFile,
                            ));
                        }),
                    }
                    status.update(|status| status.processing = status.processing.saturating_sub(1));
                }
                if let Some(send) = send {
                    (send.0)();
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, &visit, &owner, status);
    };
    view! {
        <p>
            <label class="btn btn-primary btn-large file-button">
                {t_string!(i18n, field.take_photo)}
                <input type="file" accept="image/*" capture="environment" multiple
                    class="visually-hidden" data-test="take-photo" on:change=on_change/>
            </label>
        </p>
        <p class="muted">{t_string!(i18n, field.photo_hint)}</p>
    }
}

/// The photos the server has.
#[component]
fn PhotoList(photos: Vec<PhotoView>) -> impl IntoView {
    let i18n = use_i18n();
    if photos.is_empty() {
        return view! { <p class="muted" data-test="no-photos">{t_string!(i18n, field.no_photos)}</p> }
            .into_any();
    }
    view! {
        <ul class="photo-grid plain-list" data-test="photos">
            {photos.into_iter().map(|photo| {
                let place = photo.location.map(|(lat, lon)| format!(" · {lat:.5}, {lon:.5}"));
                view! {
                    <li>
                        <figure>
                            <img src=format!("/field-photos/{}", photo.id) alt=t_string!(i18n, field.photo_alt)
                                loading="lazy" width="320" height="240"/>
                            <figcaption class="muted">{format_local(i18n, &photo.taken_at)}{place}" · "{photo.taken_by}</figcaption>
                        </figure>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

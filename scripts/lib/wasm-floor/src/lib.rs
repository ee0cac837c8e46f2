//! The least a hydrated Leptos page shaped like the judge's score sheet costs:
//! a router, a resource loaded by a server function, inputs bound to signals
//! and an action form, with nothing of the app's own. `scripts/bench wasm`
//! measures it beside the app's wasm.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub label: String,
    pub max: u32,
    pub score: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub entry: String,
    pub criteria: Vec<Criterion>,
}

#[server]
pub async fn load_sheet(entry: String) -> Result<Sheet, ServerFnError> {
    Ok(Sheet {
        entry,
        criteria: Vec::new(),
    })
}

#[server]
pub async fn save_sheet(entry: String, scores: Vec<u32>) -> Result<(), ServerFnError> {
    let _ = (entry, scores);
    Ok(())
}

#[component]
fn ScoreSheet() -> impl IntoView {
    let sheet = Resource::new(|| (), |()| load_sheet("entry".into()));
    let save = ServerAction::<SaveSheet>::new();
    view! {
        <Suspense fallback=|| "…">
            {move || sheet.get().map(|sheet| match sheet {
                Ok(sheet) => view! {
                    <ActionForm action=save>
                        <input type="hidden" name="entry" value=sheet.entry.clone()/>
                        {sheet.criteria.into_iter().map(|criterion| {
                            let (score, set_score) = signal(criterion.score.unwrap_or(0));
                            view! {
                                <label>{criterion.label}
                                    <input type="number" name="scores[]" min="0" max=criterion.max
                                        prop:value=move || score.get()
                                        on:input=move |event| set_score.set(event_target_value(&event).parse().unwrap_or(0))/>
                                </label>
                                <output>{move || score.get()}</output>
                            }
                        }).collect_view()}
                        <button type="submit">"Kirim"</button>
                    </ActionForm>
                }.into_any(),
                Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Juri"/>
        <Router>
            <main>
                <Routes fallback=|| "Tidak ditemukan">
                    <Route path=path!("/judge/:stage/:entry") view=ScoreSheet/>
                </Routes>
            </main>
        </Router>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

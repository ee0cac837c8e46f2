//! The browser entry: cargo-leptos builds this crate to wasm and calls `hydrate()`
//! once the server-rendered page has loaded.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

//! The browser entry: cargo-leptos builds this crate to wasm and calls `hydrate()`
//! once the server-rendered page has loaded.

/// Hydrates the server-rendered page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that redirects (sign-in, sign-out, a saved form) loads the
    // target page in full, exactly as the same form does without JavaScript, so
    // that everything on it (the signed-in person, lists) is fresh. The router would
    // otherwise navigate client-side with data from before the change. The first
    // hook set wins, so this must run before the router sets its own.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        let _ = leptos::prelude::window().location().assign(location);
    });
    leptos::mount::hydrate_body(app::App);
    // Hydration is synchronous: from here the page is the app's. Browser tests
    // wait for this mark before they type or look for console errors.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

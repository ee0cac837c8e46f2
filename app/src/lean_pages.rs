//! Pages served without the app's scripts.
//!
//! A citizen opening the results, the catalogue or an innovation from a shared
//! link on a phone needs nothing the wasm does: these pages are links and GET
//! forms, and every page works without JavaScript already (the browser tests'
//! `no-javascript` project). So for a visitor who is not signed in, they are
//! sent without the hydration scripts, without the data Leptos embeds for
//! hydration, and without the service worker's and the upload progress'
//! scripts: HTML and the stylesheet, a few tens of kilobytes instead of a
//! megabyte of wasm. A signed-in person gets them hydrated as every other page,
//! so that leaving with unsent scores still asks first (the sign-out button's
//! handler) and the app's navigation stays in the browser.

/// Whether `path` is one of the lean pages: the home page, an edition, its
/// published results, the catalogue and an innovation's profile. Segments are
/// matched exactly, so `/innovations/{id}/photos/{photo}` is not one.
pub fn is_lean_path(path: &str) -> bool {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    matches!(
        segments.as_slice(),
        [] | ["innovations"] | ["innovations", _] | ["editions", _] | ["editions", _, "results"]
    )
}

/// Whether the page being rendered goes out lean: a lean path, asked for by
/// someone not signed in. Decided on the server from the request
/// (`SignedIn` is resolved before anything renders); the browser only ever
/// hydrates pages that were not lean, so there it is always `false`.
pub fn serve_lean() -> bool {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let Some(parts) = use_context::<http::request::Parts>() else {
            return false;
        };
        let anonymous = parts
            .extensions
            .get::<crate::backend::auth::SignedIn>()
            .is_some_and(|signed_in| signed_in.0.is_none());
        anonymous && is_lean_path(parts.uri.path())
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// Tells Leptos that nothing in this page will hydrate, so resources do not
/// write their data into it for a wasm that will never read it (on the
/// results page that would be the whole table a second time, as JSON).
pub fn render_without_hydration() {
    #[cfg(feature = "ssr")]
    if let Some(context) = leptos::prelude::Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
}

#[cfg(test)]
mod tests {
    use super::is_lean_path;

    #[test]
    fn only_the_public_reading_pages_are_lean() {
        for path in [
            "/",
            "/innovations",
            "/innovations/",
            "/innovations/abc123",
            "/editions/kipp-malang-2026",
            "/editions/kipp-malang-2026/results",
        ] {
            assert!(is_lean_path(path), "{path} should be lean");
        }
        for path in [
            "/login",
            "/invite/token",
            "/innovations/abc123/photos/p1",
            "/editions/kipp-malang-2026/vote",
            "/editions/kipp-malang-2026/objections",
            "/admin",
            "/admin/editions/kipp-malang-2026/results",
            "/judge",
            "/judge/desk/entry",
            "/entrant",
            "/entrant/entry/abc",
            "/account",
            "/visits/v1/berita-acara",
        ] {
            assert!(!is_lean_path(path), "{path} should hydrate");
        }
    }
}

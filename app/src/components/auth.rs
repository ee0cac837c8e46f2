//! Who is signed in, for every page, and the role gate in front of protected pages.
//!
//! The gate is a convenience for people; access control itself is on the server:
//! every server function calls `api::guard::require`.

use crate::api::auth::Logout;
use crate::components::status::ForbiddenPage;
use crate::model::CurrentUser;
use domain::role::Role;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// Sign-in state shared by the whole app. Signing in and out ends in a full page
/// load (see the redirect hook in `frontend`), so the person is read once per page.
#[derive(Clone, Copy)]
pub struct AuthContext {
    /// The sign-out action.
    pub logout: ServerAction<Logout>,
    /// The signed-in person, known at once: the router looked them up before
    /// the page began (`backend::auth::SignedIn`), and the browser reads the
    /// server's answer while hydrating. Everything decides with it
    /// synchronously — no view waits for it, so a page is built exactly once.
    pub signed_in: StoredValue<Option<CurrentUser>>,
}

/// Provides [`AuthContext`]; call once, inside the router.
pub fn provide_auth_context() {
    let logout = ServerAction::<Logout>::new();
    let signed_in = StoredValue::new(SharedValue::new(signed_in_now).into_inner());
    provide_context(AuthContext { logout, signed_in });
}

/// Who signed the request being rendered (on the server; in the browser the
/// value comes with the page).
fn signed_in_now() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<crate::backend::auth::SignedIn>()
                    .cloned()
            })
            .and_then(|signed_in| signed_in.0)
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// The [`AuthContext`] provided at the top of the app.
pub fn use_auth() -> AuthContext {
    expect_context::<AuthContext>()
}

/// Renders `children` only for a signed-in person holding one of `roles`; sends
/// anyone else to the login page (401) or shows the 403 page.
///
/// The decision is synchronous and the page is built exactly once. The
/// person is known before the first view is built: on the server the router
/// looked them up for the request (`backend::auth::SignedIn`), so `me()` is
/// ready at once; in the browser the answer arrives with the page. A gate that
/// awaited the person inside a `<Suspense>` had its page (and the page's
/// resources) built again by the server's extra render passes, and the
/// browser then hydrated one copy's data against another copy's HTML.
#[component]
pub fn RequireRole(roles: &'static [Role], children: Children) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    match auth.signed_in.get_value() {
        Some(user) if user.roles.any(roles) => children().into_any(),
        Some(_) => view! { <ForbiddenPage/> }.into_any(),
        None => {
            let here = location.pathname.get_untracked();
            let next = format!("/login?next={}", encode_path(&here));
            view! { <Redirect path=next/> }.into_any()
        }
    }
}

/// Percent-encodes the characters of a path that would break a query string.
fn encode_path(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            '&' => "%26".to_owned(),
            '?' => "%3F".to_owned(),
            '#' => "%23".to_owned(),
            '+' => "%2B".to_owned(),
            ' ' => "%20".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

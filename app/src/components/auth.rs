//! Who is signed in, for every page, and the role gate in front of protected pages.
//!
//! The gate is a convenience for people; access control itself is on the server:
//! every server function calls `api::guard::require`.

use crate::api::auth::{Logout, me};
use crate::components::status::{ErrorPanel, ForbiddenPage};
use crate::error::AppError;
use crate::i18n::*;
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
    /// The signed-in person, if any.
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

/// Provides [`AuthContext`]; call once, inside the router.
pub fn provide_auth_context() {
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new(|| (), |_| me());
    provide_context(AuthContext { logout, user });
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
    let i18n = use_i18n();
    match auth.user.get_untracked() {
        Some(Ok(Some(user))) if user.roles.any(roles) => children().into_any(),
        Some(Ok(Some(_))) => view! { <ForbiddenPage/> }.into_any(),
        Some(Ok(None)) => {
            let here = location.pathname.get_untracked();
            let next = format!("/login?next={}", encode_path(&here));
            view! { <Redirect path=next/> }.into_any()
        }
        Some(Err(error)) => view! { <ErrorPanel error/> }.into_any(),
        // Not known yet: only outside the router (the lookup failed to run).
        None => view! { <p class="muted">{t!(i18n, pages.loading)}</p> }.into_any(),
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

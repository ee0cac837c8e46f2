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
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, pages.loading)}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if user.roles.any(roles) => {
                        children.with_value(|children| children()).into_any()
                    }
                    Ok(Some(_)) => view! { <ForbiddenPage/> }.into_any(),
                    Ok(None) => {
                        let here = location.pathname.get_untracked();
                        let next = format!("/login?next={}", encode_path(&here));
                        view! { <Redirect path=next/> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
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

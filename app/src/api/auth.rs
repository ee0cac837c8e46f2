//! Signing in and out.

use crate::error::AppError;
use crate::model::CurrentUser;
use leptos::prelude::*;

/// The page to go to after signing in: `next` when it is a path on this site
/// (printable ASCII only, so it is always a valid `Location` header), otherwise
/// the person's home.
#[must_use]
pub fn safe_next(next: Option<&str>) -> Option<&str> {
    next.filter(|next| {
        next.starts_with('/')
            && !next.starts_with("//")
            && !next.contains('\\')
            && next.chars().all(|c| c.is_ascii_graphic())
    })
}

/// Signs in with e-mail and password, sets the session cookie and sends the
/// browser on to `next` or the person's home page.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::api::guard::{client_addr, fail, now, session_token, set_cookie, state};
    use crate::backend::auth::session;
    use crate::backend::service::accounts;

    let state = state()?;
    // Failures count per address and per account: a guesser spreading one
    // account's guesses over many addresses is stopped by the second.
    let limiter = &state.login_limiter;
    let attempt = limiter
        .begin_sign_in(&state.db, client_addr(), &email, now())
        .await
        .map_err(|refused| fail(refused.into()))?;
    // A session the browser already had ends here: one person, one fresh session.
    if let Some(old) = session_token() {
        accounts::sign_out(&state.db, &old).await?;
    }
    let signed_in = accounts::sign_in(&state.db, &state.settings, &email, &password, now())
        .await
        .map_err(fail)?;
    limiter.succeeded(&state.db, attempt).await;
    set_cookie(&session::set_cookie(
        &signed_in.token,
        state.settings.session_absolute.as_secs(),
        state.settings.secure_cookies,
    ));
    let home = signed_in.user.roles.home_path();
    leptos_axum::redirect(safe_next(next.as_deref()).unwrap_or(home));
    Ok(())
}

/// Ends the session on the server and removes the cookie.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::api::guard::{session_token, set_cookie, state};
    use crate::backend::auth::session;
    use crate::backend::service::accounts;

    let state = state()?;
    if let Some(token) = session_token() {
        accounts::sign_out(&state.db, &token).await?;
    }
    set_cookie(&session::clear_cookie(state.settings.secure_cookies));
    // A shared tablet or office computer: the next person must find nothing of
    // this one's — no kept pages, no queued scores, no drafts (the page asked
    // first when changes were still waiting).
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static("\"cache\", \"storage\""),
        );
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in, if anyone.
#[server(prefix = "/api", endpoint = "me")]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    crate::api::guard::current_user().await
}

/// The demo's sign-in details when the server runs with `--demo`; `None` otherwise.
#[server(prefix = "/api", endpoint = "load_demo_accounts")]
pub async fn load_demo_accounts() -> Result<Option<crate::model::DemoHint>, AppError> {
    Ok(crate::api::guard::state()?.demo_hint.as_deref().cloned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/admin")), Some("/admin"));
        assert_eq!(safe_next(Some("//evil.example")), None);
        assert_eq!(safe_next(Some("https://evil.example")), None);
        assert_eq!(safe_next(Some("/\\evil")), None);
        assert_eq!(safe_next(None), None);
        assert_eq!(safe_next(Some("/admin\r\nSet-Cookie: x=y")), None);
        assert_eq!(safe_next(Some("/édition")), None);
    }
}

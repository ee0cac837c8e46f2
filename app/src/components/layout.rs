//! The page frame: skip link, top bar with navigation per role, language switch,
//! the signed-in person, and the footer.

use crate::components::auth::use_auth;
use crate::components::labels::{I18n, role};
use crate::i18n::*;
use crate::model::CurrentUser;
use domain::ids::UserId;
use domain::role::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The frame around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t_string!(i18n, nav.skip)}</a>
        <header class="topbar">
            <div class="topbar-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"J"</span>
                    <span>
                        <span class="brand-name">{t_string!(i18n, app.name)}</span>
                        <span class="brand-tagline">{t_string!(i18n, app.tagline)}</span>
                    </span>
                </a>
                <div class="topbar-actions">
                    <LanguageSwitch/>
                    <UserChip/>
                </div>
            </div>
            <MainNav/>
        </header>
        <main id="main" class="container" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="container"><p>{t_string!(i18n, app.footer)}</p></div>
        </footer>
    }
}

/// One navigation link, marked current when its section is open.
#[component]
fn NavLink(href: &'static str, children: Children) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        let active = if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        };
        active.then_some("page")
    };
    view! { <li><a href=href aria-current=current>{children()}</a></li> }
}

/// Links for the areas the person may use. Hidden links are a convenience, not
/// access control: the server checks every request.
#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let links = move |user: Option<CurrentUser>| {
        let has = |roles: &[Role]| user.as_ref().is_some_and(|user| user.roles.any(roles));
        view! {
            <NavLink href="/">{t_string!(i18n, nav.home)}</NavLink>
            <NavLink href="/innovations">{t_string!(i18n, nav.catalogue)}</NavLink>
            {has(&[Role::Admin, Role::Observer]).then(|| view! {
                <NavLink href="/admin">{t_string!(i18n, nav.admin)}</NavLink>
                <NavLink href="/admin/organisations">{t_string!(i18n, nav.organisations)}</NavLink>
                <NavLink href="/admin/editions">{t_string!(i18n, nav.editions)}</NavLink>
                <NavLink href="/admin/accounts">{t_string!(i18n, nav.accounts)}</NavLink>
                <NavLink href="/admin/audit">{t_string!(i18n, nav.audit)}</NavLink>
            })}
            {has(&[Role::Admin]).then(|| view! {
                <NavLink href="/admin/mail">{t_string!(i18n, nav.mail)}</NavLink>
            })}
            {has(&[Role::Coordinator, Role::Innovator]).then(|| view! {
                <NavLink href="/entrant">{t_string!(i18n, nav.entrant)}</NavLink>
            })}
            {has(&[Role::Judge]).then(|| view! {
                <NavLink href="/judge">{t_string!(i18n, nav.judge)}</NavLink>
            })}
        }
    };
    view! {
        <nav class="main-nav" aria-label=t_string!(i18n, nav.label)>
            <div class="topbar-inner">
                <ul>
                    {links(auth.signed_in.get_value())}
                </ul>
            </div>
        </nav>
    }
}

/// ID / EN. Plain links to `/lang/{locale}` that set the cookie on the server and
/// come back, so the switch also works without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // Come back to the same page, query included (`/login?next=/admin`).
    let href = move |locale: &'static str| {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let here = format!("{}{query}", location.pathname.get());
        format!("/lang/{locale}?next={}", percent_encode(&here))
    };
    let current = move |locale: Locale| (i18n.get_locale() == locale).then_some("true");
    view! {
        <div class="lang-switch" role="group" aria-label=t_string!(i18n, lang.label)>
            <a href=move || href("id") rel="external" hreflang="id" lang="id"
                aria-current=move || current(Locale::id)
                class:is-active=move || i18n.get_locale() == Locale::id
                title=t_string!(i18n, lang.id_long)>{t_string!(i18n, lang.id)}</a>
            <a href=move || href("en") rel="external" hreflang="en" lang="en"
                aria-current=move || current(Locale::en)
                class:is-active=move || i18n.get_locale() == Locale::en
                title=t_string!(i18n, lang.en_long)>{t_string!(i18n, lang.en)}</a>
        </div>
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Before signing out (which clears this device), asks the person to confirm
/// when changes of theirs are still waiting on it.
fn confirm_sign_out(i18n: I18n, owner: UserId) -> impl Fn(leptos::ev::MouseEvent) {
    move |event| {
        #[cfg(feature = "hydrate")]
        {
            let count = crate::client::unsent_changes(&owner);
            if count > 0 {
                let question = crate::components::labels::fill(
                    t_string!(i18n, nav.logout_unsent),
                    &[("count", count.to_string())],
                );
                if !window().confirm_with_message(&question).unwrap_or(true) {
                    event.prevent_default();
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, &owner, i18n);
    }
}

/// The signed-in person with a sign-out button, or a sign-in link.
#[component]
fn UserChip() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let sign_in = move || {
        view! { <a class="btn btn-secondary btn-small" href="/login">{t_string!(i18n, nav.login)}</a> }
            .into_any()
    };
    match auth.signed_in.get_value() {
        None => sign_in(),
        Some(user) => view! {
            <div class="user-chip" data-test="user-chip">
                <span>
                    <span class="visually-hidden">{t_string!(i18n, nav.signed_in_as)}" "</span>
                    <a href="/account" class="account-link" data-test="account-link" title=t_string!(i18n, nav.account)>
                        <strong>{user.name.clone()}</strong>
                    </a>
                    {user.roles.as_slice().iter().map(|r| view! {
                        " "<span class=format!("badge badge-{}", r.key())>{role(i18n, *r)}</span>
                    }).collect_view()}
                </span>
                <ActionForm action=auth.logout>
                    <button type="submit" class="btn btn-link btn-small" data-test="logout"
                        on:click=confirm_sign_out(i18n, user.id.clone())>
                        {t_string!(i18n, nav.logout)}
                    </button>
                </ActionForm>
            </div>
        }
        .into_any(),
    }
}

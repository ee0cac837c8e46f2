//! What a shared link shows: the page's title and description for search
//! engines, OpenGraph and Twitter cards for social media, and the canonical
//! address, all absolute (a crawler does not resolve relative `og:url`s).

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// This site's origin (`https://juara.example.go.id`): the configured public
/// origin, else the request's host; in the browser, the page's own origin.
#[must_use]
pub fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        let headers = use_context::<http::request::Parts>().map(|parts| parts.headers);
        match (use_context::<crate::backend::state::AppState>(), headers) {
            (Some(state), Some(headers)) => state.settings.origin_for(&headers),
            _ => String::new(),
        }
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        String::new()
    }
}

/// Title, description, share cards and canonical address of a public page at
/// `path` (`/editions/kipp-malang-2025/results`).
#[component]
pub fn ShareMeta(title: String, description: String, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let url = format!("{}{path}", site_origin());
    let locale = move || match i18n.get_locale() {
        Locale::en => "en_US",
        Locale::id => "id_ID",
    };
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:site_name" content="Juara"/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=url.clone()/>
        <Meta property="og:locale" content=locale/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        <Link rel="canonical" href=url/>
    }
}

//! Error pages and panels, with the right HTTP status during server rendering.

use crate::components::labels::error_text;
use crate::components::page_data::PageResource;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response status while rendering on the server; nothing in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, pages.not_found_title).to_string()/>
        <section class="error-page" data-test="not-found">
            <p class="error-code">"404"</p>
            <h1>{t_string!(i18n, pages.not_found_title)}</h1>
            <p>{t_string!(i18n, pages.not_found_body)}</p>
            <p><a class="btn btn-primary" href="/">{t_string!(i18n, pages.back_home)}</a></p>
        </section>
    }
}

/// What a page shows for the data it loaded: `page` with the data, the 404
/// page when there is nothing (public) to show, or the error.
pub fn loaded<T>(result: Result<T, AppError>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => page(data),
        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
        Err(error) => view! { <ErrorPanel error/> }.into_any(),
    }
}

/// A page that renders what `resource` loads: "loading…" until it arrives
/// (during server rendering the page waits for it), then [`loaded`]: `page`
/// with the data, the 404 page or the error.
pub fn loaded_page<T>(
    resource: PageResource<T>,
    page: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, pages.loading)}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move { loaded(resource.await, page) })
            }}
        </Suspense>
    }
}

/// 403.
#[component]
pub fn ForbiddenPage() -> impl IntoView {
    set_status(403);
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, pages.forbidden_title).to_string()/>
        <section class="error-page" data-test="forbidden">
            <p class="error-code">"403"</p>
            <h1>{t_string!(i18n, pages.forbidden_title)}</h1>
            <p>{t_string!(i18n, pages.forbidden_body)}</p>
            <p><a class="btn btn-primary" href="/">{t_string!(i18n, pages.back_home)}</a></p>
        </section>
    }
}

/// A failed load, explained in the reader's language.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_status(error.status());
    let i18n = use_i18n();
    let message = error_text(i18n, &error);
    view! {
        <div class="alert alert-error" role="alert">
            <p class="alert-title">{t_string!(i18n, pages.error_title)}</p>
            <p>{message}</p>
        </div>
    }
}

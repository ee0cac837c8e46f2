//! The HTML shell and the route table.

use crate::components::auth::{RequireRole, provide_auth_context};
use crate::components::layout::Layout;
use crate::components::status::NotFoundPage;
use crate::i18n::*;
use crate::pages::admin::admin_home_page::AdminHomePage;
use crate::pages::admin::edition_new_page::EditionNewPage;
use crate::pages::admin::editions_page::EditionsPage;
use crate::pages::admin::organisation_form_page::OrganisationFormPage;
use crate::pages::admin::organisations_import_page::OrganisationsImportPage;
use crate::pages::admin::organisations_page::OrganisationsPage;
use crate::pages::entrant::entrant_home_page::EntrantHomePage;
use crate::pages::judge::judge_home_page::JudgeHomePage;
use crate::pages::judge::presentation_page::PresentationPage;
use crate::pages::judge::scoring_page::ScoringPage;
use crate::pages::public::home_page::HomePage;
use crate::pages::public::login_page::LoginPage;
use domain::role::Role;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use leptos_use::UseLocalesOptions;

const COMMITTEE: &[Role] = &[Role::Admin, Role::Observer];
const ADMIN: &[Role] = &[Role::Admin];
const ENTRANTS: &[Role] = &[Role::Coordinator, Role::Innovator];
const JUDGES: &[Role] = &[Role::Judge];

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone()/>
                <HashedStylesheet options id="leptos"/>
                // Keeps judges' pages usable offline (public/offline.js, public/sw.js).
                <script src="/offline.js" defer></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: providers, frame and routes. Every route renders completely on
/// the server (`SsrMode::Async`) so that status codes and redirects are real HTTP
/// and pages work before — or without — the wasm.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // Bahasa Indonesia unless the reader chose English with the switch (a cookie):
        // the browser's Accept-Language is deliberately not consulted.
        <I18nContextProvider ssr_lang_header_getter=UseLocalesOptions::default().ssr_lang_header_getter(|| None)>
            <Meta name="theme-color" content="#0a4650"/>
            <Meta name="description" content="Juara — Kompetisi Inovasi Pelayanan Publik"/>
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
            <Link rel="manifest" href="/manifest.webmanifest"/>
            <Router>
                <Routed/>
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Routed() -> impl IntoView {
    provide_auth_context();
    let gated = |roles: &'static [Role], page: fn() -> AnyView| move || view! { <RequireRole roles>{page()}</RequireRole> };
    view! {
        <Layout>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/admin") view=gated(COMMITTEE, || AdminHomePage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/admin/organisations") view=gated(COMMITTEE, || OrganisationsPage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/admin/organisations/import") view=gated(ADMIN, || OrganisationsImportPage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/admin/organisations/:id") view=gated(ADMIN, || OrganisationFormPage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/admin/editions") view=gated(COMMITTEE, || EditionsPage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/admin/editions/new") view=gated(ADMIN, || EditionNewPage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/entrant") view=gated(ENTRANTS, || EntrantHomePage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/judge") view=gated(JUDGES, || JudgeHomePage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/judge/present/:stage") view=gated(JUDGES, || PresentationPage().into_any()) ssr=SsrMode::Async/>
                <Route path=path!("/judge/:stage/:entry") view=gated(JUDGES, || ScoringPage().into_any()) ssr=SsrMode::Async/>
            </Routes>
        </Layout>
    }
}

//! The HTML shell and the route table.

use crate::components::auth::{RequireRole, provide_auth_context};
use crate::components::layout::Layout;
use crate::components::status::NotFoundPage;
use crate::i18n::*;
use crate::lean_pages;
use crate::pages::account::account_page::AccountPage;
use crate::pages::admin::accounts_page::AccountsPage;
use crate::pages::admin::admin_home_page::AdminHomePage;
use crate::pages::admin::advance_page::AdvancePage;
use crate::pages::admin::assign_page::AssignPage;
use crate::pages::admin::audit_page::AuditPage;
use crate::pages::admin::edition_new_page::EditionNewPage;
use crate::pages::admin::editions_page::EditionsPage;
use crate::pages::admin::field_page::FieldPage;
use crate::pages::admin::final_minutes_page::FinalMinutesPage;
use crate::pages::admin::minutes_page::MinutesPage;
use crate::pages::admin::objections_page::CommitteeObjectionsPage;
use crate::pages::admin::onward_page::OnwardPage;
use crate::pages::admin::organisation_form_page::OrganisationFormPage;
use crate::pages::admin::organisations_import_page::OrganisationsImportPage;
use crate::pages::admin::organisations_page::OrganisationsPage;
use crate::pages::admin::outbox_page::OutboxPage;
use crate::pages::admin::results_page::ResultsPage;
use crate::pages::admin::screening_page::ScreeningPage;
use crate::pages::admin::setup_page::SetupPage;
use crate::pages::admin::stage_dashboard_page::StageDashboardPage;
use crate::pages::admin::stage_form_page::StageFormPage;
use crate::pages::admin::template_page::TemplatePage;
use crate::pages::entrant::entrant_home_page::EntrantHomePage;
use crate::pages::entrant::new_entry_page::NewEntryPage;
use crate::pages::entrant::print_page::ProposalPrintPage;
use crate::pages::entrant::proposal_page::ProposalPage;
use crate::pages::judge::judge_home_page::JudgeHomePage;
use crate::pages::judge::presentation_page::PresentationPage;
use crate::pages::judge::scoring_page::ScoringPage;
use crate::pages::judge::visit_minutes_page::VisitMinutesPage;
use crate::pages::judge::visit_page::VisitPage;
use crate::pages::public::catalogue_page::CataloguePage;
use crate::pages::public::edition_page::EditionPage;
use crate::pages::public::home_page::HomePage;
use crate::pages::public::innovation_page::InnovationPage;
use crate::pages::public::invite_page::InvitePage;
use crate::pages::public::login_page::LoginPage;
use crate::pages::public::objections_page::ObjectionsPage;
use crate::pages::public::results_page::PublicResultsPage;
use crate::pages::public::vote_confirm_page::VoteConfirmPage;
use crate::pages::public::vote_page::VotePage;
use domain::role::Role;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use leptos_use::UseLocalesOptions;

const COMMITTEE: &[Role] = &[Role::Admin, Role::Observer];
const ADMIN: &[Role] = &[Role::Admin];
const ENTRANTS: &[Role] = &[Role::Coordinator, Role::Innovator];
/// Who may open an entry: its organisation, and the committee.
const ENTRY_READERS: &[Role] = &[
    Role::Coordinator,
    Role::Innovator,
    Role::Admin,
    Role::Observer,
];
const JUDGES: &[Role] = &[Role::Judge];
/// Who may open a field visit: its team (the service checks which judges) and
/// the committee.
const VISIT_READERS: &[Role] = &[Role::Judge, Role::Admin, Role::Observer];

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The public reading pages go out without scripts to anyone not signed in
    // (crate::lean_pages says why).
    let lean = lean_pages::serve_lean();
    if lean {
        lean_pages::render_without_hydration();
    }
    let scripts = (!lean).then(|| {
        view! {
            <HydrationScripts options=options.clone()/>
            // Keeps judges' pages usable offline (public/offline.js, public/sw.js).
            <script src="/offline.js" defer></script>
            // Progress for evidence uploads (public/upload.js); the forms post without it.
            <script src="/upload.js" defer></script>
        }
    });
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                {scripts}
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Sends this page's Content-Security-Policy: scripts only from this site or
/// carrying this response's nonce (Leptos puts it on its own inline scripts), wasm
/// allowed to compile, nothing framed, forms posting only here. Inline `style`
/// attributes stay allowed: progress bars set their width that way.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: providers, frame and routes. Every route renders completely on
/// the server (`SsrMode::Async`) so that status codes and redirects are real HTTP
/// and pages work before — or without — the wasm.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        // Bahasa Indonesia unless the reader chose English with the switch (a cookie):
        // the browser's Accept-Language is deliberately not consulted.
        <I18nContextProvider ssr_lang_header_getter=UseLocalesOptions::default().ssr_lang_header_getter(|| None)>
            <Meta name="theme-color" content="#0a4650"/>
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
    view! {
        <Layout>
            <RouteTable/>
        </Layout>
    }
}

/// The routes alone, for the server to list them ([`RouteTable`] in a router):
/// listing them through [`App`] would run its language context, whose effect
/// is spawned on the server and then found its owner gone once the listing
/// was done — a panic in a worker at every few starts.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Router>
            <RouteTable/>
        </Router>
    }
}

/// Every page and who may see it; the one list both [`App`] and [`AppRoutes`]
/// render.
#[component]
fn RouteTable() -> impl IntoView {
    let gated = |roles: &'static [Role], page: fn() -> AnyView| move || view! { <RequireRole roles>{page()}</RequireRole> };
    view! {
        <Routes fallback=NotFoundPage>
            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
            <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
            <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async/>
            <Route path=path!("/editions/:slug") view=EditionPage ssr=SsrMode::Async/>
            <Route path=path!("/editions/:slug/results") view=PublicResultsPage ssr=SsrMode::Async/>
            <Route path=path!("/editions/:slug/vote") view=VotePage ssr=SsrMode::Async/>
            <Route path=path!("/editions/:slug/vote/confirm") view=VoteConfirmPage/>
            <Route path=path!("/innovations") view=CataloguePage ssr=SsrMode::Async/>
            <Route path=path!("/innovations/:id") view=InnovationPage ssr=SsrMode::Async/>
            <Route path=path!("/editions/:slug/objections") view=ObjectionsPage ssr=SsrMode::Async/>
            <Route path=path!("/account") view=gated(&Role::ALL, || AccountPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin") view=gated(COMMITTEE, || AdminHomePage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/assign") view=gated(COMMITTEE, || AssignPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/accounts") view=gated(COMMITTEE, || AccountsPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/mail") view=gated(ADMIN, || OutboxPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/audit") view=gated(COMMITTEE, || AuditPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/organisations") view=gated(COMMITTEE, || OrganisationsPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/organisations/import") view=gated(ADMIN, || OrganisationsImportPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/organisations/:id") view=gated(ADMIN, || OrganisationFormPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions") view=gated(COMMITTEE, || EditionsPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/new") view=gated(ADMIN, || EditionNewPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/template") view=gated(ADMIN, || TemplatePage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/setup") view=gated(COMMITTEE, || SetupPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/setup/stages/:stage") view=gated(COMMITTEE, || StageFormPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/objections") view=gated(COMMITTEE, || CommitteeObjectionsPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/screening") view=gated(COMMITTEE, || ScreeningPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/results") view=gated(COMMITTEE, || ResultsPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/results/minutes") view=gated(COMMITTEE, || FinalMinutesPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/onward") view=gated(COMMITTEE, || OnwardPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/stages/:stage") view=gated(COMMITTEE, || StageDashboardPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/stages/:stage/advance") view=gated(ADMIN, || AdvancePage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/stages/:stage/field") view=gated(COMMITTEE, || FieldPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/admin/editions/:slug/stages/:stage/minutes") view=gated(COMMITTEE, || MinutesPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/entrant") view=gated(ENTRANTS, || EntrantHomePage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/entrant/new") view=gated(ENTRANTS, || NewEntryPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/entrant/entry/:entry") view=gated(ENTRY_READERS, || ProposalPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/entrant/entry/:entry/print") view=gated(ENTRY_READERS, || ProposalPrintPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/judge") view=gated(JUDGES, || JudgeHomePage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/judge/visits/:visit") view=gated(VISIT_READERS, || VisitPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/visits/:visit/berita-acara") view=gated(VISIT_READERS, || VisitMinutesPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/judge/present/:stage") view=gated(JUDGES, || PresentationPage().into_any()) ssr=SsrMode::Async/>
            <Route path=path!("/judge/:stage/:entry") view=gated(JUDGES, || ScoringPage().into_any()) ssr=SsrMode::Async/>
        </Routes>
    }
}

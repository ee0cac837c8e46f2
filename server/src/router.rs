//! The axum router: Leptos pages and server functions, static files, health,
//! the language switch, evidence files, the cross-site check and response headers.

use crate::{
    evidence_routes, field_routes, http_routes, live_routes, open_data, package_routes,
    public_pages, public_routes, request_log,
};
use app::backend::state::AppState;
use app::{AppRoutes, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use http::{HeaderValue, StatusCode, header};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The largest body any request but an evidence upload may carry. The largest
/// real one is a proposal saved whole: a form's sections at their 50,000
/// characters each fit well inside. Anything bigger is refused (413) before it
/// is read, so that a megabyte of garbage costs nothing to decode.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// How long any request but an evidence upload may take to get its answer's
/// head. Every page renders whole before its head is sent (`SsrMode::Async`),
/// so a render that never finishes — a database that stopped answering, a
/// resource that never resolves — would otherwise hold its connection and its
/// memory for ever; after this it answers 503 and lets go. Generous enough
/// for a 1 MiB proposal sent over a slow mobile link. The live stage's event
/// stream is not cut: its head is sent at once.
pub const MAX_ANSWER_TIME: Duration = Duration::from_secs(60);

/// Builds the whole application router around `state`.
pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(AppRoutes);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let options = state.leptos_options.clone();
    // Static files are served by tower-http, not by Leptos' file handler: that
    // one copies onto a file's response whatever `ResponseOptions` it finds
    // up the thread's current reactive owner — which, on a busy worker, can be
    // another request's (its status, its headers). Leptos renders only the
    // 404 page for a path that is neither a route nor a file.
    let not_found = axum::handler::HandlerWithoutStateExt::into_service({
        let state = state.clone();
        let handler = file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
        move |uri: http::Uri, request: axum::extract::Request| {
            handler(uri, axum::extract::State(state.clone()), request)
        }
    });
    // A release build made with `--precompress` has each file beside its
    // brotli (best level) and gzip copies, compressed once at build time: they
    // are sent as they are, and the compression layer below leaves an answer
    // that is encoded already. Without them (a debug build) the layer
    // compresses on the fly.
    let files = ServeDir::new(options.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(not_found);
    Router::new()
        .route("/healthz", get(http_routes::healthz))
        .route("/lang/{locale}", get(http_routes::switch_language))
        .route(
            "/entrant/entry/{entry}/evidence/{id}/delete",
            post(evidence_routes::remove),
        )
        .route("/evidence/{id}", get(evidence_routes::download))
        .route("/field-photos/{photo}", get(field_routes::download))
        .route("/robots.txt", get(public_routes::robots))
        .route("/sitemap.xml", get(public_routes::sitemap))
        .route(
            "/innovations/{id}/photos/{photo}",
            get(public_routes::photo),
        )
        .route("/api/v1/editions", get(open_data::editions))
        .route(
            "/api/v1/editions/{slug}/results",
            get(open_data::results_json),
        )
        .route(
            "/api/v1/editions/{slug}/results.csv",
            get(open_data::results_csv),
        )
        .route(
            "/admin/editions/{slug}/export/{file}",
            get(open_data::committee_export),
        )
        .route(
            "/admin/editions/{slug}/onward/packages.csv",
            get(package_routes::summary),
        )
        .route(
            "/admin/editions/{slug}/onward/{entry}/{file}",
            get(package_routes::entry_package),
        )
        .route(
            "/admin/editions/{slug}/stages/{stage}/events",
            get(live_routes::stage_events),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback_service(files)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            MAX_ANSWER_TIME,
        ))
        // Added after the time bound, so not under it: an upload of several
        // megabytes over a weak link may rightly take minutes.
        .route(
            "/entrant/entry/{entry}/evidence",
            post(evidence_routes::upload)
                .layer(DefaultBodyLimit::max(evidence_routes::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/visits/{visit}/photos/{photo}",
            post(field_routes::upload)
                .layer(DefaultBodyLimit::max(field_routes::MAX_PHOTO_REQUEST_BYTES)),
        )
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public_routes::static_cache_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http_routes::resolve_signed_in,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http_routes::refuse_cross_site,
        ))
        // PDFs and zips are compressed already (the packages' streams, the
        // evidence): compressing them again costs CPU and saves nothing.
        .layer(
            CompressionLayer::new().compress_when(
                DefaultPredicate::new()
                    .and(NotForContentType::const_new("application/pdf"))
                    .and(NotForContentType::const_new("application/zip")),
            ),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // The published results page from memory skips the rest.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public_pages::serve_from_memory,
        ))
        // Outermost: every answer, from memory or not, is named and counted.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            request_log::observe,
        ))
        .with_state(state)
}

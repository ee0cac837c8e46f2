//! The open-data API (DESIGN "Interfaces that stay stable"): every edition, and
//! each edition's *published* results as JSON and CSV. Only publications are
//! ever served; results computed now stay with the committee.
//!
//! A publication never changes, so its key is its ETag: a client revalidating
//! with `If-None-Match` gets 304 until the committee publishes again. CORS is
//! open for these GETs: anyone may build on the data.

use app::backend::service::{editions, publication, results_csv};
use app::backend::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::Serialize;

/// One edition in `GET /api/v1/editions`.
#[derive(Debug, Serialize)]
pub struct EditionSummary {
    slug: String,
    title: String,
    year: i32,
    results_published: bool,
}

fn open_to_all(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60, must-revalidate"),
    );
    response
}

fn failed() -> Response {
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// `GET /api/v1/editions`: slug, title, year and whether results are published.
pub async fn editions(State(state): State<AppState>) -> Response {
    match editions::list(&state.db, jiff::Timestamp::now()).await {
        Ok(list) => open_to_all(
            Json(
                list.into_iter()
                    .map(|edition| EditionSummary {
                        slug: edition.slug,
                        title: edition.title,
                        year: edition.year,
                        results_published: edition.results_published,
                    })
                    .collect::<Vec<_>>(),
            )
            .into_response(),
        ),
        Err(_) => failed(),
    }
}

/// Which representation of the results.
#[derive(Debug, Clone, Copy)]
enum Format {
    Json,
    Csv,
}

/// `GET /api/v1/editions/{slug}/results`.
pub async fn results_json(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    results(&state, &slug, &headers, Format::Json).await
}

/// `GET /api/v1/editions/{slug}/results.csv`.
pub async fn results_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    results(&state, &slug, &headers, Format::Csv).await
}

async fn results(state: &AppState, slug: &str, headers: &HeaderMap, format: Format) -> Response {
    let (key, document) = match publication::standing(&state.db, slug).await {
        Ok(Some(standing)) => (standing.version, standing.document),
        Ok(None) => {
            return open_to_all((StatusCode::NOT_FOUND, "no published results").into_response());
        }
        Err(_) => return failed(),
    };
    let suffix = match format {
        Format::Json => "json",
        Format::Csv => "csv",
    };
    let etag = format!("\"{key}-{suffix}\"");
    let Ok(etag_value) = HeaderValue::from_str(&etag) else {
        return failed();
    };
    let matches = crate::http_routes::client_has(headers, &etag);
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match format {
            Format::Json => Json(document).into_response(),
            Format::Csv => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"{slug}-results.csv\""),
                    ),
                ],
                results_csv::to_csv(&document),
            )
                .into_response(),
        }
    };
    response.headers_mut().insert(header::ETAG, etag_value);
    open_to_all(response)
}

/// `GET /admin/editions/{slug}/export/{file}`: the committee's spreadsheets —
/// `entries.csv`, `sheets.csv` (drafts included, judges by name) and
/// `results.csv` (computed now, not only what is published) and `votes.csv`
/// (the people's-choice log). Admins and observers only.
pub async fn committee_export(
    _: app::backend::auth::Committee,
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Response {
    use app::backend::service::{exports, results};
    use app::error::AppError;
    let text = match file.as_str() {
        "entries.csv" => exports::entries_csv(&state.db, &slug).await,
        "sheets.csv" => exports::sheets_csv(&state.db, &slug).await,
        "results.csv" => {
            results::document(&state.db, &slug, &domain::stage::PublicationScope::Final)
                .await
                .map(|document| results_csv::to_csv(&document))
        }
        "votes.csv" => app::backend::service::votes::log_csv(&state.db, &slug).await,
        _ => Err(AppError::NotFound),
    };
    match text {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{slug}-{file}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            text,
        )
            .into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => failed(),
    }
}

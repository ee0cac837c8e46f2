//! Field photos over plain HTTP: a tablet sends each photo as the raw JPEG it
//! shrank (with when and where it was taken in headers), under the key it gave
//! the photo, so a photo sent again after a lost answer is stored once; the
//! committee and the visit's team read them back.

use app::backend::auth::SignedIn;
use app::backend::evidence_store::EvidenceStore;
use app::backend::service::field_visit::{self, PhotoUpload};
use app::backend::state::AppState;
use app::error::{AppError, Problem};
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use domain::ids::{FieldPhotoId, VisitId};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use jiff::Timestamp;

/// The most a photo request may carry (the service's own limit, plus room).
pub const MAX_PHOTO_REQUEST_BYTES: usize = 9 * 1024 * 1024;

fn store(state: &AppState) -> EvidenceStore {
    EvidenceStore::new(state.settings.evidence_dir.clone())
}

/// A refusal as the tablet reads it: the status, and the error as JSON.
fn refusal(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(error)).into_response()
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

fn coordinate(headers: &HeaderMap, name: &str) -> Option<f64> {
    header_text(headers, name)
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|value| value.is_finite())
}

/// `POST /visits/{visit}/photos/{photo}` with the JPEG as the body and
/// `x-owner` (the account the tablet kept the photo for), `x-taken-at`
/// (RFC 3339), `x-latitude`, `x-longitude` when known. The body is read only
/// once the caller is known to be signed in.
pub async fn upload(
    State(state): State<AppState>,
    Path((visit, photo)): Path<(VisitId, String)>,
    SignedIn(caller): SignedIn,
    request: Request,
) -> Response {
    let Some(user) = caller else {
        return refusal(&AppError::Unauthorized);
    };
    let headers = request.headers().clone();
    let Ok(body) = axum::body::to_bytes(request.into_body(), MAX_PHOTO_REQUEST_BYTES).await else {
        return refusal(&AppError::field(
            "photo",
            Problem::FileTooLarge {
                limit_mb: field_visit::MAX_PHOTO_BYTES / (1024 * 1024),
            },
        ));
    };
    let location = coordinate(&headers, "x-latitude").zip(coordinate(&headers, "x-longitude"));
    let upload = PhotoUpload {
        owner: header_text(&headers, "x-owner").unwrap_or_default(),
        id: &photo,
        taken_at: header_text(&headers, "x-taken-at").and_then(|text| text.parse().ok()),
        location,
        content: &body,
    };
    match field_visit::add_photo(
        &state.db,
        &store(&state),
        &user,
        &visit,
        &upload,
        Timestamp::now(),
    )
    .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => refusal(&error),
    }
}

/// `GET /field-photos/{photo}`: the photo, for the committee and the visit's
/// team, never kept by a shared tablet's cache.
pub async fn download(
    State(state): State<AppState>,
    Path(photo): Path<FieldPhotoId>,
    SignedIn(caller): SignedIn,
) -> Response {
    let Some(user) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let sha256 = match field_visit::photo(&state.db, &user, &photo).await {
        Ok(sha256) => sha256,
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(AppError::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(content) = store(&state).get(&sha256).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let media_type = if content.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/jpeg"
    };
    let mut response = content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    response
}

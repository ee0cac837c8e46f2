//! Evidence uploads and downloads: plain HTTP routes rather than server functions,
//! because a file arrives as `multipart/form-data` from a plain HTML form (which
//! also works without JavaScript; `public/upload.js` adds a progress bar).
//!
//! Every answer to the form is a redirect back to the proposal page; a refusal
//! carries a short code the page turns into a message beside the upload form.

use app::backend::auth::SignedIn;
use app::backend::evidence_store::EvidenceStore;
use app::backend::service::evidence;
use app::backend::state::AppState;
use app::error::{AppError, Problem};
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use http::{HeaderValue, StatusCode, header};
use jiff::Timestamp;

/// The most an upload request may carry (the edition's own limit is at most
/// 20 MB and is checked by the service; this only stops a flood early).
pub const MAX_UPLOAD_BYTES: usize = 21 * 1024 * 1024;

fn store(state: &AppState) -> EvidenceStore {
    EvidenceStore::new(state.settings.evidence_dir.clone())
}

/// The code a refusal is reported with (see the proposal page's evidence panel).
fn refusal_code(error: &AppError) -> &'static str {
    match error {
        AppError::Invalid { fields, .. } => match fields.first().map(|field| &field.problem) {
            Some(Problem::FileTooLarge { .. }) => "too_large",
            Some(Problem::UnsupportedFile) => "unsupported",
            Some(Problem::Required) => "empty",
            _ => "section",
        },
        AppError::Conflict(Problem::SubmissionClosed { .. }) => "closed",
        // The state the entry is in now, so that the page can name it.
        AppError::Conflict(Problem::EntryStateChanged { state }) => state.key(),
        AppError::Conflict(_) => "internal",
        AppError::Forbidden | AppError::Unauthorized => "forbidden",
        AppError::NotFound => "not_found",
        _ => "internal",
    }
}

/// Whether `entry` has the shape of a record key: the only thing these routes
/// put back into a redirect, so nothing typed into the address can reach a
/// header (a control character there cannot even be sent).
fn is_key(entry: &EntryId) -> bool {
    let entry = entry.as_str();
    !entry.is_empty()
        && entry.len() <= 100
        && entry
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

fn back(entry: &EntryId, outcome: Result<&str, &str>) -> Response {
    let query = match outcome {
        Ok(done) => format!("done={done}"),
        Err(code) => format!("upload_error={code}"),
    };
    Redirect::to(&format!("/entrant/entry/{entry}?{query}#evidence")).into_response()
}

fn to_login(entry: &EntryId) -> Response {
    Redirect::to(&format!("/login?next=/entrant/entry/{entry}")).into_response()
}

/// `POST /entrant/entry/{entry}/evidence` with `section` and `file`.
pub async fn upload(
    State(state): State<AppState>,
    Path(entry): Path<EntryId>,
    SignedIn(caller): SignedIn,
    mut form: Multipart,
) -> Response {
    if !is_key(&entry) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(user) = caller else {
        return to_login(&entry);
    };
    let (mut section, mut file_name, mut content) = (String::new(), String::new(), Vec::new());
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("section") => section = field.text().await.unwrap_or_default(),
                Some("file") => {
                    file_name = field.file_name().unwrap_or_default().to_owned();
                    match field.bytes().await {
                        Ok(bytes) => content = bytes.to_vec(),
                        // Over the request limit: the stream was cut.
                        Err(_) => return back(&entry, Err("too_large")),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back(&entry, Err("too_large")),
        }
    }
    let upload = evidence::Upload {
        section: &section,
        file_name: &file_name,
        content: &content,
    };
    match evidence::upload(
        &state.db,
        &store(&state),
        &user,
        &entry,
        &upload,
        Timestamp::now(),
    )
    .await
    {
        Ok(()) => back(&entry, Ok("upload")),
        Err(error) => back(&entry, Err(refusal_code(&error))),
    }
}

/// `POST /entrant/entry/{entry}/evidence/{id}/delete`.
pub async fn remove(
    State(state): State<AppState>,
    Path((entry, id)): Path<(EntryId, EvidenceId)>,
    SignedIn(caller): SignedIn,
) -> Response {
    if !is_key(&entry) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(user) = caller else {
        return to_login(&entry);
    };
    match evidence::remove(&state.db, &user, &entry, &id, Timestamp::now()).await {
        Ok(()) => back(&entry, Ok("remove")),
        Err(error) => back(&entry, Err(refusal_code(&error))),
    }
}

/// `GET /evidence/{id}`: the file, for the entry's organisation, the committee
/// and its judges. Served inline (the browser's PDF viewer or an image), never
/// sniffed, sandboxed so a crafted PDF cannot script the site.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<EvidenceId>,
    SignedIn(caller): SignedIn,
) -> Response {
    let Some(user) = caller else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match evidence::file(&state.db, &store(&state), &user, &id).await {
        Ok((record, content)) => {
            let disposition = format!(
                "inline; filename=\"{}\"",
                record.name.replace(['"', '\\'], "")
            );
            let mut response = content.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&record.media_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox"),
            );
            // Never kept by the browser: on a shared tablet the next person
            // must not find the previous judge's files in its cache.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::Forbidden) => StatusCode::FORBIDDEN.into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

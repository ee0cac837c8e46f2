//! The submission packages of the entries a committee sends on to the province
//! and the nation (`app::backend::service::submission_package`): per entry the
//! proposal in the national form as a PDF, or that PDF zipped with the evidence
//! files; per edition a CSV summarising every package. Admins and observers
//! only; never cached, since a corrected proposal must not be served stale.

use app::backend::auth::Committee;
use app::backend::evidence_store::EvidenceStore;
use app::backend::service::submission_package;
use app::backend::state::AppState;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::ids::EntryId;
use http::{StatusCode, header};

/// A download of `content` as `file_name`.
fn download(media_type: &'static str, file_name: &str, content: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        content,
    )
        .into_response()
}

fn refused(error: &AppError) -> Response {
    match error {
        AppError::NotFound => StatusCode::NOT_FOUND.into_response(),
        AppError::Conflict(app::error::Problem::FileTooLarge { limit_mb }) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "Bukti entri ini melebihi {limit_mb} MB: unduh PDF-nya dan kirim berkas bukti satu per satu.\n\
                 This entry's evidence exceeds {limit_mb} MB: download its PDF and send the files one by one."
            ),
        )
            .into_response(),
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /admin/editions/{slug}/onward/{entry}/{file}`: `package.pdf` or
/// `package.zip` of an entry sent on; 404 for any other entry.
pub async fn entry_package(
    _: Committee,
    State(state): State<AppState>,
    Path((slug, entry, file)): Path<(String, EntryId, String)>,
) -> Response {
    let package = match submission_package::of_entry(&state.db, &slug, &entry).await {
        Ok(package) => package,
        Err(error) => return refused(&error),
    };
    let stem = package.file_stem();
    match file.as_str() {
        "package.pdf" => match submission_package::pdf(&package) {
            Ok(document) => download("application/pdf", &format!("{stem}.pdf"), document.bytes),
            Err(error) => refused(&error),
        },
        "package.zip" => {
            let store = EvidenceStore::new(state.settings.evidence_dir.clone());
            match submission_package::zip(&store, &package).await {
                Ok(archive) => download("application/zip", &format!("{stem}.zip"), archive),
                Err(error) => refused(&error),
            }
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /admin/editions/{slug}/onward/packages.csv`: one line per package.
pub async fn summary(
    _: Committee,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Response {
    match submission_package::summary_csv(&state.db, &slug).await {
        Ok(text) => download(
            "text/csv; charset=utf-8",
            &format!("{slug}-paket.csv"),
            text.into_bytes(),
        ),
        Err(error) => refused(&error),
    }
}

//! Judges' server functions. Each one checks that the caller is a judge; the
//! service then checks that the sheet is theirs to write (the assignment), so no
//! judge can reach another's sheet or an unassigned entry.

use crate::error::AppError;
use crate::model::{SavedSheet, SheetRevision};
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Saves (or submits) one revision of the caller's sheet for `entry` in `stage`.
/// Sent as JSON: a revision is a small nested document, queued by the device.
#[server(prefix = "/api", endpoint = "save_sheet", input = Json)]
pub async fn save_sheet(
    stage: StageId,
    entry: EntryId,
    owner: UserId,
    revision: SheetRevision,
) -> Result<SavedSheet, AppError> {
    use crate::api::guard::{fail, now, require, respond, state};
    use crate::error::Problem;
    use domain::role::Role;
    let state = state()?;
    let judge = require(&[Role::Judge]).await?;
    // `owner` is the account the device kept these scores for: on a shared
    // tablet, one judge's queued scores are never saved as another's.
    if owner != judge.id {
        return Err(fail(AppError::Conflict(Problem::OtherAccount)));
    }
    let saved = respond(
        crate::backend::service::judging::save_sheet(
            &state.db,
            &state.live,
            &judge.id,
            &stage,
            &entry,
            revision,
            now(),
        )
        .await,
    )?;
    state.metrics.sheet_saved();
    Ok(saved)
}

/// The proposal, rubric and the caller's own sheet for `entry` in `stage`.
#[server(prefix = "/api", endpoint = "load_scoring_view")]
pub async fn load_scoring_view(
    stage: StageId,
    entry: EntryId,
) -> Result<crate::model::ScoringView, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let judge = require(&[Role::Judge]).await?;
    respond(
        crate::backend::service::judging::scoring_view(
            &state()?.db,
            &judge.id,
            &stage,
            &entry,
            now(),
        )
        .await,
    )
}

/// The caller steps back from judging `entry` in `stage`, with a reason. A plain
/// form post: it works without JavaScript and, refused, keeps the typed reason.
#[server(prefix = "/api", endpoint = "recuse")]
pub async fn recuse(stage: StageId, entry: EntryId, reason: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let judge = require(&[Role::Judge]).await?;
    let state = state()?;
    respond(
        crate::backend::service::judging::recuse(
            &state.db,
            &state.live,
            &judge.id,
            &stage,
            &entry,
            &reason,
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("reason", reason.as_str())])),
    )?;
    leptos_axum::redirect("/judge?recused=1");
    Ok(())
}

//! The presentation console's server functions: every judge of the panel reads
//! the console; only the panel chair runs the clock (checked in the service).

use crate::error::AppError;
use crate::model::ConsoleView;
use domain::ids::EntryId;
use domain::ids::StageId;
use leptos::prelude::*;

/// The caller's queue and the stage clock for presentation stage `stage`.
#[server(prefix = "/api", endpoint = "load_presentation_console")]
pub async fn load_presentation_console(stage: StageId) -> Result<ConsoleView, AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let judge = require(&[Role::Judge]).await?;
    respond(
        crate::backend::service::presentation::console(&state()?.db, &judge.id, &stage, now())
            .await,
    )
}

/// The chair starts (`start`), pauses (`pause`) or resets (`reset`) the clock for
/// `entry`. A plain form post, so the chair's buttons work without JavaScript.
#[server(prefix = "/api", endpoint = "run_clock")]
pub async fn run_clock(stage: StageId, entry: EntryId, command: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::presentation::{self, ClockCommand};
    use domain::role::Role;
    let judge = require(&[Role::Judge]).await?;
    let command = respond(ClockCommand::parse(&command))?;
    respond(presentation::run_clock(&state()?.db, &judge.id, &stage, &entry, command, now()).await)
}

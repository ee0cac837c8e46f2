//! A scoring stage as the committee runs it: its live dashboard, closing it
//! early, advancement, and changing its judges. Admins act; observers read.

use crate::error::AppError;
use crate::model::{AdvancementPreview, StageDashboard};
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::scoring::StageKey;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The live dashboard of scoring stage `stage` of edition `slug`.
#[server(prefix = "/api", endpoint = "load_stage_dashboard")]
pub async fn load_stage_dashboard(
    slug: String,
    stage: StageKey,
) -> Result<StageDashboard, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::dashboard::stage(&state()?.db, &slug, &stage).await)
}

/// Who would advance from stage `stage` of edition `slug`, before confirming.
#[server(prefix = "/api", endpoint = "load_advancement_preview")]
pub async fn load_advancement_preview(
    slug: String,
    stage: StageKey,
) -> Result<AdvancementPreview, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(
        crate::backend::service::advancement::preview(
            &state()?.db,
            &slug,
            &stage,
            crate::api::guard::now(),
        )
        .await,
    )
}

/// Closes scoring stage `stage` of edition `slug` now, before its window ends,
/// so that its advancement can be decided. A plain form post.
#[server(prefix = "/api", endpoint = "close_stage_early")]
pub async fn close_stage_early(slug: String, stage: StageKey) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::advancement;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        advancement::close_early(
            &state.db,
            &state.live,
            Some(&admin.id),
            &slug,
            &stage,
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/stages/{stage}/advance?closed=1"
    ));
    Ok(())
}

/// Applies the stage's advancement: `advance[ENTRY]=on` for each entry ticked to
/// advance; `reason` where the ticks differ from the rule; `despite_unsubmitted`
/// to go on with sheets missing. A plain form post: it works without JavaScript.
#[server(prefix = "/api", endpoint = "apply_advancement")]
pub async fn apply_advancement(
    slug: String,
    stage: StageKey,
    #[server(default)] advance: BTreeMap<String, String>,
    #[server(default)] reason: String,
    #[server(default)] despite_unsubmitted: Option<String>,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::advancement::{self, Decision};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let decision = Decision {
        advance: advance.into_keys().map(EntryId::from).collect(),
        reason: reason.clone(),
        despite_unsubmitted: despite_unsubmitted.is_some(),
    };
    let advanced = respond(
        advancement::apply(
            &state.db,
            &state.live,
            Some(&admin.id),
            (&slug, &stage),
            &decision,
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("reason", reason.as_str())])),
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/stages/{stage}?advanced={advanced}"
    ));
    Ok(())
}

/// Gives `entry` of stage `stage` (of edition `slug`) to `judge`, by hand.
#[server(prefix = "/api", endpoint = "assign_judge_manually")]
pub async fn assign_judge_manually(
    slug: String,
    stage: StageKey,
    #[server(default)] entry: EntryId,
    #[server(default)] judge: UserId,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::service::{assignment, dashboard};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let stage_id = respond(dashboard::stage_id(&state.db, &slug, &stage).await)?;
    respond(
        assignment::assign_manually(
            &state.db,
            &state.live,
            &admin.id,
            (&stage_id, &entry, &judge),
            &site(&state),
            now(),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/stages/{stage}?assigned=1"));
    Ok(())
}

/// Takes a judge off an entry (`assignment` is `ENTRY/JUDGE`) in stage `stage`
/// of edition `slug`, with a reason: their sheet stops counting and the entry
/// waits for another judge.
/// The committee's remedy once a judge can no longer recuse themselves.
#[server(prefix = "/api", endpoint = "remove_judge")]
pub async fn remove_judge(
    slug: String,
    stage: StageKey,
    #[server(default)] assignment: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::{dashboard, judging};
    use crate::error::Problem;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let stage_id = respond(dashboard::stage_id(&state.db, &slug, &stage).await)?;
    // `ENTRY/JUDGE`: one choice of a plain form names both.
    let Some((entry, judge)) = assignment.split_once('/') else {
        return respond(Err(AppError::field(
            "assignment",
            Problem::UnknownChoice { given: assignment },
        )));
    };
    respond(
        judging::remove_judge(
            &state.db,
            &state.live,
            &admin.id,
            (&stage_id, &EntryId::from(entry), &UserId::from(judge)),
            &reason,
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("reason", reason.as_str())])),
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/stages/{stage}?removed=1"));
    Ok(())
}

/// Sends each judge of presentation stage `stage` of edition `slug` their
/// slots with a calendar file each (the chair every slot); comes back to the
/// dashboard saying to how many judges it went.
#[server(prefix = "/api", endpoint = "send_presentation_schedule")]
pub async fn send_presentation_schedule(slug: String, stage: StageKey) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, site, state};
    use crate::backend::service::{dashboard, presentation_schedule};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let stage_id = respond(dashboard::stage_id(&state.db, &slug, &stage).await)?;
    let sent = respond(
        presentation_schedule::send(&state.db, &admin.id, &stage_id, &site(&state), now()).await,
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/stages/{stage}?schedule_sent={sent}#schedule"
    ));
    Ok(())
}

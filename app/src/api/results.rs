//! The committee's results: stage dashboards, advancement and publication; and the
//! published results everyone may read. Admins act; observers read.

use crate::error::AppError;
use crate::model::{AdvancementPreview, ResultsConsole, ResultsDocument, StageDashboard};
use domain::ids::EntryId;
use domain::ids::UserId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The live dashboard of scoring stage `stage` of edition `slug`.
#[server(prefix = "/api", endpoint = "load_stage_dashboard")]
pub async fn load_stage_dashboard(slug: String, stage: String) -> Result<StageDashboard, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::dashboard::stage(&state()?.db, &slug, &stage).await)
}

/// Who would advance from stage `stage` of edition `slug`, before confirming.
#[server(prefix = "/api", endpoint = "load_advancement_preview")]
pub async fn load_advancement_preview(
    slug: String,
    stage: String,
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
pub async fn close_stage_early(slug: String, stage: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::{advancement, dashboard};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let stage_id = respond(dashboard::stage_id(&state.db, &slug, &stage).await)?;
    respond(advancement::close_early(&state.db, Some(&admin.id), &slug, &stage, now()).await)?;
    state.live.stage_changed(&stage_id);
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
    stage: String,
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
    let (stage_id, advanced) = respond(
        advancement::apply(
            &state.db,
            Some(&admin.id),
            (&slug, &stage),
            &decision,
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("reason", reason.as_str())])),
    )?;
    state.live.stage_changed(&stage_id);
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/stages/{stage}?advanced={advanced}"
    ));
    Ok(())
}

/// Gives `entry` of stage `stage` (of edition `slug`) to `judge`, by hand.
#[server(prefix = "/api", endpoint = "assign_judge_manually")]
pub async fn assign_judge_manually(
    slug: String,
    stage: String,
    #[server(default)] entry: EntryId,
    #[server(default)] judge: UserId,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::{assignment, dashboard};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    let stage_id = respond(dashboard::stage_id(&state.db, &slug, &stage).await)?;
    respond(assignment::assign_manually(&state.db, &admin.id, &stage_id, &entry, &judge).await)?;
    state.live.stage_changed(&stage_id);
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
    stage: String,
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
            &admin.id,
            &stage_id,
            &EntryId::from(entry),
            &UserId::from(judge),
            &reason,
            now(),
        )
        .await
        .map_err(|error| error.with_echo(&[("reason", reason.as_str())])),
    )?;
    state.live.stage_changed(&stage_id);
    leptos_axum::redirect(&format!("/admin/editions/{slug}/stages/{stage}?removed=1"));
    Ok(())
}

/// The committee's results page for edition `slug`.
#[server(prefix = "/api", endpoint = "load_results_console")]
pub async fn load_results_console(slug: String) -> Result<ResultsConsole, AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::{publication, results};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let db = state()?.db;
    Ok(ResultsConsole {
        computed: respond(results::document(&db, &slug, None).await)?,
        publications: respond(publication::list(&db, &slug).await)?,
    })
}

/// Publishes edition `slug`'s results as they stand: `scope` is `final` or a
/// scoring stage's key.
#[server(prefix = "/api", endpoint = "publish_results")]
pub async fn publish_results(slug: String, scope: String) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::publication::publish(
            &state.db,
            Some(&admin.id),
            &slug,
            &scope,
            now(),
        )
        .await,
    )?;
    state.public.invalidate();
    leptos_axum::redirect(&format!("/admin/editions/{slug}/results?published=1"));
    Ok(())
}

/// Withdraws publication `publication` of edition `slug`.
#[server(prefix = "/api", endpoint = "withdraw_publication")]
pub async fn withdraw_publication(
    slug: String,
    publication: domain::ids::PublicationId,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let state = state()?;
    respond(
        crate::backend::service::publication::withdraw(
            &state.db,
            Some(&admin.id),
            &slug,
            &publication,
            now(),
        )
        .await,
    )?;
    state.public.invalidate();
    leptos_axum::redirect(&format!("/admin/editions/{slug}/results?withdrawn=1"));
    Ok(())
}

/// The published results of edition `slug`, for everyone; `NotFound` until the
/// committee publishes.
#[server(prefix = "/api", endpoint = "published_results")]
pub async fn published_results(slug: String) -> Result<ResultsDocument, AppError> {
    use crate::api::guard::{respond, state};
    respond(
        crate::backend::service::publication::published(&state()?.db, &slug)
            .await
            .and_then(|document| document.ok_or(AppError::NotFound)),
    )
}

/// One page of the audit log, filtered; admins and observers (who may read
/// everything and change nothing).
#[server(prefix = "/api", endpoint = "load_audit_log")]
pub async fn load_audit_log(
    #[server(default)] action: String,
    #[server(default)] target: String,
    #[server(default)] actor: String,
    #[server(default)] before: String,
) -> Result<Vec<crate::model::AuditRow>, AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::audit_log::{self, Filter};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let filter = Filter {
        action,
        target,
        actor,
        before,
    };
    respond(audit_log::page(&state()?.db, &filter).await)
}

/// The screening page of edition `slug`.
#[server(prefix = "/api", endpoint = "load_screening")]
pub async fn load_screening(slug: String) -> Result<crate::model::ScreeningView, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::screening::view(&state()?.db, &slug).await)
}

/// Passes or fails one entry: `checks[N]=on` for each checklist item ticked (by
/// its place in the list), `decision` `pass` or `fail`, and the reason to fail.
#[server(prefix = "/api", endpoint = "screen_entry")]
pub async fn screen_entry(
    slug: String,
    entry: EntryId,
    #[server(default)] checks: BTreeMap<String, String>,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::screening::{self, Screening};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let db = state()?.db;
    let checklist = respond(screening::view(&db, &slug).await)?.checklist;
    let screening = Screening {
        entry: entry.clone(),
        passed: decision == "pass",
        checks: checks
            .into_keys()
            .filter_map(|index| index.parse::<usize>().ok())
            .filter_map(|index| checklist.get(index).cloned())
            .collect(),
        reason: reason.clone(),
    };
    respond(
        screening::decide(&db, &admin.id, &slug, &[screening], now())
            .await
            .map_err(|error| {
                error.with_echo(&[("reason", reason.as_str()), ("entry", entry.as_str())])
            }),
    )?;
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/screening?decided=1#entry-{entry}"
    ));
    Ok(())
}

/// Passes every entry ticked (`entries[ENTRY]=on`), every checklist item ticked.
#[server(prefix = "/api", endpoint = "pass_entries")]
pub async fn pass_entries(
    slug: String,
    #[server(default)] entries: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::screening::{self, Screening};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let db = state()?.db;
    let checklist = respond(screening::view(&db, &slug).await)?.checklist;
    let screenings: Vec<Screening> = entries
        .into_keys()
        .map(|entry| Screening {
            entry: EntryId::from(entry),
            passed: true,
            checks: checklist.clone(),
            reason: String::new(),
        })
        .collect();
    let count = respond(screening::decide(&db, &admin.id, &slug, &screenings, now()).await)?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/screening?decided={count}"));
    Ok(())
}

//! Field verification's server functions. The committee schedules and
//! decides (admins act, observers read); judges record findings on the visits
//! whose team they are on — the service checks the team, not the page.

use crate::error::AppError;
use crate::model::{FieldStageView, JudgeVisit, VisitSheet};
use domain::field::Finding;
use domain::ids::{UserId, VisitId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The committee's field page of stage `stage` of edition `slug`.
#[server(prefix = "/api", endpoint = "load_field_stage")]
pub async fn load_field_stage(slug: String, stage: String) -> Result<FieldStageView, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::field::view(&state()?.db, &slug, &stage.as_str().into()).await)
}

/// Back to the field page after a change (the query reloads its data).
#[cfg(feature = "ssr")]
fn back_to(slug: &str, stage: &str, anchor: &str) {
    leptos_axum::redirect(&format!(
        "/admin/editions/{slug}/stages/{stage}/field?done={anchor}#{anchor}"
    ));
}

/// Marks which sections hold claims (ticked boxes arrive as
/// `sections[0]=…&sections[3]=…`; none ticked, none sent).
#[server(prefix = "/api", endpoint = "set_field_claims")]
pub async fn set_field_claims(
    slug: String,
    stage: String,
    sections: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::field::set_claims(
            &state()?.db,
            Some(&admin.id),
            (&slug, &stage.as_str().into()),
            &sections.unwrap_or_default(),
        )
        .await,
    )?;
    back_to(&slug, &stage, "claims");
    Ok(())
}

/// Sets the edition's field rule (the four numbers as typed).
#[server(prefix = "/api", endpoint = "set_field_rule")]
pub async fn set_field_rule(
    slug: String,
    stage: String,
    #[server(default)] partial_penalty: String,
    #[server(default)] unproven_penalty: String,
    #[server(default)] max_penalty: String,
    #[server(default)] refer_at_unproven: String,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::field::RuleForm;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::field::set_rule(
            &state()?.db,
            Some(&admin.id),
            (&slug, &stage.as_str().into()),
            &RuleForm {
                partial_penalty,
                unproven_penalty,
                max_penalty,
                refer_at_unproven,
            },
        )
        .await,
    )?;
    back_to(&slug, &stage, "rule");
    Ok(())
}

/// Schedules a visit (the team's boxes arrive as `team[0]=…`).
#[server(prefix = "/api", endpoint = "schedule_visit")]
pub async fn schedule_visit(
    slug: String,
    stage: String,
    #[server(default)] entry: String,
    #[server(default)] starts_at: String,
    #[server(default)] address: String,
    team: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use crate::backend::service::field_schedule::VisitForm;
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let visit = respond(
        crate::backend::service::field_schedule::schedule(
            &state()?.db,
            Some(&admin.id),
            (&slug, &stage.as_str().into()),
            &VisitForm {
                entry,
                starts_at,
                address,
                team: team.unwrap_or_default(),
            },
            now(),
        )
        .await,
    )?;
    back_to(&slug, &stage, &format!("visit-{visit}"));
    Ok(())
}

/// Cancels a visit with what was recorded on it.
#[server(prefix = "/api", endpoint = "cancel_visit")]
pub async fn cancel_visit(slug: String, stage: String, visit: VisitId) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::field_schedule::cancel(
            &state()?.db,
            Some(&admin.id),
            (&slug, &stage.as_str().into()),
            &visit,
        )
        .await,
    )?;
    back_to(&slug, &stage, "visits");
    Ok(())
}

/// Decides on an entry its visit referred: `disqualify` is `yes` or `no`.
#[server(prefix = "/api", endpoint = "decide_field_referral")]
pub async fn decide_field_referral(
    slug: String,
    stage: String,
    visit: VisitId,
    #[server(default)] disqualify: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::api::guard::{now, require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    respond(
        crate::backend::service::field::decide(
            &state()?.db,
            &admin.id,
            (&slug, &stage.as_str().into()),
            &visit,
            (disqualify == "yes", &reason),
            now(),
        )
        .await,
    )?;
    back_to(&slug, &stage, &format!("visit-{visit}"));
    Ok(())
}

/// The caller's visits, earliest first.
#[server(prefix = "/api", endpoint = "load_my_visits")]
pub async fn load_my_visits() -> Result<Vec<JudgeVisit>, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let judge = require(&[Role::Judge]).await?;
    respond(crate::backend::service::field_visit::of_judge(&state()?.db, &judge.id).await)
}

/// The visit sheet of `visit` (its team and the committee).
#[server(prefix = "/api", endpoint = "load_visit")]
pub async fn load_visit(visit: VisitId) -> Result<VisitSheet, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let user = require(&[Role::Admin, Role::Observer, Role::Judge]).await?;
    respond(crate::backend::service::field_visit::sheet(&state()?.db, &user, &visit).await)
}

/// One claim's finding as the visit form sends it: a claim left unanswered
/// sends no finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedFinding {
    pub section: String,
    #[serde(default)]
    pub finding: Option<Finding>,
    #[serde(default)]
    pub note: String,
    /// When the verifier chose it (RFC 3339): by the device, or, in a plain
    /// form, when the finding the page showed was chosen.
    #[serde(default)]
    pub decided_at: Option<String>,
}

/// Records findings on `visit`, as batch `batch` (a key the device or the
/// page made: a batch sent twice is applied once). `owner` is the account the
/// device kept them for: on a shared tablet one verifier's findings are never
/// sent as another's. Plain form posts come back to the visit page.
#[server(prefix = "/api", endpoint = "record_findings")]
pub async fn record_findings(
    visit: VisitId,
    owner: UserId,
    batch: String,
    findings: Option<Vec<TypedFinding>>,
    #[server(default)] from_form: bool,
) -> Result<(), AppError> {
    use crate::api::guard::{fail, now, require, respond, state};
    use crate::error::Problem;
    use domain::role::Role;
    let judge = require(&[Role::Judge]).await?;
    if owner != judge.id {
        return Err(fail(AppError::Conflict(Problem::OtherAccount)));
    }
    let findings: Vec<crate::model::FindingInput> = findings
        .unwrap_or_default()
        .into_iter()
        .filter_map(|typed| {
            typed.finding.map(|finding| crate::model::FindingInput {
                section: typed.section,
                finding,
                note: typed.note,
                decided_at: typed.decided_at.filter(|text| !text.trim().is_empty()),
            })
        })
        .collect();
    respond(
        crate::backend::service::field_visit::record(
            &state()?.db,
            &judge,
            &visit,
            &batch,
            &findings,
            now(),
        )
        .await,
    )?;
    if from_form {
        leptos_axum::redirect(&format!("/judge/visits/{visit}?saved=1"));
    }
    Ok(())
}

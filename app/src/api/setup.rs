//! Configuring an edition: its settings and its stages. Admins change them;
//! observers may read them.
// A plain form posts one argument per field.
#![allow(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field"
)]

use crate::error::AppError;
use crate::model::{CriterionForm, EditionSetup, StageSetup};
use domain::scoring::StageKey;
use leptos::prelude::*;

/// The settings page of edition `slug`.
#[server(prefix = "/api", endpoint = "load_edition_setup")]
pub async fn load_edition_setup(slug: String) -> Result<EditionSetup, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::edition_setup::view(&state()?.db, &slug).await)
}

/// Saves edition `slug`'s settings. A plain form post; refused, it comes back
/// with what was typed.
#[server(prefix = "/api", endpoint = "save_edition_settings")]
pub async fn save_edition_settings(
    slug: String,
    #[server(default)] submission_opens: String,
    #[server(default)] submission_closes: String,
    #[server(default)] minimum_years: String,
    #[server(default)] upload_limit_mb: String,
    #[server(default)] quotas: String,
    #[server(default)] shares_feedback: Option<String>,
    #[server(default)] peoples_choice: Option<String>,
    #[server(default)] peoples_choice_verified: Option<String>,
    #[server(default)] max_winners_per_organisation: String,
    #[server(default)] winner_in_every_category: Option<String>,
    #[server(default)] replication_below_original: Option<String>,
    #[server(default)] shows_scores: Option<String>,
    #[server(default)] publishes_sheets: Option<String>,
    #[server(default)] final_rule: String,
    #[server(default)] final_weights: String,
    #[server(default)] screening_checklist: String,
    #[server(default)] groups: std::collections::BTreeMap<String, String>,
    #[server(default)] categories: String,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let form = crate::model::SettingsForm {
        slug: slug.clone(),
        submission_opens,
        submission_closes,
        minimum_years,
        upload_limit_mb,
        quotas,
        shares_feedback,
        peoples_choice,
        peoples_choice_verified,
        max_winners_per_organisation,
        winner_in_every_category,
        replication_below_original,
        shows_scores,
        publishes_sheets,
        final_rule,
        final_weights,
        screening_checklist,
        groups: groups.into_keys().collect(),
        categories,
    };
    respond(
        crate::backend::service::edition_setup::save(&state()?.db, &admin.id, &form)
            .await
            .map_err(|error| {
                error.with_echo(&[
                    ("submission_opens", form.submission_opens.as_str()),
                    ("submission_closes", form.submission_closes.as_str()),
                    ("minimum_years", form.minimum_years.as_str()),
                    ("upload_limit_mb", form.upload_limit_mb.as_str()),
                    ("quotas", form.quotas.as_str()),
                    ("final_rule", form.final_rule.as_str()),
                    ("final_weights", form.final_weights.as_str()),
                    ("screening_checklist", form.screening_checklist.as_str()),
                    ("categories", form.categories.as_str()),
                ])
            }),
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/setup?saved=1"));
    Ok(())
}

/// The form of stage `stage` of edition `slug` (`new` for a new stage).
#[server(prefix = "/api", endpoint = "load_stage_setup")]
pub async fn load_stage_setup(slug: String, stage: StageKey) -> Result<StageSetup, AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    respond(crate::backend::service::stage_setup::view(&state()?.db, &slug, &stage).await)
}

/// Creates or updates a stage; rubric rows arrive as `criteria[i][field]`.
#[server(prefix = "/api", endpoint = "save_stage")]
pub async fn save_stage(
    slug: String,
    #[server(default)] editing: String,
    #[server(default)] key: String,
    #[server(default)] title: String,
    #[server(default)] kind: String,
    #[server(default)] format: String,
    #[server(default)] opens: String,
    #[server(default)] closes: String,
    #[server(default)] blind: Option<String>,
    #[server(default)] aggregation: String,
    #[server(default)] rule: String,
    #[server(default)] top_n: String,
    #[server(default)] pass_mark: String,
    #[server(default)] criteria: Vec<CriterionForm>,
) -> Result<(), AppError> {
    use crate::api::guard::{require, respond, state};
    use domain::role::Role;
    let admin = require(&[Role::Admin]).await?;
    let form = crate::model::StageForm {
        slug: slug.clone(),
        editing,
        key,
        title,
        kind,
        format,
        opens,
        closes,
        blind,
        aggregation,
        rule,
        top_n,
        pass_mark,
        criteria,
    };
    let saved = respond(
        crate::backend::service::stage_setup::save(&state()?.db, &admin.id, &form)
            .await
            .map_err(|error| match error {
                AppError::Invalid { fields, .. } => AppError::Invalid {
                    fields,
                    echo: echo_of(&form),
                },
                other => other,
            }),
    )?;
    leptos_axum::redirect(&format!("/admin/editions/{slug}/setup?stage_saved={saved}"));
    Ok(())
}

/// Everything typed in the stage form, to show again after a refusal.
#[cfg(feature = "ssr")]
fn echo_of(form: &crate::model::StageForm) -> Vec<(String, String)> {
    let mut echo: Vec<(String, String)> = [
        ("key", &form.key),
        ("title", &form.title),
        ("kind", &form.kind),
        ("format", &form.format),
        ("opens", &form.opens),
        ("closes", &form.closes),
        ("aggregation", &form.aggregation),
        ("rule", &form.rule),
        ("top_n", &form.top_n),
        ("pass_mark", &form.pass_mark),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.clone()))
    .collect();
    for (index, row) in form.criteria.iter().enumerate() {
        for (name, value) in [
            ("key", &row.key),
            ("label", &row.label),
            ("guidance", &row.guidance),
            ("weight", &row.weight),
            ("min", &row.min),
            ("max", &row.max),
            ("step", &row.step),
        ] {
            echo.push((format!("criteria.{index}.{name}"), value.clone()));
        }
    }
    echo
}

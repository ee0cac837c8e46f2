//! The committee configures an edition: its submission window, entry rules,
//! quotas, what it shares, people's choice and the final-ranking rule. Every
//! field is checked and every problem reported beside its field at once;
//! nothing is stored unless all are right, and the change is audited.

use crate::backend::db::Db;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::setup::{self, SettingsRecord, SettingsWrite};
use crate::backend::service::editions::local_in;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{EditionSetup, SettingsForm, StageSummary};
use domain::edition::Group;
use domain::ids::UserId;
use domain::quota::Quotas;
use domain::scoring::{FinalRankingError, FinalRule, StageKey, StageWeight};
use domain::stage::StageKind;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `at` as a `datetime-local` input value on the zone's clock.
#[must_use]
pub fn input_value(at: Timestamp, zone: &str) -> String {
    let zone = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    at.to_zoned(zone).strftime("%Y-%m-%dT%H:%M").to_string()
}

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`) on the zone's clock.
#[must_use]
pub fn parse_input(text: &str, zone: &str) -> Option<Timestamp> {
    let zone = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    text.trim()
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|local| local.to_zoned(zone).ok())
        .map(|zoned| zoned.timestamp())
}

fn on(flag: bool) -> Option<String> {
    flag.then(|| "on".to_owned())
}

/// The settings page of the edition with `slug`.
pub async fn view(db: &Db, slug: &str) -> Result<EditionSetup, AppError> {
    let record = setup::settings(db, slug).await?.ok_or(AppError::NotFound)?;
    let stages = setup::stages(db, &record.id).await?;
    Ok(EditionSetup {
        title: record.title.clone(),
        time_zone: record.time_zone.clone(),
        stages: stages
            .iter()
            .map(|stage| StageSummary {
                key: stage.key.clone(),
                title: stage.title.clone(),
                kind: stage.kind,
                opens_at: local_in(stage.opens_at, &record.time_zone),
                closes_at: local_in(stage.closes_at, &record.time_zone),
                criteria: stage
                    .rubric
                    .as_ref()
                    .map_or(0, |rubric| rubric.criteria().len()),
            })
            .collect(),
        form: form_of(&record),
    })
}

fn form_of(record: &SettingsRecord) -> SettingsForm {
    let rule = record.final_rule.clone().unwrap_or(FinalRule::LastStage);
    let (final_rule, final_weights) = match rule {
        FinalRule::LastStage => ("last_stage".to_owned(), String::new()),
        FinalRule::Weighted { weights } => (
            "weighted".to_owned(),
            weights
                .iter()
                .map(|weight| format!("{} {}", weight.stage, weight.weight))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    };
    SettingsForm {
        slug: record.slug.clone(),
        submission_opens: record
            .submission_opens_at
            .map(|at| input_value(at, &record.time_zone))
            .unwrap_or_default(),
        submission_closes: record
            .submission_closes_at
            .map(|at| input_value(at, &record.time_zone))
            .unwrap_or_default(),
        minimum_years: record.minimum_years.to_string(),
        upload_limit_mb: record.upload_limit_mb.to_string(),
        quotas: serde_json::from_value::<Quotas>(record.quotas.clone())
            .map(|quotas| quotas.to_lines())
            .unwrap_or_default(),
        shares_feedback: on(record.shares_feedback),
        peoples_choice: on(record.peoples_choice),
        peoples_choice_verified: on(record.peoples_choice_verified),
        max_winners_per_organisation: record
            .max_winners_per_organisation
            .map(|max| max.to_string())
            .unwrap_or_default(),
        winner_in_every_category: on(record.winner_in_every_category),
        replication_below_original: on(record.replication_below_original),
        shows_scores: on(record.shows_scores),
        publishes_sheets: on(record.publishes_sheets),
        final_rule,
        final_weights,
        screening_checklist: record.screening_checklist.join("\n"),
        groups: record
            .groups
            .iter()
            .map(|group| group.key().to_owned())
            .collect(),
        categories: record
            .categories
            .iter()
            .map(|category| format!("{}: {}", category.key, category.label))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The groups and categories typed in `form`; a group or category the
/// edition's entries use may not go.
fn groups_and_categories(
    form: &SettingsForm,
    record: &SettingsRecord,
    problems: &mut Vec<FieldError>,
) -> (Vec<Group>, Vec<crate::model::CategoryView>) {
    let mut refuse = |field: &str, problem: Problem| {
        problems.push(FieldError {
            field: field.into(),
            problem,
        });
    };
    let mut groups = Vec::new();
    for given in &form.groups {
        match given.parse::<Group>() {
            Ok(group) => groups.push(group),
            Err(_) => refuse(
                "groups",
                Problem::UnknownChoice {
                    given: given.clone(),
                },
            ),
        }
    }
    if groups.is_empty() {
        refuse("groups", Problem::Required);
    } else if let Some(used) = record
        .used_groups
        .iter()
        .find(|used| !groups.contains(used))
    {
        refuse(
            "groups",
            Problem::InUse {
                given: used.to_string(),
            },
        );
    }
    let categories = match domain::edition::parse_categories(&form.categories) {
        Ok(categories) => categories
            .into_iter()
            .map(|category| crate::model::CategoryView {
                key: category.key,
                label: category.label,
            })
            .collect::<Vec<_>>(),
        Err(domain::edition::EditionError::DuplicateCategory { key }) => {
            refuse("categories", Problem::DuplicateCategory { key });
            Vec::new()
        }
        Err(domain::edition::EditionError::BadCategory { given }) => {
            refuse("categories", Problem::BadCategory { given });
            Vec::new()
        }
        Err(_) => {
            refuse("categories", Problem::Required);
            Vec::new()
        }
    };
    if !categories.is_empty()
        && let Some(used) = record
            .used_categories
            .iter()
            .find(|used| !categories.iter().any(|category| &category.key == *used))
    {
        refuse(
            "categories",
            Problem::InUse {
                given: used.clone(),
            },
        );
    }
    (groups, categories)
}

/// A whole number in `min..=max` typed in `field`.
fn whole(problems: &mut Vec<FieldError>, field: &str, text: &str, (min, max): (i64, i64)) -> u32 {
    match text.trim().parse::<i64>() {
        Ok(value) if (min..=max).contains(&value) => u32::try_from(value).unwrap_or_default(),
        Ok(_) => {
            problems.push(FieldError {
                field: field.into(),
                problem: Problem::OutOfRange { min, max },
            });
            0
        }
        Err(_) => {
            problems.push(FieldError {
                field: field.into(),
                problem: Problem::NotANumber,
            });
            0
        }
    }
}

fn final_rule(
    form: &SettingsForm,
    scoring: &[StageKey],
    problems: &mut Vec<FieldError>,
) -> FinalRule {
    let mut refuse = |problem: Problem| {
        problems.push(FieldError {
            field: "final_weights".into(),
            problem,
        });
    };
    if form.final_rule != "weighted" {
        return FinalRule::LastStage;
    }
    let mut weights = Vec::new();
    for line in form
        .final_weights
        .lines()
        .filter(|line| !line.trim().is_empty())
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words[..] {
            [stage, weight] if weight.trim_end_matches('%').parse::<u32>().is_ok() => {
                weights.push(StageWeight {
                    stage: stage.into(),
                    weight: weight.trim_end_matches('%').parse().unwrap_or_default(),
                });
            }
            _ => {
                refuse(Problem::BadFinalWeights);
                return FinalRule::LastStage;
            }
        }
    }
    let rule = FinalRule::Weighted { weights };
    match rule.check(scoring) {
        Ok(()) => {}
        Err(FinalRankingError::WeightsDoNotAddUp { total }) => {
            refuse(Problem::WeightsTotal { total });
        }
        Err(FinalRankingError::UnknownStage { stage }) => refuse(Problem::UnknownReference {
            given: stage.to_string(),
        }),
        Err(FinalRankingError::NoStages) => refuse(Problem::NothingToPublish),
        Err(_) => refuse(Problem::BadFinalWeights),
    }
    rule
}

/// Stores the settings typed in `form`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(db: &Db, actor: &UserId, form: &SettingsForm) -> Result<(), AppError> {
    let record = setup::settings(db, &form.slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let stages = setup::stages(db, &record.id).await?;
    let scoring: Vec<StageKey> = stages
        .iter()
        .filter(|stage| stage.kind == StageKind::Scoring)
        .map(|stage| stage.key.as_str().into())
        .collect();
    let mut problems = Vec::new();
    let mut instant = |field: &str, text: &str| {
        if text.trim().is_empty() {
            return None;
        }
        let parsed = parse_input(text, &record.time_zone);
        if parsed.is_none() {
            problems.push(FieldError {
                field: field.into(),
                problem: Problem::BadDate,
            });
        }
        parsed
    };
    let opens = instant("submission_opens", &form.submission_opens);
    let closes = instant("submission_closes", &form.submission_closes);
    if let (Some(opens), Some(closes)) = (opens, closes)
        && closes <= opens
    {
        problems.push(FieldError {
            field: "submission_closes".into(),
            problem: Problem::WindowOrder,
        });
    }
    let minimum_years = whole(&mut problems, "minimum_years", &form.minimum_years, (0, 20));
    let upload_limit_mb = whole(
        &mut problems,
        "upload_limit_mb",
        &form.upload_limit_mb,
        (1, 20),
    );
    // Empty: no limit.
    let max_winners_per_organisation =
        (!form.max_winners_per_organisation.trim().is_empty()).then(|| {
            whole(
                &mut problems,
                "max_winners_per_organisation",
                &form.max_winners_per_organisation,
                (1, 50),
            )
        });
    let quotas = Quotas::parse_lines(&form.quotas).unwrap_or_else(|error| {
        problems.push(FieldError {
            field: "quotas".into(),
            problem: Problem::QuotaLine { line: error.line },
        });
        Quotas::default()
    });
    let rule = final_rule(form, &scoring, &mut problems);
    let (groups, categories) = groups_and_categories(form, &record, &mut problems);
    let checklist: Vec<String> = form
        .screening_checklist
        .lines()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect();
    if checklist.is_empty() {
        problems.push(FieldError {
            field: "screening_checklist".into(),
            problem: Problem::Required,
        });
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let before = form_of(&record);
    let write = SettingsWrite {
        submission_opens_at: opens,
        submission_closes_at: closes,
        minimum_years,
        upload_limit_mb,
        quotas: serde_json::to_value(&quotas).unwrap_or_default(),
        shares_feedback: form.shares_feedback.is_some(),
        peoples_choice: form.peoples_choice.is_some(),
        peoples_choice_verified: form.peoples_choice_verified.is_some(),
        max_winners_per_organisation,
        winner_in_every_category: form.winner_in_every_category.is_some(),
        replication_below_original: form.replication_below_original.is_some(),
        shows_scores: form.shows_scores.is_some(),
        publishes_sheets: form.publishes_sheets.is_some(),
        final_rule: rule,
        screening_checklist: checklist,
        groups,
        categories,
    };
    execute_atomically(
        db,
        vec![
            setup::update_settings_statement(&record.id, &write),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "edition.settings",
                target: format!("edition:{}", record.id),
                before: serde_json::to_value(&before).ok(),
                after: serde_json::to_value(form).ok(),
            }),
        ],
    )
    .await?;
    Ok(())
}

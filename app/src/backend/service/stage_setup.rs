//! The committee sets up a stage: its kind, window (never overlapping another
//! stage's), whether it is blind, and for a scoring stage the aggregation, the
//! advancement rule and the rubric — criteria whose weights add up to 100, as
//! the domain's `Rubric::new` checks. Every problem is reported beside its field
//! (a criterion's beside its row); a rubric already scored on stays as it is.

use crate::backend::db::Db;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::setup::{self, StageSetupRecord, StageWrite};
use crate::backend::service::edition_setup::{input_value, parse_input};
use crate::error::{AppError, FieldError, Problem};
use crate::model::{CriterionForm, StageForm, StageSetup};
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::StageKey;
use domain::scoring::{
    AdvancementRule, Aggregation, Criterion, CriterionKey, Rubric, RubricError, Scale,
};
use domain::stage::StageKeyError;
use domain::stage::{StageFormat, StageKind};
use domain::timeline::{Window, WindowError, check_window};

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

fn criterion_rows(rubric: Option<&Rubric>) -> Vec<CriterionForm> {
    rubric
        .map(Rubric::criteria)
        .unwrap_or_default()
        .iter()
        .cloned()
        .map(|criterion| CriterionForm {
            key: criterion.key.as_str().to_owned(),
            label: criterion.label,
            guidance: criterion.guidance,
            weight: criterion.weight.to_string(),
            min: number(criterion.scale.min),
            max: number(criterion.scale.max),
            step: number(criterion.scale.step),
            remove: None,
        })
        .collect()
}

fn form_of(slug: &str, zone: &str, stage: &StageSetupRecord) -> StageForm {
    let (rule_key, top_n, pass_mark) = match stage.advancement {
        AdvancementRule::TopN { n } => ("top_n", n.to_string(), String::new()),
        AdvancementRule::PassMark { mark } => ("pass_mark", String::new(), number(mark)),
        AdvancementRule::Manual => ("manual", String::new(), String::new()),
    };
    StageForm {
        slug: slug.to_owned(),
        editing: stage.key.to_string(),
        key: stage.key.to_string(),
        title: stage.title.clone(),
        kind: stage.kind.key().to_owned(),
        format: stage.format.unwrap_or(StageFormat::Desk).key().to_owned(),
        opens: input_value(stage.opens_at, zone),
        closes: input_value(stage.closes_at, zone),
        blind: stage.blind.then(|| "on".to_owned()),
        aggregation: stage.aggregation.key().to_owned(),
        rule: rule_key.to_owned(),
        top_n,
        pass_mark,
        criteria: criterion_rows(stage.rubric.as_ref()),
    }
}

/// The form for stage `key` of edition `slug`, or a new stage's (`key` = `new`):
/// a desk evaluation on the national rubric.
pub async fn view(db: &Db, slug: &str, key: &StageKey) -> Result<StageSetup, AppError> {
    let edition = setup::settings(db, slug).await?.ok_or(AppError::NotFound)?;
    if key == "new" {
        let rubric = Rubric::national_desk();
        return Ok(StageSetup {
            edition_title: edition.title,
            sheets: 0,
            form: StageForm {
                slug: slug.to_owned(),
                kind: StageKind::Scoring.key().to_owned(),
                format: StageFormat::Desk.key().to_owned(),
                aggregation: Aggregation::Mean.key().to_owned(),
                rule: "top_n".into(),
                top_n: "3".into(),
                criteria: criterion_rows(Some(&rubric)),
                ..StageForm::default()
            },
        });
    }
    let stages = setup::stages(db, &edition.id).await?;
    let stage = stages
        .iter()
        .find(|stage| stage.key == key)
        .ok_or(AppError::NotFound)?;
    Ok(StageSetup {
        edition_title: edition.title.clone(),
        sheets: stage.sheets,
        form: form_of(slug, &edition.time_zone, stage),
    })
}

/// Collects problems beside their fields.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, problem: Problem) {
        let field = field.into();
        if !self.0.iter().any(|known| known.field == field) {
            self.0.push(FieldError { field, problem });
        }
    }

    /// The choice `given` names, or a problem beside `field`.
    fn choice<T: std::str::FromStr>(&mut self, field: &str, given: &str) -> Option<T> {
        let choice = given.parse().ok();
        if choice.is_none() {
            self.add(
                field,
                Problem::UnknownChoice {
                    given: given.to_owned(),
                },
            );
        }
        choice
    }
}

/// Reads the rubric rows that are kept (not removed, not blank); `rows[i]` is
/// the form row of criterion `i`.
fn read_rubric(form: &StageForm, problems: &mut Problems) -> (Vec<Criterion>, Vec<usize>) {
    let mut criteria = Vec::new();
    let mut rows = Vec::new();
    for (index, row) in form.criteria.iter().enumerate() {
        let blank = [
            &row.key,
            &row.label,
            &row.weight,
            &row.min,
            &row.max,
            &row.step,
        ]
        .iter()
        .all(|text| text.trim().is_empty());
        if row.remove.is_some() || blank {
            continue;
        }
        let field = |name: &str| format!("criteria.{index}.{name}");
        let key = row.key.trim();
        if !is_key(key) {
            problems.add(field("key"), Problem::BadKey);
        }
        if row.label.trim().is_empty() {
            problems.add(field("label"), Problem::Required);
        }
        let weight = match row.weight.trim().parse::<u32>() {
            Ok(weight) if (1..=100).contains(&weight) => weight,
            Ok(_) => {
                problems.add(field("weight"), Problem::OutOfRange { min: 1, max: 100 });
                0
            }
            Err(_) => {
                problems.add(field("weight"), Problem::NotANumber);
                0
            }
        };
        let mut read = |name: &str, text: &str| {
            text.trim()
                .replace(',', ".")
                .parse::<f64>()
                .unwrap_or_else(|_| {
                    problems.add(field(name), Problem::NotANumber);
                    f64::NAN
                })
        };
        let scale = Scale {
            min: read("min", &row.min),
            max: read("max", &row.max),
            step: read("step", &row.step),
        };
        criteria.push(Criterion {
            key: CriterionKey::from(key),
            label: row.label.trim().to_owned(),
            guidance: row.guidance.trim().to_owned(),
            levels: Vec::new(),
            weight,
            scale,
        });
        rows.push(index);
    }
    (criteria, rows)
}

/// Places the domain's verdict on the rubric beside the row it concerns.
fn rubric_problem(
    error: &RubricError,
    criteria: &[Criterion],
    rows: &[usize],
    problems: &mut Problems,
) {
    // The domain checks criteria in order, so a problem with one criterion is
    // the first with its key; a repeated key is reported at the repetition.
    let row_of = |key: &CriterionKey| {
        criteria
            .iter()
            .position(|criterion| criterion.key == *key)
            .map(|index| rows[index])
    };
    let repeated = |key: &CriterionKey| {
        criteria
            .iter()
            .rposition(|criterion| criterion.key == *key)
            .map(|index| rows[index])
    };
    let at = |row: Option<usize>, name: &str| match row {
        Some(row) => format!("criteria.{row}.{name}"),
        None => "criteria".to_owned(),
    };
    match error {
        RubricError::NoCriteria => problems.add("criteria", Problem::Required),
        RubricError::EmptyKey { position } => {
            problems.add(
                at(rows.get(position - 1).copied(), "key"),
                Problem::Required,
            );
        }
        RubricError::DuplicateKey { key } => problems.add(at(repeated(key), "key"), Problem::Taken),
        RubricError::ZeroWeight { key } => problems.add(
            at(row_of(key), "weight"),
            Problem::OutOfRange { min: 1, max: 100 },
        ),
        RubricError::WeightsDoNotAddUp { total } => {
            problems.add("criteria", Problem::WeightsTotal { total: *total });
        }
        RubricError::EmptyScale { key, .. } => {
            problems.add(at(row_of(key), "max"), Problem::BadScale)
        }
        RubricError::NonPositiveStep { key, .. }
        | RubricError::StepDoesNotDivideRange { key, .. } => {
            problems.add(at(row_of(key), "step"), Problem::BadScale);
        }
        RubricError::LevelOffScale { key, .. } => {
            problems.add(at(row_of(key), "max"), Problem::BadScale)
        }
    }
}

/// Keeps the level descriptors a criterion had, where they still fit its scale.
fn keep_levels(criteria: &mut [Criterion], stored: Option<&Rubric>) {
    let stored = stored.map(Rubric::criteria).unwrap_or_default();
    for criterion in criteria {
        if let Some(old) = stored.iter().find(|old| old.key == criterion.key) {
            criterion.levels = old
                .levels
                .iter()
                .filter(|level| {
                    level.from <= level.to
                        && criterion.scale.contains(level.from)
                        && criterion.scale.contains(level.to)
                })
                .cloned()
                .collect();
        }
    }
}

fn advancement(form: &StageForm, problems: &mut Problems) -> AdvancementRule {
    match form.rule.as_str() {
        "top_n" => match form.top_n.trim().parse::<u32>() {
            Ok(n) if (1..=100).contains(&n) => AdvancementRule::TopN { n },
            _ => {
                problems.add("top_n", Problem::OutOfRange { min: 1, max: 100 });
                AdvancementRule::Manual
            }
        },
        "pass_mark" => match form.pass_mark.trim().replace(',', ".").parse::<f64>() {
            Ok(mark) if (0.0..=100.0).contains(&mark) => AdvancementRule::PassMark { mark },
            _ => {
                problems.add("pass_mark", Problem::OutOfRange { min: 0, max: 100 });
                AdvancementRule::Manual
            }
        },
        "manual" => AdvancementRule::Manual,
        other => {
            problems.add(
                "rule",
                Problem::UnknownChoice {
                    given: other.to_owned(),
                },
            );
            AdvancementRule::Manual
        }
    }
}

/// Creates or updates the stage described by `form`; returns its key.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(db: &Db, actor: &UserId, form: &StageForm) -> Result<StageKey, AppError> {
    let edition = setup::settings(db, &form.slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let stages = setup::stages(db, &edition.id).await?;
    let existing = if form.editing.is_empty() {
        None
    } else {
        Some(
            stages
                .iter()
                .find(|stage| stage.key == form.editing.as_str())
                .ok_or(AppError::NotFound)?,
        )
    };
    let mut problems = Problems::default();
    let key = match existing {
        Some(stage) => stage.key.clone(),
        None => match StageKey::parse(&form.key) {
            Ok(key) if stages.iter().any(|stage| stage.key == key) => {
                problems.add("key", Problem::Taken);
                key
            }
            Ok(key) => key,
            Err(StageKeyError::Malformed) => {
                problems.add("key", Problem::BadKey);
                StageKey::from(form.key.trim())
            }
            // `final`, `new`, `submission` already name something else.
            Err(StageKeyError::Reserved) => {
                problems.add("key", Problem::Taken);
                StageKey::from(form.key.trim())
            }
        },
    };
    if form.title.trim().is_empty() {
        problems.add("title", Problem::Required);
    }
    let kind = problems.choice::<StageKind>("kind", &form.kind);
    // A form from before formats existed sends none: a desk stage.
    let format = if form.format.is_empty() {
        Some(StageFormat::Desk)
    } else {
        problems.choice::<StageFormat>("format", &form.format)
    };
    let opens = parse_input(&form.opens, &edition.time_zone);
    let closes = parse_input(&form.closes, &edition.time_zone);
    if opens.is_none() {
        problems.add("opens", Problem::BadDate);
    }
    if closes.is_none() {
        problems.add("closes", Problem::BadDate);
    }
    if let (Some(opens), Some(closes)) = (opens, closes) {
        let others: Vec<Window> = stages
            .iter()
            .map(|stage| Window {
                key: stage.key.clone(),
                opens: stage.opens_at.as_second(),
                closes: stage.closes_at.as_second(),
            })
            .collect();
        let window = Window {
            key: key.clone(),
            opens: opens.as_second(),
            closes: closes.as_second(),
        };
        match check_window(&window, &others) {
            Ok(()) => {}
            Err(WindowError::ClosesBeforeOpening) => problems.add("closes", Problem::WindowOrder),
            Err(WindowError::Overlaps { other }) => {
                problems.add("opens", Problem::WindowOverlap { other });
            }
        }
    }
    let (aggregation, rule, rubric) = if kind == Some(StageKind::Scoring) {
        let aggregation = problems.choice::<Aggregation>("aggregation", &form.aggregation);
        let rule = advancement(form, &mut problems);
        let (mut criteria, rows) = read_rubric(form, &mut problems);
        if let Some(stage) = existing {
            keep_levels(&mut criteria, stage.rubric.as_ref());
        }
        let rubric = if problems.0.iter().any(|p| p.field.starts_with("criteria.")) {
            None
        } else {
            match Rubric::new(criteria.clone()) {
                Ok(rubric) => Some(rubric),
                Err(error) => {
                    rubric_problem(&error, &criteria, &rows, &mut problems);
                    None
                }
            }
        };
        (aggregation.unwrap_or_default(), rule, rubric)
    } else {
        (Aggregation::Mean, AdvancementRule::Manual, None)
    };
    if let Some(stage) = existing
        && stage.sheets > 0
        && problems.0.is_empty()
        && (rubric != stage.rubric || kind != Some(stage.kind))
    {
        problems.add(
            "criteria",
            Problem::RubricLocked {
                sheets: stage.sheets,
            },
        );
    }
    if !problems.0.is_empty() {
        return Err(AppError::invalid(problems.0));
    }
    let (Some(opens_at), Some(closes_at), Some(kind), Some(format)) = (opens, closes, kind, format)
    else {
        return Err(AppError::Internal);
    };
    let id = existing.map_or_else(
        || StageId::from(format!("{}-{key}", edition.id)),
        |stage| stage.id.clone(),
    );
    // Stages are numbered in the order of their windows.
    let mut order: Vec<(jiff::Timestamp, StageKey)> = stages
        .iter()
        .filter(|stage| stage.key != key)
        .map(|stage| (stage.opens_at, stage.key.clone()))
        .chain(std::iter::once((opens_at, key.clone())))
        .collect();
    order.sort();
    let order: Vec<StageKey> = order.into_iter().map(|(_, key)| key).collect();
    let write = StageWrite {
        key: key.clone(),
        title: form.title.trim().to_owned(),
        kind,
        format,
        opens_at,
        closes_at,
        blind: form.blind.is_some(),
        aggregation,
        rubric,
        advancement: rule,
        position: order
            .iter()
            .position(|other| *other == key)
            .unwrap_or_default(),
    };
    execute_atomically(
        db,
        vec![
            setup::save_stage_statement(&id, &edition.id, &write, &order),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: if existing.is_some() {
                    "stage.update"
                } else {
                    "stage.create"
                },
                target: format!("stage:{id}"),
                before: existing.and_then(|stage| {
                    serde_json::to_value(form_of(&form.slug, &edition.time_zone, stage)).ok()
                }),
                after: serde_json::to_value(form).ok(),
            }),
        ],
    )
    .await?;
    Ok(key)
}

//! An edition's proposal template: the national form until the committee edits
//! it (sections, prompts, word limits, required, evidence, groups). A saved
//! template is checked as a whole and written with its audit event.

use crate::backend::db::Db;
use crate::backend::public_cache::PublicCache;
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::editions;
use crate::backend::repo::templates;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{TemplateRow, TemplateView};
use domain::edition::Group;
use domain::ids::EditionId;
use domain::ids::UserId;
use domain::proposal::{MAX_WORD_LIMIT, Section, Template, TemplateProblem, check_template};

fn tick(on: bool) -> Option<String> {
    on.then(|| "on".to_owned())
}

fn row_of(section: &Section) -> TemplateRow {
    let has = |group: Group| section.groups.is_empty() || section.groups.contains(&group);
    TemplateRow {
        key: section.key.clone(),
        label: section.label.clone(),
        prompt: section.prompt.clone(),
        word_limit: section.word_limit.to_string(),
        required: tick(section.required),
        evidence: tick(section.evidence),
        public: tick(section.public),
        umum: tick(has(Group::Umum)),
        replikasi: tick(has(Group::Replikasi)),
        khusus: tick(has(Group::Khusus)),
        remove: None,
    }
}

async fn stored(db: &Db, edition: &EditionId) -> Result<Option<Template>, AppError> {
    Ok(templates::stored(db, edition).await?)
}

/// The template of the edition `slug`, for the editor.
pub async fn view(db: &Db, slug: &str) -> Result<TemplateView, AppError> {
    let edition = editions::find_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let own = stored(db, &edition.id).await?;
    let template = own.clone().unwrap_or_else(Template::national);
    Ok(TemplateView {
        slug: edition.slug,
        title: edition.title,
        groups: edition.groups,
        edited: own.is_some(),
        entries: edition.entry_count,
        rows: template.sections.iter().map(row_of).collect(),
    })
}

fn field(row: usize, name: &str, problem: Problem) -> FieldError {
    FieldError {
        field: format!("sections.{row}.{name}"),
        problem,
    }
}

/// Reads the editor's rows into a template: blank and removed rows are dropped;
/// every problem is reported against the row as the admin numbered it.
fn template_from(rows: &[TemplateRow]) -> Result<Template, Vec<FieldError>> {
    let mut sections = Vec::new();
    let mut origin = Vec::new();
    let mut errors = Vec::new();
    for (row, input) in rows.iter().enumerate() {
        let blank = input.key.trim().is_empty() && input.label.trim().is_empty();
        if blank || input.remove.is_some() {
            continue;
        }
        let word_limit = match input.word_limit.trim().parse::<usize>() {
            Ok(limit) => limit,
            Err(_) => {
                errors.push(field(
                    row,
                    "word_limit",
                    Problem::OutOfRange {
                        min: 1,
                        max: MAX_WORD_LIMIT as i64,
                    },
                ));
                1
            }
        };
        let groups: Vec<Group> = [
            (Group::Umum, &input.umum),
            (Group::Replikasi, &input.replikasi),
            (Group::Khusus, &input.khusus),
        ]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(group, _)| group)
        .collect();
        if groups.is_empty() {
            errors.push(field(row, "groups", Problem::Required));
        }
        sections.push(Section {
            key: input.key.trim().to_owned(),
            label: input.label.trim().to_owned(),
            prompt: input.prompt.trim().to_owned(),
            word_limit,
            required: input.required.is_some(),
            evidence: input.evidence.is_some(),
            public: input.public.is_some(),
            // Ticked for every group is stored as "every group".
            groups: if groups.len() == Group::ALL.len() {
                Vec::new()
            } else {
                groups
            },
        });
        origin.push(row);
    }
    let template = Template { sections };
    for problem in check_template(&template) {
        errors.push(match problem {
            TemplateProblem::NoSection => field(0, "key", Problem::Required),
            TemplateProblem::BadKey { row } => field(origin[row], "key", Problem::BadKey),
            TemplateProblem::DuplicateKey { row } => field(origin[row], "key", Problem::Taken),
            TemplateProblem::NoLabel { row } => field(origin[row], "label", Problem::Required),
            TemplateProblem::BadWordLimit { row } => field(
                origin[row],
                "word_limit",
                Problem::OutOfRange {
                    min: 1,
                    max: MAX_WORD_LIMIT as i64,
                },
            ),
        });
    }
    if errors.is_empty() {
        Ok(template)
    } else {
        Err(errors)
    }
}

/// Saves the edition's template from the editor's rows. Which sections are
/// public may change, so the public pages this process keeps are dropped.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(
    db: &Db,
    public: &PublicCache,
    actor: &UserId,
    slug: &str,
    rows: &[TemplateRow],
) -> Result<(), AppError> {
    let edition = editions::find_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let template = template_from(rows).map_err(AppError::invalid)?;
    let before = stored(db, &edition.id)
        .await?
        .unwrap_or_else(Template::national);
    let json = serde_json::to_value(&template).map_err(|_| AppError::Internal)?;
    execute_atomically(
        db,
        vec![
            templates::save_statement(&edition.id, &json),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "edition.template",
                target: format!("edition:{}", edition.id),
                before: serde_json::to_value(&before).ok(),
                after: Some(json),
            }),
        ],
    )
    .await?;
    public.invalidate();
    Ok(())
}

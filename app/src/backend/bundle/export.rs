//! Writing an edition's bundle.

use super::FORMAT;
use super::rows::*;
use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, query_rows};
use crate::binds;
use crate::error::AppError;
use domain::ids::UserId;
use std::collections::BTreeSet;

async fn rows<T: serde::de::DeserializeOwned>(
    db: &Db,
    sql: &str,
    bindings: Vec<(&'static str, Binding)>,
) -> Result<Vec<T>, DbError> {
    query_rows(db, sql, bindings, 0).await
}

/// The bundle of the edition with `slug`.
pub async fn export(db: &Db, slug: &str) -> Result<Bundle, AppError> {
    let edition: EditionRow = rows::<EditionRow>(
        db,
        "SELECT id, slug, year, title, time_zone, groups, categories, submission_opens_at, submission_closes_at, \
                results_published, minimum_years, quotas, shares_feedback, upload_limit_mb, template, final_rule, \
                shows_scores, publishes_sheets, peoples_choice, screening_checklist FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
    )
    .await?
    .into_iter()
    .next()
    .ok_or(AppError::NotFound)?;
    let of_edition = || binds![("edition", Binding::record("edition", &edition.key))];
    let stages: Vec<StageRow> = rows(
        db,
        "SELECT id, key, title, kind, format, position, opens_at, closes_at, blind, aggregation, rubric, advancement, \
                chair, running_order, slot_minutes, video_minutes FROM stage WHERE edition = $edition ORDER BY position, id;",
        of_edition(),
    )
    .await?;
    let entries: Vec<EntryRow> = rows(
        db,
        "SELECT id, innovation, org, title, group, category, state, sections, video_url, version, updated_at, \
                return_comment, declarations, closes_at, updated_by, screening FROM entry WHERE edition = $edition ORDER BY id;",
        of_edition(),
    )
    .await?;
    let mut assignments: Vec<AssignmentRow> = rows(
        db,
        "SELECT stage, entry, judge, recused, recuse_reason, recused_at, created_at FROM assignment WHERE stage.edition = $edition;",
        of_edition(),
    )
    .await?;
    assignments.sort_by(|a, b| (&a.stage, &a.entry, &a.judge).cmp(&(&b.stage, &b.entry, &b.judge)));
    let mut sheets: Vec<SheetRow> = rows(
        db,
        "SELECT stage, entry, judge, sheet_values, comments, comment, state, revision, updated_at FROM sheet WHERE stage.edition = $edition;",
        of_edition(),
    )
    .await?;
    sheets.sort_by(|a, b| (&a.stage, &a.entry, &a.judge).cmp(&(&b.stage, &b.entry, &b.judge)));
    let mut decisions: Vec<DecisionRow> = rows(
        db,
        "SELECT stage, entry, advanced, tied_at_cut, override_reason, at FROM stage_decision WHERE stage.edition = $edition;",
        of_edition(),
    )
    .await?;
    decisions.sort_by(|a, b| (&a.stage, &a.entry).cmp(&(&b.stage, &b.entry)));
    let publications: Vec<PublicationRow> = rows(
        db,
        "SELECT id, scope, document, published_at, withdrawn_at FROM publication WHERE edition = $edition ORDER BY id;",
        of_edition(),
    )
    .await?;

    // Innovations entered, and those they replicate (until none is missing).
    let mut innovation_keys: BTreeSet<String> = entries
        .iter()
        .map(|entry| entry.innovation.clone())
        .collect();
    let mut innovations: Vec<InnovationRow>;
    loop {
        innovations = rows(
            db,
            "SELECT id, title, org, started_on, digital, sdgs, awards, replicated_from, replicates FROM innovation WHERE id IN $keys ORDER BY id;",
            binds![("keys", Binding::records("innovation", &innovation_keys.iter().cloned().collect::<Vec<_>>()))],
        )
        .await?;
        let before = innovation_keys.len();
        innovation_keys.extend(
            innovations
                .iter()
                .filter_map(|innovation| innovation.replicated_from.clone()),
        );
        if innovation_keys.len() == before {
            break;
        }
    }
    // Users the edition involves.
    let user_keys: BTreeSet<UserId> = assignments
        .iter()
        .map(|assignment| assignment.judge.clone())
        .chain(sheets.iter().map(|sheet| sheet.judge.clone()))
        .chain(stages.iter().filter_map(|stage| stage.chair.clone()))
        .chain(entries.iter().filter_map(|entry| entry.updated_by.clone()))
        .collect();
    let users: Vec<UserRow> = rows(
        db,
        "SELECT id, email, name, roles, org, active FROM user WHERE id IN $keys ORDER BY id;",
        binds![(
            "keys",
            Binding::ids(&user_keys.into_iter().collect::<Vec<_>>())
        )],
    )
    .await?;
    // Organisations of entries, innovations and users, with their parents.
    let mut org_keys: BTreeSet<String> = entries
        .iter()
        .map(|entry| entry.org.clone())
        .chain(innovations.iter().map(|innovation| innovation.org.clone()))
        .chain(users.iter().filter_map(|user| user.org.clone()))
        .collect();
    let mut organisations: Vec<OrganisationRow>;
    loop {
        organisations = rows(
            db,
            "SELECT id, name, kind, parent FROM organisation WHERE id IN $keys ORDER BY id;",
            binds![(
                "keys",
                Binding::records(
                    "organisation",
                    &org_keys.iter().cloned().collect::<Vec<_>>()
                )
            )],
        )
        .await?;
        let before = org_keys.len();
        org_keys.extend(organisations.iter().filter_map(|org| org.parent.clone()));
        if org_keys.len() == before {
            break;
        }
    }
    Ok(Bundle {
        format: FORMAT.to_owned(),
        edition,
        stages,
        organisations,
        users,
        innovations,
        entries,
        assignments,
        sheets,
        decisions,
        publications,
    })
}

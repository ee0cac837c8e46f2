//! Reading a bundle into a database: every reference is checked first (to a
//! record in the bundle, or one the database already has), then everything is
//! written in one transaction. Organisations, users and innovations the
//! database already has are kept as they are; the edition must be new.
//! Imported users have no password: the committee invites them.

use super::FORMAT;
use super::rows::*;
use crate::backend::db::Db;
use crate::backend::records::execute_atomically;
use crate::backend::repo::bundle as repo;
use crate::error::{AppError, FieldError, Problem};
use domain::ids::UserId;
use std::collections::BTreeSet;

/// Checks that every link of the bundle resolves; lists those that do not.
async fn unknown_references(db: &Db, bundle: &Bundle) -> Result<Vec<String>, AppError> {
    let mut orgs: BTreeSet<String> = bundle
        .organisations
        .iter()
        .map(|org| org.id.clone())
        .collect();
    let mut users: BTreeSet<UserId> = bundle.users.iter().map(|user| user.id.clone()).collect();
    let mut innovations: BTreeSet<String> = bundle
        .innovations
        .iter()
        .map(|row| row.id.clone())
        .collect();
    let stages: BTreeSet<&str> = bundle
        .stages
        .iter()
        .map(|stage| stage.id.as_str())
        .collect();
    let entries: BTreeSet<&str> = bundle
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();

    let wanted_orgs: BTreeSet<String> = bundle
        .organisations
        .iter()
        .filter_map(|org| org.parent.clone())
        .chain(bundle.users.iter().filter_map(|user| user.org.clone()))
        .chain(bundle.innovations.iter().map(|row| row.org.clone()))
        .chain(bundle.entries.iter().map(|entry| entry.org.clone()))
        .collect();
    let wanted_users: BTreeSet<UserId> = bundle
        .assignments
        .iter()
        .map(|row| row.judge.clone())
        .chain(bundle.sheets.iter().map(|row| row.judge.clone()))
        .chain(bundle.stages.iter().filter_map(|stage| stage.chair.clone()))
        .chain(
            bundle
                .entries
                .iter()
                .filter_map(|entry| entry.updated_by.clone()),
        )
        .chain(
            bundle
                .visits
                .iter()
                .flat_map(|visit| visit.team.iter().cloned()),
        )
        .chain(bundle.findings.iter().map(|row| row.recorded_by.clone()))
        .collect();
    let wanted_innovations: BTreeSet<String> = bundle
        .entries
        .iter()
        .map(|entry| entry.innovation.clone())
        .chain(
            bundle
                .innovations
                .iter()
                .filter_map(|row| row.replicated_from.clone()),
        )
        .collect();
    orgs.extend(
        repo::existing(
            db,
            "organisation",
            &wanted_orgs.difference(&orgs).cloned().collect(),
        )
        .await?,
    );
    let missing_users = wanted_users.difference(&users).map(ToString::to_string);
    users.extend(
        repo::existing(db, "user", &missing_users.collect())
            .await?
            .into_iter()
            .map(UserId::from),
    );
    innovations.extend(
        repo::existing(
            db,
            "innovation",
            &wanted_innovations
                .difference(&innovations)
                .cloned()
                .collect(),
        )
        .await?,
    );
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    unknown.extend(
        wanted_orgs
            .difference(&orgs)
            .map(|key| format!("organisation:{key}")),
    );
    unknown.extend(
        wanted_users
            .difference(&users)
            .map(|key| format!("user:{key}")),
    );
    unknown.extend(
        wanted_innovations
            .difference(&innovations)
            .map(|key| format!("innovation:{key}")),
    );
    let stage_links = bundle
        .assignments
        .iter()
        .map(|row| (&row.stage, &row.entry))
        .chain(bundle.sheets.iter().map(|row| (&row.stage, &row.entry)))
        .chain(bundle.decisions.iter().map(|row| (&row.stage, &row.entry)))
        .chain(bundle.visits.iter().map(|row| (&row.stage, &row.entry)));
    for (stage, entry) in stage_links {
        if !stages.contains(stage.as_str()) {
            unknown.insert(format!("stage:{stage}"));
        }
        if !entries.contains(entry.as_str()) {
            unknown.insert(format!("entry:{entry}"));
        }
    }
    let visits: BTreeSet<&str> = bundle
        .visits
        .iter()
        .map(|visit| visit.id.as_str())
        .collect();
    for finding in &bundle.findings {
        if !visits.contains(finding.visit.as_str()) {
            unknown.insert(format!("field_visit:{}", finding.visit));
        }
    }
    for decision in &bundle.field_decisions {
        if !entries.contains(decision.entry.as_str()) {
            unknown.insert(format!("entry:{}", decision.entry));
        }
    }
    for stage in &bundle.stages {
        for entry in &stage.running_order {
            if !entries.contains(entry.as_str()) {
                unknown.insert(format!("entry:{entry}"));
            }
        }
    }
    Ok(unknown.into_iter().collect())
}

/// Imports the bundle in `text`; returns the edition's slug.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn import(db: &Db, actor: Option<&UserId>, text: &str) -> Result<String, AppError> {
    let bundle: Bundle = serde_json::from_str(text).map_err(|error| {
        tracing::info!(%error, "not an edition bundle");
        AppError::field("bundle", Problem::BadCsv)
    })?;
    if bundle.format != FORMAT {
        return Err(AppError::field(
            "bundle",
            Problem::UnknownChoice {
                given: bundle.format,
            },
        ));
    }
    if repo::edition_taken(db, &bundle.edition.slug, &bundle.edition.key).await? {
        return Err(AppError::field("bundle", Problem::Taken));
    }
    let unknown = unknown_references(db, &bundle).await?;
    if !unknown.is_empty() {
        return Err(AppError::invalid(
            unknown
                .into_iter()
                .map(|given| FieldError {
                    field: "bundle".into(),
                    problem: Problem::UnknownReference { given },
                })
                .collect(),
        ));
    }
    execute_atomically(db, repo::import_statements(&bundle, actor)).await?;
    Ok(bundle.edition.slug)
}

//! Writing an edition's bundle.

use super::FORMAT;
use super::rows::*;
use crate::backend::db::Db;
use crate::backend::repo::bundle as repo;
use crate::error::AppError;
use domain::ids::UserId;
use std::collections::BTreeSet;

/// The bundle of the edition with `slug`.
pub async fn export(db: &Db, slug: &str) -> Result<Bundle, AppError> {
    let edition = repo::edition(db, slug).await?.ok_or(AppError::NotFound)?;
    let stages = repo::stages(db, &edition).await?;
    let entries = repo::entries(db, &edition).await?;
    let assignments = repo::assignments(db, &edition).await?;
    let sheets = repo::sheets(db, &edition).await?;
    let decisions = repo::decisions(db, &edition).await?;
    let publications = repo::publications(db, &edition).await?;
    let onward = repo::onward(db, &edition).await?;
    let visits = repo::visits(db, &edition).await?;
    let findings = repo::findings(db, &edition).await?;
    let field_decisions = repo::field_decisions(db, &edition).await?;

    // Innovations entered, and those they replicate (until none is missing).
    let mut innovation_keys: BTreeSet<String> = entries
        .iter()
        .map(|entry| entry.innovation.clone())
        .collect();
    let mut innovations: Vec<InnovationRow>;
    loop {
        innovations = repo::innovations(db, &innovation_keys).await?;
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
        .chain(visits.iter().flat_map(|visit| visit.team.iter().cloned()))
        .chain(findings.iter().map(|finding| finding.recorded_by.clone()))
        .collect();
    let users = repo::users(db, &user_keys).await?;
    // Organisations of entries, innovations and users, with their parents.
    let mut org_keys: BTreeSet<String> = entries
        .iter()
        .map(|entry| entry.org.clone())
        .chain(innovations.iter().map(|innovation| innovation.org.clone()))
        .chain(users.iter().filter_map(|user| user.org.clone()))
        .collect();
    let mut organisations: Vec<OrganisationRow>;
    loop {
        organisations = repo::organisations(db, &org_keys).await?;
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
        onward,
        visits,
        findings,
        field_decisions,
    })
}

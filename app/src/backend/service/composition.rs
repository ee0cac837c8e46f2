//! The winner set as a whole, as the results console shows it before the
//! final results are published: winners (places 1 to 3 of each category's
//! final ranking, as the catalogue counts awards) and finalists by category,
//! organisation kind, group and organisation, and the edition's rules it
//! breaks (`domain::composition`).

use crate::backend::db::Db;
use crate::backend::repo::composition as repo;
use crate::backend::service::catalogue::AWARD_PLACES;
use crate::error::{AppError, Problem};
use crate::model::{CompositionView, ResultsDocument};
use domain::composition::{Finalist, breakdown, check};
use domain::ids::EntryId;
use std::collections::BTreeMap;

/// The longest reason kept, in characters.
pub const REASON_MAX_CHARS: usize = 2000;

/// What a final publication keeps of the check: the set as it stood, and the
/// committee's reason when it broke a rule.
#[derive(Debug, Clone)]
pub struct Checked {
    pub view: CompositionView,
    pub reason: Option<String>,
}

/// Checks `document`'s winner set (edition `slug`) before it is published. A
/// set that breaks a rule is published only with `reason`, written by the
/// committee; a set that keeps every rule ignores it. `None` when the document
/// has no final ranking (a stage's publication).
pub async fn check_before_publishing(
    db: &Db,
    slug: &str,
    document: &ResultsDocument,
    reason: Option<&str>,
) -> Result<Option<Checked>, AppError> {
    let Some(view) = view(db, slug, document).await? else {
        return Ok(None);
    };
    if view.violations.is_empty() {
        return Ok(Some(Checked { view, reason: None }));
    }
    let reason = reason.map(str::trim).unwrap_or_default();
    let refuse = |problem| Err(AppError::field("reason", problem).with_echo(&[("reason", reason)]));
    if reason.is_empty() {
        return refuse(Problem::WinnerSetNeedsReason {
            broken: view.violations.len(),
        });
    }
    if reason.chars().count() > REASON_MAX_CHARS {
        return refuse(Problem::TooLong {
            max: REASON_MAX_CHARS,
        });
    }
    Ok(Some(Checked {
        view,
        reason: Some(reason.to_owned()),
    }))
}

/// The composition of `document`'s final ranking (edition `slug`), or `None`
/// when it has none yet.
pub async fn view(
    db: &Db,
    slug: &str,
    document: &ResultsDocument,
) -> Result<Option<CompositionView>, AppError> {
    if document.final_ranking.is_empty() {
        return Ok(None);
    }
    let rules = repo::rules(db, slug).await?;
    let ids: Vec<EntryId> = document
        .final_ranking
        .iter()
        .map(|row| row.id.clone())
        .collect();
    let facts: BTreeMap<EntryId, repo::EntryFacts> = repo::entries(db, &ids)
        .await?
        .into_iter()
        .map(|facts| (facts.entry.clone(), facts))
        .collect();
    let mut organisation_names = BTreeMap::new();
    let mut entry_titles = BTreeMap::new();
    let finalists: Vec<Finalist> = document
        .final_ranking
        .iter()
        .filter_map(|row| {
            let facts = facts.get(&row.id)?;
            organisation_names.insert(facts.organisation.clone(), facts.organisation_name.clone());
            entry_titles.insert(row.id.clone(), row.title.clone());
            Some(Finalist {
                entry: row.id.clone(),
                innovation: facts.innovation.clone(),
                replicates: facts.replicates.clone(),
                category: row.category.clone(),
                organisation: facts.organisation.clone(),
                org_kind: facts.org_kind,
                group: facts.group,
                place: Some(row.rank),
                winner: row.rank <= AWARD_PLACES,
            })
        })
        .collect();
    Ok(Some(CompositionView {
        violations: check(&finalists, &rules),
        breakdown: breakdown(&finalists),
        rules,
        organisation_names,
        entry_titles,
    }))
}

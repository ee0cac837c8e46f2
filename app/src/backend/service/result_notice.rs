//! Telling entries' teams of published results: for a stage, whether each
//! entry went on and its rank in its category; for the final ranking, its
//! rank. Written in the transaction that publishes, and only what the
//! publication itself makes public.

use crate::backend::db::Db;
use crate::backend::mail::letters::EntryNews;
use crate::backend::mail::outgoing;
use crate::backend::repo::mail::NewMail;
use crate::backend::repo::recipients::{self, Recipient};
use crate::error::AppError;
use crate::model::ResultsDocument;
use domain::ids::{EntryId, OrgId};
use domain::stage::PublicationScope;
use std::collections::BTreeMap;

/// One entry's published outcome.
struct Outcome {
    entry: EntryId,
    title: String,
    stage: String,
    rank: u32,
    /// `None` for the final ranking.
    advanced: Option<bool>,
}

/// The messages telling each ranked entry's team its outcome in `document`,
/// published as far as `scope` reaches, with links to `site`.
pub(crate) async fn result_mail(
    db: &Db,
    document: &ResultsDocument,
    scope: &PublicationScope,
    site: &str,
) -> Result<Vec<NewMail>, AppError> {
    let outcomes: Vec<Outcome> = match scope {
        PublicationScope::Final => document
            .final_ranking
            .iter()
            .map(|entry| Outcome {
                entry: entry.id.clone(),
                title: entry.title.clone(),
                stage: String::new(),
                rank: entry.rank,
                advanced: None,
            })
            .collect(),
        PublicationScope::Through(key) => document
            .stages
            .iter()
            .filter(|stage| stage.key == *key)
            .flat_map(|stage| {
                stage.entries.iter().map(|entry| Outcome {
                    entry: entry.id.clone(),
                    title: entry.title.clone(),
                    stage: stage.title.clone(),
                    rank: entry.rank,
                    advanced: Some(entry.advanced),
                })
            })
            .collect(),
    };
    let keys: Vec<EntryId> = outcomes
        .iter()
        .map(|outcome| outcome.entry.clone())
        .collect();
    let orgs: BTreeMap<EntryId, (OrgId, Option<OrgId>)> = recipients::entry_orgs(db, &keys)
        .await?
        .into_iter()
        .map(|(entry, org, parent)| (entry, (org, parent)))
        .collect();
    let mut teams: BTreeMap<OrgId, Vec<Recipient>> = BTreeMap::new();
    let mut mails = Vec::new();
    for outcome in &outcomes {
        let Some((org, parent)) = orgs.get(&outcome.entry) else {
            continue;
        };
        if !teams.contains_key(org) {
            let team = recipients::entry_team(db, org, parent.as_ref()).await?;
            teams.insert(org.clone(), team);
        }
        let news = EntryNews::Published {
            stage: &outcome.stage,
            rank: outcome.rank,
            advanced: outcome.advanced,
        };
        mails.extend(outgoing::entry_news(
            news,
            &teams[org],
            (&outcome.entry, &outcome.title),
            None,
            site,
        ));
    }
    Ok(mails)
}

//! Telling judges of the entries newly given to them: one message per judge
//! per assignment (a digest, not one message per entry), written in the
//! transaction that assigns.

use crate::backend::db::Db;
use crate::backend::mail::{letters, outgoing};
use crate::backend::repo::assignment_context;
use crate::backend::repo::mail::NewMail;
use crate::backend::repo::recipients;
use crate::error::AppError;
use domain::ids::{EntryId, StageId, UserId};
use std::collections::BTreeMap;

/// The messages telling each judge in `given` (entry, judge) of their new
/// entries in `stage`, with a link to their scoring list on `site`.
pub(crate) async fn digests(
    db: &Db,
    stage: &StageId,
    given: &[(EntryId, UserId)],
    site: &str,
) -> Result<Vec<NewMail>, AppError> {
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let mut by_judge: BTreeMap<&UserId, Vec<EntryId>> = BTreeMap::new();
    for (entry, judge) in given {
        by_judge.entry(judge).or_default().push(entry.clone());
    }
    let judges: Vec<UserId> = by_judge.keys().map(|judge| (*judge).clone()).collect();
    let keys: Vec<EntryId> = given.iter().map(|(entry, _)| entry.clone()).collect();
    let titles = assignment_context::entry_titles(db, &keys).await?;
    let stage_title = assignment_context::stage_title(db, stage)
        .await?
        .unwrap_or_else(|| stage.to_string());
    let link = outgoing::link(site, "/judge");
    let mut mails = Vec::new();
    for judge in recipients::accounts(db, &judges).await? {
        let entries: Vec<(String, String)> = by_judge
            .get(&judge.user)
            .into_iter()
            .flatten()
            .map(|entry| {
                let title = titles
                    .get(entry)
                    .cloned()
                    .unwrap_or_else(|| entry.to_string());
                (stage_title.clone(), title)
            })
            .collect();
        mails.extend(outgoing::addressed(
            domain::mail::MailKind::JudgeAssignments,
            std::slice::from_ref(&judge),
            None,
            |recipient| {
                letters::judge_assignments(
                    recipient.preferences.language,
                    &recipient.name,
                    &entries,
                    &link,
                )
            },
        ));
    }
    Ok(mails)
}

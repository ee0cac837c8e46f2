//! An entry as its organisation works on it: the stored proposal, its version,
//! and the writes that must not race (a save based on an old version, a
//! transition from a state the entry has already left, a submission over quota).
//! Each write checks its condition inside the transaction that makes it.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::records::{Binding, Statement, de_key, de_opt_key, query_one, query_rows};
use crate::binds;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::OrgId;
use domain::ids::UserId;
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The states that count against a quota: submitted, and everything after.
pub const COUNTED_STATES: &[&str] = &[
    "submitted",
    "screened_in",
    "screened_out",
    "advanced",
    "eliminated",
    "winner",
    "not_selected",
    "disqualified",
];

/// An entry with what the rules about it need.
#[derive(Debug, Clone, Deserialize)]
pub struct ProposalRecord {
    #[serde(deserialize_with = "de_key")]
    pub id: EntryId,
    pub title: String,
    /// Group key.
    pub group: Group,
    /// Category key.
    pub category: String,
    pub state: EntryStatus,
    /// The reviewer's comment while returned.
    #[serde(default)]
    pub return_comment: Option<String>,
    /// Section key → text.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Video link.
    #[serde(default)]
    pub video_url: Option<String>,
    /// Whether the declarations are accepted.
    #[serde(default)]
    pub declarations: bool,
    /// Version, raised by every save.
    pub version: i64,
    /// A deadline for this entry alone.
    #[serde(default)]
    pub closes_at: Option<Timestamp>,
    /// Organisation key.
    #[serde(deserialize_with = "de_key")]
    pub org: OrgId,
    /// Organisation name.
    pub org_name: String,
    /// Organisation kind (for quotas).
    pub org_kind: String,
    /// The organisation above it, if any.
    #[serde(default, deserialize_with = "de_opt_key")]
    pub org_parent: Option<OrgId>,
    /// Edition key.
    #[serde(deserialize_with = "de_key")]
    pub edition: EditionId,
    pub edition_title: String,
    /// Edition time zone.
    pub time_zone: String,
    /// The edition's categories (`key`, `label`).
    #[serde(default)]
    pub categories: Vec<serde_json::Value>,
    /// When submission opens for the edition.
    #[serde(default)]
    pub submission_opens_at: Option<Timestamp>,
    /// When submission closes for the edition.
    #[serde(default)]
    pub submission_closes_at: Option<Timestamp>,
    /// The edition's quotas as stored.
    #[serde(default)]
    pub quotas: serde_json::Value,
    /// Whether judges' comments are shared after publication.
    #[serde(default)]
    pub shares_feedback: bool,
    /// Whether the edition's results are published.
    #[serde(default)]
    pub results_published: bool,
    /// The edition's own proposal template, if edited.
    #[serde(default)]
    pub template: Option<serde_json::Value>,
}

impl ProposalRecord {
    /// The proposal's text as stored.
    #[must_use]
    pub fn content(&self) -> crate::model::DraftContent {
        crate::model::DraftContent {
            answers: self.sections.clone(),
            video_url: self.video_url.clone().unwrap_or_default(),
            declarations: self.declarations,
        }
    }

    /// The edition's proposal template: its own, else the national form.
    #[must_use]
    pub fn template(&self) -> domain::proposal::Template {
        super::templates::own_or_national(self.template.as_ref())
    }

    /// The deadline that applies to this entry: its own extension, else the edition's.
    #[must_use]
    pub fn deadline(&self) -> Option<Timestamp> {
        match (self.closes_at, self.submission_closes_at) {
            (Some(own), Some(edition)) => Some(own.max(edition)),
            (own, edition) => own.or(edition),
        }
    }
}

/// The entry `entry`, if it exists.
pub async fn find(db: &Db, entry: &EntryId) -> Result<Option<ProposalRecord>, DbError> {
    query_one(
        db,
        "SELECT id, title, group, category, state, return_comment, sections, video_url,
                declarations, version, closes_at, org, org.name AS org_name, org.kind AS org_kind,
                org.parent AS org_parent, edition, edition.title AS edition_title,
                edition.time_zone AS time_zone, edition.categories AS categories,
                edition.submission_opens_at AS submission_opens_at,
                edition.submission_closes_at AS submission_closes_at, edition.quotas AS quotas,
                edition.shares_feedback AS shares_feedback,
                edition.results_published AS results_published, edition.template AS template
         FROM $id;",
        binds![("id", Binding::id(entry))],
    )
    .await
}

/// The text of a proposal, as saved.
#[derive(Debug, Clone)]
pub struct DraftWrite<'a> {
    pub entry: &'a EntryId,
    /// The version the writer started from.
    pub base_version: i64,
    /// Section key → text.
    pub sections: &'a BTreeMap<String, String>,
    /// Video link (empty: none).
    pub video_url: Option<&'a str>,
    /// Declarations accepted.
    pub declarations: bool,
    /// Who saves.
    pub user: &'a UserId,
    /// When.
    pub at: Timestamp,
}

/// Saves the text if the stored version is still `base_version` and the entry is
/// still with its writers; returns the new version. A returned entry is taken up
/// again (`returned → draft`, audited) by its first save. Otherwise the error holds
/// [`Refusal::StaleDraft`] or [`Refusal::StateChanged`].
pub async fn save_draft(db: &Db, draft: &DraftWrite<'_>) -> Result<i64, DbError> {
    let (state_changed, stale_draft) = (Refusal::StateChanged.throw(), Refusal::StaleDraft.throw());
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $stored = (SELECT version, state FROM $id)[0];
         IF $stored.state NOT IN ['draft', 'returned'] {{ {state_changed} }};
         IF $stored.version != $base {{ {stale_draft} }};
         IF $stored.state = 'returned' {{
             CREATE audit_event SET actor = $user, action = 'entry.revise', target = $target,
                 before = {{ state: 'returned' }}, after = {{ state: 'draft' }};
         }};
         UPDATE $id SET state = 'draft', sections = $sections, video_url = $video_url, declarations = $declarations,
             version = $base + 1, updated_at = $at, updated_by = $user;
         COMMIT TRANSACTION;"
    );
    query_rows::<serde_json::Value>(
        db,
        &sql,
        binds![
            ("id", Binding::id(draft.entry)),
            ("target", Binding::of(&format!("entry:{}", draft.entry))),
            ("base", Binding::of(&draft.base_version)),
            ("sections", Binding::of(draft.sections)),
            ("video_url", Binding::of(&draft.video_url)),
            ("declarations", Binding::of(&draft.declarations)),
            ("at", Binding::datetime(draft.at)),
            ("user", Binding::id(draft.user)),
        ],
        0,
    )
    .await?;
    Ok(draft.base_version + 1)
}

/// A change of state, made only if the entry is still in `from`.
#[derive(Debug, Clone)]
pub struct Transition<'a> {
    pub entry: &'a EntryId,
    /// The state the change starts from.
    pub from: EntryStatus,
    /// The state it ends in.
    pub to: EntryStatus,
    /// The reviewer's comment (kept while returned).
    pub return_comment: Option<&'a str>,
    /// Who.
    pub user: &'a UserId,
    /// When.
    pub at: Timestamp,
}

/// The statement for `transition`; throws [`Refusal::StateChanged`] if the entry left `from`.
#[must_use]
pub fn transition(transition: &Transition<'_>) -> Statement {
    let state_changed = Refusal::StateChanged.throw();
    Statement::new(
        format!(
            "IF (SELECT VALUE state FROM $id)[0] != $from {{ {state_changed} }};
             UPDATE $id SET state = $to, return_comment = $return_comment, updated_at = $at, updated_by = $user;"
        ),
        binds![
            ("id", Binding::id(transition.entry)),
            ("from", Binding::of(&transition.from)),
            ("to", Binding::of(&transition.to)),
            ("return_comment", Binding::of(&transition.return_comment)),
            ("at", Binding::datetime(transition.at)),
            ("user", Binding::id(transition.user)),
        ],
    )
}

/// The statement that refuses the transaction (with [`Refusal::QuotaFull`]) when the
/// organisation already has `allowed` entries counted in the group.
///
/// Counting alone is not enough: two transactions that each count the other's
/// submission as not yet made would both commit (each writes a different entry).
/// So each also writes the organisation's `quota_lock` for the group: two
/// submissions racing for the same quota write the same record, and the store
/// lets only one of them commit; the other is retried by the service and then
/// counts the first.
#[must_use]
pub fn quota_guard(edition: &EditionId, org: &OrgId, group: Group, allowed: u32) -> Statement {
    let quota_full = Refusal::QuotaFull.throw();
    Statement::new(
        format!(
            "UPSERT $quota_lock SET at = time::now();
             IF array::len((SELECT VALUE id FROM entry WHERE edition = $quota_edition AND org = $quota_org
                 AND group = $quota_group AND state IN $quota_states)) >= $quota_allowed
             {{ {quota_full} }};"
        ),
        binds![
            ("quota_lock", Binding::record_of_parts("quota_lock", &[edition.as_str(), org.as_str(), group.key()])),
            ("quota_edition", Binding::id(edition)),
            ("quota_org", Binding::id(org)),
            ("quota_group", Binding::of(&group)),
            ("quota_states", Binding::of(&COUNTED_STATES)),
            ("quota_allowed", Binding::of(&allowed)),
        ],
    )
}

/// How many of the organisation's entries in the group count against the quota.
pub async fn counted(
    db: &Db,
    edition: &EditionId,
    org: &OrgId,
    group: Group,
) -> Result<u32, DbError> {
    let rows: Vec<u32> = query_rows(
        db,
        "RETURN array::len((SELECT VALUE id FROM entry WHERE edition = $edition AND org = $org AND group = $group AND state IN $states));",
        binds![
            ("edition", Binding::id(edition)),
            ("org", Binding::id(org)),
            ("group", Binding::of(&group)),
            ("states", Binding::of(&COUNTED_STATES)),
        ],
        0,
    )
    .await?;
    Ok(rows.into_iter().next().unwrap_or(0))
}

/// The statement that gives `entry` its own deadline.
#[must_use]
pub fn extend_deadline(entry: &EntryId, until: Timestamp) -> Statement {
    Statement::new(
        "UPDATE $id SET closes_at = $until;",
        binds![
            ("id", Binding::id(entry)),
            ("until", Binding::datetime(until)),
        ],
    )
}

/// One event in an entry's history, from the audit log.
#[derive(Debug, Clone, Deserialize)]
pub struct HistoryEvent {
    /// When.
    pub at: Timestamp,
    /// Action key (`entry.submit`, …).
    pub action: String,
    /// Who (the user's display name), when known.
    #[serde(default)]
    pub actor_name: Option<String>,
    /// The state after, as recorded.
    #[serde(default)]
    pub after: Option<serde_json::Value>,
}

/// The history of `entry` as its organisation may see it, oldest first: only the
/// entry's own changes of state (`entry.*`), never assignments or recusals.
pub async fn history(db: &Db, entry: &EntryId) -> Result<Vec<HistoryEvent>, DbError> {
    query_rows(
        db,
        "SELECT at, action, actor.name AS actor_name, after FROM audit_event WHERE target = $target AND string::starts_with(action, 'entry.') ORDER BY at;",
        binds![("target", Binding::of(&format!("entry:{entry}")))],
        0,
    )
    .await
}

/// A judge's overall remark on a submitted sheet, without the judge.
#[derive(Debug, Clone, Deserialize)]
pub struct Remark {
    /// The stage's title.
    pub stage_title: String,
    /// The remark.
    pub comment: String,
}

/// The remarks judges left on `entry`'s sheets that count (submitted, their
/// assignment standing: `service::results::counts`), from stages a standing
/// publication holds, by stage. Shown to entrants where the edition shares
/// feedback.
pub async fn remarks(db: &Db, entry: &EntryId) -> Result<Vec<Remark>, DbError> {
    query_rows(
        db,
        "SELECT stage.title AS stage_title, stage.position AS position, comment FROM sheet
         WHERE entry = $entry AND state = 'submitted' AND comment != '' AND stage.published = true
           AND count((SELECT VALUE id FROM assignment WHERE stage = $parent.stage AND entry = $parent.entry
               AND judge = $parent.judge AND recused = false)) > 0
         ORDER BY position;",
        binds![("entry", Binding::id(entry))],
        0,
    )
    .await
}

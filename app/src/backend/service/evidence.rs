//! Evidence attached to a proposal's sections: accepted only from the entry's
//! writers while the proposal is with them and entries are open, checked by
//! content (PDF, JPEG, PNG) and against the edition's size limit, stored by
//! content address; readable by the entry's organisation, the committee and the
//! judges assigned to it.

use crate::backend::db::Db;
use crate::backend::evidence_store::EvidenceStore;
use crate::backend::records::{execute_atomically, new_key};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::evidence::{self, EvidenceRecord, NewEvidence};
use crate::backend::repo::judging;
use crate::backend::repo::proposals::{self, ProposalRecord};
use crate::backend::service::disclosure;
use crate::backend::service::proposals::{standing, window_problem};
use crate::error::{AppError, Problem};
use crate::model::{CurrentUser, EvidenceView};
use domain::entry_state::EntryStatus;
use domain::evidence::{EvidenceKind, EvidenceProblem, check_file, display_name, neutral_name};
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use jiff::Timestamp;

const MEGABYTE: u64 = 1024 * 1024;

/// One file as the browser sent it.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    /// The section it supports.
    pub section: &'a str,
    /// The name the browser gave.
    pub file_name: &'a str,
    pub content: &'a [u8],
}

async fn editable(
    db: &Db,
    user: &CurrentUser,
    entry: &EntryId,
    now: Timestamp,
) -> Result<ProposalRecord, AppError> {
    let record = proposals::find(db, entry)
        .await?
        .ok_or(AppError::NotFound)?;
    if !standing(user, &record).writer {
        return Err(AppError::Forbidden);
    }
    if let Some(problem) = window_problem(&record, now) {
        return Err(AppError::Conflict(problem));
    }
    if !matches!(record.state, EntryStatus::Draft | EntryStatus::Returned) {
        return Err(disclosure::state_changed_for_entrant(db, entry, record.state).await);
    }
    Ok(record)
}

/// Attaches a file to a section of `entry`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn upload(
    db: &Db,
    store: &EvidenceStore,
    user: &CurrentUser,
    entry: &EntryId,
    upload: &Upload<'_>,
    now: Timestamp,
) -> Result<(), AppError> {
    let record = editable(db, user, entry, now).await?;
    let group = record.group;
    if !record
        .template()
        .sections_for(group)
        .any(|section| section.key == upload.section)
    {
        return Err(AppError::field(
            "section",
            Problem::UnknownChoice {
                given: upload.section.to_owned(),
            },
        ));
    }
    let limit_mb = evidence::limit_mb(db, entry).await?;
    let kind = check_file(upload.content, limit_mb * MEGABYTE).map_err(|problem| {
        AppError::field(
            "file",
            match problem {
                EvidenceProblem::Empty => Problem::Required,
                EvidenceProblem::TooLarge { .. } => Problem::FileTooLarge { limit_mb },
                EvidenceProblem::UnsupportedType => Problem::UnsupportedFile,
            },
        )
    })?;
    let sha256 = store.put(upload.content).await.map_err(|error| {
        tracing::error!(%error, dir = %store.root().display(), "could not store an evidence file");
        AppError::Internal
    })?;
    let key = EvidenceId::from(new_key());
    let name = display_name(upload.file_name);
    execute_atomically(
        db,
        vec![
            evidence::create(&NewEvidence {
                key: &key,
                entry,
                section: upload.section,
                name: &name,
                media_type: kind.media_type(),
                size: upload.content.len() as u64,
                sha256: &sha256,
                user: &user.id,
                at: now,
            }),
            audit::statement(NewAuditEvent {
                actor: Some(&user.id),
                action: "entry.evidence_add",
                target: format!("entry:{entry}"),
                before: None,
                after: Some(serde_json::json!({ "evidence": key, "section": upload.section, "name": name, "sha256": sha256 })),
            }),
        ],
    )
    .await?;
    Ok(())
}

/// Removes a file from `entry` (the stored content stays: another record may
/// share it, and the audit log names it).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn remove(
    db: &Db,
    user: &CurrentUser,
    entry: &EntryId,
    key: &EvidenceId,
    now: Timestamp,
) -> Result<(), AppError> {
    editable(db, user, entry, now).await?;
    let record = evidence::find(db, key)
        .await?
        .filter(|record| record.entry == entry)
        .ok_or(AppError::NotFound)?;
    execute_atomically(
        db,
        vec![
            evidence::delete(entry, key),
            audit::statement(NewAuditEvent {
                actor: Some(&user.id),
                action: "entry.evidence_remove",
                target: format!("entry:{entry}"),
                before: Some(serde_json::json!({ "evidence": key, "section": record.section, "name": record.name })),
                after: None,
            }),
        ],
    )
    .await?;
    Ok(())
}

/// How a judge reaches an entry's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    /// Not assigned to it (or recused, or removed).
    None,
    /// Assigned, in stages that show the organisation.
    Open,
    /// Assigned in a blind stage: file names could name the organisation.
    Blind,
}

/// How `user` judges `entry`: through a standing assignment, in a blind stage
/// or not.
async fn panel_of(db: &Db, user: &CurrentUser, entry: &EntryId) -> Result<Panel, AppError> {
    let seats = judging::seats(db, entry, &user.id).await?;
    let standing: Vec<&judging::Seat> = seats.iter().filter(|seat| !seat.recused).collect();
    Ok(if standing.is_empty() {
        Panel::None
    } else if standing.iter().any(|seat| seat.blind) {
        Panel::Blind
    } else {
        Panel::Open
    })
}

/// A file and its record, for whoever may read the entry.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn file(
    db: &Db,
    store: &EvidenceStore,
    user: &CurrentUser,
    key: &EvidenceId,
) -> Result<(EvidenceRecord, Vec<u8>), AppError> {
    let record = evidence::find(db, key).await?.ok_or(AppError::NotFound)?;
    let entry = proposals::find(db, &record.entry)
        .await?
        .ok_or(AppError::NotFound)?;
    let standing = standing(user, &entry);
    let panel = if standing.writer || standing.committee {
        Panel::Open
    } else {
        panel_of(db, user, &record.entry).await?
    };
    if panel == Panel::None {
        return Err(AppError::Forbidden);
    }
    let content = store.get(&record.sha256).await.map_err(|error| {
        tracing::error!(%error, sha256 = %record.sha256, "an evidence file is missing from the store");
        AppError::Internal
    })?;
    let mut record = record;
    if panel == Panel::Blind {
        let position = evidence::for_entry(db, &record.entry)
            .await?
            .iter()
            .position(|file| file.id == record.id)
            .map_or(0, |index| index + 1);
        record.name = neutral_name(position, EvidenceKind::from_media_type(&record.media_type));
    }
    Ok((record, content))
}

/// The evidence of `entry` as its organisation and the committee list it.
pub async fn views(db: &Db, entry: &EntryId) -> Result<Vec<EvidenceView>, AppError> {
    views_for_panel(db, entry, false).await
}

/// The evidence of `entry` as a judge's panel lists it: in a blind stage each
/// file goes by a neutral name (`lampiran-2.pdf`), as its download does.
pub async fn views_for_panel(
    db: &Db,
    entry: &EntryId,
    blind: bool,
) -> Result<Vec<EvidenceView>, AppError> {
    Ok(evidence::for_entry(db, entry)
        .await?
        .into_iter()
        .enumerate()
        .map(|(index, file)| {
            let kind = EvidenceKind::from_media_type(&file.media_type);
            EvidenceView {
                is_image: kind.is_some_and(EvidenceKind::is_image),
                size_kb: file.size.div_ceil(1024),
                id: file.id,
                section: file.section,
                name: if blind {
                    neutral_name(index + 1, kind)
                } else {
                    file.name
                },
            }
        })
        .collect())
}

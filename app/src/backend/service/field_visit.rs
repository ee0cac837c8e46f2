//! Field verification, the team's side: each judge's visits in order, the
//! visit sheet (the entry's claims with the findings so far, the photos), the
//! findings a tablet sends once the network is back (each batch applied once)
//! and the photos it took (each stored once). The committee reads every visit;
//! a judge only the visits whose team they are on.

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::evidence_store::EvidenceStore;
use crate::backend::records::execute_atomically;
use crate::backend::repo::field::{self as repo, FindingWrite, NewPhoto, VisitRecord};
use crate::backend::repo::proposals;
use crate::backend::service::editions::local_in;
use crate::backend::service::field::{MAX_FIELD_TEXT, decision_view, outcome_of, rule_of};
use crate::error::{AppError, Problem};
use crate::model::{ClaimView, CurrentUser, FindingInput, JudgeVisit, PhotoView, VisitSheet};
use domain::evidence::{EvidenceKind, EvidenceProblem, check_file};
use domain::ids::{FieldPhotoId, UserId, VisitId};
use domain::role::Role;
use jiff::Timestamp;
use sha2::Digest;

/// The most a photo may weigh when it arrives: a tablet shrinks its photos
/// to about 0.3 MB first; a device that cannot still gets a 12 MP JPEG in.
pub const MAX_PHOTO_BYTES: u64 = 8 * 1024 * 1024;

/// The most photos a visit keeps: enough for every claim several times over,
/// and a bound on what one team member's account can store.
pub const MAX_PHOTOS_PER_VISIT: usize = 60;

/// The most findings one batch may carry (a form has far fewer sections).
const MAX_BATCH_FINDINGS: usize = 100;

/// Whether `user` reads every visit: the committee.
fn committee(user: &CurrentUser) -> bool {
    user.roles.any(&[Role::Admin, Role::Observer])
}

/// The visit `visit`, if `user` may read it: the committee, or a judge on its
/// team (anyone else is refused; visits are named by random keys).
async fn readable(db: &Db, user: &CurrentUser, visit: &VisitId) -> Result<VisitRecord, AppError> {
    let found = repo::visit(db, visit).await?.ok_or(AppError::NotFound)?;
    if committee(user) || on_team(user, &found) {
        Ok(found)
    } else {
        Err(AppError::Forbidden)
    }
}

fn on_team(user: &CurrentUser, visit: &VisitRecord) -> bool {
    user.roles.has(Role::Judge) && visit.team.contains(&user.id)
}

/// The visit `visit`, if `user` may record on it: only its team, and only
/// until the stage's results are published.
async fn writable(db: &Db, user: &CurrentUser, visit: &VisitId) -> Result<VisitRecord, AppError> {
    let found = repo::visit(db, visit).await?.ok_or(AppError::NotFound)?;
    if !on_team(user, &found) {
        return Err(AppError::Forbidden);
    }
    // A conflict of interest found after the visit was scheduled (a recusal
    // in any stage, an organisation changed) keeps the judge off it.
    let me = std::slice::from_ref(&user.id);
    if !repo::recused(db, &found.entry, me).await?.is_empty() {
        return Err(AppError::Conflict(Problem::JudgeRecused));
    }
    if crate::backend::service::field_schedule::own_organisation(db, &found.entry, me).await? {
        return Err(AppError::Conflict(Problem::OwnOrganisation));
    }
    if repo::visits_of_judge(db, &user.id)
        .await?
        .iter()
        .all(|open| open.id != found.id)
    {
        // On the team, but the stage's results are published: what was
        // announced is not changed from a tablet.
        return Err(AppError::Conflict(Problem::StagePublished));
    }
    Ok(found)
}

/// `judge`'s visits in stages not yet published, earliest first.
pub async fn of_judge(db: &Db, judge: &UserId) -> Result<Vec<JudgeVisit>, AppError> {
    let visits = repo::visits_of_judge(db, judge).await?;
    let ids: Vec<VisitId> = visits.iter().map(|visit| visit.id.clone()).collect();
    let findings = repo::findings(db, &ids).await?;
    let mut listed = Vec::with_capacity(visits.len());
    let me = std::slice::from_ref(judge);
    for visit in visits {
        // Taken off the entry, or stepped back from it, after the visit was
        // scheduled: the visit is no longer theirs to make (recording is
        // refused too, see `writable`).
        if !repo::recused(db, &visit.entry, me).await?.is_empty() {
            continue;
        }
        let Some(stage) = repo::stage_by_id(db, &visit.stage).await? else {
            continue;
        };
        listed.push(JudgeVisit {
            found: findings
                .iter()
                .filter(|finding| {
                    finding.visit == visit.id && visit.claims.contains(&finding.section)
                })
                .count(),
            claims: visit.claims.len(),
            starts_at: local_in(visit.starts_at, &stage.time_zone),
            id: visit.id,
            title: visit.title,
            organisation: visit.organisation,
            stage_title: stage.title,
            address: visit.address,
        });
    }
    Ok(listed)
}

/// The visit sheet of `visit` for `user`.
pub async fn sheet(db: &Db, user: &CurrentUser, visit: &VisitId) -> Result<VisitSheet, AppError> {
    let found = readable(db, user, visit).await?;
    let stage = repo::stage_by_id(db, &found.stage)
        .await?
        .ok_or(AppError::NotFound)?;
    let proposal = proposals::find(db, &found.entry)
        .await?
        .ok_or(AppError::NotFound)?;
    let template = proposal.template();
    let findings = repo::findings(db, std::slice::from_ref(visit)).await?;
    let photos = repo::photos(db, std::slice::from_ref(visit)).await?;
    let decisions = repo::decisions(db, std::slice::from_ref(&found.entry)).await?;
    let claims: Vec<ClaimView> = stage
        .field_claims
        .iter()
        .map(|section| {
            let label = template
                .sections
                .iter()
                .find(|known| known.key == *section)
                .map_or_else(|| section.clone(), |known| known.label.clone());
            // The latest word on the claim (findings come oldest first).
            let finding = findings
                .iter()
                .rev()
                .find(|finding| finding.section == *section);
            ClaimView {
                section: section.clone(),
                label,
                text: proposal.sections.get(section).cloned().unwrap_or_default(),
                finding: finding.map(|finding| finding.finding),
                note: finding
                    .map(|finding| finding.note.clone())
                    .unwrap_or_default(),
                recorded_by: finding.map(|finding| finding.recorded_by_name.clone()),
                decided_at: finding
                    .and_then(|finding| finding.decided_at.or(Some(finding.recorded_at)))
                    .map(|at| at.to_string()),
            }
        })
        .collect();
    let counted: Vec<&repo::FindingRecord> = findings
        .iter()
        .filter(|finding| stage.field_claims.contains(&finding.section))
        .collect();
    let rule = rule_of(&stage);
    Ok(VisitSheet {
        id: found.id.clone(),
        edition_slug: stage.edition_slug.clone(),
        edition_title: stage.edition_title.clone(),
        stage: stage.key.as_str().to_owned(),
        stage_title: stage.title.clone(),
        title: found.title,
        organisation: found.organisation,
        starts_at: local_in(found.starts_at, &stage.time_zone),
        address: found.address,
        team: found.team_names,
        claims,
        photos: photos
            .into_iter()
            .map(|photo| PhotoView {
                taken_at: local_in(photo.taken_at, &stage.time_zone),
                location: photo.latitude.zip(photo.longitude),
                taken_by: photo.taken_by_name,
                bytes: photo.bytes,
                id: photo.id,
            })
            .collect(),
        outcome: outcome_of(&rule, &counted),
        rule,
        decision: decision_view(&decisions, &found.entry, &stage.time_zone),
        committee: committee(user),
        viewer: user.id.clone(),
        form_key: crate::backend::records::new_key(),
    })
}

/// Whether `key` can name a batch or a photo: what a device generates (a
/// UUID), nothing that could reach a path or a query unescaped.
#[must_use]
pub fn is_device_key(key: &str) -> bool {
    (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

/// Records the findings a team member sent in batch `batch`; a batch already
/// applied is acknowledged and not applied again.
pub async fn record(
    db: &Db,
    user: &CurrentUser,
    visit: &VisitId,
    batch: &str,
    findings: &[FindingInput],
    now: Timestamp,
) -> Result<(), AppError> {
    let found = writable(db, user, visit).await?;
    if !is_device_key(batch) {
        return Err(AppError::field("batch", Problem::BadKey));
    }
    if repo::batch_seen(db, &user.id, batch).await? {
        return Ok(());
    }
    if findings.len() > MAX_BATCH_FINDINGS {
        return Err(AppError::field(
            "findings",
            Problem::TooLong {
                max: MAX_BATCH_FINDINGS,
            },
        ));
    }
    for input in findings {
        if !found.claims.contains(&input.section) {
            return Err(AppError::field(
                "section",
                Problem::UnknownChoice {
                    given: input.section.clone(),
                },
            ));
        }
        if input.note.chars().count() > MAX_FIELD_TEXT {
            return Err(AppError::field(
                &format!("note.{}", input.section),
                Problem::TooLong {
                    max: MAX_FIELD_TEXT,
                },
            ));
        }
    }
    let writes: Vec<FindingWrite<'_>> = findings
        .iter()
        .map(|input| FindingWrite {
            section: &input.section,
            finding: input.finding,
            note: input.note.trim(),
            // The device's time of the choice, never later than its arrival
            // (a clock set ahead cannot win over every later word).
            decided_at: input
                .decided_at
                .as_deref()
                .and_then(|text| text.parse::<Timestamp>().ok())
                .filter(|decided| *decided <= now)
                .unwrap_or(now)
                .to_string(),
        })
        .collect();
    let written = execute_atomically(
        db,
        vec![
            repo::batch_statement(batch, visit, &user.id, now),
            repo::findings_statement(visit, &writes, &user.id, now),
        ],
    )
    .await;
    match written {
        Ok(()) => Ok(()),
        // The same batch from a second tab, a moment earlier: applied once.
        Err(_) if repo::batch_seen(db, &user.id, batch).await? => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// A photo as the tablet sends it.
#[derive(Debug, Clone)]
pub struct PhotoUpload<'a> {
    /// The account the device kept it for: on a shared tablet one verifier's
    /// photos are never stored as another's.
    pub owner: &'a str,
    /// The device's key for it.
    pub id: &'a str,
    /// When it was taken, by the device's clock.
    pub taken_at: Option<Timestamp>,
    /// Where, when the device knew.
    pub location: Option<(f64, f64)>,
    pub content: &'a [u8],
}

/// Whether a latitude and longitude are a place on Earth.
fn on_earth((latitude, longitude): (f64, f64)) -> bool {
    (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude)
}

/// Stores a photo of `visit` taken by a team member: a JPEG or PNG by its
/// content, at most [`MAX_PHOTO_BYTES`]; a photo already stored under the
/// same key is acknowledged and not stored again.
pub async fn add_photo(
    db: &Db,
    store: &EvidenceStore,
    user: &CurrentUser,
    visit: &VisitId,
    upload: &PhotoUpload<'_>,
    now: Timestamp,
) -> Result<(), AppError> {
    writable(db, user, visit).await?;
    if upload.owner != user.id.as_str() {
        return Err(AppError::Conflict(Problem::OtherAccount));
    }
    if !is_device_key(upload.id) {
        return Err(AppError::field("photo", Problem::BadKey));
    }
    let id = FieldPhotoId::from(upload.id);
    if let Some(stored) = repo::photo(db, &id).await? {
        // The same photo sent again: acknowledged. Anything else under its
        // key is refused, never stored over it.
        let same = stored.visit == *visit
            && stored.sha256 == hex::encode(sha2::Sha256::digest(upload.content));
        return if same {
            Ok(())
        } else {
            Err(AppError::field("photo", Problem::Taken))
        };
    }
    if repo::photos(db, std::slice::from_ref(visit)).await?.len() >= MAX_PHOTOS_PER_VISIT {
        return Err(AppError::field(
            "photo",
            Problem::TooManyPhotos {
                max: MAX_PHOTOS_PER_VISIT,
            },
        ));
    }
    match check_file(upload.content, MAX_PHOTO_BYTES) {
        Ok(EvidenceKind::Jpeg | EvidenceKind::Png) => {}
        Ok(EvidenceKind::Pdf) => return Err(AppError::field("photo", Problem::UnsupportedFile)),
        Err(EvidenceProblem::Empty) => return Err(AppError::field("photo", Problem::Required)),
        Err(EvidenceProblem::TooLarge { .. }) => {
            return Err(AppError::field(
                "photo",
                Problem::FileTooLarge {
                    limit_mb: MAX_PHOTO_BYTES / (1024 * 1024),
                },
            ));
        }
        Err(EvidenceProblem::UnsupportedType) => {
            return Err(AppError::field("photo", Problem::UnsupportedFile));
        }
    }
    let sha256 = store.put(upload.content).await.map_err(|error| {
        tracing::error!(%error, "a field photo could not be stored");
        AppError::Internal
    })?;
    // A clock far off (a tablet never set) is not believed: the server's time
    // of arrival is then the better record.
    let taken_at = upload
        .taken_at
        .filter(|taken| *taken <= now && now.duration_since(*taken).as_hours() < 24 * 60)
        .unwrap_or(now);
    execute_atomically(
        db,
        vec![repo::photo_statement(
            &NewPhoto {
                id: &id,
                visit,
                sha256: &sha256,
                bytes: upload.content.len(),
                taken_at,
                location: upload.location.filter(|place| on_earth(*place)),
                by: &user.id,
            },
            MAX_PHOTOS_PER_VISIT,
            now,
        )],
    )
    .await
    .map_err(|error| match error {
        // Another photo arrived between the count above and this one.
        DbError::Refused(Refusal::TooManyPhotos) => AppError::field(
            "photo",
            Problem::TooManyPhotos {
                max: MAX_PHOTOS_PER_VISIT,
            },
        ),
        other => other.into(),
    })?;
    Ok(())
}

/// The photo `photo` for `user` (the committee or the visit's team): its
/// content address.
pub async fn photo(db: &Db, user: &CurrentUser, photo: &FieldPhotoId) -> Result<String, AppError> {
    let found = repo::photo(db, photo).await?.ok_or(AppError::NotFound)?;
    readable(db, user, &found.visit).await?;
    Ok(found.sha256)
}

//! Objections (*masa sanggah*): while an objection stage is open, anyone may
//! object to an entry on the finalist list (the entries that advanced from the
//! last scoring stage before it), and is given a reference. The committee
//! answers each with a response and an outcome; once the window has closed and
//! every objection is answered, the list is fixed.

use crate::backend::db::Db;
use crate::backend::mail::{letters, outgoing};
use crate::backend::records::execute_atomically;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::mail;
use crate::backend::repo::objections::{self, NewObjection, ObjectionStage};
use crate::backend::repo::publications;
use crate::backend::service::editions::local_in;
use crate::backend::service::proposals::wall_clock;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{ObjectionRow, ObjectionWindow, ObjectionsView, ResultsDocument};
use domain::ids::EntryId;
use domain::ids::ObjectionId;
use domain::ids::UserId;
use domain::mail::{Language, MailKind};
use domain::objection::ObjectionOutcome;
use jiff::{SignedDuration, Timestamp};

/// Objections one address may file per hour: enough for a family or an office
/// sharing a connection, too few to flood the committee.
pub const MAX_PER_HOUR: usize = 5;

/// The longest reason and evidence accepted, in characters.
const MAX_TEXT: usize = 4000;

/// Receipts one address gets in a day, however many objections name it.
const RECEIPTS_PER_ADDRESS_PER_DAY: u64 = 3;

/// The objection stage that matters at `now`: the one open, else the next to
/// open, else the last.
fn current(stages: Vec<ObjectionStage>, now: Timestamp) -> Option<ObjectionStage> {
    let open = stages
        .iter()
        .position(|stage| stage.opens_at <= now && now < stage.closes_at);
    let next = stages.iter().position(|stage| now < stage.opens_at);
    let index = open.or(next).or_else(|| stages.len().checked_sub(1))?;
    stages.into_iter().nth(index)
}

/// The objection window of edition `slug` as the public sees it.
pub async fn window(db: &Db, slug: &str, now: Timestamp) -> Result<ObjectionWindow, AppError> {
    let stage = current(objections::stages(db, slug).await?, now).ok_or(AppError::NotFound)?;
    window_of(db, &stage, now).await
}

/// The finalists an objection stage is about: the entries that advanced from
/// the scoring stage before it, as the newest standing publication holding
/// that stage says — never the committee's unpublished decisions, and nothing
/// once that publication is withdrawn. (entry, title, organisation), by title.
pub async fn finalists(
    db: &Db,
    stage: &ObjectionStage,
) -> Result<Vec<(EntryId, String, String)>, AppError> {
    let Some(key) = objections::scoring_stage_before(db, &stage.edition, stage.position).await?
    else {
        return Ok(Vec::new());
    };
    let publications = publications::for_edition(db, &stage.edition).await?;
    let holding = publications
        .iter()
        .filter(|publication| publication.withdrawn_at.is_none())
        .find_map(|publication| {
            let document: ResultsDocument = serde_json::from_value(publication.document.clone())
                .inspect_err(|error| {
                    tracing::error!(%error, publication = %publication.id, "a stored publication cannot be read");
                })
                .ok()?;
            document.stages.into_iter().find(|results| results.key == key)
        });
    // As everywhere public: no organisation while a blind stage is unpublished.
    let names_organisations = !publications::in_blind_phase(db, &stage.edition).await?;
    let mut finalists: Vec<(EntryId, String, String)> = holding
        .map(|results| {
            results
                .entries
                .into_iter()
                .filter(|entry| entry.advanced)
                .map(|entry| {
                    let organisation = if names_organisations {
                        entry.organisation
                    } else {
                        String::new()
                    };
                    (entry.id, entry.title, organisation)
                })
                .collect()
        })
        .unwrap_or_default();
    finalists.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    Ok(finalists)
}

async fn window_of(
    db: &Db,
    stage: &ObjectionStage,
    now: Timestamp,
) -> Result<ObjectionWindow, AppError> {
    let finalists = finalists(db, stage).await?;
    Ok(ObjectionWindow {
        edition_title: stage.edition_title.clone(),
        stage_title: stage.title.clone(),
        opens_at: local_in(stage.opens_at, &stage.time_zone),
        closes_at: local_in(stage.closes_at, &stage.time_zone),
        open: stage.opens_at <= now && now < stage.closes_at,
        finalists,
    })
}

/// An objection as the public form gives it.
#[derive(Debug, Clone, Default)]
pub struct ObjectionInput {
    pub name: String,
    /// E-mail or phone.
    pub contact: String,
    /// The entry objected to.
    pub entry: EntryId,
    /// Why.
    pub reason: String,
    /// A link or a description of evidence (optional).
    pub evidence: String,
}

/// A reference like `SGH-7K2QX9`: short enough to read out on the phone.
fn reference() -> String {
    use rand::Rng;
    // No 0/O or 1/I: read aloud, they are confused.
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::thread_rng();
    let code: String = (0..6)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("SGH-{code}")
}

/// Files an objection against a finalist of edition `slug`; returns its reference.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn file(
    db: &Db,
    slug: &str,
    input: &ObjectionInput,
    site: &str,
    now: Timestamp,
) -> Result<String, AppError> {
    let stage = current(objections::stages(db, slug).await?, now).ok_or(AppError::NotFound)?;
    if !(stage.opens_at <= now && now < stage.closes_at) {
        return Err(AppError::Conflict(Problem::ObjectionsClosed {
            opens_at: wall_clock(stage.opens_at, &stage.time_zone),
            closes_at: wall_clock(stage.closes_at, &stage.time_zone),
        }));
    }
    let finalists = finalists(db, &stage).await?;
    let mut problems = Vec::new();
    let mut refuse = |field: &str, problem: Problem| {
        problems.push(FieldError {
            field: field.into(),
            problem,
        });
    };
    for (field, text, max) in [
        ("name", &input.name, 200),
        ("contact", &input.contact, 200),
        ("reason", &input.reason, MAX_TEXT),
    ] {
        let length = text.trim().chars().count();
        if length == 0 {
            refuse(field, Problem::Required);
        } else if length > max {
            refuse(field, Problem::TooLong { max });
        }
    }
    if input.evidence.chars().count() > MAX_TEXT {
        refuse("evidence", Problem::TooLong { max: MAX_TEXT });
    }
    if !finalists.iter().any(|(entry, _, _)| *entry == input.entry) {
        refuse(
            "entry",
            Problem::UnknownChoice {
                given: input.entry.to_string(),
            },
        );
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let objection = NewObjection {
        reference: reference(),
        name: input.name.trim().to_owned(),
        contact: input.contact.trim().to_owned(),
        entry: input.entry.clone(),
        reason: input.reason.trim().to_owned(),
        evidence: input.evidence.trim().to_owned(),
    };
    let mut statements = vec![
        objections::create_statement(&stage.edition, &stage.id, &objection, now),
        audit::statement(NewAuditEvent {
            actor: None,
            action: "objection.file",
            target: format!("entry:{}", objection.entry),
            before: None,
            after: Some(serde_json::json!({ "reference": objection.reference })),
        }),
    ];
    // A receipt when the contact is an e-mail address, but only a few a day to
    // one address: the form is anonymous, and must not become a way to flood
    // someone's mailbox from ours.
    let recent = mail::count_to(
        db,
        &objection.contact,
        MailKind::ObjectionReceipt,
        now - SignedDuration::from_hours(24),
    )
    .await?;
    if recent < RECEIPTS_PER_ADDRESS_PER_DAY {
        let entry_title = finalists
            .iter()
            .find(|(entry, _, _)| *entry == objection.entry)
            .map(|(_, title, _)| title.as_str())
            .unwrap_or_default();
        let link = outgoing::link(site, &format!("/editions/{slug}/objections"));
        let letter = letters::objection_receipt(
            Language::default(),
            &objection.reference,
            (entry_title, &stage.edition_title),
            &link,
        );
        let receipt = outgoing::to_address(
            MailKind::ObjectionReceipt,
            &objection.contact,
            Language::default(),
            letter,
        );
        statements.push(mail::enqueue_if_address_statement(&receipt, now));
    }
    execute_atomically(db, statements).await?;
    Ok(objection.reference)
}

/// The committee's view: the window and every objection.
pub async fn list(db: &Db, slug: &str, now: Timestamp) -> Result<ObjectionsView, AppError> {
    let window = match current(objections::stages(db, slug).await?, now) {
        Some(stage) => Some(window_of(db, &stage, now).await?),
        None => None,
    };
    let rows = objections::for_edition(db, slug)
        .await?
        .into_iter()
        .map(|record| ObjectionRow {
            filed_at: local_in(record.filed_at, &record.time_zone),
            id: record.id,
            reference: record.reference,
            title: record.title,
            name: record.name,
            contact: record.contact,
            reason: record.reason,
            evidence: record.evidence,
            response: record.response,
            outcome: record.outcome,
        })
        .collect();
    Ok(ObjectionsView { window, rows })
}

/// Records the committee's response and outcome (`upheld` or `rejected`).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn answer(
    db: &Db,
    actor: &UserId,
    (slug, objection): (&str, &ObjectionId),
    (response, outcome): (&str, &str),
    site: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let existing = objections::for_edition(db, slug)
        .await?
        .into_iter()
        .find(|record| record.id == objection)
        .ok_or(AppError::NotFound)?;
    let mut problems = Vec::new();
    if response.trim().is_empty() {
        problems.push(FieldError {
            field: "response".into(),
            problem: Problem::Required,
        });
    }
    let outcome = outcome.parse::<ObjectionOutcome>();
    if outcome.is_err() {
        problems.push(FieldError {
            field: "outcome".into(),
            problem: Problem::Required,
        });
    }
    let (Ok(outcome), true) = (outcome, problems.is_empty()) else {
        return Err(AppError::invalid(problems));
    };
    let link = outgoing::link(site, &format!("/editions/{slug}/objections"));
    let letter = letters::objection_answer(
        Language::default(),
        (&existing.reference, &existing.title),
        outcome == ObjectionOutcome::Upheld,
        response.trim(),
        &link,
    );
    let answer_mail = outgoing::to_address(
        MailKind::ObjectionAnswer,
        &existing.contact,
        Language::default(),
        letter,
    );
    execute_atomically(
        db,
        vec![
            objections::answer_statement(objection, response.trim(), outcome, actor, now),
            audit::statement(NewAuditEvent {
                actor: Some(actor),
                action: "objection.answer",
                target: format!("entry:{}", existing.entry),
                before: existing.outcome.as_ref().map(|outcome| serde_json::json!({ "outcome": outcome })),
                after: Some(serde_json::json!({ "reference": existing.reference, "outcome": outcome, "response": response.trim() })),
            }),
            // Sent when the contact is an e-mail address; a phone number is
            // called by the committee.
            mail::enqueue_if_address_statement(&answer_mail, now),
        ],
    )
    .await?;
    Ok(())
}

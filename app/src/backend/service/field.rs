//! Field verification, the committee's side: which sections of the proposal
//! hold claims to check, the edition's field rule, the visits (one per entry
//! and field stage: when, where, which judges go), the outcome the rule gives
//! each entry, and the decision on an entry the rule refers. The final ranking
//! takes each entry's penalty off its final score ([`outcomes`]).
//!
//! A field stage is a scoring stage of format `field_visit`: it may carry a
//! rubric and a weight in the final rule like any scoring stage.

use crate::backend::db::Db;
use crate::backend::records::execute_atomically;
use crate::backend::repo::assignment_context;
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::backend::repo::field::{self as repo, FieldStageRecord, VisitRecord};
use crate::backend::repo::proposals;
use crate::backend::service::editions::local_in;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{
    ClaimChoice, FieldDecisionView, FieldEntryOption, FieldStageView, VisitSummary,
};
use domain::entry_state::EntryStatus;
use domain::field::{FieldOutcome, FieldRule, FieldRuleError, Finding};
use domain::ids::{EditionId, EntryId, UserId, VisitId};
use domain::scoring::StageKey;
use domain::stage::StageFormat;
use jiff::Timestamp;
use std::collections::BTreeMap;

/// The most characters of an address, a note or a reason.
pub const MAX_FIELD_TEXT: usize = 2000;

/// The scoring stage `key` of edition `slug` (`NotFound` when none).
pub async fn stage(db: &Db, slug: &str, key: &StageKey) -> Result<FieldStageRecord, AppError> {
    repo::stage(db, slug, key).await?.ok_or(AppError::NotFound)
}

/// The scoring stage `key` of edition `slug`, which must be a field stage:
/// nothing is scheduled in a desk or presentation stage.
pub(super) async fn field_stage(
    db: &Db,
    slug: &str,
    key: &StageKey,
) -> Result<FieldStageRecord, AppError> {
    let stage = stage(db, slug, key).await?;
    if stage.format == Some(StageFormat::FieldVisit) {
        Ok(stage)
    } else {
        Err(AppError::NotFound)
    }
}

/// The rule of a stage's edition (the default when none was stored).
#[must_use]
pub fn rule_of(stage: &FieldStageRecord) -> FieldRule {
    stage.field_rule.unwrap_or_default()
}

/// What `findings` decide under `rule`.
#[must_use]
pub fn outcome_of(rule: &FieldRule, findings: &[&repo::FindingRecord]) -> FieldOutcome {
    let found: Vec<Finding> = findings.iter().map(|finding| finding.finding).collect();
    rule.outcome(&found)
}

/// The field outcome of every visited entry of `edition`, for the final
/// ranking: the findings recorded so far under the edition's rule. Findings
/// only ever add to a penalty, so a claim not yet checked never lowers one.
/// A disqualified entry is not ranked at all, so its outcome does not matter.
pub async fn outcomes(
    db: &Db,
    edition: &EditionId,
    rule: FieldRule,
) -> Result<BTreeMap<EntryId, FieldOutcome>, AppError> {
    let visits = repo::visits_of_edition(db, edition).await?;
    let ids: Vec<VisitId> = visits.iter().map(|visit| visit.id.clone()).collect();
    let findings = repo::findings(db, &ids).await?;
    let mut by_entry: BTreeMap<EntryId, Vec<Finding>> = BTreeMap::new();
    for visit in &visits {
        by_entry.entry(visit.entry.clone()).or_default().extend(
            findings
                .iter()
                .filter(|finding| {
                    finding.visit == visit.id && visit.claims.contains(&finding.section)
                })
                .map(|finding| finding.finding),
        );
    }
    Ok(by_entry
        .into_iter()
        .map(|(entry, found)| (entry, rule.outcome(&found)))
        .collect())
}

/// Refuses final results that rank an entry a field visit referred to the
/// committee before the committee decided on it: what is announced must not
/// rank an entry that may yet be disqualified.
pub async fn check_referrals_decided(
    db: &Db,
    edition: &crate::backend::repo::results::ResultsEditionRecord,
    document: &crate::model::ResultsDocument,
) -> Result<(), AppError> {
    let referred: Vec<EntryId> = document
        .final_ranking
        .iter()
        .filter(|row| {
            matches!(
                edition.field_outcomes.get(&row.id),
                Some(FieldOutcome::Referred { .. })
            )
        })
        .map(|row| row.id.clone())
        .collect();
    let decided = repo::decisions(db, &referred).await?;
    let waiting = referred
        .iter()
        .filter(|entry| !decided.iter().any(|decision| decision.entry == **entry))
        .count();
    if waiting > 0 {
        return Err(AppError::Conflict(Problem::ReferralsUndecided {
            count: waiting,
        }));
    }
    Ok(())
}

/// The committee's page of stage `key` of edition `slug`.
pub async fn view(db: &Db, slug: &str, key: &StageKey) -> Result<FieldStageView, AppError> {
    let stage = stage(db, slug, key).await?;
    let rule = rule_of(&stage);
    let template = stage.template();
    let sections = template
        .sections
        .iter()
        .map(|section| ClaimChoice {
            key: section.key.clone(),
            label: section.label.clone(),
            claimed: stage.field_claims.contains(&section.key),
        })
        .collect();
    let visits = repo::visits_of_stage(db, &stage.id).await?;
    let summaries = summaries(db, &stage, &visits).await?;
    let schedulable = repo::visitable_entries(db, &stage.edition)
        .await?
        .into_iter()
        .filter(|(entry, _, _)| !visits.iter().any(|visit| visit.entry == *entry))
        .map(|(entry, title, organisation)| FieldEntryOption {
            entry,
            title,
            organisation,
        })
        .collect();
    let mut judges = assignment_context::judge_names(db).await?;
    judges.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(FieldStageView {
        edition_slug: stage.edition_slug.clone(),
        edition_title: stage.edition_title.clone(),
        stage: stage.key.as_str().to_owned(),
        stage_title: stage.title.clone(),
        is_field: stage.format == Some(StageFormat::FieldVisit),
        rule,
        sections,
        schedulable,
        judges,
        visits: summaries,
    })
}

async fn summaries(
    db: &Db,
    stage: &FieldStageRecord,
    visits: &[VisitRecord],
) -> Result<Vec<VisitSummary>, AppError> {
    let ids: Vec<VisitId> = visits.iter().map(|visit| visit.id.clone()).collect();
    let entries: Vec<EntryId> = visits.iter().map(|visit| visit.entry.clone()).collect();
    let findings = repo::findings(db, &ids).await?;
    let photos = repo::photos(db, &ids).await?;
    let decisions = repo::decisions(db, &entries).await?;
    let rule = rule_of(stage);
    Ok(visits
        .iter()
        .map(|visit| {
            let found: Vec<&repo::FindingRecord> = findings
                .iter()
                .filter(|finding| {
                    finding.visit == visit.id && stage.field_claims.contains(&finding.section)
                })
                .collect();
            VisitSummary {
                id: visit.id.clone(),
                entry: visit.entry.clone(),
                title: visit.title.clone(),
                organisation: visit.organisation.clone(),
                starts_at: local_in(visit.starts_at, &stage.time_zone),
                address: visit.address.clone(),
                team: visit.team_names.clone(),
                claims: stage.field_claims.len(),
                found: found.len(),
                photos: photos
                    .iter()
                    .filter(|photo| photo.visit == visit.id)
                    .count(),
                outcome: outcome_of(&rule, &found),
                decision: decision_view(&decisions, &visit.entry, &stage.time_zone),
                disqualified: visit.state == EntryStatus::Disqualified,
            }
        })
        .collect())
}

/// The committee's decision on `entry`, as pages show it.
#[must_use]
pub fn decision_view(
    decisions: &[repo::DecisionRecord],
    entry: &EntryId,
    zone: &str,
) -> Option<FieldDecisionView> {
    decisions
        .iter()
        .find(|decision| decision.entry == *entry)
        .map(|decision| FieldDecisionView {
            disqualify: decision.disqualify,
            reason: decision.reason.clone(),
            decided_at: local_in(decision.decided_at, zone),
        })
}

/// Marks which sections of the proposal hold claims (keys of the edition's
/// template; anything else is refused).
pub async fn set_claims(
    db: &Db,
    actor: Option<&UserId>,
    (slug, key): (&str, &StageKey),
    sections: &[String],
) -> Result<(), AppError> {
    let stage = field_stage(db, slug, key).await?;
    // What was announced was decided on these claims.
    if stage.published {
        return Err(AppError::Conflict(Problem::StagePublished));
    }
    let template = stage.template();
    let mut claimed: Vec<String> = Vec::new();
    for section in sections {
        if !template.sections.iter().any(|known| known.key == *section) {
            return Err(AppError::field(
                "sections",
                Problem::UnknownChoice {
                    given: section.clone(),
                },
            ));
        }
        if !claimed.contains(section) {
            claimed.push(section.clone());
        }
    }
    // In the template's order, whatever order the form sent.
    claimed.sort_by_key(|section| {
        template
            .sections
            .iter()
            .position(|known| known.key == *section)
    });
    execute_atomically(
        db,
        vec![
            repo::claims_statement(&stage.id, &claimed),
            audit::statement(NewAuditEvent {
                actor,
                action: "field.claims",
                target: format!("stage:{}", stage.id),
                before: Some(serde_json::json!({ "sections": stage.field_claims })),
                after: Some(serde_json::json!({ "sections": claimed })),
            }),
        ],
    )
    .await?;
    Ok(())
}

/// The field rule as typed: four whole numbers.
#[derive(Debug, Clone, Default)]
pub struct RuleForm {
    pub partial_penalty: String,
    pub unproven_penalty: String,
    pub max_penalty: String,
    pub refer_at_unproven: String,
}

/// Sets the edition's field rule; refused field by field, what was typed kept.
pub async fn set_rule(
    db: &Db,
    actor: Option<&UserId>,
    (slug, key): (&str, &StageKey),
    typed: &RuleForm,
) -> Result<FieldRule, AppError> {
    let stage = field_stage(db, slug, key).await?;
    let echo = [
        ("partial_penalty", typed.partial_penalty.as_str()),
        ("unproven_penalty", typed.unproven_penalty.as_str()),
        ("max_penalty", typed.max_penalty.as_str()),
        ("refer_at_unproven", typed.refer_at_unproven.as_str()),
    ];
    let mut problems = Vec::new();
    let mut number = |field: &str, text: &str| match text.trim().parse::<u32>() {
        Ok(points) if points <= domain::field::MAX_FIELD_PENALTY => points,
        Ok(_) => {
            problems.push(FieldError {
                field: field.to_owned(),
                problem: Problem::OutOfRange {
                    min: 0,
                    max: i64::from(domain::field::MAX_FIELD_PENALTY),
                },
            });
            0
        }
        Err(_) => {
            problems.push(FieldError {
                field: field.to_owned(),
                problem: Problem::NotANumber,
            });
            0
        }
    };
    let rule = FieldRule {
        partial_penalty: number("partial_penalty", &typed.partial_penalty),
        unproven_penalty: number("unproven_penalty", &typed.unproven_penalty),
        max_penalty: number("max_penalty", &typed.max_penalty),
        refer_at_unproven: number("refer_at_unproven", &typed.refer_at_unproven),
    };
    if problems.is_empty() {
        match rule.validate() {
            Ok(()) => {}
            Err(FieldRuleError::UnprovenBelowPartial) => problems.push(FieldError {
                field: "unproven_penalty".into(),
                problem: Problem::UnprovenBelowPartial,
            }),
            Err(FieldRuleError::PenaltyAboveScale { max }) => problems.push(FieldError {
                field: "max_penalty".into(),
                problem: Problem::OutOfRange {
                    min: 0,
                    max: i64::from(max),
                },
            }),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems).with_echo(&echo));
    }
    execute_atomically(
        db,
        vec![
            repo::rule_statement(&stage.edition, &rule),
            audit::statement(NewAuditEvent {
                actor,
                action: "field.rule",
                target: format!("edition:{}", stage.edition),
                before: Some(serde_json::json!(rule_of(&stage))),
                after: Some(serde_json::json!(rule)),
            }),
        ],
    )
    .await?;
    Ok(rule)
}

pub(super) fn add(problems: &mut Vec<FieldError>, field: &str, problem: Problem) {
    problems.push(FieldError {
        field: field.to_owned(),
        problem,
    });
}

/// The visit `visit` of stage `key` of edition `slug` (`NotFound` otherwise).
pub(super) async fn visit_in(
    db: &Db,
    (slug, key): (&str, &StageKey),
    visit: &VisitId,
) -> Result<(FieldStageRecord, VisitRecord), AppError> {
    let stage = field_stage(db, slug, key).await?;
    let found = repo::visit(db, visit)
        .await?
        .filter(|found| found.stage == stage.id)
        .ok_or(AppError::NotFound)?;
    Ok((stage, found))
}

/// The states an entry can be disqualified from (as `domain::entry_state`
/// allows), which are also the ones a decision on it can be recorded in.
const DECIDABLE: [EntryStatus; 6] = [
    EntryStatus::Submitted,
    EntryStatus::ScreenedIn,
    EntryStatus::Advanced,
    EntryStatus::Eliminated,
    EntryStatus::Winner,
    EntryStatus::NotSelected,
];

/// The committee decides on an entry its visit referred: disqualified (the
/// entry leaves every ranking) or kept (the penalty stands), always with a
/// written reason. Only a referred entry can be decided on; a disqualified one
/// stays so (disqualification is final, as the entry's states have it).
pub async fn decide(
    db: &Db,
    actor: &UserId,
    at: (&str, &StageKey),
    visit: &VisitId,
    (disqualify, reason): (bool, &str),
    now: Timestamp,
) -> Result<(), AppError> {
    let (stage, found) = visit_in(db, at, visit).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", Problem::Required)
            .with_echo(&[("reason", reason), ("visit", visit.as_str())]));
    }
    if reason.chars().count() > MAX_FIELD_TEXT {
        return Err(AppError::field(
            "reason",
            Problem::TooLong {
                max: MAX_FIELD_TEXT,
            },
        )
        .with_echo(&[("reason", reason), ("visit", visit.as_str())]));
    }
    let findings = repo::findings(db, std::slice::from_ref(visit)).await?;
    let counted: Vec<&repo::FindingRecord> = findings
        .iter()
        .filter(|finding| stage.field_claims.contains(&finding.section))
        .collect();
    if !matches!(
        outcome_of(&rule_of(&stage), &counted),
        FieldOutcome::Referred { .. }
    ) || !DECIDABLE.contains(&found.state)
    {
        return Err(AppError::Conflict(Problem::EntryStateChanged {
            state: found.state,
        }));
    }
    let mut statements = vec![repo::decision_statement(
        &found.entry,
        disqualify,
        reason,
        Some(actor),
        now,
    )];
    if disqualify {
        statements.push(proposals::transition(&proposals::Transition {
            entry: &found.entry,
            from: found.state,
            to: EntryStatus::Disqualified,
            return_comment: None,
            user: actor,
            at: now,
        }));
    }
    statements.push(audit::statement(NewAuditEvent {
        actor: Some(actor),
        action: if disqualify {
            "field.disqualify"
        } else {
            "field.keep"
        },
        target: format!("entry:{}", found.entry),
        before: Some(serde_json::json!({ "state": found.state })),
        after: Some(serde_json::json!({ "disqualify": disqualify, "reason": reason })),
    }));
    execute_atomically(db, statements).await?;
    Ok(())
}

//! This year's field verification: a field stage after the presentations,
//! with the claims to check marked and two visits scheduled for the first two
//! judges.

use super::editions::StagePlan;
use crate::backend::db::Db;
use crate::backend::records::{Binding, Statement, execute_atomically};
use crate::backend::repo::field::{self, NewVisit};
use crate::binds;
use crate::error::AppError;
use domain::ids::{EntryId, UserId, VisitId};
use domain::scoring::{AdvancementRule, Aggregation, Rubric};
use domain::stage::StageKind;
use jiff::Timestamp;

/// The stage's key.
const KEY: &str = "lapangan";

/// The sections whose claims the team checks on site.
const CLAIMS: [&str; 3] = ["signifikansi", "keberlanjutan", "kolaborasi"];

/// The field stage, on day `day` from `now` (08.00 to 16.00).
pub(super) fn field_plan(now: Timestamp, day: i64) -> StagePlan {
    StagePlan {
        key: KEY,
        title: "Verifikasi lapangan",
        kind: StageKind::Scoring,
        opens: super::at(now, day, 8),
        closes: super::at(now, day, 16),
        aggregation: Aggregation::Mean,
        rubric: Some(Rubric::national_presentation()),
        advancement: AdvancementRule::Manual,
    }
}

/// Makes the stage a field stage with its claims, and schedules a visit to
/// each of `entries` on the stage's day for the first two judges.
pub(super) async fn schedule_visits(
    db: &Db,
    edition: &str,
    entries: &[EntryId],
    judges: &[UserId],
    now: Timestamp,
) -> Result<(), AppError> {
    let stage = super::stage_of(edition, KEY);
    let claims: Vec<String> = CLAIMS.iter().map(|key| (*key).to_owned()).collect();
    let team: Vec<UserId> = judges.iter().take(2).cloned().collect();
    let addresses = [
        "Jl. Simpang Ijen No. 2, Oro-oro Dowo, Klojen, Kota Malang",
        "Jl. Tugu No. 1, Kiduldalem, Klojen, Kota Malang",
    ];
    let mut statements = vec![
        Statement::new(
            "UPDATE $field_stage SET format = 'field_visit';",
            binds![("field_stage", Binding::id(&stage))],
        ),
        field::claims_statement(&stage, &claims),
    ];
    let ids: Vec<VisitId> = entries
        .iter()
        .map(|entry| VisitId::from(format!("demo-{entry}")))
        .collect();
    for (index, (entry, id)) in entries.iter().zip(&ids).enumerate() {
        let hour = if index == 0 { 9 } else { 13 };
        statements.push(field::schedule_statement(
            &NewVisit {
                id,
                stage: &stage,
                entry,
                starts_at: super::at(now, 17, hour),
                address: addresses[index % addresses.len()],
                team: &team,
            },
            None,
            now,
        ));
        // Each schedule statement binds the same names: one transaction each.
        execute_atomically(db, std::mem::take(&mut statements)).await?;
    }
    if !statements.is_empty() {
        execute_atomically(db, statements).await?;
    }
    Ok(())
}

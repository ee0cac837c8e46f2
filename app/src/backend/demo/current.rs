//! This year's edition: desk evaluation open, about half the sheets in.

use super::at;
use super::content::{DemoFile, DemoInnovation};
use super::editions::{EditionName, chair_presentations, create_edition, entry_for, stage_plans};
use super::sheets::{panel, sheet_values, unit, values_json};
use crate::backend::db::Db;
use crate::backend::repo::demo::{self as repo, Shown};
use crate::backend::repo::entries;
use crate::backend::repo::judging::{self, NewSheet};
use crate::error::AppError;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::UserId;
use domain::scoring::Rubric;
use domain::scoring::SheetState;
use jiff::Timestamp;
use jiff::tz::TimeZone;

pub(super) async fn load_current_edition(
    db: &Db,
    demo: &DemoFile,
    innovations: &[&DemoInnovation],
    judges: &[UserId],
    now: Timestamp,
) -> Result<(), AppError> {
    let year = now.to_zoned(TimeZone::UTC).year();
    let key = "kipp-kini";
    let mut stages = Vec::from(stage_plans(now, [(-20, -10), (-7, 9), (14, 16), (18, 23)]));
    // Field verification of the finalists, between the presentations and the
    // objection window.
    stages.insert(3, super::field::field_plan(now, 17));
    create_edition(
        db,
        demo,
        EditionName::kipp(key, year),
        year,
        (at(now, -60, 8), at(now, -22, 16)),
        false,
        &stages,
    )
    .await?;
    // The public may vote for this year's entries (people's choice, /editions/…/vote).
    repo::turn_on(db, &EditionId::from(key), Shown::PeoplesChoice).await?;
    chair_presentations(db, key, judges).await?;
    let rubric = Rubric::national_desk();
    let stage = super::stage_of(key, "desk");
    let mut visited = Vec::new();
    for (index, innovation) in innovations.iter().enumerate() {
        // A few entries are still with their organisation, to show the entrant flow.
        let state = match index % 9 {
            0 if innovation.key != "brexit" => EntryStatus::Draft,
            4 => EntryStatus::Endorsed,
            _ => EntryStatus::ScreenedIn,
        };
        let entry = entry_for(key, innovation, state);
        entries::create(db, &entry).await?;
        if state != EntryStatus::ScreenedIn {
            continue;
        }
        if visited.len() < 2 {
            visited.push(entry.key.clone());
        }
        for (seat, judge) in panel(judges, index, 3).into_iter().enumerate() {
            judging::assign(db, &stage, &entry.key, judge).await?;
            // Roughly half the sheets are in: some submitted, some still drafts.
            let progress = unit(&format!("{}/{judge}", entry.key));
            if progress < 0.45 || seat == 0 && progress < 0.6 {
                let values = values_json(&sheet_values(&rubric, &entry.key, judge));
                let state = if progress < 0.35 {
                    SheetState::Submitted
                } else {
                    SheetState::Draft
                };
                judging::put_sheet(
                    db,
                    &NewSheet {
                        stage: stage.clone(),
                        entry: entry.key.clone(),
                        judge: judge.clone(),
                        values,
                        comment: String::new(),
                        state,
                    },
                )
                .await?;
            }
        }
    }
    super::field::schedule_visits(db, key, &visited, judges, now).await?;
    Ok(())
}

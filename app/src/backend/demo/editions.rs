//! The demo editions' frame: stages placed relative to the load day, the
//! presentation console, entries.

use super::at;
use super::content::{DemoFile, DemoInnovation};
use crate::backend::db::Db;
use crate::backend::repo::editions::{self, NewEdition, StageRecord};
use crate::backend::repo::entries::NewEntry;
use crate::backend::repo::presentation;
use crate::error::AppError;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::{AdvancementRule, Aggregation, Rubric};
use domain::stage::StageKind;
use jiff::Timestamp;

pub(super) struct StagePlan {
    pub(super) key: &'static str,
    pub(super) title: &'static str,
    pub(super) kind: StageKind,
    pub(super) opens: Timestamp,
    pub(super) closes: Timestamp,
    pub(super) aggregation: Aggregation,
    pub(super) rubric: Option<Rubric>,
    pub(super) advancement: AdvancementRule,
}

/// The four stages of a demo edition — screening, desk evaluation, presentation,
/// objection window — opening and closing on the given days from `now` (08.00 to
/// 16.00, Asia/Jakarta).
pub(super) fn stage_plans(now: Timestamp, days: [(i64, i64); 4]) -> [StagePlan; 4] {
    let window = |index: usize| (at(now, days[index].0, 8), at(now, days[index].1, 16));
    let plan = |index: usize, key, title, kind, aggregation, rubric, advancement| {
        let (opens, closes) = window(index);
        StagePlan {
            key,
            title,
            kind,
            opens,
            closes,
            aggregation,
            rubric,
            advancement,
        }
    };
    [
        plan(
            0,
            "seleksi",
            "Seleksi administrasi",
            StageKind::Screening,
            Aggregation::Mean,
            None,
            AdvancementRule::Manual,
        ),
        plan(
            1,
            "desk",
            "Penilaian proposal (desk evaluation)",
            StageKind::Scoring,
            Aggregation::Zscore,
            Some(Rubric::national_desk()),
            AdvancementRule::TopN { n: 2 },
        ),
        plan(
            2,
            "presentasi",
            "Presentasi dan wawancara",
            StageKind::Scoring,
            Aggregation::Mean,
            Some(Rubric::national_presentation()),
            AdvancementRule::TopN { n: 1 },
        ),
        plan(
            3,
            "sanggah",
            "Masa sanggah",
            StageKind::Objection,
            Aggregation::Mean,
            None,
            AdvancementRule::Manual,
        ),
    ]
}

/// Which edition: its record key, URL slug and title.
pub(super) struct EditionName<'a> {
    pub(super) key: &'a str,
    pub(super) slug: String,
    pub(super) title: String,
}

impl EditionName<'_> {
    /// The city's yearly competition.
    pub(super) fn kipp(key: &str, year: i16) -> EditionName<'_> {
        EditionName {
            key,
            slug: format!("kipp-malang-{year}"),
            title: format!("Kompetisi Inovasi Pelayanan Publik Kota Malang {year}"),
        }
    }
}

pub(super) async fn create_edition(
    db: &Db,
    demo: &DemoFile,
    name: EditionName<'_>,
    year: i16,
    submission: (Timestamp, Timestamp),
    published: bool,
    stages: &[StagePlan],
) -> Result<(), AppError> {
    editions::create(
        db,
        &NewEdition {
            key: Some(EditionId::from(name.key)),
            slug: name.slug,
            year: i32::from(year),
            title: name.title,
            time_zone: "Asia/Jakarta".into(),
            groups: Group::ALL.to_vec(),
            categories: demo.categories.clone(),
            submission_opens_at: Some(submission.0),
            submission_closes_at: Some(submission.1),
            results_published: published,
        },
    )
    .await?;
    let key = name.key;
    for (position, plan) in stages.iter().enumerate() {
        editions::add_stage(
            db,
            &EditionId::from(key),
            &super::stage_of(key, plan.key),
            &StageRecord {
                id: StageId::default(),
                key: plan.key.into(),
                title: plan.title.into(),
                kind: plan.kind,
                position: i64::try_from(position).unwrap_or(0),
                opens_at: plan.opens,
                closes_at: plan.closes,
            },
            plan.rubric.as_ref(),
            plan.aggregation,
            &plan.advancement,
        )
        .await?;
    }
    Ok(())
}

/// The panel hears finalists in person: the presentation stage gets a console,
/// chaired by the first judge.
pub(super) async fn chair_presentations(
    db: &Db,
    edition: &str,
    judges: &[UserId],
) -> Result<(), AppError> {
    presentation::make_presentation(
        db,
        &super::stage_of(edition, "presentasi"),
        judges.first(),
        &[],
        domain::presentation::Slot::default(),
    )
    .await?;
    Ok(())
}

pub(super) fn entry_for(
    edition: &str,
    innovation: &DemoInnovation,
    state: EntryStatus,
) -> NewEntry {
    NewEntry {
        key: EntryId::from(format!("{edition}-{}", innovation.key)),
        edition: EditionId::from(edition),
        innovation: innovation.key.clone(),
        org: innovation.org.clone(),
        title: innovation.title.clone(),
        group: innovation.group,
        category: innovation.category.clone(),
        state,
        sections: serde_json::to_value(&innovation.sections).unwrap_or_default(),
        video_url: innovation.video_url.clone(),
    }
}

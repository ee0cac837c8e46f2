//! Last year's edition: fully judged by the scoring engine and published.

use super::at;
use super::content::{DemoFile, DemoInnovation};
use super::editions::{EditionName, chair_presentations, create_edition, entry_for, stage_plans};
use super::sheets::{panel, sheet_values, values_json};
use crate::backend::db::Db;
use crate::backend::live::LiveUpdates;
use crate::backend::mail::outgoing::Announce;
use crate::backend::public_cache::PublicCache;
use crate::backend::repo::composition;
use crate::backend::repo::demo::{self as repo, Shown};
use crate::backend::repo::entries;
use crate::backend::repo::judging::{self, NewSheet};
use crate::backend::service::advancement::{self, Decision};
use crate::backend::service::{onward, publication};
use crate::error::AppError;
use crate::model::OnwardForm;
use domain::composition::CompositionRules;
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::SheetState;
use domain::scoring::StageKey;
use domain::scoring::{
    AdvancementRule, Aggregation, EntryId, Rubric, StageEntry, StageSheet, decide_advancement,
    evaluate_stage,
};
use domain::stage::PublicationScope;
use jiff::Timestamp;
use jiff::tz::TimeZone;

pub(super) async fn load_past_edition(
    db: &Db,
    demo: &DemoFile,
    innovations: &[&DemoInnovation],
    judges: &[UserId],
    now: Timestamp,
) -> Result<(), AppError> {
    let year = now.to_zoned(TimeZone::UTC).year() - 1;
    let key = "kipp-lalu";
    let stages = stage_plans(
        now,
        [(-330, -320), (-318, -300), (-295, -293), (-290, -285)],
    );
    create_edition(
        db,
        demo,
        EditionName::kipp(key, year),
        year,
        (at(now, -365, 8), at(now, -335, 16)),
        true,
        &stages,
    )
    .await?;
    // Entrants read the judges' remarks on last year's entries.
    repo::turn_on(db, &EditionId::from(key), Shown::Feedback).await?;
    chair_presentations(db, key, judges).await?;
    // Desk: three judges per entry, all submitted; z-scores, best two per category.
    let desk = Rubric::national_desk();
    let entries_in: Vec<StageEntry> = innovations
        .iter()
        .map(|innovation| {
            StageEntry::new(
                &format!("{key}-{}", innovation.key),
                &innovation.category,
                &innovation.title,
            )
        })
        .collect();
    let mut desk_sheets = Vec::new();
    for (index, innovation) in innovations.iter().enumerate() {
        let entry = entry_for(key, innovation, EntryStatus::Submitted);
        entries::create(db, &entry).await?;
        for judge in panel(judges, index, 3) {
            let values = sheet_values(&desk, &entry.key, judge);
            submit(
                db,
                &super::stage_of(key, "desk"),
                &entry.key,
                judge,
                values_json(&values),
            )
            .await?;
            desk_sheets.push(StageSheet {
                entry: entry.key.as_str().into(),
                judge: judge.as_str().into(),
                values,
            });
        }
    }
    let finalists = advancing(&desk, Aggregation::Zscore, &entries_in, &desk_sheets, 2)?;

    // Presentation: every judge scores every finalist; the best one per category wins.
    let presentation = Rubric::national_presentation();
    let finals_in: Vec<StageEntry> = entries_in
        .iter()
        .filter(|entry| finalists.contains(&entry.entry))
        .cloned()
        .collect();
    let mut final_sheets = Vec::new();
    for entry in &finals_in {
        for judge in judges {
            let values = sheet_values(&presentation, &entry.entry, judge);
            submit(
                db,
                &super::stage_of(key, "presentasi"),
                &entry.entry,
                judge,
                values_json(&values),
            )
            .await?;
            final_sheets.push(StageSheet {
                entry: entry.entry.clone(),
                judge: judge.as_str().into(),
                values,
            });
        }
    }
    let winners = advancing(
        &presentation,
        Aggregation::Mean,
        &finals_in,
        &final_sheets,
        1,
    )?;
    // The committee's decisions and the publication go through the same
    // services as in the console, so the demo shows exactly what they record.
    let slug = format!("kipp-malang-{year}");
    let decided = at(now, -292, 10);
    decide(db, &slug, &StageKey::from("desk"), &finalists, decided).await?;
    decide(db, &slug, &StageKey::from("presentasi"), &winners, decided).await?;
    for entry in &finals_in {
        let state = if winners.contains(&entry.entry) {
            EntryStatus::Winner
        } else {
            EntryStatus::NotSelected
        };
        entries::set_state(db, &entry.entry, state).await?;
    }
    // The committee checked the winner set against two rules; had it broken
    // one, this is the reason it would have given (kept only then).
    composition::set_rules(
        db,
        &EditionId::from(key),
        &CompositionRules {
            max_winners_per_organisation: None,
            winner_in_every_category: true,
            replication_below_original: true,
        },
    )
    .await?;
    // The demo loads before anything is served: no page is kept yet.
    let nothing_kept = PublicCache::default();
    publication::publish(
        db,
        &nothing_kept,
        None,
        (&slug, &PublicationScope::Final),
        Some("Peringkat panel juri ditetapkan apa adanya."),
        Announce::Quietly,
        at(now, -284, 10),
    )
    .await?;
    // Two winners went on: one as far as the nation's Top 45 this year.
    let recorded = at(now, -30, 10);
    let outcomes = [
        (0, "provinsi", "Top 10 KOVABLIK", year),
        (0, "nasional", "Top 45", year + 1),
        (1, "provinsi", "Top 30 KOVABLIK", year),
    ];
    for (winner, level, award, in_year) in outcomes {
        let Some(entry) = winners.get(winner) else {
            continue;
        };
        let typed = OnwardForm {
            level: level.into(),
            award: award.into(),
            year: in_year.to_string(),
        };
        onward::record(db, &nothing_kept, None, (&slug, entry), &typed, recorded).await?;
    }
    Ok(())
}

/// Applies a stage's advancement as its rule gives (`advancing`).
async fn decide(
    db: &Db,
    slug: &str,
    stage: &StageKey,
    advancing: &[EntryId],
    now: Timestamp,
) -> Result<(), AppError> {
    let decision = Decision {
        advance: advancing.iter().cloned().collect(),
        ..Decision::default()
    };
    // The demo loads before anything is served: no dashboard listens yet.
    let nobody_listens = LiveUpdates::default();
    advancement::apply(db, &nobody_listens, None, (slug, stage), &decision, now).await?;
    Ok(())
}

/// The entries that the scoring engine advances under `top_n = n`.
pub(super) fn advancing(
    rubric: &Rubric,
    aggregation: Aggregation,
    entries: &[StageEntry],
    sheets: &[StageSheet],
    n: u32,
) -> Result<Vec<EntryId>, AppError> {
    let internal = |error: String| {
        tracing::error!(%error, "the demo's generated sheets do not score");
        AppError::Internal
    };
    let result = evaluate_stage(rubric, aggregation, entries, sheets)
        .map_err(|error| internal(error.to_string()))?;
    let decisions = decide_advancement(&AdvancementRule::TopN { n }, &result.ranking, None)
        .map_err(|error| internal(error.to_string()))?;
    Ok(decisions
        .into_iter()
        .filter(|decision| decision.advanced)
        .map(|decision| decision.entry)
        .collect())
}

pub(super) async fn submit(
    db: &Db,
    stage: &StageId,
    entry: &EntryId,
    judge: &UserId,
    values: serde_json::Value,
) -> Result<(), AppError> {
    judging::assign(db, stage, entry, judge).await?;
    judging::put_sheet(
        db,
        &NewSheet {
            stage: stage.to_owned(),
            entry: entry.to_owned(),
            judge: judge.to_owned(),
            values,
            comment: demo_comment(&format!("{stage}/{entry}/{judge}")).to_owned(),
            state: SheetState::Submitted,
        },
    )
    .await?;
    Ok(())
}

/// A judge's overall remark, as last year's entrants read them (the edition
/// shares feedback once results are published).
fn demo_comment(seed: &str) -> &'static str {
    const REMARKS: [&str; 5] = [
        "Dampak terukur dengan baik; lengkapi data pembanding sebelum inovasi.",
        "Kolaborasi lintas OPD kuat. Rencana pendanaan jangka panjang perlu diperjelas.",
        "Ide sederhana dan mudah direplikasi; dokumentasi SOP patut dicontoh.",
        "Data pengguna meyakinkan, tetapi survei kepuasan belum menyebut jumlah responden.",
        "Keberlanjutan sudah didukung regulasi; perluas ke kelurahan lain.",
    ];
    let index = (super::sheets::unit(seed) * REMARKS.len() as f64) as usize;
    REMARKS[index.min(REMARKS.len() - 1)]
}

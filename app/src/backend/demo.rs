//! The demo: a Kota Malang-like competition in Bahasa Indonesia, loaded by
//! `juara serve --demo` into an empty database.
//!
//! Two editions, as DESIGN.md asks: last year's, fully judged, and this year's,
//! in progress (desk evaluation open, some sheets submitted, some drafts, nothing
//! published). Dates are placed relative to the day the demo is loaded, so the
//! demo always shows a live competition.
//!
//! Score sheets are generated, not hand-written: each entry has a "quality", each
//! judge a leniency, each criterion some noise, all drawn from a hash of the keys so
//! the same demo loads the same numbers every time.

use crate::backend::auth::password;
use crate::backend::db::Db;
use crate::backend::repo::editions::{self, NewEdition, StageRecord};
use crate::backend::repo::entries::{self, NewEntry};
use crate::backend::repo::innovations::{self, NewInnovation};
use crate::backend::repo::judging::{self, NewSheet};
use crate::backend::repo::organisations::{self, OrgFields};
use crate::backend::repo::presentation;
use crate::backend::repo::users::{self, NewUser};
use crate::error::AppError;
use crate::model::CategoryView;
use domain::scoring::{
    AdvancementRule, Aggregation, EntryId, Rubric, SheetValues, StageEntry, StageSheet,
    decide_advancement, evaluate_stage,
};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The demo content, written by hand in Bahasa Indonesia.
const DEMO_JSON: &str = include_str!("demo/malang.json");

#[derive(Debug, Deserialize)]
struct DemoFile {
    password: String,
    organisations: Vec<DemoOrg>,
    users: Vec<DemoUser>,
    categories: Vec<CategoryView>,
    innovations: Vec<DemoInnovation>,
}

#[derive(Debug, Deserialize)]
struct DemoOrg {
    key: String,
    name: String,
    kind: String,
    parent: Option<String>,
}

/// A demo account, as listed at start and in the README.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoUser {
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role keys.
    pub roles: Vec<String>,
    /// Organisation key.
    pub org: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DemoInnovation {
    key: String,
    title: String,
    org: String,
    started_on: String,
    digital: bool,
    sdgs: Vec<u8>,
    category: String,
    group: String,
    replicated_from: Option<String>,
    awards: serde_json::Value,
    sections: BTreeMap<String, String>,
    video_url: Option<String>,
}

/// What was loaded, for the start-up message.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// The shared demo password.
    pub password: String,
    /// One account per role worth trying.
    pub accounts: Vec<DemoUser>,
}

/// A rubric as stored on a stage (a flat list of criteria).
fn rubric_json(rubric: &Rubric) -> serde_json::Value {
    serde_json::to_value(rubric).unwrap_or_default()
}

/// A stable pseudo-random number in 0..1 from a string (FNV-1a).
fn unit(seed: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % 10_000) as f64 / 10_000.0
}

/// One judge's values for an entry: quality + leniency + noise, clamped to the
/// scale and rounded to its step.
fn sheet_values(rubric: &Rubric, entry: &str, judge: &str) -> SheetValues {
    let quality = 62.0 + unit(entry) * 30.0;
    let leniency = (unit(judge) - 0.5) * 10.0;
    rubric
        .criteria()
        .iter()
        .map(|criterion| {
            let noise = (unit(&format!("{entry}/{judge}/{}", criterion.key.as_str())) - 0.5) * 12.0;
            let value = (quality + leniency + noise)
                .round()
                .clamp(criterion.scale.min, criterion.scale.max);
            (criterion.key.clone(), value)
        })
        .collect()
}

fn values_json(values: &SheetValues) -> serde_json::Value {
    serde_json::to_value(values).unwrap_or_default()
}

fn demo() -> Result<DemoFile, AppError> {
    serde_json::from_str(DEMO_JSON).map_err(|error| {
        tracing::error!(%error, "the bundled demo data does not parse");
        AppError::Internal
    })
}

/// A local date-time in Asia/Jakarta, `days` from `now`'s date, at `hour`.
fn at(now: Timestamp, days: i64, hour: i8) -> Timestamp {
    let zone = TimeZone::get("Asia/Jakarta").unwrap_or(TimeZone::UTC);
    let date = now.to_zoned(zone.clone()).date();
    date.checked_add(days.days())
        .ok()
        .and_then(|day| day.at(hour, 0, 0, 0).to_zoned(zone).ok())
        .map_or(now, |zoned| zoned.timestamp())
}

/// Loads the demo into `db` when it holds no account yet; answers what it loaded,
/// or `None` when the database was not empty.
#[tracing::instrument(skip_all, err)]
pub async fn load_if_empty(db: &Db, now: Timestamp) -> Result<Option<DemoSummary>, AppError> {
    if users::count(db).await? > 0 || organisations::count(db).await? > 0 {
        return Ok(None);
    }
    let demo = demo()?;
    load_organisations(db, &demo).await?;
    load_users(db, &demo).await?;
    for innovation in &demo.innovations {
        innovations::create(
            db,
            &NewInnovation {
                key: innovation.key.clone(),
                title: innovation.title.clone(),
                org: innovation.org.clone(),
                started_on: innovation.started_on.clone(),
                digital: innovation.digital,
                sdgs: innovation.sdgs.clone(),
                awards: innovation.awards.clone(),
                replicated_from: innovation.replicated_from.clone(),
            },
        )
        .await?;
    }
    let judges: Vec<String> = demo
        .users
        .iter()
        .filter(|user| user.roles.iter().any(|role| role == "judge"))
        .map(|user| user_key(&user.email))
        .collect();
    let (past, current) = split_innovations(&demo);
    load_past_edition(db, &demo, &past, &judges, now).await?;
    load_current_edition(db, &demo, &current, &judges, now).await?;
    // Written last: a demo interrupted half-way is not taken for a loaded one.
    crate::backend::records::execute(db, "UPSERT schema_meta:demo SET version = 1;", Vec::new())
        .await?;
    Ok(Some(summary_of(demo)))
}

/// Whether this database holds the complete demo (its sign-in details may be shown).
pub async fn is_loaded(db: &Db) -> Result<bool, AppError> {
    let rows: Vec<i64> = crate::backend::records::query_rows(
        db,
        "SELECT VALUE version FROM schema_meta:demo;",
        Vec::new(),
        0,
    )
    .await?;
    Ok(!rows.is_empty())
}

/// The demo's sign-in details, without loading anything.
pub fn summary() -> Result<DemoSummary, AppError> {
    demo().map(summary_of)
}

fn summary_of(demo: DemoFile) -> DemoSummary {
    let accounts = [
        "panitia@",
        "inspektorat@",
        "koordinator.dinkes@",
        "inovator.janti@",
        "juri1@",
    ]
    .iter()
    .filter_map(|prefix| {
        demo.users
            .iter()
            .find(|user| user.email.starts_with(prefix))
            .cloned()
    })
    .collect();
    DemoSummary {
        password: demo.password,
        accounts,
    }
}

async fn load_organisations(db: &Db, demo: &DemoFile) -> Result<(), AppError> {
    let rows: Vec<(String, OrgFields)> = demo
        .organisations
        .iter()
        .map(|org| {
            (
                org.key.clone(),
                OrgFields {
                    name: org.name.clone(),
                    kind: org.kind.clone(),
                    parent: org.parent.clone(),
                },
            )
        })
        .collect();
    organisations::create_all(db, &rows).await?;
    Ok(())
}

/// Demo account keys derive from the e-mail so that sheets can name their judge.
fn user_key(email: &str) -> String {
    email.split('@').next().unwrap_or(email).replace('.', "-")
}

async fn load_users(db: &Db, demo: &DemoFile) -> Result<(), AppError> {
    // One hash for all demo accounts: hashing 40 passwords would add seconds to start.
    let hash = password::hash_off_executor(demo.password.clone())
        .await
        .map_err(|_| AppError::Internal)?;
    for user in &demo.users {
        users::create(
            db,
            &NewUser {
                key: Some(user_key(&user.email)),
                email: user.email.clone(),
                name: user.name.clone(),
                password_hash: Some(hash.clone()),
                roles: user.roles.clone(),
                org: user.org.clone(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Last year's edition gets every other innovation; this year's gets the rest,
/// always including *Brexit* and the `khusus` entries (past winners).
fn split_innovations(demo: &DemoFile) -> (Vec<&DemoInnovation>, Vec<&DemoInnovation>) {
    let (past, current): (Vec<_>, Vec<_>) =
        demo.innovations
            .iter()
            .enumerate()
            .partition(|(index, innovation)| {
                innovation.key != "brexit" && innovation.group != "khusus" && index % 2 == 1
            });
    (strip(past), strip(current))
}

fn strip(list: Vec<(usize, &DemoInnovation)>) -> Vec<&DemoInnovation> {
    list.into_iter().map(|(_, innovation)| innovation).collect()
}

struct StagePlan {
    key: &'static str,
    title: &'static str,
    kind: &'static str,
    opens: Timestamp,
    closes: Timestamp,
    aggregation: &'static str,
    rubric: serde_json::Value,
    advancement: serde_json::Value,
}

/// The four stages of a demo edition — screening, desk evaluation, presentation,
/// objection window — opening and closing on the given days from `now` (08.00 to
/// 16.00, Asia/Jakarta).
fn stage_plans(now: Timestamp, days: [(i64, i64); 4]) -> [StagePlan; 4] {
    let window = |index: usize| (at(now, days[index].0, 8), at(now, days[index].1, 16));
    let manual = || serde_json::json!({"rule": "manual"});
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
            "screening",
            "mean",
            serde_json::json!([]),
            manual(),
        ),
        plan(
            1,
            "desk",
            "Penilaian proposal (desk evaluation)",
            "scoring",
            "zscore",
            rubric_json(&Rubric::national_desk()),
            serde_json::json!({"rule": "top_n", "n": 2}),
        ),
        plan(
            2,
            "presentasi",
            "Presentasi dan wawancara",
            "scoring",
            "mean",
            rubric_json(&Rubric::national_presentation()),
            serde_json::json!({"rule": "top_n", "n": 1}),
        ),
        plan(
            3,
            "sanggah",
            "Masa sanggah",
            "objection",
            "mean",
            serde_json::json!([]),
            manual(),
        ),
    ]
}

async fn create_edition(
    db: &Db,
    demo: &DemoFile,
    key: &str,
    year: i16,
    submission: (Timestamp, Timestamp),
    published: bool,
    stages: &[StagePlan],
) -> Result<(), AppError> {
    editions::create(
        db,
        &NewEdition {
            key: Some(key.to_owned()),
            slug: format!("kipp-malang-{year}"),
            year: i32::from(year),
            title: format!("Kompetisi Inovasi Pelayanan Publik Kota Malang {year}"),
            time_zone: "Asia/Jakarta".into(),
            groups: vec!["umum".into(), "replikasi".into(), "khusus".into()],
            categories: demo.categories.clone(),
            submission_opens_at: Some(submission.0),
            submission_closes_at: Some(submission.1),
            results_published: published,
        },
    )
    .await?;
    for (position, plan) in stages.iter().enumerate() {
        editions::add_stage(
            db,
            key,
            &format!("{key}-{}", plan.key),
            &StageRecord {
                id: String::new(),
                key: plan.key.into(),
                title: plan.title.into(),
                kind: plan.kind.into(),
                position: i64::try_from(position).unwrap_or(0),
                opens_at: plan.opens,
                closes_at: plan.closes,
            },
            &plan.rubric,
            plan.aggregation,
            &plan.advancement,
        )
        .await?;
    }
    Ok(())
}

/// The panel hears finalists in person: the presentation stage gets a console,
/// chaired by the first judge.
async fn chair_presentations(db: &Db, edition: &str, judges: &[String]) -> Result<(), AppError> {
    presentation::make_presentation(
        db,
        &format!("{edition}-presentasi"),
        judges.first().map(String::as_str),
        &[],
        domain::presentation::Slot::default(),
    )
    .await?;
    Ok(())
}

fn entry_for(edition: &str, innovation: &DemoInnovation, state: &str) -> NewEntry {
    NewEntry {
        key: format!("{edition}-{}", innovation.key),
        edition: edition.to_owned(),
        innovation: innovation.key.clone(),
        org: innovation.org.clone(),
        title: innovation.title.clone(),
        group: innovation.group.clone(),
        category: innovation.category.clone(),
        state: state.to_owned(),
        sections: serde_json::to_value(&innovation.sections).unwrap_or_default(),
        video_url: innovation.video_url.clone(),
    }
}

/// `count` judges for an entry, rotating through the panel so the load is even.
fn panel(judges: &[String], index: usize, count: usize) -> Vec<&String> {
    (0..count.min(judges.len()))
        .map(|offset| &judges[(index + offset) % judges.len()])
        .collect()
}

async fn load_past_edition(
    db: &Db,
    demo: &DemoFile,
    innovations: &[&DemoInnovation],
    judges: &[String],
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
        key,
        year,
        (at(now, -365, 8), at(now, -335, 16)),
        true,
        &stages,
    )
    .await?;
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
        let entry = entry_for(key, innovation, "submitted");
        entries::create(db, &entry).await?;
        for judge in panel(judges, index, 3) {
            let values = sheet_values(&desk, &entry.key, judge);
            submit(
                db,
                &format!("{key}-desk"),
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
            let values = sheet_values(&presentation, entry.entry.as_str(), judge);
            submit(
                db,
                &format!("{key}-presentasi"),
                entry.entry.as_str(),
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
    for entry in &entries_in {
        let state = if winners.contains(&entry.entry) {
            "winner"
        } else if finalists.contains(&entry.entry) {
            "not_selected"
        } else {
            "eliminated"
        };
        entries::set_state(db, entry.entry.as_str(), state).await?;
    }
    Ok(())
}

/// The entries that the scoring engine advances under `top_n = n`.
fn advancing(
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

async fn submit(
    db: &Db,
    stage: &str,
    entry: &str,
    judge: &str,
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
            comment: String::new(),
            state: "submitted".into(),
        },
    )
    .await?;
    Ok(())
}

async fn load_current_edition(
    db: &Db,
    demo: &DemoFile,
    innovations: &[&DemoInnovation],
    judges: &[String],
    now: Timestamp,
) -> Result<(), AppError> {
    let year = now.to_zoned(TimeZone::UTC).year();
    let key = "kipp-kini";
    let stages = stage_plans(now, [(-20, -10), (-7, 9), (14, 16), (18, 23)]);
    create_edition(
        db,
        demo,
        key,
        year,
        (at(now, -60, 8), at(now, -22, 16)),
        false,
        &stages,
    )
    .await?;
    chair_presentations(db, key, judges).await?;
    let rubric = Rubric::national_desk();
    let stage = format!("{key}-desk");
    for (index, innovation) in innovations.iter().enumerate() {
        // A few entries are still with their organisation, to show the entrant flow.
        let state = match index % 9 {
            0 if innovation.key != "brexit" => "draft",
            4 => "endorsed",
            _ => "screened_in",
        };
        let entry = entry_for(key, innovation, state);
        entries::create(db, &entry).await?;
        if state != "screened_in" {
            continue;
        }
        for (seat, judge) in panel(judges, index, 3).into_iter().enumerate() {
            judging::assign(db, &stage, &entry.key, judge).await?;
            // Roughly half the sheets are in: some submitted, some still drafts.
            let progress = unit(&format!("{}/{judge}", entry.key));
            if progress < 0.45 || seat == 0 && progress < 0.6 {
                let values = values_json(&sheet_values(&rubric, &entry.key, judge));
                let state = if progress < 0.35 {
                    "submitted"
                } else {
                    "draft"
                };
                judging::put_sheet(
                    db,
                    &NewSheet {
                        stage: stage.clone(),
                        entry: entry.key.clone(),
                        judge: judge.clone(),
                        values,
                        comment: String::new(),
                        state: state.into(),
                    },
                )
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_demo_parses_and_references_resolve() {
        let demo = demo().expect("demo parses");
        let orgs: Vec<&str> = demo
            .organisations
            .iter()
            .map(|org| org.key.as_str())
            .collect();
        assert!(demo.organisations.len() >= 20);
        assert!(demo.innovations.len() >= 30);
        for innovation in &demo.innovations {
            assert!(
                orgs.contains(&innovation.org.as_str()),
                "{}",
                innovation.key
            );
            assert!(
                demo.categories.iter().any(|c| c.key == innovation.category),
                "{}",
                innovation.key
            );
        }
        assert!(demo.innovations.iter().any(|i| i.key == "brexit"));
        assert!(
            demo.innovations
                .iter()
                .any(|i| i.title.contains("Sepasar Pedas"))
        );
    }

    #[test]
    fn generated_sheets_are_complete_and_on_the_scale() {
        let rubric = Rubric::national_presentation();
        let values = sheet_values(&rubric, "entry", "judge");
        assert_eq!(values.len(), 6);
        let total = domain::scoring::sheet_total(&rubric, &values).expect("a complete sheet");
        assert!((0.0..=100.0).contains(&total));
    }
}

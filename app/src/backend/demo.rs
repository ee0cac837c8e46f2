//! The demo: a Kota Malang-like competition in Bahasa Indonesia, loaded by
//! `juara serve --demo` into an empty database.
//!
//! Two editions, as DESIGN.md asks: last year's, fully judged, and this year's,
//! in progress (desk evaluation open, some sheets submitted, some drafts, nothing
//! published); and a third open for entries, for the entrant flow. Dates are placed relative to the day the demo is loaded, so the
//! demo always shows a live competition.
//!
//! Score sheets are generated, not hand-written: each entry has a "quality", each
//! judge a leniency, each criterion some noise, all drawn from a hash of the keys so
//! the same demo loads the same numbers every time.

mod content;
mod current;
mod editions;
mod field;
mod open;
mod past;
mod sheets;

use crate::backend::auth::password;
use crate::backend::db::Db;
use crate::backend::repo::innovations::{self, NewInnovation};
use crate::backend::repo::organisations::{self, OrgFields};
use crate::backend::repo::users::{self, NewUser};
use crate::error::AppError;
use content::{DemoFile, demo, split_innovations};
use current::load_current_edition;
use domain::ids::OrgId;
use domain::ids::{StageId, UserId};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use past::load_past_edition;

pub use content::DemoUser;

/// What was loaded, for the start-up message.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// The shared demo password.
    pub password: String,
    /// One account per role worth trying.
    pub accounts: Vec<DemoUser>,
}

/// The demo's stage `key` of edition `edition`: its record key is both.
pub(super) fn stage_of(edition: &str, key: &str) -> StageId {
    StageId::from(format!("{edition}-{key}"))
}

/// A local date-time in Asia/Jakarta, `days` from `now`'s date, at `hour`.
pub(super) fn at(now: Timestamp, days: i64, hour: i8) -> Timestamp {
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
    let judges: Vec<UserId> = demo
        .users
        .iter()
        .filter(|user| user.roles.iter().any(|role| role == "judge"))
        .map(|user| UserId::from(user_key(&user.email)))
        .collect();
    let (past, current) = split_innovations(&demo);
    load_past_edition(db, &demo, &past, &judges, now).await?;
    load_current_edition(db, &demo, &current, &judges, now).await?;
    open::load_open_edition(db, &demo, now).await?;
    // Written last: a demo interrupted half-way is not taken for a loaded one.
    crate::backend::repo::demo::mark_loaded(db).await?;
    Ok(Some(summary_of(demo)))
}

/// Whether this database holds the complete demo (its sign-in details may be shown).
pub async fn is_loaded(db: &Db) -> Result<bool, AppError> {
    Ok(crate::backend::repo::demo::is_loaded(db).await?)
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
    let rows: Vec<(OrgId, OrgFields)> = demo
        .organisations
        .iter()
        .map(|org| {
            (
                org.key.clone(),
                OrgFields {
                    name: org.name.clone(),
                    kind: org.kind,
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

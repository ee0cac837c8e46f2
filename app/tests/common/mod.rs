//! The fixture the judging and presentation tests share: one edition with one
//! scoring stage (national desk rubric, a week long), one entry, two judges of
//! whom only `juri1` is assigned.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]
#![allow(dead_code, reason = "each test module uses a part")]

pub mod entrants;
pub mod scored;
pub mod smtp;

use app::backend::db::{self, Db};
use app::backend::live::LiveUpdates;
use app::backend::repo::editions::{self, NewEdition, StageRecord};
use app::backend::repo::entries::{self, NewEntry};
use app::backend::repo::innovations::{self, NewInnovation};
use app::backend::repo::judging;
use app::backend::repo::organisations::{self, OrgFields};
use app::backend::repo::users::{self, NewUser};
use domain::entry_state::EntryStatus;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use domain::ids::OrgId;
use domain::ids::StageId;
use domain::ids::UserId;
use domain::scoring::Rubric;
use jiff::{SignedDuration, Timestamp};

pub const STAGE: &str = "desk";

/// The fixture's edition's slug.
pub const SLUG: &str = "kipp-2026";

/// The site's address, as links in messages start.
pub const SITE: &str = "https://juara.example";

/// Publishes the fixture's desk stage's results after its window, as the
/// committee does; the publication.
pub async fn publish_desk(db: &Db) -> app::model::PublicationRow {
    app::backend::service::publication::publish(
        db,
        &app::backend::public_cache::PublicCache::default(),
        None,
        (SLUG, &STAGE.into()),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        after(),
    )
    .await
    .unwrap()
}
/// Publishes the fixture edition's final results after the window, quietly.
pub async fn publish_final(db: &Db) {
    app::backend::service::publication::publish(
        db,
        &app::backend::public_cache::PublicCache::default(),
        None,
        (SLUG, &domain::stage::PublicationScope::Final),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        after(),
    )
    .await
    .unwrap();
}

/// An evidence store in a folder of its own under the temporary directory,
/// and that folder (for the test to remove).
pub fn evidence_store() -> (
    app::backend::evidence_store::EvidenceStore,
    std::path::PathBuf,
) {
    let dir = std::env::temp_dir().join(format!(
        "juara-evidence-test-{}-{}",
        std::process::id(),
        app::backend::records::new_key()
    ));
    (app::backend::evidence_store::EvidenceStore::new(&dir), dir)
}

/// The fixture's entry.
/// The fixture's desk stage as a record (its record key is its key).
pub static STAGE_ID: std::sync::LazyLock<StageId> =
    std::sync::LazyLock::new(|| StageId::from(STAGE));
pub static ENTRY: std::sync::LazyLock<EntryId> = std::sync::LazyLock::new(|| EntryId::from("e1"));

pub fn opens() -> Timestamp {
    "2026-03-01T01:00:00Z".parse().unwrap()
}

pub fn during() -> Timestamp {
    opens() + SignedDuration::from_hours(24)
}

/// An hour after the desk stage closed: when advancement may be decided.
pub fn after() -> Timestamp {
    closes() + SignedDuration::from_hours(1)
}

pub fn closes() -> Timestamp {
    opens() + SignedDuration::from_hours(24 * 7)
}

/// One edition, one desk stage (national rubric, a week long), one entry, two
/// judges of whom only `juri1` is assigned.
pub async fn fixture() -> Db {
    let db = db::open_for_tests().await.unwrap();
    let org = organisations::create(
        &db,
        Some(&OrgId::from("dinkes")),
        &OrgFields {
            name: "Dinas Kesehatan".into(),
            kind: domain::organisation::OrgKind::Pd,
            parent: None,
        },
    )
    .await
    .unwrap();
    for judge in ["juri1", "juri2"] {
        users::create(
            &db,
            &NewUser {
                key: Some(judge.into()),
                email: format!("{judge}@juara.test"),
                name: judge.into(),
                password_hash: None,
                roles: vec!["judge".into()],
                org: None,
            },
        )
        .await
        .unwrap();
    }
    editions::create(
        &db,
        &NewEdition {
            key: Some("kipp".into()),
            slug: "kipp-2026".into(),
            year: 2026,
            title: "KIPP 2026".into(),
            time_zone: "Asia/Jakarta".into(),
            groups: vec![domain::edition::Group::Umum],
            categories: vec![],
            submission_opens_at: None,
            submission_closes_at: None,
            results_published: false,
        },
    )
    .await
    .unwrap();
    let stage = StageRecord {
        id: StageId::default(),
        key: STAGE.into(),
        title: "Desk".into(),
        kind: domain::stage::StageKind::Scoring,
        position: 0,
        opens_at: opens(),
        closes_at: closes(),
    };
    editions::add_stage(
        &db,
        &EditionId::from("kipp"),
        &STAGE_ID,
        &stage,
        Some(&Rubric::national_desk()),
        domain::scoring::Aggregation::Mean,
        &domain::scoring::AdvancementRule::Manual,
    )
    .await
    .unwrap();
    innovations::create(
        &db,
        &NewInnovation {
            key: "i1".into(),
            title: "Brexit".into(),
            org: org.clone(),
            started_on: "2017-05-02".into(),
            digital: true,
            sdgs: vec![3],
            awards: serde_json::json!([]),
            replicated_from: None,
        },
    )
    .await
    .unwrap();
    entries::create(
        &db,
        &NewEntry {
            key: ENTRY.clone(),
            edition: "kipp".into(),
            innovation: "i1".into(),
            org,
            title: "Brexit".into(),
            group: domain::edition::Group::Umum,
            category: "kesehatan".into(),
            state: EntryStatus::ScreenedIn,
            sections: serde_json::json!({}),
            video_url: None,
        },
    )
    .await
    .unwrap();
    judging::assign(&db, &STAGE_ID, &ENTRY, &UserId::from("juri1"))
        .await
        .unwrap();
    db
}

/// Adds an account `key` (`KEY@juara.test`, named `key`) with `role`, in
/// organisation `org` when given.
pub async fn account(db: &Db, key: &str, role: &str, org: Option<&str>) {
    users::create(
        db,
        &NewUser {
            key: Some(key.into()),
            email: format!("{key}@juara.test"),
            name: key.into(),
            password_hash: None,
            roles: vec![role.into()],
            org: org.map(Into::into),
        },
    )
    .await
    .unwrap();
}

/// Saves `revision` as `judge`'s sheet of the fixture's entry, while its
/// stage is open.
pub async fn save_as(
    db: &Db,
    judge: &str,
    revision: app::model::SheetRevision,
) -> Result<app::model::SavedSheet, app::error::AppError> {
    save_at(db, judge, revision, during()).await
}

/// Saves `revision` as `judge`'s sheet of the fixture's entry at `at`.
pub async fn save_at(
    db: &Db,
    judge: &str,
    revision: app::model::SheetRevision,
    at: jiff::Timestamp,
) -> Result<app::model::SavedSheet, app::error::AppError> {
    app::backend::service::judging::save_sheet(
        db,
        &LiveUpdates::default(),
        &UserId::from(judge),
        &STAGE_ID,
        &ENTRY,
        revision,
        at,
    )
    .await
}

/// `judge` recuses themselves from the fixture's entry at `at`, saying `reason`.
pub async fn recuse_at(
    db: &Db,
    judge: &str,
    reason: &str,
    at: jiff::Timestamp,
) -> Result<(), app::error::AppError> {
    app::backend::service::judging::recuse(
        db,
        &LiveUpdates::default(),
        &UserId::from(judge),
        &STAGE_ID,
        &ENTRY,
        reason,
        at,
    )
    .await
}

/// A submitted revision giving every criterion of the national desk rubric
/// `value`, sent with idempotency key `key`.
pub fn submitted_at(value: f64, key: &str) -> app::model::SheetRevision {
    app::model::SheetRevision {
        values: Rubric::national_desk()
            .criteria()
            .iter()
            .map(|criterion| (criterion.key.as_str().to_owned(), value))
            .collect(),
        comments: std::collections::BTreeMap::new(),
        comment: String::new(),
        submit: true,
        base_revision: 0,
        idempotency_key: key.into(),
    }
}

/// Adds an entry `key` of the Dinas Kesehatan to the fixture's edition, in
/// `category` and `state`, with an innovation of its own.
pub async fn add_entry(db: &Db, key: &str, title: &str, category: &str, state: &str) {
    innovations::create(
        db,
        &NewInnovation {
            key: InnovationId::from(format!("i-{key}")),
            title: title.into(),
            org: "dinkes".into(),
            started_on: "2018-01-01".into(),
            digital: false,
            sdgs: vec![],
            awards: serde_json::json!([]),
            replicated_from: None,
        },
    )
    .await
    .unwrap();
    entries::create(
        db,
        &NewEntry {
            key: key.into(),
            edition: "kipp".into(),
            innovation: InnovationId::from(format!("i-{key}")),
            org: "dinkes".into(),
            title: title.into(),
            group: domain::edition::Group::Umum,
            category: category.into(),
            state: state.parse().unwrap(),
            sections: serde_json::json!({}),
            video_url: None,
        },
    )
    .await
    .unwrap();
}

/// The state of entry `entry`.
pub async fn state_of(db: &Db, entry: &str) -> String {
    use app::backend::records::{Binding, query_rows};
    let rows: Vec<String> = query_rows(
        db,
        "SELECT VALUE state FROM $entry;",
        app::binds![("entry", Binding::record("entry", entry))],
        0,
    )
    .await
    .unwrap();
    rows.into_iter().next().unwrap()
}

/// The actions of the newest `count` audit events, newest first.
pub async fn audited(db: &Db, count: usize) -> Vec<String> {
    app::backend::repo::audit::recent(db, count)
        .await
        .unwrap()
        .into_iter()
        .map(|event| event.action)
        .collect()
}

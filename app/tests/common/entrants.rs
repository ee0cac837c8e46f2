//! The entrant tests' fixture: an edition open for entries until 31 March 2026,
//! 23:59 in Jakarta (minimum two years running, one `umum` entry per
//! organisation), a Puskesmas with an innovator and a coordinator, an admin, and
//! a coordinator of another organisation.

use app::backend::db::{self, Db};
use app::backend::records::{Binding, execute};
use app::backend::repo::editions::{self, NewEdition};
use app::backend::repo::organisations::{self, OrgFields};
use app::backend::service::entering::{self, StartEntry};
use app::backend::service::proposals;
use app::binds;
use app::error::{AppError, Problem};
use app::model::{CategoryView, CurrentUser, DraftContent, DraftSave};
use domain::ids::EntryId;
use domain::ids::OrgId;
use domain::role::{Role, Roles};
use jiff::Timestamp;

/// Entries close 31 March 2026 at 23:59 in Jakarta, which is 16:59 UTC.
pub const CLOSES: &str = "2026-03-31T16:59:00Z";

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

pub fn before_close() -> Timestamp {
    at("2026-03-20T03:00:00Z")
}

pub fn user(id: &str, roles: &[Role], org: &str) -> CurrentUser {
    CurrentUser {
        id: id.into(),
        email: format!("{id}@juara.test"),
        name: id.into(),
        roles: Roles::new(roles.iter().copied()),
        org: Some(org.into()),
        org_name: None,
    }
}

pub fn innovator() -> CurrentUser {
    user("ina", &[Role::Innovator], "pkm")
}

pub fn coordinator() -> CurrentUser {
    user("kora", &[Role::Coordinator], "pkm")
}

pub fn admin() -> CurrentUser {
    user("panitia", &[Role::Admin], "bagor")
}

pub async fn fixture() -> Db {
    let db = db::open_for_tests().await.unwrap();
    for (key, name, kind) in [
        ("pkm", "Puskesmas Janti", "puskesmas"),
        ("bagor", "Bagian Organisasi", "pd"),
        ("rsud", "RSUD", "rsud"),
    ] {
        organisations::create(
            &db,
            Some(&OrgId::from(key)),
            &OrgFields {
                name: name.into(),
                kind: kind.parse().unwrap(),
                parent: None,
            },
        )
        .await
        .unwrap();
    }
    for (key, roles, org) in [
        ("ina", "innovator", "pkm"),
        ("kora", "coordinator", "pkm"),
        ("panitia", "admin", "bagor"),
        ("rudi", "coordinator", "rsud"),
    ] {
        execute(
            &db,
            "CREATE $id SET email = $email, name = $name, roles = [$role], org = $org;",
            binds![
                ("id", Binding::record("user", key)),
                ("email", Binding::of(&format!("{key}@juara.test"))),
                ("name", Binding::of(&key)),
                ("role", Binding::of(&roles)),
                ("org", Binding::record("organisation", org)),
            ],
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
            groups: domain::edition::Group::ALL.to_vec(),
            categories: vec![CategoryView {
                key: "kesehatan".into(),
                label: "Kesehatan".into(),
            }],
            submission_opens_at: Some(at("2026-03-01T01:00:00Z")),
            submission_closes_at: Some(at(CLOSES)),
            results_published: false,
        },
    )
    .await
    .unwrap();
    execute(
        &db,
        "UPDATE edition:kipp SET minimum_years = 2, quotas = { '*': { umum: 1 } };",
        Vec::new(),
    )
    .await
    .unwrap();
    db
}

pub fn new_innovation(title: &str, started_on: &str, group: &str) -> StartEntry {
    StartEntry {
        edition: "kipp".into(),
        title: title.into(),
        started_on: started_on.into(),
        group: group.into(),
        category: "kesehatan".into(),
        ..StartEntry::default()
    }
}

pub fn problems(error: &AppError) -> Vec<(String, Problem)> {
    match error {
        AppError::Invalid { fields, .. } => fields
            .iter()
            .map(|f| (f.field.clone(), f.problem.clone()))
            .collect(),
        other => panic!("expected a form error, got {other:?}"),
    }
}

/// A proposal that passes every check for `umum`.
pub fn complete() -> DraftContent {
    let mut content = DraftContent {
        declarations: true,
        ..DraftContent::default()
    };
    for key in [
        "ringkasan",
        "ide_inovatif",
        "signifikansi",
        "kontribusi_sdgs",
        "adaptabilitas",
        "keberlanjutan",
        "kolaborasi",
    ] {
        content
            .answers
            .insert(key.into(), format!("Teks untuk {key}."));
    }
    content.video_url = "https://youtu.be/dQw4w9WgXcQ".into();
    content
}

pub async fn started(db: &Db, title: &str) -> EntryId {
    entering::start(
        db,
        &innovator(),
        &new_innovation(title, "2020-01-15", "umum"),
        before_close(),
    )
    .await
    .unwrap()
}

pub async fn save(
    db: &Db,
    who: &CurrentUser,
    entry: &EntryId,
    base: i64,
    content: DraftContent,
    now: Timestamp,
) -> Result<i64, AppError> {
    proposals::save(
        db,
        who,
        &DraftSave {
            entry: entry.clone(),
            base_version: base,
            content,
        },
        now,
    )
    .await
    .map(|saved| saved.version)
}

/// The organisation's coordinator reviews `entry` before entries close.
pub async fn coordinator_reviews(
    db: &Db,
    entry: &EntryId,
    review: proposals::Review,
    comment: &str,
) -> Result<(), AppError> {
    proposals::review(
        db,
        &coordinator(),
        (entry, review, comment),
        super::SITE,
        before_close(),
    )
    .await
}

/// The organisation's coordinator endorses `entry`, then submits it.
pub async fn endorse_and_submit(db: &Db, entry: &EntryId) {
    coordinator_reviews(db, entry, proposals::Review::Endorse, "")
        .await
        .unwrap();
    coordinator_reviews(db, entry, proposals::Review::Submit, "")
        .await
        .unwrap();
}

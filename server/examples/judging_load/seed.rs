//! The seeding step: the demo edition plus the bench judges, each assigned to
//! every entry of the edition being judged. Run in a child process (this
//! program with `--seed-into`): the embedded database is locked by its
//! process until that process ends.

use super::{EDITION, PASSWORD, STAGE};
use app::backend::auth::password;
use app::backend::db;
use app::backend::records::{Binding, de_key, query_rows};
use app::backend::repo::judging;
use app::backend::repo::users::{self, NewUser};
use app::binds;
use serde::Deserialize;

#[derive(Deserialize)]
struct EntryKey {
    #[serde(deserialize_with = "de_key")]
    id: String,
}

/// What the seeding step hands the load: the entries every judge scores and
/// the slug of their edition (the one whose dashboard the probe listens to;
/// the demo has other unpublished editions, so it cannot be guessed).
#[derive(serde::Serialize, Deserialize)]
pub struct Seeded {
    pub entries: Vec<String>,
    pub judged_slug: String,
}

/// The demo edition plus the bench judges and their assignments.
pub async fn seed(url: &str, judges: usize) -> Seeded {
    let db = db::open_with(url, server_credentials(url).as_ref())
        .await
        .expect("open the bench database");
    app::backend::demo::load_if_empty(&db, jiff::Timestamp::now())
        .await
        .expect("load the demo edition");
    let entries: Vec<EntryKey> = query_rows(
        &db,
        "SELECT id FROM entry WHERE edition = $edition ORDER BY id;",
        binds![("edition", Binding::record("edition", EDITION))],
        0,
    )
    .await
    .expect("list the entries");
    let entries: Vec<String> = entries.into_iter().map(|entry| entry.id).collect();
    let judged_slug: Vec<String> = query_rows(
        &db,
        "SELECT VALUE slug FROM ONLY $edition;",
        binds![("edition", Binding::record("edition", EDITION))],
        0,
    )
    .await
    .expect("read the judged edition's slug");
    let judged_slug = judged_slug
        .into_iter()
        .next()
        .expect("the judged edition has a slug");
    // One hash for all: Argon2id verification is what sign-in measures, not this.
    let hash = password::hash(PASSWORD).expect("hash the bench password");
    for judge in 0..judges {
        let key = format!("bench-judge-{judge}");
        users::create(
            &db,
            &NewUser {
                key: Some(key.clone()),
                email: format!("bench.judge.{judge}@juara.test"),
                name: format!("Bench judge {judge}"),
                password_hash: Some(hash.clone()),
                roles: vec!["judge".into()],
                org: None,
            },
        )
        .await
        .expect("create a bench judge");
        for entry in &entries {
            judging::assign(
                &db,
                &domain::ids::StageId::from(STAGE),
                &domain::ids::EntryId::from(entry.as_str()),
                &domain::ids::UserId::from(key.as_str()),
            )
            .await
            .expect("assign a bench judge");
        }
    }
    Seeded {
        entries,
        judged_slug,
    }
}

/// The root user of the bench's SurrealDB server (none for the embedded engine).
pub fn server_credentials(url: &str) -> Option<db::Credentials> {
    url.starts_with("ws").then(|| db::Credentials {
        username: "root".into(),
        password: "root".into(),
    })
}

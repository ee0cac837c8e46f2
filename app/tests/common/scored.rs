//! The results fixture: the shared fixture's desk stage with three entries in
//! two categories and two judges on each, scored.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use super::{ENTRY, STAGE, STAGE_ID, add_entry, fixture};
use app::backend::db::Db;
use app::backend::records::execute;
use app::backend::repo::judging::{self, NewSheet};
use app::binds;
use domain::ids::EntryId;
use domain::ids::UserId;
use domain::scoring::Rubric;

/// Every criterion of the desk rubric at `value`: the sheet's total is `value`.
pub fn uniform(value: f64) -> serde_json::Value {
    Rubric::national_desk()
        .criteria()
        .iter()
        .map(|criterion| (criterion.key.as_str().to_owned(), serde_json::json!(value)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

pub async fn sheet(db: &Db, entry: &str, judge: &str, value: f64, state: &str) {
    judging::put_sheet(
        db,
        &NewSheet {
            stage: STAGE.into(),
            entry: EntryId::from(entry),
            judge: judge.into(),
            values: uniform(value),
            comment: String::new(),
            state: state.parse().unwrap(),
        },
    )
    .await
    .unwrap();
}

/// e1 (kesehatan): 90 and 80; e2 (kesehatan): 85 and 85 — tied with e1 on
/// every value; e3 (pendidikan): 70 by juri1, juri2's sheet still a draft.
/// The stage takes the best one per category.
pub async fn scored() -> Db {
    let db = fixture().await;
    add_entry(&db, "e2", "Sepasar Pedas", "kesehatan", "screened_in").await;
    add_entry(&db, "e3", "Sekolah Ramah", "pendidikan", "screened_in").await;
    for (entry, judge) in [
        ("e1", "juri2"),
        ("e2", "juri1"),
        ("e2", "juri2"),
        ("e3", "juri1"),
        ("e3", "juri2"),
    ] {
        judging::assign(&db, &STAGE_ID, &EntryId::from(entry), &UserId::from(judge))
            .await
            .unwrap();
    }
    sheet(&db, ENTRY.as_str(), "juri1", 90.0, "submitted").await;
    sheet(&db, ENTRY.as_str(), "juri2", 80.0, "submitted").await;
    sheet(&db, "e2", "juri1", 85.0, "submitted").await;
    sheet(&db, "e2", "juri2", 85.0, "submitted").await;
    sheet(&db, "e3", "juri1", 70.0, "submitted").await;
    sheet(&db, "e3", "juri2", 20.0, "draft").await;
    execute(
        &db,
        "UPDATE stage:desk SET advancement = { rule: 'top_n', n: 1 };",
        binds![],
    )
    .await
    .unwrap();
    db
}

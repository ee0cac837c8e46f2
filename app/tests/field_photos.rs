//! Field verification's photos: only the visit's team adds them, each is
//! stored once (a tablet sending one twice adds nothing), and each is checked
//! by its content, not by what the upload says it is.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::{account, after, evidence_store};
use crate::field::{user, visited};
use app::backend::repo::field as repo;
use app::backend::service::field_visit::{self, PhotoUpload};
use app::error::{AppError, Problem};
use domain::role::Role;

#[tokio::test]
async fn each_photo_is_stored_once_checked_by_content() {
    let (db, visit) = visited().await;
    let (store, folder) = evidence_store();
    let juri2 = user("juri2", Role::Judge);
    let jpeg = b"\xFF\xD8\xFF\xE0 foto papan nama";
    let photo = |id: &'static str, content: &'static [u8]| PhotoUpload {
        owner: "juri2",
        id,
        taken_at: Some("2026-03-20T02:15:00Z".parse().unwrap()),
        location: Some((-7.9666, 112.6326)),
        content,
    };
    // Two photos, each sent twice (the answer to the first send was lost).
    for id in ["foto-0001-a", "foto-0002-b", "foto-0001-a", "foto-0002-b"] {
        field_visit::add_photo(&db, &store, &juri2, &visit, &photo(id, jpeg), after())
            .await
            .unwrap();
    }
    let stored = repo::photos(&db, std::slice::from_ref(&visit))
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].latitude, Some(-7.9666));
    // Not an image, too short a key, a stranger: refused, nothing stored.
    let error = field_visit::add_photo(
        &db,
        &store,
        &juri2,
        &visit,
        &photo("foto-0003-c", b"%PDF-1.4"),
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.problem_for("photo"), Some(&Problem::UnsupportedFile));
    let error = field_visit::add_photo(&db, &store, &juri2, &visit, &photo("x", jpeg), after())
        .await
        .unwrap_err();
    assert_eq!(error.problem_for("photo"), Some(&Problem::BadKey));
    account(&db, "juri3", "judge", None).await;
    let error = field_visit::add_photo(
        &db,
        &store,
        &user("juri3", Role::Judge),
        &visit,
        &photo("foto-0004-d", jpeg),
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error, AppError::Forbidden);
    assert_eq!(
        repo::photos(&db, std::slice::from_ref(&visit))
            .await
            .unwrap()
            .len(),
        2
    );
    // On a shared tablet, a photo kept for juri2 is not stored as juri1's.
    let error = field_visit::add_photo(
        &db,
        &store,
        &user("juri1", Role::Judge),
        &visit,
        &photo("foto-0006-f", jpeg),
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error, AppError::Conflict(Problem::OtherAccount));
    // Another photo under a stored photo's key is refused, not stored over it.
    let error = field_visit::add_photo(
        &db,
        &store,
        &juri2,
        &visit,
        &photo("foto-0001-a", b"\xFF\xD8\xFF lain"),
        after(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.problem_for("photo"), Some(&Problem::Taken));
    // One account cannot fill the disk: a visit keeps a bounded number.
    for index in 2..field_visit::MAX_PHOTOS_PER_VISIT {
        let id = format!("foto-bulk-{index:04}");
        let upload = PhotoUpload {
            owner: "juri2",
            id: &id,
            taken_at: None,
            location: None,
            content: jpeg,
        };
        field_visit::add_photo(&db, &store, &juri2, &visit, &upload, after())
            .await
            .unwrap();
    }
    let error = field_visit::add_photo(
        &db,
        &store,
        &juri2,
        &visit,
        &photo("foto-0005-e", jpeg),
        after(),
    )
    .await
    .unwrap_err();
    assert!(matches!(
        error.problem_for("photo"),
        Some(Problem::TooManyPhotos { .. })
    ));
    // Read back by the team and the committee only.
    let address = field_visit::photo(&db, &juri2, &stored[0].id)
        .await
        .unwrap();
    assert_eq!(store.get(&address).await.unwrap(), jpeg);
    assert_eq!(
        field_visit::photo(&db, &user("juri3", Role::Judge), &stored[0].id)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    std::fs::remove_dir_all(folder).ok();
}

//! Accounts: created and invited to set their own password through a one-time
//! link, reset the same way, deactivated, imported from CSV all or nothing.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;

use app::backend::service::accounts;
use app::backend::service::people::{self, NewAccount};
use app::backend::state::Settings;
use app::error::{AppError, Problem};
use common::entrants::problems;
use common::{during, fixture};
use domain::ids::OrgId;
use domain::ids::UserId;

const PASSWORD: &str = "kata sandi yang panjang";
const SITE: &str = "https://juara.test";

fn coordinator() -> NewAccount {
    NewAccount {
        email: "Koordinator.Baru@Juara.test".into(),
        name: "Sari".into(),
        roles: vec!["coordinator".into(), "innovator".into()],
        org: "Dinas Kesehatan".into(),
    }
}

#[tokio::test]
async fn an_invited_person_sets_their_own_password_once() {
    let db = fixture().await;
    let mut bad = coordinator();
    bad.email = "bukan email".into();
    bad.roles = vec!["ketua".into()];
    bad.org = "Dinas Entah".into();
    let error = people::create(&db, &UserId::from("admin"), &bad, SITE, during())
        .await
        .unwrap_err();
    let fields: Vec<String> = problems(&error)
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["email", "roles", "org"]);

    let token = people::create(&db, &UserId::from("admin"), &coordinator(), SITE, during())
        .await
        .unwrap();
    let invitation = people::invitation(&db, &token, during()).await.unwrap();
    assert_eq!(invitation.email, "koordinator.baru@juara.test");
    let error = people::accept(&db, &token, PASSWORD, "lain", during())
        .await
        .unwrap_err();
    assert_eq!(
        problems(&error),
        [("repeated".into(), Problem::PasswordsDiffer)]
    );
    let error = people::accept(&db, &token, "pendek", "pendek", during())
        .await
        .unwrap_err();
    assert!(matches!(
        problems(&error)[0].1,
        Problem::PasswordTooShort { .. }
    ));
    people::accept(&db, &token, PASSWORD, PASSWORD, during())
        .await
        .unwrap();
    let signed_in = accounts::sign_in(
        &db,
        &Settings::default(),
        "koordinator.baru@juara.test",
        PASSWORD,
        during(),
    )
    .await
    .unwrap();
    assert_eq!(
        signed_in.user.org.as_ref().map(OrgId::as_str),
        Some("dinkes")
    );
    // The link worked once.
    assert_eq!(
        people::invitation(&db, &token, during()).await.unwrap_err(),
        AppError::NotFound
    );
    // Expired links do not work either.
    let again = new_link(&db, &signed_in.user.id).await;
    let later = during() + jiff::SignedDuration::from_hours(24 * 8);
    assert_eq!(
        people::invitation(&db, &again, later).await.unwrap_err(),
        AppError::NotFound
    );
}

/// The committee sends `user` a new link (a password reset); its token.
async fn new_link(db: &app::backend::db::Db, user: &UserId) -> String {
    people::invite(db, &UserId::from("admin"), user, SITE, during())
        .await
        .unwrap()
}

/// The new coordinator, invited, with their password set, signed in.
async fn signed_up(db: &app::backend::db::Db, settings: &Settings) -> accounts::SignedIn {
    let token = people::create(db, &UserId::from("admin"), &coordinator(), SITE, during())
        .await
        .unwrap();
    people::accept(db, &token, PASSWORD, PASSWORD, during())
        .await
        .unwrap();
    accounts::sign_in(
        db,
        settings,
        "koordinator.baru@juara.test",
        PASSWORD,
        during(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_reset_keeps_the_old_password_until_the_new_one_is_set_and_ends_sessions() {
    let db = fixture().await;
    let settings = Settings::default();
    let session = signed_up(&db, &settings).await;
    let reset = new_link(&db, &session.user.id).await;
    assert!(
        accounts::sign_in(
            &db,
            &settings,
            "koordinator.baru@juara.test",
            PASSWORD,
            during()
        )
        .await
        .is_ok()
    );
    let fresh = "kata sandi yang baru sekali";
    people::accept(&db, &reset, fresh, fresh, during())
        .await
        .unwrap();
    assert!(
        accounts::user_for_token(&db, &settings, &session.token, during())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        accounts::sign_in(
            &db,
            &settings,
            "koordinator.baru@juara.test",
            PASSWORD,
            during()
        )
        .await
        .is_err()
    );
    assert!(
        accounts::sign_in(
            &db,
            &settings,
            "koordinator.baru@juara.test",
            fresh,
            during()
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn a_deactivated_account_cannot_sign_in_or_be_invited_and_nobody_deactivates_themselves() {
    let db = fixture().await;
    let settings = Settings::default();
    let session = signed_up(&db, &settings).await;
    let id = session.user.id.clone();
    assert_eq!(
        people::set_active(&db, &id, &id, false).await.unwrap_err(),
        AppError::Forbidden
    );
    people::set_active(&db, &UserId::from("admin"), &id, false)
        .await
        .unwrap();
    assert!(
        accounts::user_for_token(&db, &settings, &session.token, during())
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        accounts::sign_in(
            &db,
            &settings,
            "koordinator.baru@juara.test",
            PASSWORD,
            during()
        )
        .await,
        Err(AppError::BadCredentials { .. })
    ));
    assert_eq!(
        people::invite(&db, &UserId::from("admin"), &id, SITE, during())
            .await
            .unwrap_err(),
        AppError::Conflict(Problem::AccountInactive)
    );
    people::set_active(&db, &UserId::from("admin"), &id, true)
        .await
        .unwrap();
    assert!(
        accounts::sign_in(
            &db,
            &settings,
            "koordinator.baru@juara.test",
            PASSWORD,
            during()
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn a_csv_import_is_all_or_nothing_with_each_wrong_row_reported() {
    let db = fixture().await;
    let bad = "email,name,roles,org\n\
               a@juara.test,A,judge,\n\
               a@juara.test,A lagi,judge,\n\
               b@juara.test,B,ketua,dinkes\n\
               juri1@juara.test,Juri,judge,\n\
               c@juara.test,C,coordinator;innovator,Dinas Entah\n";
    let error = people::import_csv(&db, &UserId::from("admin"), bad)
        .await
        .unwrap_err();
    let lines: Vec<usize> = problems(&error)
        .into_iter()
        .map(|(_, problem)| match problem {
            Problem::CsvRow { line, .. } => line,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert_eq!(
        people::list(&db).await.unwrap().len(),
        2,
        "nothing imported"
    );

    let good = "email,name,roles,org\na@juara.test,A,judge,\nc@juara.test,C,coordinator;innovator,Dinas Kesehatan\n";
    assert_eq!(
        people::import_csv(&db, &UserId::from("admin"), good)
            .await
            .unwrap(),
        2
    );
    let imported = people::list(&db).await.unwrap();
    let c = imported
        .iter()
        .find(|row| row.email == "c@juara.test")
        .unwrap();
    assert_eq!(c.roles, ["coordinator", "innovator"]);
    assert!(!c.has_password, "invited from the list afterwards");
}

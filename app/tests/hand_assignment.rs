//! Giving an entry to a judge by hand: only an active judge, not of the entry's
//! organisation, not already on it or recused from it, and only an entry the
//! stage hears.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use app::backend::service::dashboard;
use app::error::{AppError, Problem};
use common::entrants::problems;
use common::scored::scored;
use common::{SLUG, STAGE, STAGE_ID, add_entry};
use domain::ids::EntryId;
use domain::ids::UserId;

#[tokio::test]
async fn a_judge_is_assigned_by_hand_only_where_the_rules_allow() {
    use app::backend::repo::users::{self, NewUser};
    use app::backend::service::assignment::assign_manually;
    let db = scored().await;
    users::create(
        &db,
        &NewUser {
            key: Some("juri-dinkes".into()),
            email: "juri.dinkes@juara.test".into(),
            name: "Juri Dinkes".into(),
            password_hash: None,
            roles: vec!["judge".into()],
            org: Some("dinkes".into()),
        },
    )
    .await
    .unwrap();
    users::create(
        &db,
        &NewUser {
            key: Some("juri3".into()),
            email: "juri3@juara.test".into(),
            name: "juri3".into(),
            password_hash: None,
            roles: vec!["judge".into()],
            org: None,
        },
    )
    .await
    .unwrap();
    let problem = |error: AppError| match error {
        AppError::Invalid { fields, .. } => fields[0].problem.clone(),
        other => panic!("{other:?}"),
    };
    // The entry's own organisation, a judge already on it, someone not a judge.
    assert_eq!(
        problem(
            assign_manually(
                &db,
                &LiveUpdates::default(),
                &UserId::from("admin"),
                (
                    &STAGE_ID,
                    &EntryId::from("e2"),
                    &UserId::from("juri-dinkes")
                ),
                common::SITE,
                common::during(),
            )
            .await
            .unwrap_err()
        ),
        Problem::OwnOrganisation
    );
    assert_eq!(
        problem(
            assign_manually(
                &db,
                &LiveUpdates::default(),
                &UserId::from("admin"),
                (&STAGE_ID, &EntryId::from("e2"), &UserId::from("juri1")),
                common::SITE,
                common::during(),
            )
            .await
            .unwrap_err()
        ),
        Problem::Taken
    );
    assert!(matches!(
        problem(
            assign_manually(
                &db,
                &LiveUpdates::default(),
                &UserId::from("admin"),
                (&STAGE_ID, &EntryId::from("e2"), &UserId::from("nobody")),
                common::SITE,
                common::during(),
            )
            .await
            .unwrap_err()
        ),
        Problem::UnknownChoice { .. }
    ));
    // Only an entry the stage hears: not a draft, not one screened out.
    add_entry(&db, "e8", "Masih Draf", "kesehatan", "draft").await;
    add_entry(&db, "e9", "Tidak Lolos", "kesehatan", "screened_out").await;
    for entry in ["e8", "e9"] {
        let error = assign_manually(
            &db,
            &LiveUpdates::default(),
            &UserId::from("admin"),
            (&STAGE_ID, &EntryId::from(entry), &UserId::from("juri3")),
            common::SITE,
            common::during(),
        )
        .await
        .unwrap_err();
        assert_eq!(
            problems(&error),
            [(
                "entry".to_owned(),
                Problem::UnknownChoice {
                    given: entry.into()
                }
            )]
        );
    }
    assign_manually(
        &db,
        &LiveUpdates::default(),
        &UserId::from("admin"),
        (&STAGE_ID, &EntryId::from("e2"), &UserId::from("juri3")),
        common::SITE,
        common::during(),
    )
    .await
    .unwrap();
    let view = dashboard::stage(&db, SLUG, &STAGE.into()).await.unwrap();
    assert!(
        view.judges
            .iter()
            .any(|judge| judge.judge == "juri3" && judge.assigned == 1)
    );
}

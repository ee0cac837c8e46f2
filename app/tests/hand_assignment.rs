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
    use app::backend::service::assignment::assign_manually;
    let db = scored().await;
    common::account(&db, "juri-dinkes", "judge", Some("dinkes")).await;
    common::account(&db, "juri3", "judge", None).await;
    let problem = |error: AppError| match error {
        AppError::Invalid { fields, .. } => fields[0].problem.clone(),
        other => panic!("{other:?}"),
    };
    let dashboards = LiveUpdates::default();
    let committee = UserId::from("admin");
    // The committee gives `entry` to `judge` by hand, during the stage.
    let assign = |entry: &str, judge: &str| {
        let given = (EntryId::from(entry), UserId::from(judge));
        let (db, dashboards, committee) = (&db, &dashboards, &committee);
        async move {
            let (entry, judge) = given;
            assign_manually(
                db,
                dashboards,
                committee,
                (&STAGE_ID, &entry, &judge),
                common::SITE,
                common::during(),
            )
            .await
        }
    };
    // The entry's own organisation, a judge already on it, someone not a judge.
    assert_eq!(
        problem(assign("e2", "juri-dinkes").await.unwrap_err()),
        Problem::OwnOrganisation
    );
    assert_eq!(
        problem(assign("e2", "juri1").await.unwrap_err()),
        Problem::Taken
    );
    assert!(matches!(
        problem(assign("e2", "nobody").await.unwrap_err()),
        Problem::UnknownChoice { .. }
    ));
    // Only an entry the stage hears: not a draft, not one screened out.
    add_entry(&db, "e8", "Masih Draf", "kesehatan", "draft").await;
    add_entry(&db, "e9", "Tidak Lolos", "kesehatan", "screened_out").await;
    for entry in ["e8", "e9"] {
        let error = assign(entry, "juri3").await.unwrap_err();
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
    assign("e2", "juri3").await.unwrap();
    let view = dashboard::stage(&db, SLUG, &STAGE.into()).await.unwrap();
    assert!(
        view.judges
            .iter()
            .any(|judge| judge.judge == "juri3" && judge.assigned == 1)
    );
}

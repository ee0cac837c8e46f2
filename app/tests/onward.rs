//! Onward: the committee records what its published winners earned at the
//! province and the nation; each outcome joins the innovation's award history
//! in the public catalogue and counts as a past award for `khusus`.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::scored::scored;
use crate::common::{SLUG, after, publish_final};
use app::backend::db::{self, Db};
use app::backend::demo;
use app::backend::public_cache::PublicCache;
use app::backend::records::query_keys;
use app::backend::repo::entering;
use app::backend::service::{catalogue, onward, publication};
use app::binds;
use app::error::{AppError, Problem};
use app::model::{CatalogueFilters, OnwardForm};
use domain::ids::{EntryId, InnovationId, OrgId, UserId};
use domain::onward::OnwardLevel;
use domain::stage::PublicationScope;

fn typed(level: &str, award: &str, year: &str) -> OnwardForm {
    OnwardForm {
        level: level.into(),
        award: award.into(),
        year: year.into(),
    }
}

async fn record(db: &Db, entry: &str, form: &OnwardForm) -> Result<(), AppError> {
    onward::record(
        db,
        &PublicCache::default(),
        Some(&UserId::from("admin")),
        (SLUG, &EntryId::from(entry)),
        form,
        after(),
    )
    .await
    .map(|_| ())
}

#[tokio::test]
async fn only_entries_of_the_standing_final_results_are_sent_on_and_each_field_is_checked() {
    let db = scored().await;
    let nasional = typed("nasional", "Top 45", "2027");
    // Nothing published: nothing to send on.
    assert!(onward::view(&db, SLUG).await.unwrap().candidates.is_empty());
    assert_eq!(record(&db, "e1", &nasional).await, Err(AppError::NotFound));

    publish_final(&db).await;
    let view = onward::view(&db, SLUG).await.unwrap();
    assert_eq!(view.years, (2026, 2028));
    assert!(view.candidates.iter().all(|candidate| candidate.winner));
    assert_eq!(view.candidates.len(), 3);

    // Each field refused beside itself, what was typed kept.
    let refused = record(&db, "e1", &typed("kota", " ", "2031"))
        .await
        .unwrap_err();
    assert_eq!(
        refused.problem_for("level"),
        Some(&Problem::UnknownChoice {
            given: "kota".into()
        })
    );
    assert_eq!(refused.problem_for("award"), Some(&Problem::Required));
    assert_eq!(
        refused.problem_for("year"),
        Some(&Problem::OutOfRange {
            min: 2026,
            max: 2028
        })
    );
    assert_eq!(refused.echoed("year"), Some("2031"));
    // An entry of another edition, or none: not found.
    assert_eq!(
        record(&db, "nope", &nasional).await,
        Err(AppError::NotFound)
    );

    // Recorded, then corrected: one outcome per entry and level.
    record(&db, "e1", &typed("provinsi", "Top  30 KOVABLIK", "2026"))
        .await
        .unwrap();
    record(&db, "e1", &nasional).await.unwrap();
    record(&db, "e1", &typed("nasional", "Top 99", "2027"))
        .await
        .unwrap();
    let view = onward::view(&db, SLUG).await.unwrap();
    let e1 = view
        .candidates
        .iter()
        .find(|candidate| candidate.entry == "e1")
        .unwrap();
    let shown: Vec<(OnwardLevel, &str, i32)> = e1
        .outcomes
        .iter()
        .map(|outcome| (outcome.level, outcome.award.as_str(), outcome.year))
        .collect();
    assert_eq!(
        shown,
        [
            (OnwardLevel::Provinsi, "Top 30 KOVABLIK", 2026),
            (OnwardLevel::Nasional, "Top 99", 2027),
        ]
    );

    // A past award for `khusus`: e1's innovation, and no other.
    let e1_innovation: Vec<InnovationId> =
        query_keys(&db, "SELECT VALUE innovation FROM entry:e1;", binds![], 0)
            .await
            .unwrap();
    let went_on: Vec<InnovationId> = entering::innovations_of(&db, &OrgId::from("dinkes"))
        .await
        .unwrap()
        .into_iter()
        .filter(|innovation| innovation.went_on)
        .map(|innovation| innovation.id)
        .collect();
    assert_eq!(went_on, e1_innovation);

    // Removed: gone.
    onward::remove(
        &db,
        &PublicCache::default(),
        None,
        (SLUG, &EntryId::from("e1")),
        OnwardLevel::Nasional,
    )
    .await
    .unwrap();
    // Removing it again: nothing to remove.
    let again = onward::remove(
        &db,
        &PublicCache::default(),
        None,
        (SLUG, &EntryId::from("e1")),
        OnwardLevel::Nasional,
    )
    .await;
    assert_eq!(again, Err(AppError::NotFound));
    let view = onward::view(&db, SLUG).await.unwrap();
    assert_eq!(
        view.candidates
            .iter()
            .map(|candidate| candidate.outcomes.len())
            .sum::<usize>(),
        1
    );
}

#[tokio::test]
async fn the_catalogue_shows_the_path_from_the_city_to_the_nation_and_filters_by_it() {
    let db = db::open_for_tests().await.unwrap();
    demo::load_if_empty(&db, jiff::Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    let catalogue = catalogue::build(&db).await.unwrap();
    let by = |award: &str| {
        catalogue.page(&CatalogueFilters {
            award: award.into(),
            ..CatalogueFilters::default()
        })
    };
    // The demo sends two of last year's winners on; one reaches the nation.
    let nation = by("nasional");
    assert_eq!(nation.total, 1);
    let province = by("provinsi");
    assert_eq!(province.total, 2);
    assert!(province.cards.iter().all(|card| card.reached.is_some()));
    assert!(by("").total > province.total);
    // Its page shows the path: the city's place, then the province and the nation.
    let profile = catalogue.profile(&nation.cards[0].id).unwrap();
    let levels: Vec<Option<OnwardLevel>> = profile.awards.iter().map(|award| award.level).collect();
    assert_eq!(levels[0], Some(OnwardLevel::Nasional));
    assert!(levels.contains(&Some(OnwardLevel::Provinsi)));
    assert!(levels.contains(&None), "the city's own award");

    // The final withdrawn while a stage's publication stands: nobody is
    // placed finally, so nothing beyond the city shows, though the
    // innovations are still listed.
    let slug = format!(
        "kipp-malang-{}",
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .year()
            - 1
    );
    let now = jiff::Timestamp::now();
    publication::publish(
        &db,
        &PublicCache::default(),
        None,
        (&slug, &PublicationScope::from("desk")),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        now,
    )
    .await
    .unwrap();
    let standing = publication::list(&db, &slug).await.unwrap();
    for row in standing
        .iter()
        .filter(|row| row.withdrawn_at.is_none() && row.scope == PublicationScope::Final)
    {
        publication::withdraw(&db, &PublicCache::default(), None, &slug, &row.id, now)
            .await
            .unwrap();
    }
    let catalogue = catalogue::build(&db).await.unwrap();
    let page = |award: &str| {
        catalogue.page(&CatalogueFilters {
            award: award.into(),
            ..CatalogueFilters::default()
        })
    };
    assert_eq!(page("provinsi").total, 0);
    assert!(page("").total > 0);
}

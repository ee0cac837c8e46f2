//! The public catalogue and people's choice on the demo: only what is published
//! is public, profiles carry what the edition marks public, replication links
//! both ways, and votes are one per entry per browser and closed by the final
//! publication.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use app::backend::db::{self, Db};
use app::backend::demo;
use app::backend::public_cache::PublicCache;
use app::backend::records::{Binding, execute};
use app::backend::service::{catalogue, publication, votes};
use app::binds;
use app::error::{AppError, Problem};
use app::model::CatalogueFilters;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use std::net::{IpAddr, Ipv4Addr};

async fn demo_db() -> Db {
    let db = db::open_for_tests().await.unwrap();
    demo::load_if_empty(&db, jiff::Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    db
}

fn search(words: &str) -> CatalogueFilters {
    CatalogueFilters {
        q: words.into(),
        ..CatalogueFilters::default()
    }
}

#[tokio::test]
async fn only_published_entries_and_recorded_winners_are_public() {
    let db = demo_db().await;
    let catalogue = catalogue::build(&db).await.unwrap();
    // Last year's entry: its public sections, how far it went, its edition.
    let sepasar = catalogue
        .profile(&InnovationId::from("sepasar-pedas"))
        .expect("listed");
    assert!(
        sepasar
            .sections
            .iter()
            .any(|section| section.label == "Ringkasan")
    );
    assert!(
        sepasar
            .sections
            .iter()
            .all(|section| section.label != "Ide inovatif"),
        "only the sections the template marks public"
    );
    assert_eq!(sepasar.participation.len(), 1);
    assert!(!sepasar.participation[0].reached.is_empty());
    assert!(
        sepasar
            .awards
            .iter()
            .any(|award| award.text.as_deref() == Some("Top 45 KIPP Nasional"))
    );

    // Entered only this year, results unpublished, no history: nothing.
    assert!(
        catalogue
            .profile(&InnovationId::from("si-posyan-tele"))
            .is_none()
    );
    assert_eq!(catalogue.page(&search("posyandu")).total, 0);
    // Entered only this year but a recorded national winner: listed, with no
    // text from the unpublished entry.
    let brexit = catalogue
        .profile(&InnovationId::from("brexit"))
        .expect("recorded winners are listed");
    assert!(
        brexit.sections.is_empty() && brexit.video_url.is_none() && brexit.participation.is_empty()
    );

    // Replication, both ways.
    let replica = catalogue
        .profile(&InnovationId::from("sahabat-netra"))
        .expect("listed");
    assert_eq!(
        replica
            .replicates
            .as_ref()
            .and_then(|link| link.id.as_ref().map(InnovationId::as_str)),
        Some("brexit")
    );
    assert!(
        brexit
            .replicated_by
            .iter()
            .any(|link| link.id.as_ref().map(InnovationId::as_str) == Some("sahabat-netra"))
    );

    // Search and filters.
    let found = catalogue.page(&search("sepasar"));
    assert_eq!(
        found.cards.first().map(|card| card.id.as_str()),
        Some("sepasar-pedas")
    );
    let awarded = catalogue.page(&CatalogueFilters {
        award: "1".into(),
        ..CatalogueFilters::default()
    });
    assert!(awarded.total > 0 && awarded.cards.iter().all(|card| card.awarded));
    let health = catalogue.page(&CatalogueFilters {
        category: "kesehatan".into(),
        ..CatalogueFilters::default()
    });
    assert!(health.total > 0 && health.total < catalogue.page(&CatalogueFilters::default()).total);
}

#[tokio::test]
async fn the_final_ranking_counts_as_an_award_and_withdrawal_hides_everything() {
    let db = demo_db().await;
    let catalogue = catalogue::build(&db).await.unwrap();
    let (slug, document) = {
        let editions = app::backend::service::editions::list(&db, jiff::Timestamp::now())
            .await
            .unwrap();
        let slug = editions
            .iter()
            .find(|e| e.results_published)
            .unwrap()
            .slug
            .clone();
        let document = publication::published(&db, &slug).await.unwrap().unwrap();
        (slug, document)
    };
    let winner = document
        .final_ranking
        .iter()
        .find(|row| row.rank == 1)
        .unwrap();
    let links = catalogue.links_in(&slug);
    let innovation = links
        .get(&winner.id)
        .expect("the winner links to its profile");
    let profile = catalogue.profile(innovation).unwrap();
    assert!(profile.awards.iter().any(|award| award.rank == Some(1)));
    assert_eq!(profile.participation[0].final_rank, Some(1));
    // Every ranked entry reached some stage, and the document lists each once.
    let reached = document.reached();
    let mut ids: Vec<&str> = reached.iter().map(|row| row.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), reached.len());
    assert_eq!(links.len(), reached.len());

    let key = publication::standing(&db, &slug)
        .await
        .unwrap()
        .unwrap()
        .publication;
    publication::withdraw(
        &db,
        &PublicCache::default(),
        None,
        &slug,
        &key,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    let after = catalogue::build(&db).await.unwrap();
    assert!(
        after.profile(innovation).is_none()
            || after.profile(innovation).unwrap().participation.is_empty()
    );
    assert!(after.links_in(&slug).is_empty());
}

#[tokio::test]
async fn one_vote_per_entry_per_browser_until_the_final_results() {
    let db = demo_db().await;
    let editions = app::backend::service::editions::list(&db, jiff::Timestamp::now())
        .await
        .unwrap();
    let published = editions
        .iter()
        .find(|e| e.results_published)
        .unwrap()
        .slug
        .clone();
    assert!(
        matches!(
            votes::ballot(&db, &published, None).await,
            Err(AppError::NotFound)
        ),
        "no people's choice there"
    );
    let mut ballots = Vec::new();
    for edition in &editions {
        if let Ok(ballot) = votes::ballot(&db, &edition.slug, None).await {
            ballots.push(ballot);
        }
    }
    assert_eq!(
        ballots.len(),
        1,
        "the demo runs people's choice in this year's edition"
    );
    let ballot = ballots.remove(0);
    let slug = ballot.slug.clone();
    assert!(ballot.open && !ballot.candidates.is_empty());
    assert!(
        ballot
            .candidates
            .iter()
            .all(|candidate| candidate.votes.is_none()),
        "no tally while open"
    );
    let entry = ballot.candidates[0].entry.clone();
    let addr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7));
    let now = jiff::Timestamp::now();
    let (alice, bob) = (votes::voter_hash("a"), votes::voter_hash("b"));

    votes::cast(&db, (&slug, &entry), (&alice, addr), None, now)
        .await
        .unwrap();
    assert_eq!(
        votes::cast(&db, (&slug, &entry), (&alice, addr), None, now).await,
        Err(AppError::Conflict(Problem::AlreadyVoted))
    );
    votes::cast(&db, (&slug, &entry), (&bob, addr), None, now)
        .await
        .unwrap();
    assert!(matches!(
        votes::cast(
            &db,
            (&slug, &EntryId::from("no-such-entry")),
            (&bob, addr),
            None,
            now
        )
        .await,
        Err(AppError::NotFound)
    ));
    let seen = votes::ballot(&db, &slug, Some(&alice)).await.unwrap();
    assert!(
        seen.candidates
            .iter()
            .any(|candidate| candidate.entry == entry && candidate.voted)
    );

    // The database keeps votes as facts.
    let refused = execute(&db, "DELETE vote;", Vec::new()).await;
    assert!(refused.is_err());

    // A final publication closes the ballot and shows the tally.
    let edition_key = slug_key(&db, &slug).await;
    execute(
        &db,
        "CREATE publication SET edition = $edition, scope = 'final', document = {}, published_at = time::now();",
        binds![("edition", Binding::id(&edition_key))],
    )
    .await
    .unwrap();
    let closed = votes::ballot(&db, &slug, None).await.unwrap();
    assert!(!closed.open);
    assert_eq!(closed.candidates[0].entry, entry, "most votes first");
    assert_eq!(closed.candidates[0].votes, Some(2));
    assert_eq!(
        votes::cast(
            &db,
            (&slug, &entry),
            (&votes::voter_hash("c"), addr),
            None,
            now
        )
        .await,
        Err(AppError::Conflict(Problem::VotingClosed))
    );
}

async fn slug_key(db: &Db, slug: &str) -> EditionId {
    app::backend::repo::editions::find_by_slug(db, slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Fresh browser ids are easy to come by (a private window, a cleared
/// cookie), so one place's weight for one entry is capped: the eleventh vote
/// for an entry from one address block is refused, another block or another
/// entry is not. Racing votes cannot pass the cap together.
#[tokio::test]
async fn one_address_block_gives_one_entry_at_most_the_cap() {
    let db = demo_db().await;
    let editions = app::backend::service::editions::list(&db, jiff::Timestamp::now())
        .await
        .unwrap();
    let mut ballot = None;
    for edition in &editions {
        if let Ok(found) = votes::ballot(&db, &edition.slug, None).await {
            ballot = Some(found);
        }
    }
    let ballot = ballot.unwrap();
    let (slug, entry) = (ballot.slug.clone(), ballot.candidates[0].entry.clone());
    let other_entry = ballot.candidates[1].entry.clone();
    let now = jiff::Timestamp::now();
    // One /64: every address in it is one block.
    let block = |n: u16| IpAddr::V6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, n));
    let casts = (0..votes::PER_ENTRY_PER_BLOCK + 4).map(|n| {
        let (db, slug, entry) = (db.clone(), slug.clone(), entry.clone());
        let voter = votes::voter_hash(&format!("browser-{n}"));
        tokio::spawn(async move {
            let addr = block(u16::try_from(n).unwrap());
            votes::cast(&db, (&slug, &entry), (&voter, addr), None, now).await
        })
    });
    let mut answers = Vec::new();
    for cast in casts.collect::<Vec<_>>() {
        answers.push(cast.await.unwrap());
    }
    let accepted = answers.iter().filter(|answer| answer.is_ok()).count();
    assert_eq!(accepted, votes::PER_ENTRY_PER_BLOCK, "{answers:?}");
    assert!(answers.iter().all(
        |answer| answer.is_ok() || *answer == Err(AppError::Conflict(Problem::VoteCapReached))
    ));
    let fresh = votes::voter_hash("browser-new");
    votes::cast(&db, (&slug, &other_entry), (&fresh, block(1)), None, now)
        .await
        .unwrap();
    let elsewhere = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 9));
    votes::cast(&db, (&slug, &entry), (&fresh, elsewhere), None, now)
        .await
        .unwrap();
}

//! Verified people's choice on the demo: a vote counts only once its voter
//! follows the link sent to the address they gave, an address counts once per
//! entry however it is spelled, links expire and are used once, the tally
//! shows counted and unconfirmed votes apart, nothing stores the address
//! itself, and the anonymous ballot cannot flood one mailbox.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::SITE;
use app::backend::auth::voter::VoterKey;
use app::backend::db::{self, Db};
use app::backend::demo;
use app::backend::records::{Binding, execute, query_rows};
use app::backend::repo::mail as outbox;
use app::backend::service::votes::{self, Cast, Confirming};
use app::binds;
use app::error::{AppError, FieldError, Problem};
use domain::ids::EntryId;
use domain::mail::{Language, MailKind};
use jiff::{SignedDuration, Timestamp};
use std::net::{IpAddr, Ipv4Addr};

/// The demo with this year's people's choice made verified: its slug and
/// candidates.
async fn verified_ballot() -> (Db, String, Vec<EntryId>) {
    let db = db::open_for_tests().await.unwrap();
    demo::load_if_empty(&db, Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    let editions = app::backend::service::editions::list(&db, Timestamp::now())
        .await
        .unwrap();
    for edition in editions {
        if votes::ballot(&db, &edition.slug, None).await.is_ok() {
            execute(
                &db,
                "UPDATE edition SET peoples_choice_verified = true WHERE slug = $slug;",
                binds![("slug", Binding::of(&edition.slug))],
            )
            .await
            .unwrap();
            let ballot = votes::ballot(&db, &edition.slug, None).await.unwrap();
            assert!(ballot.verified && ballot.open);
            let entries = ballot.candidates.into_iter().map(|c| c.entry).collect();
            return (db, edition.slug, entries);
        }
    }
    panic!("the demo runs people's choice in this year's edition")
}

fn from(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(192, 0, 2, n))
}

/// The token in the newest confirmation message to `address`.
async fn link_sent_to(db: &Db, address: &str) -> String {
    let mails = outbox::newest(db, 200).await.unwrap();
    let mail = mails
        .iter()
        .find(|mail| mail.kind == MailKind::VoteConfirmation && mail.recipient == address)
        .unwrap();
    let (_, after) = mail.text.split_once("/vote/confirm?token=").unwrap();
    after.chars().take_while(char::is_ascii_hexdigit).collect()
}

/// A voter's address in `language`, its link built with `key` for this site.
fn confirming<'a>(address: &'a str, language: Language, key: &'a VoterKey) -> Confirming<'a> {
    Confirming {
        address,
        language,
        key,
        site: SITE,
    }
}

fn refused(problem: Problem) -> Result<EntryId, AppError> {
    Err(AppError::Conflict(problem))
}

#[tokio::test]
async fn a_verified_vote_counts_once_per_address_and_only_after_its_link() {
    let (db, slug, entries) = verified_ballot().await;
    let entry = &entries[0];
    let key = VoterKey::random();
    let now = Timestamp::now();
    let with = |address| Some(confirming(address, Language::English, &key));
    let voter = votes::voter_hash;

    // An address is required, and must be one.
    let stranger = voter("x");
    let missing = votes::cast(&db, (&slug, entry), (&stranger, from(1)), None, now).await;
    assert_eq!(missing, Err(AppError::field("email", Problem::Required)));
    let bad = votes::cast(
        &db,
        (&slug, entry),
        (&stranger, from(1)),
        with("ani at mail"),
        now,
    );
    assert_eq!(bad.await, Err(AppError::field("email", Problem::BadEmail)));

    // Alice votes: it waits, and her link goes to the address as she typed it,
    // in the page's language, pointing at this site.
    let alice = voter("alice");
    let cast = votes::cast(
        &db,
        (&slug, entry),
        (&alice, from(1)),
        with(" Ani+pc@Mail.ID "),
        now,
    );
    assert_eq!(cast.await, Ok(Cast::AwaitingConfirmation));
    let mails = outbox::newest(&db, 10).await.unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, MailKind::VoteConfirmation);
    assert_eq!(mails[0].language, Language::English);
    assert!(
        mails[0]
            .text
            .contains(&format!("{SITE}/editions/{slug}/vote/confirm?token="))
    );
    let seen = votes::ballot(&db, &slug, Some(&alice)).await.unwrap();
    let mine = seen.candidates.iter().find(|c| c.entry == *entry).unwrap();
    assert!(mine.voted && mine.awaiting);

    // A made-up link counts nothing; hers counts once.
    let made_up = votes::confirm(&db, &slug, &"0".repeat(32), now).await;
    assert_eq!(made_up, refused(Problem::VoteLinkUnknown));
    let token = link_sent_to(&db, "Ani+pc@Mail.ID").await;
    assert_eq!(
        votes::confirm(&db, &slug, &token, now).await,
        Ok(entry.clone())
    );
    assert_eq!(
        votes::confirm(&db, &slug, &token, now).await,
        refused(Problem::VoteLinkUnknown)
    );
    let seen = votes::ballot(&db, &slug, Some(&alice)).await.unwrap();
    let mine = seen.candidates.iter().find(|c| c.entry == *entry).unwrap();
    assert!(mine.voted && !mine.awaiting);
    let again = votes::cast(
        &db,
        (&slug, entry),
        (&alice, from(1)),
        with("ani@mail.id"),
        now,
    );
    assert_eq!(again.await, Err(AppError::Conflict(Problem::AlreadyVoted)));

    // Another browser with another spelling of the same mailbox: its link
    // says the address already counts for the entry.
    let bob = voter("bob");
    votes::cast(
        &db,
        (&slug, entry),
        (&bob, from(2)),
        with("ANI@mail.id"),
        now,
    )
    .await
    .unwrap();
    let token = link_sent_to(&db, "ANI@mail.id").await;
    assert_eq!(
        votes::confirm(&db, &slug, &token, now).await,
        refused(Problem::AlreadyCounted)
    );
    // The same address counts for another entry.
    votes::cast(
        &db,
        (&slug, &entries[1]),
        (&bob, from(2)),
        with("ani@mail.id"),
        now,
    )
    .await
    .unwrap();
    let token = link_sent_to(&db, "ani@mail.id").await;
    assert_eq!(
        votes::confirm(&db, &slug, &token, now).await,
        Ok(entries[1].clone())
    );

    // A link expires after a day; voting again from the browser sends a new
    // one (here to a corrected address), which counts.
    let carol = voter("carol");
    votes::cast(
        &db,
        (&slug, entry),
        (&carol, from(3)),
        with("sri@mail.id"),
        now,
    )
    .await
    .unwrap();
    let stale = link_sent_to(&db, "sri@mail.id").await;
    let tomorrow = now + SignedDuration::from_hours(25);
    assert_eq!(
        votes::confirm(&db, &slug, &stale, tomorrow).await,
        refused(Problem::VoteLinkExpired)
    );
    let resent = votes::cast(
        &db,
        (&slug, entry),
        (&carol, from(3)),
        with("sri@kantor.go.id"),
        tomorrow,
    );
    assert_eq!(resent.await, Ok(Cast::AwaitingConfirmation));
    let token = link_sent_to(&db, "sri@kantor.go.id").await;
    assert_eq!(
        votes::confirm(&db, &slug, &token, tomorrow).await,
        Ok(entry.clone())
    );
    // The stale link cannot count the same vote twice either.
    let late = votes::confirm(&db, &slug, &stale, now).await;
    assert_eq!(late, refused(Problem::AlreadyCounted));

    // Dave never confirms; Erin's link is still open when the results are out.
    for (name, address, n) in [("dave", "dave@mail.id", 4), ("erin", "erin@mail.id", 5)] {
        votes::cast(
            &db,
            (&slug, entry),
            (&voter(name), from(n)),
            with(address),
            now,
        )
        .await
        .unwrap();
    }
    let erin = link_sent_to(&db, "erin@mail.id").await;

    // Nothing stores an address itself: only keyed hashes.
    let stored: Vec<serde_json::Value> = query_rows(
        &db,
        "RETURN [(SELECT * FROM vote), (SELECT * FROM vote_token), (SELECT * FROM vote_count)];",
        Vec::new(),
        0,
    )
    .await
    .unwrap();
    let stored = serde_json::to_string(&stored).unwrap().to_lowercase();
    for address in ["ani", "sri@", "dave@", "erin@", "mail.id"] {
        assert!(!stored.contains(address), "{address} stored in {stored}");
    }

    // The final publication closes the ballot: the tally counts confirmed
    // votes (Alice, Carol) and shows the rest (Bob, Dave, Erin) apart, and a
    // link followed after it changes nothing.
    execute(
        &db,
        "CREATE publication SET edition = (SELECT VALUE id FROM edition WHERE slug = $slug)[0], \
            scope = 'final', document = {}, published_at = time::now();",
        binds![("slug", Binding::of(&slug))],
    )
    .await
    .unwrap();
    assert_eq!(
        votes::confirm(&db, &slug, &erin, now).await,
        refused(Problem::VotingClosed)
    );
    let closed = votes::ballot(&db, &slug, None).await.unwrap();
    let counted = closed
        .candidates
        .iter()
        .find(|c| c.entry == *entry)
        .unwrap();
    assert_eq!((counted.votes, counted.unconfirmed), (Some(2), Some(3)));
    let other = closed
        .candidates
        .iter()
        .find(|c| c.entry == entries[1])
        .unwrap();
    assert_eq!((other.votes, other.unconfirmed), (Some(1), Some(0)));
    assert_eq!(
        closed.candidates[0].entry, *entry,
        "most counted votes first"
    );
    let log = votes::log_csv(&db, &slug).await.unwrap();
    assert_eq!(
        log.lines().filter(|line| line.ends_with(',')).count(),
        3,
        "{log}"
    );
}

/// The ballot is anonymous: however an address is spelled, it is sent at most
/// so many links a day, and the limit names the field.
#[tokio::test]
async fn one_address_is_sent_a_bounded_number_of_links_a_day() {
    let (db, slug, entries) = verified_ballot().await;
    let key = VoterKey::random();
    let now = Timestamp::now();
    let limit = usize::try_from(votes::LINKS_PER_MAILBOX_PER_DAY).unwrap();
    for n in 0..=limit {
        let address = format!("Target+{n}@mail.id");
        let confirming = confirming(&address, Language::Indonesian, &key);
        let voter = votes::voter_hash(&format!("browser-{n}"));
        let addr = from(u8::try_from(n + 10).unwrap());
        let entry = &entries[n % entries.len()];
        let cast = votes::cast(&db, (&slug, entry), (&voter, addr), Some(confirming), now).await;
        if n < limit {
            assert_eq!(cast, Ok(Cast::AwaitingConfirmation));
        } else {
            assert_eq!(
                cast,
                Err(AppError::invalid(vec![FieldError {
                    field: "email".into(),
                    problem: Problem::TooManyConfirmations,
                }]))
            );
        }
    }
    let sent = outbox::newest(&db, 100).await.unwrap();
    assert_eq!(sent.len(), limit);
    assert!(
        sent.iter()
            .all(|mail| mail.language == Language::Indonesian)
    );
}

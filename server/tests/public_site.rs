//! HTTP tests of the public site on the real router around the demo: what is
//! unpublished never shows, the results page is served from memory with an
//! ETag that revalidates, the catalogue and profiles, sitemap and robots, and
//! people's choice.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::public_cache::PublicCache;

use app::backend::service::publication;
use axum::body::Body;
use common::{demo_app, get, send, slugs};
use domain::ids::EntryId;
use http::{Request, StatusCode, header};

/// An innovation entered only in this year's (unpublished) edition, with no
/// award history: nothing of it may be public.
const UNPUBLISHED_ONLY: (&str, &str) = ("si-posyan-tele", "Si Posyan Tele");
/// An innovation of last year's published edition.
const PUBLISHED: (&str, &str) = ("sepasar-pedas", "Sepasar Pedas");

#[tokio::test]
async fn nothing_unpublished_reaches_a_public_page() {
    let (app, _) = demo_app().await;
    let (published, unpublished) = slugs(&app).await;
    for slug in &unpublished {
        let (status, _, body) = send(&app, get(&format!("/editions/{slug}/results"))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{slug}");
        assert!(
            !body.contains(UNPUBLISHED_ONLY.1),
            "{slug}: an entry leaked"
        );
        // The edition page itself is public, but names no entry.
        let (status, _, body) = send(&app, get(&format!("/editions/{slug}"))).await;
        assert_eq!(status, StatusCode::OK, "{slug}");
        assert!(
            !body.contains(UNPUBLISHED_ONLY.1),
            "{slug}: an entry leaked"
        );
    }
    let (status, _, body) = send(&app, get(&format!("/editions/{published}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("/editions/{published}/results")));

    let (status, _, body) = send(&app, get("/innovations")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(PUBLISHED.1),
        "the catalogue lists last year's entries"
    );
    assert!(
        !body.contains(UNPUBLISHED_ONLY.1),
        "the catalogue lists an unpublished entry"
    );
    let (_, _, body) = send(&app, get("/innovations?q=posyandu")).await;
    assert!(!body.contains(UNPUBLISHED_ONLY.1));

    let (status, _, _) = send(&app, get(&format!("/innovations/{}", UNPUBLISHED_ONLY.0))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = send(&app, get(&format!("/innovations/{}", PUBLISHED.0))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(PUBLISHED.1));
    assert!(
        body.contains(&format!("/editions/{published}/results")),
        "links its edition"
    );

    let (status, headers, sitemap) = send(&app, get("/sitemap.xml")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    assert!(sitemap.contains(&format!("/innovations/{}</loc>", PUBLISHED.0)));
    assert!(sitemap.contains(&format!("/editions/{published}/results</loc>")));
    assert!(!sitemap.contains(UNPUBLISHED_ONLY.0));
    for slug in &unpublished {
        assert!(!sitemap.contains(&format!("/editions/{slug}/results")));
    }
    let (_, _, robots) = send(&app, get("/robots.txt")).await;
    assert!(robots.contains("Disallow: /admin"));
    assert!(robots.contains("Sitemap: http://127.0.0.1:3000/sitemap.xml"));
}

#[tokio::test]
async fn the_results_page_is_served_from_memory_and_revalidates() {
    let (app, state) = demo_app().await;
    let (slug, _) = slugs(&app).await;
    let path = format!("/editions/{slug}/results");
    let (status, headers, body) = send(&app, get(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(PUBLISHED.1));
    assert!(body.contains("og:title"), "share tags");
    assert!(body.contains("rel=\"canonical\""));
    let etag = headers[header::ETAG].clone();
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public")
    );
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));

    // The same bytes again, and 304 for a client that has them.
    let (_, again, second) = send(&app, get(&path)).await;
    assert_eq!((&again[header::ETAG], &second), (&etag, &body));
    // Served from memory, past every other layer: the security headers were kept.
    assert_eq!(again[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(again[header::X_FRAME_OPTIONS], "DENY");
    assert!(again.contains_key(header::CONTENT_SECURITY_POLICY));
    let revalidate = Request::get(&path)
        .header(header::HOST, common::HOST)
        .header(header::IF_NONE_MATCH, etag.clone())
        .body(Body::empty())
        .unwrap();
    let (status, _, empty) = send(&app, revalidate).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(empty.is_empty());

    // After a restart (or from another instance) the same page is confirmed:
    // the tag is the page's own digest without its per-rendering nonce, not a
    // counter that starts at 0 in every process. (A new build's asset names
    // change the digest: `public_pages`' unit tests.)
    let restarted = server::router::build(app::backend::state::AppState::new(
        state.db.clone(),
        state.leptos_options.clone(),
        (*state.settings).clone(),
    ));
    let revalidate = Request::get(&path)
        .header(header::HOST, common::HOST)
        .header(header::IF_NONE_MATCH, etag.clone())
        .body(Body::empty())
        .unwrap();
    let (status, fresh, _) = send(&restarted, revalidate).await;
    assert_eq!(
        status,
        StatusCode::NOT_MODIFIED,
        "the same page from a restarted server"
    );
    assert_eq!(fresh[header::ETAG], etag);

    // Compressed once, sent as the client accepts.
    let brotli = Request::get(&path)
        .header(header::HOST, common::HOST)
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(Body::empty())
        .unwrap();
    let (_, headers, _) = send(&app, brotli).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_ne!(headers[header::ETAG], etag, "each encoding has its own tag");

    // English readers get the English page, with a tag of its own.
    let english = Request::get(&path)
        .header(header::HOST, common::HOST)
        .header(header::COOKIE, "i18n_pref_locale=en")
        .body(Body::empty())
        .unwrap();
    let (_, headers, _) = send(&app, english).await;
    assert_ne!(headers[header::ETAG], etag);

    // Withdrawn (and the cache told, as the committee's action does): gone.
    let key = publication::standing(&state.db, &slug)
        .await
        .unwrap()
        .unwrap()
        .publication;
    publication::withdraw(
        &state.db,
        &PublicCache::default(),
        None,
        &slug,
        &key,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    state.public.invalidate();
    let (status, _, body) = send(&app, get(&path)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains(PUBLISHED.1));
    // Its entries' text leaves the catalogue; a recorded national winner stays
    // listed by name and awards only, one with no history leaves it.
    let (status, _, body) = send(&app, get(&format!("/innovations/{}", PUBLISHED.0))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !body.contains("Ringkasan"),
        "the withdrawn entry's text is gone"
    );
    let (status, _, _) = send(&app, get("/innovations/dipeka-tb")).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "listed only through the withdrawn results"
    );
}

fn vote(slug: &str, entry: &EntryId, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/api/cast_vote")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request
        .body(Body::from(format!("slug={slug}&entry={entry}")))
        .unwrap()
}

/// The ballot of this year's edition: it runs people's choice in the demo.
async fn this_years_ballot(
    app: &axum::Router,
    state: &app::backend::state::AppState,
) -> app::model::Ballot {
    let (_, unpublished) = slugs(app).await;
    for slug in &unpublished {
        if let Ok(found) = app::backend::service::votes::ballot(&state.db, slug, None).await {
            return found;
        }
    }
    panic!("an edition with people's choice")
}

#[tokio::test]
async fn one_vote_per_entry_per_browser_and_a_log_for_the_committee() {
    let (app, state) = demo_app().await;
    let ballot = this_years_ballot(&app, &state).await;
    assert!(ballot.open);
    let entry = ballot.candidates[0].entry.clone();

    let (status, headers, _) = send(&app, vote(&ballot.slug, &entry, None)).await;
    assert!(status.is_redirection() || status.is_success(), "{status}");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let voter = cookie.split(';').next().unwrap().to_owned();

    let (_, _, page) = send(
        &app,
        Request::get(format!("/editions/{}/vote", ballot.slug))
            .header(header::COOKIE, voter.clone())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        page.contains("data-test=\"voted\""),
        "the ballot shows the vote"
    );

    let (status, _, body) = send(&app, vote(&ballot.slug, &entry, Some(&voter))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("already_voted"), "{body}");

    // A voter id the client made up (the old unsigned shape, or a forged
    // signature) is not taken: the server issues one of its own instead, and
    // the vote counts once per id it issued.
    for forged in [
        "juara_voter=0123456789abcdef0123456789abcdef".to_owned(),
        format!("juara_voter={}.{}", "a".repeat(32), "0".repeat(64)),
    ] {
        let (status, headers, body) = send(
            &app,
            vote(&ballot.slug, &ballot.candidates[1].entry, Some(&forged)),
        )
        .await;
        assert!(
            status.is_redirection() || status.is_success(),
            "{status}: {body}"
        );
        let issued = headers[header::SET_COOKIE].to_str().unwrap();
        assert!(!issued.contains(&forged), "a new id was issued: {issued}");
    }

    // Another site cannot make a visitor vote.
    let cross_site = Request::post("/api/cast_vote")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("slug={}&entry={entry}", ballot.slug)))
        .unwrap();
    let (status, _, _) = send(&app, cross_site).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _, _) = send(
        &app,
        get(&format!("/admin/editions/{}/export/votes.csv", ballot.slug)),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the log is the committee's"
    );
    let log = app::backend::service::votes::log_csv(&state.db, &ballot.slug)
        .await
        .unwrap();
    assert_eq!(log.lines().count(), 4, "the header and three votes: {log}");
    assert!(log.contains(entry.as_str()));
}

/// A plain form post, as a browser without the page's script sends it.
fn post_form(path: &str, body: String, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

/// Verified people's choice over HTTP: the vote form posts an address, the
/// ballot says to check the mail, the link's page confirms nothing by being
/// opened (and sends no referrer), and its button makes the vote count.
#[tokio::test]
async fn a_verified_vote_counts_through_its_mailed_link() {
    use app::backend::records::{Binding, execute};
    let (app, state) = demo_app().await;
    let ballot = this_years_ballot(&app, &state).await;
    let slug = ballot.slug.clone();
    execute(
        &state.db,
        "UPDATE edition SET peoples_choice_verified = true WHERE slug = $slug;",
        app::binds![("slug", Binding::of(&slug))],
    )
    .await
    .unwrap();
    let entry = ballot.candidates[0].entry.clone();

    // Without an address the form is refused, naming the field.
    let (status, _, body) = send(&app, vote(&slug, &entry, None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("email"), "{body}");

    let (status, headers, body) = send(
        &app,
        post_form(
            "/api/cast_vote",
            format!("slug={slug}&entry={entry}&email=warga%40mail.id&language=en"),
            "",
        ),
    )
    .await;
    assert!(status.is_redirection(), "{status}: {body}");
    let location = headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains(&format!("pending={entry}")), "{location}");
    let voter = headers[header::SET_COOKIE].to_str().unwrap();
    let voter = voter.split(';').next().unwrap().to_owned();

    let mails = app::backend::repo::mail::newest(&state.db, 5)
        .await
        .unwrap();
    let (_, after) = mails[0].text.split_once("/vote/confirm?token=").unwrap();
    let token: String = after.chars().take_while(char::is_ascii_hexdigit).collect();
    assert_eq!(mails[0].recipient, "warga@mail.id");
    assert!(
        mails[0].subject.starts_with("Confirm your vote"),
        "in the page's language"
    );

    // Opening the link (as a mail scanner would) counts nothing.
    let (status, _, page) = send(
        &app,
        get(&format!("/editions/{slug}/vote/confirm?token={token}")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("data-test=\"vote-confirm\""), "{page}");
    assert!(
        page.contains("no-referrer"),
        "the token does not leave in a Referer"
    );
    let (_, _, page) = send(
        &app,
        Request::get(format!("/editions/{slug}/vote"))
            .header(header::COOKIE, voter.clone())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(page.contains("data-test=\"vote-awaiting\""), "{page}");
    let (status, headers, body) = send(
        &app,
        post_form(
            "/api/confirm_vote",
            format!("slug={slug}&token={token}"),
            &voter,
        ),
    )
    .await;
    assert!(status.is_redirection(), "{status}: {body}");
    let location = headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains(&format!("counted={entry}")), "{location}");
    let (_, _, page) = send(
        &app,
        Request::get(location)
            .header(header::COOKIE, voter)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(page.contains("data-test=\"vote-counted\""), "{page}");
    assert!(page.contains("data-test=\"voted\""), "{page}");
}

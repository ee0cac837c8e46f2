//! The publication gate: what the public can read of an edition in each of its
//! phases, through every public page, API, CSV, the sitemap, the catalogue and
//! the ballot. The demo's current edition is walked through them: entries
//! open (the open edition), blind scoring, advancement applied but not
//! published, a stage published while a later stage is blind, published,
//! scores hidden, sheets withheld, withdrawn. In each phase nothing appears that
//! the phase does not allow: no organisation of an entry in a blind phase, no
//! unpublished decision, no score the edition hides.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::live::LiveUpdates;
use app::backend::public_cache::PublicCache;

use app::backend::records::{Binding, execute, query_rows};
use app::backend::service::advancement::{self, Decision};
use app::backend::service::publication;
use app::backend::state::AppState;
use app::binds;
use axum::Router;
use axum::body::Body;
use common::{HOST, demo_app, send};
use domain::ids::EntryId;
use http::{Method, Request, header};

/// Everything the public can read about the current edition, as text.
struct Surfaces {
    texts: Vec<(String, String)>,
}

impl Surfaces {
    fn containing(&self, needle: &str) -> Vec<&str> {
        self.texts
            .iter()
            .filter(|(_, text)| text.contains(needle))
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The same, among the surfaces that carry results (pages, API, CSV).
    fn results_containing(&self, needle: &str) -> Vec<&str> {
        self.containing(needle)
            .into_iter()
            .filter(|name| name.contains("results"))
            .collect()
    }

    /// The same, leaving out the catalogue's listings: other innovations'
    /// published texts may name any agency (a replica names its original's).
    fn edition_containing(&self, needle: &str) -> Vec<&str> {
        self.containing(needle)
            .into_iter()
            .filter(|name| *name != "/innovations" && !name.starts_with("catalogue"))
            .collect()
    }

    fn text(&self, name: &str) -> &str {
        self.texts
            .iter()
            .find(|(surface, _)| surface == name)
            .map_or("", |(_, text)| text.as_str())
    }
}

async fn post(app: &Router, endpoint: &str, form: String) -> String {
    let request = Request::builder()
        .method(Method::POST)
        .uri(endpoint)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(form))
        .unwrap();
    send(app, request).await.2
}

async fn get(app: &Router, path: &str) -> String {
    send(app, common::get(path)).await.2
}

/// One entry of the current edition: key, title, organisation's name,
/// innovation key.
struct Entry {
    id: String,
    title: String,
    organisation: String,
    innovation: String,
}

async fn entries(state: &AppState, edition: &str) -> Vec<Entry> {
    #[derive(serde::Deserialize)]
    struct Row {
        id: String,
        title: String,
        organisation: String,
        innovation: String,
    }
    let rows: Vec<Row> = query_rows(
        &state.db,
        "SELECT record::id(id) AS id, title, org.name AS organisation, record::id(innovation) AS innovation \
         FROM entry WHERE edition = $edition;",
        binds![("edition", Binding::record("edition", edition))],
        0,
    )
    .await
    .unwrap();
    rows.into_iter()
        .map(|row| Entry {
            id: row.id,
            title: row.title,
            organisation: row.organisation,
            innovation: row.innovation,
        })
        .collect()
}

/// Reads every public surface of edition `slug` (and the site-wide ones),
/// anonymously, after telling the caches that something changed.
async fn read_all(app: &Router, state: &AppState, slug: &str, entries: &[Entry]) -> Surfaces {
    state.public.invalidate();
    let mut texts = Vec::new();
    for path in [
        "/".to_owned(),
        format!("/editions/{slug}"),
        format!("/editions/{slug}/results"),
        format!("/editions/{slug}/vote"),
        format!("/editions/{slug}/objections"),
        "/innovations".to_owned(),
        "/sitemap.xml".to_owned(),
        "/api/v1/editions".to_owned(),
        format!("/api/v1/editions/{slug}/results"),
        format!("/api/v1/editions/{slug}/results.csv"),
    ] {
        texts.push((path.clone(), get(app, &path).await));
    }
    for endpoint in [
        "/api/load_edition_page",
        "/api/load_ballot",
        "/api/load_objection_window",
        "/api/load_published_results",
        "/api/load_profile_links",
    ] {
        texts.push((
            endpoint.to_owned(),
            post(app, endpoint, format!("slug={slug}")).await,
        ));
    }
    for entry in entries {
        let q = entry.title.replace(' ', "+");
        texts.push((
            format!("catalogue q={}", entry.title),
            post(app, "/api/load_catalogue", format!("q={q}")).await,
        ));
        texts.push((
            format!("/innovations/{}", entry.innovation),
            get(app, &format!("/innovations/{}", entry.innovation)).await,
        ));
    }
    Surfaces { texts }
}

/// Organisations' names that only these entries' organisations have (a name
/// shared with an organisation of the past edition could appear there) and
/// that no title carries (a title is the entrant's own words, read by the
/// judges too).
fn distinctive(entries: &[Entry], others: &[Entry]) -> Vec<String> {
    let mut names: Vec<String> = entries
        .iter()
        .map(|entry| entry.organisation.clone())
        .filter(|name| !others.iter().any(|other| other.organisation == *name))
        .filter(|name| {
            !entries
                .iter()
                .any(|entry| entry.title.contains(name.as_str()))
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

async fn set(state: &AppState, sql: &str) {
    execute(&state.db, sql, Vec::new()).await.unwrap();
}

#[tokio::test]
async fn each_phase_shows_the_public_only_what_it_allows() {
    let (app, state) = demo_app().await;
    let current = common::slug_of(&state, "kipp-kini").await;
    let current_entries = entries(&state, "kipp-kini").await;
    let past_entries = entries(&state, "kipp-lalu").await;
    let open_entries = entries(&state, "kipp-rintisan").await;
    let hidden_names = distinctive(&current_entries, &past_entries);
    assert!(
        !hidden_names.is_empty(),
        "the demo has organisations entered only now"
    );

    // Entries open: nothing of the open edition's drafts and submissions.
    let open_slug = common::slug_of(&state, "kipp-rintisan").await;
    let surfaces = read_all(&app, &state, &open_slug, &open_entries).await;
    for entry in &open_entries {
        let seen = surfaces.containing(&entry.title);
        assert!(
            seen.is_empty(),
            "{} (entries open) is shown by {seen:?}",
            entry.title
        );
    }

    // Blind scoring: the desk stage hides organisations from judges, so
    // nothing public may tie an entry to one. (What the entrants wrote is
    // theirs: a proposal that names its agency is the screening's to catch,
    // and its judges read it anyway. The summaries are made neutral here so
    // that only what Juara itself shows is tested.)
    set(
        &state,
        "UPDATE stage:⟨kipp-kini-desk⟩ SET blind = true; \
         UPDATE entry SET sections.ringkasan = 'Ringkasan inovasi.' WHERE edition = edition:⟨kipp-kini⟩;",
    )
    .await;
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    for name in &hidden_names {
        let seen = surfaces.edition_containing(name);
        assert!(
            seen.is_empty(),
            "«{name}» (blind scoring) is shown by {seen:?}"
        );
    }
    for entry in &current_entries {
        let profile = format!("/innovations/{}", entry.innovation);
        let seen: Vec<&str> = surfaces
            .containing(&format!("{profile}\""))
            .into_iter()
            .filter(|name| *name != profile)
            .collect();
        assert!(
            seen.is_empty(),
            "the profile of {} is linked by {seen:?}",
            entry.title
        );
        let (status, _, _) = send(&app, common::get(&profile)).await;
        assert_eq!(
            status,
            http::StatusCode::NOT_FOUND,
            "{profile} (blind scoring)"
        );
    }
    let ballot = surfaces.text("/api/load_ballot");
    assert!(ballot.contains("\"organisation\":null"), "{ballot}");
    assert!(
        !ballot.contains("\"organisation\":\""),
        "the ballot names no organisation"
    );

    // Advancement applied, not published: no decision leaves the committee.
    let now = jiff::Timestamp::now();
    advancement::close_early(
        &state.db,
        &LiveUpdates::default(),
        None,
        &current,
        &"desk".into(),
        now,
    )
    .await
    .unwrap();
    let preview = advancement::preview(&state.db, &current, &"desk".into(), now)
        .await
        .unwrap();
    let advancing: Vec<EntryId> = preview
        .dashboard
        .ranking
        .iter()
        .flat_map(|group| group.rows.iter())
        .take(2)
        .map(|row| row.entry.clone())
        .collect();
    advancement::apply(
        &state.db,
        &LiveUpdates::default(),
        None,
        (&current, &"desk".into()),
        &Decision {
            advance: advancing.iter().cloned().collect(),
            reason: "Diputuskan dalam rapat panitia".into(),
            despite_unsubmitted: true,
        },
        now,
    )
    .await
    .unwrap();
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    let window = surfaces.text("/api/load_objection_window");
    assert!(window.contains("\"finalists\":[]"), "{window}");
    let ballot_page = format!("/editions/{current}/vote");
    for entry in current_entries.iter().filter(|entry| {
        advancing
            .iter()
            .any(|advanced| *advanced == entry.id.as_str())
    }) {
        let seen: Vec<&str> = surfaces
            .containing(&entry.id)
            .into_iter()
            .filter(|name| *name != "/api/load_ballot" && *name != ballot_page)
            .collect();
        assert!(
            seen.is_empty(),
            "{} (advanced, unpublished) is named by {seen:?}",
            entry.title
        );
    }
    for name in [
        "Diputuskan dalam rapat panitia",
        "\"advanced\":true",
        "\"score\"",
    ] {
        let seen = surfaces.containing(name);
        assert!(
            seen.is_empty(),
            "«{name}» (unpublished) is shown by {seen:?}"
        );
    }

    // The desk stage published while the presentation stage is blind: ranks
    // and outcomes are public, organisations still are not.
    set(
        &state,
        "UPDATE stage:⟨kipp-kini-desk⟩ SET blind = false; UPDATE stage:⟨kipp-kini-presentasi⟩ SET blind = true;",
    )
    .await;
    let published = publication::publish(
        &state.db,
        &PublicCache::default(),
        None,
        (&current, &"desk".into()),
        None,
        app::backend::mail::outgoing::Announce::Quietly,
        now,
    )
    .await
    .unwrap();
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    let results = surfaces.text(&format!("/api/v1/editions/{current}/results"));
    assert!(
        results.contains("\"advanced\":true"),
        "the decision is public now: {results}"
    );
    for name in &hidden_names {
        let seen = surfaces.edition_containing(name);
        assert!(
            seen.is_empty(),
            "«{name}» (a later stage blind) is shown by {seen:?}"
        );
    }

    // Nothing blind any more: organisations are public with the results.
    set(
        &state,
        "UPDATE stage:⟨kipp-kini-presentasi⟩ SET blind = false;",
    )
    .await;
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    assert!(
        hidden_names
            .iter()
            .any(|name| !surfaces.containing(name).is_empty()),
        "published and not blind: organisations are shown"
    );
    assert!(
        !surfaces.results_containing("\"sheets\":[{").is_empty(),
        "sheets are published by default"
    );

    // Scores hidden: ranks and outcomes only, in every form.
    set(
        &state,
        "UPDATE edition:⟨kipp-kini⟩ SET shows_scores = false;",
    )
    .await;
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    for name in ["\"score\"", "\"sheets\"", "\"total\"", "\"values\""] {
        let seen = surfaces.results_containing(name);
        assert!(
            seen.is_empty(),
            "{name} (scores hidden) is shown by {seen:?}"
        );
    }
    let csv = surfaces.text(&format!("/api/v1/editions/{current}/results.csv"));
    assert!(csv.lines().count() > 1, "{csv}");
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        assert!(
            cells.len() > 6 && cells[5].is_empty(),
            "the score column is empty: {line}"
        );
    }
    let committee = app::backend::service::results::document(&state.db, &current, &"desk".into())
        .await
        .unwrap();
    let page = surfaces.text(&format!("/editions/{current}/results"));
    for entry in &committee.stages[0].entries {
        let shown = format!("{:.2}", entry.score.unwrap());
        assert!(
            !page.contains(&format!(">{shown}<")),
            "score {shown} is on the page"
        );
    }

    // Scores shown, sheets withheld: scores but no judge's values.
    set(
        &state,
        "UPDATE edition:⟨kipp-kini⟩ SET shows_scores = true, publishes_sheets = false;",
    )
    .await;
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    assert!(!surfaces.results_containing("\"score\"").is_empty());
    for name in ["\"sheets\"", "\"values\""] {
        let seen = surfaces.results_containing(name);
        assert!(
            seen.is_empty(),
            "{name} (sheets withheld) is shown by {seen:?}"
        );
    }

    // Withdrawn: all of it is gone again.
    publication::withdraw(
        &state.db,
        &PublicCache::default(),
        None,
        &current,
        &published.id,
        now,
    )
    .await
    .unwrap();
    let surfaces = read_all(&app, &state, &current, &current_entries).await;
    for name in ["\"advanced\":true", "\"score\"", "\"rank\""] {
        let seen = surfaces.results_containing(name);
        assert!(seen.is_empty(), "{name} (withdrawn) is shown by {seen:?}");
    }
    let sitemap = surfaces.text("/sitemap.xml");
    assert!(!sitemap.contains(&format!("/editions/{current}/results")));
}

//! What `scripts/bench cluster` measures besides the judges' saves: how long a
//! save on one instance takes to reach a live dashboard open on another, and
//! the published results page served by every instance at once.

use super::{STAGE, client, percentile, session_cookie};
use serde::Deserialize;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The demo's committee account.
const COMMITTEE: (&str, &str) = ("panitia@juara.test", "juara-demo-2026");

/// Rounds of the dashboard probe.
const ROUNDS: usize = 30;

/// Concurrent readers of the results page, per instance.
const READERS: usize = 32;

/// The slug of an edition whose results are published.
async fn published_slug(base: &str) -> String {
    #[derive(Deserialize)]
    struct Listed {
        slug: String,
        results_published: bool,
    }
    let listed: Vec<Listed> = serde_json::from_slice(
        &client()
            .get(format!("{base}/api/v1/editions"))
            .send()
            .await
            .expect("the editions")
            .bytes()
            .await
            .expect("the editions"),
    )
    .expect("a listing");
    listed
        .into_iter()
        .find(|edition| edition.results_published)
        .map(|edition| edition.slug)
        .expect("a published edition")
}

/// The judge's current revision of `entry`.
async fn revision_of(base: &str, cookie: &str, entry: &str) -> i64 {
    #[derive(Deserialize)]
    struct View {
        revision: i64,
    }
    let body = client()
        .post(format!("{base}/api/load_scoring_view"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(format!("stage={STAGE}&entry={entry}"))
        .send()
        .await
        .expect("read a sheet")
        .bytes()
        .await
        .expect("a scoring view");
    serde_json::from_slice::<View>(&body).map_or(0, |view| view.revision)
}

/// Who saves what for the dashboard probe.
pub struct DashboardProbe<'a> {
    /// The edition being judged, whose desk stage's dashboard listens.
    pub judged_slug: &'a str,
    /// The probe judge's session and account.
    pub judge_cookie: &'a str,
    pub owner: &'a str,
    /// The entry the probe judge saves.
    pub entry: &'a str,
}

/// A judge saves on `a` while the committee's dashboard listens on `b`: the
/// time from sending each save to the dashboard's `changed`, over [`ROUNDS`].
pub async fn dashboard_latency(a: &str, b: &str, probe: DashboardProbe<'_>) -> serde_json::Value {
    let DashboardProbe {
        judged_slug: judged,
        judge_cookie,
        owner,
        entry,
    } = probe;
    let committee = session_cookie(&client(), b, COMMITTEE.0, COMMITTEE.1).await;
    let mut events = client()
        .get(format!("{b}/admin/editions/{judged}/stages/desk/events"))
        .header("cookie", &committee)
        .send()
        .await
        .expect("the dashboard's event stream");
    // A wrong edition or a refused session would only show as every round missed.
    assert!(
        events.status().is_success(),
        "the dashboard's event stream answered {}",
        events.status()
    );
    let (heard, mut hearing) = tokio::sync::mpsc::unbounded_channel::<Instant>();
    let listener = tokio::spawn(async move {
        let mut text = String::new();
        while let Ok(Some(chunk)) = events.chunk().await {
            text.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = text.find("\n\n") {
                let event: String = text.drain(..end + 2).collect();
                if event.contains("event: changed") {
                    let _ = heard.send(Instant::now());
                }
            }
        }
    });
    // Let the dashboard's instance take its first look at the changes.
    tokio::time::sleep(Duration::from_secs(1)).await;
    while hearing.try_recv().is_ok() {}
    let mut latencies = Vec::new();
    let mut missed = 0;
    for round in 0..ROUNDS {
        let revision = revision_of(a, judge_cookie, entry).await;
        let body = serde_json::json!({
            "stage": STAGE,
            "entry": entry,
            "owner": owner,
            "revision": {
                "values": { "kebaruan": round % 100 },
                "comments": {},
                "comment": "",
                "submit": false,
                "base_revision": revision,
                "idempotency_key": format!("probe-{round}-{}", std::process::id()),
            }
        });
        let sent = Instant::now();
        let saved = client()
            .post(format!("{a}/api/save_sheet"))
            .header("content-type", "application/json")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", judge_cookie)
            .body(body.to_string())
            .send()
            .await
            .is_ok_and(|answer| answer.status().is_success());
        if !saved {
            missed += 1;
            continue;
        }
        match tokio::time::timeout(Duration::from_secs(5), hearing.recv()).await {
            Ok(Some(at)) => latencies.push(at.duration_since(sent)),
            _ => missed += 1,
        }
        // Apart, so that each save is its own notice.
        tokio::time::sleep(Duration::from_millis(250)).await;
        while hearing.try_recv().is_ok() {}
    }
    listener.abort();
    latencies.sort_unstable();
    serde_json::json!({
        "rounds": ROUNDS,
        "missed": missed,
        "p50_ms": (percentile(&latencies, 0.50) * 10.0).round() / 10.0,
        "p95_ms": (percentile(&latencies, 0.95) * 10.0).round() / 10.0,
        "max_ms": (percentile(&latencies, 1.0) * 10.0).round() / 10.0,
    })
}

/// [`READERS`] readers per instance fetch the published results page for
/// `length`; answers requests/s and latency per instance and in all.
pub async fn public_page(bases: &[Arc<str>], length: Duration) -> serde_json::Value {
    let published = published_slug(&bases[0]).await;
    let until = Instant::now() + length;
    let mut per_instance = Vec::new();
    let mut readers = Vec::new();
    for base in bases {
        let url = format!("{base}/editions/{published}/results");
        for _ in 0..READERS {
            let url = url.clone();
            readers.push(tokio::spawn(async move {
                let client = client();
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                while Instant::now() < until {
                    let started = Instant::now();
                    let ok = match client
                        .get(&url)
                        .header("accept-encoding", "br")
                        .send()
                        .await
                    {
                        Ok(answer) if answer.status().is_success() => answer.bytes().await.is_ok(),
                        _ => false,
                    };
                    if ok {
                        latencies.push(started.elapsed());
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            }));
        }
    }
    let mut all = Vec::new();
    let mut all_errors = 0;
    let mut index = 0;
    for base in bases {
        let mut latencies = Vec::new();
        let mut errors = 0;
        for reader in &mut readers[index..index + READERS] {
            let (mut got, failed) = reader.await.expect("a reader");
            latencies.append(&mut got);
            errors += failed;
        }
        index += READERS;
        latencies.sort_unstable();
        per_instance.push(serde_json::json!({
            "instance": base.as_ref(),
            "requests_per_second": (latencies.len() as f64 / length.as_secs_f64()).round(),
            "p99_ms": (percentile(&latencies, 0.99) * 10.0).round() / 10.0,
            "errors": errors,
        }));
        all.extend(latencies);
        all_errors += errors;
    }
    all.sort_unstable();
    serde_json::json!({
        "readers_per_instance": READERS,
        "seconds": length.as_secs(),
        "requests_per_second": (all.len() as f64 / length.as_secs_f64()).round(),
        "p99_ms": (percentile(&all, 0.99) * 10.0).round() / 10.0,
        "errors": all_errors,
        "instances": per_instance,
    })
}

//! What the process counts for `/metrics` (Prometheus' text format): requests
//! by route and status, their latency, judges' saves and the results page's
//! memory. Counted in memory per process: Prometheus scrapes each instance and
//! adds them up, which is how it expects counters to work.
//!
//! Labels are bounded by construction: a route is the router's own pattern
//! (`/judge/visits/{visit}`), never the path a client sent, and everything that
//! matched no route is counted under one label, so made-up paths cannot grow
//! the table.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The route label of a request that matched no route of the router (static
/// files, the 404 page, and anything made up).
pub const UNMATCHED: &str = "(unmatched)";

/// Upper bounds of the latency buckets, in seconds: from a page served from
/// memory (well under 5 ms) to a submission package rendered (seconds).
const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// One route's latencies.
#[derive(Debug, Default, Clone)]
struct Histogram {
    /// Requests at or under each bound of [`BUCKETS`] (not cumulative here;
    /// summed when written).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            self.buckets[bucket] += 1;
        }
        self.count += 1;
        self.sum_seconds += seconds;
    }
}

#[derive(Debug, Default)]
struct Requests {
    /// (route, status) → answered.
    answered: BTreeMap<(String, u16), u64>,
    /// route → latencies.
    latency: BTreeMap<String, Histogram>,
}

/// The process's counters, shared by every request (behind an `Arc` in the state).
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<Requests>,
    sheet_saves: AtomicU64,
    results_page_hits: AtomicU64,
    results_page_renders: AtomicU64,
}

/// Figures read from the database when scraped, not counted in memory: they
/// hold across instances and restarts.
#[derive(Debug, Default, Clone)]
pub struct StoredFigures {
    /// Messages in the outbox by state (`queued`, `sending`, `sent`, `failed`).
    pub mail_by_state: Vec<(String, u64)>,
}

impl Metrics {
    /// Counts one answered request: `route` is the router's pattern (or
    /// [`UNMATCHED`]), `took` the time until the answer's head.
    pub fn answered(&self, route: &str, status: u16, took: Duration) {
        let mut requests = self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *requests
            .answered
            .entry((route.to_owned(), status))
            .or_default() += 1;
        requests
            .latency
            .entry(route.to_owned())
            .or_default()
            .observe(took.as_secs_f64());
    }

    /// Counts a judge's sheet saved (a draft or a submission).
    pub fn sheet_saved(&self) {
        self.sheet_saves.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a results page answered from memory (`true`) or rendered.
    pub fn results_page(&self, from_memory: bool) {
        let counter = if from_memory {
            &self.results_page_hits
        } else {
            &self.results_page_renders
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Everything, in Prometheus' text exposition format (version 0.0.4).
    #[must_use]
    pub fn render(&self, stored: &StoredFigures) -> String {
        let mut out = String::new();
        let requests = self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        head(
            &mut out,
            "juara_http_requests_total",
            "counter",
            "HTTP requests answered, by route pattern and status.",
        );
        for ((route, status), count) in &requests.answered {
            let _ = writeln!(
                out,
                "juara_http_requests_total{{route=\"{}\",status=\"{status}\"}} {count}",
                escape(route)
            );
        }
        head(
            &mut out,
            "juara_http_request_duration_seconds",
            "histogram",
            "Time until the answer's head was ready, by route pattern.",
        );
        for (route, histogram) in &requests.latency {
            let route = escape(route);
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(histogram.buckets) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "juara_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "juara_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                histogram.count
            );
            let _ = writeln!(
                out,
                "juara_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                histogram.sum_seconds
            );
            let _ = writeln!(
                out,
                "juara_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                histogram.count
            );
        }
        drop(requests);
        head(
            &mut out,
            "juara_sheet_saves_total",
            "counter",
            "Judges' score sheets saved (drafts and submissions) by this instance.",
        );
        let _ = writeln!(
            out,
            "juara_sheet_saves_total {}",
            self.sheet_saves.load(Ordering::Relaxed)
        );
        head(
            &mut out,
            "juara_results_page_total",
            "counter",
            "Published results pages answered, from memory or rendered.",
        );
        let _ = writeln!(
            out,
            "juara_results_page_total{{source=\"memory\"}} {}",
            self.results_page_hits.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "juara_results_page_total{{source=\"rendered\"}} {}",
            self.results_page_renders.load(Ordering::Relaxed)
        );
        head(
            &mut out,
            "juara_mail_messages",
            "gauge",
            "Messages in the outbox by state (read from the database; the same on every instance).",
        );
        for (state, count) in &stored.mail_by_state {
            let _ = writeln!(
                out,
                "juara_mail_messages{{state=\"{}\"}} {count}",
                escape(state)
            );
        }
        head(
            &mut out,
            "juara_build_info",
            "gauge",
            "The running build: always 1, labelled with the version.",
        );
        let _ = writeln!(
            out,
            "juara_build_info{{version=\"{}\",schema=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION"),
            crate::backend::db::schema_version()
        );
        out
    }
}

fn head(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A label value as the format wants it: backslash, quote and newline escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_cumulative_and_end_with_the_count() {
        let metrics = Metrics::default();
        metrics.answered("/a", 200, Duration::from_millis(3));
        metrics.answered("/a", 200, Duration::from_millis(40));
        metrics.answered("/a", 500, Duration::from_secs(60));
        let text = metrics.render(&StoredFigures::default());
        assert!(text.contains("juara_http_requests_total{route=\"/a\",status=\"200\"} 2"));
        assert!(text.contains("juara_http_requests_total{route=\"/a\",status=\"500\"} 1"));
        assert!(
            text.contains(
                "juara_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.005\"} 1"
            )
        );
        assert!(
            text.contains("juara_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.05\"} 2")
        );
        // Slower than the last bound: only in +Inf.
        assert!(
            text.contains("juara_http_request_duration_seconds_bucket{route=\"/a\",le=\"30\"} 2")
        );
        assert!(
            text.contains("juara_http_request_duration_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3")
        );
        assert!(text.contains("juara_http_request_duration_seconds_count{route=\"/a\"} 3"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}

//! What every request handler and server function shares.

use super::db::Db;
use super::rate_limit::Limiter;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use std::time::Duration;

/// Session and security settings, read once from the configuration in `main`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_absolute: Duration,
    /// Mark cookies `Secure` (serve behind HTTPS).
    pub secure_cookies: bool,
    /// The origin browsers use to reach us (e.g. `https://juara.malangkota.go.id`),
    /// when a proxy rewrites `Host`; otherwise the `Host` header is trusted.
    pub public_origin: Option<String>,
    /// Where evidence files are stored (`<data>/evidence`).
    pub evidence_dir: std::path::PathBuf,
    /// The reverse proxies whose `X-Forwarded-For` / `Forwarded` is believed
    /// (`JUARA_TRUSTED_PROXIES`; none by default).
    pub trusted_proxies: Vec<super::client_addr::Cidr>,
    /// The key people's-choice voter ids are signed with (`<data>/voter.key`).
    pub voter_key: super::auth::voter::VoterKey,
    /// The hosts the site answers to (lower-case, with port): only their
    /// results pages are kept in memory. Empty: none is.
    pub known_hosts: Vec<String>,
    /// Where mail goes (the worker's transport, as the outbox page says it).
    pub mail: crate::model::MailDelivery,
}

impl Settings {
    /// The origin browsers reach this site at, for absolute links (share tags,
    /// the sitemap): the configured public origin, else the request's `Host`
    /// when it looks like a host name (and `127.0.0.1` when it does not).
    #[must_use]
    pub fn origin_for(&self, headers: &http::HeaderMap) -> String {
        if let Some(origin) = &self.public_origin {
            return origin.trim_end_matches('/').to_owned();
        }
        let host = headers
            .get(http::header::HOST)
            .and_then(|value| value.to_str().ok())
            .filter(|host| {
                !host.is_empty()
                    && host.len() <= 255
                    && host
                        .bytes()
                        .all(|byte| byte.is_ascii_alphanumeric() || b".-:[]".contains(&byte))
            })
            .unwrap_or("127.0.0.1");
        let scheme = if self.secure_cookies { "https" } else { "http" };
        format!("{scheme}://{host}")
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_idle: Duration::from_secs(2 * 60 * 60),
            session_absolute: Duration::from_secs(12 * 60 * 60),
            secure_cookies: false,
            public_origin: None,
            evidence_dir: std::env::temp_dir().join("juara-evidence"),
            trusted_proxies: Vec::new(),
            voter_key: super::auth::voter::VoterKey::random(),
            known_hosts: Vec::new(),
            mail: crate::model::MailDelivery::Folder(
                std::env::temp_dir()
                    .join("juara-mail")
                    .display()
                    .to_string(),
            ),
        }
    }
}

/// The application state, cloned into every request.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Leptos' site options (paths of the wasm and CSS).
    pub leptos_options: LeptosOptions,
    /// Failed sign-ins per address and per account.
    pub login_limiter: Arc<Limiter>,
    /// Objections filed per address (every one counts).
    pub objection_limiter: Arc<Limiter>,
    /// Session and security settings.
    pub settings: Arc<Settings>,
    /// Demo sign-in details to show on the login page, when the demo is loaded.
    pub demo_hint: Option<Arc<crate::model::DemoHint>>,
    /// Change notices for the committee's live dashboards.
    pub live: super::live::LiveUpdates,
    /// People's-choice votes cast per address (every one counts).
    pub vote_limiter: Arc<Limiter>,
    /// The catalogue and the rendered results pages, kept in memory.
    pub public: super::public_cache::PublicCache,
    /// What `/metrics` reports of this process.
    pub metrics: Arc<super::metrics::Metrics>,
}

impl AppState {
    /// The state the server and every test harness start from: `db`, the site
    /// options and `settings`, with the product's limits (sign-in: 10 failures
    /// per address and per account in 15 minutes; votes and objections: their
    /// services' hourly limits), empty caches and no demo hint.
    #[must_use]
    pub fn new(db: Db, leptos_options: LeptosOptions, settings: Settings) -> AppState {
        let hourly = |name: &'static str, max: usize| {
            Arc::new(Limiter::new(name, max, Duration::from_secs(60 * 60)))
        };
        AppState {
            leptos_options,
            login_limiter: Arc::new(Limiter::new("login", 10, Duration::from_secs(15 * 60))),
            objection_limiter: hourly(
                "objection",
                crate::backend::service::objections::MAX_PER_HOUR,
            ),
            vote_limiter: hourly("vote", crate::backend::service::votes::PER_HOUR),
            settings: Arc::new(settings),
            demo_hint: None,
            live: super::live::LiveUpdates::shared(db.clone()),
            public: super::public_cache::PublicCache::shared(db.clone()),
            db,
            metrics: Default::default(),
        }
    }

    /// The same, allowing `max_failures` failed sign-ins per address and per
    /// account within `window`.
    #[must_use]
    pub fn with_login_limit(self, max_failures: usize, window: Duration) -> AppState {
        AppState {
            login_limiter: Arc::new(Limiter::new("login", max_failures, window)),
            ..self
        }
    }

    /// The same, showing `hint` (the demo's accounts) on the sign-in page.
    #[must_use]
    pub fn with_demo_hint(self, hint: Option<crate::model::DemoHint>) -> AppState {
        AppState {
            demo_hint: hint.map(Arc::new),
            ..self
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

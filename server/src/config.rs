//! The typed configuration, read once in `main` from flags and `JUARA_*`
//! environment variables. Nothing else reads the environment.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Options shared by every command.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to serve on.
    #[arg(
        long,
        env = "JUARA_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// Data directory: the embedded database and uploaded evidence live here.
    #[arg(long, env = "JUARA_DATA", default_value = "./data", global = true)]
    pub data: PathBuf,

    /// Database URL. Default: the embedded on-disk database under the data
    /// directory (`surrealkv://<data>/db?sync=every`). Also `mem://` or
    /// `ws://host:port` for a SurrealDB server.
    #[arg(long, env = "JUARA_DB", global = true)]
    pub db: Option<String>,

    /// User for a SurrealDB server (`ws://`); the embedded database needs none.
    #[arg(long, env = "JUARA_DB_USER", global = true)]
    pub db_user: Option<String>,

    /// Password for `JUARA_DB_USER`. Never printed.
    #[arg(long, env = "JUARA_DB_PASS", global = true, hide_env_values = true)]
    pub db_pass: Option<Secret>,

    /// Directory holding the built site (`pkg/`, CSS, icons). Default: Leptos'
    /// `LEPTOS_SITE_ROOT`, else `target/site`.
    #[arg(long, env = "JUARA_SITE_ROOT", global = true)]
    pub site_root: Option<PathBuf>,

    /// Mark the session cookie `Secure` (set this when serving over HTTPS; implied
    /// by an `https://` public origin).
    #[arg(
        long,
        env = "JUARA_SECURE_COOKIES",
        default_value_t = false,
        global = true
    )]
    pub secure_cookies: bool,

    /// The public origin (`https://juara.example.go.id`) when a proxy rewrites
    /// `Host`; cross-site POSTs are checked against it.
    #[arg(long, env = "JUARA_PUBLIC_ORIGIN", global = true)]
    pub public_origin: Option<String>,

    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers are
    /// believed, as comma-separated address blocks (`127.0.0.1, 10.0.0.0/8`).
    /// Empty (the default): every client is the TCP peer. Set it when Juara
    /// runs behind the proxy that serves HTTPS, or every client shares the
    /// proxy's sign-in and vote limits.
    #[arg(long, env = "JUARA_TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: TrustedProxies,

    /// Further host names the site answers to besides the public origin's
    /// (or, when unset, the bound address), comma-separated
    /// (`juara.malangkota.go.id, localhost:3000`). Only these hosts' results
    /// pages are kept in memory.
    #[arg(long, env = "JUARA_ALLOWED_HOSTS", default_value = "", global = true)]
    pub allowed_hosts: HostList,

    /// Minutes of inactivity after which a session ends.
    #[arg(
        long,
        env = "JUARA_SESSION_IDLE_MINUTES",
        default_value_t = 120,
        global = true,
        value_parser = clap::value_parser!(u64).range(1..=7 * 24 * 60)
    )]
    pub session_idle_minutes: u64,

    /// Hours after sign-in after which a session ends however busy.
    #[arg(long, env = "JUARA_SESSION_HOURS", default_value_t = 12, global = true,
          value_parser = clap::value_parser!(u64).range(1..=30 * 24))]
    pub session_hours: u64,

    /// Failed sign-ins allowed per client address within the window.
    #[arg(
        long,
        env = "JUARA_LOGIN_MAX_FAILURES",
        default_value_t = 10,
        global = true
    )]
    pub login_max_failures: usize,

    /// The window for failed sign-ins, in minutes.
    #[arg(
        long,
        env = "JUARA_LOGIN_WINDOW_MINUTES",
        default_value_t = 15,
        global = true,
        value_parser = clap::value_parser!(u64).range(1..=24 * 60)
    )]
    pub login_window_minutes: u64,

    /// The mail server: `smtps://user:password@host:465`,
    /// `smtp+starttls://user:password@host:587`, or `smtp://host:25` for a
    /// relay on this machine. Never printed. Without it, messages are written
    /// as `.eml` files under `<data>/mail/outbox/` and listed on the
    /// committee's outbox page.
    #[arg(long, env = "JUARA_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// Who messages come from (`Panitia KIPP <kipp@malangkota.go.id>`); needed
    /// with a mail server.
    #[arg(long, env = "JUARA_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,

    /// Days before a scoring stage closes that judges with unsubmitted sheets
    /// are reminded by mail (`3,1`: three days and one day before).
    #[arg(
        long,
        env = "JUARA_REMINDER_DAYS",
        default_value = "3,1",
        value_delimiter = ',',
        global = true,
        value_parser = clap::value_parser!(u32).range(1..=60)
    )]
    pub reminder_days: Vec<u32>,

    /// Log filter (`info`, `juara=debug,info`, …).
    #[arg(
        long,
        env = "JUARA_LOG",
        default_value = "info,surrealdb=warn,surrealkv=warn",
        global = true
    )]
    pub log: String,
    /// How log lines are written: `text` for people, `json` (one object a
    /// line, with the request id) for a log collector.
    #[arg(
        long,
        env = "JUARA_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
    /// Where the operations endpoint listens (`/metrics`, and what `juara
    /// backup` and `juara export` ask a running server for), e.g.
    /// `127.0.0.1:9464`. Every request to it needs the token in
    /// `<data>/ops.token`. Default: a free port on 127.0.0.1, written to
    /// `<data>/ops.addr` for the command line.
    #[arg(long, env = "JUARA_OPS_ADDR", global = true)]
    pub ops_addr: Option<SocketAddr>,
}

/// `JUARA_LOG_FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Lines for people.
    Text,
    /// One JSON object a line.
    Json,
}

/// `JUARA_TRUSTED_PROXIES`: address blocks.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<app::backend::client_addr::Cidr>);

impl std::str::FromStr for TrustedProxies {
    type Err = app::backend::client_addr::BadCidr;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        app::backend::client_addr::parse_list(text).map(TrustedProxies)
    }
}

/// `JUARA_ALLOWED_HOSTS`: host names (with a port where it is not the
/// scheme's), lower-cased.
#[derive(Debug, Clone, Default)]
pub struct HostList(pub Vec<String>);

impl std::str::FromStr for HostList {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(HostList(
            text.split(',')
                .map(|host| host.trim().to_ascii_lowercase())
                .filter(|host| !host.is_empty())
                .collect(),
        ))
    }
}

/// A value that never appears in logs or `Debug` output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The value itself, for the one place that needs it.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Secret(value.to_owned()))
    }
}

impl Config {
    /// Credentials for a SurrealDB server, when both halves are given.
    #[must_use]
    pub fn database_credentials(&self) -> Option<app::backend::db::Credentials> {
        match (&self.db_user, &self.db_pass) {
            (Some(username), Some(password)) => Some(app::backend::db::Credentials {
                username: username.clone(),
                password: password.expose().to_owned(),
            }),
            _ => None,
        }
    }

    /// The database URL to connect to.
    #[must_use]
    pub fn database_url(&self) -> String {
        self.db
            .clone()
            .unwrap_or_else(|| format!("surrealkv://{}?sync=every", self.data.join("db").display()))
    }

    /// Whether cookies must be `Secure`: asked for, or implied by an HTTPS origin.
    #[must_use]
    pub fn cookies_must_be_secure(&self) -> bool {
        self.secure_cookies
            || self
                .public_origin
                .as_deref()
                .is_some_and(|origin| origin.starts_with("https://"))
    }

    /// The hosts the site answers to: the public origin's (else the bound
    /// address, and `localhost` with its port when bound to loopback), plus
    /// `JUARA_ALLOWED_HOSTS`. Empty when bound to every interface with no
    /// origin set: any host is then answered, but none is cached.
    #[must_use]
    pub fn known_hosts(&self) -> Vec<String> {
        let mut hosts = self.allowed_hosts.0.clone();
        match &self.public_origin {
            Some(origin) => {
                let host = origin
                    .split_once("://")
                    .map_or(origin.as_str(), |(_, rest)| rest)
                    .trim_end_matches('/');
                hosts.push(host.to_ascii_lowercase());
            }
            None if !self.addr.ip().is_unspecified() => {
                hosts.push(self.addr.to_string());
                if self.addr.ip().is_loopback() {
                    hosts.push(format!("localhost:{}", self.addr.port()));
                }
            }
            None => {}
        }
        hosts
    }

    /// Whether the database lives in the data directory (and so needs its lock).
    #[must_use]
    pub fn uses_embedded_database(&self) -> bool {
        self.database_url().starts_with("surrealkv://")
    }
}

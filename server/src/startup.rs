//! Opening the database and serving.

use crate::config::{Config, LogFormat};
use crate::data_dir::{self, DataDirLock};
use crate::router;
use app::backend::db::{self, Db};
use app::backend::demo;
use app::backend::mail::transport::MailTransport;
use app::backend::service::accounts;
use app::backend::state::{AppState, Settings};
use app::model::{DemoHint, MailDelivery};
use leptos::config::get_configuration;
use std::net::SocketAddr;
use std::time::Duration;

/// Logs to standard error, filtered by `filter` (`JUARA_LOG`), as text or as
/// JSON lines (`JUARA_LOG_FORMAT`); a line written while a request is handled
/// carries the request's id either way.
pub fn init_tracing(filter: &str, format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => {
            // Rust's own report stays for a filter that leaves `panic` out
            // (`JUARA_LOG=server=debug`): a panic is never silent.
            let report = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if tracing::enabled!(target: "panic", tracing::Level::ERROR) {
                    log_panic(info);
                } else {
                    report(info);
                }
            }));
            builder
                .json()
                .with_current_span(true)
                // Every span the line was written in: a service's own span is the
                // current one, and the request's id is in the one around it.
                .with_span_list(true)
                .try_init()
        }
    };
}

/// With JSON logs a panic is one log line like every other, at level ERROR
/// with target `panic`. Rust's own report is several lines of text (a blank
/// one first, and a backtrace under `RUST_BACKTRACE`), which a collector
/// reading JSON lines drops or stops on.
fn log_panic(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    let location = info.location().map(ToString::to_string).unwrap_or_default();
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("unnamed");
    let backtrace = std::backtrace::Backtrace::capture();
    if backtrace.status() == std::backtrace::BacktraceStatus::Captured {
        tracing::error!(target: "panic", thread, location, %backtrace, "{message}");
    } else {
        tracing::error!(target: "panic", thread, location, "{message}");
    }
}

/// Opens the configured database, locking the data directory first when the
/// database lives there. The lock is released when the returned guard drops.
pub async fn open_database(config: &Config) -> Result<(Db, Option<DataDirLock>), String> {
    let lock = if config.uses_embedded_database() {
        Some(data_dir::lock(&config.data).map_err(|error| error.to_string())?)
    } else {
        None
    };
    let url = config.database_url();
    let credentials = config.database_credentials();
    let db = db::open_with(&url, credentials.as_ref()).await.map_err(|error| match error {
        db::DbError::Open { .. } if config.uses_embedded_database() => format!(
            "{error}\nIf the data directory {} is damaged, restore it from a backup or move it aside to start empty.",
            config.data.display()
        ),
        other => other.to_string(),
    })?;
    Ok((db, lock))
}

/// Session and security settings from the configuration.
fn settings(config: &Config, mail: &MailTransport) -> Result<Settings, String> {
    let voter_key =
        data_dir::secret(&config.data, "voter.key").map_err(|error| error.to_string())?;
    Ok(Settings {
        session_idle: Duration::from_secs(config.session_idle_minutes.saturating_mul(60)),
        session_absolute: Duration::from_secs(config.session_hours.saturating_mul(3600)),
        secure_cookies: config.cookies_must_be_secure(),
        public_origin: config.public_origin.clone(),
        evidence_dir: config.data.join("evidence"),
        trusted_proxies: config.trusted_proxies.0.clone(),
        voter_key: app::backend::auth::voter::VoterKey::from_bytes(voter_key),
        known_hosts: config.known_hosts(),
        mail: match mail {
            MailTransport::Smtp { server, .. } => MailDelivery::Smtp(server.clone()),
            MailTransport::Folder { dir, .. } => MailDelivery::Folder(dir.display().to_string()),
        },
    })
}

/// Where mail goes: the configured mail server, else the outbox folder.
fn mail_transport(config: &Config) -> Result<MailTransport, String> {
    match (&config.smtp_url, &config.mail_from) {
        (Some(url), Some(from)) => MailTransport::smtp(url.expose(), from),
        (Some(_), None) => Err(
            "JUARA_MAIL_FROM is needed with JUARA_SMTP_URL: the address messages come from".into(),
        ),
        (None, from) => MailTransport::folder(
            config.data.join("mail").join("outbox"),
            from.as_deref().unwrap_or("Juara <juara@localhost>"),
        ),
    }
}

/// Serves until interrupted.
pub async fn serve(config: Config, demo: bool) -> Result<(), String> {
    let (db, _lock) = open_database(&config).await?;
    // A previous run's address would send a command's token to whatever
    // listens there now; the new one is written once this run serves.
    crate::ops::forget_address(&config.data);
    let demo_hint = if demo { load_demo(&db).await? } else { None };

    let mut leptos_options = get_configuration(None)
        .map_err(|error| format!("invalid Leptos configuration: {error}"))?
        .leptos_options;
    leptos_options.site_addr = config.addr;
    if let Some(root) = &config.site_root {
        leptos_options.site_root = root.display().to_string().into();
    }
    // cargo-leptos writes hash.txt beside the binary when it hashes file names.
    let hash_file = std::env::current_exe().ok().and_then(|exe| {
        exe.parent()
            .map(|dir| dir.join(leptos_options.hash_file.as_ref()))
    });
    leptos_options.hash_files = hash_file.is_some_and(|path| path.exists());

    let mail = mail_transport(&config)?;
    let state = AppState::new(db.clone(), leptos_options, settings(&config, &mail)?)
        .with_login_limit(
            config.login_max_failures,
            Duration::from_secs(config.login_window_minutes.saturating_mul(60)),
        )
        .with_demo_hint(demo_hint);
    spawn_session_purge(state.clone());
    app::backend::mail::worker::spawn(db.clone(), mail);
    app::backend::jobs::spawn(
        db.clone(),
        app::backend::jobs::JobSettings {
            // No request to take the address from: the public origin, else
            // the address the server listens on.
            site: config
                .public_origin
                .clone()
                .unwrap_or_else(|| format!("http://{}", config.addr)),
            reminder_days: config.reminder_days.clone(),
        },
    );
    let ops_addr = crate::ops::start(&config, state.clone()).await?;
    tracing::info!(%ops_addr, "operations endpoint (metrics, backups) listening");
    let app = router::build(state);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|error| format!("could not listen on {}: {error}", config.addr))?;
    tracing::info!("Juara is serving on http://{}", config.addr);
    println!("Juara is serving on http://{}", config.addr);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|error| format!("the server stopped: {error}"));
    crate::ops::forget_address(&config.data);
    served
}

async fn load_demo(db: &Db) -> Result<Option<DemoHint>, String> {
    let loaded = demo::load_if_empty(db, jiff::Timestamp::now())
        .await
        .map_err(|error| format!("could not load the demo: {error}"))?;
    let complete = demo::is_loaded(db)
        .await
        .map_err(|error| format!("could not check the demo: {error}"))?;
    if loaded.is_none() && !complete {
        println!("The database is not empty, so the demo edition was not loaded.");
        return Ok(None);
    }
    let summary = demo::summary().map_err(|error| format!("could not read the demo: {error}"))?;
    println!(
        "\nDemo edition {}. Sign in at /login with any of these (password: {}):",
        if loaded.is_some() {
            "loaded"
        } else {
            "already present"
        },
        summary.password
    );
    for account in &summary.accounts {
        println!("  {:<36} {}", account.email, account.roles.join(", "));
    }
    println!();
    Ok(Some(DemoHint {
        password: summary.password,
        accounts: summary
            .accounts
            .into_iter()
            .map(|account| (account.email, account.roles.join(", ")))
            .collect(),
    }))
}

/// Every ten minutes: expired sessions and passed rate-limit windows go.
fn spawn_session_purge(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = jiff::Timestamp::now();
            if let Err(error) = accounts::purge_sessions(&state.db, &state.settings, now).await {
                tracing::warn!(%error, "could not purge expired sessions");
            }
            if let Err(error) = app::backend::rate_limit::purge(&state.db, now).await {
                tracing::warn!(%error, "could not purge passed rate-limit windows");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

//! The command line: `juara [serve]`, `juara user add`, `juara results`,
//! `juara export`, `juara import`, `juara backup`, `juara restore`.

use crate::config::Config;
use crate::{ops_commands, startup};
use app::backend::service::accounts::{self, AccountRequest};
use app::error::AppError;
use clap::{Parser, Subcommand};
use domain::role::{Role, Roles};
use domain::stage::PublicationScope;
use std::io::Read;

/// Juara: public service innovation competitions.
#[derive(Debug, Parser)]
#[command(name = "juara", version, about)]
pub struct Cli {
    /// Shared options.
    #[command(flatten)]
    pub config: Config,
    /// Load the demo edition when the database is empty (with `serve`, the default
    /// command).
    #[arg(long, env = "JUARA_DEMO", global = true)]
    pub demo: bool,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Manage accounts (run with the server stopped).
    User {
        /// What to do with accounts.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write an edition's bundle (configuration, organisations, users without
    /// passwords, innovations, entries, assignments, sheets, decisions and
    /// publications) as one JSON document. Works while the server runs (it
    /// asks the server) and while it does not.
    Export {
        /// The edition's slug.
        #[arg(long)]
        edition: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Write a backup of the whole instance (the database, consistent at one
    /// moment, with the evidence files and the voter key) to one file. Works
    /// while the server runs: it asks the server, which keeps serving.
    Backup {
        /// The file to write (e.g. `juara-2026-12-07.zip`).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Restore a backup into an empty data directory (and an empty database),
    /// with the server stopped.
    Restore {
        /// The backup file `juara backup` wrote.
        file: std::path::PathBuf,
    },
    /// Read an edition bundle into the database: all of it or, when anything is
    /// wrong (an unknown reference, an edition that exists), nothing (run with the
    /// server stopped).
    Import {
        /// The bundle file (`-` for standard input).
        file: std::path::PathBuf,
    },
    /// Print an edition's results computed now from the submitted sheets: the
    /// computation the dashboard shows and a publication freezes (run with the
    /// server stopped).
    Results {
        /// The edition's slug, e.g. `kipp-malang-2025`.
        #[arg(long)]
        edition: String,
        /// Only the stages up to this one (its key, e.g. `desk`), without the
        /// final ranking.
        #[arg(long)]
        stage: Option<domain::scoring::StageKey>,
        /// `json` (the results document) or `csv` (one row per sheet).
        #[arg(long, value_enum, default_value = "json")]
        format: ResultsFormat,
    },
}

/// How `juara results` prints.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ResultsFormat {
    /// The results document (DESIGN.md), pretty-printed.
    Json,
    /// The document flattened to CSV.
    Csv,
}

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from standard input.
    Add {
        /// Role; repeat for several (`--role coordinator --role innovator`).
        #[arg(long = "role", required = true)]
        roles: Vec<Role>,
        /// E-mail address (the sign-in name).
        #[arg(long)]
        email: String,
        /// Organisation, by key or exact name.
        #[arg(long)]
        org: Option<String>,
        /// Display name (default: the part of the e-mail before `@`).
        #[arg(long, default_value = "")]
        name: String,
    },
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(cli.config, cli.demo).await,
        Command::Export { edition, out } => {
            ops_commands::export(&cli.config, &edition, out.as_deref()).await
        }
        Command::Backup { out } => ops_commands::backup(&cli.config, &out).await,
        Command::Restore { file } => ops_commands::restore(&cli.config, &file).await,
        Command::Import { file } => {
            let text = if file.as_os_str() == "-" {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|error| format!("could not read standard input: {error}"))?;
                text
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|error| format!("could not read {}: {error}", file.display()))?
            };
            let (db, _lock) = startup::open_database(&cli.config).await?;
            match app::backend::bundle::import(&db, None, &text).await {
                Ok(slug) => {
                    println!(
                        "imported edition {slug}; its users have no password yet: invite them from /admin/accounts"
                    );
                    Ok(())
                }
                Err(AppError::Invalid { fields, .. }) => Err(format!(
                    "nothing was imported:\n{}",
                    fields
                        .iter()
                        .map(|field| format!("  {}", describe_bundle_problem(&field.problem)))
                        .collect::<Vec<_>>()
                        .join("\n")
                )),
                Err(error) => Err(format!("nothing was imported: {error}")),
            }
        }
        Command::Results {
            edition,
            stage,
            format,
        } => {
            let (db, _lock) = startup::open_database(&cli.config).await?;
            let scope = stage
                .clone()
                .map_or(PublicationScope::Final, PublicationScope::Through);
            let document = app::backend::service::results::document(&db, &edition, &scope)
                .await
                .map_err(|error| match error {
                    AppError::NotFound => match &stage {
                        Some(stage) => {
                            format!("no edition `{edition}` with a scoring stage `{stage}`")
                        }
                        None => format!("no edition `{edition}`"),
                    },
                    other => format!("could not compute the results: {other}"),
                })?;
            match format {
                ResultsFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&document).map_err(|error| error.to_string())?
                ),
                ResultsFormat::Csv => {
                    print!("{}", app::backend::service::results_csv::to_csv(&document));
                }
            }
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    roles,
                    email,
                    org,
                    name,
                },
        } => {
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .map_err(|error| {
                    format!("could not read the password from standard input: {error}")
                })?;
            let password = password.trim_end_matches(['\n', '\r']).to_owned();
            let (db, _lock) = startup::open_database(&cli.config).await?;
            let request = AccountRequest {
                email: email.clone(),
                name,
                password,
                roles: Roles::new(roles),
                org,
            };
            match accounts::add_account(&db, None, request).await {
                Ok(_) => {
                    println!("added {email}");
                    Ok(())
                }
                Err(AppError::Invalid { fields, .. }) => Err(fields
                    .iter()
                    .map(|field| format!("{}: {}", field.field, describe(&field.problem)))
                    .collect::<Vec<_>>()
                    .join("; ")),
                Err(error) => Err(format!("could not add the account: {error}")),
            }
        }
    }
}

/// Operator-facing English for why a bundle was refused.
fn describe_bundle_problem(problem: &app::error::Problem) -> String {
    use app::error::Problem;
    match problem {
        Problem::UnknownReference { given } => {
            format!("unknown reference `{given}`: neither in the bundle nor in the database")
        }
        Problem::Taken => "an edition with this slug or key already exists".into(),
        Problem::BadCsv => "not an edition bundle (JSON)".into(),
        Problem::UnknownChoice { given } => format!("unknown bundle format `{given}`"),
        other => format!("{other:?}"),
    }
}

/// Operator-facing English for a field problem.
fn describe(problem: &app::error::Problem) -> String {
    use app::error::Problem;
    match problem {
        Problem::Taken => "an account with this e-mail already exists".into(),
        Problem::BadEmail => "not an e-mail address".into(),
        Problem::PasswordTooShort { min } => {
            format!("the password needs at least {min} characters (give it on standard input)")
        }
        Problem::PasswordTooLong { max } => {
            format!("the password may have at most {max} characters")
        }
        Problem::UnknownReference { given } => {
            format!("no organisation with key or name `{given}`")
        }
        other => format!("{other:?}"),
    }
}

//! One error type for everything a server function can answer.
//!
//! Policy:
//! - Form problems come back as data (`Invalid` with one message per field), so the
//!   form shows each beside its field and keeps what was typed.
//! - `Unauthorized` (401) means "sign in first"; pages turn it into a redirect to
//!   the login page. `Forbidden` (403) means signed in but not allowed.
//! - Database and I/O failures are logged with their detail on the server and reach
//!   the user only as `Internal`: never a raw database message.
//! - Messages are codes, not sentences: the UI translates them into the reader's
//!   language (see `components::error_text`).

use domain::entry_state::EntryStatus;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms the UI can translate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Some fields were refused; nothing was saved.
    #[error("invalid input: {fields:?}")]
    Invalid {
        /// One message per refused field.
        fields: Vec<FieldError>,
        /// What was typed, field by field, so that a form re-rendered after a plain
        /// (no-JavaScript) post can show it again. Never holds passwords.
        #[serde(default)]
        echo: Vec<(String, String)>,
    },
    /// Not signed in, or the session has expired.
    #[error("sign in first")]
    Unauthorized,
    /// Signed in, but this account may not do this.
    #[error("not allowed")]
    Forbidden,
    /// The thing asked for does not exist (or is not visible to this account).
    #[error("not found")]
    NotFound,
    /// The request conflicts with the current state.
    #[error("conflict: {0:?}")]
    Conflict(Problem),
    /// Too many attempts from this address; try again after the given seconds.
    #[error("too many attempts; retry after {retry_after_secs} s")]
    TooManyRequests {
        /// Seconds until another attempt is accepted.
        retry_after_secs: u64,
    },
    /// E-mail or password wrong. One message for both, so that nobody can learn
    /// which accounts exist. Carries the e-mail as typed, to show it again.
    #[error("wrong e-mail or password")]
    BadCredentials {
        /// The e-mail as typed (never the password).
        email: String,
    },
    /// Something failed on the server; the detail is in the server log.
    #[error("internal error")]
    Internal,
    /// The request did not reach the function intact (network, encoding).
    #[error("request failed: {0}")]
    Transport(String),
}

/// A message for one form field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// What is wrong with it.
    pub problem: Problem,
}

/// A translatable description of a problem; variants carry what the message needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// A required field is empty.
    Required,
    /// Text longer than allowed.
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// Not an e-mail address.
    BadEmail,
    /// Password shorter than the policy allows.
    PasswordTooShort {
        /// The minimum.
        min: usize,
    },
    /// Password longer than the policy allows.
    PasswordTooLong {
        /// The maximum.
        max: usize,
    },
    /// Value not among the choices offered.
    UnknownChoice {
        /// What was given.
        given: String,
    },
    /// The same value is already used by another record.
    Taken,
    /// An organisation would become its own ancestor.
    ParentCycle,
    /// Not a valid slug.
    BadSlug,
    /// Year out of range.
    BadYear {
        /// Lowest year.
        min: i32,
        /// Highest year.
        max: i32,
    },
    /// A whole number outside the allowed range.
    OutOfRange {
        /// Lowest allowed.
        min: i64,
        /// Highest allowed.
        max: i64,
    },
    /// Not a known IANA time zone.
    BadTimeZone,
    /// A category line that cannot be read.
    BadCategory {
        /// The line.
        given: String,
    },
    /// A category key given twice.
    DuplicateCategory { key: String },
    /// A CSV row could not be imported.
    CsvRow {
        /// 1-based line number in the file.
        line: usize,
        /// What is wrong with it.
        detail: Box<Problem>,
    },
    /// The file is not readable CSV or has no header.
    BadCsv,
    /// A score outside the criterion's scale.
    OffScale {
        /// Lowest value.
        min: f64,
        /// Highest value.
        max: f64,
    },
    /// A score between the criterion's steps.
    OffStep {
        /// Lowest value.
        min: f64,
        step: f64,
    },
    /// The stage's window is not open (`closes_at` in RFC 3339, UTC).
    StageClosed {
        /// When it opens.
        opens_at: String,
        /// When it closes.
        closes_at: String,
    },
    /// The change was based on an older version than the one stored.
    StaleRevision {
        /// The stored revision.
        stored: i64,
    },
    /// A judge cannot score their own organisation's entries.
    OwnOrganisation,
    /// No judge may take the entry (all blocked or already on it).
    NoJudgeAvailable,
    /// More words than the section allows.
    TooManyWords {
        /// Words written.
        words: usize,
        limit: usize,
    },
    /// Not a YouTube link.
    BadVideoUrl,
    /// A file larger than the edition allows.
    FileTooLarge {
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// A file that is not a PDF, JPEG or PNG by its content.
    UnsupportedFile,
    /// Not a key of lowercase letters, digits and underscores.
    BadKey,
    /// Not a date written `YYYY-MM-DD`.
    BadDate,
    /// Entries are not accepted at this time (`closes_at` in the edition's zone).
    SubmissionClosed {
        /// The deadline, `YYYY-MM-DD HH:MM`, when there is one.
        closes_at: Option<String>,
    },
    /// The organisation's quota for the group is used up.
    QuotaFull {
        /// Entries allowed.
        allowed: u32,
        /// Entries already submitted.
        used: u32,
    },
    /// The innovation has not run long enough for this edition.
    TooYoung {
        /// Years required.
        required: u32,
        /// Whole years it has run.
        running: u32,
    },
    /// `khusus` is for innovations that won before.
    NotAPastWinner,
    /// `replikasi` must name the innovation it replicates.
    OriginalNotNamed,
    /// The innovation is already entered in this edition.
    AlreadyEntered,
    /// Someone saved the proposal since this text was started: both are kept, the
    /// writer chooses.
    StaleDraft {
        /// The stored version.
        version: i64,
        /// The stored text.
        theirs: Box<crate::model::DraftContent>,
    },
    /// The entry has moved on (endorsed, submitted, returned) and this change no
    /// longer applies.
    EntryStateChanged { state: EntryStatus },
    /// The judge stepped back from this entry: they are not assigned to it again.
    JudgeRecused,
    /// These results are already published, unchanged (`at` in the edition's zone).
    AlreadyPublished {
        /// When they were published.
        at: String,
    },
    /// The edition has no scoring stage with results to publish.
    NothingToPublish,
    /// The publication was already withdrawn.
    AlreadyWithdrawn,
    /// Sheets are still unsubmitted: confirm to go on without them.
    UnsubmittedSheets {
        /// Assigned sheets not submitted (drafts and never started).
        count: usize,
    },
    /// The winner set breaks rules the edition sets: publishing it anyway needs
    /// the committee's written reason.
    WinnerSetNeedsReason {
        /// Rules broken.
        broken: usize,
    },
    /// A quota line that cannot be read (1-based line number).
    QuotaLine { line: usize },
    /// Weights that do not add up to 100.
    WeightsTotal {
        /// Their sum.
        total: u64,
    },
    /// A window that closes before it opens.
    WindowOrder,
    /// A window overlapping another stage's.
    WindowOverlap {
        /// The other stage's key.
        other: domain::scoring::StageKey,
    },
    /// Not a number.
    NotANumber,
    /// A scale whose minimum is not below its maximum, or whose step does not
    /// divide its range.
    BadScale,
    /// The rubric is fixed once sheets are scored on it.
    RubricLocked {
        /// Sheets already written.
        sheets: i64,
    },
    /// An entry passes screening only with every checklist item ticked.
    ChecklistIncomplete {
        /// The first item not ticked.
        item: String,
    },
    /// Objections are accepted only while the window is open (times in the
    /// edition's zone, `YYYY-MM-DD HH:MM`).
    ObjectionsClosed {
        /// Opens.
        opens_at: String,
        /// Closes.
        closes_at: String,
    },
    /// A group or category the edition's entries use cannot be removed.
    InUse {
        /// Its key.
        given: String,
    },
    /// A deactivated account cannot be invited; reactivate it first.
    AccountInactive,
    /// The password and its repetition differ.
    PasswordsDiffer,
    /// Final weights that cannot be read: one `STAGE WEIGHT` per line.
    BadFinalWeights,
    /// People's choice takes no more votes: the final results are published.
    VotingClosed,
    /// This browser has already voted for that entry.
    AlreadyVoted,
    /// The referenced record does not exist.
    UnknownReference {
        /// What was referenced.
        given: String,
    },
    /// Advancement waits until judges can no longer change their sheets (the
    /// closing time in the edition's zone).
    StageStillOpen {
        /// When the stage closes.
        closes_at: String,
    },
    /// A standing publication covers this stage: its decisions are what was
    /// announced and no judge joins it; they change only after it is withdrawn.
    StagePublished,
    /// A stage cannot be closed before it opens (in the edition's zone).
    StageNotOpenYet {
        /// When it opens.
        opens_at: String,
    },
    /// A judge whose sheet is submitted can no longer recuse; only the
    /// committee can take them off the entry.
    RecusalAfterSubmission,
    /// This address block has cast as many votes for the entry as one place may.
    VoteCapReached,
    /// There is nobody to send this to (a presentation stage no judge hears
    /// yet).
    NothingToSend,
    /// The vote's confirmation link is older than it may be; vote again.
    VoteLinkExpired,
    /// No vote waits for this confirmation link: it was used, or mistyped.
    VoteLinkUnknown,
    /// A vote for this entry already counts for this e-mail address.
    AlreadyCounted,
    /// This address has been sent as many confirmation links today as one
    /// address may.
    TooManyConfirmations,
    /// Changes kept on this device belong to another account than the one
    /// signed in now (a shared tablet); they are not sent under this one.
    OtherAccount,
    /// A field rule under which a claim not proven would cost less than one
    /// partly proven.
    UnprovenBelowPartial,
    /// The team has recorded findings or photos on this visit: it happened,
    /// and is not cancelled.
    VisitRecorded,
    /// A visit takes at most this many photos.
    TooManyPhotos { max: usize },
    /// Entries a field visit referred to the committee wait for its decision:
    /// the final results are not published before.
    ReferralsUndecided { count: usize },
}

impl AppError {
    /// A form error for one field.
    #[must_use]
    pub fn field(field: &str, problem: Problem) -> Self {
        AppError::invalid(vec![FieldError {
            field: field.to_owned(),
            problem,
        }])
    }

    /// A form error for several fields.
    #[must_use]
    pub fn invalid(fields: Vec<FieldError>) -> Self {
        AppError::Invalid {
            fields,
            echo: Vec::new(),
        }
    }

    /// Attaches what was typed to a form error (other errors pass unchanged).
    #[must_use]
    pub fn with_echo(self, typed: &[(&str, &str)]) -> Self {
        match self {
            AppError::Invalid { fields, .. } => AppError::Invalid {
                fields,
                echo: typed
                    .iter()
                    .map(|(field, value)| ((*field).to_owned(), (*value).to_owned()))
                    .collect(),
            },
            other => other,
        }
    }

    /// What was typed into `field` before the form was refused.
    #[must_use]
    pub fn echoed(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Invalid { echo, .. } => echo
                .iter()
                .find(|(name, _)| name == field)
                .map(|(_, value)| value.as_str()),
            _ => None,
        }
    }

    /// The problem reported for `field`, if any.
    #[must_use]
    pub fn problem_for(&self, field: &str) -> Option<&Problem> {
        match self {
            AppError::Invalid { fields, .. } => fields
                .iter()
                .find(|error| error.field == field)
                .map(|error| &error.problem),
            _ => None,
        }
    }

    /// The HTTP status this error is answered with.
    #[must_use]
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid { .. } => 422,
            AppError::Unauthorized | AppError::BadCredentials { .. } => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal => 500,
            AppError::Transport(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = AppError::Transport(value.to_string());
        // On the server this is a request that did not decode (a missing or
        // mistyped field, a truncated body): the caller's fault, answered 400,
        // never 500. A plain form post still gets its redirect back to the form.
        #[cfg(feature = "ssr")]
        let error = crate::api::guard::fail(error);
        error
    }
}

#[cfg(feature = "ssr")]
impl From<crate::backend::db::DbError> for AppError {
    fn from(error: crate::backend::db::DbError) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

/// A rate limit's refusal: the seconds to wait, or the database's failure.
#[cfg(feature = "ssr")]
impl From<crate::backend::rate_limit::Refused> for AppError {
    fn from(refused: crate::backend::rate_limit::Refused) -> Self {
        use crate::backend::rate_limit::Refused;
        match refused {
            Refused::Wait(retry_after_secs) => AppError::TooManyRequests { retry_after_secs },
            Refused::Db(error) => error.into(),
        }
    }
}

/// An account's e-mail or password refused by the domain's rules, beside the
/// field that holds it.
impl From<domain::account::AccountError> for AppError {
    fn from(error: domain::account::AccountError) -> Self {
        use domain::account::AccountError;
        match error {
            AccountError::BadEmail { .. } => AppError::field("email", Problem::BadEmail),
            AccountError::PasswordTooShort { min } => {
                AppError::field("password", Problem::PasswordTooShort { min })
            }
            AccountError::PasswordTooLong { max } => {
                AppError::field("password", Problem::PasswordTooLong { max })
            }
        }
    }
}

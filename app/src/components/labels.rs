//! Translations chosen at run time: a state, a kind or an error code becomes
//! text in the reader's language. The domain's enums are matched whole, so a
//! new state without its words does not compile; the few free-text keys left
//! (a group) are shown as they are when unknown rather than hidden.

use crate::error::{AppError, Problem};
use crate::i18n::*;
use domain::edition::Group;
use domain::entry_state::EntryStatus;
use domain::mail::MailKind;
use domain::onward::OnwardLevel;
use domain::organisation::OrgKind;
use domain::scoring::SheetState;
use domain::stage::StageKind;
use leptos_i18n::I18nContext;

/// The level of an onward competition, in the reader's language
/// (`tingkat nasional`).
#[must_use]
pub fn level_label(i18n: I18n, level: OnwardLevel) -> String {
    match level {
        OnwardLevel::Provinsi => t_string!(i18n, onward.level_provinsi),
        OnwardLevel::Nasional => t_string!(i18n, onward.level_nasional),
    }
    .to_owned()
}

/// What a field visit decided, with its penalty.
#[must_use]
pub fn field_outcome_label(i18n: I18n, outcome: domain::field::FieldOutcome) -> String {
    use domain::field::FieldOutcome;
    match outcome {
        FieldOutcome::Confirmed => t_string!(i18n, field.outcome_confirmed).to_owned(),
        FieldOutcome::Adjusted { penalty } => fill(
            t_string!(i18n, field.outcome_adjusted),
            &[("points", penalty.to_string())],
        ),
        FieldOutcome::Referred { penalty } => fill(
            t_string!(i18n, field.outcome_referred),
            &[("points", penalty.to_string())],
        ),
    }
}

/// What the team found for a claim.
#[must_use]
pub fn finding_label(i18n: I18n, finding: domain::field::Finding) -> String {
    use domain::field::Finding;
    match finding {
        Finding::Terbukti => t_string!(i18n, field.finding_terbukti),
        Finding::Sebagian => t_string!(i18n, field.finding_sebagian),
        Finding::TidakTerbukti => t_string!(i18n, field.finding_tidak_terbukti),
    }
    .to_owned()
}

/// The catalogue's filter for innovations that went on at least that far.
#[must_use]
pub fn reached_label(i18n: I18n, level: OnwardLevel) -> String {
    match level {
        OnwardLevel::Provinsi => t_string!(i18n, catalogue.reached_provinsi),
        OnwardLevel::Nasional => t_string!(i18n, catalogue.reached_nasional),
    }
    .to_owned()
}

/// The i18n handle components pass around.
pub type I18n = I18nContext<Locale>;

/// An organisation kind.
pub fn org_kind(i18n: I18n, kind: OrgKind) -> String {
    match kind {
        OrgKind::Pd => t_string!(i18n, org_kind.pd),
        OrgKind::Upt => t_string!(i18n, org_kind.upt),
        OrgKind::Puskesmas => t_string!(i18n, org_kind.puskesmas),
        OrgKind::Rsud => t_string!(i18n, org_kind.rsud),
        OrgKind::Sekolah => t_string!(i18n, org_kind.sekolah),
        OrgKind::Kecamatan => t_string!(i18n, org_kind.kecamatan),
        OrgKind::Kelurahan => t_string!(i18n, org_kind.kelurahan),
        OrgKind::Bumd => t_string!(i18n, org_kind.bumd),
    }
    .to_string()
}

/// A competition group.
pub fn group(i18n: I18n, group: Group) -> String {
    match group {
        Group::Umum => t_string!(i18n, group.umum),
        Group::Replikasi => t_string!(i18n, group.replikasi),
        Group::Khusus => t_string!(i18n, group.khusus),
    }
    .to_string()
}

/// An entry state.
pub fn entry_state(i18n: I18n, state: EntryStatus) -> String {
    match state {
        EntryStatus::Draft => t_string!(i18n, entry_state.draft),
        EntryStatus::Returned => t_string!(i18n, entry_state.returned),
        EntryStatus::Endorsed => t_string!(i18n, entry_state.endorsed),
        EntryStatus::Submitted => t_string!(i18n, entry_state.submitted),
        EntryStatus::ScreenedIn => t_string!(i18n, entry_state.screened_in),
        EntryStatus::ScreenedOut => t_string!(i18n, entry_state.screened_out),
        EntryStatus::Advanced => t_string!(i18n, entry_state.advanced),
        EntryStatus::Eliminated => t_string!(i18n, entry_state.eliminated),
        EntryStatus::Winner => t_string!(i18n, entry_state.winner),
        EntryStatus::NotSelected => t_string!(i18n, entry_state.not_selected),
        EntryStatus::Withdrawn => t_string!(i18n, entry_state.withdrawn),
        EntryStatus::Disqualified => t_string!(i18n, entry_state.disqualified),
    }
    .to_string()
}

/// The badge an entry's state is shown in: with the writers, in play, out,
/// or waiting on the committee.
#[must_use]
pub fn entry_badge(state: EntryStatus) -> &'static str {
    match state {
        EntryStatus::Draft | EntryStatus::Returned => "badge badge-draft",
        EntryStatus::Winner | EntryStatus::Advanced | EntryStatus::ScreenedIn => {
            "badge badge-success"
        }
        EntryStatus::Eliminated
        | EntryStatus::ScreenedOut
        | EntryStatus::Disqualified
        | EntryStatus::NotSelected
        | EntryStatus::Withdrawn => "badge badge-muted",
        EntryStatus::Endorsed | EntryStatus::Submitted => "badge badge-submitted",
    }
}

/// Where a judge's own sheet stands (none before the first save).
pub fn sheet_state(i18n: I18n, state: Option<SheetState>) -> String {
    match state {
        Some(SheetState::Submitted) => t_string!(i18n, judge.sheet_submitted),
        Some(SheetState::Draft) => t_string!(i18n, judge.sheet_draft),
        None => t_string!(i18n, judge.sheet_none),
    }
    .to_string()
}

/// The badge a judge's own sheet is shown in.
#[must_use]
pub fn sheet_badge(state: Option<SheetState>) -> &'static str {
    match state {
        Some(SheetState::Submitted) => "badge badge-success",
        Some(SheetState::Draft) => "badge badge-draft",
        None => "badge badge-muted",
    }
}

/// A role.
pub fn role(i18n: I18n, role: domain::role::Role) -> String {
    use domain::role::Role;
    match role {
        Role::Admin => t_string!(i18n, roles.admin),
        Role::Observer => t_string!(i18n, roles.observer),
        Role::Coordinator => t_string!(i18n, roles.coordinator),
        Role::Judge => t_string!(i18n, roles.judge),
        Role::Innovator => t_string!(i18n, roles.innovator),
    }
    .to_string()
}

/// A timeline step's kind: a stage's, or the submission window's (none).
pub fn stage_kind(i18n: I18n, kind: Option<StageKind>) -> String {
    match kind {
        None => t_string!(i18n, stage_kind.submission),
        Some(StageKind::Screening) => t_string!(i18n, stage_kind.screening),
        Some(StageKind::Scoring) => t_string!(i18n, stage_kind.scoring),
        Some(StageKind::Objection) => t_string!(i18n, stage_kind.objection),
    }
    .to_string()
}

/// A proposal section's title.
pub fn section(i18n: I18n, key: &str) -> String {
    match key {
        "ringkasan" => t_string!(i18n, sections.ringkasan),
        "ide_inovatif" => t_string!(i18n, sections.ide_inovatif),
        "signifikansi" => t_string!(i18n, sections.signifikansi),
        "kontribusi_sdgs" => t_string!(i18n, sections.kontribusi_sdgs),
        "adaptabilitas" => t_string!(i18n, sections.adaptabilitas),
        "keberlanjutan" => t_string!(i18n, sections.keberlanjutan),
        "kolaborasi" => t_string!(i18n, sections.kolaborasi),
        "inspirasi" => t_string!(i18n, sections.inspirasi),
        "proses_replikasi" => t_string!(i18n, sections.proses_replikasi),
        "faktor_pembeda" => t_string!(i18n, sections.faktor_pembeda),
        "pembaruan" => t_string!(i18n, sections.pembaruan),
        "adaptabilitas_khusus" => t_string!(i18n, sections.adaptabilitas_khusus),
        "penguatan_keberlanjutan" => t_string!(i18n, sections.penguatan_keberlanjutan),
        "evaluasi" => t_string!(i18n, sections.evaluasi),
        other => return other.to_owned(),
    }
    .to_string()
}

/// A month's name, 1–12.
pub fn month(i18n: I18n, month: i8) -> String {
    match month {
        1 => t_string!(i18n, time.months.m1),
        2 => t_string!(i18n, time.months.m2),
        3 => t_string!(i18n, time.months.m3),
        4 => t_string!(i18n, time.months.m4),
        5 => t_string!(i18n, time.months.m5),
        6 => t_string!(i18n, time.months.m6),
        7 => t_string!(i18n, time.months.m7),
        8 => t_string!(i18n, time.months.m8),
        9 => t_string!(i18n, time.months.m9),
        10 => t_string!(i18n, time.months.m10),
        11 => t_string!(i18n, time.months.m11),
        _ => t_string!(i18n, time.months.m12),
    }
    .to_string()
}

/// Puts values into a message's `%name%` placeholders. (leptos_i18n's own
/// interpolation needs its build-script generator for plain-text output.)
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("%{name}%"), value)
        })
}

/// Percent-encodes a query value (everything but unreserved characters), for
/// links that carry what a person typed.
#[must_use]
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// A number as people write it on a score sheet: no trailing `.0`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// A field problem as a sentence.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::Required => t_string!(i18n, errors.required).to_string(),
        Problem::TooLong { max } => fill(
            t_string!(i18n, errors.too_long),
            &[("max", max.to_string())],
        ),
        Problem::BadEmail => t_string!(i18n, errors.bad_email).to_string(),
        Problem::PasswordTooShort { min } => fill(
            t_string!(i18n, errors.password_too_short),
            &[("min", min.to_string())],
        ),
        Problem::PasswordTooLong { max } => fill(
            t_string!(i18n, errors.password_too_long),
            &[("max", max.to_string())],
        ),
        Problem::UnknownChoice { given } => fill(
            t_string!(i18n, errors.unknown_choice),
            &[("given", given.clone())],
        ),
        Problem::Taken => t_string!(i18n, errors.taken).to_string(),
        Problem::ParentCycle => t_string!(i18n, errors.parent_cycle).to_string(),
        Problem::BadSlug => t_string!(i18n, errors.bad_slug).to_string(),
        Problem::BadYear { min, max } => fill(
            t_string!(i18n, errors.bad_year),
            &[("min", min.to_string()), ("max", max.to_string())],
        ),
        Problem::OutOfRange { min, max } => fill(
            t_string!(i18n, errors.out_of_range),
            &[("min", min.to_string()), ("max", max.to_string())],
        ),
        Problem::BadTimeZone => t_string!(i18n, errors.bad_time_zone).to_string(),
        Problem::BadCategory { given } => fill(
            t_string!(i18n, errors.bad_category),
            &[("given", given.clone())],
        ),
        Problem::DuplicateCategory { key } => fill(
            t_string!(i18n, errors.duplicate_category),
            &[("key", key.clone())],
        ),
        Problem::CsvRow { line, detail } => {
            let detail = problem_text(i18n, detail);
            fill(
                t_string!(i18n, errors.csv_row),
                &[("line", line.to_string()), ("detail", detail.to_string())],
            )
        }
        Problem::BadCsv => t_string!(i18n, errors.bad_csv).to_string(),
        Problem::AlreadyPublished { at } => fill(
            t_string!(i18n, errors.already_published),
            &[("at", at.replace('T', " ").chars().take(16).collect())],
        ),
        Problem::NothingToPublish => t_string!(i18n, errors.nothing_to_publish).to_string(),
        Problem::AlreadyWithdrawn => t_string!(i18n, errors.already_withdrawn).to_string(),
        Problem::UnsubmittedSheets { count } => fill(
            t_string!(i18n, errors.unsubmitted_sheets),
            &[("count", count.to_string())],
        ),
        Problem::WinnerSetNeedsReason { broken } => fill(
            t_string!(i18n, errors.winner_set_needs_reason),
            &[("broken", broken.to_string())],
        ),
        Problem::QuotaLine { line } => fill(
            t_string!(i18n, errors.quota_line),
            &[("line", line.to_string())],
        ),
        Problem::WeightsTotal { total } => fill(
            t_string!(i18n, errors.weights_total),
            &[("total", total.to_string())],
        ),
        Problem::WindowOrder => t_string!(i18n, errors.window_order).to_string(),
        Problem::WindowOverlap { other } => fill(
            t_string!(i18n, errors.window_overlap),
            &[("other", other.to_string())],
        ),
        Problem::NotANumber => t_string!(i18n, errors.not_a_number).to_string(),
        Problem::BadScale => t_string!(i18n, errors.bad_scale).to_string(),
        Problem::RubricLocked { sheets } => fill(
            t_string!(i18n, errors.rubric_locked),
            &[("sheets", sheets.to_string())],
        ),
        Problem::ChecklistIncomplete { item } => fill(
            t_string!(i18n, errors.checklist_incomplete),
            &[("item", item.clone())],
        ),
        Problem::ObjectionsClosed {
            opens_at,
            closes_at,
        } => fill(
            t_string!(i18n, errors.objections_closed),
            &[("opens", opens_at.clone()), ("closes", closes_at.clone())],
        ),
        Problem::InUse { given } => {
            fill(t_string!(i18n, errors.in_use), &[("given", given.clone())])
        }
        Problem::AccountInactive => t_string!(i18n, errors.account_inactive).to_string(),
        Problem::PasswordsDiffer => t_string!(i18n, errors.passwords_differ).to_string(),
        Problem::BadFinalWeights => t_string!(i18n, errors.bad_final_weights).to_string(),
        Problem::VotingClosed => t_string!(i18n, errors.voting_closed).to_string(),
        Problem::AlreadyVoted => t_string!(i18n, errors.already_voted).to_string(),
        Problem::StageStillOpen { closes_at } => fill(
            t_string!(i18n, errors.stage_still_open),
            &[(
                "closes",
                closes_at.replace('T', " ").chars().take(16).collect(),
            )],
        ),
        Problem::StagePublished => t_string!(i18n, errors.stage_published).to_string(),
        Problem::StageNotOpenYet { opens_at } => fill(
            t_string!(i18n, errors.stage_not_open_yet),
            &[(
                "opens",
                opens_at.replace('T', " ").chars().take(16).collect(),
            )],
        ),
        Problem::RecusalAfterSubmission => {
            t_string!(i18n, errors.recusal_after_submission).to_string()
        }
        Problem::VoteCapReached => t_string!(i18n, errors.vote_cap_reached).to_string(),
        Problem::NothingToSend => t_string!(i18n, errors.nothing_to_send).to_string(),
        Problem::VoteLinkExpired => t_string!(i18n, errors.vote_link_expired).to_string(),
        Problem::VoteLinkUnknown => t_string!(i18n, errors.vote_link_unknown).to_string(),
        Problem::AlreadyCounted => t_string!(i18n, errors.already_counted).to_string(),
        Problem::TooManyConfirmations => t_string!(i18n, errors.too_many_confirmations).to_string(),
        Problem::OtherAccount => t_string!(i18n, errors.other_account).to_string(),
        Problem::UnprovenBelowPartial => t_string!(i18n, errors.unproven_below_partial).to_string(),
        Problem::VisitRecorded => t_string!(i18n, errors.visit_recorded).to_string(),
        Problem::ReferralsUndecided { count } => fill(
            t_string!(i18n, errors.referrals_undecided),
            &[("count", count.to_string())],
        ),
        Problem::TooManyPhotos { max } => fill(
            t_string!(i18n, errors.too_many_photos),
            &[("max", max.to_string())],
        ),
        Problem::UnknownReference { given } => fill(
            t_string!(i18n, errors.unknown_reference),
            &[("given", given.clone())],
        ),
        Problem::OffScale { min, max } => fill(
            t_string!(i18n, errors.off_scale),
            &[("min", number(*min)), ("max", number(*max))],
        ),
        Problem::OffStep { min, step } => fill(
            t_string!(i18n, errors.off_step),
            &[("min", number(*min)), ("step", number(*step))],
        ),
        Problem::StageClosed { .. } => t_string!(i18n, errors.stage_closed).to_string(),
        Problem::OwnOrganisation => t_string!(i18n, errors.own_organisation).to_string(),
        Problem::NoJudgeAvailable => t_string!(i18n, errors.no_judge_available).to_string(),
        Problem::TooManyWords { words, limit } => fill(
            t_string!(i18n, errors.too_many_words),
            &[("words", words.to_string()), ("limit", limit.to_string())],
        ),
        Problem::BadVideoUrl => t_string!(i18n, errors.bad_video_url).to_string(),
        Problem::BadDate => t_string!(i18n, errors.bad_date).to_string(),
        Problem::BadKey => t_string!(i18n, errors.bad_key).to_string(),
        Problem::FileTooLarge { limit_mb } => fill(
            t_string!(i18n, errors.file_too_large),
            &[("limit", limit_mb.to_string())],
        ),
        Problem::UnsupportedFile => t_string!(i18n, errors.unsupported_file).to_string(),
        Problem::SubmissionClosed { closes_at } => match closes_at {
            Some(at) => fill(
                t_string!(i18n, errors.submission_closed_at),
                &[("at", at.clone())],
            ),
            None => t_string!(i18n, errors.submission_closed).to_string(),
        },
        Problem::QuotaFull { allowed, used } => fill(
            t_string!(i18n, errors.quota_full),
            &[("allowed", allowed.to_string()), ("used", used.to_string())],
        ),
        Problem::TooYoung { required, running } => fill(
            t_string!(i18n, errors.too_young),
            &[
                ("required", required.to_string()),
                ("running", running.to_string()),
            ],
        ),
        Problem::NotAPastWinner => t_string!(i18n, errors.not_a_past_winner).to_string(),
        Problem::OriginalNotNamed => t_string!(i18n, errors.original_not_named).to_string(),
        Problem::AlreadyEntered => t_string!(i18n, errors.already_entered).to_string(),
        Problem::StaleDraft { .. } => t_string!(i18n, errors.stale_draft).to_string(),
        Problem::EntryStateChanged { state } => fill(
            t_string!(i18n, errors.entry_state_changed),
            &[("state", entry_state(i18n, *state))],
        ),
        Problem::JudgeRecused => t_string!(i18n, errors.judge_recused).to_string(),
        Problem::StaleRevision { stored } => fill(
            t_string!(i18n, errors.stale_revision),
            &[("stored", stored.to_string())],
        ),
    }
}

/// Any error as a sentence.
pub fn error_text(i18n: I18n, error: &AppError) -> String {
    match error {
        AppError::Invalid { .. } => t_string!(i18n, errors.form_summary).to_string(),
        AppError::Unauthorized => t_string!(i18n, errors.unauthorized).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        AppError::NotFound => t_string!(i18n, errors.not_found).to_string(),
        AppError::Conflict(problem) => problem_text(i18n, problem),
        AppError::TooManyRequests { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            fill(
                t_string!(i18n, errors.too_many),
                &[("minutes", minutes.to_string())],
            )
        }
        AppError::BadCredentials { .. } => t_string!(i18n, errors.bad_credentials).to_string(),
        AppError::Internal => t_string!(i18n, errors.internal).to_string(),
        AppError::Transport(_) => t_string!(i18n, errors.transport).to_string(),
    }
}

/// A translated text as a signal, for component props: `tr!(i18n, login.email)`.
#[macro_export]
macro_rules! tr {
    ($i18n:ident, $($key:tt)+) => {
        ::leptos::prelude::Signal::derive(move || t_string!($i18n, $($key)+).to_string())
    };
}

/// A kind of message.
pub fn mail_kind(i18n: I18n, kind: MailKind) -> String {
    mail_kind_words(i18n, kind).0
}

/// A kind of message: its name, and for a kind a person may turn off, when
/// it is sent (the hint under its switch on the account page).
pub fn mail_kind_words(i18n: I18n, kind: MailKind) -> (String, Option<String>) {
    let (name, hint) = match kind {
        MailKind::Invitation => (t_string!(i18n, mail.kind_invitation), None),
        MailKind::PasswordReset => (t_string!(i18n, mail.kind_password_reset), None),
        MailKind::EntryReturned => (t_string!(i18n, mail.kind_entry_returned), None),
        MailKind::EntryEndorsed => (
            t_string!(i18n, mail.kind_entry_endorsed),
            Some(t_string!(i18n, account.hint_entry_endorsed)),
        ),
        MailKind::EntrySubmitted => (
            t_string!(i18n, mail.kind_entry_submitted),
            Some(t_string!(i18n, account.hint_entry_submitted)),
        ),
        MailKind::ScreeningOutcome => (
            t_string!(i18n, mail.kind_screening_outcome),
            Some(t_string!(i18n, account.hint_screening_outcome)),
        ),
        MailKind::StageResult => (
            t_string!(i18n, mail.kind_stage_result),
            Some(t_string!(i18n, account.hint_stage_result)),
        ),
        MailKind::ObjectionReceipt => (t_string!(i18n, mail.kind_objection_receipt), None),
        MailKind::ObjectionAnswer => (t_string!(i18n, mail.kind_objection_answer), None),
        MailKind::VoteConfirmation => (t_string!(i18n, mail.kind_vote_confirmation), None),
        MailKind::PresentationSchedule => (t_string!(i18n, mail.kind_presentation_schedule), None),
        MailKind::JudgeAssignments => (t_string!(i18n, mail.kind_judge_assignments), None),
        MailKind::ClosingReminder => (
            t_string!(i18n, mail.kind_closing_reminder),
            Some(t_string!(i18n, account.hint_closing_reminder)),
        ),
        MailKind::CommitteeDigest => (
            t_string!(i18n, mail.kind_committee_digest),
            Some(t_string!(i18n, account.hint_committee_digest)),
        ),
    };
    (name.to_string(), hint.map(|hint| hint.to_string()))
}

/// A language, by its own name.
pub fn language_name(i18n: I18n, language: domain::mail::Language) -> String {
    match language {
        domain::mail::Language::Indonesian => t_string!(i18n, lang.id_long),
        domain::mail::Language::English => t_string!(i18n, lang.en_long),
    }
    .to_string()
}

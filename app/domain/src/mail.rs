//! Messages Juara sends by e-mail: what kinds there are, the language a person
//! reads them in, where each one stands in the outbox, and when a failed send
//! is tried again.

use crate::role::Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

crate::keyed_enum! {
    /// Why a message is sent: one kind per event that sends one.
    pub enum MailKind in "mail kind" {
        /// A new account's link to set its password.
        Invitation = "invitation",
        /// A new link for an existing account (its password is forgotten).
        PasswordReset = "password_reset",
        /// To an entry's writers: its coordinator sent it back, with a comment.
        EntryReturned = "entry_returned",
        /// To an entry's writers and coordinators: it was endorsed.
        EntryEndorsed = "entry_endorsed",
        /// To an entry's writers and coordinators: it went to the committee.
        EntrySubmitted = "entry_submitted",
        /// To an entry's writers and coordinators: the committee's screening
        /// let it in, or kept it out with a reason.
        ScreeningOutcome = "screening_outcome",
        /// To an entry's writers and coordinators, once the committee publishes
        /// a stage's results (advanced or not) or the final ranking.
        StageResult = "stage_result",
        /// To an objector who gave an e-mail address: their objection's
        /// reference.
        ObjectionReceipt = "objection_receipt",
        /// To an objector who gave an e-mail address: the committee's answer.
        ObjectionAnswer = "objection_answer",
        /// To a judge: the entries newly given to them to score, in one message.
        JudgeAssignments = "judge_assignments",
        /// To a judge with unsubmitted sheets: the stage closes soon.
        ClosingReminder = "closing_reminder",
        /// To the committee, each morning while a stage is open: progress,
        /// recusals waiting for a replacement, failed messages.
        CommitteeDigest = "committee_digest",
        /// To a judge of a presentation stage: when each entry presents, with
        /// a calendar file per slot.
        PresentationSchedule = "presentation_schedule",
        /// To a people's-choice voter who gave an address: the one-time link
        /// that makes their vote count.
        VoteConfirmation = "vote_confirmation",
    }
}

impl MailKind {
    /// Whether a person may turn this kind off. What they must act on (an
    /// invitation, a reset, an entry sent back to them, entries to score)
    /// always goes out; news of what they need not act on may be turned off.
    ///
    /// ```
    /// use domain::mail::MailKind;
    /// assert!(!MailKind::EntryReturned.optional());
    /// assert!(MailKind::EntrySubmitted.optional());
    /// ```
    #[must_use]
    pub const fn optional(self) -> bool {
        match self {
            MailKind::Invitation
            | MailKind::PasswordReset
            | MailKind::EntryReturned
            | MailKind::ObjectionReceipt
            | MailKind::ObjectionAnswer
            | MailKind::JudgeAssignments
            | MailKind::PresentationSchedule
            | MailKind::VoteConfirmation => false,
            MailKind::EntryEndorsed
            | MailKind::EntrySubmitted
            | MailKind::ScreeningOutcome
            | MailKind::StageResult
            | MailKind::ClosingReminder
            | MailKind::CommitteeDigest => true,
        }
    }
}

impl MailKind {
    /// The roles whose holders may receive this kind (an invitation goes to
    /// anyone); an account page offers a switch only for kinds its person
    /// may receive.
    ///
    /// ```
    /// use domain::mail::MailKind;
    /// use domain::role::Role;
    /// assert!(MailKind::ClosingReminder.audience().contains(&Role::Judge));
    /// assert!(!MailKind::EntrySubmitted.audience().contains(&Role::Judge));
    /// ```
    #[must_use]
    pub const fn audience(self) -> &'static [Role] {
        match self {
            MailKind::Invitation | MailKind::PasswordReset => &Role::ALL,
            // Objectors are the public: no account, no switches.
            MailKind::ObjectionReceipt | MailKind::ObjectionAnswer | MailKind::VoteConfirmation => {
                &[]
            }
            MailKind::EntryReturned
            | MailKind::EntryEndorsed
            | MailKind::EntrySubmitted
            | MailKind::ScreeningOutcome
            | MailKind::StageResult => &[Role::Innovator, Role::Coordinator],
            MailKind::JudgeAssignments
            | MailKind::ClosingReminder
            | MailKind::PresentationSchedule => &[Role::Judge],
            MailKind::CommitteeDigest => &[Role::Admin],
        }
    }
}

impl MailKind {
    /// Whether a message of this kind holds a one-time link that acts for its
    /// recipient (sets a password, confirms a vote): nobody else may read it,
    /// the committee included, once a mail server delivers it.
    ///
    /// ```
    /// use domain::mail::MailKind;
    /// assert!(MailKind::VoteConfirmation.carries_secret());
    /// assert!(!MailKind::EntryReturned.carries_secret());
    /// ```
    #[must_use]
    pub const fn carries_secret(self) -> bool {
        matches!(
            self,
            MailKind::Invitation | MailKind::PasswordReset | MailKind::VoteConfirmation
        )
    }
}

/// The form of an e-mail address under which two spellings of one mailbox are
/// one voter: trimmed, lower-cased, and without a `+tag` in its local part
/// (`Ani+1@Mail.id` and `ani@mail.id` reach the same person). `None` for text
/// that is not plausibly an address. It cannot join two different mailboxes of
/// one person; nothing can.
///
/// ```
/// use domain::mail::mailbox;
/// assert_eq!(mailbox(" Ani+vote2@Mail.ID "), Some("ani@mail.id".to_owned()));
/// assert_eq!(mailbox("ani@localhost"), None);
/// assert_eq!(mailbox("not an address"), None);
/// ```
#[must_use]
pub fn mailbox(address: &str) -> Option<String> {
    let address = address.trim().to_lowercase();
    let (local, domain) = address.split_once('@')?;
    let local = local.split('+').next().unwrap_or_default();
    let plausible_domain = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    let plain = |part: &str| {
        !part.is_empty()
            && part.len() <= 254
            && !part.chars().any(|character| {
                character.is_whitespace() || matches!(character, '@' | '<' | '>' | ',' | ';' | '"')
            })
    };
    (plain(local) && plain(domain) && plausible_domain).then(|| format!("{local}@{domain}"))
}

/// What a person chose for their messages: the language, and the optional
/// kinds they turned off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreferences {
    pub language: Language,
    /// Kinds turned off; a kind that is not [`MailKind::optional`] here is
    /// ignored (it goes out all the same).
    pub muted: BTreeSet<MailKind>,
}

impl MailPreferences {
    /// Whether a message of `kind` goes to this person.
    ///
    /// ```
    /// use domain::mail::{MailKind, MailPreferences};
    /// let mut preferences = MailPreferences::default();
    /// preferences.muted.insert(MailKind::EntrySubmitted);
    /// preferences.muted.insert(MailKind::EntryReturned);
    /// assert!(!preferences.wants(MailKind::EntrySubmitted));
    /// assert!(preferences.wants(MailKind::EntryReturned));
    /// ```
    #[must_use]
    pub fn wants(&self, kind: MailKind) -> bool {
        !kind.optional() || !self.muted.contains(&kind)
    }

    /// These preferences with only the kinds that can be turned off kept
    /// muted, as they are stored.
    #[must_use]
    pub fn normalised(mut self) -> MailPreferences {
        self.muted.retain(|kind| kind.optional());
        self
    }
}

crate::keyed_enum! {
    /// The language a person reads their messages in.
    pub enum Language in "language" default Indonesian {
        /// Bahasa Indonesia, unless they chose otherwise.
        Indonesian = "id",
        /// English.
        English = "en",
    }
}

crate::keyed_enum! {
    /// Where a message stands in the outbox.
    pub enum MailState in "mail state" {
        /// Waiting to be sent (for the first time, or again after a failure).
        Queued = "queued",
        /// Handed to the mail server (or, without one, written to the outbox
        /// folder).
        Sent = "sent",
        /// Given up on: the server refused it for good, or every retry failed.
        /// The committee sees it with the server's answer.
        Failed = "failed",
    }
}

/// Reminders before a stage closes, in days before, when the edition sets
/// none: three days and one day.
pub const DEFAULT_REMINDER_DAYS: [u32; 2] = [3, 1];

/// Which reminder is due `seconds_left` before a stage closes, of those set
/// `days` before it: the nearest one already crossed, so that a server that
/// was down when the three-day reminder fell due sends only the one-day
/// reminder after. `None` before the first and once the stage has closed.
///
/// ```
/// use domain::mail::reminder_due;
/// const DAY: i64 = 86_400;
/// assert_eq!(reminder_due(5 * DAY, &[3, 1]), None);
/// assert_eq!(reminder_due(2 * DAY, &[3, 1]), Some(3));
/// assert_eq!(reminder_due(DAY / 2, &[3, 1]), Some(1));
/// assert_eq!(reminder_due(0, &[3, 1]), None);
/// ```
#[must_use]
pub fn reminder_due(seconds_left: i64, days: &[u32]) -> Option<u32> {
    if seconds_left <= 0 {
        return None;
    }
    days.iter()
        .copied()
        .filter(|day| seconds_left <= i64::from(*day) * 86_400)
        .min()
}

/// Waits before each retry, in seconds: a minute, then five, fifteen, an hour,
/// three hours and six. After the last a message is given up on (about ten and
/// a half hours after its first try): by then a person has waited too long
/// and the committee should hear of it.
pub const RETRY_AFTER_SECONDS: [i64; 6] = [60, 300, 900, 3_600, 10_800, 21_600];

/// How long to wait before trying a message again after its `attempts`-th
/// failed try (1 for the first), or `None` when it should be given up on.
///
/// ```
/// use domain::mail::retry_after;
/// assert_eq!(retry_after(1), Some(60));
/// assert_eq!(retry_after(6), Some(21_600));
/// assert_eq!(retry_after(7), None);
/// assert_eq!(retry_after(0), Some(60));
/// ```
#[must_use]
pub fn retry_after(attempts: u32) -> Option<i64> {
    let index = usize::try_from(attempts.max(1) - 1).ok()?;
    RETRY_AFTER_SECONDS.get(index).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_kind() -> impl Strategy<Value = MailKind> {
        proptest::sample::select(MailKind::ALL)
    }

    proptest! {
        /// A reminder is due only inside its window, and the one due is the
        /// nearest crossed: never one further from closing than another crossed.
        #[test]
        fn the_nearest_crossed_reminder_is_due(
            seconds_left in -86_400i64..10 * 86_400,
            days in proptest::collection::vec(1u32..8, 0..4),
        ) {
            match reminder_due(seconds_left, &days) {
                None => prop_assert!(
                    seconds_left <= 0 || days.iter().all(|day| seconds_left > i64::from(*day) * 86_400)
                ),
                Some(due) => {
                    prop_assert!(seconds_left > 0 && days.contains(&due));
                    prop_assert!(seconds_left <= i64::from(due) * 86_400);
                    prop_assert!(days.iter().all(|day| *day >= due || seconds_left > i64::from(*day) * 86_400));
                }
            }
        }

        /// Whatever a person turns off, what they must act on still reaches
        /// them, and what they did not turn off does too.
        #[test]
        fn only_optional_kinds_can_be_turned_off(
            muted in proptest::collection::btree_set(any_kind(), 0..8),
            kind in any_kind(),
        ) {
            let preferences = MailPreferences { language: Language::English, muted: muted.clone() };
            prop_assert_eq!(preferences.wants(kind), !kind.optional() || !muted.contains(&kind));
            prop_assert_eq!(preferences.clone().normalised().wants(kind), preferences.wants(kind));
            prop_assert!(preferences.normalised().muted.iter().all(|kind| kind.optional()));
        }


        /// One mailbox's spellings are one voter: the form is stable, ignores
        /// case and `+tags`, and never joins two different local parts.
        #[test]
        fn spellings_of_one_mailbox_are_one(
            local in "[a-z][a-z0-9.]{0,12}",
            tag in "[a-z0-9]{0,6}",
            domain in "[a-z]{1,10}\\.(id|com|go\\.id)",
            other in "[a-z][a-z0-9]{0,12}",
        ) {
            let plain = format!("{local}@{domain}");
            let canonical = mailbox(&plain);
            prop_assert_eq!(canonical.as_deref(), Some(plain.as_str()));
            prop_assert_eq!(mailbox(&format!(" {}+{tag}@{} ", local.to_uppercase(), domain.to_uppercase())), canonical.clone());
            prop_assert_eq!(mailbox(canonical.as_deref().unwrap_or_default()), canonical.clone());
            if other != local {
                prop_assert_ne!(mailbox(&format!("{other}@{domain}")), canonical);
            }
        }

        /// Each wait is at least as long as the one before, and a message is
        /// given up on after a bounded number of tries.
        #[test]
        fn retries_back_off_and_end(attempts in 1u32..100) {
            match (retry_after(attempts), retry_after(attempts + 1)) {
                (Some(now), Some(next)) => prop_assert!(next >= now),
                (None, next) => prop_assert_eq!(next, None),
                (Some(_), None) => prop_assert_eq!(attempts as usize, RETRY_AFTER_SECONDS.len()),
            }
        }
    }
}

//! Attempts per client address — and, for sign-ins, per account — in a sliding
//! window, kept in the database so that every instance on it counts alike: a
//! guesser spreading attempts over the instances behind a load balancer meets
//! one limit, not one per instance.
//!
//! Every attempt takes a place in its window *before* the password is checked,
//! so parallel requests cannot all slip past the limit while the (slow) hash
//! runs; a successful sign-in gives its place back. So colleagues behind one
//! office address can all sign in, and once an address has used up the window
//! with failures, every attempt from it (even a right password) is refused until
//! the oldest leaves the window. Counting per account as well stops a guesser
//! who spreads one account's guesses over many addresses. Addresses arrive
//! canonical (`client_addr`); IPv6 clients are counted per /64, the smallest
//! block a single host is usually given.
//!
//! One record per key (`rate_window`, schema 018) holds the times still in its
//! window. Taking a place reads and writes that record in one transaction, so
//! two instances taking the last place at once write the same record and the
//! database lets one through (the other retries and is refused). What the
//! table holds is bounded by what it costs to make an attempt: a record is
//! written only for an attempt let through, and is deleted once its window
//! has passed (`purge`).

use crate::backend::db::{Db, DbError, Refusal};
use crate::backend::repo::coordination::{self, PlaceRequest};
use jiff::{SignedDuration, Timestamp};
use std::net::IpAddr;
use std::time::Duration;

/// The longest e-mail address there can be (RFC 5321's path limit less its
/// brackets). A longer one names no account; kept whole, every sign-in request
/// could park up to a request body's worth of text in the table.
const MAX_EMAIL_CHARS: usize = 254;

/// How often a place is tried again when another instance wrote the same
/// key's record at the same moment.
const RACE_RETRIES: usize = 5;

/// A limit: at most `max_attempts` per `window` for each key it counts by.
#[derive(Debug, Clone)]
pub struct Limiter {
    name: &'static str,
    max_attempts: usize,
    window: SignedDuration,
}

/// Places taken in windows; give them back with [`Limiter::succeeded`].
#[derive(Debug, Clone)]
pub struct Attempt {
    keys: Vec<String>,
    at: Timestamp,
}

/// Why no place was taken.
#[derive(Debug)]
pub enum Refused {
    /// The window is full: try again after this many seconds.
    Wait(u64),
    /// The database did not answer.
    Db(DbError),
}

/// The block `addr` is counted in: IPv6 per /64, IPv4 one by one (an IPv4
/// client on a dual-stack socket is an IPv4 client).
#[must_use]
pub fn block_of(addr: IpAddr) -> IpAddr {
    match addr.to_canonical() {
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::V6(segments.into())
        }
        v4 => v4,
    }
}

impl Limiter {
    /// At most `max_attempts` attempts per `window` per key, under `name`
    /// (`login`, `vote`, …: limits never share a count).
    #[must_use]
    pub fn new(name: &'static str, max_attempts: usize, window: Duration) -> Self {
        Limiter {
            name,
            max_attempts,
            window: SignedDuration::try_from(window).unwrap_or(SignedDuration::MAX),
        }
    }

    fn block_key(&self, addr: IpAddr) -> String {
        format!("{}:block:{}", self.name, block_of(addr))
    }

    fn account_key(&self, email: &str) -> String {
        let email: String = email.trim().chars().take(MAX_EMAIL_CHARS).collect();
        format!("{}:account:{}", self.name, email.to_lowercase())
    }

    /// Takes a place for an attempt from `addr`.
    pub async fn begin(&self, db: &Db, addr: IpAddr, now: Timestamp) -> Result<Attempt, Refused> {
        self.take(db, vec![self.block_key(addr)], now).await
    }

    /// Takes a place for a sign-in from `addr` on the account `email`: both or
    /// neither (an address refused for its account's guesses keeps its places).
    pub async fn begin_sign_in(
        &self,
        db: &Db,
        addr: IpAddr,
        email: &str,
        now: Timestamp,
    ) -> Result<Attempt, Refused> {
        let keys = vec![self.block_key(addr), self.account_key(email)];
        self.take(db, keys, now).await
    }

    async fn take(&self, db: &Db, keys: Vec<String>, now: Timestamp) -> Result<Attempt, Refused> {
        let since = now - self.window;
        let request = PlaceRequest {
            keys: &keys,
            max: self.max_attempts,
            since,
            now,
            expires: now + self.window,
        };
        for _ in 0..RACE_RETRIES {
            match coordination::take_place(db, &request).await {
                Ok(()) => return Ok(Attempt { keys, at: now }),
                Err(DbError::WriteConflict) => continue,
                Err(DbError::Refused(Refusal::RateLimited)) => {
                    return Err(self.wait(db, &keys, since, now).await);
                }
                Err(error) => return Err(Refused::Db(error)),
            }
        }
        Err(Refused::Db(DbError::WriteConflict))
    }

    /// How long until a place frees under the fullest of `keys`.
    async fn wait(&self, db: &Db, keys: &[String], since: Timestamp, now: Timestamp) -> Refused {
        let mut longest = 1;
        for key in keys {
            match coordination::oldest_place(db, key, since).await {
                Ok(Some(oldest)) => {
                    let seconds = (oldest + self.window).duration_since(now).as_secs();
                    longest = longest.max(u64::try_from(seconds).unwrap_or(1));
                }
                Ok(None) => {}
                // Still refused; the wait said is only a hint.
                Err(error) => tracing::warn!(%error, "could not read how long a rate limit lasts"),
            }
        }
        Refused::Wait(longest)
    }

    /// Gives back the places of an attempt that succeeded.
    /// Retried like taking one: a place not given back would count as a
    /// failure against everyone behind the same address.
    pub async fn succeeded(&self, db: &Db, attempt: Attempt) {
        let mut given_back = Ok(());
        for _ in 0..RACE_RETRIES {
            given_back = coordination::give_back_place(db, &attempt.keys, attempt.at).await;
            if !matches!(given_back, Err(DbError::WriteConflict)) {
                break;
            }
        }
        if let Err(error) = given_back {
            tracing::warn!(%error, "could not give back a sign-in's place in its window");
        }
    }
}

/// Deletes every window that has passed.
pub async fn purge(db: &Db, now: Timestamp) -> Result<(), DbError> {
    coordination::purge_rate_windows(db, now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::db;
    use crate::backend::records::query_rows;
    use crate::binds;

    async fn database() -> Db {
        db::open_for_tests()
            .await
            .unwrap_or_else(|error| panic!("{error}"))
    }

    fn at(start: Timestamp, secs: i64) -> Timestamp {
        start + SignedDuration::from_secs(secs)
    }

    fn wait_of(taken: Result<Attempt, Refused>) -> Option<u64> {
        match taken {
            Err(Refused::Wait(seconds)) => Some(seconds),
            _ => None,
        }
    }

    #[tokio::test]
    async fn refuses_after_the_limit_and_recovers_after_the_window() {
        let db = database().await;
        let limiter = Limiter::new("login", 3, Duration::from_secs(60));
        let addr: IpAddr = [127, 0, 0, 1].into();
        let other: IpAddr = [127, 0, 0, 2].into();
        let start = Timestamp::now();
        for _ in 0..3 {
            assert!(limiter.begin(&db, addr, start).await.is_ok());
        }
        assert_eq!(
            wait_of(limiter.begin(&db, addr, at(start, 20)).await),
            Some(40)
        );
        assert!(limiter.begin(&db, other, start).await.is_ok());
        assert!(limiter.begin(&db, addr, at(start, 60)).await.is_ok());
        // Another limit does not share the count.
        let votes = Limiter::new("vote", 3, Duration::from_secs(60));
        assert!(votes.begin(&db, addr, at(start, 20)).await.is_ok());
    }

    #[tokio::test]
    async fn parallel_attempts_cannot_pass_the_limit_and_successes_give_their_place_back() {
        let db = database().await;
        let limiter = Limiter::new("login", 2, Duration::from_secs(60));
        let addr: IpAddr = [10, 0, 0, 1].into();
        let start = Timestamp::now();
        // Five requests arrive at once, before any password check has finished.
        let mut tries = tokio::task::JoinSet::new();
        for n in 0..5 {
            let (limiter, db) = (limiter.clone(), db.clone());
            tries.spawn(async move { limiter.begin(&db, addr, at(start, n)).await });
        }
        let passed: Vec<Attempt> = tries
            .join_all()
            .await
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        assert_eq!(passed.len(), 2);
        // One of them was the right password: its place is free again.
        if let Some(attempt) = passed.into_iter().next() {
            limiter.succeeded(&db, attempt).await;
        }
        assert!(limiter.begin(&db, addr, at(start, 5)).await.is_ok());
        assert!(limiter.begin(&db, addr, at(start, 5)).await.is_err());
    }

    #[tokio::test]
    async fn accounts_are_counted_whatever_the_address() {
        let db = database().await;
        let limiter = Limiter::new("login", 2, Duration::from_secs(60));
        let start = Timestamp::now();
        let sign_in = |n: u8, email: &'static str| {
            let limiter = limiter.clone();
            let db = db.clone();
            async move {
                limiter
                    .begin_sign_in(&db, [10, 0, 0, n].into(), email, start)
                    .await
            }
        };
        assert!(sign_in(1, "Juri1@Juara.test").await.is_ok());
        assert!(sign_in(2, " juri1@juara.test").await.is_ok());
        assert!(sign_in(3, "juri1@juara.test").await.is_err());
        assert!(
            sign_in(3, "juri2@juara.test").await.is_ok(),
            "the address kept its place"
        );
    }

    #[tokio::test]
    async fn an_account_key_is_never_longer_than_an_e_mail_address_can_be() {
        let limiter = Limiter::new("login", 1, Duration::from_secs(60));
        let huge = "a".repeat(1 << 20);
        assert_eq!(
            limiter.account_key(&huge).len(),
            "login:account:".len() + MAX_EMAIL_CHARS
        );
        assert_eq!(
            limiter.account_key(&huge),
            limiter.account_key(&format!("{huge}b"))
        );
    }

    #[tokio::test]
    async fn passed_windows_are_purged() {
        let db = database().await;
        let limiter = Limiter::new("vote", 1, Duration::from_secs(60));
        let start = Timestamp::now();
        assert!(
            limiter
                .begin(&db, [10, 0, 0, 9].into(), start)
                .await
                .is_ok()
        );
        purge(&db, at(start, 61))
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        let left: Vec<serde_json::Value> =
            query_rows(&db, "SELECT * FROM rate_window;", binds![], 0)
                .await
                .unwrap_or_else(|error| panic!("{error}"));
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn an_ipv4_client_on_a_dual_stack_socket_is_counted_alone() {
        let a: IpAddr = "::ffff:192.0.2.1".parse().unwrap_or(IpAddr::from([0; 16]));
        let b: IpAddr = "::ffff:192.0.2.2".parse().unwrap_or(IpAddr::from([0; 16]));
        assert_ne!(
            block_of(a),
            block_of(b),
            "another IPv4 client, not the same /64"
        );
        assert_eq!(block_of(a), block_of("192.0.2.1".parse().unwrap_or(a)));
    }

    #[test]
    fn ipv6_addresses_are_counted_per_64_block() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap_or(IpAddr::from([0; 16]));
        let b: IpAddr = "2001:db8:1:2:ffff::9"
            .parse()
            .unwrap_or(IpAddr::from([0; 16]));
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap_or(IpAddr::from([0; 16]));
        assert_eq!(block_of(a), block_of(b), "same /64");
        assert_ne!(block_of(a), block_of(c), "another /64");
    }
}

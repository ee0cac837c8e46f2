//! Attempts per client address — and, for sign-ins, per account — in a sliding
//! window, in memory.
//!
//! Every attempt takes a place in its window *before* the password is checked,
//! so parallel requests cannot all slip past the limit while the (slow) hash
//! runs; a successful sign-in gives its place back. So colleagues behind one
//! office address can all sign in, and once an address has used up the window
//! with failures, every attempt from it (even a right password) is refused until
//! the oldest leaves the window. Counting per account as well stops a guesser
//! who spreads one account's guesses over many addresses. Addresses arrive
//! canonical (`client_addr`); IPv6 clients are counted per /64, the smallest
//! block a single host is usually given. Memory is bounded: stale entries are
//! pruned and, past the cap, the least recently used keys are forgotten first.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most addresses tracked at once.
const MAX_TRACKED: usize = 50_000;

/// The longest e-mail address there can be (RFC 5321's path limit less its
/// brackets). A longer one names no account; kept whole, every sign-in request
/// could park up to a request body's worth of text in the table.
const MAX_EMAIL_CHARS: usize = 254;

/// What attempts are counted by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// An address block (an IPv4 address, an IPv6 /64).
    Block(IpAddr),
    /// An account, by its e-mail as typed, lower-cased.
    Account(String),
}

/// The limiter shared by all requests.
#[derive(Debug)]
pub struct LoginLimiter {
    max_attempts: usize,
    window: Duration,
    attempts: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

/// A place taken in a window; give it back with [`LoginLimiter::succeeded`].
#[derive(Debug, Clone)]
pub struct Attempt {
    key: Key,
    at: Instant,
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

impl LoginLimiter {
    /// At most `max_attempts` failed attempts per `window` per address.
    #[must_use]
    pub fn new(max_attempts: usize, window: Duration) -> Self {
        LoginLimiter {
            max_attempts,
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a place for an attempt from `addr`, or answers `Err(seconds to wait)`.
    pub fn begin(&self, addr: IpAddr, now: Instant) -> Result<Attempt, u64> {
        self.begin_key(Key::Block(block_of(addr)), now)
    }

    /// Takes a place for an attempt on the account `email`, or answers
    /// `Err(seconds to wait)`.
    pub fn begin_account(&self, email: &str, now: Instant) -> Result<Attempt, u64> {
        let email: String = email.trim().chars().take(MAX_EMAIL_CHARS).collect();
        self.begin_key(Key::Account(email.to_lowercase()), now)
    }

    fn begin_key(&self, key: Key, now: Instant) -> Result<Attempt, u64> {
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if attempts.len() >= MAX_TRACKED && !attempts.contains_key(&key) {
            self.evict(&mut attempts, now);
        }
        let times = attempts.entry(key.clone()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.max_attempts {
            let oldest = times.front().copied().unwrap_or(now);
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        times.push_back(now);
        Ok(Attempt { key, at: now })
    }

    /// Gives back the place of an attempt that succeeded.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if let Some(times) = attempts.get_mut(&attempt.key) {
            if let Some(position) = times.iter().position(|t| *t == attempt.at) {
                times.remove(position);
            }
            if times.is_empty() {
                attempts.remove(&attempt.key);
            }
        }
    }

    /// Drops addresses with nothing left in the window, then the least recently
    /// active tenth, so that a flood of new addresses cannot wipe everyone's count.
    fn evict(&self, attempts: &mut HashMap<Key, VecDeque<Instant>>, now: Instant) {
        let window = self.window;
        attempts.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < window)
        });
        if attempts.len() >= MAX_TRACKED {
            let mut by_age: Vec<(Instant, Key)> = attempts
                .iter()
                .map(|(key, times)| (times.back().copied().unwrap_or(now), key.clone()))
                .collect();
            by_age.sort_unstable_by_key(|(at, _)| *at);
            for (_, key) in by_age.into_iter().take(MAX_TRACKED / 10) {
                attempts.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: Instant, secs: u64) -> Instant {
        start + Duration::from_secs(secs)
    }

    #[test]
    fn refuses_after_the_limit_and_recovers_after_the_window() {
        let limiter = LoginLimiter::new(3, Duration::from_secs(60));
        let addr: IpAddr = [127, 0, 0, 1].into();
        let other: IpAddr = [127, 0, 0, 2].into();
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.begin(addr, start).is_ok());
        }
        assert_eq!(limiter.begin(addr, at(start, 20)).map(|_| ()), Err(40));
        assert!(limiter.begin(other, start).is_ok());
        assert!(limiter.begin(addr, at(start, 60)).is_ok());
    }

    #[test]
    fn parallel_attempts_cannot_pass_the_limit_and_successes_give_their_place_back() {
        let limiter = LoginLimiter::new(2, Duration::from_secs(60));
        let addr: IpAddr = [10, 0, 0, 1].into();
        let start = Instant::now();
        // Three requests arrive before any password check has finished.
        let first = limiter.begin(addr, start);
        let second = limiter.begin(addr, start);
        assert!(first.is_ok() && second.is_ok());
        assert!(limiter.begin(addr, start).is_err());
        // One of them was the right password: its place is free again.
        if let Ok(attempt) = first {
            limiter.succeeded(attempt);
        }
        assert!(limiter.begin(addr, start).is_ok());
    }

    #[test]
    fn accounts_are_counted_whatever_the_address() {
        let limiter = LoginLimiter::new(2, Duration::from_secs(60));
        let start = Instant::now();
        assert!(limiter.begin_account("Juri1@Juara.test", start).is_ok());
        assert!(limiter.begin_account(" juri1@juara.test", start).is_ok());
        assert!(limiter.begin_account("juri1@juara.test", start).is_err());
        assert!(limiter.begin_account("juri2@juara.test", start).is_ok());
        // Addresses and accounts never share a count.
        assert!(limiter.begin([10, 0, 0, 1].into(), start).is_ok());
    }

    #[test]
    fn an_account_key_is_never_longer_than_an_e_mail_address_can_be() {
        let limiter = LoginLimiter::new(1, Duration::from_secs(60));
        let start = Instant::now();
        let huge = "a".repeat(1 << 20);
        assert!(limiter.begin_account(&huge, start).is_ok());
        // Another megabyte with the same first 254 characters is the same key.
        assert!(limiter.begin_account(&format!("{huge}b"), start).is_err());
        let attempts = limiter
            .attempts
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let stored: usize = attempts
            .keys()
            .map(|key| match key {
                Key::Account(email) => email.len(),
                Key::Block(_) => 0,
            })
            .sum();
        assert_eq!(stored, MAX_EMAIL_CHARS);
    }

    #[test]
    fn an_ipv4_client_on_a_dual_stack_socket_is_counted_alone() {
        let limiter = LoginLimiter::new(1, Duration::from_secs(60));
        let start = Instant::now();
        let a: IpAddr = "::ffff:192.0.2.1".parse().unwrap_or(IpAddr::from([0; 16]));
        let b: IpAddr = "::ffff:192.0.2.2".parse().unwrap_or(IpAddr::from([0; 16]));
        assert!(limiter.begin(a, start).is_ok());
        assert!(
            limiter.begin(b, start).is_ok(),
            "another IPv4 client, not the same /64"
        );
        assert!(
            limiter
                .begin("192.0.2.1".parse().unwrap_or(a), start)
                .is_err()
        );
    }

    #[test]
    fn ipv6_addresses_are_counted_per_64_block() {
        let limiter = LoginLimiter::new(1, Duration::from_secs(60));
        let start = Instant::now();
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap_or(IpAddr::from([0; 16]));
        let b: IpAddr = "2001:db8:1:2:ffff::9"
            .parse()
            .unwrap_or(IpAddr::from([0; 16]));
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap_or(IpAddr::from([0; 16]));
        assert!(limiter.begin(a, start).is_ok());
        assert!(limiter.begin(b, start).is_err(), "same /64");
        assert!(limiter.begin(c, start).is_ok(), "another /64");
    }
}

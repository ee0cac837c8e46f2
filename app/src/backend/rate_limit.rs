//! Sign-in attempts per client address, in a sliding window, in memory.
//!
//! Every attempt takes a place in its address's window *before* the password is
//! checked, so parallel requests cannot all slip past the limit while the (slow)
//! hash runs; a successful sign-in gives its place back. So colleagues behind one
//! office address can all sign in, and once an address has used up the window with
//! failures, every attempt from it (even a right password) is refused until the
//! oldest leaves the window. IPv6 clients are counted per /64, the smallest block a
//! single host is usually given. Memory is bounded: stale entries are pruned and,
//! past the cap, the least recently used addresses are forgotten first.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most addresses tracked at once.
const MAX_TRACKED: usize = 50_000;

/// The limiter shared by all requests.
#[derive(Debug)]
pub struct LoginLimiter {
    max_attempts: usize,
    window: Duration,
    attempts: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

/// A place taken in an address's window; give it back with [`LoginLimiter::succeeded`].
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    key: IpAddr,
    at: Instant,
}

/// Counts IPv6 addresses per /64 and IPv4 addresses one by one.
fn key_of(addr: IpAddr) -> IpAddr {
    match addr {
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
        let key = key_of(addr);
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if attempts.len() >= MAX_TRACKED && !attempts.contains_key(&key) {
            self.evict(&mut attempts, now);
        }
        let times = attempts.entry(key).or_default();
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
    fn evict(&self, attempts: &mut HashMap<IpAddr, VecDeque<Instant>>, now: Instant) {
        let window = self.window;
        attempts.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < window)
        });
        if attempts.len() >= MAX_TRACKED {
            let mut by_age: Vec<(Instant, IpAddr)> = attempts
                .iter()
                .map(|(key, times)| (times.back().copied().unwrap_or(now), *key))
                .collect();
            by_age.sort_unstable();
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

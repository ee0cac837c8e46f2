//! Failed sign-in attempts per client address, in a sliding window, in memory.
//!
//! Only failures count, so colleagues behind one office address can all sign in;
//! once an address reaches the limit, every attempt from it (even a right
//! password) is refused until the oldest failure leaves the window. Memory is
//! bounded: old entries are pruned on every call and the map is capped.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most addresses tracked at once; past it the stalest are forgotten.
const MAX_TRACKED: usize = 50_000;

/// The limiter shared by all requests.
#[derive(Debug)]
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// At most `max_failures` failures per `window` per address.
    #[must_use]
    pub fn new(max_failures: usize, window: Duration) -> Self {
        LoginLimiter {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `addr` may not try now.
    pub fn check(&self, addr: IpAddr, now: Instant) -> Result<(), u64> {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let Some(times) = failures.get_mut(&addr) else {
            return Ok(());
        };
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() < self.max_failures {
            return Ok(());
        }
        let oldest = times.front().copied().unwrap_or(now);
        let wait = self.window.saturating_sub(now.duration_since(oldest));
        Err(wait.as_secs().max(1))
    }

    /// Records a failed attempt from `addr`.
    pub fn record_failure(&self, addr: IpAddr, now: Instant) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if failures.len() >= MAX_TRACKED && !failures.contains_key(&addr) {
            let window = self.window;
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
            if failures.len() >= MAX_TRACKED {
                failures.clear();
            }
        }
        failures.entry(addr).or_default().push_back(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_limit_and_recovers_after_the_window() {
        let limiter = LoginLimiter::new(3, Duration::from_secs(60));
        let addr: IpAddr = [127, 0, 0, 1].into();
        let other: IpAddr = [127, 0, 0, 2].into();
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(addr, start).is_ok());
            limiter.record_failure(addr, start);
        }
        assert_eq!(
            limiter.check(addr, start + Duration::from_secs(20)),
            Err(40)
        );
        assert!(limiter.check(other, start).is_ok());
        assert!(limiter.check(addr, start + Duration::from_secs(60)).is_ok());
    }
}

//! The presentation timer. In a presentation stage each entry has a slot (10
//! minutes by default) that opens with its video (3 minutes by default) and
//! continues with the panel's questions. The panel chair starts, pauses and resets
//! the clock; every judge's tablet reads the same clock, so the arithmetic lives
//! here and runs on the server and in the browser alike.

use serde::{Deserialize, Serialize};

/// How long an entry's slot is and how much of it is the video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The whole slot, in minutes.
    pub minutes: u32,
    /// The video at its start, in minutes (at most the slot).
    pub video_minutes: u32,
}

impl Default for Slot {
    fn default() -> Self {
        Slot {
            minutes: 10,
            video_minutes: 3,
        }
    }
}

impl Slot {
    fn total_ms(self) -> u64 {
        u64::from(self.minutes) * 60_000
    }

    fn video_ms(self) -> u64 {
        u64::from(self.video_minutes.min(self.minutes)) * 60_000
    }
}

/// A stopwatch that can be paused: the time run before the last start, plus the
/// time since that start while it runs. Times are milliseconds since the epoch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Milliseconds run before `running_since`.
    pub elapsed_ms: u64,
    /// When the clock was last started, if it is running.
    pub running_since_ms: Option<i64>,
}

impl Clock {
    /// Milliseconds run by `now_ms`. A `now` before the start (a device clock
    /// behind the server's) counts as the start.
    #[must_use]
    pub fn elapsed_at(self, now_ms: i64) -> u64 {
        let running = self.running_since_ms.map_or(0, |since| {
            u64::try_from(now_ms.saturating_sub(since)).unwrap_or(0)
        });
        self.elapsed_ms.saturating_add(running)
    }

    /// Whether the clock runs.
    #[must_use]
    pub fn is_running(self) -> bool {
        self.running_since_ms.is_some()
    }

    /// Started (or resumed) at `now_ms`; starting a running clock changes nothing.
    #[must_use]
    pub fn start(self, now_ms: i64) -> Clock {
        if self.is_running() {
            self
        } else {
            Clock {
                elapsed_ms: self.elapsed_ms,
                running_since_ms: Some(now_ms),
            }
        }
    }

    /// Paused at `now_ms`, keeping the time run; pausing a paused clock changes
    /// nothing.
    #[must_use]
    pub fn pause(self, now_ms: i64) -> Clock {
        Clock {
            elapsed_ms: self.elapsed_at(now_ms),
            running_since_ms: None,
        }
    }
}

/// Where a presentation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The video is playing.
    Video,
    /// The panel asks questions.
    Questions,
    /// The slot is over.
    Overtime,
}

/// The clock read against a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub phase: Phase,
    /// Milliseconds left in the current phase (0 in overtime).
    pub phase_left_ms: u64,
    /// Milliseconds left in the slot (0 in overtime).
    pub slot_left_ms: u64,
    /// Milliseconds past the end of the slot (0 until then).
    pub overtime_ms: u64,
}

/// Reads `elapsed_ms` against `slot`.
#[must_use]
pub fn read(slot: Slot, elapsed_ms: u64) -> Reading {
    let (video, total) = (slot.video_ms(), slot.total_ms());
    let slot_left_ms = total.saturating_sub(elapsed_ms);
    if elapsed_ms < video {
        Reading {
            phase: Phase::Video,
            phase_left_ms: video - elapsed_ms,
            slot_left_ms,
            overtime_ms: 0,
        }
    } else if elapsed_ms < total {
        Reading {
            phase: Phase::Questions,
            phase_left_ms: slot_left_ms,
            slot_left_ms,
            overtime_ms: 0,
        }
    } else {
        Reading {
            phase: Phase::Overtime,
            phase_left_ms: 0,
            slot_left_ms: 0,
            overtime_ms: elapsed_ms - total,
        }
    }
}

/// `ms` as `m:ss`, rounding up so that a running clock shows 0:00 only at the end.
#[must_use]
pub fn minutes_seconds(ms: u64) -> String {
    let seconds = ms.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60_000;

    #[test]
    fn a_paused_clock_keeps_its_time_and_a_running_one_adds_the_time_since_its_start() {
        let clock = Clock::default().start(1_000);
        assert_eq!(clock.elapsed_at(61_000), MINUTE);
        let paused = clock.pause(61_000);
        assert_eq!(
            paused.elapsed_at(999_999),
            MINUTE,
            "paused: time stands still"
        );
        let resumed = paused.start(100_000);
        assert_eq!(resumed.elapsed_at(130_000), MINUTE + 30_000);
        assert_eq!(
            resumed.start(120_000),
            resumed,
            "starting a running clock is a no-op"
        );
        assert_eq!(
            paused.pause(500_000),
            paused,
            "pausing a paused clock is a no-op"
        );
    }

    #[test]
    fn a_device_clock_behind_the_start_reads_zero_not_a_negative_time() {
        let clock = Clock::default().start(10_000);
        assert_eq!(clock.elapsed_at(9_000), 0);
    }

    #[test]
    fn the_default_slot_is_three_minutes_of_video_then_seven_of_questions() {
        let slot = Slot::default();
        assert_eq!(read(slot, 0).phase, Phase::Video);
        assert_eq!(read(slot, 0).phase_left_ms, 3 * MINUTE);
        assert_eq!(read(slot, 3 * MINUTE - 1).phase, Phase::Video);
        let questions = read(slot, 3 * MINUTE);
        assert_eq!(
            (
                questions.phase,
                questions.phase_left_ms,
                questions.slot_left_ms
            ),
            (Phase::Questions, 7 * MINUTE, 7 * MINUTE)
        );
        assert_eq!(read(slot, 10 * MINUTE - 1).phase, Phase::Questions);
        let over = read(slot, 10 * MINUTE + 5_000);
        assert_eq!(
            (over.phase, over.slot_left_ms, over.overtime_ms),
            (Phase::Overtime, 0, 5_000)
        );
    }

    #[test]
    fn a_video_longer_than_the_slot_is_cut_to_the_slot() {
        let slot = Slot {
            minutes: 2,
            video_minutes: 5,
        };
        assert_eq!(read(slot, MINUTE).phase, Phase::Video);
        assert_eq!(read(slot, 2 * MINUTE).phase, Phase::Overtime);
    }

    #[test]
    fn times_show_as_minutes_and_seconds_rounded_up() {
        assert_eq!(minutes_seconds(0), "0:00");
        assert_eq!(minutes_seconds(1), "0:01");
        assert_eq!(minutes_seconds(59_001), "1:00");
        assert_eq!(minutes_seconds(7 * MINUTE), "7:00");
        assert_eq!(minutes_seconds(10 * MINUTE + 1_000), "10:01");
    }
}

//! An alert's pace: at most `per_minute` messages in any 60 seconds, and at least the
//! platform's gap between two (飞书: 5 a second). In memory: after a restart the first
//! minute may go over, and the platform's own limit answer (retried) covers that.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub(crate) struct Limiter {
    per_minute: usize,
    gap: Duration,
    sent: VecDeque<Instant>,
}

impl Limiter {
    pub(crate) fn new(per_minute: u32, gap: Duration) -> Limiter {
        Limiter {
            per_minute: per_minute.max(1) as usize,
            gap,
            sent: VecDeque::new(),
        }
    }

    fn forget(&mut self, now: Instant) {
        while self
            .sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            self.sent.pop_front();
        }
    }

    /// Messages that may go now, one after another (the gap aside).
    pub(crate) fn available(&mut self, now: Instant) -> usize {
        self.forget(now);
        self.per_minute.saturating_sub(self.sent.len())
    }

    /// How long until the next message may go; zero when it may go now.
    pub(crate) fn wait(&mut self, now: Instant) -> Duration {
        self.forget(now);
        let by_gap = self
            .sent
            .back()
            .map(|t| (*t + self.gap).saturating_duration_since(now))
            .unwrap_or_default();
        let by_window = if self.sent.len() >= self.per_minute {
            self.sent
                .front()
                .map(|t| (*t + WINDOW).saturating_duration_since(now))
                .unwrap_or_default()
        } else {
            Duration::ZERO
        };
        by_gap.max(by_window)
    }

    pub(crate) fn record(&mut self, now: Instant) {
        self.sent.push_back(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_a_minute_then_wait_for_the_oldest_to_leave_the_window() {
        let t0 = Instant::now();
        let mut l = Limiter::new(20, Duration::ZERO);
        for i in 0..20 {
            let t = t0 + Duration::from_secs(i);
            assert_eq!(l.wait(t), Duration::ZERO, "message {i}");
            l.record(t);
        }
        let t = t0 + Duration::from_secs(20);
        assert_eq!(l.available(t), 0);
        assert_eq!(l.wait(t), Duration::from_secs(40));
        assert_eq!(l.available(t0 + Duration::from_secs(61)), 2);
    }

    #[test]
    fn feishu_keeps_a_fifth_of_a_second_between_messages() {
        let t0 = Instant::now();
        let mut l = Limiter::new(100, Duration::from_millis(200));
        l.record(t0);
        assert_eq!(
            l.wait(t0 + Duration::from_millis(50)),
            Duration::from_millis(150)
        );
        assert_eq!(l.wait(t0 + Duration::from_millis(250)), Duration::ZERO);
    }
}

//! How one poll moves a source's [`SourceState`]: begun, succeeded or failed, made durable
//! or rolled back, scheduled. The poller calls these in order and does the rest (backoff,
//! logs, metrics, store writes); the methods only change fields and say what happened, so
//! they can be tested without a network, a store or a clock.

use chrono::{DateTime, Utc};
use std::time::Duration;

use super::PollStats;
use crate::fetch::Validators;
use crate::model::{EMPTY_POLLS_FLAG, SourceState};

/// Unknown zone names kept on the state: enough to fix the config, not a growing log.
const UNKNOWN_ZONES_KEPT: usize = 20;

/// What a successful poll changed that the poller reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Succeeded {
    /// The source had items and has yielded none for [`EMPTY_POLLS_FLAG`] polls or more.
    /// Raised on every poll while it lasts, so the warning repeats until it is fixed.
    pub empty: bool,
    /// A permanent redirect to a target not seen on the previous poll.
    pub newly_moved: bool,
}

impl SourceState {
    /// A poll of the source starts at `now`.
    pub(crate) fn begin_poll(&mut self, now: DateTime<Utc>) {
        self.last_poll = Some(now);
        self.polls += 1;
    }

    /// The poll read the source (`at` is when it finished reading). Clears the failure
    /// record, keeps the document's validators for the next conditional request, and
    /// tracks emptiness, redirects and unknown zones. Does not schedule: see
    /// [`SourceState::schedule`].
    pub(crate) fn succeeded(
        &mut self,
        stats: &PollStats,
        known_items: usize,
        validators: Validators,
        at: DateTime<Utc>,
    ) -> Succeeded {
        self.last_ok = Some(at);
        self.last_error = None;
        self.last_status = Some(stats.status);
        self.consecutive_failures = 0;
        self.retry_until = None;
        self.last_bytes = stats.bytes;
        if stats.not_modified {
            // A 304 says nothing about the entries: the last document's count stands.
            self.not_modified += 1;
        } else {
            self.count_entries(stats.entries, known_items);
        }
        let empty = self.empty_polls >= EMPTY_POLLS_FLAG;
        let newly_moved = self.follow_redirect(stats.moved_to.as_deref());
        self.remember_unknown_zones(&stats.unknown_zones);
        self.etag = validators.etag;
        self.last_modified = validators.last_modified;
        Succeeded { empty, newly_moved }
    }

    /// An empty document counts against a source only once it has had items (in its
    /// last document, in an earlier empty streak, or in the store): a source that never
    /// had any is new or quiet, not broken.
    fn count_entries(&mut self, entries: usize, known_items: usize) {
        let had_items = self.last_entries > 0 || self.empty_polls > 0 || known_items > 0;
        if entries == 0 && had_items {
            self.empty_polls += 1;
        } else {
            self.empty_polls = 0;
        }
        self.last_entries = entries;
    }

    /// Records where a permanent redirect leads (or that none was followed); true when
    /// the target is new, so the move is reported once rather than on every poll.
    fn follow_redirect(&mut self, moved_to: Option<&str>) -> bool {
        let newly = moved_to.is_some_and(|to| self.redirected_to.as_deref() != Some(to));
        self.redirected_to = moved_to.map(str::to_string);
        newly
    }

    /// This poll's unknown zones first, then earlier ones it did not repeat, capped. A
    /// poll that named none keeps the list: zones may come from pages read only now and
    /// then.
    fn remember_unknown_zones(&mut self, latest: &[String]) {
        if latest.is_empty() {
            return;
        }
        let mut zones = latest.to_vec();
        zones.extend(
            self.unknown_zones
                .iter()
                .filter(|z| !latest.contains(z))
                .cloned(),
        );
        zones.truncate(UNKNOWN_ZONES_KEPT);
        self.unknown_zones = zones;
    }

    /// The failure count once the poll under way is recorded as failed: the poller
    /// computes its backoff from it before calling [`SourceState::failed`].
    pub(crate) fn failures_with_this_one(&self) -> u32 {
        self.consecutive_failures.saturating_add(1)
    }

    /// The poll failed with `message` (and the HTTP `status`, if there was one); the next
    /// attempt is at `next`. `retry_until` is set only when the server asked for a wait:
    /// an earlier Retry-After still stands through failures that did not.
    pub(crate) fn failed(
        &mut self,
        message: &str,
        status: Option<u16>,
        retry_until: Option<DateTime<Utc>>,
        next: DateTime<Utc>,
    ) -> u32 {
        self.last_error = Some(message.to_string());
        self.last_status = status;
        self.consecutive_failures = self.failures_with_this_one();
        if let Some(t) = retry_until {
            self.retry_until = Some(t);
        }
        self.next_poll = Some(next);
        self.consecutive_failures
    }

    /// A success whose store flush failed: nothing is durable, so the source has not been
    /// read as far as a restart could tell (`last_ok` goes back to `last_ok_before`), and
    /// the validators go so the retry fetches the document rather than trusting a 304.
    /// The poller then records the failure with [`SourceState::failed`].
    pub(crate) fn not_durable(&mut self, last_ok_before: Option<DateTime<Utc>>) {
        self.last_ok = last_ok_before;
        self.etag = None;
        self.last_modified = None;
    }

    /// The next poll is due at `next`.
    pub(crate) fn schedule(&mut self, next: DateTime<Utc>) {
        self.next_poll = Some(next);
    }

    /// The poll took `duration` (from its permits to its result, before the flush).
    pub(crate) fn took(&mut self, duration: Duration) {
        self.last_duration_ms = duration.as_millis() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 8, minute, 0).unwrap()
    }

    fn read(entries: usize) -> PollStats {
        PollStats {
            status: 200,
            bytes: 1000,
            entries,
            ..Default::default()
        }
    }

    fn validators(etag: &str) -> Validators {
        Validators {
            etag: Some(etag.to_string()),
            last_modified: Some("Mon, 07 Dec 2026 08:00:00 GMT".to_string()),
        }
    }

    fn zones(names: &[&str]) -> Vec<String> {
        names.iter().map(|z| z.to_string()).collect()
    }

    #[test]
    fn a_poll_begins_by_counting_itself() {
        let mut s = SourceState {
            polls: 4,
            ..Default::default()
        };
        s.begin_poll(at(1));
        assert_eq!(s.last_poll, Some(at(1)));
        assert_eq!(s.polls, 5);
    }

    #[test]
    fn success_resets_failures_and_retry_until() {
        let mut s = SourceState {
            last_error: Some("503".into()),
            last_status: Some(503),
            consecutive_failures: 3,
            retry_until: Some(at(30)),
            ..Default::default()
        };
        let done = s.succeeded(&read(5), 0, validators("v1"), at(2));
        assert_eq!(s.consecutive_failures, 0);
        assert_eq!(s.retry_until, None);
        assert_eq!(s.last_error, None);
        assert_eq!(s.last_status, Some(200));
        assert_eq!(s.last_ok, Some(at(2)));
        assert_eq!(s.last_bytes, 1000);
        assert_eq!(s.last_entries, 5);
        assert_eq!(s.etag.as_deref(), Some("v1"));
        assert!(s.last_modified.is_some());
        assert_eq!(
            done,
            Succeeded {
                empty: false,
                newly_moved: false
            }
        );
        assert!(s.flags(at(3)).is_empty(), "{:?}", s.flags(at(3)));
    }

    #[test]
    fn three_empty_polls_after_items_raise_the_flag_and_items_lower_it() {
        let mut s = SourceState::default();
        assert!(!s.succeeded(&read(5), 0, validators("v"), at(1)).empty);
        let flags: Vec<bool> = (0..4)
            .map(|m| s.succeeded(&read(0), 0, validators("v"), at(2 + m)).empty)
            .collect();
        assert_eq!(
            flags,
            [false, false, true, true],
            "raised at the third, kept"
        );
        assert_eq!(s.empty_polls, 4);
        assert_eq!(s.last_entries, 0);
        assert!(s.flags(at(9)).contains(&"empty"));

        assert!(!s.succeeded(&read(2), 0, validators("v"), at(10)).empty);
        assert_eq!(s.empty_polls, 0);
        assert_eq!(s.last_entries, 2);
    }

    #[test]
    fn an_empty_source_is_flagged_only_once_it_has_had_items() {
        let mut never = SourceState::default();
        for m in 0..5 {
            assert!(!never.succeeded(&read(0), 0, validators("v"), at(m)).empty);
        }
        assert_eq!(never.empty_polls, 0, "new or quiet, not broken");

        // Items in the store count, though no document listed them since the restart.
        let mut stored = SourceState::default();
        let flags: Vec<bool> = (0..3)
            .map(|m| stored.succeeded(&read(0), 7, validators("v"), at(m)).empty)
            .collect();
        assert_eq!(flags, [false, false, true]);
    }

    #[test]
    fn a_not_modified_poll_counts_and_keeps_last_entries() {
        let mut s = SourceState {
            last_entries: 5,
            empty_polls: 1,
            ..Default::default()
        };
        let stats = PollStats {
            status: 304,
            not_modified: true,
            ..Default::default()
        };
        s.succeeded(&stats, 0, validators("v2"), at(1));
        assert_eq!(s.not_modified, 1);
        assert_eq!(s.last_entries, 5, "a 304 lists no entries");
        assert_eq!(s.empty_polls, 1, "nor does it end an empty streak");
        assert_eq!(s.last_status, Some(304));
        assert_eq!(s.etag.as_deref(), Some("v2"));
    }

    #[test]
    fn a_new_redirect_is_reported_once() {
        let moved = |to: Option<&str>| PollStats {
            moved_to: to.map(str::to_string),
            ..read(1)
        };
        let mut s = SourceState::default();
        let mut poll = |to| {
            s.succeeded(&moved(to), 0, validators("v"), at(1))
                .newly_moved
        };
        assert!(poll(Some("https://b.example/feed")));
        assert!(!poll(Some("https://b.example/feed")), "already reported");
        assert!(poll(Some("https://c.example/feed")), "moved again");
        assert!(!poll(None));
        assert_eq!(s.redirected_to, None, "a poll without a redirect clears it");
        assert!(
            s.succeeded(
                &moved(Some("https://c.example/feed")),
                0,
                validators("v"),
                at(2)
            )
            .newly_moved,
            "back after a poll without it: reported again"
        );
        assert_eq!(s.redirected_to.as_deref(), Some("https://c.example/feed"));
    }

    #[test]
    fn a_flush_that_fails_rolls_back_last_ok_and_drops_validators() {
        let mut s = SourceState {
            last_ok: Some(at(0)),
            etag: Some("old".into()),
            ..Default::default()
        };
        let before = s.last_ok;
        s.begin_poll(at(1));
        s.succeeded(&read(3), 0, validators("new"), at(2));
        s.not_durable(before);
        assert_eq!(s.last_ok, Some(at(0)));
        assert_eq!(s.etag, None);
        assert_eq!(s.last_modified, None);
        assert_eq!(s.last_entries, 3, "what was read is still what was read");
    }

    #[test]
    fn unknown_zones_merge_newest_first_capped_at_20() {
        let mut s = SourceState {
            unknown_zones: zones(&["a", "b"]),
            ..Default::default()
        };
        let stats = |z: Vec<String>| PollStats {
            unknown_zones: z,
            ..read(1)
        };
        s.succeeded(&stats(zones(&["c", "a"])), 0, validators("v"), at(1));
        assert_eq!(s.unknown_zones, zones(&["c", "a", "b"]));
        s.succeeded(&stats(Vec::new()), 0, validators("v"), at(2));
        assert_eq!(s.unknown_zones, zones(&["c", "a", "b"]), "none named: kept");

        let old: Vec<String> = (0..25).map(|n| format!("old{n}")).collect();
        s.unknown_zones = old.clone();
        s.succeeded(&stats(zones(&["new"])), 0, validators("v"), at(3));
        assert_eq!(s.unknown_zones.len(), 20);
        assert_eq!(s.unknown_zones[0], "new");
        assert_eq!(s.unknown_zones[1..], old[..19]);
    }

    #[test]
    fn a_failure_counts_and_keeps_an_earlier_retry_after() {
        let mut s = SourceState {
            last_ok: Some(at(0)),
            etag: Some("v".into()),
            consecutive_failures: 1,
            retry_until: Some(at(30)),
            ..Default::default()
        };
        assert_eq!(s.failures_with_this_one(), 2);
        assert_eq!(s.failed("timed out", None, None, at(20)), 2);
        assert_eq!(s.consecutive_failures, 2);
        assert_eq!(s.last_error.as_deref(), Some("timed out"));
        assert_eq!(s.last_status, None);
        assert_eq!(
            s.retry_until,
            Some(at(30)),
            "no Retry-After: the earlier stands"
        );
        assert_eq!(s.next_poll, Some(at(20)));
        assert_eq!(s.last_ok, Some(at(0)), "a failure is not a rollback");
        assert_eq!(s.etag.as_deref(), Some("v"));

        s.failed("429", Some(429), Some(at(45)), at(45));
        assert_eq!(s.retry_until, Some(at(45)));
        assert_eq!(s.last_status, Some(429));
        assert!(s.backing_off(at(40)));

        s.consecutive_failures = u32::MAX;
        assert_eq!(s.failed("again", None, None, at(50)), u32::MAX);
    }

    #[test]
    fn schedule_and_took_set_what_they_say() {
        let mut s = SourceState::default();
        s.schedule(at(15));
        s.took(Duration::from_millis(1234));
        assert_eq!(s.next_poll, Some(at(15)));
        assert_eq!(s.last_duration_ms, 1234);
    }
}

//! When the daemon's jobs run. The only module that uses tokio-cron-scheduler.
//!
//! Jobs here are thin: each tick calls a closure that decides whether work is due and hands
//! it to the caller's task tracker, so shutdown can wait for in-flight work.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tokio_cron_scheduler::{Job, JobScheduler};

/// A checked cron expression: six or seven fields, seconds first (`0 0 8 * * *` is daily
/// at 08:00). Day-of-month and day-of-week both restrict (AND), as in tokio-cron-scheduler.
///
/// Shared, not copied: croner's parsed form keeps a byte per possible year (about 6.5 KB),
/// and 100,000 subscriptions on one schedule held 650 MB of copies. The config checker
/// parses each distinct expression once; clones share it.
#[derive(Clone)]
pub struct CronSchedule(Arc<Parsed>);

struct Parsed {
    expr: String,
    cron: croner::Cron,
}

impl std::fmt::Debug for CronSchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CronSchedule({:?})", self.0.expr)
    }
}

impl CronSchedule {
    /// Parses with messages an admin can act on (the scheduler's own error says nothing).
    pub fn parse(expr: &str) -> Result<CronSchedule, String> {
        let fields: Vec<&str> = expr.split_whitespace().collect();
        match fields.len() {
            6 | 7 => {}
            5 => {
                return Err(format!(
                    "{expr:?} has 5 fields; zonefeed's cron starts with seconds: \"0 {expr}\" (sec min hour day month weekday)"
                ));
            }
            n => {
                return Err(format!(
                    "{expr:?} has {n} fields; expected 6 (sec min hour day month weekday) or 7 (… year)"
                ));
            }
        }
        let names = [
            "second",
            "minute",
            "hour",
            "day of month",
            "month",
            "day of week",
            "year",
        ];
        let ranges = [
            (0, 59),
            (0, 59),
            (0, 23),
            (1, 31),
            (1, 12),
            (0, 7),
            (1970, 2099),
        ];
        for (i, f) in fields.iter().enumerate() {
            for part in f.split(',') {
                let base = part.split('/').next().unwrap_or("");
                for n in base.split('-') {
                    if let Ok(v) = n.parse::<u32>() {
                        let (lo, hi) = ranges[i];
                        if v < lo || v > hi {
                            return Err(format!(
                                "{expr:?}: {} field {f:?} is out of range {lo}-{hi}",
                                names[i]
                            ));
                        }
                    }
                }
            }
        }
        let cron = croner::parser::CronParser::builder()
            .seconds(croner::parser::Seconds::Required)
            .build()
            .parse(expr)
            .map_err(|e| format!("{expr:?} is not a valid cron expression: {e}"))?;
        Ok(CronSchedule(Arc::new(Parsed {
            expr: expr.to_string(),
            cron,
        })))
    }

    pub fn as_str(&self) -> &str {
        &self.0.expr
    }

    /// The first firing strictly after `t`, reading the fields in `tz`.
    pub(crate) fn next_after(&self, t: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        self.0
            .cron
            .find_next_occurrence(&t.with_timezone(&tz), false)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    }
}

/// The next firing of a cron schedule, advanced as heartbeats pass it.
struct CronTimer {
    schedule: CronSchedule,
    tz: Tz,
    next: Option<DateTime<Utc>>,
}

impl CronTimer {
    fn new(schedule: CronSchedule, tz: Tz, now: DateTime<Utc>) -> CronTimer {
        let next = schedule.next_after(now, tz);
        CronTimer { schedule, tz, next }
    }

    /// Whether a firing has come by `now`; fires once however many were passed (a
    /// suspended machine catches up once, like a daemon restarted after downtime).
    fn due(&mut self, now: DateTime<Utc>) -> bool {
        match self.next {
            Some(t) if t <= now => {
                self.next = self.schedule.next_after(now, self.tz);
                true
            }
            _ => false,
        }
    }
}

pub(crate) type Tick = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

pub(crate) struct Scheduler {
    inner: JobScheduler,
}

impl Scheduler {
    pub async fn new() -> Result<Scheduler> {
        let inner = JobScheduler::new()
            .await
            .context("cannot create the job scheduler")?;
        Ok(Scheduler { inner })
    }

    /// Runs `tick` every `period`, first one `period` from now.
    pub async fn every(&self, name: &str, period: Duration, tick: Tick) -> Result<()> {
        let job = Job::new_repeated_async(period, move |_id, _lock| tick())
            .with_context(|| format!("cannot schedule {name} every {period:?}"))?;
        self.inner
            .add(job)
            .await
            .with_context(|| format!("cannot add job {name}"))?;
        Ok(())
    }

    /// Runs `tick` at each firing of `schedule`, read in `tz`, within a second of it.
    ///
    /// tokio-cron-scheduler only supplies the one-second heartbeat; which seconds fire is
    /// decided by the same parsed [`CronSchedule`] that `digest::is_due` reads to catch up
    /// missed runs, so the firing and the "was a run missed?" check cannot disagree (two
    /// cron engines could, on day-of-week numbering or DST).
    pub(crate) async fn cron(
        &self,
        name: &str,
        schedule: &CronSchedule,
        tz: Tz,
        tick: Tick,
    ) -> Result<()> {
        let timer = std::sync::Mutex::new(CronTimer::new(schedule.clone(), tz, Utc::now()));
        let job = Job::new_repeated_async(Duration::from_secs(1), move |_id, _lock| {
            let fire = timer.lock().map(|mut t| t.due(Utc::now())).unwrap_or(false);
            if fire { tick() } else { Box::pin(async {}) }
        })
        .with_context(|| format!("cannot schedule {name} at {:?}", schedule.as_str()))?;
        self.inner
            .add(job)
            .await
            .with_context(|| format!("cannot add job {name}"))?;
        Ok(())
    }

    pub async fn start(&self) -> Result<()> {
        self.inner
            .start()
            .await
            .context("cannot start the job scheduler")
    }

    /// Stops firing ticks. Work already handed off keeps running.
    pub async fn shutdown(mut self) -> Result<()> {
        self.inner
            .shutdown()
            .await
            .context("cannot stop the job scheduler")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_errors_are_readable() {
        let e = CronSchedule::parse("0 8 * * *").err().unwrap_or_default();
        assert!(
            e.contains("5 fields") && e.contains("\"0 0 8 * * *\""),
            "{e}"
        );
        let e = CronSchedule::parse("0 0 25 * * *")
            .err()
            .unwrap_or_default();
        assert!(e.contains("hour field \"25\""), "{e}");
        assert!(CronSchedule::parse("0 0 8 * * Mon-Fri").is_ok());
        assert!(CronSchedule::parse("0 0 8 * * Funday").is_err());
    }

    #[test]
    fn the_timer_fires_at_the_schedules_own_firings_once_each() {
        let s = CronSchedule::parse("0 0 8 * * Mon-Fri").unwrap_or_else(|e| panic!("{e}"));
        let tz = chrono_tz::Asia::Shanghai;
        let at = |x: &str| {
            DateTime::parse_from_rfc3339(x)
                .map(|d| d.with_timezone(&Utc))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        // Friday 2026-11-27 07:59:59 Beijing.
        let mut t = CronTimer::new(s.clone(), tz, at("2026-11-26T23:59:59Z"));
        assert!(!t.due(at("2026-11-26T23:59:59Z")));
        assert!(t.due(at("2026-11-27T00:00:00Z")), "08:00 Friday");
        assert!(!t.due(at("2026-11-27T00:00:01Z")), "once");
        // Saturday and Sunday do not fire; Monday does, as is_due's reading says.
        assert!(!t.due(at("2026-11-29T00:00:00Z")));
        assert_eq!(
            s.next_after(at("2026-11-27T00:00:00Z"), tz),
            Some(at("2026-11-30T00:00:00Z"))
        );
        assert!(t.due(at("2026-11-30T00:00:00Z")));
        // Many missed firings (a suspended machine) fire once.
        assert!(t.due(at("2026-12-10T00:00:00Z")));
        assert!(!t.due(at("2026-12-10T00:00:30Z")));
    }

    #[test]
    fn next_firing_in_the_configured_zone() {
        let s = CronSchedule::parse("0 0 8 * * *").unwrap_or_else(|e| panic!("{e}"));
        let t = DateTime::parse_from_rfc3339("2026-11-26T01:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        let next = s.next_after(t, chrono_tz::Asia::Shanghai);
        // 08:00 Beijing is 00:00 UTC: the next one is the following day.
        assert_eq!(
            next.map(|d| d.to_rfc3339()),
            Some("2026-11-27T00:00:00+00:00".into())
        );
    }
}

//! `[signup]`: readers signing up for digests themselves (issue 19). The settings only; the
//! readers they sign up live in the store, never in this file, so a reload leaves them alone.
//!
//! Invariants (kept by the checker): `enabled` needs a `[mail]` section that can send; at
//! least one frequency is offered, each with a cron schedule; every limit allows at least one
//! attempt in a window longer than zero.

use std::time::Duration;

use chrono_tz::Tz;

use crate::schedule::CronSchedule;

/// `[signup]`, with every key defaulted when the section is absent (then `enabled` is false).
#[derive(Debug, Clone)]
pub struct Signup {
    /// Off by default: the form, confirmation and manage pages answer 404 and no reader
    /// digest is sent. One-click unsubscribe keeps working for readers either way.
    pub enabled: bool,
    /// The frequencies offered, in the form's order; the first is pre-selected.
    pub frequencies: Vec<Frequency>,
    /// Readers' digests are timed and dated in this zone (default `[service] timezone`).
    pub timezone: Tz,
    /// How long a confirmation link works (default 72 h); unconfirmed sign-ups are deleted
    /// when it ends.
    pub confirm_within: Duration,
    /// Sign-ups that send mail, per client address (IPv6 per /64).
    pub per_ip: RateLimit,
    /// Sign-ups that send mail, per email address.
    pub per_address: RateLimit,
    /// Sign-up mails from the whole server: a cap on what a crowd of addresses can make it
    /// send, whatever the per-client limits.
    pub total: RateLimit,
    /// Items listed per reader digest; more are counted, as for `[[subscriptions]]`.
    pub max_items: usize,
    /// Take the client address from the last `X-Forwarded-For` entry when the connection
    /// comes from loopback (a reverse proxy on the same machine). Off: the peer address.
    pub trust_proxy: bool,
}

/// One frequency a reader may choose.
#[derive(Debug, Clone)]
pub struct Frequency {
    pub kind: FrequencyKind,
    /// When digests of this frequency go out (cron, seconds first, in [`Signup::timezone`]).
    pub schedule: CronSchedule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrequencyKind {
    Daily,
    Weekly,
}

impl FrequencyKind {
    pub const ALL: [FrequencyKind; 2] = [FrequencyKind::Daily, FrequencyKind::Weekly];

    /// The name in the config, in forms and in the store.
    pub fn name(self) -> &'static str {
        match self {
            FrequencyKind::Daily => "daily",
            FrequencyKind::Weekly => "weekly",
        }
    }

    /// What readers see.
    pub fn label(self) -> &'static str {
        match self {
            FrequencyKind::Daily => "每日",
            FrequencyKind::Weekly => "每周",
        }
    }

    pub fn parse(s: &str) -> Option<FrequencyKind> {
        FrequencyKind::ALL.into_iter().find(|f| f.name() == s)
    }

    /// A new reader's first digest covers this much (the period itself).
    pub fn period(self) -> Duration {
        match self {
            FrequencyKind::Daily => Duration::from_secs(86_400),
            FrequencyKind::Weekly => Duration::from_secs(7 * 86_400),
        }
    }

    /// The schedule used when the config names the frequency without one.
    pub fn default_schedule(self) -> &'static str {
        match self {
            FrequencyKind::Daily => "0 0 8 * * *",
            FrequencyKind::Weekly => "0 0 8 * * Mon",
        }
    }
}

/// At most `burst` events at once, refilled evenly over `window` (`"5/1h"`: five, then one
/// more every twelve minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub burst: u32,
    pub window: Duration,
}

impl RateLimit {
    /// Parses `"N/DURATION"` such as `"5/1h"` or `"3/24h"`.
    pub(crate) fn parse(s: &str) -> Result<RateLimit, String> {
        let (n, d) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not a limit such as \"5/1h\" (count/duration)"))?;
        let burst: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("{s:?}: {n:?} is not a count"))?;
        if burst == 0 || burst > 1_000_000 {
            return Err(format!("{s:?}: the count must be between 1 and 1000000"));
        }
        let window = super::value::parse_duration(d)?;
        if window.is_zero() {
            return Err(format!("{s:?}: the duration must be greater than zero"));
        }
        Ok(RateLimit { burst, window })
    }
}

impl Signup {
    pub fn frequency(&self, name: &str) -> Option<&Frequency> {
        self.frequencies.iter().find(|f| f.kind.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_count_and_window() {
        assert_eq!(
            RateLimit::parse("5/1h"),
            Ok(RateLimit {
                burst: 5,
                window: Duration::from_secs(3600)
            })
        );
        for bad in ["5", "0/1h", "x/1h", "5/0s", "5/soon", "-1/1h"] {
            assert!(RateLimit::parse(bad).is_err(), "{bad}");
        }
    }
}

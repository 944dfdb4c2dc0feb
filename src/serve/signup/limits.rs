//! Limits on sign-ups that send mail (governor's GCRA): per client address, per email
//! address and for the whole server, each `[signup]` limit "N/window" as a burst of N
//! refilled evenly over the window.
//!
//! Why governor: a well-tested GCRA keyed in memory costs one small entry per key and no
//! timer; the limits only need to stop floods between restarts, so nothing goes to disk.
//! A restart forgets them (documented); the `total` cap bounds what any crowd of clients
//! can make the server send meanwhile.
//!
//! Invariants: a refused attempt sends nothing (callers check before any mail); IPv6
//! clients are counted per /64, which one host usually holds whole; the keyed maps are
//! trimmed of settled entries when they grow, so spraying keys cannot grow memory without
//! bound.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::Clock as _;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::{RateLimit, Signup};

/// Trim settled entries once a map holds this many keys.
const TRIM_AT: usize = 10_000;

pub(super) struct Limiters {
    settings: (RateLimit, RateLimit, RateLimit),
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_address: DefaultKeyedRateLimiter<String>,
    total: DefaultDirectRateLimiter,
}

/// Which limit said no, and when to try again.
#[derive(Debug, Clone, Copy)]
pub(super) struct Refused {
    pub which: &'static str,
    pub retry_after: Duration,
}

fn quota(l: RateLimit) -> Quota {
    let burst = NonZeroU32::new(l.burst).unwrap_or(NonZeroU32::MIN);
    let per = (l.window / l.burst.max(1)).max(Duration::from_nanos(1));
    Quota::with_period(per)
        .unwrap_or(Quota::per_hour(burst))
        .allow_burst(burst)
}

/// The key of a client: its address, an IPv6 one cut to its /64.
pub(super) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

impl Limiters {
    pub fn new(s: &Signup) -> Limiters {
        Limiters {
            settings: (s.per_ip, s.per_address, s.total),
            per_ip: RateLimiter::keyed(quota(s.per_ip)),
            per_address: RateLimiter::keyed(quota(s.per_address)),
            total: RateLimiter::direct(quota(s.total)),
        }
    }

    /// Built for these settings? (A reload that changes them starts them afresh.)
    pub fn matches(&self, s: &Signup) -> bool {
        self.settings == (s.per_ip, s.per_address, s.total)
    }

    /// Takes one attempt from each limit in turn, client first; the first that refuses
    /// says when to come back.
    pub fn check(&self, client: IpAddr, address: &str) -> Result<(), Refused> {
        let clock = governor::clock::DefaultClock::default();
        self.per_ip
            .check_key(&client_key(client))
            .map_err(|n| Refused {
                which: "ip",
                retry_after: n.wait_time_from(clock.now()),
            })?;
        self.per_address
            .check_key(&address.trim().to_lowercase())
            .map_err(|n| Refused {
                which: "address",
                retry_after: n.wait_time_from(clock.now()),
            })?;
        self.total.check().map_err(|n| Refused {
            which: "total",
            retry_after: n.wait_time_from(clock.now()),
        })?;
        if self.per_ip.len() > TRIM_AT {
            self.per_ip.retain_recent();
        }
        if self.per_address.len() > TRIM_AT {
            self.per_address.retain_recent();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signup(per_ip: &str, per_address: &str, total: &str) -> Signup {
        let text = format!(
            "[mail]\nfrom = \"a@example.cn\"\n[signup]\nper_ip = \"{per_ip}\"\nper_address = \"{per_address}\"\ntotal = \"{total}\"\n"
        );
        match crate::config::Config::parse(
            &text,
            std::path::Path::new("c.toml"),
            std::path::Path::new("/"),
        ) {
            Ok(c) => c.signup,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn each_limit_refuses_past_its_burst() {
        let ip: IpAddr = [192, 0, 2, 1].into();
        let l = Limiters::new(&signup("2/1h", "100/1h", "100/1h"));
        assert!(l.check(ip, "a@example.cn").is_ok());
        assert!(l.check(ip, "b@example.cn").is_ok());
        let r = l
            .check(ip, "c@example.cn")
            .expect_err("third from one client");
        assert_eq!(r.which, "ip");
        assert!(r.retry_after > Duration::from_secs(60));
        assert!(l.check([192, 0, 2, 2].into(), "c@example.cn").is_ok());

        let l = Limiters::new(&signup("100/1h", "1/1h", "100/1h"));
        assert!(l.check(ip, "a@example.cn").is_ok());
        assert_eq!(
            l.check(ip, "A@Example.cn ").map_err(|r| r.which),
            Err("address")
        );

        let l = Limiters::new(&signup("100/1h", "100/1h", "1/1h"));
        assert!(l.check(ip, "a@example.cn").is_ok());
        assert_eq!(
            l.check(ip, "b@example.cn").map_err(|r| r.which),
            Err("total")
        );
    }

    #[test]
    fn ipv6_clients_count_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("ip");
        assert_eq!(client_key(a), client_key(b));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().expect("ip");
        assert_eq!(client_key(mapped), IpAddr::from([192, 0, 2, 1]));
    }
}

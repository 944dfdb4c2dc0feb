//! Which network addresses are private: the SSRF guard's rule, shared by the fetcher (which
//! refuses them unless `[poll] allow_private_networks`) and `check` (which reports a source
//! URL the fetcher would refuse, at its file:line:col). Pure: no resolver, no I/O; a name
//! that resolves to a private address can only be caught when a poll resolves it.
use std::net::IpAddr;

/// Why the fetcher would refuse `url` without resolving it: its host is `localhost` or an
/// IP literal in a private range. None for every other host.
pub(crate) fn refused_literal_host(url: &url::Url) -> Option<String> {
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
        Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => {
            return Some(format!("{d} is a loopback host"));
        }
        _ => return None,
    };
    is_private(ip).then(|| format!("{ip} is a private address"))
}

/// Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and similar ranges.
pub(crate) fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_hosts() {
        let refused = |u: &str| {
            url::Url::parse(u)
                .ok()
                .and_then(|u| refused_literal_host(&u))
        };
        assert_eq!(
            refused("http://127.0.0.1:8080/rss.xml").as_deref(),
            Some("127.0.0.1 is a private address")
        );
        assert!(refused("http://LOCALHOST/x").is_some());
        assert!(refused("http://[::1]/x").is_some());
        assert!(refused("http://192.168.1.20/x").is_some());
        assert_eq!(refused("https://www.gov.cn/rss.xml"), None);
        assert_eq!(refused("http://8.8.8.8/x"), None);
    }

    #[test]
    fn private_ranges() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(
                is_private(ip.parse().unwrap_or(IpAddr::V4([1, 1, 1, 1].into()))),
                "{ip}"
            );
        }
        for ip in ["8.8.8.8", "223.5.5.5", "2400:3200::1"] {
            assert!(
                !is_private(ip.parse().unwrap_or(IpAddr::V4([10, 0, 0, 1].into()))),
                "{ip}"
            );
        }
    }
}

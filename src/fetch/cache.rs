//! What a response says about when to ask again: Retry-After (RFC 9110 10.2.3) and
//! freshness from Cache-Control max-age or Expires (RFC 9111 4.2).
use std::time::Duration;

use chrono::{DateTime, Utc};

/// Retry-After: delay-seconds or an HTTP date (RFC 9110 10.2.3).
pub(crate) fn parse_retry_after(v: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    (at - now).to_std().ok().or(Some(Duration::ZERO))
}

/// Freshness lifetime: Cache-Control max-age (s-maxage ignored: we are not a shared cache),
/// else Expires minus Date (RFC 9111 4.2.1). `no-cache`/`no-store` mean no hint.
pub(crate) fn freshness(
    cache_control: Option<&str>,
    expires: Option<&str>,
    date: Option<&str>,
    now: DateTime<Utc>,
) -> Option<Duration> {
    if let Some(cc) = cache_control {
        for d in cc.split(',') {
            let d = d.trim().to_ascii_lowercase();
            if d == "no-cache" || d == "no-store" {
                return None;
            }
            if let Some(v) = d.strip_prefix("max-age=") {
                return v
                    .trim_matches('"')
                    .parse::<u64>()
                    .ok()
                    .map(Duration::from_secs);
            }
        }
    }
    let exp = DateTime::parse_from_rfc2822(expires?.trim())
        .ok()?
        .with_timezone(&Utc);
    let base = date
        .and_then(|d| DateTime::parse_from_rfc2822(d.trim()).ok())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(now);
    (exp - base).to_std().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_and_freshness() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Thu, 26 Nov 2026 08:10:00 GMT", now),
            Some(Duration::from_secs(600))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(
            freshness(Some("public, max-age=3600"), None, None, now),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(freshness(Some("no-cache"), Some("x"), None, now), None);
        assert_eq!(
            freshness(
                None,
                Some("Thu, 26 Nov 2026 09:00:00 GMT"),
                Some("Thu, 26 Nov 2026 08:00:00 GMT"),
                now
            ),
            Some(Duration::from_secs(3600))
        );
    }
}

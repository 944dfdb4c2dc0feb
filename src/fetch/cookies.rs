//! A source's cookies: what its sites set (a warm-up page's anti-bot `wzws_*` or session
//! cookie), sent back on its later requests the way a browser would, by RFC 6265's path,
//! expiry and `Secure` rules.
//!
//! Invariants: a cookie goes only to the exact host that set it (a `Domain` attribute is
//! not honoured, so one site cannot plant cookies for its neighbours); the jar lives in
//! memory only, one per source; it holds at most [`MAX_COOKIES`] cookies of at most
//! [`MAX_COOKIE_BYTES`] each, so a hostile server cannot grow it.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use url::Url;

const MAX_COOKIES: usize = 50;
const MAX_COOKIE_BYTES: usize = 4096;

#[derive(Debug, Clone)]
struct Cookie {
    host: String,
    name: String,
    value: String,
    path: String,
    secure: bool,
    expires: Option<DateTime<Utc>>,
}

/// One source's cookies.
#[derive(Debug, Default)]
pub(crate) struct CookieJar {
    cookies: Mutex<Vec<Cookie>>,
}

impl CookieJar {
    /// Keeps the cookies of a response from `url` (its `Set-Cookie` header values).
    pub(crate) fn store<'a>(&self, url: &Url, set_cookie: impl IntoIterator<Item = &'a str>) {
        let Some(host) = url.host_str().map(str::to_ascii_lowercase) else {
            return;
        };
        let now = Utc::now();
        let Ok(mut jar) = self.cookies.lock() else {
            return;
        };
        for line in set_cookie {
            let Some(c) = parse(line, &host, url, now) else {
                continue;
            };
            jar.retain(|o| !(o.host == c.host && o.name == c.name && o.path == c.path));
            if c.expires.is_some_and(|e| e <= now) {
                continue; // an expiry in the past deletes it
            }
            if jar.len() >= MAX_COOKIES {
                jar.remove(0);
            }
            jar.push(c);
        }
    }

    /// The `Cookie` header for a request to `url`, if any cookie applies: longer paths
    /// first, then in the order they were set (RFC 6265 5.4).
    pub(crate) fn header_for(&self, url: &Url) -> Option<String> {
        let host = url.host_str()?.to_ascii_lowercase();
        let path = url.path();
        let now = Utc::now();
        let jar = self.cookies.lock().ok()?;
        let mut matching: Vec<&Cookie> = jar
            .iter()
            .filter(|c| {
                c.host == host
                    && path_matches(path, &c.path)
                    && (!c.secure || url.scheme() == "https")
                    && c.expires.is_none_or(|e| e > now)
            })
            .collect();
        if matching.is_empty() {
            return None;
        }
        matching.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        Some(
            matching
                .iter()
                .map(|c| format!("{}={}", c.name, c.value))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }

    /// How many cookies are kept (for `inspect`).
    pub(crate) fn len(&self) -> usize {
        self.cookies.lock().map_or(0, |j| j.len())
    }
}

/// One `Set-Cookie` value (RFC 6265 5.2), or None when it is malformed or too large.
fn parse(line: &str, host: &str, url: &Url, now: DateTime<Utc>) -> Option<Cookie> {
    if line.len() > MAX_COOKIE_BYTES {
        return None;
    }
    let mut parts = line.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    let name = name.trim();
    if name.is_empty() || name.contains(|c: char| c.is_control() || c == ' ') {
        return None;
    }
    let mut cookie = Cookie {
        host: host.to_string(),
        name: name.to_string(),
        value: value.trim().to_string(),
        path: default_path(url.path()),
        secure: false,
        expires: None,
    };
    let mut max_age_seen = false;
    for attr in parts {
        let (k, v) = attr.split_once('=').unwrap_or((attr, ""));
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
        match k.as_str() {
            "path" if v.starts_with('/') => cookie.path = v.to_string(),
            "secure" => cookie.secure = true,
            // Max-Age wins over Expires, whichever comes first.
            "max-age" => {
                if let Ok(secs) = v.parse::<i64>() {
                    cookie.expires = Some(if secs <= 0 {
                        DateTime::<Utc>::MIN_UTC
                    } else {
                        now + chrono::Duration::seconds(secs.min(400 * 86_400))
                    });
                    max_age_seen = true;
                }
            }
            "expires" if !max_age_seen => {
                // "Wed, 09-Jun-2021 10:18:14 GMT" is as common as the RFC 1123 form.
                let norm = v.replace('-', " ");
                if let Ok(t) =
                    DateTime::parse_from_rfc2822(&norm).or_else(|_| DateTime::parse_from_rfc2822(v))
                {
                    cookie.expires = Some(t.with_timezone(&Utc));
                }
            }
            _ => {}
        }
    }
    // RFC 6265bis: a plain-http page may not set a Secure cookie.
    if cookie.secure && url.scheme() != "https" {
        return None;
    }
    Some(cookie)
}

/// RFC 6265 5.1.4: the request path up to its last `/`, or `/`.
fn default_path(path: &str) -> String {
    match path.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => path[..i].to_string(),
    }
}

/// RFC 6265 5.1.4 path-match.
fn path_matches(request: &str, cookie: &str) -> bool {
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with('/') || request[cookie.len()..].starts_with('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn cookies_go_back_to_their_host_by_path_expiry_and_scheme() {
        let jar = CookieJar::default();
        jar.store(
            &url("http://www.suzhou.gov.cn/col/col4839/index.html"),
            [
                "JSESSIONID=8F1E; Path=/; HttpOnly",
                "wzws_cid=abc==; path=/",
                "col=1",
                "s=1; Path=/; Secure",
                "gone=1; Max-Age=0",
                "old=1; Expires=Wed, 09-Jun-2021 10:18:14 GMT",
                "wide=1; Domain=.suzhou.gov.cn; Path=/",
                "=novalue",
                "junk",
            ],
        );
        assert_eq!(
            jar.header_for(&url("http://www.suzhou.gov.cn/col/col4839/index.html"))
                .as_deref(),
            Some("col=1; JSESSIONID=8F1E; wzws_cid=abc==; wide=1"),
            "the default path is the page's folder, and longer paths go first"
        );
        assert_eq!(
            jar.header_for(&url("http://www.suzhou.gov.cn/art/2026/11/25/a.html"))
                .as_deref(),
            Some("JSESSIONID=8F1E; wzws_cid=abc==; wide=1")
        );
        assert_eq!(
            jar.header_for(&url("https://www.suzhou.gov.cn/col/col4839x"))
                .as_deref(),
            Some("JSESSIONID=8F1E; wzws_cid=abc==; wide=1"),
            "/col/col4839x is not under /col/col4839; http may not set a Secure cookie"
        );
        jar.store(&url("https://www.suzhou.gov.cn/"), ["s=1; Path=/; Secure"]);
        assert_eq!(
            jar.header_for(&url("https://www.suzhou.gov.cn/"))
                .as_deref(),
            Some("JSESSIONID=8F1E; wzws_cid=abc==; wide=1; s=1")
        );
        assert_eq!(
            jar.header_for(&url("http://www.suzhou.gov.cn/")).as_deref(),
            Some("JSESSIONID=8F1E; wzws_cid=abc==; wide=1"),
            "Secure only over https"
        );
        assert_eq!(jar.header_for(&url("http://zfxxgk.suzhou.gov.cn/")), None);
        // A later value replaces the earlier one; an expiry in the past deletes it.
        jar.store(
            &url("http://www.suzhou.gov.cn/"),
            ["JSESSIONID=NEW; Path=/", "wzws_cid=x; Path=/; Max-Age=-1"],
        );
        assert_eq!(
            jar.header_for(&url("http://www.suzhou.gov.cn/")).as_deref(),
            Some("wide=1; JSESSIONID=NEW"),
            "replaced, deleted"
        );
    }

    #[test]
    fn a_hostile_server_cannot_grow_the_jar() {
        let jar = CookieJar::default();
        let many: Vec<String> = (0..500).map(|i| format!("c{i}=v")).collect();
        jar.store(
            &url("http://x.example.cn/"),
            many.iter().map(String::as_str),
        );
        let huge = format!("big={}", "x".repeat(10_000));
        jar.store(&url("http://x.example.cn/"), [huge.as_str()]);
        assert_eq!(jar.len(), MAX_COOKIES);
        let header = jar
            .header_for(&url("http://x.example.cn/"))
            .unwrap_or_default();
        assert!(
            header.starts_with("c450=v;") && !header.contains("big="),
            "{header}"
        );
    }
}

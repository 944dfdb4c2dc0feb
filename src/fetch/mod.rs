//! Getting a document's bytes: HTTP(S) with reqwest over rustls, or a local file.
//!
//! The only module that uses reqwest. Every fetch is bounded: connect and total timeouts, at
//! most 5 redirects, and a byte cap checked against Content-Length and again while streaming.
//! The streaming count is of *decoded* bytes, so it also stops gzip and brotli bombs.
//! Redirects are followed here, not by reqwest, so each hop passes the SSRF guard and a
//! permanent move (301/308) can be reported to the admin.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use reqwest::header::{self, HeaderMap, HeaderValue};
use url::Url;

use crate::config::{PostBody, Request, SourceUrl};
use crate::error_chain;

mod api;
mod cache;
mod cookies;
mod file;
mod guard;

use cache::{freshness, parse_retry_after};
use guard::{BLOCKED_MARK, PublicOnlyResolver};

pub(crate) use cookies::CookieJar;

pub(crate) const MAX_REDIRECTS: usize = 5;

/// What goes with a request besides its URL: a POST body, the source's extra headers and
/// its cookie jar. The default is a plain GET.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Outgoing<'a> {
    pub post: Option<&'a PostBody>,
    pub headers: &'a [(String, String)],
    pub jar: Option<&'a CookieJar>,
}

impl<'a> Outgoing<'a> {
    /// A source's list request: its method and body, headers and cookies.
    pub(crate) fn list(request: &'a Request, jar: &'a CookieJar) -> Outgoing<'a> {
        Outgoing {
            post: request.post.as_ref(),
            headers: &request.headers,
            jar: Some(jar),
        }
    }

    /// Any other page of a source (its articles, the warm-up): a GET with the source's
    /// headers and cookies.
    pub(crate) fn page(request: &'a Request, jar: &'a CookieJar) -> Outgoing<'a> {
        Outgoing {
            post: None,
            headers: &request.headers,
            jar: Some(jar),
        }
    }

    /// The body and its Content-Type, as a browser's XHR sends them.
    fn body(&self) -> Option<(&'static str, Vec<u8>)> {
        match self.post? {
            PostBody::Empty => None,
            PostBody::Form(fields) => {
                let mut ser = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in fields {
                    ser.append_pair(k, v);
                }
                Some((
                    "application/x-www-form-urlencoded",
                    ser.finish().into_bytes(),
                ))
            }
            PostBody::Json(text) => {
                Some(("application/json;charset=UTF-8", text.clone().into_bytes()))
            }
        }
    }
}

/// How to fetch.
#[derive(Debug, Clone)]
pub(crate) struct FetchLimits {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: u64,
    pub user_agent: String,
    /// Allow loopback, private and link-local addresses (tests, intranet mirrors).
    pub allow_private_networks: bool,
}

impl FetchLimits {
    pub(crate) fn from_config(poll: &crate::config::Poll) -> FetchLimits {
        FetchLimits {
            timeout: poll.timeout,
            connect_timeout: poll.connect_timeout,
            max_body: poll.max_body,
            user_agent: poll.user_agent.clone(),
            allow_private_networks: poll.allow_private_networks,
        }
    }
}

/// What a fetch returned.
#[derive(Debug, Clone)]
pub(crate) struct Fetched {
    /// Final URL after redirects (the base for relative links).
    pub url: Option<Url>,
    pub status: u16,
    /// 304 Not Modified: `body` is empty and nothing needs parsing.
    pub not_modified: bool,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Where a chain of permanent redirects (301/308 only) led, if it did.
    pub permanent_redirect: Option<Url>,
    /// How long the server says the response stays fresh (Cache-Control max-age, Expires).
    pub fresh_for: Option<Duration>,
}

impl Fetched {
    /// The `charset` parameter of Content-Type.
    pub fn header_charset(&self) -> Option<&str> {
        let ct = self.content_type.as_deref()?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches(['"', '\'']))
        })
    }
}

/// What [`Fetcher::get_api`] returned.
#[derive(Debug, Clone)]
pub(crate) struct ApiAnswer {
    pub status: u16,
    /// The response header that was asked for.
    pub header: Option<String>,
    pub body: Vec<u8>,
}

/// Validators from an earlier fetch, for a conditional GET.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum FetchError {
    #[error("HTTP {status}{}{}", reason.as_deref().map(|r| format!(" {r}")).unwrap_or_default(),
        retry_after.map(|d| format!(" (Retry-After {}s)", d.as_secs())).unwrap_or_default())]
    Status {
        status: u16,
        reason: Option<String>,
        retry_after: Option<Duration>,
    },
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("body larger than the {limit}-byte limit (max_body)")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Redirect(String),
    #[error("refused: {0} (set [poll] allow_private_networks = true to allow)")]
    Blocked(String),
    #[error("{0}")]
    Network(String),
    #[error("cannot read file: {error}")]
    File { error: String },
}

impl FetchError {
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// How long the server asked us to wait (429 and 503 with Retry-After).
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// A reusable fetcher (one connection pool for all sources).
#[derive(Clone)]
pub(crate) struct Fetcher {
    client: reqwest::Client,
    limits: FetchLimits,
}

impl Fetcher {
    pub fn new(limits: FetchLimits) -> anyhow::Result<Fetcher> {
        // reqwest is built without a bundled crypto provider; use ring (faster to build than
        // aws-lc). Installing twice is harmless: the first one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(
                "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5",
            ),
        );
        let mut builder = reqwest::Client::builder()
            .user_agent(limits.user_agent.clone())
            .default_headers(headers)
            .connect_timeout(limits.connect_timeout.min(limits.timeout))
            .read_timeout(limits.timeout)
            .timeout(limits.timeout)
            .pool_max_idle_per_host(2)
            .pool_idle_timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none());
        if !limits.allow_private_networks {
            builder = builder.dns_resolver(Arc::new(PublicOnlyResolver));
        }
        let client = builder
            .build()
            .map_err(|e| anyhow::anyhow!("cannot build HTTP client: {e}"))?;
        Ok(Fetcher { client, limits })
    }

    pub(crate) async fn fetch(
        &self,
        url: &SourceUrl,
        validators: &Validators,
    ) -> Result<Fetched, FetchError> {
        self.fetch_with(url, validators, Outgoing::default()).await
    }

    /// [`Fetcher::fetch`] with a body, headers and cookies (http only; a file is a file).
    pub(crate) async fn fetch_with(
        &self,
        url: &SourceUrl,
        validators: &Validators,
        out: Outgoing<'_>,
    ) -> Result<Fetched, FetchError> {
        match url {
            SourceUrl::Http(u) => self.fetch_http(u, validators, out).await,
            SourceUrl::File(p) => self.fetch_file(p, validators).await,
        }
    }

    /// GETs a page only for the cookies it sets (into `out.jar`); its status and body do
    /// not matter, since anti-bot front pages often answer 4xx while setting them.
    pub(crate) async fn warm_up(&self, url: &Url, out: Outgoing<'_>) -> Result<u16, FetchError> {
        let timeout = self.limits.timeout;
        let out = Outgoing { post: None, ..out };
        match tokio::time::timeout(timeout, self.send_chain(url, &Validators::default(), out)).await
        {
            Ok(r) => r.map(|(resp, _)| resp.status().as_u16()),
            Err(_) => Err(FetchError::Timeout(timeout)),
        }
    }

    async fn fetch_http(
        &self,
        url: &Url,
        validators: &Validators,
        out: Outgoing<'_>,
    ) -> Result<Fetched, FetchError> {
        // The total timeout covers the whole redirect chain, not each hop.
        let timeout = self.limits.timeout;
        match tokio::time::timeout(timeout, self.fetch_chain(url, validators, out)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout(timeout)),
        }
    }

    fn map_reqwest_error(&self, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            return FetchError::Timeout(self.limits.timeout);
        }
        let chain = error_chain(&e);
        if chain.contains(BLOCKED_MARK) {
            FetchError::Blocked(
                chain
                    .split(BLOCKED_MARK)
                    .nth(1)
                    .unwrap_or("private address")
                    .trim()
                    .to_string(),
            )
        } else {
            FetchError::Network(chain)
        }
    }

    /// Sends the request and follows redirects (each hop through the SSRF guard, with the
    /// cookies that apply to it, keeping the cookies it sets). Returns the final response
    /// and where a chain of permanent redirects led.
    async fn send_chain(
        &self,
        url: &Url,
        validators: &Validators,
        out: Outgoing<'_>,
    ) -> Result<(reqwest::Response, Option<Url>), FetchError> {
        let mut current = url.clone();
        let mut visited = vec![url.clone()];
        let mut all_permanent = true;
        let mut body = out.body();
        let mut post = out.post.is_some();
        let extra = extra_headers(out.headers)?;
        loop {
            self.check_literal_host(&current)?;
            let mut req = if post {
                self.client.post(current.as_str())
            } else {
                self.client.get(current.as_str())
            };
            // A conditional POST means nothing to servers; only GETs carry validators.
            if !post {
                if let Some(etag) = &validators.etag {
                    req = req.header(header::IF_NONE_MATCH, etag);
                }
                if let Some(lm) = &validators.last_modified {
                    req = req.header(header::IF_MODIFIED_SINCE, lm);
                }
            }
            let mut headers = extra.clone();
            if let Some((content_type, bytes)) = &body {
                if !headers.contains_key(header::CONTENT_TYPE) {
                    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
                }
                req = req.body(bytes.clone());
            } else if post {
                req = req.body(Vec::new());
            }
            if let Some(cookie) = out.jar.and_then(|j| j.header_for(&current)) {
                let given = headers
                    .get(header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let all = match given {
                    Some(g) => format!("{g}; {cookie}"),
                    None => cookie,
                };
                if let Ok(v) = HeaderValue::from_str(&all) {
                    headers.insert(header::COOKIE, v);
                }
            }
            let resp = req
                .headers(headers)
                .send()
                .await
                .map_err(|e| self.map_reqwest_error(e))?;
            if let Some(jar) = out.jar {
                jar.store(
                    &current,
                    resp.headers()
                        .get_all(header::SET_COOKIE)
                        .iter()
                        .filter_map(|v| v.to_str().ok()),
                );
            }
            let status = resp.status();
            if !status.is_redirection() || status == reqwest::StatusCode::NOT_MODIFIED {
                let permanent = (visited.len() > 1 && all_permanent).then(|| current.clone());
                return Ok((resp, permanent));
            }
            let Some(location) = resp
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
            else {
                return Err(FetchError::Redirect(format!(
                    "HTTP {} without a Location header",
                    status.as_u16()
                )));
            };
            let next = current.join(location).map_err(|e| {
                FetchError::Redirect(format!("bad redirect Location {location:?}: {e}"))
            })?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(FetchError::Redirect(format!(
                    "redirect to unsupported scheme: {next}"
                )));
            }
            if visited.contains(&next) {
                return Err(FetchError::Redirect(format!("redirect loop at {next}")));
            }
            if visited.len() > MAX_REDIRECTS {
                return Err(FetchError::Redirect(format!(
                    "more than {MAX_REDIRECTS} redirects (last to {next})"
                )));
            }
            all_permanent &= matches!(status.as_u16(), 301 | 308);
            // As browsers do: 307 and 308 repeat the request, the others turn it into a GET.
            if !matches!(status.as_u16(), 307 | 308) {
                post = false;
                body = None;
            }
            visited.push(next.clone());
            current = next;
        }
    }

    async fn fetch_chain(
        &self,
        url: &Url,
        validators: &Validators,
        out: Outgoing<'_>,
    ) -> Result<Fetched, FetchError> {
        let (mut resp, permanent_redirect) = self.send_chain(url, validators, out).await?;
        let map_err = |e: reqwest::Error| self.map_reqwest_error(e);
        let status = resp.status();
        let headers = resp.headers().clone();
        let header_str = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header_str(header::ETAG);
        let last_modified = header_str(header::LAST_MODIFIED);
        let content_type = header_str(header::CONTENT_TYPE);
        let final_url = Some(resp.url().clone());
        let now = Utc::now();
        let fresh_for = freshness(
            header_str(header::CACHE_CONTROL).as_deref(),
            header_str(header::EXPIRES).as_deref(),
            header_str(header::DATE).as_deref(),
            now,
        );
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched {
                url: final_url,
                status: 304,
                not_modified: true,
                content_type,
                body: Vec::new(),
                etag: etag.or_else(|| validators.etag.clone()),
                last_modified: last_modified.or_else(|| validators.last_modified.clone()),
                permanent_redirect,
                fresh_for,
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                status: status.as_u16(),
                reason: status.canonical_reason().map(str::to_string),
                retry_after: header_str(header::RETRY_AFTER)
                    .and_then(|v| parse_retry_after(&v, now)),
            });
        }
        let limit = self.limits.max_body;
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(map_err)? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            url: final_url,
            status: status.as_u16(),
            not_modified: false,
            content_type,
            body,
            etag,
            last_modified,
            permanent_redirect,
            fresh_for,
        })
    }

    /// Hosts written as IP literals never reach the resolver, so check them here.
    fn check_literal_host(&self, url: &Url) -> Result<(), FetchError> {
        if self.limits.allow_private_networks {
            return Ok(());
        }
        match crate::net::refused_literal_host(url) {
            Some(why) => Err(FetchError::Blocked(why)),
            None => Ok(()),
        }
    }
}

/// The configured extra headers as a header map (the config check already vetted them).
fn extra_headers(headers: &[(String, String)]) -> Result<HeaderMap, FetchError> {
    let mut map = HeaderMap::new();
    for (k, v) in headers {
        let name = header::HeaderName::from_bytes(k.as_bytes())
            .map_err(|e| FetchError::Network(format!("header {k}: {e}")))?;
        let value = HeaderValue::from_str(v)
            .map_err(|e| FetchError::Network(format!("header {k}: {e}")))?;
        map.insert(name, value);
    }
    Ok(map)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_content_type() {
        let f = Fetched {
            url: None,
            status: 200,
            not_modified: false,
            content_type: Some("text/xml; Charset=\"GB2312\"".into()),
            body: vec![],
            etag: None,
            last_modified: None,
            permanent_redirect: None,
            fresh_for: None,
        };
        assert_eq!(f.header_charset(), Some("GB2312"));
    }
}

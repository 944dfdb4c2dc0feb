//! Getting a document's bytes: HTTP(S) with reqwest over rustls, or a local file.
//!
//! The only module that uses reqwest. Every fetch is bounded: connect and total timeouts, at
//! most 5 redirects, and a byte cap checked against Content-Length and again while streaming.
//! The streaming count is of *decoded* bytes, so it also stops gzip and brotli bombs.
//! Redirects are followed here, not by reqwest, so each hop passes the SSRF guard and a
//! permanent move (301/308) can be reported to the admin.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{self, HeaderMap, HeaderValue};
use url::Url;

use crate::config::{PostBody, Request, SourceUrl};

mod cookies;

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

    /// A local file, with a validator made of its size, modification time and inode: an
    /// unchanged file answers "not modified" without being read or parsed, as an HTTP
    /// source's ETag does (an unchanged re-poll of 50,000 `file:` sources re-read and
    /// re-parsed every one). A rewrite keeping size and mtime to the nanosecond in place is
    /// the one change this misses; editors and `cp` replace the inode or move the mtime.
    async fn fetch_file(
        &self,
        path: &Path,
        validators: &Validators,
    ) -> Result<Fetched, FetchError> {
        // One hop to the blocking pool for the stat and the read together: tokio::fs
        // makes one per call, and 50,000 sources meant 100,000 thread wake-ups.
        let (path_buf, known, limit) = (
            path.to_path_buf(),
            validators.etag.clone(),
            self.limits.max_body,
        );
        let read = tokio::task::spawn_blocking(move || read_file(&path_buf, known, limit))
            .await
            .map_err(|e| FetchError::File {
                error: format!("read task failed: {e}"),
            })??;
        let (body, etag) = match read {
            FileRead::Unchanged(etag) => {
                return Ok(Fetched {
                    url: Url::from_file_path(path).ok(),
                    status: 304,
                    not_modified: true,
                    content_type: None,
                    body: Vec::new(),
                    etag: Some(etag),
                    last_modified: None,
                    permanent_redirect: None,
                    fresh_for: None,
                });
            }
            FileRead::Body(body, etag) => (body, etag),
        };
        Ok(Fetched {
            url: Url::from_file_path(path).ok(),
            status: 200,
            not_modified: false,
            content_type: None,
            body,
            etag,
            last_modified: None,
            permanent_redirect: None,
            fresh_for: None,
        })
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

    /// WebSub (W3C, section 7 "Publishing"): tell a hub that `topic` changed.
    pub(crate) async fn ping_hub(&self, hub: &Url, topic: &str) -> Result<u16, FetchError> {
        self.check_literal_host(hub)?;
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("hub.mode", "publish")
            .append_pair("hub.url", topic)
            .append_pair("hub.topic", topic)
            .finish();
        let timeout = self.limits.timeout;
        let resp = self
            .client
            .post(hub.as_str())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    FetchError::Timeout(timeout)
                } else {
                    FetchError::Network(error_chain(&e))
                }
            })?;
        let status = resp.status();
        if status.is_success() {
            Ok(status.as_u16())
        } else {
            Err(FetchError::Status {
                status: status.as_u16(),
                reason: status.canonical_reason().map(str::to_string),
                retry_after: None,
            })
        }
    }

    /// A GET to a local API (the CLI asking the daemon): one extra request header, no
    /// redirects, every status returned with its body (capped like any fetch) and the value
    /// of one response header.
    pub(crate) async fn get_api(
        &self,
        url: &Url,
        header: (&str, &str),
        want: &str,
    ) -> Result<ApiAnswer, FetchError> {
        self.check_literal_host(url)?;
        let timeout = self.limits.timeout;
        let map_err = |e: reqwest::Error| {
            if e.is_timeout() {
                FetchError::Timeout(timeout)
            } else {
                FetchError::Network(error_chain(&e))
            }
        };
        let mut resp = self
            .client
            .get(url.as_str())
            .header(header.0, header.1)
            .send()
            .await
            .map_err(map_err)?;
        let status = resp.status().as_u16();
        let value = resp
            .headers()
            .get(want)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let limit = self.limits.max_body;
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(map_err)? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(ApiAnswer {
            status,
            header: value,
            body,
        })
    }

    /// A form POST to a local API (the CLI asking the daemon to change something, which a
    /// GET never does): like [`Fetcher::get_api`], with an
    /// `application/x-www-form-urlencoded` body.
    pub(crate) async fn post_api(
        &self,
        url: &Url,
        header: (&str, &str),
        want: &str,
        form: String,
    ) -> Result<ApiAnswer, FetchError> {
        self.check_literal_host(url)?;
        let timeout = self.limits.timeout;
        let map_err = |e: reqwest::Error| {
            if e.is_timeout() {
                FetchError::Timeout(timeout)
            } else {
                FetchError::Network(error_chain(&e))
            }
        };
        let resp = self
            .client
            .post(url.as_str())
            .header(header.0, header.1)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .map_err(map_err)?;
        let status = resp.status().as_u16();
        let value = resp
            .headers()
            .get(want)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        // Answers to these POSTs are a word or a line.
        let body = resp.bytes().await.map_err(map_err)?;
        let limit = self.limits.max_body;
        if body.len() as u64 > limit {
            return Err(FetchError::TooLarge { limit });
        }
        Ok(ApiAnswer {
            status,
            header: value,
            body: body.to_vec(),
        })
    }

    /// Hosts written as IP literals never reach the resolver, so check them here.
    fn check_literal_host(&self, url: &Url) -> Result<(), FetchError> {
        if self.limits.allow_private_networks {
            return Ok(());
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
            Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => {
                return Err(FetchError::Blocked(format!("{d} is a loopback host")));
            }
            _ => return Ok(()),
        };
        if is_private(ip) {
            return Err(FetchError::Blocked(format!("{ip} is a private address")));
        }
        Ok(())
    }
}

enum FileRead {
    Unchanged(String),
    Body(Vec<u8>, Option<String>),
}

/// Stats `path`; unchanged since `known` (its validator), says so; else reads at most
/// `limit` bytes.
fn read_file(path: &Path, known: Option<String>, limit: u64) -> Result<FileRead, FetchError> {
    use std::io::Read as _;
    let file_err = |e: std::io::Error| FetchError::File {
        error: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(file_err)?;
    let meta = file.metadata().map_err(file_err)?;
    let etag = file_validator(&meta);
    if let Some(e) = etag.as_ref().filter(|e| known.as_ref() == Some(*e)) {
        return Ok(FileRead::Unchanged(e.clone()));
    }
    if meta.len() > limit {
        return Err(FetchError::TooLarge { limit });
    }
    let mut body = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut body)
        .map_err(file_err)?;
    if body.len() as u64 > limit {
        return Err(FetchError::TooLarge { limit });
    }
    Ok(FileRead::Body(body, etag))
}

/// `file:` validator: `W/"file-SIZE-MTIMENS-INODE"` (weak: it says nothing of the bytes).
fn file_validator(meta: &std::fs::Metadata) -> Option<String> {
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let ino = 0u64;
    Some(format!("W/\"file-{}-{mtime}-{ino}\"", meta.len()))
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

const BLOCKED_MARK: &str = "zonefeed-blocked:";

/// Resolves names, then drops loopback, private and link-local answers. A name whose every
/// address is private fails, so a public hostname cannot be pointed at the intranet.
struct PublicOnlyResolver;

impl reqwest::dns::Resolve for PublicOnlyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = addrs
                .iter()
                .copied()
                .filter(|a| !is_private(a.ip()))
                .collect();
            if public.is_empty() {
                let shown = addrs
                    .first()
                    .map(|a| a.ip().to_string())
                    .unwrap_or_else(|| "no address".into());
                let err: Box<dyn std::error::Error + Send + Sync> =
                    format!("{BLOCKED_MARK} {host} resolves to private address {shown}").into();
                return Err(err);
            }
            let it: reqwest::dns::Addrs = Box::new(public.into_iter());
            Ok(it)
        })
    }
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

use crate::error_chain;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_unchanged_file_is_not_modified_and_a_changed_one_is_read() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("feed.xml");
        std::fs::write(&path, "<rss/>")?;
        let f = Fetcher::new(FetchLimits {
            timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
            max_body: 1 << 20,
            user_agent: "t".into(),
            allow_private_networks: false,
        })?;
        let url = SourceUrl::File(path.clone());
        let first = f.fetch(&url, &Validators::default()).await?;
        assert!(!first.not_modified && first.body == b"<rss/>");
        let v = Validators {
            etag: first.etag.clone(),
            last_modified: None,
        };
        assert!(v.etag.is_some());
        let again = f.fetch(&url, &v).await?;
        assert!(again.not_modified && again.body.is_empty(), "{again:?}");
        // Replaced as editors and deploys do (new inode), even with the same size.
        let tmp = dir.path().join("feed.xml.new");
        std::fs::write(&tmp, "<RSS/>")?;
        std::fs::rename(&tmp, &path)?;
        let changed = f.fetch(&url, &v).await?;
        assert!(!changed.not_modified && changed.body == b"<RSS/>");
        Ok(())
    }

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

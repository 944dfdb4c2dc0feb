//! Getting a document's bytes: HTTP(S) with reqwest over rustls, or a local file.
//!
//! The only module that uses reqwest. Every fetch is bounded: connect, read and total
//! timeouts, and a byte cap checked both against Content-Length and while streaming (the
//! streaming count is the only guard once gzip/brotli decoding is on).

use std::path::Path;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::config::SourceUrl;

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchLimits {
    pub timeout: Duration,
    pub max_body: u64,
    pub user_agent: String,
}

/// What a fetch returned.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Final URL after redirects (the base for relative links).
    pub url: Option<url::Url>,
    pub status: u16,
    /// 304 Not Modified: `body` is empty and nothing needs parsing.
    pub not_modified: bool,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
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

/// Validators from an earlier fetch, for a conditional GET.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status}{}", reason.as_deref().map(|r| format!(" {r}")).unwrap_or_default())]
    Status { status: u16, reason: Option<String> },
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("body larger than the {limit}-byte limit (max_body)")]
    TooLarge { limit: u64 },
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
}

/// A reusable fetcher (one connection pool for all sources).
#[derive(Clone)]
pub struct Fetcher {
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
        let client = reqwest::Client::builder()
            .user_agent(limits.user_agent.clone())
            .default_headers(headers)
            .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
            .read_timeout(limits.timeout)
            .timeout(limits.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| anyhow::anyhow!("cannot build HTTP client: {e}"))?;
        Ok(Fetcher { client, limits })
    }

    pub fn limits(&self) -> &FetchLimits {
        &self.limits
    }

    pub async fn fetch(
        &self,
        url: &SourceUrl,
        validators: &Validators,
    ) -> Result<Fetched, FetchError> {
        match url {
            SourceUrl::Http(u) => self.fetch_http(u, validators).await,
            SourceUrl::File(p) => self.fetch_file(p).await,
        }
    }

    async fn fetch_file(&self, path: &Path) -> Result<Fetched, FetchError> {
        let file_err = |e: std::io::Error| FetchError::File {
            error: e.to_string(),
        };
        let meta = tokio::fs::metadata(path).await.map_err(file_err)?;
        if meta.len() > self.limits.max_body {
            return Err(FetchError::TooLarge {
                limit: self.limits.max_body,
            });
        }
        let body = tokio::fs::read(path).await.map_err(file_err)?;
        if body.len() as u64 > self.limits.max_body {
            return Err(FetchError::TooLarge {
                limit: self.limits.max_body,
            });
        }
        Ok(Fetched {
            url: url::Url::from_file_path(path).ok(),
            status: 200,
            not_modified: false,
            content_type: None,
            body,
            etag: None,
            last_modified: None,
        })
    }

    async fn fetch_http(
        &self,
        url: &url::Url,
        validators: &Validators,
    ) -> Result<Fetched, FetchError> {
        let mut req = self.client.get(url.as_str());
        if let Some(etag) = &validators.etag {
            req = req.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &validators.last_modified {
            req = req.header(header::IF_MODIFIED_SINCE, lm);
        }
        let timeout = self.limits.timeout;
        let map_err = |e: reqwest::Error| {
            if e.is_timeout() {
                FetchError::Timeout(timeout)
            } else {
                FetchError::Network(error_chain(&e))
            }
        };
        let mut resp = req.send().await.map_err(map_err)?;
        let status = resp.status();
        let header_str = |name: header::HeaderName, resp: &reqwest::Response| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header_str(header::ETAG, &resp);
        let last_modified = header_str(header::LAST_MODIFIED, &resp);
        let content_type = header_str(header::CONTENT_TYPE, &resp);
        let final_url = Some(resp.url().clone());
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched {
                url: final_url,
                status: 304,
                not_modified: true,
                content_type,
                body: Vec::new(),
                etag: etag.or_else(|| validators.etag.clone()),
                last_modified: last_modified.or_else(|| validators.last_modified.clone()),
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                status: status.as_u16(),
                reason: status.canonical_reason().map(str::to_string),
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
        })
    }
}

/// reqwest's Display hides the cause ("error sending request"); the chain says why.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let s = c.to_string();
        if !msg.contains(&s) {
            msg.push_str(": ");
            msg.push_str(&s);
        }
        cur = c.source();
    }
    msg
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
        };
        assert_eq!(f.header_charset(), Some("GB2312"));
    }
}

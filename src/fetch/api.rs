//! Requests that are not source fetches: WebSub pings to hubs, the CLI's GET and POST
//! to the running daemon's loopback API (any status returned with its body), and alerts'
//! JSON POSTs to chat platforms and webhooks.
//!
//! Invariant: an alert's URL carries its key (企业微信's `key=`, 钉钉's `access_token=`, a
//! 飞书 hook path), so no error of [`Fetcher::post_json`] names the URL.
use reqwest::header;
use url::Url;

use std::time::Duration;

use super::{ApiAnswer, FetchError, Fetcher};
use crate::error_chain;

/// A request error as a fetch error; the URL is left out (an alert's carries its key).
fn request_error(timeout: Duration) -> impl Fn(reqwest::Error) -> FetchError {
    move |e: reqwest::Error| {
        if e.is_timeout() {
            FetchError::Timeout(timeout)
        } else {
            FetchError::Network(error_chain(&e.without_url()))
        }
    }
}

/// The body of `resp`, refused past `limit` bytes.
async fn read_capped(
    mut resp: reqwest::Response,
    limit: u64,
    map_err: impl Fn(reqwest::Error) -> FetchError,
) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(&map_err)? {
        if body.len() as u64 + chunk.len() as u64 > limit {
            return Err(FetchError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

impl Fetcher {
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
        let map_err = request_error(timeout);
        let resp = self
            .client
            .get(url.as_str())
            .header(header.0, header.1)
            .send()
            .await
            .map_err(&map_err)?;
        let status = resp.status().as_u16();
        let value = resp
            .headers()
            .get(want)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = read_capped(resp, self.limits.max_body, map_err).await?;
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
        let map_err = request_error(timeout);
        let resp = self
            .client
            .post(url.as_str())
            .header(header.0, header.1)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .map_err(&map_err)?;
        let status = resp.status().as_u16();
        let value = resp
            .headers()
            .get(want)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        // Answers to these POSTs are a word or a line.
        let body = resp.bytes().await.map_err(&map_err)?;
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

    /// POSTs a JSON body with `headers` (an alert): the status, the `Retry-After` it asked
    /// for, and the body (answers are a line of JSON; capped like any fetch). The same
    /// guard, limits and user agent as polls; errors never contain the URL.
    pub(crate) async fn post_json(
        &self,
        url: &Url,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<JsonAnswer, FetchError> {
        self.check_literal_host(url)?;
        let timeout = self.limits.timeout;
        let map_err = request_error(timeout);
        let mut req = self
            .client
            .post(url.as_str())
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8");
        for (k, v) in headers {
            req = req.header(*k, v.as_str());
        }
        let resp = req.body(body).send().await.map_err(&map_err)?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| super::cache::parse_retry_after(v, chrono::Utc::now()));
        let body = read_capped(resp, self.limits.max_body.min(1 << 20), map_err).await?;
        Ok(JsonAnswer {
            status,
            retry_after,
            body,
        })
    }
}

/// What [`Fetcher::post_json`] returned.
#[derive(Debug, Clone)]
pub(crate) struct JsonAnswer {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

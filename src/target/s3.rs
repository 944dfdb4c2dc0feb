//! The object_store calls, and nothing else of the crate outside this file: a bucket from
//! a `[[publish.targets]]` entry, put (with `Content-Type` and `Cache-Control`), delete,
//! list.
//!
//! Invariants: the requests are signed with the target's credentials and no error leaves
//! this file with one in it (messages are scrubbed of every credential's value); a request
//! is retried by object_store at most twice within 10 s, so a dead target answers within
//! its `timeout` and the runtime's own backoff takes over; TLS is rustls with ring.

use std::time::Duration;

use anyhow::{Result, anyhow};
use futures_util::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use crate::config::Target;

/// One bucket and prefix, ready for requests.
pub(crate) struct Bucket {
    store: AmazonS3,
    /// The prefix, without slashes at either end ("" for the bucket's root).
    prefix: String,
    /// Every credential's value, removed from error messages.
    secrets: Vec<String>,
}

/// An object listed: its key below the prefix, size and ETag (quotes included, as sent).
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub path: String,
    pub size: u64,
    pub etag: Option<String>,
}

impl Bucket {
    pub(crate) fn new(t: &Target) -> Result<Bucket> {
        // reqwest is built without a bundled provider (see `fetch`); the first install stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut options = ClientOptions::new()
            .with_timeout(t.timeout)
            .with_connect_timeout(t.timeout.min(Duration::from_secs(10)));
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(&t.bucket)
            .with_region(&t.region)
            .with_access_key_id(t.access_key_id.expose())
            .with_secret_access_key(t.secret_access_key.expose())
            .with_virtual_hosted_style_request(!t.path_style)
            .with_retry(RetryConfig {
                max_retries: 2,
                retry_timeout: Duration::from_secs(10),
                ..RetryConfig::default()
            });
        if let Some(token) = &t.session_token {
            b = b.with_token(token.expose());
        }
        if let Some(endpoint) = &t.endpoint {
            let mut e = endpoint.as_str().trim_end_matches('/').to_string();
            // Virtual-hosted requests go to https://BUCKET.host: object_store takes the
            // endpoint as given, so the bucket goes in here.
            if !t.path_style {
                e = e.replacen("://", &format!("://{}.", t.bucket), 1);
            }
            b = b.with_endpoint(e);
            if endpoint.scheme() == "http" {
                options = options.with_allow_http(true);
            }
        }
        let store = b
            .with_client_options(options)
            .build()
            .map_err(|e| anyhow!("{}", scrub(&crate::error_chain(&e), &secrets_of(t))))?;
        Ok(Bucket {
            store,
            prefix: t.prefix.clone(),
            secrets: secrets_of(t),
        })
    }

    fn location(&self, path: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(path)
        } else {
            Path::from(format!("{}/{path}", self.prefix))
        }
    }

    fn error(&self, what: &str, path: &str, e: &object_store::Error) -> anyhow::Error {
        let msg = scrub(&crate::error_chain(e), &self.secrets);
        anyhow!("{what} {path}: {msg}")
    }

    /// Puts `bytes` at `path` (below the prefix); the ETag the target answered.
    pub(crate) async fn put(
        &self,
        path: &str,
        bytes: Vec<u8>,
        content_type: &str,
        cache_control: Option<&str>,
    ) -> Result<Option<String>> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, content_type.to_string().into());
        if let Some(cc) = cache_control {
            attributes.insert(Attribute::CacheControl, cc.to_string().into());
        }
        let opts = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        let r = self
            .store
            .put_opts(&self.location(path), PutPayload::from(bytes), opts)
            .await
            .map_err(|e| self.error("put", path, &e))?;
        Ok(r.e_tag)
    }

    /// Deletes `path`; one that is not there counts as deleted.
    pub(crate) async fn delete(&self, path: &str) -> Result<()> {
        match self.store.delete(&self.location(path)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.error("delete", path, &e)),
        }
    }

    /// Every object below the prefix.
    pub(crate) async fn list(&self) -> Result<Vec<Listed>> {
        let prefix = (!self.prefix.is_empty()).then(|| Path::from(self.prefix.as_str()));
        let mut stream = self.store.list(prefix.as_ref());
        let mut out = Vec::new();
        let strip = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        };
        while let Some(meta) = stream.next().await {
            let meta = meta.map_err(|e| self.error("list", &strip, &e))?;
            let full = meta.location.to_string();
            let Some(path) = full.strip_prefix(&strip) else {
                continue;
            };
            out.push(Listed {
                path: path.to_string(),
                size: meta.size,
                etag: meta.e_tag,
            });
        }
        Ok(out)
    }
}

fn secrets_of(t: &Target) -> Vec<String> {
    let mut v = vec![
        t.access_key_id.expose().clone(),
        t.secret_access_key.expose().clone(),
    ];
    if let Some(s) = &t.session_token {
        v.push(s.expose().clone());
    }
    v.retain(|s| !s.is_empty());
    v
}

/// `msg` with every secret's value replaced by `***`.
fn scrub(msg: &str, secrets: &[String]) -> String {
    let mut out = msg.to_string();
    for s in secrets {
        out = out.replace(s.as_str(), "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn scrubbing_removes_every_credential() {
        let s = scrub(
            "Credential=AKIDEXAMPLE/20260101 sig of wJalrXUtnFEMI",
            &["AKIDEXAMPLE".into(), "wJalrXUtnFEMI".into()],
        );
        assert_eq!(s, "Credential=***/20260101 sig of ***");
    }
}

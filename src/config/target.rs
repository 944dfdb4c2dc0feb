//! `[publish]` and its `[[publish.targets]]`: S3-compatible buckets (Aliyun OSS, Tencent
//! COS, AWS S3, Cloudflare R2, MinIO) that receive a copy of `feeds_dir` after every
//! publish. The types; `check/targets.rs` reads and validates them, `crate::target` uploads.
//!
//! Invariant: credentials are [`Secret`]s read from the environment at load, so no log
//! line, error or `--json` output can show them; [`Target::shown`] is how people see a
//! target (its id, bucket and prefix, and the endpoint's host).

use std::time::Duration;

use url::Url;

use super::Secret;

/// `[publish]`.
#[derive(Debug, Clone, Default)]
pub struct PublishSettings {
    pub targets: Vec<Target>,
}

/// The kinds of file a publish writes, each with its own `Cache-Control` if configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// RSS, Atom and JSON Feed files.
    Feed,
    /// `index.html` and the pages beside the feeds.
    Page,
    /// `feeds.opml`.
    Opml,
    /// Anything else found in `feeds_dir`.
    Other,
}

/// One `[[publish.targets]]` entry.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    pub bucket: String,
    /// Object keys are `prefix/` + the path below `feeds_dir`; empty: the bucket's root.
    pub prefix: String,
    /// None: AWS S3 itself (`s3.REGION.amazonaws.com`).
    pub endpoint: Option<Url>,
    pub region: String,
    /// `bucket` in the path (`https://endpoint/bucket/key`), as MinIO and most self-hosted
    /// servers want; otherwise in the host name (OSS and COS require that).
    pub path_style: bool,
    pub access_key_id: Secret<String>,
    pub secret_access_key: Secret<String>,
    pub session_token: Option<Secret<String>>,
    /// `Cache-Control` for every file, unless the kind has its own.
    pub cache_control: Option<String>,
    pub cache_control_feeds: Option<String>,
    pub cache_control_pages: Option<String>,
    /// Uploads in flight at once.
    pub concurrency: usize,
    /// How long a one-shot command (`zonefeed publish`, `poll`) waits for its uploads
    /// before leaving the rest pending for the next run; the daemon never waits.
    pub wait: Duration,
    /// Each request's limit (connecting included).
    pub timeout: Duration,
}

impl Target {
    /// Where it goes, for people and logs: never a credential.
    pub fn shown(&self) -> String {
        let host = self
            .endpoint
            .as_ref()
            .and_then(|u| u.host_str())
            .unwrap_or("s3.amazonaws.com");
        format!("{} ({} at {host})", self.id, self.url())
    }

    /// The bucket and prefix as the config names them: `s3://bucket/prefix`.
    pub fn url(&self) -> String {
        if self.prefix.is_empty() {
            format!("s3://{}", self.bucket)
        } else {
            format!("s3://{}/{}", self.bucket, self.prefix)
        }
    }

    /// Where it is, as the key of its records in the store: renaming a target keeps them,
    /// pointing it at another bucket or server starts afresh.
    pub fn location(&self) -> String {
        let endpoint = self.endpoint.as_ref().map_or("aws", |u| u.as_str());
        format!("{}|{}", endpoint.trim_end_matches('/'), self.url())
    }

    /// The `Cache-Control` a file of `kind` is stored with.
    pub fn cache_control_of(&self, kind: FileKind) -> Option<&str> {
        let own = match kind {
            FileKind::Feed => self.cache_control_feeds.as_deref(),
            FileKind::Page => self.cache_control_pages.as_deref(),
            FileKind::Opml | FileKind::Other => None,
        };
        own.or(self.cache_control.as_deref())
    }
}

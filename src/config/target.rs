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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::{Config, FileKind};

    fn env(name: &str) -> Option<String> {
        match name {
            "AWS_ACCESS_KEY_ID" => Some("AKIDDEFAULT".into()),
            "AWS_SECRET_ACCESS_KEY" => Some("SECRETDEFAULT".into()),
            "OSS_ID" => Some("LTAIOSSKEY".into()),
            "OSS_SECRET" => Some("OSSSECRETVALUE".into()),
            _ => None,
        }
    }

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse_with_env(text, Path::new("config.toml"), Path::new("/srv"), &env)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_target_reads_its_credentials_from_the_environment_and_keeps_them_secret() {
        let c = parse(
            r#"
[[publish.targets]]
url = "s3://zonefeed-cn/feeds/"
endpoint = "https://oss-cn-shanghai.aliyuncs.com"
region = "oss-cn-shanghai"
access_key_id_env = "OSS_ID"
secret_access_key_env = "OSS_SECRET"
cache_control = "max-age=300"
cache_control_pages = "max-age=60"

[[publish.targets]]
id = "minio"
url = "s3://feeds"
endpoint = "http://127.0.0.1:9000"
path_style = true
concurrency = 2
wait = "5s"
"#,
        )
        .expect("valid");
        let [oss, minio] = &c.publish.targets[..] else {
            panic!("two targets");
        };
        assert_eq!(
            (oss.id.as_str(), oss.bucket.as_str()),
            ("zonefeed-cn", "zonefeed-cn")
        );
        assert_eq!(oss.prefix, "feeds");
        assert_eq!(oss.access_key_id.expose(), "LTAIOSSKEY");
        assert_eq!(oss.cache_control_of(FileKind::Feed), Some("max-age=300"));
        assert_eq!(oss.cache_control_of(FileKind::Page), Some("max-age=60"));
        assert_eq!(oss.concurrency, 8);
        assert_eq!(
            oss.shown(),
            "zonefeed-cn (s3://zonefeed-cn/feeds at oss-cn-shanghai.aliyuncs.com)"
        );
        assert_eq!(minio.secret_access_key.expose(), "SECRETDEFAULT");
        assert!(minio.path_style && minio.prefix.is_empty());
        assert_eq!((minio.concurrency, minio.wait.as_secs()), (2, 5));
        assert_eq!(minio.cache_control_of(FileKind::Opml), None);
        let debug = format!("{:?}", c.publish);
        for secret in [
            "LTAIOSSKEY",
            "OSSSECRETVALUE",
            "AKIDDEFAULT",
            "SECRETDEFAULT",
        ] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }

    #[test]
    fn every_mistake_is_reported_at_its_place_without_a_credential() {
        let err = parse(
            r#"
[publish]
target = []

[[publish.targets]]
url = "https://bucket/x"
endpoint = "https://LTAIOSSKEY:pw@oss-cn-shanghai.aliyuncs.com"
access_key_id_env = "NOT_SET_ANYWHERE"
secret_access_key_env = "OSS SECRET"
cache_control = ""
concurrency = 0

[[publish.targets]]
url = "s3://Bad_Bucket"
endpoint = "https://oss-cn-shanghai.aliyuncs.com/bucket"

[[publish.targets]]
id = "a"
url = "s3://feeds-a"
timeout = "soon"
[[publish.targets]]
id = "a"
url = "s3://feeds-b"
"#,
        )
        .expect_err("invalid");
        for want in [
            "config.toml:3:1: unknown key \"target\" in [publish] (did you mean \"targets\"?)",
            "config.toml:6:7: url: must be s3://BUCKET or s3://BUCKET/PREFIX",
            "config.toml:7:12: endpoint must not hold credentials",
            "config.toml:8:21: access_key_id_env: the environment variable NOT_SET_ANYWHERE is not set",
            "config.toml:9:25: secret_access_key_env names an environment variable",
            "config.toml:10:17: cache_control must be a header value",
            "config.toml:11:15: concurrency must be between 1 and 64",
            "config.toml:14:7: url: bucket \"Bad_Bucket\" must be 3 to 63",
            "config.toml:15:12: endpoint is a server's address",
            "config.toml:20:11: timeout: ",
            "config.toml:22:6: duplicate publish target id \"a\"",
        ] {
            assert!(err.contains(want), "{want:?} missing from:\n{err}");
        }
        assert!(
            !err.contains("LTAIOSSKEY") && !err.contains(":pw@"),
            "{err}"
        );
    }

    #[test]
    fn a_target_without_credentials_in_the_environment_is_an_error_at_its_table() {
        let err = Config::parse_with_env(
            "[[publish.targets]]\nurl = \"s3://feeds\"\n",
            Path::new("config.toml"),
            Path::new("/srv"),
            &|_| None,
        )
        .map_err(|e| e.to_string())
        .expect_err("no credentials");
        assert!(
            err.contains("config.toml:1:1: a publish target needs credentials: the environment variable AWS_ACCESS_KEY_ID is not set (or name another in access_key_id_env)"),
            "{err}"
        );
    }
}

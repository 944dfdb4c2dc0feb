//! `[publish]` and `[[publish.targets]]`: where (`url = "s3://bucket/prefix"`, `endpoint`,
//! `region`, `path_style`), with which credentials (environment variables: `AWS_*` unless
//! `*_env` names others), and how (`cache_control*`, `concurrency`, `wait`, `timeout`).
//!
//! Invariants: credentials are read from the environment at load and a variable that is not
//! set (or empty) is an error at the key that names it (at the table when it is the
//! default's); no message quotes a credential's value or the endpoint's user part.

use std::collections::HashMap;
use std::time::Duration;

use toml::Spanned;
use toml::de::DeTable;
use url::Url;

use super::alerts::Env;
use super::{Checker, Tab, TopKey};
use crate::config::{PublishSettings, Secret, Target};

keys! {
    /// `[publish]`: what happens after every publish besides writing `feeds_dir`.
    enum PublishKey in "[publish]" {
        Targets = "targets",
    }
}

keys! {
    /// `[[publish.targets]]`: an S3-compatible bucket that mirrors `feeds_dir`.
    enum TargetKey in "[[publish.targets]]" {
        Id = "id",
        Url = "url",
        Endpoint = "endpoint",
        Region = "region",
        PathStyle = "path_style",
        AccessKeyIdEnv = "access_key_id_env",
        SecretAccessKeyEnv = "secret_access_key_env",
        SessionTokenEnv = "session_token_env",
        CacheControl = "cache_control",
        CacheControlFeeds = "cache_control_feeds",
        CacheControlPages = "cache_control_pages",
        Concurrency = "concurrency",
        Wait = "wait",
        Timeout = "timeout",
    }
}

impl Checker<'_> {
    pub(super) fn publish(&mut self, root: &Tab<'_, '_, TopKey>) -> PublishSettings {
        let empty = DeTable::new();
        let p = self.section::<PublishKey>(root, TopKey::Publish, &empty);
        let mut targets = Vec::new();
        let mut ids = HashMap::new();
        for (t, span) in self.tables(&p, PublishKey::Targets) {
            let t = self.open::<TargetKey>(t, span);
            if let Some(target) = self.target(&t, &mut ids) {
                targets.push(target);
            }
        }
        PublishSettings { targets }
    }

    fn target(
        &mut self,
        t: &Tab<'_, '_, TargetKey>,
        ids: &mut HashMap<String, std::ops::Range<usize>>,
    ) -> Option<Target> {
        use TargetKey as K;
        let env = self.env;
        let location = self.req_str(t, K::Url);
        let bucket_prefix = location
            .as_ref()
            .and_then(|u| match parse_s3_url(u.get_ref()) {
                Ok(bp) => Some(bp),
                Err(why) => {
                    self.report(u.span(), format!("url: {why}"));
                    None
                }
            });
        let endpoint = self.endpoint(t);
        let region = self
            .opt_str(t, K::Region)
            .map(Spanned::into_inner)
            .unwrap_or_else(|| "us-east-1".into());
        let path_style = self.opt_bool(t, K::PathStyle).unwrap_or(false);
        let access_key_id = self.credential(t, K::AccessKeyIdEnv, "AWS_ACCESS_KEY_ID", env);
        let secret_access_key =
            self.credential(t, K::SecretAccessKeyEnv, "AWS_SECRET_ACCESS_KEY", env);
        let session_token = match self.env_name(t, K::SessionTokenEnv, ", not the token itself") {
            Some(name) => self.env_secret(t, K::SessionTokenEnv, &name, env),
            // Temporary credentials in the standard variable go with the standard pair.
            None if self.get(t, K::AccessKeyIdEnv).is_none() => env("AWS_SESSION_TOKEN")
                .filter(|v| !v.is_empty())
                .map(Secret::new),
            None => None,
        };
        let cache_control = self.header_value(t, K::CacheControl);
        let cache_control_feeds = self.header_value(t, K::CacheControlFeeds);
        let cache_control_pages = self.header_value(t, K::CacheControlPages);
        let concurrency = self
            .int_in::<K, usize>(t, K::Concurrency, 1..=64)
            .unwrap_or(8);
        let wait = self.duration(t, K::Wait).unwrap_or(Duration::from_secs(30));
        let timeout = self
            .duration(t, K::Timeout)
            .unwrap_or(Duration::from_secs(30));
        let id = match self.opt_str(t, K::Id) {
            Some(id) => id,
            // The bucket names the target unless two share it.
            None => {
                let (bucket, _) = bucket_prefix.as_ref()?;
                let at = location.as_ref().map_or(t.span.clone(), |u| u.span());
                Spanned::new(at, bucket.replace('.', "-"))
            }
        };
        if !self.check_id(&id, "publish target", ids) {
            return None;
        }
        let (bucket, prefix) = bucket_prefix?;
        Some(Target {
            id: id.into_inner(),
            bucket,
            prefix,
            endpoint: endpoint?,
            region,
            path_style,
            access_key_id: access_key_id?,
            secret_access_key: secret_access_key?,
            session_token,
            cache_control,
            cache_control_feeds,
            cache_control_pages,
            concurrency,
            wait,
            timeout,
        })
    }

    /// `endpoint`: an http(s) URL with no user part, path or query; absent: AWS itself
    /// (`Some(None)`); `None` when it was reported.
    fn endpoint(&mut self, t: &Tab<'_, '_, TargetKey>) -> Option<Option<Url>> {
        let Some(v) = self.opt_str(t, TargetKey::Endpoint) else {
            return Some(None);
        };
        let url = match Url::parse(v.get_ref()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => u,
            Ok(_) => {
                self.report(v.span(), "endpoint must be an http(s) URL");
                return None;
            }
            Err(e) => {
                self.report(v.span(), format!("endpoint is not a URL ({e})"));
                return None;
            }
        };
        // Not quoted: a user part would be a credential.
        if !url.username().is_empty() || url.password().is_some() {
            self.report(
                v.span(),
                "endpoint must not hold credentials: name their environment variables in access_key_id_env and secret_access_key_env",
            );
            return None;
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            self.report(
                v.span(),
                "endpoint is a server's address (https://oss-cn-shanghai.aliyuncs.com): the bucket and prefix go in url",
            );
            return None;
        }
        Some(Some(url))
    }

    /// The credential in the variable `key` names, or in `default` when `key` is absent.
    fn credential(
        &mut self,
        t: &Tab<'_, '_, TargetKey>,
        key: TargetKey,
        default: &str,
        env: Env<'_>,
    ) -> Option<Secret<String>> {
        if self.get(t, key).is_some() {
            let name = self.env_name(t, key, ", not the credential itself")?;
            return self.env_secret(t, key, &name, env);
        }
        match env(default).filter(|v| !v.is_empty()) {
            Some(v) => Some(Secret::new(v)),
            None => {
                self.report(
                    t.span.clone(),
                    format!(
                        "a publish target needs credentials: the environment variable {default} is not set (or name another in {})",
                        super::Key::name(key)
                    ),
                );
                None
            }
        }
    }

    /// A header value: printable ASCII, not empty.
    fn header_value(&mut self, t: &Tab<'_, '_, TargetKey>, key: TargetKey) -> Option<String> {
        let v = self.opt_str(t, key)?;
        let s = v.get_ref().trim();
        if s.is_empty() || !s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            self.report(
                v.span(),
                format!(
                    "{} must be a header value in printable ASCII, such as \"max-age=300\"",
                    super::Key::name(key)
                ),
            );
            return None;
        }
        Some(s.to_string())
    }
}

/// `s3://bucket/prefix` as (bucket, prefix without slashes at either end); why not.
fn parse_s3_url(text: &str) -> Result<(String, String), String> {
    let Some(rest) = text.strip_prefix("s3://") else {
        return Err("must be s3://BUCKET or s3://BUCKET/PREFIX".into());
    };
    if rest.contains(['?', '#', '@', '\\']) {
        return Err(
            "must be s3://BUCKET or s3://BUCKET/PREFIX, with no query, fragment or user part"
                .into(),
        );
    }
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !(3..=63).contains(&bucket.len())
        || !bucket.chars().all(ok_char)
        || !alnum(bucket.chars().next())
        || !alnum(bucket.chars().last())
    {
        return Err(format!(
            "bucket {bucket:?} must be 3 to 63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit"
        ));
    }
    let prefix = prefix.trim_matches('/');
    if prefix
        .split('/')
        .any(|seg| matches!(seg, "." | "..") || (seg.is_empty() && !prefix.is_empty()))
        || prefix.chars().any(|c| c.is_control())
    {
        return Err(format!(
            "prefix {prefix:?} must be folder names separated by single '/', without '.' or '..'"
        ));
    }
    Ok((bucket.to_string(), prefix.to_string()))
}

#[cfg(test)]
mod tests {
    use super::parse_s3_url;

    #[test]
    fn s3_urls_name_a_bucket_and_a_clean_prefix() {
        assert_eq!(
            parse_s3_url("s3://feeds-cn/zonefeed/"),
            Ok(("feeds-cn".into(), "zonefeed".into()))
        );
        assert_eq!(
            parse_s3_url("s3://feeds.example.cn"),
            Ok(("feeds.example.cn".into(), String::new()))
        );
        assert_eq!(
            parse_s3_url("s3://b12/a/b"),
            Ok(("b12".into(), "a/b".into()))
        );
        for bad in [
            "https://bucket/x",
            "s3://Bucket/x",
            "s3://ab",
            "s3://bucket/a//b",
            "s3://bucket/../x",
            "s3://key:secret@bucket/x",
            "s3://-bucket",
        ] {
            assert!(parse_s3_url(bad).is_err(), "{bad}");
        }
    }
}

//! `[[alerts]]`: instant messages about new stories to a chat group (企业微信, 钉钉, 飞书),
//! an ntfy topic or a webhook. The types; `check/alerts.rs` reads and validates them.
//!
//! Invariant: the URL (it carries the robot's key), the signing secret and the bearer
//! token are [`Secret`]s, whose `Debug` and `Display` print only `***`, so no log line,
//! error or `--json` output can show them by accident.

use std::time::Duration;

use url::Url;

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(v: T) -> Secret<T> {
        Secret(v)
    }

    /// The value, for the one place that sends it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> std::fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl<T> std::fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// Where an alert goes; each has its platform's documented format, signature and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// 企业微信 group robot: markdown, key in the URL.
    Wecom,
    /// 钉钉 custom robot: markdown, `timestamp` and `sign` (加签) in the query.
    Dingtalk,
    /// 飞书 custom bot: an interactive card, `timestamp` and `sign` in the body.
    Feishu,
    /// A generic JSON webhook signed with `X-Zonefeed-Signature`.
    Webhook,
    /// ntfy: JSON publishing to the server's root, the topic from the URL's path.
    Ntfy,
}

impl Channel {
    pub const ALL: [(&'static str, Channel); 5] = [
        ("wecom", Channel::Wecom),
        ("dingtalk", Channel::Dingtalk),
        ("feishu", Channel::Feishu),
        ("webhook", Channel::Webhook),
        ("ntfy", Channel::Ntfy),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Channel::Wecom => "wecom",
            Channel::Dingtalk => "dingtalk",
            Channel::Feishu => "feishu",
            Channel::Webhook => "webhook",
            Channel::Ntfy => "ntfy",
        }
    }

    /// Messages per minute the platform documents for one robot: 企业微信 20, 钉钉 20,
    /// 飞书 100 (and 5 a second, see [`Channel::min_gap`]); ntfy's default request limit
    /// refills one request every 5 s after a burst of 60 (`visitor-request-limit-*`), so
    /// 12 a minute holds; a webhook is ours to pace: 60.
    pub fn default_per_minute(self) -> u32 {
        match self {
            Channel::Wecom | Channel::Dingtalk => 20,
            Channel::Feishu => 100,
            Channel::Ntfy => 12,
            Channel::Webhook => 60,
        }
    }

    /// The least time between two messages (飞书: at most 5 a second).
    pub fn min_gap(self) -> Duration {
        match self {
            Channel::Feishu => Duration::from_millis(200),
            _ => Duration::ZERO,
        }
    }

    /// How long the platform refuses a robot that went over its limit: 钉钉 "限流 10 分钟"
    /// (自定义机器人接入, 消息发送频率限制); the others say nothing, so no more than the pace.
    pub fn limited_for(self) -> Duration {
        match self {
            Channel::Dingtalk => Duration::from_secs(600),
            _ => Duration::ZERO,
        }
    }

    /// Does the platform sign with a shared secret (so `secret_env` is required)?
    pub fn signs(self) -> bool {
        matches!(self, Channel::Dingtalk | Channel::Feishu | Channel::Webhook)
    }

    /// The largest message the platform takes, in bytes of what it limits: 企业微信's
    /// markdown content 4,096; 钉钉 20,000 (its body limit is 20 KB); 飞书's body 20 KB;
    /// ntfy's message 4,096 (longer ones become attachments); a webhook 256 KB (ours).
    pub fn max_bytes(self) -> usize {
        match self {
            Channel::Wecom | Channel::Ntfy => 4096,
            Channel::Dingtalk => 20_000,
            Channel::Feishu => 20_000,
            Channel::Webhook => 256 * 1024,
        }
    }
}

/// One `[[alerts]]` entry.
#[derive(Debug, Clone)]
pub struct Alert {
    pub id: String,
    pub channel: Channel,
    pub url: Secret<Url>,
    /// 钉钉, 飞书: the robot's signing secret; webhook: the HMAC key of the body.
    pub secret: Option<Secret<String>>,
    /// ntfy: an access token, sent as `Authorization: Bearer`.
    pub token: Option<Secret<String>>,
    pub regions: Vec<String>,
    pub zones: Vec<String>,
    pub topics: Vec<String>,
    /// A query in the search language; only stories matching it.
    pub query: Option<String>,
    pub max_per_minute: u32,
    /// Stories first seen longer ago than this (a channel that was down) go out as one
    /// summary, not one message each.
    pub max_age: Duration,
}

impl Alert {
    /// Where it goes, for people: the channel and the URL's host, never its key.
    pub fn shown(&self) -> String {
        format!(
            "{} {}",
            self.channel.name(),
            self.url.expose().host_str().unwrap_or("?")
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    const PLACES: &str = r#"
[[regions]]
id = "suzhou"
name = "苏州市"
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
[[topics]]
id = "signing"
name = "签约"
query = "签约"
"#;

    fn env(name: &str) -> Option<String> {
        match name {
            "SIP_WECOM_URL" => {
                Some("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY".into())
            }
            "DT_URL" => Some("https://oapi.dingtalk.com/robot/send?access_token=TOKEN".into()),
            "DT_SECRET" => Some("SECabcdef".into()),
            _ => None,
        }
    }

    fn parse(alerts: &str) -> Result<Config, String> {
        Config::parse_with_env(
            &format!("{PLACES}{alerts}"),
            Path::new("config.toml"),
            Path::new("/srv"),
            &env,
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn an_alert_reads_its_url_and_secret_from_the_environment_and_keeps_them_secret() {
        let c = parse(
            r#"
[[alerts]]
id = "sip-signings"
channel = "wecom"
url_env = "SIP_WECOM_URL"
regions = ["suzhou"]
zones = ["suzhou-sip"]
topics = ["signing"]
query = "签约 OR 开工"

[[alerts]]
id = "dt"
channel = "dingtalk"
url_env = "DT_URL"
secret_env = "DT_SECRET"
max_per_minute = 10
max_age = "6h"
"#,
        )
        .expect("valid");
        let a = &c.alerts[0];
        assert_eq!((a.max_per_minute, a.max_age.as_secs()), (20, 86_400));
        assert_eq!(a.shown(), "wecom qyapi.weixin.qq.com");
        let b = &c.alerts[1];
        assert_eq!((b.max_per_minute, b.max_age.as_secs()), (10, 6 * 3600));
        let debug = format!("{:?}", c.alerts);
        assert!(
            !debug.contains("SECRETKEY") && !debug.contains("TOKEN") && !debug.contains("SECabc"),
            "{debug}"
        );
    }

    #[test]
    fn every_mistake_is_reported_at_its_place_without_the_secret() {
        let err = parse(
            r#"
[[alerts]]
id = "a"
channel = "wechat"
url_env = "NOT_SET_ANYWHERE"

[[alerts]]
id = "b"
channel = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=TOKEN"

[[alerts]]
id = "c"
channel = "wecom"
url = "ftp://x/y?key=SECRETKEY"
secret_env = "DT_SECRET"
zones = ["nowhere"]
query = "签约 AND ("

[[alerts]]
id = "d"
channel = "webhook"
url = "http://127.0.0.1:9/hook"
secret_env = "MISSING_SECRET"
max_per_minute = 0
"#,
        )
        .expect_err("invalid");
        for want in [
            "config.toml:16:11: channel must be \"wecom\", \"dingtalk\", \"feishu\", \"webhook\" or \"ntfy\", not \"wechat\"",
            "config.toml:17:11: url_env: the environment variable NOT_SET_ANYWHERE is not set",
            "config.toml:19:1: a dingtalk alert needs secret_env",
            "config.toml:27:7: url must be an http(s) URL",
            "config.toml:28:14: wecom does not sign messages: remove secret_env",
            "config.toml:29:10: unknown zone \"nowhere\"",
            "config.toml:30:17: query:",
            "config.toml:35:7: url: ",
            "config.toml:36:14: secret_env: the environment variable MISSING_SECRET is not set",
            "config.toml:37:18: max_per_minute must be between 1 and 600",
        ] {
            assert!(err.contains(want), "{want:?} missing from:\n{err}");
        }
        assert!(
            !err.contains("SECRETKEY") && !err.contains("TOKEN"),
            "{err}"
        );
    }
}

//! Each platform's envelope, signature and answer, as its documentation gives them.
//!
//! - 企业微信 group robot (developer.work.weixin.qq.com, 群机器人配置说明): POST JSON
//!   `{"msgtype":"markdown","markdown":{"content":…}}` to the webhook URL (its `key`);
//!   content at most 4,096 bytes of UTF-8; 20 messages a minute; the answer is
//!   `{"errcode":0,…}`, 45009 when over the limit.
//! - 钉钉 custom robot (open.dingtalk.com, 自定义机器人安全设置 → 加签): the URL gets
//!   `timestamp` (ms) and `sign` = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" +
//!   secret))); body `{"msgtype":"markdown","markdown":{"title","text"}}`; 20 a minute,
//!   errcode 130101 when sent too fast.
//! - 飞书 custom bot (open.feishu.cn, 自定义机器人使用指南 → 签名校验): `timestamp` (s) and
//!   `sign` = base64(HMAC-SHA256 keyed with timestamp + "\n" + secret over an empty
//!   message) in the body beside `msg_type: "interactive"` and the card; 100 a minute and 5
//!   a second, body at most 20 KB; code 11232 when limited; success `{"code":0}`.
//! - ntfy (docs.ntfy.sh, "Publish as JSON"): POST to the server's root with `topic`,
//!   `title`, `message`, `click`, `tags`; `Authorization: Bearer` for a token; 429 with
//!   `Retry-After` when limited.
//! - webhook (ours): the story fields as JSON, `X-Zonefeed-Delivery` (the same on a
//!   re-send) and `X-Zonefeed-Signature: sha256=<hex HMAC-SHA256(secret, body)>`, as
//!   GitHub's webhooks sign.
//!
//! Pure: a message and the time in, a request out; a status and a body in, a verdict out.

use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde_json::json;
use url::Url;

use super::message::Message;
use crate::config::{Alert, Channel};
use crate::token::{base64, hmac_sha256};

/// A request ready to send.
pub(crate) struct Request {
    pub url: Url,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// What the platform's answer means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    Accepted,
    /// Over the platform's rate limit: wait (at least what it asked), then send again.
    Limited(Option<Duration>),
    /// Refused or failed; retried with backoff (a wrong key may be fixed, a server may
    /// come back). The text never holds the URL or a secret.
    Failed(String),
}

/// The bytes the platform limits, for packing lists: 企业微信's markdown content, ntfy's
/// message, the whole body elsewhere.
pub(crate) fn measured(alert: &Alert, msg: &Message) -> usize {
    match alert.channel {
        Channel::Wecom => msg.markdown.len(),
        Channel::Ntfy => msg.text.len(),
        _ => body(alert, msg, Utc::now(), "").map_or(usize::MAX, |b| b.len()),
    }
}

fn card(msg: &Message) -> serde_json::Value {
    let mut elements = vec![json!({
        "tag": "div",
        "text": { "tag": "lark_md", "content": msg.markdown },
    })];
    if let Some(link) = &msg.click {
        elements.push(json!({
            "tag": "action",
            "actions": [{
                "tag": "button",
                "text": { "tag": "plain_text", "content": if msg.stories.len() == 1 { "阅读原文" } else { "查看全部" } },
                "type": "primary",
                "url": link,
            }],
        }));
    }
    json!({
        "header": {
            "title": { "tag": "plain_text", "content": msg.title },
            "template": "blue",
        },
        "elements": elements,
    })
}

fn body(alert: &Alert, msg: &Message, now: DateTime<Utc>, feishu_sign: &str) -> Result<Vec<u8>> {
    let v = match alert.channel {
        Channel::Wecom => json!({
            "msgtype": "markdown",
            "markdown": { "content": msg.markdown },
        }),
        Channel::Dingtalk => json!({
            "msgtype": "markdown",
            "markdown": { "title": msg.title, "text": msg.markdown },
        }),
        Channel::Feishu => json!({
            "timestamp": now.timestamp().to_string(),
            "sign": feishu_sign,
            "msg_type": "interactive",
            "card": card(msg),
        }),
        Channel::Ntfy => {
            let (_, topic) = ntfy_split(alert.url.expose())?;
            let mut v = json!({
                "topic": topic,
                "title": msg.title,
                "message": msg.text,
                "tags": ["zonefeed"],
            });
            if let Some(c) = &msg.click {
                v["click"] = json!(c);
            }
            v
        }
        Channel::Webhook => json!({
            "delivery": msg.delivery,
            "alert": alert.id,
            "kind": msg.kind,
            "title": msg.title,
            "stories": msg.stories,
            "more": msg.more,
        }),
    };
    Ok(serde_json::to_vec(&v)?)
}

/// ntfy's root (where JSON is published) and the topic, from `https://host/…/TOPIC`.
fn ntfy_split(u: &Url) -> Result<(Url, String)> {
    let topic = u
        .path_segments()
        .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_string))
        .context("the ntfy url names no topic")?;
    let mut root = u.clone();
    {
        let mut segs = root
            .path_segments_mut()
            .map_err(|()| anyhow::anyhow!("the ntfy url cannot have a path"))?;
        segs.pop_if_empty().pop();
    }
    if !root.path().ends_with('/') {
        let p = format!("{}/", root.path());
        root.set_path(&p);
    }
    root.set_query(None);
    Ok((root, topic))
}

/// 钉钉's `sign`: base64(HMAC-SHA256(secret, timestamp "\n" secret)), before URL-encoding.
pub(crate) fn dingtalk_sign(secret: &str, timestamp_ms: i64) -> String {
    base64(&hmac_sha256(
        secret.as_bytes(),
        format!("{timestamp_ms}\n{secret}").as_bytes(),
    ))
}

/// 飞书's `sign`: base64(HMAC-SHA256 keyed with timestamp "\n" secret, over nothing).
pub(crate) fn feishu_sign(secret: &str, timestamp_s: i64) -> String {
    base64(&hmac_sha256(
        format!("{timestamp_s}\n{secret}").as_bytes(),
        b"",
    ))
}

/// The request that sends `msg` through `alert` at `now`.
pub(crate) fn request(alert: &Alert, msg: &Message, now: DateTime<Utc>) -> Result<Request> {
    let secret = alert.secret.as_ref().map(|s| s.expose().as_str());
    let mut url = alert.url.expose().clone();
    let mut headers = vec![("X-Zonefeed-Delivery", msg.delivery.clone())];
    let mut feishu = String::new();
    match alert.channel {
        Channel::Dingtalk => {
            if let Some(secret) = secret {
                let ts = now.timestamp_millis();
                url.query_pairs_mut()
                    .append_pair("timestamp", &ts.to_string())
                    .append_pair("sign", &dingtalk_sign(secret, ts));
            }
        }
        Channel::Feishu => {
            if let Some(secret) = secret {
                feishu = feishu_sign(secret, now.timestamp());
            }
        }
        Channel::Ntfy => {
            url = ntfy_split(&url)?.0;
            if let Some(t) = &alert.token {
                headers.push(("Authorization", format!("Bearer {}", t.expose())));
            }
        }
        Channel::Wecom | Channel::Webhook => {}
    }
    let body = body(alert, msg, now, &feishu)?;
    if alert.channel == Channel::Webhook
        && let Some(secret) = secret
    {
        let mac = hmac_sha256(secret.as_bytes(), &body);
        headers.push((
            "X-Zonefeed-Signature",
            format!("sha256={}", crate::parse::hex(&mac)),
        ));
    }
    Ok(Request { url, headers, body })
}

/// What an answer means for `channel`. 企业微信, 钉钉 and 飞书 answer HTTP 200 with an
/// error code in the body; ntfy and webhooks use the status.
pub(crate) fn verdict(
    channel: Channel,
    status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
) -> Verdict {
    if status == 429 {
        return Verdict::Limited(retry_after);
    }
    if !(200..300).contains(&status) {
        let why = String::from_utf8_lossy(&body[..body.len().min(200)])
            .trim()
            .to_string();
        return Verdict::Failed(format!("HTTP {status}: {why}"));
    }
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let code = |k: &str| v.get(k).and_then(serde_json::Value::as_i64);
    let msg = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .chars()
            .take(200)
            .collect::<String>()
    };
    match channel {
        Channel::Wecom | Channel::Dingtalk => match code("errcode") {
            Some(0) => Verdict::Accepted,
            Some(45009) | Some(130101) => Verdict::Limited(retry_after),
            Some(c) => Verdict::Failed(format!("errcode {c}: {}", msg("errmsg"))),
            None => Verdict::Failed("the answer has no errcode".into()),
        },
        Channel::Feishu => match code("code").or_else(|| code("StatusCode")) {
            Some(0) => Verdict::Accepted,
            Some(11232) => Verdict::Limited(retry_after),
            Some(c) => Verdict::Failed(format!("code {c}: {}", msg("msg"))),
            None => Verdict::Failed("the answer has no code".into()),
        },
        Channel::Ntfy | Channel::Webhook => Verdict::Accepted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 钉钉's documented example shape: HMAC-SHA256 over "timestamp\nsecret", base64;
    /// computed here independently of `token`.
    #[test]
    fn signatures_follow_the_documented_recipes() {
        use hmac::{Hmac, Mac};
        let (secret, ts) = ("SEC1234567890abcdef", 1_700_000_000_123_i64);
        let mut m = <Hmac<sha2::Sha256>>::new_from_slice(secret.as_bytes()).unwrap();
        m.update(format!("{ts}\n{secret}").as_bytes());
        let want = {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
        };
        assert_eq!(dingtalk_sign(secret, ts), want);
        let ts = 1_700_000_000_i64;
        let m = <Hmac<sha2::Sha256>>::new_from_slice(format!("{ts}\n{secret}").as_bytes()).unwrap();
        let want = {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
        };
        assert_eq!(feishu_sign(secret, ts), want);
    }

    #[test]
    fn answers_read_as_each_platform_documents() {
        use Channel::*;
        let ok = br#"{"errcode":0,"errmsg":"ok"}"#;
        assert_eq!(verdict(Wecom, 200, None, ok), Verdict::Accepted);
        assert_eq!(
            verdict(
                Wecom,
                200,
                None,
                br#"{"errcode":45009,"errmsg":"api freq out of limit"}"#
            ),
            Verdict::Limited(None)
        );
        assert_eq!(
            verdict(
                Dingtalk,
                200,
                None,
                br#"{"errcode":130101,"errmsg":"send too fast"}"#
            ),
            Verdict::Limited(None)
        );
        assert!(matches!(
            verdict(Dingtalk, 200, None, br#"{"errcode":310000,"errmsg":"sign not match"}"#),
            Verdict::Failed(m) if m.contains("310000")
        ));
        assert_eq!(
            verdict(Feishu, 200, None, br#"{"code":0,"msg":"success"}"#),
            Verdict::Accepted
        );
        assert_eq!(
            verdict(
                Feishu,
                200,
                None,
                br#"{"code":11232,"msg":"frequency limited"}"#
            ),
            Verdict::Limited(None)
        );
        let ra = Some(Duration::from_secs(3));
        assert_eq!(verdict(Ntfy, 429, ra, b""), Verdict::Limited(ra));
        assert!(matches!(
            verdict(Webhook, 503, None, b"down"),
            Verdict::Failed(_)
        ));
        assert_eq!(verdict(Webhook, 204, None, b""), Verdict::Accepted);
    }

    #[test]
    fn ntfy_publishes_to_the_root_with_the_topic_from_the_path() {
        let (root, topic) =
            ntfy_split(&Url::parse("https://ntfy.example/zones-sip").unwrap()).unwrap();
        assert_eq!(
            (root.as_str(), topic.as_str()),
            ("https://ntfy.example/", "zones-sip")
        );
        let (root, topic) =
            ntfy_split(&Url::parse("http://127.0.0.1:9/ntfy/alerts/").unwrap()).unwrap();
        assert_eq!(
            (root.as_str(), topic.as_str()),
            ("http://127.0.0.1:9/ntfy/", "alerts")
        );
    }
}

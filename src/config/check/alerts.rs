//! `[[alerts]]`: a channel, where it is (`url` or `url_env`), its secret when the platform
//! signs (`secret_env`), and filters as subscriptions have them (regions, zones, topics)
//! plus a search `query`.
//!
//! Invariants: secrets are read from the environment at load and a variable that is not
//! set (or empty) is an error at the key that names it; no message quotes a URL's path or
//! query or a secret's value (they carry keys); the URL must be http(s), and a private
//! address is refused as for sources unless `[poll] allow_private_networks` is true.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use toml::Spanned;
use url::Url;

use super::{Checker, Tab, TopKey};
use crate::config::{Alert, Channel, Secret};

keys! {
    /// `[[alerts]]`: new stories pushed to a chat group, ntfy or a webhook.
    enum AlertKey in "[[alerts]]" {
        Id = "id",
        Channel = "channel",
        Url = "url",
        UrlEnv = "url_env",
        SecretEnv = "secret_env",
        TokenEnv = "token_env",
        Regions = "regions",
        Zones = "zones",
        Topics = "topics",
        Query = "query",
        MaxPerMinute = "max_per_minute",
        MaxAge = "max_age",
    }
}

/// What the environment holds (tests pass their own).
pub(in crate::config) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Checker<'_> {
    pub(super) fn alerts(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        region_ids: &HashSet<&str>,
        zone_ids: &HashSet<&str>,
        topic_ids: &HashSet<&str>,
        allow_private: bool,
    ) -> Vec<Alert> {
        use AlertKey as K;
        let env = self.env;
        let mut out = Vec::new();
        let mut ids = HashMap::new();
        for (t, span) in self.tables(root, TopKey::Alerts) {
            let a = self.open::<K>(t, span.clone());
            let id = self.req_str(&a, K::Id);
            let channel = if self.require(&a, K::Channel) {
                self.choice(&a, K::Channel, &Channel::ALL)
            } else {
                None
            };
            let url = self.alert_url(&a, span.clone(), allow_private, env);
            let secret = self.secret(&a, K::SecretEnv, env);
            let token = self.secret(&a, K::TokenEnv, env);
            if let Some(c) = channel {
                let secret_key = self.get(&a, K::SecretEnv).map(|v| v.span());
                match (c.signs(), &secret_key) {
                    (true, None) => self.report(
                        span.clone(),
                        format!(
                            "a {} alert needs secret_env: the environment variable holding the robot's signing secret ({})",
                            c.name(),
                            match c {
                                Channel::Dingtalk => "钉钉 安全设置 → 加签, starts with SEC",
                                Channel::Feishu => "飞书 安全设置 → 签名校验",
                                _ => "the key the receiver checks X-Zonefeed-Signature with",
                            }
                        ),
                    ),
                    (false, Some(at)) => self.report(
                        at.clone(),
                        format!("{} does not sign messages: remove secret_env", c.name()),
                    ),
                    _ => {}
                }
                if c != Channel::Ntfy
                    && let Some(v) = self.get(&a, K::TokenEnv)
                {
                    self.report(
                        v.span(),
                        format!(
                            "token_env is for ntfy's access tokens; {} takes none",
                            c.name()
                        ),
                    );
                }
                if c == Channel::Ntfy
                    && let Some(u) = &url
                    && u.expose().path().trim_matches('/').is_empty()
                {
                    let at = self
                        .get(&a, K::Url)
                        .or_else(|| self.get(&a, K::UrlEnv))
                        .map_or(span.clone(), |v| v.span());
                    self.report(
                        at,
                        "an ntfy url names its topic: https://ntfy.sh/TOPIC (or your server's)",
                    );
                }
            }
            let regions = self.str_list(&a, K::Regions);
            let zones = self.str_list(&a, K::Zones);
            let topics = self.str_list(&a, K::Topics);
            for r in &regions {
                self.check_ref(r, "region", region_ids);
            }
            for z in &zones {
                self.check_ref(z, "zone", zone_ids);
            }
            for t in &topics {
                self.check_ref(t, "topic", topic_ids);
            }
            let query = self.opt_str(&a, K::Query);
            if let Some(q) = &query
                && let Err(e) = crate::search::query::parse(q.get_ref())
            {
                let at = self.offset_in_string(q.span().start, q.get_ref(), e.col);
                self.report(at..at, format!("query: {}", e.msg));
            }
            let max_per_minute = self.int_in::<K, u32>(&a, K::MaxPerMinute, 1..=600);
            let max_age = self
                .duration(&a, K::MaxAge)
                .unwrap_or(Duration::from_secs(86_400));
            let Some(id) = id else { continue };
            if !self.check_id(&id, "alert", &mut ids) {
                continue;
            }
            let (Some(channel), Some(url)) = (channel, url) else {
                continue;
            };
            out.push(Alert {
                id: id.into_inner(),
                channel,
                url,
                secret,
                token,
                regions: regions.into_iter().map(Spanned::into_inner).collect(),
                zones: zones.into_iter().map(Spanned::into_inner).collect(),
                topics: topics.into_iter().map(Spanned::into_inner).collect(),
                query: query.map(Spanned::into_inner),
                max_per_minute: max_per_minute.unwrap_or(channel.default_per_minute()),
                max_age,
            });
        }
        out
    }

    /// `url`, or the value of the variable `url_env` names: exactly one of them.
    fn alert_url(
        &mut self,
        a: &Tab<'_, '_, AlertKey>,
        span: std::ops::Range<usize>,
        allow_private: bool,
        env: Env<'_>,
    ) -> Option<Secret<Url>> {
        use AlertKey as K;
        let direct = self.opt_str(a, K::Url);
        let from_env = self.env_name(a, K::UrlEnv, ", not the URL");
        let (text, at, what) = match (direct, from_env) {
            (Some(_), Some(_)) => {
                let at = self.get(a, K::UrlEnv).map_or(span, |v| v.span());
                self.report(at, "give url or url_env, not both");
                return None;
            }
            (None, None) => {
                self.report(
                    span,
                    "an alert needs url_env (the environment variable holding the webhook URL) or url",
                );
                return None;
            }
            (Some(u), None) => (u.get_ref().clone(), u.span(), "url".to_string()),
            (None, Some(name)) => {
                let at = self.get(a, K::UrlEnv).map_or(span, |v| v.span());
                match env(&name).filter(|v| !v.trim().is_empty()) {
                    Some(v) => (v.trim().to_string(), at, format!("${name}")),
                    None => {
                        self.report(
                            at,
                            format!("url_env: the environment variable {name} is not set"),
                        );
                        return None;
                    }
                }
            }
        };
        let url = match Url::parse(&text) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => u,
            // The text is not quoted: it may hold the robot's key.
            Ok(_) => {
                self.report(at, format!("{what} must be an http(s) URL"));
                return None;
            }
            Err(e) => {
                self.report(at, format!("{what} is not a URL ({e})"));
                return None;
            }
        };
        if !allow_private && let Some(why) = crate::net::refused_literal_host(&url) {
            self.report(
                at,
                format!(
                    "{what}: {why}, and alerts, like polls, refuse private networks unless allow_private_networks = true in [poll]"
                ),
            );
            return None;
        }
        Some(Secret::new(url))
    }

    /// The value of the environment variable `key` names; not set is an error.
    fn secret(
        &mut self,
        a: &Tab<'_, '_, AlertKey>,
        key: AlertKey,
        env: Env<'_>,
    ) -> Option<Secret<String>> {
        let name = self.env_name(a, key, ", not the secret itself")?;
        self.env_secret(a, key, &name, env)
    }
}

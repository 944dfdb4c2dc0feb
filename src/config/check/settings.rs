//! The single tables, each optional and each defaulting every key: `[service]`, `[poll]`,
//! `[mail]` and `[stories]`. Defaults are written once, where the key is read.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use chrono_tz::Tz;
use url::Url;

use super::{Checker, Tab, Table, TopKey};
use crate::config::value::parse_size;
use crate::config::{Poll, Service};
use crate::mail::{Mail, MailTls, MailTransport, parse_mailbox};
use crate::stories::Settings;

keys! {
    /// `[service]`: paths, the HTTP server and the published feeds.
    enum ServiceKey in "[service]" {
        DataDir = "data_dir",
        FeedsDir = "feeds_dir",
        TemplatesDir = "templates_dir",
        BaseUrl = "base_url",
        Listen = "listen",
        Timezone = "timezone",
        FeedItems = "feed_items",
        Hubs = "hubs",
        AdminTokenEnv = "admin_token_env",
        HeaderTimeout = "header_timeout",
        RequestTimeout = "request_timeout",
        MaxConnections = "max_connections",
    }
}

keys! {
    /// `[poll]`: how often and how politely sources are fetched.
    enum PollKey in "[poll]" {
        Interval = "interval",
        MinInterval = "min_interval",
        MaxInterval = "max_interval",
        Timeout = "timeout",
        ConnectTimeout = "connect_timeout",
        MaxBody = "max_body",
        UserAgent = "user_agent",
        Concurrency = "concurrency",
        PerHost = "per_host",
        AllowPrivateNetworks = "allow_private_networks",
    }
}

keys! {
    /// `[mail]`: how digests leave.
    enum MailKey in "[mail]" {
        Transport = "transport",
        OutboxDir = "outbox_dir",
        Host = "host",
        Port = "port",
        Tls = "tls",
        Username = "username",
        PasswordEnv = "password_env",
        From = "from",
        Timeout = "timeout",
    }
}

keys! {
    /// `[stories]`: one entry per story across sources.
    enum StoriesKey in "[stories]" {
        Enabled = "enabled",
        Window = "window",
    }
}

/// The longest window accepted: copies a quarter apart are separate news, and the window
/// bounds how long posting lists keep their entries.
const MAX_STORY_WINDOW: Duration = Duration::from_secs(90 * 86_400);

impl Checker<'_> {
    /// `[stories]`: `enabled` (default true) and `window` (default 7 days, at most 90).
    pub(super) fn stories(&mut self, root: &Tab<'_, '_, TopKey>) -> Settings {
        use StoriesKey as K;
        let empty = Table::new();
        let t = self.section::<K>(root, TopKey::Stories, &empty);
        let defaults = Settings::default();
        let enabled = self.opt_bool(&t, K::Enabled).unwrap_or(defaults.enabled);
        let raw = self.opt_str(&t, K::Window);
        let window = match self.duration_of(K::Window, raw.as_ref()) {
            Some(w) if w > MAX_STORY_WINDOW => {
                let span = raw.map_or(0..0, |r| r.span());
                self.report(span, "window must be at most 90d");
                defaults.window
            }
            Some(w) => w,
            None => defaults.window,
        };
        Settings { enabled, window }
    }

    /// `[service]`, and its time zone on its own: subscriptions default to it even when the
    /// section as a whole is unusable (a wrong `base_url`).
    pub(super) fn service(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        dir: &Path,
    ) -> (Tz, Option<Service>) {
        use ServiceKey as K;
        let empty = Table::new();
        let s = self.section::<K>(root, TopKey::Service, &empty);
        let data_dir = self.path(&s, K::DataDir, dir, "data");
        let feeds_dir = self.path(&s, K::FeedsDir, dir, "feeds");
        let templates_dir = self.path(&s, K::TemplatesDir, dir, "templates");
        let listen = self.opt_str(&s, K::Listen);
        let listen = self
            .parsed(K::Listen, listen.as_ref(), |l| {
                l.parse::<SocketAddr>()
                    .map_err(|_| format!("{l:?} is not an address:port such as \"127.0.0.1:8080\""))
            })
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080)));
        let base_url = match self.opt_str(&s, K::BaseUrl) {
            None => Url::parse(&format!("http://{listen}/")).ok(),
            Some(b) => match Url::parse(b.get_ref()) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && !u.cannot_be_a_base() => {
                    let mut u = u;
                    if !u.path().ends_with('/') {
                        let p = format!("{}/", u.path());
                        u.set_path(&p);
                    }
                    Some(u)
                }
                Ok(_) => {
                    self.report(b.span(), "base_url must be an http(s) URL");
                    None
                }
                Err(e) => {
                    self.report(b.span(), format!("base_url {:?}: {e}", b.get_ref()));
                    None
                }
            },
        };
        let timezone = self
            .timezone(&s, K::Timezone, " such as \"Asia/Shanghai\"")
            .unwrap_or(chrono_tz::Asia::Shanghai);
        let feed_items = self.int_in(&s, K::FeedItems, 1..=10_000).unwrap_or(50);
        let mut hubs = Vec::new();
        for h in self.str_list(&s, K::Hubs) {
            let hub = self.parsed(K::Hubs, Some(&h), |h| match Url::parse(h) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(u),
                _ => Err(format!("{h:?} is not an http(s) URL")),
            });
            hubs.extend(hub);
        }
        let admin_token_env = self.env_name(&s, K::AdminTokenEnv, ", not the token");
        let header_timeout = self
            .duration(&s, K::HeaderTimeout)
            .unwrap_or(Duration::from_secs(10));
        let request_timeout = self
            .duration(&s, K::RequestTimeout)
            .unwrap_or(Duration::from_secs(30));
        let max_connections = self
            .int_in(&s, K::MaxConnections, 1..=65_536)
            .unwrap_or(512);
        let service = base_url.map(|base_url| Service {
            data_dir,
            feeds_dir,
            templates_dir,
            base_url,
            listen,
            timezone,
            feed_items,
            hubs,
            admin_token_env,
            header_timeout,
            request_timeout,
            max_connections,
        });
        (timezone, service)
    }

    pub(super) fn poll(&mut self, root: &Tab<'_, '_, TopKey>) -> Poll {
        use PollKey as K;
        let empty = Table::new();
        let p = self.section::<K>(root, TopKey::Poll, &empty);
        let interval = self
            .duration(&p, K::Interval)
            .unwrap_or(Duration::from_secs(15 * 60));
        let min_interval = self
            .duration(&p, K::MinInterval)
            .unwrap_or(Duration::from_secs(60));
        let max_interval = {
            let v = self.opt_str(&p, K::MaxInterval);
            let span = v.as_ref().map(|s| s.span());
            let d = self
                .duration_of(K::MaxInterval, v.as_ref())
                .unwrap_or(Duration::from_secs(24 * 3600));
            if d < min_interval {
                self.report(
                    span.unwrap_or(p.span.clone()),
                    "max_interval must not be shorter than min_interval",
                );
            }
            d
        };
        let timeout = self
            .duration(&p, K::Timeout)
            .unwrap_or(Duration::from_secs(20));
        let connect_timeout = self
            .duration(&p, K::ConnectTimeout)
            .unwrap_or(Duration::from_secs(10));
        let max_body = {
            let v = self.opt_str(&p, K::MaxBody);
            match self.parsed(K::MaxBody, v.as_ref(), parse_size) {
                Some(0) => {
                    let span = v.map_or(0..0, |v| v.span());
                    self.report(span, "max_body must be greater than zero");
                    None
                }
                n => n,
            }
            .unwrap_or(15 << 20)
        };
        let user_agent = self
            .opt_str(&p, K::UserAgent)
            .map(|s| s.into_inner())
            .unwrap_or_else(|| {
                format!(
                    "zonefeed/{} (+https://github.com/zonefeed/zonefeed)",
                    env!("CARGO_PKG_VERSION")
                )
            });
        let concurrency = self.int_in(&p, K::Concurrency, 1..=1024).unwrap_or(16);
        let per_host = self.int_in(&p, K::PerHost, 1..=64).unwrap_or(2);
        let allow_private_networks = self.opt_bool(&p, K::AllowPrivateNetworks).unwrap_or(false);
        Poll {
            interval,
            min_interval,
            max_interval,
            timeout,
            connect_timeout,
            max_body,
            user_agent,
            concurrency,
            per_host,
            allow_private_networks,
        }
    }

    pub(super) fn mail(&mut self, root: &Tab<'_, '_, TopKey>, dir: &Path) -> Mail {
        use MailKey as K;
        let empty = Table::new();
        let m = self.section::<K>(root, TopKey::Mail, &empty);
        let transport = self
            .choice(
                &m,
                K::Transport,
                &[
                    ("smtp", MailTransport::Smtp),
                    ("outbox", MailTransport::Outbox),
                ],
            )
            .unwrap_or(MailTransport::Outbox);
        let outbox_dir = self.path(&m, K::OutboxDir, dir, "outbox");
        let tls = self
            .choice(
                &m,
                K::Tls,
                &[
                    ("none", MailTls::None),
                    ("starttls", MailTls::Starttls),
                    ("tls", MailTls::Tls),
                ],
            )
            .unwrap_or(MailTls::Starttls);
        let port = self.int_in(&m, K::Port, 1..=65535).unwrap_or(match tls {
            MailTls::Tls => 465,
            MailTls::Starttls => 587,
            MailTls::None => 25,
        });
        let host = self
            .opt_str(&m, K::Host)
            .map(|h| h.into_inner())
            .unwrap_or_else(|| "127.0.0.1".into());
        let username = self.opt_str(&m, K::Username).map(|u| u.into_inner());
        let password_env = self.env_name(
            &m,
            K::PasswordEnv,
            "; the password itself never goes in this file",
        );
        if transport == MailTransport::Smtp
            && username.is_some()
            && password_env.is_none()
            && let Some(u) = self.get(&m, K::Username)
        {
            self.report(
                u.span(),
                "username needs password_env (the environment variable holding the password)",
            );
        }
        let (from_name, from_addr) = match self.opt_str(&m, K::From) {
            None => (
                Some("zonefeed".to_string()),
                "zonefeed@localhost".to_string(),
            ),
            Some(f) => self
                .parsed(K::From, Some(&f), parse_mailbox)
                .unwrap_or((None, "zonefeed@localhost".to_string())),
        };
        let timeout = self
            .duration(&m, K::Timeout)
            .unwrap_or(Duration::from_secs(30));
        Mail {
            transport,
            outbox_dir,
            host,
            port,
            tls,
            username,
            password_env,
            from_name,
            from_addr,
            timeout,
        }
    }
}

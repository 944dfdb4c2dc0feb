//! The checker: walks the parsed TOML document section by section, reports every problem
//! it finds (each at its file position) and builds a [`Config`] only when there were none.
//!
//! Invariants: a problem never stops the walk (the admin sees all of them in one run);
//! problems are reported in file order (ties keep the order they were found in); a
//! [`Config`] that comes out has every reference resolved and every path absolute.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use url::Url;

use super::value::{closest, kind, line_col, parse_duration, parse_size, valid_id};
use super::{
    Config, Lookup, Poll, Problem, Region, Service, Source, SourceKind, SourceUrl, Subscription,
    Zone,
};
use crate::mail::{Mail, MailTls, MailTransport};
use crate::scrape::{
    ArticleRules, DEFAULT_ARTICLE_DATE, DEFAULT_ARTICLE_SOURCE, DEFAULT_ARTICLE_ZONE, Field,
    HtmlRules, Sel,
};

/// Checks `text`; relative paths resolve against `dir`. Every problem found, in file order,
/// or the config (its `path` and lookups are the caller's to fill in).
pub(super) fn check(text: &str, dir: &Path) -> Result<Config, Vec<Problem>> {
    let mut cx = Checker {
        text,
        problems: Vec::new(),
    };
    let config = match DeTable::parse(text) {
        Ok(doc) => cx.config(doc.get_ref(), dir),
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().to_string();
            cx.report(at..at, message);
            None
        }
    };
    let mut problems = cx.problems;
    match config {
        Some(c) if problems.is_empty() => Ok(c),
        _ => {
            problems.sort_by_key(|p| (p.line, p.column));
            Err(problems)
        }
    }
}

type Table<'i> = DeTable<'i>;
type Val<'i> = Spanned<DeValue<'i>>;

/// Collects problems while walking the document.
struct Checker<'t> {
    text: &'t str,
    problems: Vec<Problem>,
}

/// One TOML table being read: remembers which keys were used so the rest can be reported.
struct Tab<'a, 'i> {
    table: &'a Table<'i>,
    span: Range<usize>,
    /// e.g. "[[sources]]" for messages.
    what: String,
    allowed: &'static [&'static str],
}

impl<'t> Checker<'t> {
    fn report(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = line_col(self.text, span.start);
        self.problems.push(Problem {
            line,
            column,
            message: message.into(),
        });
    }

    fn open<'a, 'i>(
        &mut self,
        table: &'a Table<'i>,
        span: Range<usize>,
        what: &str,
        allowed: &'static [&'static str],
    ) -> Tab<'a, 'i> {
        for (k, _) in table.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let hint = closest(k.get_ref(), allowed)
                    .map(|c| format!(" (did you mean {c:?}?)"))
                    .unwrap_or_default();
                self.report(
                    k.span(),
                    format!(
                        "unknown key {:?} in {what}{hint}; allowed: {}",
                        k.get_ref(),
                        allowed.join(", ")
                    ),
                );
            }
        }
        Tab {
            table,
            span,
            what: what.to_string(),
            allowed,
        }
    }

    fn get<'a, 'i>(&self, tab: &Tab<'a, 'i>, key: &str) -> Option<&'a Val<'i>> {
        debug_assert!(tab.allowed.contains(&key));
        tab.table.get(key)
    }

    fn opt_str(&mut self, tab: &Tab<'_, '_>, key: &str) -> Option<Spanned<String>> {
        let v = self.get(tab, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(v.span(), s.to_string())),
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{key} in {} must be a string, not {}",
                        tab.what,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn req_str(&mut self, tab: &Tab<'_, '_>, key: &str) -> Option<Spanned<String>> {
        if self.get(tab, key).is_none() {
            self.report(
                tab.span.clone(),
                format!("{} is missing required key {key:?}", tab.what),
            );
            return None;
        }
        let v = self.opt_str(tab, key)?;
        if v.get_ref().trim().is_empty() {
            self.report(v.span(), format!("{key} in {} must not be empty", tab.what));
            return None;
        }
        Some(v)
    }

    fn opt_int(&mut self, tab: &Tab<'_, '_>, key: &str) -> Option<Spanned<i64>> {
        let v = self.get(tab, key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Spanned::new(v.span(), n)),
                Err(_) => {
                    self.report(v.span(), format!("{key}: integer out of range"));
                    None
                }
            },
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{key} in {} must be an integer, not {}",
                        tab.what,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn opt_bool(&mut self, tab: &Tab<'_, '_>, key: &str) -> Option<bool> {
        let v = self.get(tab, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{key} in {} must be true or false, not {}",
                        tab.what,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn str_list(&mut self, tab: &Tab<'_, '_>, key: &str) -> Vec<Spanned<String>> {
        let Some(v) = self.get(tab, key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.trim().is_empty() => {
                            out.push(Spanned::new(item.span(), s.to_string()))
                        }
                        DeValue::String(_) => {
                            self.report(item.span(), format!("{key}: empty string"))
                        }
                        other => self.report(
                            item.span(),
                            format!("{key} must hold strings, not {}", kind(other)),
                        ),
                    }
                }
                out
            }
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{key} in {} must be an array of strings, not {}",
                        tab.what,
                        kind(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn opt_table<'a, 'i>(
        &mut self,
        root: &Tab<'a, 'i>,
        key: &str,
    ) -> Option<(&'a Table<'i>, Range<usize>)> {
        let v = self.get(root, key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            other => {
                self.report(
                    v.span(),
                    format!("{key} must be a table ([{key}]), not {}", kind(other)),
                );
                None
            }
        }
    }

    fn tables<'a, 'i>(
        &mut self,
        root: &Tab<'a, 'i>,
        key: &str,
    ) -> Vec<(&'a Table<'i>, Range<usize>)> {
        let Some(v) = self.get(root, key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span())),
                    other => {
                        self.report(
                            item.span(),
                            format!("{key} must hold tables ([[{key}]]), not {}", kind(other)),
                        );
                        None
                    }
                })
                .collect(),
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{key} must be an array of tables ([[{key}]]), not {}",
                        kind(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn duration(&mut self, v: Option<Spanned<String>>, key: &str, default: Duration) -> Duration {
        match v {
            None => default,
            Some(s) => match parse_duration(s.get_ref()) {
                Ok(d) if d.is_zero() => {
                    self.report(s.span(), format!("{key} must be greater than zero"));
                    default
                }
                Ok(d) => d,
                Err(e) => {
                    self.report(s.span(), format!("{key}: {e}"));
                    default
                }
            },
        }
    }

    fn path(&mut self, v: Option<Spanned<String>>, dir: &Path, default: &str) -> PathBuf {
        let raw = v.map(|s| s.into_inner()).unwrap_or_else(|| default.into());
        dir.join(raw)
    }

    fn config(&mut self, doc: &Table<'_>, dir: &Path) -> Option<Config> {
        let root = self.open(
            doc,
            0..0,
            "the top level",
            &[
                "service",
                "poll",
                "regions",
                "zones",
                "sources",
                "mail",
                "subscriptions",
            ],
        );

        // [service]
        let empty = Table::new();
        let (st, sspan) = self.opt_table(&root, "service").unwrap_or((&empty, 0..0));
        let s = self.open(
            st,
            sspan,
            "[service]",
            &[
                "data_dir",
                "feeds_dir",
                "templates_dir",
                "base_url",
                "listen",
                "timezone",
                "feed_items",
                "hubs",
                "admin_token_env",
                "header_timeout",
                "request_timeout",
                "max_connections",
            ],
        );
        let data_dir = {
            let v = self.opt_str(&s, "data_dir");
            self.path(v, dir, "data")
        };
        let feeds_dir = {
            let v = self.opt_str(&s, "feeds_dir");
            self.path(v, dir, "feeds")
        };
        let templates_dir = {
            let v = self.opt_str(&s, "templates_dir");
            self.path(v, dir, "templates")
        };
        let listen_raw = self.opt_str(&s, "listen");
        let listen: SocketAddr = match &listen_raw {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(l) => match l.get_ref().parse() {
                Ok(a) => a,
                Err(_) => {
                    self.report(
                        l.span(),
                        format!(
                            "listen: {:?} is not an address:port such as \"127.0.0.1:8080\"",
                            l.get_ref()
                        ),
                    );
                    SocketAddr::from(([127, 0, 0, 1], 8080))
                }
            },
        };
        let base_url = match self.opt_str(&s, "base_url") {
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
        let timezone = match self.opt_str(&s, "timezone") {
            None => chrono_tz::Asia::Shanghai,
            Some(t) => match t.get_ref().parse::<Tz>() {
                Ok(tz) => tz,
                Err(_) => {
                    self.report(
                        t.span(),
                        format!(
                            "timezone {:?} is not an IANA time zone name such as \"Asia/Shanghai\"",
                            t.get_ref()
                        ),
                    );
                    chrono_tz::Asia::Shanghai
                }
            },
        };
        let feed_items = match self.opt_int(&s, "feed_items") {
            None => 50,
            Some(n) if (1..=10_000).contains(n.get_ref()) => *n.get_ref() as usize,
            Some(n) => {
                self.report(n.span(), "feed_items must be between 1 and 10000");
                50
            }
        };

        let mut hubs = Vec::new();
        for h in self.str_list(&s, "hubs") {
            match Url::parse(h.get_ref()) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => hubs.push(u),
                _ => self.report(
                    h.span(),
                    format!("hubs: {:?} is not an http(s) URL", h.get_ref()),
                ),
            }
        }
        let admin_token_env = match self.opt_str(&s, "admin_token_env") {
            Some(v)
                if v.get_ref()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                Some(v.into_inner())
            }
            Some(v) => {
                self.report(
                    v.span(),
                    "admin_token_env names an environment variable (letters, digits, _), not the token",
                );
                None
            }
            None => None,
        };
        let header_timeout = {
            let v = self.opt_str(&s, "header_timeout");
            self.duration(v, "header_timeout", Duration::from_secs(10))
        };
        let request_timeout = {
            let v = self.opt_str(&s, "request_timeout");
            self.duration(v, "request_timeout", Duration::from_secs(30))
        };
        let max_connections = match self.opt_int(&s, "max_connections") {
            None => 512,
            Some(n) if (1..=65_536).contains(n.get_ref()) => *n.get_ref() as usize,
            Some(n) => {
                self.report(n.span(), "max_connections must be between 1 and 65536");
                512
            }
        };

        // [poll]
        let (pt, pspan) = self.opt_table(&root, "poll").unwrap_or((&empty, 0..0));
        let p = self.open(
            pt,
            pspan,
            "[poll]",
            &[
                "interval",
                "min_interval",
                "max_interval",
                "timeout",
                "connect_timeout",
                "max_body",
                "user_agent",
                "concurrency",
                "per_host",
                "allow_private_networks",
            ],
        );
        let interval = {
            let v = self.opt_str(&p, "interval");
            self.duration(v, "interval", Duration::from_secs(15 * 60))
        };
        let min_interval = {
            let v = self.opt_str(&p, "min_interval");
            self.duration(v, "min_interval", Duration::from_secs(60))
        };
        let max_interval = {
            let v = self.opt_str(&p, "max_interval");
            let span = v.as_ref().map(|s| s.span());
            let d = self.duration(v, "max_interval", Duration::from_secs(24 * 3600));
            if d < min_interval {
                self.report(
                    span.unwrap_or(p.span.clone()),
                    "max_interval must not be shorter than min_interval",
                );
            }
            d
        };
        let timeout = {
            let v = self.opt_str(&p, "timeout");
            self.duration(v, "timeout", Duration::from_secs(20))
        };
        let connect_timeout = {
            let v = self.opt_str(&p, "connect_timeout");
            self.duration(v, "connect_timeout", Duration::from_secs(10))
        };
        let max_body = match self.opt_str(&p, "max_body") {
            None => 15 << 20,
            Some(m) => match parse_size(m.get_ref()) {
                Ok(0) => {
                    self.report(m.span(), "max_body must be greater than zero");
                    15 << 20
                }
                Ok(n) => n,
                Err(e) => {
                    self.report(m.span(), format!("max_body: {e}"));
                    15 << 20
                }
            },
        };
        let user_agent = self
            .opt_str(&p, "user_agent")
            .map(|s| s.into_inner())
            .unwrap_or_else(|| {
                format!(
                    "zonefeed/{} (+https://github.com/zonefeed/zonefeed)",
                    env!("CARGO_PKG_VERSION")
                )
            });
        let concurrency = match self.opt_int(&p, "concurrency") {
            None => 16,
            Some(n) if (1..=1024).contains(n.get_ref()) => *n.get_ref() as usize,
            Some(n) => {
                self.report(n.span(), "concurrency must be between 1 and 1024");
                16
            }
        };
        let per_host = match self.opt_int(&p, "per_host") {
            None => 2,
            Some(n) if (1..=64).contains(n.get_ref()) => *n.get_ref() as usize,
            Some(n) => {
                self.report(n.span(), "per_host must be between 1 and 64");
                2
            }
        };
        let allow_private_networks = self.opt_bool(&p, "allow_private_networks").unwrap_or(false);

        // [[regions]]
        let mut regions = Vec::new();
        let mut region_spans: HashMap<String, Range<usize>> = HashMap::new();
        let mut parent_refs = Vec::new();
        for (t, span) in self.tables(&root, "regions") {
            let r = self.open(t, span, "[[regions]]", &["id", "name", "parent"]);
            let id = self.req_str(&r, "id");
            let name = self.req_str(&r, "name");
            let parent = self.opt_str(&r, "parent");
            let Some(id) = id else { continue };
            if !self.check_id(&id, "region", &mut region_spans) {
                continue;
            }
            if let Some(p) = &parent {
                parent_refs.push((id.get_ref().clone(), p.clone()));
            }
            regions.push(Region {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()).unwrap_or_default(),
                parent: parent.map(|p| p.into_inner()),
            });
        }
        let region_ids: HashSet<&str> = regions.iter().map(|r| r.id.as_str()).collect();
        for (_, p) in &parent_refs {
            if !region_ids.contains(p.get_ref().as_str()) {
                self.report(p.span(), unknown_ref("region", p.get_ref(), &region_ids));
            }
        }
        // Cycles: walk up from each region; revisiting one means a loop.
        let parents: BTreeMap<&str, &str> = regions
            .iter()
            .filter_map(|r| r.parent.as_deref().map(|p| (r.id.as_str(), p)))
            .collect();
        let mut reported = HashSet::new();
        for r in &regions {
            let mut seen = vec![r.id.as_str()];
            let mut cur = r.id.as_str();
            while let Some(&p) = parents.get(cur) {
                if let Some(pos) = seen.iter().position(|s| *s == p) {
                    let cycle: Vec<&str> = seen[pos..].to_vec();
                    let mut key: Vec<&str> = cycle.clone();
                    key.sort();
                    if reported.insert(key.join(",")) {
                        let span = region_spans.get(p).cloned().unwrap_or(0..0);
                        let mut path = cycle.clone();
                        path.push(p);
                        self.report(
                            span,
                            format!("region parents form a cycle: {}", path.join(" -> ")),
                        );
                    }
                    break;
                }
                seen.push(p);
                cur = p;
            }
        }

        // [[zones]]
        let mut zones = Vec::new();
        let mut zone_spans = HashMap::new();
        let mut names_seen: HashMap<String, String> = HashMap::new();
        for (t, span) in self.tables(&root, "zones") {
            let z = self.open(t, span, "[[zones]]", &["id", "name", "region", "aliases"]);
            let id = self.req_str(&z, "id");
            let name = self.req_str(&z, "name");
            let region = self.req_str(&z, "region");
            let aliases = self.str_list(&z, "aliases");
            let Some(id) = id else { continue };
            if !self.check_id(&id, "zone", &mut zone_spans) {
                continue;
            }
            if let Some(r) = &region
                && !region_ids.contains(r.get_ref().as_str())
            {
                self.report(r.span(), unknown_ref("region", r.get_ref(), &region_ids));
            }
            // A name or alias shared by two zones would make text classification ambiguous.
            for n in name.iter().chain(aliases.iter()) {
                match names_seen.get(n.get_ref()) {
                    Some(other) if other != id.get_ref() => self.report(
                        n.span(),
                        format!(
                            "zone name or alias {:?} is already used by zone {other:?}",
                            n.get_ref()
                        ),
                    ),
                    _ => {
                        names_seen.insert(n.get_ref().clone(), id.get_ref().clone());
                    }
                }
            }
            zones.push(Zone {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()).unwrap_or_default(),
                region: region.map(|r| r.into_inner()).unwrap_or_default(),
                aliases: aliases.into_iter().map(|a| a.into_inner()).collect(),
            });
        }
        let zone_ids: HashSet<&str> = zones.iter().map(|z| z.id.as_str()).collect();

        // [[sources]]
        let mut sources = Vec::new();
        let mut source_spans = HashMap::new();
        for (t, span) in self.tables(&root, "sources") {
            let so = self.open(
                t,
                span,
                "[[sources]]",
                &[
                    "id", "name", "kind", "url", "region", "zone", "interval", "schedule",
                    "charset", "list", "article",
                ],
            );
            let kind = self.source_kind(&so);
            let id = self.req_str(&so, "id");
            let name = self.opt_str(&so, "name");
            let url = self.req_str(&so, "url");
            let region = self.req_str(&so, "region");
            let zone = self.opt_str(&so, "zone");
            let interval_raw = self.opt_str(&so, "interval");
            let interval_span = interval_raw.as_ref().map(|s| s.span());
            let interval = self.duration(interval_raw, "interval", interval);
            let schedule = match self.opt_str(&so, "schedule") {
                None => None,
                Some(c) => match crate::schedule::CronSchedule::parse(c.get_ref()) {
                    Ok(s) => {
                        if let Some(span) = interval_span.clone() {
                            self.report(span, "set either interval or schedule, not both");
                        }
                        Some(s)
                    }
                    Err(e) => {
                        self.report(c.span(), format!("schedule: {e}"));
                        None
                    }
                },
            };
            let charset = match self.opt_str(&so, "charset") {
                None => None,
                Some(c) => match encoding_rs::Encoding::for_label(c.get_ref().trim().as_bytes()) {
                    Some(e) => Some(e),
                    None => {
                        self.report(
                            c.span(),
                            format!(
                                "charset {:?} is not a known encoding label (e.g. \"gbk\", \"gb18030\", \"big5\", \"utf-8\")",
                                c.get_ref()
                            ),
                        );
                        None
                    }
                },
            };
            let parsed_url = url
                .as_ref()
                .and_then(|u| match SourceUrl::parse(u.get_ref(), dir) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        self.report(u.span(), format!("url: {e}"));
                        None
                    }
                });
            if let Some(r) = &region
                && !region_ids.contains(r.get_ref().as_str())
            {
                self.report(r.span(), unknown_ref("region", r.get_ref(), &region_ids));
            }
            if let Some(z) = &zone
                && !zone_ids.contains(z.get_ref().as_str())
            {
                self.report(z.span(), unknown_ref("zone", z.get_ref(), &zone_ids));
            }
            let Some(id) = id else { continue };
            if !self.check_id(&id, "source", &mut source_spans) {
                continue;
            }
            let (Some(url), Some(region)) = (parsed_url, region) else {
                continue;
            };
            sources.push(Source {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()),
                url,
                region: region.into_inner(),
                zone: zone.map(|z| z.into_inner()),
                interval,
                schedule,
                charset,
                kind,
            });
        }

        let mail = self.mail(&root, dir);
        let subscriptions = self.subscriptions(&root, timezone, &region_ids, &zone_ids);

        let base_url = base_url?;
        Some(Config {
            path: PathBuf::new(),
            warnings: Vec::new(),
            service: Service {
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
            },
            poll: Poll {
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
            },
            regions,
            zones,
            sources,
            mail,
            subscriptions,
            lookup: Lookup::default(),
        })
    }

    fn mail(&mut self, root: &Tab<'_, '_>, dir: &Path) -> Mail {
        let empty = Table::new();
        let (mt, mspan) = self.opt_table(root, "mail").unwrap_or((&empty, 0..0));
        let m = self.open(
            mt,
            mspan,
            "[mail]",
            &[
                "transport",
                "outbox_dir",
                "host",
                "port",
                "tls",
                "username",
                "password_env",
                "from",
                "timeout",
            ],
        );
        let transport = match self.opt_str(&m, "transport") {
            None => MailTransport::Outbox,
            Some(t) => match t.get_ref().as_str() {
                "smtp" => MailTransport::Smtp,
                "outbox" => MailTransport::Outbox,
                other => {
                    self.report(
                        t.span(),
                        format!("transport must be \"smtp\" or \"outbox\", not {other:?}"),
                    );
                    MailTransport::Outbox
                }
            },
        };
        let outbox_dir = {
            let v = self.opt_str(&m, "outbox_dir");
            self.path(v, dir, "outbox")
        };
        let tls = match self.opt_str(&m, "tls") {
            None => MailTls::Starttls,
            Some(t) => match t.get_ref().as_str() {
                "none" => MailTls::None,
                "starttls" => MailTls::Starttls,
                "tls" => MailTls::Tls,
                other => {
                    self.report(
                        t.span(),
                        format!("tls must be \"none\", \"starttls\" or \"tls\", not {other:?}"),
                    );
                    MailTls::Starttls
                }
            },
        };
        let port = match self.opt_int(&m, "port") {
            None => match tls {
                MailTls::Tls => 465,
                MailTls::Starttls => 587,
                MailTls::None => 25,
            },
            Some(p) if (1..=65535).contains(p.get_ref()) => *p.get_ref() as u16,
            Some(p) => {
                self.report(p.span(), "port must be between 1 and 65535");
                587
            }
        };
        let host = self
            .opt_str(&m, "host")
            .map(|h| h.into_inner())
            .unwrap_or_else(|| "127.0.0.1".into());
        let username = self.opt_str(&m, "username").map(|u| u.into_inner());
        let password_env = match self.opt_str(&m, "password_env") {
            Some(p)
                if p.get_ref()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                Some(p.into_inner())
            }
            Some(p) => {
                self.report(
                    p.span(),
                    "password_env names an environment variable (letters, digits, _); the password itself never goes in this file",
                );
                None
            }
            None => None,
        };
        if transport == MailTransport::Smtp
            && username.is_some()
            && password_env.is_none()
            && let Some(u) = self.get(&m, "username")
        {
            self.report(
                u.span(),
                "username needs password_env (the environment variable holding the password)",
            );
        }
        let (from_name, from_addr) = match self.opt_str(&m, "from") {
            None => (
                Some("zonefeed".to_string()),
                "zonefeed@localhost".to_string(),
            ),
            Some(f) => match crate::mail::parse_mailbox(f.get_ref()) {
                Ok((n, a)) => (n, a),
                Err(e) => {
                    self.report(f.span(), format!("from: {e}"));
                    (None, "zonefeed@localhost".to_string())
                }
            },
        };
        let timeout = {
            let v = self.opt_str(&m, "timeout");
            self.duration(v, "timeout", Duration::from_secs(30))
        };
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

    fn subscriptions(
        &mut self,
        root: &Tab<'_, '_>,
        default_tz: Tz,
        region_ids: &HashSet<&str>,
        zone_ids: &HashSet<&str>,
    ) -> Vec<Subscription> {
        let mut out = Vec::new();
        let mut spans = HashMap::new();
        for (t, span) in self.tables(root, "subscriptions") {
            let s = self.open(
                t,
                span,
                "[[subscriptions]]",
                &[
                    "id",
                    "email",
                    "name",
                    "regions",
                    "zones",
                    "keywords",
                    "exclude",
                    "schedule",
                    "timezone",
                    "max_items",
                    "send_empty",
                    "backfill",
                ],
            );
            let id = self.req_str(&s, "id");
            let email = self.req_str(&s, "email");
            let name = self.opt_str(&s, "name").map(|n| n.into_inner());
            let regions = self.str_list(&s, "regions");
            let zones = self.str_list(&s, "zones");
            for r in &regions {
                if !region_ids.contains(r.get_ref().as_str()) {
                    self.report(r.span(), unknown_ref("region", r.get_ref(), region_ids));
                }
            }
            for z in &zones {
                if !zone_ids.contains(z.get_ref().as_str()) {
                    self.report(z.span(), unknown_ref("zone", z.get_ref(), zone_ids));
                }
            }
            let keywords = self.str_list(&s, "keywords");
            let exclude = self.str_list(&s, "exclude");
            let schedule = match self.req_str(&s, "schedule") {
                None => None,
                Some(c) => match crate::schedule::CronSchedule::parse(c.get_ref()) {
                    Ok(cs) => Some(cs),
                    Err(e) => {
                        self.report(c.span(), format!("schedule: {e}"));
                        None
                    }
                },
            };
            let timezone = match self.opt_str(&s, "timezone") {
                None => default_tz,
                Some(t) => match t.get_ref().parse::<Tz>() {
                    Ok(tz) => tz,
                    Err(_) => {
                        self.report(
                            t.span(),
                            format!("timezone {:?} is not an IANA time zone name", t.get_ref()),
                        );
                        default_tz
                    }
                },
            };
            let max_items = match self.opt_int(&s, "max_items") {
                None => 50,
                Some(n) if (1..=1000).contains(n.get_ref()) => *n.get_ref() as usize,
                Some(n) => {
                    self.report(n.span(), "max_items must be between 1 and 1000");
                    50
                }
            };
            let send_empty = self.opt_bool(&s, "send_empty").unwrap_or(false);
            let backfill = {
                let v = self.opt_str(&s, "backfill");
                self.duration(v, "backfill", Duration::from_secs(24 * 3600))
            };
            let email = email.and_then(|e| match crate::mail::parse_address(e.get_ref()) {
                Ok(a) => Some(a),
                Err(err) => {
                    self.report(e.span(), format!("email: {err}"));
                    None
                }
            });
            let Some(id) = id else { continue };
            if !self.check_id(&id, "subscription", &mut spans) {
                continue;
            }
            let (Some(email), Some(schedule)) = (email, schedule) else {
                continue;
            };
            out.push(Subscription {
                id: id.into_inner(),
                email,
                name,
                regions: regions.into_iter().map(|r| r.into_inner()).collect(),
                zones: zones.into_iter().map(|z| z.into_inner()).collect(),
                keywords: keywords.into_iter().map(|k| k.into_inner()).collect(),
                exclude: exclude.into_iter().map(|k| k.into_inner()).collect(),
                schedule,
                timezone,
                max_items,
                send_empty,
                backfill,
            });
        }
        out
    }

    fn selector(&mut self, tab: &Tab<'_, '_>, key: &str) -> Option<Sel> {
        let v = self.opt_str(tab, key)?;
        match Sel::parse(v.get_ref()) {
            Ok(sel) => Some(sel),
            Err(e) => {
                self.report(
                    v.span(),
                    format!("{key}: invalid CSS selector {:?}: {e}", v.get_ref()),
                );
                None
            }
        }
    }

    fn regex(
        &mut self,
        tab: &Tab<'_, '_>,
        key: &str,
        default: Option<&str>,
    ) -> Option<regex::Regex> {
        let (text, span) = match self.opt_str(tab, key) {
            Some(v) => (v.get_ref().clone(), Some(v.span())),
            None => (default?.to_string(), None),
        };
        match regex::Regex::new(&text) {
            Ok(r) => Some(r),
            Err(e) => {
                let msg = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                self.report(
                    span.unwrap_or(tab.span.clone()),
                    format!("{key}: invalid regular expression {text:?}: {msg}"),
                );
                None
            }
        }
    }

    fn field(&mut self, tab: &Tab<'_, '_>, key: &str, default_regex: Option<&str>) -> Field {
        let selector = self.selector(tab, key);
        // A default pattern applies only when the admin gave neither selector nor pattern.
        let default = if selector.is_none() {
            default_regex
        } else {
            None
        };
        Field {
            selector,
            regex: self.regex(tab, &format!("{key}_regex"), default),
        }
    }

    /// `kind` plus the `[sources.list]` / `[sources.article]` rule tables.
    fn source_kind(&mut self, so: &Tab<'_, '_>) -> SourceKind {
        let kind = self.opt_str(so, "kind");
        let is_html = match &kind {
            None => false,
            Some(k) if k.get_ref() == "feed" => false,
            Some(k) if k.get_ref() == "html" => true,
            Some(k) => {
                self.report(
                    k.span(),
                    format!("kind must be \"feed\" or \"html\", not {:?}", k.get_ref()),
                );
                false
            }
        };
        let list = self.opt_table(so, "list");
        let article = self.opt_table(so, "article");
        if !is_html {
            for (key, t) in [("list", &list), ("article", &article)] {
                if let Some((_, span)) = t {
                    self.report(
                        span.clone(),
                        format!("[sources.{key}] rules need kind = \"html\" on the source"),
                    );
                }
            }
            return SourceKind::Feed;
        }
        let Some((lt, lspan)) = list else {
            self.report(
                so.span.clone(),
                "an html source needs a [sources.list] table with at least `item = \"CSS selector\"`",
            );
            return SourceKind::Feed;
        };
        let l = self.open(
            lt,
            lspan,
            "[sources.list]",
            &[
                "item",
                "title",
                "title_regex",
                "link",
                "link_attr",
                "date",
                "date_regex",
                "summary",
            ],
        );
        if self.get(&l, "item").is_none() {
            self.report(
                l.span.clone(),
                "[sources.list] is missing required key \"item\"",
            );
        }
        let item = self.selector(&l, "item");
        let title = self.field(&l, "title", None);
        let link = self.selector(&l, "link");
        let link_attr = self
            .opt_str(&l, "link_attr")
            .map(|s| s.into_inner())
            .unwrap_or_else(|| "href".into());
        let date = self.field(&l, "date", None);
        let summary = self.selector(&l, "summary");
        let article = article.map(|(at, aspan)| {
            let a = self.open(
                at,
                aspan,
                "[sources.article]",
                &[
                    "content",
                    "date",
                    "date_regex",
                    "source",
                    "source_regex",
                    "zone",
                    "zone_regex",
                    "max_per_poll",
                ],
            );
            let max_per_poll = match self.opt_int(&a, "max_per_poll") {
                None => 20,
                Some(n) if (0..=1000).contains(n.get_ref()) => *n.get_ref() as usize,
                Some(n) => {
                    self.report(n.span(), "max_per_poll must be between 0 and 1000");
                    20
                }
            };
            ArticleRules {
                content: self.selector(&a, "content"),
                date: self.field(&a, "date", Some(DEFAULT_ARTICLE_DATE)),
                source: self.field(&a, "source", Some(DEFAULT_ARTICLE_SOURCE)),
                zone: self.field(&a, "zone", Some(DEFAULT_ARTICLE_ZONE)),
                max_per_poll,
            }
        });
        match item {
            Some(item) => SourceKind::Html(Box::new(HtmlRules {
                item,
                title,
                link,
                link_attr,
                date,
                summary,
                article,
            })),
            None => SourceKind::Feed,
        }
    }

    /// Checks an id's spelling and uniqueness within its kind; false if it must be skipped.
    fn check_id(
        &mut self,
        id: &Spanned<String>,
        kind: &str,
        seen: &mut HashMap<String, Range<usize>>,
    ) -> bool {
        if !valid_id(id.get_ref()) {
            self.report(
                id.span(),
                format!(
                    "{kind} id {:?} must be lowercase letters, digits, '-' or '_' (it becomes a file name)",
                    id.get_ref()
                ),
            );
            return false;
        }
        if let Some(first) = seen.get(id.get_ref()) {
            let (l, c) = line_col(self.text, first.start);
            self.report(
                id.span(),
                format!(
                    "duplicate {kind} id {:?} (first defined at line {l}, column {c})",
                    id.get_ref()
                ),
            );
            return false;
        }
        seen.insert(id.get_ref().clone(), id.span());
        true
    }
}

fn unknown_ref(kind: &str, id: &str, known: &HashSet<&str>) -> String {
    let known_list: Vec<&str> = {
        let mut v: Vec<&str> = known.iter().copied().collect();
        v.sort();
        v
    };
    match closest(id, &known_list) {
        Some(c) => format!("unknown {kind} {id:?} (did you mean {c:?}?)"),
        None => format!("unknown {kind} {id:?}"),
    }
}

//! `config.toml`: the admin's interface, parsed once at the edge into a checked [`Config`].
//!
//! The file is read as a *spanned* TOML document and walked by hand rather than through
//! `serde(deny_unknown_fields)`, because serde stops at the first problem while an admin wants
//! every mistake at once, each as `config.toml:LINE:COLUMN: message`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use url::Url;

use crate::mail::{Mail, MailTls, MailTransport};
use crate::scrape::{
    ArticleRules, DEFAULT_ARTICLE_DATE, DEFAULT_ARTICLE_SOURCE, DEFAULT_ARTICLE_ZONE, Field,
    HtmlRules, Sel,
};

/// A checked configuration. Every reference in it resolves; every path is absolute.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was loaded from (as given, for messages).
    pub path: PathBuf,
    pub service: Service,
    pub poll: Poll,
    pub regions: Vec<Region>,
    pub zones: Vec<Zone>,
    pub sources: Vec<Source>,
    pub mail: Mail,
    pub subscriptions: Vec<Subscription>,
    /// Not errors, but worth an admin's attention (e.g. a config file anyone may edit).
    pub warnings: Vec<String>,
    /// Positions by id, built once at load: a publish of 2,800 feeds looks regions, zones and
    /// sources up millions of times, and a linear `find` made that quadratic.
    lookup: Lookup,
}

/// Where each id sits in the config's lists. Every lookup checks the id at the position it
/// finds, and falls back to a scan if the lists were changed after loading.
#[derive(Debug, Clone, Default)]
struct Lookup {
    regions: HashMap<String, usize>,
    zones: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    subscriptions: HashMap<String, usize>,
    /// Child regions of each region, in config order, and how many regions there were.
    children: HashMap<String, Vec<usize>>,
    region_count: usize,
}

impl Lookup {
    fn build(config: &Config) -> Lookup {
        fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
            let mut m = HashMap::new();
            for (i, id) in ids.enumerate() {
                m.entry(id.clone()).or_insert(i);
            }
            m
        }
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in config.regions.iter().enumerate() {
            if let Some(p) = &r.parent {
                children.entry(p.clone()).or_default().push(i);
            }
        }
        Lookup {
            regions: positions(config.regions.iter().map(|r| &r.id)),
            zones: positions(config.zones.iter().map(|z| &z.id)),
            sources: positions(config.sources.iter().map(|s| &s.id)),
            subscriptions: positions(config.subscriptions.iter().map(|s| &s.id)),
            children,
            region_count: config.regions.len(),
        }
    }
}

/// `list[map[id]]` when it still has that id, else the first with that id.
fn find_by_id<'a, T>(
    list: &'a [T],
    map: &HashMap<String, usize>,
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    match map.get(id).and_then(|&i| list.get(i)) {
        Some(x) if id_of(x) == id => Some(x),
        _ => list.iter().find(|x| id_of(x) == id),
    }
}

/// `[[subscriptions]]`: one recipient's digest.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    /// Any of these regions (with the regions below them) …
    pub regions: Vec<String>,
    /// … or these zones. Both empty: everything.
    pub zones: Vec<String>,
    /// Keep only items containing any of these (when given).
    pub keywords: Vec<String>,
    /// Drop items containing any of these.
    pub exclude: Vec<String>,
    pub schedule: crate::schedule::CronSchedule,
    pub timezone: Tz,
    pub max_items: usize,
    pub send_empty: bool,
    /// A new subscription's first digest covers items first seen this long ago.
    pub backfill: Duration,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub data_dir: PathBuf,
    pub feeds_dir: PathBuf,
    pub templates_dir: PathBuf,
    /// Public URL of `feeds_dir`; always ends with `/` so joins stay inside it.
    pub base_url: Url,
    pub listen: SocketAddr,
    pub timezone: Tz,
    pub feed_items: usize,
    /// WebSub hubs every feed advertises and that are pinged when a feed changes.
    pub hubs: Vec<Url>,
    /// Environment variable holding the token `/status` wants from non-loopback clients.
    pub admin_token_env: Option<String>,
    /// HTTP: a client must send its request head within this long (slowloris), and an idle
    /// keep-alive connection is closed after it.
    pub header_timeout: Duration,
    /// HTTP: a whole request, body included, must be read and answered within this long.
    pub request_timeout: Duration,
    /// HTTP: connections served at once; more wait in the kernel's accept queue.
    pub max_connections: usize,
}

#[derive(Debug, Clone)]
pub struct Poll {
    pub interval: Duration,
    /// Server hints (`<ttl>`, Cache-Control, Expires, Retry-After) and backoff are clamped
    /// to `[min_interval, max_interval]`.
    pub min_interval: Duration,
    pub max_interval: Duration,
    /// Whole request, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: u64,
    pub user_agent: String,
    /// Fetches in flight at once, over all hosts.
    pub concurrency: usize,
    /// Fetches in flight at once against one host.
    pub per_host: usize,
    /// Allow sources on loopback, private and link-local addresses (SSRF guard off).
    pub allow_private_networks: bool,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Zone {
    pub id: String,
    pub name: String,
    pub region: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub name: Option<String>,
    pub url: SourceUrl,
    pub region: String,
    pub zone: Option<String>,
    pub interval: Duration,
    /// Cron expression (seconds first), in `[service] timezone`; replaces `interval`.
    pub schedule: Option<crate::schedule::CronSchedule>,
    pub charset: Option<&'static encoding_rs::Encoding>,
    /// A feed, or an HTML page read with CSS-selector rules.
    pub kind: SourceKind,
}

#[derive(Debug, Clone)]
pub enum SourceKind {
    Feed,
    Html(Box<HtmlRules>),
}

impl Source {
    /// The host that `per_host` limits apply to ("" for local files).
    pub fn host(&self) -> String {
        match &self.url {
            SourceUrl::Http(u) => u.host_str().unwrap_or("").to_ascii_lowercase(),
            SourceUrl::File(_) => String::new(),
        }
    }
}

/// Where a source lives: the web, or a local file (bundled examples, tests, mirrors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceUrl {
    Http(Url),
    File(PathBuf),
}

impl SourceUrl {
    /// The URL relative links in the document are resolved against.
    pub fn base(&self) -> Option<Url> {
        match self {
            SourceUrl::Http(u) => Some(u.clone()),
            SourceUrl::File(p) => Url::from_file_path(p).ok(),
        }
    }

    /// Parses what a user typed: `http(s)://…`, `file:…` or a plain path.
    /// Relative paths are taken against `dir`.
    pub fn parse(raw: &str, dir: &Path) -> Result<SourceUrl, String> {
        if let Some(rest) = raw.strip_prefix("file://") {
            return Ok(SourceUrl::File(dir.join(rest)));
        }
        if let Some(rest) = raw.strip_prefix("file:") {
            if rest.is_empty() {
                return Err("file: URL has no path".into());
            }
            return Ok(SourceUrl::File(dir.join(rest)));
        }
        match Url::parse(raw) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => {
                if u.host_str().is_none_or(str::is_empty) {
                    Err(format!("URL {raw:?} has no host"))
                } else {
                    Ok(SourceUrl::Http(u))
                }
            }
            Ok(u) => Err(format!(
                "unsupported URL scheme {:?} (use http, https or file:)",
                u.scheme()
            )),
            Err(e) => Err(format!("invalid URL {raw:?}: {e}")),
        }
    }
}

impl fmt::Display for SourceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceUrl::Http(u) => write!(f, "{u}"),
            SourceUrl::File(p) => write!(f, "file:{}", p.display()),
        }
    }
}

impl Config {
    /// Reads, parses and checks the file. Every problem found is reported, not just the first.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            problems: vec![Problem {
                line: 0,
                column: 0,
                message: format!("cannot read config: {e}"),
            }],
        })?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        let mut config = Config::parse(&text, path, &dir)?;
        config.warnings = permission_warnings(path);
        Ok(config)
    }

    /// Parses `text` as if read from `path`; relative paths resolve against `dir`.
    pub fn parse(text: &str, path: &Path, dir: &Path) -> Result<Config, ConfigError> {
        let mut cx = Checker {
            text,
            problems: Vec::new(),
        };
        let config = match DeTable::parse(text) {
            Ok(doc) => cx.config(doc.get_ref(), path, dir),
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
                Err(ConfigError {
                    file: path.to_path_buf(),
                    problems,
                })
            }
        }
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        find_by_id(&self.regions, &self.lookup.regions, id, |r| &r.id)
    }

    pub fn zone(&self, id: &str) -> Option<&Zone> {
        find_by_id(&self.zones, &self.lookup.zones, id, |z| &z.id)
    }

    pub fn subscription(&self, id: &str) -> Option<&Subscription> {
        find_by_id(&self.subscriptions, &self.lookup.subscriptions, id, |s| {
            &s.id
        })
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        find_by_id(&self.sources, &self.lookup.sources, id, |s| &s.id)
    }

    /// The regions whose parent is `parent` (the top level for `None`), in config order.
    pub fn child_regions(&self, parent: Option<&str>) -> Vec<&Region> {
        let from_index: Option<Vec<&Region>> = match parent {
            Some(p) => self.lookup.children.get(p).map_or(Some(Vec::new()), |v| {
                v.iter().map(|&i| self.regions.get(i)).collect()
            }),
            None => None,
        };
        match from_index {
            Some(v)
                if self.regions.len() == self.lookup.region_count
                    && v.iter().all(|r| r.parent.as_deref() == parent) =>
            {
                v
            }
            _ => self
                .regions
                .iter()
                .filter(|r| r.parent.as_deref() == parent)
                .collect(),
        }
    }

    /// The zone a page names, by id, name or alias (exact, ignoring surrounding spaces).
    pub fn zone_by_name(&self, name: &str) -> Option<&Zone> {
        let n = name.trim();
        self.zones
            .iter()
            .find(|z| z.id == n || z.name == n || z.aliases.iter().any(|a| a == n))
    }

    /// `id` followed by its parents up to the root (the check guarantees no cycles).
    pub fn region_and_ancestors(&self, id: &str) -> Vec<&Region> {
        let mut out = Vec::new();
        let mut cur = self.region(id);
        while let Some(r) = cur {
            if out.iter().any(|o: &&Region| o.id == r.id) {
                break;
            }
            out.push(r);
            cur = r.parent.as_deref().and_then(|p| self.region(p));
        }
        out
    }

    /// `id` and every region below it.
    pub fn region_and_descendants(&self, id: &str) -> Vec<&Region> {
        let Some(root) = self.region(id) else {
            return Vec::new();
        };
        // Breadth-first over the children; `seen` guards against a cycle the check missed.
        let mut out = vec![root];
        let mut seen: HashSet<&str> = HashSet::from([root.id.as_str()]);
        let mut i = 0;
        while let Some(r) = out.get(i) {
            for c in self.child_regions(Some(&r.id)) {
                if seen.insert(&c.id) {
                    out.push(c);
                }
            }
            i += 1;
        }
        // Config order, as before, so feeds and messages list regions the same way.
        let pos = |r: &Region| {
            self.lookup
                .regions
                .get(&r.id)
                .copied()
                .unwrap_or(usize::MAX)
        };
        out.sort_by_key(|r| pos(r));
        out
    }

    /// Is `inner` the same as, or below, `outer`?
    pub fn region_within(&self, inner: &str, outer: &str) -> bool {
        self.region_and_ancestors(inner)
            .iter()
            .any(|r| r.id == outer)
    }

    /// "江苏省 > 南通市" for messages and feed descriptions.
    pub fn region_path(&self, id: &str) -> String {
        let mut names: Vec<&str> = self
            .region_and_ancestors(id)
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        names.reverse();
        names.join(" > ")
    }
}

/// Everything wrong with one config file.
#[derive(Debug)]
pub struct ConfigError {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; 0 when the problem is not at a place in the file (e.g. it cannot be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if p.line == 0 {
                write!(f, "{}: {}", self.file.display(), p.message)?;
            } else {
                write!(
                    f,
                    "{}:{}:{}: {}",
                    self.file.display(),
                    p.line,
                    p.column,
                    p.message
                )?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// The config decides which sites are fetched, where mail goes and where files are
/// written: if any user on the machine may edit it, any user can redirect all of that.
#[cfg(unix)]
fn permission_warnings(path: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut warnings = Vec::new();
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o002 != 0 {
            warnings.push(format!(
                "{}: the config is writable by every user on this machine (mode {mode:04o}), \
                 so anyone could change the sources, addresses and paths zonefeed uses; \
                 fix with: chmod o-w {}",
                path.display(),
                path.display()
            ));
        }
    }
    warnings
}

#[cfg(not(unix))]
fn permission_warnings(_path: &Path) -> Vec<String> {
    Vec::new()
}

/// Parses `"15m"`, `"1h30m"`, `"45s"`, `"2d"`, `"500ms"`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty duration".into());
    }
    let mut total = Duration::ZERO;
    let mut rest = t;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(format!(
                "invalid duration {s:?}: expected a number followed by ms, s, m, h or d (e.g. \"15m\")"
            ));
        }
        let n: u64 = rest[..digits]
            .parse()
            .map_err(|_| format!("invalid duration {s:?}: number too large"))?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = rest[..unit_len].trim();
        rest = &rest[unit_len..];
        let secs_per = match unit {
            "ms" => {
                total += Duration::from_millis(n);
                continue;
            }
            "s" | "sec" | "secs" => 1,
            "m" | "min" | "mins" => 60,
            "h" | "hr" | "hrs" => 3600,
            "d" | "day" | "days" => 86400,
            "" => {
                return Err(format!(
                    "invalid duration {s:?}: missing unit (ms, s, m, h or d)"
                ));
            }
            other => {
                return Err(format!(
                    "invalid duration {s:?}: unknown unit {other:?} (use ms, s, m, h or d)"
                ));
            }
        };
        let secs = n
            .checked_mul(secs_per)
            .ok_or_else(|| format!("invalid duration {s:?}: too large"))?;
        total += Duration::from_secs(secs);
    }
    Ok(total)
}

/// Parses `"15MiB"`, `"512KB"`, `"1GiB"`, `"2000000"` into bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if split == 0 {
        return Err(format!(
            "invalid size {s:?}: expected a number with an optional unit (e.g. \"15MiB\")"
        ));
    }
    let n: u64 = t[..split]
        .parse()
        .map_err(|_| format!("invalid size {s:?}: number too large"))?;
    let mult: u64 = match t[split..].trim() {
        "" | "B" => 1,
        "KB" | "kB" => 1000,
        "KiB" => 1 << 10,
        "MB" => 1_000_000,
        "MiB" => 1 << 20,
        "GB" => 1_000_000_000,
        "GiB" => 1 << 30,
        other => {
            return Err(format!(
                "invalid size {s:?}: unknown unit {other:?} (use B, KB, KiB, MB, MiB, GB or GiB)"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("invalid size {s:?}: too large"))
}

/// Ids become file names and URL path segments, so keep them to a safe alphabet.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !id.starts_with(['-', '_'])
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

    fn config(&mut self, doc: &Table<'_>, file: &Path, dir: &Path) -> Option<Config> {
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
            path: file.to_path_buf(),
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
        .map(|mut c| {
            c.lookup = Lookup::build(&c);
            c
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

/// The candidate nearest to `word` by edit distance, if it is close enough to be a typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("config.toml"), Path::new("/srv/zonefeed"))
    }

    const GOOD: &str = r#"
[service]
base_url = "http://feeds.example.cn/zf"
[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[sources]]
id = "nt"
url = "file:examples/nt.rss"
region = "nantong"
zone = "nantong-hitech"
interval = "30m"
charset = "gb2312"
"#;

    #[test]
    fn good_config_loads_with_defaults_and_resolved_paths() {
        let c = parse(GOOD).expect("valid");
        assert_eq!(c.service.data_dir, Path::new("/srv/zonefeed/data"));
        assert_eq!(c.service.base_url.as_str(), "http://feeds.example.cn/zf/");
        assert_eq!(c.service.feed_items, 50);
        assert_eq!(c.poll.interval, Duration::from_secs(900));
        assert_eq!(c.poll.max_body, 15 << 20);
        let s = &c.sources[0];
        assert_eq!(
            s.url,
            SourceUrl::File(PathBuf::from("/srv/zonefeed/examples/nt.rss"))
        );
        assert_eq!(s.interval, Duration::from_secs(1800));
        assert_eq!(s.charset, Some(encoding_rs::GBK));
        assert_eq!(c.region_path("nantong"), "江苏省 > 南通市");
        assert!(c.region_within("nantong", "jiangsu"));
        assert!(!c.region_within("jiangsu", "nantong"));
    }

    #[test]
    fn reports_every_problem_with_line_and_column() {
        let text = r#"[service]
timezone = "Asia/Beijing"
bogus = 1
[poll]
interval = "15 minutes"
max_body = "15MB"
timeout = "0s"
[[regions]]
id = "a"
name = "A"
parent = "b"
[[regions]]
id = "b"
name = "B"
parent = "a"
[[regions]]
id = "a"
name = "again"
[[zones]]
id = "z"
name = "Z区"
region = "nowhere"
[[sources]]
id = "s"
url = "ftp://x/y"
region = "a"
zone = "zz"
interval = "soon"
charset = "klingon"
"#;
        let err = parse(text).expect_err("invalid");
        let msg = err.to_string();
        let lines: Vec<&str> = msg.lines().collect();
        let expect = [
            "config.toml:2:12: timezone",
            "config.toml:3:1: unknown key \"bogus\"",
            "config.toml:5:12: interval: invalid duration",
            "config.toml:7:11: timeout must be greater than zero",
            "cycle: ",
            "config.toml:17:6: duplicate region id \"a\" (first defined at line 9",
            "config.toml:22:10: unknown region \"nowhere\"",
            "config.toml:25:7: url: unsupported URL scheme \"ftp\"",
            "config.toml:27:8: unknown zone \"zz\" (did you mean \"z\"?)",
            "config.toml:28:12: interval: invalid duration",
            "config.toml:29:11: charset \"klingon\"",
        ];
        for e in expect {
            assert!(
                lines.iter().any(|l| l.contains(e)),
                "missing {e:?} in:\n{msg}"
            );
        }
        assert_eq!(lines.len(), expect.len(), "{msg}");
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse("[service]\nfeed_items = = 3\n").expect_err("invalid");
        let msg = err.to_string();
        assert!(msg.starts_with("config.toml:2:"), "{msg}");
    }

    #[test]
    fn durations_and_sizes() {
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2d"), Ok(Duration::from_secs(172_800)));
        assert!(parse_duration("15").is_err());
        assert!(parse_duration("m").is_err());
        assert_eq!(parse_size("15MiB"), Ok(15 << 20));
        assert_eq!(parse_size("512KB"), Ok(512_000));
        assert_eq!(parse_size("2000"), Ok(2000));
        assert!(parse_size("15 MiBs").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }

    #[test]
    fn shared_alias_is_rejected() {
        let text = format!(
            "{GOOD}\n[[zones]]\nid = \"other\"\nname = \"别的区\"\nregion = \"nantong\"\naliases = [\"南通高新区\"]\n"
        );
        let err = parse(&text).expect_err("ambiguous alias");
        assert!(err.to_string().contains("already used by zone"), "{err}");
    }

    #[test]
    fn lookups_by_id_match_a_scan_even_after_the_lists_change() {
        let text = format!(
            "{GOOD}\n[[regions]]\nid = \"suzhou\"\nname = \"苏州市\"\nparent = \"jiangsu\"\n\
             [[regions]]\nid = \"sip\"\nname = \"园区\"\nparent = \"suzhou\"\n\
             [[regions]]\nid = \"anhui\"\nname = \"安徽省\"\n"
        );
        let mut c = parse(&text).expect("valid");
        let ids = |v: Vec<&Region>| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(c.region_and_descendants("jiangsu")),
            ["jiangsu", "nantong", "suzhou", "sip"]
        );
        assert_eq!(ids(c.region_and_descendants("suzhou")), ["suzhou", "sip"]);
        assert!(c.region_and_descendants("nowhere").is_empty());
        assert_eq!(ids(c.child_regions(None)), ["jiangsu", "anhui"]);
        assert_eq!(ids(c.child_regions(Some("jiangsu"))), ["nantong", "suzhou"]);
        assert_eq!(c.region_path("sip"), "江苏省 > 苏州市 > 园区");
        assert_eq!(
            c.zone("nantong-hitech").map(|z| z.region.as_str()),
            Some("nantong")
        );
        assert_eq!(c.source("nt").map(|s| s.id.as_str()), Some("nt"));
        assert!(c.zone("nt").is_none() && c.source("nowhere").is_none());
        // A caller that edits the lists after loading still gets right answers (a scan).
        c.regions.remove(0);
        c.sources.clear();
        assert_eq!(c.region("nantong").map(|r| r.name.as_str()), Some("南通市"));
        assert!(c.region("jiangsu").is_none() && c.source("nt").is_none());
        assert_eq!(ids(c.child_regions(Some("jiangsu"))), ["nantong", "suzhou"]);
        c.regions.push(Region {
            id: "wuxi".into(),
            name: "无锡市".into(),
            parent: Some("jiangsu".into()),
        });
        assert_eq!(
            ids(c.child_regions(Some("jiangsu"))),
            ["nantong", "suzhou", "wuxi"]
        );
    }

    /// The mail module's tests build this `Mail` by hand; it must be what the file says.
    #[test]
    fn mail_section_loads_with_defaults() {
        let c = Config::parse(
            "[mail]\ntransport = \"outbox\"\nfrom = \"投促中国 <digest@example.cn>\"\n",
            Path::new("config.toml"),
            Path::new("/srv/zonefeed"),
        )
        .expect("valid");
        let m = &c.mail;
        assert_eq!(m.transport, MailTransport::Outbox);
        assert_eq!(m.outbox_dir, Path::new("/srv/zonefeed/outbox"));
        assert_eq!((m.host.as_str(), m.port), ("127.0.0.1", 587));
        assert_eq!(m.tls, MailTls::Starttls);
        assert_eq!((&m.username, &m.password_env), (&None, &None));
        assert_eq!(m.from_name.as_deref(), Some("投促中国"));
        assert_eq!(m.from_addr, "digest@example.cn");
        assert_eq!(m.timeout, Duration::from_secs(30));
    }

    #[test]
    fn line_col_counts_characters() {
        let t = "a = 1\n名字 = 2";
        assert_eq!(line_col(t, t.find('=').unwrap_or(0)), (1, 3));
        let second = t.rfind('=').unwrap_or(0);
        assert_eq!(line_col(t, second), (2, 4));
    }
}

//! `config.toml`: the admin's interface, parsed once at the edge into a checked [`Config`].
//!
//! The file is read as a *spanned* TOML document and walked by hand rather than through
//! `serde(deny_unknown_fields)`, because serde stops at the first problem while an admin wants
//! every mistake at once, each as `config.toml:LINE:COLUMN: message`.
//!
//! # Layout
//!
//! - this file: the checked types, [`Config::load`], the by-id lookups and [`ConfigError`];
//! - `check`: the walk over the document that reports every problem and builds a [`Config`];
//! - `value`: the values written inside strings (durations, sizes, ids) and file positions.
//!
//! Settings that belong to one module are defined there and imported here one way:
//! [`crate::mail::Mail`], the HTML rules in [`crate::scrape`], and
//! [`crate::schedule::CronSchedule`]. Those modules never import `config`.

mod alert;
mod check;
mod signup;
mod target;
#[cfg(test)]
mod tests;
mod value;
pub mod write;

pub use alert::{Alert, Channel, Secret};
pub use signup::{Frequency, FrequencyKind, RateLimit, Signup};
pub use target::{FileKind, PublishSettings, Target};

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use url::Url;

use crate::mail::Mail;
use crate::scrape::{ArticleRules, HtmlRules, JsonRules};

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
    /// `[signup]`: readers signing up themselves (their records live in the store).
    pub signup: Signup,
    /// `[[topics]]`: saved searches published as feeds (see `config/check/topics.rs`).
    pub topics: Vec<Topic>,
    /// `[stories]`: one entry per story across sources (see [`crate::stories`]).
    pub stories: crate::stories::Settings,
    /// `[[alerts]]`: new stories pushed to chat groups, ntfy or webhooks.
    pub alerts: Vec<Alert>,
    /// `[publish]`: S3-compatible buckets that mirror `feeds_dir` (see [`crate::target`]).
    pub publish: PublishSettings,
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

/// `[[topics]]`: a saved search, published as `feeds/topics/<id>.rss|.atom|.json`.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub name: String,
    /// In the search query language (checked to parse at load).
    pub query: String,
    /// Only items in these regions (or below them); all when empty.
    pub regions: Vec<String>,
    /// Only items in these zones; all when empty.
    pub zones: Vec<String>,
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
    /// `[[topics]]` ids: when given, keep only items matching any of these topics (its
    /// query and its own regions and zones, exactly as the search index would).
    pub topics: Vec<String>,
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
    /// `code = "320600"`: the built-in division it is (GB/T 2260).
    pub code: Option<u32>,
    /// Names that place an item here when its text names them (see `classify`): with a
    /// `code`, the division's own name and short form and those of every division below
    /// it that no other division shares (如皋市, 如皋, 海门区, 海门…).
    pub places: Vec<String>,
    /// Full names of divisions below it that other divisions bear too (通州区 is in 北京
    /// and 南通), with the code of the one below it: they place an item only when the
    /// source's region or another name in the text decides which (see `classify`).
    pub shared: Vec<(String, u32)>,
}

#[derive(Debug, Clone)]
pub struct Zone {
    pub id: String,
    pub name: String,
    pub region: String,
    pub aliases: Vec<String>,
}

// Rare parts boxed: 50,000 sources are held in the config (and were once more in a
// one-shot poll); inline, the schedule (336 B), article rules (520 B) and request (144 B)
// made a source 1,320 B, 66 MB at 50,000 (heaptrack, `zonefeed poll` of 20,000 sources;
// the restarted daemon's largest live allocation).
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub name: Option<String>,
    pub url: SourceUrl,
    /// For a `file:` source: the page of the site it stands for. Relative links and images
    /// resolve against it, and links under its folder are read from the files beside the
    /// source file, so no path of this machine is published.
    pub site_url: Option<Url>,
    pub region: String,
    pub zone: Option<String>,
    pub interval: Duration,
    /// Cron expression (seconds first), in `[service] timezone`; replaces `interval`.
    pub schedule: Option<Box<crate::schedule::CronSchedule>>,
    pub charset: Option<&'static encoding_rs::Encoding>,
    /// A feed, an HTML page read with CSS-selector rules, or a JSON list API.
    pub kind: SourceKind,
    /// `[sources.article]`: follow each new item's link and read more there (html and
    /// json sources).
    pub article: Option<Box<ArticleRules>>,
    /// `[sources.request]`: how the list is asked for; headers and cookies also go with
    /// article pages.
    /// None for a plain GET (most sources): see [`Source::request`].
    pub request: Option<Box<Request>>,
    /// Which copy of a story stands for it (its link and title): the highest priority,
    /// ties to the earliest. Default 0.
    pub priority: i32,
    /// List pages the first poll reads (a backfill); later polls read the first page only.
    /// Default 1. `kind = "html"` follows each page's next-page link; `kind = "json"` steps
    /// the paging parameter of its url (`pageNo=`, `page=`, `offset=`).
    pub pages: usize,
}

/// `[sources.request]`. The default is a plain GET with no extra headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// POST the list request with this body (GET when `None`).
    pub post: Option<PostBody>,
    /// Sent with every request of the source (list, articles, warm-up), in file order.
    pub headers: Vec<(String, String)>,
    /// A page fetched first on each poll, for the cookies it sets.
    pub warmup: Option<Url>,
}

/// The body of a POST list request.
#[derive(Debug, Clone, PartialEq)]
pub enum PostBody {
    /// No body (`method = "POST"` alone).
    Empty,
    /// `application/x-www-form-urlencoded`, fields in file order, UTF-8 as XHR sends them.
    Form(Vec<(String, String)>),
    /// `application/json`, sent as written.
    Json(String),
}

#[derive(Debug, Clone)]
pub enum SourceKind {
    Feed,
    Html(Box<HtmlRules>),
    /// A JSON list API.
    Json(Box<JsonRules>),
}

impl Source {
    /// `[sources.request]`, or the plain GET with no extra headers.
    pub fn request(&self) -> &Request {
        static PLAIN: Request = Request {
            post: None,
            headers: Vec::new(),
            warmup: None,
        };
        self.request.as_deref().unwrap_or(&PLAIN)
    }

    /// The URL relative links in the source's documents resolve against when nothing more
    /// precise is known: `site_url` for a file that stands for a site, else the source's own.
    pub fn base(&self) -> Option<Url> {
        match (&self.url, &self.site_url) {
            (SourceUrl::File(_), Some(site)) => Some(site.clone()),
            (url, _) => url.base(),
        }
    }

    /// For a `file:` source with a `site_url`: the local file standing for `url`, when `url`
    /// lies under the site's folder (`…/news/a.html` → the source file's folder `/news/a.html`;
    /// a folder URL → its `index.html`). None for any other URL, and for a path that would
    /// leave the folder.
    pub(crate) fn local_file_for(&self, url: &Url) -> Option<PathBuf> {
        let (SourceUrl::File(file), Some(site)) = (&self.url, &self.site_url) else {
            return None;
        };
        let same_host = url.host_str().map(str::to_ascii_lowercase)
            == site.host_str().map(str::to_ascii_lowercase)
            && url.port_or_known_default() == site.port_or_known_default();
        if !same_host {
            return None;
        }
        let folder = &site.path()[..site.path().rfind('/').map_or(0, |i| i + 1)];
        let rest = url.path().strip_prefix(folder)?;
        let mut path = file.parent()?.to_path_buf();
        let mut segments: Vec<&str> = rest.split('/').collect();
        if segments.last().is_some_and(|s| s.is_empty()) {
            segments.pop();
            segments.push("index.html");
        }
        for seg in segments {
            let name = percent_decode(seg)?;
            if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
                return None;
            }
            path.push(name);
        }
        Some(path)
    }

    /// The host that `per_host` limits apply to ("" for local files).
    pub fn host(&self) -> String {
        match &self.url {
            SourceUrl::Http(u) => u.host_str().unwrap_or("").to_ascii_lowercase(),
            SourceUrl::File(_) => String::new(),
        }
    }
}

/// `%E6%96%B0` → the UTF-8 text it encodes; None when the bytes are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
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
        Config::finish(check::check(text, dir), path)
    }

    /// [`Config::parse`] with the environment given instead of the process's.
    #[cfg(test)]
    pub(crate) fn parse_with_env(
        text: &str,
        path: &Path,
        dir: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        Config::finish(check::check_with_env(text, dir, env), path)
    }

    fn finish(checked: Result<Config, Vec<Problem>>, path: &Path) -> Result<Config, ConfigError> {
        match checked {
            Ok(mut c) => {
                c.path = path.to_path_buf();
                c.lookup = Lookup::build(&c);
                Ok(c)
            }
            Err(problems) => Err(ConfigError {
                file: path.to_path_buf(),
                problems,
            }),
        }
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        find_by_id(&self.regions, &self.lookup.regions, id, |r| &r.id)
    }

    pub fn zone(&self, id: &str) -> Option<&Zone> {
        find_by_id(&self.zones, &self.lookup.zones, id, |z| &z.id)
    }

    /// A region as a person names it: its id, its name (苏州市), or its name without the
    /// suffix (苏州) when no other region shares that short form. For search boxes and
    /// URLs typed by people; the config itself refers by id.
    pub fn find_region(&self, name: &str) -> Option<&Region> {
        let name = name.trim();
        if let Some(r) = self.region(name) {
            return Some(r);
        }
        if let Some(r) = self.regions.iter().find(|r| r.name == name) {
            return Some(r);
        }
        let mut short = self
            .regions
            .iter()
            .filter(|r| short_place_name(&r.name) == name && !name.is_empty());
        match (short.next(), short.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    }

    /// A zone as a person names it: its id, its name or one of its aliases.
    pub fn find_zone(&self, name: &str) -> Option<&Zone> {
        let name = name.trim();
        self.zone(name).or_else(|| {
            self.zones
                .iter()
                .find(|z| z.name == name || z.aliases.iter().any(|a| a == name))
        })
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
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
    pub(crate) fn child_regions(&self, parent: Option<&str>) -> Vec<&Region> {
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
    pub(crate) fn zone_by_name(&self, name: &str) -> Option<&Zone> {
        let n = name.trim();
        self.zones
            .iter()
            .find(|z| z.id == n || z.name == n || z.aliases.iter().any(|a| a == n))
    }

    /// `id` followed by its parents up to the root (the check guarantees no cycles).
    pub(crate) fn region_and_ancestors(&self, id: &str) -> Vec<&Region> {
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
    pub(crate) fn region_and_descendants(&self, id: &str) -> Vec<&Region> {
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
    pub(crate) fn region_within(&self, inner: &str, outer: &str) -> bool {
        self.region_and_ancestors(inner)
            .iter()
            .any(|r| r.id == outer)
    }

    /// What story detection needs from this config, or None when stories are off: the
    /// window, and the place names it knows (a zone's name and aliases mean the zone).
    pub fn story_rules(&self) -> Option<crate::stories::Rules> {
        if !self.stories.enabled {
            return None;
        }
        let zones = self.zones.iter().flat_map(|z| {
            std::iter::once(&z.name)
                .chain(&z.aliases)
                .map(move |n| (n.clone(), format!("z:{}", z.id)))
        });
        // A region by its name and by its short form (南通市 and 南通): news says
        // "赴南通调研" as often as "南通市".
        let regions = self.regions.iter().flat_map(|r| {
            let short = r
                .name
                .strip_suffix(['市', '省', '县', '区'])
                .filter(|s| s.chars().count() >= 2)
                .map(|s| (s.to_string(), format!("r:{}", r.id)));
            std::iter::once((r.name.clone(), format!("r:{}", r.id))).chain(short)
        });
        Some(crate::stories::Rules::new(
            self.stories.window,
            crate::stories::Lexicon::new(zones.chain(regions)),
        ))
    }

    /// A source's `priority` (0 for a source no longer configured).
    pub(crate) fn priority(&self, source: &str) -> i32 {
        self.source(source).map_or(0, |s| s.priority)
    }

    /// "江苏省 > 南通市" for messages and feed descriptions.
    pub(crate) fn region_path(&self, id: &str) -> String {
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

/// A place name without its administrative suffix: 苏州市 -> 苏州, 江苏省 -> 江苏. Names of
/// two characters keep theirs (a one-character short form names nothing).
pub(crate) fn short_place_name(name: &str) -> &str {
    const SUFFIXES: [&str; 8] = [
        "特别行政区",
        "自治区",
        "自治州",
        "省",
        "市",
        "区",
        "县",
        "盟",
    ];
    for suffix in SUFFIXES {
        if let Some(short) = name.strip_suffix(suffix)
            && short.chars().count() >= 2
        {
            return short;
        }
    }
    name
}

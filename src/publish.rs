//! Generated feeds: `all`, every region (with its descendants' items) and every zone, each as
//! RSS 2.0, Atom 1.0 and JSON Feed 1.1 under `feeds_dir`, plus `index.html` (the directory
//! readers and people browse) and `feeds.opml` (every feed, for importing into a reader).
//!
//! Output is a pure function of the stored items and the config (the feed's `updated` is its
//! newest item's time, not the clock), so "write only when the content changed" is a byte
//! comparison. Files are replaced atomically: temp file in the same folder, fsync, rename.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::model::Item;
use crate::store::{ItemKey, Selector, Store};

/// One generated feed (both formats share it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedKey {
    All,
    Region(String),
    Zone(String),
}

impl FeedKey {
    /// Path below feeds_dir without extension; these are subscribers' URLs.
    pub fn stem(&self) -> String {
        match self {
            FeedKey::All => "all".into(),
            FeedKey::Region(id) => format!("regions/{id}"),
            FeedKey::Zone(id) => format!("zones/{id}"),
        }
    }
}

/// Which feeds a set of changed items touches.
#[derive(Debug, Clone, Default)]
pub struct Affected {
    pub feeds: BTreeSet<FeedKey>,
}

impl Affected {
    /// `all`, the item's region and every ancestor, and its zone.
    pub fn add_item(&mut self, config: &Config, item: &Item) {
        self.feeds.insert(FeedKey::All);
        for r in config.region_and_ancestors(&item.region) {
            self.feeds.insert(FeedKey::Region(r.id.clone()));
        }
        if let Some(z) = &item.zone
            && config.zone(z).is_some()
        {
            self.feeds.insert(FeedKey::Zone(z.clone()));
        }
    }

    /// The feeds an item left when it moved from `region`/`zone`.
    pub fn add_placement(&mut self, config: &Config, region: &str, zone: Option<&str>) {
        self.feeds.insert(FeedKey::All);
        for r in config.region_and_ancestors(region) {
            self.feeds.insert(FeedKey::Region(r.id.clone()));
        }
        if let Some(z) = zone
            && config.zone(z).is_some()
        {
            self.feeds.insert(FeedKey::Zone(z.to_string()));
        }
    }

    pub fn merge(&mut self, other: Affected) {
        self.feeds.extend(other.feeds);
    }

    pub fn is_empty(&self) -> bool {
        self.feeds.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub struct PublishReport {
    /// Files rewritten because their content changed (or they did not exist).
    pub written: Vec<PathBuf>,
    /// Feeds whose content changed (for WebSub pings).
    pub changed: Vec<FeedKey>,
    pub unchanged: usize,
    /// Stale files of regions or zones no longer in the config.
    pub removed: Vec<PathBuf>,
}

/// Every feed the config defines.
pub fn all_feeds(config: &Config) -> Vec<FeedKey> {
    let mut v = vec![FeedKey::All];
    v.extend(config.regions.iter().map(|r| FeedKey::Region(r.id.clone())));
    v.extend(config.zones.iter().map(|z| FeedKey::Zone(z.id.clone())));
    v
}

/// Regenerates the feeds of every item the store marks as not yet published (stored or
/// changed by a poll whose publish never ran, e.g. the process was killed in between),
/// plus `affected` (and, with `check_missing`, any missing file); then clears those marks.
pub fn publish_pending(
    config: &Config,
    store: &Store,
    affected: &Affected,
    check_missing: bool,
) -> Result<PublishReport> {
    let marks = store.dirty_marks()?;
    let mut all = affected.clone();
    for m in &marks {
        if let Some(item) = store.dirty_item(m)? {
            all.add_item(config, &item);
        }
        if let Some(r) = &m.old_region {
            all.add_placement(config, r, m.old_zone.as_deref());
        }
    }
    let report = publish_affected(config, store, &all, check_missing)?;
    // The publish has synced the new files and their folders: the marks may go.
    store.clear_dirty(&marks)?;
    Ok(report)
}

/// Temp files of a publish that was killed before renaming them (`.NAME.PID.tmp`). Only
/// the process holding the store publishes, so any found by that process are orphans.
pub fn remove_stale_temp_files(feeds_dir: &Path) -> usize {
    let mut removed = 0;
    let mut dirs = vec![feeds_dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            let name = e.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() && !name.starts_with('.') {
                dirs.push(path);
            } else if kind.is_file()
                && name.starts_with('.')
                && name.ends_with(".tmp")
                && std::fs::remove_file(&path).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Regenerates every feed and removes files of regions and zones that are gone.
pub fn publish_all(config: &Config, store: &Store) -> Result<PublishReport> {
    let marks = store.dirty_marks()?;
    let mut report = publish_feeds(config, store, &all_feeds(config), true)?;
    store.clear_dirty(&marks)?;
    let keep: HashSet<String> = all_feeds(config).iter().map(FeedKey::stem).collect();
    for sub in ["regions", "zones"] {
        let dir = config.service.feeds_dir.join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let (Some(stem), Some(ext)) = (
                path.file_stem().and_then(|s| s.to_str()),
                path.extension().and_then(|s| s.to_str()),
            ) else {
                continue;
            };
            if matches!(ext, "rss" | "atom" | "json") && !keep.contains(&format!("{sub}/{stem}")) {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove stale feed {}", path.display()))?;
                report.removed.push(path);
            }
        }
    }
    Ok(report)
}

/// Regenerates the affected feeds and, with `check_missing`, every feed whose files are
/// missing. That check stats three files per feed (8,400 at 2,800 feeds): the daemon does
/// it when it starts or reloads, not on every poll's publish.
pub fn publish_affected(
    config: &Config,
    store: &Store,
    affected: &Affected,
    check_missing: bool,
) -> Result<PublishReport> {
    let mut keys: BTreeSet<FeedKey> = affected.feeds.clone();
    for k in all_feeds(config).into_iter().filter(|_| check_missing) {
        let stem = config.service.feeds_dir.join(k.stem());
        if ["rss", "atom", "json"]
            .iter()
            .any(|ext| !stem.with_extension(ext).exists())
        {
            keys.insert(k);
        }
    }
    // Drop keys of regions or zones removed from the config since the items were stored.
    keys.retain(|k| match k {
        FeedKey::All => true,
        FeedKey::Region(r) => config.region(r).is_some(),
        FeedKey::Zone(z) => config.zone(z).is_some(),
    });
    let keys: Vec<FeedKey> = keys.into_iter().collect();
    publish_feeds(config, store, &keys, check_missing)
}

/// URL of a feed file under base_url.
pub fn feed_url_of(config: &Config, key: &FeedKey, ext: &str) -> String {
    feed_url(config, &key.stem(), ext)
}

/// Writes the feeds of `keys`, then index.html. The OPML list depends on the config alone:
/// it is written with `config_changed` (start-up, reload, full regeneration) or when
/// missing, not on every poll's publish.
///
/// Each core renders a share of the feeds and writes the changed ones to temp files as it
/// goes (so file creation overlaps rendering); then all temp files are made durable at
/// once and renamed into place ([`commit`]). Nothing replaces a published file before
/// every file of the publish is rendered and synced.
pub fn publish_feeds(
    config: &Config,
    store: &Store,
    keys: &[FeedKey],
    config_changed: bool,
) -> Result<PublishReport> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = keys.len().div_ceil(threads).max(1);
    let parts: Vec<Result<Vec<Staged>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = keys
            .chunks(chunk)
            .map(|part| scope.spawn(move || render_and_stage(config, store, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a publish thread panicked")))
            })
            .collect()
    });
    let mut files: Vec<Staged> = Vec::new();
    let mut failure = None;
    for part in parts {
        match part {
            Ok(v) => files.extend(v),
            Err(e) => failure = failure.or(Some(e)),
        }
    }
    if let Some(e) = failure {
        discard(&files);
        return Err(e);
    }
    // The directory follows every change (counts, dates).
    if !keys.is_empty() {
        let mut dirs = HashSet::new();
        let mut extra = || -> Result<()> {
            let index = config.service.feeds_dir.join("index.html");
            let tmp = stage(&index, &render_index(config, store)?, &mut dirs)?;
            files.push(Staged {
                key: None,
                path: index,
                tmp,
            });
            let opml = config.service.feeds_dir.join("feeds.opml");
            if config_changed || !opml.exists() {
                let tmp = stage(&opml, &render_opml(config), &mut dirs)?;
                files.push(Staged {
                    key: None,
                    path: opml,
                    tmp,
                });
            }
            Ok(())
        };
        if let Err(e) = extra() {
            discard(&files);
            return Err(e);
        }
    }
    commit(&files)?;
    let mut report = PublishReport::default();
    let mut changed_keys: BTreeSet<FeedKey> = BTreeSet::new();
    for f in files {
        if f.tmp.is_some() {
            report.written.push(f.path);
            if let Some(k) = f.key {
                changed_keys.insert(k);
            }
        } else {
            report.unchanged += 1;
        }
    }
    report.changed = changed_keys.into_iter().collect();
    Ok(report)
}

/// One output file of a publish: which feed (none for index and OPML), where it goes, and
/// the temp file holding its new content (`None`: the file already holds exactly that).
struct Staged {
    key: Option<FeedKey>,
    path: PathBuf,
    tmp: Option<PathBuf>,
}

/// Feeds rendered together: their items are read in one sorted pass (see
/// [`Store::newest_keys`]). 128 feeds of 50 items keep a batch near 10 MB.
const RENDER_BATCH: usize = 128;

/// An item with what all three formats need from it, computed once.
struct Prepared<'a> {
    item: &'a Item,
    uuid: String,
    tags: Vec<Tag>,
}

/// Renders the three files of each feed and stages those that changed. On error, removes
/// the temp files it made.
fn render_and_stage(config: &Config, store: &Store, keys: &[FeedKey]) -> Result<Vec<Staged>> {
    let mut out = Vec::with_capacity(keys.len() * 3);
    let mut dirs = HashSet::new();
    let result = (|| -> Result<()> {
        for batch in keys.chunks(RENDER_BATCH) {
            let metas: Vec<FeedMeta> = batch.iter().map(|k| FeedMeta::new(config, k)).collect();
            let mut feed_keys = Vec::with_capacity(metas.len());
            for meta in &metas {
                feed_keys.push(
                    store
                        .newest_keys(&meta.selector, config.service.feed_items)
                        .with_context(|| {
                            format!("cannot read items for feed {}", meta.key.stem())
                        })?,
                );
            }
            let all: Vec<ItemKey> = feed_keys.iter().flatten().copied().collect();
            let items = store.items_by_keys(&all)?;
            let prepared: HashMap<ItemKey, Prepared> = items
                .iter()
                .map(|(k, item)| {
                    let p = Prepared {
                        item,
                        uuid: item_uuid(item),
                        tags: item_tags(config, item),
                    };
                    (*k, p)
                })
                .collect();
            for (meta, fk) in metas.iter().zip(&feed_keys) {
                let list: Vec<&Prepared> = fk.iter().filter_map(|k| prepared.get(k)).collect();
                let stem = config.service.feeds_dir.join(meta.key.stem());
                let atom_path = stem.with_extension("atom");
                let updated = list
                    .iter()
                    .map(|p| {
                        p.item
                            .updated
                            .unwrap_or(p.item.published)
                            .max(p.item.published)
                    })
                    .max()
                    .or_else(|| file_mtime(&atom_path))
                    .unwrap_or_else(Utc::now);
                let rendered = [
                    (
                        stem.with_extension("rss"),
                        render_rss(config, meta, &list, updated)?,
                    ),
                    (atom_path, render_atom(config, meta, &list, updated)?),
                    (
                        stem.with_extension("json"),
                        render_json(config, meta, &list)?,
                    ),
                ];
                for (path, bytes) in rendered {
                    let tmp = stage(&path, &bytes, &mut dirs)?;
                    out.push(Staged {
                        key: Some(meta.key.clone()),
                        path,
                        tmp,
                    });
                }
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(out),
        Err(e) => {
            discard(&out);
            Err(e)
        }
    }
}

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Fields are declared in name order:
/// the output matches what earlier versions wrote through `serde_json::Value`.
fn render_json(config: &Config, meta: &FeedMeta, items: &[&Prepared]) -> Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Feed<'a> {
        authors: [Author<'a>; 1],
        description: &'a str,
        feed_url: String,
        home_page_url: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        hubs: Vec<Hub<'a>>,
        items: Vec<JsonItem<'a>>,
        language: &'static str,
        title: &'a str,
        version: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Author<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct Hub<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        url: &'a str,
    }
    #[derive(serde::Serialize)]
    struct JsonItem<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        authors: Option<[Author<'a>; 1]>,
        content_html: std::borrow::Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        date_modified: Option<String>,
        date_published: String,
        id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        tags: Vec<&'a str>,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    let tz = config.service.timezone;
    let base = config.service.base_url.as_str();
    let feed = Feed {
        authors: [Author {
            name: "zonefeed",
            url: Some(base),
        }],
        description: &meta.description,
        feed_url: feed_url(config, &meta.key.stem(), "json"),
        home_page_url: base,
        hubs: config
            .service
            .hubs
            .iter()
            .map(|h| Hub {
                kind: "WebSub",
                url: h.as_str(),
            })
            .collect(),
        items: items
            .iter()
            .map(|p| {
                let item = p.item;
                JsonItem {
                    authors: item
                        .author
                        .as_deref()
                        .map(|a| [Author { name: a, url: None }]),
                    // content_html or content_text is required; fall back to the title.
                    content_html: match item.content.as_deref().or(item.summary.as_deref()) {
                        Some(html) => html.into(),
                        None => html_escape::encode_text(&item.title),
                    },
                    date_modified: item.updated.map(|u| u.with_timezone(&tz).to_rfc3339()),
                    date_published: item.published.with_timezone(&tz).to_rfc3339(),
                    id: &p.uuid,
                    summary: item.summary.as_deref().map(crate::parse::html_to_text),
                    tags: p
                        .tags
                        .iter()
                        .map(|t| t.label.as_str())
                        .chain(item.categories.iter().map(String::as_str))
                        .collect(),
                    title: &item.title,
                    url: item.link.as_deref(),
                }
            })
            .collect(),
        language: "zh-CN",
        title: &meta.title,
        version: "https://jsonfeed.org/version/1.1",
    };
    let mut out = Vec::with_capacity(16 * 1024);
    serde_json::to_writer_pretty(&mut out, &feed)?;
    out.push(b'\n');
    Ok(out)
}

fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

fn text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// `index.html`: regions as a tree and zones as a table, with item counts, last update and
/// subscribe links, and `<link rel="alternate">` for autodiscovery. Deterministic: no clock.
fn render_index(config: &Config, store: &Store) -> Result<Vec<u8>> {
    use std::fmt::Write as _;
    let tz = config.service.timezone;
    let groups = store.group_stats()?;
    let fmt = |n: usize, t: Option<DateTime<Utc>>| -> (usize, String) {
        let when = t
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "—".into());
        (n, when)
    };
    let region_stat = |ids: &[String]| {
        let mut n = 0;
        let mut t: Option<DateTime<Utc>> = None;
        for id in ids {
            if let Some((c, w)) = groups.regions.get(id) {
                n += c;
                t = Some(t.map_or(*w, |t| t.max(*w)));
            }
        }
        fmt(n, t)
    };
    let stat = |sel: &Selector| -> Result<(usize, String)> {
        Ok(match sel {
            Selector::All => {
                let ids: Vec<String> = groups.regions.keys().cloned().collect();
                region_stat(&ids)
            }
            Selector::Regions(ids) => region_stat(ids),
            Selector::Zone(z) => {
                let g = groups.zones.get(z);
                fmt(g.map_or(0, |g| g.0), g.map(|g| g.1))
            }
            Selector::Source(_) => fmt(store.count(sel), None),
        })
    };
    // Subscribe links of one feed, appended to `h` without temporaries (2,800 rows).
    fn push_links(h: &mut String, dir: &str, id: &str) {
        for (i, (ext, label)) in [("rss", "RSS"), ("atom", "Atom"), ("json", "JSON")]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                h.push_str(" · ");
            }
            h.push_str("<a href=\"");
            h.push_str(dir);
            html_escape::encode_double_quoted_attribute_to_string(id, h);
            h.push('.');
            h.push_str(ext);
            h.push_str("\">");
            h.push_str(label);
            h.push_str("</a>");
        }
    }
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>开发区新闻订阅源</title>\n");
    for (ext, ty) in [
        ("rss", "application/rss+xml"),
        ("atom", "application/atom+xml"),
        ("json", "application/feed+json"),
    ] {
        h.push_str(&format!(
            "<link rel=\"alternate\" type=\"{ty}\" title=\"开发区新闻（全部）\" href=\"all.{ext}\">\n"
        ));
    }
    h.push_str("<style>body{font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;max-width:960px;margin:0 auto;padding:16px;color:#222;line-height:1.6}\
h1{font-size:24px}h2{font-size:18px;border-bottom:2px solid #c8102e;padding-bottom:4px;margin-top:28px}\
ul.tree,ul.tree ul{list-style:none;padding-left:1.2em}ul.tree{padding-left:0}.count,.updated{color:#666;font-size:13px;margin-left:8px}\
a{color:#0b4f9c}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;font-size:14px}</style>\n</head>\n<body>\n");
    h.push_str("<h1>开发区新闻订阅源</h1>\n");
    let (n, when) = stat(&Selector::All)?;
    let _ = write!(
        h,
        "<p id=\"all\"><strong>全部</strong><span class=\"count\">{n} 条</span><span class=\"updated\">最近更新 {when}</span> "
    );
    push_links(&mut h, "", "all");
    h.push_str("</p>\n");
    h.push_str("<h2>地区</h2>\n<ul class=\"tree\" id=\"regions\">\n");
    fn region_tree(
        config: &Config,
        parent: Option<&str>,
        h: &mut String,
        stat: &dyn Fn(&Selector) -> Result<(usize, String)>,
        depth: usize,
    ) -> Result<()> {
        if depth > 32 {
            return Ok(());
        }
        for r in config.child_regions(parent) {
            let ids: Vec<String> = config
                .region_and_descendants(&r.id)
                .iter()
                .map(|d| d.id.clone())
                .collect();
            let (n, when) = stat(&Selector::Regions(ids))?;
            h.push_str("<li id=\"region-");
            html_escape::encode_double_quoted_attribute_to_string(&r.id, h);
            h.push_str("\"><strong>");
            html_escape::encode_text_to_string(&r.name, h);
            let _ = write!(
                h,
                "</strong><span class=\"count\">{n} 条</span><span class=\"updated\">最近更新 {when}</span> "
            );
            push_links(h, "regions/", &r.id);
            if !config.child_regions(Some(&r.id)).is_empty() {
                h.push_str("\n<ul>\n");
                region_tree(config, Some(&r.id), h, stat, depth + 1)?;
                h.push_str("</ul>\n");
            }
            h.push_str("</li>\n");
        }
        Ok(())
    }
    region_tree(config, None, &mut h, &stat, 0)?;
    h.push_str("</ul>\n<h2>开发区</h2>\n<table id=\"zones\">\n<tr><th>开发区</th><th>地区</th><th>条目</th><th>最近更新</th><th>订阅</th></tr>\n");
    // Zones share a few hundred regions: escape each region's path once.
    let mut paths: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for z in &config.zones {
        let (n, when) = stat(&Selector::Zone(z.id.clone()))?;
        let path = paths
            .entry(z.region.as_str())
            .or_insert_with(|| text(&config.region_path(&z.region)));
        h.push_str("<tr id=\"zone-");
        html_escape::encode_double_quoted_attribute_to_string(&z.id, &mut h);
        h.push_str("\"><td>");
        html_escape::encode_text_to_string(&z.name, &mut h);
        let _ = write!(h, "</td><td>{path}</td><td>{n}</td><td>{when}</td><td>");
        push_links(&mut h, "zones/", &z.id);
        h.push_str("</td></tr>\n");
    }
    h.push_str("</table>\n<p><a href=\"feeds.opml\">feeds.opml</a>：全部订阅源，可导入阅读器。</p>\n</body>\n</html>\n");
    Ok(h.into_bytes())
}

/// `feeds.opml` (OPML 2.0): every feed, grouped, for importing into a reader.
fn render_opml(config: &Config) -> Vec<u8> {
    let outline = |title: &str, stem: &str| {
        format!(
            "<outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{x}\" htmlUrl=\"{h}\"/>",
            t = attr(title),
            x = attr(&feed_url(config, stem, "atom")),
            h = attr(config.service.base_url.as_str())
        )
    };
    let mut o = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>开发区新闻订阅源</title>\n    <ownerName>zonefeed</ownerName>\n  </head>\n  <body>\n",
    );
    o.push_str(&format!("    {}\n", outline("开发区新闻（全部）", "all")));
    o.push_str("    <outline text=\"地区\" title=\"地区\">\n");
    for r in &config.regions {
        o.push_str(&format!(
            "      {}\n",
            outline(&config.region_path(&r.id), &format!("regions/{}", r.id))
        ));
    }
    o.push_str("    </outline>\n    <outline text=\"开发区\" title=\"开发区\">\n");
    for z in &config.zones {
        o.push_str(&format!(
            "      {}\n",
            outline(&z.name, &format!("zones/{}", z.id))
        ));
    }
    o.push_str("    </outline>\n  </body>\n</opml>\n");
    o.into_bytes()
}

/// What a feed is called and what it holds.
pub struct FeedMeta {
    pub key: FeedKey,
    pub title: String,
    pub description: String,
    pub selector: Selector,
}

impl FeedMeta {
    pub fn new(config: &Config, key: &FeedKey) -> FeedMeta {
        match key {
            FeedKey::All => FeedMeta {
                key: key.clone(),
                title: "开发区新闻（全部）".into(),
                description: "所有地区与开发区的新闻".into(),
                selector: Selector::All,
            },
            FeedKey::Region(id) => {
                let name = config
                    .region(id)
                    .map(|r| r.name.clone())
                    .unwrap_or_default();
                FeedMeta {
                    key: key.clone(),
                    title: name,
                    description: format!("{} 开发区新闻", config.region_path(id)),
                    selector: Selector::Regions(
                        config
                            .region_and_descendants(id)
                            .iter()
                            .map(|r| r.id.clone())
                            .collect(),
                    ),
                }
            }
            FeedKey::Zone(id) => {
                let zone = config.zone(id);
                let name = zone.map(|z| z.name.clone()).unwrap_or_default();
                let region = zone
                    .map(|z| config.region_path(&z.region))
                    .unwrap_or_default();
                FeedMeta {
                    key: key.clone(),
                    title: name.clone(),
                    description: format!("{name}（{region}）新闻"),
                    selector: Selector::Zone(id.clone()),
                }
            }
        }
    }
}

/// A stable, base_url-independent IRI for a feed or an item: `urn:uuid:` of a SHA-256
/// (version 8 UUID, RFC 9562 "custom"), so moving the service does not re-announce items.
pub fn urn_uuid(seed: &str) -> String {
    let d = Sha256::digest(seed.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = crate::parse::hex(&b);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

pub fn item_uuid(item: &Item) -> String {
    urn_uuid(&format!("zonefeed item\0{}\0{}", item.source, item.id))
}

fn feed_url(config: &Config, stem: &str, ext: &str) -> String {
    config
        .service
        .base_url
        .join(&format!("{stem}.{ext}"))
        .map(|u| u.to_string())
        .unwrap_or_default()
}

struct Tag {
    term: String,
    label: String,
    scheme: String,
}

/// The item's region and zone as categories, then its own categories.
fn item_tags(config: &Config, item: &Item) -> Vec<Tag> {
    let base = config.service.base_url.as_str();
    let mut tags = Vec::new();
    if let Some(r) = config.region(&item.region) {
        tags.push(Tag {
            term: r.id.clone(),
            label: r.name.clone(),
            scheme: format!("{base}regions/"),
        });
    }
    if let Some(z) = item.zone.as_deref().and_then(|z| config.zone(z)) {
        tags.push(Tag {
            term: z.id.clone(),
            label: z.name.clone(),
            scheme: format!("{base}zones/"),
        });
    }
    tags
}

fn render_rss(
    config: &Config,
    meta: &FeedMeta,
    items: &[&Prepared],
    updated: DateTime<Utc>,
) -> Result<Vec<u8>> {
    use rss::extension::atom::{AtomExtension, Link};
    let tz = config.service.timezone;
    let stem = meta.key.stem();
    let self_url = feed_url(config, &stem, "rss");
    let mut channel = rss::Channel {
        title: meta.title.clone(),
        link: config.service.base_url.to_string(),
        description: meta.description.clone(),
        language: Some("zh-CN".into()),
        generator: Some(format!("zonefeed {}", env!("CARGO_PKG_VERSION"))),
        last_build_date: Some(updated.with_timezone(&tz).to_rfc2822()),
        pub_date: Some(updated.with_timezone(&tz).to_rfc2822()),
        ttl: Some((config.poll.interval.as_secs() / 60).max(1).to_string()),
        ..Default::default()
    };
    let mut atom_links = vec![Link {
        href: self_url,
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Default::default()
    }];
    atom_links.extend(config.service.hubs.iter().map(|h| Link {
        href: h.to_string(),
        rel: "hub".into(),
        ..Default::default()
    }));
    channel.atom_ext = Some(AtomExtension { links: atom_links });
    for p in items {
        let item = p.item;
        let mut categories: Vec<rss::Category> = p
            .tags
            .iter()
            .map(|t| rss::Category {
                name: t.label.clone(),
                domain: Some(t.scheme.clone()),
            })
            .collect();
        categories.extend(item.categories.iter().map(|c| rss::Category {
            name: c.clone(),
            domain: None,
        }));
        let description = item
            .summary
            .clone()
            .or_else(|| item.content.clone())
            .or_else(|| {
                item.link
                    .is_none()
                    .then(|| html_escape::encode_text(&item.title).into_owned())
            });
        let mut dc = rss::extension::dublincore::DublinCoreExtension::default();
        if let Some(a) = &item.author {
            dc.creators = vec![a.clone()];
        }
        if let Some(s) = config.source(&item.source) {
            dc.sources = vec![s.name.clone().unwrap_or_else(|| s.id.clone())];
        }
        channel.items.push(rss::Item {
            title: Some(item.title.clone())
                .filter(|t| !t.is_empty())
                .or_else(|| description.is_none().then(|| "（无标题）".to_string())),
            link: item.link.clone(),
            description,
            content: item.content.clone().filter(|_| item.summary.is_some()),
            pub_date: Some(item.published.with_timezone(&tz).to_rfc2822()),
            guid: Some(rss::Guid {
                value: p.uuid.clone(),
                permalink: false,
            }),
            categories,
            dublin_core_ext: Some(dc),
            ..Default::default()
        });
    }
    let mut out = Vec::with_capacity(16 * 1024);
    channel
        .pretty_write_to(&mut out, b' ', 2)
        .context("cannot render RSS")?;
    out.push(b'\n');
    Ok(out)
}

fn render_atom(
    config: &Config,
    meta: &FeedMeta,
    items: &[&Prepared],
    updated: DateTime<Utc>,
) -> Result<Vec<u8>> {
    use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Text};
    let tz = config.service.timezone;
    let fixed = |t: DateTime<Utc>| t.with_timezone(&tz).fixed_offset();
    let stem = meta.key.stem();
    let mut feed = Feed {
        title: Text::plain(meta.title.clone()),
        id: urn_uuid(&format!("zonefeed feed\0{stem}")),
        updated: fixed(updated),
        subtitle: Some(Text::plain(meta.description.clone())),
        // RFC 4287 4.1.1: a feed needs an author unless every entry has one.
        authors: vec![Person {
            name: "zonefeed".into(),
            uri: Some(config.service.base_url.to_string()),
            ..Default::default()
        }],
        generator: Some(Generator {
            value: "zonefeed".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            ..Default::default()
        }),
        links: vec![
            Link {
                href: feed_url(config, &stem, "atom"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: feed_url(config, &stem, "rss"),
                rel: "alternate".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            },
        ],
        lang: Some("zh-CN".into()),
        ..Default::default()
    };
    feed.links.extend(config.service.hubs.iter().map(|h| Link {
        href: h.to_string(),
        rel: "hub".into(),
        ..Default::default()
    }));
    for p in items {
        let item = p.item;
        let mut categories: Vec<Category> = p
            .tags
            .iter()
            .map(|t| Category {
                term: t.term.clone(),
                scheme: Some(t.scheme.clone()),
                label: Some(t.label.clone()),
            })
            .collect();
        categories.extend(item.categories.iter().map(|c| Category {
            term: c.clone(),
            ..Default::default()
        }));
        let mut links = Vec::new();
        if let Some(l) = &item.link {
            links.push(Link {
                href: l.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            });
        }
        // RFC 4287 4.1.2: an entry without an alternate link must carry content.
        let content_html = item.content.clone().or_else(|| {
            item.link.is_none().then(|| {
                item.summary
                    .clone()
                    .unwrap_or_else(|| html_escape::encode_text(&item.title).into_owned())
            })
        });
        let item_updated = item.updated.unwrap_or(item.published).max(item.published);
        feed.entries.push(Entry {
            title: Text::plain(if item.title.is_empty() {
                "（无标题）".to_string()
            } else {
                item.title.clone()
            }),
            id: p.uuid.clone(),
            updated: fixed(item_updated),
            published: Some(fixed(item.published)),
            authors: item
                .author
                .iter()
                .map(|a| Person {
                    name: a.clone(),
                    ..Default::default()
                })
                .collect(),
            links,
            categories,
            summary: item.summary.clone().map(Text::html),
            content: content_html.map(|html| Content {
                value: Some(html),
                content_type: Some("html".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    let mut out = Vec::with_capacity(16 * 1024);
    feed.write_with_config(
        &mut out,
        atom_syndication::WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        },
    )
    .context("cannot render Atom")?;
    out.push(b'\n');
    Ok(out)
}

fn file_mtime(path: &Path) -> Option<DateTime<Utc>> {
    let m = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(DateTime::<Utc>::from(m))
}

/// Writes `bytes` to a temp file beside `path`, unless `path` already holds exactly them
/// (`None`). `dirs` remembers the folders already created.
fn stage(path: &Path, bytes: &[u8], dirs: &mut HashSet<PathBuf>) -> Result<Option<PathBuf>> {
    if let Ok(existing) = std::fs::read(path)
        && existing == bytes
    {
        return Ok(None);
    }
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    if !dirs.contains(dir) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        dirs.insert(dir.to_path_buf());
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feed");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
    }
    Ok(Some(tmp))
}

/// Makes the staged temp files durable, renames each over its file, then syncs each folder
/// once. On error, the temp files not yet renamed are removed.
fn commit(files: &[Staged]) -> Result<()> {
    let pending: Vec<(&PathBuf, &PathBuf)> = files
        .iter()
        .filter_map(|f| f.tmp.as_ref().map(|t| (t, &f.path)))
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    let mut renamed = 0;
    let result = (|| -> Result<()> {
        // A few files (a poll's publish): fsync each, so as not to wait for everything
        // else dirty on the filesystem (the store's log, other programs); many (a full
        // regeneration): one syncfs is cheaper than thousands of fsyncs.
        if pending.len() <= 64 {
            for (tmp, _) in &pending {
                std::fs::File::open(tmp)
                    .and_then(|f| f.sync_data())
                    .with_context(|| format!("cannot sync {}", tmp.display()))?;
            }
        } else {
            sync_filesystem(pending[0].0)?;
        }
        for (tmp, path) in &pending {
            std::fs::rename(tmp, path)
                .with_context(|| format!("cannot replace {}", path.display()))?;
            renamed += 1;
        }
        let dirs: BTreeSet<&Path> = pending.iter().filter_map(|(_, p)| p.parent()).collect();
        for d in dirs {
            if let Ok(f) = std::fs::File::open(d) {
                let _ = f.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        for (tmp, _) in pending.iter().skip(renamed) {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result
}

/// Removes the temp files of a publish that will not be committed.
fn discard(files: &[Staged]) {
    for tmp in files.iter().filter_map(|f| f.tmp.as_ref()) {
        let _ = std::fs::remove_file(tmp);
    }
}

/// Makes the data of every file on `path`'s filesystem durable (one syscall for a batch).
fn sync_filesystem(path: &Path) -> Result<()> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs on a file descriptor we own and keep open for the call.
        if unsafe { libc::syncfs(f.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    f.sync_all().context("cannot sync")?;
    Ok(())
}

/// Replaces `path` with `bytes` unless it already holds exactly them, the way a publish
/// does ([`stage`], [`commit`]): readers see the old or the new content, never a mix.
/// Returns whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    let file = Staged {
        key: None,
        path: path.to_path_buf(),
        tmp: stage(path, bytes, &mut HashSet::new())?,
    };
    commit(std::slice::from_ref(&file))?;
    Ok(file.tmp.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urn_uuid_is_stable_and_well_formed() {
        let a = urn_uuid("x");
        assert_eq!(a, urn_uuid("x"));
        assert_ne!(a, urn_uuid("y"));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(&a[23..24], "8", "{a}");
    }

    #[test]
    fn write_if_changed_skips_identical_content() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("sub/x.rss");
        assert!(write_if_changed(&p, b"one")?);
        assert!(!write_if_changed(&p, b"one")?);
        assert!(write_if_changed(&p, b"two")?);
        assert_eq!(std::fs::read(&p)?, b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sub"))?
            .flatten()
            .collect();
        assert_eq!(leftovers.len(), 1);
        Ok(())
    }

    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
        out.sort();
        out
    }

    /// The staged publish: every feed of 3 regions and 2 zones written, a second publish
    /// writes nothing, and a publish that cannot put one file in place fails with the path
    /// and leaves no temp file behind.
    #[test]
    fn a_publish_writes_each_changed_file_and_cleans_up_when_it_fails() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let text = format!(
            "[service]\ndata_dir = \"{d}/data\"\nfeeds_dir = \"{d}/feeds\"\n\
             [[regions]]\nid = \"js\"\nname = \"江苏省\"\n\
             [[regions]]\nid = \"nt\"\nname = \"南通市\"\nparent = \"js\"\n\
             [[regions]]\nid = \"sz\"\nname = \"苏州市\"\nparent = \"js\"\n\
             [[zones]]\nid = \"nt-hi\"\nname = \"南通高新区\"\nregion = \"nt\"\n\
             [[zones]]\nid = \"sip\"\nname = \"苏州工业园区\"\nregion = \"sz\"\n",
            d = dir.path().display()
        );
        let config = Config::parse(&text, &dir.path().join("config.toml"), dir.path())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let store = Store::open(&config.service.data_dir)?;
        let now = Utc::now();
        let items: Vec<Item> = (0..40)
            .map(|i| {
                let (region, zone) = if i % 2 == 0 {
                    ("nt", "nt-hi")
                } else {
                    ("sz", "sip")
                };
                Item {
                    id: format!("i{i}"),
                    id_kind: crate::model::IdKind::Guid,
                    source: "s".into(),
                    title: format!("项目签约 {i}"),
                    link: Some(format!("http://x.cn/{i}.html")),
                    published: now - chrono::Duration::minutes(i),
                    date_estimated: false,
                    updated: None,
                    summary: Some(format!("<p>第{i}条</p>")),
                    content: None,
                    author: None,
                    categories: vec![],
                    region: region.into(),
                    zone: Some(zone.into()),
                    first_seen: now,
                    seq: 0,
                    article_pending: false,
                }
            })
            .collect();
        store.upsert(&items, now)?;
        let report = publish_all(&config, &store)?;
        // all + 3 regions + 2 zones, three formats each, then index.html and feeds.opml.
        assert_eq!(report.written.len(), 6 * 3 + 2);
        let feeds = &config.service.feeds_dir;
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(feeds.join("zones/sip.json"))?)?;
        assert_eq!(json["items"].as_array().map(Vec::len), Some(20));
        assert_eq!(json["items"][0]["title"], "项目签约 1");
        assert_eq!(json["items"][0]["tags"][1], "苏州工业园区");
        let again = publish_all(&config, &store)?;
        assert!(again.written.is_empty() && again.unchanged == 6 * 3 + 2);

        // A folder where a feed file should be: its rename fails.
        let mut newer = items[1].clone();
        newer.id = "new".into();
        newer.published = now;
        store.upsert(&[newer.clone()], now)?;
        let blocked = feeds.join("zones/sip.rss");
        std::fs::remove_file(&blocked)?;
        std::fs::create_dir_all(blocked.join("x"))?;
        let before: Vec<PathBuf> = files_under(feeds);
        let mut affected = Affected::default();
        affected.add_item(&config, &newer);
        let err = publish_affected(&config, &store, &affected, false)
            .err()
            .context("publishing over a folder should fail")?;
        assert!(format!("{err:#}").contains("sip.rss"), "{err:#}");
        let after = files_under(feeds);
        assert!(
            after.iter().all(|p| !p.to_string_lossy().ends_with(".tmp")),
            "temp files left: {after:?}"
        );
        assert_eq!(before, after);
        Ok(())
    }
}

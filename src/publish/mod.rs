//! Generated feeds: `all`, every region (with its descendants' items) and every zone, each as
//! RSS 2.0, Atom 1.0 and JSON Feed 1.1 under `feeds_dir`, beside each region and zone feed
//! an HTML page of the same entries for people (`regions/<id>.html`), plus `index.html`
//! (the newest entries and the directory readers and people browse) and `feeds.opml`
//! (every feed, for importing into a reader).
//!
//! Output is a pure function of the stored items and the config (the feed's `updated` is its
//! newest item's time, not the clock), so "write only when the content changed" is a byte
//! comparison. Files are replaced atomically: temp file in the same folder, fsync, rename.
//!
//! # Layout
//!
//! - this file: which feeds a change touches ([`Affected`]) and the publish itself: render
//!   every affected feed on a few threads, stage the changed files, commit them at once;
//! - `meta`: what a feed is called and holds, and what every format needs from an item
//!   (its `urn:uuid:` id, its region and zone as tags);
//! - `story`: one entry per story (with `[stories]` on): which stories a feed lists, the
//!   primary copy, the credits of every copy;
//! - `rss`, `atom`, `json`: one renderer per format, each a pure function of that;
//! - `page`: the HTML page beside each region, zone and topic feed (`regions/<id>.html`
//!   …), and the newest entries `index.html` opens with;
//! - `index`: `index.html` and `feeds.opml`;
//! - `files`: the atomic staging (temp file, sync, rename) and stale temp-file removal.

mod atom;
mod files;
mod index;
mod json;
mod meta;
mod page;
mod rss;
mod search_feed;
mod story;
mod topics;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::config::Config;
use crate::model::Item;
use crate::store::{ItemKey, Store};

pub(crate) use files::remove_stale_temp_files;
pub(crate) use meta::{FeedMeta, author_shown, entry_uuid, item_uuid};
pub(crate) use page::{Entry as PageEntry, STYLE as PAGE_STYLE, push_entries};
pub(crate) use search_feed::render_search_feed;
pub(crate) use story::primary;

use files::{Staged, commit, discard, stage};
use meta::{Prepared, feed_url};

/// One generated feed (every format shares it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedKey {
    All,
    Region(String),
    Zone(String),
    /// A configured `[[topics]]` search, published by `topics.rs`.
    Topic(String),
    /// A search's feed, served not published: the URL-encoded query string (`q=..`);
    /// see `search_feed.rs`.
    Search(String),
}

impl FeedKey {
    /// Path below feeds_dir without extension; these are subscribers' URLs.
    pub fn stem(&self) -> String {
        match self {
            FeedKey::All => "all".into(),
            FeedKey::Region(id) => format!("regions/{id}"),
            FeedKey::Zone(id) => format!("zones/{id}"),
            FeedKey::Topic(id) => format!("topics/{id}"),
            // Never a file: `feed_url` puts the extension before the `?`.
            FeedKey::Search(qs) if qs.is_empty() => "search".into(),
            FeedKey::Search(qs) => format!("search?{qs}"),
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
    pub(crate) fn add_placement(&mut self, config: &Config, region: &str, zone: Option<&str>) {
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

    pub(crate) fn merge(&mut self, other: Affected) {
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

/// What a publish covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The feeds `affected` names (what polls stored) and those of items the store marks
    /// as never published; with `check_missing` (start-up, reload), also every feed whose
    /// files are missing.
    Affected {
        affected: Affected,
        check_missing: bool,
    },
    /// Every feed, index.html and the OPML; files of regions and zones gone from the
    /// config are removed.
    All,
}

/// The topic feeds' part of a publish: the index they are searched in, and whether to
/// bring it up to date with the store first (a one-shot command, whose polls did not
/// index; the daemon's polls keep its index current).
pub(crate) struct Topics<'a> {
    pub index: &'a crate::search::SearchIndex,
    pub catch_up: bool,
}

/// The publish pipeline, the one way feeds are written: the region and zone feeds of
/// `scope` with their pages, index.html and the OPML, the stale-file sweep, then every
/// topic feed. The report's `changed` names every feed whose bytes changed, topics
/// included (the caller pings WebSub hubs for them). Blocking: run it off the runtime.
pub(crate) fn run(
    config: &Config,
    store: &Store,
    scope: &Scope,
    topics: Option<Topics<'_>>,
    on_rendered: OnRendered<'_>,
) -> Result<PublishReport> {
    let mut report = match scope {
        Scope::Affected {
            affected,
            check_missing,
        } => publish_pending(config, store, affected, *check_missing)?,
        Scope::All => publish_all_with(config, store, on_rendered)?,
    };
    if let Some(t) = topics
        && !config.topics.is_empty()
    {
        if t.catch_up {
            crate::search::catch_up(config, store, t.index)?;
        }
        let r = topics::publish_topics(config, store, t.index)?;
        report.written.extend(r.written);
        report.changed.extend(r.changed);
    }
    Ok(report)
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
pub(crate) fn publish_pending(
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
            // A copy joining a story changes the story's entry in every feed of every copy.
            if config.stories.enabled {
                for (region, zone) in store.story_places(&item)? {
                    all.add_placement(config, &region, zone.as_deref());
                }
            }
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

/// Regenerates every feed and removes files of regions and zones that are gone.
pub fn publish_all(config: &Config, store: &Store) -> Result<PublishReport> {
    publish_all_with(config, store, &|_| {})
}

/// Called with the number of feeds just rendered, from the rendering threads.
pub type OnRendered<'a> = &'a (dyn Fn(usize) + Sync);

/// [`publish_all`], reporting progress to `on_rendered` (a terminal's progress bar).
pub fn publish_all_with(
    config: &Config,
    store: &Store,
    on_rendered: OnRendered<'_>,
) -> Result<PublishReport> {
    let marks = store.dirty_marks()?;
    let mut report = publish_feeds(config, store, &all_feeds(config), true, on_rendered)?;
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
            if matches!(ext, "rss" | "atom" | "json" | "html")
                && !keep.contains(&format!("{sub}/{stem}"))
            {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove stale feed {}", path.display()))?;
                report.removed.push(path);
            }
        }
    }
    Ok(report)
}

/// Regenerates the affected feeds and, with `check_missing`, every feed whose files are
/// missing. That check stats four files per feed (11,200 at 2,800 feeds): the daemon does
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
        let exts: &[&str] = match k {
            FeedKey::All => &["rss", "atom", "json"],
            _ => &["rss", "atom", "json", "html"],
        };
        if exts.iter().any(|ext| !stem.with_extension(ext).exists()) {
            keys.insert(k);
        }
    }
    // Drop keys of regions or zones removed from the config since the items were stored.
    keys.retain(|k| match k {
        FeedKey::All => true,
        FeedKey::Region(r) => config.region(r).is_some(),
        FeedKey::Zone(z) => config.zone(z).is_some(),
        FeedKey::Topic(t) => config.topic(t).is_some(),
        FeedKey::Search(_) => false,
    });
    let keys: Vec<FeedKey> = keys.into_iter().collect();
    publish_feeds(config, store, &keys, check_missing, &|_| {})
}

/// URL of a feed file under base_url.
pub(crate) fn feed_url_of(config: &Config, key: &FeedKey, ext: &str) -> String {
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
pub(crate) fn publish_feeds(
    config: &Config,
    store: &Store,
    keys: &[FeedKey],
    config_changed: bool,
    on_rendered: OnRendered<'_>,
) -> Result<PublishReport> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = keys.len().div_ceil(threads).max(1);
    let parts: Vec<Result<Rendered>> = std::thread::scope(|scope| {
        let handles: Vec<_> = keys
            .chunks(chunk)
            .map(|part| scope.spawn(move || render_and_stage(config, store, part, on_rendered)))
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
    let mut newest = None;
    let mut failure = None;
    for part in parts {
        match part {
            Ok(r) => {
                files.extend(r.files);
                newest = newest.or(r.newest);
            }
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
            let tmp = stage(
                &index,
                &index::render_index(config, store, newest.take())?,
                &mut dirs,
            )?;
            files.push(Staged {
                key: None,
                path: index,
                tmp,
            });
            let opml = config.service.feeds_dir.join("feeds.opml");
            if config_changed || !opml.exists() {
                let tmp = stage(&opml, &index::render_opml(config), &mut dirs)?;
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

/// Feeds rendered together: their items are read in one sorted pass (see
/// [`Store::newest_keys`]). 128 feeds of 50 items keep a batch near 10 MB.
const RENDER_BATCH: usize = 128;

/// What a rendering thread made: its staged files and, when its share held the `all` feed,
/// index.html's newest entries (so index.html does not read them again).
struct Rendered {
    files: Vec<Staged>,
    newest: Option<String>,
}

/// Renders the three files of each feed (and a region's or zone's page) and stages those
/// that changed. On error, removes the temp files it made.
fn render_and_stage(
    config: &Config,
    store: &Store,
    keys: &[FeedKey],
    on_rendered: OnRendered<'_>,
) -> Result<Rendered> {
    let mut out = Vec::with_capacity(keys.len() * 4);
    let mut newest = None;
    // A feed with no items is as old as the store (read once, only if one is empty).
    let mut empty_updated = None;
    let mut dirs = HashSet::new();
    let result = (|| -> Result<()> {
        for batch in keys.chunks(RENDER_BATCH) {
            let metas: Vec<FeedMeta> = batch.iter().map(|k| FeedMeta::new(config, k)).collect();
            let read = story::read_batch(config, store, &metas)?;
            // Each entry (an item, or a story with its copies) prepared once for all the
            // feeds and formats it appears in.
            let mut prepared: HashMap<ItemKey, Prepared> = HashMap::new();
            for k in read.feed_keys.iter().flatten() {
                if !prepared.contains_key(k)
                    && let Some(p) = read.prepare(config, k)
                {
                    prepared.insert(*k, p);
                }
            }
            for (meta, fk) in metas.iter().zip(&read.feed_keys) {
                let list: Vec<&Prepared> = fk.iter().filter_map(|k| prepared.get(k)).collect();
                let stem = config.service.feeds_dir.join(meta.key.stem());
                let atom_path = stem.with_extension("atom");
                let updated = match list.iter().map(|p| p.updated()).max() {
                    Some(t) => t,
                    None => match empty_updated {
                        Some(t) => t,
                        None => *empty_updated.insert(store.created_at()?),
                    },
                };
                let rendered = [
                    (
                        stem.with_extension("rss"),
                        rss::render(config, meta, &list, updated)?,
                    ),
                    (atom_path, atom::render(config, meta, &list, updated)?),
                    (
                        stem.with_extension("json"),
                        json::render(config, meta, &list)?,
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
                if meta.key == FeedKey::All {
                    newest = Some(index::render_newest(config, &list));
                }
                // The page for people: no key, since it is no feed (WebSub pings feeds).
                if let Some(bytes) = page::render_feed_page(config, meta, &list) {
                    let path = stem.with_extension("html");
                    let tmp = stage(&path, &bytes, &mut dirs)?;
                    out.push(Staged {
                        key: None,
                        path,
                        tmp,
                    });
                }
            }
            on_rendered(batch.len());
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(Rendered { files: out, newest }),
        Err(e) => {
            discard(&out);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use std::path::Path;

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
                    placed_by: Default::default(),
                }
            })
            .collect();
        store.upsert(&items, now)?;
        let report = publish_all(&config, &store)?;
        // all + 3 regions + 2 zones, three formats each, a page for each region and zone, then
        // index.html and feeds.opml.
        assert_eq!(report.written.len(), 6 * 3 + 5 + 2);
        let feeds = &config.service.feeds_dir;
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(feeds.join("zones/sip.json"))?)?;
        assert_eq!(json["items"].as_array().map(Vec::len), Some(20));
        assert_eq!(json["items"][0]["title"], "项目签约 1");
        assert_eq!(json["items"][0]["tags"][1], "苏州工业园区");
        let again = publish_all(&config, &store)?;
        assert!(again.written.is_empty() && again.unchanged == 6 * 3 + 5 + 2);

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

    /// A feed with no items takes the store's age as its `updated`, not the clock or a
    /// file's mtime: a second publish writes nothing, and a publish into a fresh folder
    /// (a restored or copied tree) writes the same bytes.
    #[test]
    fn an_empty_feed_is_as_old_as_the_store_and_publishes_the_same_bytes() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let text = format!(
            "[service]\ndata_dir = \"{d}/data\"\nfeeds_dir = \"{d}/feeds\"\n\
             [[regions]]\nid = \"nt\"\nname = \"南通市\"\n\
             [[zones]]\nid = \"nt-hi\"\nname = \"南通高新区\"\nregion = \"nt\"\n",
            d = dir.path().display()
        );
        let config = Config::parse(&text, &dir.path().join("config.toml"), dir.path())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let store = Store::open(&config.service.data_dir)?;
        publish_all(&config, &store)?;
        let feeds = &config.service.feeds_dir;
        let atom = std::fs::read_to_string(feeds.join("zones/nt-hi.atom"))?;
        let updated = atom
            .split_once("<updated>")
            .and_then(|(_, rest)| rest.split_once("</updated>"))
            .and_then(|(t, _)| chrono::DateTime::parse_from_rfc3339(t).ok())
            .context("the feed's updated")?;
        assert_eq!(updated, store.created_at()?, "{atom}");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let again = publish_all(&config, &store)?;
        assert!(again.written.is_empty(), "rewrote {:?}", again.written);
        let first: Vec<(PathBuf, Vec<u8>)> = files_under(feeds)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(feeds).map(Path::to_path_buf),
                    std::fs::read(&p),
                )
            })
            .map(|(p, b)| Ok((p?, b?)))
            .collect::<Result<_>>()?;
        std::fs::remove_dir_all(feeds)?;
        publish_all(&config, &store)?;
        for (rel, bytes) in first {
            assert_eq!(
                std::fs::read(feeds.join(&rel))?,
                bytes,
                "{} differs",
                rel.display()
            );
        }
        Ok(())
    }
}

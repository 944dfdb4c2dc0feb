//! Generated feeds: `all`, every region (with its descendants' items) and every zone, each as
//! RSS 2.0 and Atom 1.0 under `feeds_dir`.
//!
//! Output is a pure function of the stored items and the config (the feed's `updated` is its
//! newest item's time, not the clock), so "write only when the content changed" is a byte
//! comparison. Files are replaced atomically: temp file in the same folder, fsync, rename.

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::model::Item;
use crate::store::{Selector, Store};

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

/// Regenerates every feed and removes files of regions and zones that are gone.
pub fn publish_all(config: &Config, store: &Store) -> Result<PublishReport> {
    let mut report = publish_feeds(config, store, &all_feeds(config))?;
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
            if matches!(ext, "rss" | "atom") && !keep.contains(&format!("{sub}/{stem}")) {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove stale feed {}", path.display()))?;
                report.removed.push(path);
            }
        }
    }
    Ok(report)
}

/// Regenerates the affected feeds, plus any feed whose files are missing.
pub fn publish_affected(
    config: &Config,
    store: &Store,
    affected: &Affected,
) -> Result<PublishReport> {
    let mut keys: BTreeSet<FeedKey> = affected.feeds.clone();
    for k in all_feeds(config) {
        let stem = config.service.feeds_dir.join(k.stem());
        if !stem.with_extension("rss").exists() || !stem.with_extension("atom").exists() {
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
    publish_feeds(config, store, &keys)
}

pub fn publish_feeds(config: &Config, store: &Store, keys: &[FeedKey]) -> Result<PublishReport> {
    let mut report = PublishReport::default();
    for key in keys {
        let meta = FeedMeta::new(config, key);
        let items = store
            .newest(&meta.selector, config.service.feed_items, |_| true)
            .with_context(|| format!("cannot read items for feed {}", key.stem()))?;
        let stem = config.service.feeds_dir.join(key.stem());
        let rss_path = stem.with_extension("rss");
        let atom_path = stem.with_extension("atom");
        let updated = items
            .iter()
            .map(|i| i.updated.unwrap_or(i.published).max(i.published))
            .max()
            .or_else(|| file_mtime(&atom_path))
            .unwrap_or_else(Utc::now);
        let rss = render_rss(config, &meta, &items, updated)?;
        let atom = render_atom(config, &meta, &items, updated)?;
        for (path, bytes) in [(rss_path, rss), (atom_path, atom)] {
            if write_if_changed(&path, &bytes)? {
                report.written.push(path);
            } else {
                report.unchanged += 1;
            }
        }
    }
    Ok(report)
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
    items: &[Item],
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
    channel.atom_ext = Some(AtomExtension {
        links: vec![Link {
            href: self_url,
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Default::default()
        }],
    });
    for item in items {
        let mut categories: Vec<rss::Category> = item_tags(config, item)
            .into_iter()
            .map(|t| rss::Category {
                name: t.label,
                domain: Some(t.scheme),
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
                value: item_uuid(item),
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
    items: &[Item],
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
    for item in items {
        let mut categories: Vec<Category> = item_tags(config, item)
            .into_iter()
            .map(|t| Category {
                term: t.term,
                scheme: Some(t.scheme),
                label: Some(t.label),
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
            id: item_uuid(item),
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

/// Replaces `path` with `bytes` unless it already holds exactly them. Readers of the old file
/// see either the old or the new content, never a mix: temp file, fsync, rename, fsync dir.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Ok(existing) = std::fs::read(path)
        && existing == bytes
    {
        return Ok(false);
    }
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feed");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(true)
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
}

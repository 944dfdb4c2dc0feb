//! What every format says about a feed and its items: the feed's title, description and
//! selection ([`FeedMeta`]), stable `urn:uuid:` ids, feed URLs, and each item's region and
//! zone as tags, computed once per item for all three renderers ([`Prepared`]).
//!
//! Invariant: ids depend on the source and item id (or the feed's path) only, never on
//! `base_url`, so moving the service does not re-announce items.

use sha2::{Digest, Sha256};

use super::FeedKey;
use crate::config::Config;
use crate::model::Item;
use crate::store::Selector;

/// What a feed is called and what it holds.
pub(crate) struct FeedMeta {
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
            FeedKey::Topic(id) => {
                let (name, query) = config
                    .topic(id)
                    .map(|t| (t.name.clone(), t.query.clone()))
                    .unwrap_or_default();
                FeedMeta {
                    key: key.clone(),
                    title: format!("专题：{name}"),
                    description: format!("开发区新闻专题“{name}”（{query}）"),
                    selector: Selector::All,
                }
            }
            // Titled by the caller (`search_feed.rs`); the selector is unused, the items
            // come from the index.
            FeedKey::Search(_) => FeedMeta {
                key: key.clone(),
                title: "开发区新闻搜索".into(),
                description: "开发区新闻搜索结果".into(),
                selector: Selector::All,
            },
        }
    }
}

/// A stable, base_url-independent IRI for a feed or an item: `urn:uuid:` of a SHA-256
/// (version 8 UUID, RFC 9562 "custom"), so moving the service does not re-announce items.
pub(crate) fn urn_uuid(seed: &str) -> String {
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

pub(crate) fn item_uuid(item: &Item) -> String {
    entry_uuid(&item.source, &item.id)
}

/// The feed entry id of the item `id` of `source`.
pub(crate) fn entry_uuid(source: &str, id: &str) -> String {
    urn_uuid(&format!("zonefeed item\0{source}\0{id}"))
}

pub(super) fn feed_url(config: &Config, stem: &str, ext: &str) -> String {
    // A search feed's stem carries its query string: `search?q=x` -> `search.rss?q=x`.
    let rel = match stem.split_once('?') {
        Some((path, qs)) => format!("{path}.{ext}?{qs}"),
        None => format!("{stem}.{ext}"),
    };
    config
        .service
        .base_url
        .join(&rel)
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// The web page a feed stands for: its row of `index.html` (RSS `<link>`, Atom
/// `rel="alternate" type="text/html"`, JSON Feed `home_page_url`).
pub(super) fn page_url(config: &Config, key: &super::FeedKey) -> String {
    let base = &config.service.base_url;
    let anchor = match key {
        super::FeedKey::All => return base.to_string(),
        super::FeedKey::Region(id) => format!("#region-{id}"),
        super::FeedKey::Zone(id) => format!("#zone-{id}"),
        super::FeedKey::Topic(id) => format!("#topic-{id}"),
        // The results page of the same search.
        super::FeedKey::Search(_) => key.stem(),
    };
    base.join(&anchor)
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// The configured source an item came from: its name, and its URL when that is a web
/// address (a `file:` path of the admin's machine is never published).
pub(super) fn source_of<'c>(config: &'c Config, item: &Item) -> (&'c str, Option<String>) {
    match config.source(&item.source) {
        Some(s) => (
            s.name.as_deref().unwrap_or(&s.id),
            match &s.url {
                crate::config::SourceUrl::Http(u) => Some(u.to_string()),
                crate::config::SourceUrl::File(_) => None,
            },
        ),
        None => ("", None),
    }
}

/// The name an item is credited to wherever it is shown (feeds' authors, pages, search
/// results, digests): its own 来源 (the author field), else the configured source's name,
/// else the source's id.
pub(crate) fn author_shown<'a>(config: &'a Config, item: &'a Item) -> &'a str {
    match item
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        Some(a) => a,
        None => match source_of(config, item).0 {
            "" => &item.source,
            name => name,
        },
    }
}

/// The excerpt an item shows on pages, search results and digests: the summary (else the
/// content) as plain text, whitespace collapsed, at most `max_chars` characters with an
/// ellipsis when cut. Inline elements leave no space behind (`详见<a>清单</a>。` reads
/// 详见清单。); block boundaries separate words.
pub(crate) fn excerpt(item: &Item, max_chars: usize) -> String {
    let html = item
        .summary
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .or(item.content.as_deref())
        .unwrap_or("");
    let text = crate::parse::html_to_text(html);
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}

/// A source as an Atom entry's `<source>` describes it.
pub(super) struct SourceShown {
    pub title: String,
    /// A feed source's own URL (the address readers subscribe to; RSS feeds have no id of
    /// their own), or for a `file:` copy of a feed the `site_url` it stands for; for HTML
    /// and JSON sources, and `file:` sources whose path is never published, a stable
    /// `urn:uuid:` of the source's id.
    pub id: String,
    /// The source as a link: `self` for a feed on the web, `alternate` for a web page (an
    /// HTML list, or the site a `file:` source stands for); none for a JSON API.
    pub link: Option<(String, &'static str)>,
    /// The newest time the source is known to have carried this item: its `updated`, else
    /// its date.
    pub updated: chrono::DateTime<chrono::Utc>,
}

impl SourceShown {
    pub(super) fn of(s: &crate::config::Source, item: &Item) -> SourceShown {
        use crate::config::{SourceKind, SourceUrl};
        // A feed's own address (a bundled copy: the address it stands for) is its id;
        // anything else gets a stable urn, and links to its page when it has one.
        let feed = match (&s.kind, &s.url) {
            (SourceKind::Feed, SourceUrl::Http(u)) => Some(u),
            (SourceKind::Feed, SourceUrl::File(_)) => s.site_url.as_ref(),
            _ => None,
        };
        let (id, link) = match feed {
            Some(u) => (u.to_string(), Some((u.to_string(), "self"))),
            None => {
                let page = match (&s.kind, &s.url) {
                    (SourceKind::Html(_), SourceUrl::Http(u)) => Some(u),
                    _ => s.site_url.as_ref(),
                };
                (
                    urn_uuid(&format!("zonefeed source\0{}", s.id)),
                    page.map(|u| (u.to_string(), "alternate")),
                )
            }
        };
        SourceShown {
            title: s.name.clone().unwrap_or_else(|| s.id.clone()),
            id,
            link,
            updated: item.last_changed(),
        }
    }
}

#[derive(Clone, PartialEq)]
pub(super) struct Tag {
    pub(super) term: String,
    pub(super) label: String,
    pub(super) scheme: String,
}

/// The item's region and zone as categories, then its own categories.
pub(super) fn item_tags(config: &Config, item: &Item) -> Vec<Tag> {
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

/// One copy of a story, as an entry credits it.
pub(super) struct Copy<'a> {
    pub item: &'a Item,
    /// The source's name (or id).
    pub source: String,
    /// "09-28 08:00" in `[service] timezone`.
    pub time: String,
}

/// An entry with what all three formats need from it, computed once: one item, or one
/// story of several copies (see `story`).
pub(super) struct Prepared<'a> {
    /// The item that stands for the entry: its title, link, text and author (a story's
    /// primary copy).
    pub(super) item: &'a Item,
    /// The first copy: the entry's dates (for an item, the item itself).
    pub(super) first: &'a Item,
    /// The first copy's id, so a story keeps the id its first copy was published under.
    pub(super) uuid: String,
    /// Regions and zones of every copy, each once.
    pub(super) tags: Vec<Tag>,
    /// Every copy of a story (empty for an item alone), first seen first.
    pub(super) copies: Vec<Copy<'a>>,
    /// The line that credits every copy, as HTML (None for an item alone).
    pub(super) credits: Option<String>,
}

/// The newest time of any copy of any entry, for a feed whose `updated` must not take the
/// clock (equal results give equal bytes); an empty list is dated at the epoch.
pub(super) fn newest_time(prepared: &[Prepared<'_>]) -> chrono::DateTime<chrono::Utc> {
    prepared
        .iter()
        .flat_map(|p| std::iter::once(p.item).chain(p.copies.iter().map(|c| c.item)))
        .map(Item::last_changed)
        .max()
        .unwrap_or(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH)
}

impl Prepared<'_> {
    /// The entry's `updated`: its first copy's, so a repost arriving never makes a reader
    /// show the story again.
    pub(super) fn updated(&self) -> chrono::DateTime<chrono::Utc> {
        self.first.last_changed()
    }

    /// `html` followed by the credits line, when there is one.
    pub(super) fn with_credits(&self, html: &str) -> String {
        match &self.credits {
            Some(c) => format!("{html}{c}"),
            None => html.to_string(),
        }
    }
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
}

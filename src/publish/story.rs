//! Stories in feeds: with `[stories]` on, a feed lists each story once, where its newest
//! copy in that feed stands, and a story is in every feed any of its copies is in (the
//! union of their regions and zones).
//!
//! The entry of a story of several copies: the first copy's id and dates (readers never
//! see the story again when a repost arrives), the primary copy's title, link and text (the
//! source with the highest `priority`, ties to the earliest), the regions and zones of
//! every copy as tags, and every copy credited with its source, time and link
//! ([`credits_html`]; Atom and RSS add `rel="related"` links, JSON Feed a `_zonefeed`
//! object).
//!
//! Invariant: with stories off, or for a story of one copy, the entry is exactly the
//! item's entry as before stories existed.

use std::collections::HashMap;

use anyhow::Result;

use super::meta::{Copy, FeedMeta, Prepared, item_tags, item_uuid, source_of};
use crate::config::Config;
use crate::model::Item;
use crate::store::{ItemKey, Store, StoryRecord};

/// What a batch of feeds lists: each feed's entry keys (item keys, or story ids), and the
/// items and story records they need, read in key order.
pub(super) struct Batch {
    pub feed_keys: Vec<Vec<ItemKey>>,
    pub items: HashMap<ItemKey, Item>,
    stories: HashMap<ItemKey, StoryRecord>,
}

pub(super) fn read_batch(config: &Config, store: &Store, metas: &[FeedMeta]) -> Result<Batch> {
    let limit = config.service.feed_items;
    let stories_on = config.stories.enabled;
    let mut feed_keys = Vec::with_capacity(metas.len());
    let mut story_of = HashMap::new();
    for meta in metas {
        let keys = if stories_on {
            store.newest_story_keys_cached(&meta.selector, limit, &mut story_of)
        } else {
            store.newest_keys(&meta.selector, limit)
        };
        feed_keys.push(anyhow::Context::with_context(keys, || {
            format!("cannot read items for feed {}", meta.key.stem())
        })?);
    }
    let mut all: Vec<ItemKey> = feed_keys.iter().flatten().copied().collect();
    let mut stories = HashMap::new();
    if stories_on {
        all.sort_unstable();
        all.dedup();
        for sid in all.clone() {
            if let Some(record) = store.story(&sid)? {
                all.extend(record.copies.iter().filter_map(|c| c.item_key()));
                stories.insert(sid, record);
            }
        }
    }
    let items = store.items_by_keys(&all)?;
    Ok(Batch {
        feed_keys,
        items,
        stories,
    })
}

/// The entries of search results (a topic or search feed): each result as an item, or, for a result
/// standing for a story of several copies, that story as a region feed shows it. Returns
/// the results' keys in order (item keys, or story ids) and the batch to prepare them from.
pub(super) fn batch_of_found(
    store: &Store,
    found: &[crate::search::Found],
) -> Result<(Vec<ItemKey>, Batch)> {
    let mut keys = Vec::with_capacity(found.len());
    let mut items = HashMap::new();
    let mut stories = HashMap::new();
    let mut copies = Vec::new();
    for f in found {
        match &f.story {
            Some((sid, Some(record))) => {
                copies.extend(record.copies.iter().filter_map(|c| c.item_key()));
                stories.insert(*sid, record.clone());
                keys.push(*sid);
            }
            _ => {
                let key = crate::store::item_key(&f.item.source, &f.item.id);
                items.insert(key, f.item.clone());
                keys.push(key);
            }
        }
    }
    copies.sort_unstable();
    copies.dedup();
    items.extend(store.items_by_keys(&copies)?);
    Ok((
        keys,
        Batch {
            feed_keys: Vec::new(),
            items,
            stories,
        },
    ))
}

impl Batch {
    /// The entry of one key of `feed_keys`: an item, or a story with its copies.
    pub(super) fn prepare<'a>(&'a self, config: &Config, key: &ItemKey) -> Option<Prepared<'a>> {
        let Some(record) = self.stories.get(key) else {
            let item = self.items.get(key)?;
            return Some(Prepared {
                item,
                first: item,
                uuid: item_uuid(item),
                tags: item_tags(config, item),
                copies: Vec::new(),
                credits: None,
            });
        };
        let tz = config.service.timezone;
        let copies: Vec<Copy<'a>> = record
            .copies
            .iter()
            .filter_map(|c| self.items.get(&c.item_key()?))
            .map(|item| Copy {
                item,
                source: source_of(config, item).0.to_string(),
                time: item
                    .published
                    .with_timezone(&tz)
                    .format("%m-%d %H:%M")
                    .to_string(),
            })
            .collect();
        let first = copies.first()?.item;
        let primary = primary(config, copies.iter().map(|c| c.item))?;
        let mut tags = Vec::new();
        for c in &copies {
            for t in item_tags(config, c.item) {
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
        }
        let credits = (copies.len() > 1).then(|| credits_html(&copies));
        Some(Prepared {
            item: primary,
            first,
            uuid: item_uuid(first),
            tags,
            copies,
            credits,
        })
    }
}

/// The copy that stands for a story: the highest source `priority`, ties to the earliest
/// date, then to the first seen.
pub(crate) fn primary<'a>(
    config: &Config,
    copies: impl Iterator<Item = &'a Item>,
) -> Option<&'a Item> {
    copies.min_by(|a, b| {
        config
            .priority(&b.source)
            .cmp(&config.priority(&a.source))
            .then(a.published.cmp(&b.published))
            .then(a.seq.cmp(&b.seq))
    })
}

/// `<p>同时刊载：<a href="…">南通日报</a> 09-28 08:00 · <a href="…">投促中国</a> 09-29 09:00</p>`
fn credits_html(copies: &[Copy<'_>]) -> String {
    let mut h = String::from("<p class=\"zonefeed-copies\">同时刊载：");
    for (i, c) in copies.iter().enumerate() {
        if i > 0 {
            h.push_str(" · ");
        }
        match &c.item.link {
            Some(l) => {
                h.push_str("<a href=\"");
                h.push_str(&html_escape::encode_double_quoted_attribute(l));
                h.push_str("\">");
                h.push_str(&html_escape::encode_text(&c.source));
                h.push_str("</a>");
            }
            None => h.push_str(&html_escape::encode_text(&c.source)),
        }
        h.push(' ');
        h.push_str(&c.time);
    }
    h.push_str("</p>");
    h
}

/// The other copies' links, for `rel="related"` (each link once, never the entry's own).
pub(super) fn related<'p>(p: &'p Prepared<'_>) -> Vec<(&'p str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for c in &p.copies {
        let Some(l) = c.item.link.as_deref() else {
            continue;
        };
        if p.item.link.as_deref() == Some(l) || out.iter().any(|(o, _)| *o == l) {
            continue;
        }
        out.push((l, format!("{} {}", c.source, c.time)));
    }
    out
}

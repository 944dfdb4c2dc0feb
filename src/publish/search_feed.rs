//! A search's results as a feed (`/search.rss|.atom|.json`): the same renderers as the
//! published feeds, over items the search index chose, with the query in the title and
//! the feed's own URL carrying the query string.
//!
//! With `[stories]` on, a result standing for a story of several copies gets the story's
//! entry, as in the region and topic feeds (first copy's id, primary copy's text, every
//! copy credited).
//!
//! Invariant: output is a pure function of the items, their stories, the query and the
//! config (as for published feeds), so the server's ETag, a hash of the bytes, changes
//! only with them.

use anyhow::{Result, bail};

use super::meta::Prepared;
use super::{FeedKey, FeedMeta, atom, json, rss};
use crate::config::Config;
use crate::model::Item;
use crate::search::Found;
use crate::store::Store;

/// Renders `items` as `ext` (`rss`, `atom` or `json`). `qs` is the URL-encoded query
/// string of the search; `label` is what the title shows of it.
pub(crate) fn render_search_feed(
    config: &Config,
    store: &Store,
    qs: &str,
    label: &str,
    items: &[Item],
    ext: &str,
) -> Result<Vec<u8>> {
    let key = FeedKey::Search(qs.to_string());
    let mut meta = FeedMeta::new(config, &key);
    meta.title = format!("搜索：{label}");
    meta.description = format!("开发区新闻中与“{label}”相符的条目");
    let mut found = Vec::with_capacity(items.len());
    for item in items {
        let story = if config.stories.enabled {
            Some(store.story_of_item(&item.source, &item.id)?)
        } else {
            None
        };
        found.push(Found {
            item: item.clone(),
            story,
        });
    }
    let (keys, batch) = super::story::batch_of_found(store, &found)?;
    let prepared: Vec<Prepared> = keys
        .iter()
        .filter_map(|k| batch.prepare(config, k))
        .collect();
    let list: Vec<&Prepared> = prepared.iter().collect();
    // The newest item's time, so equal results give equal bytes; an empty result is
    // dated at the epoch rather than now for the same reason.
    let updated = super::meta::newest_time(&prepared);
    match ext {
        "rss" => rss::render(config, &meta, &list, updated),
        "atom" => atom::render(config, &meta, &list, updated),
        "json" => json::render(config, &meta, &list),
        other => bail!("no feed format {other:?}"),
    }
}

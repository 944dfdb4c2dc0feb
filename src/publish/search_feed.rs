//! A search's results as a feed (`/search.rss|.atom|.json`): the same renderers as the
//! published feeds, over items the search index chose, with the query in the title and
//! the feed's own URL carrying the query string.
//!
//! Invariant: output is a pure function of the items, the query and the config (as for
//! published feeds), so the server's ETag, a hash of the bytes, changes only with them.

use anyhow::{Result, bail};
use chrono::Utc;

use super::meta::{Prepared, item_tags};
use super::{FeedKey, FeedMeta, atom, item_uuid, json, rss};
use crate::config::Config;
use crate::model::Item;

/// Renders `items` as `ext` (`rss`, `atom` or `json`). `qs` is the URL-encoded query
/// string of the search; `label` is what the title shows of it.
pub(crate) fn render_search_feed(
    config: &Config,
    qs: &str,
    label: &str,
    items: &[Item],
    ext: &str,
) -> Result<Vec<u8>> {
    let key = FeedKey::Search(qs.to_string());
    let mut meta = FeedMeta::new(config, &key);
    meta.title = format!("搜索：{label}");
    meta.description = format!("开发区新闻中与“{label}”相符的条目");
    let prepared: Vec<Prepared> = items
        .iter()
        .map(|item| Prepared {
            item,
            first: item,
            copies: Vec::new(),
            credits: None,
            uuid: item_uuid(item),
            tags: item_tags(config, item),
        })
        .collect();
    let list: Vec<&Prepared> = prepared.iter().collect();
    // The newest item's time, so equal results give equal bytes; an empty result is
    // dated at the epoch rather than now for the same reason.
    let updated = items
        .iter()
        .map(|i| i.updated.unwrap_or(i.published).max(i.published))
        .max()
        .unwrap_or(chrono::DateTime::<Utc>::UNIX_EPOCH);
    match ext {
        "rss" => rss::render(config, &meta, &list, updated),
        "atom" => atom::render(config, &meta, &list, updated),
        "json" => json::render(config, &meta, &list),
        other => bail!("no feed format {other:?}"),
    }
}

//! `[[topics]]` feeds: `feeds/topics/<id>.rss|.atom|.json`, each the newest `feed_items`
//! items its query finds in its regions and zones, rendered by the same renderers as
//! every feed and replaced atomically, only when their bytes change; and beside them
//! `topics/<id>.html`, the same items as a page for people (no script, every value
//! escaped, only http(s) links, the site's search box; rendered by `page.rs`).
//!
//! Invariant: a topic feed holds exactly what a search for its query with its filters
//! returns (the search index decides; the store supplies the items). Topics are few and
//! each search takes milliseconds, so every publish after a poll rewrites them all
//! rather than working out which a change touched.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;

use super::files::{Staged, commit, discard, stage};
use super::meta::{Prepared, item_tags};
use super::page::{self, Entry, Page};
use super::{FeedKey, FeedMeta, atom, item_uuid, json, rss};
use crate::config::Config;
use crate::search::{Filter, SearchIndex};
use crate::store::Store;

/// Writes every topic's feeds; returns the files that changed.
pub fn publish_topics(config: &Config, store: &Store, index: &SearchIndex) -> Result<Vec<PathBuf>> {
    let mut out: Vec<Staged> = Vec::new();
    let mut dirs = HashSet::new();
    let result = (|| -> Result<()> {
        for topic in &config.topics {
            let filter = Filter {
                any_regions: topic.regions.clone(),
                any_zones: topic.zones.clone(),
                ..Default::default()
            };
            let items = crate::search::search(
                config,
                store,
                index,
                &topic.query,
                &filter,
                config.service.feed_items,
            )
            .with_context(|| format!("topic {}", topic.id))?;
            let key = FeedKey::Topic(topic.id.clone());
            let meta = FeedMeta::new(config, &key);
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
            // The newest item's time, not the clock: equal results give equal bytes.
            let updated = items
                .iter()
                .map(|i| i.updated.unwrap_or(i.published).max(i.published))
                .max()
                .unwrap_or(chrono::DateTime::<Utc>::UNIX_EPOCH);
            let stem = config.service.feeds_dir.join(key.stem());
            let page = render_page(config, topic, &items);
            for (ext, bytes) in [
                ("html", page),
                ("rss", rss::render(config, &meta, &list, updated)?),
                ("atom", atom::render(config, &meta, &list, updated)?),
                ("json", json::render(config, &meta, &list)?),
            ] {
                let path = stem.with_extension(ext);
                let tmp = stage(&path, &bytes, &mut dirs)?;
                out.push(Staged {
                    key: Some(key.clone()),
                    path,
                    tmp,
                });
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        discard(&out);
        return Err(e);
    }
    commit(&out)?;
    Ok(out
        .into_iter()
        .filter(|f| f.tmp.is_some())
        .map(|f| f.path)
        .collect())
}

/// The topic's page: its newest items with time, source and summary, the search box and
/// the subscribe links (see `page.rs`).
fn render_page(
    config: &Config,
    topic: &crate::config::Topic,
    items: &[crate::model::Item],
) -> Vec<u8> {
    let mut search = url::form_urlencoded::Serializer::new(String::new());
    search.append_pair("q", &topic.query);
    let title = format!("专题：{}", topic.name);
    let page = Page {
        title: &title,
        note: &topic.query,
        up: "../",
        name: &topic.id,
        filter: None,
        search_query: Some(search.finish()),
        places: true,
    };
    let entries: Vec<Entry<'_>> = items
        .iter()
        .map(|item| Entry {
            item,
            published: item.published,
            copies: 1,
        })
        .collect();
    page::render(config, &page, &entries)
}

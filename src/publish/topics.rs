//! `[[topics]]` feeds: `feeds/topics/<id>.rss|.atom|.json`, each the newest `feed_items`
//! items its query finds in its regions and zones, rendered by the same renderers as
//! every feed and replaced atomically, only when their bytes change; and beside them
//! `topics/<id>.html`, the same items as a page for people (no script, every value
//! escaped, only http(s) links, the site's search box; rendered by `page.rs`).
//!
//! Invariant: a topic feed holds exactly what a search for its query with its filters
//! returns (the search index decides; the store supplies the items). With `[stories]` on
//! that search lists a story once (see `search::search`), and the story's entry is the
//! one the region feeds give it (`story.rs`: first copy's id, primary copy's text, every
//! copy credited). Topics are few and
//! each search takes milliseconds, so every publish after a poll rewrites them all
//! rather than working out which a change touched.

use std::collections::HashSet;

use anyhow::{Context, Result};

use super::files::{Staged, commit, discard, stage};
use super::meta::Prepared;
use super::page::{self, Entry, Page};
use super::{FeedKey, FeedMeta, PublishReport, atom, json, rss};
use crate::config::Config;
use crate::search::{Filter, SearchIndex};
use crate::store::Store;

/// Writes every topic's feeds and page; the report names the files written and the topic
/// feeds that changed (for WebSub). Unchanged files are not counted (as before: `publish`
/// prints the region and zone feeds' count).
pub(super) fn publish_topics(
    config: &Config,
    store: &Store,
    index: &SearchIndex,
) -> Result<PublishReport> {
    let mut out: Vec<Staged> = Vec::new();
    let mut dirs = HashSet::new();
    let result = (|| -> Result<()> {
        for topic in &config.topics {
            let filter = Filter {
                any_regions: topic.regions.clone(),
                any_zones: topic.zones.clone(),
                ..Default::default()
            };
            let found = crate::search::search_found(
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
            // With stories on, a result may stand for a story: its entry is the story's,
            // as in the region feeds (first copy's id, primary copy's text, every copy
            // credited).
            let (keys, batch) = super::story::batch_of_found(store, &found)?;
            let prepared: Vec<Prepared> = keys
                .iter()
                .filter_map(|k| batch.prepare(config, k))
                .collect();
            let list: Vec<&Prepared> = prepared.iter().collect();
            // The newest item's time, not the clock: equal results give equal bytes.
            let updated = super::meta::newest_time(&prepared);
            let stem = config.service.feeds_dir.join(key.stem());
            let page = render_page(config, topic, &prepared);
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
    let mut report = PublishReport::default();
    for f in out.into_iter().filter(|f| f.tmp.is_some()) {
        // The page is no feed: hubs hear of the feeds only.
        if let Some(k) = f
            .key
            .filter(|_| f.path.extension().is_some_and(|e| e != "html"))
            && !report.changed.contains(&k)
        {
            report.changed.push(k);
        }
        report.written.push(f.path);
    }
    Ok(report)
}

/// The topic's page: its newest items with time, source and summary, the search box and
/// the subscribe links (see `page.rs`).
fn render_page(config: &Config, topic: &crate::config::Topic, prepared: &[Prepared]) -> Vec<u8> {
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
    // The same entries the topic's feeds list (a story once, its copies counted).
    let list: Vec<&Prepared> = prepared.iter().collect();
    let entries = Entry::of_feed(&list);
    page::render(config, &page, &entries)
}

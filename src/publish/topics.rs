//! `[[topics]]` feeds: `feeds/topics/<id>.rss|.atom|.json`, each the newest `feed_items`
//! items its query finds in its regions and zones, rendered by the same renderers as
//! every feed and replaced atomically, only when their bytes change; and beside them
//! `topics/<id>.html`, the same items as a page for people (no script, every value
//! escaped, only http(s) links; a link to the search page rather than a form, since
//! published files hold no forms).
//!
//! Invariant: a topic feed holds exactly what a search for its query with its filters
//! returns (the search index decides; the store supplies the items). With `[stories]` on
//! that search lists a story once (see `search::search`), and the story's entry is the
//! one the region feeds give it (`story.rs`: first copy's id, primary copy's text, every
//! copy credited). Topics are few and
//! each search takes milliseconds, so every publish after a poll rewrites them all
//! rather than working out which a change touched.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;

use super::files::{Staged, commit, discard, stage};
use super::meta::Prepared;
use super::{FeedKey, FeedMeta, atom, json, rss};
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
            let items: Vec<&crate::model::Item> = prepared.iter().map(|p| p.item).collect();
            // The newest item's time, not the clock: equal results give equal bytes.
            let updated = prepared
                .iter()
                .flat_map(|p| std::iter::once(p.item).chain(p.copies.iter().map(|c| c.item)))
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

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// The topic's page: its newest items with time, place, source and summary, and the
/// subscribe links. Pure function of its inputs, like the feeds.
fn render_page(
    config: &Config,
    topic: &crate::config::Topic,
    items: &[&crate::model::Item],
) -> Vec<u8> {
    let tz = config.service.timezone;
    let mut search = url::form_urlencoded::Serializer::new(String::new());
    search.append_pair("q", &topic.query);
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>专题：{name}</title>\n\
<style>body{{font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#222}}\
li{{margin:0 0 14px}}.meta{{color:#666;font-size:14px}}a{{color:#0b4f9c}}</style>\n</head>\n<body>\n\
<p><a href=\"../index.html\">首页</a> · <a href=\"../search?{search}\">在搜索页打开</a></p>\n\
<h1>专题：{name}</h1>\n<p class=\"meta\"><code>{query}</code></p>\n\
<p>订阅：<a href=\"{id}.rss\">RSS</a> · <a href=\"{id}.atom\">Atom</a> · <a href=\"{id}.json\">JSON</a></p>\n<ol>\n",
        name = esc(&topic.name),
        query = esc(&topic.query),
        id = attr(&topic.id),
        search = attr(&search.finish()),
    );
    for i in items {
        let title = match i
            .link
            .as_deref()
            .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
        {
            Some(l) => format!("<a href=\"{}\">{}</a>", attr(l), esc(&i.title)),
            None => esc(&i.title),
        };
        let source = config
            .source(&i.source)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| i.source.clone());
        let summary: String = crate::search::plain_text(i.summary.as_deref().unwrap_or(""))
            .chars()
            .take(200)
            .collect();
        h.push_str(&format!(
            "<li>{title}<div class=\"meta\">{time} · {place} · {source}</div><div>{summary}</div></li>\n",
            time = i.published.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
            place = esc(&config.region_path(&i.region)),
            source = esc(&source),
            summary = esc(summary.trim()),
        ));
    }
    h.push_str("</ol>\n</body>\n</html>\n");
    h.into_bytes()
}

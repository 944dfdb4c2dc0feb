//! `index.html` (the newest entries of all feeds, a search box, then the directory of every
//! feed, with counts, last update and a link to each region's and zone's page) and
//! `feeds.opml` (every feed, for importing into a reader).
//!
//! Invariant: deterministic, no clock: the page is a function of the config, the `all`
//! feed's newest entries and the store's per-group counts and newest times, so an
//! unchanged store and config rewrite nothing. Item text is escaped like every value
//! (`page.rs` renders the entries).

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::meta::{FeedMeta, Prepared, feed_url};
use super::page;
use super::{FeedKey, story};
use crate::config::Config;
use crate::escape::{attr, text};
use crate::store::{Selector, Store};

/// How many of the newest entries `index.html` opens with.
const NEWEST: usize = 20;

/// `index.html`: the newest entries (as the `all` feed lists them), the search box, regions
/// as a tree and zones as a table, with item counts, last update, a link to each one's
/// page and subscribe links, and `<link rel="alternate">` for autodiscovery.
/// Deterministic: no clock. `newest`: the newest entries' list from the publish that
/// rendered the `all` feed ([`render_newest`]), else read here.
pub(super) fn render_index(
    config: &Config,
    store: &Store,
    newest: Option<String>,
) -> Result<Vec<u8>> {
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
    h.push_str("<style>");
    h.push_str(page::STYLE);
    h.push_str("</style>\n</head>\n<body>\n");
    h.push_str("<h1>开发区新闻订阅源</h1>\n");
    // Search (issue 18): the site's own search form (a GET to the daemon's /search page) and
    // a link to that page, which offers each search as a feed. xsscheck.py admits exactly
    // this form in whole pages: any other <form> (an injected one would be a phishing
    // form) is still flagged, and item text is escaped, so it cannot bring one.
    page::push_search_form(&mut h, "", None);
    h.push_str("<p id=\"search\"><a href=\"search\">搜索新闻</a>：按关键词、地区、开发区查找，并订阅搜索结果。");
    // With `[signup]` on, the form itself (each row below links it with its choice ticked;
    // not class "signup", which marks those).
    if config.signup.enabled {
        h.push_str(" <a class=\"signup-form\" href=\"subscribe\">邮件订阅</a>：按地区、开发区定期收到摘要。");
    }
    h.push_str("</p>\n");
    // The newest entries, as the `all` feed lists them (one per story with stories on).
    match newest {
        Some(section) => h.push_str(&section),
        None => {
            let all = [FeedMeta::new(config, &FeedKey::All)];
            let batch = story::read_batch(config, store, &all)?;
            let prepared: Vec<_> = batch
                .feed_keys
                .iter()
                .flatten()
                .take(NEWEST)
                .filter_map(|k| batch.prepare(config, k))
                .collect();
            let list: Vec<_> = prepared.iter().collect();
            h.push_str(&render_newest(config, &list));
        }
    }
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
            h.push_str("\"><strong><a href=\"regions/");
            html_escape::encode_double_quoted_attribute_to_string(page_name(&r.id), h);
            h.push_str(".html\">");
            html_escape::encode_text_to_string(&r.name, h);
            let _ = write!(
                h,
                "</a></strong><span class=\"count\">{n} 条</span><span class=\"updated\">最近更新 {when}</span> "
            );
            push_links(h, "regions/", &r.id);
            push_signup_link(h, config, "region", &r.id);
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
        h.push_str("\"><td><a href=\"zones/");
        html_escape::encode_double_quoted_attribute_to_string(page_name(&z.id), &mut h);
        h.push_str(".html\">");
        html_escape::encode_text_to_string(&z.name, &mut h);
        let _ = write!(h, "</a></td><td>{path}</td><td>{n}</td><td>{when}</td><td>");
        push_links(&mut h, "zones/", &z.id);
        push_signup_link(&mut h, config, "zone", &z.id);
        h.push_str("</td></tr>\n");
    }
    h.push_str("</table>\n");
    // Topics (issue 18): configured searches, each a feed under topics/.
    if !config.topics.is_empty() {
        h.push_str("<h2>专题</h2>\n<ul id=\"topics\">\n");
        for t in &config.topics {
            h.push_str("<li id=\"topic-");
            html_escape::encode_double_quoted_attribute_to_string(&t.id, &mut h);
            h.push_str("\"><strong><a href=\"topics/");
            html_escape::encode_double_quoted_attribute_to_string(&t.id, &mut h);
            h.push_str(".html\">");
            html_escape::encode_text_to_string(&t.name, &mut h);
            h.push_str("</a></strong> <code>");
            html_escape::encode_text_to_string(&t.query, &mut h);
            h.push_str("</code> ");
            push_links(&mut h, "topics/", &t.id);
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<p><a href=\"feeds.opml\">feeds.opml</a>：全部订阅源，可导入阅读器。</p>\n</body>\n</html>\n");
    Ok(h.into_bytes())
}

/// index.html's "最新" section: the first [`NEWEST`] entries of the `all` feed's `list`.
pub(super) fn render_newest(config: &Config, list: &[&Prepared<'_>]) -> String {
    let mut h = String::from("<section id=\"newest\">\n<h2>最新</h2>\n");
    if list.is_empty() {
        h.push_str("<p class=\"meta\">暂无新闻。</p>\n");
    } else {
        let list = &list[..list.len().min(NEWEST)];
        page::push_entries(&mut h, config, &page::Entry::of_feed(list), true);
    }
    h.push_str("</section>\n");
    h
}

/// An id as a path segment (ids are config-checked; this keeps a stray `?` or `#` inert).
fn page_name(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// With `[signup]` on: a link to the sign-up form with this region or zone ticked
/// (`subscribe?region=ID`), relative like the feed links so it works under any `base_url`.
fn push_signup_link(h: &mut String, config: &Config, kind: &str, id: &str) {
    if !config.signup.enabled {
        return;
    }
    h.push_str(" · <a class=\"signup\" href=\"subscribe?");
    h.push_str(kind);
    h.push('=');
    let q: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
    html_escape::encode_double_quoted_attribute_to_string(&q, h);
    h.push_str("\">邮件订阅</a>");
}

/// `feeds.opml` (OPML 2.0): every feed, grouped, for importing into a reader.
pub(super) fn render_opml(config: &Config) -> Vec<u8> {
    // htmlUrl is the feed's own page (`regions/<id>.html`, …); `all` has index.html.
    let outline = |title: &str, stem: &str| {
        let page = match stem {
            "all" => config.service.base_url.to_string(),
            _ => config
                .service
                .base_url
                .join(&format!("{stem}.html"))
                .map(|u| u.to_string())
                .unwrap_or_default(),
        };
        format!(
            "<outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{x}\" htmlUrl=\"{h}\"/>",
            t = attr(title),
            x = attr(&feed_url(config, stem, "atom")),
            h = attr(&page)
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
    o.push_str("    </outline>\n");
    if !config.topics.is_empty() {
        o.push_str("    <outline text=\"专题\" title=\"专题\">\n");
        for t in &config.topics {
            o.push_str(&format!(
                "      {}\n",
                outline(&t.name, &format!("topics/{}", t.id))
            ));
        }
        o.push_str("    </outline>\n");
    }
    o.push_str("  </body>\n</opml>\n");
    o.into_bytes()
}

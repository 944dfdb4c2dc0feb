//! The pages for people beside the feeds: `regions/<id>.html`, `zones/<id>.html` and
//! `topics/<id>.html`, each the newest entries of its feed (the same selection and order,
//! one entry per story when stories are on), and the "最新" list `index.html` opens with.
//! Every page has a search box (a GET form to the daemon's `search` page with the page's
//! region or zone as a hidden field), its subscribe links and, with `[signup]` on, a link
//! to the sign-up form.
//!
//! Invariants: no script, and every value from an item, a source or the config escaped as
//! text or as a double-quoted attribute; a title links only to an http(s) URL; links are
//! relative (`up` leads from the page's folder to the feeds folder), so the pages work
//! under any `base_url`; no clock: a page is a pure function of its entries and the
//! config (its date is its newest entry's), so an unchanged store rewrites nothing.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::escape::{attr_to as attr, text_to as esc};
use crate::model::Item;

/// How many characters of an entry's text a page shows.
const SUMMARY_CHARS: usize = 160;

/// The style every page shares: readable on a phone, CJK fonts first.
pub(crate) const STYLE: &str = "body{font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;max-width:960px;margin:0 auto;padding:16px;color:#222;line-height:1.6}\
h1{font-size:24px;margin:8px 0}h2{font-size:18px;border-bottom:2px solid #c8102e;padding-bottom:4px;margin-top:28px}\
a{color:#0b4f9c}ol.items{padding-left:1.4em}ol.items li{margin:0 0 14px}.meta,.count,.updated{color:#666;font-size:13px}.count,.updated{margin-left:8px}\
.summary{font-size:14px;color:#333;overflow-wrap:anywhere}form.search{display:flex;gap:6px;margin:12px 0}form.search input[type=search]{flex:1;min-width:0;font-size:16px;padding:6px}\
form.search button{font-size:16px;padding:6px 12px}\
ul.tree,ul.tree ul{list-style:none;padding-left:1.2em}ul.tree{padding-left:0}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;font-size:14px}";

/// One entry of a page: the item that stands for it (a story's primary copy), its date
/// (a story's first copy's, as in the feeds) and how many copies the story has.
pub(crate) struct Entry<'a> {
    pub item: &'a Item,
    pub published: DateTime<Utc>,
    pub copies: usize,
}

impl<'a> Entry<'a> {
    /// The entries of a feed, as its renderers list them.
    pub(super) fn of_feed(list: &[&'a super::meta::Prepared<'a>]) -> Vec<Entry<'a>> {
        list.iter()
            .map(|p| Entry {
                item: p.item,
                published: p.first.published,
                copies: p.copies.len().max(1),
            })
            .collect()
    }
}

/// What a page is about, beyond its entries.
pub(super) struct Page<'a> {
    /// The page's heading and `<title>` (plain text).
    pub title: &'a str,
    /// A line under the heading (plain text), e.g. the region's path.
    pub note: &'a str,
    /// From the page's folder to the feeds folder: `"../"`.
    pub up: &'a str,
    /// The feed's file name without extension, relative to the page (`"nantong"`).
    pub name: &'a str,
    /// The search box's hidden filter and the sign-up link's choice: `("region", id)`.
    pub filter: Option<(&'a str, &'a str)>,
    /// A prepared search to open (the topic's `q=...`), already URL-encoded.
    pub search_query: Option<String>,
    /// Whether each entry names its zone (else its region's path): on pages that span
    /// several places, not on a zone's own.
    pub places: bool,
}

fn url_component(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The page of a region or zone feed (`all` has index.html): the same entries; None for
/// other feeds.
pub(super) fn render_feed_page(
    config: &Config,
    meta: &super::FeedMeta,
    list: &[&super::meta::Prepared<'_>],
) -> Option<Vec<u8>> {
    let (kind, id) = match &meta.key {
        super::FeedKey::Region(id) => ("region", id),
        super::FeedKey::Zone(id) => ("zone", id),
        _ => return None,
    };
    let page = Page {
        title: &meta.title,
        note: &meta.description,
        up: "../",
        name: id,
        filter: Some((kind, id)),
        search_query: None,
        places: kind == "region",
    };
    Some(render(config, &page, &Entry::of_feed(list)))
}

/// The page of a feed: head, navigation, search box, subscribe links, then its entries.
pub(super) fn render(config: &Config, page: &Page<'_>, entries: &[Entry<'_>]) -> Vec<u8> {
    let tz = config.service.timezone;
    let mut h = String::with_capacity(8 * 1024 + entries.len() * 600);
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(page.title, &mut h);
    h.push_str(" · 开发区新闻</title>\n");
    for (ext, ty) in [
        ("rss", "application/rss+xml"),
        ("atom", "application/atom+xml"),
        ("json", "application/feed+json"),
    ] {
        h.push_str("<link rel=\"alternate\" type=\"");
        h.push_str(ty);
        h.push_str("\" title=\"");
        attr(page.title, &mut h);
        h.push_str("\" href=\"");
        attr(&url_component(page.name), &mut h);
        h.push('.');
        h.push_str(ext);
        h.push_str("\">\n");
    }
    h.push_str("<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<p><a href=\"");
    h.push_str(page.up);
    h.push_str("index.html\">开发区新闻首页</a>");
    if let Some(qs) = &page.search_query {
        h.push_str(" · <a href=\"");
        h.push_str(page.up);
        h.push_str("search?");
        attr(qs, &mut h);
        h.push_str("\">在搜索页打开</a>");
    }
    h.push_str("</p>\n<h1>");
    esc(page.title, &mut h);
    h.push_str("</h1>\n");
    if !page.note.is_empty() {
        h.push_str("<p class=\"meta\">");
        esc(page.note, &mut h);
        h.push_str("</p>\n");
    }
    push_search_form(&mut h, page.up, page.filter);
    h.push_str("<p id=\"subscribe\">订阅：");
    for (i, (ext, label)) in [("rss", "RSS"), ("atom", "Atom"), ("json", "JSON")]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            h.push_str(" · ");
        }
        h.push_str("<a href=\"");
        attr(&url_component(page.name), &mut h);
        h.push('.');
        h.push_str(ext);
        h.push_str("\">");
        h.push_str(label);
        h.push_str("</a>");
    }
    if config.signup.enabled {
        h.push_str(" · <a class=\"signup\" href=\"");
        h.push_str(page.up);
        h.push_str("subscribe");
        if let Some((kind, id)) = page.filter {
            h.push('?');
            h.push_str(kind);
            h.push('=');
            attr(&url_component(id), &mut h);
        }
        h.push_str("\">邮件订阅</a>");
    }
    h.push_str("</p>\n");
    match entries.iter().map(|e| e.published).max() {
        Some(t) => {
            h.push_str("<p class=\"meta\">最近更新 ");
            h.push_str(&t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string());
            h.push_str("</p>\n");
            push_entries(&mut h, config, entries, page.places);
        }
        None => h.push_str("<p class=\"meta\" id=\"empty\">暂无新闻。</p>\n"),
    }
    h.push_str("</body>\n</html>\n");
    h.into_bytes()
}

/// The site's search form: `method="get"` to `{up}search`, a `q` box and, for a region or
/// zone page, that region or zone as a hidden field. tests/tools/xsscheck.py admits exactly
/// this form in whole pages and flags any other.
pub(super) fn push_search_form(h: &mut String, up: &str, filter: Option<(&str, &str)>) {
    h.push_str("<form class=\"search\" method=\"get\" action=\"");
    h.push_str(up);
    h.push_str("search\" role=\"search\">");
    if let Some((kind, id)) = filter {
        h.push_str("<input type=\"hidden\" name=\"");
        h.push_str(kind);
        h.push_str("\" value=\"");
        attr(id, h);
        h.push_str("\">");
    }
    h.push_str("<input type=\"search\" name=\"q\" placeholder=\"搜索新闻\" aria-label=\"搜索新闻\"><button type=\"submit\">搜索</button></form>\n");
}

/// The entries as an ordered list: linked title, time (· place) · source (· copies),
/// summary.
pub(crate) fn push_entries(h: &mut String, config: &Config, entries: &[Entry<'_>], places: bool) {
    let tz = config.service.timezone;
    h.push_str("<ol class=\"items\">\n");
    for e in entries {
        let i = e.item;
        h.push_str("<li>");
        match i.link.as_deref().map(str::trim).filter(|l| is_web_link(l)) {
            Some(l) => {
                h.push_str("<a href=\"");
                attr(l, h);
                h.push_str("\">");
                esc(&i.title, h);
                h.push_str("</a>");
            }
            None => esc(&i.title, h),
        }
        h.push_str("<div class=\"meta\">");
        h.push_str(
            &e.published
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        );
        h.push_str(" · ");
        if places {
            match i.zone.as_deref().and_then(|z| config.zone(z)) {
                Some(z) => esc(&z.name, h),
                None => esc(&config.region_path(&i.region), h),
            }
            h.push_str(" · ");
        }
        esc(super::meta::author_shown(config, i), h);
        if e.copies > 1 {
            h.push_str(&format!(" · {} 家刊载", e.copies));
        }
        h.push_str("</div>");
        let summary = super::meta::excerpt(i, SUMMARY_CHARS);
        if !summary.is_empty() {
            h.push_str("<div class=\"summary\">");
            esc(&summary, h);
            h.push_str("</div>");
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n");
}

/// Only http(s) URLs become links (no `javascript:`, `data:`, relative or `file:`).
fn is_web_link(l: &str) -> bool {
    let b = l.as_bytes();
    let has = |scheme: &[u8]| {
        b.len() > scheme.len()
            && b.get(..scheme.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(scheme))
    };
    has(b"http://") || has(b"https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_links() {
        assert!(is_web_link("https://x.cn/a"));
        assert!(is_web_link("HTTP://x.cn/a"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("data:text/html,x"));
        assert!(!is_web_link("//x.cn"));
        assert!(!is_web_link("http"));
        assert!(is_web_link("http://中国.cn/"));
    }
}

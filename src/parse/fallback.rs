//! What an RSS item says that feed-rs leaves out: a title given only as `dc:title` or
//! `media:title`, a link written as `<link href="…"/>`, and a guid marked
//! `isPermaLink="false"`. Each is read from the text only after feed-rs's entries have
//! shown the gap (an item with no title; with no link; with no link and a guid that would
//! stand in for one), so documents without it never pay for the scan.
//!
//! Invariants: titles and links are added only to items with none of their own, so nothing
//! a document gives is replaced; the guid set holds guids as feed-rs reports them (entities
//! decoded, trimmed).

use std::collections::HashSet;

use super::scan::{attr_value, elements, find_start};

/// The document with each `<item>` that has no `<title>` given one: a copy of its first
/// `dc:title`, else of its first `media:title` (the item's own title before its media's;
/// feedparser reads both as the title, feed-rs neither), placed first in the item so that
/// the original stays where it was. `None` when no item needed and had one.
pub(super) fn titles_from_dc_or_media(body: &str) -> Option<String> {
    if !body.contains("dc:title") && !body.contains("media:title") {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    for item in elements(body, "item", false) {
        if item.self_closing || find_start(item.inner, "title", 0, false).is_some() {
            continue;
        }
        let Some(title) = ["dc:title", "media:title"].into_iter().find_map(|name| {
            elements(item.inner, name, false)
                .into_iter()
                .find(|t| !t.self_closing)
        }) else {
            continue;
        };
        let after_tag = item.start + item.tag.len();
        out.push_str(&body[copied..after_tag]);
        out.push_str("<title>");
        out.push_str(title.inner);
        out.push_str("</title>");
        copied = after_tag;
    }
    (copied > 0).then(|| {
        out.push_str(&body[copied..]);
        out
    })
}

/// The document with each `<item>` that has no `<link>` holding a URL given one from a
/// `<link href="…"/>` (Atom's form, written in RSS by some generators; feedparser reads
/// it) whose `rel`, if any, is `alternate`: that element is rewritten as
/// `<link>URL</link>`. Only empty `<link>` elements are rewritten. `None` when no item
/// needed and had one.
pub(super) fn links_from_href(body: &str) -> Option<String> {
    if !body.contains("href") {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    for item in elements(body, "item", false) {
        let links = elements(item.inner, "link", false);
        if links.iter().any(|l| !l.inner.trim().is_empty()) {
            continue;
        }
        let Some((link, href)) = links.iter().find_map(|l| {
            let rel = attr_value(l.tag, "rel");
            let href = attr_value(l.tag, "href")?;
            (rel.is_none_or(|r| r.trim() == "alternate") && !href.trim().is_empty())
                .then_some((l, href))
        }) else {
            continue;
        };
        // Offsets in `link` are into the item's content.
        let inner_at = item.start + item.tag.len();
        out.push_str(&body[copied..inner_at + link.start]);
        out.push_str("<link>");
        // An attribute value is escaped as element text needs, but for quotes.
        out.push_str(href.trim());
        out.push_str("</link>");
        copied = inner_at + link.end;
    }
    (copied > 0).then(|| {
        out.push_str(&body[copied..]);
        out
    })
}

/// The guids marked `isPermaLink="false"` (the attribute's name in either usual case, as
/// feedparser reads it): identifiers, not addresses, so never an item's link.
pub(super) fn non_permalink_guids(body: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    if !body.contains("isPermaLink") && !body.contains("ispermalink") {
        return out;
    }
    for guid in elements(body, "guid", false) {
        let flag =
            attr_value(guid.tag, "isPermaLink").or_else(|| attr_value(guid.tag, "ispermalink"));
        if guid.self_closing || !flag.is_some_and(|f| f.trim().eq_ignore_ascii_case("false")) {
            continue;
        }
        let text = guid.inner.trim();
        let text = match text
            .strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
        {
            Some(cdata) => cdata.to_string(),
            None => html_escape::decode_html_entities(text).into_owned(),
        };
        out.insert(text.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_feed;
    use crate::parse::tests::opts;

    #[test]
    fn an_rss_link_written_as_an_href_attribute_is_the_link() {
        // Atom's form in an RSS item: the RSS <link> holds its URL as text, this one is
        // empty, and its href says where the item is.
        let rss = r#"<rss version="2.0"><channel><title>t</title>
<item><title>A</title><link href="http://x.cn/a.html"/><link rel="enclosure" href="http://x.cn/a.mp3"/></item>
<item><title>B</title><link rel="enclosure" href="http://x.cn/b.mp3"/><link rel='alternate' href='http://x.cn/b.html'></link></item>
<item><title>C</title><link rel="self" href="http://x.cn/c.xml"/></item>
<item><title>D</title><link href="http://x.cn/ignored"/><link>http://x.cn/d.html</link></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let links: Vec<Option<&str>> = f.entries.iter().map(|e| e.link.as_deref()).collect();
        assert_eq!(
            links,
            [
                Some("http://x.cn/a.html"),
                Some("http://x.cn/b.html"),
                None,
                Some("http://x.cn/d.html")
            ]
        );
    }

    #[test]
    fn dc_title_or_media_title_stands_in_for_a_missing_title() {
        let rss = r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>t</title>
<item><guid>1</guid><dc:title>园区&amp;企业</dc:title></item>
<item><guid>2</guid><media:title type="plain">视频标题</media:title></item>
<item><guid>3</guid><title>正标题</title><dc:title>别名</dc:title></item>
<item><guid>4</guid><description>无标题</description></item>
<item><guid>5</guid><media:content url="http://x.cn/v.mp4"><media:title>片名</media:title></media:content><dc:title>条目名</dc:title></item>
<item><guid>6</guid><media:group><media:content url="http://x.cn/6.mp4"/><media:title><![CDATA[组<名>]]></media:title></media:group></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let titles: Vec<&str> = f.entries.iter().map(|e| e.title.as_str()).collect();
        // The item's own dc:title before the title of its media.
        assert_eq!(
            titles,
            ["园区&企业", "视频标题", "正标题", "", "条目名", "组<名>"]
        );

        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x.cn/"><title>t</title><link>http://x.cn/</link></channel>
<item rdf:about="http://x.cn/1"><link>http://x.cn/1</link><dc:title>一号</dc:title></item>
</rdf:RDF>"#;
        let f = parse_feed(rdf.as_bytes(), &opts()).expect("parses");
        assert_eq!(f.entries[0].title, "一号");
    }
}

//! One feed-rs entry to our [`Entry`]: its alternate link (absolute, web schemes only),
//! plain-text title and author, sanitised summary and content, categories; then the
//! identity rule over a document's entries.
//!
//! Invariants: an entry's link is http(s) or a reference no base could resolve, never
//! `javascript:` and the like; after [`assign_ids`] every entry has a non-empty id (its
//! guid, else its normalised link, else a hash) and `id_kind` says which rule gave it.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use url::Url;

use super::html::{clean_text, html_to_text, looks_like_markup, sanitize_html};
use super::legacy::NO_LINK;
use crate::model::{Entry, IdKind};

/// `id_may_be_link(id)`: whether the entry's id, when it is an http(s) URL, may stand in
/// for a missing link (not for an RSS guid marked `isPermaLink="false"`); asked only then.
pub(super) fn normalise_entry(
    e: feed_rs::model::Entry,
    doc_base: Option<&Url>,
    id_may_be_link: &dyn Fn(&str) -> bool,
) -> Entry {
    let entry_base = e
        .base
        .as_deref()
        .and_then(|b| match doc_base {
            Some(d) => d.join(b).ok(),
            None => Url::parse(b).ok(),
        })
        .or_else(|| doc_base.cloned());
    let base = entry_base.as_ref();
    let link = e
        .links
        .iter()
        .find(|l| is_item_link(l))
        // Our stand-in that kept an RSS 0.90/1.0 item without a link.
        .filter(|l| l.href != NO_LINK)
        .map(|l| absolutise(&l.href, base))
        // Readers and mail clients open it: javascript:, data:, vbscript: and the like
        // are dropped here, once, for every output.
        .filter(|l| is_web_link(l))
        // An RSS guid is a permalink unless it says otherwise; an http(s) id with no link
        // is the item's address in practice too. Only a valid URL (any case of scheme),
        // normalised as links are.
        .or_else(|| {
            let id = Url::parse(e.id.trim()).ok()?;
            (matches!(id.scheme(), "http" | "https") && id_may_be_link(&e.id))
                .then(|| id.to_string())
        });
    let summary = e
        .summary
        .as_ref()
        .map(text_as_html)
        .and_then(|h| sanitize_html(&h, base));
    let content = e
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .and_then(|b| sanitize_html(b, base));
    let mut categories: Vec<String> = Vec::new();
    for c in &e.categories {
        let t = clean_text(c.label.as_deref().unwrap_or(&c.term));
        if !t.is_empty() && !categories.contains(&t) {
            categories.push(t);
        }
    }
    let title = e.title.as_ref().map(text_value).unwrap_or_default();
    Entry {
        id: clean_text(&e.id),
        id_kind: IdKind::Guid,
        title,
        link,
        published: e.published.or(e.updated),
        updated: e.updated,
        summary,
        content,
        author: e
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(clean_text))
            .find(|n| !n.is_empty()),
        categories,
        zone_hint: None,
        article_pending: false,
    }
}

/// Whether a feed-rs link is the item's own: its alternate link. Enclosure, self,
/// related, license and comments links point elsewhere (RFC 4287 4.2.7.2); feed-rs lists
/// RSS <comments> and wfw:commentRss among the links too, with no rel but a target.
pub(super) fn is_item_link(l: &feed_rs::model::Link) -> bool {
    l.target.is_none() && l.rel.as_deref().is_none_or(|r| r == "alternate")
}

fn is_html(t: &feed_rs::model::Text) -> bool {
    let sub = t.content_type.subty().as_str();
    sub == "html" || sub == "xhtml" || sub == "xhtml+xml"
}

/// A title or name as plain text. HTML types are stripped; plain text is still checked for
/// the tags and entities many RSS feeds put in titles anyway.
pub(super) fn text_value(t: &feed_rs::model::Text) -> String {
    if is_html(t) || looks_like_markup(&t.content) {
        html_to_text(&t.content)
    } else {
        clean_text(&t.content)
    }
}

/// A summary as HTML: plain text is escaped so the sanitiser keeps it as text.
fn text_as_html(t: &feed_rs::model::Text) -> String {
    if is_html(t) || looks_like_markup(&t.content) {
        t.content.clone()
    } else {
        html_escape::encode_text(&t.content).into_owned()
    }
}

/// The identity rule: the guid; if missing or repeated within the document, the
/// normalised link; else a hash of title + content.
///
/// First, entries that repeat both guid and link are one item listed twice (a CMS
/// re-listing an edited article): only the latest version stays, by `updated` or else
/// `published`, the first listed on a tie (documents list newest first).
pub(crate) fn assign_ids(entries: &mut Vec<Entry>) {
    // Each link normalised once (a URL parse and serialisation): three times per entry
    // before, 4% of ingest by perf on the bench corpus.
    let mut links: Vec<Option<String>> = entries
        .iter()
        .map(|e| e.link.as_deref().map(normalise_link))
        .collect();
    merge_relistings(entries, &mut links);
    let mut guid_count: HashMap<&str, usize> = HashMap::new();
    let mut link_count: HashMap<&str, usize> = HashMap::new();
    for (e, l) in entries.iter().zip(&links) {
        if !e.id.is_empty() {
            *guid_count.entry(e.id.as_str()).or_default() += 1;
        }
        if let Some(l) = l {
            *link_count.entry(l.as_str()).or_default() += 1;
        }
    }
    let guid_unique: Vec<bool> = entries
        .iter()
        .map(|e| !e.id.is_empty() && guid_count.get(e.id.as_str()) == Some(&1))
        .collect();
    let link_unique: Vec<bool> = links
        .iter()
        .map(|l| l.as_deref().is_some_and(|l| link_count.get(l) == Some(&1)))
        .collect();
    for (i, (e, l)) in entries.iter_mut().zip(links).enumerate() {
        if guid_unique[i] {
            e.id_kind = IdKind::Guid;
            continue;
        }
        if let Some(n) = l
            && link_unique[i]
        {
            e.id = n;
            e.id_kind = IdKind::Link;
            continue;
        }
        let mut h = Sha256::new();
        h.update(e.title.as_bytes());
        h.update([0]);
        h.update(
            e.content
                .as_deref()
                .or(e.summary.as_deref())
                .unwrap_or("")
                .as_bytes(),
        );
        let digest = h.finalize();
        e.id = format!("sha256:{}", hex(&digest[..16]));
        e.id_kind = IdKind::Hash;
    }
}

/// `links[i]` is entry i's normalised link; both lose the entries dropped.
fn merge_relistings(entries: &mut Vec<Entry>, links: &mut Vec<Option<String>>) {
    let mut keep: HashMap<(&str, &str), usize> = HashMap::new();
    let mut drop = vec![false; entries.len()];
    for (i, (e, l)) in entries.iter().zip(links.iter()).enumerate() {
        let Some(link) = l.as_deref() else { continue };
        if e.id.is_empty() {
            continue;
        }
        let k = (e.id.as_str(), link);
        match keep.get(&k) {
            None => {
                keep.insert(k, i);
            }
            Some(&j) => {
                let when = |e: &Entry| e.updated.or(e.published);
                if when(e) > when(&entries[j]) {
                    drop[j] = true;
                    keep.insert(k, i);
                } else {
                    drop[i] = true;
                }
            }
        }
    }
    if drop.iter().any(|&d| d) {
        let mut i = 0;
        entries.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
        let mut i = 0;
        links.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

/// Canonical form of a link for identity: no fragment, no tracking parameters, lowercase
/// scheme and host (the url crate does those), no default port.
pub(crate) fn normalise_link(link: &str) -> String {
    match Url::parse(link) {
        Ok(mut u) => {
            u.set_fragment(None);
            let kept: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| !k.starts_with("utm_") && k != "spm" && k != "from")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if u.query().is_some() {
                if kept.is_empty() {
                    u.set_query(None);
                } else {
                    u.query_pairs_mut().clear().extend_pairs(kept);
                }
            }
            u.to_string()
        }
        Err(_) => link.trim().to_string(),
    }
}

/// An http(s) URL, or a reference with no scheme that no base could resolve (kept as the
/// site wrote it, as before); anything with another scheme is not.
pub(super) fn is_web_link(link: &str) -> bool {
    match Url::parse(link) {
        Ok(u) => matches!(u.scheme(), "http" | "https"),
        Err(url::ParseError::RelativeUrlWithoutBase) => !link.is_empty(),
        Err(_) => false,
    }
}

pub(super) fn absolutise(href: &str, base: Option<&Url>) -> String {
    let href = href.trim();
    match Url::parse(href) {
        Ok(u) => u.to_string(),
        Err(_) => match base.and_then(|b| b.join(href).ok()) {
            Some(u) => u.to_string(),
            None => href.to_string(),
        },
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_feed;
    use crate::parse::tests::opts;

    #[test]
    fn identity_rule() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>A</title><guid>same</guid><link>http://x.cn/a#frag</link></item>
<item><title>B</title><guid>same</guid><link>http://x.cn/b?utm_source=rss</link></item>
<item><title>C</title><guid>unique</guid></item>
<item><title>D</title><link>http://x.cn/d</link></item>
<item><title>E</title><description>e</description></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let ids: Vec<(&str, IdKind)> = f
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.id_kind))
            .collect();
        assert_eq!(ids[0], ("http://x.cn/a", IdKind::Link));
        assert_eq!(ids[1], ("http://x.cn/b", IdKind::Link));
        assert_eq!(ids[2], ("unique", IdKind::Guid));
        assert_eq!(ids[3], ("http://x.cn/d", IdKind::Link));
        assert_eq!(ids[4].1, IdKind::Hash);
    }

    #[test]
    fn a_comments_link_is_not_the_item_link() {
        // feed-rs lists <comments> and wfw:commentRss among an item's links, with no rel.
        let rss = r#"<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>t</title>
<item><title>A</title><comments>http://x.cn/a#comments</comments></item>
<item><title>B</title><wfw:commentRss>http://x.cn/b/feed</wfw:commentRss></item>
<item><title>C</title><comments>http://x.cn/c#comments</comments><link>http://x.cn/c</link></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let links: Vec<Option<&str>> = f.entries.iter().map(|e| e.link.as_deref()).collect();
        assert_eq!(links, [None, None, Some("http://x.cn/c")]);
    }

    #[test]
    fn an_id_stands_in_for_a_missing_link_only_as_a_valid_http_url() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><id>HTTP://www.Example.org/thing</id></entry>
<entry><title>B</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id></entry>
</feed>"#;
        let f = parse_feed(atom.as_bytes(), &opts()).expect("parses");
        let links: Vec<Option<&str>> = f.entries.iter().map(|e| e.link.as_deref()).collect();
        // The scheme is case-insensitive (RFC 3986 3.1); the link is normalised as others are.
        assert_eq!(links, [Some("http://www.example.org/thing"), None]);
        // Not a URL at all (a bracket in the host): no link rather than a broken one.
        let rss = r#"<rss version="2.0"><channel><title>t</title>
<item><title>A</title><guid isPermaLink="true">http://example.c[o.test/</guid></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        assert_eq!(f.entries[0].link, None);
    }

    #[test]
    fn a_guid_marked_not_a_permalink_is_not_the_link() {
        let rss = r#"<rss version="2.0"><channel><title>t</title>
<item><title>A</title><guid isPermaLink="false">http://x.cn/id/1</guid></item>
<item><title>B</title><guid>http://x.cn/b.html</guid></item>
<item><title>C</title><guid isPermaLink="true">http://x.cn/c.html</guid></item>
<item><title>D</title><guid ispermalink='false'><![CDATA[http://x.cn/id/4?a=1&b=2]]></guid></item>
<item><title>E</title><guid isPermaLink="false">http://x.cn/id/5?a=1&amp;b=2</guid></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let links: Vec<Option<&str>> = f.entries.iter().map(|e| e.link.as_deref()).collect();
        assert_eq!(
            links,
            [
                None,
                Some("http://x.cn/b.html"),
                Some("http://x.cn/c.html"),
                None,
                None
            ]
        );
        // Still the identity.
        assert_eq!(f.entries[0].id, "http://x.cn/id/1");
    }

    #[test]
    fn a_guid_relisted_with_the_same_link_is_one_item_the_latest_version() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>签约（更新）</title><guid>art_1</guid><link>http://x.cn/a.html</link>
<pubDate>Wed, 25 Nov 2026 10:00:00 +0800</pubDate></item>
<item><title>别的</title><guid>art_2</guid><link>http://x.cn/b.html</link></item>
<item><title>签约</title><guid>art_1</guid><link>http://x.cn/a.html#top</link>
<pubDate>Wed, 25 Nov 2026 08:00:00 +0800</pubDate></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let got: Vec<(&str, &str, IdKind)> = f
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.title.as_str(), e.id_kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("art_1", "签约（更新）", IdKind::Guid),
                ("art_2", "别的", IdKind::Guid)
            ]
        );
        // The same guid on different links stays two items, as before (link identity).
        let rss = rss.replace("http://x.cn/a.html#top", "http://x.cn/c.html");
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        assert_eq!(f.entries.len(), 3);
    }
}

//! Early-era feed forms that feed-rs does not read, rewritten into forms it does: RSS 0.90
//! and 1.0 items without the `<link>` their formats require.
//!
//! Invariants: each rewrite runs only where a cheap check has already shown its case (an
//! `rdf:RDF` root), so ordinary RSS 2.0 and Atom 1.0 documents never pay for it; text that
//! was well-formed stays so, and what cannot be rewritten is left as it was.

use std::borrow::Cow;

use super::xml::{Element, attr_value, elements, find_start};

/// The link given to an RSS 0.90/1.0 item that has neither `<link>` nor an http(s)
/// `rdf:about`, so that feed-rs, which drops items without a link, keeps it (feedparser
/// reads such items too). Never an item's link: `entry` removes it by name.
pub(super) const NO_LINK: &str = "urn:x-zonefeed:no-link";

/// Whether `s` is an absolute http(s) URL by its scheme (any case).
fn http_scheme(s: &str) -> bool {
    let b = s.as_bytes();
    b.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"http://"))
        || b.get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"https://"))
}

/// RSS 0.90 and 1.0 items must have a `<link>`, and feed-rs drops those that do not; such
/// an item is still an item. The missing link becomes the item's `rdf:about` when that is
/// an http(s) URL (RSS 1.0 §5.5: it "should be identical to" the link), else [`NO_LINK`].
/// Items that have a link are left as they are, so their identity does not change. For
/// `rdf:RDF` documents only; borrowed when no item lacks a link.
pub(super) fn rdf_items_with_links(body: &str) -> Cow<'_, str> {
    let missing: Vec<Element<'_>> = elements(body, "item", false)
        .into_iter()
        .filter(|item| find_start(item.inner, "link", 0, false).is_none())
        .collect();
    if missing.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len() + missing.len() * 48);
    let mut copied = 0;
    for item in missing {
        let about = attr_value(item.tag, "rdf:about")
            .map(|a| a.trim().to_string())
            .filter(|a| http_scheme(a))
            .unwrap_or_else(|| NO_LINK.to_string());
        out.push_str(&body[copied..item.start]);
        if item.self_closing {
            out.push_str(item.tag.trim_end_matches('>').trim_end_matches('/'));
            out.push_str(&format!("><link>{about}</link></item>"));
        } else {
            out.push_str(item.tag);
            out.push_str(&format!("<link>{about}</link>"));
        }
        copied = item.start + item.tag.len();
    }
    out.push_str(&body[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_feed;
    use crate::parse::tests::opts;

    #[test]
    fn rss_1_0_items_without_a_link_are_read_with_rdf_about_as_their_link() {
        let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://x.cn/index.rdf"><title>开发区</title><link>http://x.cn/</link>
<items><rdf:Seq><rdf:li resource="http://x.cn/1"/><rdf:li resource="http://x.cn/2"/></rdf:Seq></items>
</channel>
<item rdf:about="http://x.cn/1.html"><title>无链接</title></item>
<item rdf:about="http://x.cn/2#about"><title>有链接</title><link>http://x.cn/2.html</link></item>
<item rdf:about="tag:x.cn,2024:3"><title>非网址</title></item>
<item rdf:about="https://x.cn/4.html"/>
</rdf:RDF>"#;
        let f = parse_feed(rdf.as_bytes(), &opts()).expect("RSS 1.0");
        let got: Vec<_> = f
            .entries
            .iter()
            .map(|e| (e.title.as_str(), e.link.as_deref(), e.id.as_str()))
            .collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got[..2],
            [
                ("无链接", Some("http://x.cn/1.html"), "http://x.cn/1.html"),
                // An item with a link keeps it, and its identity.
                ("有链接", Some("http://x.cn/2.html"), "http://x.cn/2.html"),
            ]
        );
        // rdf:about that is no web address: the item, without a link.
        assert_eq!((got[2].0, got[2].1), ("非网址", None));
        assert!(got[2].2.starts_with("sha256:"), "{:?}", got[2]);
        assert_eq!((got[3].0, got[3].1), ("", Some("https://x.cn/4.html")));
    }

    #[test]
    fn rss_0_90_items_are_read() {
        // RSS 0.90 (Netscape, 1999): RDF with its own namespace; this item has no link.
        let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>旧版</title><link>http://x.cn/</link><description>d</description></channel>
<item><title>有链接</title><link>http://x.cn/1.html</link></item>
<item><title>只有标题</title></item>
</rdf:RDF>"#;
        let f = parse_feed(rdf.as_bytes(), &opts()).expect("RSS 0.90");
        assert_eq!(f.title.as_deref(), Some("旧版"));
        let got: Vec<_> = f
            .entries
            .iter()
            .map(|e| (e.title.as_str(), e.link.as_deref()))
            .collect();
        assert_eq!(
            got,
            [("有链接", Some("http://x.cn/1.html")), ("只有标题", None)]
        );
    }
}

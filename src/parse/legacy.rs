//! Early-era feed forms that feed-rs does not read, rewritten into forms it does: Atom 0.3
//! text constructs in `mode="base64"` (and Atom 1.0 ones typed `application/octet-stream`),
//! and RSS 0.90 and 1.0 items without the `<link>` their formats require.
//!
//! Invariants: each rewrite runs only where a cheap check has already shown its case (an
//! Atom 0.3 document that mentions base64, a document feed-rs refused over a content type,
//! an `rdf:RDF` root), so ordinary RSS 2.0 and Atom 1.0 documents never pay for them; text
//! that was well-formed stays so, and what cannot be rewritten is left as it was.

use std::borrow::Cow;

use super::xml::{Element, attr_value, elements, find_end, find_start, tag_len};

/// The link given to an RSS 0.90/1.0 item that has neither `<link>` nor an http(s)
/// `rdf:about`, so that feed-rs, which drops items without a link, keeps it (feedparser
/// reads such items too). Never an item's link: `entry` removes it by name.
pub(super) const NO_LINK: &str = "urn:x-zonefeed:no-link";

/// Standard base64 (RFC 4648 §4), whitespace ignored, padding optional; `None` for
/// anything else.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        Some(u32::from(v))
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut padded = false;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            padded = true;
            continue;
        }
        if padded {
            // Data after padding: not one base64 text.
            return None;
        }
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The tag's attributes except those named in `drop`, as written (` name="value"` each).
fn other_attributes(tag: &str, drop: &[&str]) -> String {
    let body = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    // After the element name.
    let mut rest = body.trim_start_matches(|c: char| !c.is_whitespace());
    let mut out = String::new();
    loop {
        rest = rest.trim_start();
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|&q| q == '"' || q == '\'') else {
            break;
        };
        let Some(close) = after[1..].find(quote) else {
            break;
        };
        if !drop.iter().any(|d| d.eq_ignore_ascii_case(name)) {
            out.push(' ');
            out.push_str(name);
            out.push('=');
            out.push_str(&after[..close + 2]);
        }
        rest = &after[close + 2..];
    }
    out
}

/// Atom text constructs written in base64, decoded: Atom 0.3's `mode="base64"` on any
/// element (the decoded text is of the media type in `type`, text/plain by default), and,
/// with `octet_stream_text`, Atom 1.0 `title`, `subtitle`, `summary` and `rights` typed
/// `application/octet-stream` (not allowed there by RFC 4287, which feed-rs enforces by
/// refusing the whole document; feedparser decodes them as base64, as §4.1.3.3 says for
/// `content`). Each becomes `type="html"` (decoded HTML or XHTML) or `type="text"` with its
/// text escaped; one that does not decode to UTF-8 text is left as it was. `None`: nothing
/// was decoded.
pub(super) fn decode_base64_constructs(body: &str, octet_stream_text: bool) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = body[i..].find('<') {
        let start = i + off;
        i = start + 1;
        let rest = &body[start + 1..];
        if rest.starts_with(['/', '!', '?']) {
            continue;
        }
        let Some(len) = tag_len(&body[start..]) else {
            break;
        };
        let tag = &body[start..start + len];
        if tag.ends_with("/>") {
            continue;
        }
        let name = &rest[..rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len())];
        let mime = attr_value(tag, "type");
        let base64 = attr_value(tag, "mode").as_deref() == Some("base64")
            || (octet_stream_text
                && mime.as_deref() == Some("application/octet-stream")
                && matches!(name, "title" | "subtitle" | "summary" | "rights"));
        if !base64 {
            continue;
        }
        let Some(close) = find_end(body, name, start + len, false) else {
            continue;
        };
        let raw = body[start + len..close].trim();
        let raw = raw
            .strip_prefix("<![CDATA[")
            .and_then(|r| r.strip_suffix("]]>"))
            .unwrap_or(raw);
        let Some(text) = base64_decode(raw).and_then(|b| String::from_utf8(b).ok()) else {
            continue;
        };
        let kind = match mime.as_deref() {
            Some("text/html" | "html" | "application/xhtml+xml" | "xhtml") => "html",
            _ => "text",
        };
        out.push_str(&body[copied..start]);
        out.push('<');
        out.push_str(name);
        out.push_str(&other_attributes(tag, &["mode", "type"]));
        out.push_str(" type=\"");
        out.push_str(kind);
        out.push_str("\">");
        out.push_str(&escape_text(&text));
        copied = close;
        i = close;
    }
    (copied > 0).then(|| {
        out.push_str(&body[copied..]);
        out
    })
}

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
    fn atom_0_3_base64_titles_and_summaries_are_decoded() {
        // Atom 0.3: mode="base64", the decoded text of the media type in `type` (text/plain
        // by default); base64 may be wrapped and indented.
        let atom = r#"<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title mode="base64">5pen54mI6K6i6ZiF</title>
<entry><title mode="base64">
    6IuP5bee5bel5Lia5Zut5Yy6ICYg
    5paw6Ze7
  </title><id>tag:x,2024:1</id><link rel="alternate" href="http://x.cn/1"/>
<summary type="text/html" mode="base64">PHA+562+57qmPGI+6aG555uuPC9iPjwvcD4=</summary>
<content type="text/html" mode='base64'>PHA+562+57qmPGI+6aG555uuPC9iPjwvcD4=</content></entry>
<entry><title mode="base64">//4A</title><id>tag:x,2024:2</id></entry>
</feed>"#;
        let f = parse_feed(atom.as_bytes(), &opts()).expect("atom 0.3");
        assert_eq!(f.title.as_deref(), Some("旧版订阅"));
        let e = &f.entries[0];
        assert_eq!(e.title, "苏州工业园区 & 新闻");
        assert_eq!(e.summary.as_deref(), Some("<p>签约<b>项目</b></p>"));
        assert_eq!(e.content.as_deref(), Some("<p>签约<b>项目</b></p>"));
        // Bytes that are no UTF-8 text stay as written rather than become garbage.
        assert_eq!(f.entries[1].title, "//4A");
    }

    #[test]
    fn atom_1_0_octet_stream_text_constructs_are_decoded_not_fatal() {
        // RFC 4287 allows only text, html and xhtml there; feed-rs refused the whole feed.
        // The first refusal comes inside an entry: feed-rs is left mid-entry, so the second
        // reading needs a parser of its own.
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title type="application/octet-stream">6IuP5bee5bel5Lia5Zut5Yy6ICYg5paw6Ze7</title>
<id>tag:x,2024:1</id><updated>2024-01-01T00:00:00Z</updated>
<summary type="application/octet-stream">PHA+562+57qmPGI+6aG555uuPC9iPjwvcD4=</summary></entry>
<subtitle type="application/octet-stream">5byA5Y+R5Yy65Yqo5oCB</subtitle>
</feed>"#;
        let f = parse_feed(atom.as_bytes(), &opts()).expect("atom 1.0");
        let e = &f.entries[0];
        assert_eq!(e.title, "苏州工业园区 & 新闻");
        // Decoded as text; text that looks like markup is read as markup, as everywhere.
        assert_eq!(e.summary.as_deref(), Some("<p>签约<b>项目</b></p>"));
    }

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

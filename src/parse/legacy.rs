//! Early-era feed forms that feed-rs does not read, rewritten into forms it does: Atom 0.3
//! text constructs in `mode="base64"` (and Atom 1.0 ones typed `application/octet-stream`),
//! RSS 0.90 and 1.0 items without the `<link>` their formats require, and Microsoft CDF
//! channels (1997).
//!
//! Invariants: each rewrite runs only where a cheap check has already shown its case (an
//! Atom 0.3 document that mentions base64, an `rdf:RDF` root, a document feed-rs refused
//! over a content type or found no feed root in), so ordinary RSS 2.0 and Atom 1.0
//! documents never pay for them; text that was well-formed stays so, and what cannot be
//! rewritten is left as it was.

use std::borrow::Cow;

use super::scan::{Element, attr_value, elements, find_end, find_root_start, find_start, tag_len};

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

/// A Microsoft CDF document (Channel Definition Format, 1997; root `CHANNEL`) as RSS 2.0:
/// the root's `TITLE`, `ABSTRACT` and `HREF` become the channel's title, description and
/// link; each `ITEM` (sub-channels' too) an item with its `TITLE`, its `ABSTRACT` as
/// description, `HREF` as link and `LASTMOD` as `atom:updated` (a modification time, as
/// feedparser reads it); `BASE` becomes `xml:base`. Element and attribute names in any
/// case. `None` when the root is not `CHANNEL`. Only documents feed-rs found no feed root
/// in get here.
pub(super) fn cdf_to_rss(text: &str) -> Option<String> {
    let root = find_root_start(text, "CHANNEL")?;
    let root_len = tag_len(&text[root..])?;
    let root_tag = &text[root..root + root_len];
    let attr = |tag: &str, name: &str| {
        attr_value(tag, name).or_else(|| attr_value(tag, &name.to_ascii_lowercase()))
    };
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"",
    );
    if let Some(base) = attr(root_tag, "BASE") {
        out.push_str(&format!(" xml:base=\"{}\"", base.replace('"', "&quot;")));
    }
    out.push_str("><channel>");
    if let Some(href) = attr(root_tag, "HREF") {
        out.push_str(&format!("<link>{href}</link>"));
    }
    // Depth of CHANNEL elements (the root is 1): only the root's TITLE and ABSTRACT are
    // the feed's.
    let mut depth = 1;
    let mut in_item = false;
    let mut i = root + root_len;
    while let Some(off) = text[i..].find('<') {
        let at = i + off;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            i = at + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let Some(len) = tag_len(rest) else { break };
        let tag = &rest[..len];
        i = at + len;
        let closing = tag.starts_with("</");
        let self_closing = tag.ends_with("/>");
        let name = tag
            .trim_start_matches(['<', '/'])
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match (name.as_str(), closing) {
            ("CHANNEL", false) if !self_closing => depth += 1,
            ("CHANNEL", true) => depth -= 1,
            ("ITEM", false) => {
                if in_item {
                    // An ITEM left open: close it rather than nest items.
                    out.push_str("</item>");
                }
                out.push_str("<item>");
                if let Some(href) = attr(tag, "HREF") {
                    out.push_str(&format!("<link>{href}</link>"));
                }
                if let Some(lastmod) = attr(tag, "LASTMOD") {
                    out.push_str(&format!("<atom:updated>{lastmod}</atom:updated>"));
                }
                in_item = !self_closing;
                if self_closing {
                    out.push_str("</item>");
                }
            }
            ("ITEM", true) if in_item => {
                out.push_str("</item>");
                in_item = false;
            }
            ("TITLE" | "ABSTRACT", false) if !self_closing => {
                let end = find_end(text, &name, i, true)?;
                let inner = &text[i..end];
                i = end + text[end..].find('>')? + 1;
                let el = if name == "TITLE" {
                    "title"
                } else {
                    "description"
                };
                if in_item || depth == 1 {
                    out.push_str(&format!("<{el}>{inner}</{el}>"));
                }
            }
            _ => {}
        }
    }
    if in_item {
        out.push_str("</item>");
    }
    out.push_str("</channel></rss>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::parse::tests::{opts, utc};
    use crate::parse::{ParseError, parse_feed};

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
    fn microsoft_cdf_channels_are_read() {
        // Channel Definition Format (Microsoft, 1997): items as ITEM elements with HREF and
        // LASTMOD attributes, sub-channels nested.
        let cdf = r#"<?xml version="1.0"?>
<CHANNEL HREF="http://x.cn/" BASE="http://x.cn/news/" LASTMOD="2004-04-06T23:05:43-05:00">
  <TITLE>园区频道</TITLE>
  <ABSTRACT>描述</ABSTRACT>
  <LOGO HREF="http://x.cn/logo.gif" STYLE="IMAGE"/>
  <ITEM HREF="1.html" LASTMOD="2004-04-06T23:05:43-05:00" PRECACHE="No">
    <TITLE>第一条</TITLE>
    <ABSTRACT>摘要 &amp; 说明</ABSTRACT>
  </ITEM>
  <CHANNEL HREF="http://x.cn/sub/"><TITLE>子频道</TITLE>
    <Item href="http://x.cn/sub/2.html"><Title>第二条</Title></Item>
  </CHANNEL>
</CHANNEL>"#;
        let f = parse_feed(cdf.as_bytes(), &opts()).expect("CDF");
        assert_eq!(f.format, "cdf");
        assert_eq!(f.title.as_deref(), Some("园区频道"));
        assert_eq!(f.link.as_deref(), Some("http://x.cn/"));
        let got: Vec<_> = f
            .entries
            .iter()
            .map(|e| (e.title.as_str(), e.link.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("第一条", Some("http://x.cn/news/1.html")),
                ("第二条", Some("http://x.cn/sub/2.html"))
            ]
        );
        let first = &f.entries[0];
        assert_eq!(first.summary.as_deref(), Some("摘要 &amp; 说明"));
        // LASTMOD is a modification time; as the item's only date it dates it too.
        assert_eq!(first.updated, utc("2004-04-07T04:05:43Z"));
        assert_eq!(first.published, first.updated);
        // Other roots are still not feeds.
        for doc in [
            "<channel><item><title>x</title></item></channel>",
            "<catalog><ITEM/></catalog>",
        ] {
            let r = parse_feed(doc.as_bytes(), &opts());
            assert!(matches!(r, Err(ParseError::NotAFeed(_))), "{doc}: {r:?}");
        }
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

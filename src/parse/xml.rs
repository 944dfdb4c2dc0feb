//! XML repair before feed-rs sees a document: the declaration made to say UTF-8, stray
//! declarations and control characters dropped, author e-mails that panicked feed-rs
//! spaced, Atom 0.3 and unusual RSS dialects rewritten to what feed-rs knows; plus the
//! root-element helpers (`xml:base`, the "not a feed" message).
//!
//! Invariants: the text in is already decoded, and the text out is UTF-8 whose declaration,
//! if any, says so; repairs drop only what XML forbids there (control characters, a second
//! declaration) and rewrite only what feed-rs would reject, misread or panic on.

use url::Url;

use super::html::{all_xml_chars, xml_char};
use super::legacy::{decode_base64_constructs, rdf_items_with_links};
use super::scan::{attr_value, find_root_start};

/// An XML declaration is allowed only at the very start; sites that concatenate fragments
/// repeat it mid-document (`<?xml version="1.0" encoding="gb2312"?>`), which is ill-formed,
/// and made quick-xml panic when feed-rs switched encodings on it (found by fuzzing). The
/// text is already decoded, so the stray declarations carry nothing: drop them.
fn strip_stray_declarations(body: &str) -> std::borrow::Cow<'_, str> {
    let is_decl = |rest: &str| {
        rest.strip_prefix("<?xml")
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_ascii_whitespace() || c == '?')
    };
    if !body
        .match_indices("<?xml")
        .any(|(i, _)| is_decl(&body[i..]))
    {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("<?xml") {
        out.push_str(&rest[..i]);
        let here = &rest[i..];
        if is_decl(here) {
            match here.find("?>") {
                Some(end) => rest = &here[end + 2..],
                None => {
                    rest = "";
                }
            }
        } else {
            out.push_str("<?xml");
            rest = &here[5..];
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// feed-rs splits "name email" authors by slicing one byte before the address, which
/// panics when the character there is multi-byte and not a word character: "作者：a@b.cn",
/// "（a@b.cn）", or U+FFFD left by a bad byte (found by tests/hostile.rs); the whole feed
/// was lost. An ASCII space before such an address keeps the slice on a boundary.
fn fix_author_emails(body: &str) -> std::borrow::Cow<'_, str> {
    static FIX: std::sync::OnceLock<Option<(regex::Regex, regex::Regex)>> =
        std::sync::OnceLock::new();
    if !body.contains('@') {
        return std::borrow::Cow::Borrowed(body);
    }
    let Some((element, before_email)) = FIX
        .get_or_init(|| {
            Some((
                regex::Regex::new(
                    r"(?is)(<(?:author|managingEditor|webMaster|dc:creator|itunes:author)\b[^>]*>)([^<]*)",
                )
                .ok()?,
                regex::Regex::new(r"([^\x00-\x7F])([A-Za-z0-9._%+-]+@)").ok()?,
            ))
        })
        .as_ref()
    else {
        return std::borrow::Cow::Borrowed(body);
    };
    element.replace_all(body, |c: &regex::Captures<'_>| {
        format!("{}{}", &c[1], before_email.replace_all(&c[2], "$1 $2"))
    })
}

/// The text is UTF-8 now, so the declaration must say so; also smooths over two dialects
/// feed-rs does not know: Atom 0.3 and `<rss>` with an unusual or missing version.
pub(super) fn prepare_xml(text: &str) -> String {
    // Raw control characters (sites paste them from word processors) make the whole document
    // ill-formed XML 1.0; drop them rather than lose every item.
    let cleaned: std::borrow::Cow<'_, str> = if all_xml_chars(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| xml_char(*c)).collect())
    };
    let text: &str = &cleaned;
    let mut out = String::with_capacity(text.len() + 32);
    let body = if text.starts_with("<?xml") {
        match text.find("?>") {
            Some(end) => {
                out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
                &text[end + 2..]
            }
            None => text,
        }
    } else {
        text
    };
    let body = strip_stray_declarations(body);
    let body = &*fix_author_emails(&body);
    if body.contains("http://purl.org/atom/ns#") {
        let mut b = body.replace("http://purl.org/atom/ns#", "http://www.w3.org/2005/Atom");
        // Atom 0.3 wrote any text construct in base64 when asked (`mode="base64"`); feed-rs
        // would show the base64 itself.
        if b.contains("base64")
            && let Some(decoded) = decode_base64_constructs(&b, false)
        {
            b = decoded;
        }
        for (from, to) in [
            ("modified", "updated"),
            ("issued", "published"),
            ("tagline", "subtitle"),
            ("copyright", "rights"),
        ] {
            for end in [">", " ", "\t", "\n", "\r", "/"] {
                b = b.replace(&format!("<{from}{end}"), &format!("<{to}{end}"));
            }
            b = b.replace(&format!("</{from}>"), &format!("</{to}>"));
        }
        out.push_str(&fix_atom_types(&b));
        return out;
    }
    if body.contains("http://www.w3.org/2005/Atom") {
        out.push_str(&fix_atom_types(body));
        return out;
    }
    // Namespaces feed-rs does not know but that mean RSS: the RSS 2.0 default namespaces
    // some generators declared, and RSS 0.90's.
    for ns in [
        "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss",
    ] {
        if body.contains(ns) {
            let cleaned = body
                .replace(&format!(" xmlns=\"{ns}\""), "")
                .replace(&format!(" xmlns='{ns}'"), "");
            if cleaned.len() != body.len() {
                return prepare_xml(&format!("{out}{cleaned}"));
            }
            // The same namespace under a prefix (`<r:rss xmlns:r="…">`, `<r:item>`): the
            // same elements, so the prefix goes too (feed-rs dropped every item).
            if let Some(cleaned) = unprefix(body, ns) {
                return prepare_xml(&format!("{out}{cleaned}"));
            }
        }
    }
    if body.contains("http://my.netscape.com/rdf/simple/0.9/") {
        let b = body.replace(
            "http://my.netscape.com/rdf/simple/0.9/",
            "http://purl.org/rss/1.0/",
        );
        return prepare_xml(&format!("{out}{b}"));
    }
    // `<rss>` with items but no `<channel>` (seen in the wild): give it one.
    if !body.contains("<channel")
        && let (Some(open_end), Some(close)) = (
            find_root_start(body, "rss").and_then(|p| body[p..].find('>').map(|e| p + e + 1)),
            body.rfind("</rss>"),
        )
        && open_end <= close
    {
        {
            let wrapped = format!(
                "{}<channel>{}</channel>{}",
                &body[..open_end],
                &body[open_end..close],
                &body[close..]
            );
            return prepare_xml(&format!("{out}{wrapped}"));
        }
    }
    // `<rss version="0.93">`, `<rss version="2.00">` or no version at all: read as RSS 2.0.
    if let Some(pos) = find_root_start(body, "rss") {
        let tag_end = body[pos..].find('>').map(|e| pos + e).unwrap_or(body.len());
        let tag = &body[pos..tag_end];
        let version = attr_value(tag, "version");
        if !matches!(
            version.as_deref(),
            Some("2.0") | Some("0.91") | Some("0.92")
        ) {
            out.push_str(&body[..pos]);
            out.push_str("<rss version=\"2.0\"");
            let rest_of_tag = match &version {
                Some(_) => remove_attr(&tag[4..], "version"),
                None => tag[4..].to_string(),
            };
            out.push_str(&rest_of_tag);
            out.push_str(&body[tag_end..]);
            return out;
        }
    }
    // RSS 0.90 and 1.0: items without the link feed-rs insists on.
    if find_root_start(body, "rdf:RDF").is_some() {
        out.push_str(&rdf_items_with_links(body));
        return out;
    }
    out.push_str(body);
    out
}

/// `body` with the prefix bound to `ns` removed from element names and its declaration
/// dropped, or `None` if no prefix is bound to `ns`. Only for namespaces whose elements
/// feed-rs knows unprefixed (the RSS 2.0 ones some generators declared).
fn unprefix(body: &str, ns: &str) -> Option<String> {
    let is_name = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
    };
    for value in [format!("=\"{ns}\""), format!("='{ns}'")] {
        let Some(at) = body.find(&value) else {
            continue;
        };
        let Some(decl) = body[..at].rfind("xmlns:") else {
            continue;
        };
        let prefix = body[decl + "xmlns:".len()..at].trim();
        if !is_name(prefix) {
            continue;
        }
        let mut b = String::with_capacity(body.len());
        b.push_str(body[..decl].trim_end());
        b.push_str(&body[at + value.len()..]);
        return Some(
            b.replace(&format!("<{prefix}:"), "<")
                .replace(&format!("</{prefix}:"), "</"),
        );
    }
    None
}

/// feed-rs rejects the whole document over a text construct typed with the XHTML media
/// type (legal in Atom 0.3 and common in the wild); it means the same as `xhtml`.
fn fix_atom_types(body: &str) -> String {
    // `str::replace` copies the whole document even when nothing matches: search first
    // (most feeds need none of these 28 rewrites).
    fn replace_in(b: &mut String, from: &str, to: &str) {
        if b.contains(from) {
            *b = b.replace(from, to);
        }
    }
    let mut b = body.to_string();
    if !b.contains(" type=") {
        return b;
    }
    replace_in(&mut b, "type=\"application/xhtml+xml\"", "type=\"xhtml\"");
    replace_in(&mut b, "type='application/xhtml+xml'", "type='xhtml'");
    replace_in(&mut b, " type=\"\"", "");
    replace_in(&mut b, " type=''", "");
    // Text constructs (not <content>, whose type is a MIME type) also come as text/plain
    // and text/html in the wild; feed-rs wants "text" and "html" there.
    for el in [
        "title",
        "summary",
        "subtitle",
        "rights",
        "tagline",
        "copyright",
    ] {
        for (from, to) in [("text/plain", "text"), ("text/html", "html")] {
            for q in ['"', '\''] {
                replace_in(
                    &mut b,
                    &format!("<{el} type={q}{from}{q}"),
                    &format!("<{el} type={q}{to}{q}"),
                );
            }
        }
    }
    b
}

/// The root element's xml:base resolved against the document URL.
fn remove_attr(tag_rest: &str, name: &str) -> String {
    if let Some(at) = tag_rest.find(name)
        && let Some(eq) = tag_rest[at..].find('=')
    {
        let after = tag_rest[at + eq + 1..].trim_start();
        let skipped = tag_rest.len() - after.len();
        if let Some(q) = after.chars().next()
            && (q == '"' || q == '\'')
            && let Some(close) = after[1..].find(q)
        {
            let end = skipped + 1 + close + 1;
            return format!("{}{}", &tag_rest[..at], &tag_rest[end..]);
        }
    }
    tag_rest.to_string()
}

pub(super) fn root_xml_base(text: &str, doc: Option<&Url>) -> Option<Url> {
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let at = i + off;
        let rest = &text[at..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            i = at + rest.find('>')? + 1;
            continue;
        }
        let tag = &rest[..rest.find('>')?];
        let base = attr_value(tag, "xml:base")?;
        return match doc {
            Some(d) => d.join(&base).ok(),
            None => Url::parse(&base).ok(),
        };
    }
    None
}

pub(super) fn describe_root(text: &str) -> String {
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let at = i + off;
        let rest = &text[at..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            match rest.find('>') {
                Some(e) => {
                    i = at + e + 1;
                    continue;
                }
                None => break,
            }
        }
        let name: String = rest[1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        return format!("root element <{name}> is not rss, RDF or feed");
    }
    "no root element found".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::tests::{opts, utc};
    use crate::parse::{ParseError, parse_feed};

    #[test]
    fn authors_with_a_wide_character_before_the_address_do_not_sink_the_feed() {
        for author in [
            "作者：zhang@nt.gov.cn",
            "（li@example.cn）",
            "\u{fffd}a@b.cn",
            "王五 &lt;w@x.cn&gt;",
            "张三：&lt;z@x.cn&gt;",
        ] {
            let doc = format!(
                "<rss version=\"2.0\"><channel><title>t</title><managingEditor>{author}</managingEditor>\
                 <item><title>一</title><guid>1</guid><author>{author}</author></item></channel></rss>"
            );
            let parsed = parse_feed(doc.as_bytes(), &opts()).map_err(|e| e.to_string());
            assert_eq!(parsed.map(|p| p.entries.len()), Ok(1), "{author}");
        }
    }

    #[test]
    fn a_second_xml_declaration_mid_document_is_dropped_not_fatal() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>t</title>\n\
                   <item><title>一</title><guid>1</guid></item>\n\
                   <?xml version=\"1.0\" encoding=\"gb2312\"?>\n\
                   <item><title>二 &lt;?xml-stylesheet ok?&gt;</title><guid>2</guid></item></channel></rss>";
        let parsed = parse_feed(doc.as_bytes(), &opts()).map_err(|e| e.to_string());
        let titles: Vec<String> = parsed
            .map(|p| p.entries.into_iter().map(|e| e.title).collect())
            .unwrap_or_default();
        assert_eq!(titles, ["一", "二 <?xml-stylesheet ok?>"]);
        assert_eq!(
            strip_stray_declarations("a<?xml-stylesheet href=\"x\"?>b"),
            "a<?xml-stylesheet href=\"x\"?>b"
        );
        assert_eq!(
            strip_stray_declarations("a<?xml version=\"1.0\"?>b<?xml?>c"),
            "abc"
        );
        assert_eq!(strip_stray_declarations("a<?xml version="), "a");
    }

    #[test]
    fn rss_2_0_under_a_namespace_prefix_is_read() {
        // Namespaced XML: the prefix is only a name for the namespace.
        let rss = r#"<?xml version="1.0"?>
<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2"
  xmlns:dc="http://purl.org/dc/elements/1.1/"><r:channel><r:title>带前缀</r:title>
<r:item><r:title>条目</r:title><r:link>http://x.cn/1</r:link><dc:creator>张三</dc:creator></r:item>
</r:channel></r:rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("prefixed RSS 2.0");
        assert_eq!(f.title.as_deref(), Some("带前缀"));
        let got: Vec<_> = f
            .entries
            .iter()
            .map(|e| (e.title.as_str(), e.link.as_deref(), e.author.as_deref()))
            .collect();
        assert_eq!(got, [("条目", Some("http://x.cn/1"), Some("张三"))]);
        assert_eq!(
            unprefix(
                "<a:rss xmlns:a='http://blogs.law.harvard.edu/tech/rss'><a:x/></a:rss>",
                "http://blogs.law.harvard.edu/tech/rss"
            )
            .as_deref(),
            Some("<rss><x/></rss>")
        );
    }

    #[test]
    fn unusual_dialects() {
        let atom03 = r#"<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>旧版</title><entry><title>条目</title><id>tag:x,2022:1</id><issued>2022-09-28T10:30:00+08:00</issued>
<modified>2022-09-28T11:00:00+08:00</modified><link rel="alternate" href="http://x.cn/1"/></entry></feed>"#;
        let f = parse_feed(atom03.as_bytes(), &opts()).expect("atom 0.3");
        assert_eq!(f.entries.len(), 1);
        assert_eq!(f.entries[0].published, utc("2022-09-28T02:30:00Z"));
        let rss093 = r#"<rss version="0.93"><channel><title>x</title><item><title>一</title><link>http://x.cn/1</link><pubDate>2022-09-28 10:30:00</pubDate></item></channel></rss>"#;
        let f = parse_feed(rss093.as_bytes(), &opts()).expect("rss 0.93");
        assert_eq!(f.entries[0].published, utc("2022-09-28T02:30:00Z"));
        let bad = parse_feed(b"<html><body>hi</body></html>", &opts());
        assert!(matches!(bad, Err(ParseError::NotAFeed(m)) if m.contains("<html>")));
    }
}

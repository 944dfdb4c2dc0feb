//! Bytes in, entries out: charset detection, feed parsing (via feed-rs), dates in the forms
//! Chinese sites write, identity, plain-text titles and sanitised HTML. Pure: no I/O.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use encoding_rs::Encoding;
use sha2::{Digest, Sha256};
use url::Url;

use crate::model::{Entry, IdKind, ParsedFeed};

/// What the caller knows about the document besides its bytes.
#[derive(Debug, Clone)]
pub struct ParseOptions<'a> {
    /// The document's URL: base for relative links.
    pub base_url: Option<&'a Url>,
    /// `charset` parameter of the HTTP Content-Type, if any.
    pub header_charset: Option<&'a str>,
    /// Per-source override from the config; wins over everything.
    pub charset_override: Option<&'static Encoding>,
    /// Zone for dates written without one.
    pub tz: Tz,
}

#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("empty document")]
    Empty,
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("{0}")]
    Malformed(String),
}

/// Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document.
pub fn parse_feed(bytes: &[u8], opts: &ParseOptions<'_>) -> Result<ParsedFeed, ParseError> {
    let (text, encoding) = decode(bytes, opts.header_charset, opts.charset_override);
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let is_json = text.starts_with('{');
    let prepared = if is_json {
        std::borrow::Cow::Borrowed(text)
    } else {
        if !text.starts_with('<') {
            return Err(ParseError::NotAFeed(format!(
                "document starts with {:?}, expected XML or JSON",
                text.chars().take(20).collect::<String>()
            )));
        }
        std::borrow::Cow::Owned(prepare_xml(text))
    };

    let tz = opts.tz;
    let parser = feed_rs::parser::Builder::new()
        .base_uri(opts.base_url.map(Url::as_str))
        .timestamp_parser(move |s| parse_date(s, tz))
        // An empty id tells us the document had no guid, so we can apply our own rule.
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    // A panic deep in a parser crate must cost this document, not the poll task; the
    // fuzzer found one (quick-xml asserts on a second XML declaration), fixed below in
    // prepare_xml, and this keeps the next one from taking a source down.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(prepared.as_bytes())
    }))
    .map_err(|_| ParseError::Malformed("the feed parser failed on this document".into()))?;
    let feed = parsed.map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) => ParseError::NotAFeed(describe_root(&prepared)),
        other => ParseError::Malformed(other.to_string()),
    })?;

    let format = match feed.feed_type {
        feed_rs::model::FeedType::Atom => "atom",
        feed_rs::model::FeedType::JSON => "json",
        feed_rs::model::FeedType::RSS0 => "rss0",
        feed_rs::model::FeedType::RSS1 => "rss1",
        feed_rs::model::FeedType::RSS2 => "rss2",
    };
    // Base for URLs inside HTML: the root's xml:base if any, else the document URL.
    let doc_base = root_xml_base(&prepared, opts.base_url).or_else(|| opts.base_url.cloned());

    let mut entries: Vec<Entry> = feed
        .entries
        .into_iter()
        .map(|e| normalise_entry(e, doc_base.as_ref()))
        .collect();
    // RSS has no "updated" element; feed-rs copies pubDate there. Keep only a real one.
    if matches!(format, "rss0" | "rss2") {
        for e in &mut entries {
            if e.updated == e.published {
                e.updated = None;
            }
        }
    }
    assign_ids(&mut entries);

    Ok(ParsedFeed {
        format,
        title: feed.title.map(|t| text_value(&t)).filter(|t| !t.is_empty()),
        link: feed
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| absolutise(&l.href, doc_base.as_ref()))
            .filter(|l| is_web_link(l)),
        charset: encoding.name(),
        ttl: feed.ttl,
        entries,
    })
}

fn normalise_entry(e: feed_rs::model::Entry, doc_base: Option<&Url>) -> Entry {
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
        // The item's link is its alternate link; enclosure, self, related, license and
        // comments links point elsewhere (RFC 4287 4.2.7.2).
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| absolutise(&l.href, base))
        // Readers and mail clients open it: javascript:, data:, vbscript: and the like
        // are dropped here, once, for every output.
        .filter(|l| is_web_link(l))
        // An RSS guid is a permalink unless it says otherwise; an http(s) id with no link
        // is the item's address in practice too.
        .or_else(|| {
            let id = e.id.trim();
            (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
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

/// The issue's identity rule: the guid; if missing or repeated within the document, the
/// normalised link; else a hash of title + content.
pub(crate) fn assign_ids(entries: &mut [Entry]) {
    let mut guid_count: HashMap<String, usize> = HashMap::new();
    let mut link_count: HashMap<String, usize> = HashMap::new();
    for e in entries.iter() {
        if !e.id.is_empty() {
            *guid_count.entry(e.id.clone()).or_default() += 1;
        }
        if let Some(l) = &e.link {
            *link_count.entry(normalise_link(l)).or_default() += 1;
        }
    }
    for e in entries.iter_mut() {
        if !e.id.is_empty() && guid_count.get(&e.id) == Some(&1) {
            e.id_kind = IdKind::Guid;
            continue;
        }
        if let Some(l) = &e.link {
            let n = normalise_link(l);
            if link_count.get(&n) == Some(&1) {
                e.id = n;
                e.id_kind = IdKind::Link;
                continue;
            }
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

/// Canonical form of a link for identity: no fragment, no tracking parameters, lowercase
/// scheme and host (the url crate does those), no default port.
pub fn normalise_link(link: &str) -> String {
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
fn is_web_link(link: &str) -> bool {
    match Url::parse(link) {
        Ok(u) => matches!(u.scheme(), "http" | "https"),
        Err(url::ParseError::RelativeUrlWithoutBase) => !link.is_empty(),
        Err(_) => false,
    }
}

fn absolutise(href: &str, base: Option<&Url>) -> String {
    let href = href.trim();
    match Url::parse(href) {
        Ok(u) => u.to_string(),
        Err(_) => match base.and_then(|b| b.join(href).ok()) {
            Some(u) => u.to_string(),
            None => href.to_string(),
        },
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ---------------------------------------------------------------------------------------------
// Charsets

/// Decodes the document. Order: per-source override, BOM, HTTP header, XML prolog, UTF-8, and
/// GB18030 as the last resort for the Chinese sites that send GBK with no label at all.
/// A header that contradicts the bytes (mislabelled GBK as UTF-8 is common) loses to a
/// prolog that decodes them cleanly.
pub fn decode<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    charset_override: Option<&'static Encoding>,
) -> (std::borrow::Cow<'a, str>, &'static Encoding) {
    decode_with(bytes, header_charset, charset_override, || {
        sniff_utf16(bytes).or_else(|| prolog_encoding(bytes))
    })
}

/// The decoding order shared by feeds and HTML pages; `declared` reads what the document
/// says about itself (XML prolog, or `<meta charset>`), only when needed.
pub fn decode_with<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    charset_override: Option<&'static Encoding>,
    declared: impl FnOnce() -> Option<&'static Encoding>,
) -> (std::borrow::Cow<'a, str>, &'static Encoding) {
    if let Some(enc) = charset_override {
        let (text, _, _) = enc.decode(bytes);
        return (text, enc);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, enc);
    }
    let header = header_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    let declared = declared();
    let mut order: Vec<&'static Encoding> = Vec::new();
    order.extend(header);
    order.extend(declared);
    order.push(encoding_rs::UTF_8);
    order.push(encoding_rs::GB18030);
    for enc in &order {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return (text, enc);
        }
    }
    // Nothing decodes cleanly: take the best label and accept replacement characters.
    let enc = header.or(declared).unwrap_or(encoding_rs::UTF_8);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text, enc)
}

/// UTF-16 without a BOM shows itself by the zero bytes around `<`.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [b'<', 0, b'?', 0, ..] | [b'<', 0, _, 0, ..] => Some(encoding_rs::UTF_16LE),
        [0, b'<', 0, b'?', ..] | [0, b'<', 0, _, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The `encoding` of `<?xml … ?>`, read from ASCII-compatible bytes.
fn prolog_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = find(head, b"<?xml")?;
    let end = find(&head[start..], b"?>")? + start;
    let decl = &head[start..end];
    let at = find(decl, b"encoding")?;
    let rest = &decl[at + 8..];
    let q = rest.iter().position(|b| *b == b'"' || *b == b'\'')?;
    let quote = rest[q];
    let val = &rest[q + 1..];
    let close = val.iter().position(|b| *b == quote)?;
    let enc = Encoding::for_label(&val[..close])?;
    // A UTF-16 label on bytes that are ASCII-compatible is a lie; ignore it.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return None;
    }
    Some(enc)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The text is UTF-8 now, so the declaration must say so; also smooths over two dialects
/// feed-rs does not know: Atom 0.3 and `<rss>` with an unusual or missing version.
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

fn prepare_xml(text: &str) -> String {
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
    out.push_str(body);
    out
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

/// Byte offset of the root element's start tag if it is `<name`, skipping prolog, comments,
/// doctype and processing instructions.
fn find_root_start(body: &str, name: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = body[i..].find('<') {
        let at = i + off;
        let rest = &body[at..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map(|e| e + 3)
            } else {
                rest.find('>').map(|e| e + 1)
            }?;
            i = at + end;
            continue;
        }
        let after = rest.get(1..1 + name.len())?;
        let next = rest[1 + name.len()..].chars().next();
        return (after == name && next.is_some_and(|c| c.is_whitespace() || c == '>'))
            .then_some(at);
    }
    None
}

fn attr_value(tag: &str, name: &str) -> Option<String> {
    let mut search = 0;
    while let Some(off) = tag[search..].find(name) {
        let at = search + off;
        let before_ok = tag[..at].ends_with(|c: char| c.is_whitespace());
        let rest = tag[at + name.len()..].trim_start();
        if before_ok && let Some(rest) = rest.strip_prefix('=') {
            let rest = rest.trim_start();
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                let val = &rest[1..];
                return val.find(quote).map(|e| val[..e].to_string());
            }
        }
        search = at + name.len();
    }
    None
}

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

/// The root element's xml:base resolved against the document URL.
fn root_xml_base(text: &str, doc: Option<&Url>) -> Option<Url> {
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

fn describe_root(text: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// Text and HTML

fn is_html(t: &feed_rs::model::Text) -> bool {
    let sub = t.content_type.subty().as_str();
    sub == "html" || sub == "xhtml" || sub == "xhtml+xml"
}

/// A title or name as plain text. HTML types are stripped; plain text is still checked for
/// the tags and entities many RSS feeds put in titles anyway.
fn text_value(t: &feed_rs::model::Text) -> String {
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

fn looks_like_markup(s: &str) -> bool {
    let has_entity = s.contains('&') && {
        let mut it = s.split('&').skip(1);
        it.any(|part| {
            let end = part.find(';');
            end.is_some_and(|e| {
                e > 0
                    && e < 10
                    && part[..e]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
            })
        })
    };
    let has_tag = s.match_indices('<').any(|(i, _)| {
        let rest = &s[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        matches!(
            name.as_str(),
            "a" | "b"
                | "i"
                | "u"
                | "em"
                | "strong"
                | "font"
                | "span"
                | "br"
                | "p"
                | "img"
                | "div"
                | "sup"
                | "sub"
                | "small"
                | "big"
                | "code"
                | "script"
                | "style"
        )
    });
    has_entity || has_tag
}

/// Strips tags (dropping script and style bodies), decodes entities, collapses whitespace.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let starts_tag = after
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        let skip_body = ["script", "style"]
            .into_iter()
            .find(|t| starts_with_ignore_ascii_case(after, t));
        let name = after.trim_start_matches('/');
        let name = &name[..name.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        rest = &after[gt + 1..];
        if let Some(tag) = skip_body {
            // Up to the closing tag, found without copying the rest (a page of many
            // scripts must not cost a copy of the remaining page each).
            let close = ["</", tag].concat();
            rest = match find_ignore_ascii_case(rest, &close) {
                Some(c) => match rest[c..].find('>') {
                    Some(g) => &rest[c + g + 1..],
                    None => "",
                },
                None => "",
            };
        }
        // Block boundaries separate words; inline tags (<b>, <a>, <font>) must not, or
        // Chinese text gains spaces inside phrases.
        let mut lower = [0u8; 10];
        if name.len() <= lower.len() {
            for (d, c) in lower.iter_mut().zip(name.bytes()) {
                *d = c.to_ascii_lowercase();
            }
            if std::str::from_utf8(&lower[..name.len()]).is_ok_and(is_block_tag) {
                out.push(' ');
            }
        }
    }
    out.push_str(rest);
    let decoded = html_escape::decode_html_entities(&out);
    clean_text(&decoded)
}

fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Byte offset of the first ASCII-case-insensitive match of `needle` (ASCII) in `hay`.
fn find_ignore_ascii_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = n.first()?.to_ascii_lowercase();
    hay.as_bytes()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.to_ascii_lowercase() == first)
        .map(|(i, _)| i)
        .find(|&i| {
            hay.as_bytes()
                .get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "dd"
            | "dt"
            | "dl"
            | "figure"
            | "figcaption"
            | "script"
            | "style"
            | "img"
    )
}

/// Collapses whitespace (including the ideographic space and NBSP) and drops characters XML
/// cannot carry.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' {
            space = true;
            continue;
        }
        if !xml_char(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// `s.chars().all(xml_char)`, by bytes: the common all-valid document costs one pass
/// without decoding. Outside ASCII, UTF-8 can only hold disallowed characters as C1
/// controls (C2 80..C2 9F, U+0085 allowed) or U+FFFE/U+FFFF (EF BF BE/BF); a `str` has
/// no surrogates.
fn all_xml_chars(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let bad = match c {
            b'\t' | b'\n' | b'\r' => false,
            0..=0x1f | 0x7f => true,
            0xc2 => b
                .get(i + 1)
                .is_some_and(|&n| (0x80..=0x9f).contains(&n) && n != 0x85),
            0xef => b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)),
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

/// Characters allowed in XML 1.0 documents.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}')
}

/// Sanitises HTML with ammonia: no script, style, event handlers or javascript: URLs.
/// Relative URLs are resolved against `base`. Returns None when nothing visible is left.
pub fn sanitize_html(html: &str, base: Option<&Url>) -> Option<String> {
    // Building an ammonia Builder costs more than cleaning a typical summary (profiled:
    // 18% of ingest), so each thread keeps one. Its relative-URL hook is fixed at build
    // time, so the per-document base travels through a thread-local.
    thread_local! {
        static BASE: std::cell::RefCell<Option<Url>> = const { std::cell::RefCell::new(None) };
        static BUILDER: ammonia::Builder<'static> = {
            let mut b = ammonia::Builder::default();
            b.link_rel(Some("noopener noreferrer nofollow"));
            b.url_relative(ammonia::UrlRelative::Custom(Box::new(resolve_relative)));
            b
        };
    }
    fn resolve_relative(rel: &str) -> Option<std::borrow::Cow<'_, str>> {
        BASE.with(|b| {
            b.borrow()
                .as_ref()
                .and_then(|base| base.join(rel).ok())
                .map(|u| std::borrow::Cow::Owned(u.to_string()))
        })
    }
    let stripped: std::borrow::Cow<'_, str> = if all_xml_chars(html) {
        std::borrow::Cow::Borrowed(html)
    } else {
        std::borrow::Cow::Owned(html.chars().filter(|c| xml_char(*c)).collect())
    };
    if is_plain_text(&stripped) {
        let trimmed = stripped.trim();
        return has_visible_content(trimmed).then(|| trimmed.to_string());
    }
    let http_base = base
        .filter(|b| matches!(b.scheme(), "http" | "https"))
        .cloned();
    BASE.with(|b| *b.borrow_mut() = http_base);
    let shallow = limit_nesting(&stripped);
    let clean = BUILDER.with(|b| b.clean(&shallow).to_string());
    let trimmed = clean.trim();
    has_visible_content(trimmed).then(|| trimmed.to_string())
}

/// Text that ammonia would return unchanged: no markup, no entity, and nothing its HTML
/// parser rewrites (CR, NUL) or its serialiser escapes (`<`, `>`, `&`, U+00A0). Many
/// sites' summaries are plain text; they skip building and serialising a DOM.
fn is_plain_text(s: &str) -> bool {
    !s.bytes()
        .any(|b| matches!(b, b'<' | b'>' | b'&' | b'\r' | 0))
        && !s.contains('\u{a0}')
}

/// Elements nested deeper than this are unwrapped (their text kept) before html5ever sees
/// the HTML. Its tree builder looks through the stack of open elements for each start tag,
/// so n nested elements cost O(n²): 200,000 nested `<div>`s (1.2 MB, well inside max_body)
/// kept a core busy for over ten minutes (found by tests/hostile.rs). Real pages nest a few
/// dozen levels.
pub const MAX_NESTING: usize = 256;

/// Elements that never nest (void) or that HTML closes by itself when the next one opens
/// (`<li><li>` are siblings), so sloppy pages are not mistaken for deep ones.
fn non_nesting(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "rb"
            | "rt"
            | "rp"
            | "colgroup"
    )
}

/// `html` with tags nested deeper than [`MAX_NESTING`] removed (text kept); borrowed,
/// untouched, when it is not that deep. A linear scan, not a parse: it only needs to bound
/// depth, not to be right about every quirk.
pub fn limit_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    // (start, end, is_end_tag, nests) of each tag, found without allocating.
    fn tags(html: &str) -> impl Iterator<Item = (usize, usize, bool, bool)> + '_ {
        let bytes = html.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < bytes.len() {
                let Some(off) = memchr_lt(&bytes[i..]) else {
                    i = bytes.len();
                    return None;
                };
                let start = i + off;
                let is_end = bytes.get(start + 1) == Some(&b'/');
                let name_at = start + 1 + usize::from(is_end);
                if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                    i = start + 1;
                    continue;
                }
                let mut j = name_at;
                while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                let name = html[name_at..j].to_ascii_lowercase();
                // The tag ends at the first '>' outside quotes.
                let mut quote = 0u8;
                let mut k = j;
                while k < bytes.len() {
                    let b = bytes[k];
                    if quote != 0 {
                        if b == quote {
                            quote = 0;
                        }
                    } else if b == b'"' || b == b'\'' {
                        quote = b;
                    } else if b == b'>' {
                        break;
                    }
                    k += 1;
                }
                let end = (k + 1).min(bytes.len());
                let self_closing = k > 0 && bytes.get(k - 1) == Some(&b'/');
                i = end;
                return Some((start, end, is_end, !non_nesting(&name) && !self_closing));
            }
            None
        })
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for (_, _, is_end, nests) in tags(html) {
        if !nests {
            continue;
        }
        if is_end {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= MAX_NESTING {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    depth = 0;
    for (start, end, is_end, nests) in tags(html) {
        if !nests {
            continue;
        }
        let too_deep = if is_end {
            let d = depth;
            depth = depth.saturating_sub(1);
            d > MAX_NESTING
        } else {
            depth += 1;
            depth > MAX_NESTING
        };
        if too_deep {
            out.push_str(&html[copied..start]);
            copied = end;
        }
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Any text outside tags (or an image)? A scan, not a second parse.
fn has_visible_content(html: &str) -> bool {
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
            }
        } else if c == '<' {
            if rest.starts_with("<img") {
                return true;
            }
            in_tag = true;
        } else if c == '&' {
            // &nbsp; and friends alone are not content.
            let end = rest.find(';').filter(|e| *e < 10);
            match end {
                Some(e) if matches!(&rest[..=e], "&nbsp;" | "&#160;" | "&#12288;") => {
                    rest = &rest[e + 1..];
                    continue;
                }
                _ => return true,
            }
        } else if !(c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}') {
            return true;
        }
        rest = &rest[c.len_utf8()..];
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Parses the date forms feeds use, RFC 3339 and RFC 822 plus the ones Chinese sites write
/// (`2022-09-28 10:30:00`, `2022/9/28`, `2022年09月28日 10时30分`, `CST` meaning +08:00,
/// full-width digits). A date without a zone is read in `tz`.
pub fn parse_date(input: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let s = normalise_date_text(input);
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) || has_month_name(s) {
        return parse_rfc822(s, tz);
    }
    parse_numeric(s, tz)
}

fn normalise_date_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '－' => '-',
            '／' => '/',
            '＋' => '+',
            '\u{3000}' | '\u{a0}' => ' ',
            _ => c,
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn has_month_name(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| month_from_name(w).is_some())
}

fn month_from_name(w: &str) -> Option<u32> {
    if w.len() < 3 {
        return None;
    }
    let l = w.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| l.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Zone words: CST is China Standard Time here, not US Central (feeds from Chinese sites).
fn zone_offset(z: &str) -> Option<FixedOffset> {
    let z = z.trim();
    let upper = z.to_ascii_uppercase();
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    match upper.as_str() {
        "" => None,
        "Z" | "UT" | "UTC" | "GMT" => hours(0),
        "CST" | "CCT" | "BJT" | "北京时间" | "HKT" | "AWST" | "SGT" => hours(8),
        "JST" | "KST" => hours(9),
        "EST" => hours(-5),
        "EDT" => hours(-4),
        "CDT" => hours(-5),
        "MST" => hours(-7),
        "MDT" => hours(-6),
        "PST" => hours(-8),
        "PDT" => hours(-7),
        _ => {
            let rest = upper
                .strip_prefix("GMT")
                .or_else(|| upper.strip_prefix("UTC"))
                .unwrap_or(&upper);
            numeric_offset(rest)
        }
    }
}

/// `+0800`, `+08:00`, `+8`, `-05`.
fn numeric_offset(s: &str) -> Option<FixedOffset> {
    let (sign, digits) = match s.chars().next()? {
        '+' => (1, &s[1..]),
        '-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn localise(naive: NaiveDateTime, offset: Option<FixedOffset>, tz: Tz) -> Option<DateTime<Utc>> {
    match offset {
        Some(o) => o
            .from_local_datetime(&naive)
            .single()
            .map(|d| d.with_timezone(&Utc)),
        None => tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|d| d.with_timezone(&Utc)),
    }
}

/// `[Wed,] 28 Sep 2022 10:30[:00] [zone]`, also `Sep 28, 2022 …` and `Wed Sep 28 10:30:00 CST 2022`.
fn parse_rfc822(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    let mut offset = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.contains(':') && time.is_none() && t.starts_with(|c: char| c.is_ascii_digit()) {
            time = parse_time(t);
            continue;
        }
        if let Some(m) = month_from_name(t).filter(|_| month.is_none()) {
            month = Some(m);
            continue;
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            let n: i32 = t.parse().ok()?;
            if t.len() == 4 || (day.is_some() && year.is_none() && month.is_some()) {
                year = Some(if t.len() == 2 {
                    if n < 70 { 2000 + n } else { 1900 + n }
                } else {
                    n
                });
            } else if day.is_none() {
                day = Some(n as u32);
            } else if year.is_none() {
                year = Some(n);
            }
            continue;
        }
        if offset.is_none()
            && i > 0
            && let Some(o) = zone_offset(t)
        {
            offset = Some(o);
            continue;
        }
        // Day names and anything unknown are ignored, as mail readers do.
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let time = time.unwrap_or(NaiveTime::MIN);
    localise(date.and_time(time), offset, tz)
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    let t = t.trim_end_matches(|c: char| !c.is_ascii_digit());
    let (main, frac) = match t.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (t, None),
    };
    let parts: Vec<&str> = main.split(':').collect();
    let h: u32 = parts.first()?.parse().ok()?;
    let m: u32 = parts.get(1).map_or(Some(0), |p| p.parse().ok())?;
    let sec: u32 = parts.get(2).map_or(Some(0), |p| p.parse().ok())?;
    let nanos = frac
        .and_then(|f| {
            let f: String = f.chars().take(9).collect();
            let n: u32 = f.parse().ok()?;
            Some(n * 10u32.pow(9 - f.len() as u32))
        })
        .unwrap_or(0);
    // 24:00 and leap seconds appear in the wild; clamp rather than reject.
    if h == 24 && m == 0 && sec == 0 {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    NaiveTime::from_hms_nano_opt(h, m, sec.min(59), nanos)
}

/// `2022-09-28 10:30:00`, `2022/9/28`, `2022.09.28`, `2022年09月28日 10时30分`, with an optional
/// `T`, fraction and zone (`Z`, `+08:00`, `+0800`, `GMT+8`, `CST`, `北京时间`).
fn parse_numeric(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let bytes: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut nums: Vec<u32> = Vec::new();
    let mut frac: Option<String> = None;
    // Year, month, day, hour, minute, second: up to six numbers separated by date/time marks.
    while i < bytes.len() && nums.len() < 6 {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let n: String = bytes[start..i].iter().collect();
            if n.len() > 4 {
                // A Unix timestamp, seconds or milliseconds.
                if nums.is_empty() && (n.len() == 10 || n.len() == 13) && i == bytes.len() {
                    let v: i64 = n.parse().ok()?;
                    let secs = if n.len() == 13 { v / 1000 } else { v };
                    return DateTime::from_timestamp(secs, 0);
                }
                return None;
            }
            nums.push(n.parse().ok()?);
            continue;
        }
        let sep = matches!(
            c,
            '-' | '/'
                | '.'
                | ':'
                | '年'
                | '月'
                | '日'
                | '号'
                | '时'
                | '點'
                | '点'
                | '分'
                | '秒'
                | 'T'
                | ' '
        );
        if !sep {
            break;
        }
        // A '-' after the time begins a zone offset, not another number.
        if c == '-' && nums.len() >= 5 {
            break;
        }
        i += 1;
    }
    // Fractional seconds.
    if nums.len() == 6 && i < bytes.len() && bytes[i] == '.' {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        frac = Some(bytes[start..j].iter().collect());
        i = j;
    }
    let rest: String = bytes[i..].iter().collect();
    let rest = rest.trim().trim_start_matches(['秒']).trim();
    let offset = if rest.is_empty() {
        None
    } else {
        match zone_offset(rest) {
            Some(o) => Some(o),
            // A weekday such as "星期三" or "(周三)" after the date is harmless.
            None if rest.starts_with(['星', '周', '(', '（']) => None,
            None => return None,
        }
    };
    if nums.len() < 3 {
        return None;
    }
    let (y, mo, d) = (nums[0] as i32, nums[1], nums[2]);
    if !(1970..=2999).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let time_text = match nums.len() {
        3 => None,
        4 => Some(format!("{}:00", nums[3])),
        5 => Some(format!("{}:{}", nums[3], nums[4])),
        _ => Some(match &frac {
            Some(f) => format!("{}:{}:{}.{f}", nums[3], nums[4], nums[5]),
            None => format!("{}:{}:{}", nums[3], nums[4], nums[5]),
        }),
    };
    let time = match time_text {
        None => NaiveTime::MIN,
        Some(t) => parse_time(&t)?,
    };
    localise(date.and_time(time), offset, tz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    fn utc(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    }

    #[test]
    fn dates_in_every_form_sites_use() {
        let t = utc("2022-09-28T02:30:00Z");
        for s in [
            "2022-09-28T10:30:00+08:00",
            "2022-09-28T02:30:00Z",
            "Wed, 28 Sep 2022 10:30:00 +0800",
            "Wed, 28 Sep 2022 10:30:00 CST",
            "28 Sep 2022 02:30:00 GMT",
            "Wed, 28 Sep 2022 10:30:00 GMT+8",
            "Wed, 28 Sep 2022 10:30:00 GMT+08:00",
            "Thu, 28 Sep 2022 10:30:00 +0800",
            "2022-09-28 10:30:00",
            "2022-09-28 10:30",
            "2022/09/28 10:30:00",
            "2022-09-28T10:30:00",
            "2022年09月28日 10:30",
            "2022年9月28日 10时30分",
            "２０２２年０９月２８日 １０：３０",
            "2022-09-28 10:30:00 CST",
            "2022-09-28 10:30:00 +0800",
            "2022-09-28 02:30:00 UTC",
            "2022-09-28 10:30:00.000",
            "Sep 28, 2022 10:30:00",
        ] {
            assert_eq!(parse_date(s, Shanghai), t, "{s}");
        }
        let midnight = utc("2022-09-27T16:00:00Z");
        for s in [
            "2022/9/28",
            "2022年09月28日",
            "2022-09-28",
            "2022.09.28",
            "2022年9月28日 星期三",
        ] {
            assert_eq!(parse_date(s, Shanghai), midnight, "{s}");
        }
        assert_eq!(
            parse_date("2022-09-28 10:30", chrono_tz::UTC),
            utc("2022-09-28T10:30:00Z")
        );
        assert_eq!(
            parse_date("1664332200", Shanghai),
            utc("2022-09-28T02:30:00Z")
        );
        for bad in [
            "",
            "soon",
            "2022-13-45",
            "32 Foo 2022",
            "2022-09-28 10:30 Mars",
            "12",
        ] {
            assert_eq!(parse_date(bad, Shanghai), None, "{bad}");
        }
    }

    #[test]
    fn charset_order() {
        let gbk = encoding_rs::GBK.encode("南通高新区").0.into_owned();
        let mut doc = b"<?xml version=\"1.0\" encoding=\"gb2312\"?><rss>".to_vec();
        doc.extend_from_slice(&gbk);
        // Prolog.
        let (t, e) = decode(&doc, None, None);
        assert!(t.contains("南通高新区"), "{t}");
        assert_eq!(e, encoding_rs::GBK);
        // A lying UTF-8 header loses to a prolog that decodes cleanly.
        let (t, _) = decode(&doc, Some("utf-8"), None);
        assert!(t.contains("南通高新区"));
        // No label at all: GB18030 fallback.
        let mut bare = b"<rss>".to_vec();
        bare.extend_from_slice(&gbk);
        assert!(decode(&bare, None, None).0.contains("南通高新区"));
        // Override wins.
        let (_, e) = decode(
            "<rss>ok</rss>".as_bytes(),
            Some("gbk"),
            Some(encoding_rs::BIG5),
        );
        assert_eq!(e, encoding_rs::BIG5);
        // BOM.
        let mut u16 = vec![0xff, 0xfe];
        for unit in "<rss>南通</rss>".encode_utf16() {
            u16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&u16, None, None).0, "<rss>南通</rss>");
    }

    /// The plain-text shortcut returns what ammonia would.
    #[test]
    fn plain_text_skips_ammonia_with_the_same_result() {
        let plain = [
            "南通高新区三个项目集中签约",
            "  leading and trailing  ",
            "tabs\tand\nnewlines\n\n第二段",
            "quotes \" and ' and = and / stay",
            "emoji 🚀 and ＆ fullwidth ＜＞",
        ];
        let builder = ammonia::Builder::default();
        for s in plain {
            assert!(is_plain_text(s), "{s:?}");
            assert_eq!(builder.clean(s).to_string(), s, "{s:?}");
            assert_eq!(sanitize_html(s, None).as_deref(), Some(s.trim()));
        }
        for s in [
            "a &amp; b",
            "a < b",
            "<p>x</p>",
            "a\r\nb",
            "nbsp\u{a0}here",
            "x > y",
        ] {
            assert!(!is_plain_text(s), "{s:?}");
        }
        assert_eq!(sanitize_html("   ", None), None);
    }

    #[test]
    fn byte_scan_agrees_with_the_character_rule() {
        let mut samples: Vec<String> = vec![
            "".into(),
            "南通 <b>ok</b>\t\r\n".into(),
            "\u{85}next line".into(),
            "\u{fffd}\u{fffc}".into(),
            "\u{10000}\u{e000}\u{d7ff}".into(),
        ];
        for c in (0u32..0x120).chain([0xd7ff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x10ffff]) {
            if let Some(c) = char::from_u32(c) {
                samples.push(format!("a{c}b"));
                samples.push(c.to_string());
            }
        }
        for s in &samples {
            assert_eq!(all_xml_chars(s), s.chars().all(xml_char), "{s:?}");
        }
    }

    #[test]
    fn titles_become_plain_text() {
        assert_eq!(
            html_to_text("<b>南通</b> &amp; 苏州&nbsp;合作"),
            "南通 & 苏州 合作"
        );
        assert_eq!(
            html_to_text("签约<b>3个</b>项目<br>第二行"),
            "签约3个项目 第二行"
        );
        assert_eq!(html_to_text("a < b <script>x()</script>c"), "a < b c");
        assert_eq!(
            html_to_text(
                "<P>一</P><DiV>二</dIv><SCRIPT>x()</ScRiPt>三<Style>p{}</STYLE>四<B>五</B>"
            ),
            "一 二 三 四五"
        );
        assert_eq!(html_to_text("<script>unclosed"), "");
        assert_eq!(html_to_text("a<blockquote-ish>b<span-x>c"), "a bc");
        // Many scripts: no copy of the rest of the page per script.
        let many = "<script>x</script>字".repeat(50_000);
        assert_eq!(html_to_text(&many).matches('字').count(), 50_000);
        assert_eq!(clean_text("  多\u{3000}空格\n\t行\u{1}  "), "多 空格 行");
    }

    #[test]
    fn sanitiser_removes_executable_parts() {
        let base = Url::parse("http://www.example.cn/news/").ok();
        let out = sanitize_html(
            r#"<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src="a.jpg"><style>p{}</style></p>"#,
            base.as_ref(),
        )
        .unwrap_or_default();
        assert!(!out.contains("script") && !out.contains("onclick") && !out.contains("javascript"));
        assert!(!out.contains("style"), "{out}");
        assert!(
            out.contains(r#"src="http://www.example.cn/news/a.jpg""#),
            "{out}"
        );
        assert_eq!(sanitize_html("<script>x</script>", None), None);
    }

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
    fn deep_nesting_is_cut_to_the_limit_and_shallow_html_untouched() {
        let shallow = "<div><p>a<p>b<ul><li>x<li>y</ul><img src=a.png><br></div>";
        assert!(matches!(
            limit_nesting(shallow),
            std::borrow::Cow::Borrowed(_)
        ));
        let many_li = "<ul>".to_string() + &"<li>item".repeat(5000) + "</ul>";
        assert!(matches!(
            limit_nesting(&many_li),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = format!(
            "{}text{}",
            "<div class=\"a>b\">".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let cut = limit_nesting(&deep);
        assert_eq!(cut.matches("<div").count(), MAX_NESTING);
        assert_eq!(cut.matches("</div>").count(), MAX_NESTING);
        assert!(cut.contains("text"));
        // And the sanitiser, which would take minutes on the uncut input, keeps the text.
        let clean = sanitize_html(&deep, None).unwrap_or_default();
        assert!(clean.contains("text"));
    }

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

    fn opts() -> ParseOptions<'static> {
        ParseOptions {
            base_url: None,
            header_charset: None,
            charset_override: None,
            tz: Shanghai,
        }
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

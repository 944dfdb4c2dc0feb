//! Bytes in, entries out: charset detection, feed parsing (via feed-rs), dates in the forms
//! Chinese sites write, identity, plain-text titles and sanitised HTML. Pure: no I/O.
//!
//! [`parse_feed`] runs the stages in order, each in its own file:
//! - `charset`: bytes to text (override, BOM, header, prolog, UTF-8, GB18030);
//! - `xml`: repairs that turn what sites send into XML feed-rs accepts, with `legacy` for
//!   early forms (RSS 0.90/1.0 items without a link, Atom 0.3 base64, Microsoft CDF);
//! - feed-rs parses; where its entries show a gap (no title, no link), `fallback` reads
//!   what the text says about it; `entry` turns the entries into ours and gives each its
//!   identity;
//! - `html`: titles as plain text, summaries and content sanitised;
//! - `date`: every date form, read in the source's zone when it names none.
//!
//! feed-rs is used here only, in this file and `entry`.

mod charset;
mod date;
mod entry;
mod fallback;
mod html;
mod legacy;
mod scan;
mod xml;

use std::borrow::Cow;

use chrono_tz::Tz;
use encoding_rs::Encoding;
use feed_rs::model::FeedType;
use feed_rs::parser::{ParseErrorKind, ParseFeedError};
use url::Url;

use crate::model::{Entry, ParsedFeed};

pub(crate) use charset::{decode, decode_with};
pub(crate) use date::parse_date;
pub(crate) use entry::assign_ids;
pub(crate) use entry::hex;
pub(crate) use html::{clean_text, html_to_text, limit_nesting, sanitize_html};

use entry::{absolutise, is_item_link, is_web_link, normalise_entry, text_value};
use fallback::{links_from_href, non_permalink_guids, titles_from_dc_or_media};
use legacy::{cdf_to_rss, decode_base64_constructs};
use xml::{describe_root, prepare_xml, root_xml_base};

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
    let mut prepared = if is_json {
        Cow::Borrowed(text)
    } else {
        if !text.starts_with('<') {
            return Err(ParseError::NotAFeed(format!(
                "document starts with {:?}, expected XML or JSON",
                text.chars().take(20).collect::<String>()
            )));
        }
        Cow::Owned(prepare_xml(text))
    };

    let mut parsed = read(opts, &prepared)?;
    // Atom text constructs typed application/octet-stream (base64, as Atom 0.3 wrote them)
    // make feed-rs refuse the document, so this costs nothing until then.
    if let Err(ParseFeedError::ParseError(ParseErrorKind::UnknownMimeType { mime, .. })) = &parsed
        && mime == "application/octet-stream"
        && let Some(decoded) = decode_base64_constructs(&prepared, true)
    {
        prepared = Cow::Owned(decoded);
        parsed = read(opts, &prepared)?;
    }
    // A document with no feed root feed-rs knows may be Microsoft CDF: read as the RSS 2.0
    // it maps to. Checked only once feed-rs has given up on the document.
    let mut cdf = false;
    if let Err(ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)) = &parsed
        && let Some(rss) = cdf_to_rss(&prepared)
    {
        prepared = Cow::Owned(rss);
        parsed = read(opts, &prepared)?;
        cdf = true;
    }
    let mut feed = parsed.map_err(|e| match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            ParseError::NotAFeed(describe_root(&prepared))
        }
        other => ParseError::Malformed(other.to_string()),
    })?;
    // RSS items with no <title> may give one as dc:title or media:title, items with no link
    // one as <link href="…"/>; feed-rs reads neither. Only then is the text searched, and
    // read again with the title or link in place.
    if matches!(
        feed.feed_type,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2
    ) {
        let mut filled: Option<String> = None;
        if feed.entries.iter().any(|e| e.title.is_none()) {
            filled = titles_from_dc_or_media(&prepared);
        }
        if feed
            .entries
            .iter()
            .any(|e| !e.links.iter().any(is_item_link))
            && let Some(linked) = links_from_href(filled.as_deref().unwrap_or(&prepared))
        {
            filled = Some(linked);
        }
        if let Some(filled) = filled
            && let Ok(Ok(again)) = read(opts, &filled)
        {
            feed = again;
            prepared = Cow::Owned(filled);
        }
    }

    let format = match feed.feed_type {
        _ if cdf => "cdf",
        FeedType::Atom => "atom",
        FeedType::JSON => "json",
        FeedType::RSS0 => "rss0",
        FeedType::RSS1 => "rss1",
        FeedType::RSS2 => "rss2",
    };
    // RSS has no "updated" element of its own; feed-rs copies pubDate there when it finds
    // none. Keep only a real one (atom:updated), also when it is the item's only date.
    if matches!(format, "rss0" | "rss2") {
        for e in &mut feed.entries {
            if e.published.is_some() && e.updated == e.published {
                e.updated = None;
            }
        }
    }
    // Base for URLs inside HTML: the root's xml:base if any, else the document URL.
    let doc_base = root_xml_base(&prepared, opts.base_url).or_else(|| opts.base_url.cloned());

    // Guids marked as no permalink: looked for in the text only when an RSS item has no
    // link of its own and a guid to stand in for one (normalise_entry asks then).
    let not_permalinks = std::cell::OnceCell::new();
    let id_may_be_link = |id: &str| {
        !matches!(format, "rss0" | "rss2")
            || !not_permalinks
                .get_or_init(|| non_permalink_guids(&prepared))
                .contains(id)
    };
    let mut entries: Vec<Entry> = feed
        .entries
        .into_iter()
        .map(|e| normalise_entry(e, doc_base.as_ref(), &id_may_be_link))
        .collect();
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

/// feed-rs over a prepared document, with a parser of its own: one that has failed part
/// way keeps state that makes its next parse panic (its Media RSS scope stays open).
/// A panic deep in a parser crate must cost this document, not the poll task; the fuzzer
/// found one (quick-xml asserts on a second XML declaration), fixed in prepare_xml, and
/// this keeps the next one from taking a source down.
fn read(
    opts: &ParseOptions<'_>,
    text: &str,
) -> Result<Result<feed_rs::model::Feed, ParseFeedError>, ParseError> {
    let tz = opts.tz;
    let parser = feed_rs::parser::Builder::new()
        .base_uri(opts.base_url.map(Url::as_str))
        .timestamp_parser(move |s| parse_date(s, tz))
        // An empty id tells us the document had no guid, so we can apply our own rule.
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(text.as_bytes())
    }))
    .map_err(|_| ParseError::Malformed("the feed parser failed on this document".into()))
}

#[cfg(test)]
mod tests {
    //! Helpers shared by the tests of the stages, and the tests of what `parse_feed` itself
    //! decides.

    use chrono::{DateTime, Utc};
    use chrono_tz::Asia::Shanghai;

    use super::{ParseOptions, parse_feed};

    #[test]
    fn an_rss_item_dated_only_by_atom_updated_keeps_it_as_updated() {
        let rss = r#"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>
<item><title>A</title><guid>a</guid><atom:updated>2025-03-29T08:00:00+08:00</atom:updated></item>
<item><title>B</title><guid>b</guid><pubDate>Sat, 29 Mar 2025 08:00:00 +0800</pubDate></item>
<item><title>C</title><guid>c</guid><pubDate>Sat, 29 Mar 2025 08:00:00 +0800</pubDate>
<atom:updated>2025-03-30T08:00:00+08:00</atom:updated></item>
</channel></rss>"#;
        let f = parse_feed(rss.as_bytes(), &opts()).expect("parses");
        let dates: Vec<_> = f.entries.iter().map(|e| (e.published, e.updated)).collect();
        let (d29, d30) = (utc("2025-03-29T00:00:00Z"), utc("2025-03-30T00:00:00Z"));
        assert_eq!(
            dates,
            [
                // A real update time, and the item's only date: published falls back to it,
                // as for an Atom entry with only <updated>.
                (d29, d29),
                // feed-rs copies pubDate to updated: not an update.
                (d29, None),
                (d29, d30),
            ]
        );
    }

    pub(super) fn utc(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    }

    pub(super) fn opts() -> ParseOptions<'static> {
        ParseOptions {
            base_url: None,
            header_charset: None,
            charset_override: None,
            tz: Shanghai,
        }
    }
}

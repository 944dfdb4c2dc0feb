//! An entry made into a stored item: its placement, and caps on what one item may bring
//! into the store, the feeds and the digests.

#[allow(unused_imports)]
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::classify::Placement;
use crate::config::Source;
use crate::model::{Entry, Item};

// Bounds on what one item may bring into the store, every feed it appears in (each region
// above it, three formats) and every digest: a hostile or broken site can send a 15 MB
// title inside max_body, and that must not become 15 MB in a dozen files and mails.
const MAX_TITLE: usize = 500; // characters
const MAX_AUTHOR: usize = 200; // characters, also per category
const MAX_CATEGORIES: usize = 20;
const MAX_LINK: usize = 4096; // bytes
const MAX_ID: usize = 1024; // bytes; longer ids are replaced by their hash
const MAX_SUMMARY: usize = 64 << 10; // bytes of HTML
const MAX_CONTENT: usize = 1 << 20; // bytes of HTML

fn cap_text(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", s[..end].trim_end()),
    }
}

/// Cuts HTML at a character boundary and sanitises it again, which closes the elements
/// the cut left open and drops a tag cut in half.
fn cap_html(html: &str, max_bytes: usize) -> Option<String> {
    if html.len() <= max_bytes {
        return Some(html.to_string());
    }
    let mut end = max_bytes;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    crate::parse::sanitize_html(&format!("{}…", &html[..end]), None)
}

/// A parsed entry placed in its region and zone, ready for the store.
pub fn to_item(source: &Source, entry: &Entry, placement: Placement, now: DateTime<Utc>) -> Item {
    // A date more than a day ahead is a site's mistake; it would pin the item to the top.
    let published = entry
        .published
        .filter(|p| *p <= now + chrono::Duration::days(1));
    Item {
        id: if entry.id.len() > MAX_ID {
            format!(
                "sha256:{}",
                crate::parse::hex(&Sha256::digest(entry.id.as_bytes()))
            )
        } else {
            entry.id.clone()
        },
        id_kind: entry.id_kind,
        source: source.id.clone(),
        title: cap_text(&entry.title, MAX_TITLE),
        link: entry.link.clone().filter(|l| l.len() <= MAX_LINK),
        published: published.unwrap_or(now),
        date_estimated: published.is_none(),
        updated: entry.updated,
        summary: entry
            .summary
            .as_deref()
            .and_then(|h| cap_html(h, MAX_SUMMARY)),
        content: entry
            .content
            .as_deref()
            .and_then(|h| cap_html(h, MAX_CONTENT)),
        author: entry.author.as_deref().map(|a| cap_text(a, MAX_AUTHOR)),
        categories: entry
            .categories
            .iter()
            .take(MAX_CATEGORIES)
            .map(|c| cap_text(c, MAX_AUTHOR))
            .collect(),
        placed_by: placement.by,
        region: placement.region,
        zone: placement.zone,
        first_seen: now,
        seq: 0,
        article_pending: entry.article_pending,
    }
}

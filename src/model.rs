//! The values that flow between stages: parsed entries, stored items, per-source state.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How an entry's identity was chosen (the rule: guid, else link, else content hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdKind {
    Guid,
    Link,
    Hash,
}

/// One entry as read from a document: normalised, sanitised, not yet classified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub id_kind: IdKind,
    /// Plain text, entities decoded, whitespace collapsed.
    pub title: String,
    /// Absolute.
    pub link: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// Sanitised HTML.
    pub summary: Option<String>,
    /// Sanitised HTML.
    pub content: Option<String>,
    pub author: Option<String>,
    pub categories: Vec<String>,
    /// The zone the page itself names (an HTML article's 发布开发区), to map by name or alias.
    #[serde(default)]
    pub zone_hint: Option<String>,
    /// The item's article page could not be read yet; try again on a later poll.
    #[serde(default)]
    pub article_pending: bool,
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    /// "rss2", "rss1", "rss0", "atom", "json".
    pub format: &'static str,
    pub title: Option<String>,
    pub link: Option<String>,
    /// The encoding the bytes were decoded from.
    pub charset: &'static str,
    /// RSS `<ttl>` in minutes, kept for adaptive polling.
    pub ttl: Option<u32>,
    pub entries: Vec<Entry>,
}

/// A stored item: an entry plus where it came from and where it belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub id_kind: IdKind,
    pub source: String,
    pub title: String,
    pub link: Option<String>,
    /// The item's date; the first-seen time when the document gave none (see `date_estimated`).
    pub published: DateTime<Utc>,
    pub date_estimated: bool,
    pub updated: Option<DateTime<Utc>>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub author: Option<String>,
    pub categories: Vec<String>,
    pub region: String,
    pub zone: Option<String>,
    /// When zonefeed first stored it.
    pub first_seen: DateTime<Utc>,
    /// Monotonic order of first sight across the whole store (the digest cursor follows this,
    /// not `published`, which sites backdate).
    pub seq: u64,
    /// HTML sources: the article page is still to be fetched (it failed or the per-poll
    /// budget ran out); the next poll retries it.
    #[serde(default)]
    pub article_pending: bool,
    /// The words that placed it in its region and zone (absent in items stored before
    /// zonefeed said, and when the source's own tags placed it).
    #[serde(default, skip_serializing_if = "PlacedBy::is_source")]
    pub placed_by: PlacedBy,
}

/// Why an item is where it is, so an admin can see (`inspect`, `items --json`): for the
/// region and for the zone, the words of the text that decided it (如皋, 苏州工业园区,
/// the 发布开发区 the page names), or None when the source's own region or zone did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacedBy {
    pub region: Option<String>,
    pub zone: Option<String>,
    /// A zone the page names (发布开发区) that the config lacks: kept for `places
    /// suggest`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown_zone: Option<String>,
}

impl PlacedBy {
    pub fn is_source(&self) -> bool {
        self.region.is_none() && self.zone.is_none() && self.unknown_zone.is_none()
    }
}

impl Item {
    /// When the item last changed as its source says: its `updated`, never before its date.
    pub(crate) fn last_changed(&self) -> DateTime<Utc> {
        self.updated.unwrap_or(self.published).max(self.published)
    }

    /// The fields a source controls; a change in any of them is an update.
    pub(crate) fn same_content(&self, other: &Item) -> bool {
        self.title == other.title
            && self.link == other.link
            && self.published == other.published
            && self.date_estimated == other.date_estimated
            && self.updated == other.updated
            && self.summary == other.summary
            && self.content == other.content
            && self.author == other.author
            && self.categories == other.categories
            && self.region == other.region
            && self.zone == other.zone
            && self.article_pending == other.article_pending
    }
}

/// What the store did with an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Updated,
    Unchanged,
}

/// Health and bookkeeping of one source, kept in the store across restarts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceState {
    pub last_poll: Option<DateTime<Utc>>,
    pub last_ok: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_status: Option<u16>,
    pub consecutive_failures: u32,
    pub next_poll: Option<DateTime<Utc>>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Entries in the last successful document.
    pub last_entries: usize,
    /// Until when the server asked us to stay away (429/503 Retry-After).
    #[serde(default)]
    pub retry_until: Option<DateTime<Utc>>,
    /// Successful polls in a row that yielded no entries after the source had some.
    #[serde(default)]
    pub empty_polls: u32,
    /// Where a permanent redirect (301/308) now sends us; the config should be updated.
    #[serde(default)]
    pub redirected_to: Option<String>,
    #[serde(default)]
    pub last_bytes: usize,
    #[serde(default)]
    pub last_duration_ms: u64,
    #[serde(default)]
    pub polls: u64,
    #[serde(default)]
    pub not_modified: u64,
    /// Zone names pages gave that match no configured zone (latest first, a few).
    #[serde(default)]
    pub unknown_zones: Vec<String>,
}

/// Polls in a row that yield nothing before a source that had items is flagged.
pub(crate) const EMPTY_POLLS_FLAG: u32 = 3;

// How a poll changes the state (begin_poll, succeeded, failed, ...) is in poll/state.rs.
impl SourceState {
    /// Failing and waiting for its backoff or Retry-After to pass.
    pub(crate) fn backing_off(&self, now: DateTime<Utc>) -> bool {
        let waiting = self.next_poll.is_some_and(|t| t > now);
        (self.consecutive_failures > 0 && waiting) || self.retry_until.is_some_and(|t| t > now)
    }

    /// Short words for `zonefeed sources`: redirected, empty, backing-off, failing.
    pub fn flags(&self, now: DateTime<Utc>) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.redirected_to.is_some() {
            f.push("redirected");
        }
        if self.empty_polls >= EMPTY_POLLS_FLAG {
            f.push("empty");
        }
        if self.backing_off(now) {
            f.push("backing-off");
        } else if self.consecutive_failures > 0 {
            f.push("failing");
        }
        f
    }
}

/// A subscription's delivery state, written as one record so that "mark sent" and
/// "advance the cursor" happen together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DigestState {
    /// Items first seen up to this sequence number have been considered (sent or filtered
    /// out). None until the first run, which starts it at the backfill window.
    pub cursor: Option<u64>,
    /// A digest recorded before sending and not yet accepted by the server: retried as is,
    /// with the same Message-ID, until it is.
    pub pending: Option<PendingDigest>,
    pub last_run: Option<DateTime<Utc>>,
    pub last_sent: Option<DateTime<Utc>>,
    pub failures: u32,
    pub next_attempt: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingDigest {
    /// Without angle brackets.
    pub message_id: String,
    /// First-seen sequence numbers of the items in it, in display order.
    pub seqs: Vec<u64>,
    /// Matching items left out by `max_items`.
    pub more: usize,
    /// The cursor once this digest is accepted.
    pub cursor_to: u64,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub created: DateTime<Utc>,
}

/// One `[[alerts]]` entry's delivery state (store tree `alerts`).
///
/// Order of a round: the new items after `cursor` are read, their stories not yet marked
/// for this alert and matching its filters become `pending` messages with `pending_to`,
/// written and flushed before anything is sent; each message accepted is removed from
/// `pending` and its stories marked, flushed; when none is left the cursor moves to
/// `pending_to`. A crash re-sends at most the message in flight (same delivery id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertState {
    /// Items first seen up to this sequence number have been considered. None: not
    /// started (an alert starts from the items that arrive after it is configured).
    pub cursor: Option<u64>,
    #[serde(default)]
    pub pending: Vec<PendingAlert>,
    /// Where the cursor goes once `pending` is empty.
    #[serde(default)]
    pub pending_to: Option<u64>,
    #[serde(default)]
    pub failures: u32,
    #[serde(default)]
    pub next_attempt: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(default)]
    pub last_sent: Option<DateTime<Utc>>,
    /// Messages accepted, and the stories they carried.
    #[serde(default)]
    pub sent: u64,
    #[serde(default)]
    pub stories_sent: u64,
    /// Attempts that failed (each retried).
    #[serde(default)]
    pub failed: u64,
}

/// A message recorded before it is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingAlert {
    /// Sent with the message (webhook header, ntfy id); the same on a re-send.
    pub delivery: String,
    /// The stories it carries: their ids (the first copy's item key, hex).
    pub stories: Vec<String>,
    /// Stories older than the alert's `max_age`: one summary, not a message each.
    #[serde(default)]
    pub summary: bool,
}

/// One publish target's delivery (`crate::target`): counters since it was configured,
/// the current run of failures and when the next attempt is due.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetState {
    /// Objects put, objects deleted, and their bytes.
    #[serde(default)]
    pub uploaded: u64,
    #[serde(default)]
    pub deleted: u64,
    #[serde(default)]
    pub bytes_uploaded: u64,
    /// Requests that failed (each retried), and how many rounds in a row failed now.
    #[serde(default)]
    pub failed: u64,
    #[serde(default)]
    pub failures: u32,
    #[serde(default)]
    pub last_ok: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(default)]
    pub next_attempt: Option<DateTime<Utc>>,
}

/// What a publish target holds of one file, as far as zonefeed knows: the content put
/// (SHA-256, hex), the ETag the target answered, and the local file's size and modification
/// time when it was hashed (a start-up scan re-hashes only files whose size or time differ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFile {
    pub sha256: String,
    pub size: u64,
    #[serde(default)]
    pub mtime_ns: i64,
    #[serde(default)]
    pub etag: Option<String>,
}

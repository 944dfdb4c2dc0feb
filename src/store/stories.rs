//! The story index: which items are copies of one story, kept in sled beside the items.
//!
//! Trees:
//! - `story_keys`: posting key (10 bytes: kind, band, hash; see
//!   [`crate::stories::posting_keys`]) -> entries of 24 bytes (item key, then its date as
//!   sortable time): the items a later copy may be found through;
//! - `story_of`: item key -> story id (the item key of the story's first copy), only for
//!   items that joined another item's story;
//! - `stories`: story id -> [`StoryRecord`] as JSON, only for stories of two copies or more.
//!
//! An item with neither is a story of its own, whose id is its own key: a store written
//! before stories existed (or with them off) reads as one story per item.
//!
//! Invariants:
//! - filing an item, its postings and its story are written in the item's transaction
//!   ([`file_item`] runs inside [`Store::upsert_with`]), so a crash never leaves an item
//!   without its postings or a story naming an item that is not stored;
//! - a story's id never changes: copies join the story of the copy they match, stories are
//!   never merged or split, and the first copy (lowest sequence number) stays first;
//! - the work per new item is bounded: at most [`MAX_POSTING`] entries per posting list and
//!   [`MAX_CANDIDATES`] items compared, whatever the size of the store.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::feature_cache::FeatureCache;
use super::{ItemKey, Selector, Store, time_bytes};
use crate::model::Item;
use crate::stories::{Features, Reason, Rules, Verdict, compare, posting_keys};

/// Entries kept per posting list. A list this long is a bucket that boilerplate fills (a
/// site's footer in every body): its oldest entries go, which bounds the work per item.
pub(crate) const MAX_POSTING: usize = 48;
/// Items compared with a new one at most, those sharing the most keys first.
pub(crate) const MAX_CANDIDATES: usize = 16;
const ENTRY: usize = 24;
/// Band hits an item found through bands alone needs to be compared (a shared title or
/// link weighs more than any number of bands).
const MIN_BAND_HITS: u32 = 2;

/// One copy of a story, as the story record lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyRef {
    /// The item's store key, hex.
    pub key: String,
    pub seq: u64,
    pub source: String,
    pub id: String,
    pub published: DateTime<Utc>,
    pub region: String,
    pub zone: Option<String>,
    /// Why it joined (link, title, text); None for the first copy.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A story of two or more copies, first copy first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    pub copies: Vec<CopyRef>,
}

impl CopyRef {
    fn of(key: &ItemKey, item: &Item, reason: Option<Reason>) -> CopyRef {
        CopyRef {
            key: crate::parse::hex(key),
            seq: item.seq,
            source: item.source.clone(),
            id: item.id.clone(),
            published: item.published,
            region: item.region.clone(),
            zone: item.zone.clone(),
            reason: reason.map(|r| r.as_str().to_string()),
        }
    }

    pub(crate) fn item_key(&self) -> Option<ItemKey> {
        key_from_hex(&self.key)
    }
}

pub(crate) fn key_from_hex(s: &str) -> Option<ItemKey> {
    let b = s.as_bytes();
    if b.len() != 32 {
        return None;
    }
    let mut k = [0u8; 16];
    for (i, out) in k.iter_mut().enumerate() {
        let hi = (b[2 * i] as char).to_digit(16)?;
        let lo = (b[2 * i + 1] as char).to_digit(16)?;
        *out = (hi * 16 + lo) as u8;
    }
    Some(k)
}

/// The trees a filing writes, inside the item transaction.
pub(super) struct StoryTx<'t> {
    pub items: &'t TransactionalTree,
    pub keys: &'t TransactionalTree,
    pub story_of: &'t TransactionalTree,
    pub stories: &'t TransactionalTree,
    pub cache: &'t FeatureCache,
}

type TxResult<T> = Result<T, ConflictableTransactionError<sled::Error>>;

/// Reads of the story trees, inside the item transaction or (for dry runs) outside it.
pub(super) trait StoryReads {
    fn item_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>>;
    fn posting(&self, key: &[u8]) -> TxResult<Option<sled::IVec>>;
    fn story_of_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>>;
    fn story_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>>;

    /// The story features of a stored item (None when it is not stored).
    fn features(&self, key: &ItemKey, rules: &Rules) -> TxResult<Option<Arc<Features>>> {
        Ok(read_item(self, key)?.map(|i| Arc::new(Features::of(&i, &rules.lexicon))))
    }
}

impl StoryReads for StoryTx<'_> {
    fn item_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.items.get(key)?)
    }
    fn features(&self, key: &ItemKey, rules: &Rules) -> TxResult<Option<Arc<Features>>> {
        if let Some(f) = self.cache.get(rules.id, key) {
            return Ok(Some(f));
        }
        let Some(item) = read_item(self, key)? else {
            return Ok(None);
        };
        let f = Arc::new(Features::of(&item, &rules.lexicon));
        self.cache.put(rules.id, key, f.clone());
        Ok(Some(f))
    }
    fn posting(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.keys.get(key)?)
    }
    fn story_of_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.story_of.get(key)?)
    }
    fn story_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.stories.get(key)?)
    }
}

impl StoryReads for Store {
    fn item_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.items.get(key)?)
    }
    fn posting(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.story_keys.get(key)?)
    }
    fn story_of_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.story_of.get(key)?)
    }
    fn story_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.stories.get(key)?)
    }
}

/// A posting entry's time as microseconds since the epoch (see `time_bytes`).
fn micros(t: [u8; 8]) -> i64 {
    (u64::from_be_bytes(t) ^ (1 << 63)) as i64
}

fn abort(msg: String) -> ConflictableTransactionError<sled::Error> {
    ConflictableTransactionError::Abort(sled::Error::Unsupported(msg))
}

/// Files a new item: finds the story it joins (if any), records it there, and adds it to
/// its posting lists. `features` are the item's own. Returns the story it joined.
pub(super) fn file_item(
    tx: &StoryTx<'_>,
    key: &ItemKey,
    item: &Item,
    features: &Features,
    rules: &Rules,
    now: DateTime<Utc>,
) -> TxResult<Option<ItemKey>> {
    // The keys once: each is a MinHash of the whole body.
    let keys = posting_keys(features);
    let joined = match find_story(tx, key, features, &keys, rules)? {
        Some((sid, reason)) => {
            join(tx, &sid, key, item, reason)?;
            Some(sid)
        }
        None => None,
    };
    for pk in keys {
        add_posting(tx.keys, &pk, key, features.published, rules, now)?;
    }
    Ok(joined)
}

/// Refiles a changed item: its postings follow its new text; its copy in a story follows
/// its new date and place; an item still alone may now join a story (an article whose text
/// arrived on a later poll).
pub(super) fn refile_item(
    tx: &StoryTx<'_>,
    key: &ItemKey,
    old: &Item,
    item: &Item,
    rules: &Rules,
    now: DateTime<Utc>,
) -> TxResult<()> {
    let old_f = Features::of(old, &rules.lexicon);
    let new_f = Features::of(item, &rules.lexicon);
    let new_keys = posting_keys(&new_f);
    for pk in posting_keys(&old_f) {
        remove_posting(tx.keys, &pk, key)?;
    }
    let sid = story_id_tx(tx, key)?;
    match read_record(tx, &sid)? {
        Some(mut record) => {
            let hex = crate::parse::hex(key);
            for c in record.copies.iter_mut().filter(|c| c.key == hex) {
                c.published = item.published;
                c.region = item.region.clone();
                c.zone = item.zone.clone();
            }
            write_record(tx.stories, &sid, &record)?;
        }
        None => {
            if let Some((sid, reason)) = find_story(tx, key, &new_f, &new_keys, rules)? {
                join(tx, &sid, key, item, reason)?;
            }
        }
    }
    for pk in new_keys {
        add_posting(tx.keys, &pk, key, new_f.published, rules, now)?;
    }
    Ok(())
}

fn story_id_tx(tx: &impl StoryReads, key: &ItemKey) -> TxResult<ItemKey> {
    Ok(tx
        .story_of_bytes(key)?
        .and_then(|v| <ItemKey>::try_from(v.as_ref()).ok())
        .unwrap_or(*key))
}

fn read_record(tx: &impl StoryReads, sid: &ItemKey) -> TxResult<Option<StoryRecord>> {
    match tx.story_bytes(sid)? {
        Some(v) => Ok(serde_json::from_slice(&v).ok()),
        None => Ok(None),
    }
}

fn write_record(stories: &TransactionalTree, sid: &ItemKey, r: &StoryRecord) -> TxResult<()> {
    let bytes = serde_json::to_vec(r).map_err(|e| abort(format!("cannot encode story: {e}")))?;
    stories.insert(sid, bytes)?;
    Ok(())
}

fn read_item(tx: &(impl StoryReads + ?Sized), key: &ItemKey) -> TxResult<Option<Item>> {
    Ok(tx
        .item_bytes(key)?
        .and_then(|v| serde_json::from_slice::<Item>(&v).ok()))
}

/// The story `features` belong to, among the items filed under the same keys within the
/// window: the best match by reason (link, then title, then text) and similarity.
fn find_story(
    tx: &impl StoryReads,
    key: &ItemKey,
    features: &Features,
    keys: &[[u8; 10]],
    rules: &Rules,
) -> TxResult<Option<(ItemKey, Reason)>> {
    let mut hits: HashMap<ItemKey, u32> = HashMap::new();
    // Times compared as microseconds, not as dates: decoding each entry's date was 7% of
    // a first poll of look-alike items (every posting list full).
    let published = features.published.timestamp_micros();
    let window = rules
        .window
        .num_microseconds()
        .unwrap_or(i64::MAX)
        .unsigned_abs();
    for pk in keys {
        // A shared link or title says more than one shared band.
        let weight = match pk[0] {
            b'l' => 1000,
            b't' => 100,
            _ => 1,
        };
        let Some(list) = tx.posting(pk)? else {
            continue;
        };
        for e in list.chunks_exact(ENTRY) {
            let (Ok(k), Ok(t)) = (<ItemKey>::try_from(&e[..16]), <[u8; 8]>::try_from(&e[16..]))
            else {
                continue;
            };
            if &k == key || micros(t).abs_diff(published) > window {
                continue;
            }
            *hits.entry(k).or_default() += weight;
        }
    }
    // One shared band of three minima is weak evidence (a body at Jaccard 0.3 shares one
    // with probability 0.58): items found only through bands need two. Bodies at 0.5 share
    // two or more with probability 0.91, copies (0.8 and above) nearly all 32. Measured on
    // the 100,000-item benchmark: most candidates were templated reports sharing one band,
    // each costing a read and a feature extraction (3 ms per new item).
    let mut ranked: Vec<(ItemKey, u32)> = hits
        .into_iter()
        .filter(|(_, h)| *h >= MIN_BAND_HITS)
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_CANDIDATES);
    let mut best: Option<(Reason, f64, ItemKey)> = None;
    for (cand, _) in ranked {
        let Some(other) = tx.features(&cand, rules)? else {
            continue;
        };
        let Verdict::Same(reason, sim) = compare(features, &other, rules.window) else {
            continue;
        };
        let sid = story_id_tx(tx, &cand)?;
        // Never one story across zones, whichever copy carries the other zone.
        if let (Some(z), Some(record)) = (&features.zone, read_record(tx, &sid)?)
            && record
                .copies
                .iter()
                .any(|c| c.zone.as_ref().is_some_and(|cz| cz != z))
        {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|(r, s, _)| (reason, sim) > (*r, *s));
        if better {
            best = Some((reason, sim, sid));
        }
    }
    Ok(best.map(|(r, _, sid)| (sid, r)))
}

fn join(
    tx: &StoryTx<'_>,
    sid: &ItemKey,
    key: &ItemKey,
    item: &Item,
    reason: Reason,
) -> TxResult<()> {
    let mut record = match read_record(tx, sid)? {
        Some(r) => r,
        None => {
            let first = read_item(tx, sid)?
                .ok_or_else(|| abort("story's first copy is not stored".into()))?;
            StoryRecord {
                copies: vec![CopyRef::of(sid, &first, None)],
            }
        }
    };
    let hex = crate::parse::hex(key);
    if !record.copies.iter().any(|c| c.key == hex) {
        record.copies.push(CopyRef::of(key, item, Some(reason)));
        record.copies.sort_by_key(|c| c.seq);
    }
    write_record(tx.stories, sid, &record)?;
    tx.story_of.insert(key, sid)?;
    Ok(())
}

/// Adds (or refreshes) the item in a posting list, dropping entries older than twice the
/// window and the oldest beyond [`MAX_POSTING`].
fn add_posting(
    keys: &TransactionalTree,
    pk: &[u8; 10],
    key: &ItemKey,
    published: DateTime<Utc>,
    rules: &Rules,
    now: DateTime<Utc>,
) -> TxResult<()> {
    let cutoff = (now - rules.window - rules.window).timestamp_micros();
    let old = keys.get(pk)?;
    let old = old.as_deref().unwrap_or(&[]);
    let mut list: Vec<u8> = Vec::with_capacity(old.len() + ENTRY);
    for e in old.chunks_exact(ENTRY) {
        let Ok(t) = <[u8; 8]>::try_from(&e[16..]) else {
            continue;
        };
        if &e[..16] != key.as_slice() && micros(t) >= cutoff {
            list.extend_from_slice(e);
        }
    }
    list.extend_from_slice(key);
    list.extend_from_slice(&time_bytes(published));
    let excess = (list.len() / ENTRY).saturating_sub(MAX_POSTING);
    keys.insert(pk.as_slice(), &list[excess * ENTRY..])?;
    Ok(())
}

fn remove_posting(keys: &TransactionalTree, pk: &[u8; 10], key: &ItemKey) -> TxResult<()> {
    let Some(old) = keys.get(pk)? else {
        return Ok(());
    };
    let list: Vec<u8> = old
        .chunks_exact(ENTRY)
        .filter(|e| &e[..16] != key.as_slice())
        .flatten()
        .copied()
        .collect();
    if list.is_empty() {
        keys.remove(pk.as_slice())?;
    } else if list.len() != old.len() {
        keys.insert(pk.as_slice(), list)?;
    }
    Ok(())
}

/// What a rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RebuildReport {
    pub items: usize,
    /// Stories of two copies or more.
    pub stories: usize,
    /// Items that joined another item's story.
    pub joined: usize,
}

/// Items refiled per transaction by a rebuild: large enough to amortise the commit, small
/// enough that a transaction's write set stays a few megabytes.
const REBUILD_BATCH: usize = 256;

impl Store {
    /// The story an item belongs to: the key of its first copy (its own key when alone).
    pub(crate) fn story_id(&self, key: &ItemKey) -> Result<ItemKey> {
        Ok(self
            .story_of
            .get(key)?
            .and_then(|v| <ItemKey>::try_from(v.as_ref()).ok())
            .unwrap_or(*key))
    }

    /// The story an item not yet stored would join, and why: the same search a new item's
    /// filing does, read-only (`zonefeed inspect --source`).
    pub fn story_for(&self, item: &Item, rules: &Rules) -> Result<Option<(ItemKey, Reason)>> {
        let key = super::item_key(&item.source, &item.id);
        let f = Features::of(item, &rules.lexicon);
        find_story(self, &key, &f, &posting_keys(&f), rules).map_err(|e| match e {
            ConflictableTransactionError::Abort(e) | ConflictableTransactionError::Storage(e) => {
                anyhow::anyhow!("story lookup failed: {e}")
            }
            ConflictableTransactionError::Conflict => anyhow::anyhow!("story lookup conflicted"),
        })
    }

    /// Where every other copy of the item's story is (region, zone); empty for an item alone.
    pub(crate) fn story_places(&self, item: &Item) -> Result<Vec<(String, Option<String>)>> {
        let sid = self.story_id(&super::item_key(&item.source, &item.id))?;
        Ok(self
            .story(&sid)?
            .map(|r| r.copies.into_iter().map(|c| (c.region, c.zone)).collect())
            .unwrap_or_default())
    }

    /// The story of a stored item: its id and record (None for an item alone).
    pub fn story_of_item(&self, source: &str, id: &str) -> Result<(ItemKey, Option<StoryRecord>)> {
        let sid = self.story_id(&super::item_key(source, id))?;
        Ok((sid, self.story(&sid)?))
    }

    /// The record of a story of two copies or more.
    pub fn story(&self, sid: &ItemKey) -> Result<Option<StoryRecord>> {
        match self.stories.get(sid)? {
            Some(v) => Ok(Some(serde_json::from_slice(&v).with_context(|| {
                format!("corrupt story record {}", crate::parse::hex(sid))
            })?)),
            None => Ok(None),
        }
    }

    /// The stories of the newest items of a selection, each once, newest first (a story
    /// stands where its newest copy in the selection stands), at most `limit`.
    pub(crate) fn newest_story_keys(
        &self,
        selector: &Selector,
        limit: usize,
    ) -> Result<Vec<ItemKey>> {
        self.newest_story_keys_cached(selector, limit, &mut HashMap::new())
    }

    /// [`Store::newest_story_keys`] with the story of each item looked up once per `cache`:
    /// an item is in `all`, its regions and its zone, rendered in one batch.
    pub(crate) fn newest_story_keys_cached(
        &self,
        selector: &Selector,
        limit: usize,
        cache: &mut HashMap<ItemKey, ItemKey>,
    ) -> Result<Vec<ItemKey>> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for key in self.keys_newest_first(selector) {
            if out.len() >= limit {
                break;
            }
            let key = key?;
            let sid = match cache.get(&key) {
                Some(sid) => *sid,
                None => {
                    let sid = self.story_id(&key)?;
                    cache.insert(key, sid);
                    sid
                }
            };
            if seen.insert(sid) {
                out.push(sid);
            }
        }
        Ok(out)
    }

    /// Makes the story index match `rules`: built (from every stored item) when stories are
    /// on and the index was built by other rules, or while they were off; marked stale when
    /// they are off. Cheap when nothing changed (one read).
    pub fn ensure_stories(&self, rules: Option<&Rules>) -> Result<Option<RebuildReport>> {
        let want: &[u8] = match rules {
            Some(_) => &crate::stories::RULES_VERSION.to_be_bytes(),
            None => b"off",
        };
        if self.meta.get(b"stories")?.as_deref() == Some(want) {
            return Ok(None);
        }
        match rules {
            None => {
                self.meta.insert(b"stories", want)?;
                Ok(None)
            }
            Some(r) => {
                let report = self.rebuild_stories(r)?;
                tracing::info!(
                    items = report.items,
                    stories = report.stories,
                    "story index built"
                );
                Ok(Some(report))
            }
        }
    }

    /// Rebuilds the story index from the stored items, in first-seen order, as if each
    /// arrived again (`zonefeed stories --rebuild`, after the rules change). The index is
    /// marked built only at the end: a rebuild cut short is done again at the next start.
    pub fn rebuild_stories(&self, rules: &Rules) -> Result<RebuildReport> {
        self.rebuild_stories_with(rules, |_| {})
    }

    /// [`Store::rebuild_stories`], calling `progress` with the number of items each batch
    /// filed (the terminal progress of `zonefeed stories --rebuild`).
    pub fn rebuild_stories_with(
        &self,
        rules: &Rules,
        mut progress: impl FnMut(usize),
    ) -> Result<RebuildReport> {
        self.meta.remove(b"stories")?;
        for t in [&self.story_keys, &self.story_of, &self.stories] {
            t.clear()?;
        }
        let mut report = RebuildReport::default();
        let mut after = 0u64;
        loop {
            let batch = self.seen_after(after, REBUILD_BATCH)?;
            let Some(last) = batch.last().map(|i| i.seq) else {
                break;
            };
            after = last;
            let prepared: Vec<(ItemKey, Features)> = batch
                .iter()
                .map(|i| {
                    (
                        super::item_key(&i.source, &i.id),
                        Features::of(i, &rules.lexicon),
                    )
                })
                .collect();
            let trees = (&self.items, &self.story_keys, &self.story_of, &self.stories);
            let joined = trees
                .transaction(|(items, keys, story_of, stories)| {
                    let tx = StoryTx {
                        items,
                        keys,
                        story_of,
                        stories,
                        cache: &self.feature_cache,
                    };
                    let mut joined = 0;
                    for (item, (key, f)) in batch.iter().zip(&prepared) {
                        if file_item(&tx, key, item, f, rules, item.first_seen)?.is_some() {
                            joined += 1;
                        }
                    }
                    Ok(joined)
                })
                .map_err(|e| match e {
                    TransactionError::Abort(e) | TransactionError::Storage(e) => {
                        anyhow::anyhow!("story index rebuild failed: {e}")
                    }
                })?;
            report.items += batch.len();
            report.joined += joined;
            progress(batch.len());
        }
        report.stories = self.stories.len();
        self.meta.insert(
            b"stories",
            crate::stories::RULES_VERSION.to_be_bytes().as_slice(),
        )?;
        self.db.flush()?;
        Ok(report)
    }
}

//! The sled database in `data_dir`: items, time-ordered indexes, per-source state.
//!
//! The only module that uses sled. Layout (all keys big-endian so byte order is time order):
//! - `items`:   item key (16 bytes) -> Item as JSON
//! - `index`:   kind byte + name + 0x00 + time (8) + item key -> ()
//!   kinds: `a` all, `r` region, `z` zone, `s` source
//! - `seen`:    first-seen sequence (8) -> item key (the digest cursor walks this)
//! - `sources`: source id -> SourceState as JSON
//! - `digests`: subscription id -> DigestState as JSON (cursor, pending digest)
//! - `unsubscribed`: subscription id + 0x00 + email -> time, as RFC 3339 text
//! - `meta`:    `hmac-key` -> 32 random bytes (signs unsubscribe links)
//! - `counts`:  `r`/`z` + region or zone id -> number of items there (u64), kept in the
//!   item transaction so index.html needs no scan of the index (`meta` `counts-v1` says
//!   they were built; a store from before is counted once at open)
//! - `dirty`:   item key -> mark (8-byte unique stamp, then the region and zone the item
//!   had before, if it moved): items stored or changed whose feeds are not yet rewritten
//!
//! One document's items go in one transaction over `items`, `index`, `seen` and `dirty`, so
//! a crash leaves either all of them or none, never an item without its index entries, and
//! never a stored item whose feeds nobody knows to rewrite: publishing happens after the
//! store write, and a crash between the two is repaired at the next start from `dirty`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use crate::model::{Change, DigestState, Item, SourceState};

pub type ItemKey = [u8; 16];

#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    items: sled::Tree,
    index: sled::Tree,
    seen: sled::Tree,
    sources: sled::Tree,
    digests: sled::Tree,
    unsubscribed: sled::Tree,
    meta: sled::Tree,
    dirty: sled::Tree,
    counts: sled::Tree,
    path: PathBuf,
    /// One flush at a time; see [`Store::flush`].
    flushing: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// [`Store::group_stats`] as last computed; see [`GroupCache`].
    group_cache: std::sync::Arc<std::sync::Mutex<GroupCache>>,
}

/// Each group's count and newest time, kept between publishes so that a publish after a
/// poll recomputes only the groups its items touched (a seek each) instead of all 2,800.
/// `upsert` marks groups stale after its transaction commits, under the lock, and
/// `group_stats` fills stale groups under the same lock: whichever order they run in, no
/// value read before a commit outlives that commit's invalidation.
#[derive(Default)]
struct GroupCache {
    /// Every group has been computed once.
    complete: bool,
    /// `None`: stale, recompute from the store.
    groups: std::collections::HashMap<Vec<u8>, Option<(usize, DateTime<Utc>)>>,
}

/// An item whose feeds are not yet rewritten ([`Store::dirty_marks`]).
#[derive(Debug, Clone)]
pub struct DirtyMark {
    key: Vec<u8>,
    mark: Vec<u8>,
    /// Where it was before it moved, if it did: those feeds must lose it.
    pub old_region: Option<String>,
    pub old_zone: Option<String>,
}

/// A selection of items for feeds and listings.
#[derive(Debug, Clone)]
pub enum Selector {
    All,
    /// Items of any of these regions (callers pass a region and its descendants).
    Regions(Vec<String>),
    Zone(String),
    Source(String),
}

/// The store's folder is locked by another process (sled admits one).
#[derive(Debug, thiserror::Error)]
#[error(
    "data_dir {} is in use by another zonefeed process (its lock is held); stop that process or use another data_dir",
    dir.display()
)]
pub struct InUse {
    pub dir: PathBuf,
}

/// Whether `e` says the store is held by another process.
pub fn is_in_use(e: &anyhow::Error) -> bool {
    e.downcast_ref::<InUse>().is_some()
}

impl Store {
    /// Opens (or creates) the store. A folder held by another process is a clear error.
    pub fn open(dir: &Path) -> Result<Store> {
        create_private_dir(dir)
            .with_context(|| format!("cannot create data_dir {}", dir.display()))?;
        // sled lets go of its lock only after its background flusher has stopped, a moment
        // after the last handle is dropped; a process that stops the daemon and then runs a
        // command (or a test) would otherwise be refused. Wait briefly before saying "in use".
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let db = loop {
            // sled's page cache defaults to 1 GB and fills with what polls touch; the
            // daemon should idle small (measured: 188 MB -> see BENCHMARKS.md).
            match sled::Config::new()
                .path(dir)
                .mode(sled::Mode::HighThroughput)
                .cache_capacity(16 << 20)
                .open()
            {
                Ok(db) => break db,
                Err(e) => {
                    let msg = e.to_string();
                    if !msg.contains("could not acquire lock") {
                        anyhow::bail!("cannot open store in {}: {msg}", dir.display());
                    }
                    if std::time::Instant::now() >= deadline {
                        return Err(InUse {
                            dir: dir.to_path_buf(),
                        }
                        .into());
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
        };
        let tree = |name: &str| {
            db.open_tree(name)
                .with_context(|| format!("cannot open tree {name} in {}", dir.display()))
        };
        Store {
            items: tree("items")?,
            index: tree("index")?,
            seen: tree("seen")?,
            sources: tree("sources")?,
            digests: tree("digests")?,
            unsubscribed: tree("unsubscribed")?,
            meta: tree("meta")?,
            dirty: tree("dirty")?,
            counts: tree("counts")?,
            flushing: std::sync::Arc::default(),
            group_cache: std::sync::Arc::default(),
            db,
            path: dir.to_path_buf(),
        }
        .with_counts()
    }

    /// Builds the `counts` tree of a store written before it existed (one scan, once).
    fn with_counts(self) -> Result<Store> {
        if self.meta.get(b"counts-v1")?.is_some() {
            return Ok(self);
        }
        self.counts.clear()?;
        for kind in [b'r', b'z'] {
            let mut current: Option<(Vec<u8>, u64)> = None;
            for key in self.index.scan_prefix([kind]).keys() {
                let key = key?;
                let Some(nul) = key.iter().position(|b| *b == 0) else {
                    continue;
                };
                let group = &key[..nul];
                match &mut current {
                    Some((g, n)) if g.as_slice() == group => *n += 1,
                    _ => {
                        if let Some((g, n)) = current.take() {
                            self.counts.insert(g, &n.to_be_bytes())?;
                        }
                        current = Some((group.to_vec(), 1));
                    }
                }
            }
            if let Some((g, n)) = current {
                self.counts.insert(g, &n.to_be_bytes())?;
            }
        }
        self.meta.insert(b"counts-v1", &[1u8])?;
        self.db.flush()?;
        Ok(self)
    }

    /// Makes everything written so far durable. Call before reporting success.
    ///
    /// sled 0.34's `flush_async` runs on sled's own small thread pool and waits there for
    /// log writes that need that same pool: 200 polls flushing at once deadlocked the process.
    /// So flushes are serialised here (a queued flush finds little left to do) and run as
    /// a plain `flush()` on tokio's blocking pool, leaving sled's pool free for its writes.
    pub async fn flush(&self) -> Result<()> {
        let _one_at_a_time = self.flushing.lock().await;
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || db.flush())
            .await
            .context("flush task failed")?
            .with_context(|| format!("cannot flush store in {}", self.path.display()))?;
        Ok(())
    }

    /// Inserts new items and updates changed ones, atomically for the whole batch.
    /// `first_seen` and `seq` of the given items are ignored: new items get now and the
    /// next sequence number, existing ones keep theirs.
    pub fn upsert(&self, batch: &[Item], now: DateTime<Utc>) -> Result<Vec<Change>> {
        let trees = (
            &self.items,
            &self.index,
            &self.seen,
            &self.dirty,
            &self.counts,
        );
        // Groups whose newest time or count may change; refilled on every attempt (sled may
        // run the closure again after a conflict).
        let touched: std::cell::RefCell<HashSet<Vec<u8>>> = Default::default();
        let result = trees.transaction(|(items, index, seen, dirty, counts)| {
            touched.borrow_mut().clear();
            let mut changes = Vec::with_capacity(batch.len());
            for incoming in batch {
                let key = item_key(&incoming.source, &incoming.id);
                let old: Option<Item> = match items.get(key)? {
                    Some(bytes) => serde_json::from_slice(&bytes).ok(),
                    None => None,
                };
                let change = match &old {
                    None => {
                        let mut item = incoming.clone();
                        item.first_seen = now;
                        // Sequences start at 1 so that cursor 0 means "nothing sent yet".
                        item.seq = items.generate_id()? + 1;
                        put_item(items, index, &key, &item)?;
                        seen.insert(&item.seq.to_be_bytes(), &key)?;
                        mark_dirty(dirty, &key, None)?;
                        count(counts, &item, 1)?;
                        touched.borrow_mut().extend(groups_of(&item));
                        Change::New
                    }
                    Some(old) => {
                        let mut item = incoming.clone();
                        item.first_seen = old.first_seen;
                        item.seq = old.seq;
                        // An item that had no date keeps its first-seen stamp, not a new now.
                        if item.date_estimated && old.date_estimated {
                            item.published = old.published;
                        }
                        if old.same_content(&item) {
                            Change::Unchanged
                        } else {
                            for k in index_keys(old, &key) {
                                index.remove(k)?;
                            }
                            put_item(items, index, &key, &item)?;
                            let moved =
                                (old.region != item.region || old.zone != item.zone).then_some(old);
                            if moved.is_some() {
                                count(counts, old, -1)?;
                                count(counts, &item, 1)?;
                            }
                            touched.borrow_mut().extend(groups_of(&item));
                            touched.borrow_mut().extend(groups_of(old));
                            mark_dirty(dirty, &key, moved)?;
                            Change::Updated
                        }
                    }
                };
                changes.push(change);
            }
            Ok(changes)
        });
        let touched = touched.into_inner();
        if !touched.is_empty() {
            // Whether the transaction committed or failed: a stale mark costs one seek.
            let mut cache = self.lock_group_cache();
            for g in touched {
                cache.groups.insert(g, None);
            }
        }
        match result {
            Ok(c) => Ok(c),
            Err(TransactionError::Abort(e)) | Err(TransactionError::Storage(e)) => {
                Err(anyhow::anyhow!("store write failed: {e}"))
            }
        }
    }

    fn lock_group_cache(&self) -> std::sync::MutexGuard<'_, GroupCache> {
        // The cache holds no invariant a panicking holder could break half-way: every entry
        // is either a computed value or stale.
        self.group_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Items whose feeds still need rewriting (see the `dirty` tree), each with where it
    /// was before if it moved. Publishers read these, rewrite, then [`Store::clear_dirty`].
    pub fn dirty_marks(&self) -> Result<Vec<DirtyMark>> {
        let mut marks = Vec::new();
        for kv in self.dirty.iter() {
            let (key, mark) = kv?;
            let (old_region, old_zone) = match mark.get(8..) {
                Some(rest) if !rest.is_empty() => {
                    let text = String::from_utf8_lossy(rest);
                    let (r, z) = text.split_once('\0').unwrap_or((&text, ""));
                    (Some(r.to_string()), (!z.is_empty()).then(|| z.to_string()))
                }
                _ => (None, None),
            };
            marks.push(DirtyMark {
                key: key.to_vec(),
                mark: mark.to_vec(),
                old_region,
                old_zone,
            });
        }
        Ok(marks)
    }

    /// The marked item as it is now (None if it has since gone from the store). Read on
    /// demand: a full regeneration only clears marks and needs no item.
    pub fn dirty_item(&self, mark: &DirtyMark) -> Result<Option<Item>> {
        self.get_by_key(&mark.key)
    }

    /// Forgets marks once their feeds are rewritten; a mark set again meanwhile (the item
    /// changed once more) has a new stamp and stays.
    pub fn clear_dirty(&self, marks: &[DirtyMark]) -> Result<()> {
        for m in marks {
            let _ = self
                .dirty
                .compare_and_swap(&m.key, Some(m.mark.as_slice()), None::<&[u8]>)?;
        }
        Ok(())
    }

    pub fn get(&self, source: &str, id: &str) -> Result<Option<Item>> {
        self.get_by_key(&item_key(source, id))
    }

    fn get_by_key(&self, key: &[u8]) -> Result<Option<Item>> {
        match self.items.get(key)? {
            Some(bytes) => Ok(Some(serde_json::from_slice(&bytes).with_context(|| {
                format!("corrupt item record {}", crate::parse::hex(key))
            })?)),
            None => Ok(None),
        }
    }

    /// Newest items first (by item date), at most `limit`, that pass `keep`.
    pub fn newest(
        &self,
        selector: &Selector,
        limit: usize,
        keep: impl Fn(&Item) -> bool,
    ) -> Result<Vec<Item>> {
        let mut out = Vec::new();
        for key in self.keys_newest_first(selector) {
            if out.len() >= limit {
                break;
            }
            if let Some(item) = self.get_by_key(&key?)?
                && keep(&item)
            {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// The keys of the newest `limit` items of a selection, newest first, read from the
    /// index alone: callers that fetch many feeds' items sort the keys of all of them and
    /// read them in key order ([`Store::items_by_keys`]), one pass over the item pages
    /// instead of a random read per item.
    pub fn newest_keys(&self, selector: &Selector, limit: usize) -> Result<Vec<ItemKey>> {
        self.keys_newest_first(selector).take(limit).collect()
    }

    /// Items by key, read in key order; keys with no item are left out.
    pub fn items_by_keys(
        &self,
        keys: &[ItemKey],
    ) -> Result<std::collections::HashMap<ItemKey, Item>> {
        let mut sorted: Vec<&ItemKey> = keys.iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut out = std::collections::HashMap::with_capacity(sorted.len());
        for key in sorted {
            if let Some(item) = self.get_by_key(key)? {
                out.insert(*key, item);
            }
        }
        Ok(out)
    }

    /// Item keys of a selection, newest first: a k-way merge of reverse index scans, one
    /// per prefix, each key once.
    fn keys_newest_first<'a>(
        &'a self,
        selector: &Selector,
    ) -> impl Iterator<Item = Result<ItemKey>> + 'a {
        let prefixes: Vec<Vec<u8>> = match selector {
            Selector::All => vec![prefix(b'a', "")],
            Selector::Regions(rs) => rs.iter().map(|r| prefix(b'r', r)).collect(),
            Selector::Zone(z) => vec![prefix(b'z', z)],
            Selector::Source(s) => vec![prefix(b's', s)],
        };
        let mut iters: Vec<_> = prefixes
            .iter()
            .map(|p| (p.len(), self.index.scan_prefix(p).keys().rev().peekable()))
            .collect();
        let mut seen_keys: HashSet<ItemKey> = HashSet::new();
        std::iter::from_fn(move || {
            loop {
                // The head with the greatest time + key tail is the newest.
                let mut best: Option<(usize, usize, sled::IVec)> = None;
                for (i, (plen, it)) in iters.iter_mut().enumerate() {
                    match it.peek() {
                        Some(Ok(k)) => {
                            let newer = best
                                .as_ref()
                                .is_none_or(|(_, bp, b)| k.get(*plen..) > b.get(*bp..));
                            if newer {
                                best = Some((i, *plen, k.clone()));
                            }
                        }
                        Some(Err(_)) => {
                            if let Some(Err(e)) = it.next() {
                                return Some(Err(e.into()));
                            }
                        }
                        None => {}
                    }
                }
                let (i, plen, k) = best?;
                iters[i].1.next();
                let Some(key) = k
                    .get(plen + 8..plen + 24)
                    .and_then(|k| <ItemKey>::try_from(k).ok())
                else {
                    continue;
                };
                if seen_keys.insert(key) {
                    return Some(Ok(key));
                }
            }
        })
    }

    /// Item count and newest item time per region and per zone, in one pass over the
    /// indexes (the directory page needs them for every region and zone; one prefix scan
    /// each was 2,800 scans per publish).
    pub fn group_stats(&self) -> Result<GroupStats> {
        let mut cache = self.lock_group_cache();
        if !cache.complete {
            let mut groups = std::collections::HashMap::new();
            for kv in self.counts.iter() {
                let (group, _) = kv?;
                let value = self.group_stat(&group)?;
                groups.insert(group.to_vec(), value);
            }
            cache.groups = groups;
            cache.complete = true;
        } else {
            for (group, value) in cache.groups.iter_mut() {
                if value.is_none() {
                    *value = self.group_stat(group)?;
                }
            }
        }
        let mut stats = GroupStats::default();
        for (group, value) in &cache.groups {
            let (Some((&kind, name)), Some(v)) = (group.split_first(), value) else {
                continue;
            };
            let map = match kind {
                b'r' => &mut stats.regions,
                b'z' => &mut stats.zones,
                _ => continue,
            };
            map.insert(String::from_utf8_lossy(name).into_owned(), *v);
        }
        Ok(stats)
    }

    /// One group's count (from `counts`) and newest time (the last index key of the group:
    /// keys sort by time, so one seek); `None` for an empty group.
    fn group_stat(&self, group: &[u8]) -> Result<Option<(usize, DateTime<Utc>)>> {
        let Some((&kind, name)) = group.split_first() else {
            return Ok(None);
        };
        let n = self
            .counts
            .get(group)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0) as usize;
        if n == 0 {
            return Ok(None);
        }
        let mut p = Vec::with_capacity(group.len() + 1);
        p.push(kind);
        p.extend_from_slice(name);
        p.push(0);
        let newest = self
            .index
            .scan_prefix(p)
            .keys()
            .next_back()
            .transpose()?
            .and_then(|k| {
                k.get(group.len() + 1..group.len() + 9)
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
            })
            .map(time_from_bytes);
        Ok(newest.map(|t| (n, t)))
    }

    /// How many items a selection holds.
    pub fn count(&self, selector: &Selector) -> usize {
        match selector {
            Selector::All => self.items.len(),
            Selector::Regions(rs) => rs
                .iter()
                .map(|r| self.index.scan_prefix(prefix(b'r', r)).count())
                .sum(),
            Selector::Zone(z) => self.index.scan_prefix(prefix(b'z', z)).count(),
            Selector::Source(s) => self.index.scan_prefix(prefix(b's', s)).count(),
        }
    }

    /// Items in first-seen order after `after_seq` (exclusive), up to `limit`.
    pub fn seen_after(&self, after_seq: u64, limit: usize) -> Result<Vec<Item>> {
        let start = after_seq.saturating_add(1).to_be_bytes();
        let mut out = Vec::new();
        for kv in self.seen.range(start..) {
            let (_, key) = kv?;
            if let Some(item) = self.get_by_key(&key)? {
                out.push(item);
            }
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// The highest first-seen sequence number whose item was first seen before `t`
    /// (0 when none): where a new subscription's cursor starts.
    pub fn seq_seen_before(&self, t: DateTime<Utc>) -> Result<u64> {
        // First-seen times grow with the sequence, so binary-search the sequence numbers:
        // one item read per step. (A walk back from the newest read every item of the
        // backfill window, for each new subscription: 4 million reads for 10,000.)
        let (Some((first, _)), Some((last, _))) = (self.seen.first()?, self.seen.last()?) else {
            return Ok(0);
        };
        let (mut lo, mut hi) = (seq_of(&first), seq_of(&last));
        // The smallest sequence number whose item was first seen at or after `t`.
        let mut bound: Option<u64> = None;
        while lo <= hi {
            let mid = lo + (hi - lo) / 2;
            match self.first_seen_from(mid, hi)? {
                Some((seq, seen_at)) if seen_at >= t => {
                    bound = Some(seq);
                    match mid.checked_sub(1) {
                        Some(h) => hi = h,
                        None => break,
                    }
                }
                Some((seq, _)) => lo = seq + 1,
                None => match mid.checked_sub(1) {
                    Some(h) => hi = h,
                    None => break,
                },
            }
        }
        match bound {
            None => Ok(seq_of(&last)),
            Some(b) => Ok(self
                .seen
                .range(..b.to_be_bytes())
                .next_back()
                .transpose()?
                .map_or(0, |(k, _)| seq_of(&k))),
        }
    }

    /// The first entry of `seen` with a sequence number in `from..=to` whose item exists:
    /// its sequence number and first-seen time.
    fn first_seen_from(&self, from: u64, to: u64) -> Result<Option<(u64, DateTime<Utc>)>> {
        for kv in self.seen.range(from.to_be_bytes()..=to.to_be_bytes()) {
            let (seq, key) = kv?;
            if let Some(item) = self.get_by_key(&key)? {
                return Ok(Some((seq_of(&seq), item.first_seen)));
            }
        }
        Ok(None)
    }

    /// Items by first-seen sequence numbers, in the given order (missing ones skipped).
    pub fn items_by_seqs(&self, seqs: &[u64]) -> Result<Vec<Item>> {
        let mut out = Vec::with_capacity(seqs.len());
        for s in seqs {
            if let Some(key) = self.seen.get(s.to_be_bytes())?
                && let Some(item) = self.get_by_key(&key)?
            {
                out.push(item);
            }
        }
        Ok(out)
    }

    pub fn digest_state(&self, id: &str) -> Result<DigestState> {
        match self.digests.get(id.as_bytes())? {
            Some(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("corrupt digest state for {id}")),
            None => Ok(DigestState::default()),
        }
    }

    /// Replaces a subscription's digest state in one write (cursor and pending together).
    pub fn set_digest_state(&self, id: &str, state: &DigestState) -> Result<()> {
        self.digests
            .insert(id.as_bytes(), serde_json::to_vec(state)?)?;
        Ok(())
    }

    pub fn unsubscribe(&self, id: &str, email: &str, at: DateTime<Utc>) -> Result<()> {
        self.unsubscribed
            .insert(unsub_key(id, email), at.to_rfc3339().as_bytes())?;
        Ok(())
    }

    pub fn unsubscribed_at(&self, id: &str, email: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .unsubscribed
            .get(unsub_key(id, email))?
            .and_then(|v| std::str::from_utf8(&v).ok().map(str::to_string))
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|d| d.with_timezone(&Utc)))
    }

    /// Undoes an unsubscribe (the admin's decision); true if there was one.
    pub fn resubscribe(&self, id: &str, email: &str) -> Result<bool> {
        Ok(self.unsubscribed.remove(unsub_key(id, email))?.is_some())
    }

    /// The key that signs unsubscribe links, made on first use and kept in the store.
    pub fn hmac_key(&self) -> Result<Vec<u8>> {
        if let Some(k) = self.meta.get(b"hmac-key")? {
            return Ok(k.to_vec());
        }
        let mut key = vec![0u8; 32];
        getrandom::getrandom(&mut key)
            .map_err(|e| anyhow::anyhow!("no randomness for the signing key: {e}"))?;
        // Another writer may have won the race; keep whichever landed first.
        match self.meta.compare_and_swap(
            b"hmac-key",
            None as Option<&[u8]>,
            Some(key.as_slice()),
        )? {
            Ok(()) => Ok(key),
            Err(cas) => Ok(cas.current.map(|v| v.to_vec()).unwrap_or(key)),
        }
    }

    pub fn source_state(&self, id: &str) -> Result<SourceState> {
        match self.sources.get(id.as_bytes())? {
            Some(bytes) => Ok(serde_json::from_slice(&bytes).unwrap_or_default()),
            None => Ok(SourceState::default()),
        }
    }

    pub fn set_source_state(&self, id: &str, state: &SourceState) -> Result<()> {
        let bytes = serde_json::to_vec(state)?;
        self.sources.insert(id.as_bytes(), bytes)?;
        Ok(())
    }
}

fn unsub_key(id: &str, email: &str) -> Vec<u8> {
    let mut k = id.as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(email.to_ascii_lowercase().as_bytes());
    k
}

fn seq_of(bytes: &[u8]) -> u64 {
    <[u8; 8]>::try_from(bytes)
        .map(u64::from_be_bytes)
        .unwrap_or(0)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// The item's key: a digest of source and id, so keys are fixed-size whatever the guid.
pub fn item_key(source: &str, id: &str) -> ItemKey {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    h.update([0]);
    h.update(id.as_bytes());
    let d = h.finalize();
    let mut k = [0u8; 16];
    k.copy_from_slice(&d[..16]);
    k
}

fn prefix(kind: u8, name: &str) -> Vec<u8> {
    let mut p = Vec::with_capacity(name.len() + 2);
    p.push(kind);
    p.extend_from_slice(name.as_bytes());
    p.push(0);
    p
}

/// Per-group item counts and newest item times (see [`Store::group_stats`]).
#[derive(Debug, Default, Clone)]
pub struct GroupStats {
    pub regions: std::collections::HashMap<String, (usize, DateTime<Utc>)>,
    pub zones: std::collections::HashMap<String, (usize, DateTime<Utc>)>,
}

fn time_from_bytes(b: [u8; 8]) -> DateTime<Utc> {
    let micros = (u64::from_be_bytes(b) ^ (1 << 63)) as i64;
    DateTime::from_timestamp_micros(micros).unwrap_or_default()
}

/// Sortable time: microseconds with the sign bit flipped, big-endian.
fn time_bytes(t: DateTime<Utc>) -> [u8; 8] {
    ((t.timestamp_micros() as u64) ^ (1 << 63)).to_be_bytes()
}

fn index_keys(item: &Item, key: &ItemKey) -> Vec<Vec<u8>> {
    let t = time_bytes(item.published);
    let mut names: Vec<(u8, &str)> = vec![
        (b'a', ""),
        (b'r', item.region.as_str()),
        (b's', item.source.as_str()),
    ];
    if let Some(z) = &item.zone {
        names.push((b'z', z.as_str()));
    }
    names
        .into_iter()
        .map(|(kind, name)| {
            let mut k = prefix(kind, name);
            k.extend_from_slice(&t);
            k.extend_from_slice(key);
            k
        })
        .collect()
}

/// The `counts` keys of the item's region and zone.
fn groups_of(item: &Item) -> Vec<Vec<u8>> {
    let mut groups = vec![prefix_group(b'r', &item.region)];
    if let Some(z) = &item.zone {
        groups.push(prefix_group(b'z', z));
    }
    groups
}

/// Adds `delta` to the counts of the item's region and zone.
fn count(
    counts: &TransactionalTree,
    item: &Item,
    delta: i64,
) -> Result<(), ConflictableTransactionError<sled::Error>> {
    for g in groups_of(item) {
        let n = counts
            .get(&g)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0);
        let n = n.saturating_add_signed(delta);
        counts.insert(g, &n.to_be_bytes())?;
    }
    Ok(())
}

/// `kind` + name, without the index's 0x00 separator (the key in `counts`).
fn prefix_group(kind: u8, name: &str) -> Vec<u8> {
    let mut p = Vec::with_capacity(name.len() + 1);
    p.push(kind);
    p.extend_from_slice(name.as_bytes());
    p
}

fn mark_dirty(
    dirty: &TransactionalTree,
    key: &[u8],
    moved_from: Option<&Item>,
) -> Result<(), ConflictableTransactionError<sled::Error>> {
    let mut mark = dirty.generate_id()?.to_be_bytes().to_vec();
    if let Some(old) = moved_from {
        mark.extend_from_slice(old.region.as_bytes());
        mark.push(0);
        mark.extend_from_slice(old.zone.as_deref().unwrap_or("").as_bytes());
    }
    dirty.insert(key, mark)?;
    Ok(())
}

fn put_item(
    items: &TransactionalTree,
    index: &TransactionalTree,
    key: &ItemKey,
    item: &Item,
) -> Result<(), ConflictableTransactionError<sled::Error>> {
    let bytes = serde_json::to_vec(item).map_err(|e| {
        ConflictableTransactionError::Abort(sled::Error::Unsupported(format!(
            "cannot encode item: {e}"
        )))
    })?;
    items.insert(key, bytes)?;
    for k in index_keys(item, key) {
        index.insert(k, &[])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IdKind;

    fn item(source: &str, id: &str, region: &str, zone: Option<&str>, day: u32) -> Item {
        let t = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T08:00:00+08:00"))
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        Item {
            id: id.into(),
            id_kind: IdKind::Guid,
            source: source.into(),
            title: format!("标题 {id}"),
            link: Some(format!("http://x.cn/{id}")),
            published: t,
            date_estimated: false,
            updated: None,
            summary: None,
            content: None,
            author: None,
            categories: vec![],
            region: region.into(),
            zone: zone.map(String::from),
            first_seen: t,
            seq: 0,
            article_pending: false,
        }
    }

    /// New and changed items are marked in the same transaction that stores them; marks
    /// survive reopening, name where a moved item was, and are cleared only as read.
    #[test]
    fn unpublished_items_are_marked_until_cleared() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let now = Utc::now();
        {
            let store = Store::open(dir.path())?;
            let batch = vec![
                item("s1", "a", "nantong", Some("nt"), 1),
                item("s1", "b", "nantong", None, 3),
            ];
            store.upsert(&batch, now)?;
            store.db.flush()?;
        } // as if killed before publishing
        let store = Store::open(dir.path())?;
        let marks = store.dirty_marks()?;
        let items: Vec<Item> = marks
            .iter()
            .filter_map(|m| store.dirty_item(m).ok().flatten())
            .collect();
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&"a") && ids.contains(&"b"));
        assert!(marks.iter().all(|m| m.old_region.is_none()));

        // Unchanged items are not marked again.
        store.clear_dirty(&marks)?;
        store.upsert(&[item("s1", "a", "nantong", Some("nt"), 1)], now)?;
        assert!(store.dirty_marks()?.is_empty());

        // A move records where the item was; a change after the marks were read keeps
        // its (new) mark when the old ones are cleared.
        let mut moved = item("s1", "a", "suzhou", Some("sip"), 1);
        moved.title = "移走".into();
        store.upsert(&[moved.clone()], now)?;
        let read = store.dirty_marks()?;
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].old_region.as_deref(), Some("nantong"));
        assert_eq!(read[0].old_zone.as_deref(), Some("nt"));
        moved.title = "又改了".into();
        store.upsert(&[moved], now)?;
        store.clear_dirty(&read)?;
        let left = store.dirty_marks()?;
        assert_eq!(left.len(), 1, "the newer mark stays");
        assert_eq!(
            store
                .dirty_item(&left[0])?
                .as_ref()
                .map(|i| i.title.as_str()),
            Some("又改了")
        );
        store.clear_dirty(&left)?;
        assert!(store.dirty_marks()?.is_empty());
        Ok(())
    }

    /// The counts kept in the item transaction agree with counting the index, through
    /// moves between regions and zones, and are rebuilt for a store that predates them.
    #[test]
    fn cached_group_stats_match_a_fresh_computation_after_every_change() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let now = Utc::now();
        let fresh = |store: &Store| -> Result<Vec<(String, usize, DateTime<Utc>)>> {
            let uncached = Store {
                group_cache: std::sync::Arc::default(),
                ..store.clone()
            };
            flatten(&uncached.group_stats()?)
        };
        fn flatten(s: &GroupStats) -> Result<Vec<(String, usize, DateTime<Utc>)>> {
            let mut v: Vec<_> = s
                .regions
                .iter()
                .map(|(k, (n, t))| (format!("r {k}"), *n, *t))
                .chain(s.zones.iter().map(|(k, (n, t))| (format!("z {k}"), *n, *t)))
                .collect();
            v.sort();
            Ok(v)
        }
        let a = item("s", "a", "nantong", Some("nt"), 10);
        let b = item("s", "b", "nantong", Some("nt"), 12);
        store.upsert(&[a.clone(), b.clone()], now)?;
        assert_eq!(flatten(&store.group_stats()?)?, fresh(&store)?);
        let mut steps: Vec<Item> = Vec::new();
        // Newer item in a group; a group seen for the first time.
        steps.push(item("s", "c", "nantong", Some("nt"), 14));
        steps.push(item("s", "d", "suzhou", Some("sip"), 3));
        // The newest item of nt re-dated earlier: the group's newest time goes back.
        let mut c_back = item("s", "c", "nantong", Some("nt"), 1);
        c_back.title = "改期".into();
        steps.push(c_back);
        // The only item of sip moves away: sip disappears from the stats.
        let mut d_moved = item("s", "d", "wuxi", None, 3);
        d_moved.title = "移走".into();
        steps.push(d_moved);
        for step in steps {
            store.upsert(std::slice::from_ref(&step), now)?;
            assert_eq!(
                flatten(&store.group_stats()?)?,
                fresh(&store)?,
                "after {}",
                step.title
            );
        }
        let stats = store.group_stats()?;
        assert_eq!(stats.zones.get("nt").map(|s| s.1), Some(b.published));
        assert!(!stats.zones.contains_key("sip"));
        assert_eq!(stats.regions.get("wuxi").map(|s| s.0), Some(1));
        Ok(())
    }

    #[test]
    fn group_counts_follow_moves_and_are_rebuilt_for_old_stores() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let now = Utc::now();
        let check = |store: &Store| -> Result<()> {
            let stats = store.group_stats()?;
            for r in ["nantong", "suzhou", "wuxi"] {
                let n = store.count(&Selector::Regions(vec![r.into()]));
                assert_eq!(stats.regions.get(r).map(|s| s.0).unwrap_or(0), n, "{r}");
            }
            for z in ["nt", "sip"] {
                let n = store.count(&Selector::Zone(z.into()));
                assert_eq!(stats.zones.get(z).map(|s| s.0).unwrap_or(0), n, "{z}");
            }
            Ok(())
        };
        {
            let store = Store::open(dir.path())?;
            let batch: Vec<Item> = (0..30)
                .map(|i| {
                    let (r, z) = [
                        ("nantong", Some("nt")),
                        ("suzhou", Some("sip")),
                        ("wuxi", None),
                    ][i % 3];
                    item("s", &format!("i{i}"), r, z, 1 + (i % 20) as u32)
                })
                .collect();
            store.upsert(&batch, now)?;
            let mut moved = batch[0].clone();
            moved.region = "wuxi".into();
            moved.zone = None;
            moved.title = "moved".into();
            store.upsert(&[moved], now)?;
            check(&store)?;
            let stats = store.group_stats()?;
            assert_eq!(stats.regions.get("nantong").map(|s| s.0), Some(9));
            assert_eq!(stats.regions.get("wuxi").map(|s| s.0), Some(11));
            let newest = store.newest(&Selector::Regions(vec!["suzhou".into()]), 1, |_| true)?;
            assert_eq!(
                stats.regions.get("suzhou").map(|s| s.1),
                newest.first().map(|i| i.published)
            );
            // As if written by a version without counts.
            store.counts.clear()?;
            store.meta.remove(b"counts-v1")?;
            store.db.flush()?;
        }
        let store = Store::open(dir.path())?;
        check(&store)?;
        assert_eq!(
            store.group_stats()?.regions.get("wuxi").map(|s| s.0),
            Some(11)
        );
        Ok(())
    }

    /// The binary search agrees with walking every item, at every boundary.
    #[test]
    fn seq_seen_before_finds_the_last_item_seen_before_a_time() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        assert_eq!(store.seq_seen_before(Utc::now())?, 0, "empty store");
        let t0 = Utc::now();
        let at = |i: i64| t0 + chrono::Duration::seconds(10 * i);
        // 37 items stored at 23 distinct times, some batches of several.
        let mut n = 0;
        for batch in 0..23i64 {
            let size = 1 + (batch % 3) as usize;
            let items: Vec<Item> = (0..size)
                .map(|k| item("s", &format!("b{batch}-{k}"), "nantong", None, 1))
                .collect();
            n += size;
            store.upsert(&items, at(batch))?;
        }
        assert_eq!(store.count(&Selector::All), n);
        let linear = |t: DateTime<Utc>| -> Result<u64> {
            let mut best = 0;
            for kv in store.seen.iter() {
                let (seq, key) = kv?;
                if let Some(i) = store.get_by_key(&key)?
                    && i.first_seen < t
                {
                    best = seq_of(&seq);
                }
            }
            Ok(best)
        };
        for s in -2..50i64 {
            let t = t0 + chrono::Duration::seconds(5 * s);
            assert_eq!(store.seq_seen_before(t)?, linear(t)?, "t0 + {}s", 5 * s);
        }
        Ok(())
    }

    #[test]
    fn insert_dedupe_update_and_query() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let now = Utc::now();
        let batch = vec![
            item("s1", "a", "nantong", Some("nt"), 1),
            item("s1", "b", "nantong", None, 3),
            item("s2", "c", "suzhou", Some("sip"), 2),
        ];
        assert_eq!(store.upsert(&batch, now)?, vec![Change::New; 3]);
        assert_eq!(store.upsert(&batch, now)?, vec![Change::Unchanged; 3]);

        // A changed date moves the item in the indexes instead of duplicating it.
        let mut moved = batch[0].clone();
        moved.title = "新标题".into();
        moved.published = batch[1].published + chrono::Duration::days(1);
        assert_eq!(store.upsert(&[moved], now)?, vec![Change::Updated]);

        let all = store.newest(&Selector::All, 10, |_| true)?;
        let ids: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(all[0].title, "新标题");
        assert_eq!(store.count(&Selector::All), 3);

        let nt = store.newest(
            &Selector::Regions(vec!["nantong".into(), "suzhou".into()]),
            2,
            |_| true,
        )?;
        assert_eq!(nt.len(), 2);
        assert_eq!(
            store
                .newest(&Selector::Zone("nt".into()), 10, |_| true)?
                .len(),
            1
        );
        assert_eq!(store.count(&Selector::Source("s1".into())), 2);

        // First-seen order is insertion order, whatever the dates.
        let seen: Vec<String> = store.seen_after(0, 10)?.into_iter().map(|i| i.id).collect();
        assert_eq!(seen.len(), 3);
        let first = store.seen_after(0, 1)?;
        let after_first: Vec<String> = store
            .seen_after(first[0].seq, 10)?
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(after_first, ["b", "c"]);
        Ok(())
    }

    /// Many writers flushing at once all finish. (The sled 0.34 `flush_async` deadlock seen
    /// with 200 concurrent polls does not reproduce in-process; tests/scale.rs, which hung in
    /// 5 of 10 runs with it, is the regression test. A hang here fails after 60 s.)
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_writes_and_flushes_finish() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let mut tasks = Vec::new();
        for n in 0..300u32 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                // Enough dirty data per task that flushes overlap with log-buffer writes.
                let batch: Vec<Item> = (0..20)
                    .map(|k| {
                        let mut it = item(
                            &format!("s{n}"),
                            &format!("i{k}"),
                            "nantong",
                            None,
                            1 + k % 28,
                        );
                        it.content = Some("<p>南通高新区项目签约</p>".repeat(100));
                        it
                    })
                    .collect();
                store.upsert(&batch, Utc::now())?;
                store.set_source_state(&format!("s{n}"), &SourceState::default())?;
                store.flush().await
            }));
        }
        let all = futures_util::future::join_all(tasks);
        let results = tokio::time::timeout(std::time::Duration::from_secs(60), all)
            .await
            .map_err(|_| anyhow::anyhow!("flushes deadlocked"))?;
        for r in results {
            r??;
        }
        assert_eq!(store.count(&Selector::All), 6000);
        Ok(())
    }

    #[test]
    fn second_open_names_the_folder() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let _first = Store::open(dir.path())?;
        let err = match Store::open(dir.path()) {
            Ok(_) => panic!("second open must fail"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("in use by another zonefeed process"), "{err}");
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        Ok(())
    }
}

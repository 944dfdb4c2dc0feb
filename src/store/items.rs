//! Items and their time indexes: the one transaction that stores a document's items
//! ([`Store::upsert`]), and reads of the newest items of a selection.
//!
//! Invariants: an item and its index entries, its `seen` entry, its dirty mark and its
//! group counts are written in one transaction, so none exists without the others; an
//! item's index entries always match its stored date, region, zone and source (a changed
//! item's old entries go in the same transaction).

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Utc};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::dirty::mark_dirty;
use super::groups::{count, groups_of};
use super::stories::{StoryTx, file_item, refile_item};
use super::{ItemKey, Selector, Store, item_key, prefix, time_bytes};
use crate::model::{Change, Item};
use crate::stories::{Features, Rules};

impl Store {
    /// Inserts new items and updates changed ones, atomically for the whole batch.
    /// `first_seen` and `seq` of the given items are ignored: new items get now and the
    /// next sequence number, existing ones keep theirs.
    pub fn upsert(&self, batch: &[Item], now: DateTime<Utc>) -> Result<Vec<Change>> {
        self.upsert_with(batch, now, None)
    }

    /// [`Store::upsert`], and with `stories` each new item is filed in the story index
    /// (joining the story it is a copy of) and each changed one refiled, in the same
    /// transaction.
    pub fn upsert_with(
        &self,
        batch: &[Item],
        now: DateTime<Utc>,
        stories: Option<&Rules>,
    ) -> Result<Vec<Change>> {
        let mut out = self.upsert_many(&[Upsert {
            items: batch,
            now,
            stories,
        }])?;
        Ok(out.pop().unwrap_or_default())
    }

    /// Several documents' upserts in one transaction: all of them or none. Each is applied
    /// in order, as [`Store::upsert_with`] would, so a later one sees an earlier one's items.
    ///
    /// Why one transaction for many: sled 0.34 seals and writes its current log buffer
    /// (a `pwrite`, a `sync_file_range` and a fresh 512 KiB buffer) when any transaction
    /// begins and again at its commit (`PageCache::pin_log`). Measured on a first poll of
    /// 5,000 one-document sources: 10,503 log writes for 10,000 items, and 43% of the peak
    /// heap in those buffers. See [`Store::upsert_grouped`].
    pub(crate) fn upsert_many(&self, upserts: &[Upsert<'_>]) -> Result<Vec<Vec<Change>>> {
        let trees = (
            &self.items,
            &self.index,
            &self.seen,
            &self.dirty,
            &self.counts,
            &self.story_keys,
            &self.story_of,
            &self.stories,
        );
        // Features are a pure function of the incoming item: computed once, not on every
        // attempt of the transaction, and only for items that are new (an unchanged re-poll
        // of 10,000 items spent half its time computing features nobody used).
        let features: Vec<Vec<std::cell::OnceCell<Arc<Features>>>> = upserts
            .iter()
            .map(|u| u.items.iter().map(|_| std::cell::OnceCell::new()).collect())
            .collect();
        // Groups whose newest time or count may change; refilled on every attempt (sled may
        // run the closure again after a conflict).
        let touched: std::cell::RefCell<HashSet<Vec<u8>>> = Default::default();
        let result = trees.transaction(
            |(items, index, seen, dirty, counts, story_keys, story_of, story_trees)| {
                touched.borrow_mut().clear();
                let tx = StoryTx {
                    items,
                    keys: story_keys,
                    story_of,
                    stories: story_trees,
                    cache: &self.feature_cache,
                    generation: self.story_generation(),
                };
                let trees = ItemTrees {
                    items,
                    index,
                    seen,
                    dirty,
                    counts,
                };
                let mut all = Vec::with_capacity(upserts.len());
                for (u, feats) in upserts.iter().zip(&features) {
                    let mut changes = Vec::with_capacity(u.items.len());
                    for (incoming, f) in u.items.iter().zip(feats) {
                        let change = upsert_one(&trees, &tx, incoming, f, u, &touched)?;
                        changes.push(change);
                    }
                    all.push(changes);
                }
                Ok(all)
            },
        );
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
            Err(TransactionError::Abort(e)) => Err(anyhow::Error::new(Aborted(e.to_string()))),
            Err(TransactionError::Storage(e)) => Err(anyhow::anyhow!("store write failed: {e}")),
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
    pub(crate) fn newest_keys(&self, selector: &Selector, limit: usize) -> Result<Vec<ItemKey>> {
        self.keys_newest_first(selector).take(limit).collect()
    }

    /// Items by key, read in key order; keys with no item are left out.
    pub(crate) fn items_by_keys(
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
    pub(super) fn keys_newest_first<'a>(
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
}

/// One document's upsert inside [`Store::upsert_many`].
pub(crate) struct Upsert<'a> {
    pub items: &'a [Item],
    /// When it was fetched: a new item's first-seen time.
    pub now: DateTime<Utc>,
    pub stories: Option<&'a Rules>,
}

/// An upsert the store refused on its own content (an item that cannot be encoded, a story
/// record that names a missing item), as opposed to a failing disk: a group transaction
/// that aborts is retried one document at a time so only that document fails.
#[derive(Debug, thiserror::Error)]
#[error("store write failed: {0}")]
pub(crate) struct Aborted(String);

struct ItemTrees<'a> {
    items: &'a TransactionalTree,
    index: &'a TransactionalTree,
    seen: &'a TransactionalTree,
    dirty: &'a TransactionalTree,
    counts: &'a TransactionalTree,
}

type TxResult<T> = Result<T, ConflictableTransactionError<sled::Error>>;

fn upsert_one(
    t: &ItemTrees<'_>,
    tx: &StoryTx<'_>,
    incoming: &Item,
    feats: &std::cell::OnceCell<Arc<Features>>,
    u: &Upsert<'_>,
    touched: &std::cell::RefCell<HashSet<Vec<u8>>>,
) -> TxResult<Change> {
    let (items, index, now, stories) = (t.items, t.index, u.now, u.stories);
    let key = item_key(&incoming.source, &incoming.id);
    let old: Option<Item> = match items.get(key)? {
        Some(bytes) => serde_json::from_slice(&bytes).ok(),
        None => None,
    };
    let Some(old) = old else {
        let mut item = incoming.clone();
        item.first_seen = now;
        // Sequences start at 1 so that cursor 0 means "nothing sent yet".
        item.seq = items.generate_id()? + 1;
        put_item(items, index, &key, &item)?;
        t.seen.insert(&item.seq.to_be_bytes(), &key)?;
        mark_dirty(t.dirty, &key, None)?;
        count(t.counts, &item, 1)?;
        touched.borrow_mut().extend(groups_of(&item));
        if let Some(rules) = stories {
            let f = feats.get_or_init(|| Arc::new(Features::of(incoming, &rules.lexicon)));
            file_item(tx, &key, &item, f, rules, now)?;
            // The next look-alike finds it among its candidates (features of the incoming
            // item are those of the stored one: only `first_seen` and `seq` differ).
            tx.cache.put(rules.id, &key, f.clone());
        }
        return Ok(Change::New);
    };
    let mut item = incoming.clone();
    item.first_seen = old.first_seen;
    item.seq = old.seq;
    // An item that had no date keeps its first-seen stamp, not a new now.
    if item.date_estimated && old.date_estimated {
        item.published = old.published;
    }
    if old.same_content(&item) {
        return Ok(Change::Unchanged);
    }
    // Its cached story features describe the old content.
    tx.cache.forget(&key);
    for k in index_keys(&old, &key) {
        index.remove(k)?;
    }
    put_item(items, index, &key, &item)?;
    let moved = old.region != item.region || old.zone != item.zone;
    if moved {
        count(t.counts, &old, -1)?;
        count(t.counts, &item, 1)?;
    }
    touched.borrow_mut().extend(groups_of(&item));
    touched.borrow_mut().extend(groups_of(&old));
    mark_dirty(t.dirty, &key, moved.then_some(&old))?;
    if let Some(rules) = stories {
        refile_item(tx, &key, &old, &item, rules, now)?;
    }
    Ok(Change::Updated)
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
    use crate::store::tests::item;

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
}

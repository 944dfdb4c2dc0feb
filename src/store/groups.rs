//! Per-region and per-zone item counts and newest item times, for the directory page.
//!
//! Counts live in the `counts` tree, changed in the item transaction ([`count`]); newest
//! times are one seek each into the index. [`Store::group_stats`] keeps both in a cache
//! between publishes ([`GroupCache`]), invalidated by [`Store::upsert`].
//!
//! Invariant: the stats equal a fresh count of the index after every write (tested
//! below), including for a store written before `counts` existed (rebuilt once at open).

use anyhow::Result;
use chrono::{DateTime, Utc};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::{Store, prefix_group, time_from_bytes};
use crate::model::Item;

/// Each group's count and newest time, kept between publishes so that a publish after a
/// poll recomputes only the groups its items touched (a seek each) instead of all 2,800.
/// `upsert` marks groups stale after its transaction commits, under the lock, and
/// `group_stats` fills stale groups under the same lock: whichever order they run in, no
/// value read before a commit outlives that commit's invalidation.
#[derive(Default)]
pub(super) struct GroupCache {
    /// Every group has been computed once.
    pub(super) complete: bool,
    /// `None`: stale, recompute from the store.
    pub(super) groups: std::collections::HashMap<Vec<u8>, Option<(usize, DateTime<Utc>)>>,
}

/// Per-group item counts and newest item times (see [`Store::group_stats`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct GroupStats {
    pub regions: std::collections::HashMap<String, (usize, DateTime<Utc>)>,
    pub zones: std::collections::HashMap<String, (usize, DateTime<Utc>)>,
}

impl Store {
    /// Builds the `counts` tree of a store written before it existed (one scan, once).
    pub(super) fn with_counts(self) -> Result<Store> {
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

    pub(super) fn lock_group_cache(&self) -> std::sync::MutexGuard<'_, GroupCache> {
        // The cache holds no invariant a panicking holder could break half-way: every entry
        // is either a computed value or stale.
        self.group_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Item count and newest item time per region and per zone, in one pass over the
    /// indexes (the directory page needs them for every region and zone; one prefix scan
    /// each was 2,800 scans per publish).
    pub(crate) fn group_stats(&self) -> Result<GroupStats> {
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
}

/// The `counts` keys of the item's region and zone.
pub(super) fn groups_of(item: &Item) -> Vec<Vec<u8>> {
    let mut groups = vec![prefix_group(b'r', &item.region)];
    if let Some(z) = &item.zone {
        groups.push(prefix_group(b'z', z));
    }
    groups
}

/// Adds `delta` to the counts of the item's region and zone.
pub(super) fn count(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Selector;
    use crate::store::tests::item;

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
}

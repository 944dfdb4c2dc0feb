//! What digests read and write: items in first-seen order (the `seen` tree a digest
//! cursor walks), each subscription's [`DigestState`], unsubscribes, and the key that
//! signs unsubscribe links.
//!
//! Invariants: sequence numbers start at 1 and grow with first-seen time, so cursor 0
//! means "nothing sent yet"; a subscription's cursor and pending digest change in one
//! write; the signing key, once made, never changes.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use super::Store;
use crate::model::{DigestState, Item};

impl Store {
    /// Items in first-seen order after `after_seq` (exclusive), up to `limit`.
    pub(crate) fn seen_after(&self, after_seq: u64, limit: usize) -> Result<Vec<Item>> {
        self.seen_after_raw(after_seq, u64::MAX, limit)?
            .into_iter()
            .map(|(_, (key, bytes))| super::decode_item(&key, &bytes))
            .collect()
    }

    /// Up to `limit` items first seen after `after` and at most `upto`, in first-seen
    /// order, as (sequence number, (key, stored bytes)): undecoded (a
    /// rebuild decodes them on its extraction threads).
    pub(super) fn seen_after_raw(
        &self,
        after: u64,
        upto: u64,
        limit: usize,
    ) -> Result<Vec<(u64, (sled::IVec, sled::IVec))>> {
        let start = after.saturating_add(1).to_be_bytes();
        let mut out = Vec::new();
        for kv in self.seen.range(start..=upto.to_be_bytes()) {
            let (seq, key) = kv?;
            let Ok(seq) = <[u8; 8]>::try_from(seq.as_ref()).map(u64::from_be_bytes) else {
                continue;
            };
            if let Some(bytes) = self.items.get(&key)? {
                out.push((seq, (key, bytes)));
            }
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// The highest first-seen sequence number whose item was first seen before `t`
    /// (0 when none): where a new subscription's cursor starts.
    pub(crate) fn seq_seen_before(&self, t: DateTime<Utc>) -> Result<u64> {
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
    pub(crate) fn items_by_seqs(&self, seqs: &[u64]) -> Result<Vec<Item>> {
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
    pub(crate) fn set_digest_state(&self, id: &str, state: &DigestState) -> Result<()> {
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

    /// When this store was first asked its age: the `updated` of a feed with no items,
    /// so that publishing takes no clock (two publishes of one store write the same
    /// bytes, wherever the feeds folder was copied). Recorded once, on first use.
    pub fn created_at(&self) -> Result<chrono::DateTime<chrono::Utc>> {
        let read = |v: &[u8]| {
            std::str::from_utf8(v)
                .ok()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|d| d.with_timezone(&chrono::Utc))
        };
        if let Some(t) = self.meta.get(b"created")?.as_deref().and_then(read) {
            return Ok(t);
        }
        let now = chrono::Utc::now();
        let text = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        match self.meta.compare_and_swap(
            b"created",
            None as Option<&[u8]>,
            Some(text.as_bytes()),
        )? {
            Ok(()) => Ok(read(text.as_bytes()).unwrap_or(now)),
            Err(cas) => Ok(cas.current.as_deref().and_then(read).unwrap_or(now)),
        }
    }
}

pub(super) fn unsub_key(id: &str, email: &str) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Selector;
    use crate::store::tests::item;

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
}

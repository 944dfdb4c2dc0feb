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
//! - `subscribers`, `suppressed`: readers who signed up through the web form, and keyed
//!   hashes of addresses that said stop (see `readers`; the tree keeps its old name on disk)
//! - `story_keys`, `story_of`, `stories`: the story index (see `stories`); `meta`
//!   `stories` says which rules built it
//! - `alerts`, `alert_marks`: each alert's delivery state, and the stories it delivered
//!   (see `alerts`)
//! - `target_files`, `target_pending`, `target_state`: what each publish target holds,
//!   what it still needs, and its delivery state (see `targets`)
//!
//! One document's items (or a group of documents from concurrent polls) go in one
//! transaction over `items`, `index`, `seen`, `dirty`,
//! `counts` and, with stories on, the three story trees, so
//! a crash leaves either all of them or none, never an item without its index entries, and
//! never a stored item whose feeds nobody knows to rewrite: publishing happens after the
//! store write, and a crash between the two is repaired at the next start from `dirty`.
//!
//! # Files
//!
//! - this file: opening (and the lock), flushing, key encodings, single reads, source state;
//! - `items`: the item transaction ([`Store::upsert`], several documents in one with
//!   [`Store::upsert_many`]) and reads by time and selection;
//! - `writes`: group commit of concurrent polls' upserts ([`Store::upsert_grouped`]);
//! - `groups`: per-region and per-zone counts and newest times, and their cache;
//! - `dirty`: marks of items whose feeds are not yet rewritten;
//! - `digests`: first-seen order (the digest cursor), digest state, unsubscribes and the
//!   key that signs unsubscribe links;
//! - `readers`: self-service readers (`[signup]`) and the suppression list;
//! - `alerts`: alerts' delivery state and the marks of stories delivered;
//! - `targets`: publish targets' records (what each holds, what is pending).
//! - `stories`: the story index: which items are copies of one story, filed with each item;
//!   `story_reads`: reading it; `rebuild`: building it again, in steps a daemon runs in the
//!   background, and sweeping what nothing new can match; `feature_cache`: story features
//!   of recently filed items (in memory only).

mod alerts;
mod digests;
mod dirty;
mod feature_cache;
mod groups;
mod items;
mod readers;
mod targets;
mod writes;

pub use readers::{Reader, ReaderStatus};
mod rebuild;
mod stories;
mod story_reads;

pub use rebuild::{RebuildReport, StoriesState};
pub(crate) use stories::key_from_hex;
pub use stories::{CopyRef, StoryRecord};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::model::{Item, SourceState};

use groups::GroupCache;

pub(crate) type ItemKey = [u8; 16];

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
    subscribers: sled::Tree,
    suppressed: sled::Tree,
    story_keys: sled::Tree,
    story_of: sled::Tree,
    stories: sled::Tree,
    alerts: sled::Tree,
    alert_marks: sled::Tree,
    target_files: sled::Tree,
    target_pending: sled::Tree,
    target_state: sled::Tree,
    path: PathBuf,
    /// One flush at a time; see [`Store::flush`].
    flushing: std::sync::Arc<FlushGate>,
    /// [`Store::group_stats`] as last computed; see [`GroupCache`].
    group_cache: std::sync::Arc<std::sync::Mutex<GroupCache>>,
    /// Concurrent upserts grouped into one transaction; see [`Store::upsert_grouped`].
    writes: std::sync::Arc<writes::WriteGate>,
    /// Story features of recently filed items; see `feature_cache`.
    feature_cache: std::sync::Arc<feature_cache::FeatureCache>,
    /// The story index's generation, as `meta` keeps it (see `stories::list_key`).
    story_generation: std::sync::Arc<std::sync::atomic::AtomicU32>,
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
pub(crate) struct InUse {
    pub dir: PathBuf,
}

/// Whether `e` says the store is held by another process.
pub(crate) fn is_in_use(e: &anyhow::Error) -> bool {
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
        let generation = tree("meta")?
            .get(rebuild::GENERATION)?
            .and_then(|v| <[u8; 4]>::try_from(v.as_ref()).ok())
            .map_or(0, u32::from_be_bytes);
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
            subscribers: tree("subscribers")?,
            suppressed: tree("suppressed")?,
            story_keys: tree("story_keys")?,
            story_of: tree("story_of")?,
            stories: tree("stories")?,
            alerts: tree("alerts")?,
            alert_marks: tree("alert_marks")?,
            target_files: tree("target_files")?,
            target_pending: tree("target_pending")?,
            target_state: tree("target_state")?,
            flushing: std::sync::Arc::default(),
            group_cache: std::sync::Arc::default(),
            writes: std::sync::Arc::default(),
            feature_cache: std::sync::Arc::default(),
            story_generation: std::sync::Arc::new(generation.into()),
            db,
            path: dir.to_path_buf(),
        }
        .with_counts()
    }

    /// Makes everything written so far durable. Call before reporting success.
    ///
    /// sled 0.34's `flush_async` runs on sled's own small thread pool and waits there for
    /// log writes that need that same pool: 200 polls flushing at once deadlocked the process.
    /// So flushes run one at a time as a plain `flush()` on tokio's blocking pool, leaving
    /// sled's pool free for its writes.
    ///
    /// Group commit: a caller whose request came before a flush started is covered by that
    /// flush and does not flush again. Every poll flushes before it reports, so 50,000
    /// sources polled at once made 50,000 serial fsyncs; now a queue of callers shares one.
    pub async fn flush(&self) -> Result<()> {
        use std::sync::atomic::Ordering::SeqCst;
        let gate = &self.flushing;
        // Everything this caller wrote happened before this ticket was taken.
        let ticket = gate.requested.fetch_add(1, SeqCst) + 1;
        let _one_at_a_time = gate.lock.lock().await;
        if gate.completed.load(SeqCst) >= ticket {
            return Ok(());
        }
        // Every request issued so far is covered by the flush that starts now.
        let covers = gate.requested.load(SeqCst);
        #[cfg(test)]
        if gate
            .fail_next
            .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            anyhow::bail!(
                "cannot flush store in {}: No space left on device (injected)",
                self.path.display()
            );
        }
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || db.flush())
            .await
            .context("flush task failed")?
            .with_context(|| format!("cannot flush store in {}", self.path.display()))?;
        gate.completed.fetch_max(covers, SeqCst);
        gate.runs.fetch_add(1, SeqCst);
        Ok(())
    }

    /// Unit tests: the next `n` flushes fail.
    #[cfg(test)]
    pub(crate) fn fail_next_flushes(&self, n: u32) {
        self.flushing
            .fail_next
            .store(n, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn get(&self, source: &str, id: &str) -> Result<Option<Item>> {
        self.get_by_key(&item_key(source, id))
    }

    pub(crate) fn get_by_key(&self, key: &[u8]) -> Result<Option<Item>> {
        match self.items.get(key)? {
            Some(bytes) => Ok(Some(decode_item(key, &bytes)?)),
            None => Ok(None),
        }
    }

    pub fn source_state(&self, id: &str) -> Result<SourceState> {
        match self.sources.get(id.as_bytes())? {
            Some(bytes) => Ok(serde_json::from_slice(&bytes).unwrap_or_default()),
            None => Ok(SourceState::default()),
        }
    }

    pub(crate) fn set_source_state(&self, id: &str, state: &SourceState) -> Result<()> {
        let bytes = serde_json::to_vec(state)?;
        self.sources.insert(id.as_bytes(), bytes)?;
        Ok(())
    }
}

/// Serialises flushes and lets one flush answer every request made before it began.
#[derive(Default)]
pub(crate) struct FlushGate {
    lock: tokio::sync::Mutex<()>,
    /// Tickets handed out to callers of [`Store::flush`].
    requested: std::sync::atomic::AtomicU64,
    /// Every ticket up to this one is durable.
    completed: std::sync::atomic::AtomicU64,
    /// Flushes actually run (tests read it).
    runs: std::sync::atomic::AtomicU64,
    /// Unit tests: this many next flushes fail as a full disk would.
    #[cfg(test)]
    pub(crate) fail_next: std::sync::atomic::AtomicU32,
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
pub(crate) fn item_key(source: &str, id: &str) -> ItemKey {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    h.update([0]);
    h.update(id.as_bytes());
    let d = h.finalize();
    let mut k = [0u8; 16];
    k.copy_from_slice(&d[..16]);
    k
}

pub(super) fn prefix(kind: u8, name: &str) -> Vec<u8> {
    let mut p = Vec::with_capacity(name.len() + 2);
    p.push(kind);
    p.extend_from_slice(name.as_bytes());
    p.push(0);
    p
}

/// `kind` + name, without the index's 0x00 separator (the key in `counts`).
pub(super) fn prefix_group(kind: u8, name: &str) -> Vec<u8> {
    let mut p = Vec::with_capacity(name.len() + 1);
    p.push(kind);
    p.extend_from_slice(name.as_bytes());
    p
}

pub(super) fn time_from_bytes(b: [u8; 8]) -> DateTime<Utc> {
    let micros = (u64::from_be_bytes(b) ^ (1 << 63)) as i64;
    DateTime::from_timestamp_micros(micros).unwrap_or_default()
}

/// Sortable time: microseconds with the sign bit flipped, big-endian.
impl Store {
    /// The story index's current generation (see `stories::list_key`).
    pub(super) fn story_generation(&self) -> u32 {
        self.story_generation
            .load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// A stored item from its record; an error names the record that does not decode.
pub(super) fn decode_item(key: &[u8], bytes: &[u8]) -> Result<Item> {
    serde_json::from_slice(bytes)
        .with_context(|| format!("corrupt item record {}", crate::parse::hex(key)))
}

pub(super) fn time_bytes(t: DateTime<Utc>) -> [u8; 8] {
    ((t.timestamp_micros() as u64) ^ (1 << 63)).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IdKind;

    pub(super) fn item(source: &str, id: &str, region: &str, zone: Option<&str>, day: u32) -> Item {
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
            placed_by: Default::default(),
        }
    }

    /// Callers queued behind a running flush share the next one instead of flushing one
    /// by one; a caller arriving after a flush completed still gets a flush of its own.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queued_flushes_are_group_committed() -> Result<()> {
        use std::sync::atomic::Ordering::SeqCst;
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let mut tasks = Vec::new();
        for n in 0..200u32 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store.set_source_state(&format!("s{n}"), &SourceState::default())?;
                store.flush().await
            }));
        }
        for t in tasks {
            t.await??;
        }
        let runs = store.flushing.runs.load(SeqCst);
        assert!((1..100).contains(&runs), "{runs} flushes for 200 callers");
        let before = runs;
        store.set_source_state("late", &SourceState::default())?;
        store.flush().await?;
        assert_eq!(store.flushing.runs.load(SeqCst), before + 1);
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
        let typed = Store::open(dir.path()).err().map(|e| is_in_use(&e));
        assert_eq!(typed, Some(true), "typed, not matched by text");
        Ok(())
    }
}

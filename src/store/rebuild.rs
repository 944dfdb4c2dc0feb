//! Keeping the story index in shape: building it again from the stored items, when the
//! rules that built it changed (`stories::RULES_VERSION`), when stories were off, or on
//! `zonefeed stories --rebuild`; and sweeping the posting lists nothing new can match.
//!
//! A rebuild runs in steps of [`REBUILD_BATCH`] items in first-seen order, each step one
//! transaction, and records where it is in `meta` (`stories-rebuild`): a daemon rebuilds in
//! the background while it serves and polls (`/status.json` says how far it is), and a
//! rebuild cut short by a restart goes on where it stopped.
//!
//! Why polls may file items meanwhile: filing is idempotent and the partition into stories
//! does not depend on the order items are filed in (`stories::attach` merges the stories an
//! item ties together). An item a poll files before the rebuild reaches its copies is
//! found by them when they are refiled, exactly as if it had come after them. So a rebuild
//! refiles only the items stored before it began (up to `upto`); later ones were filed as
//! they came, against the partial index.
//!
//! Invariant: `meta` `stories` holds the rules version only once the index is complete; it
//! is absent while a rebuild is pending.

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::TransactionError;

use std::sync::Arc;

use super::stories::{ENTRY, LIST_KEY, StoryTx, file_item, micros};
use super::{ItemKey, Store};
use crate::model::Item;
use crate::stories::{Features, RULES_VERSION, Rules};

/// Items refiled per transaction: large enough to amortise the commit, small enough that a
/// transaction's write set stays a few megabytes and a poll waits at most one step.
const REBUILD_BATCH: usize = 256;

/// Posting lists visited per sweep step: a step holds no lock, so polls interleave.
const SWEEP_STEP: usize = 4096;

/// Steps between two sweeps of stale posting lists ([`Store::sweep_postings`]).
const SWEEP_EVERY: usize = 16;

const BUILT: &[u8] = b"stories";
/// The story index's generation (u32, big-endian; absent: 0).
pub(super) const GENERATION: &[u8] = b"stories-generation";
const PENDING: &[u8] = b"stories-rebuild";

/// What a rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RebuildReport {
    pub items: usize,
    /// Stories of two copies or more.
    pub stories: usize,
    /// Items that joined another item's story.
    pub joined: usize,
}

/// A rebuild in progress, as `meta` keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Pending {
    /// The rules version it builds for.
    version: u32,
    /// Refiled so far: every item up to this first-seen sequence number.
    done: u64,
    /// The last sequence number stored when it began: later items were filed as they came.
    upto: u64,
    /// Items stored when it began, and refiled so far.
    total: u64,
    report: RebuildReport,
}

/// The story index's state, for `/status.json` and `zonefeed status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum StoriesState {
    /// Complete for the current rules.
    Built,
    /// Stories are off.
    Off,
    /// Being built: `done` of `total` stored items refiled. Feeds show the stories found
    /// so far (copies of the rest stand alone until it ends).
    Rebuilding { done: u64, total: u64 },
}

/// The items of a step, decoded, with their keys and story features, on two threads (half
/// of a rebuild's time was decoding and extraction; the filing itself is one transaction
/// at a time). `raw` is each item's key and stored bytes, in first-seen order; an item
/// that does not decode is an error naming it, as `Store::get_by_key` says.
fn prepare(
    raw: &[(sled::IVec, sled::IVec)],
    rules: &Rules,
) -> Result<Vec<(Item, ItemKey, Arc<Features>)>> {
    let one = |(key, bytes): &(sled::IVec, sled::IVec)| -> Result<_> {
        let item = super::decode_item(key, bytes)?;
        let f = Arc::new(Features::of(&item, &rules.lexicon));
        let key = super::item_key(&item.source, &item.id);
        Ok((item, key, f))
    };
    let (a, b) = raw.split_at(raw.len() / 2);
    std::thread::scope(|s| {
        let second = s.spawn(|| b.iter().map(one).collect::<Result<Vec<_>>>());
        let mut out = a.iter().map(one).collect::<Result<Vec<_>>>()?;
        match second.join() {
            Ok(rest) => out.extend(rest?),
            // Extraction is pure; a panic there is a bug, surfaced where it happened.
            Err(p) => std::panic::resume_unwind(p),
        }
        Ok(out)
    })
}

impl Store {
    /// Where the story index stands.
    pub fn stories_state(&self) -> Result<StoriesState> {
        if let Some(p) = self.pending()? {
            return Ok(StoriesState::Rebuilding {
                done: p.report.items as u64,
                total: p.total,
            });
        }
        Ok(match self.meta.get(BUILT)?.as_deref() {
            Some(b"off") => StoriesState::Off,
            _ => StoriesState::Built,
        })
    }

    fn pending(&self) -> Result<Option<Pending>> {
        Ok(self
            .meta
            .get(PENDING)?
            .and_then(|v| serde_json::from_slice::<Pending>(&v).ok()))
    }

    /// Makes the story index match `rules`, all at once: [`Store::begin_stories`], then
    /// every step (one-shot commands; the daemon runs the steps in the background).
    pub fn ensure_stories(&self, rules: Option<&Rules>) -> Result<Option<RebuildReport>> {
        if !self.begin_stories(rules)? {
            return Ok(None);
        }
        match rules {
            Some(r) => self.finish_stories(r, || false, |_| {}),
            None => Ok(None),
        }
    }

    /// Starts a rebuild when the index was built by other rules or while stories were off,
    /// clearing it; marks it stale when stories are off. Returns whether a rebuild is
    /// pending (begun now, or before a restart). Cheap when nothing changed (two reads).
    pub fn begin_stories(&self, rules: Option<&Rules>) -> Result<bool> {
        let Some(_) = rules else {
            // Written only when it changes: every start of a store with stories off reads.
            if self.meta.get(BUILT)?.as_deref() != Some(b"off".as_slice()) {
                self.meta.insert(BUILT, b"off")?;
            }
            if self.meta.contains_key(PENDING)? {
                self.meta.remove(PENDING)?;
            }
            return Ok(false);
        };
        if let Some(p) = self.pending()?
            && p.version == RULES_VERSION
        {
            return Ok(true);
        }
        if self.meta.get(BUILT)?.as_deref() == Some(RULES_VERSION.to_be_bytes().as_slice()) {
            return Ok(false);
        }
        self.start_rebuild()?;
        Ok(true)
    }

    /// Clears the index and records a rebuild of everything stored now.
    fn start_rebuild(&self) -> Result<()> {
        // Marked pending before the trees are cleared: a crash in between leaves a pending
        // rebuild, never a cleared index that claims to be built.
        self.meta.remove(BUILT)?;
        let pending = Pending {
            version: RULES_VERSION,
            done: 0,
            upto: self.last_seq()?,
            total: self.seen.len() as u64,
            report: RebuildReport::default(),
        };
        // A new generation of posting lists, before the rebuild is recorded: the lists of
        // the old one are never read again (see `stories::list_key`).
        let generation = self.story_generation().wrapping_add(1);
        self.meta
            .insert(GENERATION, generation.to_be_bytes().as_slice())?;
        self.story_generation
            .store(generation, std::sync::atomic::Ordering::SeqCst);
        self.meta.insert(PENDING, serde_json::to_vec(&pending)?)?;
        for t in [&self.story_of, &self.stories] {
            t.clear()?;
        }
        self.feature_cache.clear();
        Ok(())
    }

    /// Runs the pending rebuild's steps until it is complete (then marks the index built
    /// and returns what it did) or `stop` says to stop (returns None; the next start goes
    /// on). `progress` gets the number of items each step refiled.
    pub fn finish_stories(
        &self,
        rules: &Rules,
        stop: impl Fn() -> bool,
        mut progress: impl FnMut(usize),
    ) -> Result<Option<RebuildReport>> {
        loop {
            let Some(mut p) = self.pending()? else {
                return Ok(None);
            };
            let raw = self.seen_after_raw(p.done, p.upto, REBUILD_BATCH)?;
            let Some(last) = raw.last().map(|(seq, _)| *seq) else {
                p.report.stories = self.stories.len();
                self.meta
                    .insert(BUILT, RULES_VERSION.to_be_bytes().as_slice())?;
                self.meta.remove(PENDING)?;
                self.db.flush()?;
                tracing::info!(
                    items = p.report.items,
                    stories = p.report.stories,
                    "story index built"
                );
                return Ok(Some(p.report));
            };
            if stop() {
                return Ok(None);
            }
            let raw: Vec<_> = raw.into_iter().map(|(_, kv)| kv).collect();
            let prepared = prepare(&raw, rules)?;
            // Later items of the batch and the next find these among their candidates.
            for (_, key, f) in &prepared {
                self.feature_cache.put(rules.id, key, f.clone());
            }
            let trees = (&self.items, &self.story_keys, &self.story_of, &self.stories);
            let joined = trees
                .transaction(|(items, keys, story_of, stories)| {
                    let tx = StoryTx {
                        items,
                        keys,
                        story_of,
                        stories,
                        cache: &self.feature_cache,
                        generation: self.story_generation(),
                    };
                    let mut joined = 0;
                    for (item, key, f) in &prepared {
                        let f: &Features = f;
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
            p.done = last;
            // Lists the rebuild has gone past (older than twice the window before the
            // items it files now) are dropped as it goes, so the tree stays the size of
            // two windows of items, not of the whole store.
            let steps = p.report.items / REBUILD_BATCH + 1;
            if steps % SWEEP_EVERY == 0
                && let Some(t) = prepared.last().map(|(i, _, _)| i.first_seen)
            {
                self.sweep(rules, t, true)?;
            }
            p.report.items += prepared.len();
            p.report.joined += joined;
            self.meta.insert(PENDING, serde_json::to_vec(&p)?)?;
            progress(prepared.len());
        }
    }

    /// Removes posting lists whose newest entry is older than twice the window before
    /// `now`: nothing filed from now on can be compared with those items, and lists never
    /// touched again otherwise stay forever. Measured on the 100,000-item stories
    /// benchmark: three fifths of the lists were such, and the tree's size is what made a
    /// new item cost more at 100,000 items stored than at 30,000. Returns how many went.
    pub fn sweep_postings(&self, rules: &Rules, now: DateTime<Utc>) -> Result<usize> {
        self.sweep(rules, now, false)
    }

    /// [`Store::sweep_postings`] over the current generation's lists only, or (`current`
    /// false) over every list, removing those of older generations too (a rebuild's
    /// sweeps leave those to the daemon's hourly one: deleting them was a tenth of it).
    fn sweep(&self, rules: &Rules, now: DateTime<Utc>, current: bool) -> Result<usize> {
        let cutoff = (now - rules.window - rules.window).timestamp_micros();
        let generation = self.story_generation().to_be_bytes();
        let mut removed = 0;
        let mut from: Vec<u8> = if current {
            generation.to_vec()
        } else {
            Vec::new()
        };
        loop {
            let mut stale = Vec::new();
            let mut last = None;
            for kv in self.story_keys.range(from.clone()..).take(SWEEP_STEP) {
                let (k, v) = kv?;
                let ours = k.len() == LIST_KEY && k.starts_with(&generation);
                if current && !ours {
                    break;
                }
                let newest = v
                    .chunks_exact(ENTRY)
                    .filter_map(|e| <[u8; 8]>::try_from(&e[16..]).ok())
                    .map(micros)
                    .max();
                if !ours || newest.is_none_or(|t| t < cutoff) {
                    stale.push((k.clone(), v));
                }
                last = Some(k);
            }
            let Some(last) = last else { break };
            for (k, v) in stale {
                // Only if unchanged since read: a poll may have just added to it.
                if self
                    .story_keys
                    .compare_and_swap(&k, Some(v), None as Option<&[u8]>)?
                    .is_ok()
                {
                    removed += 1;
                }
            }
            from = last.to_vec();
            from.push(0);
        }
        Ok(removed)
    }

    /// Rebuilds the story index from the stored items now, in first-seen order, as if each
    /// arrived again (`zonefeed stories --rebuild`, after the rules change).
    pub fn rebuild_stories(&self, rules: &Rules) -> Result<RebuildReport> {
        self.rebuild_stories_with(rules, |_| {})
    }

    /// [`Store::rebuild_stories`], calling `progress` with the number of items each step
    /// filed (the terminal progress of `zonefeed stories --rebuild`).
    pub fn rebuild_stories_with(
        &self,
        rules: &Rules,
        progress: impl FnMut(usize),
    ) -> Result<RebuildReport> {
        self.start_rebuild()?;
        Ok(self
            .finish_stories(rules, || false, progress)?
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::item;
    use crate::stories::Lexicon;

    fn rules() -> Rules {
        Rules::new(std::time::Duration::from_secs(7 * 86_400), Lexicon::new([]))
    }

    /// A rebuild files every item under a new generation of posting lists and never reads
    /// the old ones; the daemon's sweep removes those, and a later copy still finds its
    /// story through the new ones. The generation survives a restart.
    #[test]
    fn a_rebuild_starts_a_new_generation_and_the_sweep_drops_the_old() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let rules = rules();
        let body = "<p>11月20日上午，南通高新区人工智能产业园二期正式开园，首批入驻企业32家，\
                    涵盖智能制造、工业软件和智能网联汽车等领域，总投资超过60亿元。</p>\
                    <p>开园仪式上，园区发布了30个应用场景清单，面向全国征集解决方案。</p>";
        let mut first = item("a", "first", "nantong", None, 20);
        first.title = "南通高新区人工智能产业园二期正式开园".into();
        first.content = Some(body.into());
        store.upsert_with(std::slice::from_ref(&first), first.published, Some(&rules))?;
        let lists = store.story_keys.len();
        assert!(lists > 0);
        assert_eq!(store.story_generation(), 0);

        store.rebuild_stories(&rules)?;
        assert_eq!(store.story_generation(), 1);
        assert_eq!(
            store.story_keys.len(),
            2 * lists,
            "old lists stay until a sweep"
        );
        drop(store);
        let store = Store::open(dir.path())?;
        assert_eq!(store.story_generation(), 1, "kept in meta");
        assert_eq!(store.sweep_postings(&rules, first.published)?, lists);
        assert_eq!(store.story_keys.len(), lists);

        let mut copy = item("b", "copy", "nantong", None, 20);
        copy.title = "【转载】南通高新区人工智能产业园二期正式开园".into();
        copy.content = Some(body.into());
        store.upsert_with(std::slice::from_ref(&copy), copy.published, Some(&rules))?;
        assert_eq!(
            store.story_of_item("b", "copy")?.0,
            store.story_of_item("a", "first")?.0
        );
        Ok(())
    }

    /// Two copies stored with stories off; a rebuild begun, stopped after its first step,
    /// resumed: the state says so at each point, and the copies end as one story.
    #[test]
    fn a_rebuild_is_recorded_resumed_and_finished() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let body = "<p>11月20日上午，南通高新区人工智能产业园二期正式开园，首批入驻企业32家，\
                    涵盖智能制造、工业软件和智能网联汽车等领域，总投资超过60亿元。</p>";
        let mut items = Vec::new();
        for n in 0..(REBUILD_BATCH + 10) {
            let mut i = item(
                &format!("s{}", n % 7),
                &format!("i{n}"),
                "nantong",
                None,
                20,
            );
            i.title = format!("第{n}条新闻的标题");
            items.push(i);
        }
        items[3].content = Some(body.into());
        items[REBUILD_BATCH + 5].content = Some(body.into());
        items[REBUILD_BATCH + 5].title = "南通高新区人工智能产业园二期开园".into();
        store.upsert(&items, items[0].published)?;
        assert!(store.ensure_stories(None)?.is_none());
        assert_eq!(store.stories_state()?, StoriesState::Off);

        let rules = rules();
        assert!(store.begin_stories(Some(&rules))?);
        let total = items.len() as u64;
        assert_eq!(
            store.stories_state()?,
            StoriesState::Rebuilding { done: 0, total }
        );
        let steps = std::cell::Cell::new(0);
        let stopped =
            store.finish_stories(&rules, || steps.get() >= 1, |_| steps.set(steps.get() + 1))?;
        assert_eq!(stopped, None);
        assert_eq!(
            store.stories_state()?,
            StoriesState::Rebuilding {
                done: REBUILD_BATCH as u64,
                total
            }
        );
        // A restart: begun again, it goes on where it stopped.
        drop(store);
        let store = Store::open(dir.path())?;
        assert!(store.begin_stories(Some(&rules))?);
        let report = store
            .finish_stories(&rules, || false, |_| {})?
            .expect("finished");
        assert_eq!(report.items, items.len(), "the whole rebuild, both runs");
        assert_eq!(store.stories_state()?, StoriesState::Built);
        assert!(!store.begin_stories(Some(&rules))?);
        let (sid, record) = store.story_of_item("s3", "i3")?;
        assert_eq!(record.map(|r| r.copies.len()), Some(2));
        assert_eq!(
            store
                .story_of_item(
                    &items[REBUILD_BATCH + 5].source,
                    &items[REBUILD_BATCH + 5].id
                )?
                .0,
            sid
        );
        Ok(())
    }
}

//! Full-text search over stored items: the analyser (NFKC, lower case, CJK terms), the
//! query language, and the tantivy index in `data_dir/search` kept in step with the store.
//!
//! Invariants:
//! - sled is the source of truth; the index can always be rebuilt from it
//!   ([`reindex`], `zonefeed reindex`) and is never read for an item's content;
//! - the index is written after the store (the poll hook calls [`SearchIndex::upsert`]
//!   with what the store accepted), so a crash between the two leaves the index behind,
//!   never ahead; [`catch_up`] at start adds what a crash lost: every item first seen
//!   after the recorded sequence, and, when the index holds fewer documents than the
//!   store has items, every item it lacks. An *update* lost to a crash (same item, new
//!   text) is not detected: `zonefeed reindex` repairs it.
//!
//! Files: `analyzer` (normalising and terms), `query` (the language), `index` (tantivy),
//! `matcher` (a query matched in memory with the index's verdict, for digests).

pub mod analyzer;
pub mod index;
pub mod matcher;
pub mod query;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::config::Config;
use crate::model::Item;
use crate::store::Store;

pub use analyzer::{Analyzer, CHOSEN};
pub use index::{Filter, Hit, Placing, SearchIndex};
pub use matcher::{ItemTerms, Matcher};
pub use query::{MAX_QUERY_CHARS, Parsed, QueryError, parse};

/// Text of stored HTML (a summary) for showing or matching: tags out.
pub fn plain_text(html: &str) -> String {
    index::strip_tags(html)
}

/// Where the index of a config lives.
pub fn index_dir(config: &Config) -> PathBuf {
    config.service.data_dir.join("search")
}

/// Opens the config's index with the chosen analyser.
pub fn open(config: &Config) -> Result<SearchIndex> {
    SearchIndex::open(&index_dir(config), CHOSEN)
}

/// Opens the index in `dir` (tests and tools name their own folder).
pub fn open_at(dir: &Path) -> Result<SearchIndex> {
    SearchIndex::open(dir, CHOSEN)
}

/// An item's place as the index records it, from the config's region tree and zones.
pub fn placing(config: &Config, item: &Item) -> Placing {
    let mut p = Placing::default();
    for r in config.region_and_ancestors(&item.region) {
        p.regions.push(r.id.clone());
        p.names.push(r.name.clone());
    }
    if p.regions.is_empty() {
        // A region since removed from the config: still filterable by its own id.
        p.regions.push(item.region.clone());
    }
    if let Some(z) = &item.zone {
        p.zone = Some(z.clone());
        p.names.push(z.clone());
        if let Some(zone) = config.zone(z) {
            p.names.push(zone.name.clone());
            p.names.extend(zone.aliases.iter().cloned());
        }
    }
    if let Some(name) = config.source(&item.source).and_then(|s| s.name.clone()) {
        p.names.push(name);
    }
    p
}

/// Indexes `items` (as just stored) with their places.
pub fn index_items(config: &Config, index: &SearchIndex, items: &[Item]) -> Result<()> {
    let docs: Vec<(&Item, Placing)> = items.iter().map(|i| (i, placing(config, i))).collect();
    index.upsert(&docs)
}

/// Items read from the store in one go while catching up; bounds memory, not speed.
const CATCH_UP_BATCH: usize = 1000;

/// Adds to the index what the store holds and it lacks (see the module invariants).
/// Returns how many items were indexed.
pub fn catch_up(config: &Config, store: &Store, index: &SearchIndex) -> Result<usize> {
    catch_up_with(config, store, index, |_| {})
}

/// [`catch_up`], calling `progress` with the number of items each batch read (the
/// terminal progress of `zonefeed reindex`).
pub fn catch_up_with(
    config: &Config,
    store: &Store,
    index: &SearchIndex,
    mut progress: impl FnMut(usize),
) -> Result<usize> {
    let mut done = 0;
    let mut after = index.indexed_seq();
    loop {
        let batch = store.seen_after(after, CATCH_UP_BATCH)?;
        let Some(last) = batch.last() else { break };
        after = last.seq;
        index_items(config, index, &batch)?;
        done += batch.len();
        progress(batch.len());
    }
    // Items of a concurrent poll that committed a higher sequence first, then crashed
    // before its own batch: the counts tell, and only then is the whole store walked.
    if (index.num_docs() as usize) < store.count(&crate::store::Selector::All) {
        let mut after = 0;
        loop {
            let batch = store.seen_after(after, CATCH_UP_BATCH)?;
            let Some(last) = batch.last() else { break };
            after = last.seq;
            let missing: Vec<Item> = batch
                .into_iter()
                .filter(|i| !index.contains(&i.source, &i.id))
                .collect();
            index_items(config, index, &missing)?;
            done += missing.len();
        }
    }
    Ok(done)
}

/// Empties the index and indexes every stored item again.
pub fn reindex(config: &Config, store: &Store, index: &SearchIndex) -> Result<usize> {
    reindex_with(config, store, index, |_| {})
}

/// [`reindex`] with a progress callback (see [`catch_up_with`]).
pub fn reindex_with(
    config: &Config,
    store: &Store,
    index: &SearchIndex,
    progress: impl FnMut(usize),
) -> Result<usize> {
    index.clear().context("cannot clear the search index")?;
    catch_up_with(config, store, index, progress)
}

/// Runs a query: the matching items, newest first, read from the store. An empty query
/// with a filter lists the filter's items; unknown region or zone ids are errors.
///
/// With `[stories]` on, a story is one hit: its newest matching copy stands for it, where
/// that copy stands (as a region feed places a story by its newest copy), and the other
/// copies are left out; the index is asked for more hits until `limit` distinct stories
/// are found or it has no more.
pub fn search(
    config: &Config,
    store: &Store,
    index: &SearchIndex,
    q: &str,
    filter: &Filter,
    limit: usize,
) -> Result<Vec<Item>> {
    Ok(search_found(config, store, index, q, filter, limit)?
        .into_iter()
        .map(|f| f.item)
        .collect())
}

/// One result of [`search_found`]: the item, and with `[stories]` on the story it stands
/// for (its id and record; no record for a story of one copy).
#[derive(Debug, Clone)]
pub struct Found {
    pub item: Item,
    pub story: Option<([u8; 16], Option<crate::store::StoryRecord>)>,
}

impl Found {
    /// Copies of the story this result stands for (1 for an item alone).
    pub fn copies(&self) -> usize {
        self.story
            .as_ref()
            .and_then(|(_, r)| r.as_ref())
            .map_or(1, |r| r.copies.len().max(1))
    }
}

/// Hits asked of the index at first when stories collapse, per result wanted; then four
/// times as many each round, up to [`MAX_COLLAPSE_HITS`].
const COLLAPSE_FACTOR: usize = 3;
const MAX_COLLAPSE_HITS: usize = 100_000;

/// [`search`] with each result's story (see there for how stories collapse).
pub fn search_found(
    config: &Config,
    store: &Store,
    index: &SearchIndex,
    q: &str,
    filter: &Filter,
    limit: usize,
) -> Result<Vec<Found>> {
    let parsed = if q.trim().is_empty() && (filter.region.is_some() || filter.zone.is_some()) {
        None
    } else {
        Some(parse(q).map_err(|e| anyhow::anyhow!("invalid query: {e}"))?)
    };
    // People name places by id, name or alias (苏州市, 苏州, 苏州园区); the index holds ids.
    let region = match &filter.region {
        Some(r) => match config.find_region(r) {
            Some(found) => Some(found.id.clone()),
            None => anyhow::bail!("unknown region {r:?}"),
        },
        None => None,
    };
    let zone = match &filter.zone {
        Some(z) => match config.find_zone(z) {
            Some(found) => Some(found.id.clone()),
            None => anyhow::bail!("unknown zone {z:?}"),
        },
        None => None,
    };
    let filter = Filter {
        region,
        zone,
        any_regions: filter.any_regions.clone(),
        any_zones: filter.any_zones.clone(),
    };
    if !config.stories.enabled {
        let hits = index.search(parsed.as_ref(), &filter, limit)?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            // A hit whose item is gone (a store rebuilt under the index) is skipped.
            if let Some(item) = store.get(&h.source, &h.id)? {
                out.push(Found { item, story: None });
            }
        }
        return Ok(out);
    }
    let mut want = limit.saturating_mul(COLLAPSE_FACTOR).max(limit + 10);
    loop {
        let hits = index.search(parsed.as_ref(), &filter, want)?;
        let exhausted = hits.len() < want || want >= MAX_COLLAPSE_HITS;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(limit);
        for h in hits {
            if out.len() >= limit {
                break;
            }
            // A hit whose item is gone (a store rebuilt under the index) is skipped.
            let Some(item) = store.get(&h.source, &h.id)? else {
                continue;
            };
            let (sid, record) = store.story_of_item(&h.source, &h.id)?;
            if seen.insert(sid) {
                out.push(Found {
                    item,
                    story: Some((sid, record)),
                });
            }
        }
        if out.len() >= limit || exhausted {
            return Ok(out);
        }
        want = want.saturating_mul(4).min(MAX_COLLAPSE_HITS);
    }
}

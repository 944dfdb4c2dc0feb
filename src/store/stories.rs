//! The story index: which items are copies of one story, kept in sled beside the items.
//!
//! Trees:
//! - `story_keys`: the index's generation (4 bytes, see [`list_key`]) and a posting key (10
//!   bytes: kind, a zero byte, hash; see [`crate::stories::posting_keys`]) -> entries of 24
//!   bytes (item key, then its date as sortable time): the items a later copy may be found
//!   through;
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
//! - a story's id is its first copy's key (lowest sequence number). A new item joins the
//!   oldest story it matches; every other story it matches moves into that one unless a
//!   copy of one contradicts a copy of the other (`contradicts`): the younger story's id
//!   gives way and its copies are credited to the older. So the partition into stories does
//!   not depend on the order items arrive in (tests/stories.rs shuffles the labelled sets);
//!   stories are never split;
//! - the work per new item is bounded: at most [`MAX_POSTING`] entries per posting list and
//!   [`MAX_CANDIDATES`] items compared, whatever the size of the store.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::feature_cache::FeatureCache;
use super::{ItemKey, Store, time_bytes};
use crate::model::Item;
use crate::stories::{Apart, Features, Reason, Rules, Verdict, compare, posting_keys};

/// Entries kept per posting list. A list this long is a bucket that boilerplate fills (a
/// site's footer in every body): its oldest entries go, which bounds the work per item.
pub(crate) const MAX_POSTING: usize = 24;
/// Items compared with a new one at most, those sharing the most keys first.
pub(crate) const MAX_CANDIDATES: usize = 16;
pub(super) const ENTRY: usize = 24;
/// Weight of shared keys a candidate needs to be compared: its link, its title, one of the
/// new item's first [`LEAD_KEY_SENTENCES`] sentences, or two of its other key sentences.
const MIN_HITS: u32 = 2;
/// The sentences a brief and its article meet at: the first (a brief that is the first
/// paragraph) or the second (a WeChat version whose first sentence says 今天 for 12月12日).
const LEAD_KEY_SENTENCES: usize = 2;

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
    /// The index's generation (see [`list_key`]).
    pub generation: u32,
}

/// A posting list's key in `story_keys`: the index's generation, then the posting key. A
/// rebuild starts a new generation instead of clearing the tree (clearing 400,000 lists
/// one by one was a tenth of rebuilding 100,000 items); the lists of older generations
/// are never read again, and sweeps remove them (`Store::sweep_postings`).
pub(super) fn list_key(generation: u32, pk: &[u8; 10]) -> [u8; LIST_KEY] {
    let mut k = [0u8; LIST_KEY];
    k[..4].copy_from_slice(&generation.to_be_bytes());
    k[4..].copy_from_slice(pk);
    k
}

pub(super) const LIST_KEY: usize = 4 + 10;

type TxResult<T> = Result<T, ConflictableTransactionError<sled::Error>>;

/// Reads of the story trees, inside the item transaction or (for dry runs) outside it.
pub(super) trait StoryReads {
    fn item_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>>;
    /// The posting list under `pk` in the current generation.
    fn posting(&self, pk: &[u8; 10]) -> TxResult<Option<sled::IVec>>;
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
    fn posting(&self, pk: &[u8; 10]) -> TxResult<Option<sled::IVec>> {
        Ok(self.keys.get(list_key(self.generation, pk))?)
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
    fn posting(&self, pk: &[u8; 10]) -> TxResult<Option<sled::IVec>> {
        Ok(self.story_keys.get(list_key(self.story_generation(), pk))?)
    }
    fn story_of_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.story_of.get(key)?)
    }
    fn story_bytes(&self, key: &[u8]) -> TxResult<Option<sled::IVec>> {
        Ok(self.stories.get(key)?)
    }
}

/// A posting entry's time as microseconds since the epoch (see `time_bytes`).
pub(super) fn micros(t: [u8; 8]) -> i64 {
    (u64::from_be_bytes(t) ^ (1 << 63)) as i64
}

fn abort(msg: String) -> ConflictableTransactionError<sled::Error> {
    ConflictableTransactionError::Abort(sled::Error::Unsupported(msg))
}

/// Files a new item: finds the stories it belongs to (merging them when it ties two
/// together), records it there, and adds it to its posting lists. `features` are the
/// item's own. Returns the story it joined.
pub(super) fn file_item(
    tx: &StoryTx<'_>,
    key: &ItemKey,
    item: &Item,
    features: &Features,
    rules: &Rules,
    now: DateTime<Utc>,
) -> TxResult<Option<ItemKey>> {
    // The keys once: the sample of sentences sorts the body's.
    let keys = posting_keys(features);
    let joined = attach(tx, key, item, features, &keys, rules)?;
    for pk in keys {
        add_posting(tx, &pk, key, features.published, rules, now)?;
    }
    Ok(joined)
}

/// Joins an item to the stories it matches: the oldest of them (by its first copy) takes
/// the item, and every other one that nothing in either contradicts moves into it. The
/// partition this forms does not depend on the order items arrive in: a copy that arrives
/// before the one that links it to the story is gathered in when that one comes.
///
/// Idempotent: an item filed again (a rebuild reaching an item a poll filed meanwhile)
/// starts from the story it is in, and only merges.
fn attach(
    tx: &StoryTx<'_>,
    key: &ItemKey,
    item: &Item,
    features: &Features,
    keys: &[[u8; 10]],
    rules: &Rules,
) -> TxResult<Option<ItemKey>> {
    let mut found = find_stories(tx, key, features, keys, rules)?;
    found.sort_by_key(|m| (m.first_seq, m.sid));
    let own = story_id_tx(tx, key)?;
    // (story id, its first copy's sequence number, the copies compared when it meets another)
    let mut target: Option<(ItemKey, u64, Vec<Arc<Features>>)> = match read_record(tx, &own)? {
        Some(r) => {
            let first = r.copies.first().map_or(u64::MAX, |c| c.seq);
            Some((own, first, story_copies(tx, &own, Some(&r), rules)?))
        }
        None => None,
    };
    for m in found {
        if m.sid == own {
            continue;
        }
        let Some((sid, first, copies)) = &mut target else {
            // The oldest story the item matches, which find_stories checked against it.
            join(tx, &m.sid, key, item, m.reason)?;
            let mut copies = m.copies;
            copies.push(Arc::new(features.clone()));
            target = Some((m.sid, m.first_seq, copies));
            continue;
        };
        let theirs = m.copies;
        if !compatible(copies, &theirs, rules) {
            continue;
        }
        if (m.first_seq, m.sid) < (*first, *sid) {
            merge(tx, &m.sid, sid, m.reason)?;
            (*sid, *first) = (m.sid, m.first_seq);
        } else {
            merge(tx, sid, &m.sid, m.reason)?;
        }
        copies.extend(theirs);
    }
    Ok(target.map(|(sid, _, _)| sid).filter(|sid| sid != key))
}

/// A story an item matches: its id, its first copy's sequence number, the best reason, and
/// the features of its first copies (read once, to check them against the item and then
/// against the other stories the item matches).
pub(super) struct Found {
    pub(super) sid: ItemKey,
    pub(super) first_seq: u64,
    pub(super) reason: Reason,
    copies: Vec<Arc<Features>>,
}

/// Copies of a story compared when it meets another: enough to see a contradiction (a
/// template's other figures, another zone), bounded whatever the story's size.
const COPIES_COMPARED: usize = 8;

/// The features of a story's first copies (at most [`COPIES_COMPARED`]), given its record
/// (None: a story of one item, `sid`).
fn story_copies(
    tx: &impl StoryReads,
    sid: &ItemKey,
    record: Option<&StoryRecord>,
    rules: &Rules,
) -> TxResult<Vec<Arc<Features>>> {
    let keys: Vec<ItemKey> = match record {
        Some(r) => r.copies.iter().filter_map(CopyRef::item_key).collect(),
        None => vec![*sid],
    };
    let mut out = Vec::new();
    for k in keys.iter().take(COPIES_COMPARED) {
        if let Some(f) = tx.features(k, rules)? {
            out.push(f);
        }
    }
    Ok(out)
}

/// Nothing in one group contradicts anything in the other: no two copies are told apart by
/// their facts, their zones or their titles over other bodies.
fn compatible(a: &[Arc<Features>], b: &[Arc<Features>], rules: &Rules) -> bool {
    a.iter()
        .all(|x| b.iter().all(|y| !contradicts(compare(x, y, rules.window))))
}

/// A verdict that says two items are two stories, not merely that they look unalike.
fn contradicts(v: Verdict) -> bool {
    matches!(
        v,
        Verdict::Apart(
            Apart::Zones
                | Apart::TitleFacts
                | Apart::TitlePlaces
                | Apart::BodyFacts
                | Apart::TitleBody
        )
    )
}

/// Moves every copy of story `from` into story `into` (an older one): their `story_of`
/// entries name `into`, `from`'s record goes. `from`'s first copy is credited with why
/// the two met.
fn merge(tx: &StoryTx<'_>, into: &ItemKey, from: &ItemKey, reason: Reason) -> TxResult<()> {
    let mut target = record_or_first(tx, into)?;
    let moved = record_or_first(tx, from)?;
    for mut c in moved.copies {
        if target.copies.iter().any(|t| t.key == c.key) {
            continue;
        }
        if c.reason.is_none() {
            c.reason = Some(reason.as_str().to_string());
        }
        if let Some(k) = c.item_key() {
            tx.story_of.insert(&k, into)?;
        }
        target.copies.push(c);
    }
    target.copies.sort_by_key(|c| c.seq);
    write_record(tx.stories, into, &target)?;
    tx.stories.remove(from)?;
    Ok(())
}

/// A story's record, or the record of a story of one copy (its first) when none is stored.
fn record_or_first(tx: &impl StoryReads, sid: &ItemKey) -> TxResult<StoryRecord> {
    match read_record(tx, sid)? {
        Some(r) => Ok(r),
        None => {
            let first = read_item(tx, sid)?
                .ok_or_else(|| abort("story's first copy is not stored".into()))?;
            Ok(StoryRecord {
                copies: vec![CopyRef::of(sid, &first, None)],
            })
        }
    }
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
        remove_posting(tx, &pk, key)?;
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
            attach(tx, key, item, &new_f, &new_keys, rules)?;
        }
    }
    for pk in new_keys {
        add_posting(tx, &pk, key, new_f.published, rules, now)?;
    }
    Ok(())
}

pub(super) fn story_id_tx(tx: &impl StoryReads, key: &ItemKey) -> TxResult<ItemKey> {
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

/// The stories `features` belong to, among the items filed under the same keys within
/// the window: each story once, with the best reason any of its copies gave, leaving out
/// stories that a copy contradicts (`contradicts`).
pub(super) fn find_stories(
    tx: &impl StoryReads,
    key: &ItemKey,
    features: &Features,
    keys: &[[u8; 10]],
    rules: &Rules,
) -> TxResult<Vec<Found>> {
    let mut hits: HashMap<ItemKey, u32> = HashMap::new();
    // Times compared as microseconds, not as dates: decoding each entry's date was 7% of
    // a first poll of look-alike items (every posting list full).
    let published = features.published.timestamp_micros();
    let window = rules
        .window
        .num_microseconds()
        .unwrap_or(i64::MAX)
        .unsigned_abs();
    let mut lead = 0;
    for pk in keys {
        // A shared link says more than a shared title, and a title more than sentences
        // (candidates are ranked by weight when more than MAX_CANDIDATES share keys). The
        // first sentences are where a brief and its article meet; any other one sentence
        // may be a template's (…相关负责人表示，将持续优化营商环境…) or a site's
        // boilerplate, and each candidate costs a feature extraction: two are needed.
        // Measured on the 30,000-item benchmark: with any one sentence enough, 2.5
        // candidates per new item, most of them days old, out of the feature cache
        // (918 µs per item).
        let weight = match pk[0] {
            b'l' => 1000,
            b't' => 100,
            _ => {
                lead += 1;
                if lead <= LEAD_KEY_SENTENCES { 2 } else { 1 }
            }
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
    // (With MinHash bands of the shingles as keys, before sentences, most candidates were
    // templated reports sharing a band or two, each costing a read and a feature extraction.)
    let mut ranked: Vec<(ItemKey, u32)> =
        hits.into_iter().filter(|(_, h)| *h >= MIN_HITS).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_CANDIDATES);
    // Per story: the best reason, and whether a copy contradicts the item.
    let mut stories: Vec<(ItemKey, Option<Reason>, bool)> = Vec::new();
    for (cand, _) in ranked {
        let Some(other) = tx.features(&cand, rules)? else {
            continue;
        };
        let verdict = compare(features, &other, rules.window);
        // Most candidates merely look unalike (a template's boilerplate): no story lookup.
        if !matches!(verdict, Verdict::Same(..)) && !contradicts(verdict) {
            continue;
        }
        let sid = story_id_tx(tx, &cand)?;
        let at = match stories.iter().position(|s| s.0 == sid) {
            Some(at) => at,
            None => {
                stories.push((sid, None, false));
                stories.len() - 1
            }
        };
        match verdict {
            Verdict::Same(reason, _) => {
                let best = &mut stories[at].1;
                if best.is_none_or(|r| reason > r) {
                    *best = Some(reason);
                }
            }
            v if contradicts(v) => stories[at].2 = true,
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (sid, reason, contradicted) in stories {
        let Some(reason) = reason else { continue };
        if contradicted {
            continue;
        }
        // Copies the item was not compared with (found through no key) may still
        // contradict it: another zone's copy, a template's other figures.
        let record = read_record(tx, &sid)?;
        let copies = story_copies(tx, &sid, record.as_ref(), rules)?;
        if copies
            .iter()
            .any(|f| contradicts(compare(features, f, rules.window)))
        {
            continue;
        }
        let first_seq = match &record {
            Some(r) => r.copies.first().map_or(u64::MAX, |c| c.seq),
            None => read_item(tx, &sid)?.map_or(u64::MAX, |i| i.seq),
        };
        out.push(Found {
            sid,
            first_seq,
            reason,
            copies,
        });
    }
    Ok(out)
}

fn join(
    tx: &StoryTx<'_>,
    sid: &ItemKey,
    key: &ItemKey,
    item: &Item,
    reason: Reason,
) -> TxResult<()> {
    let mut record = record_or_first(tx, sid)?;
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
    tx: &StoryTx<'_>,
    pk: &[u8; 10],
    key: &ItemKey,
    published: DateTime<Utc>,
    rules: &Rules,
    now: DateTime<Utc>,
) -> TxResult<()> {
    let cutoff = (now - rules.window - rules.window).timestamp_micros();
    let lk = list_key(tx.generation, pk);
    let old = tx.keys.get(lk)?;
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
    tx.keys.insert(lk.as_slice(), &list[excess * ENTRY..])?;
    Ok(())
}

fn remove_posting(tx: &StoryTx<'_>, pk: &[u8; 10], key: &ItemKey) -> TxResult<()> {
    let lk = list_key(tx.generation, pk);
    let Some(old) = tx.keys.get(lk)? else {
        return Ok(());
    };
    let list: Vec<u8> = old
        .chunks_exact(ENTRY)
        .filter(|e| &e[..16] != key.as_slice())
        .flatten()
        .copied()
        .collect();
    if list.is_empty() {
        tx.keys.remove(lk.as_slice())?;
    } else if list.len() != old.len() {
        tx.keys.insert(lk.as_slice(), list)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::item;
    use crate::stories::{Lexicon, Rules};

    const P1: &str = "11月20日上午，南通高新区人工智能产业园二期正式开园，首批入驻企业32家，涵盖智能制造、工业软件和智能网联汽车等领域。";
    const P2: &str = "二期园区总建筑面积18万平方米，建有公共算力平台、中试车间和人才公寓，可满足企业从研发到量产的全周期需求。";
    const P3: &str = "开园仪式上，园区发布了30个“人工智能+制造”应用场景清单，面向全国征集解决方案，单个场景最高给予500万元支持。";

    fn rules() -> Rules {
        Rules::new(
            std::time::Duration::from_secs(7 * 86_400),
            Lexicon::new([("南通高新区".to_string(), "z:nt".to_string())]),
        )
    }

    fn news(source: &str, id: &str, zone: Option<&str>, title: &str, paras: &[&str]) -> Item {
        let mut i = item(source, id, "nantong", zone, 20);
        i.title = title.into();
        i.content = Some(paras.iter().map(|p| format!("<p>{p}</p>")).collect());
        i
    }

    /// A brief and a copy without the first paragraph share nothing, so each is a story
    /// of its own until the article that holds both arrives: then the three are one story,
    /// under the older story's id, whichever of the three came first.
    #[test]
    fn an_item_that_ties_two_stories_together_merges_them_under_the_older() -> Result<()> {
        let rules = rules();
        let brief = news(
            "gov",
            "brief",
            Some("nt"),
            "南通高新区人工智能产业园二期开园",
            &[P1],
        );
        let tail = news(
            "portal",
            "tail",
            None,
            "30个应用场景发布，单个最高支持500万元",
            &[P2, P3],
        );
        let article = news(
            "zone",
            "article",
            Some("nt"),
            "南通高新区人工智能产业园二期正式开园",
            &[P1, P2, P3],
        );
        let orders: [[&Item; 3]; 3] = [
            [&brief, &tail, &article],
            [&tail, &brief, &article],
            [&article, &tail, &brief],
        ];
        for order in orders {
            let dir = tempfile::tempdir()?;
            let store = Store::open(dir.path())?;
            for i in order {
                store.upsert_with(std::slice::from_ref(i), i.published, Some(&rules))?;
            }
            let (sid, record) = store.story_of_item("zone", "article")?;
            let record = record.expect("one story");
            assert_eq!(record.copies.len(), 3, "{order:?}");
            // The story's id is its first copy's key: the first stored.
            assert_eq!(sid, super::super::item_key(&order[0].source, &order[0].id));
            assert_eq!(store.story_of_item("gov", "brief")?.0, sid);
            assert_eq!(store.story_of_item("portal", "tail")?.0, sid);
            assert_eq!(store.stories.len(), 1, "the younger story's record is gone");
        }
        Ok(())
    }

    /// Lists whose newest entry is older than two windows go; a copy within the window
    /// still finds its original afterwards.
    #[test]
    fn stale_posting_lists_are_swept() -> Result<()> {
        let rules = rules();
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let mut old = news(
            "a",
            "old",
            Some("nt"),
            "南通高新区人工智能产业园二期开园",
            &[P1, P2],
        );
        old.published -= chrono::Duration::days(20);
        let recent = news(
            "b",
            "recent",
            Some("nt"),
            "南通高新区人工智能产业园二期正式开园",
            &[P1, P2, P3],
        );
        for i in [&old, &recent] {
            store.upsert_with(std::slice::from_ref(i), i.published, Some(&rules))?;
        }
        let before = store.story_keys.len();
        let removed = store.sweep_postings(&rules, recent.published)?;
        assert!(removed > 0, "the old item's lists");
        assert_eq!(store.story_keys.len(), before - removed);
        let copy = news(
            "c",
            "copy",
            Some("nt"),
            "【转载】南通高新区人工智能产业园二期正式开园",
            &[P1, P2, P3],
        );
        store.upsert_with(std::slice::from_ref(&copy), recent.published, Some(&rules))?;
        assert_eq!(
            store.story_of_item("c", "copy")?.0,
            store.story_of_item("b", "recent")?.0
        );
        assert_eq!(store.sweep_postings(&rules, recent.published)?, 0);
        Ok(())
    }

    /// A brief without the zone's name matches templated reports of two zones; it joins
    /// one, and the two zones' stories stay apart.
    #[test]
    fn a_weak_link_leaves_contradicting_stories_apart() -> Result<()> {
        let rules = Rules::new(
            std::time::Duration::from_secs(7 * 86_400),
            Lexicon::new([
                ("南通高新区".to_string(), "z:nt".to_string()),
                ("南通经开区".to_string(), "z:etdz".to_string()),
            ]),
        );
        let body = |zone: &str, n: &str| {
            [
                format!("11月20日，{zone}举行四季度重大项目集中开工活动，{n}个项目集中开工。"),
                "项目涵盖高端装备、新材料和生物医药等领域，建成后将进一步壮大园区主导产业集群，\
                 为全年经济发展目标任务的完成提供有力支撑，并带动上下游配套企业集聚发展。"
                    .to_string(),
            ]
        };
        let a = body("南通高新区", "12");
        let b = body("南通经开区", "15");
        let x = news(
            "nt",
            "x",
            Some("nt"),
            "南通高新区四季度重大项目集中开工",
            &[&a[0], &a[1]],
        );
        let y = news(
            "etdz",
            "y",
            Some("etdz"),
            "南通经开区四季度重大项目集中开工",
            &[&b[0], &b[1]],
        );
        let brief = news("paper", "brief", None, "一批重大项目集中开工", &[&a[1]]);
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        for i in [&x, &y, &brief] {
            store.upsert_with(std::slice::from_ref(i), i.published, Some(&rules))?;
        }
        let (sx, sy) = (
            store.story_of_item("nt", "x")?.0,
            store.story_of_item("etdz", "y")?.0,
        );
        assert_ne!(sx, sy);
        let (sb, record) = store.story_of_item("paper", "brief")?;
        assert!(sb == sx || sb == sy, "the brief joined one of them");
        assert_eq!(record.map(|r| r.copies.len()), Some(2));
        Ok(())
    }
}

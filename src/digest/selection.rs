//! Which items a subscription's digest gets: those first seen after its cursor, in its
//! regions (with every region below them) or zones, passing its keywords and exclusions,
//! and, when it names `topics`, matching at least one of them (the topic's query and its
//! own regions and zones, judged by `search::Matcher` exactly as the search index would);
//! newest first, at most `max_items`.
//!
//! An item's search terms are worked out at most once per batch ([`Recent`] keeps them
//! beside the items), however many subscribers name topics.
//!
//! With `[stories]` on, a story is listed once (by its first matching copy) and not at all
//! when a copy first seen before the cursor already matched: that copy was in an earlier
//! digest to this subscriber (or counted in its "另有 N 条"), so a repost arriving later
//! is not news to them.
//!
//! Invariant: the highest sequence number considered is returned with the items, so a
//! run's cursor can move past everything it looked at, matched or not.

use std::collections::HashSet;
use std::sync::OnceLock;

use anyhow::Result;

use crate::config::{Config, Subscription};
use crate::model::Item;
use crate::parse::html_to_text;
use crate::search::{CHOSEN, ItemTerms, Matcher};
use crate::store::Store;

/// Does the item belong in this subscription's digest?
pub fn matches(sub: &Subscription, regions: &HashSet<String>, item: &Item) -> bool {
    let placed = (sub.regions.is_empty() && sub.zones.is_empty())
        || regions.contains(&item.region)
        || item.zone.as_ref().is_some_and(|z| sub.zones.contains(z));
    if !placed {
        return false;
    }
    if sub.keywords.is_empty() && sub.exclude.is_empty() {
        return true;
    }
    let mut text = item.title.clone();
    for html in [&item.summary, &item.content].into_iter().flatten() {
        text.push('\n');
        text.push_str(&html_to_text(html));
    }
    (sub.keywords.is_empty() || sub.keywords.iter().any(|k| text.contains(k.as_str())))
        && !sub.exclude.iter().any(|k| text.contains(k.as_str()))
}

/// An item's terms as the search index holds them.
fn item_terms(config: &Config, item: &Item) -> ItemTerms {
    ItemTerms::new(CHOSEN, item, &crate::search::placing(config, item))
}

/// What a subscription accepts, worked out once per run: its region set and its topics'
/// compiled queries.
pub(crate) struct Chooser<'a> {
    config: &'a Config,
    sub: &'a Subscription,
    regions: HashSet<String>,
    /// Empty when the subscription names no topic (no topic condition). A named topic
    /// that no longer exists, or whose query no longer parses, matches nothing.
    topics: Vec<Matcher>,
}

impl<'a> Chooser<'a> {
    pub(crate) fn new(config: &'a Config, sub: &'a Subscription) -> Chooser<'a> {
        let topics = sub
            .topics
            .iter()
            .filter_map(|id| config.topic(id))
            .filter_map(|t| {
                let parsed = crate::search::parse(&t.query).ok()?;
                Some(Matcher::new(CHOSEN, &parsed).within(&t.regions, &t.zones))
            })
            .collect();
        Chooser {
            config,
            sub,
            regions: region_set(config, sub),
            topics,
        }
    }

    /// Does `item` belong in the digest? `terms` are its search terms when already known.
    pub(crate) fn accepts(&self, item: &Item, terms: Option<&ItemTerms>) -> bool {
        if !matches(self.sub, &self.regions, item) {
            return false;
        }
        if self.sub.topics.is_empty() {
            return true;
        }
        match terms {
            Some(t) => self.topics.iter().any(|m| m.matches(t)),
            None => {
                let t = item_terms(self.config, item);
                self.topics.iter().any(|m| m.matches(&t))
            }
        }
    }
}

/// The subscription's regions with every region below them.
pub(crate) fn region_set(config: &Config, sub: &Subscription) -> HashSet<String> {
    sub.regions
        .iter()
        .flat_map(|r| config.region_and_descendants(r))
        .map(|r| r.id.clone())
        .collect()
}

/// Items first seen after `cursor` that match, newest first, at most `max_items`; the number
/// left out; and the highest sequence number considered.
pub fn select(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    cursor: u64,
) -> Result<(Vec<Item>, usize, u64)> {
    select_in(config, store, sub, cursor, None)
}

/// Items first seen after a cursor, read once for a batch of digest runs. Each of 10,000
/// subscriptions reading and decoding every new item itself was most of a batch's time.
pub(crate) struct Recent {
    /// Every item with a sequence number above this is in `items`, ascending.
    from: u64,
    items: Vec<Item>,
    /// `items[i]`'s search terms, made when a subscriber with topics first asks.
    terms: Vec<OnceLock<ItemTerms>>,
}

impl Recent {
    pub fn load(store: &Store, from: u64) -> Result<Recent> {
        let items = store.seen_after(from, usize::MAX)?;
        let terms = items.iter().map(|_| OnceLock::new()).collect();
        Ok(Recent { from, items, terms })
    }

    /// The items after `cursor` with their (lazy) terms, if this holds all of them.
    fn after(&self, cursor: u64) -> Option<(&[Item], &[OnceLock<ItemTerms>])> {
        (cursor >= self.from).then(|| {
            let start = self.items.partition_point(|i| i.seq <= cursor);
            (&self.items[start..], &self.terms[start..])
        })
    }

    pub(super) fn by_seq(&self, seq: u64) -> Option<&Item> {
        self.items
            .binary_search_by_key(&seq, |i| i.seq)
            .ok()
            .map(|i| &self.items[i])
    }
}

pub(super) fn select_in(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    cursor: u64,
    recent: Option<&Recent>,
) -> Result<(Vec<Item>, usize, u64)> {
    let chooser = Chooser::new(config, sub);
    let mut matched = Vec::new();
    let mut last = cursor;
    if let Some((items, terms)) = recent.and_then(|r| r.after(cursor)) {
        let with_topics = !sub.topics.is_empty();
        matched.extend(
            items
                .iter()
                .zip(terms)
                .filter(|(i, t)| {
                    let t = with_topics.then(|| t.get_or_init(|| item_terms(config, i)));
                    chooser.accepts(i, t)
                })
                .map(|(i, _)| i.clone()),
        );
        last = items.last().map_or(cursor, |i| i.seq);
    } else {
        loop {
            let batch = store.seen_after(last, 1000)?;
            let Some(end) = batch.last().map(|i| i.seq) else {
                break;
            };
            matched.extend(batch.into_iter().filter(|i| chooser.accepts(i, None)));
            last = end;
        }
    }
    if config.stories.enabled {
        matched = once_per_story(store, &chooser, cursor, matched)?;
    }
    matched.sort_by(|a, b| b.published.cmp(&a.published).then(b.seq.cmp(&a.seq)));
    let more = matched.len().saturating_sub(sub.max_items);
    matched.truncate(sub.max_items);
    Ok((matched, more, last))
}

/// One item per story among `matched` (ascending sequence numbers): the first copy of each
/// story, and none of a story a copy of which, first seen at or before `cursor`, matched.
fn once_per_story(
    store: &Store,
    chooser: &Chooser<'_>,
    cursor: u64,
    matched: Vec<Item>,
) -> Result<Vec<Item>> {
    let mut seen_stories = HashSet::new();
    let mut out = Vec::with_capacity(matched.len());
    for item in matched {
        let (sid, record) = store.story_of_item(&item.source, &item.id)?;
        if !seen_stories.insert(sid) {
            continue;
        }
        if let Some(record) = record {
            let earlier: Vec<_> = record
                .copies
                .iter()
                .filter(|c| c.seq <= cursor)
                .map(|c| c.seq)
                .collect();
            let mailed = store
                .items_by_seqs(&earlier)?
                .iter()
                .any(|i| chooser.accepts(i, None));
            if mailed {
                continue;
            }
        }
        out.push(item);
    }
    Ok(out)
}

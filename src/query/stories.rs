//! Story queries: stories with their copies (`zonefeed stories`, `/api/stories`), the story
//! id of a stored item (`items --json`), and the story each entry of a dry run would join
//! (`inspect --source`, `/api/stories/joins`).
//!
//! A story's id is its first copy's feed entry id (`urn:uuid:…`): what readers saw, and
//! what it stays however many copies join.

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::wire;
use crate::classify::Placement;
use crate::config::{Config, Source};
use crate::model::{Entry, Item};
use crate::publish::{item_uuid, primary};
use crate::store::{Selector, Store};

/// Which stories to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryFilter {
    pub region: Option<String>,
    pub zone: Option<String>,
    pub limit: usize,
}

/// One story: the entry feeds show, and every copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryView {
    /// First seen first.
    pub copies: Vec<CopyView>,
    /// The first copy's feed entry id.
    pub id: String,
    /// The primary copy's link.
    #[serde(with = "wire::opt")]
    pub link: Option<String>,
    /// The first copy's date.
    #[serde(with = "wire::time")]
    pub published: DateTime<Utc>,
    /// Every copy's region and zone, each once: the feeds the story is in.
    pub regions: Vec<String>,
    pub title: String,
    pub zones: Vec<String>,
}

/// One copy of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyView {
    #[serde(with = "wire::time")]
    pub first_seen: DateTime<Utc>,
    pub id: String,
    #[serde(with = "wire::opt")]
    pub link: Option<String>,
    /// The copy that stands for the story (its link and title).
    pub primary: bool,
    #[serde(with = "wire::time")]
    pub published: DateTime<Utc>,
    /// Why it joined: link, title or text; null for the first copy.
    #[serde(with = "wire::opt")]
    pub reason: Option<String>,
    pub source: String,
    pub title: String,
}

/// Which story an entry of a dry run would join.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryJoin {
    /// The entry's id (as `inspect` prints it).
    pub entry: String,
    /// Why it would join (link, title, text), or "stored" when it is stored already (then
    /// `story` is the story it belongs to); null when it would be a story of its own.
    #[serde(with = "wire::opt")]
    pub reason: Option<String>,
    /// The story's id; null when the entry would start a story of its own.
    #[serde(with = "wire::opt")]
    pub story: Option<String>,
    /// The story's title (its primary copy's).
    #[serde(with = "wire::opt")]
    pub title: Option<String>,
}

/// The story id of a stored item (see [`super::ItemView::story`]).
pub(super) fn story_id_of(store: &Store, item: &Item) -> Result<String> {
    let (_, record) = store.story_of_item(&item.source, &item.id)?;
    Ok(match record.as_ref().and_then(|r| r.copies.first()) {
        Some(first) => crate::publish::entry_uuid(&first.source, &first.id),
        None => item_uuid(item),
    })
}

/// Stories newest first (as feeds list them). Unknown region or zone ids are errors, and so
/// is asking with stories off.
pub fn stories(config: &Config, store: &Store, filter: &StoryFilter) -> Result<Vec<StoryView>> {
    if !config.stories.enabled {
        bail!("stories are off ([stories] enabled = false): every item is its own entry");
    }
    let selector = match (&filter.zone, &filter.region) {
        (Some(z), _) => {
            if config.zone(z).is_none() {
                bail!("unknown zone {z:?}");
            }
            Selector::Zone(z.clone())
        }
        (None, Some(r)) => {
            if config.region(r).is_none() {
                bail!("unknown region {r:?}");
            }
            Selector::Regions(
                config
                    .region_and_descendants(r)
                    .iter()
                    .map(|r| r.id.clone())
                    .collect(),
            )
        }
        (None, None) => Selector::All,
    };
    let mut out = Vec::new();
    for sid in store.newest_story_keys(&selector, filter.limit)? {
        let mut items: Vec<(Item, Option<String>)> = match store.story(&sid)? {
            Some(record) => {
                let mut v = Vec::with_capacity(record.copies.len());
                for c in &record.copies {
                    if let Some(item) = store.get(&c.source, &c.id)? {
                        v.push((item, c.reason.clone()));
                    }
                }
                v
            }
            None => store
                .items_by_keys(&[sid])?
                .into_values()
                .map(|i| (i, None))
                .collect(),
        };
        items.sort_by_key(|(i, _)| i.seq);
        let Some(first) = items.first().map(|(i, _)| i.clone()) else {
            continue;
        };
        let Some(lead) = primary(config, items.iter().map(|(i, _)| i)).cloned() else {
            continue;
        };
        let mut regions: Vec<String> = Vec::new();
        let mut zones: Vec<String> = Vec::new();
        for (i, _) in &items {
            if !regions.contains(&i.region) {
                regions.push(i.region.clone());
            }
            if let Some(z) = &i.zone
                && !zones.contains(z)
            {
                zones.push(z.clone());
            }
        }
        out.push(StoryView {
            copies: items
                .iter()
                .map(|(i, reason)| CopyView {
                    first_seen: i.first_seen,
                    id: i.id.clone(),
                    link: i.link.clone(),
                    primary: i.source == lead.source && i.id == lead.id,
                    published: i.published,
                    reason: reason.clone(),
                    source: i.source.clone(),
                    title: i.title.clone(),
                })
                .collect(),
            id: item_uuid(&first),
            link: lead.link.clone(),
            published: first.published,
            regions,
            title: lead.title.clone(),
            zones,
        });
    }
    Ok(out)
}

/// The story each entry of a dry run of `source` would join (stories on), in entry order.
pub fn story_joins(
    config: &Config,
    store: &Store,
    source: &Source,
    placed: &[(Entry, Placement)],
) -> Result<Vec<StoryJoin>> {
    let Some(rules) = config.story_rules() else {
        return Ok(Vec::new());
    };
    let now = Utc::now();
    let mut out = Vec::with_capacity(placed.len());
    for (entry, placement) in placed {
        let item = crate::poll::to_item(source, entry, placement.clone(), now);
        let stored = store.get(&item.source, &item.id)?;
        let (sid, reason) = match &stored {
            Some(it) => (
                Some(store.story_of_item(&it.source, &it.id)?.0),
                Some("stored".to_string()),
            ),
            None => match store.story_for(&item, &rules)? {
                Some((sid, reason)) => (Some(sid), Some(reason.as_str().to_string())),
                None => (None, None),
            },
        };
        let story = match sid {
            Some(sid) => Some(describe(config, store, &sid)?),
            None => None,
        };
        out.push(StoryJoin {
            entry: entry.id.clone(),
            reason: story.as_ref().and(reason),
            story: story.as_ref().map(|s| s.0.clone()),
            title: story.map(|s| s.1),
        });
    }
    Ok(out)
}

/// A story's id and title (its primary copy's).
fn describe(
    config: &Config,
    store: &Store,
    sid: &crate::store::ItemKey,
) -> Result<(String, String)> {
    let items: Vec<Item> = match store.story(sid)? {
        Some(record) => {
            let mut v = Vec::new();
            for c in &record.copies {
                v.extend(store.get(&c.source, &c.id)?);
            }
            v
        }
        None => store.items_by_keys(&[*sid])?.into_values().collect(),
    };
    let first = items.iter().min_by_key(|i| i.seq);
    let lead = primary(config, items.iter());
    match (first, lead) {
        (Some(f), Some(l)) => Ok((item_uuid(f), l.title.clone())),
        _ => bail!("story {} has no stored copy", crate::parse::hex(sid)),
    }
}

//! Reading the story index: the story an item belongs to, a story's record, where its
//! copies stand, the story a new item would join (`inspect`), and the stories of a feed's
//! newest items. Writing it is `stories` (filing) and `rebuild`.

use std::collections::HashMap;

use anyhow::{Context, Result};
use sled::transaction::ConflictableTransactionError;

use super::stories::{StoryRecord, find_stories};
use super::{ItemKey, Selector, Store};
use crate::model::Item;
use crate::stories::{Features, Reason, Rules, posting_keys};

impl Store {
    /// The story an item belongs to: the key of its first copy (its own key when alone).
    pub(crate) fn story_id(&self, key: &ItemKey) -> Result<ItemKey> {
        Ok(self
            .story_of
            .get(key)?
            .and_then(|v| <ItemKey>::try_from(v.as_ref()).ok())
            .unwrap_or(*key))
    }

    /// The story an item not yet stored would join, and why: the same search a new item's
    /// filing does, read-only (`zonefeed inspect --source`).
    pub fn story_for(&self, item: &Item, rules: &Rules) -> Result<Option<(ItemKey, Reason)>> {
        let key = super::item_key(&item.source, &item.id);
        let f = Features::of(item, &rules.lexicon);
        let found = find_stories(self, &key, &f, &posting_keys(&f), rules).map(|found| {
            found
                .into_iter()
                .min_by_key(|m| (m.first_seq, m.sid))
                .map(|m| (m.sid, m.reason))
        });
        found.map_err(|e| match e {
            ConflictableTransactionError::Abort(e) | ConflictableTransactionError::Storage(e) => {
                anyhow::anyhow!("story lookup failed: {e}")
            }
            ConflictableTransactionError::Conflict => anyhow::anyhow!("story lookup conflicted"),
        })
    }

    /// Where every other copy of the item's story is (region, zone); empty for an item alone.
    pub(crate) fn story_places(&self, item: &Item) -> Result<Vec<(String, Option<String>)>> {
        let sid = self.story_id(&super::item_key(&item.source, &item.id))?;
        Ok(self
            .story(&sid)?
            .map(|r| r.copies.into_iter().map(|c| (c.region, c.zone)).collect())
            .unwrap_or_default())
    }

    /// The story of a stored item: its id and record (None for an item alone).
    pub fn story_of_item(&self, source: &str, id: &str) -> Result<(ItemKey, Option<StoryRecord>)> {
        let sid = self.story_id(&super::item_key(source, id))?;
        Ok((sid, self.story(&sid)?))
    }

    /// The record of a story of two copies or more.
    pub fn story(&self, sid: &ItemKey) -> Result<Option<StoryRecord>> {
        match self.stories.get(sid)? {
            Some(v) => Ok(Some(serde_json::from_slice(&v).with_context(|| {
                format!("corrupt story record {}", crate::parse::hex(sid))
            })?)),
            None => Ok(None),
        }
    }

    /// The stories of the newest items of a selection, each once, newest first (a story
    /// stands where its newest copy in the selection stands), at most `limit`.
    pub(crate) fn newest_story_keys(
        &self,
        selector: &Selector,
        limit: usize,
    ) -> Result<Vec<ItemKey>> {
        self.newest_story_keys_cached(selector, limit, &mut HashMap::new())
    }

    /// [`Store::newest_story_keys`] with the story of each item looked up once per `cache`:
    /// an item is in `all`, its regions and its zone, rendered in one batch.
    pub(crate) fn newest_story_keys_cached(
        &self,
        selector: &Selector,
        limit: usize,
        cache: &mut HashMap<ItemKey, ItemKey>,
    ) -> Result<Vec<ItemKey>> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for key in self.keys_newest_first(selector) {
            if out.len() >= limit {
                break;
            }
            let key = key?;
            let sid = match cache.get(&key) {
                Some(sid) => *sid,
                None => {
                    let sid = self.story_id(&key)?;
                    cache.insert(key, sid);
                    sid
                }
            };
            if seen.insert(sid) {
                out.push(sid);
            }
        }
        Ok(out)
    }
}

//! Story features of recently filed items, kept in memory so a burst of look-alike items
//! does not read and re-extract the same candidates again and again.
//!
//! Why: a templated report (the same body under many titles) puts every new item's
//! candidates among the last few dozen items filed; each candidate cost an item read, a
//! JSON decode and a feature extraction. Measured on 200 local feeds whose 10,000 items
//! share one body: 60% of a first poll's CPU was `find_story` extracting candidates'
//! features (16 per new item).
//!
//! Invariants: an entry is the features of the item as stored now, under the rules it was
//! made with (entries carry the rules' id, so a reload's new lexicon never sees old ones);
//! an item whose stored content changes is forgotten in the same transaction that changes
//! it. Bounded: two generations of at most [`CAPACITY`] entries each. When the young one
//! is full it becomes the old one (the old one is dropped); a hit in the old generation
//! moves the entry to the young one, so what is hot stays. (Emptying the whole map when
//! full, as before, dropped the hot candidates with the rest: a fifth of a stories
//! benchmark's time went to extracting them again.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::ItemKey;
use crate::stories::Features;

/// Candidates come from posting lists of at most 24 recent items per key; a thousand
/// covers a burst many times over. An entry is ~5–10 KB, so at most 20 MB in both
/// generations.
const CAPACITY: usize = 1024;

type Entries = HashMap<ItemKey, (u64, Arc<Features>)>;

#[derive(Default)]
struct Generations {
    young: Entries,
    old: Entries,
}

impl Generations {
    fn insert(&mut self, key: ItemKey, entry: (u64, Arc<Features>)) {
        if self.young.len() >= CAPACITY {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(key, entry);
    }
}

#[derive(Default)]
pub(crate) struct FeatureCache {
    /// Item key -> (id of the rules the features were made with, the features).
    map: Mutex<Generations>,
}

impl FeatureCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn get(&self, rules: u64, key: &ItemKey) -> Option<Arc<Features>> {
        let mut g = self.lock();
        if let Some((id, f)) = g.young.get(key) {
            return (*id == rules).then(|| f.clone());
        }
        let (id, f) = g.old.remove(key)?;
        if id != rules {
            return None;
        }
        g.insert(*key, (id, f.clone()));
        Some(f)
    }

    pub(crate) fn put(&self, rules: u64, key: &ItemKey, f: Arc<Features>) {
        self.lock().insert(*key, (rules, f));
    }

    /// The item's stored content changed (or may have).
    pub(crate) fn forget(&self, key: &ItemKey) {
        let mut g = self.lock();
        g.young.remove(key);
        g.old.remove(key);
    }

    /// Everything (the index is rebuilt: features stay valid, but nothing is hot).
    pub(crate) fn clear(&self) {
        *self.lock() = Generations::default();
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        let g = self.lock();
        g.young.len() + g.old.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Change;
    use crate::store::Store;
    use crate::store::item_key;
    use crate::store::tests::item;
    use crate::stories::{Features, Lexicon, Rules};

    const BODY: &str = "<p>9月28日上午，南通高新区举行重大项目集中签约仪式，12个先进制造业项目现场签约，\
        总投资52亿元，涵盖新一代信息技术、高端装备和新材料等领域。</p>\
        <p>区党工委书记在致辞中表示，将以最优服务保障项目早开工、早投产、早见效。</p>";

    /// A candidate's features are cached when a copy is filed against it, forgotten when
    /// its content changes, and what comes back afterwards is the new content's.
    #[test]
    fn a_changed_item_is_never_compared_by_its_old_features() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let rules = Rules::new(
            std::time::Duration::from_secs(7 * 86_400),
            Lexicon::new([("南通高新区".to_string(), "z:nt".to_string())]),
        );
        let mut a = item("s1", "a", "nantong", Some("nt"), 1);
        a.title = "南通高新区12个重大项目集中签约".into();
        a.summary = Some(BODY.into());
        let mut b = item("s2", "b", "nantong", Some("nt"), 1);
        b.title = a.title.clone();
        b.summary = a.summary.clone();
        let now = a.published;
        store.upsert_with(std::slice::from_ref(&a), now, Some(&rules))?;
        store.upsert_with(std::slice::from_ref(&b), now, Some(&rules))?;
        let ka = item_key("s1", "a");
        let cached = store.feature_cache.get(rules.id, &ka);
        assert_eq!(
            cached.map(|f| f.title_key.clone()),
            Some(Features::of(&a, &rules.lexicon).title_key),
            "b was compared with a through the cache"
        );
        assert_eq!(store.story_of_item("s2", "b")?.0, ka, "b joined a");

        a.title = "苏州工业园区举办外资企业座谈会".into();
        a.summary = Some("<p>座谈会上，二十家外资企业负责人就营商环境建言献策。</p>".into());
        let changes = store.upsert_with(std::slice::from_ref(&a), now, Some(&rules))?;
        assert_eq!(changes, [Change::Updated]);
        assert!(
            store.feature_cache.get(rules.id, &ka).is_none(),
            "forgotten"
        );

        // Another copy of the old story: compared with a's new content, not its old.
        let mut c = b.clone();
        c.source = "s3".into();
        c.id = "c".into();
        store.upsert_with(std::slice::from_ref(&c), now, Some(&rules))?;
        if let Some(f) = store.feature_cache.get(rules.id, &ka) {
            assert_eq!(f.title_key, Features::of(&a, &rules.lexicon).title_key);
        }
        assert!(store.feature_cache.len() <= 2 * super::CAPACITY);
        Ok(())
    }
}

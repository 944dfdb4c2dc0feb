//! Marks of items stored or changed whose feeds are not yet rewritten (the `dirty` tree).
//!
//! A mark is set in the item transaction and cleared by the publisher after the feeds it
//! touches are written and synced, so a crash in between is repaired at the next start.
//!
//! Invariant: clearing removes a mark only if it is still the one that was read; an item
//! changed again meanwhile keeps its newer mark.

use anyhow::Result;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::Store;
use crate::model::Item;

/// An item whose feeds are not yet rewritten ([`Store::dirty_marks`]).
#[derive(Debug, Clone)]
pub(crate) struct DirtyMark {
    key: Vec<u8>,
    mark: Vec<u8>,
    /// Where it was before it moved, if it did: those feeds must lose it.
    pub old_region: Option<String>,
    pub old_zone: Option<String>,
}

impl Store {
    /// Items whose feeds still need rewriting (see the `dirty` tree), each with where it
    /// was before if it moved. Publishers read these, rewrite, then [`Store::clear_dirty`].
    pub(crate) fn dirty_marks(&self) -> Result<Vec<DirtyMark>> {
        let mut marks = Vec::new();
        for kv in self.dirty.iter() {
            let (key, mark) = kv?;
            let (old_region, old_zone) = match mark.get(8..) {
                Some(rest) if !rest.is_empty() => {
                    let text = String::from_utf8_lossy(rest);
                    let (r, z) = text.split_once('\0').unwrap_or((&text, ""));
                    (Some(r.to_string()), (!z.is_empty()).then(|| z.to_string()))
                }
                _ => (None, None),
            };
            marks.push(DirtyMark {
                key: key.to_vec(),
                mark: mark.to_vec(),
                old_region,
                old_zone,
            });
        }
        Ok(marks)
    }

    /// The marked item as it is now (None if it has since gone from the store). Read on
    /// demand: a full regeneration only clears marks and needs no item.
    pub(crate) fn dirty_item(&self, mark: &DirtyMark) -> Result<Option<Item>> {
        self.get_by_key(&mark.key)
    }

    /// Forgets marks once their feeds are rewritten; a mark set again meanwhile (the item
    /// changed once more) has a new stamp and stays.
    pub(crate) fn clear_dirty(&self, marks: &[DirtyMark]) -> Result<()> {
        for m in marks {
            let _ = self
                .dirty
                .compare_and_swap(&m.key, Some(m.mark.as_slice()), None::<&[u8]>)?;
        }
        Ok(())
    }
}

pub(super) fn mark_dirty(
    dirty: &TransactionalTree,
    key: &[u8],
    moved_from: Option<&Item>,
) -> Result<(), ConflictableTransactionError<sled::Error>> {
    let mut mark = dirty.generate_id()?.to_be_bytes().to_vec();
    if let Some(old) = moved_from {
        mark.extend_from_slice(old.region.as_bytes());
        mark.push(0);
        mark.extend_from_slice(old.zone.as_deref().unwrap_or("").as_bytes());
    }
    dirty.insert(key, mark)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::item;
    use chrono::Utc;

    /// New and changed items are marked in the same transaction that stores them; marks
    /// survive reopening, name where a moved item was, and are cleared only as read.
    #[test]
    fn unpublished_items_are_marked_until_cleared() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let now = Utc::now();
        {
            let store = Store::open(dir.path())?;
            let batch = vec![
                item("s1", "a", "nantong", Some("nt"), 1),
                item("s1", "b", "nantong", None, 3),
            ];
            store.upsert(&batch, now)?;
            store.db.flush()?;
        } // as if killed before publishing
        let store = Store::open(dir.path())?;
        let marks = store.dirty_marks()?;
        let items: Vec<Item> = marks
            .iter()
            .filter_map(|m| store.dirty_item(m).ok().flatten())
            .collect();
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&"a") && ids.contains(&"b"));
        assert!(marks.iter().all(|m| m.old_region.is_none()));

        // Unchanged items are not marked again.
        store.clear_dirty(&marks)?;
        store.upsert(&[item("s1", "a", "nantong", Some("nt"), 1)], now)?;
        assert!(store.dirty_marks()?.is_empty());

        // A move records where the item was; a change after the marks were read keeps
        // its (new) mark when the old ones are cleared.
        let mut moved = item("s1", "a", "suzhou", Some("sip"), 1);
        moved.title = "移走".into();
        store.upsert(&[moved.clone()], now)?;
        let read = store.dirty_marks()?;
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].old_region.as_deref(), Some("nantong"));
        assert_eq!(read[0].old_zone.as_deref(), Some("nt"));
        moved.title = "又改了".into();
        store.upsert(&[moved], now)?;
        store.clear_dirty(&read)?;
        let left = store.dirty_marks()?;
        assert_eq!(left.len(), 1, "the newer mark stays");
        assert_eq!(
            store
                .dirty_item(&left[0])?
                .as_ref()
                .map(|i| i.title.as_str()),
            Some("又改了")
        );
        store.clear_dirty(&left)?;
        assert!(store.dirty_marks()?.is_empty());
        Ok(())
    }
}

//! Publish targets' records (see `crate::target`), keyed by the target's location
//! (`endpoint|s3://bucket/prefix`, so a target renamed keeps its records and one moved to
//! another bucket starts afresh), then 0x00 and the file's path below `feeds_dir`:
//! - `target_files`: what the target holds of each file ([`TargetFile`], JSON);
//! - `target_pending`: files whose copy there may differ from `feeds_dir`, each with the
//!   stamp of the publish that last changed it (8 bytes, big-endian);
//! - `target_state`: each target's [`TargetState`] (JSON), keyed by the location alone.
//!
//! Invariant: a pending mark is removed only together with the record of what was put
//! (one transaction), and only if no publish re-marked the file meanwhile (its stamp is
//! unchanged), so a change made while an upload of the older content was in flight is
//! never lost.

use anyhow::{Context, Result};

use super::Store;
use crate::model::{TargetFile, TargetState};

fn file_key(target: &str, path: &str) -> Vec<u8> {
    let mut k = target.as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(path.as_bytes());
    k
}

fn prefix(target: &str) -> Vec<u8> {
    let mut k = target.as_bytes().to_vec();
    k.push(0);
    k
}

/// The path part of a key under `prefix` (skipped when not UTF-8: zonefeed wrote none such).
fn path_of(key: &[u8], prefix_len: usize) -> Option<String> {
    String::from_utf8(key.get(prefix_len..)?.to_vec()).ok()
}

impl Store {
    /// Marks `paths` pending on every target in `targets`, with a fresh stamp.
    pub(crate) fn mark_target_pending(&self, targets: &[&str], paths: &[String]) -> Result<()> {
        if targets.is_empty() || paths.is_empty() {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for t in targets {
            for p in paths {
                let stamp = self.db.generate_id()?;
                batch.insert(file_key(t, p), &stamp.to_be_bytes());
            }
        }
        self.target_pending.apply_batch(batch)?;
        Ok(())
    }

    /// The files pending on `target`, with their stamps, in path order.
    pub(crate) fn target_pending(&self, target: &str) -> Result<Vec<(String, u64)>> {
        let pre = prefix(target);
        let mut out = Vec::new();
        for kv in self.target_pending.scan_prefix(&pre) {
            let (k, v) = kv?;
            let stamp = <[u8; 8]>::try_from(v.as_ref()).map_or(0, u64::from_be_bytes);
            if let Some(p) = path_of(&k, pre.len()) {
                out.push((p, stamp));
            }
        }
        Ok(out)
    }

    pub(crate) fn count_target_pending(&self, target: &str) -> usize {
        self.target_pending.scan_prefix(prefix(target)).count()
    }

    pub(crate) fn target_file(&self, target: &str, path: &str) -> Result<Option<TargetFile>> {
        match self.target_files.get(file_key(target, path))? {
            Some(v) => {
                Ok(Some(serde_json::from_slice(&v).with_context(|| {
                    format!("corrupt target record for {path}")
                })?))
            }
            None => Ok(None),
        }
    }

    /// Every file `target` is known to hold, in path order.
    pub(crate) fn target_files(&self, target: &str) -> Result<Vec<(String, TargetFile)>> {
        let pre = prefix(target);
        let mut out = Vec::new();
        for kv in self.target_files.scan_prefix(&pre) {
            let (k, v) = kv?;
            if let (Some(p), Ok(f)) = (path_of(&k, pre.len()), serde_json::from_slice(&v)) {
                out.push((p, f));
            }
        }
        Ok(out)
    }

    /// Records what `target` now holds of `path` (`None`: nothing) and, when `stamp` is
    /// still the file's pending stamp, clears the mark; in one transaction.
    pub(crate) fn target_settled(
        &self,
        target: &str,
        path: &str,
        stamp: Option<u64>,
        file: Option<&TargetFile>,
    ) -> Result<()> {
        use sled::Transactional;
        let key = file_key(target, path);
        let value = file.map(serde_json::to_vec).transpose()?;
        (&self.target_files, &self.target_pending)
            .transaction(|(files, pending)| {
                match &value {
                    Some(v) => files.insert(key.as_slice(), v.as_slice())?,
                    None => files.remove(key.as_slice())?,
                };
                if let Some(s) = stamp
                    && pending.get(&key)?.as_deref() == Some(&s.to_be_bytes()[..])
                {
                    pending.remove(key.as_slice())?;
                }
                Ok::<(), sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| anyhow::anyhow!("recording the upload of {path}: {e:?}"))?;
        Ok(())
    }

    pub(crate) fn target_state(&self, target: &str) -> Result<TargetState> {
        match self.target_state.get(target.as_bytes())? {
            Some(v) => serde_json::from_slice(&v).context("corrupt publish target state"),
            None => Ok(TargetState::default()),
        }
    }

    pub(crate) fn set_target_state(&self, target: &str, state: &TargetState) -> Result<()> {
        self.target_state
            .insert(target.as_bytes(), serde_json::to_vec(state)?)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(sha: &str) -> TargetFile {
        TargetFile {
            sha256: sha.into(),
            size: 1,
            mtime_ns: 0,
            etag: None,
        }
    }

    /// An upload of older content settles with its stamp: a publish that re-marked the
    /// file meanwhile keeps it pending; the record says what was put either way; marks
    /// and records of one target are not another's.
    #[test]
    fn a_mark_goes_only_with_the_upload_of_the_content_it_was_made_for() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let (a, b) = ("https://oss|s3://a", "https://oss|s3://b");
        let paths = vec!["all.rss".to_string(), "zones/x.rss".to_string()];
        store.mark_target_pending(&[a, b], &paths)?;
        let first = store.target_pending(a)?;
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].0, "all.rss");
        // all.rss is re-marked while its older content is being put.
        store.mark_target_pending(&[a], &paths[..1])?;
        store.target_settled(a, "all.rss", Some(first[0].1), Some(&file("old")))?;
        store.target_settled(a, "zones/x.rss", Some(first[1].1), Some(&file("x")))?;
        let left = store.target_pending(a)?;
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0].0, "all.rss");
        assert_eq!(store.target_file(a, "all.rss")?, Some(file("old")));
        store.target_settled(a, "all.rss", Some(left[0].1), Some(&file("new")))?;
        assert_eq!(store.count_target_pending(a), 0);
        assert_eq!(store.count_target_pending(b), 2);
        assert_eq!(store.target_files(a)?.len(), 2);
        assert!(store.target_files(b)?.is_empty());
        // A file removed: its record goes.
        store.target_settled(a, "zones/x.rss", None, None)?;
        assert_eq!(store.target_file(a, "zones/x.rss")?, None);
        Ok(())
    }
}

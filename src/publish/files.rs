//! Atomic replacement of published files: each new content goes to a temp file beside its
//! target (`.NAME.PID.tmp`), all temp files of a publish are made durable, then each is
//! renamed over its target and the folders are synced.
//!
//! Invariants: a reader sees a file's old content or its new content, never a mix or a
//! truncated file; a file whose content is unchanged is not touched (its mtime says when
//! it last changed); a failed publish leaves no temp file behind, and temp files of a
//! killed one are removed at the next start ([`remove_stale_temp_files`]).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::FeedKey;

/// One output file of a publish: which feed (none for index and OPML), where it goes, and
/// the temp file holding its new content (`None`: the file already holds exactly that).
pub(super) struct Staged {
    pub(super) key: Option<FeedKey>,
    pub(super) path: PathBuf,
    pub(super) tmp: Option<PathBuf>,
}

/// Writes `bytes` to a temp file beside `path`, unless `path` already holds exactly them
/// (`None`). `dirs` remembers the folders already created.
pub(super) fn stage(
    path: &Path,
    bytes: &[u8],
    dirs: &mut HashSet<PathBuf>,
) -> Result<Option<PathBuf>> {
    if let Ok(existing) = std::fs::read(path)
        && existing == bytes
    {
        return Ok(None);
    }
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    if !dirs.contains(dir) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        dirs.insert(dir.to_path_buf());
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("feed");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
    }
    Ok(Some(tmp))
}

/// Makes the staged temp files durable, renames each over its file, then syncs each folder
/// once. On error, the temp files not yet renamed are removed.
pub(super) fn commit(files: &[Staged]) -> Result<()> {
    let pending: Vec<(&PathBuf, &PathBuf)> = files
        .iter()
        .filter_map(|f| f.tmp.as_ref().map(|t| (t, &f.path)))
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    let mut renamed = 0;
    let result = (|| -> Result<()> {
        // A few files (a poll's publish): fsync each, so as not to wait for everything
        // else dirty on the filesystem (the store's log, other programs); many (a full
        // regeneration): one syncfs is cheaper than thousands of fsyncs.
        if pending.len() <= 64 {
            for (tmp, _) in &pending {
                std::fs::File::open(tmp)
                    .and_then(|f| f.sync_data())
                    .with_context(|| format!("cannot sync {}", tmp.display()))?;
            }
        } else {
            sync_filesystem(pending[0].0)?;
        }
        for (tmp, path) in &pending {
            std::fs::rename(tmp, path)
                .with_context(|| format!("cannot replace {}", path.display()))?;
            renamed += 1;
        }
        let dirs: BTreeSet<&Path> = pending.iter().filter_map(|(_, p)| p.parent()).collect();
        for d in dirs {
            if let Ok(f) = std::fs::File::open(d) {
                let _ = f.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        for (tmp, _) in pending.iter().skip(renamed) {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result
}

/// Removes the temp files of a publish that will not be committed.
pub(super) fn discard(files: &[Staged]) {
    for tmp in files.iter().filter_map(|f| f.tmp.as_ref()) {
        let _ = std::fs::remove_file(tmp);
    }
}

/// Makes the data of every file on `path`'s filesystem durable (one syscall for a batch).
fn sync_filesystem(path: &Path) -> Result<()> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs on a file descriptor we own and keep open for the call.
        if unsafe { libc::syncfs(f.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    f.sync_all().context("cannot sync")?;
    Ok(())
}

/// Temp files of a publish that was killed before renaming them (`.NAME.PID.tmp`). Only
/// the process holding the store publishes, so any found by that process are orphans.
pub(crate) fn remove_stale_temp_files(feeds_dir: &Path) -> usize {
    let mut removed = 0;
    let mut dirs = vec![feeds_dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            let name = e.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() && !name.starts_with('.') {
                dirs.push(path);
            } else if kind.is_file()
                && name.starts_with('.')
                && name.ends_with(".tmp")
                && std::fs::remove_file(&path).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stages one file and commits it, as a publish does for each of its files; whether it
    /// was written.
    fn publish_one(path: &Path, bytes: &[u8], dirs: &mut HashSet<PathBuf>) -> Result<bool> {
        let file = Staged {
            key: None,
            path: path.to_path_buf(),
            tmp: stage(path, bytes, dirs)?,
        };
        commit(std::slice::from_ref(&file))?;
        Ok(file.tmp.is_some())
    }

    #[test]
    fn staging_skips_identical_content_and_leaves_no_temp_file() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("sub/x.rss");
        let mut dirs = HashSet::new();
        assert!(publish_one(&p, b"one", &mut dirs)?);
        assert!(!publish_one(&p, b"one", &mut dirs)?);
        assert!(publish_one(&p, b"two", &mut dirs)?);
        assert_eq!(std::fs::read(&p)?, b"two");
        // Staged but not committed: the file keeps its content until the rename, and a
        // discarded publish takes its temp file with it.
        let staged = Staged {
            key: None,
            path: p.clone(),
            tmp: stage(&p, b"three", &mut dirs)?,
        };
        assert!(staged.tmp.as_ref().is_some_and(|t| t.exists()));
        assert_eq!(std::fs::read(&p)?, b"two");
        discard(std::slice::from_ref(&staged));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sub"))?
            .flatten()
            .collect();
        assert_eq!(leftovers.len(), 1);
        assert_eq!(std::fs::read(&p)?, b"two");
        Ok(())
    }

    /// More than 64 files (a full regeneration) take the one-syncfs path.
    #[test]
    fn a_large_batch_is_committed_whole() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let mut dirs = HashSet::new();
        let mut files = Vec::new();
        for i in 0..100 {
            let path = dir.path().join(format!("zones/z{i}.atom"));
            let tmp = stage(&path, format!("feed {i}").as_bytes(), &mut dirs)?;
            files.push(Staged {
                key: None,
                path,
                tmp,
            });
        }
        commit(&files)?;
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("zones"))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 100);
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
        assert_eq!(std::fs::read(dir.path().join("zones/z7.atom"))?, b"feed 7");
        Ok(())
    }
}

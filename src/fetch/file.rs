//! `file:` sources: one blocking-pool hop stats and reads the file; size, nanosecond mtime
//! and inode make a weak validator, so an unchanged file is "not modified" unread.
use std::path::Path;

use url::Url;

use super::{FetchError, Fetched, Fetcher, Validators};

impl Fetcher {
    /// A local file, with a validator made of its size, modification time and inode: an
    /// unchanged file answers "not modified" without being read or parsed, as an HTTP
    /// source's ETag does (an unchanged re-poll of 50,000 `file:` sources re-read and
    /// re-parsed every one). A rewrite keeping size and mtime to the nanosecond in place is
    /// the one change this misses; editors and `cp` replace the inode or move the mtime.
    pub(super) async fn fetch_file(
        &self,
        path: &Path,
        validators: &Validators,
    ) -> Result<Fetched, FetchError> {
        // One hop to the blocking pool for the stat and the read together: tokio::fs
        // makes one per call, and 50,000 sources meant 100,000 thread wake-ups.
        let (path_buf, known, limit) = (
            path.to_path_buf(),
            validators.etag.clone(),
            self.limits.max_body,
        );
        let read = tokio::task::spawn_blocking(move || read_file(&path_buf, known, limit))
            .await
            .map_err(|e| FetchError::File {
                error: format!("read task failed: {e}"),
            })??;
        let (body, etag) = match read {
            FileRead::Unchanged(etag) => {
                return Ok(Fetched {
                    url: Url::from_file_path(path).ok(),
                    status: 304,
                    not_modified: true,
                    content_type: None,
                    body: Vec::new(),
                    etag: Some(etag),
                    last_modified: None,
                    permanent_redirect: None,
                    fresh_for: None,
                });
            }
            FileRead::Body(body, etag) => (body, etag),
        };
        Ok(Fetched {
            url: Url::from_file_path(path).ok(),
            status: 200,
            not_modified: false,
            content_type: None,
            body,
            etag,
            last_modified: None,
            permanent_redirect: None,
            fresh_for: None,
        })
    }
}

enum FileRead {
    Unchanged(String),
    Body(Vec<u8>, Option<String>),
}

/// Stats `path`; unchanged since `known` (its validator), says so; else reads at most
/// `limit` bytes.
fn read_file(path: &Path, known: Option<String>, limit: u64) -> Result<FileRead, FetchError> {
    use std::io::Read as _;
    let file_err = |e: std::io::Error| FetchError::File {
        error: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(file_err)?;
    let meta = file.metadata().map_err(file_err)?;
    let etag = file_validator(&meta);
    if let Some(e) = etag.as_ref().filter(|e| known.as_ref() == Some(*e)) {
        return Ok(FileRead::Unchanged(e.clone()));
    }
    if meta.len() > limit {
        return Err(FetchError::TooLarge { limit });
    }
    let mut body = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut body)
        .map_err(file_err)?;
    if body.len() as u64 > limit {
        return Err(FetchError::TooLarge { limit });
    }
    Ok(FileRead::Body(body, etag))
}

/// `file:` validator: `W/"file-SIZE-MTIMENS-INODE"` (weak: it says nothing of the bytes).
fn file_validator(meta: &std::fs::Metadata) -> Option<String> {
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let ino = 0u64;
    Some(format!("W/\"file-{}-{mtime}-{ino}\"", meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SourceUrl;
    use crate::fetch::FetchLimits;
    use std::time::Duration;

    #[tokio::test]
    async fn an_unchanged_file_is_not_modified_and_a_changed_one_is_read() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("feed.xml");
        std::fs::write(&path, "<rss/>")?;
        let f = Fetcher::new(FetchLimits {
            timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
            max_body: 1 << 20,
            user_agent: "t".into(),
            allow_private_networks: false,
        })?;
        let url = SourceUrl::File(path.clone());
        let first = f.fetch(&url, &Validators::default()).await?;
        assert!(!first.not_modified && first.body == b"<rss/>");
        let v = Validators {
            etag: first.etag.clone(),
            last_modified: None,
        };
        assert!(v.etag.is_some());
        let again = f.fetch(&url, &v).await?;
        assert!(again.not_modified && again.body.is_empty(), "{again:?}");
        // Replaced as editors and deploys do (new inode), even with the same size.
        let tmp = dir.path().join("feed.xml.new");
        std::fs::write(&tmp, "<RSS/>")?;
        std::fs::rename(&tmp, &path)?;
        let changed = f.fetch(&url, &v).await?;
        assert!(!changed.not_modified && changed.body == b"<RSS/>");
        Ok(())
    }
}

//! Pure decisions, no I/O: a file's kind and `Content-Type` from its name, the object key
//! of a file below `feeds_dir`, and `--sync`'s plan (what to put, what to delete, what is
//! already there) from the local files, the target's listing and the records of what was
//! put.
//!
//! Invariant: an object counts as already there only when its size matches and its ETag is
//! the local content's MD5 (what every S3-compatible store answers for a single-part put)
//! or the ETag recorded when zonefeed put this very content (a server whose listing has no
//! ETags: the record of this very content at this size); anything else is put again.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::config::FileKind;
use crate::model::TargetFile;

/// The kind of a published file, by its extension.
pub(crate) fn kind_of(path: &str) -> FileKind {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("rss" | "atom" | "json") => FileKind::Feed,
        Some("html") => FileKind::Page,
        Some("opml") => FileKind::Opml,
        _ => FileKind::Other,
    }
}

/// The `Content-Type` a file is stored with: the types `serve` answers with for the same
/// files (RSS has no registered type; `application/rss+xml` is what readers know), UTF-8
/// spelled out (every file zonefeed writes is UTF-8).
pub(crate) fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("rss") => "application/rss+xml; charset=utf-8",
        Some("atom") => "application/atom+xml; charset=utf-8",
        Some("json") => "application/feed+json; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        Some("opml") => "text/x-opml; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `path` below `feeds_dir` as an object key ('/'-separated); None for a path outside it,
/// one not in UTF-8, or a hidden file (a publish's temp files start with '.').
pub(crate) fn key_of(feeds_dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(feeds_dir).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        let std::path::Component::Normal(s) = c else {
            return None;
        };
        let s = s.to_str()?;
        if s.starts_with('.') {
            return None;
        }
        parts.push(s);
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A local file as `--sync` compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Local {
    pub size: u64,
    pub sha256: String,
    /// Lowercase hex.
    pub md5: String,
}

/// An object in the target's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Remote {
    pub size: u64,
    pub etag: Option<String>,
}

/// What `--sync` does, each list in path order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct SyncPlan {
    /// Missing there, or different.
    pub put: Vec<String>,
    /// There, not here.
    pub delete: Vec<String>,
    /// Already there with this content: only the record is written.
    pub same: Vec<String>,
}

/// An ETag without quotes or a weak marker, lowercase.
fn bare(etag: &str) -> String {
    etag.trim_start_matches("W/")
        .trim_matches('"')
        .to_ascii_lowercase()
}

/// The plan that makes the target hold exactly `local`.
pub(crate) fn sync_plan(
    local: &BTreeMap<String, Local>,
    remote: &HashMap<String, Remote>,
    records: &HashMap<String, TargetFile>,
) -> SyncPlan {
    let mut plan = SyncPlan::default();
    for (path, l) in local {
        let Some(r) = remote.get(path) else {
            plan.put.push(path.clone());
            continue;
        };
        let etag = r.etag.as_deref().map(bare);
        let md5_matches = etag.as_deref() == Some(l.md5.as_str());
        let recorded = records.get(path).is_some_and(|rec| {
            rec.sha256 == l.sha256
                && rec.size == r.size
                && match (&etag, rec.etag.as_deref()) {
                    (Some(e), Some(was)) => bare(was) == *e,
                    (Some(_), None) => false,
                    // A listing without ETags (s3s-fs): the size and the record decide.
                    (None, _) => true,
                }
        });
        if r.size == l.size && (md5_matches || recorded) {
            plan.same.push(path.clone());
        } else {
            plan.put.push(path.clone());
        }
    }
    let mut stale: Vec<String> = remote
        .keys()
        .filter(|p| !local.contains_key(*p))
        .cloned()
        .collect();
    stale.sort();
    plan.delete = stale;
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(size: u64, sha: &str, md5: &str) -> Local {
        Local {
            size,
            sha256: sha.into(),
            md5: md5.into(),
        }
    }

    #[test]
    fn each_published_file_gets_its_type_and_kind() {
        assert_eq!(
            content_type("regions/js.rss"),
            "application/rss+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("all.atom"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("zones/sip.json"),
            "application/feed+json; charset=utf-8"
        );
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feeds.opml"), "text/x-opml; charset=utf-8");
        assert_eq!(content_type("robots"), "application/octet-stream");
        assert_eq!(kind_of("topics/x.json"), FileKind::Feed);
        assert_eq!(kind_of("regions/x.html"), FileKind::Page);
        assert_eq!(kind_of("feeds.opml"), FileKind::Opml);
    }

    #[test]
    fn keys_are_slash_separated_and_skip_hidden_files() {
        let d = Path::new("/srv/feeds");
        assert_eq!(
            key_of(d, Path::new("/srv/feeds/regions/js.rss")).as_deref(),
            Some("regions/js.rss")
        );
        assert_eq!(
            key_of(d, Path::new("/srv/feeds/regions/.js.rss.7.tmp")),
            None
        );
        assert_eq!(key_of(d, Path::new("/srv/other/x.rss")), None);
        assert_eq!(key_of(d, d), None);
    }

    #[test]
    fn sync_puts_what_is_missing_or_different_and_deletes_what_is_stale() {
        let mut l = BTreeMap::new();
        l.insert("a.rss".to_string(), local(3, "s1", "m1"));
        l.insert("b.rss".to_string(), local(3, "s2", "m2"));
        l.insert("c.rss".to_string(), local(3, "s3", "m3"));
        l.insert("d.rss".to_string(), local(3, "s4", "m4"));
        l.insert("e.rss".to_string(), local(3, "s5", "m5"));
        let mut r = HashMap::new();
        let remote = |size, etag: &str| Remote {
            size,
            etag: Some(etag.into()),
        };
        // Same MD5 (quoted, upper case as OSS answers).
        r.insert("a.rss".to_string(), remote(3, "\"M1\""));
        // Different content.
        r.insert("b.rss".to_string(), remote(3, "\"zz\""));
        // An ETag that is no MD5 (multipart, SSE-KMS), recorded with this content.
        r.insert("c.rss".to_string(), remote(3, "\"opaque-1\""));
        // Recorded with older content.
        r.insert("d.rss".to_string(), remote(3, "\"opaque-2\""));
        r.insert("gone.rss".to_string(), remote(1, "\"x\""));
        // No ETag in the listing: the record of this content at this size decides.
        l.insert("f.rss".to_string(), local(3, "s6", "m6"));
        l.insert("g.rss".to_string(), local(3, "s7", "m7"));
        r.insert(
            "f.rss".to_string(),
            Remote {
                size: 3,
                etag: None,
            },
        );
        r.insert(
            "g.rss".to_string(),
            Remote {
                size: 3,
                etag: None,
            },
        );
        let mut rec = HashMap::new();
        let record = |sha: &str, etag: &str| TargetFile {
            sha256: sha.into(),
            size: 3,
            mtime_ns: 0,
            etag: Some(etag.into()),
        };
        rec.insert("c.rss".to_string(), record("s3", "\"opaque-1\""));
        rec.insert("d.rss".to_string(), record("old", "\"opaque-2\""));
        rec.insert("f.rss".to_string(), record("s6", "\"e\""));
        rec.insert("g.rss".to_string(), record("old", "\"e\""));
        let plan = sync_plan(&l, &r, &rec);
        assert_eq!(plan.same, ["a.rss", "c.rss", "f.rss"]);
        assert_eq!(plan.put, ["b.rss", "d.rss", "e.rss", "g.rss"]);
        assert_eq!(plan.delete, ["gone.rss"]);
    }
}

//! Publish targets: S3-compatible buckets (`[[publish.targets]]`) that mirror `feeds_dir`,
//! so a CDN in front of them serves readers beyond one node.
//!
//! After every publish, the files it wrote or removed are marked pending on every target
//! ([`Targets::published`], in the store, with a stamp); a round ([`Targets::round`]) puts
//! each pending file whose content (SHA-256) differs from what the target was last given,
//! deletes each that is gone, and records what it did. The daemon runs a worker per target
//! in the background ([`Targets::worker`]); a one-shot command runs rounds for at most the
//! target's `wait` ([`Targets::drain`]); `zonefeed publish --sync` lists the bucket and
//! reconciles it whole ([`Targets::sync`]).
//!
//! Invariants:
//! - nothing is lost: a pending mark goes only with the record of the upload that settled
//!   it, and only if no later publish re-marked the file (see `store::targets`); the marks
//!   outlive an outage and a restart. A publish killed between its renames and its marks is
//!   covered by the scan each process makes before its first round (files whose size or
//!   time differ from the record are hashed; changed ones marked);
//! - a file whose content the target already holds is not put again;
//! - a failing target is data: its round reports, counts and backs off (1 s doubling to
//!   1 min, so a target that is back is caught up within a minute); local publishing
//!   never waits on it beyond a bound (the daemon: not at all);
//! - at most `concurrency` requests in flight per target;
//! - no credential is logged or reported (see `s3`).
//!
//! # Layout
//!
//! - this file: the runtime (marks, rounds, the start-up scan, worker, drain, state and
//!   metrics);
//! - `sync`: `--sync` (list, hash, plan, put and delete), also a new target's first round;
//! - `s3`: the object_store calls;
//! - `plan`: pure decisions (content types, object keys, the sync plan).

mod plan;
mod s3;
mod sync;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::Utc;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, Target};
use crate::metrics::Metrics;
use crate::model::{TargetFile, TargetState};
use crate::publish::PublishReport;
use crate::store::Store;

pub(crate) use plan::{content_type, key_of};
pub use sync::SyncReport;

/// How long an idle worker sleeps before looking anyway (a publish wakes it sooner).
const IDLE_LOOK: Duration = Duration::from_secs(60);
/// The longest wait between attempts at a failing target: what a reader's feed may lag
/// behind the end of an outage, for one small request a minute to a dead endpoint.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Every configured target of a site. Cheap to clone (the daemon's workers hold clones).
#[derive(Clone)]
pub(crate) struct Targets {
    list: Vec<Arc<Runtime>>,
    feeds_dir: PathBuf,
    store: Store,
    metrics: Arc<Metrics>,
}

/// One target: its settings, its bucket, its wake-up.
struct Runtime {
    target: Target,
    /// Its records' key in the store: where it is, not what it is called.
    key: String,
    /// The bucket, or why it could not be set up (reported by every round).
    bucket: std::result::Result<s3::Bucket, String>,
    wake: tokio::sync::Notify,
    /// The start-up scan of `feeds_dir` against the records is done (once per process).
    scanned: AtomicBool,
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Round {
    pub uploaded: usize,
    pub deleted: usize,
    /// Pending, but the target already held that content.
    pub unchanged: usize,
    pub failed: usize,
    pub bytes: u64,
    /// Files still pending after the round (failed, or changed again meanwhile).
    pub left: usize,
    pub error: Option<String>,
}

/// One file's outcome in a round or a sync.
enum Settled {
    Put(u64),
    Deleted,
    Unchanged,
    Failed(String),
    /// Not attempted: an earlier request of the round failed.
    NotTried,
}

impl Round {
    fn add(&mut self, path: &str, outcome: Settled) {
        match outcome {
            Settled::Put(n) => {
                self.uploaded += 1;
                self.bytes += n;
            }
            Settled::Deleted => self.deleted += 1,
            Settled::Unchanged => self.unchanged += 1,
            Settled::Failed(e) => {
                self.failed += 1;
                tracing::debug!(path = %path, "publish target request failed: {e}");
                self.error.get_or_insert(e);
            }
            Settled::NotTried => {}
        }
    }
}

fn now_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    crate::parse::hex(&sha2::Sha256::digest(bytes))
}

fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest as _;
    crate::parse::hex(&md5::Md5::digest(bytes))
}

/// The wait after `failures` failed rounds in a row: 1 s, doubling, at most 1 min.
pub(crate) fn backoff(failures: u32) -> Duration {
    let secs = 1u64 << failures.saturating_sub(1).min(9);
    Duration::from_secs(secs).min(MAX_BACKOFF)
}

/// Every file below `dir` (hidden ones skipped: a publish's temp files), as object keys.
fn local_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file()
                && let Some(key) = key_of(dir, &path)
            {
                out.push((key, path));
            }
        }
    }
    out.sort();
    out
}

impl Targets {
    pub(crate) fn new(config: &Config, store: Store, metrics: Arc<Metrics>) -> Targets {
        let list = config
            .publish
            .targets
            .iter()
            .map(|t| {
                Arc::new(Runtime {
                    key: t.location(),
                    bucket: s3::Bucket::new(t).map_err(|e| format!("{e:#}")),
                    target: t.clone(),
                    wake: tokio::sync::Notify::new(),
                    scanned: AtomicBool::new(false),
                })
            })
            .collect();
        Targets {
            list,
            feeds_dir: config.service.feeds_dir.clone(),
            store,
            metrics,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Marks what a publish wrote or removed pending on every target, and wakes the
    /// workers. A store error is logged: the next process's scan finds those files.
    pub(crate) fn published(&self, report: &PublishReport) {
        if self.list.is_empty() {
            return;
        }
        let paths: Vec<String> = report
            .written
            .iter()
            .chain(&report.removed)
            .filter_map(|p| key_of(&self.feeds_dir, p))
            .collect();
        let keys: Vec<&str> = self.list.iter().map(|r| r.key.as_str()).collect();
        if let Err(e) = self.store.mark_target_pending(&keys, &paths) {
            tracing::error!("cannot record the files publish targets need: {e:#}");
        }
        for r in &self.list {
            r.wake.notify_one();
        }
    }

    /// One round of target `i` (see the module doc). Never an error: a failure is in the
    /// outcome, the state and the metrics.
    pub(crate) async fn round(&self, i: usize) -> Round {
        let Some(rt) = self.list.get(i) else {
            return Round::default();
        };
        let bucket = match &rt.bucket {
            Ok(b) => b,
            Err(e) => {
                let round = Round {
                    failed: 1,
                    left: self.store.count_target_pending(&rt.key),
                    error: Some(e.clone()),
                    ..Round::default()
                };
                self.record(rt, &round);
                return round;
            }
        };
        let mut round = Round::default();
        if !rt.scanned.load(Ordering::SeqCst) {
            match self.scan(rt, bucket).await {
                Ok(r) if r.failed == 0 => {
                    rt.scanned.store(true, Ordering::SeqCst);
                    round = r;
                }
                Ok(r) => round = r,
                Err(e) => {
                    round.failed = 1;
                    round.error = Some(format!("{e:#}"));
                }
            }
            if round.failed > 0 {
                round.left = self.store.count_target_pending(&rt.key);
                self.record(rt, &round);
                return round;
            }
        }
        let pending = match self.store.target_pending(&rt.key) {
            Ok(p) => p,
            Err(e) => {
                round.failed += 1;
                round.error = Some(format!("{e:#}"));
                self.record(rt, &round);
                return round;
            }
        };
        if pending.is_empty() && round == Round::default() {
            return round;
        }
        let work: Vec<(String, Option<u64>)> =
            pending.into_iter().map(|(p, s)| (p, Some(s))).collect();
        for (path, outcome) in self.settle_all(rt, bucket, &work, false).await {
            round.add(&path, outcome);
        }
        round.left = self.store.count_target_pending(&rt.key);
        self.record(rt, &round);
        round
    }

    /// Settles each of `work` (path, pending stamp) with at most `concurrency` requests in
    /// flight. After the first failure no new request starts, so a dead target fails a
    /// round in one request's time, not one per file; the rest come back `NotTried`. With
    /// `forget`, the record of each file is dropped first (`--sync` found the object
    /// missing or different, whatever the record says).
    async fn settle_all(
        &self,
        rt: &Runtime,
        bucket: &s3::Bucket,
        work: &[(String, Option<u64>)],
        forget: bool,
    ) -> Vec<(String, Settled)> {
        let gate = tokio::sync::Semaphore::new(rt.target.concurrency);
        let failing = AtomicBool::new(false);
        let tasks = work.iter().map(|(path, stamp)| {
            let (gate, failing) = (&gate, &failing);
            async move {
                let _permit = gate.acquire().await;
                if failing.load(Ordering::SeqCst) {
                    return (path.clone(), Settled::NotTried);
                }
                if forget {
                    let _ = self.store.target_settled(&rt.key, path, None, None);
                }
                let outcome = self.settle(rt, bucket, path, *stamp).await;
                if matches!(outcome, Settled::Failed(_)) {
                    failing.store(true, Ordering::SeqCst);
                }
                (path.clone(), outcome)
            }
        });
        futures_util::future::join_all(tasks).await
    }

    /// Brings one file's copy on the target in line with `feeds_dir`.
    async fn settle(
        &self,
        rt: &Runtime,
        bucket: &s3::Bucket,
        path: &str,
        stamp: Option<u64>,
    ) -> Settled {
        let full = self.feeds_dir.join(path);
        let read = async {
            let meta = tokio::fs::metadata(&full).await?;
            let bytes = tokio::fs::read(&full).await?;
            Ok::<_, std::io::Error>((meta, bytes))
        };
        match read.await {
            Ok((meta, bytes)) if meta.is_file() => {
                let sha256 = sha256_hex(&bytes);
                let size = bytes.len() as u64;
                let held = self.store.target_file(&rt.key, path).ok().flatten();
                if let Some(h) = held.filter(|h| h.sha256 == sha256) {
                    let record = TargetFile {
                        mtime_ns: now_ns(&meta),
                        ..h
                    };
                    return match self
                        .store
                        .target_settled(&rt.key, path, stamp, Some(&record))
                    {
                        Ok(()) => Settled::Unchanged,
                        Err(e) => Settled::Failed(format!("{e:#}")),
                    };
                }
                let kind = plan::kind_of(path);
                let put = bucket
                    .put(
                        path,
                        bytes,
                        content_type(path),
                        rt.target.cache_control_of(kind),
                    )
                    .await;
                match put {
                    Ok(etag) => {
                        let record = TargetFile {
                            sha256,
                            size,
                            mtime_ns: now_ns(&meta),
                            etag,
                        };
                        match self
                            .store
                            .target_settled(&rt.key, path, stamp, Some(&record))
                        {
                            Ok(()) => Settled::Put(size),
                            Err(e) => Settled::Failed(format!("{e:#}")),
                        }
                    }
                    Err(e) => Settled::Failed(format!("{e:#}")),
                }
            }
            // A folder where a file was: nothing of ours to put.
            Ok(_) => match self.store.target_settled(&rt.key, path, stamp, None) {
                Ok(()) => Settled::Unchanged,
                Err(e) => Settled::Failed(format!("{e:#}")),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match bucket.delete(path).await {
                Ok(()) => match self.store.target_settled(&rt.key, path, stamp, None) {
                    Ok(()) => Settled::Deleted,
                    Err(e) => Settled::Failed(format!("{e:#}")),
                },
                Err(e) => Settled::Failed(format!("{e:#}")),
            },
            Err(e) => Settled::Failed(format!("cannot read {}: {e}", full.display())),
        }
    }

    /// Before a process's first round: marks each file whose size or time differs from the
    /// record and whose content does too, and each recorded file that is gone. A target
    /// with no records at all (new, or its records lost) is reconciled by listing instead,
    /// so a bucket that already holds the files is not filled again; what that did is
    /// the round returned.
    async fn scan(&self, rt: &Runtime, bucket: &s3::Bucket) -> Result<Round> {
        let records = self.store.target_files(&rt.key)?;
        if records.is_empty() {
            let (_, round) = self.sync_with(rt, bucket).await?;
            return Ok(round);
        }
        let (store, key, dir) = (self.store.clone(), rt.key.clone(), self.feeds_dir.clone());
        tokio::task::spawn_blocking(move || -> Result<Round> {
            let mut records: HashMap<String, TargetFile> = records.into_iter().collect();
            let mut marks = Vec::new();
            for (path, full) in local_files(&dir) {
                let Ok(meta) = std::fs::metadata(&full) else {
                    continue;
                };
                let (size, mtime_ns) = (meta.len(), now_ns(&meta));
                match records.remove(&path) {
                    Some(r) if r.size == size && r.mtime_ns == mtime_ns => {}
                    Some(r) => match std::fs::read(&full) {
                        Ok(bytes) if sha256_hex(&bytes) == r.sha256 => {
                            let r = TargetFile { mtime_ns, ..r };
                            store.target_settled(&key, &path, None, Some(&r))?;
                        }
                        _ => marks.push(path),
                    },
                    None => marks.push(path),
                }
            }
            marks.extend(records.into_keys());
            store.mark_target_pending(&[key.as_str()], &marks)?;
            Ok(Round::default())
        })
        .await
        .map_err(|e| anyhow::anyhow!("the scan of feeds_dir failed: {e}"))?
    }

    /// The daemon's worker for target `i`: a round whenever a publish marked files, when
    /// its backoff is over, or a minute after the last; until `stop`. While a target
    /// fails, publishes do not cut its backoff short.
    pub(crate) async fn worker(self, i: usize, stop: CancellationToken) {
        let Some(rt) = self.list.get(i).cloned() else {
            return;
        };
        loop {
            let notified = rt.wake.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            // A stop does not wait for a long round: what it did is recorded file by file,
            // and the rest stays pending.
            let round = tokio::select! {
                r = self.round(i) => r,
                _ = stop.cancelled() => break,
            };
            if round.failed > 0 {
                let failures = self.store.target_state(&rt.key).map_or(1, |s| s.failures);
                // `record` logged the failure with the time of the next attempt.
                tokio::select! {
                    _ = tokio::time::sleep(backoff(failures)) => {}
                    _ = stop.cancelled() => break,
                }
                continue;
            }
            if round.uploaded + round.deleted > 0 {
                tracing::info!(
                    target_id = %rt.target.id,
                    uploaded = round.uploaded,
                    deleted = round.deleted,
                    "publish target updated"
                );
            }
            if round.left > 0 {
                continue;
            }
            tokio::select! {
                _ = &mut notified => {}
                _ = tokio::time::sleep(IDLE_LOOK) => {}
                _ = stop.cancelled() => break,
            }
        }
    }

    /// For one-shot commands: each target's rounds, concurrently, until nothing is pending
    /// or its `wait` is over; what is left stays pending for the next run. The rounds'
    /// sums, per target id.
    pub(crate) async fn drain(&self) -> Vec<(String, Round)> {
        let runs = (0..self.list.len()).map(|i| async move {
            let rt = &self.list[i];
            let until = Instant::now() + rt.target.wait;
            let mut sum = Round::default();
            loop {
                let left = until.saturating_duration_since(Instant::now());
                let Ok(r) = tokio::time::timeout(left, self.round(i)).await else {
                    sum.left = self.store.count_target_pending(&rt.key);
                    sum.error.get_or_insert_with(|| {
                        format!(
                            "still uploading after {:?}; the rest goes next time",
                            rt.target.wait
                        )
                    });
                    break;
                };
                sum.uploaded += r.uploaded;
                sum.deleted += r.deleted;
                sum.unchanged += r.unchanged;
                sum.failed += r.failed;
                sum.bytes += r.bytes;
                sum.left = r.left;
                if r.error.is_some() {
                    sum.error = r.error;
                }
                if sum.left == 0 && r.failed == 0 {
                    sum.error = None;
                    break;
                }
                let failures = self.store.target_state(&rt.key).map_or(1, |s| s.failures);
                let pause = if r.failed > 0 {
                    backoff(failures)
                } else {
                    Duration::ZERO
                };
                if Instant::now() + pause >= until {
                    break;
                }
                tokio::time::sleep(pause).await;
            }
            (rt.target.id.clone(), sum)
        });
        futures_util::future::join_all(runs).await
    }

    /// Adds a round to the target's state and the metrics; logs a failure.
    fn record(&self, rt: &Runtime, round: &Round) {
        self.metrics.target_counted(
            &rt.target.id,
            [
                round.uploaded as u64,
                round.deleted as u64,
                round.failed as u64,
                round.bytes,
            ],
        );
        let mut st: TargetState = self.store.target_state(&rt.key).unwrap_or_default();
        st.uploaded += round.uploaded as u64;
        st.deleted += round.deleted as u64;
        st.bytes_uploaded += round.bytes;
        st.failed += round.failed as u64;
        let now = Utc::now();
        if round.failed > 0 {
            st.failures = st.failures.saturating_add(1);
            st.last_error = round.error.clone();
            st.next_attempt = chrono::Duration::from_std(backoff(st.failures))
                .ok()
                .map(|d| now + d);
            tracing::warn!(
                target_id = %rt.target.id,
                pending = round.left,
                "publish target {}: {} request(s) failed ({} round(s) in a row; next attempt in {} s): {}",
                rt.target.shown(),
                round.failed,
                st.failures,
                backoff(st.failures).as_secs(),
                round.error.as_deref().unwrap_or("")
            );
        } else {
            st.failures = 0;
            st.last_error = None;
            st.next_attempt = None;
            st.last_ok = Some(now);
        }
        if let Err(e) = self.store.set_target_state(&rt.key, &st) {
            tracing::error!("cannot record the publish target's state: {e:#}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_from_a_second_to_a_minute() {
        let waits: Vec<u64> = (1..=11).map(|f| backoff(f).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]);
        assert_eq!(backoff(0), Duration::from_secs(1));
    }
}

//! `zonefeed publish --sync` ([`Targets::sync`]): each target listed and made to hold
//! exactly `feeds_dir` by the plan of `plan::sync_plan`; also the first round of a target
//! zonefeed has no record of, so a bucket already filled is not filled again.
//!
//! Invariants: every pending mark it settles is cleared with its stamp (a publish during
//! the sync keeps its mark); what it could not do is marked pending for the rounds.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::Result;
use serde::Serialize;

use super::{Round, Runtime, Settled, Targets, local_files, md5_hex, now_ns, plan, s3, sha256_hex};
use crate::model::TargetFile;

/// What `zonefeed publish --sync` did to one target.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub target: String,
    /// `s3://bucket/prefix at host`: never a credential.
    pub to: String,
    /// Objects listed there before, and files here.
    pub listed: usize,
    pub local: usize,
    pub uploaded: Vec<String>,
    pub deleted: Vec<String>,
    pub unchanged: usize,
    pub bytes_uploaded: u64,
    pub failed: Vec<SyncFailure>,
    pub ms: u64,
    /// Of it: listing the target, and reading and hashing `feeds_dir`.
    pub list_ms: u64,
    pub hash_ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncFailure {
    pub path: String,
    pub error: String,
}

impl Targets {
    /// `zonefeed publish --sync`: every target listed and reconciled with `feeds_dir`.
    pub(crate) async fn sync(&self) -> Vec<SyncReport> {
        let runs = self.list.iter().map(|rt| async move {
            let started = Instant::now();
            let failure = |error: String| {
                let report = SyncReport {
                    failed: vec![SyncFailure {
                        path: String::new(),
                        error: error.clone(),
                    }],
                    ..SyncReport::default()
                };
                let round = Round {
                    failed: 1,
                    left: self.store.count_target_pending(&rt.key),
                    error: Some(error),
                    ..Round::default()
                };
                (report, round)
            };
            let (mut report, round) = match &rt.bucket {
                Ok(b) => match self.sync_with(rt, b).await {
                    Ok(done) => done,
                    Err(e) => failure(format!("{e:#}")),
                },
                Err(e) => failure(e.clone()),
            };
            self.record(rt, &round);
            report.target = rt.target.id.clone();
            report.to = rt.target.shown();
            report.ms = started.elapsed().as_millis() as u64;
            if report.failed.is_empty() {
                rt.scanned.store(true, Ordering::SeqCst);
            }
            report
        });
        futures_util::future::join_all(runs).await
    }

    /// Lists the bucket, hashes `feeds_dir`, and puts, deletes and records by the plan;
    /// clears the pending marks it settled and marks what failed. An error only when
    /// listing or reading failed. The caller records the round.
    pub(super) async fn sync_with(
        &self,
        rt: &Runtime,
        bucket: &s3::Bucket,
    ) -> Result<(SyncReport, Round)> {
        let pending: HashMap<String, u64> =
            self.store.target_pending(&rt.key)?.into_iter().collect();
        let started = Instant::now();
        let listed = bucket.list().await?;
        let list_ms = started.elapsed().as_millis() as u64;
        let remote: HashMap<String, plan::Remote> = listed
            .into_iter()
            .map(|l| {
                let r = plan::Remote {
                    size: l.size,
                    etag: l.etag,
                };
                (l.path, r)
            })
            .collect();
        let started = Instant::now();
        let dir = self.feeds_dir.clone();
        let local = tokio::task::spawn_blocking(move || {
            let mut out = BTreeMap::new();
            for (path, full) in local_files(&dir) {
                let (Ok(meta), Ok(bytes)) = (std::fs::metadata(&full), std::fs::read(&full)) else {
                    continue;
                };
                let l = plan::Local {
                    size: bytes.len() as u64,
                    sha256: sha256_hex(&bytes),
                    md5: md5_hex(&bytes),
                };
                out.insert(path, (l, now_ns(&meta)));
            }
            out
        })
        .await
        .map_err(|e| anyhow::anyhow!("hashing feeds_dir failed: {e}"))?;
        let hash_ms = started.elapsed().as_millis() as u64;
        let records: HashMap<String, TargetFile> =
            self.store.target_files(&rt.key)?.into_iter().collect();
        let compared: BTreeMap<String, plan::Local> = local
            .iter()
            .map(|(p, (l, _))| (p.clone(), l.clone()))
            .collect();
        let plan = plan::sync_plan(&compared, &remote, &records);
        let mut report = SyncReport {
            listed: remote.len(),
            list_ms,
            hash_ms,
            local: local.len(),
            unchanged: plan.same.len(),
            ..SyncReport::default()
        };
        for path in &plan.same {
            if let (Some((l, mtime_ns)), Some(r)) = (local.get(path), remote.get(path)) {
                let record = TargetFile {
                    sha256: l.sha256.clone(),
                    size: l.size,
                    mtime_ns: *mtime_ns,
                    etag: r
                        .etag
                        .clone()
                        .or_else(|| records.get(path).and_then(|rec| rec.etag.clone())),
                };
                let stamp = pending.get(path).copied();
                // Most of a large tree is in place and recorded as such: no write for it.
                if stamp.is_some() || records.get(path) != Some(&record) {
                    self.store
                        .target_settled(&rt.key, path, stamp, Some(&record))?;
                }
            }
        }
        let work: Vec<(String, Option<u64>)> = plan
            .put
            .iter()
            .chain(&plan.delete)
            .map(|p| (p.clone(), pending.get(p).copied()))
            .collect();
        let mut round = Round {
            unchanged: plan.same.len(),
            ..Round::default()
        };
        let mut retry = Vec::new();
        for (path, outcome) in self.settle_all(rt, bucket, &work, true).await {
            match &outcome {
                Settled::Put(n) => {
                    report.uploaded.push(path.clone());
                    report.bytes_uploaded += n;
                }
                Settled::Deleted => report.deleted.push(path.clone()),
                Settled::Unchanged => report.unchanged += 1,
                Settled::Failed(error) => {
                    retry.push(path.clone());
                    report.failed.push(SyncFailure {
                        path: path.clone(),
                        error: error.clone(),
                    });
                }
                Settled::NotTried => retry.push(path.clone()),
            }
            round.add(&path, outcome);
        }
        // What was not done is the rounds' to retry, as if a publish had just written it.
        self.store.mark_target_pending(&[rt.key.as_str()], &retry)?;
        // Records and marks of files neither here nor there.
        for path in records.keys().chain(pending.keys()) {
            if !local.contains_key(path) && !remote.contains_key(path) {
                let stamp = pending.get(path).copied();
                self.store.target_settled(&rt.key, path, stamp, None)?;
            }
        }
        report.uploaded.sort();
        report.deleted.sort();
        round.left = self.store.count_target_pending(&rt.key);
        Ok((report, round))
    }
}

//! Group commit of upserts: concurrent polls hand their documents to whichever of them
//! holds the write turn, which stores everything queued in one transaction
//! ([`Store::upsert_many`]) and answers each caller with its own changes.
//!
//! Why: each sled transaction costs a log-buffer write of its own (see `upsert_many`); a
//! first poll of 50,000 one-document sources was 50,000 of them. Batches form by themselves
//! under load (callers queue while a transaction runs) and are one document when idle, so a
//! lone poll waits for nobody.
//!
//! Invariants: a caller's answer is the outcome of the transaction that held its document,
//! never another's; documents are applied in the order they were queued; a group that
//! aborts on one document's content is retried one document at a time, so a bad document
//! fails alone; at most one group transaction runs at a time.

use std::sync::{Arc, Mutex};

use anyhow::Result;
use chrono::{DateTime, Utc};
use tokio::sync::oneshot;

use super::Store;
use super::items::{Aborted, Upsert};
use crate::model::{Change, Item};
use crate::stories::Rules;

/// At most this many documents in one transaction: a transaction's writes are held in
/// memory until it commits, and a conflict reruns all of it.
const MAX_GROUP: usize = 256;

struct Queued {
    items: Vec<Item>,
    now: DateTime<Utc>,
    stories: Option<Arc<Rules>>,
    reply: oneshot::Sender<(Vec<Item>, Result<Vec<Change>>)>,
}

#[derive(Default)]
pub(crate) struct WriteGate {
    queue: Mutex<Vec<Queued>>,
    /// Held by the caller whose group is being written, and by that write itself (it
    /// moves into the blocking task, so a cancelled caller cannot let a second group start).
    turn: Arc<tokio::sync::Mutex<()>>,
    /// Group transactions run (tests read it).
    groups: std::sync::atomic::AtomicU64,
}

impl Store {
    /// [`Store::upsert_with`] for concurrent callers: the document joins whatever is queued
    /// and goes in one transaction with it. Returns the items (handed back, not cloned)
    /// with their changes.
    pub async fn upsert_grouped(
        &self,
        items: Vec<Item>,
        now: DateTime<Utc>,
        stories: Option<Arc<Rules>>,
    ) -> (Vec<Item>, Result<Vec<Change>>) {
        let (reply, mut answer) = oneshot::channel();
        self.writes
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Queued {
                items,
                now,
                stories,
                reply,
            });
        loop {
            let turn = self.writes.turn.clone().lock_owned().await;
            // A writer before us may have taken our document with its group.
            if let Ok(done) = answer.try_recv() {
                return done;
            }
            let group: Vec<Queued> = {
                let mut q = self.writes.queue.lock().unwrap_or_else(|e| e.into_inner());
                let n = q.len().min(MAX_GROUP);
                q.drain(..n).collect()
            };
            if group.is_empty() {
                drop(turn);
            } else {
                let store = self.clone();
                let run = tokio::task::spawn_blocking(move || {
                    store.write_group(group);
                    drop(turn);
                })
                .await;
                if let Err(e) = run {
                    // The group's senders went with the task: its callers see a closed
                    // channel below and report it.
                    tracing::error!("store write task failed: {e}");
                }
            }
            match answer.try_recv() {
                Ok(done) => return done,
                Err(oneshot::error::TryRecvError::Empty) => continue,
                Err(oneshot::error::TryRecvError::Closed) => {
                    return (
                        Vec::new(),
                        Err(anyhow::anyhow!("store write failed: the writer stopped")),
                    );
                }
            }
        }
    }

    /// Group transactions run so far.
    pub fn write_groups(&self) -> u64 {
        self.writes
            .groups
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    fn write_group(&self, group: Vec<Queued>) {
        self.writes
            .groups
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let upserts: Vec<Upsert<'_>> = group
            .iter()
            .map(|q| Upsert {
                items: &q.items,
                now: q.now,
                stories: q.stories.as_deref(),
            })
            .collect();
        let outcome = self.upsert_many(&upserts);
        let results: Vec<Result<Vec<Change>>> = match outcome {
            Ok(all) => all.into_iter().map(Ok).collect(),
            // One document's content stopped the group: each again on its own, so the
            // others are stored and only that one reports the error.
            Err(e) if e.downcast_ref::<Aborted>().is_some() && upserts.len() > 1 => upserts
                .iter()
                .map(|u| {
                    self.upsert_many(std::slice::from_ref(u))
                        .map(|mut v| v.pop().unwrap_or_default())
                })
                .collect(),
            Err(e) => {
                let msg = format!("{e:#}");
                upserts
                    .iter()
                    .map(|_| Err(anyhow::anyhow!("{msg}")))
                    .collect()
            }
        };
        drop(upserts);
        for (q, r) in group.into_iter().zip(results) {
            // A caller that gave up (its poll was cancelled) does not need the answer.
            let _ = q.reply.send((q.items, r));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::item;
    use crate::stories::{Lexicon, Rules};

    const BODY: &str = "<p>9月28日上午，南通高新区举行重大项目集中签约仪式，12个先进制造业项目现场签约，\
        总投资52亿元，涵盖新一代信息技术、高端装备和新材料等领域。</p>\
        <p>区党工委书记在致辞中表示，将以最优服务保障项目早开工、早投产、早见效。</p>";

    /// Forty polls storing at once: each gets its own changes, fewer transactions than
    /// documents run, a second round changes nothing, and two copies of one story that
    /// arrive in one group are filed as one story (the later sees the earlier).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_documents_share_transactions_and_keep_their_own_answers() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let rules = Arc::new(Rules::new(
            std::time::Duration::from_secs(7 * 86_400),
            Lexicon::new([("南通高新区".to_string(), "z:nt".to_string())]),
        ));
        // Postings older than twice the window are dropped: "now" is when the items are new.
        let now = item("s", "x", "nantong", None, 2).published;
        let docs: Vec<Vec<Item>> = (0..40)
            .map(|d| {
                let mut v = vec![
                    item(&format!("s{d}"), &format!("a{d}"), "nantong", Some("nt"), 1),
                    item(&format!("s{d}"), &format!("b{d}"), "suzhou", None, 2),
                ];
                // The first item of every document is the same story.
                v[0].title = "南通高新区12个重大项目集中签约".into();
                v[0].summary = Some(BODY.into());
                // Document 7 stores the second of its items twice: the second is unchanged.
                if d == 7 {
                    v.push(v[1].clone());
                }
                v
            })
            .collect();
        let round = |docs: Vec<Vec<Item>>| {
            let store = store.clone();
            let rules = rules.clone();
            async move {
                let tasks: Vec<_> = docs
                    .into_iter()
                    .map(|d| {
                        let store = store.clone();
                        let rules = Some(rules.clone());
                        tokio::spawn(async move { store.upsert_grouped(d, now, rules).await })
                    })
                    .collect();
                let mut out = Vec::new();
                for t in tasks {
                    out.push(t.await?);
                }
                anyhow::Ok(out)
            }
        };
        let first = round(docs.clone()).await?;
        for (d, (items, changes)) in first.into_iter().enumerate() {
            let changes = changes?;
            assert_eq!(items, docs[d], "each caller gets its own items back");
            let mut want = vec![Change::New, Change::New];
            if d == 7 {
                want.push(Change::Unchanged);
            }
            assert_eq!(changes, want, "document {d}");
        }
        assert_eq!(store.count(&crate::store::Selector::All), 80);
        let groups = store.write_groups();
        assert!(
            groups < 40,
            "40 concurrent documents in {groups} transactions"
        );
        let (sid, record) = store.story_of_item("s39", "a39")?;
        let record = record.expect("the copies form one story");
        assert_eq!(record.copies.len(), 40, "story {}", crate::parse::hex(&sid));

        for (_, changes) in round(docs).await? {
            assert!(changes?.iter().all(|c| *c == Change::Unchanged));
        }
        Ok(())
    }
}

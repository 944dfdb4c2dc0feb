//! Everything that runs on one config: the scheduler with its poll dispatcher and digest
//! jobs, the publish queue, and the tasks they started. Stopped and started again on reload.
//!
//! Each tick is thin: it decides what is due and hands the unit of work (one poll, one
//! digest run, one publish) to a task tracker, so a stop can wait for what was started.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use chrono::Utc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::poll::Poller;
use crate::publish::{Affected, Scope};
use crate::schedule::Scheduler;
use crate::site::Site;

/// Everything that runs on one config: the scheduler with its poll dispatcher and digest
/// jobs, and the tasks they started. Stopped and started again on reload.
pub(super) struct Engine {
    scheduler: Scheduler,
    tracker: TaskTracker,
    stop: CancellationToken,
    site: Arc<Site>,
    queue: Arc<PublishQueue>,
}

/// Feeds waiting to be republished. Polls add to it; one publisher task writes the union a
/// moment later, so 2,500 sources finishing at start-up cost a handful of publishes, not
/// 2,500 (measured: that burst, not steady state, set the daemon's resident memory).
#[derive(Default)]
struct PublishQueue {
    pending: std::sync::Mutex<Affected>,
    notify: tokio::sync::Notify,
}

impl PublishQueue {
    fn add(&self, a: Affected) {
        if let Ok(mut p) = self.pending.lock() {
            p.merge(a);
        }
        self.notify.notify_one();
    }

    fn take(&self) -> Affected {
        self.pending
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default()
    }
}

impl Engine {
    pub(super) async fn start(site: Arc<Site>) -> Result<Engine> {
        let poller = site.poller()?.clone();
        let tracker = TaskTracker::new();
        let stop = CancellationToken::new();
        let queue: Arc<PublishQueue> = Arc::default();

        // Feeds exist from the first second, even before any poll finishes; and the feeds
        // of items a killed process stored but never published (the store marks them) are
        // rewritten now rather than when the next item happens to arrive.
        republish(&site, Affected::default()).await;
        {
            let (site, queue, stop) = (site.clone(), queue.clone(), stop.clone());
            tracker.spawn(async move {
                loop {
                    tokio::select! {
                        _ = queue.notify.notified() => {}
                        _ = stop.cancelled() => break,
                    }
                    // Let a burst of polls finish, then publish their union once.
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    let affected = queue.take();
                    if !affected.is_empty() {
                        republish(&site, affected).await;
                    }
                }
            });
        }

        // One tick a second wakes the dispatcher, which hands due sources to the poller.
        // Due-ness comes from each source's stored next poll time, which already folds in
        // interval or cron schedule, server hints, backoff, Retry-After and jitter; runs
        // missed while the daemon was down are simply due, so each is caught up once, not
        // once per missed interval.
        let scheduler = Scheduler::new().await?;
        let dispatch = Arc::new(Dispatch {
            poller: poller.clone(),
            queue: queue.clone(),
            tracker: tracker.clone(),
            active: std::sync::atomic::AtomicUsize::new(0),
            wake: tokio::sync::Notify::new(),
        });
        {
            let (looping, stop) = (dispatch.clone(), stop.clone());
            tracker.spawn(async move {
                let dispatch = looping;
                loop {
                    tokio::select! {
                        _ = dispatch.wake.notified() => {}
                        _ = stop.cancelled() => break,
                    }
                    // Let a run of finishing polls free their places, then fill them once.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    if stop.is_cancelled() {
                        break;
                    }
                    dispatch.fill();
                }
            });
            let ticking = dispatch.clone();
            let tick: crate::schedule::Tick = Arc::new(move || {
                ticking.wake.notify_one();
                Box::pin(async {})
            });
            scheduler
                .every("poll dispatcher", Duration::from_secs(1), tick)
                .await?;
        }
        // The first tick is a second away; start the sources that are already due now.
        dispatch.fill();

        // Digests, for configured subscriptions and signed-up readers alike.
        super::digests::schedule(&scheduler, site.clone(), tracker.clone(), stop.clone()).await?;
        // Alerts: a worker each, woken by every publish; a dead channel waits alone.
        for alert in &site.config.alerts {
            tracker.spawn(site.clone().alert_worker(alert.id.clone(), stop.clone()));
        }
        // Publish targets: a worker each, woken by every publish; uploads never hold up a
        // publish, and a dead target backs off alone.
        for i in 0..site.targets().len() {
            tracker.spawn(site.targets().clone().worker(i, stop.clone()));
        }
        scheduler.start().await?;
        Ok(Engine {
            scheduler,
            tracker,
            stop,
            site,
            queue,
        })
    }

    /// Stops firing ticks, then waits (bounded) for the polls and sends already started.
    pub(super) async fn stop(self) {
        self.stop.cancel();
        if let Err(e) = self.scheduler.shutdown().await {
            tracing::warn!("{e:#}");
        }
        self.tracker.close();
        if tokio::time::timeout(Duration::from_secs(30), self.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!("in-flight work did not finish within 30 s; it is abandoned");
        }
        // Polls that finished after the publisher stopped still get their feeds written.
        let rest = self.queue.take();
        if !rest.is_empty() {
            republish(&self.site, rest).await;
        }
    }
}

/// Hands due sources to the poller, at most a window of them in flight: a first start
/// with 50,000 sources due spawned 50,000 tasks at once, and the burst set the daemon's
/// resident memory long after. A finished poll wakes the dispatcher for the next ones.
struct Dispatch {
    poller: Arc<Poller>,
    queue: Arc<PublishQueue>,
    tracker: TaskTracker,
    active: std::sync::atomic::AtomicUsize,
    wake: tokio::sync::Notify,
}

impl Dispatch {
    fn fill(self: &Arc<Self>) {
        use std::sync::atomic::Ordering::SeqCst;
        let room = self
            .poller
            .window()
            .saturating_sub(self.active.load(SeqCst));
        if room == 0 {
            return;
        }
        for source in self.poller.due_sources(Utc::now(), room) {
            self.active.fetch_add(1, SeqCst);
            let me = self.clone();
            self.tracker.spawn(async move {
                let outcome = me.poller.poll_source(&source).await;
                if !outcome.affected.is_empty() {
                    me.queue.add(outcome.affected);
                }
                me.active.fetch_sub(1, SeqCst);
                me.wake.notify_one();
            });
        }
    }
}

/// One publish through the site (the one publish path); failures are logged, the daemon
/// goes on. Start-up and reloads publish with nothing affected: then what is missing is
/// created.
async fn republish(site: &Site, affected: Affected) {
    let check_missing = affected.is_empty();
    let scope = Scope::Affected {
        affected,
        check_missing,
    };
    match site.publish(scope, None).await {
        Ok(r) => {
            if !r.written.is_empty() {
                tracing::info!(
                    written = r.written.len(),
                    unchanged = r.unchanged,
                    "feeds published"
                );
            }
        }
        Err(e) => tracing::error!("publish failed: {e:#}"),
    }
}

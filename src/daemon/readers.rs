//! The daemon's jobs for readers who signed up themselves (`[signup]`): one cron job per
//! offered frequency, a retry sweep for their pending digests (and firings missed while the
//! daemon was down, sent once on start), and the privacy sweep.
//!
//! Invariants: one reader batch runs at a time (a firing during a retry waits its turn, so
//! a reader's pending digest is never sent by two runs at once); the privacy sweep runs at
//! start and every ten minutes whether or not sign-up is enabled (what was collected must
//! still be deleted on time).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use chrono::Utc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::{Config, FrequencyKind};
use crate::schedule::{Scheduler, Tick};
use crate::store::Store;

const RETRY_SWEEP: Duration = Duration::from_secs(30);
const PRIVACY_SWEEP: Duration = Duration::from_secs(600);

#[derive(Clone)]
struct ReaderJob {
    config: Arc<Config>,
    store: Store,
    mailer: Arc<crate::mail::Mailer>,
    one_at_a_time: Arc<tokio::sync::Mutex<()>>,
    tracker: TaskTracker,
    stop: CancellationToken,
    metrics: Arc<crate::metrics::Metrics>,
}

impl ReaderJob {
    /// Sends readers' digests: with `frequency`, every active reader of it (a firing);
    /// without, those due (retries, missed firings).
    fn spawn(&self, frequency: Option<FrequencyKind>) {
        if self.stop.is_cancelled() {
            return;
        }
        let job = self.clone();
        self.tracker.spawn(async move {
            use crate::digest::DigestOutcome as D;
            use crate::metrics::Metrics as M;
            let _turn = job.one_at_a_time.lock().await;
            let force = frequency.is_some();
            match crate::signup::send_digests(
                &job.config,
                &job.store,
                &job.mailer,
                frequency,
                force,
                Utc::now(),
            )
            .await
            {
                Ok(outcomes) => {
                    for (_, o) in outcomes {
                        match o {
                            D::Sent { .. } => M::inc(&job.metrics.digests_sent),
                            D::Failed { .. } => M::inc(&job.metrics.digests_failed),
                            _ => {}
                        }
                    }
                }
                Err(e) => {
                    M::inc(&job.metrics.digests_failed);
                    tracing::error!("readers' digest run failed: {e:#}");
                }
            }
        });
    }

    fn spawn_sweep(&self) {
        let store = self.store.clone();
        self.tracker.spawn(async move {
            if let Err(e) = crate::signup::sweep(&store, Utc::now()).await {
                tracing::error!("sign-up privacy sweep failed: {e:#}");
            }
        });
    }
}

/// Adds the readers' jobs to `scheduler` (started by the caller) and starts the catch-up
/// run and the first privacy sweep.
pub(super) async fn schedule(
    scheduler: &Scheduler,
    config: Arc<Config>,
    store: Store,
    mailer: Arc<crate::mail::Mailer>,
    tracker: TaskTracker,
    stop: CancellationToken,
    metrics: Arc<crate::metrics::Metrics>,
) -> Result<()> {
    let job = ReaderJob {
        config: config.clone(),
        store,
        mailer,
        one_at_a_time: Arc::default(),
        tracker,
        stop,
        metrics,
    };
    job.spawn_sweep();
    let j = job.clone();
    let sweep: Tick = Arc::new(move || {
        let j = j.clone();
        Box::pin(async move { j.spawn_sweep() })
    });
    scheduler
        .every("sign-up privacy sweep", PRIVACY_SWEEP, sweep)
        .await?;
    if !config.signup.enabled {
        return Ok(());
    }
    job.spawn(None);
    for f in &config.signup.frequencies {
        let (j, kind) = (job.clone(), f.kind);
        let tick: Tick = Arc::new(move || {
            let j = j.clone();
            Box::pin(async move { j.spawn(Some(kind)) })
        });
        scheduler
            .cron(
                &format!("readers' {} digests", f.kind.name()),
                &f.schedule,
                config.signup.timezone,
                tick,
            )
            .await?;
    }
    let j = job.clone();
    let retries: Tick = Arc::new(move || {
        let j = j.clone();
        Box::pin(async move { j.spawn(None) })
    });
    scheduler
        .every("readers' digest retries", RETRY_SWEEP, retries)
        .await
}

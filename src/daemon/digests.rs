//! The daemon's digest jobs, for configured subscriptions and signed-up readers alike:
//! a cron job per subscription and per offered reader frequency, a retry sweep (pending
//! digests whose retry time has come, firings missed while the daemon was down), one
//! catch-up run at start, and the sign-up privacy sweep. Each tick hands one
//! [`Site::send_due`] run to the task tracker.
//!
//! Invariants: a subscription's first sight counts firings from now on (a new
//! `[[subscriptions]]` entry is not sent a digest at once); no subscription is in two runs
//! at once (the site's claims); the privacy sweep runs at start and every ten minutes
//! whether or not sign-up is enabled (what was collected must still be deleted on time).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use chrono::Utc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::digest::Recipients;
use crate::schedule::{Scheduler, Tick};
use crate::site::Site;

const RETRY_SWEEP: Duration = Duration::from_secs(30);
const PRIVACY_SWEEP: Duration = Duration::from_secs(600);

/// What a digest tick needs, cloned into each.
#[derive(Clone)]
struct DigestJob {
    site: Arc<Site>,
    tracker: TaskTracker,
    stop: CancellationToken,
}

impl DigestJob {
    /// Starts one run over `which`; failures are logged and counted, the daemon goes on.
    fn spawn(&self, which: Recipients) {
        if self.stop.is_cancelled() {
            return;
        }
        let job = self.clone();
        self.tracker.spawn(async move {
            if let Err(e) = job
                .site
                .send_due(which.clone(), Utc::now(), |_, _| {})
                .await
            {
                crate::metrics::Metrics::inc(&job.site.metrics().digests_failed);
                tracing::error!(run = ?which, "digest run failed: {e:#}");
            }
        });
    }

    fn tick(&self, which: Recipients) -> Tick {
        let job = self.clone();
        Arc::new(move || {
            let (job, which) = (job.clone(), which.clone());
            Box::pin(async move { job.spawn(which) })
        })
    }

    fn spawn_sweep(&self) {
        let store = self.site.store.clone();
        self.tracker.spawn(async move {
            if let Err(e) = crate::signup::sweep(&store, Utc::now()).await {
                tracing::error!("sign-up privacy sweep failed: {e:#}");
            }
        });
    }
}

/// Adds the digest jobs to `scheduler` (started by the caller) and starts the catch-up run
/// and the first privacy sweep.
pub(super) async fn schedule(
    scheduler: &Scheduler,
    site: Arc<Site>,
    tracker: TaskTracker,
    stop: CancellationToken,
) -> Result<()> {
    let config = site.config.clone();
    let store = site.store.clone();
    let job = DigestJob {
        site,
        tracker,
        stop,
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

    let now = Utc::now();
    for sub in &config.subscriptions {
        let mut state = store.digest_state(&sub.id)?;
        if state == crate::model::DigestState::default() {
            // First sight: firings count from now on.
            state.last_run = Some(now);
            store.set_digest_state(&sub.id, &state)?;
        }
        scheduler
            .cron(
                &format!("digest {}", sub.id),
                &sub.schedule,
                sub.timezone,
                job.tick(Recipients::Named(vec![sub.id.clone()])),
            )
            .await?;
    }
    if config.signup.enabled {
        for f in &config.signup.frequencies {
            scheduler
                .cron(
                    &format!("readers' {} digests", f.kind.name()),
                    &f.schedule,
                    config.signup.timezone,
                    job.tick(Recipients::Frequency(f.kind)),
                )
                .await?;
        }
    }
    if !config.subscriptions.is_empty() || config.signup.enabled {
        job.spawn(Recipients::Due);
        scheduler
            .every("digest retries", RETRY_SWEEP, job.tick(Recipients::Due))
            .await?;
    }
    Ok(())
}

//! When the daemon's jobs run. The only module that uses tokio-cron-scheduler.
//!
//! Jobs here are thin: each tick calls a closure that decides whether work is due and hands
//! it to the caller's task tracker, so shutdown can wait for in-flight work.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio_cron_scheduler::{Job, JobScheduler};

pub type Tick = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

pub struct Scheduler {
    inner: JobScheduler,
}

impl Scheduler {
    pub async fn new() -> Result<Scheduler> {
        let inner = JobScheduler::new()
            .await
            .context("cannot create the job scheduler")?;
        Ok(Scheduler { inner })
    }

    /// Runs `tick` every `period`, first one `period` from now.
    pub async fn every(&self, name: &str, period: Duration, tick: Tick) -> Result<()> {
        let job = Job::new_repeated_async(period, move |_id, _lock| tick())
            .with_context(|| format!("cannot schedule {name} every {period:?}"))?;
        self.inner
            .add(job)
            .await
            .with_context(|| format!("cannot add job {name}"))?;
        Ok(())
    }

    pub async fn start(&self) -> Result<()> {
        self.inner
            .start()
            .await
            .context("cannot start the job scheduler")
    }

    /// Stops firing ticks. Work already handed off keeps running.
    pub async fn shutdown(mut self) -> Result<()> {
        self.inner
            .shutdown()
            .await
            .context("cannot stop the job scheduler")
    }
}

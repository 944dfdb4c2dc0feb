//! The site's alerts: a round of one alert ([`Site::alert_round`]), every alert until it
//! is done or must wait ([`Site::deliver_alerts`], for one-shot commands), and the
//! daemon's worker per alert ([`Site::alert_worker`]), woken by every publish.
//!
//! Invariant: a worker holds no lock between rounds and waits for its channel alone; a
//! failing round is logged and tried again later, never ends the worker.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use tokio_util::sync::CancellationToken;

use super::Site;
use crate::alerts::{Ctx, Round};

/// How long a worker sleeps with nothing to do before looking anyway (a publish wakes it
/// sooner).
const IDLE_LOOK: Duration = Duration::from_secs(60);

impl Site {
    fn alert_ctx(&self) -> Ctx<'_> {
        Ctx {
            config: &self.config,
            store: &self.store,
            fetcher: &self.fetcher,
            alerts: &self.alerts,
            metrics: &self.metrics,
        }
    }

    /// One round of the alert `id` (see `alerts`).
    pub async fn alert_round(&self, id: &str) -> Result<Round> {
        let Some(alert) = self.config.alerts.iter().find(|a| a.id == id) else {
            anyhow::bail!("unknown alert {id:?}");
        };
        crate::alerts::round(&self.alert_ctx(), alert).await
    }

    /// Every alert's rounds, concurrently, until each has nothing left or would wait past
    /// `within` (a one-shot `zonefeed poll`); what is left is sent by the next poll or the
    /// daemon. The outcomes are summed per alert.
    pub async fn deliver_alerts(&self, within: Duration) -> Vec<(String, Result<Round>)> {
        let until = Instant::now() + within;
        let runs = self.config.alerts.iter().map(|a| async move {
            let (mut messages, mut stories) = (0, 0);
            loop {
                match self.alert_round(&a.id).await {
                    Ok(Round::Later {
                        messages: m,
                        stories: s,
                        wait,
                        error,
                    }) => {
                        messages += m;
                        stories += s;
                        if error.is_some() || Instant::now() + wait > until {
                            return (
                                a.id.clone(),
                                Ok(Round::Later {
                                    messages,
                                    stories,
                                    wait,
                                    error,
                                }),
                            );
                        }
                        tokio::time::sleep(wait).await;
                    }
                    Ok(Round::Sent {
                        messages: m,
                        stories: s,
                    }) => {
                        return (
                            a.id.clone(),
                            Ok(Round::Sent {
                                messages: messages + m,
                                stories: stories + s,
                            }),
                        );
                    }
                    Ok(Round::Idle) if messages > 0 => {
                        return (a.id.clone(), Ok(Round::Sent { messages, stories }));
                    }
                    other => return (a.id.clone(), other),
                }
            }
        });
        futures_util::future::join_all(runs).await
    }

    /// The daemon's worker for the alert `id`: a round whenever a publish may have stored
    /// something, when its wait is over, or a minute after the last; until `stop`.
    pub(crate) async fn alert_worker(self: Arc<Self>, id: String, stop: CancellationToken) {
        let woken = self.alerts.woken();
        loop {
            let notified = woken.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let wait = match self.alert_round(&id).await {
                Ok(Round::Later { wait, .. }) => wait,
                Ok(_) => IDLE_LOOK,
                Err(e) => {
                    tracing::error!(alert = %id, "alert round failed: {e:#}");
                    Duration::from_secs(30)
                }
            };
            tokio::select! {
                _ = &mut notified => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.cancelled() => break,
            }
        }
    }
}

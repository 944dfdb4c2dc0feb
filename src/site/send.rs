//! [`Site::send_due`]: the one way digests are sent, by the CLI (`digest send`) and by
//! the daemon's jobs alike, over one list of recipients (configured subscriptions and
//! signed-up readers, [`Recipients`]).
//!
//! Invariants: a subscription is in at most one run at a time: a run claims the ids it
//! sends and skips those another run holds (two runs sending one pending digest would
//! send it twice). What a run skipped is not lost: when the holder releases a skipped
//! id, the holder runs it again if it is still due (a cron firing that landed during a
//! retry run is sent right after it, not a day later).

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Site;
use crate::config::Subscription;
use crate::digest::{DigestOutcome, Recipients};
use crate::mail::Mailer;
use crate::metrics::Metrics;

/// The ids in a run, and those a run skipped because another held them.
#[derive(Default)]
pub(super) struct Claims {
    busy: HashSet<String>,
    again: HashSet<String>,
}

impl Site {
    /// The site's mailer, made on first use (a command that only publishes needs none).
    async fn mailer(&self) -> Result<&Arc<Mailer>> {
        self.mailer
            .get_or_try_init(|| async { Mailer::new(&self.config.mail).map(Arc::new) })
            .await
    }

    /// Sends the digests of `which` (see [`Recipients`]), handing each outcome to `each`
    /// once it is durable; counts them in the site's metrics.
    pub async fn send_due(
        &self,
        which: Recipients,
        now: DateTime<Utc>,
        mut each: impl FnMut(&Subscription, DigestOutcome),
    ) -> Result<()> {
        let mailer = self.mailer().await?.clone();
        let (config, store) = (&self.config, &self.store);
        let mut which = which;
        let mut now = now;
        loop {
            let readers = crate::digest::readers_for(config, store, &which)?;
            let picked = crate::digest::pick_recipients(config, store, &readers, &which, now)?;
            let mine = self.claim(picked);
            let sent =
                crate::digest::send_digests_each(config, store, &mailer, &mine, now, |sub, o| {
                    self.count(&o);
                    each(sub, o)
                })
                .await;
            let again = self.release(&mine);
            sent?;
            if again.is_empty() {
                return Ok(());
            }
            which = Recipients::DueAmong(again);
            now = Utc::now();
        }
    }

    /// The subscriptions of `picked` that no other run holds, now held by this one.
    fn claim<'a>(&self, picked: Vec<&'a Subscription>) -> Vec<&'a Subscription> {
        let Ok(mut c) = self.sending.lock() else {
            return picked;
        };
        let mut mine = Vec::with_capacity(picked.len());
        for sub in picked {
            if c.busy.insert(sub.id.clone()) {
                mine.push(sub);
            } else {
                c.again.insert(sub.id.clone());
            }
        }
        mine
    }

    /// Lets go of `mine`; returns those of them another run skipped meanwhile.
    fn release(&self, mine: &[&Subscription]) -> Vec<String> {
        let Ok(mut c) = self.sending.lock() else {
            return Vec::new();
        };
        let mut again = Vec::new();
        for sub in mine {
            c.busy.remove(&sub.id);
            if c.again.remove(&sub.id) {
                again.push(sub.id.clone());
            }
        }
        again
    }

    fn count(&self, o: &DigestOutcome) {
        match o {
            DigestOutcome::Sent { .. } => Metrics::inc(&self.metrics.digests_sent),
            DigestOutcome::Failed { .. } => Metrics::inc(&self.metrics.digests_failed),
            _ => {}
        }
    }
}

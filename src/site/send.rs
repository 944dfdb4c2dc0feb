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

impl Claims {
    /// The subscriptions of `picked` that no other run holds, now held by this one; the
    /// others are noted to be run again when released.
    fn claim<'a>(&mut self, picked: Vec<&'a Subscription>) -> Vec<&'a Subscription> {
        let mut mine = Vec::with_capacity(picked.len());
        for sub in picked {
            if self.busy.insert(sub.id.clone()) {
                mine.push(sub);
            } else {
                self.again.insert(sub.id.clone());
            }
        }
        mine
    }

    /// Lets go of `mine`; returns those of them another run skipped meanwhile.
    fn release(&mut self, mine: &[&Subscription]) -> Vec<String> {
        let mut again = Vec::new();
        for sub in mine {
            self.busy.remove(&sub.id);
            if self.again.remove(&sub.id) {
                again.push(sub.id.clone());
            }
        }
        again
    }
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

    fn claim<'a>(&self, picked: Vec<&'a Subscription>) -> Vec<&'a Subscription> {
        match self.sending.lock() {
            Ok(mut c) => c.claim(picked),
            Err(_) => picked,
        }
    }

    fn release(&self, mine: &[&Subscription]) -> Vec<String> {
        match self.sending.lock() {
            Ok(mut c) => c.release(mine),
            Err(_) => Vec::new(),
        }
    }

    fn count(&self, o: &DigestOutcome) {
        match o {
            DigestOutcome::Sent { .. } => Metrics::inc(&self.metrics.digests_sent),
            DigestOutcome::Failed { .. } => Metrics::inc(&self.metrics.digests_failed),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: &str) -> Subscription {
        Subscription {
            id: id.into(),
            email: format!("{id}@example.com"),
            name: None,
            regions: vec![],
            zones: vec![],
            keywords: vec![],
            exclude: vec![],
            topics: vec![],
            schedule: crate::schedule::CronSchedule::parse("0 0 8 * * *").expect("cron"),
            timezone: chrono_tz::Asia::Shanghai,
            max_items: 10,
            send_empty: false,
            backfill: std::time::Duration::from_secs(86_400),
        }
    }

    /// Two runs wanting one subscription: the second skips it, and the first, releasing
    /// it, is told to run it again; one that nobody skipped is not run again.
    #[test]
    fn a_held_subscription_is_skipped_then_handed_back_to_its_holder() {
        let (a, b) = (sub("a"), sub("b"));
        let mut c = Claims::default();
        let first = c.claim(vec![&a, &b]);
        assert_eq!(first.len(), 2);
        let second = c.claim(vec![&a]);
        assert!(second.is_empty(), "a is held by the first run");
        assert_eq!(c.release(&second), Vec::<String>::new());
        assert_eq!(c.release(&first), vec!["a".to_string()]);
        let third = c.claim(vec![&a, &b]);
        assert_eq!(third.len(), 2, "released: both can be claimed again");
        assert_eq!(c.release(&third), Vec::<String>::new());
    }
}

//! Who a digest run is for: one list holding both the admin's `[[subscriptions]]` and the
//! readers who signed up themselves (`[signup]`, as [`super::readers`] turns them into
//! subscriptions), filtered by what asked for the run.
//!
//! Invariant: the configured subscriptions are borrowed from the config, never copied (a
//! run over 100,000 of them holds one list of references); readers are built per run.

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};

use crate::config::{Config, FrequencyKind, Subscription};
use crate::store::Store;

/// What a run was asked to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    /// Everyone due now: a scheduled firing since the last run (missed ones count once), or
    /// a pending digest whose retry time has come. The retry sweep and start-up.
    Due,
    /// These ids, due or not: `digest send ID…`, and a subscription's own cron firing.
    Named(Vec<String>),
    /// Everyone, due or not: `digest send --now`.
    All,
    /// The readers of one offered frequency, due or not: that frequency's cron firing.
    Frequency(FrequencyKind),
    /// Of these ids, those due now: the ones a busy run held back (see `Site::send_due`).
    DueAmong(Vec<String>),
}

/// The readers' subscriptions a run over `which` can include (none for a
/// `[[subscriptions]]`-only run).
pub(crate) fn readers_for(
    config: &Config,
    store: &Store,
    which: &Recipients,
) -> Result<Vec<Subscription>> {
    let frequency = match which {
        Recipients::Frequency(f) => Some(*f),
        _ => None,
    };
    let readers = super::readers::active(config, store, frequency)?;
    if let Recipients::Named(ids) = which {
        for id in ids {
            if config.subscription(id).is_none() && !readers.iter().any(|r| &r.id == id) {
                bail!("unknown subscription {id:?}");
            }
        }
    }
    Ok(readers)
}

/// The subscriptions of the run, configured ones first, in config order.
pub(crate) fn pick<'a>(
    config: &'a Config,
    store: &Store,
    readers: &'a [Subscription],
    which: &Recipients,
    now: DateTime<Utc>,
) -> Result<Vec<&'a Subscription>> {
    let configured: &[Subscription] = match which {
        Recipients::Frequency(_) => &[],
        _ => &config.subscriptions,
    };
    let named: std::collections::HashSet<&str> = match which {
        Recipients::Named(ids) | Recipients::DueAmong(ids) => {
            ids.iter().map(String::as_str).collect()
        }
        _ => Default::default(),
    };
    let mut out = Vec::new();
    for sub in configured.iter().chain(readers) {
        let take = match which {
            Recipients::All | Recipients::Frequency(_) => true,
            Recipients::Named(_) => named.contains(sub.id.as_str()),
            Recipients::Due => super::is_due(sub, &store.digest_state(&sub.id)?, now),
            Recipients::DueAmong(_) => {
                named.contains(sub.id.as_str())
                    && super::is_due(sub, &store.digest_state(&sub.id)?, now)
            }
        };
        if take {
            out.push(sub);
        }
    }
    Ok(out)
}

//! Readers who signed up themselves (`[signup]`), seen by the digest code as subscriptions:
//! each confirmed, unpaused reader becomes an in-memory [`Subscription`] and goes through the
//! very same runs as a `[[subscriptions]]` entry (selection, pending-then-sent, the signed
//! RFC 8058 unsubscribe link). Their digests also carry a signed manage link.
//!
//! Invariants: a reader with no region or zone left in the config gets no subscription
//! (an empty choice means "everything" to [`super::matches`]), nor does one who chose
//! topics none of which is left (no topic would mean "every topic"); a reader who chose
//! topics alone gets them from every place; a reader whose address said
//! stop after it confirmed gets none either; manage tokens are HMAC-SHA256 over the reader
//! id and address under the store's key, checked in constant time, and are not unsubscribe
//! tokens (a different label is signed).

use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::config::{Config, FrequencyKind, Subscription};
use crate::store::{Reader, ReaderStatus, Store};
use crate::token::{Purpose, address_key, sign, verify};

/// Reader ids start with this; config ids cannot hold a dot.
pub const READER_PREFIX: &str = "r.";

pub fn is_reader_id(id: &str) -> bool {
    id.starts_with(READER_PREFIX)
}

/// The subscription a reader's digests run as, or None when it gets no digest now (not
/// confirmed, paused, unsubscribed, sign-up switched off, or nothing it chose still exists).
pub fn as_subscription(config: &Config, r: &Reader) -> Option<Subscription> {
    if !config.signup.enabled || r.status != ReaderStatus::Confirmed || r.paused {
        return None;
    }
    let regions: Vec<String> = r
        .regions
        .iter()
        .filter(|id| config.region(id).is_some())
        .cloned()
        .collect();
    let zones: Vec<String> = r
        .zones
        .iter()
        .filter(|id| config.zone(id).is_some())
        .cloned()
        .collect();
    let topics: Vec<String> = r
        .topics
        .iter()
        .filter(|id| config.topic(id).is_some())
        .cloned()
        .collect();
    let chose_places = !r.regions.is_empty() || !r.zones.is_empty();
    if (chose_places && regions.is_empty() && zones.is_empty())
        || (!r.topics.is_empty() && topics.is_empty())
        || (!chose_places && r.topics.is_empty())
    {
        return None;
    }
    // A frequency the admin stopped offering falls back to the first one offered.
    let freq = config
        .signup
        .frequency(&r.frequency)
        .or_else(|| config.signup.frequencies.first())?;
    Some(Subscription {
        id: r.id.clone(),
        email: r.email.clone(),
        name: None,
        regions,
        zones,
        keywords: vec![],
        exclude: vec![],
        topics,
        schedule: freq.schedule.clone(),
        timezone: config.signup.timezone,
        max_items: config.signup.max_items,
        send_empty: false,
        backfill: freq.kind.period(),
    })
}

/// The subscriptions of every reader who gets digests now, optionally of one frequency.
/// A reader whose address was suppressed after it confirmed is left out.
pub fn active(
    config: &Config,
    store: &Store,
    frequency: Option<FrequencyKind>,
) -> Result<Vec<Subscription>> {
    let mut out = Vec::new();
    if !config.signup.enabled {
        return Ok(out);
    }
    for r in store.readers()? {
        let Some(sub) = as_subscription(config, &r) else {
            continue;
        };
        if let Some(f) = frequency {
            let chosen = config
                .signup
                .frequency(&r.frequency)
                .or_else(|| config.signup.frequencies.first())
                .map(|x| x.kind);
            if chosen != Some(f) {
                continue;
            }
        }
        if suppressed_since_confirmed(store, &r)? {
            continue;
        }
        out.push(sub);
    }
    Ok(out)
}

/// Did the address say stop after this record was confirmed (a stale record)?
fn suppressed_since_confirmed(store: &Store, r: &Reader) -> Result<bool> {
    Ok(match (store.suppressed_at(&r.email)?, r.confirmed) {
        (Some(s), Some(c)) => s > c,
        (Some(_), None) => true,
        (None, _) => false,
    })
}

/// The subscription an unsubscribe link names: a `[[subscriptions]]` entry, or a reader
/// (whatever its status, so a reader's link keeps answering after a pause or with sign-up
/// switched off).
pub fn subscription_for_link(config: &Config, store: &Store, id: &str) -> Option<Subscription> {
    if let Some(s) = config.subscription(id) {
        return Some(s.clone());
    }
    if !is_reader_id(id) {
        return None;
    }
    let r = store.reader(id).ok().flatten()?;
    Some(Subscription {
        id: r.id,
        email: r.email,
        name: None,
        regions: r.regions,
        zones: r.zones,
        keywords: vec![],
        exclude: vec![],
        topics: r.topics,
        schedule: config
            .signup
            .frequencies
            .first()
            .map(|f| f.schedule.clone())
            .or_else(|| crate::schedule::CronSchedule::parse("0 0 8 * * *").ok())?,
        timezone: config.signup.timezone,
        max_items: config.signup.max_items,
        send_empty: false,
        backfill: Duration::from_secs(86_400),
    })
}

/// What unsubscribing does to a reader beyond the unsubscribe mark every subscription gets:
/// its record says so (and is deleted 30 days later) and its address is suppressed.
pub fn record_unsubscribe(store: &Store, id: &str, at: DateTime<Utc>) -> Result<()> {
    if !is_reader_id(id) {
        return Ok(());
    }
    if let Some(mut r) = store.reader(id)? {
        store.unsubscribe(&r.id, &r.email, at)?;
        store.suppress(&r.email, at)?;
        if r.status != ReaderStatus::Unsubscribed {
            r.status = ReaderStatus::Unsubscribed;
            r.unsubscribed = Some(at);
            r.paused = false;
            store.update_reader(&r)?;
        }
        tracing::info!(reader = %r.id, "reader unsubscribed");
    }
    Ok(())
}

/// The token of a reader's manage link, hex.
pub fn manage_token(key: &[u8], id: &str, email: &str) -> String {
    sign(key, Purpose::Manage, &[id, &address_key(email)])
}

/// Constant-time check of a manage token from a link.
pub fn verify_manage_token(key: &[u8], id: &str, email: &str, token: &str) -> bool {
    verify(key, Purpose::Manage, &[id, &address_key(email)], token)
}

/// The manage link of a reader's subscription; None for a `[[subscriptions]]` entry.
pub fn manage_url(config: &Config, key: &[u8], sub: &Subscription) -> Option<String> {
    is_reader_id(&sub.id).then(|| {
        format!(
            "{}manage?r={}&t={}",
            config.service.base_url,
            sub.id,
            manage_token(key, &sub.id, &sub.email)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manage_tokens_are_bound_to_reader_and_address_and_not_unsubscribe_tokens() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = manage_token(key, "r.1", "A@Example.com");
        assert!(verify_manage_token(key, "r.1", "a@example.com", &t));
        assert!(!verify_manage_token(key, "r.2", "a@example.com", &t));
        assert!(!verify_manage_token(key, "r.1", "b@example.com", &t));
        assert!(!verify_manage_token(key, "r.1", "a@example.com", "00"));
        assert!(!verify_manage_token(
            key,
            "r.1",
            "a@example.com",
            &"é".repeat(32)
        ));
        let unsub = super::super::unsubscribe_token(key, "r.1", "a@example.com");
        assert!(!verify_manage_token(key, "r.1", "a@example.com", &unsub));
    }
}

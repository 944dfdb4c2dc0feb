//! One poll of one source, as a unit of work that returns an outcome: fetch, parse,
//! classify, store, update the source's state, decide when to poll next. Loops and
//! scheduled jobs only call it.
//!
//! A failing source is data, not a crash: the error, its count and the next attempt are
//! stored on the source's state. Backoff is exponential with jitter, capped, reset on
//! success, and never gives up. Fetches are limited globally (`concurrency`) and per host
//! (`per_host`); a task waits for its host's permit *before* taking a global one, so a slow
//! host only ever delays its own sources.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::classify::Classifier;
use crate::config::{Config, Source};
use crate::fetch::{FetchLimits, Fetched, Fetcher, Validators};
use crate::model::{Change, EMPTY_POLLS_FLAG, Entry, Item, SourceState};
use crate::parse::{ParseOptions, parse_feed};
use crate::publish::Affected;
use crate::store::Store;

/// Backoff after failures doubles from the source's interval up to this.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// Everything polling needs, built once per config.
pub struct Poller {
    pub config: Arc<Config>,
    pub store: Store,
    fetcher: Fetcher,
    classifier: Classifier,
    /// Sources being polled (or waiting for a permit) right now: never twice at once.
    in_flight: Mutex<HashSet<String>>,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    /// Next poll time per source, mirrored from the store so the dispatcher's tick is cheap.
    next_due: Mutex<HashMap<String, DateTime<Utc>>>,
}

/// What one poll did.
#[derive(Debug, Clone)]
pub struct PollOutcome {
    pub source: String,
    pub result: PollResult,
    pub affected: Affected,
    pub duration: Duration,
}

#[derive(Debug, Clone)]
pub enum PollResult {
    Ok(PollStats),
    Failed {
        error: String,
        failures: u32,
        next_poll: DateTime<Utc>,
    },
    /// Not polled: already running, or (for `poll` without `--force`) backing off.
    Skipped(String),
}

#[derive(Debug, Clone, Default)]
pub struct PollStats {
    pub status: u16,
    pub not_modified: bool,
    pub bytes: usize,
    pub format: &'static str,
    pub charset: &'static str,
    pub entries: usize,
    pub new: usize,
    pub updated: usize,
    pub next_poll: Option<DateTime<Utc>>,
    /// A permanent redirect was followed; the config should name this URL instead.
    pub moved_to: Option<String>,
    /// The source had items and now yields none, several polls in a row.
    pub empty_flag: bool,
}

impl PollOutcome {
    pub fn is_failure(&self) -> bool {
        matches!(self.result, PollResult::Failed { .. })
    }
}

struct InFlight<'a> {
    set: &'a Mutex<HashSet<String>>,
    id: String,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut s) = self.set.lock() {
            s.remove(&self.id);
        }
    }
}

impl Poller {
    pub fn new(config: Arc<Config>, store: Store) -> Result<Poller> {
        let fetcher = Fetcher::new(FetchLimits::from_config(&config.poll))?;
        let mut next_due = HashMap::new();
        for s in &config.sources {
            if let Some(t) = store.source_state(&s.id)?.next_poll {
                next_due.insert(s.id.clone(), t);
            }
        }
        Ok(Poller {
            classifier: Classifier::new(&config),
            global: Arc::new(Semaphore::new(config.poll.concurrency)),
            hosts: Mutex::new(HashMap::new()),
            next_due: Mutex::new(next_due),
            config,
            store,
            fetcher,
            in_flight: Mutex::new(HashSet::new()),
        })
    }

    /// Sources due at `now` and not already in flight, in config order.
    pub fn due_sources(&self, now: DateTime<Utc>) -> Vec<Source> {
        let due = self.next_due.lock().map(|m| m.clone()).unwrap_or_default();
        let busy = self.in_flight.lock().map(|s| s.clone()).unwrap_or_default();
        self.config
            .sources
            .iter()
            .filter(|s| !busy.contains(&s.id) && due.get(&s.id).is_none_or(|t| *t <= now))
            .cloned()
            .collect()
    }

    /// Polls one source once and records the result on its state. Flushes before returning,
    /// so an outcome that says "stored" is durable.
    pub async fn poll_source(&self, source: &Source) -> PollOutcome {
        let started = Instant::now();
        let Some(_guard) = self.claim(&source.id) else {
            return PollOutcome {
                source: source.id.clone(),
                result: PollResult::Skipped("a poll of this source is still running".into()),
                affected: Affected::default(),
                duration: started.elapsed(),
            };
        };
        let _permits = self.acquire(&source.host()).await;
        let started = Instant::now();
        let mut state = self.store.source_state(&source.id).unwrap_or_default();
        let now = Utc::now();
        state.last_poll = Some(now);
        state.polls += 1;
        let mut affected = Affected::default();
        let result = match self.fetch_and_store(source, &state, &mut affected).await {
            Ok(done) => {
                let mut stats = done.stats;
                state.last_ok = Some(Utc::now());
                state.last_error = None;
                state.last_status = Some(stats.status);
                state.consecutive_failures = 0;
                state.retry_until = None;
                state.last_bytes = stats.bytes;
                if stats.not_modified {
                    state.not_modified += 1;
                } else {
                    let had_items =
                        state.last_entries > 0 || state.empty_polls > 0 || done.known_items > 0;
                    if stats.entries == 0 && had_items {
                        state.empty_polls += 1;
                    } else {
                        state.empty_polls = 0;
                    }
                    state.last_entries = stats.entries;
                }
                stats.empty_flag = state.empty_polls >= EMPTY_POLLS_FLAG;
                if stats.empty_flag {
                    tracing::warn!(
                        source = %source.id,
                        polls = state.empty_polls,
                        "source had items but now yields none: probably broken (layout or URL change?)"
                    );
                }
                if let Some(to) = &stats.moved_to {
                    if state.redirected_to.as_deref() != Some(to) {
                        tracing::warn!(
                            source = %source.id,
                            from = %source.url,
                            to = %to,
                            "source moved permanently; update its url in the config"
                        );
                    }
                    state.redirected_to = Some(to.clone());
                } else {
                    state.redirected_to = None;
                }
                state.etag = done.validators.etag;
                state.last_modified = done.validators.last_modified;
                let next = self.next_after_success(source, now, done.hint);
                state.next_poll = Some(next);
                stats.next_poll = Some(next);
                PollResult::Ok(stats)
            }
            Err(e) => {
                state.last_error = Some(e.message.clone());
                state.last_status = e.status;
                state.consecutive_failures = state.consecutive_failures.saturating_add(1);
                let mut wait = self.clamp(backoff(
                    self.base_interval(source),
                    state.consecutive_failures,
                ));
                wait += jitter(wait);
                // 429/503: at least as long as the server asked (within max_interval).
                if let Some(ra) = e.retry_after {
                    let ra = ra.min(self.config.poll.max_interval);
                    state.retry_until = Some(now + ra);
                    wait = wait.max(ra);
                }
                let next = now + wait;
                state.next_poll = Some(next);
                tracing::warn!(
                    source = %source.id,
                    url = %source.url,
                    failures = state.consecutive_failures,
                    retry_in_s = wait.as_secs(),
                    "poll failed: {}", e.message
                );
                PollResult::Failed {
                    error: e.message,
                    failures: state.consecutive_failures,
                    next_poll: next,
                }
            }
        };
        let duration = started.elapsed();
        state.last_duration_ms = duration.as_millis() as u64;
        if let Some(t) = state.next_poll
            && let Ok(mut m) = self.next_due.lock()
        {
            m.insert(source.id.clone(), t);
        }
        if let Err(e) = self.store.set_source_state(&source.id, &state) {
            tracing::error!(source = %source.id, "cannot record source state: {e:#}");
        }
        if let Err(e) = self.store.flush().await {
            tracing::error!("{e:#}");
        }
        if let PollResult::Ok(s) = &result {
            tracing::info!(
                source = %source.id,
                status = s.status,
                bytes = s.bytes,
                entries = s.entries,
                new = s.new,
                updated = s.updated,
                ms = duration.as_millis() as u64,
                "polled"
            );
        }
        PollOutcome {
            source: source.id.clone(),
            result,
            affected,
            duration,
        }
    }

    /// Polls the given sources; the concurrency and per-host limits apply.
    pub async fn poll_many(&self, sources: &[&Source]) -> Vec<PollOutcome> {
        futures_util::stream::iter(sources.iter().map(|s| self.poll_source(s)))
            .buffer_unordered(sources.len().max(1))
            .collect()
            .await
    }

    fn claim(&self, id: &str) -> Option<InFlight<'_>> {
        let mut set = self.in_flight.lock().ok()?;
        if !set.insert(id.to_string()) {
            return None;
        }
        Some(InFlight {
            set: &self.in_flight,
            id: id.to_string(),
        })
    }

    async fn acquire(
        &self,
        host: &str,
    ) -> (Option<OwnedSemaphorePermit>, Option<OwnedSemaphorePermit>) {
        let host_sem = (!host.is_empty()).then(|| {
            let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
            hosts
                .entry(host.to_string())
                .or_insert_with(|| Arc::new(Semaphore::new(self.config.poll.per_host)))
                .clone()
        });
        let host_permit = match host_sem {
            Some(s) => s.acquire_owned().await.ok(),
            None => None,
        };
        let global = self.global.clone().acquire_owned().await.ok();
        (host_permit, global)
    }

    fn base_interval(&self, source: &Source) -> Duration {
        if source.schedule.is_some() {
            self.config.poll.interval
        } else {
            source.interval
        }
    }

    fn clamp(&self, d: Duration) -> Duration {
        d.clamp(self.config.poll.min_interval, self.config.poll.max_interval)
    }

    /// After success: the next cron firing, or the interval lengthened by what the server
    /// says (`<ttl>`, max-age, Expires) within `[min_interval, max_interval]`, plus jitter.
    fn next_after_success(
        &self,
        source: &Source,
        now: DateTime<Utc>,
        hint: Option<Duration>,
    ) -> DateTime<Utc> {
        if let Some(cron) = &source.schedule
            && let Some(t) = cron.next_after(now, self.config.service.timezone)
        {
            return t;
        }
        let wait = self.clamp(source.interval.max(hint.unwrap_or_default()));
        now + wait + jitter(wait)
    }

    async fn fetch_and_store(
        &self,
        source: &Source,
        state: &SourceState,
        affected: &mut Affected,
    ) -> Result<Done, PollError> {
        let validators = Validators {
            etag: state.etag.clone(),
            last_modified: state.last_modified.clone(),
        };
        let fetched = self
            .fetcher
            .fetch(&source.url, &validators)
            .await
            .map_err(|e| PollError {
                status: e.status(),
                retry_after: e.retry_after(),
                message: format!("fetch {}: {e}", source.url),
            })?;
        let moved_to = fetched.permanent_redirect.as_ref().map(|u| u.to_string());
        let new_validators = Validators {
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
        };
        if fetched.not_modified {
            // Nothing to parse and nothing to store.
            return Ok(Done {
                stats: PollStats {
                    status: 304,
                    not_modified: true,
                    moved_to,
                    ..Default::default()
                },
                validators: new_validators,
                hint: fetched.fresh_for,
                known_items: 0,
            });
        }
        let (stats, ttl) = self.store_document(source, &fetched, affected)?;
        let hint = match (fetched.fresh_for, ttl) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let known_items = if stats.entries == 0 {
            self.store
                .count(&crate::store::Selector::Source(source.id.clone()))
        } else {
            0
        };
        Ok(Done {
            stats: PollStats { moved_to, ..stats },
            validators: new_validators,
            hint,
            known_items,
        })
    }

    fn store_document(
        &self,
        source: &Source,
        fetched: &Fetched,
        affected: &mut Affected,
    ) -> Result<(PollStats, Option<Duration>), PollError> {
        let base = fetched.url.clone().or_else(|| source.url.base());
        let parsed = parse_feed(
            &fetched.body,
            &ParseOptions {
                base_url: base.as_ref(),
                header_charset: fetched.header_charset(),
                charset_override: source.charset,
                tz: self.config.service.timezone,
            },
        )
        .map_err(|e| PollError {
            status: Some(fetched.status),
            retry_after: None,
            message: format!("parse {}: {e}", source.url),
        })?;
        let now = Utc::now();
        let items: Vec<Item> = parsed
            .entries
            .iter()
            .map(|e| to_item(&self.config, &self.classifier, source, e, now))
            .collect();
        let changes = self.store.upsert(&items, now).map_err(|e| PollError {
            status: Some(fetched.status),
            retry_after: None,
            message: format!("store: {e:#}"),
        })?;
        let mut stats = PollStats {
            status: fetched.status,
            bytes: fetched.body.len(),
            format: parsed.format,
            charset: parsed.charset,
            entries: items.len(),
            ..Default::default()
        };
        for (item, change) in items.iter().zip(&changes) {
            match change {
                Change::New => stats.new += 1,
                Change::Updated => stats.updated += 1,
                Change::Unchanged => continue,
            }
            affected.add_item(&self.config, item);
        }
        let ttl = parsed.ttl.map(|m| Duration::from_secs(u64::from(m) * 60));
        Ok((stats, ttl))
    }
}

struct Done {
    stats: PollStats,
    validators: Validators,
    hint: Option<Duration>,
    /// Items stored for the source (only counted when the document was empty).
    known_items: usize,
}

struct PollError {
    message: String,
    status: Option<u16>,
    retry_after: Option<Duration>,
}

/// A parsed entry placed in its region and zone, ready for the store.
pub fn to_item(
    config: &Config,
    classifier: &Classifier,
    source: &Source,
    entry: &Entry,
    now: DateTime<Utc>,
) -> Item {
    let placement = classifier.classify(config, source, entry);
    // A date more than a day ahead is a site's mistake; it would pin the item to the top.
    let published = entry
        .published
        .filter(|p| *p <= now + chrono::Duration::days(1));
    Item {
        id: entry.id.clone(),
        id_kind: entry.id_kind,
        source: source.id.clone(),
        title: entry.title.clone(),
        link: entry.link.clone(),
        published: published.unwrap_or(now),
        date_estimated: published.is_none(),
        updated: entry.updated,
        summary: entry.summary.clone(),
        content: entry.content.clone(),
        author: entry.author.clone(),
        categories: entry.categories.clone(),
        region: placement.region,
        zone: placement.zone,
        first_seen: now,
        seq: 0,
    }
}

/// The wait before retrying after `failures` consecutive failures: the interval, doubled per
/// further failure, capped at [`MAX_BACKOFF`] (or the interval, if that is longer).
pub fn backoff(interval: Duration, failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(16);
    let wait = interval.saturating_mul(1 << exp);
    wait.min(MAX_BACKOFF.max(interval))
}

/// Up to 10% of `d` (at most 5 minutes), random, so sources configured alike drift apart.
pub fn jitter(d: Duration) -> Duration {
    let span = (d / 10).min(Duration::from_secs(300));
    if span.is_zero() {
        return Duration::ZERO;
    }
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Instant::now().elapsed().as_nanos());
    let r = h.finish();
    Duration::from_nanos(r % (span.as_nanos() as u64).max(1))
}

/// Is this source due now (never polled, or its next poll time has passed)?
pub fn is_due(state: &SourceState, now: DateTime<Utc>) -> bool {
    state.next_poll.is_none_or(|t| t <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let i = Duration::from_secs(900);
        assert_eq!(backoff(i, 1), i);
        assert_eq!(backoff(i, 2), i * 2);
        assert_eq!(backoff(i, 3), i * 4);
        assert_eq!(backoff(i, 10), MAX_BACKOFF);
        assert_eq!(backoff(i, u32::MAX), MAX_BACKOFF);
        let daily = Duration::from_secs(86_400);
        assert_eq!(backoff(daily, 5), daily);
    }

    #[test]
    fn jitter_stays_within_ten_percent() {
        for _ in 0..100 {
            let j = jitter(Duration::from_secs(600));
            assert!(j < Duration::from_secs(60));
        }
        assert!(jitter(Duration::from_secs(86_400)) < Duration::from_secs(300));
        assert_eq!(jitter(Duration::ZERO), Duration::ZERO);
    }
}

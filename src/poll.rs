//! One poll of one source, as a unit of work that returns an outcome: fetch, parse,
//! classify, store, update the source's state. Loops and scheduled jobs only call it.
//!
//! A failing source is data, not a crash: the error, its count and the next attempt
//! (capped exponential backoff, never disabled) are stored on the source's state.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;

use crate::classify::Classifier;
use crate::config::{Config, Source, SourceUrl};
use crate::fetch::{FetchLimits, Fetcher, Validators};
use crate::model::{Change, Entry, Item, SourceState};
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
    /// Sources being polled right now: a source is never polled twice at once.
    in_flight: Mutex<HashSet<String>>,
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
    /// Another poll of the same source was still running.
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
        let fetcher = Fetcher::new(FetchLimits {
            timeout: config.poll.timeout,
            max_body: config.poll.max_body,
            user_agent: config.poll.user_agent.clone(),
        })?;
        Ok(Poller {
            classifier: Classifier::new(&config),
            config,
            store,
            fetcher,
            in_flight: Mutex::new(HashSet::new()),
        })
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
        let mut state = self.store.source_state(&source.id).unwrap_or_default();
        let now = Utc::now();
        state.last_poll = Some(now);
        let mut affected = Affected::default();
        let result = match self.fetch_and_store(source, &state, &mut affected).await {
            Ok((stats, validators)) => {
                state.last_ok = Some(Utc::now());
                state.last_error = None;
                state.last_status = Some(stats.status);
                state.consecutive_failures = 0;
                state.next_poll = Some(now + source.interval);
                if !stats.not_modified {
                    state.last_entries = stats.entries;
                }
                state.etag = validators.etag;
                state.last_modified = validators.last_modified;
                PollResult::Ok(stats)
            }
            Err(PollError { message, status }) => {
                state.last_error = Some(message.clone());
                state.last_status = status;
                state.consecutive_failures = state.consecutive_failures.saturating_add(1);
                let wait = backoff(source.interval, state.consecutive_failures);
                let next = now + wait;
                state.next_poll = Some(next);
                tracing::warn!(
                    source = %source.id,
                    url = %source.url,
                    failures = state.consecutive_failures,
                    retry_in = ?wait,
                    "poll failed: {message}"
                );
                PollResult::Failed {
                    error: message,
                    failures: state.consecutive_failures,
                    next_poll: next,
                }
            }
        };
        if let Err(e) = self.store.set_source_state(&source.id, &state) {
            tracing::error!(source = %source.id, "cannot record source state: {e:#}");
        }
        if let Err(e) = self.store.flush().await {
            tracing::error!("{e:#}");
        }
        let outcome = PollOutcome {
            source: source.id.clone(),
            result,
            affected,
            duration: started.elapsed(),
        };
        if let PollResult::Ok(s) = &outcome.result {
            tracing::info!(
                source = %source.id,
                status = s.status,
                bytes = s.bytes,
                entries = s.entries,
                new = s.new,
                updated = s.updated,
                ms = outcome.duration.as_millis() as u64,
                "polled"
            );
        }
        outcome
    }

    /// Polls the given sources, `[poll] concurrency` at a time.
    pub async fn poll_many(&self, sources: &[&Source]) -> Vec<PollOutcome> {
        futures_util::stream::iter(sources.iter().map(|s| self.poll_source(s)))
            .buffer_unordered(self.config.poll.concurrency)
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

    async fn fetch_and_store(
        &self,
        source: &Source,
        state: &SourceState,
        affected: &mut Affected,
    ) -> Result<(PollStats, Validators), PollError> {
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
                message: format!("fetch {}: {e}", source.url),
            })?;
        let new_validators = Validators {
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
        };
        if fetched.not_modified {
            return Ok((
                PollStats {
                    status: 304,
                    not_modified: true,
                    ..Default::default()
                },
                new_validators,
            ));
        }
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
            message: format!("store: {e:#}"),
        })?;
        let mut stats = PollStats {
            status: fetched.status,
            not_modified: false,
            bytes: fetched.body.len(),
            format: parsed.format,
            charset: parsed.charset,
            entries: items.len(),
            new: 0,
            updated: 0,
        };
        for (item, change) in items.iter().zip(&changes) {
            match change {
                Change::New => stats.new += 1,
                Change::Updated => stats.updated += 1,
                Change::Unchanged => continue,
            }
            affected.add_item(&self.config, item);
        }
        Ok((stats, new_validators))
    }
}

struct PollError {
    message: String,
    status: Option<u16>,
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

/// Is this source due now (never polled, or its next poll time has passed)?
pub fn is_due(state: &SourceState, now: DateTime<Utc>) -> bool {
    state.next_poll.is_none_or(|t| t <= now)
}

/// A source's display URL kind, for summaries.
pub fn url_kind(url: &SourceUrl) -> &'static str {
    match url {
        SourceUrl::Http(_) => "http",
        SourceUrl::File(_) => "file",
    }
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
}

//! One poll of one source, as a unit of work that returns an outcome: fetch, parse,
//! classify, store, update the source's state, decide when to poll next. Loops and
//! scheduled jobs only call it.
//!
//! A failing source is data, not a crash: the error, its count and the next attempt are
//! stored on the source's state. Backoff is exponential with jitter, capped, reset on
//! success, and never gives up. Fetches are limited globally (`concurrency`) and per host
//! (`per_host`); a task waits for its host's permit *before* taking a global one, so a slow
//! host only ever delays its own sources.
//!
//! The steps of a poll are here; how each step changes the source's state is in
//! `state.rs`, as methods on [`SourceState`].

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
use crate::fetch::{CookieJar, FetchLimits, Fetcher, Validators};
use crate::model::{Change, Item, SourceState};
use crate::publish::Affected;
use crate::store::Store;

mod dry_run;
mod item;
mod read;
mod state;

pub use dry_run::SourceInspection;
pub(crate) use dry_run::dry_run;
pub use item::to_item;
pub use read::Document;
pub(crate) use read::read_source;

/// Backoff after failures doubles from the source's interval up to this.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// Everything polling needs, built once per config.
pub struct Poller {
    pub config: Arc<Config>,
    pub store: Store,
    fetcher: Fetcher,
    classifier: Classifier,
    /// Story detection for this config (None with `[stories] enabled = false`).
    story_rules: Option<std::sync::Arc<crate::stories::Rules>>,
    /// Sources being polled (or waiting for a permit) right now: never twice at once.
    in_flight: Mutex<HashSet<String>>,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    /// Next poll time per source, mirrored from the store so the dispatcher's tick is cheap.
    next_due: Mutex<HashMap<String, DateTime<Utc>>>,
    /// Each source's cookies, in memory only: a warm-up page's session lasts across polls
    /// the way a browser's would.
    jars: Mutex<HashMap<String, Arc<CookieJar>>>,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The search index kept in step with what this poller stores (see [`Poller::with_search`]).
    search: Option<Arc<crate::search::SearchIndex>>,
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
    /// Zone names pages gave that match no configured zone.
    pub unknown_zones: Vec<String>,
    /// Article pages that could not be read this time.
    pub article_errors: Vec<String>,
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
        // A store whose story index was built by other rules (or not at all) is indexed
        // now, once, so the first new item already finds the stories of what is stored.
        let story_rules = config.story_rules().map(std::sync::Arc::new);
        store.ensure_stories(story_rules.as_deref())?;
        Poller::with_rules(config, store, story_rules)
    }

    /// For the daemon: a story index to rebuild is only begun here; the daemon rebuilds
    /// it in the background (`daemon::rebuild_stories`) while this poller files new items.
    pub(crate) fn new_serving(config: Arc<Config>, store: Store) -> Result<Poller> {
        let story_rules = config.story_rules().map(std::sync::Arc::new);
        store.begin_stories(story_rules.as_deref())?;
        Poller::with_rules(config, store, story_rules)
    }

    fn with_rules(
        config: Arc<Config>,
        store: Store,
        story_rules: Option<Arc<crate::stories::Rules>>,
    ) -> Result<Poller> {
        let fetcher = Fetcher::new(FetchLimits::from_config(&config.poll))?;
        let mut next_due = HashMap::new();
        for s in &config.sources {
            if let Some(t) = store.source_state(&s.id)?.next_poll {
                next_due.insert(s.id.clone(), t);
            }
        }
        Ok(Poller {
            classifier: Classifier::new(&config),
            story_rules,
            global: Arc::new(Semaphore::new(config.poll.concurrency)),
            hosts: Mutex::new(HashMap::new()),
            next_due: Mutex::new(next_due),
            jars: Mutex::new(HashMap::new()),
            config,
            store,
            fetcher,
            in_flight: Mutex::new(HashSet::new()),
            metrics: Arc::default(),
            search: None,
        })
    }

    /// Indexes what each poll stores in `index` from now on.
    pub fn with_search(mut self, index: Arc<crate::search::SearchIndex>) -> Poller {
        self.search = Some(index);
        self
    }

    /// Search hook: indexes the items a poll stored or changed, as the store now holds
    /// them (with their sequence numbers). A failure is logged, not a failed poll: the
    /// store has the items, and the catch-up at the next start indexes new ones.
    fn index_stored(&self, stored: &[&Item]) {
        let Some(index) = &self.search else { return };
        if stored.is_empty() {
            return;
        }
        let mut items = Vec::with_capacity(stored.len());
        for i in stored {
            match self.store.get(&i.source, &i.id) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(source = %i.source, "search: cannot read stored item: {e:#}")
                }
            }
        }
        if let Err(e) = crate::search::index_items(&self.config, index, &items) {
            tracing::warn!("search index not updated (the next start catches up): {e:#}");
        }
    }

    /// Sources due at `now` and not already in flight, in config order.
    /// At most `limit` sources due at `now` and not being polled, in config order.
    pub(crate) fn due_sources(&self, now: DateTime<Utc>, limit: usize) -> Vec<Source> {
        // Called every second: filter under the locks rather than copying both maps.
        let (Ok(due), Ok(busy)) = (self.next_due.lock(), self.in_flight.lock()) else {
            return Vec::new();
        };
        self.config
            .sources
            .iter()
            .filter(|s| !busy.contains(&s.id) && due.get(&s.id).is_none_or(|t| *t <= now))
            .take(limit)
            .cloned()
            .collect()
    }

    /// How many polls may be in flight at once (started, perhaps waiting for a permit):
    /// enough that hosts waiting on `per_host` leave others work, few enough that each
    /// poll's state is not held for every source at once.
    pub(crate) fn window(&self) -> usize {
        (self.config.poll.concurrency * 4).max(64)
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
        // Timed from here: waiting for a busy host's permit is not this source's slowness.
        let started = Instant::now();
        let mut state = self.store.source_state(&source.id).unwrap_or_default();
        let now = Utc::now();
        state.begin_poll(now);
        let last_ok_before = state.last_ok;
        let mut affected = Affected::default();
        let fetched = self.fetch_and_store(source, &state, &mut affected).await;
        let result = self.record(source, &mut state, now, fetched);
        let duration = started.elapsed();
        state.took(duration);
        self.save_state(source, &state);
        let result = self
            .make_durable(source, &mut state, now, last_ok_before, result)
            .await;
        self.count(&result, duration);
        log_polled(source, &result, duration);
        PollOutcome {
            source: source.id.clone(),
            result,
            affected,
            duration,
        }
    }

    /// The fetch's result on the source's state, scheduling the next poll either way.
    fn record(
        &self,
        source: &Source,
        state: &mut SourceState,
        now: DateTime<Utc>,
        fetched: Result<Done, PollError>,
    ) -> PollResult {
        match fetched {
            Ok(done) => self.record_success(source, state, now, done),
            Err(e) => self.record_failure(source, state, now, e.message, e.status, e.retry_after),
        }
    }

    /// A successful poll on the source's state; warns while the source looks broken
    /// (empty) and when it has newly moved.
    fn record_success(
        &self,
        source: &Source,
        state: &mut SourceState,
        now: DateTime<Utc>,
        done: Done,
    ) -> PollResult {
        let mut stats = done.stats;
        let succeeded = state.succeeded(&stats, done.known_items, done.validators, Utc::now());
        stats.empty_flag = succeeded.empty;
        if succeeded.empty {
            tracing::warn!(
                source = %source.id,
                polls = state.empty_polls,
                "source had items but now yields none: probably broken (layout or URL change?)"
            );
        }
        if succeeded.newly_moved
            && let Some(to) = &stats.moved_to
        {
            tracing::warn!(
                source = %source.id,
                from = %source.url,
                to = %to,
                "source moved permanently; update its url in the config"
            );
        }
        let next = self.next_after_success(source, now, done.hint);
        state.schedule(next);
        stats.next_poll = Some(next);
        PollResult::Ok(stats)
    }

    /// A failed poll on the source's state: the error, one more failure, and the next poll
    /// after an exponential backoff with jitter, at least as late as a `Retry-After`.
    fn record_failure(
        &self,
        source: &Source,
        state: &mut SourceState,
        now: DateTime<Utc>,
        message: String,
        status: Option<u16>,
        retry_after: Option<std::time::Duration>,
    ) -> PollResult {
        let failures = state.failures_with_this_one();
        let mut wait = self.clamp(backoff(self.base_interval(source), failures));
        wait += jitter(wait);
        // 429/503: at least as long as the server asked (within max_interval).
        let mut retry_until = None;
        if let Some(ra) = retry_after {
            let ra = ra.min(self.config.poll.max_interval);
            retry_until = Some(now + ra);
            wait = wait.max(ra);
        }
        let next = now + wait;
        let failures = state.failed(&message, status, retry_until, next);
        tracing::warn!(
            source = %source.id,
            url = %source.url,
            failures,
            retry_in_s = wait.as_secs(),
            "poll failed: {message}"
        );
        PollResult::Failed {
            error: message,
            failures,
            next_poll: next,
        }
    }

    /// Mirrors the state's next poll for the dispatcher, then writes the state. A write
    /// that fails is logged, not a failed poll: the next poll starts from the stored state.
    fn save_state(&self, source: &Source, state: &SourceState) {
        if let Some(t) = state.next_poll
            && let Ok(mut m) = self.next_due.lock()
        {
            m.insert(source.id.clone(), t);
        }
        if let Err(e) = self.store.set_source_state(&source.id, state) {
            tracing::error!(source = %source.id, "cannot record source state: {e:#}");
        }
    }

    /// Flushes the store. The outcome promises a durable result: a flush that fails makes
    /// a successful poll a failure of the source, retried with backoff like any other.
    /// What it stored stays in the store (readers see it, a later flush makes it durable);
    /// the state is rolled back and saved again (see [`SourceState::not_durable`]).
    async fn make_durable(
        &self,
        source: &Source,
        state: &mut SourceState,
        now: DateTime<Utc>,
        last_ok_before: Option<DateTime<Utc>>,
        result: PollResult,
    ) -> PollResult {
        match (self.store.flush().await, result) {
            (Err(e), PollResult::Ok(_)) => {
                state.not_durable(last_ok_before);
                let failed = self.record_failure(
                    source,
                    state,
                    now,
                    format!("stored, but not durable: {e:#}"),
                    None,
                    None,
                );
                self.save_state(source, state);
                failed
            }
            (Err(e), other) => {
                tracing::error!(source = %source.id, "{e:#}");
                other
            }
            (Ok(()), other) => other,
        }
    }

    /// The poll's metrics: its duration, and one counter by result.
    fn count(&self, result: &PollResult, duration: Duration) {
        use crate::metrics::Metrics as M;
        let m = &self.metrics;
        m.observe_poll(duration);
        match result {
            PollResult::Ok(s) if s.not_modified => M::inc(&m.polls_not_modified),
            PollResult::Ok(s) => {
                M::inc(&m.polls_ok);
                M::add(&m.items_new, s.new as u64);
                M::add(&m.items_updated, s.updated as u64);
            }
            PollResult::Failed { .. } => M::inc(&m.polls_failed),
            PollResult::Skipped(_) => M::inc(&m.polls_skipped),
        }
    }

    /// Polls the given sources; the concurrency and per-host limits apply.
    pub async fn poll_many(&self, sources: &[&Source]) -> Vec<PollOutcome> {
        self.poll_many_with(sources, |_| {}).await
    }

    /// [`Poller::poll_many`], calling `done` as each poll finishes (progress on a terminal).
    pub async fn poll_many_with(
        &self,
        sources: &[&Source],
        mut done: impl FnMut(&PollOutcome),
    ) -> Vec<PollOutcome> {
        // A bounded window of polls in flight, not one future per source: each holds a
        // poll's whole state, and 5,000 sources peaked at 124 MB that way (50,000: ~1 GB).
        // Hosts are interleaved so the window spans many sites and one slow site's queue
        // (per_host) cannot fill it.
        let window = self.window();
        let mut polls = futures_util::stream::iter(
            interleave_hosts(sources)
                .into_iter()
                .map(|s| self.poll_source(s)),
        )
        .buffer_unordered(window);
        let mut out = Vec::with_capacity(sources.len());
        while let Some(o) = polls.next().await {
            done(&o);
            out.push(o);
        }
        out
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
        let jar = self
            .jars
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(source.id.clone())
            .or_default()
            .clone();
        // The first successful poll reads `pages` list pages (a backfill); later ones one.
        let pages = if state.last_ok.is_none() {
            source.pages
        } else {
            1
        };
        let doc = read_source(
            &self.fetcher,
            &self.config,
            source,
            &validators,
            Some(&self.store),
            &jar,
            pages,
        )
        .await?;
        for e in &doc.page_errors {
            tracing::warn!(source = %source.id, "backfill stopped: {e}");
        }
        let mut stats = PollStats {
            status: doc.status,
            not_modified: doc.not_modified,
            bytes: doc.bytes,
            format: doc.format,
            charset: doc.charset,
            entries: doc.entries.len(),
            moved_to: doc.moved_to.clone(),
            article_errors: doc.article_errors.clone(),
            ..Default::default()
        };
        let hint = match (doc.fresh_for, doc.ttl) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if doc.not_modified {
            // Nothing to parse and nothing to store.
            return Ok(Done {
                stats,
                validators: doc.validators,
                hint,
                known_items: 0,
            });
        }
        let now = Utc::now();
        let mut items = Vec::with_capacity(doc.entries.len());
        for e in &doc.entries {
            let placement = self.classifier.classify(&self.config, source, e);
            if let Some(z) = &placement.unknown_zone
                && !stats.unknown_zones.contains(z)
            {
                stats.unknown_zones.push(z.clone());
            }
            items.push(to_item(source, e, placement, now));
        }
        if !stats.unknown_zones.is_empty() {
            tracing::warn!(
                source = %source.id,
                zones = ?stats.unknown_zones,
                "pages name zones that are not configured; add them (or an alias) to [[zones]]"
            );
        }
        // Grouped with other polls' documents into one transaction (see store/writes.rs).
        let (items, changes) = self
            .store
            .upsert_grouped(items, now, self.story_rules.clone())
            .await;
        let changes = changes.map_err(|e| PollError {
            status: Some(doc.status),
            retry_after: None,
            message: format!("store: {e:#}"),
        })?;
        let mut stored = Vec::new();
        for (item, change) in items.iter().zip(&changes) {
            match change {
                Change::New => stats.new += 1,
                Change::Updated => stats.updated += 1,
                Change::Unchanged => continue,
            }
            affected.add_item(&self.config, item);
            stored.push(item);
        }
        self.index_stored(&stored);
        let known_items = if stats.entries == 0 {
            self.store
                .count(&crate::store::Selector::Source(source.id.clone()))
        } else {
            0
        };
        Ok(Done {
            stats,
            validators: doc.validators,
            hint,
            known_items,
        })
    }
}

struct Done {
    stats: PollStats,
    validators: Validators,
    hint: Option<Duration>,
    /// Items stored for the source (only counted when the document was empty).
    known_items: usize,
}

/// Why reading a source failed.
#[derive(Debug, Clone)]
pub(crate) struct PollError {
    pub message: String,
    pub status: Option<u16>,
    pub retry_after: Option<Duration>,
}

impl std::fmt::Display for PollError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// One line per successful poll; failures were logged as they were recorded.
fn log_polled(source: &Source, result: &PollResult, duration: Duration) {
    if let PollResult::Ok(s) = result {
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

/// Sources reordered round-robin by host (first appearance order kept within a host).
fn interleave_hosts<'a>(sources: &[&'a Source]) -> Vec<&'a Source> {
    let mut hosts: Vec<(String, std::collections::VecDeque<&'a Source>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for s in sources {
        let h = s.host();
        let i = *at.entry(h.clone()).or_insert_with(|| {
            hosts.push((h, std::collections::VecDeque::new()));
            hosts.len() - 1
        });
        hosts[i].1.push_back(s);
    }
    let mut out = Vec::with_capacity(sources.len());
    while out.len() < sources.len() {
        for (_, q) in hosts.iter_mut() {
            if let Some(s) = q.pop_front() {
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A poll whose final flush fails has not kept its promise of a durable result: it is
    /// a failure of the source (error named, backoff), and the next poll, whose flush
    /// works, succeeds with the items in the store.
    #[tokio::test]
    async fn a_poll_whose_flush_fails_is_a_failed_poll_and_is_retried() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join("feed.xml"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>\
             <item><title>南通高新区项目签约</title><link>https://nt.example.cn/a.html</link>\
             <guid>a</guid><pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate></item></channel></rss>",
        )?;
        let text = format!(
            "[service]\ndata_dir = \"{d}/data\"\nfeeds_dir = \"{d}/feeds\"\n\
             [[regions]]\nid = \"nt\"\nname = \"南通市\"\n\
             [[sources]]\nid = \"s\"\nurl = \"file:feed.xml\"\nregion = \"nt\"\n",
            d = dir.path().display()
        );
        let config = Config::parse(&text, &dir.path().join("config.toml"), dir.path())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let source = config.sources[0].clone();
        let store = Store::open(&config.service.data_dir)?;
        let poller = Poller::new(Arc::new(config), store.clone())?;

        store.fail_next_flushes(1);
        let first = poller.poll_source(&source).await;
        let PollResult::Failed {
            error, failures, ..
        } = &first.result
        else {
            panic!("a failed flush reported as {:?}", first.result);
        };
        assert!(
            error.contains("not durable") && error.contains("No space left"),
            "{error}"
        );
        assert_eq!(*failures, 1);
        let state = store.source_state("s")?;
        assert_eq!(state.consecutive_failures, 1);
        assert_eq!(state.last_ok, None, "never succeeded");
        assert!(
            state
                .last_error
                .as_deref()
                .is_some_and(|e| e.contains("not durable"))
        );
        assert!(state.next_poll.is_some_and(|t| t > Utc::now()), "backs off");

        let second = poller.poll_source(&source).await;
        assert!(
            matches!(second.result, PollResult::Ok(_)),
            "{:?}",
            second.result
        );
        let state = store.source_state("s")?;
        assert_eq!(state.consecutive_failures, 0);
        assert!(store.get("s", "a")?.is_some(), "the item is stored");
        Ok(())
    }

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

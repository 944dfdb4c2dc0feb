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

use url::Url;

use crate::classify::{Classifier, Placement};
use crate::config::{Config, Source, SourceKind, SourceUrl};
use crate::fetch::{CookieJar, FetchLimits, Fetcher, Outgoing, Validators};
use crate::model::{Change, EMPTY_POLLS_FLAG, Entry, Item, SourceState};
use crate::parse::{ParseOptions, parse_feed};
use crate::publish::Affected;
use crate::scrape::{
    Article, ArticleRules, JsonArticle, JsonFields, JsonRules, decode_html, scrape_article,
    scrape_json, scrape_json_article, scrape_list,
};
use crate::store::Store;
use sha2::{Digest, Sha256};

/// Backoff after failures doubles from the source's interval up to this.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// Everything polling needs, built once per config.
pub struct Poller {
    pub config: Arc<Config>,
    pub store: Store,
    fetcher: Fetcher,
    classifier: Classifier,
    /// Story detection for this config (None with `[stories] enabled = false`).
    story_rules: Option<crate::stories::Rules>,
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
        let fetcher = Fetcher::new(FetchLimits::from_config(&config.poll))?;
        // A store whose story index was built by other rules (or not at all) is indexed
        // now, once, so the first new item already finds the stories of what is stored.
        let story_rules = config.story_rules();
        store.ensure_stories(story_rules.as_ref())?;
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

    /// The search index this poller keeps in step, if any.
    pub(crate) fn search_index(&self) -> Option<&Arc<crate::search::SearchIndex>> {
        self.search.as_ref()
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

    pub(crate) fn fetcher(&self) -> &Fetcher {
        &self.fetcher
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
                if !stats.unknown_zones.is_empty() {
                    let mut z = stats.unknown_zones.clone();
                    z.extend(
                        state
                            .unknown_zones
                            .iter()
                            .filter(|o| !stats.unknown_zones.contains(o))
                            .cloned(),
                    );
                    z.truncate(20);
                    state.unknown_zones = z;
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
        {
            use crate::metrics::Metrics as M;
            let m = &self.metrics;
            m.observe_poll(duration);
            match &result {
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
        let doc = read_source(
            &self.fetcher,
            &self.config,
            source,
            &validators,
            Some(&self.store),
            &jar,
        )
        .await?;
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
        let changes = self
            .store
            .upsert_with(&items, now, self.story_rules.as_ref())
            .map_err(|e| PollError {
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

/// A source's document, read and turned into entries (not yet classified or stored).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub status: u16,
    pub not_modified: bool,
    pub bytes: usize,
    pub format: &'static str,
    pub charset: &'static str,
    pub ttl: Option<Duration>,
    pub fresh_for: Option<Duration>,
    pub moved_to: Option<String>,
    pub validators: Validators,
    pub entries: Vec<Entry>,
    /// Article pages that could not be read (their items are kept and retried).
    pub article_errors: Vec<String>,
}

/// Fetches a source and reads its entries: a feed is parsed; an HTML page is scraped by its
/// rules and, with `[sources.article]`, each new item's page is read too. With a store,
/// articles already read are not fetched again; without one (a dry run) all are, up to the
/// per-poll budget. A warm-up page comes first; `jar` keeps the cookies of every response
/// and sends them back to the host that set them.
pub(crate) async fn read_source(
    fetcher: &Fetcher,
    config: &Config,
    source: &Source,
    validators: &Validators,
    store: Option<&Store>,
    jar: &CookieJar,
) -> Result<Document, PollError> {
    if let Some(warmup) = &source.request.warmup {
        fetcher
            .warm_up(warmup, Outgoing::page(&source.request, jar))
            .await
            .map_err(|e| PollError {
                status: e.status(),
                retry_after: e.retry_after(),
                message: format!("warm-up {warmup}: {e}"),
            })?;
    }
    let fetched = fetcher
        .fetch_with(
            &source.url,
            validators,
            Outgoing::list(&source.request, jar),
        )
        .await
        .map_err(|e| PollError {
            status: e.status(),
            retry_after: e.retry_after(),
            message: format!("fetch {}: {e}", source.url),
        })?;
    let mut doc = Document {
        status: fetched.status,
        not_modified: fetched.not_modified,
        bytes: fetched.body.len(),
        fresh_for: fetched.fresh_for,
        moved_to: fetched.permanent_redirect.as_ref().map(|u| u.to_string()),
        validators: Validators {
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
        },
        ..Default::default()
    };
    if fetched.not_modified {
        return Ok(doc);
    }
    // A file standing for a site resolves against the site, never against its own path.
    let base = match (&source.url, &source.site_url) {
        (SourceUrl::File(_), Some(site)) => Some(site.clone()),
        _ => fetched.url.clone().or_else(|| source.base()),
    };
    let tz = config.service.timezone;
    let parse_err = |message: String| PollError {
        status: Some(fetched.status),
        retry_after: None,
        message,
    };
    match &source.kind {
        SourceKind::Feed => {
            let parsed = parse_feed(
                &fetched.body,
                &ParseOptions {
                    base_url: base.as_ref(),
                    header_charset: fetched.header_charset(),
                    charset_override: source.charset,
                    tz,
                },
            )
            .map_err(|e| parse_err(format!("parse {}: {e}", source.url)))?;
            doc.format = parsed.format;
            doc.charset = parsed.charset;
            doc.ttl = parsed.ttl.map(|m| Duration::from_secs(u64::from(m) * 60));
            doc.entries = parsed.entries;
        }
        SourceKind::Html(rules) => {
            let (text, enc) = decode_html(&fetched.body, fetched.header_charset(), source.charset);
            let page = base
                .clone()
                .ok_or_else(|| parse_err(format!("{}: no base URL", source.url)))?;
            doc.format = "html";
            doc.charset = enc.name();
            doc.entries = scrape_list(&text, &page, rules, tz)
                .map_err(|e| parse_err(format!("scrape {}: {e}", source.url)))?;
        }
        SourceKind::Json(rules) => {
            let (text, enc) =
                crate::parse::decode(&fetched.body, fetched.header_charset(), source.charset);
            let page = base
                .clone()
                .ok_or_else(|| parse_err(format!("{}: no base URL", source.url)))?;
            doc.format = "json-api";
            doc.charset = enc.name();
            let list = scrape_json(&text, &page, rules, tz)
                .map_err(|e| parse_err(format!("scrape {}: {e}", source.url)))?;
            doc.entries = list.entries;
            if let JsonRules::Items(JsonFields {
                article: Some(api), ..
            }) = rules.as_ref()
            {
                let reader = ArticleReader::Api(api, &list.article_urls);
                doc.article_errors = read_articles(
                    fetcher,
                    config,
                    source,
                    reader,
                    &mut doc.entries,
                    store,
                    jar,
                )
                .await;
            }
        }
    }
    if let Some(article) = &source.article {
        doc.article_errors = read_articles(
            fetcher,
            config,
            source,
            ArticleReader::Page(article),
            &mut doc.entries,
            store,
            jar,
        )
        .await;
    }
    Ok(doc)
}

/// Where an entry's article is read from.
#[derive(Clone, Copy)]
enum ArticleReader<'a> {
    /// Its link, an HTML page read by `[sources.article]`.
    Page(&'a ArticleRules),
    /// Its own JSON API (`[sources.json.article]`), at the URL found for each entry id.
    Api(&'a JsonArticle, &'a HashMap<String, String>),
}

impl ArticleReader<'_> {
    fn max_per_poll(&self) -> usize {
        match self {
            ArticleReader::Page(r) => r.max_per_poll,
            ArticleReader::Api(a, _) => a.max_per_poll,
        }
    }

    fn gives_title(&self) -> bool {
        match self {
            ArticleReader::Page(r) => r.title.selector.is_some() || r.title.regex.is_some(),
            ArticleReader::Api(a, _) => a.title.is_some(),
        }
    }

    /// The URL to fetch for an entry.
    fn target(&self, e: &Entry) -> Option<String> {
        match self {
            ArticleReader::Page(_) => e.link.clone(),
            ArticleReader::Api(_, urls) => urls.get(&e.id).cloned(),
        }
    }
}

/// Reads each new entry's article (at most `max_per_poll`); entries already stored with
/// their article keep what it gave. Returns the failures, which leave the entry
/// `article_pending` for a later poll.
async fn read_articles(
    fetcher: &Fetcher,
    config: &Config,
    source: &Source,
    reader: ArticleReader<'_>,
    entries: &mut [Entry],
    store: Option<&Store>,
    jar: &CookieJar,
) -> Vec<String> {
    let mut budget = reader.max_per_poll();
    let mut errors = Vec::new();
    for e in entries.iter_mut() {
        let Some(target) = reader.target(e) else {
            continue;
        };
        let stored = store.and_then(|s| s.get(&source.id, &e.id).ok().flatten());
        if let Some(st) = &stored {
            // What the article gave stays: the list's cut-short title must not undo it.
            if reader.gives_title() {
                e.title = st.title.clone();
            }
            e.content = st.content.clone();
            e.author = st.author.clone();
            if !st.date_estimated {
                e.published = Some(st.published);
            }
            e.zone_hint = st.zone.clone();
            if !st.article_pending {
                continue;
            }
        }
        if budget == 0 {
            e.article_pending = true;
            continue;
        }
        budget -= 1;
        match read_article(
            fetcher,
            config,
            source,
            reader,
            &target,
            e.link.as_deref(),
            jar,
        )
        .await
        {
            Ok(a) => {
                if let Some(t) = a.title {
                    e.title = t;
                }
                e.content = a.content.or(e.content.take());
                e.published = a.published.or(e.published);
                e.author = a.origin.or(e.author.take());
                e.zone_hint = a.zone_name.or(e.zone_hint.take());
                e.article_pending = false;
            }
            Err(msg) => {
                tracing::warn!(source = %source.id, url = %target, "article not read: {msg}");
                errors.push(format!("{target}: {msg}"));
                e.article_pending = true;
            }
        }
    }
    errors
}

/// Fetches one article (`target`) and reads it. `link`, the item's own page, is the base
/// for relative URLs in an API's content.
async fn read_article(
    fetcher: &Fetcher,
    config: &Config,
    source: &Source,
    reader: ArticleReader<'_>,
    target: &str,
    link: Option<&str>,
    jar: &CookieJar,
) -> Result<Article, String> {
    let url = Url::parse(target).map_err(|e| format!("bad link: {e}"))?;
    // Follow a link only within the source's own kind: a web page must not make us read
    // local files, and a bundled page only reads files beside it (for a file standing for
    // a site, the files that stand for the site's pages).
    let target = match (&source.url, url.scheme()) {
        (SourceUrl::Http(_), "http" | "https") => SourceUrl::Http(url.clone()),
        (SourceUrl::File(_), "http" | "https") if source.site_url.is_some() => {
            match source.local_file_for(&url) {
                Some(path) => SourceUrl::File(path),
                None => {
                    let site = source.site_url.as_ref().map(Url::as_str).unwrap_or("");
                    return Err(format!(
                        "{url} is outside the site {site} that the file stands for; not followed"
                    ));
                }
            }
        }
        (SourceUrl::File(list), "file") => {
            let path = url
                .to_file_path()
                .map_err(|_| "not a local path".to_string())?;
            let dir = list.parent().unwrap_or(list);
            if !path.starts_with(dir) {
                return Err(format!("{} is outside {}", path.display(), dir.display()));
            }
            SourceUrl::File(path)
        }
        _ => return Err("link leaves the source's scheme; not followed".into()),
    };
    let fetched = fetcher
        .fetch_with(
            &target,
            &Validators::default(),
            Outgoing::page(&source.request, jar),
        )
        .await
        .map_err(|e| e.to_string())?;
    let tz = config.service.timezone;
    match reader {
        ArticleReader::Page(rules) => {
            let (text, _) = decode_html(&fetched.body, fetched.header_charset(), source.charset);
            // A local file standing for a web page resolves against that page.
            let page = match &target {
                SourceUrl::File(_) => url,
                SourceUrl::Http(_) => fetched.url.clone().unwrap_or(url),
            };
            Ok(scrape_article(&text, &page, rules, tz))
        }
        ArticleReader::Api(rules, _) => {
            let (text, _) =
                crate::parse::decode(&fetched.body, fetched.header_charset(), source.charset);
            let base = link.and_then(|l| Url::parse(l).ok()).unwrap_or(url);
            scrape_json_article(&text, &base, rules, tz).map_err(|e| e.to_string())
        }
    }
}

// Bounds on what one item may bring into the store, every feed it appears in (each region
// above it, three formats) and every digest: a hostile or broken site can send a 15 MB
// title inside max_body, and that must not become 15 MB in a dozen files and mails.
const MAX_TITLE: usize = 500; // characters
const MAX_AUTHOR: usize = 200; // characters, also per category
const MAX_CATEGORIES: usize = 20;
const MAX_LINK: usize = 4096; // bytes
const MAX_ID: usize = 1024; // bytes; longer ids are replaced by their hash
const MAX_SUMMARY: usize = 64 << 10; // bytes of HTML
const MAX_CONTENT: usize = 1 << 20; // bytes of HTML

fn cap_text(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", s[..end].trim_end()),
    }
}

/// Cuts HTML at a character boundary and sanitises it again, which closes the elements
/// the cut left open and drops a tag cut in half.
fn cap_html(html: &str, max_bytes: usize) -> Option<String> {
    if html.len() <= max_bytes {
        return Some(html.to_string());
    }
    let mut end = max_bytes;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    crate::parse::sanitize_html(&format!("{}…", &html[..end]), None)
}

/// A parsed entry placed in its region and zone, ready for the store.
pub fn to_item(source: &Source, entry: &Entry, placement: Placement, now: DateTime<Utc>) -> Item {
    // A date more than a day ahead is a site's mistake; it would pin the item to the top.
    let published = entry
        .published
        .filter(|p| *p <= now + chrono::Duration::days(1));
    Item {
        id: if entry.id.len() > MAX_ID {
            format!(
                "sha256:{}",
                crate::parse::hex(&Sha256::digest(entry.id.as_bytes()))
            )
        } else {
            entry.id.clone()
        },
        id_kind: entry.id_kind,
        source: source.id.clone(),
        title: cap_text(&entry.title, MAX_TITLE),
        link: entry.link.clone().filter(|l| l.len() <= MAX_LINK),
        published: published.unwrap_or(now),
        date_estimated: published.is_none(),
        updated: entry.updated,
        summary: entry
            .summary
            .as_deref()
            .and_then(|h| cap_html(h, MAX_SUMMARY)),
        content: entry
            .content
            .as_deref()
            .and_then(|h| cap_html(h, MAX_CONTENT)),
        author: entry.author.as_deref().map(|a| cap_text(a, MAX_AUTHOR)),
        categories: entry
            .categories
            .iter()
            .take(MAX_CATEGORIES)
            .map(|c| cap_text(c, MAX_AUTHOR))
            .collect(),
        region: placement.region,
        zone: placement.zone,
        first_seen: now,
        seq: 0,
        article_pending: entry.article_pending,
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

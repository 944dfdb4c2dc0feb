//! The application layer: one site — its config, store, search index, poller, mailer and
//! metrics — and the verbs the CLI and the daemon share. [`Site::publish`] is
//! the only way either writes feeds: the pipeline (`publish::run`: feeds, pages, index,
//! OPML, stale files, topic feeds), then the store's flush, the WebSub pings for every
//! changed feed, and the metrics. What later hooks into publishing (alerts, upload
//! targets) hooks in here, once: alerts' workers are woken here, and the files a publish
//! wrote or removed are handed to the publish targets (`crate::target`): the daemon's
//! workers upload them in the background; a one-shot command waits at most each target's
//! `wait`, and what is left stays pending for the next run. [`Site::send_due`] (in `send`) is the only way either
//! sends digests, to configured subscriptions and signed-up readers alike. Polls go
//! through [`Site::poller`].
//!
//! Invariant: one publish at a time per site (two polls finishing together must not
//! interleave their writes); publishing never takes the clock (feeds' times come from
//! their items).

use std::sync::Arc;

mod alerts;
mod send;

use anyhow::{Context, Result};

use crate::config::Config;
use crate::fetch::{FetchLimits, Fetcher};
use crate::metrics::Metrics;
use crate::poll::Poller;
use crate::publish::{FeedKey, PublishReport, Scope};
use crate::search::SearchIndex;
use crate::store::Store;

/// Called with the number of feeds just rendered (a terminal's progress bar).
pub type Progress = Arc<dyn Fn(usize) + Send + Sync>;

pub struct Site {
    pub config: Arc<Config>,
    pub store: Store,
    /// Present when the site polls (`open_polling`, the daemon).
    poller: Option<Arc<Poller>>,
    /// The search index topic feeds are read from: opened at the first publish that needs
    /// it (a command that only sends digests never opens it), or given by the daemon.
    search: tokio::sync::OnceCell<Option<Arc<SearchIndex>>>,
    /// The index must be caught up with the store before topic feeds are searched: a
    /// one-shot command's polls do not index (the daemon's do).
    catch_up: bool,
    metrics: Arc<Metrics>,
    /// WebSub pings go out with the same guard, limits and user agent as polls.
    fetcher: Fetcher,
    publishing: tokio::sync::Mutex<()>,
    mailer: tokio::sync::OnceCell<Arc<crate::mail::Mailer>>,
    sending: std::sync::Mutex<send::Claims>,
    /// The alerts' pace and wake-ups (`alerts`).
    alerts: crate::alerts::Alerts,
    /// The publish targets; whether `publish` waits (boundedly) for their uploads: a
    /// one-shot command's does, the daemon's does not (its workers upload).
    targets: crate::target::Targets,
    wait_for_uploads: bool,
}

impl Site {
    /// For a one-shot command: opens the store (the search index, when topic feeds need
    /// it, at the first publish; caught up before each).
    pub fn open(config: Arc<Config>) -> Result<Site> {
        let store = Store::open(&config.service.data_dir)?;
        Site::with_store(config, store)
    }

    /// [`Site::open`] on a store the caller opened (and may have worked on).
    pub fn with_store(config: Arc<Config>, store: Store) -> Result<Site> {
        let metrics: Arc<Metrics> = Arc::default();
        Ok(Site {
            alerts: crate::alerts::Alerts::new(&config),
            fetcher: Fetcher::new(FetchLimits::from_config(&config.poll))?,
            targets: crate::target::Targets::new(&config, store.clone(), metrics.clone()),
            wait_for_uploads: true,
            config,
            store,
            poller: None,
            search: tokio::sync::OnceCell::new(),
            catch_up: true,
            metrics,
            publishing: tokio::sync::Mutex::new(()),
            mailer: Default::default(),
            sending: Default::default(),
        })
    }

    /// For a one-shot command that polls, then publishes.
    pub fn open_polling(config: Arc<Config>) -> Result<Site> {
        let mut site = Site::open(config)?;
        site.poller = Some(Arc::new(Poller::new(
            site.config.clone(),
            site.store.clone(),
        )?));
        Ok(site)
    }

    /// For the daemon: the store and index it holds, its metrics; its polls index what
    /// they store.
    pub(crate) fn running(
        config: Arc<Config>,
        store: Store,
        metrics: Arc<Metrics>,
        search: Option<Arc<SearchIndex>>,
    ) -> Result<Site> {
        let mut poller = Poller::new_serving(config.clone(), store.clone())?;
        poller.metrics = metrics.clone();
        if let Some(index) = &search {
            poller = poller.with_search(index.clone());
        }
        Ok(Site {
            alerts: crate::alerts::Alerts::new(&config),
            fetcher: Fetcher::new(FetchLimits::from_config(&config.poll))?,
            targets: crate::target::Targets::new(&config, store.clone(), metrics.clone()),
            wait_for_uploads: false,
            config,
            store,
            poller: Some(Arc::new(poller)),
            search: tokio::sync::OnceCell::new_with(Some(search)),
            catch_up: false,
            metrics,
            publishing: tokio::sync::Mutex::new(()),
            mailer: Default::default(),
            sending: Default::default(),
        })
    }

    /// The poller of a site opened to poll.
    pub fn poller(&self) -> Result<&Arc<Poller>> {
        self.poller
            .as_ref()
            .context("this site was opened to publish, not to poll")
    }

    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// Publishes `scope` (see the module doc), reporting progress to `progress`.
    pub async fn publish(&self, scope: Scope, progress: Option<Progress>) -> Result<PublishReport> {
        let _turn = self.publishing.lock().await;
        let search = self
            .search
            .get_or_try_init(|| async {
                if self.config.topics.is_empty() {
                    Ok::<_, anyhow::Error>(None)
                } else {
                    Ok(Some(Arc::new(crate::search::open(&self.config)?)))
                }
            })
            .await?
            .clone();
        let (config, store) = (self.config.clone(), self.store.clone());
        let catch_up = self.catch_up;
        let started = std::time::Instant::now();
        let report = tokio::task::spawn_blocking(move || {
            // Leftovers of a publish killed before its renames: at start-up and on full
            // regenerations, not on every poll's publish (it lists the whole folder).
            let sweep = match &scope {
                Scope::All => true,
                Scope::Affected { check_missing, .. } => *check_missing,
            };
            if sweep {
                crate::publish::remove_stale_temp_files(&config.service.feeds_dir);
            }
            let topics = search
                .as_deref()
                .map(|index| crate::publish::Topics { index, catch_up });
            let tick = |n: usize| {
                if let Some(p) = &progress {
                    p(n)
                }
            };
            crate::publish::run(&config, &store, &scope, topics, &tick)
        })
        .await
        .context("publish task failed")??;
        self.store.flush().await?;
        let metrics = self.metrics();
        metrics.observe_publish(started.elapsed());
        Metrics::add(&metrics.feeds_written, report.written.len() as u64);
        self.ping_hubs(&report.changed).await;
        // What was stored may be news for an alert: its worker looks now.
        self.alerts.wake();
        self.targets.published(&report);
        if self.wait_for_uploads && !self.targets.is_empty() {
            self.targets.drain().await;
        }
        Ok(report)
    }

    /// Publishes leave their uploads pending: the caller reconciles the targets itself
    /// (`publish --sync`), which would redo what a wait had sent.
    pub(crate) fn defer_uploads(&mut self) {
        self.wait_for_uploads = false;
    }

    /// The publish targets (the daemon starts a worker for each).
    pub(crate) fn targets(&self) -> &crate::target::Targets {
        &self.targets
    }

    /// WebSub: tells every configured hub which feeds changed, so subscribers hear in
    /// seconds. A failed ping is logged and counted, never an error of the publish.
    async fn ping_hubs(&self, changed: &[FeedKey]) {
        let config = &self.config;
        if config.service.hubs.is_empty() || changed.is_empty() {
            return;
        }
        let mut pings = Vec::new();
        for key in changed {
            for ext in ["rss", "atom", "json"] {
                let topic = crate::publish::feed_url_of(config, key, ext);
                for hub in &config.service.hubs {
                    let (hub, topic) = (hub.clone(), topic.clone());
                    pings.push(async move {
                        let r = self.fetcher.ping_hub(&hub, &topic).await;
                        (hub, topic, r)
                    });
                }
            }
        }
        let metrics = self.metrics();
        for (hub, topic, r) in futures_util::future::join_all(pings).await {
            match r {
                Ok(_) => Metrics::inc(&metrics.hub_pings_ok),
                Err(e) => {
                    Metrics::inc(&metrics.hub_pings_failed);
                    tracing::warn!(hub = %hub, topic = %topic, "WebSub ping failed: {e}");
                }
            }
        }
    }
}

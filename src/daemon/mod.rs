//! `zonefeed run`: the daemon. Owns the store for its lifetime, serves HTTP, runs the
//! [`engine`] (scheduler, polls, publishing, digests) and swaps it on reload.
//!
//! Order matters and is fixed: the store is opened first (so a second instance fails before
//! binding), then the listener, then the instance record that lets the CLI find this API;
//! at shutdown the scheduler stops, in-flight polls and sends finish, HTTP closes, the record
//! is removed, and the store is flushed last.
//!
//! Readers who signed up themselves (`[signup]`) live in the store, not the config: a
//! reload restarts the digest jobs (`digests`) with the new settings and never touches them.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::publish::Scope;
use crate::site::Site;
use crate::store::Store;

mod digests;
mod engine;

use engine::Engine;

/// `zonefeed run`: the daemon. Polls sources when due, republishes after each poll, sends
/// digests on their schedules and serves HTTP, until `shutdown` is cancelled. A message on
/// `reload` (SIGHUP) or a change to the config file reloads the config: a valid one is
/// applied without a restart, an invalid one is logged (file:line:col) and the running
/// config stays. Stops in a fixed order: scheduler, in-flight polls and sends, HTTP, store
/// flush.
pub async fn run(
    config: Arc<Config>,
    shutdown: CancellationToken,
    mut reload: tokio::sync::mpsc::Receiver<()>,
) -> Result<()> {
    let store = Store::open(&config.service.data_dir)?;
    let metrics: Arc<crate::metrics::Metrics> = Arc::default();
    let http_state = Arc::new(crate::serve::ServeState::new(
        config.clone(),
        store.clone(),
        metrics.clone(),
    ));
    let listener = tokio::net::TcpListener::bind(config.service.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} ([service] listen)",
                config.service.listen
            )
        })?;
    let instance = crate::instance::Instance::new(listener.local_addr()?)?;
    crate::instance::write(&config.service.data_dir, &instance)?;
    http_state.set_instance_key(instance.key.clone());
    let http_stop = CancellationToken::new();
    let http = tokio::spawn(crate::serve::run(
        listener,
        http_state.clone(),
        http_stop.clone(),
    ));
    let (changed_tx, mut changed_rx) = tokio::sync::mpsc::channel::<()>(16);
    let _watcher = watch_config(&config.path, changed_tx);

    let search = open_search(&config, &store).await;
    if let Some(s) = &search {
        http_state.set_search(s.clone());
    }
    let mut config = config;
    // The site of a config: the store, metrics and index stay across reloads.
    let site_of = |config: &Arc<Config>| -> Result<Arc<Site>> {
        let site = Site::running(
            config.clone(),
            store.clone(),
            metrics.clone(),
            search.clone(),
        )?;
        Ok(Arc::new(site))
    };
    let mut engine = Engine::start(site_of(&config)?).await?;
    let rebuild = rebuild_stories(&config, &store, shutdown.clone());
    let sweeper = sweep_postings(&config, &store, shutdown.clone());
    http_state
        .ready
        .store(true, std::sync::atomic::Ordering::SeqCst);
    tracing::info!(
        listen = %instance.api,
        sources = config.sources.len(),
        subscriptions = config.subscriptions.len(),
        feeds = %config.service.feeds_dir.display(),
        "zonefeed running"
    );
    loop {
        let why = tokio::select! {
            _ = shutdown.cancelled() => break,
            Some(()) = reload.recv() => "SIGHUP",
            Some(()) = changed_rx.recv() => {
                // Editors write a file in several steps: let them finish, then read once.
                tokio::time::sleep(Duration::from_millis(300)).await;
                while changed_rx.try_recv().is_ok() {}
                "config file changed"
            }
        };
        match Config::load(&config.path) {
            Err(e) => {
                crate::metrics::Metrics::inc(&metrics.reloads_failed);
                tracing::error!("reload ({why}) rejected; the running config stays:\n{e}");
            }
            Ok(new) => {
                for w in &new.warnings {
                    tracing::warn!("{w}");
                }
                if new.service.data_dir != config.service.data_dir
                    || new.service.listen != config.service.listen
                {
                    tracing::warn!("data_dir and listen changes take effect after a restart");
                }
                let new = Arc::new(new);
                engine.stop().await;
                config = new;
                http_state.set_config(config.clone());
                // Regions, zones and names may have changed: regenerate everything and drop
                // the files of what is gone.
                let site = site_of(&config)?;
                match site.publish(Scope::All, None).await {
                    Ok(r) => tracing::info!(
                        written = r.written.len(),
                        removed = r.removed.len(),
                        "feeds republished for the new config"
                    ),
                    Err(e) => tracing::error!("publish after reload failed: {e:#}"),
                }
                // Counted before the engine starts: its first polls of the new sources may
                // finish before `start` returns, and a reader who sees them must see the
                // reload counted (tests/serve.rs read the metric once a new source's items
                // were in /status.json, and under load found it still 0).
                crate::metrics::Metrics::inc(&metrics.reloads_ok);
                engine = Engine::start(site).await?;
                tracing::info!(
                    sources = config.sources.len(),
                    subscriptions = config.subscriptions.len(),
                    "config reloaded ({why})"
                );
            }
        }
    }
    tracing::info!("shutting down: stopping the scheduler and waiting for in-flight work");
    http_state
        .ready
        .store(false, std::sync::atomic::Ordering::SeqCst);
    engine.stop().await;
    if let Some(r) = rebuild
        && let Err(e) = r.await
    {
        tracing::warn!("story index rebuild: {e}");
    }
    if let Some(s) = sweeper {
        let _ = s.await;
    }
    http_stop.cancel();
    match tokio::time::timeout(Duration::from_secs(5), http).await {
        Ok(Ok(Err(e))) => tracing::warn!("HTTP server: {e}"),
        Err(_) => tracing::warn!("HTTP connections still open after 5 s; closing"),
        _ => {}
    }
    crate::instance::remove(&config.service.data_dir, &instance);
    store.flush().await?;
    tracing::info!("store flushed; stopped");
    Ok(())
}

/// Rebuilds the story index in the background when the store's was built by other rules
/// (begun by the poller, `Poller::new_serving`): the daemon serves and polls meanwhile, and
/// `/status.json` says how far it is. Stops between steps at shutdown; the next start goes
/// on where it stopped.
fn rebuild_stories(
    config: &Arc<Config>,
    store: &Store,
    shutdown: CancellationToken,
) -> Option<tokio::task::JoinHandle<()>> {
    let rules = config.story_rules()?;
    if !matches!(
        store.stories_state(),
        Ok(crate::store::StoriesState::Rebuilding { .. })
    ) {
        return None;
    }
    let store = store.clone();
    Some(tokio::task::spawn_blocking(move || {
        tracing::info!("rebuilding the story index in the background");
        if let Err(e) = store.finish_stories(&rules, || shutdown.is_cancelled(), |_| {}) {
            // Left pending: the next start goes on.
            tracing::error!("story index rebuild stopped: {e:#}");
        }
    }))
}

/// Every hour, drops the story index's posting lists that nothing new can match any more
/// (`Store::sweep_postings`): without it the index grows with the store, and a new item's
/// filing slows with it.
fn sweep_postings(
    config: &Arc<Config>,
    store: &Store,
    shutdown: CancellationToken,
) -> Option<tokio::task::JoinHandle<()>> {
    let rules = Arc::new(config.story_rules()?);
    let store = store.clone();
    Some(tokio::spawn(async move {
        // The first sweep an hour after start, not at it: start-up has enough to do, and
        // the tree is swept as a rebuild ends.
        let hour = Duration::from_secs(3600);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + hour, hour);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = every.tick() => {}
            }
            let (store, rules) = (store.clone(), rules.clone());
            let swept = tokio::task::spawn_blocking(move || {
                store.sweep_postings(&rules, chrono::Utc::now())
            })
            .await;
            match swept {
                Ok(Ok(n)) if n > 0 => tracing::info!(removed = n, "stale story keys swept"),
                Ok(Err(e)) => tracing::warn!("sweeping story keys: {e:#}"),
                _ => {}
            }
        }
    }))
}

/// Watches the config file's folder (editors replace files rather than write them) and
/// sends a message when the file itself changes.
fn watch_config(
    path: &Path,
    changed: tokio::sync::mpsc::Sender<()>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let abs = std::path::absolute(path).ok()?;
    let name = abs.file_name()?.to_os_string();
    let dir = abs.parent()?.to_path_buf();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && !ev.kind.is_access()
            && ev
                .paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            let _ = changed.try_send(());
        }
    })
    .map_err(|e| tracing::warn!("cannot watch the config for changes (SIGHUP still reloads): {e}"))
    .ok()?;
    w.watch(&dir, notify::RecursiveMode::NonRecursive)
        .map_err(|e| tracing::warn!("cannot watch {}: {e}", dir.display()))
        .ok()?;
    Some(w)
}

/// The search index in `data_dir/search`, caught up with the store before any poll adds
/// to it. Search is a view of the store: a daemon whose index cannot open still polls and
/// publishes (and says why search is off).
async fn open_search(
    config: &Arc<Config>,
    store: &Store,
) -> Option<Arc<crate::search::SearchIndex>> {
    let (config, store) = (config.clone(), store.clone());
    let opened = tokio::task::spawn_blocking(move || -> Result<crate::search::SearchIndex> {
        let index = crate::search::open(&config)?;
        let started = std::time::Instant::now();
        let n = crate::search::catch_up(&config, &store, &index)?;
        if n > 0 {
            tracing::info!(
                items = n,
                ms = started.elapsed().as_millis() as u64,
                "search index caught up with the store"
            );
        }
        Ok(index)
    })
    .await;
    match opened {
        Ok(Ok(i)) => Some(Arc::new(i)),
        Ok(Err(e)) => {
            tracing::error!("search is off: {e:#}");
            None
        }
        Err(e) => {
            tracing::error!("search is off: {e}");
            None
        }
    }
}

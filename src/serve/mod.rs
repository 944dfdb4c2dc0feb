//! The HTTP side of `zonefeed run` (axum): generated feeds from `feeds_dir`, read-only, with
//! validators for conditional requests and gzip; the digest unsubscribe link; the sign-up,
//! confirm and manage pages of `[signup]` (`signup`); `/healthz`,
//! `/readyz`, `/metrics`, `/status`; and `/api/*`, through which CLI commands reach the
//! store while the daemon holds it (sled admits one process).
//!
//! Nothing outside `feeds_dir` is reachable: paths with `..`, encoded or not, backslashes or
//! NUL are refused, and the resolved file must still lie inside `feeds_dir` (no symlinks out).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::store::Store;

mod admin;
mod files;
mod search;
mod signup;
mod unsubscribe;

pub use files::resolve;

pub struct ServeState {
    /// Swapped on reload; handlers take a snapshot per request.
    config: RwLock<Arc<Config>>,
    pub store: Store,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Set while the scheduler runs.
    pub ready: AtomicBool,
    /// `/status` token for non-loopback clients (from `[service] admin_token_env`).
    admin_token: Option<String>,
    /// The key of this daemon's instance record, once it is written.
    instance_key: std::sync::OnceLock<String>,
    /// Sign-up limits and mailer (`[signup]`).
    signup: signup::SignupState,
    /// The search index, once the daemon has opened it (`/search`, `/api/search`).
    search: std::sync::OnceLock<Arc<crate::search::SearchIndex>>,
}

impl ServeState {
    pub fn new(
        config: Arc<Config>,
        store: Store,
        metrics: Arc<crate::metrics::Metrics>,
    ) -> ServeState {
        let admin_token = config
            .service
            .admin_token_env
            .as_deref()
            .and_then(|v| std::env::var(v).ok());
        ServeState::with_admin_token(config, store, metrics, admin_token)
    }

    /// [`ServeState::new`] with the token given rather than read from the environment.
    pub(crate) fn with_admin_token(
        config: Arc<Config>,
        store: Store,
        metrics: Arc<crate::metrics::Metrics>,
        admin_token: Option<String>,
    ) -> ServeState {
        // An empty token would let any client with an empty Bearer header in.
        let admin_token = admin_token.filter(|t| !t.is_empty());
        ServeState {
            config: RwLock::new(config),
            store,
            metrics,
            ready: AtomicBool::new(false),
            admin_token,
            instance_key: std::sync::OnceLock::new(),
            signup: signup::SignupState::default(),
            search: std::sync::OnceLock::new(),
        }
    }

    /// The key in this daemon's record in `data_dir` (set once, at start).
    pub(crate) fn set_instance_key(&self, key: String) {
        let _ = self.instance_key.set(key);
    }

    /// Serves search from `index` (set once, at start).
    pub fn set_search(&self, index: Arc<crate::search::SearchIndex>) {
        let _ = self.search.set(index);
    }

    pub(crate) fn search_index(&self) -> Option<&Arc<crate::search::SearchIndex>> {
        self.search.get()
    }

    fn instance_key(&self) -> Option<&str> {
        self.instance_key.get().map(String::as_str)
    }

    pub fn config(&self) -> Arc<Config> {
        self.config
            .read()
            .map(|c| c.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    pub(crate) fn set_config(&self, c: Arc<Config>) {
        match self.config.write() {
            Ok(mut g) => *g = c,
            Err(e) => *e.into_inner() = c,
        }
        self.signup.config_changed();
    }
}

/// The site's icon (16×16, the pages' red): browsers ask for `/favicon.ico` on every
/// page view, and a 404 each time fills logs and error counts.
async fn favicon() -> impl axum::response::IntoResponse {
    (
        [
            (axum::http::header::CONTENT_TYPE, "image/x-icon"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=604800"),
        ],
        &include_bytes!("favicon.ico")[..],
    )
}

pub(crate) fn router(state: Arc<ServeState>) -> Router {
    // Admin views sit behind one gate, so a new one cannot forget it.
    let admin = Router::new()
        .route("/status", get(admin::status_html))
        .route("/status.json", get(admin::status_json))
        .route("/api/items", get(admin::api_items))
        .route("/api/sources", get(admin::api_sources))
        .route("/api/alerts", get(admin::api_alerts))
        .route("/api/targets", get(admin::api_targets))
        .route("/api/stories", get(admin::api_stories))
        .route("/api/places/suggest", get(admin::api_places_suggest))
        .route("/api/stories/joins", get(admin::api_story_joins))
        .route("/api/digest/preview", get(admin::api_digest_preview))
        .merge(signup::admin_routes())
        .route("/api/search", get(search::api_search))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            admin::require_admin,
        ));
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .merge(admin)
        .merge(signup::routes())
        .route("/favicon.ico", get(favicon))
        .route("/search", get(search::search_page))
        .route("/search.rss", get(search::search_rss))
        .route("/search.atom", get(search::search_atom))
        .route("/search.json", get(search::search_json))
        .route(
            "/unsubscribe",
            get(unsubscribe::unsubscribe_page).post(unsubscribe::unsubscribe_post),
        )
        .fallback(files::static_file)
        .with_state(state)
}

/// Serves until `shutdown` is cancelled; in-flight requests finish first.
///
/// A hand-written accept loop instead of `axum::serve`, for the limits a server facing the
/// internet needs and axum's loop leaves out: hyper only enforces its header read timeout
/// when given a timer, so without one a client trickling a request head (slowloris) or
/// idling on keep-alive holds its connection forever. Here the head must arrive within
/// `header_timeout`, each request is answered within `request_timeout` (408 otherwise),
/// request heads are capped at 64 KiB (431) and bodies at 64 KiB (413; the sign-up forms,
/// the only bodies read, are read up to that cap whatever their framing), and at most
/// `max_connections` are served at once.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: Arc<ServeState>,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let service = state.config().service.clone();
    let app = router(state).layer(axum::middleware::from_fn_with_state(
        service.request_timeout,
        request_limits,
    ));
    let permits = Arc::new(tokio::sync::Semaphore::new(service.max_connections));
    let connections = tokio_util::task::TaskTracker::new();
    loop {
        let permit = tokio::select! {
            _ = shutdown.cancelled() => break,
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let (tcp, peer) = tokio::select! {
            _ = shutdown.cancelled() => break,
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors and the like: transient, not fatal.
                    tracing::warn!("http: accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let _ = tcp.set_nodelay(true);
        let svc = hyper_util::service::TowerToHyperService::new(
            app.clone().layer(axum::Extension(ConnectInfo(peer))),
        );
        let shutdown = shutdown.clone();
        let header_timeout = service.header_timeout;
        connections.spawn(async move {
            let _permit = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .max_header_size(MAX_HEAD);
            let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(tcp), svc);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                r = conn.as_mut() => {
                    if let Err(e) = r {
                        tracing::debug!("http: connection from {peer}: {e}");
                    }
                }
                _ = shutdown.cancelled() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    connections.close();
    connections.wait().await;
    Ok(())
}

/// Request heads (request line and headers) larger than this get 431.
const MAX_HEAD: usize = 64 * 1024;
/// Request bodies are one-click unsubscribe and sign-up forms, a few KiB at most; anything
/// announcing more is refused before a handler runs.
const MAX_BODY: u64 = 64 * 1024;

async fn request_limits(
    State(limit): State<std::time::Duration>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if length.is_some_and(|n| n > MAX_BODY) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONNECTION, "close")],
            "request body too large\n",
        )
            .into_response();
    }
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => (
            StatusCode::REQUEST_TIMEOUT,
            [(header::CONNECTION, "close")],
            "request timeout\n",
        )
            .into_response(),
    }
}

async fn readyz(State(st): State<Arc<ServeState>>) -> Response {
    let store_ok = st.store.source_state("").is_ok();
    if store_ok && st.ready.load(Ordering::SeqCst) {
        (StatusCode::OK, "ready\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n").into_response()
    }
}

fn gauges(st: &ServeState) -> crate::metrics::Gauges {
    let config = st.config();
    let now = chrono::Utc::now();
    let mut g = crate::metrics::Gauges {
        sources: config.sources.len(),
        items_stored: st.store.count(&crate::store::Selector::All),
        ready: st.ready.load(Ordering::SeqCst),
        ..Default::default()
    };
    for s in &config.sources {
        let state = st.store.source_state(&s.id).unwrap_or_default();
        if state.backing_off(now) {
            g.sources_backing_off += 1;
        }
        if state.consecutive_failures > 0 {
            g.sources_failing += 1;
        }
    }
    if let Ok(rows) = crate::query::alerts(&config, &st.store) {
        g.alert_backlog = rows
            .into_iter()
            .map(|a| (a.id, a.backlog_stories, a.backlog_items))
            .collect();
    }
    if let Ok(rows) = crate::query::targets(&config, &st.store) {
        g.target_pending = rows
            .into_iter()
            .map(|t| (t.id, t.pending, t.failures))
            .collect();
    }
    g
}

async fn metrics(State(st): State<Arc<ServeState>>) -> Response {
    let body = st.metrics.render(&gauges(&st));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

//! The HTTP side of `zonefeed run` (axum): generated feeds from `feeds_dir`, read-only, with
//! validators for conditional requests and gzip; the digest unsubscribe link; `/healthz`,
//! `/readyz`, `/metrics`, `/status`; and `/api/*`, through which CLI commands reach the
//! store while the daemon holds it (sled admits one process).
//!
//! Nothing outside `feeds_dir` is reachable: paths with `..`, encoded or not, backslashes or
//! NUL are refused, and the resolved file must still lie inside `feeds_dir` (no symlinks out).

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::store::Store;

pub struct ServeState {
    /// Swapped on reload; handlers take a snapshot per request.
    config: RwLock<Arc<Config>>,
    pub store: Store,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Set while the scheduler runs.
    pub ready: AtomicBool,
    /// `/status` token for non-loopback clients (from `[service] admin_token_env`).
    admin_token: Option<String>,
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
    pub fn with_admin_token(
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
        }
    }

    pub fn config(&self) -> Arc<Config> {
        self.config
            .read()
            .map(|c| c.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    pub fn set_config(&self, c: Arc<Config>) {
        match self.config.write() {
            Ok(mut g) => *g = c,
            Err(e) => *e.into_inner() = c,
        }
    }
}

pub fn router(state: Arc<ServeState>) -> Router {
    // Admin views sit behind one gate, so a new one cannot forget it.
    let admin = Router::new()
        .route("/status", get(status_html))
        .route("/status.json", get(status_json))
        .route("/api/items", get(api_items))
        .route("/api/sources", get(api_sources))
        .route("/api/digest/preview", get(api_digest_preview))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            require_admin,
        ));
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .merge(admin)
        .route("/unsubscribe", get(unsubscribe_page).post(unsubscribe_post))
        .fallback(static_file)
        .with_state(state)
}

/// Serves until `shutdown` is cancelled; in-flight requests finish first.
///
/// A hand-written accept loop instead of `axum::serve`, for the limits a server facing the
/// internet needs and axum's loop leaves out: hyper only enforces its header read timeout
/// when given a timer, so without one a client trickling a request head (slowloris) or
/// idling on keep-alive holds its connection forever. Here the head must arrive within
/// `header_timeout`, each request is answered within `request_timeout` (408 otherwise),
/// request heads are capped at 64 KiB (431) and bodies at 64 KiB (413; no handler reads a
/// body, so a stalled one holds nothing), and at most
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
/// The only request bodies are one-click unsubscribe forms, a few hundred bytes (and no
/// handler reads them); anything announcing more is refused before a handler runs.
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

/// Admin views answer loopback clients, and others only with the admin token
/// (`Authorization: Bearer …`), compared in constant time.
fn admin_allowed(st: &ServeState, peer: SocketAddr, headers: &HeaderMap) -> bool {
    if peer.ip().is_loopback() {
        return true;
    }
    let Some(token) = &st.admin_token else {
        return false;
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    constant_time_eq(given.as_bytes(), token.as_bytes())
}

async fn require_admin(
    State(st): State<Arc<ServeState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if admin_allowed(&st, peer, req.headers()) {
        next.run(req).await
    } else {
        forbidden()
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "forbidden: ask from the same machine or send the admin token\n",
    )
        .into_response()
}

fn status_rows(st: &ServeState) -> Vec<serde_json::Value> {
    let config = st.config();
    let now = chrono::Utc::now();
    config
        .sources
        .iter()
        .map(|s| {
            let row = crate::app::SourceRow {
                state: st.store.source_state(&s.id).unwrap_or_default(),
                items: st
                    .store
                    .count(&crate::store::Selector::Source(s.id.clone())),
                source: s.clone(),
            };
            crate::app::source_json(&row, now)
        })
        .collect()
}

async fn status_json(State(st): State<Arc<ServeState>>) -> Response {
    axum::Json(serde_json::json!({
        "ready": st.ready.load(Ordering::SeqCst),
        "sources": status_rows(&st),
    }))
    .into_response()
}

async fn status_html(State(st): State<Arc<ServeState>>) -> Response {
    let mut rows = String::new();
    for r in status_rows(&st) {
        let cell = |k: &str| match &r[k] {
            serde_json::Value::Null => "—".to_string(),
            serde_json::Value::String(s) => html_escape::encode_text(s).into_owned(),
            v => html_escape::encode_text(&v.to_string()).into_owned(),
        };
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            cell("id"),
            cell("region"),
            cell("last_ok"),
            cell("last_status"),
            cell("consecutive_failures"),
            cell("next_poll"),
            cell("items"),
            cell("last_error"),
        ));
    }
    page(
        StatusCode::OK,
        "zonefeed 状态",
        &format!(
            "<table border=\"1\" cellpadding=\"4\"><tr><th>源</th><th>地区</th><th>最近成功</th><th>状态码</th><th>连续失败</th><th>下次抓取</th><th>条目</th><th>最近错误</th></tr>{rows}</table>"
        ),
    )
}

#[derive(Deserialize)]
struct ItemsQuery {
    region: Option<String>,
    zone: Option<String>,
    source: Option<String>,
    limit: Option<usize>,
}

/// `zonefeed items` through the daemon: JSON lines of the stored items.
async fn api_items(State(st): State<Arc<ServeState>>, Query(q): Query<ItemsQuery>) -> Response {
    let filter = crate::app::ItemFilter {
        region: q.region,
        zone: q.zone,
        source: q.source,
        limit: q.limit.unwrap_or(20).min(100_000),
    };
    match crate::app::items_in(&st.config(), &st.store, &filter) {
        Ok(items) => {
            let mut out = String::new();
            for i in &items {
                out.push_str(&serde_json::to_string(i).unwrap_or_default());
                out.push('\n');
            }
            ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("{e:#}\n")).into_response(),
    }
}

/// `zonefeed sources` through the daemon.
async fn api_sources(State(st): State<Arc<ServeState>>) -> Response {
    let config = st.config();
    let rows: Vec<serde_json::Value> = config
        .sources
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id,
                "state": st.store.source_state(&s.id).unwrap_or_default(),
                "items": st.store.count(&crate::store::Selector::Source(s.id.clone())),
            })
        })
        .collect();
    axum::Json(rows).into_response()
}

#[derive(Deserialize)]
struct PreviewQuery {
    id: String,
}

/// `zonefeed digest preview` through the daemon.
async fn api_digest_preview(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<PreviewQuery>,
) -> Response {
    let config = st.config();
    let Some(sub) = config.subscription(&q.id) else {
        return (
            StatusCode::NOT_FOUND,
            format!("unknown subscription {:?}\n", q.id),
        )
            .into_response();
    };
    match crate::digest::preview(&config, &st.store, sub, chrono::Utc::now()) {
        Ok(r) => axum::Json(serde_json::json!({
            "subject": r.subject, "text": r.text, "html": r.html
        }))
        .into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
    }
}

#[derive(Deserialize)]
struct UnsubQuery {
    s: Option<String>,
    t: Option<String>,
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title>\
<style>body{{font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#222}}button{{font-size:16px;padding:8px 20px}}</style></head>\
<body><h1>{t}</h1>{body}</body></html>",
        t = html_escape::encode_text(title)
    );
    (status, Html(html)).into_response()
}

/// GET shows a confirmation with a button; it does not unsubscribe by itself, because link
/// scanners and previews follow GET links (RFC 8058 section 3.2).
async fn unsubscribe_page(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<UnsubQuery>,
) -> Response {
    let (Some(s), Some(t)) = (q.s, q.t) else {
        return page(
            StatusCode::BAD_REQUEST,
            "链接不完整",
            "<p>退订链接缺少参数。</p>",
        );
    };
    let config = st.config();
    let valid = config.subscription(&s).is_some_and(|sub| {
        st.store
            .hmac_key()
            .is_ok_and(|k| crate::digest::verify_token(&k, &sub.id, &sub.email, &t))
    });
    if !valid {
        return page(
            StatusCode::FORBIDDEN,
            "链接无效",
            "<p>此退订链接无效或已被篡改。</p>",
        );
    }
    let email = config
        .subscription(&s)
        .map(|sub| sub.email.clone())
        .unwrap_or_default();
    let action = format!(
        "unsubscribe?s={}&t={}",
        html_escape::encode_double_quoted_attribute(&s),
        html_escape::encode_double_quoted_attribute(&t)
    );
    page(
        StatusCode::OK,
        "退订开发区新闻摘要",
        &format!(
            "<p>将停止向 <strong>{}</strong> 发送摘要（{}）。</p><form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">确认退订</button></form>",
            html_escape::encode_text(&email),
            html_escape::encode_text(&s)
        ),
    )
}

/// The one-click POST (RFC 8058) and the confirmation form both land here.
async fn unsubscribe_post(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<UnsubQuery>,
) -> Response {
    let (Some(s), Some(t)) = (q.s, q.t) else {
        return page(
            StatusCode::BAD_REQUEST,
            "链接不完整",
            "<p>退订链接缺少参数。</p>",
        );
    };
    match crate::digest::unsubscribe(&st.config(), &st.store, &s, &t) {
        Ok(true) => {
            if let Err(e) = st.store.flush().await {
                tracing::error!("{e:#}");
            }
            page(
                StatusCode::OK,
                "已退订",
                "<p>您已退订，之后不会再收到此摘要。</p>",
            )
        }
        Ok(false) => page(
            StatusCode::FORBIDDEN,
            "链接无效",
            "<p>此退订链接无效或已被篡改。</p>",
        ),
        Err(e) => {
            tracing::error!("unsubscribe failed: {e:#}");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "暂时无法退订",
                "<p>请稍后再试。</p>",
            )
        }
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The file under `root` a request path names, or None if it tries to leave `root`.
pub fn resolve(root: &Path, uri_path: &str) -> Option<PathBuf> {
    let decoded = String::from_utf8(percent_decode(uri_path)?).ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    let mut path = root.to_path_buf();
    for c in rel.components() {
        match c {
            Component::Normal(p) => path.push(p),
            Component::CurDir => {}
            _ => return None, // `..`, a root or a prefix
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    // Symlinks must not lead outside the folder either.
    let real = path.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    real.starts_with(&real_root).then_some(real)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("rss") => "application/rss+xml; charset=utf-8",
        Some("atom") => "application/atom+xml; charset=utf-8",
        Some("json") => "application/feed+json; charset=utf-8",
        Some("opml") => "text/x-opml; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("txt") | Some("md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

async fn static_file(
    State(st): State<Arc<ServeState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let config = st.config();
    let root = &config.service.feeds_dir;
    let Some(path) = resolve(root, uri.path()) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    // Dotfiles (temporary files of an atomic write) are never served.
    if path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
    {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    let Ok(meta) = tokio::fs::metadata(&path).await else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let modified: DateTime<Utc> = meta
        .modified()
        .map(DateTime::<Utc>::from)
        .unwrap_or_else(|_| Utc::now());
    let etag = format!(
        "\"{:x}-{:x}\"",
        meta.len(),
        modified.timestamp_nanos_opt().unwrap_or_default()
    );
    let last_modified = http_date(modified);
    let not_modified = match headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(inm) => inm.split(',').any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == etag
        }),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
            .is_some_and(|since| modified.timestamp() <= since.timestamp()),
    };
    let mut builder = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::LAST_MODIFIED, &last_modified)
        .header(header::CACHE_CONTROL, "public, max-age=300")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if not_modified {
        builder = builder.status(StatusCode::NOT_MODIFIED);
        return builder.body(Body::empty()).unwrap_or_default();
    }
    builder = builder
        .header(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(&path)),
        )
        .header(header::VARY, "Accept-Encoding");
    let gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(accepts_gzip);
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let body = if gzip && bytes.len() > 512 {
        builder = builder.header(header::CONTENT_ENCODING, "gzip");
        gzip_bytes(&bytes)
    } else {
        bytes
    };
    builder = builder.header(header::CONTENT_LENGTH, body.len());
    if method == Method::HEAD {
        return builder.body(Body::empty()).unwrap_or_default();
    }
    builder.body(Body::from(body)).unwrap_or_default()
}

/// `gzip` listed in Accept-Encoding with a q-value above zero.
fn accepts_gzip(v: &str) -> bool {
    v.split(',').any(|part| {
        let mut it = part.split(';');
        let coding = it.next().unwrap_or("").trim();
        let q = it
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        (coding.eq_ignore_ascii_case("gzip") || coding == "*") && q > 0.0
    })
}

fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    match enc.write_all(bytes).and_then(|()| enc.finish()) {
        Ok(v) => v,
        Err(_) => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One request through the whole router as if it came from `peer` (nothing is sent on
    /// any network: the request is handed to the service in-process).
    async fn request_from(app: &Router, peer: &str, path: &str, auth: Option<&str>) -> StatusCode {
        let Ok(peer) = peer.parse::<SocketAddr>() else {
            panic!("bad address {peer}");
        };
        let svc = hyper_util::service::TowerToHyperService::new(
            app.clone().layer(axum::Extension(ConnectInfo(peer))),
        );
        let mut req = axum::http::Request::builder().uri(path);
        if let Some(a) = auth {
            req = req.header(header::AUTHORIZATION, a);
        }
        let Ok(req) = req.body(Body::empty()) else {
            panic!("request");
        };
        match hyper::service::Service::call(&svc, req).await {
            Ok(r) => r.status(),
            Err(e) => match e {},
        }
    }

    #[tokio::test]
    async fn admin_views_need_the_token_off_loopback() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let text =
            "[service]\nadmin_token_env = \"ZF_UNUSED\"\n[[regions]]\nid = \"r\"\nname = \"R\"\n";
        let config = Config::parse(text, Path::new("config.toml"), dir.path())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let store = Store::open(&dir.path().join("data"))?;
        let token = "0123456789abcdef-token";
        let app = router(Arc::new(ServeState::with_admin_token(
            Arc::new(config.clone()),
            store.clone(),
            Arc::default(),
            Some(token.to_string()),
        )));
        let bearer = format!("Bearer {token}");
        let remote = "203.0.113.7:50000"; // TEST-NET-3: never routed, only a label here
        for path in ["/status", "/status.json", "/api/items", "/api/sources"] {
            assert_eq!(
                request_from(&app, "127.0.0.1:40000", path, None).await,
                StatusCode::OK,
                "{path}"
            );
            assert_eq!(
                request_from(&app, "[::1]:40000", path, None).await,
                StatusCode::OK,
                "{path}"
            );
            assert_eq!(
                request_from(&app, remote, path, None).await,
                StatusCode::FORBIDDEN,
                "{path}"
            );
            for wrong in [
                "Bearer ",
                "Bearer 0123456789abcdef-tokeN",
                "Bearer 0123456789abcdef",
                "Basic abc",
                token,
            ] {
                assert_eq!(
                    request_from(&app, remote, path, Some(wrong)).await,
                    StatusCode::FORBIDDEN,
                    "{path} with {wrong:?}"
                );
            }
            assert_eq!(
                request_from(&app, remote, path, Some(&bearer)).await,
                StatusCode::OK,
                "{path}"
            );
        }
        // Public views stay public.
        assert_eq!(
            request_from(&app, remote, "/healthz", None).await,
            StatusCode::OK
        );

        // No token configured (or an empty one): remote clients are refused outright.
        for none in [None, Some(String::new())] {
            let app = router(Arc::new(ServeState::with_admin_token(
                Arc::new(config.clone()),
                store.clone(),
                Arc::default(),
                none,
            )));
            assert_eq!(
                request_from(&app, remote, "/status.json", Some("Bearer ")).await,
                StatusCode::FORBIDDEN
            );
            assert_eq!(
                request_from(&app, "127.0.0.1:1", "/status.json", None).await,
                StatusCode::OK
            );
        }
        Ok(())
    }

    #[test]
    fn traversal_is_refused() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let feeds = dir.path().join("feeds");
        std::fs::create_dir_all(feeds.join("zones"))?;
        std::fs::write(feeds.join("zones/a.rss"), "x")?;
        std::fs::write(dir.path().join("config.toml"), "secret")?;
        assert!(resolve(&feeds, "/zones/a.rss").is_some());
        assert!(resolve(&feeds, "/zones/%61.rss").is_some());
        for bad in [
            "/../config.toml",
            "/zones/../../config.toml",
            "/%2e%2e/config.toml",
            "/%2E%2E%2Fconfig.toml",
            "/..%5cconfig.toml",
            "//etc/passwd",
            "/zones/a.rss%00.txt",
            "/%zz",
        ] {
            assert_eq!(resolve(&feeds, bad), None, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("config.toml"), feeds.join("link.rss"))?;
            assert_eq!(resolve(&feeds, "/link.rss"), None, "symlink out");
        }
        Ok(())
    }
}

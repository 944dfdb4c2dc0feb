//! The HTTP side of `zonefeed run` (axum): generated feeds from `feeds_dir`, read-only, with
//! validators for conditional requests; the digest unsubscribe link; a liveness probe.
//!
//! Nothing outside `feeds_dir` is reachable: paths with `..`, encoded or not, backslashes or
//! NUL are refused, and the resolved file must still lie inside `feeds_dir` (no symlinks out).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::store::Store;

pub struct ServeState {
    pub config: Arc<Config>,
    pub store: Store,
}

pub fn router(state: Arc<ServeState>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/unsubscribe", get(unsubscribe_page).post(unsubscribe_post))
        .fallback(static_file)
        .with_state(state)
}

/// Serves until `shutdown` is cancelled; in-flight requests finish first.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: Arc<ServeState>,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
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
    let valid = st.config.subscription(&s).is_some_and(|sub| {
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
    let email = st
        .config
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
    match crate::digest::unsubscribe(&st.config, &st.store, &s, &t) {
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
    let root = &st.config.service.feeds_dir;
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
        .header(header::CONTENT_LENGTH, meta.len());
    if method == Method::HEAD {
        return builder.body(Body::empty()).unwrap_or_default();
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => builder.body(Body::from(bytes)).unwrap_or_default(),
        Err(_) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

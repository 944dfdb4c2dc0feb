//! The generated feeds, read-only from `feeds_dir`: validators for conditional requests, gzip,
//! and nothing outside `feeds_dir` (no `..`, encoded or not, no backslash or NUL, no symlink
//! out).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use super::ServeState;
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

pub(super) async fn static_file(
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

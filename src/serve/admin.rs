//! Admin views: `/status`, `/status.json` and `/api/*` (what CLI commands ask when the
//! daemon holds the store), behind one gate: loopback clients, or others with the admin
//! token. `/api/*` answers to a request carrying the daemon's instance key also carry proof
//! of it ([`crate::instance`]), so the CLI knows it reached the daemon holding its store.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::ServeState;
use crate::instance;
use crate::query::{self, ItemFilter, ItemView, SourceReport, StoryFilter};

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
    crate::token::constant_time_eq(given.as_bytes(), token.as_bytes())
}

pub(super) async fn require_admin(
    State(st): State<Arc<ServeState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !admin_allowed(&st, peer, req.headers()) {
        return forbidden();
    }
    // The CLI sends the key from the daemon record it read; answer with proof of it, and
    // refuse a key that is not ours (a record left by another instance).
    let proof = match req.headers().get(instance::KEY_HEADER) {
        None => None,
        Some(given) => match st.instance_key() {
            Some(key) if crate::token::constant_time_eq(given.as_bytes(), key.as_bytes()) => {
                HeaderValue::from_str(&instance::proof(key)).ok()
            }
            _ => {
                return (
                    StatusCode::FORBIDDEN,
                    "forbidden: this is not the zonefeed daemon whose record you read\n",
                )
                    .into_response();
            }
        },
    };
    let mut resp = next.run(req).await;
    if let Some(p) = proof {
        resp.headers_mut().insert(instance::PROOF_HEADER, p);
    }
    resp
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "forbidden: ask from the same machine or send the admin token\n",
    )
        .into_response()
}

fn reports(st: &ServeState) -> Result<Vec<SourceReport>, Box<Response>> {
    query::sources(&st.config(), &st.store, Utc::now()).map_err(|e| {
        Box::new((StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response())
    })
}

#[derive(Serialize)]
struct Status {
    ready: bool,
    sources: Vec<SourceReport>,
    /// Each alert's delivery (channel and host only; never its URL or secret).
    alerts: Vec<query::AlertView>,
    /// Each publish target's delivery (bucket, prefix and host; never a credential).
    targets: Vec<query::TargetView>,
    /// The story index: built, off, or being rebuilt (how many items of how many).
    stories: Option<crate::store::StoriesState>,
}

pub(super) async fn status_json(State(st): State<Arc<ServeState>>) -> Response {
    match reports(&st) {
        Ok(sources) => axum::Json(Status {
            ready: st.ready.load(Ordering::SeqCst),
            sources,
            alerts: query::alerts(&st.config(), &st.store).unwrap_or_default(),
            targets: query::targets(&st.config(), &st.store).unwrap_or_default(),
            stories: st.store.stories_state().ok(),
        })
        .into_response(),
        Err(r) => *r,
    }
}

pub(super) async fn status_html(State(st): State<Arc<ServeState>>) -> Response {
    let rows = match reports(&st) {
        Ok(r) => r,
        Err(r) => return *r,
    };
    let text = |s: &str| html_escape::encode_text(s).into_owned();
    let opt = |s: Option<String>| s.map(|s| text(&s)).unwrap_or_else(|| "—".to_string());
    let time = |t: Option<chrono::DateTime<Utc>>| {
        opt(t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
    };
    let mut out = String::new();
    for r in rows {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            text(&r.id),
            text(&r.region),
            time(r.last_ok),
            opt(r.last_status.map(|s| s.to_string())),
            r.consecutive_failures,
            time(r.next_poll),
            r.items,
            opt(r.last_error),
        ));
    }
    super::unsubscribe::page(
        StatusCode::OK,
        "zonefeed 状态",
        &format!(
            "<table border=\"1\" cellpadding=\"4\"><tr><th>源</th><th>地区</th><th>最近成功</th><th>状态码</th><th>连续失败</th><th>下次抓取</th><th>条目</th><th>最近错误</th></tr>{out}</table>"
        ),
    )
}

/// `zonefeed items` through the daemon: JSON lines of [`ItemView`]s. The query string is an
/// [`ItemFilter`]; an unknown parameter is refused, not ignored.
pub(super) async fn api_items(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<ItemsQuery>,
) -> Response {
    let filter = ItemFilter {
        region: q.region,
        zone: q.zone,
        source: q.source,
        limit: q.limit.unwrap_or(20).min(query::MAX_ITEMS),
    };
    let config = st.config();
    match query::items(&config, &st.store, &filter) {
        Ok(items) => {
            let mut out = String::new();
            for i in &items {
                let view = match ItemView::new(&config, &st.store, i) {
                    Ok(v) => v,
                    Err(e) => {
                        return (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n"))
                            .into_response();
                    }
                };
                match serde_json::to_string(&view) {
                    Ok(line) => out.push_str(&line),
                    Err(e) => {
                        return (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n"))
                            .into_response();
                    }
                }
                out.push('\n');
            }
            ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("{e:#}\n")).into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemsQuery {
    region: Option<String>,
    zone: Option<String>,
    source: Option<String>,
    limit: Option<usize>,
}

/// `zonefeed alerts` through the daemon (no URL or secret is in the answer).
pub(super) async fn api_alerts(State(st): State<Arc<ServeState>>) -> Response {
    match query::alerts(&st.config(), &st.store) {
        Ok(rows) => axum::Json(rows).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
    }
}

/// The publish targets' delivery, as `/status.json` has it.
pub(super) async fn api_targets(State(st): State<Arc<ServeState>>) -> Response {
    match query::targets(&st.config(), &st.store) {
        Ok(rows) => axum::Json(rows).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
    }
}

/// `zonefeed sources` through the daemon.
pub(super) async fn api_sources(State(st): State<Arc<ServeState>>) -> Response {
    match reports(&st) {
        Ok(rows) => axum::Json(rows).into_response(),
        Err(r) => *r,
    }
}

/// `zonefeed stories` through the daemon: JSON lines of [`crate::query::StoryView`]s. The query string
/// is a [`StoryFilter`]; an unknown parameter is refused.
pub(super) async fn api_stories(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<StoriesQuery>,
) -> Response {
    let filter = StoryFilter {
        region: q.region,
        zone: q.zone,
        limit: q.limit.unwrap_or(20).min(query::MAX_ITEMS),
    };
    match query::stories(&st.config(), &st.store, &filter) {
        Ok(stories) => json_lines(&stories),
        Err(e) => (StatusCode::BAD_REQUEST, format!("{e:#}\n")).into_response(),
    }
}

/// `zonefeed places suggest` through the daemon: zones the items name that the config
/// lacks, as JSON lines of [`crate::query::ZoneSuggestion`]s.
pub(super) async fn api_places_suggest(State(st): State<Arc<ServeState>>) -> Response {
    let (config, store) = (st.config(), st.store.clone());
    // A scan of every stored item: off the async workers.
    match tokio::task::spawn_blocking(move || query::suggest_zones(&config, &store)).await {
        Ok(Ok(s)) => json_lines(&s),
        Ok(Err(e)) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoriesQuery {
    region: Option<String>,
    zone: Option<String>,
    limit: Option<usize>,
}

/// `zonefeed inspect --source ID` through the daemon: the daemon reads the source as the
/// dry run does (nothing stored) and answers, as JSON lines of [`crate::query::StoryJoin`]s, which story
/// each entry would join.
pub(super) async fn api_story_joins(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<JoinsQuery>,
) -> Response {
    let config = st.config();
    let Some(source) = config.source(&q.source) else {
        return (
            StatusCode::NOT_FOUND,
            format!("unknown source {:?}\n", q.source),
        )
            .into_response();
    };
    let placed = match crate::poll::dry_run(&config, source).await {
        Ok(ins) => ins.placed,
        Err(e) => return (StatusCode::BAD_GATEWAY, format!("{e:#}\n")).into_response(),
    };
    match query::story_joins(&config, &st.store, source, &placed) {
        Ok(joins) => json_lines(&joins),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JoinsQuery {
    source: String,
}

fn json_lines<T: Serialize>(rows: &[T]) -> Response {
    let mut out = String::new();
    for r in rows {
        match serde_json::to_string(r) {
            Ok(line) => out.push_str(&line),
            Err(e) => {
                return (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response();
            }
        }
        out.push('\n');
    }
    ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PreviewQuery {
    id: String,
}

/// `zonefeed digest preview` through the daemon.
pub(super) async fn api_digest_preview(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<PreviewQuery>,
) -> Response {
    let config = st.config();
    if config.subscription(&q.id).is_none() {
        return (
            StatusCode::NOT_FOUND,
            format!("unknown subscription {:?}\n", q.id),
        )
            .into_response();
    }
    match query::digest_preview(&config, &st.store, &q.id, Utc::now()) {
        Ok(p) => axum::Json(p).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::serve::router;
    use crate::store::Store;
    use axum::Router;
    use axum::body::Body;
    use std::path::Path;

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
        for path in [
            "/status",
            "/status.json",
            "/api/items",
            "/api/sources",
            "/api/stories",
        ] {
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
}

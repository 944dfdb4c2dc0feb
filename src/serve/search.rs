//! Search over HTTP: `/search` (an HTML results page, no script), `/search.rss`,
//! `/search.atom`, `/search.json` (the same results as feeds, with ETag and 304), and the
//! admin-gated `/api/search` the CLI reads (one [`ItemView`] per line).
//!
//! Hostile ground: every echoed value is escaped for where it lands (text or attribute);
//! a query over [`MAX_QUERY_CHARS`] characters, a query that does not parse, and an
//! unknown region or zone are a 400 with the reason, never a 5xx; the result count is
//! capped ([`MAX_RESULTS`]).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::ServeState;
use crate::config::Config;
use crate::escape::{attr, text as esc};
use crate::model::Item;
use crate::query::{self, ItemView, SearchFilter};
use crate::search::MAX_QUERY_CHARS;

/// Most results one page or feed shows; feeds readers poll want the newest, not all.
const MAX_RESULTS: usize = 50;
/// Most results `/api/search` sends in one answer.
const MAX_API_RESULTS: usize = 1000;

#[derive(Deserialize, Default)]
pub(super) struct SearchQuery {
    #[serde(default)]
    q: String,
    region: Option<String>,
    zone: Option<String>,
    limit: Option<usize>,
}

impl SearchQuery {
    fn filter(&self, limit: usize) -> SearchFilter {
        SearchFilter {
            q: self.q.clone(),
            region: self.region.clone().filter(|r| !r.is_empty()),
            zone: self.zone.clone().filter(|z| !z.is_empty()),
            limit,
        }
    }
}

enum Outcome {
    Found(Vec<Item>),
    /// The client's mistake (400), with the reason.
    Refused(String),
    /// The index is not open (the daemon logged why).
    Unavailable,
}

fn run(st: &ServeState, q: &SearchQuery, limit: usize) -> Outcome {
    let len = q.q.chars().count();
    if len > MAX_QUERY_CHARS {
        return Outcome::Refused(format!(
            "查询过长：{len} 个字符，最多 {MAX_QUERY_CHARS} 个 (query too long)"
        ));
    }
    let Some(index) = st.search_index() else {
        return Outcome::Unavailable;
    };
    let filter = q.filter(limit);
    match query::search(&st.config(), &st.store, index, &filter) {
        Ok(items) => Outcome::Found(items),
        Err(e) => Outcome::Refused(format!("{e:#}")),
    }
}

/// `/api/search`: the CLI's view of a search (behind the admin gate).
pub(super) async fn api_search(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<SearchQuery>,
) -> Response {
    let limit = q.limit.unwrap_or(20).min(MAX_API_RESULTS);
    match run(&st, &q, limit) {
        Outcome::Found(items) => {
            let mut out = String::new();
            let config = st.config();
            for i in &items {
                // As `/api/items`: with stories on, each result names its story.
                let view =
                    ItemView::new(&config, &st.store, i).unwrap_or_else(|_| ItemView::from(i));
                if let Ok(line) = serde_json::to_string(&view) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response()
        }
        Outcome::Refused(why) => (StatusCode::BAD_REQUEST, format!("{why}\n")).into_response(),
        Outcome::Unavailable => unavailable(),
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "search is unavailable: the index did not open (see the daemon's log)\n",
    )
        .into_response()
}

/// `/search`: the results page.
pub(super) async fn search_page(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<SearchQuery>,
) -> Response {
    // The form sends `region=&zone=` for "全部": empty filters are no filters.
    let f = q.filter(0);
    let blank = q.q.trim().is_empty() && f.region.is_none() && f.zone.is_none();
    let (status, body) = if blank {
        (StatusCode::OK, String::new())
    } else {
        match run(&st, &q, MAX_RESULTS) {
            Outcome::Found(items) => (StatusCode::OK, results_html(&st.config(), &q, &items)),
            Outcome::Refused(why) => (
                StatusCode::BAD_REQUEST,
                format!("<p class=\"err\">无法搜索：{}</p>", esc(&why)),
            ),
            Outcome::Unavailable => return unavailable(),
        }
    };
    (status, Html(page_html(&st.config(), &q, &body))).into_response()
}

/// Beyond the pages' shared style: the filters wrap under the query box on a phone.
const SEARCH_STYLE: &str = "form.search{flex-wrap:wrap}form.search select{font-size:16px;padding:6px;max-width:100%;min-width:0}\
p.help{color:#666;font-size:13px;margin:4px 0 16px}.err{color:#a00}";

/// The results page, in the style of every published page: a link home, the heading, the
/// form (query, and the region and zone picked from the config's lists), then the body.
fn page_html(config: &Config, q: &SearchQuery, body: &str) -> String {
    let title = if q.q.is_empty() {
        "搜索".to_string()
    } else {
        format!(
            "搜索：{}",
            q.q.chars().take(MAX_QUERY_CHARS).collect::<String>()
        )
    };
    let mut h = String::with_capacity(8 * 1024 + body.len());
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    h.push_str(&esc(&title));
    h.push_str(" · 开发区新闻</title>\n<link rel=\"icon\" href=\"favicon.ico\">\n<style>");
    h.push_str(crate::publish::PAGE_STYLE);
    h.push_str(SEARCH_STYLE);
    h.push_str("</style>\n</head>\n<body>\n<p><a href=\"index.html\">开发区新闻首页</a></p>\n<h1>");
    h.push_str(&esc(&title));
    h.push_str("</h1>\n<form class=\"search\" method=\"get\" action=\"search\" role=\"search\">");
    h.push_str(&format!(
        "<input type=\"search\" name=\"q\" value=\"{}\" maxlength=\"{MAX_QUERY_CHARS}\" placeholder=\"搜索新闻\" aria-label=\"搜索新闻\">",
        attr(&q.q)
    ));
    // Regions as a tree (indented by depth), zones by name: picked, not typed. A value
    // that names no entry (typed into the URL) is kept as a selected option of its own
    // so the form shows what was asked.
    let region = q.region.as_deref().unwrap_or("");
    let chosen_region = config.find_region(region).map(|r| r.id.as_str());
    h.push_str("<select name=\"region\" aria-label=\"地区\"><option value=\"\">全部地区</option>");
    let mut stack: Vec<(usize, &crate::config::Region)> = config
        .child_regions(None)
        .into_iter()
        .rev()
        .map(|r| (0, r))
        .collect();
    while let Some((depth, r)) = stack.pop() {
        let label = format!("{}{}", "\u{3000}".repeat(depth), r.name);
        push_option(&mut h, &r.id, &label, chosen_region == Some(r.id.as_str()));
        stack.extend(
            config
                .child_regions(Some(&r.id))
                .into_iter()
                .rev()
                .map(|c| (depth + 1, c)),
        );
    }
    if !region.is_empty() && chosen_region.is_none() {
        push_option(&mut h, region, region, true);
    }
    h.push_str("</select>");
    let zone = q.zone.as_deref().unwrap_or("");
    let chosen_zone = config.find_zone(zone).map(|z| z.id.as_str());
    h.push_str(
        "<select name=\"zone\" aria-label=\"开发区\"><option value=\"\">全部开发区</option>",
    );
    for z in &config.zones {
        push_option(&mut h, &z.id, &z.name, chosen_zone == Some(z.id.as_str()));
    }
    if !zone.is_empty() && chosen_zone.is_none() {
        push_option(&mut h, zone, zone, true);
    }
    h.push_str("</select><button type=\"submit\">搜索</button></form>\n");
    h.push_str("<p class=\"help\">多个词须同时出现；<code>A OR B</code> 任一；<code>-词</code> 排除；<code>\"短语\"</code> 连续出现。</p>\n");
    h.push_str(body);
    h.push_str("</body>\n</html>\n");
    h
}

/// One `<option>` of a filter, value and label escaped.
fn push_option(h: &mut String, value: &str, label: &str, selected: bool) {
    let selected = if selected { " selected" } else { "" };
    h.push_str(&format!(
        "<option value=\"{}\"{selected}>{}</option>",
        attr(value),
        esc(label)
    ));
}

/// The query string of a search, re-encoded from its parsed parts (so feed links never
/// carry anything else the client sent).
fn query_string(q: &SearchQuery) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    // Empty parameters are left out, so a feed's self link is the URL a reader subscribed
    // to (`search.atom?zone=x`, not `?q=&zone=x`: the W3C validator warns on a mismatch).
    let q_text = Some(q.q.clone());
    for (k, v) in [("q", &q_text), ("region", &q.region), ("zone", &q.zone)] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s.append_pair(k, v);
        }
    }
    s.finish()
}

fn results_html(config: &Config, q: &SearchQuery, items: &[Item]) -> String {
    let qs = query_string(q);
    let mut out = format!(
        "<p id=\"subscribe\" class=\"meta\">{n} 条结果（最新在前，最多 {MAX_RESULTS} 条）· 订阅：\
<a href=\"search.rss?{a}\">RSS</a> · <a href=\"search.atom?{a}\">Atom</a> · <a href=\"search.json?{a}\">JSON</a></p>\n",
        n = items.len(),
        a = attr(&qs),
    );
    // The same entries as the published pages show (title, time, place, 来源, excerpt).
    let entries: Vec<crate::publish::PageEntry<'_>> = items
        .iter()
        .map(|i| crate::publish::PageEntry {
            item: i,
            published: i.published,
            copies: 1,
        })
        .collect();
    crate::publish::push_entries(&mut out, config, &entries, true);
    out
}

pub(super) async fn search_rss(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<SearchQuery>,
    headers: HeaderMap,
) -> Response {
    search_feed(&st, &q, &headers, "rss")
}

pub(super) async fn search_atom(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<SearchQuery>,
    headers: HeaderMap,
) -> Response {
    search_feed(&st, &q, &headers, "atom")
}

pub(super) async fn search_json(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<SearchQuery>,
    headers: HeaderMap,
) -> Response {
    search_feed(&st, &q, &headers, "json")
}

/// `/search.rss`, `/search.atom`, `/search.json`.
fn search_feed(st: &ServeState, q: &SearchQuery, headers: &HeaderMap, ext: &str) -> Response {
    let items = match run(st, q, MAX_RESULTS) {
        Outcome::Found(items) => items,
        Outcome::Refused(why) => {
            return (StatusCode::BAD_REQUEST, format!("{why}\n")).into_response();
        }
        Outcome::Unavailable => return unavailable(),
    };
    let label = [Some(q.q.as_str()), q.region.as_deref(), q.zone.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let bytes = match crate::publish::render_search_feed(
        &st.config(),
        &st.store,
        &query_string(q),
        &label,
        &items,
        ext,
    ) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!("search feed: {e:#}");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "cannot render the feed\n",
            )
                .into_response();
        }
    };
    let digest = Sha256::digest(&bytes);
    let etag = format!(
        "\"s-{}\"",
        digest[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|inm| {
            inm.split(',')
                .any(|t| t.trim() == "*" || t.trim().trim_start_matches("W/") == etag)
        });
    let ctype = match ext {
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        _ => "application/feed+json; charset=utf-8",
    };
    let common = [
        (header::ETAG, etag),
        // Readers poll; results change with polls, which are minutes apart.
        (header::CACHE_CONTROL, "public, max-age=60".to_string()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
    ];
    if matches {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (common, [(header::CONTENT_TYPE, ctype)], bytes).into_response()
}

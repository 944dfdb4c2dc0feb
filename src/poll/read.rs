//! Reading a source: the warm-up page, the list (feed, HTML or JSON), and each new item's
//! article page or API, into entries not yet classified or stored. Used by a poll and, with
//! no store, by `inspect --source`.

#[allow(unused_imports)]
use std::collections::HashMap;
use std::time::Duration;

use url::Url;

use super::PollError;
use crate::config::{Config, Source, SourceKind, SourceUrl};
use crate::fetch::{CookieJar, Fetcher, Outgoing, Validators};
use crate::model::Entry;
use crate::parse::{ParseOptions, parse_feed};
use crate::scrape::{
    Article, ArticleRules, JsonArticle, JsonFields, JsonRules, decode_html, scrape_article,
    scrape_json, scrape_json_article, scrape_list,
};
use crate::store::Store;

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
    /// Pages past the first of a backfill (`pages`) that could not be read.
    pub page_errors: Vec<String>,
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
    pages: usize,
) -> Result<Document, PollError> {
    if let Some(warmup) = &source.request().warmup {
        fetcher
            .warm_up(warmup, Outgoing::page(source.request(), jar))
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
            Outgoing::list(source.request(), jar),
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
            if pages > 1 {
                let first = (text.as_ref(), &page);
                more_pages(fetcher, source, rules, jar, first, pages, tz, &mut doc).await;
            }
        }
        SourceKind::Json(rules) => {
            let (text, enc) =
                crate::parse::decode(&fetched.body, fetched.header_charset(), source.charset);
            let page = base
                .clone()
                .ok_or_else(|| parse_err(format!("{}: no base URL", source.url)))?;
            doc.format = "json-api";
            doc.charset = enc.name();
            let mut list = scrape_json(&text, &page, rules, tz)
                .map_err(|e| parse_err(format!("scrape {}: {e}", source.url)))?;
            if pages > 1 {
                more_api_pages(fetcher, source, rules, jar, &page, pages, tz, &mut list)
                    .await
                    .into_iter()
                    .for_each(|e| doc.page_errors.push(e));
            }
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

/// Page `n` of a backfill, as a list request of the source (its cookies, no validators):
/// the response when it is a success, else a note naming the page and why.
async fn fetch_page(
    fetcher: &Fetcher,
    source: &Source,
    jar: &CookieJar,
    n: usize,
    next: &Url,
) -> Result<crate::fetch::Fetched, String> {
    match fetcher
        .fetch_with(
            &SourceUrl::Http(next.clone()),
            &Validators::default(),
            Outgoing::list(source.request(), jar),
        )
        .await
    {
        Ok(f) if (200..300).contains(&f.status) => Ok(f),
        Ok(f) => Err(format!("page {n} {next}: HTTP {}", f.status)),
        Err(e) => Err(format!("page {n} {next}: {e}")),
    }
}

/// A backfill: pages 2..=`pages` of a list, each found by the previous page's next-page
/// link, their entries appended (one already read by link is skipped). A page that fails
/// ends the backfill with a note; the first page's entries stand.
#[allow(clippy::too_many_arguments)] // the read's context, passed as read_source has it
async fn more_pages(
    fetcher: &Fetcher,
    source: &Source,
    rules: &crate::scrape::HtmlRules,
    jar: &CookieJar,
    (first, first_url): (&str, &Url),
    pages: usize,
    tz: chrono_tz::Tz,
    doc: &mut Document,
) {
    let mut html = first.to_string();
    let mut at = first_url.clone();
    let mut seen: std::collections::HashSet<String> =
        doc.entries.iter().filter_map(|e| e.link.clone()).collect();
    for n in 2..=pages {
        let Some(next) =
            crate::scrape::detect::next_page_of(&html, &at).and_then(|u| Url::parse(&u).ok())
        else {
            break;
        };
        let fetched = match fetch_page(fetcher, source, jar, n, &next).await {
            Ok(f) => f,
            Err(e) => {
                doc.page_errors.push(e);
                break;
            }
        };
        let (text, _) = decode_html(&fetched.body, fetched.header_charset(), source.charset);
        match scrape_list(&text, &next, rules, tz) {
            Ok(entries) => {
                for e in entries {
                    if e.link.as_ref().is_some_and(|l| !seen.insert(l.clone())) {
                        continue;
                    }
                    doc.entries.push(e);
                }
            }
            Err(e) => {
                doc.page_errors.push(format!("page {n} {next}: {e}"));
                break;
            }
        }
        html = text.into_owned();
        at = next;
    }
}

/// A backfill of an API paged by a parameter (`pageNo=`, `page=`, `offset=`): pages
/// 2..=`pages`, each the previous address with the parameter stepped
/// ([`json_paging::next_page`](crate::scrape::json_paging::next_page)), their entries (and
/// article addresses) appended, one already read skipped. A page that fails, or holds no
/// new entry, ends it; the errors are returned.
#[allow(clippy::too_many_arguments)] // the read's context, passed as read_source has it
async fn more_api_pages(
    fetcher: &Fetcher,
    source: &Source,
    rules: &JsonRules,
    jar: &CookieJar,
    first_url: &Url,
    pages: usize,
    tz: chrono_tz::Tz,
    list: &mut crate::scrape::JsonList,
) -> Vec<String> {
    let mut errors = Vec::new();
    let key = |e: &Entry| e.link.clone().unwrap_or_else(|| e.id.clone());
    let mut seen: std::collections::HashSet<String> = list.entries.iter().map(key).collect();
    let mut at = first_url.clone();
    let mut held = list.entries.len();
    for n in 2..=pages {
        let Some(next) = crate::scrape::json_paging::next_page(&at, held) else {
            break;
        };
        let fetched = match fetch_page(fetcher, source, jar, n, &next).await {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                break;
            }
        };
        let (text, _) =
            crate::parse::decode(&fetched.body, fetched.header_charset(), source.charset);
        let more = match scrape_json(&text, &next, rules, tz) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("page {n} {next}: {e}"));
                break;
            }
        };
        held = more.entries.len();
        let before = list.entries.len();
        for e in more.entries {
            if seen.insert(key(&e)) {
                if let Some(u) = more.article_urls.get(&e.id) {
                    list.article_urls.insert(e.id.clone(), u.clone());
                }
                list.entries.push(e);
            }
        }
        // An API that ignores the parameter serves page 1 again: nothing more to read.
        if list.entries.len() == before {
            break;
        }
        at = next;
    }
    errors
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
            Outgoing::page(source.request(), jar),
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

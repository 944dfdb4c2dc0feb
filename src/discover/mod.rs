//! `zonefeed add URL`: from any page a person would paste (homepage, section page, list
//! page, API URL) to a verified source. A feed found beats HTML rules: the page itself, the
//! feeds it links, then a few common paths; else the news list on the page (or on the
//! section pages a homepage links) as `[sources.list]` rules, its article pages'
//! `[sources.article]` rules, and for a JSON or JSONP API `[sources.json]`. Every proposal
//! is run through the poll's own readers before it is offered, and says what it read.
//!
//! Politeness: the poll's fetcher (its SSRF guard, limits and user agent), one request at a
//! time, at most [`MAX_REQUESTS`] per run.

mod script_api;

use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono_tz::Tz;
use serde::Serialize;
use url::Url;

use crate::config::{Config, SourceUrl};
use crate::escape::toml_string;
use crate::fetch::{FetchLimits, Fetched, Fetcher, Validators};
use crate::model::Entry;
use crate::parse::{ParseOptions, parse_feed};
use crate::scrape::detect::{
    self, ArticleProposal, FeedLink, ListProposal, feed_links, news_sections,
};
use crate::scrape::json_detect::{JsonProposal, propose_json};

/// Requests one `add` may make.
pub const MAX_REQUESTS: usize = 20;
/// Common feed addresses tried on a homepage that links none.
const COMMON_FEEDS: [&str; 5] = ["/rss.xml", "/feed", "/atom.xml", "/index.xml", "/rss"];

/// What kind of source was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Feed,
    Html,
    Json,
}

/// A section page offered from a homepage, with what it would yield.
#[derive(Debug, Clone, Serialize)]
pub struct SectionOffer {
    pub url: String,
    pub text: String,
    pub items: usize,
    pub dated: usize,
}

/// One item as the proposal reads it.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub title: String,
    pub link: Option<String>,
    pub published: Option<String>,
}

/// What `zonefeed add` found and proposes.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub kind: Kind,
    /// The source's address (the feed, the list page or the API).
    pub url: String,
    pub id: String,
    pub name: Option<String>,
    pub region: Option<String>,
    pub zone: Option<String>,
    /// Why that region and zone, or why unsure.
    pub place_note: String,
    /// `[sources.list]`, `[sources.article]`, `[sources.json]` keys (key, TOML value).
    pub list: Vec<(String, String)>,
    pub article: Vec<(String, String)>,
    pub json: Vec<(String, String)>,
    /// Items the proposal reads now, and how many have a date.
    pub items: usize,
    pub dated: usize,
    /// Article pages read with the article rules, and what they found.
    pub articles_checked: usize,
    pub articles_with_content: usize,
    pub articles_with_date: usize,
    pub next_page: Option<String>,
    pub feeds: Vec<String>,
    pub sections: Vec<SectionOffer>,
    pub sample: Vec<Sample>,
    pub requests: usize,
    /// The `[[sources]]` block to paste (or that `--write` appends).
    pub block: String,
    /// The feed's entries, when a feed was found (for article rules when they carry no body).
    #[serde(skip)]
    feed_entries: Vec<Entry>,
}

/// What the admin gave besides the URL.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub id: Option<String>,
    pub region: Option<String>,
    pub zone: Option<String>,
}

struct Session {
    fetcher: Fetcher,
    requests: usize,
    tz: Tz,
}

struct Page {
    url: Url,
    body: Vec<u8>,
    content_type: Option<String>,
    header_charset: Option<String>,
}

impl Session {
    async fn get(&mut self, url: &Url) -> Result<Page> {
        if self.requests >= MAX_REQUESTS {
            bail!("request budget of {MAX_REQUESTS} spent");
        }
        self.requests += 1;
        let fetched: Fetched = self
            .fetcher
            .fetch(&SourceUrl::Http(url.clone()), &Validators::default())
            .await
            .with_context(|| format!("cannot fetch {url}"))?;
        if !(200..300).contains(&fetched.status) {
            bail!("{url}: HTTP {}", fetched.status);
        }
        Ok(Page {
            url: fetched.url.clone().unwrap_or_else(|| url.clone()),
            header_charset: fetched.header_charset().map(str::to_string),
            content_type: fetched.content_type.clone(),
            body: fetched.body,
        })
    }

    fn html(&self, p: &Page) -> String {
        crate::scrape::decode_html(&p.body, p.header_charset.as_deref(), None)
            .0
            .into_owned()
    }

    /// The page as a feed with items, if it is one.
    fn as_feed(&self, p: &Page) -> Option<Vec<Entry>> {
        let parsed = parse_feed(
            &p.body,
            &ParseOptions {
                base_url: Some(&p.url),
                header_charset: p.header_charset.as_deref(),
                charset_override: None,
                tz: self.tz,
            },
        )
        .ok()?;
        (!parsed.entries.is_empty()).then_some(parsed.entries)
    }
}

/// What to tell someone who gave `inspect` a page that is no feed: the feeds it links, or
/// that it is a JSON (or JSONP) API, and that `zonefeed add` proposes rules.
pub fn not_a_feed_hint(body: &[u8], content_type: Option<&str>, url: Option<&Url>) -> String {
    if looks_like_json(body, content_type) {
        return "; it reads as a JSON or JSONP API: a source with kind = \"json\" and [sources.json] reads it (`zonefeed add URL` proposes the rules)".into();
    }
    let html = crate::scrape::decode_html(body, None, None).0.into_owned();
    let feeds = url.map(|u| feed_links(&html, u)).unwrap_or_default();
    if feeds.is_empty() {
        "; an HTML page: `zonefeed add URL` looks for its feed or proposes list rules".into()
    } else {
        format!(
            "; the page links {}: inspect that, or `zonefeed add URL`",
            feeds
                .iter()
                .map(|f| format!("{} ({})", f.url, f.kind))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn looks_like_json(body: &[u8], content_type: Option<&str>) -> bool {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let head: String = String::from_utf8_lossy(&body[..body.len().min(256)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(64)
        .collect();
    ct.contains("json")
        || ct.contains("javascript")
        || head.starts_with('{')
        || head.starts_with('[')
        || regex::Regex::new(r"^[\w$.]+\s*\(\s*[\[{]")
            .map(|re| re.is_match(&head))
            .unwrap_or(false)
}

/// Finds the feed or proposes verified rules for `url`.
pub async fn discover(config: &Config, url: &str, wanted: &Wanted) -> Result<Proposal> {
    let start = Url::parse(url).with_context(|| format!("{url:?} is not an http(s) URL"))?;
    if !matches!(start.scheme(), "http" | "https") {
        bail!("{url:?} is not an http(s) URL");
    }
    let mut limits = FetchLimits::from_config(&config.poll);
    limits.timeout = limits.timeout.min(Duration::from_secs(30));
    let mut s = Session {
        fetcher: Fetcher::new(limits)?,
        requests: 0,
        tz: config.service.timezone,
    };
    let first = s.get(&start).await?;
    let mut p = Proposal {
        kind: Kind::Feed,
        url: first.url.to_string(),
        id: String::new(),
        name: None,
        region: None,
        zone: None,
        place_note: String::new(),
        list: Vec::new(),
        article: Vec::new(),
        json: Vec::new(),
        items: 0,
        dated: 0,
        articles_checked: 0,
        articles_with_content: 0,
        articles_with_date: 0,
        next_page: None,
        feeds: Vec::new(),
        sections: Vec::new(),
        sample: Vec::new(),
        requests: 0,
        block: String::new(),
        feed_entries: Vec::new(),
    };
    let mut place_text = String::new();
    if let Some(entries) = s.as_feed(&first) {
        found_feed(&mut p, &first.url, &entries);
    } else if looks_like_json(&first.body, first.content_type.as_deref()) {
        let text = String::from_utf8_lossy(&first.body).into_owned();
        let Some(j) = propose_json(&text, &first.url, None, s.tz) else {
            match crate::scrape::json_detect::why_no_links(&text) {
                Some(why) => bail!("a JSON document: {why}"),
                None => {
                    bail!("a JSON document, but no array of records with titles and links in it")
                }
            }
        };
        found_json(&mut s, &mut p, &first.url, &text, j).await;
    } else {
        let html = s.html(&first);
        let (title, footer) = detect::site_words(&html);
        place_text = format!("{title}\n{footer}");
        p.name = Some(site_name(&title));
        // 1. Feeds the page links, then common paths on a homepage.
        let links: Vec<FeedLink> = feed_links(&html, &first.url);
        p.feeds = links.iter().map(|f| f.url.clone()).collect();
        let mut feed_found = false;
        let homepage_here = is_homepage(&first.url);
        // On a list page, a linked feed wins only when it carries the page's own items
        // (a WordPress category page links the whole site's feed).
        let here_list = if homepage_here {
            None
        } else {
            detect::propose_list(&html, &first.url, s.tz)
        };
        // A page whose list a script fills from an API (a Vue or jQuery shell): the API,
        // when it reads more records than the page's own HTML shows.
        let mut here_api: Option<(Url, String, JsonProposal)> = None;
        if !homepage_here {
            for u in script_api::api_calls(&html, &first.url).into_iter().take(3) {
                let Ok(page) = s.get(&u).await else { continue };
                if !looks_like_json(&page.body, page.content_type.as_deref()) {
                    continue;
                }
                let text = String::from_utf8_lossy(&page.body).into_owned();
                let Some(j) = propose_json(&text, &page.url, Some((&html, &first.url)), s.tz)
                else {
                    continue;
                };
                if here_api.as_ref().is_none_or(|b| j.records > b.2.records) {
                    here_api = Some((page.url.clone(), text, j));
                }
            }
        }
        let here_api =
            here_api.filter(|a| here_list.as_ref().is_none_or(|l| a.2.records > l.records));
        let here_links: Vec<String> = here_list
            .iter()
            .flat_map(|l| l.entries.iter().filter_map(|e| e.link.clone()))
            .collect();
        for f in links.iter().take(3) {
            let Ok(u) = Url::parse(&f.url) else { continue };
            if let Ok(page) = s.get(&u).await
                && let Some(entries) = s.as_feed(&page)
            {
                let covered = here_links
                    .iter()
                    .filter(|l| {
                        entries
                            .iter()
                            .any(|e| e.link.as_deref() == Some(l.as_str()))
                    })
                    .count();
                if here_links.len() >= 3 && covered * 2 < here_links.len() {
                    continue;
                }
                found_feed(&mut p, &page.url, &entries);
                feed_found = true;
                break;
            }
        }
        let homepage = homepage_here;
        if !feed_found && links.is_empty() && homepage {
            for path in COMMON_FEEDS {
                let Ok(u) = first.url.join(path) else {
                    continue;
                };
                if let Ok(page) = s.get(&u).await
                    && let Some(entries) = s.as_feed(&page)
                {
                    found_feed(&mut p, &page.url, &entries);
                    feed_found = true;
                    break;
                }
            }
        }
        // 2. The list on this page, and, from a homepage (or a page without a list of its
        // own), the section pages it links, each offered with what it would yield.
        let mut best: Option<(Url, ListProposal)> = if feed_found {
            None
        } else {
            here_list
                .or_else(|| detect::propose_list(&html, &first.url, s.tz))
                .map(|l| (first.url.clone(), l))
        };
        let want_sections = homepage
            || (!feed_found && here_api.is_none() && best.as_ref().is_none_or(|b| b.1.records < 5));
        if want_sections {
            for sec in news_sections(&html, &first.url).iter().take(5) {
                let Ok(u) = Url::parse(&sec.url) else {
                    continue;
                };
                let Ok(page) = s.get(&u).await else { continue };
                let h = s.html(&page);
                let Some(l) = detect::propose_list(&h, &page.url, s.tz) else {
                    continue;
                };
                p.sections.push(SectionOffer {
                    url: page.url.to_string(),
                    text: sec.text.clone(),
                    items: l.records,
                    dated: l.dated,
                });
                if feed_found {
                    continue;
                }
                let better = best.as_ref().is_none_or(|b| {
                    (homepage && b.0 == first.url)
                        || (l.dated, l.records) > (b.1.dated, b.1.records)
                });
                if better {
                    best = Some((page.url.clone(), l));
                }
            }
        }
        if !feed_found && let Some((api_url, text, j)) = here_api {
            found_json(&mut s, &mut p, &api_url, &text, j).await;
        } else if !feed_found {
            let Some((list_url, list)) = best else {
                bail!(
                    "found no feed and no news list on {} (feeds linked: {}; sections tried: {})",
                    first.url,
                    p.feeds.len(),
                    p.sections.len()
                );
            };
            found_list(&mut s, &mut p, &list_url, list).await;
        }
    }
    // A feed whose entries carry no body (or a line of summary): its items' pages, read
    // by article rules, give the bodies.
    if p.kind == Kind::Feed
        && let Ok(feed_url) = Url::parse(&p.url)
    {
        let entries = std::mem::take(&mut p.feed_entries);
        let bare = entries
            .iter()
            .filter(|e| {
                e.content
                    .as_deref()
                    .or(e.summary.as_deref())
                    .is_none_or(|c| crate::parse::html_to_text(c).chars().count() < 80)
            })
            .count();
        if bare * 2 > entries.len() {
            article_rules(&mut s, &mut p, &feed_url, &entries).await;
        }
    }
    p.requests = s.requests;
    finish(config, wanted, &mut p, &place_text);
    Ok(p)
}

/// A site's front page (`/`, `/index.html` and the like), where sections and common feed
/// paths are worth a request.
fn is_homepage(url: &Url) -> bool {
    matches!(
        url.path(),
        "/" | ""
            | "/index.html"
            | "/index.htm"
            | "/index.shtml"
            | "/index.jhtml"
            | "/default.html"
            | "/index.php"
    )
}

fn site_name(title: &str) -> String {
    // "新区要闻-南京江北新区": the site's name is the last part.
    title
        .rsplit(['-', '_', '|', '－', '—'])
        .map(str::trim)
        .find(|t| !t.is_empty())
        .unwrap_or(title)
        .to_string()
}

fn samples(entries: &[Entry]) -> Vec<Sample> {
    entries
        .iter()
        .take(5)
        .map(|e| Sample {
            title: e.title.clone(),
            link: e.link.clone(),
            published: e.published.map(|d| d.to_rfc3339()),
        })
        .collect()
}

fn found_feed(p: &mut Proposal, url: &Url, entries: &[Entry]) {
    p.kind = Kind::Feed;
    p.url = url.to_string();
    p.items = entries.len();
    p.dated = entries.iter().filter(|e| e.published.is_some()).count();
    p.sample = samples(entries);
    p.feed_entries = entries.to_vec();
}

async fn found_json(s: &mut Session, p: &mut Proposal, url: &Url, text: &str, j: JsonProposal) {
    p.kind = Kind::Json;
    p.url = url.to_string();
    p.items = j.records;
    p.dated = j.dated;
    p.json = j.keys;
    // An API paged by a parameter: the backfill steps it.
    p.next_page = crate::scrape::json_paging::next_page(url, j.records).map(|u| u.to_string());
    if let Ok(list) = crate::scrape::scrape_json(text, url, &j.rules, s.tz) {
        p.sample = samples(&list.entries);
        // Links to pages (not to more JSON): their article rules.
        if list.entries.iter().any(|e| e.content.is_none()) {
            article_rules(s, p, url, &list.entries).await;
        }
    }
}

async fn found_list(s: &mut Session, p: &mut Proposal, url: &Url, list: ListProposal) {
    p.kind = Kind::Html;
    p.url = url.to_string();
    p.items = list.records;
    p.dated = list.dated;
    p.next_page = list.next_page.clone();
    p.list = list.keys.clone();
    p.sample = samples(&list.entries);
    article_rules(s, p, url, &list.entries).await;
}

/// Step 3: two or three of the items' pages on this site, and `[sources.article]` rules
/// that read them (for an HTML list or a JSON API alike).
async fn article_rules(s: &mut Session, p: &mut Proposal, url: &Url, entries: &[Entry]) {
    let mut pages: Vec<(String, Url, String)> = Vec::new();
    for e in entries.iter().filter(|e| e.link.is_some()).take(6) {
        if pages.len() >= 3 {
            break;
        }
        let Some(u) = e.link.as_deref().and_then(|l| Url::parse(l).ok()) else {
            continue;
        };
        if u.host_str() != url.host_str() {
            continue;
        }
        if let Ok(page) = s.get(&u).await {
            let h = s.html(&page);
            pages.push((h, page.url, e.title.clone()));
        }
    }
    if let Some(ArticleProposal { keys, rules }) = detect::propose_article(&pages, s.tz) {
        p.articles_checked = pages.len();
        for (h, u, _) in &pages {
            let a = crate::scrape::scrape_article(h, u, &rules, s.tz);
            p.articles_with_content += usize::from(
                a.content
                    .as_deref()
                    .is_some_and(|c| crate::parse::html_to_text(c).chars().count() >= 40),
            );
            p.articles_with_date += usize::from(a.published.is_some());
        }
        p.article = keys;
    }
}

/// Id, place and the block to paste.
fn finish(config: &Config, wanted: &Wanted, p: &mut Proposal, place_text: &str) {
    p.id = wanted.id.clone().unwrap_or_else(|| {
        let base = id_from_url(&p.url);
        let mut id = base.clone();
        let mut n = 2;
        while config.source(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    });
    // Place: what the admin said, else the site's title and footer and the items' titles.
    let mut text = place_text.to_string();
    for s in &p.sample {
        text.push('\n');
        text.push_str(&s.title);
    }
    let (region, zone, note) = guess_place(config, &text);
    p.region = wanted.region.clone().or(region);
    p.zone = wanted.zone.clone().or(zone);
    p.place_note = if wanted.region.is_some() {
        "region given".into()
    } else {
        note
    };
    p.block = block(p);
}

/// `www.nthitech.gov.cn` -> `nthitech`; the list's last path segment when it says more.
fn id_from_url(url: &str) -> String {
    let Ok(u) = Url::parse(url) else {
        return "site".into();
    };
    let host = u.host_str().unwrap_or("site");
    let parts: Vec<&str> = host
        .split('.')
        .filter(|p| !matches!(*p, "www" | "gov" | "cn" | "com" | "net" | "org" | "edu"))
        .filter(|p| !p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let mut id = parts.first().copied().unwrap_or("site").to_string();
    if id == "localhost" || id.is_empty() {
        id = "site".into();
    }
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The region and zone the words name, against the configured places: a configured zone
/// named wins; else the deepest region the divisions and zones named point to, when they
/// agree; the note says which words, or why unsure.
fn guess_place(config: &Config, text: &str) -> (Option<String>, Option<String>, String) {
    // A configured zone by name or alias.
    for z in &config.zones {
        for n in std::iter::once(&z.name).chain(&z.aliases) {
            if !n.trim().is_empty() && text.contains(n.as_str()) {
                return (
                    Some(z.region.clone()),
                    Some(z.id.clone()),
                    format!("the site names {n}"),
                );
            }
        }
    }
    let classifier = crate::classify::Classifier::new(config);
    let mut found: Vec<(String, String)> = Vec::new();
    for m in crate::places::zones::zones_named(text) {
        if let Some(r) = m.place.and_then(|c| classifier.region_of_code(config, c)) {
            found.push((r.to_string(), m.name));
        }
    }
    for (at, x) in crate::places::divisions().named_in(text, None) {
        if let Some(r) = classifier.region_of_code(config, x.code) {
            found.push((r.to_string(), text[at].to_string()));
        }
    }
    // The deepest region that every other found region contains.
    let deepest = found
        .iter()
        .filter(|(r, _)| found.iter().all(|(o, _)| config.region_within(r, o)))
        .max_by_key(|(r, _)| config.region_and_ancestors(r).len())
        .cloned();
    match deepest {
        Some((r, w)) => (Some(r), None, format!("the site names {w}")),
        None if found.is_empty() => (
            None,
            None,
            "unsure: the site names no configured place; give --region".into(),
        ),
        None => {
            let mut names: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
            names.dedup();
            (
                None,
                None,
                format!(
                    "unsure: the site names places in several regions ({}); give --region",
                    names.join(", ")
                ),
            )
        }
    }
}

/// The `[[sources]]` block.
fn block(p: &Proposal) -> String {
    let mut b = String::new();
    b.push_str(&format!(
        "# zonefeed add: {} items read now ({} with dates){}\n",
        p.items,
        p.dated,
        if p.articles_checked > 0 {
            format!(
                "; article rules read {} of {} pages' text and {} dates",
                p.articles_with_content, p.articles_checked, p.articles_with_date
            )
        } else {
            String::new()
        }
    ));
    b.push_str("[[sources]]\n");
    b.push_str(&format!("id = {}\n", toml_string(&p.id)));
    if let Some(n) = &p.name {
        b.push_str(&format!("name = {}\n", toml_string(n)));
    }
    match p.kind {
        Kind::Feed => {}
        Kind::Html => b.push_str("kind = \"html\"\n"),
        Kind::Json => b.push_str("kind = \"json\"\n"),
    }
    b.push_str(&format!("url = {}\n", toml_string(&p.url)));
    match &p.region {
        Some(r) => b.push_str(&format!("region = {}\n", toml_string(r))),
        None => b.push_str("region = \"\"  # unsure: set a region id\n"),
    }
    if let Some(z) = &p.zone {
        b.push_str(&format!("zone = {}\n", toml_string(z)));
    }
    if matches!(p.kind, Kind::Html | Kind::Json) && p.next_page.is_some() {
        b.push_str(
            "pages = 3  # the first poll reads 3 list pages (a backfill), later polls one\n",
        );
    }
    let table = |b: &mut String, name: &str, keys: &[(String, String)]| {
        if keys.is_empty() {
            return;
        }
        b.push_str(&format!("\n[sources.{name}]\n"));
        for (k, v) in keys {
            b.push_str(&format!("{k} = {v}\n"));
        }
    };
    table(&mut b, "list", &p.list);
    table(&mut b, "json", &p.json);
    table(&mut b, "article", &p.article);
    b
}

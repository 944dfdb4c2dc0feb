//! Rules proposed for pages nobody wrote rules for (`zonefeed add`): the feeds a page links,
//! the section pages that look like news lists, the news list on a page (repeated records
//! of one structure, each with a link whose text reads as a headline, most with a date) as
//! `[sources.list]` rules, and an article page's title, date, 来源 and body as
//! `[sources.article]` rules. Pure: text in, proposals out; every proposal is verified by
//! running it through the same readers a poll uses ([`super::scrape_list`],
//! [`super::scrape_article`]).
//!
//! Invariants: selectors are classes and structure (tag.class, `#id`, `>`), never
//! `nth-child` chains; a proposed list selector selects exactly the records it was built
//! from on the page it was built on; navigation, footers and 热点/推荐 sidebars lose to the
//! main list (link text length, dates, class and heading words, hosts).

mod article;
mod list;

pub use article::{article_rules_from_keys, propose_article};
pub use list::{next_page, next_page_of, propose_list, rules_from_keys};

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::{ArticleRules, HtmlRules, link_in, text_of};
use crate::parse::clean_text;

/// A feed a page links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    pub url: String,
    /// "rss", "atom", "json" or "feed" (a link whose type is not said).
    pub kind: &'static str,
    pub title: Option<String>,
}

/// A link to a section that looks like a news list (新闻动态, 园区要闻, 通知公告 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub url: String,
    pub text: String,
}

/// `[sources.list]` rules for a page, as keys to write and as rules to run.
#[derive(Debug, Clone)]
pub struct ListProposal {
    /// (key, TOML value) in the order to write them.
    pub keys: Vec<(String, String)>,
    pub rules: HtmlRules,
    /// Records the rules select on the page, and how many have a date.
    pub records: usize,
    pub dated: usize,
    /// The next page of the list, when the page links one.
    pub next_page: Option<String>,
    /// How much the list stood out (records, title lengths, dates, penalties).
    pub score: f64,
    /// What the rules read off the page when they were verified.
    pub entries: Vec<crate::model::Entry>,
}

/// `[sources.article]` rules for a site's article pages.
#[derive(Debug, Clone)]
pub struct ArticleProposal {
    pub keys: Vec<(String, String)>,
    pub rules: ArticleRules,
}

fn sel(text: &str) -> Option<Selector> {
    Selector::parse(text).ok()
}

fn doc_of(html: &str) -> Html {
    Html::parse_document(&crate::parse::limit_nesting(html))
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn han(s: &str) -> usize {
    s.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

/// A CSS-safe class name (the ones a selector can say without escaping).
fn safe_class(c: &str) -> bool {
    let mut it = c.chars();
    it.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_' || f == '-')
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        && !c.chars().all(|ch| ch == '-')
}

/// `tag.class1.class2` (safe classes only, sorted).
fn signature(e: ElementRef<'_>) -> String {
    let mut classes: Vec<&str> = e.value().classes().filter(|c| safe_class(c)).collect();
    classes.sort_unstable();
    let mut s = e.value().name().to_ascii_lowercase();
    for c in classes {
        s.push('.');
        s.push_str(c);
    }
    s
}

/// Ways to name an element in a selector, most stable first.
fn names_of(e: ElementRef<'_>) -> Vec<String> {
    let tag = e.value().name().to_ascii_lowercase();
    let mut v = Vec::new();
    if let Some(id) = e.value().id()
        && safe_class(id)
        && id.chars().filter(char::is_ascii_digit).count() <= 3
    {
        v.push(format!("#{id}"));
    }
    let sig = signature(e);
    if sig.contains('.') {
        v.push(sig);
        for c in e.value().classes().filter(|c| safe_class(c)) {
            v.push(format!("{tag}.{c}"));
        }
    }
    v.push(tag);
    v
}

fn date_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
            .unwrap_or_else(|e| panic!("static regex: {e}"))
    })
}

/// The string a TOML basic string or boolean written by [`toml_string`](crate::escape::toml_string) stands for.
fn toml_value(v: &str) -> Option<String> {
    if v == "true" {
        return Some("true".into());
    }
    let inner = v.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut it = inner.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'u' => {
                    let hex: String = it.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------
// Feeds and sections

/// Feeds the page names: `<link rel="alternate">` of a feed type, and `<a>` links whose
/// address or text says feed (…/rss.xml, …/feed, RSS订阅), in page order, each once.
pub fn feed_links(html: &str, page: &Url) -> Vec<FeedLink> {
    let doc = doc_of(html);
    let mut out: Vec<FeedLink> = Vec::new();
    let mut push = |url: Option<Url>, kind: &'static str, title: Option<String>| {
        if let Some(u) = url
            && matches!(u.scheme(), "http" | "https")
            && !out.iter().any(|f| f.url == u.as_str())
        {
            out.push(FeedLink {
                url: u.to_string(),
                kind,
                title,
            });
        }
    };
    if let Some(s) = sel("link[href]") {
        for l in doc.select(&s) {
            let rel = l.value().attr("rel").unwrap_or("").to_ascii_lowercase();
            let ty = l.value().attr("type").unwrap_or("").to_ascii_lowercase();
            if !rel.split_whitespace().any(|r| r == "alternate") {
                continue;
            }
            let kind = if ty.contains("rss") {
                "rss"
            } else if ty.contains("atom") {
                "atom"
            } else if ty.contains("feed+json") || ty.contains("json") {
                "json"
            } else {
                continue;
            };
            let href = l.value().attr("href").unwrap_or("");
            push(
                page.join(href).ok(),
                kind,
                l.value().attr("title").map(clean_text),
            );
        }
    }
    if let Some(s) = sel("a[href]") {
        for a in doc.select(&s) {
            let href = a.value().attr("href").unwrap_or("").trim();
            let lower = href.to_ascii_lowercase();
            let text = text_of(a);
            let path = lower.split(['?', '#']).next().unwrap_or("");
            let by_address = path.ends_with(".rss")
                || path.ends_with("/rss")
                || path.ends_with("rss.xml")
                || path.ends_with("atom.xml")
                || path.ends_with("/feed")
                || path.ends_with("/feed/")
                || path.ends_with("feed.xml")
                || path.ends_with("index.xml")
                || path.ends_with("feed.json");
            let by_text = text.to_ascii_lowercase().contains("rss") || text.contains("订阅");
            if by_address || (by_text && (path.ends_with(".xml") || path.contains("rss"))) {
                let kind = if path.ends_with("atom.xml") {
                    "atom"
                } else if path.ends_with(".json") {
                    "json"
                } else {
                    "feed"
                };
                push(
                    page.join(href).ok(),
                    kind,
                    (!text.is_empty()).then_some(text),
                );
            }
        }
    }
    out
}

/// Words of section names that hold news lists.
const NEWS_WORDS: [&str; 16] = [
    "新闻",
    "要闻",
    "动态",
    "资讯",
    "通知",
    "公告",
    "招商",
    "快讯",
    "头条",
    "热点新闻",
    "工作",
    "信息",
    "媒体",
    "聚焦",
    "园区",
    "政务",
];

/// Links of the page whose text names a news section (新闻动态, 园区要闻, 工作动态,
/// 通知公告, 招商引资 …), on this site, each address once, best-sounding first.
pub fn news_sections(html: &str, page: &Url) -> Vec<Section> {
    let doc = doc_of(html);
    let Some(s) = sel("a[href]") else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Section)> = Vec::new();
    for a in doc.select(&s) {
        // A box's 更多 link (更多>>, 查看更多通知公告) is named by the rest of its text or
        // by the box's heading; a homepage box with a list is the best sign of a news list.
        let (text, boxed) = match more_link(a) {
            Some(t) => (t, true),
            None => (text_of(a), false),
        };
        let n = chars(&text);
        if !(2..=8).contains(&n) {
            continue;
        }
        let hits = NEWS_WORDS.iter().filter(|w| text.contains(*w)).count();
        if hits == 0 || text.contains("首页") || text.contains("视频") || text.contains("图片")
        {
            continue;
        }
        let Some(href) = a.value().attr("href").and_then(|h| link_in(h, None)) else {
            continue;
        };
        let Ok(u) = page.join(&href) else { continue };
        if u.host_str() != page.host_str() || u.as_str() == page.as_str() {
            continue;
        }
        // 新闻/要闻/动态 first: those are the news; 工作/信息 last; a box's more link
        // before any.
        let rank = ["要闻", "新闻", "动态", "资讯", "快讯", "头条"]
            .iter()
            .filter(|w| text.contains(*w))
            .count()
            + if boxed { 10 } else { 0 };
        if let Some(seen) = out.iter_mut().find(|(_, x)| x.url == u.as_str()) {
            if rank > seen.0 {
                *seen = (
                    rank,
                    Section {
                        url: u.to_string(),
                        text,
                    },
                );
            }
            continue;
        }
        out.push((
            rank,
            Section {
                url: u.to_string(),
                text,
            },
        ));
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.0));
    out.into_iter().map(|(_, s)| s).collect()
}

/// The section a "more" link names (`更多`, `更多>>`, `MORE+`, `查看更多通知公告`): the text
/// after 查看更多/更多, else its box's heading (the rest of its parent's text, or the
/// parent's first element that is not the link). None for other links.
fn more_link(a: ElementRef<'_>) -> Option<String> {
    let text = text_of(a);
    let trimmed = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '<' | '»' | '+' | '＋' | '→' | '›' | '.' | '…')
    });
    let lower = trimmed.to_ascii_lowercase();
    let rest = ["查看更多", "更多", "more"]
        .iter()
        .find_map(|p| lower.strip_prefix(p).map(|_| &trimmed[p.len()..]))?;
    let rest = rest.trim();
    if !rest.is_empty() {
        return (chars(rest) <= 8).then(|| rest.to_string());
    }
    let parent = a.parent().and_then(ElementRef::wrap)?;
    let heading = text_of(parent).replacen(&text, "", 1);
    let heading = heading.trim();
    if (2..=8).contains(&chars(heading)) {
        return Some(heading.to_string());
    }
    parent
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.id() != a.id())
        .map(text_of)
        .find(|t| (2..=8).contains(&chars(t)) && han(t) >= 2)
}

/// The page's `<title>` and the text of its footer (主办单位 …), for guessing its place.
pub fn site_words(html: &str) -> (String, String) {
    let doc = doc_of(html);
    let title = sel("title")
        .and_then(|s| doc.select(&s).next())
        .map(text_of)
        .unwrap_or_default();
    let mut footer = String::new();
    for s in [
        "footer", ".footer", "#footer", ".foot", "#foot", ".bottom", "#bottom",
    ] {
        if let Some(x) = sel(s)
            && let Some(e) = doc.select(&x).next()
        {
            footer = text_of(e);
            break;
        }
    }
    if footer.is_empty() {
        let text = sel("body")
            .and_then(|s| doc.select(&s).next())
            .map(text_of)
            .unwrap_or_default();
        if let Some(at) = text.find("主办") {
            footer = text[at..].chars().take(60).collect();
        }
    }
    (title, footer)
}

//! Feeds for pages that have none: list pages and article pages read with the CSS-selector
//! and regex rules of `[sources.list]` / `[sources.article]`. Pure: text in, values out.
//!
//! The rule types ([`HtmlRules`], [`ArticleRules`], [`Field`], [`Sel`], and [`JsonRules`]
//! for list APIs) and the default article patterns are defined here, with the code that
//! applies them; `config` builds them from the file and imports them from here, never the
//! other way round. `embedded` brings script-held lists into the page; `json` reads list
//! APIs.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use encoding_rs::Encoding;
use scraper::{ElementRef, Html};
use url::Url;

pub mod detect;
mod embedded;
mod json;
pub mod json_detect;
pub mod json_paging;

pub use json::{JsonArticle, JsonFields, JsonLink, JsonPath, JsonRules};
pub(crate) use json::{JsonList, parse_lenient, scrape_json, scrape_json_article};

use crate::model::{Entry, IdKind};
use crate::parse::{assign_ids, clean_text, parse_date, sanitize_html};

/// A CSS selector, kept with its text for messages.
#[derive(Debug, Clone)]
pub struct Sel {
    pub text: String,
    pub selector: scraper::Selector,
}

impl Sel {
    /// Parses a CSS selector; the error is the selector parser's description.
    pub fn parse(text: &str) -> Result<Sel, String> {
        scraper::Selector::parse(text)
            .map(|selector| Sel {
                text: text.to_string(),
                selector,
            })
            .map_err(|e| e.to_string())
    }
}

/// Where a field's value comes from: the text (or `attr`) of the first element matching
/// `selector` (the whole item or page when there is none), then the first capture group of
/// `regex` over it, if given.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub selector: Option<Sel>,
    /// Read this attribute of the selected element instead of its text (`<meta content>`).
    pub attr: Option<String>,
    pub regex: Option<regex::Regex>,
    /// A built-in label pattern ("来源：…") tried on the selected text when no `regex` is
    /// given: one element often holds the date, 来源 and 发布开发区 together. When it does
    /// not match, the text is the value unless it carries some other label.
    pub label: Option<regex::Regex>,
}

/// `[sources.list]`: how to read items off a list page.
#[derive(Debug, Clone)]
pub struct HtmlRules {
    /// Read HTML that scripts hold or write (Hanweb CDATA records, `document.write`) where
    /// the script stands, before the selectors run.
    pub embedded: bool,
    /// Each news item on the list page.
    pub item: Sel,
    pub title: Field,
    /// Element whose `link_attr` is the item's link (default: the first `a[href]`).
    pub link: Option<Sel>,
    pub link_attr: String,
    /// The first capture group of this over the link attribute is the link
    /// (`window.open\('([^']+)'` over an `onclick`).
    pub link_regex: Option<regex::Regex>,
    /// The link is this with `{}` replaced by what the attribute (and `link_regex`) gave,
    /// percent-encoded: `"/news/detail?id={}"` over `toDetail('881')`.
    pub link_template: Option<String>,
    pub date: Field,
    pub summary: Option<Sel>,
}

/// `[sources.article]`: fields read from an item's own page.
#[derive(Debug, Clone)]
pub struct ArticleRules {
    pub content: Option<Sel>,
    /// Replaces the list's title when found (lists cut titles short).
    pub title: Field,
    pub date: Field,
    /// 来源: the paper or office the news comes from (stored as the item's author).
    pub source: Field,
    /// 发布开发区: mapped to a configured zone by id, name or alias.
    pub zone: Field,
    /// Article pages fetched per poll at most; the rest wait for the next poll.
    pub max_per_poll: usize,
}

/// Default article patterns for the lines Chinese portals print above the text:
/// `来源:南通日报`, `来源：南通日报`, `来  源：…` (spaced to align), `【来源】南通日报` and
/// `【来源：南通日报】`. A value ends at a space, a bar or a bracket.
pub(crate) const DEFAULT_ARTICLE_DATE: &str = r"(?:发布时间|发布日期|发表时间|日\s*期|时\s*间)\s*(?:[:：]|[】\]]\s*[:：]?)\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2})?)?)";
pub(crate) const DEFAULT_ARTICLE_SOURCE: &str =
    r"(?:信息来源|文章来源|来\s*源|稿\s*源)\s*(?:[:：]|[】\]]\s*[:：]?)\s*([^\s|｜【】\[\]]+)";
pub(crate) const DEFAULT_ARTICLE_ZONE: &str =
    r"(?:发布开发区|所属开发区|开发区)\s*(?:[:：]|[】\]]\s*[:：]?)\s*([^\s|｜【】\[\]]+)";

#[derive(Debug, thiserror::Error)]
pub enum ScrapeError {
    /// The site changed its layout (or the rule is wrong): say so, don't report "no news".
    #[error("rule matches nothing: item selector {0:?} found no element on the page")]
    NothingMatched(String),
    /// Elements matched but none is an item: e.g. `li.date` spans, or rules that expect a
    /// link inside elements that have none.
    #[error(
        "rule matches nothing: item selector {item:?} found {count} elements, but in none did {rules}"
    )]
    NoItems {
        item: String,
        count: usize,
        /// Which rules found nothing: "the link rule (a[href]) find a link, nor the title rule (h3.t) a title".
        rules: String,
    },
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("rule matches nothing: path {path:?} found no {want} in the JSON{found}")]
    JsonPath {
        path: String,
        want: &'static str,
        /// What is there instead: "; at \"data\" the keys are: list, total".
        found: String,
    },
    #[error(
        "rule matches nothing: the {count} items at {path:?} have no title or link (check the title and link paths)"
    )]
    JsonNoItems { path: String, count: usize },
}

/// Decodes an HTML page. Order: per-source override, BOM, HTTP header (when it decodes the
/// bytes cleanly), `<meta charset>` or `http-equiv` anywhere in the head, UTF-8, GB18030.
/// `gb2312` and `gbk` labels read as GBK, which decodes GB18030 too.
pub(crate) fn decode_html<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    charset_override: Option<&'static Encoding>,
) -> (std::borrow::Cow<'a, str>, &'static Encoding) {
    crate::parse::decode_with(bytes, header_charset, charset_override, || {
        meta_charset(bytes)
    })
}

/// `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
/// anywhere before `</head>` (sites put scripts and styles first).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head_end = find_ci(bytes, b"</head").unwrap_or(bytes.len().min(64 * 1024));
    let head = &bytes[..head_end.min(bytes.len())];
    let mut from = 0;
    while let Some(at) = find_ci(&head[from..], b"<meta") {
        let start = from + at;
        let end = head[start..]
            .iter()
            .position(|b| *b == b'>')
            .map(|e| start + e)
            .unwrap_or(head.len());
        let tag = &head[start..end];
        if let Some(cs) = find_ci(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = rest
                .iter()
                .position(|b| *b != b' ' && *b != b'=' && *b != b'"' && *b != b'\'')
                .map(|p| &rest[p..])
                .unwrap_or(&[]);
            let len = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..len]) {
                // A page that says UTF-16 in ASCII bytes is lying (HTML spec rule).
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The text of an element, whitespace collapsed.
fn text_of(e: ElementRef<'_>) -> String {
    clean_text(&e.text().collect::<Vec<_>>().join(" "))
}

/// The first element matching `sel` in `scope`, counting `scope` itself: an item selected
/// as `ul.list a` is its own link.
fn first_match<'a>(scope: ElementRef<'a>, sel: &scraper::Selector) -> Option<ElementRef<'a>> {
    if sel.matches(&scope) {
        return Some(scope);
    }
    scope.select(sel).next()
}

/// Does `text` carry a label of its own (`发布时间:`, `【来源】`)? Then a label pattern that
/// did not match means the value is not in it, rather than that the text is the value.
fn has_label(text: &str) -> bool {
    static LABEL: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    LABEL
        .get_or_init(|| regex::Regex::new(r"\p{Han}{2,8}\s*[:：]|【[^】]{1,10}】").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(text))
}

/// Applies a field rule inside `scope`: selector text (or the scope's own text), then the
/// regex's first capture group, or the label pattern's. With `free_text` (source, zone) a
/// labelled text the pattern missed gives nothing; a date is found in any text anyway.
fn field_value(field: &Field, scope: ElementRef<'_>, free_text: bool) -> Option<String> {
    let text = match &field.selector {
        Some(sel) => {
            let el = first_match(scope, &sel.selector)?;
            match &field.attr {
                Some(a) => clean_text(el.value().attr(a)?),
                None => text_of(el),
            }
        }
        None if field.regex.is_some() => text_of(scope),
        None => return None,
    };
    let value = match (&field.regex, &field.label) {
        (Some(re), _) => {
            let caps = captures(re, &text)?;
            caps.get(1).or_else(|| caps.get(0))?.as_str().to_string()
        }
        (None, Some(label)) => match captures(label, &text) {
            Some(caps) => caps.get(1).or_else(|| caps.get(0))?.as_str().to_string(),
            None if free_text && has_label(&text) => return None,
            None => text,
        },
        (None, None) => text,
    };
    let v = clean_text(&value);
    (!v.is_empty()).then_some(v)
}

/// The pattern's first match in `text`; for the built-in date pattern, the first one
/// labelled 发布 or 发表 when there is one (an 政府信息公开 page names its 成文日期 before
/// its 发布日期, and the item's date is when it was published).
fn captures<'t>(re: &regex::Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    if re.as_str() == DEFAULT_ARTICLE_DATE
        && let Some(c) = re
            .captures_iter(text)
            .find(|c| c.get(0).is_some_and(|m| m.as_str().starts_with('发')))
    {
        return Some(c);
    }
    re.captures(text)
}

/// A date from free text: the whole text if it parses, else the first date-looking part
/// ("[2026-11-25]", "发布于 2026年11月25日 10:30 浏览 123").
pub(crate) fn find_date(text: &str, tz: Tz) -> Option<DateTime<Utc>> {
    if let Some(d) = parse_date(text, tz) {
        return Some(d);
    }
    static DATE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = DATE
        .get_or_init(|| {
            regex::Regex::new(
                r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2})?)?",
            )
            .ok()
        })
        .as_ref()?;
    let Some(m) = re.find(text) else {
        return split_date(text).and_then(|d| parse_date(&d, tz));
    };
    parse_date(m.as_str(), tz).or_else(|| {
        // "2026年 11月 25日" style spacing.
        let compact: String = m.as_str().split_whitespace().collect::<Vec<_>>().join("");
        parse_date(&compact, tz)
    })
}

/// A date whose day and year-month stand in two elements, read together
/// (`<span class="day">11</span><span class="ym">2022-10</span>` reads "11 2022-10"; also
/// "2022-10 11" and "2022.10 / 11"): `2022-10-11`. Only a short text that is the date and
/// nothing else, so a page's numbers are never taken for one.
pub(crate) fn split_date(text: &str) -> Option<String> {
    static SPLIT: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = SPLIT
        .get_or_init(|| {
            regex::Regex::new(
                r"^\s*(?:(?P<d1>\d{1,2})\s*日?\s*[/|]?\s*(?P<y1>\d{4})\s*[-/.年]\s*(?P<m1>\d{1,2})\s*月?|(?P<y2>\d{4})\s*[-/.年]\s*(?P<m2>\d{1,2})\s*月?\s*[/|]?\s+(?P<d2>\d{1,2})\s*日?)\s*$",
            )
            .ok()
        })
        .as_ref()?;
    if text.chars().count() > 20 {
        return None;
    }
    let c = re.captures(text)?;
    let n = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
    let (y, m, d) = (n("y1", "y2")?, n("m1", "m2")?, n("d1", "d2")?);
    let (mn, dn): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&mn) && (1..=31).contains(&dn)).then(|| format!("{y}-{mn:02}-{dn:02}"))
}

/// The link an attribute holds: the regex's first group when given; the value itself when
/// it reads as a URL; else the first quoted URL-like string in it, so that an `onclick`
/// (`window.open('/news/detail?id=881')`, `goDetail("881.html")`) gives its address, never
/// its JavaScript as a relative URL.
pub(crate) fn link_in(value: &str, regex: Option<&regex::Regex>) -> Option<String> {
    let v = value.trim();
    if let Some(re) = regex {
        let caps = re.captures(v)?;
        return Some(caps.get(1).or_else(|| caps.get(0))?.as_str().to_string());
    }
    let code_like = |s: &str| s.contains(['(', ')', ';', '\'', '"', ' ', '+']);
    if !code_like(v) && !v.to_ascii_lowercase().starts_with("javascript:") {
        return Some(v.to_string());
    }
    static QUOTED: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = QUOTED
        .get_or_init(|| regex::Regex::new(r#"['"]([^'"\s]*[/.?=][^'"\s]*)['"]"#).ok())
        .as_ref()?;
    re.captures_iter(v)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .find(|s| !s.starts_with('_') && !code_like(s))
        .map(str::to_string)
}

fn resolve_link(href: &str, page: &Url) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let u = page.join(href).ok()?;
    match u.scheme() {
        "http" | "https" | "file" => Some(u.to_string()),
        _ => None, // javascript:, mailto:, data:
    }
}

/// Items of a list page, in page order.
pub fn scrape_list(
    html: &str,
    page: &Url,
    rules: &HtmlRules,
    tz: Tz,
) -> Result<Vec<Entry>, ScrapeError> {
    let unfolded;
    let html = if rules.embedded {
        unfolded = embedded::unfold(html);
        &unfolded
    } else {
        html
    };
    let doc = Html::parse_document(&crate::parse::limit_nesting(html));
    let items: Vec<ElementRef<'_>> = doc.select(&rules.item.selector).collect();
    if items.is_empty() {
        return Err(ScrapeError::NothingMatched(rules.item.text.clone()));
    }
    let first_link = link_selector();
    let count = items.len();
    let mut entries = Vec::with_capacity(count);
    for item in items {
        let link_el = first_match(
            item,
            rules.link.as_ref().map_or(first_link, |s| &s.selector),
        );
        let link = link_el
            .and_then(|e| e.value().attr(&rules.link_attr))
            .and_then(|h| link_in(h, rules.link_regex.as_ref()))
            .map(|v| match &rules.link_template {
                Some(t) => t.replacen(
                    "{}",
                    &url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>(),
                    1,
                ),
                None => v,
            })
            .and_then(|h| resolve_link(&h, page));
        // A link chosen as the item (`ul.list a[title]`) carries the whole title in its
        // attribute; its text may also hold the date and be cut short.
        let own_title = link_el
            .filter(|l| l.id() == item.id())
            .and_then(|l| l.value().attr("title"))
            .map(clean_text)
            .filter(|t| !t.is_empty());
        let title = field_value(&rules.title, item, false)
            .or(own_title)
            .or_else(|| link_el.map(link_title))
            .unwrap_or_default();
        let published = field_value(&rules.date, item, false).and_then(|d| find_date(&d, tz));
        let summary = rules
            .summary
            .as_ref()
            .and_then(|s| item.select(&s.selector).next())
            .and_then(|e| sanitize_html(&lazy_images(&e.inner_html()), Some(page)));
        if title.is_empty() && link.is_none() {
            continue; // a spacer or ad row inside the list
        }
        entries.push(Entry {
            id: String::new(),
            id_kind: IdKind::Link,
            title,
            link,
            published,
            updated: None,
            summary,
            content: None,
            author: None,
            categories: Vec::new(),
            zone_hint: None,
            article_pending: false,
        });
    }
    if entries.is_empty() {
        let link = rules.link.as_ref().map_or("a[href]", |s| s.text.as_str());
        let title = match &rules.title.selector {
            Some(s) => format!("the title rule ({}) a title", s.text),
            None => "the link's text a title".into(),
        };
        return Err(ScrapeError::NoItems {
            item: rules.item.text.clone(),
            count,
            rules: format!(
                "the link rule ({link}, attribute {}) find a link, nor {title}",
                rules.link_attr
            ),
        });
    }
    assign_ids(&mut entries);
    Ok(entries)
}

/// Titles in lists are often cut short ("…") with the whole title in the `title` attribute.
fn link_title(a: ElementRef<'_>) -> String {
    let text = text_of(a);
    match a.value().attr("title").map(clean_text) {
        Some(t)
            if !t.is_empty()
                && (text.is_empty()
                    || text.ends_with("...")
                    || text.ends_with('…')
                    || t.len() > text.len()) =>
        {
            t
        }
        _ => text,
    }
}

fn link_selector() -> &'static scraper::Selector {
    static SEL: std::sync::OnceLock<scraper::Selector> = std::sync::OnceLock::new();
    SEL.get_or_init(|| {
        scraper::Selector::parse("a[href]").unwrap_or_else(|_| unreachable!("static selector"))
    })
}

/// What an article page adds to its list entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Article {
    /// The whole title, when the rules say where it is.
    pub title: Option<String>,
    pub content: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// 来源.
    pub origin: Option<String>,
    /// 发布开发区, as written.
    pub zone_name: Option<String>,
}

pub(crate) fn scrape_article(html: &str, page: &Url, rules: &ArticleRules, tz: Tz) -> Article {
    let doc = Html::parse_document(&crate::parse::limit_nesting(html));
    let root = doc.root_element();
    // Selectors search the whole document: the head's <meta> tags are where many CMSs put
    // the date, 来源 and full title. A pattern without a selector reads the body's text,
    // not scripts and styles.
    let body = doc.select(body_selector()).next().unwrap_or(root);
    let value = |field: &Field, free_text: bool| {
        let scope = if field.selector.is_some() { root } else { body };
        field_value(field, scope, free_text)
    };
    let content = rules
        .content
        .as_ref()
        .and_then(|s: &Sel| doc.select(&s.selector).next())
        .and_then(|e| sanitize_html(&lazy_images(&e.inner_html()), Some(page)));
    Article {
        title: value(&rules.title, false),
        content,
        published: value(&rules.date, false).and_then(|d| find_date(&d, tz)),
        origin: value(&rules.source, true),
        zone_name: value(&rules.zone, true),
    }
}

fn body_selector() -> &'static scraper::Selector {
    static SEL: std::sync::OnceLock<scraper::Selector> = std::sync::OnceLock::new();
    SEL.get_or_init(|| {
        scraper::Selector::parse("body").unwrap_or_else(|_| unreachable!("static selector"))
    })
}

/// Lazy-loaded images keep their real address in `data-src` (or `data-original`,
/// `data-lazy-src`) and a placeholder in `src`: promote the real one so it survives.
pub(crate) fn lazy_images(html: &str) -> String {
    static IMG: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    static ATTR: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let (Some(img), Some(attr)) = (
        IMG.get_or_init(|| regex::Regex::new(r"(?is)<img\b[^>]*>").ok())
            .as_ref(),
        ATTR.get_or_init(|| {
            regex::Regex::new(r#"(?is)\sdata-(?:src|original|lazy-src)\s*=\s*("[^"]*"|'[^']*')"#)
                .ok()
        })
        .as_ref(),
    ) else {
        return html.to_string();
    };
    img.replace_all(html, |c: &regex::Captures<'_>| {
        let tag = &c[0];
        let Some(real) = attr.captures(tag).map(|a| a[1].to_string()) else {
            return tag.to_string();
        };
        let without_src = regex::Regex::new(r#"(?is)\ssrc\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#)
            .map(|r| r.replace_all(tag, "").into_owned())
            .unwrap_or_else(|_| tag.to_string());
        without_src.replacen("<img", &format!("<img src={real}"), 1)
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    fn sel(s: &str) -> Sel {
        Sel {
            text: s.into(),
            selector: scraper::Selector::parse(s).unwrap_or_else(|e| panic!("{e}")),
        }
    }

    #[test]
    fn a_link_in_script_gives_its_address_never_the_script() {
        assert_eq!(
            link_in("window.open('/news/detail?id=881')", None).as_deref(),
            Some("/news/detail?id=881")
        );
        assert_eq!(
            link_in("javascript:goDetail(\"881.html\");return false;", None).as_deref(),
            Some("881.html")
        );
        assert_eq!(link_in("/a/b.html", None).as_deref(), Some("/a/b.html"));
        assert_eq!(link_in("javascript:void(0)", None), None);
        let re = regex::Regex::new(r"goDetail\('(\d+)'\)").ok();
        assert_eq!(
            link_in("goDetail('881')", re.as_ref()).as_deref(),
            Some("881")
        );
    }

    fn rules() -> HtmlRules {
        HtmlRules {
            embedded: false,
            item: sel("div.newslist li"),
            title: Field::default(),
            link: None,
            link_attr: "href".into(),
            link_regex: None,
            link_template: None,
            date: Field {
                selector: Some(sel("span.date")),
                ..Field::default()
            },
            summary: None,
        }
    }

    const LIST: &str = r#"<html><head><script>var x="<li>";</script></head><body>
<ul class="hot"><li><a href="/hot.html">热点</a></li></ul>
<div class="newslist"><ul>
<li><span class="date">[2026-11-25]</span><a href="news/1.html" title="南通高新区签约三个重大项目总投资五十亿元">南通高新区签约三个重大...</a></li>
<li><span class="date">2026年11月20日</span><a href="javascript:void(0)">没有链接的条目</a></li>
<li><a href="http://other.example.cn/2.html">没有日期</a></li>
</ul></div></body></html>"#;

    #[test]
    fn list_items_with_full_titles_absolute_links_and_dates() {
        let page = Url::parse("http://www.investchn.example.cn/kfq/nantong/list.html").ok();
        let page = page.as_ref().unwrap_or_else(|| unreachable!());
        let entries = scrape_list(LIST, page, &rules(), Shanghai).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].title, "南通高新区签约三个重大项目总投资五十亿元");
        assert_eq!(
            entries[0].link.as_deref(),
            Some("http://www.investchn.example.cn/kfq/nantong/news/1.html")
        );
        assert_eq!(entries[0].id_kind, IdKind::Link);
        assert_eq!(
            entries[0].published.map(|d| d.to_rfc3339()),
            Some("2026-11-24T16:00:00+00:00".into())
        );
        assert_eq!(entries[1].link, None, "javascript: is not a link");
        assert_eq!(entries[1].id_kind, IdKind::Hash);
        assert!(entries[1].published.is_some());
        assert_eq!(entries[2].published, None);
    }

    #[test]
    fn a_layout_change_is_an_error_not_silence() {
        let page = Url::parse("http://x.example.cn/").ok();
        let mut r = rules();
        r.item = sel("table.news tr");
        let err = scrape_list(
            LIST,
            page.as_ref().unwrap_or_else(|| unreachable!()),
            &r,
            Shanghai,
        );
        assert!(
            matches!(&err, Err(ScrapeError::NothingMatched(s)) if s == "table.news tr"),
            "{err:?}"
        );
    }

    #[test]
    fn article_fields_by_default_patterns() {
        let rules = ArticleRules {
            content: Some(sel("div.content")),
            title: Field::default(),
            date: Field {
                regex: regex::Regex::new(DEFAULT_ARTICLE_DATE).ok(),
                ..Field::default()
            },
            source: Field {
                regex: regex::Regex::new(DEFAULT_ARTICLE_SOURCE).ok(),
                ..Field::default()
            },
            zone: Field {
                regex: regex::Regex::new(DEFAULT_ARTICLE_ZONE).ok(),
                ..Field::default()
            },
            max_per_poll: 5,
        };
        let html = r#"<html><head><script>var t="发布时间:1999-01-01";</script></head><body>
<div class="info">发布时间:2022-09-28&nbsp;&nbsp;来源:南通日报&nbsp;&nbsp;发布开发区:南通高新技术产业开发区</div>
<div class="content"><p>正文<script>alert(1)</script></p><img src="loading.gif" data-src="../img/a.jpg"><a href="x.html" onclick="s()">相关</a></div>
</body></html>"#;
        let page = Url::parse("http://www.investchn.example.cn/news/2022/a.html").ok();
        let a = scrape_article(
            html,
            page.as_ref().unwrap_or_else(|| unreachable!()),
            &rules,
            Shanghai,
        );
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()),
            Some("2022-09-27T16:00:00+00:00".into())
        );
        assert_eq!(a.origin.as_deref(), Some("南通日报"));
        assert_eq!(a.zone_name.as_deref(), Some("南通高新技术产业开发区"));
        let c = a.content.unwrap_or_default();
        assert!(
            c.contains(r#"src="http://www.investchn.example.cn/news/img/a.jpg""#),
            "{c}"
        );
        assert!(
            !c.contains("loading.gif") && !c.contains("alert") && !c.contains("onclick"),
            "{c}"
        );
        assert!(
            c.contains(r#"href="http://www.investchn.example.cn/news/2022/x.html""#),
            "{c}"
        );
    }

    /// Article rules with each field a selector and the built-in label patterns, as the
    /// config checker builds them.
    fn labelled(date: &str, source: &str, zone: &str) -> ArticleRules {
        let field = |s: &str, pattern: &str| Field {
            selector: Some(sel(s)),
            label: regex::Regex::new(pattern).ok(),
            ..Field::default()
        };
        ArticleRules {
            content: None,
            title: Field::default(),
            date: field(date, DEFAULT_ARTICLE_DATE),
            source: field(source, DEFAULT_ARTICLE_SOURCE),
            zone: field(zone, DEFAULT_ARTICLE_ZONE),
            max_per_poll: 5,
        }
    }

    #[test]
    fn label_patterns_apply_to_the_selected_text() {
        let page = Url::parse("http://www.ntgx.gov.cn/a.html").ok();
        let page = page.as_ref().unwrap_or_else(|| unreachable!());
        let read = |html: &str, rules: &ArticleRules| scrape_article(html, page, rules, Shanghai);
        let rules = labelled("p.info", "p.info", "p.info");
        for (html, date, source, zone) in [
            (
                "<p class=info>发布日期：2026-11-25&nbsp;&nbsp;来  源：南通日报 | 发布开发区：南通高新区</p>",
                "2026-11-24T16:00:00+00:00",
                Some("南通日报"),
                Some("南通高新区"),
            ),
            (
                "<p class=info>【来源：新华日报】【时间：2026年11月25日 10时30分】</p>",
                "2026-11-25T02:30:00+00:00",
                Some("新华日报"),
                None,
            ),
            // A date needs no label to be found; 来源 is not in a text labelled otherwise.
            (
                "<p class=info>浏览次数：123 发布于 2026-11-25</p>",
                "2026-11-24T16:00:00+00:00",
                None,
                None,
            ),
        ] {
            let a = read(html, &rules);
            assert_eq!(
                (
                    a.published.map(|d| d.to_rfc3339()).as_deref(),
                    a.origin.as_deref(),
                    a.zone_name.as_deref()
                ),
                (Some(date), source, zone),
                "{html}"
            );
        }
        // Elements of their own, without labels: each text is the value.
        let rules = labelled("span.time", "span.source", "span.zone");
        let a = read(
            "<p><span class=time>2026-11-23</span><span class=source>南通日报</span><span class=zone>南通经济技术开发区</span></p>",
            &rules,
        );
        assert_eq!(a.origin.as_deref(), Some("南通日报"));
        assert_eq!(a.zone_name.as_deref(), Some("南通经济技术开发区"));
        assert!(a.published.is_some());
    }

    #[test]
    fn charset_from_meta_anywhere_in_head() {
        let body = encoding_rs::GBK.encode("<p>南通高新区</p>").0.into_owned();
        let mut page = b"<html><head><title>x</title><script>var a=1;</script>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>".to_vec();
        page.extend_from_slice(&body);
        let (t, e) = decode_html(&page, None, None);
        assert_eq!(e, encoding_rs::GBK);
        assert!(t.contains("南通高新区"));
        let (t, e) = decode_html(&page, Some("utf-8"), None);
        assert_eq!(
            e,
            encoding_rs::GBK,
            "a header that cannot decode the bytes loses"
        );
        assert!(t.contains("南通高新区"));
        let (_, e) = decode_html(b"<meta charset='big5'><p>x</p>", None, None);
        assert_eq!(e, encoding_rs::BIG5);
    }

    #[test]
    fn the_built_in_date_pattern_prefers_the_date_labelled_published() {
        let re = regex::Regex::new(DEFAULT_ARTICLE_DATE).expect("re");
        let text = "成文日期：2022年11月07日 发文字号：洛高管〔2022〕58号 发布日期：2022年11月08日";
        let c = captures(&re, text).expect("a date");
        assert_eq!(c.get(1).map(|m| m.as_str()), Some("2022年11月08日"));
        let c = captures(&re, "日期：2022-11-07 浏览").expect("a date");
        assert_eq!(c.get(1).map(|m| m.as_str().trim()), Some("2022-11-07"));
    }

    #[test]
    fn find_date_in_noisy_text() {
        assert!(find_date("发布于 2026年11月25日 10:30 浏览 123 次", Shanghai).is_some());
        assert!(find_date("[2026-11-25]", Shanghai).is_some());
        // Day and year-month in two elements, as a list reads them together.
        for split in [
            "11 2022-10",
            "2022-10 11",
            "11日 2022年10月",
            "2022.10 / 11",
        ] {
            assert_eq!(
                find_date(split, Shanghai),
                find_date("2022-10-11", Shanghai),
                "{split}"
            );
        }
        assert_eq!(find_date("共 12 2022-10 条", Shanghai), None);
        assert_eq!(find_date("35 2022-10", Shanghai), None);
        assert_eq!(find_date("没有日期", Shanghai), None);
    }
}

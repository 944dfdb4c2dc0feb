//! `kind = "json"`: list APIs. Either an array of items whose fields are named by dotted
//! paths (`items = "data.infolist"`, `title = "title"`), or a string field holding the
//! list's HTML (`html = "data.html"`), which the `[sources.list]` rules then read.
//!
//! Invariants: pure; a path that leads nowhere is an error that names it ("rule matches
//! nothing"), never silence; links come out absolute, titles as plain text, summaries
//! sanitised, exactly as for HTML lists.

use chrono_tz::Tz;
use serde_json::Value;
use url::Url;

use super::{HtmlRules, ScrapeError, find_date, resolve_link, scrape_list};
use crate::model::{Entry, IdKind};
use crate::parse::{assign_ids, clean_text, html_to_text, sanitize_html};

/// A dotted path into a JSON document: `data.infolist`, `result.0.list`, or `.` for the
/// root. A numeric step indexes an array.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    pub text: String,
    steps: Vec<String>,
}

impl JsonPath {
    pub fn parse(text: &str) -> Result<JsonPath, String> {
        let t = text.trim();
        if t == "." {
            return Ok(JsonPath {
                text: t.into(),
                steps: Vec::new(),
            });
        }
        let steps: Vec<String> = t.split('.').map(|s| s.trim().to_string()).collect();
        if t.is_empty() || steps.iter().any(String::is_empty) {
            return Err(format!(
                "{text:?} is not a dotted path such as \"data.list\" (\".\" is the whole document)"
            ));
        }
        Ok(JsonPath {
            text: t.into(),
            steps,
        })
    }

    /// Where the path stops finding what it names, and the keys (or length) there: for a
    /// message that helps fix it.
    pub(crate) fn what_is_there(&self, root: &Value) -> String {
        let mut v = root;
        let mut at: Vec<&str> = Vec::new();
        for step in &self.steps {
            let next = match v {
                Value::Object(m) => m.get(step),
                Value::Array(a) => step.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            match next {
                Some(n) => {
                    v = n;
                    at.push(step);
                }
                None => break,
            }
        }
        let place = if at.is_empty() {
            "the top".to_string()
        } else {
            format!("{:?}", at.join("."))
        };
        match v {
            Value::Object(m) => {
                let keys: Vec<&str> = m.keys().map(String::as_str).take(20).collect();
                format!("; at {place} the keys are: {}", keys.join(", "))
            }
            Value::Array(a) => format!("; at {place} is an array of {}", a.len()),
            other => format!("; at {place} is {}", kind_of(other)),
        }
    }

    fn find<'v>(&self, mut v: &'v Value) -> Option<&'v Value> {
        for step in &self.steps {
            v = match v {
                Value::Object(m) => m.get(step)?,
                Value::Array(a) => a.get(step.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(v)
    }
}

/// Where an item's link comes from: a field, or a template that builds it from fields
/// (`"/zwgk/detail.html?id={id}"`), for APIs that give only an id.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonLink {
    Path(JsonPath),
    Template(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Field(JsonPath),
}

impl JsonLink {
    /// `{path}` placeholders make a template; anything else is a path.
    pub fn parse(text: &str) -> Result<JsonLink, String> {
        if !text.contains('{') && !text.contains('}') {
            return JsonPath::parse(text).map(JsonLink::Path);
        }
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if rest[..open].contains('}') {
                return Err(format!("{text:?}: '}}' without '{{'"));
            }
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("{text:?}: '{{' without '}}'"))?;
            pieces.push(Piece::Field(JsonPath::parse(&after[..close])?));
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("{text:?}: '}}' without '{{'"));
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(JsonLink::Template(pieces))
    }

    fn value(&self, item: &Value) -> Option<String> {
        match self {
            JsonLink::Path(p) => p.find(item).and_then(scalar),
            JsonLink::Template(pieces) => {
                let mut out = String::new();
                for p in pieces {
                    match p {
                        Piece::Text(t) => out.push_str(t),
                        // A value goes into a URL: percent-encode what a path cannot hold.
                        Piece::Field(f) => out.extend(url::form_urlencoded::byte_serialize(
                            f.find(item).and_then(scalar)?.as_bytes(),
                        )),
                    }
                }
                Some(out)
            }
        }
    }
}

/// The fields of each item of a JSON list.
#[derive(Debug, Clone)]
pub struct JsonFields {
    /// The array of items.
    pub items: JsonPath,
    pub title: JsonPath,
    pub link: Option<JsonLink>,
    pub date: Option<JsonPath>,
    /// HTML or text; sanitised.
    pub summary: Option<JsonPath>,
    /// 来源 or author; stored as the item's author.
    pub author: Option<JsonPath>,
    /// `[sources.json.article]`: each item's article from its own JSON API.
    pub article: Option<Box<JsonArticle>>,
}

/// `[sources.json.article]`: where each item's article API is (a template filled from the
/// list item, like `link`) and the paths of the fields in its answer.
#[derive(Debug, Clone)]
pub struct JsonArticle {
    pub url: JsonLink,
    /// Replaces the list's title when found.
    pub title: Option<JsonPath>,
    /// HTML; sanitised, relative URLs resolved against the item's link.
    pub content: Option<JsonPath>,
    pub date: Option<JsonPath>,
    /// 来源.
    pub source: Option<JsonPath>,
    /// 发布开发区.
    pub zone: Option<JsonPath>,
    /// Article answers fetched per poll at most; the rest wait for the next poll.
    pub max_per_poll: usize,
}

/// What a JSON list gave: its entries and, with `[sources.json.article]`, the article API
/// URL of each entry (by entry id).
#[derive(Debug, Clone, Default)]
pub(crate) struct JsonList {
    pub entries: Vec<Entry>,
    pub article_urls: std::collections::HashMap<String, String>,
}

/// `[sources.json]`.
#[derive(Debug, Clone)]
pub enum JsonRules {
    Items(JsonFields),
    /// A string field holding the list's HTML, read by `[sources.list]`.
    Html {
        html: JsonPath,
        list: HtmlRules,
    },
}

/// Parses what list APIs send: JSON, JSONP (`callback({...})`) or a script that assigns
/// it (`var data = {...};`): the first JSON value in the text.
pub(crate) fn parse_lenient(text: &str) -> Result<Value, ScrapeError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    let first = match serde_json::from_str::<Value>(text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    for (at, _) in text.match_indices(['{', '[']).take(4) {
        let mut values = serde_json::Deserializer::from_str(&text[at..]).into_iter::<Value>();
        if let Some(Ok(v)) = values.next()
            && (v.is_object() || v.is_array())
        {
            return Ok(v);
        }
    }
    Err(ScrapeError::NotJson(first.to_string()))
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A field's value as text: strings as they are, numbers and booleans written out.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A date value: text in any form we read, or a number of seconds (or JavaScript's
/// milliseconds) since the epoch.
fn date_value(v: &Value, tz: Tz) -> Option<chrono::DateTime<chrono::Utc>> {
    match v {
        Value::Number(n) => {
            let n = n.as_i64()?;
            let secs = if n.abs() >= 100_000_000_000 {
                n / 1000
            } else {
                n
            };
            chrono::DateTime::from_timestamp(secs, 0)
        }
        other => find_date(&scalar(other)?, tz),
    }
}

/// The entries of a JSON list, in document order.
pub(crate) fn scrape_json(
    text: &str,
    page: &Url,
    rules: &JsonRules,
    tz: Tz,
) -> Result<JsonList, ScrapeError> {
    let doc = parse_lenient(text)?;
    let fields = match rules {
        JsonRules::Html { html, list } => {
            let Some(Value::String(h)) = html.find(&doc) else {
                return Err(ScrapeError::JsonPath {
                    path: html.text.clone(),
                    want: "string of HTML",
                    found: html.what_is_there(&doc),
                });
            };
            return Ok(JsonList {
                entries: scrape_list(h, page, list, tz)?,
                article_urls: Default::default(),
            });
        }
        JsonRules::Items(f) => f,
    };
    let Some(Value::Array(items)) = fields.items.find(&doc) else {
        return Err(ScrapeError::JsonPath {
            path: fields.items.text.clone(),
            want: "array",
            found: fields.items.what_is_there(&doc),
        });
    };
    let mut entries = Vec::with_capacity(items.len());
    let mut api_urls = Vec::with_capacity(items.len());
    for item in items {
        let title = fields
            .title
            .find(item)
            .and_then(scalar)
            .map(|t| html_to_text(&t))
            .unwrap_or_default();
        let link = fields
            .link
            .as_ref()
            .and_then(|l| l.value(item))
            .and_then(|h| resolve_link(&h, page));
        if title.is_empty() && link.is_none() {
            continue;
        }
        let published = fields
            .date
            .as_ref()
            .and_then(|p| p.find(item))
            .and_then(|d| date_value(d, tz));
        api_urls.push(
            fields
                .article
                .as_ref()
                .and_then(|a| a.url.value(item))
                .and_then(|u| resolve_link(&u, page)),
        );
        let summary = fields
            .summary
            .as_ref()
            .and_then(|p| p.find(item))
            .and_then(scalar)
            .and_then(|s| sanitize_html(&s, Some(page)));
        let author = fields
            .author
            .as_ref()
            .and_then(|p| p.find(item))
            .and_then(scalar)
            .map(|a| clean_text(&html_to_text(&a)))
            .filter(|a| !a.is_empty());
        entries.push(Entry {
            id: String::new(),
            id_kind: IdKind::Link,
            title,
            link,
            published,
            updated: None,
            summary,
            content: None,
            author,
            categories: Vec::new(),
            zone_hint: None,
            article_pending: false,
        });
    }
    if entries.is_empty() && !items.is_empty() {
        return Err(ScrapeError::JsonNoItems {
            path: fields.items.text.clone(),
            count: items.len(),
        });
    }
    // Ids are empty here, so assigning them keeps every entry in place.
    assign_ids(&mut entries);
    let article_urls = entries
        .iter()
        .zip(api_urls)
        .filter_map(|(e, u)| Some((e.id.clone(), u?)))
        .collect();
    Ok(JsonList {
        entries,
        article_urls,
    })
}

/// Reads one item's article API answer. `link` (the item's page) is the base for the
/// content's relative URLs.
pub(crate) fn scrape_json_article(
    text: &str,
    link: &Url,
    rules: &JsonArticle,
    tz: Tz,
) -> Result<super::Article, ScrapeError> {
    let doc = parse_lenient(text)?;
    let text_at = |p: &Option<JsonPath>| {
        p.as_ref()
            .and_then(|p| p.find(&doc))
            .and_then(scalar)
            .map(|t| clean_text(&html_to_text(&t)))
            .filter(|t| !t.is_empty())
    };
    Ok(super::Article {
        title: text_at(&rules.title),
        content: rules
            .content
            .as_ref()
            .and_then(|p| p.find(&doc))
            .and_then(scalar)
            .and_then(|h| sanitize_html(&super::lazy_images(&h), Some(link))),
        published: rules
            .date
            .as_ref()
            .and_then(|p| p.find(&doc))
            .and_then(|d| date_value(d, tz)),
        origin: text_at(&rules.source),
        zone_name: text_at(&rules.zone),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    fn path(s: &str) -> JsonPath {
        JsonPath::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn paths_and_templates() {
        let doc: Value = serde_json::json!({"data": {"list": [{"id": 7, "t": "x y"}]}});
        assert_eq!(
            path("data.list.0.id").find(&doc),
            Some(&serde_json::json!(7))
        );
        assert_eq!(path(".").find(&doc), Some(&doc));
        assert_eq!(path("data.nope").find(&doc), None);
        assert!(JsonPath::parse("data..list").is_err());
        assert!(JsonPath::parse("").is_err());
        let item = serde_json::json!({"id": 7, "t": "x y/z"});
        let link = JsonLink::parse("/detail.html?id={id}&t={t}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            link.value(&item).as_deref(),
            Some("/detail.html?id=7&t=x+y%2Fz")
        );
        assert_eq!(
            JsonLink::parse("/a/{b"),
            Err("\"/a/{b\": '{' without '}'".into())
        );
        assert!(JsonLink::parse("/a}/{b}").is_err());
        assert!(JsonLink::parse("/a/{}").is_err());
        assert_eq!(
            JsonLink::parse("/a/{x.0}").map(|l| l.value(&serde_json::json!({"x": ["q"]}))),
            Ok(Some("/a/q".into()))
        );
    }

    #[test]
    fn jsonp_and_script_assignments_are_read() {
        for text in [
            r#"jQuery1720_1({"list":[1]})"#,
            "var newsData = {\"list\":[1]};\nvar other = 2;",
            "\u{feff} {\"list\":[1]} ",
        ] {
            let v = parse_lenient(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(v["list"][0], 1, "{text}");
        }
        assert!(matches!(
            parse_lenient("<html>404</html>"),
            Err(ScrapeError::NotJson(_))
        ));
    }

    #[test]
    fn items_titles_links_dates_and_missing_paths() {
        let rules = JsonRules::Items(JsonFields {
            items: path("data.infolist"),
            title: path("title"),
            link: JsonLink::parse("link").ok(),
            date: Some(path("pubtime")),
            summary: Some(path("digest")),
            author: Some(path("source")),
            article: None,
        });
        let page = Url::parse("http://www.example.gov.cn/api/list?channel=5").ok();
        let page = page.as_ref().unwrap_or_else(|| unreachable!());
        let text = r#"{"data":{"infolist":[
            {"title":"<em>苏州</em>工业园区 &amp; 签约","link":"/a/1.html","pubtime":"2026-11-25 10:30:00","digest":"<p onclick=\"x()\">摘要</p>","source":"苏州日报"},
            {"title":"二","link":"https://other.example.cn/2.html","pubtime":1795573800000},
            {"title":"","link":null}
        ]}}"#;
        let e = scrape_json(text, page, &rules, Shanghai)
            .unwrap_or_else(|e| panic!("{e}"))
            .entries;
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].title, "苏州工业园区 & 签约");
        assert_eq!(
            e[0].link.as_deref(),
            Some("http://www.example.gov.cn/a/1.html")
        );
        assert_eq!(
            e[0].published.map(|d| d.to_rfc3339()),
            Some("2026-11-25T02:30:00+00:00".into())
        );
        assert_eq!(e[0].summary.as_deref(), Some("<p>摘要</p>"));
        assert_eq!(e[0].author.as_deref(), Some("苏州日报"));
        assert_eq!(
            e[1].published.map(|d| d.to_rfc3339()),
            Some("2026-11-25T02:30:00+00:00".into())
        );
        let err = scrape_json(r#"{"data":{"list":[]}}"#, page, &rules, Shanghai);
        assert_eq!(
            err.map(|l| l.entries.len()).map_err(|e| e.to_string()),
            Err("rule matches nothing: path \"data.infolist\" found no array in the JSON; at \"data\" the keys are: list".into()),
            "the message names what is there"
        );
        let err = scrape_json(r#"{"data":{"infolist":[{"t":1}]}}"#, page, &rules, Shanghai);
        assert!(
            matches!(err, Err(ScrapeError::JsonNoItems { count: 1, .. })),
            "{err:?}"
        );
        assert_eq!(
            scrape_json(r#"{"data":{"infolist":[]}}"#, page, &rules, Shanghai)
                .map(|l| l.entries.len())
                .ok(),
            Some(0),
            "an empty list is an answer, not a layout change"
        );
    }
}

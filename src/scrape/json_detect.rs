//! `[sources.json]` rules proposed for a JSON or JSONP list API nobody wrote rules for
//! (`zonefeed add`): the array of records, and title, link, date and 来源 mapped by key
//! names and by values (dates as text, epoch seconds or milliseconds; a link template over
//! the record's id when it has no link). Pure; verified with [`super::scrape_json`].

use chrono_tz::Tz;
use serde_json::Value;
use url::Url;

use super::{JsonFields, JsonLink, JsonPath, JsonRules, parse_lenient, scrape_json};
use crate::escape::toml_string;

/// Proposed `[sources.json]` keys and the rules they make.
#[derive(Debug, Clone)]
pub struct JsonProposal {
    pub keys: Vec<(String, String)>,
    pub rules: JsonRules,
    pub records: usize,
    pub dated: usize,
    pub jsonp: bool,
}

const TITLE_KEYS: [&str; 12] = [
    "title",
    "name",
    "bt",
    "biaoti",
    "articletitle",
    "doctitle",
    "infotitle",
    "newstitle",
    "subject",
    "maintitle",
    "contenttitle",
    "标题",
];
const LINK_KEYS: [&str; 10] = [
    "url",
    "link",
    "href",
    "docurl",
    "linkurl",
    "articleurl",
    "detailurl",
    "pageurl",
    "puburl",
    "path",
];
const DATE_KEYS: [&str; 14] = [
    "pubdate",
    "publishtime",
    "publishdate",
    "releasetime",
    "releasedate",
    "docpubtime",
    "createtime",
    "createdate",
    "addtime",
    "date",
    "time",
    "fbsj",
    "inputtime",
    "updatetime",
];
const SOURCE_KEYS: [&str; 6] = [
    "source",
    "laiyuan",
    "docsource",
    "origin",
    "sourcename",
    "author",
];
const ID_KEYS: [&str; 7] = [
    "id",
    "docid",
    "contentid",
    "articleid",
    "newsid",
    "infoid",
    "aid",
];

fn han(s: &str) -> usize {
    s.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

/// Arrays of objects anywhere in `v`, with their dotted paths.
fn arrays<'v>(v: &'v Value, path: &str, out: &mut Vec<(String, &'v Vec<Value>)>) {
    match v {
        Value::Array(a) => {
            if a.iter().filter(|x| x.is_object()).count() >= 3 {
                out.push((
                    if path.is_empty() {
                        ".".into()
                    } else {
                        path.into()
                    },
                    a,
                ));
            }
            if let Some(first) = a.first() {
                let p = if path.is_empty() {
                    "0".into()
                } else {
                    format!("{path}.0")
                };
                arrays(first, &p, out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                if k.contains('.') {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                arrays(x, &p, out);
            }
        }
        _ => {}
    }
}

/// The key of the records' objects best named like `names` (case and `_` ignored) whose
/// values pass `ok` in most records.
fn key_by_name(records: &[Value], names: &[&str], ok: impl Fn(&Value) -> bool) -> Option<String> {
    let first = records.iter().find_map(Value::as_object)?;
    let norm = |k: &str| k.to_ascii_lowercase().replace(['_', '-'], "");
    for want in names {
        for k in first.keys() {
            if norm(k) == *want {
                let good = records.iter().filter(|r| r.get(k).is_some_and(&ok)).count();
                if good * 5 >= records.len() * 4 {
                    return Some(k.clone());
                }
            }
        }
    }
    None
}

/// The key whose values pass `ok` in most records, by the score `rank` gives a value.
fn key_by_value(records: &[Value], rank: impl Fn(&Value) -> usize) -> Option<String> {
    let first = records.iter().find_map(Value::as_object)?;
    first
        .keys()
        .map(|k| {
            let total: usize = records.iter().filter_map(|r| r.get(k)).map(&rank).sum();
            let hits = records
                .iter()
                .filter(|r| r.get(k).is_some_and(|v| rank(v) > 0))
                .count();
            (k, total, hits)
        })
        .filter(|(_, _, hits)| hits * 5 >= records.len() * 4)
        .max_by_key(|(_, total, _)| *total)
        .map(|(k, _, _)| k.clone())
}

fn is_title(v: &Value) -> bool {
    v.as_str().is_some_and(|s| han(s) >= 4)
}

fn is_link(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let s = s.trim();
        (s.starts_with("http") || s.starts_with('/') || s.starts_with("./") || s.contains(".htm"))
            && !s.contains(' ')
            && !s.ends_with(".jpg")
            && !s.ends_with(".png")
    })
}

fn is_date(v: &Value, tz: Tz) -> bool {
    match v {
        Value::Number(n) => n.as_i64().is_some_and(|n| {
            (1_000_000_000..4_000_000_000).contains(&n)
                || (1_000_000_000_000..4_000_000_000_000).contains(&n)
        }),
        Value::String(s) => super::find_date(s, tz).is_some(),
        _ => false,
    }
}

/// Rules for the list in a JSON (or JSONP) document; `caller` is the page that calls the
/// API (its HTML and address), searched for the detail address when records carry only an
/// id.
pub fn propose_json(
    text: &str,
    page: &Url,
    caller: Option<(&str, &Url)>,
    tz: Tz,
) -> Option<JsonProposal> {
    let doc = parse_lenient(text).ok()?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let jsonp = !(trimmed.starts_with('{') || trimmed.starts_with('['));
    let mut found = Vec::new();
    arrays(&doc, "", &mut found);
    let mut best: Option<JsonProposal> = None;
    for (path, records) in found {
        let records: Vec<Value> = records.iter().filter(|r| r.is_object()).cloned().collect();
        let Some(title) = key_by_name(&records, &TITLE_KEYS, is_title).or_else(|| {
            key_by_value(&records, |v| {
                if is_title(v) {
                    han(v.as_str().unwrap_or("")).min(40)
                } else {
                    0
                }
            })
        }) else {
            continue;
        };
        let link = key_by_name(&records, &LINK_KEYS, is_link)
            .or_else(|| key_by_value(&records, |v| usize::from(is_link(v))))
            .map(|k| k.to_string());
        let link_template = match &link {
            Some(_) => None,
            None => {
                let id = key_by_name(&records, &ID_KEYS, |v| v.is_number() || v.is_string());
                id.and_then(|id| {
                    let (html, at) = caller?;
                    template(html, at, page, &id)
                })
            }
        };
        let date = key_by_name(&records, &DATE_KEYS, |v| is_date(v, tz))
            .or_else(|| key_by_value(&records, |v| usize::from(is_date(v, tz))));
        let source = key_by_name(&records, &SOURCE_KEYS, |v| {
            v.as_str().is_some_and(|s| han(s) >= 2)
        });
        let mut keys = vec![
            ("items".to_string(), toml_string(&path)),
            ("title".to_string(), toml_string(&title)),
        ];
        if let Some(l) = link.as_ref().or(link_template.as_ref()) {
            keys.push(("link".into(), toml_string(l)));
        }
        if let Some(d) = &date {
            keys.push(("date".into(), toml_string(d)));
        }
        if let Some(s) = &source {
            keys.push(("author".into(), toml_string(s)));
        }
        let fields = JsonFields {
            items: JsonPath::parse(&path).ok()?,
            title: JsonPath::parse(&title).ok()?,
            link: match link.as_ref().or(link_template.as_ref()) {
                Some(l) => Some(JsonLink::parse(l).ok()?),
                None => None,
            },
            date: date.as_deref().and_then(|d| JsonPath::parse(d).ok()),
            summary: None,
            author: source.as_deref().and_then(|s| JsonPath::parse(s).ok()),
            article: None,
        };
        let rules = JsonRules::Items(fields);
        let Ok(list) = scrape_json(text, page, &rules, tz) else {
            continue;
        };
        let good = list
            .entries
            .iter()
            .filter(|e| e.link.is_some() && han(&e.title) >= 4)
            .count();
        let dated = list
            .entries
            .iter()
            .filter(|e| e.published.is_some())
            .count();
        if good < 3 || best.as_ref().is_some_and(|b| b.records >= good) {
            continue;
        }
        best = Some(JsonProposal {
            keys,
            rules,
            records: good,
            dated,
            jsonp,
        });
    }
    best
}

/// Why no rules were proposed, when the records have titles and an id but no link: the
/// detail address is built by the page that calls the API, so `add` needs that page.
pub fn why_no_links(text: &str) -> Option<String> {
    let doc = parse_lenient(text).ok()?;
    let mut found = Vec::new();
    arrays(&doc, "", &mut found);
    found.into_iter().find_map(|(path, records)| {
        let records: Vec<Value> = records.iter().filter(|r| r.is_object()).cloned().collect();
        key_by_name(&records, &TITLE_KEYS, is_title)?;
        if key_by_name(&records, &LINK_KEYS, is_link).is_some() {
            return None;
        }
        let id = key_by_name(&records, &ID_KEYS, |v| v.is_number() || v.is_string())?;
        Some(format!(
            "the records at {path:?} have titles and an id ({id:?}) but no link: the detail address is built by the page that calls this API; run `zonefeed add` on that page"
        ))
    })
}

/// A detail address the calling page (at `at`) builds from an id (`'/news/detail?id=' +
/// item.id`, `"detail.html?contentId="+id`), as a template over the record's `id` key,
/// made absolute against the page unless it is root-relative on the API's own site.
fn template(html: &str, at: &Url, api: &Url, id: &str) -> Option<String> {
    let re = regex::Regex::new(r#"['"]([^'"\s]*[?&/][A-Za-z_]*(?:[iI]d|ID)=?)['"]\s*\+"#).ok()?;
    let c = re.captures(html)?;
    let base = c.get(1)?.as_str();
    // Root-relative on the API's own site stays as written; else absolute.
    let base = if base.starts_with('/') && !base.starts_with("//") && at.origin() == api.origin() {
        base.to_string()
    } else {
        at.join(base).ok()?.to_string()
    };
    Some(format!("{base}{{{id}}}"))
}

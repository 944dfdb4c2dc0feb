//! An article page's title, date, 来源 and body as `[sources.article]` rules, each kept only
//! when it reads every sample page: the body as readability finds it (paragraph text
//! scoring its parent), the title as the element holding the list's title or the CMS's
//! meta tag, dates and 来源 by the built-in labels or `<meta>`.

use std::collections::HashMap;

use chrono_tz::Tz;
use scraper::{ElementRef, Html};
use url::Url;

use super::{
    ArticleProposal, chars, date_regex, doc_of, han, names_of, sel, signature, toml_value,
};
use crate::escape::toml_string;
use crate::scrape::{ArticleRules, Field, Sel, text_of};

/// Meta tags CMSs put the date, 来源 and title in.
const META_DATE: [&str; 6] = [
    "PubDate",
    "pubdate",
    "publishdate",
    "article:published_time",
    "og:release_date",
    "firstpublishedtime",
];
const META_SOURCE: [&str; 3] = ["ContentSource", "source", "contentsource"];
const META_TITLE: [&str; 2] = ["ArticleTitle", "articletitle"];

fn meta_selector(doc: &Html, names: &[&str]) -> Option<String> {
    for n in names {
        for attr in ["name", "property"] {
            let s = format!("meta[{attr}='{n}']");
            if let Some(x) = sel(&s)
                && doc
                    .select(&x)
                    .next()
                    .and_then(|e| e.value().attr("content"))
                    .is_some_and(|c| !c.trim().is_empty())
            {
                return Some(s);
            }
        }
    }
    None
}

/// The element holding an article's body, as readability does: each paragraph's text
/// (links left out) scores its parent, and half of it its grandparent; the best wins.
/// Paragraphs are `<p>`, or text-holding `<div>`s and `<td>`s without block children.
fn body_element(doc: &Html) -> Option<ElementRef<'_>> {
    let body = doc.select(&sel("body")?).next()?;
    let a = sel("a")?;
    let mut scores: HashMap<ego_id::Id, (usize, ElementRef<'_>)> = HashMap::new();
    for e in body.descendants().filter_map(ElementRef::wrap) {
        let name = e.value().name();
        let para = name == "p"
            || (matches!(name, "div" | "td" | "section" | "font" | "span")
                && !e.children().filter_map(ElementRef::wrap).any(|c| {
                    matches!(
                        c.value().name(),
                        "div" | "p" | "table" | "ul" | "section" | "td"
                    )
                }));
        // Menus and link boxes (友情链接 in a <select>) are no paragraphs.
        let boxed = e.descendants().filter_map(ElementRef::wrap).any(|c| {
            matches!(
                c.value().name(),
                "select" | "option" | "ul" | "ol" | "li" | "form" | "input" | "button"
            )
        });
        if boxed {
            continue;
        }
        if !para {
            continue;
        }
        let all = han(&text_of(e));
        let links: usize = e.select(&a).map(|x| han(&text_of(x))).sum();
        let len = all.saturating_sub(links * 2);
        if len < 12 {
            continue;
        }
        if let Some(parent) = e.parent().and_then(ElementRef::wrap) {
            // A <p> is the body's child; a bare text <div> may be the body itself.
            let (target, rest) = if name == "p" {
                (parent, parent.parent().and_then(ElementRef::wrap))
            } else {
                (e, Some(parent))
            };
            scores.entry(ego_id::of(target)).or_insert((0, target)).0 += len;
            if let Some(g) = rest {
                scores.entry(ego_id::of(g)).or_insert((0, g)).0 += len / 2;
            }
        }
    }
    scores.into_values().max_by_key(|(s, _)| *s).map(|(_, e)| e)
}

/// Node ids as hashable keys without naming ego_tree's type.
mod ego_id {
    use scraper::ElementRef;
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct Id(usize);
    pub fn of(e: ElementRef<'_>) -> Id {
        // The node's address in the tree is stable while the document lives.
        Id(std::ptr::from_ref(e.value()) as usize)
    }
}

/// The element holding the title on an article page: the smallest one whose text is the
/// list's title (or begins with it, a list cuts titles short), not the <title> or a link.
fn title_element<'a>(doc: &'a Html, want: &str) -> Option<ElementRef<'a>> {
    let norm = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let want = norm(want.trim_end_matches(['…', '.']));
    if han(&want) < 4 {
        return None;
    }
    let body = doc.select(&sel("body")?).next()?;
    let mut best: Option<(usize, ElementRef<'a>)> = None;
    for e in body.descendants().filter_map(ElementRef::wrap) {
        if matches!(e.value().name(), "a" | "title" | "script" | "li" | "option") {
            continue;
        }
        let t = norm(&text_of(e));
        if t.starts_with(&want) && chars(&t) <= chars(&want) + 40 {
            let n = chars(&t);
            if best.is_none_or(|(b, _)| n <= b) {
                best = Some((n, e));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// `[sources.article]` rules for a site, from two or three of its article pages (HTML, page
/// URL, the title the list gave): each rule kept only when it reads every page.
pub fn propose_article(pages: &[(String, Url, String)], tz: Tz) -> Option<ArticleProposal> {
    if pages.is_empty() {
        return None;
    }
    let docs: Vec<Html> = pages.iter().map(|(h, _, _)| doc_of(h)).collect();
    let mut keys: Vec<(String, String)> = Vec::new();
    // Body: a selector whose first match is the body element on every page, or holds it
    // with little else (a wrapper around the text and its images).
    let mut content: Option<String> = None;
    if let Some(first) = body_element(&docs[0]) {
        let mut names = names_of(first);
        for (depth, anc) in first
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(5)
            .enumerate()
        {
            for an in names_of(anc).into_iter().filter(|n| n.contains(['#', '.'])) {
                if depth == 0 {
                    names.push(format!("{an} > {}", first.value().name()));
                    names.push(format!("{an} > {}", signature(first)));
                } else {
                    names.push(format!("{an} {}", signature(first)));
                }
            }
        }
        names.retain(|n| n.contains(['#', '.']));
        for name in names {
            let Some(x) = sel(&name) else { continue };
            let ok = docs.iter().all(|d| {
                let (Some(m), Some(b)) = (d.select(&x).next(), body_element(d)) else {
                    return false;
                };
                let holds = ego_id::of(m) == ego_id::of(b)
                    || b.ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|a| ego_id::of(a) == ego_id::of(m));
                holds && han(&text_of(m)) * 10 <= han(&text_of(b)) * 13
            });
            if ok {
                content = Some(name);
                break;
            }
        }
    }
    if let Some(c) = &content {
        keys.push(("content".into(), toml_string(c)));
    }
    // Title: the meta tag CMSs fill, else the element holding the list's title on the
    // first page, named so that it reads the list's title on every page.
    let norm = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let mut title_key: Option<(String, Option<&str>)> = None;
    if let Some(m) = meta_selector(&docs[0], &META_TITLE) {
        title_key = Some((m, Some("content")));
    } else if let Some(t) = title_element(&docs[0], &pages[0].2) {
        for name in names_of(t) {
            let Some(s) = sel(&name) else { continue };
            let all = docs.iter().zip(pages).all(|(d, (_, _, want))| {
                let want = norm(want.trim_end_matches(['…', '.']));
                d.select(&s)
                    .next()
                    .is_some_and(|e| !want.is_empty() && norm(&text_of(e)).starts_with(&want))
            });
            if all {
                title_key = Some((name, None));
                break;
            }
        }
    }
    if let Some((t, attr)) = &title_key {
        keys.push(("title".into(), toml_string(t)));
        if let Some(a) = attr {
            keys.push(("title_attr".into(), toml_string(a)));
        }
    }
    // Date and 来源: the built-in patterns (发布时间：…, 来源：…) when they read every page;
    // else the CMS's meta tags.
    let defaults = ArticleRules {
        content: None,
        title: Field::default(),
        date: Field {
            regex: regex::Regex::new(crate::scrape::DEFAULT_ARTICLE_DATE).ok(),
            ..Field::default()
        },
        source: Field {
            regex: regex::Regex::new(crate::scrape::DEFAULT_ARTICLE_SOURCE).ok(),
            ..Field::default()
        },
        zone: Field::default(),
        max_per_poll: 20,
    };
    let read: Vec<crate::scrape::Article> = pages
        .iter()
        .map(|(h, u, _)| crate::scrape::scrape_article(h, u, &defaults, tz))
        .collect();
    if !read.iter().all(|a| a.published.is_some()) {
        if let Some(m) = meta_selector(&docs[0], &META_DATE) {
            keys.push(("date".into(), toml_string(&m)));
            keys.push(("date_attr".into(), toml_string("content")));
        } else if let Some(s) = date_near_title(&docs, title_key.as_ref().map(|t| t.0.as_str())) {
            keys.push(("date".into(), toml_string(&s)));
        }
    }
    if !read.iter().all(|a| a.origin.is_some())
        && let Some(m) = meta_selector(&docs[0], &META_SOURCE)
    {
        keys.push(("source".into(), toml_string(&m)));
        keys.push(("source_attr".into(), toml_string("content")));
    }
    let rules = article_rules_from_keys(&keys)?;
    Some(ArticleProposal { keys, rules })
}

/// A selector for the element holding a date after the title, the same on every page.
fn date_near_title(docs: &[Html], title: Option<&str>) -> Option<String> {
    let first = &docs[0];
    let body = first.select(&sel("body")?).next()?;
    let start = title
        .and_then(sel)
        .and_then(|s| first.select(&s).next())
        .map(|e| e.id());
    let mut after = start.is_none();
    for e in body.descendants().filter_map(ElementRef::wrap) {
        if Some(e.id()) == start {
            after = true;
            continue;
        }
        if !after {
            continue;
        }
        let t = text_of(e);
        if chars(&t) <= 80
            && date_regex().is_match(&t)
            && e.children()
                .filter_map(ElementRef::wrap)
                .all(|c| !date_regex().is_match(&text_of(c)))
        {
            for name in names_of(e).into_iter().filter(|n| n.contains(['#', '.'])) {
                if docs.iter().all(|d| {
                    sel(&name)
                        .and_then(|s| d.select(&s).next())
                        .is_some_and(|x| date_regex().is_match(&text_of(x)))
                }) {
                    return Some(name);
                }
            }
            return None;
        }
    }
    None
}

/// ArticleRules from proposed keys, with the built-in patterns where a key is absent.
pub fn article_rules_from_keys(keys: &[(String, String)]) -> Option<ArticleRules> {
    let get = |k: &str| {
        keys.iter()
            .find(|(x, _)| x == k)
            .and_then(|(_, v)| toml_value(v))
    };
    let field = |k: &str, default: Option<&str>| -> Option<Field> {
        let selector = match get(k) {
            Some(s) => Some(Sel::parse(&s).ok()?),
            None => None,
        };
        let label = selector
            .is_some()
            .then(|| default.and_then(|d| regex::Regex::new(d).ok()))
            .flatten();
        Some(Field {
            regex: if selector.is_none() {
                default.and_then(|d| regex::Regex::new(d).ok())
            } else {
                None
            },
            selector,
            attr: get(&format!("{k}_attr")),
            label,
        })
    };
    Some(ArticleRules {
        content: match get("content") {
            Some(s) => Some(Sel::parse(&s).ok()?),
            None => None,
        },
        title: field("title", None)?,
        date: field("date", Some(crate::scrape::DEFAULT_ARTICLE_DATE))?,
        source: field("source", Some(crate::scrape::DEFAULT_ARTICLE_SOURCE))?,
        zone: field("zone", Some(crate::scrape::DEFAULT_ARTICLE_ZONE))?,
        max_per_poll: 20,
    })
}

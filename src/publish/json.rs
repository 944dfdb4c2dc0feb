//! JSON Feed 1.1.
//!
//! Invariant: a pure function of the config, the feed and its prepared items; fields are
//! written in name order, as earlier versions wrote them, so the bytes do not change.

use anyhow::Result;

use super::meta::{FeedMeta, Prepared, feed_url, page_url, source_of};
use crate::config::Config;

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Fields are declared in name order:
/// the output matches what earlier versions wrote through `serde_json::Value`.
pub(super) fn render(config: &Config, meta: &FeedMeta, items: &[&Prepared]) -> Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Feed<'a> {
        description: &'a str,
        feed_url: String,
        home_page_url: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        hubs: Vec<Hub<'a>>,
        items: Vec<JsonItem<'a>>,
        language: &'static str,
        title: &'a str,
        version: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Author<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }
    #[derive(serde::Serialize)]
    struct Hub<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        url: &'a str,
    }
    /// A story's copies (JSON Feed extensions start with `_`; readers ignore what they do
    /// not know).
    #[derive(serde::Serialize)]
    struct Ext<'a> {
        copies: Vec<CopyJson<'a>>,
    }
    #[derive(serde::Serialize)]
    struct CopyJson<'a> {
        date_published: String,
        source: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct JsonItem<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        _zonefeed: Option<Ext<'a>>,
        authors: [Author<'a>; 1],
        content_html: std::borrow::Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        date_modified: Option<String>,
        date_published: String,
        id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        tags: Vec<&'a str>,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    let tz = config.service.timezone;
    // No feed-level author: JSON Feed items without authors inherit it, as in Atom; each
    // item names its own 来源, else the source that carried it.
    let home = page_url(config, &meta.key);
    let feed = Feed {
        description: &meta.description,
        feed_url: feed_url(config, &meta.key.stem(), "json"),
        home_page_url: &home,
        hubs: config
            .service
            .hubs
            .iter()
            .map(|h| Hub {
                kind: "WebSub",
                url: h.as_str(),
            })
            .collect(),
        items: items
            .iter()
            .map(|p| {
                let item = p.item;
                JsonItem {
                    _zonefeed: (!p.copies.is_empty()).then(|| Ext {
                        copies: p
                            .copies
                            .iter()
                            .map(|c| CopyJson {
                                date_published: c.item.published.with_timezone(&tz).to_rfc3339(),
                                source: &c.source,
                                title: &c.item.title,
                                url: c.item.link.as_deref(),
                            })
                            .collect(),
                    }),
                    authors: {
                        let name = super::meta::author_shown(config, item);
                        // The source's URL only when the credit is the source itself.
                        let url = match item.author.as_deref().map(str::trim) {
                            Some(a) if !a.is_empty() => None,
                            _ => source_of(config, item).1,
                        };
                        [Author { name, url }]
                    },
                    // content_html or content_text is required; fall back to the title.
                    content_html: match (
                        item.content.as_deref().or(item.summary.as_deref()),
                        &p.credits,
                    ) {
                        (Some(html), None) => html.into(),
                        (Some(html), Some(_)) => p.with_credits(html).into(),
                        (None, None) => html_escape::encode_text(&item.title),
                        (None, Some(c)) => {
                            format!("{}{c}", html_escape::encode_text(&item.title)).into()
                        }
                    },
                    date_modified: p.first.updated.map(|u| u.with_timezone(&tz).to_rfc3339()),
                    date_published: p.first.published.with_timezone(&tz).to_rfc3339(),
                    id: &p.uuid,
                    summary: item.summary.as_deref().map(crate::parse::html_to_text),
                    tags: p
                        .tags
                        .iter()
                        .map(|t| t.label.as_str())
                        .chain(item.categories.iter().map(String::as_str))
                        .collect(),
                    title: &item.title,
                    url: item.link.as_deref(),
                }
            })
            .collect(),
        language: "zh-CN",
        title: &meta.title,
        version: "https://jsonfeed.org/version/1.1",
    };
    let mut out = Vec::with_capacity(16 * 1024);
    serde_json::to_writer_pretty(&mut out, &feed)?;
    out.push(b'\n');
    Ok(out)
}

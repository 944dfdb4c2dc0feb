//! Atom 1.0 (RFC 4287).
//!
//! Invariant: a pure function of the config, the feed and its prepared items; every entry
//! has an alternate link or content (RFC 4287 4.1.2) and an author of its own, so the feed
//! needs none (4.1.1). A feed-level author would be inherited by every entry without one
//! (4.2.1): readers showed half the news as written by "zonefeed". The software is named in
//! `<generator>`.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use super::meta::{FeedMeta, Prepared, SourceShown, feed_url, page_url, urn_uuid};
use crate::config::Config;

pub(super) fn render(
    config: &Config,
    meta: &FeedMeta,
    items: &[&Prepared],
    updated: DateTime<Utc>,
) -> Result<Vec<u8>> {
    use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Source, Text};
    let tz = config.service.timezone;
    let fixed = |t: DateTime<Utc>| t.with_timezone(&tz).fixed_offset();
    let stem = meta.key.stem();
    let mut feed = Feed {
        title: Text::plain(meta.title.clone()),
        id: urn_uuid(&format!("zonefeed feed\0{stem}")),
        updated: fixed(updated),
        subtitle: Some(Text::plain(meta.description.clone())),
        generator: Some(Generator {
            value: "zonefeed".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            ..Default::default()
        }),
        links: vec![
            Link {
                href: page_url(config, &meta.key),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
            Link {
                href: feed_url(config, &stem, "atom"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: feed_url(config, &stem, "rss"),
                rel: "alternate".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            },
        ],
        lang: Some("zh-CN".into()),
        ..Default::default()
    };
    feed.links.extend(config.service.hubs.iter().map(|h| Link {
        href: h.to_string(),
        rel: "hub".into(),
        ..Default::default()
    }));
    for p in items {
        let item = p.item;
        let mut categories: Vec<Category> = p
            .tags
            .iter()
            .map(|t| Category {
                term: t.term.clone(),
                scheme: Some(t.scheme.clone()),
                label: Some(t.label.clone()),
            })
            .collect();
        categories.extend(item.categories.iter().map(|c| Category {
            term: c.clone(),
            ..Default::default()
        }));
        let mut links = Vec::new();
        if let Some(l) = &item.link {
            links.push(Link {
                href: l.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            });
        }
        // A story's other copies (RFC 4287 4.2.7.2: "related"), each titled with its source
        // and time; the alternate link stays the primary copy's.
        for (href, title) in super::story::related(p) {
            links.push(Link {
                href: href.to_string(),
                rel: "related".into(),
                mime_type: Some("text/html".into()),
                title: Some(title),
                ..Default::default()
            });
        }
        // RFC 4287 4.1.2: an entry without an alternate link must carry content.
        let content_html = item.content.clone().or_else(|| {
            item.link.is_none().then(|| {
                item.summary
                    .clone()
                    .unwrap_or_else(|| html_escape::encode_text(&item.title).into_owned())
            })
        });
        // The credits go in the text readers show: the summary and the content, or a
        // summary of their own when the entry has neither.
        let summary = match (&item.summary, &content_html) {
            (Some(s), _) => Some(p.with_credits(s)),
            (None, None) => p.credits.clone(),
            (None, Some(_)) => None,
        };
        let content_html = content_html.map(|c| p.with_credits(&c));
        feed.entries.push(Entry {
            title: Text::plain(if item.title.is_empty() {
                "（无标题）".to_string()
            } else {
                item.title.clone()
            }),
            id: p.uuid.clone(),
            updated: fixed(p.updated()),
            published: Some(fixed(p.first.published)),
            // The item's own author (来源, e.g. 南通日报), else the source that carried it.
            authors: vec![Person {
                name: super::meta::author_shown(config, item).to_string(),
                ..Default::default()
            }],
            // Where zonefeed read it, as RSS's dc:source says.
            source: source_element(config, item).map(|s| Source {
                title: Text::plain(s.title),
                id: s.id,
                updated: fixed(s.updated),
                links: s
                    .link
                    .map(|(href, rel)| {
                        vec![Link {
                            href,
                            rel: rel.into(),
                            ..Default::default()
                        }]
                    })
                    .unwrap_or_default(),
                ..Default::default()
            }),
            links,
            categories,
            summary: summary.map(Text::html),
            content: content_html.map(|html| Content {
                value: Some(html),
                content_type: Some("html".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    let mut out = Vec::with_capacity(16 * 1024);
    feed.write_with_config(
        &mut out,
        atom_syndication::WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        },
    )
    .context("cannot render Atom")?;
    out.push(b'\n');
    Ok(out)
}

/// The entry's `<source>` (RFC 4287 4.2.11): the feed the item was read from. Its
/// `atom:id` must be a non-empty IRI (4.2.6; the W3C validator flags an empty one) and its
/// `atom:updated` a real time, so an element that could only be filled with defaults is
/// left out instead.
fn source_element(config: &Config, item: &crate::model::Item) -> Option<SourceShown> {
    let s = config.source(&item.source)?;
    Some(SourceShown::of(s, item))
}

//! RSS 2.0 with the Atom (`self`, `hub`) and Dublin Core (creator, source) extensions.
//!
//! Invariant: a pure function of the config, the feed and its prepared items: the channel's
//! dates are the feed's `updated`, never the clock.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use super::meta::{FeedMeta, Prepared, feed_url, page_url};
use crate::config::Config;

pub(super) fn render(
    config: &Config,
    meta: &FeedMeta,
    items: &[&Prepared],
    updated: DateTime<Utc>,
) -> Result<Vec<u8>> {
    use rss::extension::atom::{AtomExtension, Link};
    let tz = config.service.timezone;
    let stem = meta.key.stem();
    let self_url = feed_url(config, &stem, "rss");
    let mut channel = rss::Channel {
        title: meta.title.clone(),
        link: page_url(config, &meta.key),
        description: meta.description.clone(),
        language: Some("zh-CN".into()),
        generator: Some(format!("zonefeed {}", env!("CARGO_PKG_VERSION"))),
        last_build_date: Some(updated.with_timezone(&tz).to_rfc2822()),
        pub_date: Some(updated.with_timezone(&tz).to_rfc2822()),
        ttl: Some((config.poll.interval.as_secs() / 60).max(1).to_string()),
        ..Default::default()
    };
    let mut atom_links = vec![Link {
        href: self_url,
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Default::default()
    }];
    atom_links.extend(config.service.hubs.iter().map(|h| Link {
        href: h.to_string(),
        rel: "hub".into(),
        ..Default::default()
    }));
    channel.atom_ext = Some(AtomExtension { links: atom_links });
    for p in items {
        let item = p.item;
        let mut categories: Vec<rss::Category> = p
            .tags
            .iter()
            .map(|t| rss::Category {
                name: t.label.clone(),
                domain: Some(t.scheme.clone()),
            })
            .collect();
        categories.extend(item.categories.iter().map(|c| rss::Category {
            name: c.clone(),
            domain: None,
        }));
        let description = item
            .summary
            .clone()
            .or_else(|| item.content.clone())
            .or_else(|| {
                item.link
                    .is_none()
                    .then(|| html_escape::encode_text(&item.title).into_owned())
            });
        let description = description
            .map(|d| p.with_credits(&d))
            .or_else(|| p.credits.clone());
        // The same credit as Atom's author and JSON Feed's authors: the item's 来源, else
        // the source that carried it.
        let mut dc = rss::extension::dublincore::DublinCoreExtension {
            creators: vec![super::meta::author_shown(config, item).to_string()],
            ..Default::default()
        };
        if let Some(s) = config.source(&item.source) {
            dc.sources = vec![s.name.clone().unwrap_or_else(|| s.id.clone())];
        }
        channel.items.push(rss::Item {
            title: Some(item.title.clone())
                .filter(|t| !t.is_empty())
                .or_else(|| description.is_none().then(|| "（无标题）".to_string())),
            link: item.link.clone(),
            description,
            content: item
                .content
                .as_deref()
                .filter(|_| item.summary.is_some())
                .map(|c| p.with_credits(c)),
            pub_date: Some(p.first.published.with_timezone(&tz).to_rfc2822()),
            guid: Some(rss::Guid {
                value: p.uuid.clone(),
                permalink: false,
            }),
            categories,
            dublin_core_ext: Some(dc),
            // A story's other copies, as atom:link rel="related" (RSS has one link per item).
            atom_ext: {
                let related = super::story::related(p);
                (!related.is_empty()).then(|| AtomExtension {
                    links: related
                        .into_iter()
                        .map(|(href, title)| Link {
                            href: href.to_string(),
                            rel: "related".into(),
                            mime_type: Some("text/html".into()),
                            title: Some(title),
                            ..Default::default()
                        })
                        .collect(),
                })
            },
            ..Default::default()
        });
    }
    let mut out = Vec::with_capacity(16 * 1024);
    channel
        .pretty_write_to(&mut out, b' ', 2)
        .context("cannot render RSS")?;
    out.push(b'\n');
    Ok(out)
}

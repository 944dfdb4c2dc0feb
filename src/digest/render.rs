//! Digest messages from the admin's minijinja templates in `templates_dir`: the view they
//! render (items grouped by region and zone, feed links, the unsubscribe link), and the
//! check that loads and test-renders every template.
//!
//! Invariants: templates are strict (an undefined variable is an error, reported as
//! `file:line: …`); a subject is one line, so neither a template nor an item title can
//! add a header.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::{Config, Subscription};
use crate::model::Item;
use crate::parse::html_to_text;

pub const TEMPLATE_HTML: &str = "digest.html";
pub const TEMPLATE_TEXT: &str = "digest.txt";
pub const TEMPLATE_SUBJECT: &str = "digest.subject.txt";

/// A rendered message (for preview and for sending).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Serialize)]
struct ItemView {
    title: String,
    link: Option<String>,
    time: String,
    source: String,
    summary: String,
    /// Every copy of the item's story (empty for an item alone), first seen first.
    copies: Vec<CopyView>,
}

/// One copy of a story: where it appeared, when, and its link.
#[derive(Serialize)]
struct CopyView {
    source: String,
    time: String,
    link: Option<String>,
}

#[derive(Serialize)]
struct GroupView {
    region: String,
    zone: Option<String>,
    heading: String,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct FeedLink {
    name: String,
    url: String,
}

#[derive(Serialize)]
pub(super) struct DigestView {
    name: String,
    email: String,
    subscription: String,
    period_start: String,
    period_end: String,
    date: String,
    count: usize,
    more: usize,
    groups: Vec<GroupView>,
    feeds: Vec<FeedLink>,
    unsubscribe_url: String,
    /// Readers who signed up themselves: their signed manage link (None for
    /// `[[subscriptions]]`, whose choices are the admin's).
    pub(super) manage_url: Option<String>,
}

pub(crate) fn env(config: &Config) -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(&config.service.templates_dir));
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env
}

fn plain_excerpt(item: &Item, max_chars: usize) -> String {
    let text = item
        .summary
        .as_deref()
        .or(item.content.as_deref())
        .map(html_to_text)
        .unwrap_or_default();
    if text.chars().count() <= max_chars {
        text
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{cut}…")
    }
}

/// The source name a digest shows for an item.
fn source_name(config: &Config, item: &Item) -> String {
    config
        .source(&item.source)
        .and_then(|s| s.name.clone())
        .unwrap_or_else(|| item.source.clone())
}

/// `items`: each entry's item (a story's primary copy) and the story's copies (empty for
/// an item alone).
pub(super) fn view(
    config: &Config,
    sub: &Subscription,
    items: &[(Item, Vec<Item>)],
    more: usize,
    period: (DateTime<Utc>, DateTime<Utc>),
    unsubscribe_url: String,
) -> DigestView {
    let tz = sub.timezone;
    let mut groups: BTreeMap<(String, String), GroupView> = BTreeMap::new();
    for (item, copies) in items {
        let region_path = config.region_path(&item.region);
        let zone_name = item
            .zone
            .as_deref()
            .and_then(|z| config.zone(z))
            .map(|z| z.name.clone());
        let heading = match &zone_name {
            Some(z) => format!("{region_path} · {z}"),
            None => region_path.clone(),
        };
        let g = groups
            .entry((region_path.clone(), zone_name.clone().unwrap_or_default()))
            .or_insert_with(|| GroupView {
                region: region_path,
                zone: zone_name,
                heading,
                items: Vec::new(),
            });
        let source = source_name(config, item);
        let source = match &item.author {
            Some(a) if !source.contains(a.as_str()) => format!("{source} · {a}"),
            _ => source,
        };
        g.items.push(ItemView {
            title: item.title.clone(),
            link: item.link.clone(),
            time: item
                .published
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            source,
            summary: plain_excerpt(item, 160),
            copies: copies
                .iter()
                .map(|c| CopyView {
                    source: source_name(config, c),
                    time: c
                        .published
                        .with_timezone(&tz)
                        .format("%m-%d %H:%M")
                        .to_string(),
                    link: c.link.clone(),
                })
                .collect(),
        });
    }
    let mut feeds = Vec::new();
    for r in &sub.regions {
        if let Some(region) = config.region(r) {
            feeds.push(FeedLink {
                name: region.name.clone(),
                url: format!("{}regions/{}.atom", config.service.base_url, region.id),
            });
        }
    }
    for z in &sub.zones {
        if let Some(zone) = config.zone(z) {
            feeds.push(FeedLink {
                name: zone.name.clone(),
                url: format!("{}zones/{}.atom", config.service.base_url, zone.id),
            });
        }
    }
    DigestView {
        name: sub.name.clone().unwrap_or_else(|| sub.email.clone()),
        email: sub.email.clone(),
        subscription: sub.id.clone(),
        period_start: period
            .0
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        period_end: period
            .1
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        date: period.1.with_timezone(&tz).format("%Y-%m-%d").to_string(),
        count: items.len(),
        more,
        groups: groups.into_values().collect(),
        feeds,
        unsubscribe_url,
        manage_url: None,
    }
}

pub(super) fn render_view(
    config: &Config,
    env: &minijinja::Environment<'_>,
    v: &DigestView,
) -> Result<Rendered> {
    let ctx = minijinja::Value::from(minijinja::value::Serde(v));
    let render = |name: &str| -> Result<String> {
        env.get_template(name)
            .and_then(|t| t.render(&ctx))
            .map_err(|e| anyhow::anyhow!(template_error(config, name, &e)))
    };
    let subject = render(TEMPLATE_SUBJECT)?;
    // A subject is one line: a template (or an item title) must not smuggle in headers.
    let subject = subject
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Rendered {
        subject,
        text: render(TEMPLATE_TEXT)?,
        html: render(TEMPLATE_HTML)?,
    })
}

pub(crate) fn template_error(config: &Config, name: &str, e: &minijinja::Error) -> String {
    let path = config.service.templates_dir.join(e.name().unwrap_or(name));
    match e.line() {
        Some(line) => format!(
            "{}:{line}: {}{}",
            path.display(),
            e.kind(),
            e.detail().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        None => format!(
            "{}: {}{}",
            path.display(),
            e.kind(),
            e.detail().map(|d| format!(": {d}")).unwrap_or_default()
        ),
    }
}

/// Loads and test-renders every template; one message per problem (`file:line: …`).
pub fn check_templates(config: &Config) -> Vec<String> {
    let dir = &config.service.templates_dir;
    let mut problems = Vec::new();
    for name in [TEMPLATE_SUBJECT, TEMPLATE_TEXT, TEMPLATE_HTML] {
        if !dir.join(name).is_file() {
            problems.push(format!("{}: missing template", dir.join(name).display()));
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let sample = sample_view(config);
    let env = env(config);
    let ctx = minijinja::Value::from(minijinja::value::Serde(&sample));
    for name in [TEMPLATE_SUBJECT, TEMPLATE_TEXT, TEMPLATE_HTML] {
        if let Err(e) = env.get_template(name).and_then(|t| t.render(&ctx)) {
            problems.push(template_error(config, name, &e));
        }
    }
    problems
}

fn sample_view(config: &Config) -> DigestView {
    let now = Utc::now();
    let sub = config
        .subscriptions
        .first()
        .cloned()
        .unwrap_or_else(|| Subscription {
            id: "sample".into(),
            email: "sample@example.cn".into(),
            name: Some("示例".into()),
            regions: config
                .regions
                .first()
                .map(|r| vec![r.id.clone()])
                .unwrap_or_default(),
            zones: config
                .zones
                .first()
                .map(|z| vec![z.id.clone()])
                .unwrap_or_default(),
            keywords: vec![],
            exclude: vec![],
            topics: vec![],
            schedule: match crate::schedule::CronSchedule::parse("0 0 8 * * *") {
                Ok(s) => s,
                Err(e) => unreachable!("static schedule: {e}"),
            },
            timezone: config.service.timezone,
            max_items: 50,
            send_empty: false,
            backfill: Duration::from_secs(86_400),
        });
    let item = Item {
        id: "sample".into(),
        id_kind: crate::model::IdKind::Guid,
        source: config
            .sources
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        title: "示例新闻：项目集中签约".into(),
        link: Some("http://www.example.cn/news/1.html".into()),
        published: now,
        date_estimated: false,
        updated: None,
        summary: Some("<p>示例摘要。</p>".into()),
        content: None,
        author: Some("示例日报".into()),
        categories: vec![],
        region: config
            .regions
            .first()
            .map(|r| r.id.clone())
            .unwrap_or_default(),
        zone: config.zones.first().map(|z| z.id.clone()),
        first_seen: now,
        seq: 1,
        article_pending: false,
        placed_by: Default::default(),
    };
    let mut copy = item.clone();
    copy.source = "sample-copy".into();
    let mut v = view(
        config,
        &sub,
        &[(item, vec![copy])],
        1,
        (now - chrono::Duration::days(1), now),
        format!("{}unsubscribe?s=sample&t=0", config.service.base_url),
    );
    // Checked with a manage link, so a template that shows one is rendered with it.
    v.manage_url = Some(format!("{}manage?r=r.sample&t=0", config.service.base_url));
    v
}

//! `zonefeed inspect`: one document fetched and parsed, or one configured source dry-run,
//! storing nothing.

use std::time::Duration;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::client::{Access, open_or_daemon};
use super::select_sources;
use crate::config::{Config, SourceUrl};
use crate::fetch::{FetchLimits, Fetcher, Validators};
use crate::model::Entry;
use crate::parse::{ParseOptions, parse_feed};
use crate::poll::{SourceInspection, dry_run};
use crate::query::StoryJoin;

/// What `inspect` read.
pub struct Inspection {
    pub format: &'static str,
    pub charset: &'static str,
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

/// `zonefeed inspect`: fetches and parses one document; nothing is stored.
pub async fn inspect(
    target: &str,
    charset: Option<&'static encoding_rs::Encoding>,
    tz: Tz,
) -> Result<Inspection> {
    let url = if target.starts_with("http://")
        || target.starts_with("https://")
        || target.starts_with("file:")
    {
        SourceUrl::parse(target, &std::env::current_dir()?).map_err(anyhow::Error::msg)?
    } else {
        SourceUrl::File(std::path::absolute(target).unwrap_or_else(|_| target.into()))
    };
    // An admin inspecting a URL by hand may point at an intranet mirror: no SSRF guard here;
    // it protects the daemon from what a config (or a redirect) points it at.
    let fetcher = Fetcher::new(FetchLimits {
        timeout: Duration::from_secs(20),
        connect_timeout: Duration::from_secs(10),
        max_body: 15 << 20,
        user_agent: format!("zonefeed/{} (inspect)", env!("CARGO_PKG_VERSION")),
        allow_private_networks: true,
    })?;
    let fetched = fetcher
        .fetch(&url, &Validators::default())
        .await
        .with_context(|| format!("cannot fetch {url}"))?;
    let base = fetched.url.clone().or_else(|| url.base());
    let parsed = parse_feed(
        &fetched.body,
        &ParseOptions {
            base_url: base.as_ref(),
            header_charset: fetched.header_charset(),
            charset_override: charset,
            tz,
        },
    )
    .map_err(|e| {
        let hint = crate::discover::not_a_feed_hint(
            &fetched.body,
            fetched.content_type.as_deref(),
            base.as_ref(),
        );
        anyhow::anyhow!("cannot parse {url}: {e}{hint}")
    })?;
    Ok(Inspection {
        format: parsed.format,
        charset: parsed.charset,
        title: parsed.title,
        entries: parsed.entries,
    })
}

/// `zonefeed inspect --source ID`: a dry run of one configured source, exactly as a poll
/// would read it (charset, rules, article pages), storing nothing; with stories on it
/// reads the story index (itself, or through the daemon holding the store) to say which
/// story each entry would join.
pub async fn inspect_source(config: &Config, id: &str) -> Result<SourceInspection> {
    let source = select_sources(config, &[id.to_string()])?
        .into_iter()
        .next()
        .with_context(|| format!("unknown source {id:?}"))?;
    let mut ins = dry_run(config, source).await?;
    // A store that does not exist yet holds no story: every entry would start its own, and
    // a dry run must not create one.
    if config.stories.enabled && !config.service.data_dir.exists() {
        ins.joins = ins
            .placed
            .iter()
            .map(|(e, _)| StoryJoin {
                entry: e.id.clone(),
                reason: None,
                story: None,
                title: None,
            })
            .collect();
    } else if config.stories.enabled {
        ins.joins = match open_or_daemon(config)? {
            Access::Local(store) => crate::query::story_joins(config, &store, source, &ins.placed)?,
            Access::Daemon(d) => {
                let q = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("source", &source.id)
                    .finish();
                d.get_lines(&format!("api/stories/joins?{q}")).await?
            }
        };
    }
    Ok(ins)
}

/// One line on how the list was asked for, when it was not a plain GET.
fn request_line(source: &crate::config::Source, cookies: usize) -> Option<String> {
    use crate::config::PostBody;
    let r = source.request();
    let mut parts = Vec::new();
    match &r.post {
        None => {}
        Some(PostBody::Empty) => parts.push("POST".to_string()),
        Some(PostBody::Form(f)) => parts.push(format!("POST form ({} fields)", f.len())),
        Some(PostBody::Json(j)) => parts.push(format!("POST json ({} bytes)", j.len())),
    }
    if !r.headers.is_empty() {
        let names: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
        parts.push(format!("headers {}", names.join(", ")));
    }
    if let Some(w) = &r.warmup {
        parts.push(format!("warm-up {w}"));
    }
    if cookies > 0 {
        let s = if cookies == 1 { "" } else { "s" };
        parts.push(format!("{cookies} cookie{s} kept"));
    }
    (!parts.is_empty()).then(|| format!("request: {}", parts.join("; ")))
}

/// "placed by: region ← 如皋; zone ← 南通开发区", or None when the source's tags placed it.
fn placed_by_line(by: &crate::model::PlacedBy) -> Option<String> {
    let parts: Vec<String> = [("region", &by.region), ("zone", &by.zone)]
        .into_iter()
        .filter_map(|(k, w)| w.as_ref().map(|w| format!("{k} ← {w}")))
        .collect();
    (!parts.is_empty()).then(|| format!("placed by: {}", parts.join("; ")))
}

pub fn print_source_inspection(config: &Config, ins: &SourceInspection, json: bool) {
    for w in &ins.warnings {
        eprintln!("warning: {}: {w}", ins.source);
    }
    let tz = config.service.timezone;
    let join_of = |e: &Entry| ins.joins.iter().find(|j| j.entry == e.id);
    if json {
        for (e, p) in &ins.placed {
            let mut v = entry_json(e);
            if let Some(j) = join_of(e) {
                v["story"] = serde_json::json!(j.story);
                v["story_reason"] = serde_json::json!(j.reason);
                v["story_title"] = serde_json::json!(j.title);
            }
            v["region"] = serde_json::json!(p.region);
            v["zone"] = serde_json::json!(p.zone);
            v["zone_named"] = serde_json::json!(e.zone_hint);
            v["unknown_zone"] = serde_json::json!(p.unknown_zone);
            v["placed_by"] = serde_json::json!(p.by);
            v["article_pending"] = serde_json::json!(e.article_pending);
            println!("{v}");
        }
        return;
    }
    let d = &ins.document;
    println!(
        "{} entries ({}, {}, {} bytes, HTTP {})",
        ins.placed.len(),
        d.format,
        d.charset,
        d.bytes,
        d.status
    );
    if let Some(line) = config
        .source(&ins.source)
        .and_then(|s| request_line(s, ins.cookies))
    {
        println!("{line}");
    }
    for (n, (e, p)) in ins.placed.iter().enumerate() {
        let date = e
            .published
            .map(|d| {
                d.with_timezone(&tz)
                    .format("%Y-%m-%d %H:%M %:z")
                    .to_string()
            })
            .unwrap_or_else(|| "(no date)".into());
        let zone = match (&p.zone, &p.unknown_zone) {
            (_, Some(u)) => format!("{} / unknown zone {u:?}", p.region),
            (Some(z), None) => format!("{} / {z}", p.region),
            (None, None) => p.region.clone(),
        };
        println!("{:>3}. {date}  [{zone}] {}", n + 1, e.title);
        if let Some(l) = &e.link {
            println!("     {l}");
        }
        if let Some(line) = placed_by_line(&p.by) {
            println!("     {line}");
        }
        if let Some(a) = &e.author {
            println!("     来源: {a}");
        }
        match join_of(e) {
            Some(StoryJoin {
                story: Some(id),
                reason,
                title,
                ..
            }) => println!(
                "     story: {} 「{}」 ({})",
                id,
                title.as_deref().unwrap_or(""),
                match reason.as_deref() {
                    Some("stored") => "stored in it",
                    Some("link") => "would join: same link",
                    Some("title") => "would join: same title",
                    Some("text") => "would join: same text",
                    Some("brief") => "would join: a brief of it",
                    Some("document") => "would join: the same document, another zone",
                    _ => "",
                }
            ),
            Some(_) => println!("     story: a new story"),
            None => {}
        }
        match (&e.content, e.article_pending) {
            (_, true) => println!("     article: not read (see below)"),
            (Some(c), false) => println!("     content: {} characters of HTML", c.chars().count()),
            (None, false) => {}
        }
    }
    for err in &d.article_errors {
        println!("article error: {err}");
    }
}

pub(crate) fn entry_json(e: &Entry) -> serde_json::Value {
    serde_json::json!({
        "id": e.id,
        "title": e.title,
        "link": e.link,
        "published": rfc3339(e.published),
        "updated": rfc3339(e.updated),
        "summary": e.summary,
        "content": e.content,
        "author": e.author,
    })
}

pub fn print_inspection(ins: &Inspection, json: bool, tz: Tz) {
    if json {
        for e in &ins.entries {
            println!("{}", entry_json(e));
        }
        return;
    }
    println!(
        "{} — {}, {}, {} entries",
        ins.title.as_deref().unwrap_or("(untitled)"),
        ins.format,
        ins.charset,
        ins.entries.len()
    );
    for (n, e) in ins.entries.iter().enumerate() {
        let date = e
            .published
            .map(|d| {
                d.with_timezone(&tz)
                    .format("%Y-%m-%d %H:%M %:z")
                    .to_string()
            })
            .unwrap_or_else(|| "(no date)".into());
        println!("{:>3}. {date}  {}", n + 1, e.title);
        if let Some(l) = &e.link {
            println!("     {l}");
        }
        println!("     id ({:?}): {}", e.id_kind, e.id);
    }
}

fn rfc3339(t: Option<DateTime<Utc>>) -> serde_json::Value {
    t.map(|t| serde_json::Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
        .unwrap_or(serde_json::Value::Null)
}

/// `zonefeed inspect`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// A feed's URL or a file's path.
    #[arg(required_unless_present = "source", conflicts_with = "source")]
    target: Option<String>,
    /// A configured source to dry-run instead of a URL or path.
    #[arg(long, value_name = "ID")]
    pub(super) source: Option<String>,
    #[arg(long)]
    json: bool,
    /// Decode with this charset, whatever the document says.
    #[arg(long)]
    charset: Option<String>,
    /// Zone for dates written without one.
    #[arg(long, default_value = "Asia/Shanghai")]
    timezone: String,
}

/// `zonefeed inspect URL|PATH`: needs no config.
pub(super) async fn run_target(a: &Args) -> super::Exit {
    use super::Exit;
    let Some(target) = &a.target else {
        return Exit::Invalid;
    };
    let Ok(tz) = a.timezone.parse::<Tz>() else {
        eprintln!("error: unknown time zone {:?}", a.timezone);
        return Exit::Invalid;
    };
    let enc = match &a.charset {
        None => None,
        Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(e) => Some(e),
            None => {
                eprintln!("error: unknown charset {label:?}");
                return Exit::Invalid;
            }
        },
    };
    match inspect(target, enc, tz).await {
        Ok(ins) => {
            print_inspection(&ins, a.json, tz);
            Exit::Done
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            Exit::Failed
        }
    }
}

/// `zonefeed inspect --source ID`.
pub(super) async fn run_source(config: &Config, a: Args) -> Result<super::Exit> {
    let id = a.source.unwrap_or_default();
    print_source_inspection(config, &inspect_source(config, &id).await?, a.json);
    Ok(super::Exit::Done)
}

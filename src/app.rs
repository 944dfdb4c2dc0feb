//! The commands behind the CLI, and the daemon. `main.rs` parses arguments and calls these;
//! tests call them too.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::{Config, ConfigError, Source, SourceUrl};
use crate::fetch::{FetchLimits, Fetcher, Validators};
use crate::model::{Entry, Item};
use crate::parse::{ParseOptions, parse_feed};
use crate::poll::{PollOutcome, PollResult, Poller};
use crate::publish::{Affected, PublishReport, publish_affected, publish_all};
use crate::schedule::Scheduler;
use crate::store::{Selector, Store};

/// Exit code for an invalid config (and `check` finding problems).
pub const EXIT_CONFIG: i32 = 2;

/// Loads the config or prints every problem in it.
pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    Config::load(path)
}

/// `zonefeed check`: prints a summary and returns 0, or the problems and returns 2.
pub fn check(path: &Path) -> i32 {
    let c = match Config::load(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            eprintln!(
                "{} problem{} found",
                e.problems.len(),
                if e.problems.len() == 1 { "" } else { "s" }
            );
            return EXIT_CONFIG;
        }
    };
    // Templates are only needed (and checked) when there are digests to render.
    if !c.subscriptions.is_empty() {
        let problems = crate::digest::check_templates(&c);
        if !problems.is_empty() {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "{} template problem{} found",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            return EXIT_CONFIG;
        }
    }
    println!(
        "{}: ok — {} regions, {} zones, {} sources, {} subscriptions; feeds in {}, store in {}",
        path.display(),
        c.regions.len(),
        c.zones.len(),
        c.sources.len(),
        c.subscriptions.len(),
        c.service.feeds_dir.display(),
        c.service.data_dir.display()
    );
    if !c.subscriptions.is_empty() {
        println!(
            "digests: templates in {} render; mail via {}",
            c.service.templates_dir.display(),
            match c.mail.transport {
                crate::config::MailTransport::Smtp =>
                    format!("SMTP {}:{}", c.mail.host, c.mail.port),
                crate::config::MailTransport::Outbox =>
                    format!("outbox {}", c.mail.outbox_dir.display()),
            }
        );
    }
    for s in &c.sources {
        if let SourceUrl::File(p) = &s.url
            && !p.exists()
        {
            println!(
                "warning: source {} reads {}, which does not exist",
                s.id,
                p.display()
            );
        }
    }
    0
}

/// Picks the named sources (all when none are named).
fn select_sources<'c>(config: &'c Config, ids: &[String]) -> Result<Vec<&'c Source>> {
    if ids.is_empty() {
        return Ok(config.sources.iter().collect());
    }
    ids.iter()
        .map(|id| {
            config.source(id).with_context(|| {
                format!(
                    "unknown source {id:?} (configured: {})",
                    config
                        .sources
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect()
}

/// Summary of a `poll` run.
#[derive(Debug, Default)]
pub struct PollSummary {
    pub outcomes: Vec<PollOutcome>,
    pub publish: PublishReport,
}

impl PollSummary {
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.is_failure()).count()
    }

    pub fn skipped(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o.result, PollResult::Skipped(_)))
            .count()
    }
}

/// `zonefeed poll`: polls the sources once, stores, publishes the affected feeds. Sources
/// backing off or waiting out a Retry-After are skipped unless `force`.
pub async fn poll_once(config: Arc<Config>, ids: &[String], force: bool) -> Result<PollSummary> {
    let sources: Vec<Source> = select_sources(&config, ids)?.into_iter().cloned().collect();
    let store = Store::open(&config.service.data_dir)?;
    let poller = Poller::new(config.clone(), store.clone())?;
    let now = Utc::now();
    let mut outcomes = Vec::new();
    let mut refs: Vec<&Source> = Vec::new();
    for s in &sources {
        let state = store.source_state(&s.id)?;
        if !force && state.backing_off(now) {
            let until = state
                .next_poll
                .unwrap_or(now)
                .max(state.retry_until.unwrap_or(now));
            let why = if state.retry_until.is_some_and(|t| t > now) {
                "waiting out Retry-After"
            } else {
                "backing off"
            };
            outcomes.push(PollOutcome {
                source: s.id.clone(),
                result: PollResult::Skipped(format!(
                    "{why} after {} failure(s) until {} (--force polls it now)",
                    state.consecutive_failures,
                    until.format("%Y-%m-%d %H:%M:%S UTC")
                )),
                affected: Affected::default(),
                duration: Duration::ZERO,
            });
        } else {
            refs.push(s);
        }
    }
    outcomes.extend(poller.poll_many(&refs).await);
    // Report in config order, whatever order they finished in.
    outcomes.sort_by_key(|o| config.sources.iter().position(|s| s.id == o.source));
    let mut affected = Affected::default();
    for o in &outcomes {
        affected.merge(o.affected.clone());
    }
    let publish = publish_affected(&config, &store, &affected)?;
    store.flush().await?;
    Ok(PollSummary { outcomes, publish })
}

pub fn print_poll_summary(s: &PollSummary) {
    let width = s.outcomes.iter().map(|o| o.source.len()).max().unwrap_or(0);
    let (mut new, mut updated) = (0, 0);
    for o in &s.outcomes {
        let ms = o.duration.as_millis();
        match &o.result {
            PollResult::Ok(st) if st.not_modified => {
                println!("{:width$}  ok      304 not modified ({ms} ms)", o.source)
            }
            PollResult::Ok(st) => {
                new += st.new;
                updated += st.updated;
                println!(
                    "{:width$}  ok      {:>3} entries {:>3} new {:>3} updated  ({}, {}, {} bytes, {ms} ms)",
                    o.source, st.entries, st.new, st.updated, st.format, st.charset, st.bytes
                );
            }
            PollResult::Failed {
                error,
                failures,
                next_poll,
            } => println!(
                "{:width$}  FAILED  {error} (failure {failures}, next try {})",
                o.source,
                next_poll.format("%Y-%m-%d %H:%M:%S UTC")
            ),
            PollResult::Skipped(why) => println!("{:width$}  skipped {why}", o.source),
        }
        if let PollResult::Ok(st) = &o.result {
            if let Some(to) = &st.moved_to {
                println!(
                    "{:width$}  note    moved permanently to {to}: update its url in the config",
                    ""
                );
            }
            if st.empty_flag {
                println!(
                    "{:width$}  note    had items, now yields none: probably broken",
                    ""
                );
            }
            if !st.unknown_zones.is_empty() {
                println!(
                    "{:width$}  note    zones named by pages but not configured: {}",
                    "",
                    st.unknown_zones.join(", ")
                );
            }
            for e in &st.article_errors {
                println!(
                    "{:width$}  note    article kept, text not read yet: {e}",
                    ""
                );
            }
        }
    }
    let (failed, skipped) = (s.failed(), s.skipped());
    println!(
        "sources: {} ok, {failed} failed, {skipped} skipped; items: {new} new, {updated} updated; feeds: {} written, {} unchanged",
        s.outcomes.len() - failed - skipped,
        s.publish.written.len(),
        s.publish.unchanged
    );
}

/// `zonefeed publish`: regenerates every feed from the store.
pub async fn publish(config: &Config) -> Result<PublishReport> {
    let store = Store::open(&config.service.data_dir)?;
    let report = publish_all(config, &store)?;
    store.flush().await?;
    Ok(report)
}

/// One row of `zonefeed sources`.
pub struct SourceRow {
    pub source: Source,
    pub state: crate::model::SourceState,
    pub items: usize,
}

/// `zonefeed sources`: each source's health as stored.
pub fn sources(config: &Config) -> Result<Vec<SourceRow>> {
    let store = Store::open(&config.service.data_dir)?;
    config
        .sources
        .iter()
        .map(|s| {
            Ok(SourceRow {
                state: store.source_state(&s.id)?,
                items: store.count(&Selector::Source(s.id.clone())),
                source: s.clone(),
            })
        })
        .collect()
}

pub fn source_json(r: &SourceRow, now: DateTime<Utc>) -> serde_json::Value {
    let st = &r.state;
    serde_json::json!({
        "id": r.source.id,
        "url": r.source.url.to_string(),
        "region": r.source.region,
        "zone": r.source.zone,
        "last_poll": rfc3339(st.last_poll),
        "last_ok": rfc3339(st.last_ok),
        "last_status": st.last_status,
        "last_error": st.last_error,
        "consecutive_failures": st.consecutive_failures,
        "next_poll": rfc3339(st.next_poll),
        "retry_until": rfc3339(st.retry_until),
        "items": r.items,
        "last_entries": st.last_entries,
        "empty_polls": st.empty_polls,
        "redirected_to": st.redirected_to,
        "polls": st.polls,
        "not_modified": st.not_modified,
        "last_bytes": st.last_bytes,
        "last_duration_ms": st.last_duration_ms,
        "flags": st.flags(now),
    })
}

pub fn print_sources(config: &Config, rows: &[SourceRow], json: bool) {
    let now = Utc::now();
    let tz = config.service.timezone;
    let when = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.with_timezone(&tz).format("%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "-".into())
    };
    if json {
        for r in rows {
            println!("{}", source_json(r, now));
        }
        return;
    }
    let w = rows
        .iter()
        .map(|r| r.source.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    println!(
        "{:w$}  {:28}  {:11}  {:6}  {:5}  {:11}  {:>6}  flags",
        "id", "region / zone", "last ok", "status", "fails", "next poll", "items"
    );
    for r in rows {
        let place = match &r.source.zone {
            Some(z) => format!("{} / {z}", r.source.region),
            None => r.source.region.clone(),
        };
        let st = &r.state;
        println!(
            "{:w$}  {:28}  {:11}  {:6}  {:5}  {:11}  {:>6}  {}",
            r.source.id,
            place,
            when(st.last_ok),
            st.last_status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "-".into()),
            st.consecutive_failures,
            when(st.next_poll),
            r.items,
            st.flags(now).join(",")
        );
        if let Some(e) = &st.last_error {
            println!("{:w$}  last error: {e}", "");
        }
        if let Some(to) = &st.redirected_to {
            println!("{:w$}  moved permanently to {to}", "");
        }
    }
}

/// `zonefeed digest preview ID`: subject and text part of what a run would send now.
pub fn digest_preview(config: &Config, id: &str) -> Result<crate::digest::Rendered> {
    let sub = config
        .subscription(id)
        .with_context(|| format!("unknown subscription {id:?}"))?;
    let store = Store::open(&config.service.data_dir)?;
    crate::digest::preview(config, &store, sub, Utc::now())
}

/// `zonefeed digest send [ID]... [--now]`: runs the due digests (or the named ones, or with
/// `now` all of them regardless of schedule) and returns what each did.
pub async fn digest_send(
    config: &Config,
    ids: &[String],
    now_flag: bool,
) -> Result<Vec<(String, crate::digest::DigestOutcome)>> {
    for id in ids {
        if config.subscription(id).is_none() {
            bail!("unknown subscription {id:?}");
        }
    }
    let store = Store::open(&config.service.data_dir)?;
    let mailer = crate::mail::Mailer::new(&config.mail)?;
    let now = Utc::now();
    let mut out = Vec::new();
    for sub in &config.subscriptions {
        let named = ids.is_empty() || ids.contains(&sub.id);
        if !named {
            continue;
        }
        let state = store.digest_state(&sub.id)?;
        let due = now_flag || !ids.is_empty() || crate::digest::is_due(sub, &state, now);
        if !due {
            continue;
        }
        let outcome = crate::digest::send_digest(config, &store, &mailer, sub, now).await?;
        out.push((sub.id.clone(), outcome));
    }
    store.flush().await?;
    Ok(out)
}

pub fn print_digest_outcomes(outcomes: &[(String, crate::digest::DigestOutcome)]) {
    use crate::digest::DigestOutcome as D;
    let w = outcomes.iter().map(|(i, _)| i.len()).max().unwrap_or(0);
    let (mut sent, mut failed) = (0, 0);
    for (id, o) in outcomes {
        match o {
            D::Sent {
                message_id,
                items,
                resent,
            } => {
                sent += 1;
                let again = if *resent {
                    " (pending digest re-sent)"
                } else {
                    ""
                };
                println!("{id:w$}  sent     {items} items, Message-ID <{message_id}>{again}");
            }
            D::Nothing { .. } => println!("{id:w$}  nothing  no new matching items"),
            D::Unsubscribed => println!("{id:w$}  skipped  unsubscribed"),
            D::Failed {
                error,
                failures,
                next_attempt,
            } => {
                failed += 1;
                println!(
                    "{id:w$}  FAILED   {error} (failure {failures}; kept, retry after {})",
                    next_attempt.format("%Y-%m-%d %H:%M:%S UTC")
                );
            }
        }
    }
    println!(
        "digests: {sent} sent, {failed} failed, {} with nothing to send",
        outcomes.len() - sent - failed
    );
}

/// `zonefeed digest resubscribe ID`: the admin undoes an unsubscribe.
pub fn digest_resubscribe(config: &Config, id: &str) -> Result<bool> {
    let sub = config
        .subscription(id)
        .with_context(|| format!("unknown subscription {id:?}"))?;
    let store = Store::open(&config.service.data_dir)?;
    store.resubscribe(&sub.id, &sub.email)
}

/// Filters for `zonefeed items`.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub region: Option<String>,
    pub zone: Option<String>,
    pub source: Option<String>,
    pub limit: usize,
}

/// `zonefeed items`: stored items, newest first.
pub fn items(config: &Config, filter: &ItemFilter) -> Result<Vec<Item>> {
    let regions: Option<Vec<String>> = match &filter.region {
        Some(r) => {
            if config.region(r).is_none() {
                bail!("unknown region {r:?}");
            }
            Some(
                config
                    .region_and_descendants(r)
                    .iter()
                    .map(|r| r.id.clone())
                    .collect(),
            )
        }
        None => None,
    };
    if let Some(z) = &filter.zone
        && config.zone(z).is_none()
    {
        bail!("unknown zone {z:?}");
    }
    if let Some(s) = &filter.source
        && config.source(s).is_none()
    {
        bail!("unknown source {s:?}");
    }
    let store = Store::open(&config.service.data_dir)?;
    let selector = if let Some(z) = &filter.zone {
        Selector::Zone(z.clone())
    } else if let Some(s) = &filter.source {
        Selector::Source(s.clone())
    } else if let Some(r) = &regions {
        Selector::Regions(r.clone())
    } else {
        Selector::All
    };
    store.newest(&selector, filter.limit, |i| {
        regions.as_ref().is_none_or(|rs| rs.contains(&i.region))
            && filter
                .zone
                .as_ref()
                .is_none_or(|z| i.zone.as_ref() == Some(z))
            && filter.source.as_ref().is_none_or(|s| &i.source == s)
    })
}

fn rfc3339(t: Option<DateTime<Utc>>) -> serde_json::Value {
    t.map(|t| serde_json::Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
        .unwrap_or(serde_json::Value::Null)
}

/// The JSON line `items --json` prints: the inspect keys plus where the item belongs.
pub fn item_json(item: &Item) -> serde_json::Value {
    serde_json::json!({
        "id": item.id,
        "title": item.title,
        "link": item.link,
        "published": rfc3339(Some(item.published)),
        "updated": rfc3339(item.updated),
        "summary": item.summary,
        "content": item.content,
        "author": item.author,
        "source": item.source,
        "region": item.region,
        "zone": item.zone,
        "categories": item.categories,
        "date_estimated": item.date_estimated,
        "first_seen": rfc3339(Some(item.first_seen)),
    })
}

pub fn print_items(config: &Config, items: &[Item], json: bool) {
    let tz = config.service.timezone;
    for i in items {
        if json {
            println!("{}", item_json(i));
            continue;
        }
        let place = match i.zone.as_deref().and_then(|z| config.zone(z)) {
            Some(z) => format!("{} / {}", config.region_path(&i.region), z.name),
            None => config.region_path(&i.region),
        };
        let estimated = if i.date_estimated { "~" } else { " " };
        println!(
            "{}{} [{place}] {}",
            i.published.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
            estimated,
            i.title
        );
        if let Some(l) = &i.link {
            println!("                  {l}");
        }
    }
}

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
    .with_context(|| format!("cannot parse {url}"))?;
    Ok(Inspection {
        format: parsed.format,
        charset: parsed.charset,
        title: parsed.title,
        entries: parsed.entries,
    })
}

/// What `inspect --source` extracted: entries placed as the daemon would place them.
pub struct SourceInspection {
    pub document: crate::poll::Document,
    pub placed: Vec<(Entry, crate::classify::Placement)>,
}

/// `zonefeed inspect --source ID`: a dry run of one configured source, exactly as a poll
/// would read it (charset, rules, article pages), without touching the store.
pub async fn inspect_source(config: &Config, id: &str) -> Result<SourceInspection> {
    let source = select_sources(config, &[id.to_string()])?
        .into_iter()
        .next()
        .with_context(|| format!("unknown source {id:?}"))?;
    let fetcher = Fetcher::new(FetchLimits::from_config(&config.poll))?;
    let document = crate::poll::read_source(&fetcher, config, source, &Validators::default(), None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let classifier = crate::classify::Classifier::new(config);
    let placed = document
        .entries
        .iter()
        .map(|e| (e.clone(), classifier.classify(config, source, e)))
        .collect();
    Ok(SourceInspection { document, placed })
}

pub fn print_source_inspection(config: &Config, ins: &SourceInspection, json: bool) {
    let tz = config.service.timezone;
    if json {
        for (e, p) in &ins.placed {
            let mut v = entry_json(e);
            v["region"] = serde_json::json!(p.region);
            v["zone"] = serde_json::json!(p.zone);
            v["zone_named"] = serde_json::json!(e.zone_hint);
            v["unknown_zone"] = serde_json::json!(p.unknown_zone);
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
    for (n, (e, p)) in ins.placed.iter().enumerate() {
        let date = e
            .published
            .map(|d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
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
        if let Some(a) = &e.author {
            println!("     来源: {a}");
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

pub fn entry_json(e: &Entry) -> serde_json::Value {
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

/// `zonefeed run`: polls each source on its interval and republishes after each poll, until
/// `shutdown` is cancelled. Stops in a fixed order: scheduler, in-flight polls, store flush.
pub async fn run(config: Arc<Config>, shutdown: CancellationToken) -> Result<()> {
    let store = Store::open(&config.service.data_dir)?;
    let poller = Arc::new(Poller::new(config.clone(), store.clone())?);
    let publish_lock = Arc::new(tokio::sync::Mutex::new(()));
    let tracker = TaskTracker::new();

    // Feeds exist from the first second, even before any poll finishes.
    republish(&poller, &publish_lock, Affected::default()).await;

    // One tick a second hands due sources to the poller. Due-ness comes from each source's
    // stored next poll time, which already folds in interval or cron schedule, server hints,
    // backoff, Retry-After and jitter; runs missed while the daemon was down are simply due,
    // so each is caught up once, not once per missed interval.
    let scheduler = Scheduler::new().await?;
    {
        let (poller, lock, tracker, shutdown) = (
            poller.clone(),
            publish_lock.clone(),
            tracker.clone(),
            shutdown.clone(),
        );
        let tick: crate::schedule::Tick = Arc::new(move || {
            let (poller, lock, tracker, shutdown) = (
                poller.clone(),
                lock.clone(),
                tracker.clone(),
                shutdown.clone(),
            );
            Box::pin(async move {
                if shutdown.is_cancelled() {
                    return;
                }
                for source in poller.due_sources(Utc::now()) {
                    spawn_poll(&tracker, &poller, &lock, source);
                }
            })
        });
        scheduler
            .every("poll dispatcher", Duration::from_secs(1), tick)
            .await?;
    }
    // The first tick is a second away; start the sources that are already due now.
    for source in poller.due_sources(Utc::now()) {
        spawn_poll(&tracker, &poller, &publish_lock, source);
    }
    // Digests: one cron job per subscription, a retry sweep for pending digests, and one
    // catch-up run for firings missed while the daemon was down.
    let mailer = Arc::new(crate::mail::Mailer::new(&config.mail)?);
    let digest_busy: Busy = Arc::default();
    let now = Utc::now();
    for sub in &config.subscriptions {
        let mut state = store.digest_state(&sub.id)?;
        if state == crate::model::DigestState::default() {
            // First sight: firings count from now on.
            state.last_run = Some(now);
            store.set_digest_state(&sub.id, &state)?;
        } else if crate::digest::is_due(sub, &state, now) {
            spawn_digest(
                &tracker,
                &config,
                &store,
                &mailer,
                &digest_busy,
                sub.clone(),
            );
        }
        let job = DigestJob {
            config: config.clone(),
            store: store.clone(),
            mailer: mailer.clone(),
            busy: digest_busy.clone(),
            tracker: tracker.clone(),
            shutdown: shutdown.clone(),
        };
        let sub2 = sub.clone();
        let tick: crate::schedule::Tick = Arc::new(move || {
            let (job, sub) = (job.clone(), sub2.clone());
            Box::pin(async move {
                if !job.shutdown.is_cancelled() {
                    spawn_digest(
                        &job.tracker,
                        &job.config,
                        &job.store,
                        &job.mailer,
                        &job.busy,
                        sub,
                    );
                }
            })
        });
        scheduler
            .cron(
                &format!("digest {}", sub.id),
                &sub.schedule,
                sub.timezone,
                tick,
            )
            .await?;
    }
    if !config.subscriptions.is_empty() {
        let job = DigestJob {
            config: config.clone(),
            store: store.clone(),
            mailer: mailer.clone(),
            busy: digest_busy.clone(),
            tracker: tracker.clone(),
            shutdown: shutdown.clone(),
        };
        let tick: crate::schedule::Tick = Arc::new(move || {
            let job = job.clone();
            Box::pin(async move {
                if job.shutdown.is_cancelled() {
                    return;
                }
                let now = Utc::now();
                for sub in &job.config.subscriptions {
                    let state = job.store.digest_state(&sub.id).unwrap_or_default();
                    if state.pending.is_some() && crate::digest::is_due(sub, &state, now) {
                        spawn_digest(
                            &job.tracker,
                            &job.config,
                            &job.store,
                            &job.mailer,
                            &job.busy,
                            sub.clone(),
                        );
                    }
                }
            })
        });
        scheduler
            .every("digest retries", Duration::from_secs(30), tick)
            .await?;
    }

    // HTTP: feeds, unsubscribe, health.
    let listener = tokio::net::TcpListener::bind(config.service.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} ([service] listen)",
                config.service.listen
            )
        })?;
    let http_stop = CancellationToken::new();
    let http = tokio::spawn(crate::serve::run(
        listener,
        Arc::new(crate::serve::ServeState {
            config: config.clone(),
            store: store.clone(),
        }),
        http_stop.clone(),
    ));

    scheduler.start().await?;
    tracing::info!(
        listen = %config.service.listen,
        subscriptions = config.subscriptions.len(),
        sources = config.sources.len(),
        feeds = %config.service.feeds_dir.display(),
        "zonefeed running"
    );

    shutdown.cancelled().await;
    tracing::info!("shutting down: stopping the scheduler");
    if let Err(e) = scheduler.shutdown().await {
        tracing::warn!("{e:#}");
    }
    tracker.close();
    if tokio::time::timeout(Duration::from_secs(30), tracker.wait())
        .await
        .is_err()
    {
        tracing::warn!(
            "in-flight polls did not finish within 30 s; their partial work is discarded"
        );
    }
    http_stop.cancel();
    match tokio::time::timeout(Duration::from_secs(5), http).await {
        Ok(Ok(Err(e))) => tracing::warn!("HTTP server: {e}"),
        Err(_) => tracing::warn!("HTTP connections still open after 5 s; closing"),
        _ => {}
    }
    store.flush().await?;
    tracing::info!("store flushed; stopped");
    Ok(())
}

type Busy = Arc<std::sync::Mutex<std::collections::HashSet<String>>>;

/// What a digest job needs, cloned into each scheduled tick.
#[derive(Clone)]
struct DigestJob {
    config: Arc<Config>,
    store: Store,
    mailer: Arc<crate::mail::Mailer>,
    busy: Busy,
    tracker: TaskTracker,
    shutdown: CancellationToken,
}

fn spawn_digest(
    tracker: &TaskTracker,
    config: &Arc<Config>,
    store: &Store,
    mailer: &Arc<crate::mail::Mailer>,
    busy: &Busy,
    sub: crate::config::Subscription,
) {
    // One run per subscription at a time: a cron firing during a retry waits its turn.
    if let Ok(mut b) = busy.lock()
        && !b.insert(sub.id.clone())
    {
        return;
    }
    let (config, store, mailer, busy) =
        (config.clone(), store.clone(), mailer.clone(), busy.clone());
    tracker.spawn(async move {
        match crate::digest::send_digest(&config, &store, &mailer, &sub, Utc::now()).await {
            Ok(o) => tracing::debug!(subscription = %sub.id, outcome = ?o, "digest run"),
            Err(e) => tracing::error!(subscription = %sub.id, "digest run failed: {e:#}"),
        }
        if let Ok(mut b) = busy.lock() {
            b.remove(&sub.id);
        }
    });
}

fn spawn_poll(
    tracker: &TaskTracker,
    poller: &Arc<Poller>,
    lock: &Arc<tokio::sync::Mutex<()>>,
    source: Source,
) {
    let (poller, lock) = (poller.clone(), lock.clone());
    tracker.spawn(async move {
        let outcome = poller.poll_source(&source).await;
        if !outcome.affected.is_empty() {
            republish(&poller, &lock, outcome.affected).await;
        }
    });
}

async fn republish(poller: &Arc<Poller>, lock: &tokio::sync::Mutex<()>, affected: Affected) {
    // One publisher at a time: two polls finishing together must not interleave writes.
    let _guard = lock.lock().await;
    let (config, store) = (poller.config.clone(), poller.store.clone());
    let result =
        tokio::task::spawn_blocking(move || publish_affected(&config, &store, &affected)).await;
    match result {
        Ok(Ok(r)) if !r.written.is_empty() => {
            tracing::info!(
                written = r.written.len(),
                unchanged = r.unchanged,
                "feeds published"
            )
        }
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::error!("publish failed: {e:#}"),
        Err(e) => tracing::error!("publish task failed: {e}"),
    }
}

//! Email digests: which items a subscription gets, rendering with the admin's templates,
//! and delivery exactly once.
//!
//! Order of a run (`send_digest`): select the items first seen after the subscription's
//! cursor that pass its filters; record them as a *pending* digest with its Message-ID and
//! flush; send; on the server's acceptance clear the pending digest and advance the cursor
//! in one write and flush. A failure or a crash leaves the pending digest, which the next
//! run sends again as is (same items, same Message-ID). A duplicate can only happen if the
//! process dies between the server's acceptance and that write, and it then carries the
//! same Message-ID, so mail clients can tell.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::config::{Config, Subscription};
use crate::mail::{Mailer, OutgoingMail, domain_of};
use crate::model::{DigestState, Item, PendingDigest};
use crate::parse::html_to_text;
use crate::store::Store;

pub const TEMPLATE_HTML: &str = "digest.html";
pub const TEMPLATE_TEXT: &str = "digest.txt";
pub const TEMPLATE_SUBJECT: &str = "digest.subject.txt";

/// Retries of a failed delivery wait this long, doubling, up to [`MAX_RETRY`].
const FIRST_RETRY: Duration = Duration::from_secs(60);
const MAX_RETRY: Duration = Duration::from_secs(3600);

/// What one run did for one subscription.
#[derive(Debug, Clone, PartialEq)]
pub enum DigestOutcome {
    Sent {
        message_id: String,
        items: usize,
        /// A pending digest from an earlier failed or interrupted run was delivered.
        resent: bool,
    },
    /// Nothing new matched and `send_empty` is off; the cursor moved past what was seen.
    Nothing {
        considered: usize,
    },
    Unsubscribed,
    Failed {
        error: String,
        failures: u32,
        next_attempt: DateTime<Utc>,
    },
}

/// A rendered message (for preview and for sending).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

// ---------------------------------------------------------------------------------------------
// Selection

/// Does the item belong in this subscription's digest?
pub fn matches(sub: &Subscription, regions: &HashSet<String>, item: &Item) -> bool {
    let placed = (sub.regions.is_empty() && sub.zones.is_empty())
        || regions.contains(&item.region)
        || item.zone.as_ref().is_some_and(|z| sub.zones.contains(z));
    if !placed {
        return false;
    }
    if sub.keywords.is_empty() && sub.exclude.is_empty() {
        return true;
    }
    let mut text = item.title.clone();
    for html in [&item.summary, &item.content].into_iter().flatten() {
        text.push('\n');
        text.push_str(&html_to_text(html));
    }
    (sub.keywords.is_empty() || sub.keywords.iter().any(|k| text.contains(k.as_str())))
        && !sub.exclude.iter().any(|k| text.contains(k.as_str()))
}

/// The subscription's regions with every region below them.
pub fn region_set(config: &Config, sub: &Subscription) -> HashSet<String> {
    sub.regions
        .iter()
        .flat_map(|r| config.region_and_descendants(r))
        .map(|r| r.id.clone())
        .collect()
}

/// Items first seen after `cursor` that match, newest first, at most `max_items`; the number
/// left out; and the highest sequence number considered.
pub fn select(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    cursor: u64,
) -> Result<(Vec<Item>, usize, u64)> {
    select_in(config, store, sub, cursor, None)
}

/// Items first seen after a cursor, read once for a batch of digest runs. Each of 10,000
/// subscriptions reading and decoding every new item itself was most of a batch's time.
pub struct Recent {
    /// Every item with a sequence number above this is in `items`, ascending.
    from: u64,
    items: Vec<Item>,
}

impl Recent {
    pub fn load(store: &Store, from: u64) -> Result<Recent> {
        Ok(Recent {
            from,
            items: store.seen_after(from, usize::MAX)?,
        })
    }

    /// The items after `cursor`, if this holds all of them.
    fn after(&self, cursor: u64) -> Option<&[Item]> {
        (cursor >= self.from).then(|| {
            let start = self.items.partition_point(|i| i.seq <= cursor);
            &self.items[start..]
        })
    }

    fn by_seq(&self, seq: u64) -> Option<&Item> {
        self.items
            .binary_search_by_key(&seq, |i| i.seq)
            .ok()
            .map(|i| &self.items[i])
    }
}

fn select_in(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    cursor: u64,
    recent: Option<&Recent>,
) -> Result<(Vec<Item>, usize, u64)> {
    let regions = region_set(config, sub);
    let mut matched = Vec::new();
    let mut last = cursor;
    if let Some(items) = recent.and_then(|r| r.after(cursor)) {
        matched.extend(items.iter().filter(|i| matches(sub, &regions, i)).cloned());
        last = items.last().map_or(cursor, |i| i.seq);
    } else {
        loop {
            let batch = store.seen_after(last, 1000)?;
            let Some(end) = batch.last().map(|i| i.seq) else {
                break;
            };
            matched.extend(batch.into_iter().filter(|i| matches(sub, &regions, i)));
            last = end;
        }
    }
    matched.sort_by(|a, b| b.published.cmp(&a.published).then(b.seq.cmp(&a.seq)));
    let more = matched.len().saturating_sub(sub.max_items);
    matched.truncate(sub.max_items);
    Ok((matched, more, last))
}

// ---------------------------------------------------------------------------------------------
// Unsubscribe tokens

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8], sub_id: &str, email: &str) -> Option<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(key).ok()?;
    m.update(b"zonefeed unsubscribe\0");
    m.update(sub_id.as_bytes());
    m.update(b"\0");
    m.update(email.to_ascii_lowercase().as_bytes());
    Some(m)
}

/// HMAC-SHA256 over the subscription id and address, hex.
pub fn unsubscribe_token(key: &[u8], sub_id: &str, email: &str) -> String {
    mac(key, sub_id, email)
        .map(|m| crate::parse::hex(&m.finalize().into_bytes()))
        .unwrap_or_default()
}

/// Constant-time check of a token from a link.
pub fn verify_token(key: &[u8], sub_id: &str, email: &str, token: &str) -> bool {
    let Some(bytes) = unhex(token) else {
        return false;
    };
    mac(key, sub_id, email).is_some_and(|m| m.verify_slice(&bytes).is_ok())
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

pub fn unsubscribe_url(config: &Config, key: &[u8], sub: &Subscription) -> String {
    format!(
        "{}unsubscribe?s={}&t={}",
        config.service.base_url,
        sub.id,
        unsubscribe_token(key, &sub.id, &sub.email)
    )
}

/// Records an unsubscribe if the token is right. Survives restarts and config reloads until
/// the admin runs `zonefeed digest resubscribe`.
pub fn unsubscribe(config: &Config, store: &Store, sub_id: &str, token: &str) -> Result<bool> {
    let Some(sub) = config.subscription(sub_id) else {
        return Ok(false);
    };
    let key = store.hmac_key()?;
    if !verify_token(&key, &sub.id, &sub.email, token) {
        return Ok(false);
    }
    store.unsubscribe(&sub.id, &sub.email, Utc::now())?;
    tracing::info!(subscription = %sub.id, "unsubscribed by link");
    Ok(true)
}

// ---------------------------------------------------------------------------------------------
// Rendering

#[derive(Serialize)]
struct ItemView {
    title: String,
    link: Option<String>,
    time: String,
    source: String,
    summary: String,
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
struct DigestView {
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
}

fn env(config: &Config) -> minijinja::Environment<'static> {
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

fn view(
    config: &Config,
    sub: &Subscription,
    items: &[Item],
    more: usize,
    period: (DateTime<Utc>, DateTime<Utc>),
    unsubscribe_url: String,
) -> DigestView {
    let tz = sub.timezone;
    let mut groups: BTreeMap<(String, String), GroupView> = BTreeMap::new();
    for item in items {
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
        let source = config
            .source(&item.source)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| item.source.clone());
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
    }
}

fn render_view(
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

fn template_error(config: &Config, name: &str, e: &minijinja::Error) -> String {
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
    };
    view(
        config,
        &sub,
        &[item],
        1,
        (now - chrono::Duration::days(1), now),
        format!("{}unsubscribe?s=sample&t=0", config.service.base_url),
    )
}

// ---------------------------------------------------------------------------------------------
// Runs

fn new_message_id(sub: &Subscription, from_addr: &str, now: DateTime<Utc>) -> String {
    let mut r = [0u8; 6];
    let _ = getrandom::getrandom(&mut r);
    format!(
        "digest.{}.{}.{}@{}",
        now.format("%Y%m%d%H%M%S"),
        sub.id,
        crate::parse::hex(&r),
        domain_of(from_addr)
    )
}

/// Is a run due: a pending digest whose retry time has come, or a scheduled firing since the
/// last run (runs missed while the daemon was down count once, not once per firing)?
pub fn is_due(sub: &Subscription, state: &DigestState, now: DateTime<Utc>) -> bool {
    if state.pending.is_some() {
        return state.next_attempt.is_none_or(|t| t <= now);
    }
    match state.last_run {
        Some(last) => sub
            .schedule
            .next_after(last, sub.timezone)
            .is_some_and(|t| t <= now),
        None => false,
    }
}

/// Where a subscription's first digest starts: `backfill` before now.
fn backfill_start(sub: &Subscription, now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::from_std(sub.backfill).unwrap_or(chrono::Duration::days(1))
}

/// Step 1 of a run: the pending digest to send, recorded and flushed before anything is
/// sent. An existing pending digest is returned as is. None: nothing to send (the cursor
/// has moved past what was considered).
pub async fn prepare(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    now: DateTime<Utc>,
) -> Result<Option<PendingDigest>> {
    let p = prepare_unflushed(config, store, sub, now, None)?;
    store.flush().await?;
    Ok(p)
}

/// [`prepare`] without the flush, for batches that flush once for many subscriptions.
fn prepare_unflushed(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    now: DateTime<Utc>,
    recent: Option<&Recent>,
) -> Result<Option<PendingDigest>> {
    let mut state = store.digest_state(&sub.id)?;
    if let Some(p) = state.pending {
        return Ok(Some(p));
    }
    let backfill_start = backfill_start(sub, now);
    let cursor = match state.cursor {
        Some(c) => c,
        None => store.seq_seen_before(backfill_start)?,
    };
    let (items, more, considered_to) = select_in(config, store, sub, cursor, recent)?;
    if items.is_empty() && !sub.send_empty {
        state.cursor = Some(considered_to);
        state.last_run = Some(now);
        store.set_digest_state(&sub.id, &state)?;
        return Ok(None);
    }
    let pending = PendingDigest {
        message_id: new_message_id(sub, &config.mail.from_addr, now),
        seqs: items.iter().map(|i| i.seq).collect(),
        more,
        cursor_to: considered_to,
        period_start: state.last_sent.unwrap_or(backfill_start),
        period_end: now,
        created: now,
    };
    state.pending = Some(pending.clone());
    state.next_attempt = None;
    store.set_digest_state(&sub.id, &state)?;
    Ok(Some(pending))
}

/// Renders a pending digest into the message to send, taking its items from `recent` when
/// that holds them all.
fn compose_with(
    config: &Config,
    store: &Store,
    env: &minijinja::Environment<'_>,
    key: &[u8],
    sub: &Subscription,
    pending: &PendingDigest,
    recent: Option<&Recent>,
) -> Result<OutgoingMail> {
    let cached: Option<Vec<Item>> = recent.and_then(|r| {
        pending
            .seqs
            .iter()
            .map(|s| r.by_seq(*s).cloned())
            .collect::<Option<Vec<Item>>>()
    });
    let items = match cached {
        Some(items) => items,
        None => store.items_by_seqs(&pending.seqs)?,
    };
    let unsub = unsubscribe_url(config, key, sub);
    let v = view(
        config,
        sub,
        &items,
        pending.more,
        (pending.period_start, pending.period_end),
        unsub.clone(),
    );
    let r = render_view(config, env, &v)?;
    let domain = domain_of(&config.mail.from_addr);
    Ok(OutgoingMail {
        to_name: sub.name.clone(),
        to_addr: sub.email.clone(),
        subject: r.subject,
        text: r.text,
        html: r.html,
        message_id: pending.message_id.clone(),
        date: SystemTime::from(pending.created),
        headers: vec![
            (
                "List-Id",
                format!("zonefeed digest {} <{}.digest.{domain}>", sub.id, sub.id),
            ),
            (
                "List-Unsubscribe",
                format!(
                    "<{unsub}>, <mailto:{}?subject=unsubscribe%20{}>",
                    config.mail.from_addr, sub.id
                ),
            ),
            // RFC 8058: the https link above accepts a POST with this body.
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
            ("Auto-Submitted", "auto-generated".into()),
        ],
    })
}

/// What `digest preview` shows: the message a run would send now, without recording it.
pub fn preview(
    config: &Config,
    store: &Store,
    sub: &Subscription,
    now: DateTime<Utc>,
) -> Result<Rendered> {
    let state = store.digest_state(&sub.id)?;
    let (items, more, period) = match &state.pending {
        Some(p) => (
            store.items_by_seqs(&p.seqs)?,
            p.more,
            (p.period_start, p.period_end),
        ),
        None => {
            let backfill_start = backfill_start(sub, now);
            let cursor = match state.cursor {
                Some(c) => c,
                None => store.seq_seen_before(backfill_start)?,
            };
            let (items, more, _) = select(config, store, sub, cursor)?;
            (
                items,
                more,
                (state.last_sent.unwrap_or(backfill_start), now),
            )
        }
    };
    let key = store.hmac_key()?;
    let v = view(
        config,
        sub,
        &items,
        more,
        period,
        unsubscribe_url(config, &key, sub),
    );
    render_view(config, &env(config), &v)
}

/// One digest run for one subscription: the unit of work the scheduler calls.
pub async fn send_digest(
    config: &Config,
    store: &Store,
    mailer: &Mailer,
    sub: &Subscription,
    now: DateTime<Utc>,
) -> Result<DigestOutcome> {
    let mut out = send_digests(config, store, mailer, &[sub], now).await?;
    Ok(out
        .pop()
        .map(|(_, o)| o)
        .unwrap_or(DigestOutcome::Nothing { considered: 0 }))
}

/// Digest runs for many subscriptions (`zonefeed digest send`). The same order as one run,
/// batched: record every pending digest, flush once; send them concurrently over the pooled
/// SMTP connections; record every result, flush once. A crash re-sends pending digests with
/// their Message-IDs, so the exactly-once argument of the single run holds for each.
pub async fn send_digests(
    config: &Config,
    store: &Store,
    mailer: &Mailer,
    subs: &[&Subscription],
    now: DateTime<Utc>,
) -> Result<Vec<(String, DigestOutcome)>> {
    use futures_util::StreamExt;
    let mut outcomes: Vec<Option<DigestOutcome>> = vec![None; subs.len()];
    let mut to_send: Vec<(usize, PendingDigest, bool)> = Vec::new();
    // One read of the new items for the whole batch, from the oldest cursor in it.
    let recent = if subs.len() > 1 {
        let mut from = u64::MAX;
        for sub in subs {
            let state = store.digest_state(&sub.id)?;
            let cursor = match state.cursor {
                Some(c) => c,
                None => store.seq_seen_before(backfill_start(sub, now))?,
            };
            from = from.min(cursor);
        }
        Some(Recent::load(store, from)?)
    } else {
        None
    };
    for (i, sub) in subs.iter().enumerate() {
        if store.unsubscribed_at(&sub.id, &sub.email)?.is_some() {
            outcomes[i] = Some(DigestOutcome::Unsubscribed);
            continue;
        }
        let was_pending = store.digest_state(&sub.id)?.pending.is_some();
        match prepare_unflushed(config, store, sub, now, recent.as_ref())? {
            Some(p) => to_send.push((i, p, was_pending)),
            None => outcomes[i] = Some(DigestOutcome::Nothing { considered: 0 }),
        }
    }
    // Recorded before anything is sent.
    store.flush().await?;
    let env = env(config);
    let key = store.hmac_key()?;
    let mut mails = Vec::with_capacity(to_send.len());
    for (i, p, was) in to_send {
        let mail = compose_with(config, store, &env, &key, subs[i], &p, recent.as_ref())
            .map_err(|e| format!("{e:#}"));
        mails.push((i, p, was, mail));
    }
    let results: Vec<(usize, PendingDigest, bool, Result<(), String>)> =
        futures_util::stream::iter(mails.into_iter().map(|(i, p, was, mail)| async move {
            let r = match mail {
                Ok(m) => mailer.send(&m).await.map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            (i, p, was, r)
        }))
        .buffer_unordered(8)
        .collect()
        .await;
    for (i, pending, was_pending, result) in results {
        outcomes[i] = Some(record_result(
            store,
            subs[i],
            &pending,
            result,
            was_pending,
            now,
        )?);
    }
    store.flush().await?;
    Ok(subs
        .iter()
        .zip(outcomes)
        .map(|(s, o)| {
            (
                s.id.clone(),
                o.unwrap_or(DigestOutcome::Nothing { considered: 0 }),
            )
        })
        .collect())
}

/// Writes what the server said: accepted clears the pending digest and advances the cursor
/// in one write; a failure keeps it and schedules a retry with backoff.
fn record_result(
    store: &Store,
    sub: &Subscription,
    pending: &PendingDigest,
    result: Result<(), String>,
    was_pending: bool,
    now: DateTime<Utc>,
) -> Result<DigestOutcome> {
    let mut state = store.digest_state(&sub.id)?;
    let outcome = match result {
        Ok(()) => {
            state.cursor = Some(pending.cursor_to.max(state.cursor.unwrap_or(0)));
            state.pending = None;
            state.last_run = Some(now);
            state.last_sent = Some(now);
            state.failures = 0;
            state.next_attempt = None;
            state.last_error = None;
            state.sent += 1;
            tracing::info!(
                subscription = %sub.id,
                items = pending.seqs.len(),
                message_id = %pending.message_id,
                "digest sent"
            );
            DigestOutcome::Sent {
                message_id: pending.message_id.clone(),
                items: pending.seqs.len(),
                resent: was_pending,
            }
        }
        Err(error) => {
            state.failures = state.failures.saturating_add(1);
            let wait = FIRST_RETRY
                .saturating_mul(1 << state.failures.saturating_sub(1).min(10))
                .min(MAX_RETRY);
            let next = now + wait;
            state.next_attempt = Some(next);
            state.last_error = Some(error.clone());
            state.last_run = Some(now);
            tracing::warn!(
                subscription = %sub.id,
                failures = state.failures,
                retry_in_s = wait.as_secs(),
                "digest not delivered (kept, will retry): {error}"
            );
            DigestOutcome::Failed {
                error,
                failures: state.failures,
                next_attempt: next,
            }
        }
    };
    store
        .set_digest_state(&sub.id, &state)
        .context("cannot record the digest state")?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_reject_tampering() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = unsubscribe_token(key, "alice", "Alice@Example.com");
        assert_eq!(t.len(), 64);
        assert!(verify_token(key, "alice", "alice@example.com", &t));
        assert!(!verify_token(key, "bob", "alice@example.com", &t));
        assert!(!verify_token(
            b"another key of thirty-two bytes!",
            "alice",
            "alice@example.com",
            &t
        ));
        let mut forged = t.clone();
        forged.replace_range(0..1, if t.starts_with('0') { "1" } else { "0" });
        assert!(!verify_token(key, "alice", "alice@example.com", &forged));
        assert!(!verify_token(key, "alice", "alice@example.com", "zz"));
        assert!(!verify_token(
            key,
            "alice",
            "alice@example.com",
            &"g".repeat(64)
        ));
    }
}

//! Instant alerts: each new story matching an `[[alerts]]` entry's filters, pushed to its
//! channel (企业微信, 钉钉, 飞书, ntfy, a webhook) within a poll cycle of its first copy
//! being stored, once.
//!
//! One round ([`round`], the unit of work) per alert: read the items first seen after the
//! alert's cursor, keep the stories it has not delivered whose copies match, plan them as
//! messages (one per story while the rate limit allows, else lists packed to the
//! platform's size limit; stories older than `max_age` as one summary), record the plan and
//! flush, then send in order, marking each message's stories when it is accepted.
//!
//! Invariants:
//! - once per story and alert: a story is marked in the same transaction that records its
//!   message sent, and marked stories are never planned again (a repost joins its story,
//!   whose mark is there);
//! - nothing lost: the cursor moves only when every planned message is accepted; a kill
//!   re-sends at most the message in flight, with the same delivery id;
//! - a failing channel waits (backoff, the platform's rate-limit answer, `Retry-After`)
//!   in its own task: polls, publishing and other alerts never wait for it;
//! - a new alert starts at the newest item (it does not send the store's history).
//!
//! Files: `story` (a story as shown, the filter), `message` (what is said), `channel`
//! (each platform's envelope, signature and answers), `limit` (the pace).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::config::{Alert, Config};
use crate::fetch::Fetcher;
use crate::model::{AlertState, PendingAlert};
use crate::store::Store;

mod channel;
mod limit;
mod message;
mod story;

use limit::Limiter;
use message::Message;
use story::{Filter, StoryShown};

/// Items read per planning step: a backlog after an outage is planned in slices.
const SLICE: usize = 2_000;
/// Alerts planning at once (each holds a slice's stories meanwhile).
const PLANNING: usize = 2;
/// The longest wait between two attempts of a failing channel.
const MAX_BACKOFF: Duration = Duration::from_secs(600);

/// The alerts of one site at run time: each alert's pace, and one round at a time each.
pub(crate) struct Alerts {
    by_id: HashMap<String, Arc<tokio::sync::Mutex<Limiter>>>,
    wake: Arc<tokio::sync::Notify>,
    planning: tokio::sync::Semaphore,
}

impl Alerts {
    pub(crate) fn new(config: &Config) -> Alerts {
        Alerts {
            by_id: config
                .alerts
                .iter()
                .map(|a| {
                    let l = Limiter::new(a.max_per_minute, a.channel.min_gap());
                    (a.id.clone(), Arc::new(tokio::sync::Mutex::new(l)))
                })
                .collect(),
            wake: Arc::default(),
            planning: tokio::sync::Semaphore::new(PLANNING),
        }
    }

    /// New items may be stored: every alert's worker looks.
    pub(crate) fn wake(&self) {
        self.wake.notify_waiters();
    }

    pub(crate) fn woken(&self) -> Arc<tokio::sync::Notify> {
        self.wake.clone()
    }
}

/// What one round did.
#[derive(Debug, Clone, PartialEq)]
pub enum Round {
    /// Nothing new to send.
    Idle,
    /// Messages accepted, and the stories they carried; nothing left to send now.
    Sent { messages: usize, stories: usize },
    /// More to send, after this long (the rate limit, or a failure's backoff).
    Later {
        messages: usize,
        stories: usize,
        wait: Duration,
        error: Option<String>,
    },
}

/// What a round works with.
pub(crate) struct Ctx<'a> {
    pub config: &'a Config,
    pub store: &'a Store,
    pub fetcher: &'a Fetcher,
    pub alerts: &'a Alerts,
    pub metrics: &'a crate::metrics::Metrics,
}

fn backoff(failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(16);
    let base = Duration::from_secs(1u64 << exp).min(MAX_BACKOFF);
    // Up to a tenth more, so channels that failed together do not retry together.
    let mut b = [0u8; 1];
    let _ = getrandom::getrandom(&mut b);
    base + base.mul_f64(f64::from(b[0]) / 2550.0)
}

/// The feed a list or summary links: the alert's one zone or region when it names one,
/// else everything.
fn feed_of(config: &Config, alert: &Alert) -> String {
    let stem = match (alert.zones.as_slice(), alert.regions.as_slice()) {
        ([z], _) => format!("zones/{z}"),
        ([], [r]) => format!("regions/{r}"),
        _ => "all".to_string(),
    };
    format!("{}{stem}.atom", config.service.base_url)
}

/// One round of `alert` (see the module doc).
pub(crate) async fn round(cx: &Ctx<'_>, alert: &Alert) -> Result<Round> {
    let Some(limiter) = cx.alerts.by_id.get(&alert.id) else {
        return Ok(Round::Idle);
    };
    // One round per alert at a time (the daemon's worker and a CLI's would otherwise
    // plan the same stories twice).
    let mut limiter = limiter.lock().await;
    let store = cx.store;
    let mut st = store.alert_state(&alert.id)?;
    let Some(_) = st.cursor else {
        st.cursor = Some(store.last_seq()?);
        store.set_alert_state(&alert.id, &st)?;
        store.flush().await?;
        return Ok(Round::Idle);
    };
    let now = Utc::now();
    if !st.pending.is_empty()
        && let Some(t) = st.next_attempt
        && t > now
    {
        return Ok(Round::Later {
            messages: 0,
            stories: 0,
            wait: (t - now).to_std().unwrap_or_default(),
            error: st.last_error.clone(),
        });
    }
    if st.failures > 0 {
        replan_old(cx, alert, &mut st, now)?;
    }
    let (mut messages, mut stories) = (0, 0);
    loop {
        if st.pending.is_empty() && !plan_next(cx, alert, &mut st, &mut limiter).await? {
            break;
        }
        let Some(p) = st.pending.first().cloned() else {
            continue;
        };
        let wait = limiter.wait(Instant::now());
        if !wait.is_zero() {
            return Ok(Round::Later {
                messages,
                stories,
                wait,
                error: None,
            });
        }
        let Some(msg) = render(cx, alert, &p)? else {
            // Every story it carried is gone (expired): nothing to say.
            st.pending.remove(0);
            finish_if_done(&mut st);
            store.alert_delivered(&alert.id, &p.stories, &st, Utc::now())?;
            continue;
        };
        let req = channel::request(alert, &msg, Utc::now())?;
        limiter.record(Instant::now());
        let answer = cx.fetcher.post_json(&req.url, &req.headers, req.body).await;
        let verdict = match answer {
            Ok(a) => channel::verdict(alert.channel, a.status, a.retry_after, &a.body),
            Err(e) => channel::Verdict::Failed(e.to_string()),
        };
        let at = Utc::now();
        match verdict {
            channel::Verdict::Accepted => {
                st.pending.remove(0);
                st.sent += 1;
                st.stories_sent += p.stories.len() as u64;
                st.last_sent = Some(at);
                st.failures = 0;
                st.next_attempt = None;
                st.last_error = None;
                finish_if_done(&mut st);
                store.alert_delivered(&alert.id, &p.stories, &st, at)?;
                store.flush().await?;
                cx.metrics.alert_sent(&alert.id);
                messages += 1;
                stories += p.stories.len();
                tracing::info!(alert = %alert.id, stories = p.stories.len(), kind = ?msg.kind, "alert sent");
            }
            channel::Verdict::Limited(asked) => {
                // At least what the platform asked, its documented penalty (钉钉 blocks a
                // robot for 10 minutes), one message's share of the pace, and the backoff
                // of failures in a row.
                let pace = Duration::from_secs(60) / alert.max_per_minute.max(1);
                let wait = asked
                    .unwrap_or_default()
                    .max(alert.channel.limited_for())
                    .max(pace)
                    .max(backoff(st.failures + 1));
                return later(
                    cx,
                    alert,
                    &mut st,
                    at,
                    wait,
                    "rate limited by the platform",
                    (messages, stories),
                )
                .await;
            }
            channel::Verdict::Failed(why) => {
                let wait = backoff(st.failures + 1);
                return later(cx, alert, &mut st, at, wait, &why, (messages, stories)).await;
            }
        }
    }
    Ok(if messages == 0 {
        Round::Idle
    } else {
        Round::Sent { messages, stories }
    })
}

fn finish_if_done(st: &mut AlertState) {
    if st.pending.is_empty()
        && let Some(to) = st.pending_to.take()
    {
        st.cursor = Some(st.cursor.unwrap_or(0).max(to));
    }
}

/// Records a failed attempt and when to try again; the round ends waiting that long.
async fn later(
    cx: &Ctx<'_>,
    alert: &Alert,
    st: &mut AlertState,
    at: DateTime<Utc>,
    wait: Duration,
    why: &str,
    (messages, stories): (usize, usize),
) -> Result<Round> {
    st.failures = st.failures.saturating_add(1);
    st.failed += 1;
    st.last_error = Some(why.to_string());
    st.next_attempt = Some(at + chrono::Duration::from_std(wait).unwrap_or_default());
    cx.store.set_alert_state(&alert.id, st)?;
    cx.store.flush().await?;
    cx.metrics.alert_failed(&alert.id);
    tracing::warn!(
        alert = %alert.id,
        to = %alert.shown(),
        failures = st.failures,
        retry_in_s = wait.as_secs(),
        "alert not delivered: {why}"
    );
    Ok(Round::Later {
        messages,
        stories,
        wait,
        error: Some(why.to_string()),
    })
}

/// Reads the next slice of new items and plans their stories; false when there is
/// nothing left to plan (the cursor then stands at the newest item).
async fn plan_next(
    cx: &Ctx<'_>,
    alert: &Alert,
    st: &mut AlertState,
    limiter: &mut Limiter,
) -> Result<bool> {
    let (config, store) = (cx.config, cx.store);
    // A few alerts plan at once: each holds its slice of stories while it plans, and a
    // publish wakes every alert together.
    let _turn = cx.alerts.planning.acquire().await?;
    let filter = Filter::new(alert);
    let judge = filter.judge(config);
    loop {
        let cursor = st.cursor.unwrap_or(0);
        let items = store.seen_after(cursor, SLICE)?;
        let Some(head) = items.iter().map(|i| i.seq).max() else {
            return Ok(false);
        };
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        for item in &items {
            let key = crate::store::item_key(&item.source, &item.id);
            let sid = crate::parse::hex(&store.story_id(&key)?);
            if seen.contains(&sid) || store.alert_marked(&alert.id, &sid)? {
                continue;
            }
            if !judge.accepts(item) {
                continue;
            }
            seen.insert(sid.clone());
            if let Some(s) = StoryShown::load(config, store, &sid)? {
                found.push(s);
            }
        }
        if found.is_empty() {
            st.cursor = Some(head);
            store.set_alert_state(&alert.id, st)?;
            store.flush().await?;
            continue;
        }
        st.pending = plan(
            config,
            alert,
            &found,
            limiter.available(Instant::now()),
            Utc::now(),
        );
        st.pending_to = Some(head);
        store.set_alert_state(&alert.id, st)?;
        store.flush().await?;
        return Ok(true);
    }
}

fn delivery_id() -> String {
    crate::token::random_hex(8).unwrap_or_else(|_| Utc::now().timestamp_micros().to_string())
}

/// The messages for `stories`: one each while `budget` lasts, else lists packed to the
/// platform's size; stories first seen before `max_age` as one summary.
fn plan(
    config: &Config,
    alert: &Alert,
    stories: &[StoryShown],
    budget: usize,
    now: DateTime<Utc>,
) -> Vec<PendingAlert> {
    let old_before = now - chrono::Duration::from_std(alert.max_age).unwrap_or_default();
    let (old, fresh): (Vec<&StoryShown>, Vec<&StoryShown>) =
        stories.iter().partition(|s| s.first_seen < old_before);
    let mut out = Vec::new();
    if !old.is_empty() {
        out.push(PendingAlert {
            delivery: delivery_id(),
            stories: old.iter().map(|s| s.id.clone()).collect(),
            summary: true,
        });
    }
    let budget = budget.saturating_sub(out.len());
    if fresh.len() <= budget {
        out.extend(fresh.iter().map(|s| PendingAlert {
            delivery: delivery_id(),
            stories: vec![s.id.clone()],
            summary: false,
        }));
        return out;
    }
    // Packed by each story's share of a list, measured once (re-rendering the growing
    // list for every story took 20 s for 100 alerts of 1,000 stories), with a margin for
    // the list's numbering and separators.
    let tz = config.service.timezone;
    let feed = feed_of(config, alert);
    let max = alert.channel.max_bytes();
    let base = channel::measured(alert, &message::list(String::new(), &[], tz, &feed));
    let mut group: Vec<&StoryShown> = Vec::new();
    let mut size = base;
    for s in fresh {
        let one = message::list(String::new(), std::slice::from_ref(s), tz, &feed);
        let cost = channel::measured(alert, &one).saturating_sub(base) + 8;
        if !group.is_empty() && size + cost > max {
            out.push(PendingAlert {
                delivery: delivery_id(),
                stories: group.iter().map(|g| g.id.clone()).collect(),
                summary: false,
            });
            group.clear();
            size = base;
        }
        group.push(s);
        size += cost;
    }
    if !group.is_empty() {
        out.push(PendingAlert {
            delivery: delivery_id(),
            stories: group.iter().map(|g| g.id.clone()).collect(),
            summary: false,
        });
    }
    out
}

/// After an outage, planned messages whose stories have all grown older than `max_age`
/// are folded into one summary (a channel back after a day is not flooded).
fn replan_old(cx: &Ctx<'_>, alert: &Alert, st: &mut AlertState, now: DateTime<Utc>) -> Result<()> {
    let old_before = now - chrono::Duration::from_std(alert.max_age).unwrap_or_default();
    let mut ids = Vec::new();
    let mut keep = Vec::new();
    for p in st.pending.drain(..) {
        let mut all_old = true;
        for id in &p.stories {
            let first_seen = story::first_seen(cx.store, id)?;
            all_old &= first_seen.is_none_or(|t| t < old_before);
        }
        if all_old {
            ids.extend(p.stories);
        } else {
            keep.push(p);
        }
    }
    if !ids.is_empty() {
        keep.insert(
            0,
            PendingAlert {
                delivery: delivery_id(),
                stories: ids,
                summary: true,
            },
        );
    }
    st.pending = keep;
    Ok(())
}

/// The message of a planned entry, its stories read again (copies that arrived since are
/// listed); None when none of them is left.
fn render(cx: &Ctx<'_>, alert: &Alert, p: &PendingAlert) -> Result<Option<Message>> {
    let (config, tz) = (cx.config, cx.config.service.timezone);
    let mut stories = Vec::new();
    for id in &p.stories {
        if let Some(s) = StoryShown::load(config, cx.store, id)? {
            stories.push(s);
        }
    }
    if stories.is_empty() {
        return Ok(None);
    }
    let feed = feed_of(config, alert);
    let delivery = p.delivery.clone();
    if p.summary {
        // As many lines as fit the platform; the rest are counted and linked.
        let max = alert.channel.max_bytes();
        let mut shown = stories.len().min(30);
        loop {
            let m = message::summary(delivery.clone(), &stories, shown, tz, &feed);
            if shown == 0 || channel::measured(alert, &m) <= max {
                return Ok(Some(m));
            }
            shown -= 1;
        }
    }
    Ok(Some(match stories.as_slice() {
        [one] => message::story(delivery, one, tz),
        many => message::list(delivery, many, tz, &feed),
    }))
}

/// `zonefeed alerts test ID`: one test message, recorded nowhere.
pub(crate) async fn send_test(config: &Config, fetcher: &Fetcher, alert: &Alert) -> Result<()> {
    let msg = message::test(
        delivery_id(),
        &alert.id,
        Utc::now(),
        config.service.timezone,
    );
    let req = channel::request(alert, &msg, Utc::now())?;
    let a = fetcher
        .post_json(&req.url, &req.headers, req.body)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", alert.shown()))?;
    match channel::verdict(alert.channel, a.status, a.retry_after, &a.body) {
        channel::Verdict::Accepted => Ok(()),
        channel::Verdict::Limited(_) => {
            anyhow::bail!("{}: rate limited, try again in a minute", alert.shown())
        }
        channel::Verdict::Failed(why) => anyhow::bail!("{}: {why}", alert.shown()),
    }
}

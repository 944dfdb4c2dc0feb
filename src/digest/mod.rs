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
//!
//! # Files
//!
//! - this file: runs (prepare, compose, send, record; the batch of [`send_digests_each`]),
//!   previews, and recording an unsubscribe;
//! - `selection`: which items a subscription gets ([`select`], [`Recent`] for batches);
//! - `render`: the admin's templates, the view they see, and checking them;
//! - `token`: the signed unsubscribe links;
//! - `recipients`: who a run is for: one list of configured subscriptions and readers;
//! - `readers`: readers who signed up themselves (`[signup]`) as subscriptions, and their
//!   signed manage links.

pub mod readers;
mod recipients;
mod render;
mod selection;
mod token;

use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::config::{Config, Subscription};
use crate::mail::{Mailer, OutgoingMail, domain_of};
use crate::model::{DigestState, Item, PendingDigest};
use crate::store::Store;

pub use recipients::Recipients;
pub(crate) use recipients::{pick as pick_recipients, readers_for};
pub(crate) use render::{Rendered, check_templates, env as template_env, template_error};
pub(crate) use selection::{Chooser, Recent};
pub use selection::{matches, select};
pub use token::unsubscribe_token;
pub(crate) use token::{unsubscribe_url, verify_token};

use render::{env, render_view, view};
use selection::select_in;

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

/// Records an unsubscribe if the token is right. Survives restarts and config reloads until
/// the admin runs `zonefeed digest resubscribe`.
pub fn unsubscribe(config: &Config, store: &Store, sub_id: &str, token: &str) -> Result<bool> {
    let Some(sub) = readers::subscription_for_link(config, store, sub_id) else {
        return Ok(false);
    };
    let key = store.hmac_key()?;
    if !verify_token(&key, &sub.id, &sub.email, token) {
        return Ok(false);
    }
    store.unsubscribe(&sub.id, &sub.email, Utc::now())?;
    // Readers (`[signup]`): their record says so too, and the address is suppressed.
    readers::record_unsubscribe(store, &sub.id, Utc::now())?;
    tracing::info!(subscription = %sub.id, "unsubscribed by link");
    Ok(true)
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
pub(crate) fn is_due(sub: &Subscription, state: &DigestState, now: DateTime<Utc>) -> bool {
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

/// First-seen sequence numbers by backfill start, found once per run: subscriptions share
/// a few backfills, and each search reads items (perf: 11% of a run of 3,000 new
/// subscriptions searched the same start again for each).
#[derive(Default)]
struct SeqMemo(std::sync::Mutex<std::collections::HashMap<DateTime<Utc>, u64>>);

impl SeqMemo {
    fn seen_before(&self, store: &Store, t: DateTime<Utc>) -> Result<u64> {
        if let Some(s) = self.0.lock().ok().and_then(|m| m.get(&t).copied()) {
            return Ok(s);
        }
        let s = store.seq_seen_before(t)?;
        if let Ok(mut m) = self.0.lock() {
            m.insert(t, s);
        }
        Ok(s)
    }
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
    let p = prepare_unflushed(config, store, sub, now, None, &SeqMemo::default())?;
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
    memo: &SeqMemo,
) -> Result<Option<PendingDigest>> {
    let mut state = store.digest_state(&sub.id)?;
    if let Some(p) = state.pending {
        return Ok(Some(p));
    }
    let backfill_start = backfill_start(sub, now);
    let cursor = match state.cursor {
        Some(c) => c,
        None => memo.seen_before(store, backfill_start)?,
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
    let items = with_copies(config, store, items, pending.cursor_to)?;
    let unsub = unsubscribe_url(config, key, sub);
    let mut v = view(
        config,
        sub,
        &items,
        pending.more,
        (pending.period_start, pending.period_end),
        unsub.clone(),
    );
    v.manage_url = readers::manage_url(config, key, sub);
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

/// Each selected item with its story: shown as the story's primary copy, with every copy
/// first seen up to `up_to` (so a digest sent again shows what it showed the first time).
/// Items alone, and every item with stories off, come back as they are.
fn with_copies(
    config: &Config,
    store: &Store,
    items: Vec<Item>,
    up_to: u64,
) -> Result<Vec<(Item, Vec<Item>)>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let record = if config.stories.enabled {
            store.story_of_item(&item.source, &item.id)?.1
        } else {
            None
        };
        let Some(record) = record else {
            out.push((item, Vec::new()));
            continue;
        };
        let seqs: Vec<u64> = record
            .copies
            .iter()
            .map(|c| c.seq)
            .filter(|s| *s <= up_to.max(item.seq))
            .collect();
        let copies = store.items_by_seqs(&seqs)?;
        let shown = crate::publish::primary(config, copies.iter())
            .cloned()
            .unwrap_or_else(|| item.clone());
        out.push((shown, if copies.len() > 1 { copies } else { Vec::new() }));
    }
    Ok(out)
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
            with_copies(config, store, store.items_by_seqs(&p.seqs)?, p.cursor_to)?,
            p.more,
            (p.period_start, p.period_end),
        ),
        None => {
            let backfill_start = backfill_start(sub, now);
            let cursor = match state.cursor {
                Some(c) => c,
                None => store.seq_seen_before(backfill_start)?,
            };
            let (items, more, last) = select(config, store, sub, cursor)?;
            (
                with_copies(config, store, items, last)?,
                more,
                (state.last_sent.unwrap_or(backfill_start), now),
            )
        }
    };
    let key = store.hmac_key()?;
    let mut v = view(
        config,
        sub,
        &items,
        more,
        period,
        unsubscribe_url(config, &key, sub),
    );
    v.manage_url = readers::manage_url(config, &key, sub);
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
    let mut out = DigestOutcome::Nothing { considered: 0 };
    send_digests_each(config, store, mailer, &[sub], now, |_, o| out = o).await?;
    Ok(out)
}

/// Subscriptions a batch holds: their pending records are written and flushed together,
/// sent, and their results recorded, before the next batch is read. What a run holds at
/// once (pending records, sled's dirty pages, composed messages in flight) is a batch's,
/// whatever the number of subscribers (BENCHMARKS.md section 12: the 777 MB once put down
/// to one batch of 100,000 was the config's parse).
const BATCH: usize = 1_000;

/// Digest runs for many subscriptions (`zonefeed digest send`), handing each outcome to
/// `each` as it is known. The same order as one run, batched: record a batch's pending
/// digests, flush once; send them concurrently over the pooled SMTP connections; record
/// each result as it arrives (flushed in groups). A crash re-sends pending digests with
/// their Message-IDs, so the exactly-once argument of the single run holds for each.
pub(crate) async fn send_digests_each(
    config: &Config,
    store: &Store,
    mailer: &Mailer,
    subs: &[&Subscription],
    now: DateTime<Utc>,
    mut each: impl FnMut(&Subscription, DigestOutcome),
) -> Result<()> {
    // One read of the new items for the whole run, from the oldest cursor in it.
    let memo = SeqMemo::default();
    let recent = if subs.len() > 1 {
        let mut from = u64::MAX;
        for sub in subs {
            let state = store.digest_state(&sub.id)?;
            let cursor = match state.cursor {
                Some(c) => c,
                None => memo.seen_before(store, backfill_start(sub, now))?,
            };
            from = from.min(cursor);
        }
        Some(Recent::load(store, from)?)
    } else {
        None
    };
    let env = env(config);
    let key = store.hmac_key()?;
    let run = Run {
        config,
        store,
        mailer,
        env: &env,
        key: &key,
        recent: recent.as_ref(),
        memo: &memo,
        now,
    };
    for batch in subs.chunks(BATCH) {
        run.batch(batch, &mut each).await?;
    }
    Ok(())
}

/// What every batch of one run shares.
struct Run<'a> {
    config: &'a Config,
    store: &'a Store,
    mailer: &'a Mailer,
    env: &'a minijinja::Environment<'static>,
    key: &'a [u8],
    recent: Option<&'a Recent>,
    memo: &'a SeqMemo,
    now: DateTime<Utc>,
}

impl Run<'_> {
    async fn batch(
        &self,
        subs: &[&Subscription],
        each: &mut impl FnMut(&Subscription, DigestOutcome),
    ) -> Result<()> {
        use futures_util::StreamExt;
        let (config, store, now) = (self.config, self.store, self.now);
        let mut to_send: Vec<(usize, PendingDigest, bool)> = Vec::new();
        for (i, sub) in subs.iter().enumerate() {
            if store.unsubscribed_at(&sub.id, &sub.email)?.is_some() {
                each(sub, DigestOutcome::Unsubscribed);
                continue;
            }
            let was_pending = store.digest_state(&sub.id)?.pending.is_some();
            match prepare_unflushed(config, store, sub, now, self.recent, self.memo)? {
                Some(p) => to_send.push((i, p, was_pending)),
                None => each(sub, DigestOutcome::Nothing { considered: 0 }),
            }
        }
        if to_send.is_empty() {
            return Ok(());
        }
        // Recorded before anything is sent.
        store.flush().await?;
        let (env, key, recent) = (self.env, self.key, self.recent);
        // Each message is composed when its send starts, not all before the first.
        // Each acceptance is recorded as it arrives, and made durable by group commit: the
        // results ready at one moment are written, then flushed together, before the next
        // are awaited. A kill then re-sends at most the sends in flight (8) and the few
        // accepted within one flush, not every digest accepted since the batch began (15
        // kills of 40 subscriptions re-sent 168 digests when the batch was flushed once at
        // its end).
        let mut results =
            futures_util::stream::iter(to_send.into_iter().map(|(i, p, was)| async move {
                let r = match compose_with(config, store, env, key, subs[i], &p, recent) {
                    Ok(m) => self.mailer.send(&m).await.map_err(|e| e.to_string()),
                    Err(e) => Err(format!("{e:#}")),
                };
                (i, p, was, r)
            }))
            .buffer_unordered(8)
            .ready_chunks(64);
        while let Some(ready) = results.next().await {
            let mut done = Vec::with_capacity(ready.len());
            for (i, pending, was_pending, result) in ready {
                let o = record_result(store, subs[i], &pending, result, was_pending, now)?;
                done.push((i, o));
            }
            store.flush().await?;
            // Told only once durable: a caller that counts "sent" never counts a digest
            // a crash would send again.
            for (i, o) in done {
                each(subs[i], o);
            }
        }
        Ok(())
    }
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
mod batch_tests {
    use super::*;

    /// Issue 26.12: a run holds one batch, not every subscriber. When the first outcome is
    /// handed on, at most a batch's digests are recorded as pending (a single batch of all
    /// subscriptions had all 2,500 pending, and 100,000 peaked at 777 MB); every digest is
    /// still sent once, and the pending records are all cleared at the end.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_run_records_pending_digests_one_batch_at_a_time() -> Result<()> {
        use std::fmt::Write;
        let n = 2 * BATCH + BATCH / 2;
        let dir = tempfile::tempdir()?;
        let mut text = format!(
            "[service]\ndata_dir = \"{d}/data\"\nfeeds_dir = \"{d}/feeds\"\ntemplates_dir = \"{t}\"\n\
             [mail]\ntransport = \"outbox\"\noutbox_dir = \"{d}/outbox\"\nfrom = \"zf <digest@example.cn>\"\n\
             [[regions]]\nid = \"nt\"\nname = \"南通市\"\n",
            d = dir.path().display(),
            t = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates")
                .display()
        );
        for i in 0..n {
            let _ = write!(
                text,
                "[[subscriptions]]\nid = \"u{i}\"\nemail = \"u{i}@example.cn\"\nregions = [\"nt\"]\nschedule = \"0 0 8 * * *\"\n"
            );
        }
        let config = Config::parse(&text, &dir.path().join("config.toml"), dir.path())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let store = Store::open(&config.service.data_dir)?;
        let now = Utc::now();
        let item = Item {
            id: "a".into(),
            id_kind: crate::model::IdKind::Guid,
            source: "s".into(),
            title: "南通高新区项目签约".into(),
            link: Some("https://nt.example.cn/a.html".into()),
            published: now,
            date_estimated: false,
            updated: None,
            summary: Some("<p>签约</p>".into()),
            content: None,
            author: None,
            categories: vec![],
            region: "nt".into(),
            zone: None,
            first_seen: now,
            seq: 0,
            article_pending: false,
            placed_by: Default::default(),
        };
        store.upsert(&[item], now)?;
        let mailer = Mailer::new(&config.mail)?;
        let subs: Vec<&Subscription> = config.subscriptions.iter().collect();
        let pending = |store: &Store| -> Result<usize> {
            let mut k = 0;
            for s in &config.subscriptions {
                k += usize::from(store.digest_state(&s.id)?.pending.is_some());
            }
            Ok(k)
        };
        let (mut sent, mut pending_at_first) = (0, None);
        send_digests_each(&config, &store, &mailer, &subs, now, |_, o| {
            if pending_at_first.is_none() {
                pending_at_first = Some(pending(&store));
            }
            sent += usize::from(matches!(o, DigestOutcome::Sent { .. }));
        })
        .await?;
        let at_first = pending_at_first.transpose()?.unwrap_or(usize::MAX);
        assert!(at_first <= BATCH, "{at_first} pending at the first outcome");
        assert_eq!(sent, n);
        assert_eq!(pending(&store)?, 0);
        Ok(())
    }
}

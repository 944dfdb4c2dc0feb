//! `zonefeed digest preview | send | resubscribe`. `send` includes readers who signed up
//! themselves (`[signup]`), by their `r.…` ids.

use anyhow::{Context, Result, bail};
use chrono::Utc;

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::digest::DigestOutcome;
use crate::query::{self, DigestPreview};
use crate::store::Store;

/// `zonefeed digest preview ID`: what a run would send now; nothing is recorded.
pub async fn digest_preview(config: &Config, id: &str) -> Result<DigestPreview> {
    if config.subscription(id).is_none() {
        bail!("unknown subscription {id:?}");
    }
    match open_or_daemon(config)? {
        Access::Local(store) => query::digest_preview(config, &store, id, Utc::now()),
        Access::Daemon(d) => {
            let q = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("id", id)
                .finish();
            d.get_json(&format!("api/digest/preview?{q}")).await
        }
    }
}

pub fn print_preview(p: &DigestPreview) {
    println!("Subject: {}\n\n{}", p.subject, p.text);
}

/// `zonefeed digest send [ID]... [--now]`: runs the due digests (or the named ones, or with
/// `now` all of them regardless of schedule) and returns what each did.
pub async fn digest_send(
    config: &Config,
    ids: &[String],
    now_flag: bool,
) -> Result<Vec<(String, DigestOutcome)>> {
    let mut out = Vec::new();
    digest_send_each(config, ids, now_flag, |sub, o| {
        out.push((sub.id.clone(), o))
    })
    .await?;
    Ok(out)
}

/// [`digest_send`], handing each outcome to `each` once it is durable instead of keeping
/// them: a run for 100,000 subscribers holds a batch's state, not one record per reader.
pub async fn digest_send_each(
    config: &Config,
    ids: &[String],
    now_flag: bool,
    each: impl FnMut(&crate::config::Subscription, DigestOutcome),
) -> Result<()> {
    let store = Store::open(&config.service.data_dir)?;
    // Readers who signed up themselves ([signup]) run as subscriptions too.
    let readers = crate::digest::readers::active(config, &store, None)?;
    for id in ids {
        if config.subscription(id).is_none() && !readers.iter().any(|r| &r.id == id) {
            bail!("unknown subscription {id:?}");
        }
    }
    let mailer = crate::mail::Mailer::new(&config.mail)?;
    let now = Utc::now();
    let mut due_subs = Vec::new();
    for sub in config.subscriptions.iter().chain(&readers) {
        let named = ids.is_empty() || ids.contains(&sub.id);
        if !named {
            continue;
        }
        let state = store.digest_state(&sub.id)?;
        if now_flag || !ids.is_empty() || crate::digest::is_due(sub, &state, now) {
            due_subs.push(sub);
        }
    }
    crate::digest::send_digests_each(config, &store, &mailer, &due_subs, now, each).await
}

/// Prints each digest outcome as it comes, then the totals.
pub struct DigestLines {
    width: usize,
    sent: usize,
    failed: usize,
    total: usize,
}

impl DigestLines {
    /// Ids padded to the longest configured subscription's (outcomes print as they come,
    /// before every id is known).
    pub fn new(config: &Config) -> DigestLines {
        let width = config
            .subscriptions
            .iter()
            .map(|s| s.id.len())
            .max()
            .unwrap_or(0);
        DigestLines {
            width,
            sent: 0,
            failed: 0,
            total: 0,
        }
    }

    pub fn print(&mut self, id: &str, o: &DigestOutcome) {
        use DigestOutcome as D;
        let w = self.width;
        self.total += 1;
        match o {
            D::Sent {
                message_id,
                items,
                resent,
            } => {
                self.sent += 1;
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
                self.failed += 1;
                println!(
                    "{id:w$}  FAILED   {error} (failure {failures}; kept, retry after {})",
                    next_attempt.format("%Y-%m-%d %H:%M:%S UTC")
                );
            }
        }
    }

    /// The totals line; whether any digest failed.
    pub fn finish(&self) -> bool {
        println!(
            "digests: {} sent, {} failed, {} with nothing to send",
            self.sent,
            self.failed,
            self.total - self.sent - self.failed
        );
        self.failed > 0
    }
}

/// `zonefeed digest resubscribe ID`: the admin undoes an unsubscribe.
pub fn digest_resubscribe(config: &Config, id: &str) -> Result<bool> {
    let sub = config
        .subscription(id)
        .with_context(|| format!("unknown subscription {id:?}"))?;
    let store = Store::open(&config.service.data_dir)?;
    store.resubscribe(&sub.id, &sub.email)
}

//! `zonefeed digest preview | send | resubscribe`. `send` includes readers who signed up
//! themselves (`[signup]`), by their `r.…` ids.

use anyhow::{Context, Result, bail};
use chrono::Utc;

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use std::sync::Arc;

use crate::digest::{DigestOutcome, Recipients};
use crate::query::{self, DigestPreview};
use crate::site::Site;
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
    config: &Arc<Config>,
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
    config: &Arc<Config>,
    ids: &[String],
    now_flag: bool,
    each: impl FnMut(&crate::config::Subscription, DigestOutcome),
) -> Result<()> {
    let which = match (ids.is_empty(), now_flag) {
        (false, _) => Recipients::Named(ids.to_vec()),
        (true, true) => Recipients::All,
        (true, false) => Recipients::Due,
    };
    let site = Site::open(config.clone())?;
    site.send_due(which, Utc::now(), each).await
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

/// `zonefeed digest`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Print the subject and text part of what would be sent now (nothing is recorded).
    Preview { id: String },
    /// Send due digests, or the named ones now; report what was sent.
    #[command(after_help = "Exit status: 1 when any digest failed (it is retried later).")]
    Send {
        ids: Vec<String>,
        /// Send every (named) subscription now, whatever its schedule.
        #[arg(long)]
        now: bool,
    },
    /// Undo an unsubscribe (an admin's decision).
    Resubscribe { id: String },
}

pub(super) async fn run(config: Arc<Config>, a: Args) -> Result<super::Exit> {
    match a.command {
        Command::Preview { id } => print_preview(&digest_preview(&config, &id).await?),
        Command::Send { ids, now } => {
            let mut lines = DigestLines::new(&config);
            digest_send_each(&config, &ids, now, |sub, o| lines.print(&sub.id, &o)).await?;
            return Ok(super::Exit::failed_if(lines.finish()));
        }
        Command::Resubscribe { id } => {
            if digest_resubscribe(&config, &id)? {
                println!("{id}: unsubscribe removed; digests resume");
            } else {
                println!("{id}: was not unsubscribed");
            }
        }
    }
    Ok(super::Exit::Done)
}

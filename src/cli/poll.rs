//! `zonefeed poll`: every (or the named) source once, then the affected feeds.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use chrono::Utc;

use super::select_sources;
use crate::config::{Config, Source};
use crate::poll::{PollOutcome, PollResult};
use crate::publish::{Affected, PublishReport, Scope};
use crate::site::Site;

/// How long a one-shot poll waits for its alerts' pace before leaving the rest to the next.
const ALERTS_WITHIN: Duration = Duration::from_secs(20);

/// Summary of a `poll` run.
#[derive(Debug, Default)]
pub struct PollSummary {
    pub outcomes: Vec<PollOutcome>,
    pub publish: PublishReport,
    /// Each alert's delivery after the publish (see `Site::deliver_alerts`).
    pub alerts: Vec<(String, Result<crate::alerts::Round, String>)>,
    /// Each publish target's delivery after the publish's uploads.
    pub targets: Vec<crate::query::TargetView>,
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
    // Borrowed from the config, not cloned: 50,000 sources were a second copy of the
    // largest part of the config.
    let sources: Vec<&Source> = select_sources(&config, ids)?;
    let site = Site::open_polling(config.clone())?;
    let (store, poller) = (&site.store, site.poller()?);
    let now = Utc::now();
    let mut outcomes = Vec::new();
    let mut refs: Vec<&Source> = Vec::new();
    for &s in &sources {
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
    let progress = super::progress::Progress::new(refs.len(), "poll");
    outcomes.extend(
        poller
            .poll_many_with(&refs, |o| progress.tick(&o.source))
            .await,
    );
    drop(progress);
    // Report in config order, whatever order they finished in.
    let order: std::collections::HashMap<&str, usize> = config
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    outcomes.sort_by_key(|o| order.get(o.source.as_str()).copied());
    let mut affected = Affected::default();
    for o in &outcomes {
        affected.merge(o.affected.clone());
    }
    // check_missing: a one-shot poll also writes any feed whose files are missing.
    let publish = site
        .publish(
            Scope::Affected {
                affected,
                check_missing: true,
            },
            None,
        )
        .await?;
    // Alerts as the daemon would send them; a channel that fails or must wait long is left
    // for the next poll (its state says where it stands).
    let alerts = site
        .deliver_alerts(ALERTS_WITHIN)
        .await
        .into_iter()
        .map(|(id, r)| (id, r.map_err(|e| format!("{e:#}"))))
        .collect();
    let targets = crate::query::targets(&config, &site.store)?;
    Ok(PollSummary {
        outcomes,
        publish,
        alerts,
        targets,
    })
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
    for (id, r) in &s.alerts {
        use crate::alerts::Round;
        match r {
            Ok(Round::Idle) => {}
            Ok(Round::Sent { messages, stories }) => {
                println!("alert {id}: {messages} messages sent ({stories} stories)")
            }
            Ok(Round::Later {
                messages,
                stories,
                wait,
                error,
            }) => println!(
                "alert {id}: {messages} messages sent ({stories} stories); the rest in {} s{}",
                wait.as_secs(),
                error
                    .as_deref()
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default()
            ),
            Err(e) => println!("alert {id}: FAILED {e}"),
        }
    }
    for t in &s.targets {
        println!("{}", super::publish::target_status(t));
    }
    let (failed, skipped) = (s.failed(), s.skipped());
    println!(
        "sources: {} ok, {failed} failed, {skipped} skipped; items: {new} new, {updated} updated; feeds: {} written, {} unchanged",
        s.outcomes.len() - failed - skipped,
        s.publish.written.len(),
        s.publish.unchanged
    );
}

/// `zonefeed poll`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Only this source (repeatable).
    #[arg(long = "source", value_name = "ID")]
    sources: Vec<String>,
    /// Also poll sources that are backing off or waiting out a Retry-After.
    #[arg(long)]
    force: bool,
}

pub(super) async fn run(config: Arc<Config>, a: Args) -> Result<super::Exit> {
    let s = poll_once(config, &a.sources, a.force).await?;
    print_poll_summary(&s);
    Ok(super::Exit::failed_if(s.failed() > 0))
}

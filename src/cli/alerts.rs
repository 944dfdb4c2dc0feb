//! `zonefeed alerts [--json] | test ID`: each alert's last delivery, backlog and errors
//! (from the store, or the daemon holding it), and a test message to one alert's channel.
//!
//! Invariant: nothing printed holds an alert's URL path, query or secret: the channel and
//! host name where it goes.

use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::query::{self, AlertView};

/// `zonefeed alerts`' arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Send a test message to the alert's channel now (recorded nowhere).
    #[command(after_help = "Exit status: 1 when the channel did not accept it.")]
    Test { id: String },
}

/// Every alert's delivery (from the running daemon if it holds the store).
pub async fn alerts(config: &Config) -> Result<Vec<AlertView>> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::alerts(config, &store),
        Access::Daemon(d) => d.get_json("api/alerts").await,
    }
}

/// `zonefeed alerts test ID`.
pub async fn alerts_test(config: &Config, id: &str) -> Result<()> {
    let alert = config
        .alerts
        .iter()
        .find(|a| a.id == id)
        .with_context(|| format!("unknown alert {id:?}"))?;
    let fetcher = crate::fetch::Fetcher::new(crate::fetch::FetchLimits::from_config(&config.poll))?;
    crate::alerts::send_test(config, &fetcher, alert).await
}

fn when(config: &Config, t: Option<DateTime<Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&config.service.timezone)
            .format("%m-%d %H:%M:%S")
            .to_string()
    })
    .unwrap_or_else(|| "-".into())
}

pub fn print_alerts(config: &Config, rows: &[AlertView], json: bool) {
    if json {
        for r in rows {
            if let Ok(l) = serde_json::to_string(r) {
                println!("{l}");
            }
        }
        return;
    }
    if rows.is_empty() {
        println!("no [[alerts]] configured");
        return;
    }
    let w = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    println!(
        "{:w$}  {:24}  {:14}  {:>6}  {:>7}  {:>7}  {:>8}  LAST ERROR",
        "ID", "TO", "LAST SENT", "SENT", "STORIES", "BACKLOG", "FAILURES"
    );
    for r in rows {
        let to = format!("{} {}", r.channel, r.to);
        let err = match (&r.last_error, r.next_attempt) {
            (Some(e), Some(t)) => format!("{e} (next try {})", when(config, Some(t))),
            (Some(e), None) => e.clone(),
            _ => String::new(),
        };
        println!(
            "{:w$}  {:24}  {:14}  {:>6}  {:>7}  {:>7}  {:>8}  {err}",
            r.id,
            to,
            when(config, r.last_sent),
            r.sent,
            r.stories_sent,
            r.backlog_stories as u64 + r.backlog_items,
            r.failures
        );
    }
}

pub(super) async fn run(config: Arc<Config>, a: Args) -> Result<super::Exit> {
    match a.command {
        None => print_alerts(&config, &alerts(&config).await?, a.json),
        Some(Command::Test { id }) => {
            alerts_test(&config, &id).await?;
            println!("{id}: test message accepted");
        }
    }
    Ok(super::Exit::Done)
}

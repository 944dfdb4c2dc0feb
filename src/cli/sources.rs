//! `zonefeed sources`: each source's health as stored.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::query::{self, SourceReport};

/// Each configured source's report, in config order (from the running daemon if it holds
/// the store).
pub async fn sources(config: &Config) -> Result<Vec<SourceReport>> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::sources(config, &store, Utc::now()),
        Access::Daemon(d) => d.get_json("api/sources").await,
    }
}

pub fn print_sources(config: &Config, rows: &[SourceReport], json: bool) {
    let tz = config.service.timezone;
    let when = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.with_timezone(&tz).format("%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "-".into())
    };
    if json {
        for r in rows {
            match serde_json::to_string(r) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("error: {}: {e}", r.id),
            }
        }
        return;
    }
    let w = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    println!(
        "{:w$}  {:28}  {:11}  {:6}  {:5}  {:11}  {:>6}  flags",
        "id", "region / zone", "last ok", "status", "fails", "next poll", "items"
    );
    for r in rows {
        let place = match &r.zone {
            Some(z) => format!("{} / {z}", r.region),
            None => r.region.clone(),
        };
        println!(
            "{:w$}  {:28}  {:11}  {:6}  {:5}  {:11}  {:>6}  {}",
            r.id,
            place,
            when(r.last_ok),
            r.last_status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "-".into()),
            r.consecutive_failures,
            when(r.next_poll),
            r.items,
            r.flags.join(",")
        );
        if let Some(e) = &r.last_error {
            println!("{:w$}  last error: {e}", "");
        }
        if let Some(to) = &r.redirected_to {
            println!("{:w$}  moved permanently to {to}", "");
        }
    }
}

/// `zonefeed sources`' arguments.
#[derive(clap::Args)]
pub struct Args {
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

pub(super) async fn run(config: &Config, a: Args) -> Result<super::Exit> {
    print_sources(config, &sources(config).await?, a.json);
    Ok(super::Exit::Done)
}

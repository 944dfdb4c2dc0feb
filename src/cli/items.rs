//! `zonefeed items`: stored items, newest first.

use anyhow::Result;

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::query::{self, ItemFilter, ItemView};

/// Stored items, newest first (from the running daemon if it holds the store).
pub async fn items(config: &Config, filter: &ItemFilter) -> Result<Vec<ItemView>> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::items(config, &store, filter)?
            .iter()
            .map(|i| ItemView::new(config, &store, i))
            .collect(),
        Access::Daemon(d) => d.get_lines(&d.path("api/items", filter)?).await,
    }
}

pub fn print_items(config: &Config, items: &[ItemView], json: bool) {
    let tz = config.service.timezone;
    for i in items {
        if json {
            match serde_json::to_string(i) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("error: {}: {e}", i.id),
            }
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

/// `zonefeed items`' arguments.
#[derive(clap::Args)]
pub struct Args {
    /// A region id: the region and the regions below it.
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    zone: Option<String>,
    #[arg(long)]
    source: Option<String>,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

pub(super) async fn run(config: &Config, a: Args) -> Result<super::Exit> {
    let filter = ItemFilter {
        region: a.region,
        zone: a.zone,
        source: a.source,
        limit: a.limit,
    };
    print_items(config, &items(config, &filter).await?, a.json);
    Ok(super::Exit::Done)
}

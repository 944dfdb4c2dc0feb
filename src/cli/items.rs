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
        Access::Daemon(d) => {
            let mut q = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in [
                ("region", &filter.region),
                ("zone", &filter.zone),
                ("source", &filter.source),
            ] {
                if let Some(v) = v {
                    q.append_pair(k, v);
                }
            }
            q.append_pair("limit", &filter.limit.to_string());
            d.get_lines(&format!("api/items?{}", q.finish())).await
        }
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

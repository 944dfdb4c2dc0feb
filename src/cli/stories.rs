//! `zonefeed stories`: stories with their copies, newest first; `--rebuild` rebuilds the
//! story index from the stored items (after the rules change).

use std::sync::Arc;

use anyhow::{Result, bail};

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::publish::Scope;
use crate::query::{self, StoryFilter, StoryView};
use crate::site::Site;
use crate::store::{RebuildReport, Store};

/// Stories newest first (from the running daemon if it holds the store).
pub async fn stories(config: &Config, filter: &StoryFilter) -> Result<Vec<StoryView>> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::stories(config, &store, filter),
        Access::Daemon(d) => d.get_lines(&d.path("api/stories", filter)?).await,
    }
}

/// `zonefeed stories --rebuild`: refiles every stored item in first-seen order. Needs the
/// store itself: the daemon must be stopped (it would keep filing items meanwhile).
pub async fn rebuild_stories(config: Arc<Config>) -> Result<RebuildReport> {
    let Some(rules) = config.story_rules() else {
        bail!("stories are off ([stories] enabled = false): nothing to rebuild");
    };
    let store = Store::open(&config.service.data_dir).map_err(|e| {
        if crate::store::is_in_use(&e) {
            e.context("stop the daemon to rebuild the story index (it writes to it)")
        } else {
            e
        }
    })?;
    let report = {
        let bar =
            super::progress::Progress::new(store.count(&crate::store::Selector::All), "stories");
        store.rebuild_stories_with(&rules, |n| bar.tick_by(n))?
    };
    // Every feed lists stories as the new index says, topic feeds included.
    Site::with_store(config, store)?
        .publish(Scope::All, None)
        .await?;
    Ok(report)
}

pub fn print_rebuild(r: &RebuildReport, secs: f64) {
    println!(
        "story index rebuilt: {} items, {} joined another item's story, {} stories of several copies ({secs:.2} s); feeds republished",
        r.items, r.joined, r.stories
    );
}

pub fn print_stories(config: &Config, stories: &[StoryView], json: bool) {
    let tz = config.service.timezone;
    for s in stories {
        if json {
            match serde_json::to_string(s) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("error: {}: {e}", s.id),
            }
            continue;
        }
        let places: Vec<String> = s
            .zones
            .iter()
            .filter_map(|z| config.zone(z).map(|z| z.name.clone()))
            .chain(
                s.regions
                    .iter()
                    .filter(|_| s.zones.is_empty())
                    .map(|r| config.region_path(r)),
            )
            .collect();
        println!(
            "{} [{}] {}  ({} {})",
            s.published.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
            places.join(", "),
            s.title,
            s.copies.len(),
            if s.copies.len() == 1 {
                "copy"
            } else {
                "copies"
            }
        );
        for c in &s.copies {
            let name = config
                .source(&c.source)
                .and_then(|x| x.name.clone())
                .unwrap_or_else(|| c.source.clone());
            println!(
                "    {} {} {}{}",
                if c.primary { "*" } else { "-" },
                c.published.with_timezone(&tz).format("%m-%d %H:%M"),
                name,
                c.reason
                    .as_deref()
                    .map(|r| format!(" (joined by {r})"))
                    .unwrap_or_default()
            );
            if let Some(l) = &c.link {
                println!("      {l}");
            }
        }
    }
}

/// `zonefeed stories`' arguments.
#[derive(clap::Args)]
pub struct Args {
    /// A region id: the region and the regions below it.
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    zone: Option<String>,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
    /// Rebuild the story index from the stored items (the daemon must be stopped).
    #[arg(long, conflicts_with_all = ["region", "zone", "json"])]
    rebuild: bool,
}

pub(super) async fn run(config: Arc<Config>, a: Args) -> Result<super::Exit> {
    if a.rebuild {
        let started = std::time::Instant::now();
        let r = rebuild_stories(config).await?;
        print_rebuild(&r, started.elapsed().as_secs_f64());
    } else {
        let filter = StoryFilter {
            region: a.region,
            zone: a.zone,
            limit: a.limit,
        };
        print_stories(&config, &stories(&config, &filter).await?, a.json);
    }
    Ok(super::Exit::Done)
}

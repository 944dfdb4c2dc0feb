//! `zonefeed search QUERY`: items matching a query (README.md "Search"), newest first;
//! from the running daemon when it holds the store, else from the index in `data_dir`
//! after catching it up with the store.

use anyhow::Result;

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::query::{self, ItemView, SearchFilter};

pub async fn search(config: &Config, filter: &SearchFilter) -> Result<Vec<ItemView>> {
    // Refuse a bad query before opening anything: the message is the same either way.
    if !filter.q.trim().is_empty() || (filter.region.is_none() && filter.zone.is_none()) {
        crate::search::parse(&filter.q).map_err(|e| anyhow::anyhow!("invalid query: {e}"))?;
    }
    match open_or_daemon(config)? {
        Access::Local(store) => {
            let index = crate::search::open(config)?;
            crate::search::catch_up(config, &store, &index)?;
            // The same objects as `items --json`: with stories on, each names its story.
            query::search(config, &store, &index, filter)?
                .iter()
                .map(|i| ItemView::new(config, &store, i))
                .collect()
        }
        Access::Daemon(d) => d.get_lines(&d.path("api/search", filter)?).await,
    }
}

/// `zonefeed search`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// The query (docs/search.md): words, "phrases", OR, -exclusions, field:value.
    query: String,
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
}

pub(super) async fn run(config: &Config, a: Args) -> Result<super::Exit> {
    let filter = SearchFilter {
        q: a.query,
        region: a.region,
        zone: a.zone,
        limit: a.limit,
    };
    super::print_items(config, &search(config, &filter).await?, a.json);
    Ok(super::Exit::Done)
}

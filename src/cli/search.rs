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
        Access::Daemon(d) => {
            let mut q = url::form_urlencoded::Serializer::new(String::new());
            q.append_pair("q", &filter.q);
            for (k, v) in [("region", &filter.region), ("zone", &filter.zone)] {
                if let Some(v) = v {
                    q.append_pair(k, v);
                }
            }
            q.append_pair("limit", &filter.limit.to_string());
            d.get_lines(&format!("api/search?{}", q.finish())).await
        }
    }
}

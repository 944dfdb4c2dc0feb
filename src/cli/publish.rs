//! `zonefeed publish`: regenerates every feed from the store.

use anyhow::Result;

use crate::config::Config;
use crate::publish::{PublishReport, publish_all_with};
use crate::store::Store;

/// `zonefeed publish`: regenerates every feed from the store.
pub async fn publish(config: &Config) -> Result<PublishReport> {
    let store = Store::open(&config.service.data_dir)?;
    crate::publish::remove_stale_temp_files(&config.service.feeds_dir);
    let progress =
        super::progress::Progress::new(crate::publish::all_feeds(config).len(), "publish");
    let mut report = publish_all_with(config, &store, &|n| progress.tick_by(n))?;
    drop(progress);
    // Topic feeds come from the search index, caught up with the store first.
    if !config.topics.is_empty() {
        let index = crate::search::open(config)?;
        crate::search::catch_up(config, &store, &index)?;
        report
            .written
            .extend(crate::publish::publish_topics(config, &store, &index)?);
    }
    store.flush().await?;
    Ok(report)
}

pub fn print_publish(r: &PublishReport) {
    println!(
        "feeds: {} written, {} unchanged, {} stale removed",
        r.written.len(),
        r.unchanged,
        r.removed.len()
    );
}

//! `zonefeed publish`: regenerates every feed from the store.

use std::sync::Arc;

use anyhow::Result;

use crate::config::Config;
use crate::publish::{PublishReport, Scope};
use crate::site::Site;

/// `zonefeed publish`: regenerates every feed from the store.
pub async fn publish(config: Arc<Config>) -> Result<PublishReport> {
    let feeds = crate::publish::all_feeds(&config).len();
    let site = Site::open(config)?;
    let progress = Arc::new(super::progress::Progress::new(feeds, "publish"));
    let tick = progress.clone();
    let report = site
        .publish(Scope::All, Some(Arc::new(move |n| tick.tick_by(n))))
        .await?;
    drop(progress);
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

pub(super) async fn run(config: Arc<Config>) -> Result<super::Exit> {
    print_publish(&publish(config).await?);
    Ok(super::Exit::Done)
}

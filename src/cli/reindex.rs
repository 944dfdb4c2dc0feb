//! `zonefeed reindex`: rebuilds the search index in `data_dir/search` from the store
//! (after an upgrade that changes the analyser, or to repair an update a crash lost).
//! Needs the store to itself: sled admits one process, so stop the daemon first.

use anyhow::{Context, Result};

use crate::config::Config;
use crate::store::Store;

/// Returns how many items were indexed.
pub fn reindex(config: &Config) -> Result<usize> {
    let store = Store::open(&config.service.data_dir)
        .context("reindex needs the store to itself; stop the daemon (zonefeed run) first")?;
    let index = crate::search::open(config)?;
    let bar = super::progress::Progress::new(store.count(&crate::store::Selector::All), "reindex");
    crate::search::reindex_with(config, &store, &index, |n| bar.tick_by(n))
}

pub(super) fn run(config: &Config) -> Result<super::Exit> {
    println!("indexed {} items", reindex(config)?);
    Ok(super::Exit::Done)
}

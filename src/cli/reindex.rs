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
    crate::search::reindex(config, &store, &index)
}

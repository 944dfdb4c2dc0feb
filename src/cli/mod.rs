//! The commands behind the CLI, one per file, each a unit of work that returns an outcome
//! and a printer for it. `main.rs` parses arguments and calls these; tests call them too.
//!
//! Commands that read the store open it themselves, or, when the daemon holds it (sled
//! admits one process), ask the daemon through [`client`], with the same [`crate::query`]
//! types on both sides.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::config::{Config, Source};

mod check;
mod client;
mod digest;
mod inspect;
mod items;
mod poll;
mod progress;
mod publish;
mod reindex;
mod search;
mod sources;
mod stories;
mod subscribers;

pub use check::check;
pub use digest::{
    DigestLines, digest_preview, digest_resubscribe, digest_send, digest_send_each, print_preview,
};
pub(crate) use inspect::dry_run;
pub use inspect::{inspect, inspect_source, print_inspection, print_source_inspection};
pub use items::{items, print_items};
pub use poll::{poll_once, print_poll_summary};
pub use publish::{print_publish, publish};
pub use reindex::reindex;
pub use search::search;
pub use sources::{print_sources, sources};
pub use stories::{print_rebuild, print_stories, rebuild_stories, stories};
pub use subscribers::{export_csv, print_subscribers, subscribers, subscribers_remove};

/// Exit code for an invalid config (and `check` finding problems).
pub(crate) const EXIT_CONFIG: i32 = 2;

/// Picks the named sources (all when none are named).
pub(crate) fn select_sources<'c>(config: &'c Config, ids: &[String]) -> Result<Vec<&'c Source>> {
    if ids.is_empty() {
        return Ok(config.sources.iter().collect());
    }
    ids.iter()
        .map(|id| {
            config.source(id).with_context(|| {
                format!(
                    "unknown source {id:?} (configured: {})",
                    config
                        .sources
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect()
}

/// Loads the config for a command, printing its warnings; on errors prints them (file:line:col)
/// and returns the exit code to end with.
pub fn load_config(path: &Path) -> Result<Arc<Config>, u8> {
    match Config::load(path) {
        Ok(c) => {
            for w in &c.warnings {
                tracing::warn!("{w}");
            }
            Ok(Arc::new(c))
        }
        Err(e) => {
            eprintln!("{e}");
            Err(EXIT_CONFIG as u8)
        }
    }
}

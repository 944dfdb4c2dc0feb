//! The CLI: the arguments ([`Cli`]), one command per file, and [`run`], which `main.rs`
//! calls. Each command's file owns its clap `Args`, a unit of work that returns an
//! outcome (tests call these too), its printer, and a `run` joining them into an [`Exit`].
//! `--help` is the reference for arguments and exit codes.
//!
//! Commands that read the store open it themselves, or, when the daemon holds it (sled
//! admits one process), ask the daemon through [`client`], with the same [`crate::query`]
//! types on both sides.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::config::{Config, Source};

mod add;
mod alerts;
mod check;
mod client;
mod digest;
mod exit;
mod inspect;
mod items;
mod places;
mod poll;
mod progress;
mod publish;
mod readers;
mod reindex;
mod run;
mod search;
mod sources;
mod stories;

pub use add::print_proposal;
pub use alerts::{alerts, alerts_test, print_alerts};
pub use check::check;
pub use digest::{
    DigestLines, digest_preview, digest_resubscribe, digest_send, digest_send_each, print_preview,
};
pub use exit::Exit;
pub use inspect::{inspect, inspect_source, print_inspection, print_source_inspection};
pub use items::{items, print_items};
pub use places::{print_suggestions, suggest as suggest_zones};
pub use poll::{poll_once, print_poll_summary};
pub use publish::{Published, print_publish, publish, publish_with};
pub use readers::{export_csv, print_readers, readers, readers_remove};
pub use reindex::reindex;
pub use search::search;
pub use sources::{print_sources, sources};
pub use stories::{print_rebuild, print_stories, rebuild_stories, stories};

/// `zonefeed`'s arguments: the global `--config` and one command.
#[derive(Parser)]
#[command(
    name = "zonefeed",
    version,
    about = "Feeds and digests of China's development-zone news",
    after_help = exit::HELP
)]
pub struct Cli {
    /// Config file; relative paths inside it resolve against its folder.
    #[arg(long, global = true, default_value = "config.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

/// One command; each file of `cli/` owns its arguments, its run and its printing.
#[derive(Subcommand)]
pub enum Command {
    /// Validate the config; every problem is reported as FILE:LINE:COLUMN: message.
    #[command(after_help = "Exit status: 0 valid (warnings are printed), 2 problems found.")]
    Check,
    /// Poll all (or the named) sources once, store new items, publish affected feeds.
    #[command(after_help = "Exit status: 1 when any source failed.")]
    Poll(poll::Args),
    /// Show each source's health: last success, status, failures, next poll, flags.
    Sources(sources::Args),
    /// Regenerate every feed from the store; upload what changed to the publish targets
    /// (--sync: reconcile each target with feeds_dir).
    #[command(
        after_help = "Exit status: 1 when a publish target failed (what is left stays pending)."
    )]
    Publish(publish::Args),
    /// List stored items, newest first.
    Items(items::Args),
    /// Items matching a query, newest first (the query language: docs/search.md).
    Search(search::Args),
    /// Rebuild the search index from the store (stop the daemon first).
    Reindex,
    /// List stories (one entry per news story across sources) with their copies.
    Stories(stories::Args),
    /// Fetch and parse one feed (URL or path) and print its items; needs no config.
    /// With --source ID: a dry run of a configured source (HTML rules included), storing nothing.
    Inspect(inspect::Args),
    /// Email digests: preview, send, resubscribe.
    Digest(digest::Args),
    /// Readers who signed up through the web form ([signup]): list, remove, export.
    #[command(visible_alias = "subscribers")]
    Readers(readers::Args),
    /// Instant alerts ([[alerts]]): each one's last delivery, backlog and errors; `test ID`.
    Alerts(alerts::Args),
    /// Places: `suggest` lists zones the items name that the config lacks.
    Places(places::Args),
    /// Add a site from one URL: finds its feed, or proposes verified rules for its news
    /// list, article pages or JSON API; `--write` appends the source to the config.
    #[command(after_help = "Exit status: 1 when nothing usable was found.")]
    Add(add::Args),
    /// Run the daemon: poll each source on its interval, publish after each poll, send
    /// digests on their schedules, serve feeds over HTTP.
    Run,
}

impl Cli {
    /// The process's arguments; on a usage error clap prints it and exits with 2.
    pub fn from_env() -> Cli {
        Cli::parse()
    }

    /// `zonefeed run` logs at info and needs the process's signals; the rest log warnings.
    pub fn is_daemon(&self) -> bool {
        matches!(self.command, Command::Run)
    }
}

/// What `main` hands the daemon: cancelled on SIGTERM/Ctrl-C; a message on SIGHUP.
pub struct Signals {
    pub shutdown: CancellationToken,
    pub reload: tokio::sync::mpsc::Receiver<()>,
}

/// Runs the command. `signals` is for `zonefeed run` (main owns the process's signals).
pub async fn run(cli: Cli, signals: Option<Signals>) -> Exit {
    // Commands that need no config, or check it themselves.
    match &cli.command {
        Command::Check => return check(&cli.config),
        Command::Inspect(a) if a.source.is_none() => return inspect::run_target(a).await,
        _ => {}
    }
    let config = match load_config(&cli.config) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result = match cli.command {
        Command::Check => Ok(Exit::Done),
        Command::Poll(a) => poll::run(config, a).await,
        Command::Sources(a) => sources::run(&config, a).await,
        Command::Publish(a) => publish::run(config, a).await,
        Command::Items(a) => items::run(&config, a).await,
        Command::Search(a) => search::run(&config, a).await,
        Command::Reindex => reindex::run(&config),
        Command::Stories(a) => stories::run(config, a).await,
        Command::Inspect(a) => inspect::run_source(&config, a).await,
        Command::Digest(a) => digest::run(config, a).await,
        Command::Readers(a) => readers::run(&config, a).await,
        Command::Alerts(a) => alerts::run(config, a).await,
        Command::Places(a) => places::run(&config, a).await,
        Command::Add(a) => add::run(&config, a).await,
        Command::Run => run::run(config, signals).await,
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        Exit::Failed
    })
}

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
/// and returns the exit status to end with.
pub fn load_config(path: &Path) -> Result<Arc<Config>, Exit> {
    match Config::load(path) {
        Ok(c) => {
            for w in &c.warnings {
                tracing::warn!("{w}");
            }
            Ok(Arc::new(c))
        }
        Err(e) => {
            eprintln!("{e}");
            Err(Exit::Invalid)
        }
    }
}

//! `zonefeed places suggest`: zones the stored items name that the config lacks, with item
//! counts and likely regions, as `[[zones]]` blocks ready to paste.

use anyhow::Result;

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::query::{self, ZoneSuggestion};

/// Suggestions, most-named first (from the running daemon if it holds the store).
pub async fn suggest(config: &Config) -> Result<Vec<ZoneSuggestion>> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::suggest_zones(config, &store),
        Access::Daemon(d) => d.get_lines("api/places/suggest").await,
    }
}

pub fn print_suggestions(s: &[ZoneSuggestion], json: bool) {
    if json {
        for z in s {
            match serde_json::to_string(z) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("error: {}: {e}", z.name),
            }
        }
        return;
    }
    if s.is_empty() {
        println!("# no zones to suggest: every zone the items name is configured");
        return;
    }
    println!(
        "# {} zones the items name that config.toml lacks; paste the ones you want:\n",
        s.len()
    );
    for z in s {
        println!("{}", z.block);
    }
}

/// `zonefeed places`' arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: PlacesCommand,
}

#[derive(clap::Subcommand)]
enum PlacesCommand {
    /// Zones the stored items name that the config lacks: counts, likely regions, and
    /// `[[zones]]` blocks to paste.
    Suggest {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
}

pub(super) async fn run(config: &Config, a: Args) -> Result<super::Exit> {
    match a.command {
        PlacesCommand::Suggest { json } => print_suggestions(&suggest(config).await?, json),
    }
    Ok(super::Exit::Done)
}

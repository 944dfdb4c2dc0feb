//! `zonefeed add URL`: finds the site's feed, or proposes verified rules for its news list,
//! article pages or JSON API, with the place it guesses; prints the `[[sources]]` block (or
//! `--json`), and with `--write` appends it to the config, keeping its comments, once the
//! whole config checks.

use anyhow::Result;

use crate::config::Config;
use crate::discover::{Proposal, Wanted, discover};

/// `zonefeed add`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Any page of the site: homepage, section page, list page, or a JSON/JSONP API.
    url: String,
    /// The new source's id (default: from the host name).
    #[arg(long)]
    id: Option<String>,
    /// The region its items belong to (default: guessed from the site against the config).
    #[arg(long)]
    region: Option<String>,
    /// The zone its items belong to.
    #[arg(long)]
    zone: Option<String>,
    /// Print the proposal as one JSON object.
    #[arg(long)]
    json: bool,
    /// Append the source to the config file (comments kept; only if the config then checks).
    #[arg(long)]
    write: bool,
}

pub fn print_proposal(p: &Proposal, json: bool) {
    if json {
        match serde_json::to_string(p) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("error: {e}"),
        }
        return;
    }
    let what = match p.kind {
        crate::discover::Kind::Feed => "a feed",
        crate::discover::Kind::Html => "a news list (rules below)",
        crate::discover::Kind::Json => "a JSON list (rules below)",
    };
    println!("found {what}: {}", p.url);
    println!(
        "reads {} items now, {} with dates; {} requests",
        p.items, p.dated, p.requests
    );
    if let Some(n) = &p.next_page {
        println!("next page: {n}");
    }
    for s in &p.sections {
        println!(
            "section {} {}: {} items, {} with dates",
            s.text, s.url, s.items, s.dated
        );
    }
    println!("place: {}", p.place_note);
    for s in &p.sample {
        println!(
            "  {}  {}  {}",
            s.published.as_deref().unwrap_or("(no date)"),
            s.title,
            s.link.as_deref().unwrap_or("")
        );
    }
    println!();
    print!("{}", p.block);
}

pub(super) async fn run(config: &Config, a: Args) -> Result<super::Exit> {
    let wanted = Wanted {
        id: a.id,
        region: a.region,
        zone: a.zone,
    };
    if let Some(r) = &wanted.region
        && config.region(r).is_none()
    {
        anyhow::bail!("unknown region {r:?}");
    }
    if let Some(z) = &wanted.zone
        && config.zone(z).is_none()
    {
        anyhow::bail!("unknown zone {z:?}");
    }
    let p = discover(config, &a.url, &wanted).await?;
    print_proposal(&p, a.json);
    if a.write {
        if p.region.is_none() {
            anyhow::bail!("not written: the region is unsure; give --region");
        }
        crate::config::write::append_source(&config.path, &p.block)?;
        if !a.json {
            println!("\nwritten to {}", config.path.display());
        }
    }
    Ok(super::Exit::Done)
}

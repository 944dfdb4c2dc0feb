//! `zonefeed readers [--json] | remove ADDRESS | export`: the readers who signed up
//! through the web form (`[signup]`), read from the store or, while the daemon holds it,
//! through its API, in the same [`ReaderView`] rows.
//!
//! Invariant: the CSV export is safe to open in a spreadsheet: fields are quoted as
//! RFC 4180 says, and a field that a spreadsheet would run as a formula (starting with
//! `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`; addresses come from strangers.

use anyhow::Result;
use chrono::{SecondsFormat, Utc};

use super::client::{Access, open_or_daemon};
use crate::config::Config;
use crate::query::{self, ReaderView};

/// Every reader, oldest sign-up first.
pub async fn readers(config: &Config) -> Result<Vec<ReaderView>> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::readers(&store),
        Access::Daemon(d) => d.get_lines("api/readers").await,
    }
}

/// `zonefeed readers remove ADDRESS`: true if a reader was removed.
pub async fn readers_remove(config: &Config, address: &str) -> Result<bool> {
    match open_or_daemon(config)? {
        Access::Local(store) => query::remove_reader(&store, address, Utc::now()).await,
        Access::Daemon(d) => {
            let form = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("address", address)
                .finish();
            let body = d.post_form("api/readers/remove", form).await?;
            Ok(serde_json::from_slice(&body)?)
        }
    }
}

fn time(t: Option<chrono::DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// A table, or with `json` one object per line.
pub fn print_readers(rows: &[ReaderView], json: bool) {
    if json {
        for r in rows {
            if let Ok(l) = serde_json::to_string(r) {
                println!("{l}");
            }
        }
        return;
    }
    let w = rows
        .iter()
        .map(|r| r.address.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    println!(
        "{:w$}  {:12}  {:7}  {:20}  {:20}  CHOICES",
        "ADDRESS", "STATUS", "FREQ", "CREATED", "CONFIRMED"
    );
    for r in rows {
        let mut choices: Vec<String> = r.regions.iter().map(|x| format!("region:{x}")).collect();
        choices.extend(r.zones.iter().map(|x| format!("zone:{x}")));
        choices.extend(r.topics.iter().map(|x| format!("topic:{x}")));
        println!(
            "{:w$}  {:12}  {:7}  {:20}  {:20}  {}",
            r.address,
            r.status,
            r.frequency,
            time(Some(r.created)),
            time(r.confirmed),
            choices.join(" ")
        );
    }
    println!(
        "{} reader{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
}

/// One CSV field: quoted when needed, defused when a spreadsheet would run it.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `zonefeed readers export`: CSV with a header line, CRLF line ends (RFC 4180).
pub fn export_csv(rows: &[ReaderView]) -> String {
    let mut out = String::from(
        "address,status,frequency,regions,zones,topics,created,confirmed,unsubscribed\r\n",
    );
    for r in rows {
        let fields = [
            r.address.clone(),
            r.status.clone(),
            r.frequency.clone(),
            r.regions.join(" "),
            r.zones.join(" "),
            r.topics.join(" "),
            time(Some(r.created)),
            time(r.confirmed),
            time(r.unsubscribed),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `zonefeed readers`' arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// One JSON object per line (address, status, choices, created, confirmed).
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Delete a reader and all kept about it (its address stays suppressed).
    #[command(after_help = "Exit status: 1 when no reader has that address.")]
    Remove { address: String },
    /// Every reader as CSV on standard output.
    Export,
}

pub(super) async fn run(config: &Config, a: Args) -> Result<super::Exit> {
    match a.command {
        None => print_readers(&readers(config).await?, a.json),
        Some(Command::Export) => print!("{}", export_csv(&readers(config).await?)),
        Some(Command::Remove { address }) => {
            if !readers_remove(config, &address).await? {
                eprintln!("{address}: no such reader");
                return Ok(super::Exit::Failed);
            }
            println!("{address}: removed (its address stays suppressed)");
        }
    }
    Ok(super::Exit::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("a@b.cn"), "a@b.cn");
        assert_eq!(
            csv_field("=HYPERLINK(\"x\")@b.cn"),
            "\"'=HYPERLINK(\"\"x\"\")@b.cn\""
        );
        assert_eq!(csv_field("+1@b.cn"), "'+1@b.cn");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}

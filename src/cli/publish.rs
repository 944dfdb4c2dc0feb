//! `zonefeed publish [--sync] [--json]`: regenerates every feed from the store; with
//! publish targets, uploads what changed (waiting at most each target's `wait`); with
//! `--sync`, then lists each target and reconciles it with `feeds_dir`.
//!
//! Invariant: what is printed names a target by its id, bucket, prefix and host, never a
//! credential.

use std::sync::Arc;

use anyhow::Result;

use crate::config::Config;
use crate::publish::{PublishReport, Scope};
use crate::query::TargetView;
use crate::site::Site;
use crate::target::SyncReport;

/// `zonefeed publish`' arguments.
#[derive(clap::Args, Default)]
pub struct Args {
    /// Then list each publish target and make it hold exactly feeds_dir: put what is
    /// missing or different, delete what is not here.
    #[arg(long)]
    pub sync: bool,
    /// One JSON object: the publish, each target's delivery, and each sync.
    #[arg(long)]
    pub json: bool,
}

/// What a `zonefeed publish` did.
pub struct Published {
    pub report: PublishReport,
    /// Each target's counters before and after the publish (its uploads included).
    pub targets: Vec<(TargetView, TargetView)>,
    pub syncs: Vec<SyncReport>,
}

/// `zonefeed publish`: regenerates every feed from the store.
pub async fn publish(config: Arc<Config>) -> Result<PublishReport> {
    Ok(publish_with(config, &Args::default()).await?.report)
}

/// [`publish`], then each target's uploads and, with `--sync`, its reconciliation.
pub async fn publish_with(config: Arc<Config>, args: &Args) -> Result<Published> {
    let feeds = crate::publish::all_feeds(&config).len();
    let mut site = Site::open(config.clone())?;
    if args.sync {
        site.defer_uploads();
    }
    let before = crate::query::targets(&config, &site.store)?;
    let progress = Arc::new(super::progress::Progress::new(feeds, "publish"));
    let tick = progress.clone();
    let report = site
        .publish(Scope::All, Some(Arc::new(move |n| tick.tick_by(n))))
        .await?;
    drop(progress);
    let syncs = if args.sync {
        site.targets().sync().await
    } else {
        Vec::new()
    };
    let after = crate::query::targets(&config, &site.store)?;
    site.store.flush().await?;
    Ok(Published {
        report,
        targets: before.into_iter().zip(after).collect(),
        syncs,
    })
}

pub fn print_publish(r: &PublishReport) {
    println!(
        "feeds: {} written, {} unchanged, {} stale removed",
        r.written.len(),
        r.unchanged,
        r.removed.len()
    );
}

/// Names of a list, at most `max` of them, then how many more.
fn print_names(verb: &str, names: &[String], max: usize) {
    for n in names.iter().take(max) {
        println!("  {verb} {n}");
    }
    if names.len() > max {
        println!("  … and {} more to {verb}", names.len() - max);
    }
}

/// Where a target stands: what is pending, and its failure if it is failing.
pub(super) fn target_status(t: &TargetView) -> String {
    let mut line = format!(
        "target {} ({} at {}): {} pending",
        t.id, t.url, t.endpoint, t.pending
    );
    if let Some(e) = &t.last_error {
        line.push_str(&format!(
            "; failing ({} in a row; retried by the next publish or the daemon): {e}",
            t.failures
        ));
    }
    line
}

fn print_targets(p: &Published) {
    for (before, after) in &p.targets {
        let status = target_status(after);
        let (head, tail) = status.split_once(": ").unwrap_or((&status, ""));
        println!(
            "{head}: {} uploaded, {} deleted, {tail}",
            after.uploaded.saturating_sub(before.uploaded),
            after.deleted.saturating_sub(before.deleted),
        );
    }
    for s in &p.syncs {
        println!(
            "sync {}: {} listed there, {} here: {} uploaded ({} bytes), {} deleted, {} unchanged, {} failed ({} ms)",
            s.to,
            s.listed,
            s.local,
            s.uploaded.len(),
            s.bytes_uploaded,
            s.deleted.len(),
            s.unchanged,
            s.failed.len(),
            s.ms
        );
        print_names("put", &s.uploaded, 50);
        print_names("delete", &s.deleted, 50);
        for f in s.failed.iter().take(20) {
            if f.path.is_empty() {
                println!("  failed: {}", f.error);
            } else {
                println!("  failed {}: {}", f.path, f.error);
            }
        }
    }
}

/// Exit 1 when a sync failed or a target is left failing.
fn exit_of(p: &Published) -> super::Exit {
    let failing = p.syncs.iter().any(|s| !s.failed.is_empty())
        || p.targets.iter().any(|(_, a)| a.failures > 0);
    super::Exit::failed_if(failing)
}

pub(super) async fn run(config: Arc<Config>, args: Args) -> Result<super::Exit> {
    let p = publish_with(config, &args).await?;
    if args.json {
        let targets: Vec<&TargetView> = p.targets.iter().map(|(_, a)| a).collect();
        let out = serde_json::json!({
            "written": p.report.written.len(),
            "unchanged": p.report.unchanged,
            "removed": p.report.removed.len(),
            "targets": targets,
            "uploaded": p.targets.iter().map(|(b, a)| a.uploaded.saturating_sub(b.uploaded)).sum::<u64>(),
            "deleted": p.targets.iter().map(|(b, a)| a.deleted.saturating_sub(b.deleted)).sum::<u64>(),
            "sync": p.syncs,
        });
        println!("{out}");
    } else {
        print_publish(&p.report);
        print_targets(&p);
    }
    Ok(exit_of(&p))
}

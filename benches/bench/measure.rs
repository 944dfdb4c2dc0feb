//! How the benchmarks time a whole process, shared by `bench` and `scale`: the kernel's own
//! accounting of the finished child (wait4), Python feedparser's parse time of a set of
//! files, the peer both compare against, and the daemon's publish after a one-item poll.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// What one command cost: wall seconds, CPU seconds (user + system, reaped children
/// included: steadier than wall on a shared machine) and peak RSS in KiB.
#[derive(Default, Clone, Copy)]
pub struct Cost {
    pub wall: f64,
    pub cpu: f64,
    pub peak_kib: i64,
}

/// Runs `cmd` with its output discarded and returns what it cost.
pub fn run(cmd: &mut Command) -> Cost {
    let t = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn benchmark command (the release binary: cargo build --release)");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for the child we spawned; `status` and `usage` outlive the call.
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    // Reaped by wait4: dropping `child` must not wait again.
    std::mem::forget(child);
    let secs = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    Cost {
        wall: t.elapsed().as_secs_f64(),
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        peak_kib: usage.ru_maxrss,
    }
}

/// Seconds Python feedparser takes to parse `files` (the median of three passes in one
/// process); None when python3 or feedparser is missing.
pub fn feedparser_seconds(files: &[PathBuf]) -> Option<f64> {
    let script = "import sys,time,feedparser\nfiles=sys.argv[1:]\nruns=[]\nfor _ in range(3):\n    t=time.perf_counter()\n    n=sum(len(feedparser.parse(f).entries) for f in files)\n    runs.append(time.perf_counter()-t)\nruns.sort()\nprint(runs[1], n)";
    Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(files)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .and_then(|s| s.parse::<f64>().ok())
        })
}

/// What the daemon does after a poll stored one new item: store `item`, then publish the
/// feeds it touched and `index.html`, with no scan for missing files (as
/// `daemon/engine.rs` does). Returns the publish's seconds and the files it wrote.
pub fn store_and_publish_one(
    config: &zonefeed::config::Config,
    store: &zonefeed::store::Store,
    item: &zonefeed::model::Item,
) -> (f64, usize) {
    store
        .upsert(std::slice::from_ref(item), chrono::Utc::now())
        .expect("store one");
    let mut affected = zonefeed::publish::Affected::default();
    affected.add_item(config, item);
    let t = Instant::now();
    let r =
        zonefeed::publish::publish_affected(config, store, &affected, false).expect("publish one");
    (t.elapsed().as_secs_f64(), r.written.len())
}

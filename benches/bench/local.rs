//! Issue 20's end-to-end figure: `zonefeed poll` of 200 local feeds, the whole command (start,
//! config, store open, read, parse, sanitise, classify, store, stories, flush), against
//! Python feedparser only parsing the same files; and the same feeds re-polled with nothing
//! new against `sfeed` (Debian's C streaming parser) reading them.
//!
//! A re-poll is measured twice: as it runs day to day (a `file:` source whose size, mtime and
//! inode are unchanged is not read: one `stat`), and with every file touched first, so each is
//! read, parsed, sanitised and compared with the store item by item: the work sfeed's parse
//! is compared with. Every command is a separate process timed from outside (wait4: wall,
//! user + system CPU, peak RSS), three runs each, medians.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::measure::{Cost, feedparser_seconds, run};

pub struct LocalResult {
    pub files: usize,
    pub bytes: usize,
    pub items: usize,
    pub first_poll: Vec<Cost>,
    pub feedparser: Option<f64>,
    pub repoll_stat: Vec<Cost>,
    pub repoll_read: Vec<Cost>,
    pub sfeed: Option<Vec<Cost>>,
}

pub fn median(v: &[Cost], f: impl Fn(&Cost) -> f64) -> f64 {
    let mut x: Vec<f64> = v.iter().map(f).collect();
    x.sort_by(|a, b| a.total_cmp(b));
    x.get(x.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Writes the 200 documents as `file:` sources (10 cities, 20 zones) and measures.
pub fn bench_local(dir: &Path, bin: &Path, docs: &[String], items: usize) -> LocalResult {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let mut config = String::from("[[regions]]\nid = \"js\"\nname = \"江苏省\"\n");
    for c in 0..10 {
        config.push_str(&format!(
            "[[regions]]\nid = \"c{c}\"\nname = \"市{c}\"\nparent = \"js\"\n"
        ));
    }
    for z in 0..20 {
        config.push_str(&format!(
            "[[zones]]\nid = \"z{z}\"\nname = \"第{z}开发区\"\nregion = \"c{}\"\n",
            z % 10
        ));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    let mut bytes = 0;
    for (i, d) in docs.iter().enumerate() {
        let p = dir.join(format!("src/{i}.xml"));
        std::fs::write(&p, d).expect("write feed");
        bytes += d.len();
        files.push(p);
        config.push_str(&format!(
            "[[sources]]\nid = \"s{i}\"\nurl = \"file:src/{i}.xml\"\nregion = \"c{}\"\nzone = \"z{}\"\n",
            i % 10,
            i % 20
        ));
    }
    std::fs::write(dir.join("config.toml"), config).expect("config");
    let poll = || run(Command::new(bin).current_dir(dir).arg("poll"));
    let fresh = || {
        let _ = std::fs::remove_dir_all(dir.join("data"));
        let _ = std::fs::remove_dir_all(dir.join("feeds"));
    };

    let mut first_poll = Vec::new();
    for _ in 0..3 {
        fresh();
        first_poll.push(poll());
    }
    let repoll_stat: Vec<Cost> = (0..3).map(|_| poll()).collect();
    let mut repoll_read = Vec::new();
    for round in 1..=3u64 {
        // Same bytes, new mtime: the validator no longer matches, so every file is read.
        let t = std::time::SystemTime::now() + std::time::Duration::from_secs(round);
        for f in &files {
            if let Ok(h) = std::fs::File::options().append(true).open(f) {
                let _ = h.set_modified(t);
            }
        }
        repoll_read.push(poll());
    }

    let feedparser = feedparser_seconds(&files);
    // One sfeed process per feed, as its sfeed_update runs it.
    let sfeed = Command::new("sfeed")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .is_ok()
        .then(|| {
            (0..3)
                .map(|_| {
                    run(Command::new("bash")
                        .current_dir(dir)
                        .arg("-c")
                        .arg("for f in src/*.xml; do sfeed < \"$f\" || exit 1; done > /dev/null"))
                })
                .collect()
        });
    LocalResult {
        files: files.len(),
        bytes,
        items,
        first_poll,
        feedparser,
        repoll_stat,
        repoll_read,
        sfeed,
    }
}

/// The section for BENCHMARKS.md.
pub fn markdown(r: &LocalResult) -> String {
    let cell = |v: &[Cost]| {
        format!(
            "{} ({:.3} s CPU, {:.0} MB)",
            v.iter()
                .map(|c| format!("{:.3}", c.wall))
                .collect::<Vec<_>>()
                .join(", "),
            median(v, |c| c.cpu),
            median(v, |c| c.peak_kib as f64) / 1024.0
        )
    };
    let poll = median(&r.first_poll, |c| c.wall);
    let read = median(&r.repoll_read, |c| c.wall);
    let mut md = format!(
        "## 10. Local feeds end to end\n\n{} `file:` sources ({:.1} MB, {} items: the ingest documents of table 1), each `zonefeed poll` a whole process (start, config, store open, read, parse, sanitise, classify, store with stories, flush), three runs each, wall seconds (median CPU, peak RSS).\n\n| command | runs (s) | median |\n|---|---|---:|\n",
        r.files,
        r.bytes as f64 / 1e6,
        r.items
    );
    md.push_str(&format!(
        "| first `poll`, empty store | {} | **{poll:.3} s** |\n",
        cell(&r.first_poll)
    ));
    md.push_str(&format!(
        "| re-poll, nothing new (a `stat` per file) | {} | {:.3} s |\n",
        cell(&r.repoll_stat),
        median(&r.repoll_stat, |c| c.wall)
    ));
    md.push_str(&format!(
        "| re-poll, nothing new, every file touched (read, parse, sanitise, compare) | {} | **{read:.3} s** |\n",
        cell(&r.repoll_read)
    ));
    if let Some(s) = &r.sfeed {
        md.push_str(&format!(
            "| sfeed 1.7 (C), one process per file, same files | {} | {:.3} s |\n",
            cell(s),
            median(s, |c| c.wall)
        ));
    }
    md.push('\n');
    match r.feedparser {
        Some(fp) => md.push_str(&format!(
            "Python feedparser 6.0.11 only parsing the same files (median of 3 in one process): {fp:.3} s. The whole first `poll` is **{:.1}×** faster (target ≥ 20×).\n",
            fp / poll
        )),
        None => md.push_str("feedparser is not installed: no ratio.\n"),
    }
    if let Some(s) = &r.sfeed {
        let sf = median(s, |c| c.wall);
        md.push_str(&format!(
            "Re-poll with every file read: **{:.2}×** sfeed's time (target ≤ 2×); as it runs day to day (validators), {:.2}×.\n",
            read / sf,
            median(&r.repoll_stat, |c| c.wall) / sf
        ));
    }
    md
}

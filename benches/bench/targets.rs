//! Publish targets at full size: the 2,801 feeds of 300 regions and 2,500 zones (2,500
//! `file:` sources × `ZF_BENCH_TARGET_ITEMS` items, 40 by default: 100,000 items), about
//! 11,200 files, mirrored to s3s-fs on loopback (release binaries, one process per command).
//! Measured: `publish --sync` into the empty bucket and again with everything in place, a
//! one-item `poll --source s0` with the target on beside the same poll without it, and the
//! files each put (counted from the objects s3s-fs rewrote, by modification time).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Instant, SystemTime};

const TEXT: &str = "南通高新技术产业开发区举行重大项目集中签约仪式，十二个先进制造业项目现场签约，总投资五十二亿元。";
const BUCKET: &str = "feeds";

pub struct TargetsRun {
    pub items: usize,
    pub files: usize,
    pub bytes: u64,
    /// `publish --sync` into the empty bucket: wall s, the sync's own ms, objects put, peak KiB.
    pub first_sync: (f64, u64, usize, i64),
    /// Again with everything in place: wall s, the sync's ms, objects put, peak KiB.
    pub second_sync: (f64, u64, usize, i64),
    /// One-item poll without the target, with it: median wall ms of 3, peak KiB.
    pub one_plain: (f64, i64),
    pub one_target: (f64, i64),
    /// Objects put by each one-item poll with the target.
    pub one_files: Vec<usize>,
}

fn feed(i: usize, items: usize, version: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>源{i}</title><link>http://s{i}.example.cn/</link><description>d</description>"
    );
    for j in 0..items + version {
        let _ = write!(
            s,
            "<item><title>第{i}号源 新闻{j} 项目签约</title><link>http://s{i}.example.cn/{j}.html</link><guid>s{i}-{j}</guid><pubDate>2026-11-{:02} 10:{:02}:00 +0800</pubDate><description>{TEXT}</description></item>",
            1 + j % 28,
            j % 60
        );
    }
    s.push_str("</channel></rss>");
    s
}

/// The install: the places and sources of `benches/scale.rs`; `config.toml` with the
/// target, `plain.toml` without (the same store and feeds).
fn generate(dir: &Path, items: usize, endpoint: &str) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let mut c = String::from("[service]\nbase_url = \"http://feeds.example.cn/\"\n");
    for p in 0..10 {
        let _ = write!(c, "[[regions]]\nid = \"p{p}\"\nname = \"省{p}\"\n");
    }
    for k in 0..290 {
        let _ = write!(
            c,
            "[[regions]]\nid = \"c{k}\"\nname = \"市{k}\"\nparent = \"p{}\"\n",
            k % 10
        );
    }
    for z in 0..2500 {
        let _ = write!(
            c,
            "[[zones]]\nid = \"z{z}\"\nname = \"第{z}开发区\"\nregion = \"c{}\"\n",
            z % 290
        );
    }
    for i in 0..2500 {
        let _ = write!(
            c,
            "[[sources]]\nid = \"s{i}\"\nurl = \"file:src/{i}.xml\"\nregion = \"c{}\"\nzone = \"z{i}\"\n",
            i % 290
        );
        std::fs::write(dir.join(format!("src/{i}.xml")), feed(i, items, 0)).expect("feed");
    }
    std::fs::write(dir.join("plain.toml"), &c).expect("config");
    let _ = write!(
        c,
        "[[publish.targets]]\nurl = \"s3://{BUCKET}/zonefeed\"\nendpoint = \"{endpoint}\"\npath_style = true\naccess_key_id_env = \"ZF_BENCH_S3_KEY\"\nsecret_access_key_env = \"ZF_BENCH_S3_SECRET\"\ncache_control = \"max-age=300\"\nwait = \"10m\"\n"
    );
    std::fs::write(dir.join("config.toml"), c).expect("config");
}

fn s3s_fs() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let bin = home.join("bin/s3s-fs");
    if bin.is_file() {
        return Some(bin);
    }
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("s3s-fs"))
            .find(|p| p.is_file())
    })
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Object path → modification time, below `dir`.
fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => dirs.push(e.path()),
                Ok(m) => {
                    out.insert(e.path(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH));
                }
                Err(_) => {}
            }
        }
    }
    out
}

fn rewritten(
    before: &BTreeMap<PathBuf, SystemTime>,
    after: &BTreeMap<PathBuf, SystemTime>,
) -> usize {
    after
        .iter()
        .filter(|(k, t)| before.get(*k) != Some(*t))
        .count()
}

/// `zonefeed publish --sync --json`: wall s, the sync's ms, objects put, peak KiB.
fn sync(dir: &Path) -> (f64, u64, usize, i64) {
    let t = Instant::now();
    let (code, out, kib) = super::run_measured(dir, &["publish", "--sync", "--json"]);
    let wall = t.elapsed().as_secs_f64();
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    let s = &v["sync"][0];
    eprintln!(
        "targets: sync {} ms: listing {} ms, hashing {} ms",
        s["ms"], s["list_ms"], s["hash_ms"]
    );
    (
        wall,
        s["ms"].as_u64().unwrap_or(0),
        s["uploaded"].as_array().map_or(0, Vec::len),
        kib,
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub fn run(dir: &Path) -> Option<TargetsRun> {
    let Some(bin) = s3s_fs() else {
        eprintln!(
            "targets: s3s-fs is not installed; skipped (cargo install s3s-fs --version 0.14.1 --features binary --locked)"
        );
        return None;
    };
    let items: usize = std::env::var("ZF_BENCH_TARGET_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let _ = std::fs::remove_dir_all(dir);
    let data = dir.join("s3");
    std::fs::create_dir_all(data.join(BUCKET)).expect("bucket");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let _server = Server(
        Command::new(bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", "benchkey", "--secret-key", "benchsecret"])
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("s3s-fs"),
    );
    // SAFETY: set before the children are spawned; read by them only.
    unsafe {
        std::env::set_var("ZF_BENCH_S3_KEY", "benchkey");
        std::env::set_var("ZF_BENCH_S3_SECRET", "benchsecret");
    }
    let site = dir.join("site");
    generate(&site, items, &format!("http://127.0.0.1:{port}"));
    let t = Instant::now();
    let (code, out, _) = super::run_measured(&site, &["--config", "plain.toml", "poll"]);
    assert_eq!(code, 0, "{out}");
    eprintln!(
        "targets: {} items stored and published in {:.1} s",
        2500 * items,
        t.elapsed().as_secs_f64()
    );
    let local = mtimes(&site.join("feeds"));
    let bytes = local
        .keys()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let first_sync = sync(&site);
    let second_sync = sync(&site);
    eprintln!(
        "targets: sync {:.1} s, again {:.1} s",
        first_sync.0, second_sync.0
    );
    let objects = data.join(BUCKET);
    let (mut plain, mut with, mut one_files) = (Vec::new(), Vec::new(), Vec::new());
    let (mut plain_kib, mut with_kib) = (0, 0);
    for k in 0..3 {
        // Without the target: the item's files written, nothing sent; then with the target
        // a new item again, its files put (the plain run's changes were put by the catch-up
        // scan of the first targeted run; each is a run of its own below).
        std::fs::write(site.join("src/0.xml"), feed(0, items, 2 * k + 1)).expect("feed");
        let t = Instant::now();
        let (code, out, kib) =
            super::run_measured(&site, &["--config", "plain.toml", "poll", "--source", "s0"]);
        plain.push(t.elapsed().as_secs_f64() * 1000.0);
        plain_kib = plain_kib.max(kib);
        assert_eq!(code, 0, "{out}");
        // The catch-up of what the plain run wrote (not timed).
        let (code, out, _) = super::run_measured(&site, &["publish"]);
        assert_eq!(code, 0, "{out}");
        std::fs::write(site.join("src/0.xml"), feed(0, items, 2 * k + 2)).expect("feed");
        let before = mtimes(&objects);
        let t = Instant::now();
        let (code, out, kib) = super::run_measured(&site, &["poll", "--source", "s0"]);
        with.push(t.elapsed().as_secs_f64() * 1000.0);
        with_kib = with_kib.max(kib);
        assert_eq!(code, 0, "{out}");
        let put = rewritten(&before, &mtimes(&objects));
        one_files.push(put);
    }
    Some(TargetsRun {
        items: 2500 * items,
        files: local.len(),
        bytes,
        first_sync,
        second_sync,
        one_plain: (median(plain), plain_kib),
        one_target: (median(with), with_kib),
        one_files,
    })
}

pub fn markdown(r: &TargetsRun) -> String {
    let mb = |kib: i64| kib as f64 / 1024.0;
    format!(
        "## 14. Publish targets (issue 32)\n\n{} items over 2,801 feeds (300 regions, 2,500 zones): {} files, {:.1} MB, mirrored to s3s-fs 0.14.1 on loopback (`cargo bench --bench bench -- --only=targets`; release binaries, one process per command, peak RSS from wait4).\n\n| run | wall | of it, the sync | objects put | peak RSS |\n|---|---:|---:|---:|---:|\n| `publish --sync`, empty bucket | {:.2} s | {:.2} s | {} | {:.0} MB |\n| `publish --sync`, all in place | {:.2} s | {:.2} s | {} | {:.0} MB |\n\n| one-item `poll --source s0` | wall (median of 3) | objects put | peak RSS |\n|---|---:|---:|---:|\n| without a target | {:.0} ms | — | {:.0} MB |\n| with the target | {:.0} ms | {} | {:.0} MB |\n",
        r.items,
        r.files,
        r.bytes as f64 / 1e6,
        r.first_sync.0,
        r.first_sync.1 as f64 / 1000.0,
        r.first_sync.2,
        mb(r.first_sync.3),
        r.second_sync.0,
        r.second_sync.1 as f64 / 1000.0,
        r.second_sync.2,
        mb(r.second_sync.3),
        r.one_plain.0,
        mb(r.one_plain.1),
        r.one_target.0,
        r.one_files
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        mb(r.one_target.1),
    )
}

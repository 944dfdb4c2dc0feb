//! Growth curves (issue 20): the release binary against the number of sources (1k, 5k, 20k,
//! 50k) and of items (10k, 100k, 1M), on generated `file:` sources in the shape of the whole
//! field (300 regions: 10 provinces of 29 cities; 2,500 zones). Prints Markdown tables and
//! writes `benches/scale.svg`, the curves on log-log axes, so a straight line of slope 1 is
//! linear growth and anything steeper is not.
//!
//! `cargo bench --bench scale -- [--sizes=1000x2,5000x2] [--out=DIR]` (sources x items per
//! source); `scripts/bench --only=scale` runs the default set. Every command is a separate
//! process, timed from outside, peak memory from the kernel's own accounting (wait4).

#[path = "../tests/common/mod.rs"]
mod common;
// Shared with `bench`; this one does not compare with feedparser.
#[allow(dead_code)]
#[path = "bench/measure.rs"]
mod measure;

use measure::Cost;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Utc;
use zonefeed::config::Config;
use zonefeed::store::Store;

const TEXT: &str = "南通高新技术产业开发区举行重大项目集中签约仪式，十二个先进制造业项目现场签约，总投资五十二亿元。";
const CITIES: usize = 290;
const PROVINCES: usize = 10;
const ZONES: usize = 2500;

fn bin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/zonefeed")
}

fn run(dir: &Path, args: &[&str]) -> Cost {
    measure::run(Command::new(bin()).current_dir(dir).args(args))
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

/// Writes the install: config, one feed file per source.
fn generate(dir: &Path, sources: usize, items: usize) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0);
    let mut c = format!(
        "[service]\nlisten = \"127.0.0.1:{port}\"\nbase_url = \"http://127.0.0.1:{port}/\"\n[poll]\ninterval = \"6h\"\n"
    );
    for p in 0..PROVINCES {
        let _ = write!(c, "[[regions]]\nid = \"p{p}\"\nname = \"省{p}\"\n");
    }
    for k in 0..CITIES {
        let _ = write!(
            c,
            "[[regions]]\nid = \"c{k}\"\nname = \"市{k}\"\nparent = \"p{}\"\n",
            k % PROVINCES
        );
    }
    for z in 0..ZONES {
        let _ = write!(
            c,
            "[[zones]]\nid = \"z{z}\"\nname = \"第{z}开发区\"\nregion = \"c{}\"\n",
            z % CITIES
        );
    }
    for i in 0..sources {
        let z = i % ZONES;
        let _ = write!(
            c,
            "[[sources]]\nid = \"s{i}\"\nurl = \"file:src/{i}.xml\"\nregion = \"c{}\"\nzone = \"z{z}\"\n",
            z % CITIES
        );
        std::fs::write(dir.join(format!("src/{i}.xml")), feed(i, items, 0)).expect("feed");
    }
    std::fs::write(dir.join("config.toml"), c).expect("config");
}

fn du(path: &Path) -> u64 {
    let mut n = 0;
    if let Ok(rd) = std::fs::read_dir(path) {
        for e in rd.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => n += du(&e.path()),
                Ok(m) => n += m.len(),
                Err(_) => {}
            }
        }
    }
    n
}

#[derive(Default, Clone)]
struct Row {
    sources: usize,
    items: usize,
    check: Cost,
    first_poll: Cost,
    repoll: Cost,
    publish_all: Cost,
    one_item: Cost,
    /// Milliseconds, median of 5: the daemon's publish after a poll stored one item.
    publish_one_ms: f64,
    publish_one_files: usize,
    items_zone: Cost,
    store_mb: f64,
    idle_kib: i64,
}

fn measure(dir: &Path, sources: usize, per: usize) -> Row {
    let _ = std::fs::remove_dir_all(dir);
    generate(dir, sources, per);
    let mut r = Row {
        sources,
        items: sources * per,
        ..Row::default()
    };
    r.check = run(dir, &["check"]);
    r.first_poll = run(dir, &["poll"]);
    r.repoll = run(dir, &["poll"]);
    r.store_mb = du(&dir.join("data")) as f64 / 1e6;
    r.publish_all = run(dir, &["publish"]);
    // One new item on one source: its poll, store and the publish of its 13 feeds.
    std::fs::write(dir.join("src/0.xml"), feed(0, per, 1)).expect("feed");
    r.one_item = run(dir, &["poll", "--source", "s0"]);
    (r.publish_one_ms, r.publish_one_files) = publish_one(dir);
    let mut zone: Vec<Cost> = (0..5)
        .map(|_| run(dir, &["items", "--zone", "z7", "--limit", "20"]))
        .collect();
    zone.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    r.items_zone = zone[2];
    r.idle_kib = common::idle_rss(&bin(), dir).rss_kib;
    eprintln!(
        "scale: {sources} sources x {per}: first poll {:.1} s ({:.1} s CPU), re-poll {:.1} s ({:.1} s CPU)",
        r.first_poll.wall, r.first_poll.cpu, r.repoll.wall, r.repoll.cpu
    );
    r
}

/// The daemon's publish after a poll stored one new item ([`measure::store_and_publish_one`]),
/// timed inside this process on the store the commands above filled: median of 5 in
/// milliseconds, and the number of files the last one wrote.
fn publish_one(dir: &Path) -> (f64, usize) {
    let config = Config::load(&dir.join("config.toml")).expect("config");
    let store = Store::open(&config.service.data_dir).expect("store");
    let model = store.get("s0", "s0-0").expect("read").expect("item s0-0");
    let mut runs = Vec::new();
    let mut files = 0;
    for k in 0..5 {
        let mut it = model.clone();
        it.id = format!("bench-one-{k}");
        it.title = format!("{} 第{k}条", it.title);
        it.published = Utc::now();
        it.seq = 0;
        let (s, written) = measure::store_and_publish_one(&config, &store, &it);
        runs.push(s * 1000.0);
        files = written;
    }
    runs.sort_by(f64::total_cmp);
    (runs[2], files)
}

/// `zonefeed digest send --now` for `n` subscriptions (10 city regions, 200 items) to the
/// in-process fast SMTP sink: (cost, messages accepted).
fn digests(dir: &Path, n: usize) -> (Cost, usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let (port, count) = common::fast_smtp_sink();
    let mut c = format!(
        "[mail]\ntransport = \"smtp\"\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"投促中国 <digest@example.cn>\"\n[service]\ntemplates_dir = \"{}\"\n[[regions]]\nid = \"js\"\nname = \"江苏省\"\n",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates")
            .display()
    );
    for k in 0..10 {
        let _ = write!(
            c,
            "[[regions]]\nid = \"c{k}\"\nname = \"市{k}\"\nparent = \"js\"\n[[sources]]\nid = \"s{k}\"\nurl = \"file:src/{k}.xml\"\nregion = \"c{k}\"\n"
        );
        std::fs::write(dir.join(format!("src/{k}.xml")), feed(k, 20, 0)).expect("feed");
    }
    for i in 0..n {
        let _ = write!(
            c,
            "[[subscriptions]]\nid = \"u{i}\"\nemail = \"user{i}@example.com\"\nregions = [\"c{}\"]\nschedule = \"0 0 8 * * *\"\nbackfill = \"3650d\"\n",
            i % 10
        );
    }
    std::fs::write(dir.join("config.toml"), c).expect("config");
    run(dir, &["poll"]);
    let cost = run(dir, &["digest", "send", "--now"]);
    (cost, count.load(std::sync::atomic::Ordering::SeqCst))
}

/// One curve: label, colour, points.
type Series<'a> = (&'a str, &'a str, Vec<(f64, f64)>);

/// log10 axes.
fn svg(title: &str, xlabel: &str, ylabel: &str, series: &[Series<'_>]) -> String {
    let (w, h, l, b, t, rgt) = (560.0, 360.0, 70.0, 50.0, 30.0, 150.0);
    let pts: Vec<(f64, f64)> = series
        .iter()
        .flat_map(|s| s.2.iter().copied())
        .filter(|p| p.0 > 0.0 && p.1 > 0.0)
        .collect();
    if pts.is_empty() {
        return String::new();
    }
    let lx = |v: f64| v.log10();
    let (x0, x1) = pts.iter().fold((f64::MAX, f64::MIN), |a, p| {
        (a.0.min(lx(p.0)), a.1.max(lx(p.0)))
    });
    let (y0, y1) = pts.iter().fold((f64::MAX, f64::MIN), |a, p| {
        (a.0.min(lx(p.1)), a.1.max(lx(p.1)))
    });
    let (x0, x1) = (x0.floor(), x1.ceil().max(x0.floor() + 1.0));
    let (y0, y1) = (y0.floor(), y1.ceil().max(y0.floor() + 1.0));
    let px = |v: f64| l + (lx(v) - x0) / (x1 - x0) * (w - l - rgt);
    let py = |v: f64| h - b - (lx(v) - y0) / (y1 - y0) * (h - b - t);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/><text x=\"{l}\" y=\"18\" font-size=\"13\">{title}</text>"
    );
    for e in x0 as i32..=x1 as i32 {
        let x = l + (e as f64 - x0) / (x1 - x0) * (w - l - rgt);
        let _ = write!(
            s,
            "<line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">1e{e}</text>",
            h - b,
            h - b + 15.0
        );
    }
    for e in y0 as i32..=y1 as i32 {
        let y = h - b - (e as f64 - y0) / (y1 - y0) * (h - b - t);
        let _ = write!(
            s,
            "<line x1=\"{l}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">1e{e}</text>",
            w - rgt,
            l - 5.0,
            y + 4.0
        );
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{xlabel}</text><text x=\"14\" y=\"{}\" transform=\"rotate(-90 14 {})\" text-anchor=\"middle\">{ylabel}</text>",
        (l + w - rgt) / 2.0,
        h - 12.0,
        (t + h - b) / 2.0,
        (t + h - b) / 2.0
    );
    for (k, (label, colour, points)) in series.iter().enumerate() {
        let path: Vec<String> = points
            .iter()
            .filter(|p| p.0 > 0.0 && p.1 > 0.0)
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            path.join(" ")
        );
        for p in &path {
            let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
            let _ = write!(
                s,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\"/>"
            );
        }
        let ly = t + 14.0 * k as f64 + 10.0;
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"3\" fill=\"{colour}\"/><text x=\"{}\" y=\"{ly}\">{label}</text>",
            w - rgt + 10.0,
            ly - 4.0,
            w - rgt + 25.0
        );
    }
    s.push_str("</svg>\n");
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<(usize, usize)> = args
        .iter()
        .find_map(|a| a.strip_prefix("--sizes="))
        .unwrap_or("1000x2,5000x2,20000x2,50000x2,50000x20")
        .split(',')
        .filter_map(|s| {
            let (a, b) = s.split_once('x')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    let out = args
        .iter()
        .find_map(|a| a.strip_prefix("--out="))
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("zonefeed-scale"));
    let rows: Vec<Row> = sizes
        .iter()
        .map(|&(n, k)| measure(&out.join(format!("{n}x{k}")), n, k))
        .collect();
    let subs: usize = args
        .iter()
        .find_map(|a| a.strip_prefix("--subscriptions="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let digest = (subs > 0).then(|| digests(&out.join("digests"), subs));
    let _ = std::fs::remove_dir_all(&out);

    let mut md = String::from("## 6. Scale: growth with sources and items\n\n");
    let _ = writeln!(
        md,
        "Generated `file:` sources over 300 regions and 2,500 zones; release binary, one process per command; peak memory from wait4. Plot: [benches/scale.svg](benches/scale.svg) (log-log: slope 1 is linear).\n"
    );
    md.push_str("Each cell: wall time / CPU time (user + system); the CPU figure is the one to compare across runs on this shared machine. \"One-item poll+publish\" is the whole `zonefeed poll --source s0` process (start, config, store open, poll, publish); \"one-item publish in the daemon\" is what a running daemon spends after a poll stored one item (its feeds and index.html, no start-up), timed in the bench process on the same store, median of 5 (target ≤ 50 ms).\n\n");
    md.push_str("| sources × items | items | `check` | first `poll` (peak RSS) | unchanged re-poll (peak RSS) | full `publish` | one-item poll+publish | one-item publish in the daemon | `items --zone` | store on disk | idle after restart |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let c = |c: Cost| format!("{:.2} / {:.2} s", c.wall, c.cpu);
    let ms = |c: Cost| format!("{:.0} / {:.0} ms", c.wall * 1000.0, c.cpu * 1000.0);
    for r in &rows {
        let _ = writeln!(
            md,
            "| {} × {} | {} | {} | {} ({:.0} MB) | {} ({:.0} MB) | {} | {} | {:.1} ms ({} files) | {} | {:.0} MB | {:.0} MB |",
            r.sources,
            r.items / r.sources.max(1),
            r.items,
            c(r.check),
            c(r.first_poll),
            r.first_poll.peak_kib as f64 / 1024.0,
            c(r.repoll),
            r.repoll.peak_kib as f64 / 1024.0,
            c(r.publish_all),
            ms(r.one_item),
            r.publish_one_ms,
            r.publish_one_files,
            ms(r.items_zone),
            r.store_mb,
            r.idle_kib as f64 / 1024.0,
        );
    }
    if let Some((cost, sent)) = digest {
        let _ = writeln!(
            md,
            "\n{subs} subscriptions (10 regions, 200 items), `zonefeed digest send --now` to a minimal SMTP server in the bench process: {sent} accepted in {:.1} s ({:.0} messages/s; {:.1} s CPU), peak RSS **{:.0} MB** (target ≥ 2,000/s, bounded memory).",
            cost.wall,
            sent as f64 / cost.wall.max(1e-9),
            cost.cpu,
            cost.peak_kib as f64 / 1024.0
        );
    }
    // Curves against sources (2 items each) and against items.
    let by_sources: Vec<&Row> = rows.iter().filter(|r| r.items == r.sources * 2).collect();
    let series = |f: &dyn Fn(&Row) -> f64| -> Vec<(f64, f64)> {
        by_sources
            .iter()
            .map(|r| (r.sources as f64, f(r)))
            .collect()
    };
    let by_items = |f: &dyn Fn(&Row) -> f64| -> Vec<(f64, f64)> {
        let mut v: Vec<(f64, f64)> = rows.iter().map(|r| (r.items as f64, f(r))).collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    };
    let a = svg(
        "CPU seconds against sources (2 items each)",
        "sources",
        "CPU seconds",
        &[
            ("check", "#1f77b4", series(&|r| r.check.cpu)),
            ("first poll", "#d62728", series(&|r| r.first_poll.cpu)),
            ("re-poll", "#2ca02c", series(&|r| r.repoll.cpu)),
            ("publish", "#9467bd", series(&|r| r.publish_all.cpu)),
        ],
    );
    let b = svg(
        "against items",
        "items",
        "CPU seconds / MB",
        &[
            ("publish CPU s", "#9467bd", by_items(&|r| r.publish_all.cpu)),
            ("one-item CPU s", "#ff7f0e", by_items(&|r| r.one_item.cpu)),
            ("store MB", "#8c564b", by_items(&|r| r.store_mb)),
            (
                "poll peak MB",
                "#d62728",
                by_items(&|r| r.first_poll.peak_kib as f64 / 1024.0),
            ),
        ],
    );
    let both = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"730\"><g>{}</g><g transform=\"translate(0 370)\">{}</g></svg>\n",
        a.trim_end(),
        b.trim_end()
    );
    let svg_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/scale.svg");
    if std::fs::write(&svg_path, both).is_ok() {
        eprintln!("scale: wrote {}", svg_path.display());
    }
    print!("{md}");
}

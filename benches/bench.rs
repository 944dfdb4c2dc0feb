//! zonefeed benchmarks: `scripts/bench` (or `cargo bench --bench bench`). Generates its own
//! data, runs each scenario several times and prints medians as Markdown (scripts/bench
//! writes them to BENCHMARKS.md). Needs the release binary (target/release/zonefeed) for the
//! poll and idle scenarios, and python3 with feedparser for the ingest comparison.

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use zonefeed::config::Config;
use zonefeed::model::{IdKind, Item};
use zonefeed::parse::{ParseOptions, parse_feed};
use zonefeed::publish::{Affected, publish_affected, publish_all};
use zonefeed::store::Store;

const TEXT: &str = "南通高新技术产业开发区举行重大项目集中签约仪式，十二个先进制造业项目现场签约，总投资五十二亿元，涵盖新一代信息技术、高端装备、新材料等领域。";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let r = f();
    (t.elapsed().as_secs_f64(), r)
}

fn release_bin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/zonefeed")
}

// ------------------------------------------------------------------------------------------
// 1. Ingest

fn rss_doc(d: usize, items: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>开发区新闻 {d}</title><link>http://s{d}.example.cn/</link><description>基准</description>"
    );
    for i in 0..items {
        let _ = write!(
            s,
            "<item><title>第{d}号源 项目签约 {i} 南通高新区</title><link>http://s{d}.example.cn/news/{i}.html</link><guid>s{d}-{i}</guid><pubDate>2026-11-{:02} 10:{:02}:00</pubDate><description><![CDATA[<p>{TEXT}</p><p>{TEXT}</p><img src=\"img/{i}.jpg\">]]></description><category>招商引资</category></item>",
            1 + i % 28,
            i % 60
        );
    }
    s.push_str("</channel></rss>");
    s
}

fn atom_doc(d: usize, items: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>苏州工业园区 {d}</title><id>tag:s{d}.example.cn,2026:feed</id><updated>2026-11-26T10:00:00+08:00</updated><link href=\"http://s{d}.example.cn/\"/>"
    );
    for i in 0..items {
        let _ = write!(
            s,
            "<entry><title>园区外资项目 {d}-{i}</title><id>tag:s{d}.example.cn,2026:{i}</id><link href=\"http://s{d}.example.cn/{i}.html\"/><updated>2026-11-{:02}T10:00:00+08:00</updated><content type=\"html\">&lt;p&gt;{TEXT}&lt;/p&gt;&lt;p&gt;{TEXT}&lt;/p&gt;</content></entry>",
            1 + i % 28
        );
    }
    s.push_str("</feed>");
    s
}

struct IngestResult {
    bytes: usize,
    items: usize,
    ours_s: f64,
    feedparser_s: Option<f64>,
}

fn bench_ingest(dir: &Path) -> IngestResult {
    let mut files = Vec::new();
    let mut bytes = 0;
    for d in 0..200 {
        let doc = if d % 2 == 0 {
            rss_doc(d, 50)
        } else {
            atom_doc(d, 50)
        };
        bytes += doc.len();
        let p = dir.join(format!("doc{d}.xml"));
        std::fs::write(&p, &doc).expect("write corpus");
        files.push((p, doc.into_bytes()));
    }
    let mut runs = Vec::new();
    let mut items = 0;
    for _ in 0..5 {
        let (s, n) = time(|| {
            let mut n = 0;
            for (_, b) in &files {
                let f = parse_feed(
                    b,
                    &ParseOptions {
                        base_url: None,
                        header_charset: None,
                        charset_override: None,
                        tz: chrono_tz::Asia::Shanghai,
                    },
                )
                .expect("parse");
                n += f.entries.len();
            }
            n
        });
        items = n;
        runs.push(s);
    }
    let script = "import sys,time,feedparser\nfiles=sys.argv[1:]\nruns=[]\nfor _ in range(3):\n    t=time.perf_counter()\n    n=sum(len(feedparser.parse(f).entries) for f in files)\n    runs.append(time.perf_counter()-t)\nruns.sort()\nprint(runs[1], n)";
    let fp = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(files.iter().map(|(p, _)| p))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .and_then(|s| s.parse::<f64>().ok())
        });
    IngestResult {
        bytes,
        items,
        ours_s: median(runs),
        feedparser_s: fp,
    }
}

// ------------------------------------------------------------------------------------------
// 3. Publish

fn publish_config(dir: &Path) -> Config {
    let mut c = format!(
        "[service]\ndata_dir = \"{d}/data\"\nfeeds_dir = \"{d}/feeds\"\nbase_url = \"http://feeds.example.cn/\"\n",
        d = dir.display()
    );
    for p in 0..30 {
        let _ = write!(c, "[[regions]]\nid = \"p{p}\"\nname = \"省{p}\"\n");
        for city in 0..9 {
            let _ = write!(
                c,
                "[[regions]]\nid = \"p{p}c{city}\"\nname = \"市{p}-{city}\"\nparent = \"p{p}\"\n"
            );
        }
    }
    for z in 0..2500 {
        let (p, city) = (z % 30, (z / 30) % 9);
        let _ = write!(
            c,
            "[[zones]]\nid = \"z{z}\"\nname = \"开发区{z}号\"\nregion = \"p{p}c{city}\"\n"
        );
    }
    Config::parse(&c, &dir.join("config.toml"), dir).unwrap_or_else(|e| panic!("{e}"))
}

fn synthetic_item(n: usize) -> Item {
    let z = n % 2500;
    let (p, city) = (z % 30, (z / 30) % 9);
    let t = Utc::now() - chrono::Duration::minutes(n as i64);
    Item {
        id: format!("i{n}"),
        id_kind: IdKind::Guid,
        source: format!("s{}", n % 2000),
        title: format!("开发区{z}号 项目签约 第{n}条"),
        link: Some(format!("http://news.example.cn/{n}.html")),
        published: t,
        date_estimated: false,
        updated: None,
        summary: Some(format!("<p>{TEXT}</p>")),
        content: None,
        author: Some("南通日报".into()),
        categories: vec![],
        region: format!("p{p}c{city}"),
        zone: Some(format!("z{z}")),
        first_seen: t,
        seq: 0,
        article_pending: false,
    }
}

struct PublishResult {
    items: usize,
    feeds: usize,
    full_s: Vec<f64>,
    one_ms: Vec<f64>,
    one_written: usize,
}

fn bench_publish(dir: &Path) -> PublishResult {
    let config = publish_config(dir);
    let store = Store::open(&config.service.data_dir).expect("store");
    let now = Utc::now();
    let batch: Vec<Item> = (0..100_000).map(synthetic_item).collect();
    for chunk in batch.chunks(1000) {
        store.upsert(chunk, now).expect("insert");
    }
    let mut full_s = Vec::new();
    for run in 0..3 {
        if run > 0 {
            // Force a real rewrite each time.
            let _ = std::fs::remove_dir_all(&config.service.feeds_dir);
        }
        let (s, r) = time(|| publish_all(&config, &store).expect("publish"));
        assert!(!r.written.is_empty());
        full_s.push(s);
    }
    let mut one_ms = Vec::new();
    let mut one_written = 0;
    for k in 0..5 {
        let mut it = synthetic_item(200_000 + k);
        it.published = Utc::now();
        store
            .upsert(std::slice::from_ref(&it), Utc::now())
            .expect("insert one");
        let mut affected = Affected::default();
        affected.add_item(&config, &it);
        let (s, r) = time(|| publish_affected(&config, &store, &affected).expect("publish one"));
        one_written = r.written.len();
        one_ms.push(s * 1000.0);
    }
    PublishResult {
        items: store.count(&zonefeed::store::Selector::All),
        feeds: zonefeed::publish::all_feeds(&config).len(),
        full_s,
        one_ms,
        one_written,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let only = |name: &str| {
        !args.iter().any(|a| a.starts_with("--only"))
            || args.iter().any(|a| a == &format!("--only={name}"))
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut md = String::new();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let _ = writeln!(
        md,
        "# Benchmarks\n\nProduced by `scripts/bench` on {} ({} cores, {cpu}); release build; medians of the runs shown.\n",
        Utc::now().format("%Y-%m-%d"),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    if only("ingest") {
        let r = bench_ingest(dir.path());
        let mb = r.bytes as f64 / 1e6;
        let _ = writeln!(
            md,
            "## 1. Ingest (parse + normalise)\n\n{} documents, {:.1} MB, {} items (RSS 2.0 and Atom, Chinese text), 5 runs.\n",
            200, mb, r.items
        );
        let _ = writeln!(
            md,
            "| parser | time | MB/s | items/s |\n|---|---:|---:|---:|"
        );
        let _ = writeln!(
            md,
            "| zonefeed | {:.3} s | {:.1} | {:.0} |",
            r.ours_s,
            mb / r.ours_s,
            r.items as f64 / r.ours_s
        );
        match r.feedparser_s {
            Some(fp) => {
                let _ = writeln!(
                    md,
                    "| Python feedparser 6 (same files, same run) | {:.3} s | {:.1} | {:.0} |",
                    fp,
                    mb / fp,
                    r.items as f64 / fp
                );
                let _ = writeln!(
                    md,
                    "\nRatio: zonefeed is **{:.1}×** feedparser (target ≥ 100×).\n",
                    fp / r.ours_s
                );
            }
            None => {
                let _ = writeln!(md, "\nfeedparser not available: no ratio.\n");
            }
        }
    }
    if only("publish") {
        let r = bench_publish(&dir.path().join("publish"));
        let _ = writeln!(
            md,
            "## 3. Publish\n\n{} stored items over 300 regions and 2,500 zones: {} feeds × 3 formats + index.html + feeds.opml.\n",
            r.items, r.feeds
        );
        let _ = writeln!(
            md,
            "| operation | runs | median | target |\n|---|---|---:|---:|"
        );
        let _ = writeln!(
            md,
            "| full regeneration | {} | {:.2} s | ≤ 5 s |",
            r.full_s
                .iter()
                .map(|s| format!("{s:.2}"))
                .collect::<Vec<_>>()
                .join(", "),
            median(r.full_s.clone())
        );
        let _ = writeln!(
            md,
            "| add one item, republish its feeds ({} files written) | {} | {:.1} ms | ≤ 50 ms |\n",
            r.one_written,
            r.one_ms
                .iter()
                .map(|s| format!("{s:.1}"))
                .collect::<Vec<_>>()
                .join(", "),
            median(r.one_ms.clone())
        );
    }
    let _ = (Arc::new(()), Duration::ZERO, Stdio::null(), release_bin());
    print!("{md}");
}

//! zonefeed benchmarks: `scripts/bench` (or `cargo bench --bench bench`). Generates its own
//! data, runs each scenario several times and prints medians as Markdown (scripts/bench
//! writes them to BENCHMARKS.md). Needs the release binary (target/release/zonefeed) for the
//! poll and idle scenarios, and python3 with feedparser for the ingest comparison.

#[path = "bench/alerts.rs"]
mod alerts;
#[path = "../tests/common/mod.rs"]
mod common;
#[path = "bench/local.rs"]
mod local;
#[path = "bench/measure.rs"]
mod measure;
#[path = "bench/places.rs"]
mod places;
#[path = "bench/targets.rs"]
mod targets;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::Utc;
use zonefeed::config::Config;
use zonefeed::model::{IdKind, Item};
use zonefeed::parse::{ParseOptions, parse_feed};
use zonefeed::publish::publish_all;
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

/// The binary measured: this tree's release build, or `ZONEFEED_BENCH_BIN` (another build,
/// e.g. an older commit's, to compare the two in one sitting).
fn release_bin() -> PathBuf {
    std::env::var_os("ZONEFEED_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/zonefeed"))
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
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let fp = measure::feedparser_seconds(&paths);
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
        placed_by: Default::default(),
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
        let (s, written) = measure::store_and_publish_one(&config, &store, &it);
        one_written = written;
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

// ------------------------------------------------------------------------------------------
// 2. Poll cycle and 5. idle memory

/// Runs the release binary; returns (exit code, stdout, peak RSS in KiB) of that child.
#[allow(clippy::zombie_processes)] // reaped by wait4, for its rusage
fn run_measured(dir: &Path, args: &[&str]) -> (i32, String, i64) {
    let child = Command::new(release_bin())
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("target/release/zonefeed (run scripts/bench, which builds it)");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let mut status = 0;
    // SAFETY: wait4 on our own child with a zeroed rusage.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, reader.join().unwrap_or_default(), usage.ru_maxrss)
}

fn small_feed(i: usize, version: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>源{i}</title><link>http://s{i}.example.cn/</link><description>d</description>"
    );
    for j in 0..10 {
        let _ = write!(
            s,
            "<item><title>第{i}号源 v{version} 新闻{j}</title><link>http://s{i}.example.cn/{version}/{j}.html</link><guid>s{i}-{version}-{j}</guid><pubDate>2026-11-{:02} 10:00:00</pubDate><description>{TEXT}</description></item>",
            1 + j
        );
    }
    s.push_str("</channel></rss>");
    s
}

struct PollResult {
    cycles: Vec<(f64, i64, usize, usize)>, // seconds, peak KiB, requests, 304s
}

async fn bench_poll(dir: &Path) -> PollResult {
    let server = common::TestServer::start().await;
    let n = 2000;
    let mut config = String::from(
        "[poll]\nallow_private_networks = true\nper_host = 16\nconcurrency = 16\ntimeout = \"10s\"\n[[regions]]\nid = \"r\"\nname = \"南通市\"\n",
    );
    for i in 0..n {
        server.route(
            &format!("/s/{i}.xml"),
            common::Response::ok("application/rss+xml", small_feed(i, 0))
                .header("ETag", &format!("\"{i}-0\"")),
        );
        let _ = write!(
            config,
            "[[sources]]\nid = \"s{i}\"\nurl = \"{}\"\nregion = \"r\"\n",
            server.url(&format!("/s/{i}.xml"))
        );
    }
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), config).expect("config");
    let d = dir.to_path_buf();
    // Warm-up cycle: everything new.
    let _ = tokio::task::spawn_blocking(move || run_measured(&d, &["poll"])).await;
    let mut cycles = Vec::new();
    for round in 1..=3 {
        // 10% of the sources change between cycles; the rest answer 304.
        for i in (0..n).filter(|i| (i + round) % 10 == 0) {
            server.route(
                &format!("/s/{i}.xml"),
                common::Response::ok("application/rss+xml", small_feed(i, round))
                    .header("ETag", &format!("\"{i}-{round}\"")),
            );
        }
        let before = server.all_requests().len();
        let d = dir.to_path_buf();
        let t = Instant::now();
        let (_, out, rss) = tokio::task::spawn_blocking(move || run_measured(&d, &["poll"]))
            .await
            .expect("join");
        let secs = t.elapsed().as_secs_f64();
        let reqs = server.all_requests().len() - before;
        let not_modified = out
            .lines()
            .filter(|l| l.contains("304 not modified"))
            .count();
        cycles.push((secs, rss, reqs, not_modified));
    }
    PollResult { cycles }
}

/// (first start on an empty store, restart on the same store), and the sources.
fn bench_idle(dir: &Path) -> (common::Idle, common::Idle, usize) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(dir.join("src/feed.xml"), small_feed(0, 0)).expect("feed");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(18080);
    let mut config = format!(
        "[service]\nlisten = \"127.0.0.1:{port}\"\n[poll]\ninterval = \"1h\"\n[[regions]]\nid = \"r\"\nname = \"南通市\"\n"
    );
    for z in 0..100 {
        let _ = write!(
            config,
            "[[zones]]\nid = \"z{z}\"\nname = \"开发区{z}\"\nregion = \"r\"\n"
        );
    }
    let n = 2500;
    for i in 0..n {
        let _ = write!(
            config,
            "[[sources]]\nid = \"s{i}\"\nurl = \"file:src/feed.xml\"\nregion = \"r\"\nzone = \"z{}\"\n",
            i % 100
        );
    }
    std::fs::write(dir.join("config.toml"), config).expect("config");
    let first = common::idle_rss(&release_bin(), dir);
    let again = common::idle_rss(&release_bin(), dir);
    (first, again, n)
}

// ------------------------------------------------------------------------------------------
// 4. Digests

struct DigestRun {
    sent: usize,
    secs: f64,
    received: usize,
    /// The same digests again (fresh store) to the in-process Rust sink: (sent, seconds).
    fast: (usize, f64),
    /// rss2email over the same feeds to the same server: (feeds, seconds, messages).
    peer: Option<(usize, f64, usize)>,
}

/// rss2email (Debian package `rss2email`, `r2e`) as the peer: one feed entry per subscriber,
/// each pointing at the subscriber's region feed that zonefeed published, `digest = True`
/// (one message per feed and run, like a zonefeed digest), SMTP to the same aiosmtpd.
fn bench_rss2email(dir: &Path, feeds_dir: &Path, port: u16, n: usize) -> Option<(usize, f64)> {
    let r2e = ["/usr/bin/r2e", "/usr/local/bin/r2e"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let r2e_dir = dir.join("rss2email");
    std::fs::create_dir_all(&r2e_dir).ok()?;
    let mut cfg = format!(
        "[DEFAULT]\nfrom = digest@example.cn\nemail-protocol = smtp\nsmtp-server = 127.0.0.1\nsmtp-port = {port}\nsmtp-ssl = False\nsmtp-auth = False\ndigest = True\n"
    );
    for i in 0..n {
        let feed = feeds_dir.join(format!("regions/c{}.rss", i % 10));
        let _ = write!(
            cfg,
            "\n[feed.u{i}]\nurl = file://{}\nto = user{i}@example.com\n",
            feed.display()
        );
    }
    let config = r2e_dir.join("config");
    std::fs::write(&config, cfg).ok()?;
    let t = Instant::now();
    let out = Command::new(r2e)
        .arg("-c")
        .arg(&config)
        .arg("-d")
        .arg(r2e_dir.join("data.json"))
        .arg("run")
        .output()
        .ok()?;
    let secs = t.elapsed().as_secs_f64();
    if !out.status.success() {
        eprintln!(
            "rss2email failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(5)
                .collect::<Vec<_>>()
                .join(" | ")
        );
        return None;
    }
    Some((n, secs))
}

/// 200 items over the 10 city regions the digest subscriptions follow.
fn digest_items() -> Vec<Item> {
    (0..200)
        .map(|k| {
            let mut it = synthetic_item(k);
            it.region = format!("c{}", k % 10);
            it.zone = None;
            it
        })
        .collect()
}

fn bench_digests(dir: &Path) -> DigestRun {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mail_dir = dir.join("mail");
    let sink = common::SmtpSink::start(&mail_dir);
    let n = 10_000;
    let mut config = format!(
        "[mail]\ntransport = \"smtp\"\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"投促中国 <digest@example.cn>\"\n[service]\ntemplates_dir = \"{}\"\n[[regions]]\nid = \"jiangsu\"\nname = \"江苏省\"\n",
        sink.port,
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates")
            .display()
    );
    for c in 0..10 {
        let _ = write!(
            config,
            "[[regions]]\nid = \"c{c}\"\nname = \"市{c}\"\nparent = \"jiangsu\"\n"
        );
    }
    for i in 0..n {
        let _ = write!(
            config,
            "[[subscriptions]]\nid = \"u{i}\"\nemail = \"user{i}@example.com\"\nregions = [\"c{}\"]\nschedule = \"0 0 8 * * *\"\n",
            i % 10
        );
    }
    std::fs::write(dir.join("config.toml"), config).expect("config");
    let cfg = Config::load(&dir.join("config.toml")).unwrap_or_else(|e| panic!("{e}"));
    {
        let store = Store::open(&cfg.service.data_dir).expect("store");
        store.upsert(&digest_items(), Utc::now()).expect("items");
        // The region feeds the peer reads.
        publish_all(&cfg, &store).expect("publish");
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("rt");
    let cfg = std::sync::Arc::new(cfg);
    let t = Instant::now();
    let out = rt
        .block_on(zonefeed::cli::digest_send(&cfg, &[], true))
        .expect("send");
    let secs = t.elapsed().as_secs_f64();
    let sent = out
        .iter()
        .filter(|(_, o)| matches!(o, zonefeed::digest::DigestOutcome::Sent { .. }))
        .count();
    let received = sink.messages().len();
    assert_eq!(received, sent);

    // Again, fresh state, to the fast sink.
    let (fast_port, fast_count) = common::fast_smtp_sink();
    let fast_dir = dir.join("fast");
    std::fs::create_dir_all(&fast_dir).expect("mkdir");
    let text = std::fs::read_to_string(dir.join("config.toml"))
        .expect("config")
        .replacen(
            &format!("port = {}\n", sink.port),
            &format!("port = {fast_port}\n"),
            1,
        );
    std::fs::write(fast_dir.join("config.toml"), text).expect("config");
    let fast_cfg = std::sync::Arc::new(
        Config::load(&fast_dir.join("config.toml")).unwrap_or_else(|e| panic!("{e}")),
    );
    {
        let store = Store::open(&fast_cfg.service.data_dir).expect("store");
        store.upsert(&digest_items(), Utc::now()).expect("items");
    }
    let t = Instant::now();
    let out = rt
        .block_on(zonefeed::cli::digest_send(&fast_cfg, &[], true))
        .expect("send");
    let fast_secs = t.elapsed().as_secs_f64();
    let fast_sent = out
        .iter()
        .filter(|(_, o)| matches!(o, zonefeed::digest::DigestOutcome::Sent { .. }))
        .count();
    assert_eq!(
        fast_count.load(std::sync::atomic::Ordering::SeqCst),
        fast_sent
    );
    // The peer on a tenth of the subscribers (it polls and mails one feed at a time).
    let peer =
        bench_rss2email(dir, &cfg.service.feeds_dir, sink.port, n / 10).map(|(feeds, secs)| {
            let got = sink.messages().len() - received;
            (feeds, secs, got)
        });
    DigestRun {
        sent,
        secs,
        received,
        fast: (fast_sent, fast_secs),
        peer,
    }
}

// ------------------------------------------------------------------------------------------
// 6. Stories

/// A deterministic generator (xorshift64*): the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
    fn num(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const EVENTS: &[&str] = &[
    "召开重点项目推进会",
    "举行重大项目集中签约仪式",
    "举办招商推介会",
    "开展安全生产大检查",
    "召开优化营商环境工作会议",
    "举办人才招聘会",
    "召开科技创新大会",
    "举行项目开工仪式",
];
const INDUSTRIES: &[&str] = &[
    "新一代信息技术",
    "高端装备",
    "新材料",
    "生物医药",
    "新能源汽车",
    "集成电路",
    "现代物流",
    "智能制造",
    "节能环保",
    "数字经济",
];
const COMPANIES: &[&str] = &[
    "中天科技",
    "通富微电",
    "林洋能源",
    "星宇车灯",
    "恒力集团",
    "华润微电子",
    "天合光能",
    "药明康德",
    "信达生物",
    "博世汽车",
    "西门子",
    "三星电子",
    "正泰电器",
    "海天塑机",
];

/// A news item as zone sites write them: a templated lead with its zone, date and figures,
/// and paragraphs drawn from a small pool (so unrelated items share boilerplate, as real
/// ones do, and land in each other's LSH buckets).
fn story_item(n: usize, rng: &mut Rng, base: chrono::DateTime<Utc>) -> Item {
    let z = (rng.next() % 2500) as usize;
    let (p, city) = (z % 30, (z / 30) % 9);
    let zone = format!("开发区{z}号");
    let event = rng.pick(EVENTS);
    let industry = rng.pick(INDUSTRIES);
    let company = rng.pick(COMPANIES);
    let (m, d) = (rng.num(1, 12), rng.num(1, 28));
    let (k, inv, jobs) = (rng.num(2, 40), rng.num(3, 300), rng.num(100, 5000));
    let title = format!("{zone}{event} {k}个{industry}项目总投资{inv}亿元");
    let content = format!(
        "<p>{m}月{d}日，{zone}{event}，{k}个{industry}项目参与，总投资{inv}亿元，预计带动就业{jobs}人。</p>\
         <p>其中，{company}投资建设的{industry}基地项目计划年内开工，建成后年产值可达{}亿元。</p>\
         <p>{zone}相关负责人表示，将持续优化营商环境，强化要素保障，推动项目早落地、早投产、早见效。</p>\
         <p>今年以来，{zone}累计签约亿元以上项目{}个，实际使用外资同比增长{}.{}%。</p>",
        rng.num(5, 200),
        rng.num(10, 90),
        rng.num(1, 30),
        rng.num(0, 9)
    );
    let t = base + chrono::Duration::seconds(30 * n as i64);
    Item {
        id: format!("i{n}"),
        id_kind: IdKind::Guid,
        source: format!("s{}", n % 2000),
        title,
        link: Some(format!("http://news.example.cn/{n}.html")),
        published: t,
        date_estimated: false,
        updated: None,
        summary: None,
        content: Some(content),
        author: None,
        categories: vec![],
        region: format!("p{p}c{city}"),
        zone: Some(format!("z{z}")),
        first_seen: t,
        seq: 0,
        article_pending: false,
        placed_by: Default::default(),
    }
}

/// 100,000 items (`ZONEFEED_BENCH_STORY_ITEMS` for another number, to profile), one in
/// ten a repost of one of the 2,000 before it (a label, a source note and an editor line
/// added, hours later, on another source), in date order.
fn story_corpus() -> Vec<Item> {
    let total: usize = std::env::var("ZONEFEED_BENCH_STORY_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x5EED_2026_0928);
    let base = Utc::now() - chrono::Duration::days(40);
    let mut items: Vec<Item> = Vec::with_capacity(total);
    for n in 0..total {
        if n > 100 && rng.next() % 10 == 0 {
            let back = (rng.num(1, 2000) as usize).min(n - 1);
            let mut copy = items[n - back].clone();
            copy.id = format!("i{n}");
            copy.source = format!("s{}", n % 2000);
            copy.title = format!("【签约】{}（图）", copy.title);
            copy.content = copy
                .content
                .map(|c| format!("{c}<p>（来源：南通日报）</p><p>责任编辑：王晓燕</p>"));
            copy.link = Some(format!("http://portal.example.cn/{n}.html"));
            copy.published = base + chrono::Duration::seconds(30 * n as i64);
            copy.first_seen = copy.published;
            items.push(copy);
        } else {
            items.push(story_item(n, &mut rng, base));
        }
    }
    items
}

struct StoriesResult {
    items: usize,
    /// Microseconds per item stored, in documents of 50: (with stories, store 0–10k),
    /// (with stories, store 90–100k), (without stories, store 90–100k).
    early_us: f64,
    late_us: f64,
    plain_us: f64,
    joined: usize,
    rebuild_s: f64,
    rebuild: zonefeed::store::RebuildReport,
    /// The labelled sets (tests/stories/: hand-made and two blind), stored together: scores.
    labelled: common::labelled::Scores,
}

fn bench_stories(dir: &Path) -> StoriesResult {
    std::fs::create_dir_all(dir).expect("mkdir");
    let config = publish_config(dir);
    let rules = config.story_rules().expect("stories on");
    let items = story_corpus();
    let docs = items.len().div_ceil(50);
    let fill = |store: &Store, rules: Option<&zonefeed::stories::Rules>| -> (f64, f64) {
        let (mut early, mut late) = (0.0, 0.0);
        for (i, doc) in items.chunks(50).enumerate() {
            let now = doc.last().map(|x| x.first_seen).unwrap_or_else(Utc::now);
            // The daemon sweeps stale story keys hourly; items here are 30 s apart, so
            // once a simulated day (2,900 items) keeps the tree as a daemon's would be
            // within a day. Not timed: it runs beside the polls.
            if let Some(r) = rules
                && i % 58 == 57
            {
                store.sweep_postings(r, now).expect("sweep");
            }
            let (s, _) = time(|| store.upsert_with(doc, now, rules).expect("store"));
            if i < 200 {
                early += s;
            } else if i >= docs.saturating_sub(200) {
                late += s;
            }
        }
        (early * 1e6 / 10_000.0, late * 1e6 / 10_000.0)
    };
    let with = Store::open(&dir.join("with")).expect("store");
    let (early_us, late_us) = fill(&with, Some(&rules));
    let joined = items
        .iter()
        .filter(|i| {
            with.story_of_item(&i.source, &i.id)
                .map(|(_, r)| r.is_some_and(|r| r.copies.first().is_none_or(|c| c.id != i.id)))
                .unwrap_or(false)
        })
        .count();
    let plain = Store::open(&dir.join("without")).expect("store");
    let (_, plain_us) = fill(&plain, None);
    let (rebuild_s, rebuild) = time(|| with.rebuild_stories(&rules).expect("rebuild"));
    let set = common::labelled::whole();
    let install = common::Install::new(&common::labelled::config_text(&set));
    let lconfig = install.config();
    let lstore = Store::open(&lconfig.service.data_dir).expect("store");
    let (_, _, labelled) = common::labelled::run(&lconfig, &lstore, &set);
    StoriesResult {
        items: items.len(),
        early_us,
        late_us,
        plain_us,
        joined,
        rebuild_s,
        rebuild,
        labelled,
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
    // Poll first: a child's peak RSS (wait4) can include the parent image it was forked
    // from, so measure it before the publish scenario fills this process.
    if only("poll") {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("rt");
        let r = rt.block_on(bench_poll(&dir.path().join("poll")));
        let _ = writeln!(md, "## 2. Poll cycle

2,000 sources on a loopback HTTP server; between cycles 10% change (new ETag and items), the rest answer 304 to the conditional request. `zonefeed poll` (release binary), 3 cycles after a warm-up.
");
        let _ = writeln!(
            md,
            "| cycle | wall time | peak RSS | requests | 304s |
|---|---:|---:|---:|---:|"
        );
        for (i, (s, kib, reqs, nm)) in r.cycles.iter().enumerate() {
            let _ = writeln!(
                md,
                "| {} | {:.2} s | {:.1} MB | {reqs} | {nm} |",
                i + 1,
                s,
                *kib as f64 / 1024.0
            );
        }
        let _ = writeln!(
            md,
            "
Median: **{:.2} s**, peak **{:.1} MB** (targets ≤ 2 s, ≤ 100 MB).
",
            median(r.cycles.iter().map(|c| c.0).collect()),
            median(r.cycles.iter().map(|c| c.1 as f64 / 1024.0).collect())
        );
    }
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
    if only("digests") {
        let DigestRun {
            sent,
            secs,
            received,
            fast: (fast_sent, fast_secs),
            peer,
        } = bench_digests(&dir.path().join("digests"));
        let rate = sent as f64 / secs;
        let peer_text = match peer {
            Some((feeds, psecs, got)) => format!(
                "Peer, same run, same server: rss2email {} (Debian package) with {feeds} feeds (one per subscriber, each its subscriber's region feed as published by zonefeed, `digest = True`), SMTP to the same aiosmtpd: {got} messages in {psecs:.2} s, **{:.0} messages/s**. zonefeed is **{:.1}×** rss2email.",
                Command::new("r2e")
                    .arg("--version")
                    .output()
                    .ok()
                    .map(|o| String::from_utf8_lossy(&o.stdout)
                        .trim()
                        .replace("rss2email ", ""))
                    .unwrap_or_default(),
                got as f64 / psecs,
                rate / (got as f64 / psecs)
            ),
            None => {
                "Peer: rss2email is not installed (`apt-get install rss2email`); not run.".into()
            }
        };
        let _ = writeln!(md, "## 4. Digests

10,000 subscriptions (10 city regions, 200 items), rendered with the bundled templates and delivered over SMTP to aiosmtpd on 127.0.0.1 (`zonefeed digest send --now` path, one process).

| messages | time | messages/s | target |
|---:|---:|---:|---:|
| {sent} (aiosmtpd received {received}) | {secs:.2} s | **{rate:.0}** | ≥ 1,000/s |
| {fast_sent}, same digests (fresh store) to a minimal SMTP server in the bench process (Rust, counts and discards: it shows what zonefeed can send when the server is not the limit) | {fast_secs:.2} s | **{:.0}** | ≥ 1,000/s |

{peer_text}
", fast_sent as f64 / fast_secs);
    }
    if only("idle") {
        let (first, again, n) = bench_idle(&dir.path().join("idle"));
        let _ = writeln!(md, "## 5. Idle memory

`zonefeed run` (release) with {n} sources (10 items each, all reading one feed file, so every item has {n} copies: a worst case for story detection) and 100 zones configured, VmRSS 15 s after the last poll, publish or search catch-up the daemon logged (target ≤ 50 MB):

| start | busy until | VmRSS |
|---|---:|---:|
| first start, empty store (start-up polls every source and stores 25,000 items) | {:.0} s | **{:.1} MB** |
| restart on that store (the daemon as it runs day to day) | {:.0} s | **{:.1} MB** |
", first.busy_s, first.rss_kib as f64 / 1024.0, again.busy_s, again.rss_kib as f64 / 1024.0);
    }
    if only("stories") {
        let r = bench_stories(&dir.path().join("stories"));
        let _ = writeln!(md, "## 6. Stories

{} items (templated Chinese news over 2,500 zones, one in ten a repost of one of the 2,000 before it with a label, a source note and an editor line), stored in documents of 50 into sled on disk with `[stories]` on (window 7 days); the same documents into a second store with stories off. Then `zonefeed stories --rebuild`'s work on the full store.

| measure | value |
|---|---:|
| store one item, stories on, store holding 0–10,000 items | {:.0} µs |
| store one item, stories on, store holding 90,000–100,000 items | {:.0} µs |
| store one item, stories off, store holding 90,000–100,000 items | {:.0} µs |
| cost of story detection per new item (on − off, at 90–100k) | **{:.0} µs** |
| reposts found (items that joined a story) | {} |
| rebuild of the story index, {} items | **{:.1} s** ({} joined, {} stories of several copies) |

Detection on the labelled sets (`tests/stories/`: the hand-made one and two written blind, stored together; scored over all pairs of items as `tests/stories.rs` does; wanted: no false merge, recall ≥ 97%):

| items | repost groups | near-miss pairs | pairs that should merge | merged | false merges | precision | recall |
|---:|---:|---:|---:|---:|---:|---:|---:|
| {} | {} | {} | {} | {} | {} | **{:.3}** | **{:.3}** |
", r.items, r.early_us, r.late_us, r.plain_us, r.late_us - r.plain_us, r.joined, r.rebuild.items, r.rebuild_s, r.rebuild.joined, r.rebuild.stories,
            r.labelled.items, r.labelled.groups, r.labelled.near_misses, r.labelled.true_pairs, r.labelled.merged_right, r.labelled.false_merges.len(), r.labelled.precision(), r.labelled.recall());
    }
    if only("alerts") {
        let r = alerts::run(&dir.path().join("alerts"));
        let _ = writeln!(
            md,
            "## 13. Alerts\n\n{} new stories (one poll of ten zone sites, 100 new items each, half 签约) over {} webhook `[[alerts]]` at their default pace (60 a minute): 50 by zone, 30 by region, 20 by query. `zonefeed poll` (release binary) stores, publishes and delivers; beside it the same poll with no alerts. Messages counted by an in-process HTTP sink.\n\n| poll | wall time | peak RSS |\n|---|---:|---:|\n| without alerts | {:.2} s | {:.1} MB |\n| with {} alerts | {:.2} s | {:.1} MB |\n\nMessages sent: **{}** ({:.1} MB of JSON); each alert's matching stories went as lists, as the pace requires.\n",
            r.stories,
            r.alerts,
            r.without_s,
            r.without_kib as f64 / 1024.0,
            r.alerts,
            r.with_s,
            r.with_kib as f64 / 1024.0,
            r.messages,
            r.bytes as f64 / 1e6
        );
    }
    if only("places") {
        let r = places::run(&dir.path().join("places"));
        let _ = writeln!(
            md,
            "## 15. Places (issue 31)\n\nPlacing one item (title and first paragraph; `Classifier::classify`, in process, release) over the {} items of the two blind sets (`tests/places/`), median of 21 passes. Building the classifier for the whole country: {:.1} ms.\n\n| config | regions | µs per item |\n|---|---:|---:|\n| whole country by `code` (every province and prefecture-level division) | {} | **{:.1}** |\n| bundled `config.toml` (written by name) | 9 | {:.1} |\n\nDaemon idle memory (`zonefeed run`, VmRSS 15 s after its last start-up work):\n\n| config | binary | idle VmRSS |\n|---|---|---:|\n{}",
            r.items,
            r.build_ms,
            r.regions,
            r.country_us,
            r.demo_us,
            r.idle
                .iter()
                .map(|(what, bin, kib)| format!(
                    "| {what} | {bin} | {:.1} MB |\n",
                    *kib as f64 / 1024.0
                ))
                .collect::<String>()
        );
    }
    if only("targets") {
        if let Some(r) = targets::run(&dir.path().join("targets")) {
            md.push_str(&targets::markdown(&r));
        }
    }
    if only("local") {
        let docs: Vec<String> = (0..200)
            .map(|d| {
                if d % 2 == 0 {
                    rss_doc(d, 50)
                } else {
                    atom_doc(d, 50)
                }
            })
            .collect();
        let r = local::bench_local(&dir.path().join("local"), &release_bin(), &docs, 200 * 50);
        md.push_str(&local::markdown(&r));
    }
    print!("{md}");
}

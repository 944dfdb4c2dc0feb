//! Places at country scale (issue 31): the cost of placing one item with every province and
//! prefecture-level division configured by `code` (400 regions holding the names of all
//! 2,900-odd county-level divisions and the built-in zones), over the 374 items of
//! the two blind sets (`tests/places/`), beside the bundled config's nine hand-written
//! regions; and the daemon's idle memory with the whole country configured, beside the
//! bundled config, with this build and (given `ZONEFEED_BENCH_BASE`) a build from before
//! the built-in divisions.

use std::path::{Path, PathBuf};
use std::time::Instant;

use zonefeed::classify::Classifier;
use zonefeed::config::Config;
use zonefeed::model::{Entry, IdKind};

pub struct PlacesRun {
    pub items: usize,
    pub regions: usize,
    pub build_ms: f64,
    pub country_us: f64,
    pub demo_us: f64,
    /// (what, binary, idle VmRSS KiB)
    pub idle: Vec<(String, String, i64)>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn blind_items() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in ["blind.json", "blind2.json"] {
        let text = std::fs::read_to_string(root().join("tests/places").join(f)).expect(f);
        let set: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
        for x in set {
            out.push((
                x["title"].as_str().unwrap_or("").to_string(),
                x["text"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

fn entry(title: &str, text: &str) -> Entry {
    Entry {
        id: "x".into(),
        id_kind: IdKind::Guid,
        title: title.into(),
        link: None,
        published: None,
        updated: None,
        summary: Some(format!("<p>{text}</p>")),
        content: None,
        author: None,
        categories: vec![],
        zone_hint: None,
        article_pending: false,
    }
}

/// Median microseconds per item over `rounds` passes of every entry.
fn per_item_us(config: &Config, entries: &[Entry], rounds: usize) -> f64 {
    let cl = Classifier::new(config);
    // A source without a zone of its own: its items are placed by their text.
    let source = config
        .sources
        .iter()
        .find(|s| s.zone.is_none())
        .unwrap_or(&config.sources[0]);
    let mut runs = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for e in entries {
            std::hint::black_box(cl.classify(config, source, e));
        }
        runs.push(t.elapsed().as_secs_f64() * 1e6 / entries.len() as f64);
    }
    super::median(runs)
}

pub fn run(dir: &Path) -> PlacesRun {
    std::fs::create_dir_all(dir).expect("mkdir");
    let text = super::common::country_config();
    let country = Config::parse(&text, &dir.join("config.toml"), dir).expect("country config");
    let bundled_text = std::fs::read_to_string(root().join("config.toml")).expect("config.toml");
    let bundled =
        Config::parse(&bundled_text, &root().join("config.toml"), root()).expect("bundled");
    let items = blind_items();
    let entries: Vec<Entry> = items.iter().map(|(t, x)| entry(t, x)).collect();
    // Warm the built-in tables (divisions, words, zones) before timing the build.
    drop(Classifier::new(&country));
    let t = Instant::now();
    drop(Classifier::new(&country));
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let country_us = per_item_us(&country, &entries, 21);
    let demo_us = per_item_us(&bundled, &entries, 21);

    // Idle memory: the whole country (374 items stored) and the bundled demo.
    let mut idle = Vec::new();
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut rss = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>http://example.cn/</link><description>d</description>",
    );
    for (n, (title, body)) in items.iter().enumerate() {
        rss.push_str(&format!(
            "<item><guid>i{n}</guid><title>{}</title><description>{}</description><pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate></item>",
            esc(title),
            esc(body)
        ));
    }
    rss.push_str("</channel></rss>");
    let mut bins: Vec<(String, PathBuf)> = vec![("this build".into(), super::release_bin())];
    if let Some(base) = std::env::var_os("ZONEFEED_BENCH_BASE") {
        bins.push(("before (ZONEFEED_BENCH_BASE)".into(), PathBuf::from(base)));
    }
    let free_port = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(18080)
    };
    for (label, bin) in &bins {
        let demo = super::common::bundled_install();
        std::fs::write(
            demo.path().join("config.toml"),
            bundled_text.replace(
                "listen = \"127.0.0.1:8080\"",
                &format!("listen = \"127.0.0.1:{}\"", free_port()),
            ),
        )
        .expect("config");
        let r = super::common::idle_rss(bin, demo.path());
        idle.push((
            "bundled config (9 regions)".into(),
            label.clone(),
            r.rss_kib,
        ));
        if label == "this build" {
            let whole = tempfile::tempdir().expect("tempdir");
            std::fs::write(
                whole.path().join("config.toml"),
                text.replace(
                    "[service]\n",
                    &format!("[service]\nlisten = \"127.0.0.1:{}\"\n", free_port()),
                ),
            )
            .expect("config");
            std::fs::write(whole.path().join("in.rss"), &rss).expect("rss");
            let r = super::common::idle_rss(bin, whole.path());
            idle.push((
                format!(
                    "whole country ({} regions, 374 items)",
                    country.regions.len()
                ),
                label.clone(),
                r.rss_kib,
            ));
        }
    }
    PlacesRun {
        items: entries.len(),
        regions: country.regions.len(),
        build_ms,
        country_us,
        demo_us,
        idle,
    }
}

//! The pages for people beside the feeds (`regions/<id>.html`, `zones/<id>.html`, the
//! newest entries on `index.html`): what they show, that hostile item text stays text, that
//! tests/tools/xsscheck.py still flags a form that is not the site's search form, and that
//! publishing rewrites a page only when its feed's entries change.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use zonefeed::config::Config;
use zonefeed::model::{IdKind, Item};
use zonefeed::publish::{Affected, FeedKey, publish_affected, publish_all};
use zonefeed::store::Store;

fn config(dir: &Path) -> Config {
    let text = format!(
        r#"[service]
data_dir = "{d}/data"
feeds_dir = "{d}/feeds"
base_url = "http://feeds.example.cn/zf/"
timezone = "Asia/Shanghai"
feed_items = 10
[[sources]]
id = "nt-news"
name = "南通发布"
url = "http://example.cn/nt.xml"
region = "nantong"
[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[regions]]
id = "suzhou"
name = "苏州市"
parent = "jiangsu"
[[regions]]
id = "wuxi"
name = "无锡市"
parent = "jiangsu"
[[zones]]
id = "nt-etdz"
name = "南通经济技术开发区"
region = "nantong"
[[zones]]
id = "sip"
name = "苏州工业园区"
region = "suzhou"
"#,
        d = dir.display()
    );
    std::fs::write(dir.join("config.toml"), text).expect("write config");
    let mut config = Config::load(&dir.join("config.toml")).unwrap_or_else(|e| panic!("{e}"));
    config.signup.enabled = true;
    config
}

fn item(i: usize, region: &str, zone: Option<&str>, at: DateTime<Utc>) -> Item {
    Item {
        id: format!("i{i}"),
        id_kind: IdKind::Guid,
        source: "nt-news".into(),
        title: format!("项目签约 {i}"),
        link: Some(format!("http://example.cn/{i}.html")),
        published: at,
        date_estimated: false,
        updated: None,
        summary: Some(format!("<p>第{i}条 &amp; 摘要</p>")),
        content: None,
        author: None,
        categories: vec![],
        region: region.into(),
        zone: zone.map(str::to_string),
        first_seen: at,
        seq: 0,
        article_pending: false,
        placed_by: Default::default(),
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 28, 0, 30, 0)
        .single()
        .expect("time")
}

fn read(feeds: &Path, rel: &str) -> String {
    std::fs::read_to_string(feeds.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn xsscheck(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/xsscheck.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(files)
        .output()
        .expect("python3");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("xsscheck: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    report["findings"].as_array().cloned().unwrap_or_default()
}

/// Region and zone pages list their feed's newest entries, newest first, with time in
/// the configured zone, source, plain-text summary, the search box with the page's filter,
/// subscribe and sign-up links; an empty zone gets a page saying so; index.html opens
/// with the newest entries and links each row to its page.
#[test]
fn region_and_zone_pages_show_the_feeds_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config(dir.path());
    let store = Store::open(&config.service.data_dir).expect("store");
    let items: Vec<Item> = (0..12)
        .map(|i| {
            item(
                i,
                "nantong",
                Some("nt-etdz"),
                t0() - Duration::hours(i as i64),
            )
        })
        .collect();
    store.upsert(&items, t0()).expect("upsert");
    // The page of a region no longer configured goes with its feeds.
    let feeds = &config.service.feeds_dir;
    std::fs::create_dir_all(feeds.join("regions")).expect("mkdir");
    for stale in ["regions/gone.html", "regions/gone.rss"] {
        std::fs::write(feeds.join(stale), "old").expect("stale file");
    }
    let report = publish_all(&config, &store).expect("publish");
    assert_eq!(report.removed.len(), 2, "{:?}", report.removed);
    assert!(!feeds.join("regions/gone.html").exists());

    let nantong = read(feeds, "regions/nantong.html");
    // feed_items = 10: 项目签约 0 .. 9, newest first; 08:30 in Shanghai.
    let first = nantong.find("项目签约 0<").expect("newest entry");
    let second = nantong.find("项目签约 1<").expect("second entry");
    assert!(first < second, "newest first");
    assert!(nantong.contains("项目签约 9<") && !nantong.contains("项目签约 10<"));
    assert!(nantong.contains("<a href=\"http://example.cn/0.html\">项目签约 0</a>"));
    assert!(
        nantong.contains("2026-09-28 08:30 · 南通经济技术开发区 · 南通发布"),
        "{nantong}"
    );
    assert!(nantong.contains("第0条 &amp; 摘要"), "{nantong}");
    assert!(nantong.contains(
        "<form class=\"search\" method=\"get\" action=\"../search\" role=\"search\"><input type=\"hidden\" name=\"region\" value=\"nantong\">"
    ));
    for link in [
        "href=\"nantong.rss\"",
        "href=\"nantong.atom\"",
        "href=\"nantong.json\"",
        "href=\"../subscribe?region=nantong\"",
        "href=\"../index.html\"",
    ] {
        assert!(nantong.contains(link), "{link}");
    }
    assert!(nantong.contains("name=\"viewport\"") && !nantong.contains("<script"));
    // The parent region's page holds its children's items, like its feed.
    assert!(read(feeds, "regions/jiangsu.html").contains("项目签约 0<"));

    let zone = read(feeds, "zones/nt-etdz.html");
    // A zone's page does not repeat the zone on every entry.
    assert!(zone.contains("2026-09-28 08:30 · 南通发布"), "{zone}");
    assert!(zone.contains("name=\"zone\" value=\"nt-etdz\"") && zone.contains("项目签约 0<"));
    // A zone with no items has its feeds and a page that says so.
    let sip = read(feeds, "zones/sip.html");
    assert!(
        sip.contains("暂无新闻") && feeds.join("zones/sip.atom").exists(),
        "{sip}"
    );

    let index = read(feeds, "index.html");
    let newest = index.find("<h2>最新</h2>").expect("最新 section");
    assert!(newest < index.find("id=\"regions\"").expect("region tree"));
    assert!(index[newest..].contains("项目签约 9<") && !index.contains("项目签约 10<"));
    assert!(
        index.contains("href=\"regions/nantong.html\"")
            && index.contains("href=\"zones/sip.html\"")
    );
    assert!(index.contains("action=\"search\"") && index.contains("href=\"subscribe\""));
    assert!(xsscheck(&[feeds.join("index.html"), feeds.join("regions/nantong.html")]).is_empty());
}

/// Hostile titles, summaries, links and source names are escaped text on every page, and
/// xsscheck.py finds nothing; the same text unescaped (a renderer that forgot to escape),
/// or a form in feed content, is flagged.
#[test]
fn hostile_item_text_stays_text_and_injected_forms_are_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config(dir.path());
    let store = Store::open(&config.service.data_dir).expect("store");
    let mut bad = item(1, "nantong", Some("nt-etdz"), t0());
    bad.title = "<script>alert(1)</script>\"onmouseover=alert(2) x=\"".into();
    bad.link = Some("javascript:alert(3)".into());
    let form = "<form action=\"https://evil.example/login\" method=\"post\"><input name=\"password\"></form>";
    bad.summary = Some(format!("&lt;img src=x onerror=alert(4)&gt;{form}"));
    bad.author = Some("<b onclick=alert(5)>来源</b>".into());
    let mut quoted = item(2, "suzhou", Some("sip"), t0() - Duration::hours(1));
    quoted.link = Some("http://example.cn/a\"onmouseover=\"alert(6)".into());
    store.upsert(&[bad, quoted], t0()).expect("upsert");
    publish_all(&config, &store).expect("publish");
    let feeds = &config.service.feeds_dir;

    let pages: Vec<PathBuf> = [
        "index.html",
        "regions/nantong.html",
        "regions/jiangsu.html",
        "zones/nt-etdz.html",
        "zones/sip.html",
    ]
    .iter()
    .map(|p| feeds.join(p))
    .collect();
    for p in &pages {
        let page = std::fs::read_to_string(p).expect("page");
        let lower = page.to_lowercase();
        assert!(
            !lower.contains("<script") && !lower.contains("<img"),
            "{page}"
        );
        assert!(!lower.contains("href=\"javascript:"), "{page}");
        // `"onmouseover=` may stand in text (quotes need no escaping there), never as an
        // attribute: xsscheck below parses every attribute.
        assert!(!page.contains(" onmouseover="), "{page}");
        assert!(!page.contains("<form action=\"https://evil"), "{page}");
        assert!(!page.contains("<b onclick"), "{page}");
    }
    let nantong = read(feeds, "regions/nantong.html");
    // Shown as text, and the javascript: link is no link at all.
    assert!(
        nantong.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;\"onmouseover=alert(2) x=\""),
        "{nantong}"
    );
    assert!(
        nantong.contains("&lt;b onclick=alert(5)&gt;来源&lt;/b&gt;"),
        "{nantong}"
    );
    let sip = read(feeds, "zones/sip.html");
    assert!(
        sip.contains("href=\"http://example.cn/a&quot;onmouseover=&quot;alert(6)\""),
        "{sip}"
    );
    // Only the pages: these items skipped ingest's sanitiser (they were stored as they are),
    // which the feeds rely on; the pages escape everything, sanitised or not.
    let findings = xsscheck(&pages);
    assert!(findings.is_empty(), "{findings:#?}");

    // The checker can fail: the injected form where the summary is, unescaped, is flagged,
    // though the page's own search form is still there; so is a form in an RSS item.
    let forged = dir.path().join("forged.html");
    std::fs::write(
        &forged,
        nantong.replacen(
            "<ol class=\"items\">",
            &format!("{form}<ol class=\"items\">"),
            1,
        ),
    )
    .expect("write");
    let findings = xsscheck(std::slice::from_ref(&forged));
    assert!(
        findings.iter().any(|f| f["what"]
            .as_str()
            .is_some_and(|w| w.contains("evil.example"))),
        "{findings:#?}"
    );
    let own_form_elsewhere = dir.path().join("own-form.rss");
    std::fs::write(
        &own_form_elsewhere,
        "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><description><![CDATA[<form method=\"get\" action=\"search\"><input name=\"q\"></form>]]></description></item></channel></rss>",
    )
    .expect("write");
    assert!(
        !xsscheck(&[own_form_elsewhere]).is_empty(),
        "a form in feed content"
    );
}

/// An unchanged store rewrites no page; one new item rewrites only the pages of the feeds
/// it is in (its region and the region's parent, its zone) and index.html, with its feeds.
#[test]
fn a_publish_rewrites_only_the_pages_whose_entries_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config(dir.path());
    let store = Store::open(&config.service.data_dir).expect("store");
    let items = vec![
        item(1, "nantong", Some("nt-etdz"), t0() - Duration::hours(2)),
        item(2, "suzhou", Some("sip"), t0() - Duration::hours(3)),
        item(3, "wuxi", None, t0() - Duration::hours(4)),
    ];
    store.upsert(&items, t0()).expect("upsert");
    let first = publish_all(&config, &store).expect("publish");
    let pages = |written: &[PathBuf]| -> Vec<String> {
        let mut v: Vec<String> = written
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .filter_map(|p| p.strip_prefix(&config.service.feeds_dir).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        pages(&first.written).len(),
        4 + 2 + 1,
        "{:?}",
        first.written
    );

    let again = publish_all(&config, &store).expect("publish");
    assert!(again.written.is_empty(), "{:?}", again.written);

    let new = item(4, "nantong", Some("nt-etdz"), t0());
    store
        .upsert(std::slice::from_ref(&new), t0())
        .expect("upsert");
    let mut affected = Affected::default();
    affected.add_item(&config, &new);
    let report = publish_affected(&config, &store, &affected, false).expect("publish");
    assert_eq!(
        pages(&report.written),
        [
            "index.html",
            "regions/jiangsu.html",
            "regions/nantong.html",
            "zones/nt-etdz.html"
        ],
        "{:?}",
        report.written
    );
    assert!(read(&config.service.feeds_dir, "regions/nantong.html").contains("项目签约 4<"));
    // And again with nothing new: nothing rewritten, index.html included, whether its
    // newest entries come from the `all` feed's rendering or are read on their own (a
    // publish without `all`).
    let report = publish_affected(&config, &store, &affected, false).expect("publish");
    assert!(report.written.is_empty(), "{:?}", report.written);
    let zone_only = Affected {
        feeds: [FeedKey::Zone("sip".into())].into(),
    };
    let report = publish_affected(&config, &store, &zone_only, false).expect("publish");
    assert!(report.written.is_empty(), "{:?}", report.written);
}

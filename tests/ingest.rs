//! End to end over real parts: fixture feeds served by an HTTP server on 127.0.0.1, polled
//! into sled on disk, published to feeds/, and the feeds judged by feedparser and xmllint.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use common::{
    Install, Response, TestServer, assert_atom_valid, assert_feedparser_clean, files_with_ext,
};
use zonefeed::cli;
use zonefeed::config::Config;
use zonefeed::model::{IdKind, Item};
use zonefeed::poll::{PollResult, Poller};
use zonefeed::store::{Selector, Store};

fn config_for(server: &TestServer, extra: &str) -> String {
    format!(
        r#"
[service]
base_url = "http://feeds.example.cn/zf/"
[poll]
timeout = "5s"
allow_private_networks = true
{extra}
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
[[regions]]
id = "zhejiang"
name = "浙江省"
[[regions]]
id = "ningbo"
name = "宁波市"
parent = "zhejiang"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[zones]]
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通开发区"]
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
[[zones]]
id = "wuxi-hitech"
name = "无锡高新技术产业开发区"
region = "wuxi"
aliases = ["无锡高新区"]
[[zones]]
id = "ningbo-etdz"
name = "宁波经济技术开发区"
region = "ningbo"
aliases = ["宁波开发区", "北仑"]
[[sources]]
id = "rss2"
url = "{rss2}"
region = "nantong"
zone = "nantong-hitech"
[[sources]]
id = "gbk"
url = "{gbk}"
region = "nantong"
[[sources]]
id = "utf16"
url = "{utf16}"
region = "ningbo"
[[sources]]
id = "atom"
url = "{atom}"
region = "suzhou"
zone = "suzhou-sip"
[[sources]]
id = "json"
url = "{json}"
region = "wuxi"
[[sources]]
id = "rss1"
url = "{rss1}"
region = "jiangsu"
[[sources]]
id = "identity"
url = "{identity}"
region = "jiangsu"
"#,
        rss2 = server.url("/rss2.xml"),
        gbk = server.url("/gbk.xml"),
        utf16 = server.url("/utf16.xml"),
        atom = server.url("/atom.atom"),
        json = server.url("/feed.json"),
        rss1 = server.url("/rss1.rdf"),
        identity = server.url("/identity.xml"),
    )
}

fn serve_fixtures(server: &TestServer) {
    server.fixture("/rss2.xml", "rss2-cn-dates.xml", "application/rss+xml");
    // A lying header: the bytes are GBK, the prolog says so, the header says UTF-8.
    server.fixture("/gbk.xml", "gbk.xml", "text/xml; charset=utf-8");
    server.fixture("/utf16.xml", "utf16.xml", "text/xml");
    server.fixture("/atom.atom", "atom-xmlbase.atom", "application/atom+xml");
    server.fixture("/feed.json", "feed.json", "application/feed+json");
    server.fixture("/rss1.rdf", "rss1.rdf", "application/rdf+xml");
    server.fixture("/identity.xml", "identity.xml", "application/rss+xml");
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn all_items(store: &Store) -> Vec<Item> {
    store
        .newest(&Selector::All, 1000, |_| true)
        .expect("read items")
}

fn find<'a>(items: &'a [Item], source: &str, title_part: &str) -> &'a Item {
    items
        .iter()
        .find(|i| i.source == source && i.title.contains(title_part))
        .unwrap_or_else(|| panic!("no item of {source} titled *{title_part}*"))
}

/// The fixtures served on loopback and polled once into a fresh install.
struct Polled {
    server: TestServer,
    install: Install,
    config: Arc<Config>,
}

impl Polled {
    /// Every stored item; the store is closed again before returning.
    fn items(&self) -> Vec<Item> {
        let store = Store::open(&self.config.service.data_dir).expect("reopen store");
        all_items(&store)
    }
}

/// First poll: everything is new (14 items), and feeds are written.
async fn polled() -> Polled {
    let server = TestServer::start().await;
    serve_fixtures(&server);
    let install = Install::new(&config_for(&server, ""));
    let config = Arc::new(install.config());
    let summary = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(
        summary.failed(),
        0,
        "setup (first poll): {:#?}",
        summary.outcomes
    );
    let new: usize = summary
        .outcomes
        .iter()
        .map(|o| match &o.result {
            PollResult::Ok(s) => s.new,
            _ => 0,
        })
        .sum();
    assert_eq!(new, 14, "setup (first poll): new items");
    assert!(
        !summary.publish.written.is_empty(),
        "setup (first poll): feeds written"
    );
    Polled {
        server,
        install,
        config,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_poll_stores_every_fixture_item_once() {
    let p = polled().await;
    let items = p.items();
    assert_eq!(items.len(), 14, "{items:#?}");
}

/// RSS 2.0: Chinese dates in Beijing time, relative link, plain-text title, sanitised HTML.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rss2_chinese_dates_relative_links_and_sanitised_html() {
    let p = polled().await;
    let items = p.items();
    let port = p.server.addr.port();
    let a1 = find(&items, "rss2", "签约3个重大项目");
    assert_eq!(a1.title, "南通高新区签约3个重大项目 & 总投资50亿元");
    assert_eq!(
        a1.link.as_deref(),
        Some(format!("http://127.0.0.1:{port}/xwzx/2026/1120/a1.html").as_str())
    );
    assert_eq!(a1.published, t("2026-11-20T10:30:00+08:00"));
    assert!(!a1.date_estimated);
    let summary_html = a1.summary.as_deref().unwrap_or_default();
    for bad in ["script", "onclick", "javascript:", "alert"] {
        assert!(
            !summary_html.contains(bad),
            "{bad} survived: {summary_html}"
        );
    }
    assert!(
        summary_html.contains(&format!("http://127.0.0.1:{port}/img/a1.jpg")),
        "{summary_html}"
    );
    assert_eq!(a1.author.as_deref(), Some("南通日报"));
    assert_eq!(a1.categories, ["招商引资"]);
    assert_eq!(a1.zone.as_deref(), Some("nantong-hitech"));
    assert_eq!(
        find(&items, "rss2", "招聘会").published,
        t("2026-11-21T00:00:00+08:00")
    );
    // The source's zone wins over a zone named in the text.
    let a3 = find(&items, "rss2", "产业协作园");
    assert_eq!(a3.published, t("2026-11-22T08:15:00+08:00"));
    assert_eq!(a3.zone.as_deref(), Some("nantong-hitech"));
}

/// GBK behind a lying header; CST is +08:00; zone detected from the text; guid missing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gbk_behind_a_lying_header_with_cst_dates_text_zones_and_link_ids() {
    let p = polled().await;
    let items = p.items();
    let g1 = find(&items, "gbk", "南通经济技术开发区前三季度");
    assert_eq!(g1.published, t("2026-11-25T09:00:00+08:00"));
    assert_eq!(g1.zone.as_deref(), Some("nantong-etdz"));
    assert_eq!(g1.region, "nantong");
    let g2 = find(&items, "gbk", "营商环境");
    assert_eq!(g2.id_kind, IdKind::Link);
    assert_eq!(g2.id, "http://www.nantong.example.cn/kfq/2.html");
    assert_eq!(g2.zone, None);
}

/// UTF-16 with BOM; alias detection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_with_a_bom_and_a_zone_found_by_its_alias() {
    let p = polled().await;
    let items = p.items();
    let u = find(&items, "utf16", "集成电路");
    assert_eq!(u.title, "宁波开发区集成电路项目签约");
    assert_eq!(u.zone.as_deref(), Some("ningbo-etdz"));
}

/// Atom with xml:base on the feed and on an entry; HTML title decoded once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn atom_xml_base_resolves_links_and_an_html_title_is_decoded_once() {
    let p = polled().await;
    let items = p.items();
    let at1 = find(&items, "atom", "项目签约");
    assert_eq!(at1.title, "园区“研发 & 制造”项目签约");
    assert_eq!(
        at1.link.as_deref(),
        Some("http://www.sipac.example.cn/szgyyq/tzdt/202611/t1.html")
    );
    assert_eq!(at1.published, t("2026-11-21T09:45:00+08:00"));
    assert_eq!(at1.updated, Some(t("2026-11-22T08:00:00+08:00")));
    assert!(
        at1.content
            .as_deref()
            .unwrap_or_default()
            .contains("http://www.sipac.example.cn/szgyyq/images/t1.png"),
        "{:?}",
        at1.content
    );
    let at2 = find(&items, "atom", "第二条");
    assert_eq!(
        at2.link.as_deref(),
        Some("http://other.example.cn/news/2.html")
    );
    assert_eq!(at2.published, t("2026-11-20T12:00:00Z"));
}

/// JSON Feed; zone by full name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_feed_items_with_a_zone_found_by_its_full_name() {
    let p = polled().await;
    let items = p.items();
    let j1 = find(&items, "json", "集成电路");
    assert_eq!(j1.id, "wx-1");
    assert_eq!(j1.zone.as_deref(), Some("wuxi-hitech"));
    assert!(!j1.content.as_deref().unwrap_or_default().contains("script"));
    assert_eq!(j1.author.as_deref(), Some("新吴区融媒体中心"));
    assert_eq!(find(&items, "json", "科技大会").zone, None);
}

/// RSS 1.0 from a province source: the zone found narrows the region to its city.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rss1_from_a_province_source_narrows_the_region_to_the_zones_city() {
    let p = polled().await;
    let items = p.items();
    let r1 = find(&items, "rss1", "苏州工业园区");
    assert_eq!(r1.zone.as_deref(), Some("suzhou-sip"));
    assert_eq!(r1.region, "suzhou");
    assert_eq!(r1.published, t("2026-11-25T09:30:00+08:00"));
}

/// Identity: a repeated guid falls back to the normalised link; no link, no guid -> hash;
/// no date -> first-seen time, flagged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn item_identity_falls_back_to_link_then_hash_and_a_missing_date_is_flagged() {
    let p = polled().await;
    let items = p.items();
    let i1 = find(&items, "identity", "甲");
    assert_eq!(
        (i1.id.as_str(), i1.id_kind),
        ("http://id.example.cn/a.html", IdKind::Link)
    );
    let i3 = find(&items, "identity", "丙");
    assert_eq!(i3.id_kind, IdKind::Hash);
    assert!(i3.date_estimated);
    assert_eq!(i3.published, i3.first_seen);
}

/// Source state records success.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_source_state_records_a_successful_poll() {
    let p = polled().await;
    let store = Store::open(&p.config.service.data_dir).expect("reopen store");
    let st = store.source_state("gbk").expect("state");
    assert_eq!(st.consecutive_failures, 0);
    assert_eq!(st.last_status, Some(200));
    assert!(st.last_ok.is_some());
}

/// Feeds: all, each region (with descendants), each zone; both formats; judged by
/// feedparser and the Atom RELAX NG schema.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_feeds_for_all_regions_and_zones_pass_feedparser_and_xmllint() {
    let p = polled().await;
    let feeds = p.install.feeds();
    for stem in [
        "all",
        "regions/jiangsu",
        "regions/nantong",
        "regions/ningbo",
        "zones/nantong-etdz",
        "zones/suzhou-sip",
    ] {
        for ext in ["rss", "atom"] {
            assert!(feeds.join(format!("{stem}.{ext}")).exists(), "{stem}.{ext}");
        }
    }
    let all = files_with_ext(&feeds, &["rss", "atom"]);
    assert_eq!(all.len(), 2 * (1 + 6 + 5));
    let parsed = assert_feedparser_clean(&all);
    assert_atom_valid(&files_with_ext(&feeds, &["atom"]));
    let by_path = |suffix: &str| {
        parsed
            .iter()
            .find(|p| p["path"].as_str().unwrap_or("").ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}"))
    };
    assert_eq!(
        by_path("/all.rss")["entries"].as_array().map(Vec::len),
        Some(14)
    );
    assert_eq!(
        by_path("/all.atom")["entries"].as_array().map(Vec::len),
        Some(14)
    );
    // Jiangsu includes its cities' items; Ningbo's are in Zhejiang only.
    assert_eq!(
        by_path("regions/jiangsu.atom")["entries"]
            .as_array()
            .map(Vec::len),
        Some(13)
    );
    assert_eq!(by_path("regions/zhejiang.rss")["title"], "浙江省");
    let etdz = by_path("zones/nantong-etdz.rss");
    assert_eq!(etdz["title"], "南通经济技术开发区");
    let entries = etdz["entries"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["title"],
        "南通经济技术开发区前三季度实际使用外资增长12%"
    );
    assert_eq!(
        entries[0]["link"],
        "http://www.nantong.example.cn/kfq/1.html"
    );
    let tags: Vec<&str> = entries[0]["tags"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert!(
        tags.contains(&"南通市") && tags.contains(&"南通经济技术开发区"),
        "{tags:?}"
    );
    let atom_text = std::fs::read_to_string(feeds.join("regions/nantong.atom")).expect("read atom");
    assert!(atom_text.contains(r#"href="http://feeds.example.cn/zf/regions/nantong.atom""#));
    assert!(
        atom_text.contains("<updated>2026-11-25T"),
        "real updated time"
    );
}

/// A second poll finds nothing new and rewrites nothing; then a changed item is updated in
/// place, not duplicated, and only its feeds are rewritten. (One scenario: the third poll
/// follows the second.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_re_poll_rewrites_nothing_and_a_changed_item_is_updated_in_place() {
    let p = polled().await;
    step_second_poll_finds_nothing_new(&p).await;
    step_changed_item_is_updated_in_place(&p).await;
}

async fn step_second_poll_finds_nothing_new(p: &Polled) {
    const STEP: &str = "step 1 (second poll, nothing changed)";
    let again = cli::poll_once(p.config.clone(), &[], false)
        .await
        .expect("poll again");
    for o in &again.outcomes {
        match &o.result {
            PollResult::Ok(s) => assert_eq!((s.new, s.updated), (0, 0), "{STEP}: {}", o.source),
            other => panic!("{STEP}: {}: {other:?}", o.source),
        }
    }
    assert!(
        again.publish.written.is_empty(),
        "{STEP}: {:?}",
        again.publish.written
    );
}

async fn step_changed_item_is_updated_in_place(p: &Polled) {
    const STEP: &str = "step 2 (third poll, one item changed)";
    let changed = std::fs::read_to_string(common::fixture_path("rss2-cn-dates.xml"))
        .expect("fixture")
        .replace("秋季人才招聘会", "秋季人才招聘会（延期至12月）");
    p.server
        .route("/rss2.xml", Response::ok("application/rss+xml", changed));
    let third = cli::poll_once(p.config.clone(), &["rss2".to_string()], false)
        .await
        .expect("poll changed");
    match &third.outcomes[0].result {
        PollResult::Ok(s) => assert_eq!((s.new, s.updated), (0, 1), "{STEP}"),
        other => panic!("{STEP}: {other:?}"),
    }
    assert!(
        third
            .publish
            .written
            .iter()
            .any(|p| p.ends_with("zones/nantong-hitech.rss")),
        "{STEP}: the changed item's zone feed is rewritten"
    );
    assert!(
        !third
            .publish
            .written
            .iter()
            .any(|p| p.ends_with("zones/suzhou-sip.rss")),
        "{STEP}: unaffected feeds are not rewritten"
    );
    let items = p.items();
    assert_eq!(items.len(), 14, "{STEP}: updated, not duplicated");
    let updated = find(&items, "rss2", "延期至12月");
    assert_eq!(
        updated.first_seen,
        find(&items, "rss2", "产业协作园").first_seen,
        "{STEP}: first seen with the rest of its feed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_sources_are_recorded_and_do_not_stop_others() {
    let server = TestServer::start().await;
    serve_fixtures(&server);
    server.route("/gbk.xml", Response::status(500));
    server.route(
        "/utf16.xml",
        Response::ok("text/html", "<html><body>维护中</body></html>"),
    );
    let install = Install::new(&config_for(&server, ""));
    let config = Arc::new(install.config());
    let store = Store::open(&config.service.data_dir).expect("store");
    let poller = Poller::new(config.clone(), store.clone()).expect("poller");

    let gbk = config.source("gbk").expect("gbk").clone();
    let html = config.source("utf16").expect("utf16").clone();
    let ok = config.source("rss2").expect("rss2").clone();

    let o = poller.poll_source(&gbk).await;
    match &o.result {
        PollResult::Failed {
            error, failures, ..
        } => {
            assert!(error.contains("HTTP 500"), "{error}");
            assert!(
                error.contains("/gbk.xml"),
                "error names the source URL: {error}"
            );
            assert_eq!(*failures, 1);
        }
        other => panic!("{other:?}"),
    }
    let first_next = store.source_state("gbk").expect("state").next_poll;
    let o = poller.poll_source(&gbk).await;
    assert!(matches!(o.result, PollResult::Failed { failures: 2, .. }));
    let st = store.source_state("gbk").expect("state");
    assert_eq!(st.consecutive_failures, 2);
    assert_eq!(st.last_status, Some(500));
    assert!(st.next_poll > first_next, "backoff grows");

    let o = poller.poll_source(&html).await;
    match &o.result {
        PollResult::Failed { error, .. } => {
            assert!(
                error.contains("not a feed") && error.contains("<html>"),
                "{error}"
            )
        }
        other => panic!("{other:?}"),
    }

    // Healthy sources are unaffected.
    let o = poller.poll_source(&ok).await;
    assert!(
        matches!(o.result, PollResult::Ok(ref s) if s.new == 3),
        "{o:?}"
    );

    // Recovery resets the failure count.
    server.fixture("/gbk.xml", "gbk.xml", "text/xml");
    let o = poller.poll_source(&gbk).await;
    assert!(
        matches!(o.result, PollResult::Ok(ref s) if s.new == 2),
        "{o:?}"
    );
    let st = store.source_state("gbk").expect("state");
    assert_eq!(st.consecutive_failures, 0);
    assert_eq!(st.last_error, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_body_is_refused() {
    let server = TestServer::start().await;
    serve_fixtures(&server);
    let big = format!(
        "<rss version=\"2.0\"><channel><title>大</title>{}</channel></rss>",
        "<item><title>填充</title></item>".repeat(2000)
    );
    server.route("/rss2.xml", Response::ok("application/rss+xml", big));
    let install = Install::new(&config_for(&server, "max_body = \"16KiB\""));
    let config = Arc::new(install.config());
    let summary = cli::poll_once(config.clone(), &["rss2".into()], false)
        .await
        .expect("poll");
    match &summary.outcomes[0].result {
        PollResult::Failed { error, .. } => assert!(error.contains("16384-byte limit"), "{error}"),
        other => panic!("{other:?}"),
    }
}

//! Output validity with real clients: a stress set (CDATA with `]]>`, emoji, control
//! characters, RTL text, a 2,000-character title, items without date, link or title,
//! duplicate links, HTML and entities in titles, GBK and UTF-16 sources) goes through
//! poll -> publish, and every generated feed must satisfy feedparser (bozo = 0, the items we
//! stored), the Atom RELAX NG schema, RSS 2.0's required elements, JSON Feed 1.1's required
//! fields, a well-formed OPML list, and newsboat reading the feeds over http://127.0.0.1.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{Install, Response, TestServer, assert_atom_valid, feedparser, files_with_ext};
use zonefeed::cli;
use zonefeed::store::{Selector, Store};

fn stress_feed() -> String {
    let long: String = "长".repeat(1990) + "标题结尾1234567890";
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>压力测试源</title><link>http://stress.example.cn/</link><description>各种难题</description>
<item><title><![CDATA[CDATA 标题 <b>带标签</b>]]></title><link>http://stress.example.cn/1</link><guid>s1</guid>
<description><![CDATA[<p>内含 ]]]]><![CDATA[> 的正文</p>]]></description><pubDate>2026-11-20 10:00:00</pubDate></item>
<item><title>🚀 南通高新区 🎉 emoji 标题</title><link>http://stress.example.cn/2</link><guid>s2</guid><pubDate>2026-11-20 11:00:00</pubDate></item>
<item><title>控制字符标题</title><description>正文里也有</description><link>http://stress.example.cn/3</link><guid>s3</guid><pubDate>2026-11-20 12:00:00</pubDate></item>
<item><title>RTL مرحبا بالعالم 与中文混排</title><link>http://stress.example.cn/4</link><guid>s4</guid><pubDate>2026-11-20 13:00:00</pubDate></item>
<item><title>{long}</title><link>http://stress.example.cn/5</link><guid>s5</guid><pubDate>2026-11-20 14:00:00</pubDate></item>
<item><title>没有日期的条目</title><link>http://stress.example.cn/6</link><guid>s6</guid></item>
<item><title>没有链接的条目</title><guid>s7</guid><description>只有正文</description><pubDate>2026-11-20 15:00:00</pubDate></item>
<item><description>没有标题，只有正文 &amp; 符号</description><link>http://stress.example.cn/8</link><guid>s8</guid><pubDate>2026-11-20 16:00:00</pubDate></item>
<item><title>重复链接 甲</title><link>http://stress.example.cn/dup</link><guid>s9</guid><pubDate>2026-11-20 17:00:00</pubDate></item>
<item><title>重复链接 乙</title><link>http://stress.example.cn/dup</link><guid>s10</guid><pubDate>2026-11-20 18:00:00</pubDate></item>
<item><title>&lt;b&gt;粗体&lt;/b&gt; &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;标题</title><link>http://stress.example.cn/11</link><guid>s11</guid><pubDate>2026-11-20 19:00:00</pubDate></item>
<item><title>A &lt; B &amp;&amp; C &gt; D "引号" 'apostrophe'</title><link>http://stress.example.cn/12?a=1&amp;b=2</link><guid>s12</guid><pubDate>2026-11-20 20:00:00</pubDate></item>
</channel></rss>"#
    )
    // Raw control characters, as some sites send them (illegal in XML 1.0).
    .replace("控制字符标题", "控制\u{1}字符\u{8}标题")
    .replace("正文里也有", "正文\u{b}里也有\u{1f}")
}

fn config(server: &TestServer) -> String {
    format!(
        r#"[service]
base_url = "http://127.0.0.1:{port}/"
[poll]
allow_private_networks = true
[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[regions]]
id = "ningbo"
name = "宁波市"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[sources]]
id = "stress"
url = "{stress}"
region = "nantong"
[[sources]]
id = "gbk"
url = "{gbk}"
region = "nantong"
[[sources]]
id = "utf16"
url = "{utf16}"
region = "ningbo"
"#,
        port = server.addr.port(),
        stress = server.url("/src/stress.xml"),
        gbk = server.url("/src/gbk.xml"),
        utf16 = server.url("/src/utf16.xml"),
    )
}

fn run(cmd: &mut std::process::Command) -> std::process::Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

/// The stress set and the GBK and UTF-16 sources, polled and published once.
struct Published {
    server: TestServer,
    _install: Install,
    feeds: std::path::PathBuf,
    /// The items in the store after the poll.
    stored: Vec<zonefeed::model::Item>,
}

async fn published() -> Published {
    let server = TestServer::start().await;
    server.route(
        "/src/stress.xml",
        Response::ok("application/rss+xml", stress_feed()),
    );
    server.fixture("/src/gbk.xml", "gbk.xml", "text/xml");
    server.fixture("/src/utf16.xml", "utf16.xml", "text/xml");
    let install = Install::new(&config(&server));
    let config = Arc::new(install.config());
    let summary = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(
        summary.failed(),
        0,
        "setup (poll and publish): {:#?}",
        summary.outcomes
    );
    let stored = {
        let store = Store::open(&config.service.data_dir).expect("store");
        store.newest(&Selector::All, 100, |_| true).expect("items")
    };
    let feeds = install.feeds();
    Published {
        server,
        _install: install,
        feeds,
        stored,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stress_set_is_stored_with_control_characters_dropped_and_markup_as_text() {
    let p = published().await;
    let stored = &p.stored;
    assert_eq!(stored.len(), 12 + 2 + 1);
    let titles: Vec<&str> = stored.iter().map(|i| i.title.as_str()).collect();
    assert!(
        titles.iter().any(|t| t.starts_with("控制字符标题")),
        "control characters dropped, item kept: {titles:?}"
    );
    assert!(titles.iter().all(|t| !t.contains('\u{1}')));
    assert!(
        titles.contains(&"<b>粗体</b> & <script>alert(1)</script>标题")
            || titles
                .iter()
                .any(|t| t.contains("粗体") && !t.contains("<script>")),
        "{titles:?}"
    );
}

/// feedparser: bozo = 0 for every RSS and Atom feed, with the items we stored. (Released
/// feedparser, 6.0.14, has no JSON Feed parser; JSON Feed is checked on its own.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedparser_reads_every_rss_and_atom_feed_without_bozo_and_with_the_stored_items() {
    let p = published().await;
    let stored = &p.stored;
    let xml_feeds = files_with_ext(&p.feeds, &["rss", "atom"]);
    assert!(!xml_feeds.is_empty());
    for r in feedparser(&xml_feeds) {
        assert_eq!(r["bozo"], 0, "{}: {}", r["path"], r["bozo_exception"]);
        let path = r["path"].as_str().unwrap_or("");
        if path.ends_with("/all.rss") || path.ends_with("/all.atom") {
            let got: Vec<String> = r["entries"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|e| e["title"].as_str().unwrap_or("").to_string())
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(got.len(), stored.len(), "{path}");
            for item in stored {
                if item.title.is_empty() {
                    // RSS may omit <title> when there is a description; Atom needs one.
                    assert!(
                        got.iter().any(|g| g.is_empty() || g == "（无标题）"),
                        "{path}"
                    );
                    continue;
                }
                let want = item.title.clone();
                // feedparser re-reads Atom/RSS titles as HTML-ish text; compare the readable part.
                let probe: String = want
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .take(12)
                    .collect();
                assert!(
                    got.iter().any(|g| g
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                        .starts_with(&probe)),
                    "{path}: no entry like {want:?} in {got:?}"
                );
            }
        }
    }
}

/// Atom: RFC 4287 RELAX NG. RSS: well-formed, with the required channel and item elements.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn atom_passes_relax_ng_and_rss_is_well_formed_with_its_required_elements() {
    let p = published().await;
    let feeds = &p.feeds;
    assert_atom_valid(&files_with_ext(feeds, &["atom"]));
    let rss = files_with_ext(feeds, &["rss"]);
    let out = run(std::process::Command::new("xmllint")
        .arg("--noout")
        .args(&rss));
    assert!(
        out.status.success(),
        "xmllint (RSS): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = r#"
import sys, xml.etree.ElementTree as ET
bad = []
for p in sys.argv[1:]:
    ch = ET.parse(p).getroot().find('channel')
    for tag in ('title', 'link', 'description'):
        if ch is None or ch.find(tag) is None or not (ch.find(tag).text or '').strip():
            bad.append(f'{p}: channel lacks {tag}')
    for it in ch.findall('item'):
        if it.find('title') is None and it.find('description') is None:
            bad.append(f'{p}: item with neither title nor description')
print('\n'.join(bad))
sys.exit(1 if bad else 0)
"#;
    let out = run(std::process::Command::new("python3")
        .arg("-c")
        .arg(check)
        .args(&rss));
    assert!(
        out.status.success(),
        "RSS required elements: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// JSON Feed 1.1 required fields, read by Python's json module; `all.json` holds exactly
/// the items we stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_feeds_have_json_feed_1_1_required_fields_and_all_json_the_stored_items() {
    let p = published().await;
    let (feeds, stored) = (&p.feeds, &p.stored);
    let json_feeds = files_with_ext(feeds, &["json"]);
    assert!(!json_feeds.is_empty());
    let check = "import json,sys\nfor p in sys.argv[1:]: json.load(open(p, encoding='utf-8'))";
    let out = run(std::process::Command::new("python3")
        .arg("-c")
        .arg(check)
        .args(&json_feeds));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: serde_json::Value =
        serde_json::from_slice(&std::fs::read(feeds.join("all.json")).expect("all.json"))
            .expect("json");
    let json_titles: Vec<&str> = all["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(json_titles.len(), stored.len());
    for item in stored {
        assert!(
            json_titles.contains(&item.title.as_str()),
            "{:?} missing from all.json",
            item.title
        );
    }
    for f in &json_feeds {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(f).expect("read")).expect("json");
        assert_eq!(
            v["version"],
            "https://jsonfeed.org/version/1.1",
            "{}",
            f.display()
        );
        assert!(v["title"].is_string());
        for it in v["items"].as_array().expect("items") {
            assert!(it["id"].is_string(), "{it}");
            assert!(
                it["content_html"].is_string() || it["content_text"].is_string(),
                "{it}"
            );
        }
    }
}

/// OPML: well-formed, one outline per feed with an xmlUrl.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_opml_list_is_well_formed_with_one_outline_per_feed() {
    let p = published().await;
    let opml = p.feeds.join("feeds.opml");
    let out = run(std::process::Command::new("xmllint")
        .arg("--noout")
        .arg(&opml));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&opml).expect("opml");
    assert_eq!(text.matches("xmlUrl=").count(), 1 + 3 + 1);
}

/// newsboat, a real reader, fetches `all.rss` and `all.atom` over http://127.0.0.1.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newsboat_reads_all_rss_and_atom_over_http_with_every_item() {
    let p = published().await;
    let (server, feeds, stored) = (&p.server, &p.feeds, &p.stored);
    for f in ["all.rss", "all.atom"] {
        server.route(
            &format!("/{f}"),
            Response::ok(
                if f.ends_with("rss") {
                    "application/rss+xml"
                } else {
                    "application/atom+xml"
                },
                std::fs::read(feeds.join(f)).expect("feed"),
            ),
        );
    }
    // One cache per feed: newsboat keys items by guid across feeds, and our RSS guid and
    // Atom id for an item are deliberately the same.
    for feed in [server.url("/all.rss"), server.url("/all.atom")] {
        let home = tempfile::tempdir().expect("home");
        let home_path = home.path().to_path_buf();
        std::fs::write(home_path.join("urls"), format!("{feed}\n")).expect("urls");
        std::fs::write(home_path.join("config"), "").expect("config");
        let out = tokio::task::spawn_blocking(move || {
            run(std::process::Command::new("newsboat")
                .env("HOME", &home_path)
                .env("XDG_CONFIG_HOME", home_path.join(".config"))
                .env("XDG_DATA_HOME", home_path.join(".local/share"))
                .arg("-u")
                .arg(home_path.join("urls"))
                .arg("-c")
                .arg(home_path.join("cache.db"))
                .arg("-C")
                .arg(home_path.join("config"))
                .arg("-x")
                .arg("reload"))
        })
        .await
        .expect("join");
        assert!(
            out.status.success(),
            "newsboat: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = newsboat_items(&home.path().join("cache.db"));
        let items: Vec<&(String, String, String)> = rows.iter().filter(|r| r.0 == feed).collect();
        assert_eq!(items.len(), stored.len(), "newsboat items from {feed}");
        for item in stored.iter().filter(|i| i.link.is_some()) {
            let link = item.link.as_deref().unwrap_or("");
            assert!(
                items.iter().any(|r| r.2 == link),
                "newsboat lacks the link {link} in {feed}"
            );
        }
        for title in [
            "🚀 南通高新区 🎉 emoji 标题",
            "RTL مرحبا بالعالم 与中文混排",
            "没有日期的条目",
        ] {
            assert!(
                items.iter().any(|r| r.1 == title),
                "newsboat lacks {title:?} in {feed}"
            );
        }
    }
}

/// (feed url, title, link) of every item newsboat stored.
fn newsboat_items(cache: &Path) -> Vec<(String, String, String)> {
    let script = "import sqlite3,sys,json\nc=sqlite3.connect(sys.argv[1])\nprint(json.dumps(c.execute('select feedurl,title,url from rss_item').fetchall(),ensure_ascii=False))";
    let out = run(std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(cache));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<(String, String, String)> = serde_json::from_slice(&out.stdout).expect("rows");
    v
}

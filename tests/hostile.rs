//! Hostile input, beyond the polling tests' hostile servers: what a broken or malicious site
//! can put *inside* a document. Entity expansion (billion laughs), deep nesting in XML and
//! HTML, a 14 MB single-line title, invalid UTF-8 and NUL bytes in every field, CR/LF in
//! titles that reach mail subjects, and an XSS corpus of 45 vectors in every field of RSS,
//! Atom and JSON Feed, followed through the store into feeds, index.html and digests, where
//! Python's parsers look for anything executable (tests/tools/xsscheck.py).

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{Install, Response, TestServer, assert_atom_valid, assert_feedparser_clean};
use zonefeed::cli;
use zonefeed::parse::{ParseOptions, parse_feed};
use zonefeed::store::{Selector, Store};

fn opts() -> ParseOptions<'static> {
    ParseOptions {
        base_url: None,
        header_charset: None,
        charset_override: None,
        tz: chrono_tz::Asia::Shanghai,
    }
}

fn config_text(server: &TestServer, extra_sources: &str) -> String {
    format!(
        r#"
[service]
base_url = "http://feeds.example.cn/zf/"
feed_items = 200
[poll]
timeout = "20s"
allow_private_networks = true
[mail]
transport = "outbox"
from = "开发区新闻 <digest@example.cn>"
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
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通开发区"]
[[sources]]
id = "xss-rss"
url = "{rss}"
region = "nantong"
[[sources]]
id = "xss-atom"
url = "{atom}"
region = "suzhou"
[[sources]]
id = "xss-json"
url = "{json}"
region = "wuxi"
{extra_sources}
[[subscriptions]]
id = "mallory"
email = "mallory@example.com"
name = "Mallory\r\nBcc: victim@example.com"
regions = ["jiangsu"]
max_items = 500
schedule = "0 0 8 * * *"
"#,
        rss = server.url("/xss.rss"),
        atom = server.url("/xss.atom"),
        json = server.url("/xss.json"),
    )
}

fn hostile_fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn copy_templates(dir: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let dst = dir.join("templates");
    std::fs::create_dir_all(&dst).expect("mkdir");
    for e in std::fs::read_dir(src).expect("templates").flatten() {
        std::fs::copy(e.path(), dst.join(e.file_name())).expect("copy");
    }
}

/// xsscheck.py over the files: (fragments checked, findings).
fn xsscheck(files: &[std::path::PathBuf]) -> (u64, Vec<serde_json::Value>) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/xsscheck.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(files)
        .output()
        .expect("python3");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "xsscheck output: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        report["fragments"].as_u64().unwrap_or(0),
        report["findings"].as_array().cloned().unwrap_or_default(),
    )
}

/// 45 XSS vectors in every field of an RSS, an Atom and a JSON feed; a subject template
/// that prints item titles carrying CR/LF and "Bcc:"; a subscriber name doing the same.
/// Nothing executable reaches feeds, index.html, the region and zone pages, OPML or mail, no header is injected, and
/// harmless markup survives (the sanitiser is not simply dropping everything).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xss_and_header_injection_never_reach_feeds_index_or_mail() {
    let server = TestServer::start().await;
    for (path, ct) in [
        ("xss.rss", "application/rss+xml"),
        ("xss.atom", "application/atom+xml"),
        ("xss.json", "application/feed+json"),
    ] {
        server.route(&format!("/{path}"), Response::ok(ct, hostile_fixture(path)));
    }
    let install = Install::new(&config_text(&server, ""));
    copy_templates(install.dir.path());
    // An admin's subject template that prints titles: line breaks in them must not become
    // header lines.
    std::fs::write(
        install.dir.path().join("templates/digest.subject.txt"),
        "摘要 {{ count }} 条：{% for g in groups %}{% for i in g.items %}{{ i.title }} {% endfor %}{% endfor %}",
    )
    .expect("subject template");
    let config = Arc::new(install.config());

    let summary = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(summary.failed(), 0, "{:#?}", summary.outcomes);
    let out = cli::digest_send(&config, &[], true).await.expect("digest");
    assert_eq!(out.len(), 1, "{out:?}");

    let store = Store::open(&config.service.data_dir).expect("store");
    let items = store.newest(&Selector::All, 1000, |_| true).expect("items");
    assert_eq!(items.len(), 135, "45 items from each of the three feeds");
    // Harmless markup survives sanitising; titles are plain text, kept as text.
    assert!(
        items.iter().any(|i| i
            .content
            .as_deref()
            .is_some_and(|c| c.contains("<b>签约</b>"))),
        "benign markup was dropped"
    );
    assert!(items.iter().all(|i| !i.title.contains(['\r', '\n', '\0'])));
    for i in &items {
        if let Some(l) = &i.link {
            assert!(
                l.starts_with("http://") || l.starts_with("https://"),
                "item link {l:?}"
            );
        }
    }
    drop(store);

    let feeds = &config.service.feeds_dir;
    let feed_files = common::files_with_ext(feeds, &["rss", "atom", "json"]);
    let xml_feeds = common::files_with_ext(feeds, &["rss", "atom"]);
    assert_feedparser_clean(&xml_feeds);
    assert_atom_valid(&common::files_with_ext(feeds, &["atom"]));
    let mut files = feed_files.clone();
    files.extend(common::files_with_ext(feeds, &["html", "opml"]));
    // The pages for people beside the region and zone feeds are checked too.
    for page in [
        "regions/nantong.html",
        "regions/jiangsu.html",
        "zones/nantong-etdz.html",
    ] {
        assert!(files.contains(&feeds.join(page)), "{page} not published");
    }
    let mails = common::files_with_ext(&config.mail.outbox_dir, &["eml"]);
    assert_eq!(mails.len(), 1);
    files.extend(mails.iter().cloned());
    let (fragments, findings) = xsscheck(&files);
    assert!(
        findings.is_empty(),
        "{} findings, e.g. {:#?}",
        findings.len(),
        &findings[..findings.len().min(10)]
    );
    // 135 items × (summary + content) in all, region and parent feeds, three formats.
    assert!(fragments > 1000, "only {fragments} HTML fragments checked");

    // The mail: one To, no Bcc or Cc, a one-line subject that still shows the titles.
    let raw = std::fs::read(&mails[0]).expect("mail");
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..head_end]).to_string();
    for line in head.split("\r\n") {
        let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
        assert!(
            !matches!(name.as_str(), "bcc" | "cc"),
            "injected header line {line:?}"
        );
    }
    let checked = common::mailcheck(&mails);
    assert_eq!(checked[0]["defects"].as_array().map(Vec::len), Some(0));
    let subject = checked[0]["headers"]["Subject"]
        .as_str()
        .unwrap_or_default();
    assert!(
        subject.contains("南通开发区签约") && !subject.contains('\n'),
        "{subject:?}"
    );
}

/// Documents built to exhaust a parser: every one is read (or refused) in bounded memory,
/// without a stack overflow, and what comes out is bounded too.
#[test]
fn hostile_documents_are_parsed_in_bounds() {
    // Billion laughs: ten levels of ten references, 10^10 "a"s if expanded.
    let mut dtd = String::from("<!ENTITY l0 \"aaaaaaaaaa\">");
    for i in 1..10 {
        let refs = format!("&l{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY l{i} \"{refs}\">"));
    }
    let doc = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [{dtd}]><rss version=\"2.0\"><channel><title>&l9;</title>\
         <item><title>标题 &l9;</title><guid>1</guid><description>&l9;</description></item></channel></rss>"
    );
    if let Ok(p) = parse_feed(doc.as_bytes(), &opts()) {
        for e in &p.entries {
            assert!(e.title.len() < 1000, "entities expanded: {}", e.title.len());
            assert!(e.summary.as_deref().map_or(0, str::len) < 1000);
        }
    }

    // External entities: nothing is read from disk.
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\
               <rss version=\"2.0\"><channel><title>t</title><item><title>&x;</title><guid>1</guid></item></channel></rss>";
    if let Ok(p) = parse_feed(xxe.as_bytes(), &opts()) {
        assert!(p.entries.iter().all(|e| !e.title.contains("root:")));
    }

    // 200,000 nested elements, in the XML itself and as HTML in a description.
    let depth = 200_000;
    let deep_xml = format!(
        "<rss version=\"2.0\"><channel><title>t</title><item><title>深</title><guid>1</guid><x>{}{}</x></item></channel></rss>",
        "<y>".repeat(depth),
        "</y>".repeat(depth)
    );
    let _ = parse_feed(deep_xml.as_bytes(), &opts());
    let deep_html = format!(
        "<rss version=\"2.0\"><channel><title>t</title><item><title>深</title><guid>1</guid><description><![CDATA[{}x{}]]></description></item></channel></rss>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let parsed = parse_feed(deep_html.as_bytes(), &opts()).expect("deep HTML is only HTML");
    assert_eq!(parsed.entries.len(), 1);
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/list-utf8.html");
    let page = std::fs::read_to_string(page).expect("page");
    let deep_page = page.replacen(
        "<body>",
        &format!("<body>{}{}", "<div>".repeat(depth), "</div>".repeat(depth)),
        1,
    );
    let url = url::Url::parse("http://zone.example.cn/list.html").expect("url");
    let rules_config = zonefeed::config::Config::parse(
        "[[regions]]\nid = \"r\"\nname = \"R\"\n[[sources]]\nid = \"s\"\nkind = \"html\"\nurl = \"http://zone.example.cn/list.html\"\nregion = \"r\"\n[sources.list]\nitem = \"li\"\n",
        Path::new("config.toml"),
        Path::new("."),
    )
    .expect("rules");
    if let zonefeed::config::SourceKind::Html(rules) = &rules_config.sources[0].kind {
        let _ = zonefeed::scrape::scrape_list(&deep_page, &url, rules, chrono_tz::Asia::Shanghai);
    }

    // A 14 MB single-line title (just inside the default 15 MiB max_body) and a 14 MB
    // guid: parsed, then bounded on the way into the store.
    let huge = "开发区".repeat((14 << 20) / 9);
    let doc = format!(
        "<rss version=\"2.0\"><channel><title>t</title><item><title>{huge}</title><guid>{huge}</guid><link>http://a.example.cn/{huge}</link><description>{huge}</description></item></channel></rss>"
    );
    let parsed = parse_feed(doc.as_bytes(), &opts()).expect("huge title");
    let entry = &parsed.entries[0];
    let source = &rules_config.sources[0];
    let placement = zonefeed::classify::Placement {
        region: "r".into(),
        zone: None,
        unknown_zone: None,
        by: Default::default(),
    };
    let item = zonefeed::poll::to_item(source, entry, placement, chrono::Utc::now());
    assert!(item.title.chars().count() <= 501, "{}", item.title.len());
    assert!(item.id.len() < 100, "id {} bytes", item.id.len());
    assert!(item.link.is_none(), "a 14 MB link is dropped");
    assert!(item.summary.as_deref().map_or(0, str::len) <= (64 << 10) + 16);
}

/// Invalid UTF-8 and NUL bytes in every field, in a document served with a UTF-8 header:
/// the feed is read, the bad bytes become U+FFFD or vanish, and every generated file is
/// still valid XML that feedparser reads cleanly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_utf8_and_nul_bytes_in_every_field() {
    let mut doc: Vec<u8> = Vec::new();
    doc.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>t\xff\xfe\x00</title><link>http://zone.example.cn/</link>",
    );
    for i in 0..5u8 {
        doc.extend_from_slice(
            format!("<item><title>\u{5357}\u{901a}\x00\u{5f00}\u{53d1}\u{533a} {i} ").as_bytes(),
        );
        doc.extend_from_slice(b"\xc3\x28 \xe5\x8d \xf0\x28\x8c\x28 \xed\xa0\x80 \x00\x01\x1b[31m");
        doc.extend_from_slice(
            format!(
                "</title><link>http://zone.example.cn/n/{i}\x00.html~FF~</link><guid>g{i}~FE~\x00</guid>\
                 <author>~FF~\x00a@b.cn</author><category>~C0AF~\x00</category>\
                 <pubDate>2026-11-2{i} 10:30:00\x00</pubDate>\
                 <description>&lt;p&gt;~FF~\x00text&lt;/p&gt;</description></item>"
            )
            .as_bytes(),
        );
    }
    doc.extend_from_slice(b"</channel></rss>");
    // Rust string literals cannot hold invalid UTF-8: put the bad bytes in now.
    for (marker, bytes) in [
        (&b"~FF~"[..], &b"\xff"[..]),
        (b"~FE~", b"\xfe"),
        (b"~C0AF~", b"\xc0\xaf"),
    ] {
        while let Some(p) = doc.windows(marker.len()).position(|w| w == marker) {
            doc.splice(p..p + marker.len(), bytes.iter().copied());
        }
    }

    let server = TestServer::start().await;
    server.route(
        "/bad.rss",
        Response::ok("application/rss+xml; charset=utf-8", doc),
    );
    let body = format!(
        r#"
[service]
base_url = "http://feeds.example.cn/zf/"
[poll]
allow_private_networks = true
[[regions]]
id = "nantong"
name = "南通市"
[[sources]]
id = "bad"
url = "{}"
region = "nantong"
"#,
        server.url("/bad.rss")
    );
    let install = Install::new(&body);
    let config = Arc::new(install.config());
    let summary = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(summary.failed(), 0, "{:#?}", summary.outcomes);
    let store = Store::open(&config.service.data_dir).expect("store");
    let items = store.newest(&Selector::All, 100, |_| true).expect("items");
    assert_eq!(items.len(), 5);
    for i in &items {
        let all = format!(
            "{}{}{:?}{:?}{:?}{:?}",
            i.title, i.id, i.link, i.author, i.summary, i.categories
        );
        assert!(
            !all.chars()
                .any(|c| c == '\0' || (c.is_control() && c != '\n' && c != '\t')),
            "control character kept: {all:?}"
        );
        assert!(i.title.starts_with("南通开发区"), "{:?}", i.title);
    }
    drop(store);
    let feeds = common::files_with_ext(&config.service.feeds_dir, &["rss", "atom"]);
    assert_feedparser_clean(&feeds);
    assert_atom_valid(&common::files_with_ext(
        &config.service.feeds_dir,
        &["atom"],
    ));
}

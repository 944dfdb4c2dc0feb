//! Search end to end (issue 18) with real parts: items polled from `file:` feeds into a
//! real sled store on disk; `zonefeed search` and `zonefeed reindex` as an admin runs
//! them; `zonefeed run` on a free loopback port answering `/search` and the search feeds
//! to a plain HTTP client; feedparser and xmllint judging the feeds.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{assert_atom_valid, assert_feedparser_clean, zonefeed_text as zonefeed};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title><link>https://example.cn/</link><description>d</description>",
    );
    for (i, (title, desc, date)) in items.iter().enumerate() {
        s.push_str(&format!(
            "<item><title>{title}</title><link>https://example.cn/{i}-{}</link><guid>{i}-{title}</guid><description>{desc}</description><pubDate>{date}</pubDate></item>",
            title.len()
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// Three sources in three places: Suzhou (in Jiangsu, zone SIP), Wuxi (in Jiangsu) and
/// Hefei (in Anhui).
fn install(port: u16) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("sz.xml"),
        rss(&[
            (
                "苏州工业园区新能源汽车零部件项目签约",
                "总投资20亿元。",
                "Mon, 05 Jan 2026 08:00:00 +0800",
            ),
            (
                "苏州工业园区举办新能源汽车招聘会",
                "30家企业提供岗位。",
                "Tue, 06 Jan 2026 08:00:00 +0800",
            ),
            (
                "园区集成电路设计企业集聚发展",
                "芯片设计。",
                "Wed, 07 Jan 2026 08:00:00 +0800",
            ),
            (
                "<b>粗体</b>能源局调研园区",
                "能源保障。",
                "Thu, 08 Jan 2026 08:00:00 +0800",
            ),
        ]),
    )
    .expect("write");
    std::fs::write(
        d.join("wx.xml"),
        rss(&[
            (
                "无锡高新区光伏新能源产业基地开工",
                "年产光伏组件5GW。",
                "Mon, 05 Jan 2026 09:00:00 +0800",
            ),
            (
                "某公司中标开发区政务系统集成项目",
                "系统集成服务。",
                "Tue, 06 Jan 2026 09:00:00 +0800",
            ),
        ]),
    )
    .expect("write");
    std::fs::write(
        d.join("hf.xml"),
        rss(&[
            (
                "合肥经开区储能电池项目投产",
                "储能电池年产能10GWh。",
                "Mon, 05 Jan 2026 10:00:00 +0800",
            ),
            (
                "合肥新能源汽车产业链再添项目",
                "ＡＩ驾驶。",
                "Tue, 06 Jan 2026 10:00:00 +0800",
            ),
        ]),
    )
    .expect("write");
    std::fs::write(
        d.join("config.toml"),
        format!(
            r#"[service]
data_dir = "data"
feeds_dir = "feeds"
base_url = "http://127.0.0.1:{port}/"
listen = "127.0.0.1:{port}"
timezone = "Asia/Shanghai"

[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "suzhou"
name = "苏州市"
parent = "jiangsu"
[[regions]]
id = "wuxi"
name = "无锡市"
parent = "jiangsu"
[[regions]]
id = "anhui"
name = "安徽省"
[[regions]]
id = "hefei"
name = "合肥市"
parent = "anhui"

[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"

[[sources]]
id = "sz"
name = "苏州工业园区新闻"
url = "file:sz.xml"
region = "suzhou"
zone = "suzhou-sip"
[[sources]]
id = "wx"
url = "file:wx.xml"
region = "wuxi"
[[sources]]
id = "hf"
url = "file:hf.xml"
region = "hefei"

[[topics]]
id = "nev"
name = "新能源"
query = "新能源 OR 储能 OR 光伏 -招聘"
regions = ["jiangsu"]
[[topics]]
id = "ic"
name = "集成电路"
query = "集成电路"
"#
        ),
    )
    .expect("write config");
    dir
}

/// Titles of `zonefeed search --json`, sorted; the lines carry the issue's fields.
fn search_titles(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let (code, out, err) = zonefeed(dir, &all);
    assert_eq!(code, Some(0), "search {args:?} failed: {err}");
    let mut titles: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            for k in ["title", "link", "published", "region", "zone", "source"] {
                assert!(v.get(k).is_some(), "no {k} in {l}");
            }
            v["title"].as_str().expect("title").to_string()
        })
        .collect();
    titles.sort();
    titles
}

#[test]
fn cli_search_finds_words_as_readers_expect_and_reindex_rebuilds() {
    let dir = install(free_port());
    let d = dir.path();
    let (code, _, err) = zonefeed(d, &["poll"]);
    assert_eq!(code, Some(0), "poll: {err}");
    // The CLI's poll stores without indexing: the search catches up from sled first.
    assert_eq!(
        search_titles(d, &["新能源"]),
        [
            "合肥新能源汽车产业链再添项目",
            "无锡高新区光伏新能源产业基地开工",
            "苏州工业园区举办新能源汽车招聘会",
            "苏州工业园区新能源汽车零部件项目签约",
        ]
    );
    assert_eq!(
        search_titles(d, &["新能源 -招聘", "--region", "jiangsu"]),
        [
            "无锡高新区光伏新能源产业基地开工",
            "苏州工业园区新能源汽车零部件项目签约"
        ]
    );
    assert_eq!(
        search_titles(d, &["集成电路"]),
        ["园区集成电路设计企业集聚发展"]
    );
    assert_eq!(
        search_titles(d, &["光伏 OR 储能"]),
        [
            "合肥经开区储能电池项目投产",
            "无锡高新区光伏新能源产业基地开工"
        ]
    );
    assert_eq!(search_titles(d, &["ai"]), ["合肥新能源汽车产业链再添项目"]);
    assert_eq!(
        search_titles(d, &["\"汽车招聘\"", "--zone", "suzhou-sip"]),
        ["苏州工业园区举办新能源汽车招聘会"]
    );
    // Place names are searchable too: 安徽省 is Hefei's ancestor.
    assert_eq!(
        search_titles(d, &["安徽 储能"]),
        ["合肥经开区储能电池项目投产"]
    );
    assert_eq!(search_titles(d, &["新能源", "--limit", "1"]).len(), 1);

    let (code, _, err) = zonefeed(d, &["search", "光伏 OR"]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("invalid query: column 4: OR must stand between two words"),
        "{err}"
    );
    let (code, _, err) = zonefeed(d, &["search", "光伏", "--region", "mars"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("unknown region \"mars\""), "{err}");

    let (code, out, err) = zonefeed(d, &["reindex"]);
    assert_eq!(code, Some(0), "reindex: {err}");
    assert!(out.contains("indexed 8 items"), "{out}");
    assert_eq!(
        search_titles(d, &["系统集成"]),
        ["某公司中标开发区政务系统集成项目"]
    );
}

struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> (u16, String, Vec<u8>) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, String::new(), Vec::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return (0, String::new(), Vec::new());
    }
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .unwrap_or(buf.len());
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, buf[split..].to_vec())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `zonefeed run` on the three sources and a free loopback port, once its start-up polls
/// have made `新能源`'s four items searchable.
struct Running {
    dir: tempfile::TempDir,
    port: u16,
    _daemon: Daemon,
}

fn running_daemon() -> Running {
    let port = free_port();
    let dir = install(port);
    let d = dir.path();
    let log = std::fs::File::create(d.join("daemon.log")).expect("log");
    let daemon = Daemon(
        Command::new(env!("CARGO_BIN_EXE_zonefeed"))
            .current_dir(d)
            .arg("run")
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start zonefeed run"),
    );
    // The daemon polls at start and indexes what each poll stores.
    let q = format!("/search?q={}", enc("新能源"));
    let start = Instant::now();
    loop {
        let (status, _, body) = get(port, &q, &[]);
        if status == 200 && String::from_utf8_lossy(&body).matches("<li>").count() == 4 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "setup (daemon start): no 4 results; log:\n{}",
            std::fs::read_to_string(d.join("daemon.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    Running {
        dir,
        port,
        _daemon: daemon,
    }
}

/// Region filter with descendants; the page escapes what it echoes and needs no script.
#[test]
fn the_search_page_escapes_its_echo_and_filters_by_region_with_descendants() {
    let r = running_daemon();
    let port = r.port;
    let evil = "新能源 \"<script>alert(1)</script>\" '><img src=x>";
    let (status, head, body) = get(
        port,
        &format!("/search?q={}&region=jiangsu", enc(evil)),
        &[],
    );
    let body = String::from_utf8_lossy(&body).to_string();
    assert_eq!(status, 200, "{head}{body}");
    assert!(!body.contains("<script>"), "{body}");
    assert!(body.contains("&lt;script&gt;"), "{body}");
    assert!(!body.contains("<img"), "{body}");
    assert!(
        body.contains("value=\"新能源 &quot;&lt;script&gt;"),
        "{body}"
    );
    assert!(
        !body.to_lowercase().contains("<script"),
        "page needs no script"
    );
    let (_, _, body) = get(
        port,
        &format!("/search?q={}&region=jiangsu", enc("新能源")),
        &[],
    );
    let body = String::from_utf8_lossy(&body).to_string();
    assert_eq!(body.matches("<li>").count(), 3, "{body}");
    // No result from 合肥 (the region list of the form names it, the results must not).
    let results = body
        .split("<ol class=\"items\">")
        .nth(1)
        .unwrap_or_default();
    assert!(!results.contains("合肥"), "{body}");
    assert!(
        body.contains("search.rss?q="),
        "feed links on the page: {body}"
    );
}

/// Refusals are 400 with the reason, never a 5xx.
#[test]
fn bad_searches_are_refused_400_with_the_reason() {
    let r = running_daemon();
    let port = r.port;
    let (status, _, body) = get(port, &format!("/search?q={}", enc(&"长".repeat(201))), &[]);
    assert_eq!(status, 400, "201 characters");
    assert!(String::from_utf8_lossy(&body).contains("200"));
    let (status, _, _) = get(
        port,
        &format!("/search.rss?q={}", enc(&"长".repeat(201))),
        &[],
    );
    assert_eq!(status, 400, "201 characters, feed");
    let (status, _, body) = get(port, &format!("/search?q={}", enc("\"未闭合")), &[]);
    assert_eq!(status, 400, "unclosed phrase");
    assert!(String::from_utf8_lossy(&body).contains("never closed"));
    let (status, _, _) = get(
        port,
        &format!("/search.json?q={}&zone=nowhere", enc("新能源")),
        &[],
    );
    assert_eq!(status, 400, "unknown zone");
    let (status, _, _) = get(port, "/search?q=%FF%FE", &[]);
    assert!(
        status == 400 || status == 200,
        "undecodable query: {status}"
    );
}

/// The feeds: judged by feedparser and the Atom schema; ETag and 304.
#[test]
fn search_feeds_hold_the_query_pass_feedparser_and_the_atom_schema_and_revalidate() {
    let r = running_daemon();
    let port = r.port;
    let feeds = r.dir.path().join("got");
    std::fs::create_dir_all(&feeds).expect("mkdir");
    let qs = format!("q={}&region=jiangsu", enc("新能源 OR 储能 -招聘"));
    let mut files = Vec::new();
    for ext in ["rss", "atom", "json"] {
        let (status, head, body) = get(port, &format!("/search.{ext}?{qs}"), &[]);
        assert_eq!(status, 200, "{ext}: {head}");
        let etag = header(&head, "etag").expect("etag").to_string();
        let (again, _, empty) = get(
            port,
            &format!("/search.{ext}?{qs}"),
            &[("If-None-Match", &etag)],
        );
        assert_eq!(again, 304, "{ext} revalidation");
        assert!(empty.is_empty(), "{ext}: a 304 has no body");
        let text = String::from_utf8_lossy(&body).to_string();
        assert!(text.contains("无锡高新区光伏新能源产业基地开工"), "{text}");
        assert!(!text.contains("招聘会"), "{text}");
        assert!(!text.contains("合肥"), "{text}");
        let path = feeds.join(format!("search.{ext}"));
        std::fs::write(&path, &body).expect("write");
        files.push(path);
    }
    // feedparser reads RSS and Atom; the JSON Feed is checked for its version and items.
    let parsed = assert_feedparser_clean(&files[..2]);
    assert_eq!(parsed.len(), 2);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[2]).expect("read")).expect("json feed");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"].as_array().map(Vec::len), Some(2));
    assert!(
        json["feed_url"]
            .as_str()
            .is_some_and(|u| u.contains("/search.json?q=")),
        "{json}"
    );
    assert_atom_valid(&[feeds.join("search.atom")]);
}

/// index.html leads to the search.
#[test]
fn index_html_links_to_the_search() {
    let r = running_daemon();
    let (_, _, index) = get(r.port, "/index.html", &[]);
    assert!(String::from_utf8_lossy(&index).contains("<a href=\"search\">"));
}

/// The daemon keeps topic feeds current from its own index (written by the publish that
/// follows each poll, a moment after the poll's items are searchable).
#[test]
fn the_daemon_writes_topic_feeds_from_its_own_index() {
    let r = running_daemon();
    let start = Instant::now();
    loop {
        let (status, _, body) = get(r.port, "/topics/nev.rss", &[]);
        if status == 200
            && String::from_utf8_lossy(&body).contains("无锡高新区光伏新能源产业基地开工")
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "topic feed: {status}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The CLI asks the running daemon (it holds the store).
#[test]
fn the_cli_searches_through_the_running_daemon() {
    let r = running_daemon();
    assert_eq!(
        search_titles(r.dir.path(), &["储能"]),
        ["合肥经开区储能电池项目投产"]
    );
}

/// Titles in an RSS file, sorted.
fn rss_titles(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("read feed");
    let mut out: Vec<String> = text
        .split("<item>")
        .skip(1)
        .filter_map(|i| {
            let a = i.find("<title>")? + "<title>".len();
            let b = i[a..].find("</title>")? + a;
            Some(i[a..b].to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn topic_feeds_hold_exactly_their_query_in_their_regions() {
    let dir = install(free_port());
    let d = dir.path();
    // A hostile item that matches the topic: its page must carry it inert.
    let wx = std::fs::read_to_string(d.join("wx.xml")).expect("read");
    std::fs::write(
        d.join("wx.xml"),
        wx.replace(
            "</channel>",
            "<item><title>&lt;script&gt;alert(1)&lt;/script&gt;储能\"&gt;&lt;img src=x onerror=alert(2)&gt;</title><link>javascript:alert(3)</link><guid>evil</guid><description>&lt;iframe src=javascript:alert(4)&gt;&lt;/iframe&gt;光伏</description><pubDate>Mon, 05 Jan 2026 07:00:00 +0800</pubDate></item></channel>",
        ),
    )
    .expect("write");
    let (code, _, err) = zonefeed(d, &["poll"]);
    assert_eq!(code, Some(0), "poll: {err}");
    let topics = d.join("feeds/topics");
    // 新能源 OR 储能 OR 光伏, not 招聘, in Jiangsu (Suzhou and Wuxi, not Hefei).
    let nev: Vec<String> = rss_titles(&topics.join("nev.rss"))
        .into_iter()
        .filter(|t| !t.starts_with("储能"))
        .collect();
    assert_eq!(
        nev,
        [
            "无锡高新区光伏新能源产业基地开工",
            "苏州工业园区新能源汽车零部件项目签约"
        ]
    );
    assert_eq!(rss_titles(&topics.join("nev.rss")).len(), 3);
    // The page for people: the same items, inert, with the subscribe links.
    let page = std::fs::read_to_string(topics.join("nev.html")).expect("page");
    assert!(
        page.contains("无锡高新区光伏新能源产业基地开工") && page.contains("nev.atom"),
        "{page}"
    );
    assert!(!page.contains("招聘会") && !page.contains("合肥"), "{page}");
    let lower = page.to_lowercase();
    assert!(
        !lower.contains("<script") && !lower.contains("<img") && !lower.contains("<iframe"),
        "{page}"
    );
    assert!(!lower.contains("href=\"javascript:"), "{page}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/xsscheck.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(topics.join("nev.html"))
        .arg(topics.join("nev.rss"))
        .arg(topics.join("nev.atom"))
        .output()
        .expect("python3");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("xsscheck report");
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    assert_eq!(
        rss_titles(&topics.join("ic.rss")),
        ["园区集成电路设计企业集聚发展"]
    );
    let files: Vec<_> = ["nev.rss", "nev.atom", "ic.rss", "ic.atom"]
        .iter()
        .map(|f| topics.join(f))
        .collect();
    assert_feedparser_clean(&files);
    assert_atom_valid(&[topics.join("nev.atom"), topics.join("ic.atom")]);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(topics.join("nev.json")).expect("json"))
            .expect("json");
    assert_eq!(json["items"].as_array().map(Vec::len), Some(3));
    let index = std::fs::read_to_string(d.join("feeds/index.html")).expect("index");
    assert!(
        index.contains("id=\"topic-nev\"")
            && index.contains("topics/nev.atom")
            && index.contains("href=\"topics/nev.html\""),
        "{index}"
    );
    let opml = std::fs::read_to_string(d.join("feeds/feeds.opml")).expect("opml");
    assert!(opml.contains("topics/ic.atom"), "{opml}");

    // A new item that matches reaches the topic feed with the next poll.
    let sz = std::fs::read_to_string(d.join("sz.xml")).expect("read");
    std::fs::write(
        d.join("sz.xml"),
        sz.replace(
            "</channel>",
            "<item><title>园区储能电站并网</title><link>https://example.cn/new</link><guid>new</guid><pubDate>Fri, 09 Jan 2026 08:00:00 +0800</pubDate></item></channel>",
        ),
    )
    .expect("write");
    let (code, _, err) = zonefeed(d, &["poll", "--force"]);
    assert_eq!(code, Some(0), "poll: {err}");
    assert_eq!(rss_titles(&topics.join("nev.rss")).len(), 4);
    assert!(rss_titles(&topics.join("nev.rss")).contains(&"园区储能电站并网".to_string()));
}

#[test]
fn check_reports_a_topic_query_that_does_not_parse_at_its_column() {
    let dir = install(free_port());
    let d = dir.path();
    let config = std::fs::read_to_string(d.join("config.toml")).expect("read");
    // Line of the broken query, and the column of its dangling OR inside the string.
    let config = config.replace("query = \"集成电路\"", "query = \"集成电路 OR\"");
    std::fs::write(d.join("config.toml"), &config).expect("write");
    let line = config
        .lines()
        .position(|l| l.contains("集成电路 OR"))
        .expect("line")
        + 1;
    let (code, _, err) = zonefeed(d, &["check"]);
    assert_eq!(code, Some(2), "{err}");
    // `query = "` is 9 characters; the OR is the 6th of the value.
    let want = format!("config.toml:{line}:15: query: OR must stand between two words");
    assert!(err.contains(&want), "want {want:?} in:\n{err}");
}

fn start_daemon(d: &Path) -> Daemon {
    let log = std::fs::File::create(d.join("daemon.log")).expect("log");
    Daemon(
        Command::new(env!("CARGO_BIN_EXE_zonefeed"))
            .current_dir(d)
            .arg("run")
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start zonefeed run"),
    )
}

/// Waits until `/search?q=` lists `n` results.
fn wait_for_results(d: &Path, port: u16, q: &str, n: usize) {
    let path = format!("/search?q={}", enc(q));
    let start = Instant::now();
    loop {
        let (status, _, body) = get(port, &path, &[]);
        if status == 200 && String::from_utf8_lossy(&body).matches("<li>").count() == n {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{q}: not {n} results; log:\n{}",
            std::fs::read_to_string(d.join("daemon.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Waits until the daemon's log holds `needle` `n` times.
fn wait_for_log(d: &Path, needle: &str, n: usize) {
    let start = Instant::now();
    loop {
        let log = std::fs::read_to_string(d.join("daemon.log")).unwrap_or_default();
        if log.matches(needle).count() >= n {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "not {n} × {needle:?} in the log:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// SIGKILL leaves items in sled the index never saw (here: stored by a CLI poll while the
/// daemon was dead, as a crash between store and index would); the next start catches up,
/// and a lost index folder is rebuilt from sled.
#[test]
fn after_sigkill_the_index_catches_up_with_the_store_at_start() {
    let port = free_port();
    let dir = install(port);
    let d = dir.path();
    // No topics: then a CLI poll stores without touching the index.
    let config = std::fs::read_to_string(d.join("config.toml")).expect("read");
    let config = config
        .split("[[topics]]")
        .next()
        .expect("config")
        .to_string();
    std::fs::write(d.join("config.toml"), config).expect("write");

    let mut daemon = start_daemon(d);
    wait_for_results(d, port, "新能源", 4);
    // Every source's start-up poll finished (each indexes its items before it logs), so
    // what the next start catches up is exactly what the CLI stores below, not also a
    // source whose poll the kill interrupted.
    wait_for_log(d, "zonefeed::poll: polled", 3);
    daemon.0.kill().expect("SIGKILL");
    let _ = daemon.0.wait();

    let wx = std::fs::read_to_string(d.join("wx.xml")).expect("read");
    std::fs::write(
        d.join("wx.xml"),
        wx.replace(
            "</channel>",
            "<item><title>无锡新能源电池回收项目落地</title><link>https://example.cn/wx-new</link><guid>wx-new</guid><pubDate>Fri, 09 Jan 2026 08:00:00 +0800</pubDate></item></channel>",
        ),
    )
    .expect("write");
    let (code, _, err) = zonefeed(d, &["poll", "--force"]);
    assert_eq!(code, Some(0), "poll: {err}");

    let _daemon = start_daemon(d);
    wait_for_results(d, port, "新能源", 5);
    // Found by the catch-up, not by the daemon's own first poll (which may also run).
    let log = std::fs::read_to_string(d.join("daemon.log")).unwrap_or_default();
    assert!(
        log.contains("search index caught up with the store") && log.contains("items=1"),
        "{log}"
    );
    drop(_daemon);

    std::fs::remove_dir_all(d.join("data/search")).expect("remove index");
    let _daemon = start_daemon(d);
    wait_for_results(d, port, "新能源", 5);
    wait_for_results(d, port, "系统集成", 1);
    let log = std::fs::read_to_string(d.join("daemon.log")).unwrap_or_default();
    assert!(log.contains("items=9"), "{log}");
}

/// Issue 26.2, 26.3, 26.5: the results page looks like the published pages (their style, a
/// way home, filters picked from lists), shows every result's excerpt (a content-only item
/// too), takes places by name or alias; a search feed's self link is the URL as requested;
/// `/favicon.ico` is an icon.
#[test]
fn the_search_page_looks_like_the_site_and_takes_place_names() {
    let port = free_port();
    let dir = install(port);
    let d = dir.path();
    // An item with content and no summary (RSS content:encoded alone).
    std::fs::write(
        d.join("ct.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t</title><link>https://ct.example.cn/</link><description>d</description>\
         <item><title>园区生物医药项目集中签约</title><link>https://ct.example.cn/1.html</link><guid>ct-1</guid><pubDate>Fri, 09 Jan 2026 08:00:00 +0800</pubDate>\
         <content:encoded><![CDATA[<p>详见<a href=\"https://ct.example.cn/list.html\">签约项目清单</a>。总投资58亿元。</p>]]></content:encoded></item></channel></rss>",
    )
    .expect("write");
    let mut config = std::fs::read_to_string(d.join("config.toml")).expect("config");
    config.push_str(
        "\n[[sources]]\nid = \"ct\"\nname = \"园区发布\"\nurl = \"file:ct.xml\"\nregion = \"suzhou\"\nzone = \"suzhou-sip\"\n",
    );
    std::fs::write(d.join("config.toml"), config).expect("config");
    let _daemon = start_daemon(d);
    wait_for_results(d, port, "签约", 2);

    let (status, _, body) = get(port, &format!("/search?q={}", enc("签约")), &[]);
    let body = String::from_utf8_lossy(&body).to_string();
    assert_eq!(status, 200);
    assert!(body.contains("max-width:960px"), "the pages' style: {body}");
    assert!(
        body.contains("<a href=\"index.html\">开发区新闻首页</a>"),
        "a way home: {body}"
    );
    assert!(body.contains("<select name=\"region\""), "{body}");
    assert!(
        body.contains("\u{3000}苏州市</option>"),
        "indented under 江苏省: {body}"
    );
    assert!(body.contains(">苏州工业园区</option>"), "{body}");
    let results = body.matches("<li>").count();
    assert_eq!(results, 2, "{body}");
    assert_eq!(
        body.matches("<div class=\"summary\">").count(),
        results,
        "every result shows its excerpt: {body}"
    );
    assert!(
        body.contains("详见签约项目清单。总投资58亿元。"),
        "the content's text, no space where the link was: {body}"
    );

    // Places as people name them.
    for (k, v) in [
        ("region", "苏州市"),
        ("region", "苏州"),
        ("region", "suzhou"),
        ("zone", "苏州工业园区"),
        ("zone", "suzhou-sip"),
    ] {
        let (status, _, body) = get(
            port,
            &format!("/search?q={}&{k}={}", enc("签约"), enc(v)),
            &[],
        );
        let body = String::from_utf8_lossy(&body).to_string();
        assert_eq!(status, 200, "{k}={v}: {body}");
        assert_eq!(body.matches("<li>").count(), 2, "{k}={v}: {body}");
        assert!(body.contains(" selected>"), "the choice shown: {body}");
    }
    let (status, _, body) = get(
        port,
        &format!("/search?q=x&region={}", enc("亚特兰蒂斯")),
        &[],
    );
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&body).contains("亚特兰蒂斯"));
    // The form's "全部" sends empty filters: no filter, not an error.
    let (status, _, _) = get(
        port,
        &format!("/search?q={}&region=&zone=", enc("签约")),
        &[],
    );
    assert_eq!(status, 200);

    // The self link is the URL asked for (W3C: "self reference doesn't match").
    for path in [
        "/search.atom?zone=suzhou-sip",
        "/search.atom?q=%E7%AD%BE%E7%BA%A6",
    ] {
        let (status, _, body) = get(port, path, &[]);
        assert_eq!(status, 200, "{path}");
        let want = format!(
            "href=\"http://127.0.0.1:{port}{}\" rel=\"self\"",
            path.replace('&', "&amp;")
        );
        let body = String::from_utf8_lossy(&body).to_string();
        assert!(body.contains(&want), "{want} in {body}");
    }

    let (status, head, icon) = get(port, "/favicon.ico", &[]);
    assert_eq!(status, 200);
    assert_eq!(header(&head, "content-type"), Some("image/x-icon"));
    assert!(icon.starts_with(&[0, 0, 1, 0]), "an ICO file");
}

/// A hub on 127.0.0.1 that answers 204 and keeps each request's body.
fn hub() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/hub", listener.local_addr().expect("addr"));
    let bodies = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = bodies.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut s = stream;
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // Head, then as much body as Content-Length says.
            while let Ok(n) = s.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let len = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .and_then(|v| v.trim().parse::<usize>().ok())
                        })
                        .unwrap_or(0);
                    if body.len() >= len {
                        if let Ok(mut b) = keep.lock() {
                            b.push(body.to_string());
                        }
                        break;
                    }
                }
            }
            let _ = s.write_all(
                b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (url, bodies)
}

/// Issue 27's topic-feed fixes: every publish goes one way (`Site::publish`), so topic
/// feeds are pinged to WebSub hubs like every feed, and `stories --rebuild` rewrites them
/// (it used to republish the region and zone feeds only, leaving topics stale).
#[test]
fn topic_feeds_are_pinged_and_follow_a_story_rebuild() {
    let port = free_port();
    let dir = install(port);
    let d = dir.path();
    let (hub_url, pings) = hub();
    // Two copies of one story, on two sites; stories off for the first poll.
    let copy = |title: &str| {
        rss(&[(
            title,
            "苏州工业园区储能电站项目今日签约，总投资12亿元，建成后年调峰能力达到3亿千瓦时，为园区企业提供绿色电力保障。",
            "Sat, 10 Jan 2026 08:00:00 +0800",
        )])
    };
    std::fs::write(d.join("a.xml"), copy("苏州工业园区储能电站项目签约")).expect("write");
    std::fs::write(
        d.join("b.xml"),
        copy("【签约】苏州工业园区储能电站项目签约"),
    )
    .expect("write");
    let config = std::fs::read_to_string(d.join("config.toml"))
        .expect("config")
        .replace(
            "timezone = \"Asia/Shanghai\"\n",
            &format!("timezone = \"Asia/Shanghai\"\nhubs = [\"{hub_url}\"]\n"),
        )
        + "\n[[sources]]\nid = \"a\"\nurl = \"file:a.xml\"\nregion = \"suzhou\"\n\
           [[sources]]\nid = \"b\"\nurl = \"file:b.xml\"\nregion = \"suzhou\"\n\
           [poll]\nallow_private_networks = true\n";
    std::fs::write(
        d.join("config.toml"),
        format!("{config}[stories]\nenabled = false\n"),
    )
    .expect("write");
    let (code, out, err) = zonefeed(d, &["poll"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let topic = std::fs::read_to_string(d.join("feeds/topics/nev.atom")).expect("topic feed");
    assert_eq!(
        topic.matches("<entry>").count(),
        4,
        "two copies, two entries: {topic}"
    );
    let heard = pings.lock().map(|p| p.clone()).unwrap_or_default();
    for ext in ["rss", "atom", "json"] {
        let want = format!("topics%2Fnev.{ext}");
        assert!(
            heard
                .iter()
                .any(|b| b.contains("hub.mode=publish") && b.contains(&want)),
            "the hub heard of topics/nev.{ext}: {heard:?}"
        );
    }

    // Stories on: the rebuild folds the copies, and the topic feed follows.
    std::fs::write(
        d.join("config.toml"),
        format!("{config}[stories]\nenabled = true\n"),
    )
    .expect("write");
    let (code, out, err) = zonefeed(d, &["stories", "--rebuild"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let topic = std::fs::read_to_string(d.join("feeds/topics/nev.atom")).expect("topic feed");
    assert_eq!(
        topic.matches("<entry>").count(),
        3,
        "one entry for the story after the rebuild: {topic}"
    );
}

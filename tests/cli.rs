//! The `zonefeed` binary as an admin uses it: check, poll, items, publish, inspect.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{
    TestServer, assert_atom_valid, assert_feedparser_clean, bundled_install, files_with_ext,
    fixture_path, zonefeed,
};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn check_accepts_the_bundled_config() {
    let dir = bundled_install();
    let out = zonefeed(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("9 regions, 8 zones, 7 sources, 3 subscriptions"),
        "{stdout}"
    );
}

/// Secrets and the store stay private: data_dir is created 0700, and a config anyone may
/// edit is flagged (by `check` and by every command that loads it) without being refused.
#[test]
fn a_world_writable_config_is_flagged_and_the_store_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = bundled_install();
    let config = dir.path().join("config.toml");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = zonefeed(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );

    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let out = zonefeed(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: config.toml: the config is writable by every user")
            && stderr.contains("mode 0666")
            && stderr.contains("chmod o-w config.toml"),
        "{stderr}"
    );
    let out = zonefeed(dir.path(), &["poll"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("writable by every user"),
        "{}",
        text(&out.stderr)
    );
    let mode = std::fs::metadata(dir.path().join("data"))
        .expect("data_dir")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "data_dir mode {:o}", mode & 0o777);
}

#[test]
fn check_reports_every_problem_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        r#"[service]
timezone = "Mars/Olympus"
[poll]
interval = "often"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[sources]]
id = "x"
url = "gopher://old.example.cn/"
region = "nantong"
zone = "nowhere"
colour = "blue"
"#,
    )
    .expect("write");
    let out = zonefeed(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for expected in [
        "config.toml:2:12: timezone \"Mars/Olympus\"",
        "config.toml:4:12: interval: invalid duration \"often\"",
        "config.toml:8:10: unknown region \"jiangsu\"",
        "config.toml:11:7: url: unsupported URL scheme \"gopher\"",
        "config.toml:13:8: unknown zone \"nowhere\"",
        "config.toml:14:1: unknown key \"colour\" in [[sources]]",
        "6 problems found",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    // Every other command refuses a broken config the same way.
    let out = zonefeed(dir.path(), &["poll"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("config.toml:2:12"));
}

#[test]
fn poll_items_publish_on_the_bundled_config() {
    let dir = bundled_install();
    let out = zonefeed(dir.path(), &["poll"]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("sources: 7 ok, 0 failed, 0 skipped; items: 69 new, 0 updated"),
        "{stdout}"
    );
    let feeds = dir.path().join("feeds");
    let all = files_with_ext(&feeds, &["rss", "atom"]);
    assert_eq!(all.len(), 2 * (1 + 9 + 8), "{all:?}");
    let parsed = assert_feedparser_clean(&all);
    assert_atom_valid(&files_with_ext(&feeds, &["atom"]));
    // The HTML source's items land in the zone its articles name.
    let etdz = parsed
        .iter()
        .find(|p| {
            p["path"]
                .as_str()
                .unwrap_or("")
                .ends_with("zones/nantong-etdz.rss")
        })
        .expect("nantong-etdz feed");
    let titles: Vec<&str> = etdz["entries"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["title"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        titles.contains(&"年产30万套新能源汽车热管理系统零部件项目开工建设"),
        "{titles:?}"
    );
    // The zones the demo's pages name that its config lacks (the poll notes them too).
    let out = zonefeed(dir.path(), &["places", "suggest", "--json"]);
    let names: Vec<(String, String)> = text(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["name"].as_str().unwrap_or("").to_string(),
                v["region"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("如皋经济技术开发区", "nantong"),
            ("海门经济技术开发区", "nantong")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
        "{}",
        text(&out.stderr)
    );

    let again = zonefeed(dir.path(), &["poll"]);
    let stdout = text(&again.stdout);
    assert!(
        stdout.contains("items: 0 new, 0 updated; feeds: 0 written"),
        "second poll adds nothing: {stdout}"
    );

    // items --json: one object per line, with placement.
    let out = zonefeed(
        dir.path(),
        &[
            "items",
            "--zone",
            "nantong-etdz",
            "--json",
            "--limit",
            "100",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert!(lines.len() >= 3, "{lines:?}");
    for l in &lines {
        assert_eq!(l["zone"], "nantong-etdz");
        assert_eq!(l["region"], "nantong");
        for key in [
            "id",
            "title",
            "link",
            "published",
            "updated",
            "summary",
            "content",
            "author",
            "source",
        ] {
            assert!(l.get(key).is_some(), "missing {key}");
        }
    }
    // Newest first.
    let dates: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["published"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);

    // --region includes the regions below it.
    let out = zonefeed(
        dir.path(),
        &["items", "--region", "wuxi", "--json", "--limit", "100"],
    );
    let regions: std::collections::BTreeSet<String> = text(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["region"].as_str().map(String::from))
        .collect();
    assert!(
        regions.contains("jiangyin") && regions.contains("wuxi"),
        "{regions:?}"
    );

    let out = zonefeed(dir.path(), &["items", "--region", "atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown region \"atlantis\""));

    // publish regenerates without changes.
    let out = zonefeed(dir.path(), &["publish"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        // 18 feeds × 3 formats, 17 region and zone pages, index.html, feeds.opml.
        text(&out.stdout).contains("feeds: 0 written, 73 unchanged"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_failed_source_makes_poll_exit_non_zero() {
    let dir = bundled_install();
    std::fs::remove_file(dir.path().join("examples/sources/wuxi.json")).expect("rm");
    let out = zonefeed(dir.path(), &["poll"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("wuxi-hitech-news"))
        .unwrap_or_default();
    assert!(line.contains("FAILED"), "{stdout}");
    assert!(
        line.contains("wuxi.json") && line.contains("No such file"),
        "says what and why: {line}"
    );
    assert!(
        stdout.contains("sources: 6 ok, 1 failed, 0 skipped"),
        "{stdout}"
    );
}

/// The bundled install with `listen` set to `addr`.
fn install_listening_on(addr: &str) -> tempfile::TempDir {
    let dir = bundled_install();
    let path = dir.path().join("config.toml");
    let text = std::fs::read_to_string(&path).expect("config");
    assert!(text.contains("listen = \"127.0.0.1:8080\""));
    let text = text.replace(
        "listen = \"127.0.0.1:8080\"",
        &format!("listen = \"{addr}\""),
    );
    std::fs::write(&path, text).expect("write config");
    dir
}

/// Something else on a loopback port that answers every request 200 with `body`: another
/// program, or a second instance, where the CLI might look for the daemon.
fn foreign_server(body: &'static str) -> std::net::SocketAddr {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = l.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut c in l.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = c.read(&mut buf);
            let _ = write!(
                c,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    addr
}

#[test]
fn a_store_held_by_another_process_is_a_clear_error() {
    // Something answers on the config's listen address, and a process with no API (this
    // test) holds the store: the CLI must not show the other server's data.
    let foreign = foreign_server("[]");
    let dir = install_listening_on(&foreign.to_string());
    let store = zonefeed::store::Store::open(&dir.path().join("data")).expect("open");
    for args in [
        &["items"][..],
        &["sources", "--json"],
        &["digest", "preview", "alice-nantong"],
    ] {
        let out = zonefeed(dir.path(), args);
        let err = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {err} / {}",
            text(&out.stdout)
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
        assert!(err.contains("in use by another zonefeed process"), "{err}");
        assert!(err.contains("serves no API"), "{err}");
        assert!(err.contains("data"), "{err}");
    }
    // A daemon record naming a live process but pointing at the foreign server (a record
    // left by another instance, or a forged one) is not trusted either.
    let record = format!(
        "{{\"pid\":{},\"api\":\"http://{foreign}/\",\"key\":\"{}\"}}",
        std::process::id(),
        "ab".repeat(32)
    );
    std::fs::write(dir.path().join("data/daemon.json"), record).expect("record");
    let out = zonefeed(dir.path(), &["sources", "--json"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err} / {}", text(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(
        err.contains("not as the daemon holding this data_dir"),
        "{err}"
    );
    drop(store);
}

/// The CLI reaches a running daemon through the record it leaves in `data_dir`, whatever
/// port it got (here one the kernel picked), and gets the same answers as from the store.
#[test]
fn the_cli_reaches_the_daemon_through_its_record() {
    let dir = install_listening_on("127.0.0.1:0");
    let out = zonefeed(dir.path(), &["poll"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let local_items = zonefeed(dir.path(), &["items", "--json", "--limit", "100"]);
    let local_sources = zonefeed(dir.path(), &["sources", "--json"]);
    let local_preview = zonefeed(dir.path(), &["digest", "preview", "alice-nantong"]);
    assert_eq!(local_items.status.code(), Some(0));

    let mut daemon = Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(dir.path())
        .arg("run")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start daemon");
    let record = dir.path().join("data/daemon.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !record.exists() {
        assert!(std::time::Instant::now() < deadline, "no daemon record");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&record)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the record holds a key");
    }
    let rec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record).expect("read")).expect("json");
    assert_ne!(
        rec["api"], "http://127.0.0.1:0/",
        "the bound port is recorded"
    );

    let via_items = zonefeed(dir.path(), &["items", "--json", "--limit", "100"]);
    let via_sources = zonefeed(dir.path(), &["sources", "--json"]);
    let via_preview = zonefeed(dir.path(), &["digest", "preview", "alice-nantong"]);
    let bad = zonefeed(dir.path(), &["items", "--zone", "no-such-zone"]);
    #[cfg(unix)]
    // SAFETY: sending SIGTERM to the child we started.
    unsafe {
        libc::kill(daemon.id() as i32, libc::SIGTERM);
    }
    let _ = daemon.wait();
    assert!(!record.exists(), "a clean stop removes the record");

    assert_eq!(
        via_items.status.code(),
        Some(0),
        "{}",
        text(&via_items.stderr)
    );
    assert_eq!(text(&via_items.stdout), text(&local_items.stdout));
    assert!(text(&via_items.stdout).lines().count() > 10);
    assert_eq!(
        via_sources.status.code(),
        Some(0),
        "{}",
        text(&via_sources.stderr)
    );
    let strip = |s: String| -> Vec<serde_json::Value> {
        // The daemon's start-up publish and `next_poll` differ from the one-shot's view;
        // ids, items and health must not.
        s.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("json line");
                serde_json::json!([v["id"], v["items"], v["last_status"], v["url"]])
            })
            .collect()
    };
    assert_eq!(
        strip(text(&via_sources.stdout)),
        strip(text(&local_sources.stdout))
    );
    assert_eq!(
        via_preview.status.code(),
        Some(0),
        "{}",
        text(&via_preview.stderr)
    );
    let subject = |o: &Output| text(&o.stdout).lines().next().unwrap_or("").to_string();
    assert_eq!(subject(&via_preview), subject(&local_preview));
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("unknown zone"),
        "{}",
        text(&bad.stderr)
    );
}

fn inspect_json(dir: &Path, target: &str) -> Vec<serde_json::Value> {
    let out = zonefeed(dir, &["inspect", target, "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{target}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inspect_reads_every_format_and_charset() {
    let server = TestServer::start().await;
    server.fixture("/gbk.xml", "gbk.xml", "text/xml");
    let dir = tempfile::tempdir().expect("tempdir");
    let dir_path = dir.path().to_path_buf();
    let url = server.url("/gbk.xml");
    // The CLI blocks; run it off the runtime so the server keeps answering.
    let gbk = tokio::task::spawn_blocking(move || inspect_json(&dir_path, &url))
        .await
        .expect("join");
    assert_eq!(gbk.len(), 2);
    assert_eq!(
        gbk[0]["title"],
        "南通经济技术开发区前三季度实际使用外资增长12%"
    );
    assert_eq!(gbk[0]["published"], "2026-11-25T01:00:00Z");
    for key in [
        "id",
        "title",
        "link",
        "published",
        "updated",
        "summary",
        "content",
        "author",
    ] {
        assert!(gbk[0].get(key).is_some(), "missing {key}");
    }

    let utf16 = inspect_json(dir.path(), &fixture_path("utf16.xml").to_string_lossy());
    assert_eq!(utf16[0]["title"], "宁波开发区集成电路项目签约");

    let rss1 = inspect_json(dir.path(), &fixture_path("rss1.rdf").to_string_lossy());
    assert_eq!(rss1[0]["title"], "苏州工业园区外资规模居全省首位");
    assert_eq!(rss1[0]["author"], "省商务厅");
    assert_eq!(rss1[0]["published"], "2026-11-25T01:30:00Z");

    let json = inspect_json(dir.path(), &fixture_path("feed.json").to_string_lossy());
    assert_eq!(json.len(), 2);
    assert_eq!(json[0]["id"], "wx-1");
    assert_eq!(json[1]["updated"], serde_json::Value::Null);

    let atom = inspect_json(
        dir.path(),
        &fixture_path("atom-xmlbase.atom").to_string_lossy(),
    );
    assert_eq!(
        atom[0]["link"],
        "http://www.sipac.example.cn/szgyyq/tzdt/202611/t1.html"
    );
    assert_eq!(atom[1]["link"], "http://other.example.cn/news/2.html");

    let cn = inspect_json(
        dir.path(),
        &fixture_path("rss2-cn-dates.xml").to_string_lossy(),
    );
    assert_eq!(cn[2]["published"], "2026-11-22T00:15:00Z");

    // Human output names the format and charset.
    let out = zonefeed(
        dir.path(),
        &["inspect", &fixture_path("gbk.xml").to_string_lossy()],
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("rss2, GBK, 2 entries"), "{stdout}");
}

#[test]
fn inspect_explains_what_it_cannot_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<!DOCTYPE html><html><body>不是订阅源</body></html>").expect("write");
    let out = zonefeed(dir.path(), &["inspect", "page.html"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot parse") && err.contains("root element <html>"),
        "{err}"
    );

    let out = zonefeed(dir.path(), &["inspect", "missing.xml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing.xml"));
}

#[test]
fn inspect_source_dry_runs_the_bundled_html_source() {
    let dir = bundled_install();
    let out = zonefeed(
        dir.path(),
        &["inspect", "--source", "investchn-nantong", "--json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 8);
    for l in &lines {
        for key in ["title", "link", "published", "zone"] {
            assert!(l.get(key).is_some(), "missing {key}: {l}");
        }
        assert!(!l["title"].as_str().unwrap_or("").is_empty());
    }
    assert_eq!(lines[0]["zone"], "nantong-hitech");
    assert_eq!(lines[0]["published"], "2026-11-25T02:30:00Z");
    assert_eq!(lines[0]["author"], "南通日报");
    let unknown: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["unknown_zone"].as_str())
        .collect();
    assert_eq!(unknown, ["海门经济技术开发区", "如皋经济技术开发区"]);
    // A dry run stores nothing.
    assert!(!dir.path().join("data").exists());
}

#[test]
fn digest_preview_and_outbox_send_on_the_bundled_config() {
    let dir = bundled_install();
    assert_eq!(zonefeed(dir.path(), &["poll"]).status.code(), Some(0));
    let out = zonefeed(dir.path(), &["digest", "preview", "bob-sip"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let preview = text(&out.stdout);
    assert!(preview.starts_with("Subject: 开发区新闻摘要"), "{preview}");
    assert!(
        preview.contains("【江苏省 > 苏州市 · 苏州工业园区】"),
        "{preview}"
    );
    assert!(!dir.path().join("outbox").exists(), "preview sends nothing");

    let out = zonefeed(dir.path(), &["digest", "send", "--now"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("digests: 3 sent, 0 failed"),
        "{}",
        text(&out.stdout)
    );
    let mails = files_with_ext(&dir.path().join("outbox"), &["eml"]);
    assert_eq!(mails.len(), 3);
    let out = zonefeed(dir.path(), &["digest", "send", "--now"]);
    assert!(text(&out.stdout).contains("digests: 0 sent, 0 failed, 3 with nothing to send"));
    assert_eq!(
        files_with_ext(&dir.path().join("outbox"), &["eml"]).len(),
        3
    );
}

/// Atom and JSON Feed name each entry's own source instead of inheriting a feed-level
/// "zonefeed" author (RFC 4287 4.2.1), and link a web page, read by feedparser.
#[test]
fn feeds_name_each_entrys_source_and_link_a_web_page() {
    let dir = bundled_install();
    let out = zonefeed(dir.path(), &["poll"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let feeds = dir.path().join("feeds");
    let judge = Command::new("python3")
        .args([
            "-c",
            "import feedparser, json, sys\n\
             for p in sys.argv[1:]:\n\
             \x20   d = feedparser.parse(p)\n\
             \x20   print(json.dumps({'link': d.feed.get('link'), 'authors': [e.get('author') for e in d.entries]}))",
        ])
        .arg(feeds.join("all.atom"))
        .arg(feeds.join("zones/suzhou-sip.atom"))
        .output()
        .expect("python3 with feedparser");
    assert!(judge.status.success(), "{}", text(&judge.stderr));
    let seen: Vec<serde_json::Value> = text(&judge.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[0]["link"], "http://127.0.0.1:8080/",
        "the site, not the RSS twin"
    );
    assert_eq!(seen[1]["link"], "http://127.0.0.1:8080/#zone-suzhou-sip");
    for s in &seen {
        let authors = s["authors"].as_array().expect("authors");
        assert!(!authors.is_empty());
        for a in authors {
            let a = a.as_str().unwrap_or("");
            assert!(
                !a.is_empty() && a != "zonefeed",
                "entry author {a:?} in {s}"
            );
        }
    }
    let atom = std::fs::read_to_string(feeds.join("all.atom")).expect("atom");
    assert!(atom.contains("<generator"), "the software is the generator");
    assert!(
        atom.contains("<source>"),
        "each entry says where it was read"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(feeds.join("all.json")).expect("json"))
            .expect("json");
    assert!(json.get("authors").is_none(), "{}", json["authors"]);
    for item in json["items"].as_array().expect("items") {
        let name = item["authors"][0]["name"].as_str().unwrap_or("");
        assert!(!name.is_empty() && name != "zonefeed", "{item}");
    }
    assert_eq!(json["home_page_url"], "http://127.0.0.1:8080/");
}

/// Every bundled `file:` source names the site it stands for (`site_url`), so the demo's
/// feeds carry the sites' http links and images, never a path of this machine.
#[test]
fn the_bundled_demo_publishes_no_file_urls_and_only_web_images() {
    let dir = bundled_install();
    let out = zonefeed(dir.path(), &["poll"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let feeds = dir.path().join("feeds");
    let files = files_with_ext(&feeds, &["rss", "atom", "json", "html", "opml"]);
    // Three formats of each feed, a page for each region and zone, index.html, feeds.opml.
    assert_eq!(files.len(), 3 * (1 + 9 + 8) + (9 + 8) + 2);
    for f in &files {
        let body = std::fs::read_to_string(f).expect("feed");
        assert!(
            !body.contains("file:"),
            "{} publishes a local path: {}",
            f.display(),
            body.lines()
                .find(|l| l.contains("file:"))
                .unwrap_or_default()
        );
    }
    // all.atom's content is escaped HTML; its images, unescaped, must all load from the web.
    let atom = std::fs::read_to_string(feeds.join("all.atom")).expect("all.atom");
    let html = atom
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let imgs: Vec<&str> = html
        .match_indices("<img")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap_or(0)])
        .collect();
    assert!(imgs.len() >= 10, "images kept and resolved: {imgs:#?}");
    for img in &imgs {
        let src = img
            .split(" src=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default();
        assert!(
            src.starts_with("http://") || src.starts_with("https://"),
            "{img}"
        );
    }
    // The bundled portal's links are its site's, and its articles were still read from
    // the files beside the list.
    let out = zonefeed(
        dir.path(),
        &[
            "items",
            "--source",
            "investchn-nantong",
            "--json",
            "--limit",
            "100",
        ],
    );
    let items: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(items.len(), 8);
    let read = items
        .iter()
        .find(|i| {
            i["link"] == "http://www.investchn.example.cn/kfq/nantong/news/20261125_3105.html"
        })
        .expect("the 11-25 article");
    assert_eq!(read["author"], "南通日报");
    let content = read["content"].as_str().unwrap_or_default();
    assert!(
        content.contains(
            "src=\"http://www.investchn.example.cn/kfq/nantong/images/20261125_3105_1.jpg\""
        ),
        "{content}"
    );
}

//! The daemon as admins and feed readers meet it: `zonefeed run` on loopback serving feeds
//! (validators, gzip, content types, no way out of feeds_dir), /metrics and /status, CLI
//! commands while it holds the store, hot reload (a bad edit and a good one), WebSub pings,
//! SIGTERM during a poll, and index.html and the region and zone pages in headless Chromium.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{
    Response, TestServer, assert_feedparser_clean, files_with_ext, in_step,
    zonefeed_text as zonefeed,
};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn copy_tree(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for e in std::fs::read_dir(src).expect("read dir").flatten() {
        let (from, to) = (e.path(), dst.join(e.file_name()));
        if from.is_dir() {
            copy_tree(&from, &to);
        } else {
            std::fs::copy(&from, &to).expect("copy");
        }
    }
}

/// The bundled install on its own port, with `extra` appended to [service].
fn install(port: u16, service_extra: &str, poll_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&root.join("examples"), &dir.path().join("examples"));
    copy_tree(&root.join("templates"), &dir.path().join("templates"));
    let config = std::fs::read_to_string(root.join("config.toml"))
        .expect("config")
        .replace(
            "listen = \"127.0.0.1:8080\"",
            &format!("listen = \"127.0.0.1:{port}\"\n{service_extra}"),
        )
        .replace(
            "base_url = \"http://127.0.0.1:8080/\"",
            &format!("base_url = \"http://127.0.0.1:{port}/\""),
        )
        .replace(
            "concurrency = 16",
            &format!("concurrency = 16\n{poll_extra}"),
        );
    std::fs::write(dir.path().join("config.toml"), config).expect("write config");
    dir
}

struct Daemon {
    child: Option<Child>,
    log: PathBuf,
    port: u16,
}

impl Daemon {
    fn start(dir: &Path, port: u16) -> Daemon {
        Daemon::start_with_env(dir, port, &[("RUST_LOG", "info,tokio_cron_scheduler=warn")])
    }

    fn start_with_env(dir: &Path, port: u16, env: &[(&str, &str)]) -> Daemon {
        let log = dir.join("daemon.log");
        let child = Command::new(env!("CARGO_BIN_EXE_zonefeed"))
            .current_dir(dir)
            .arg("run")
            .envs(env.iter().copied())
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start zonefeed run");
        let d = Daemon {
            child: Some(child),
            log,
            port,
        };
        d.wait_for(Duration::from_secs(30), "ready", |d| {
            get(d.port, "/readyz", &[]).0 == 200
        });
        d
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_for(&self, limit: Duration, what: &str, ok: impl Fn(&Daemon) -> bool) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if ok(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "timed out waiting for {what}; daemon log:\n{}",
            self.log_text()
        );
    }

    /// SIGTERM, then the exit code and how long it took.
    fn terminate(&mut self) -> (Option<i32>, Duration) {
        let mut child = self.child.take().expect("running");
        let started = Instant::now();
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return (status.code(), started.elapsed());
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                return (None, started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A raw HTTP/1.1 request (no client-side path normalisation): status, headers, body.
fn raw(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String, Vec<u8>) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, String::new(), Vec::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
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

fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> (u16, String, Vec<u8>) {
    raw(port, "GET", path, headers)
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The daemon's life in one scenario (each step relies on the daemon and store the
/// previous ones left): it serves feeds, keeps the way out of feeds_dir shut, counts in
/// /metrics and /status, pings the hub, answers the CLI, reloads its config, and stops on
/// SIGTERM with the store as the CLI read it while running.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_daemon_serves_reloads_pings_hubs_and_stops_cleanly() {
    let hub = TestServer::start().await;
    hub.route("/hub", Response::status(204));
    let port = free_port();
    let dir = install(
        port,
        &format!("hubs = [\"{}\"]", hub.url("/hub")),
        "allow_private_networks = true",
    );
    let d = tokio::task::spawn_blocking({
        let p = dir.path().to_path_buf();
        move || Daemon::start(&p, port)
    })
    .await
    .expect("join");
    let feed = "/zones/suzhou-sip.atom";
    d.wait_for(
        Duration::from_secs(30),
        "start: the zone feed to have items",
        |d| {
            let (s, _, body) = get(d.port, feed, &[]);
            s == 200 && String::from_utf8_lossy(&body).contains("<entry>")
        },
    );
    step_feeds_are_served_with_types_validators_head_and_gzip(port, feed, &hub);
    step_nothing_outside_feeds_dir_is_served(port);
    step_metrics_and_status_count_every_source(&d, port);
    step_the_hub_heard_of_changed_feeds(&hub);
    let running = step_cli_commands_work_while_the_daemon_holds_the_store(&d, dir.path());
    step_reload_rejects_a_bad_edit_and_applies_a_good_one(&d, dir.path(), port);
    step_sigterm_exits_zero_and_the_store_reads_as_it_did_running(d, dir.path(), &running);
}

/// Content types, validators, 304 for If-None-Match and If-Modified-Since, HEAD, gzip.
fn step_feeds_are_served_with_types_validators_head_and_gzip(
    port: u16,
    feed: &str,
    hub: &TestServer,
) {
    const STEP: &str = "step 1 (serving feeds)";
    let (s, head, body) = get(port, feed, &[]);
    assert_eq!(s, 200, "{STEP}: {feed}");
    assert_eq!(
        header(&head, "content-type"),
        Some("application/atom+xml; charset=utf-8"),
        "{STEP}: {feed}"
    );
    let etag = header(&head, "etag")
        .unwrap_or_else(|| panic!("{STEP}: etag"))
        .to_string();
    let lm = header(&head, "last-modified")
        .unwrap_or_else(|| panic!("{STEP}: last-modified"))
        .to_string();
    assert_eq!(
        get(port, feed, &[("If-None-Match", &etag)]).0,
        304,
        "{STEP}: If-None-Match"
    );
    assert_eq!(
        get(port, feed, &[("If-Modified-Since", &lm)]).0,
        304,
        "{STEP}: If-Modified-Since"
    );
    let (s, head, body_head) = raw(port, "HEAD", feed, &[]);
    assert_eq!(s, 200, "{STEP}: HEAD");
    assert!(body_head.is_empty(), "{STEP}: HEAD has no body");
    assert_eq!(
        header(&head, "content-length"),
        Some(body.len().to_string().as_str()),
        "{STEP}: HEAD's content-length"
    );
    let (s, head, gz) = get(port, feed, &[("Accept-Encoding", "gzip, br")]);
    assert_eq!(
        (s, header(&head, "content-encoding")),
        (200, Some("gzip")),
        "{STEP}: gzip"
    );
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut plain)
        .unwrap_or_else(|e| panic!("{STEP}: gunzip: {e}"));
    assert_eq!(plain, body, "{STEP}: gunzipped equals plain");
    let (s, head, _) = get(port, "/zones/suzhou-sip.rss", &[]);
    assert_eq!(
        (s, header(&head, "content-type")),
        (200, Some("application/rss+xml; charset=utf-8")),
        "{STEP}: RSS"
    );
    let (s, head, json) = get(port, "/zones/suzhou-sip.json", &[]);
    assert_eq!(
        (s, header(&head, "content-type")),
        (200, Some("application/feed+json; charset=utf-8")),
        "{STEP}: JSON Feed"
    );
    let jf: serde_json::Value =
        serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{STEP}: json feed: {e}"));
    assert_eq!(jf["version"], "https://jsonfeed.org/version/1.1", "{STEP}");
    assert!(
        jf["items"].as_array().is_some_and(|a| !a.is_empty()),
        "{STEP}: JSON Feed items"
    );
    assert_eq!(
        jf["hubs"][0]["url"],
        hub.url("/hub"),
        "{STEP}: JSON Feed hub"
    );
    let (s, _, opml) = get(port, "/feeds.opml", &[]);
    assert!(
        s == 200 && String::from_utf8_lossy(&opml).contains("xmlUrl=\"http://127.0.0.1:"),
        "{STEP}: feeds.opml"
    );
}

/// Nothing outside feeds_dir, however the path is spelled.
fn step_nothing_outside_feeds_dir_is_served(port: u16) {
    const STEP: &str = "step 2 (no way out of feeds_dir)";
    for bad in [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/%2E%2E%2Fconfig.toml",
        "/zones/..%2f..%2fconfig.toml",
        "/..%5cconfig.toml",
        "/zones/../../config.toml",
        "//etc/passwd",
        "/.all.atom.1.tmp",
    ] {
        let (s, _, body) = get(port, bad, &[]);
        assert_ne!(s, 200, "{STEP}: {bad}");
        assert!(
            !String::from_utf8_lossy(&body).contains("[service]"),
            "{STEP}: {bad}"
        );
    }
}

/// Metrics and status. The zone feed needed one source's poll; the other six may still be
/// running (a loaded CI machine measured six of seven done at this point).
fn step_metrics_and_status_count_every_source(d: &Daemon, port: u16) {
    const STEP: &str = "step 3 (/metrics and /status.json)";
    let polls_ok = |m: &str| -> u64 {
        m.lines()
            .find_map(|l| l.strip_prefix("zonefeed_polls_total{outcome=\"ok\"} "))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    d.wait_for(
        Duration::from_secs(30),
        &format!("{STEP}: all seven sources polled"),
        |d| {
            let (_, _, m) = get(d.port, "/metrics", &[]);
            polls_ok(&String::from_utf8_lossy(&m)) >= 7
        },
    );
    let (s, _, m) = get(port, "/metrics", &[]);
    let m = String::from_utf8_lossy(&m).to_string();
    assert_eq!(s, 200, "{STEP}: /metrics");
    assert!(polls_ok(&m) >= 7, "{STEP}: {m}");
    assert!(
        m.contains("zonefeed_feeds_written_total ") && m.contains("zonefeed_ready 1"),
        "{STEP}: {m}"
    );
    let (s, _, st) = get(port, "/status.json", &[]);
    assert_eq!(s, 200, "{STEP}: /status.json");
    let st: serde_json::Value =
        serde_json::from_slice(&st).unwrap_or_else(|e| panic!("{STEP}: status json: {e}"));
    assert_eq!(
        st["sources"].as_array().map(Vec::len),
        Some(7),
        "{STEP}: sources in /status.json"
    );
}

/// WebSub: the hub heard about changed feeds.
fn step_the_hub_heard_of_changed_feeds(hub: &TestServer) {
    const STEP: &str = "step 4 (WebSub ping)";
    let pings = hub.requests("/hub");
    assert!(!pings.is_empty(), "{STEP}: no WebSub ping");
    let body = String::from_utf8_lossy(&pings[0].body).to_string();
    assert_eq!(pings[0].method, "POST", "{STEP}");
    assert!(
        body.contains("hub.mode=publish") && body.contains("hub.url=http%3A%2F%2F127.0.0.1"),
        "{STEP}: {body}"
    );
}

/// What the CLI printed while the daemon ran, to compare once it has stopped.
struct ReadWhileRunning {
    items: String,
    stories: String,
}

/// CLI commands work while the daemon holds the store, through its API: items, sources,
/// stories, a dry run's story joins, a digest preview.
fn step_cli_commands_work_while_the_daemon_holds_the_store(
    d: &Daemon,
    dp: &Path,
) -> ReadWhileRunning {
    const STEP: &str = "step 5 (CLI while running)";
    d.wait_for(
        Duration::from_secs(30),
        &format!("{STEP}: every source polled"),
        |d| {
            let (_, _, st) = get(d.port, "/status.json", &[]);
            let v: serde_json::Value = serde_json::from_slice(&st).unwrap_or_default();
            v["sources"]
                .as_array()
                .is_some_and(|a| a.iter().all(|s| s["last_ok"].is_string()))
        },
    );
    let (code, items_running, err) = zonefeed(dp, &["items", "--json", "--limit", "200"]);
    assert_eq!(code, Some(0), "{STEP}: items: {err}");
    assert_eq!(items_running.lines().count(), 69, "{STEP}: items");
    let (code, _sources_running, _) = zonefeed(dp, &["sources", "--json"]);
    assert_eq!(code, Some(0), "{STEP}: sources");
    // Stories and a dry run's story joins, through /api/stories and /api/stories/joins.
    let (code, stories_running, err) = zonefeed(dp, &["stories", "--json", "--limit", "200"]);
    assert_eq!(code, Some(0), "{STEP}: stories: {err}");
    assert!(stories_running.lines().count() > 0, "{STEP}: stories");
    let (code, dry, err) = zonefeed(dp, &["inspect", "--source", "investchn-nantong", "--json"]);
    assert_eq!(code, Some(0), "{STEP}: inspect: {err}");
    for l in dry.lines() {
        let v: serde_json::Value =
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{STEP}: inspect json: {e}"));
        assert_eq!(
            v["story_reason"], "stored",
            "{STEP}: stored entries name their story: {v}"
        );
        assert!(
            v["story"]
                .as_str()
                .is_some_and(|s| s.starts_with("urn:uuid:")),
            "{STEP}: story id: {v}"
        );
    }
    let (code, preview, _) = zonefeed(dp, &["digest", "preview", "bob-sip"]);
    assert!(
        code == Some(0) && preview.starts_with("Subject: "),
        "{STEP}: digest preview: {preview}"
    );
    ReadWhileRunning {
        items: items_running,
        stories: stories_running,
    }
}

/// Reload: an invalid edit is rejected and logged with file:line:col and serving goes on;
/// a valid edit adds a source without a restart; restoring the file removes it again.
fn step_reload_rejects_a_bad_edit_and_applies_a_good_one(d: &Daemon, dp: &Path, port: u16) {
    const STEP: &str = "step 6 (config reload)";
    let cfg_path = dp.join("config.toml");
    let good = std::fs::read_to_string(&cfg_path).expect("config");
    std::fs::write(
        &cfg_path,
        format!(
            "{good}\n[[sources]]\nid = \"broken\"\nurl = \"gopher://x\"\nregion = \"nowhere\"\n"
        ),
    )
    .expect("edit");
    d.wait_for(
        Duration::from_secs(15),
        &format!("{STEP}: the rejected reload in the log"),
        |d| {
            d.log_text()
                .contains("reload (config file changed) rejected")
        },
    );
    let log = d.log_text();
    assert!(
        log.contains("config.toml:") && log.contains("unknown region \"nowhere\""),
        "{STEP}: {log}"
    );
    assert_eq!(
        get(port, "/healthz", &[]).0,
        200,
        "{STEP}: serving after a rejected reload"
    );
    // A valid edit adds a source without a restart.
    std::fs::copy(
        dp.join("examples/sources/wuxi.json"),
        dp.join("examples/sources/wuxi-copy.json"),
    )
    .expect("copy");
    std::fs::write(
        &cfg_path,
        format!("{good}\n[[sources]]\nid = \"added-later\"\nurl = \"file:examples/sources/wuxi-copy.json\"\nregion = \"wuxi\"\n"),
    )
    .expect("edit");
    d.wait_for(
        Duration::from_secs(20),
        &format!("{STEP}: the new source to be polled"),
        |d| {
            let (_, _, st) = get(d.port, "/status.json", &[]);
            let v: serde_json::Value = serde_json::from_slice(&st).unwrap_or_default();
            v["sources"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|s| s["id"] == "added-later" && s["items"] == 10)
            })
        },
    );
    let (_, _, m) = get(port, "/metrics", &[]);
    let m = String::from_utf8_lossy(&m).to_string();
    assert!(
        m.contains("zonefeed_config_reloads_total{outcome=\"applied\"} 1"),
        "{STEP}: {m}"
    );
    assert!(
        m.contains("zonefeed_config_reloads_total{outcome=\"rejected\"} 1"),
        "{STEP}: {m}"
    );
    std::fs::write(&cfg_path, &good).expect("restore");
    d.wait_for(
        Duration::from_secs(20),
        &format!("{STEP}: the source to be removed again"),
        |d| {
            let (_, _, st) = get(d.port, "/status.json", &[]);
            let v: serde_json::Value = serde_json::from_slice(&st).unwrap_or_default();
            v["sources"].as_array().is_some_and(|a| a.len() == 7)
        },
    );
}

/// SIGTERM: exit 0, quickly, with whole files; then the same CLI output from the store.
fn step_sigterm_exits_zero_and_the_store_reads_as_it_did_running(
    mut d: Daemon,
    dp: &Path,
    running: &ReadWhileRunning,
) {
    const STEP: &str = "step 7 (SIGTERM, then the CLI on the store)";
    let (code, took) = d.terminate();
    assert_eq!(code, Some(0), "{STEP}: log:\n{}", d.log_text());
    assert!(took < Duration::from_secs(10), "{STEP}: took {took:?}");
    let (_, items_stopped, _) = zonefeed(dp, &["items", "--json", "--limit", "200"]);
    let (_, sources_stopped, _) = zonefeed(dp, &["sources", "--json"]);
    let strip_flags = |s: &str| -> Vec<serde_json::Value> {
        s.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["id"] != "added-later")
            .collect()
    };
    assert_eq!(
        strip_flags(&running.items),
        strip_flags(&items_stopped)
            .into_iter()
            .filter(|v| v["source"] != "added-later")
            .collect::<Vec<_>>(),
        "{STEP}: items read through the daemon equal items read from the store"
    );
    assert!(!sources_stopped.is_empty(), "{STEP}: sources");
    let (_, stories_stopped, _) = zonefeed(dp, &["stories", "--json", "--limit", "200"]);
    // Each story's id and its copies from the sources configured at the first reading (the
    // reload in between adds a source whose items may join stories).
    let without_added = |s: &str| -> Vec<(String, Vec<String>)> {
        let mut v: Vec<(String, Vec<String>)> = s
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                let copies = v["copies"]
                    .as_array()
                    .map(|c| {
                        c.iter()
                            .filter(|c| c["source"] != "added-later")
                            .map(|c| format!("{}/{}", c["source"], c["id"]))
                            .collect()
                    })
                    .unwrap_or_default();
                (v["id"].as_str().unwrap_or("").to_string(), copies)
            })
            .filter(|(_, c): &(String, Vec<String>)| !c.is_empty())
            .collect();
        v.sort();
        v
    };
    let (running, stopped) = (
        without_added(&running.stories),
        without_added(&stories_stopped),
    );
    assert_eq!(
        running.len(),
        stopped.len(),
        "{STEP}: stories read through the daemon equal stories read from the store"
    );
    assert!(
        running == stopped,
        "{STEP}: stories differ: {:?}",
        running.iter().zip(&stopped).find(|(a, b)| a != b)
    );
    in_step(STEP, || {
        assert_feedparser_clean(&files_with_ext(&dp.join("feeds"), &["rss", "atom"]))
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_poll_finishes_it_and_exits_zero() {
    let slow = TestServer::start().await;
    let feed = std::fs::read(common::fixture_path("rss2-cn-dates.xml")).expect("fixture");
    slow.route(
        "/slow.xml",
        Response::ok("application/rss+xml", feed).delay(Duration::from_secs(3)),
    );
    let port = free_port();
    let dir = install(port, "", "allow_private_networks = true");
    let cfg = dir.path().join("config.toml");
    let mut text = std::fs::read_to_string(&cfg).expect("config");
    text.push_str(&format!(
        "\n[[sources]]\nid = \"slow\"\nurl = \"{}\"\nregion = \"nantong\"\n",
        slow.url("/slow.xml")
    ));
    std::fs::write(&cfg, text).expect("write");
    let dp = dir.path().to_path_buf();
    let slow2 = slow.clone();
    let (code, took, log) = tokio::task::spawn_blocking(move || {
        let mut d = Daemon::start(&dp, port);
        // The slow source's poll has started and is waiting on the server.
        d.wait_for(Duration::from_secs(10), "the slow request", |_| {
            !slow2.requests("/slow.xml").is_empty()
        });
        let (code, took) = d.terminate();
        (code, took, d.log_text())
    })
    .await
    .expect("join");
    assert_eq!(slow.requests("/slow.xml").len(), 1);
    assert_eq!(code, Some(0), "{log}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(log.contains("store flushed; stopped"), "{log}");
    // The in-flight poll finished and its items are stored; every feed file is whole.
    let (code, out, err) = zonefeed(dir.path(), &["items", "--source", "slow", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_feedparser_clean(&files_with_ext(&dir.path().join("feeds"), &["rss", "atom"]));
    assert!(files_with_ext(&dir.path().join("feeds"), &["tmp"]).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_html_in_headless_chromium_shows_the_region_tree_and_working_links() {
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("Debian's chromium must be installed (apt-get install chromium)");
    let port = free_port();
    let dir = install(port, "", "");
    let dp = dir.path().to_path_buf();
    let dom = tokio::task::spawn_blocking(move || {
        let d = Daemon::start(&dp, port);
        d.wait_for(Duration::from_secs(30), "items in the index", |d| {
            let (_, _, b) = get(d.port, "/index.html", &[]);
            String::from_utf8_lossy(&b).contains("69 条")
        });
        let profile = tempfile::tempdir().expect("profile");
        let out = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("--dump-dom")
            .arg(format!("http://127.0.0.1:{port}/"))
            .output()
            .expect("run chromium");
        drop(d);
        String::from_utf8_lossy(&out.stdout).into_owned()
    })
    .await
    .expect("join");
    // The browser built the page: the tree nests cities under provinces, with counts.
    let jiangsu = dom
        .find("id=\"region-jiangsu\"")
        .expect("江苏省 in the DOM");
    let nantong = dom
        .find("id=\"region-nantong\"")
        .expect("南通市 in the DOM");
    let zhejiang = dom
        .find("id=\"region-zhejiang\"")
        .expect("浙江省 in the DOM");
    assert!(jiangsu < nantong && nantong < zhejiang, "tree order");
    assert!(dom.contains("江苏省") && dom.contains("苏州工业园区") && dom.contains("69 条"));
    assert!(dom.contains("rel=\"alternate\" type=\"application/atom+xml\""));
    // Every feed link on the page works.
    let hrefs: Vec<String> = dom
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.ends_with(".rss") || h.ends_with(".atom") || h.ends_with(".json"))
        .map(str::to_string)
        .collect();
    assert!(hrefs.len() >= 3 * 18, "{} links", hrefs.len());
    let dp = dir.path().to_path_buf();
    let statuses = tokio::task::spawn_blocking(move || {
        let d = Daemon::start(&dp, port);
        let s: Vec<(String, u16)> = hrefs
            .iter()
            .map(|h| {
                (
                    h.clone(),
                    get(d.port, &format!("/{}", h.trim_start_matches('/')), &[]).0,
                )
            })
            .collect();
        s
    })
    .await
    .expect("join");
    for (h, s) in statuses {
        assert_eq!(s, 200, "{h}");
    }
}

/// Headless Chromium on a page served by the daemon: the DOM it built.
fn dump_dom(chromium: &str, url: &str, screenshot: Option<&Path>) -> String {
    let profile = tempfile::tempdir().expect("profile");
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()));
    match screenshot {
        Some(png) => cmd
            .arg("--window-size=390,844")
            .arg(format!("--screenshot={}", png.display())),
        None => cmd.arg("--dump-dom"),
    };
    let out = cmd.arg(url).output().expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The pages for people in a browser: index.html, a region's and a zone's page show their
/// feed's newest titles, carry the search form with the page's region or zone as a hidden
/// field, their subscribe links resolve, and the search their box submits finds items.
/// With ZONEFEED_SCREENSHOT_DIR set, also saves index.html and the region page at phone
/// width there, for a person to look at.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn region_and_zone_pages_in_headless_chromium_show_news_search_and_subscribe_links() {
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("Debian's chromium must be installed (apt-get install chromium)");
    let port = free_port();
    let dir = install(port, "", "");
    let dp = dir.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let d = Daemon::start(&dp, port);
        d.wait_for(Duration::from_secs(30), "items in the index", |d| {
            let (_, _, b) = get(d.port, "/index.html", &[]);
            String::from_utf8_lossy(&b).contains("69 条")
        });
        let base = url::Url::parse(&format!("http://127.0.0.1:{port}/")).expect("base");
        for (page, feed, field) in [
            ("index.html", "all.json", None),
            (
                "regions/nantong.html",
                "regions/nantong.json",
                Some(("region", "nantong")),
            ),
            (
                "zones/suzhou-sip.html",
                "zones/suzhou-sip.json",
                Some(("zone", "suzhou-sip")),
            ),
        ] {
            let page_url = base.join(page).expect("page url");
            let dom = dump_dom(chromium, page_url.as_str(), None);
            // The feed's newest titles, as the browser shows them.
            let (status, _, json) = get(port, &format!("/{feed}"), &[]);
            assert_eq!(status, 200, "{feed}");
            let json: serde_json::Value = serde_json::from_slice(&json).expect("json feed");
            let titles: Vec<String> = json["items"]
                .as_array()
                .expect("items")
                .iter()
                .take(5)
                .filter_map(|i| i["title"].as_str().map(str::to_string))
                .collect();
            assert!(!titles.is_empty(), "{feed} has no items");
            for t in &titles {
                let shown = html_escape::encode_text(t);
                assert!(
                    dom.contains(shown.as_ref()),
                    "{page}: {t:?} not in the DOM:\n{dom}"
                );
            }
            assert!(dom.contains("<h2>最新</h2>") || page != "index.html");
            // The search form, pre-set with the page's region or zone.
            assert!(dom.contains("method=\"get\""), "{page}");
            let action = if page == "index.html" {
                "search"
            } else {
                "../search"
            };
            assert!(dom.contains(&format!("action=\"{action}\"")), "{page}");
            if let Some((name, value)) = field {
                assert!(
                    dom.contains(&format!(
                        "<input type=\"hidden\" name=\"{name}\" value=\"{value}\">"
                    )),
                    "{page}: hidden {name} field"
                );
            }
            // Every subscribe link on the page resolves.
            let hrefs: Vec<String> = dom
                .split("href=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .filter(|h| h.ends_with(".rss") || h.ends_with(".atom") || h.ends_with(".json"))
                .map(str::to_string)
                .collect();
            assert!(hrefs.len() >= 3, "{page}: {hrefs:?}");
            for h in hrefs.iter().take(60) {
                let u = page_url.join(h).expect("link");
                assert_eq!(get(port, u.path(), &[]).0, 200, "{page}: {h}");
            }
            // The box's search: GET action?q=..&<field>, as the browser submits it.
            // The title's first run of Chinese, four characters at most (the index may lag
            // the feeds a moment: the search is retried for a few seconds).
            let word: String = titles[0]
                .chars()
                .skip_while(|c| c.is_ascii())
                .take_while(|c| !c.is_ascii())
                .take(4)
                .collect();
            let mut submit = page_url.join(action).expect("action");
            {
                let mut q = submit.query_pairs_mut();
                if let Some((name, value)) = field {
                    q.append_pair(name, value);
                }
                q.append_pair("q", &word);
            }
            let path = format!("{}?{}", submit.path(), submit.query().unwrap_or(""));
            assert_eq!(submit.path(), "/search", "{page}");
            let want = html_escape::encode_text(&titles[0]).into_owned();
            let start = Instant::now();
            loop {
                let (status, _, body) = get(port, &path, &[]);
                let body = String::from_utf8_lossy(&body);
                assert_eq!(status, 200, "{path}: {body}");
                if body.contains(&want) {
                    break;
                }
                assert!(
                    start.elapsed() < Duration::from_secs(10),
                    "{path}: no result {want:?}\n{body}"
                );
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        if let Ok(shots) = std::env::var("ZONEFEED_SCREENSHOT_DIR") {
            for (page, png) in [
                ("index.html", "index.png"),
                ("regions/nantong.html", "nantong.png"),
            ] {
                let png = Path::new(&shots).join(png);
                dump_dom(
                    chromium,
                    &format!("http://127.0.0.1:{port}/{page}"),
                    Some(&png),
                );
                assert!(png.exists(), "{}", png.display());
            }
        }
        drop(d);
    })
    .await
    .expect("join");
}

/// Reads until the server closes the connection (or `limit` passes): what it sent, and
/// whether it closed.
fn read_until_closed(s: &mut TcpStream, limit: Duration) -> (Vec<u8>, bool) {
    let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while start.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return (got, true),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return (got, true), // reset
        }
    }
    (got, false)
}

/// Slow, idle and oversized clients are cut off, and meanwhile everyone else is served:
/// a request head trickled in (slowloris) or a connection left idle is closed after
/// `header_timeout`; a stalled body holds nothing; a 100 KiB head gets 431 and a 1 MiB
/// body 413.
#[test]
fn slow_idle_and_oversized_clients_are_cut_off() {
    let port = free_port();
    let dir = install(
        port,
        "header_timeout = \"1s\"\nrequest_timeout = \"2s\"",
        "",
    );
    let daemon = Daemon::start(dir.path(), port);
    let connect = || TcpStream::connect(("127.0.0.1", port)).expect("connect");

    // 40 slowloris clients, each having sent half a request head.
    let mut slow: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut s = connect();
            s.write_all(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .expect("write");
            s
        })
        .collect();
    let mut idle = connect();
    // Everyone else is still served while they hang on.
    assert_eq!(get(port, "/index.html", &[]).0, 200);
    // Keep trickling a byte at a time: the deadline is for the whole head, not per byte.
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(300));
        for s in &mut slow {
            let _ = s.write_all(b"a");
        }
    }
    for (i, s) in slow.iter_mut().enumerate() {
        let (got, closed) = read_until_closed(s, Duration::from_secs(10));
        assert!(closed, "slow client {i} still connected");
        let text = String::from_utf8_lossy(&got);
        assert!(
            got.is_empty() || text.starts_with("HTTP/1.1 408"),
            "slow client {i} got {text:?}"
        );
    }
    let (got, closed) = read_until_closed(&mut idle, Duration::from_secs(10));
    assert!(closed && got.is_empty(), "idle connection: {got:?}");

    // A keep-alive connection that goes quiet after a response is closed too.
    let mut ka = connect();
    ka.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("write");
    let (got, closed) = read_until_closed(&mut ka, Duration::from_secs(10));
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"));
    assert!(closed, "idle keep-alive connection still open");

    // A body that never arrives holds nothing: no handler waits for one, so the answer
    // comes at once and the connection (its body unread) is closed.
    let mut stalled = connect();
    stalled
        .write_all(
            b"POST /unsubscribe?s=x&t=y HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nList-Unsub",
        )
        .expect("write");
    let (got, closed) = read_until_closed(&mut stalled, Duration::from_secs(10));
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 403"), "stalled body: {text:?}");
    assert!(closed, "connection with a stalled body still open");

    // Oversized head and body.
    let big = "a".repeat(100 * 1024);
    let (status, _, _) = get(port, "/index.html", &[("X-Big", &big)]);
    assert_eq!(status, 431, "100 KiB request head");
    let mut s = connect();
    let body = vec![b'x'; 1024 * 1024];
    let head = format!(
        "POST /unsubscribe?s=x&t=y HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("write");
    let _ = s.write_all(&body); // the server may answer and close before reading it all
    let (got, _) = read_until_closed(&mut s, Duration::from_secs(10));
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 413"), "1 MiB body: {text:?}");

    // And the server is still fine.
    assert_eq!(get(port, "/index.html", &[]).0, 200);
    assert!(
        !daemon.log_text().contains("panicked"),
        "{}",
        daemon.log_text()
    );
}

/// The admin token and the unsubscribe key never leave the process: not in the log at
/// trace level, not in /status, /status.json, /metrics, index.html or the API, even while
/// the token is being checked and digests are previewed.
#[test]
fn secrets_stay_out_of_logs_and_status_pages() {
    const TOKEN: &str = "adm1n-T0ken-5f2e9c71d0";
    let port = free_port();
    let dir = install(port, "admin_token_env = \"ZF_TEST_ADMIN_TOKEN\"", "");
    let mut daemon = Daemon::start_with_env(
        dir.path(),
        port,
        &[("RUST_LOG", "trace"), ("ZF_TEST_ADMIN_TOKEN", TOKEN)],
    );
    let bearer = format!("Bearer {TOKEN}");
    let mut seen = String::new();
    for path in [
        "/status",
        "/status.json",
        "/metrics",
        "/index.html",
        "/api/sources",
        "/api/items",
        "/api/digest/preview?id=alice-nantong",
        "/healthz",
    ] {
        for auth in [None, Some(bearer.as_str()), Some("Bearer wrong")] {
            let headers: Vec<(&str, &str)> =
                auth.map(|a| ("Authorization", a)).into_iter().collect();
            let (status, head, body) = get(port, path, &headers);
            assert!(
                status == 200 || status == 403 || status == 404,
                "{path}: {status}"
            );
            seen.push_str(&head);
            seen.push_str(&String::from_utf8_lossy(&body));
        }
    }
    let (code, _) = daemon.terminate();
    assert_eq!(code, Some(0));
    let log = daemon.log_text();
    assert!(
        log.contains("zonefeed running"),
        "the log was written:\n{log}"
    );
    let store = zonefeed::store::Store::open(&dir.path().join("data")).expect("store");
    let key = store.hmac_key().expect("key");
    let key_hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    for (what, text) in [("responses", &seen), ("log", &log)] {
        assert!(!text.contains(TOKEN), "admin token in the {what}");
        assert!(!text.contains(&key_hex), "unsubscribe key in the {what}");
    }
}

/// A store whose story index must be rebuilt (stored with stories off, 6,000 items): the
/// daemon is ready and serving at once, polls while it rebuilds, says so in /status.json
/// (`stories.state` = rebuilding, done of total), and ends with the index built and the
/// stored copies one story.
#[test]
fn a_story_index_rebuild_runs_behind_a_serving_daemon() {
    use zonefeed::model::{IdKind, Item};
    let port = free_port();
    let dir = install(port, "", "");
    let config = zonefeed::config::Config::load(&dir.path().join("config.toml")).expect("config");
    let total = 6000;
    {
        let store = zonefeed::store::Store::open(&config.service.data_dir).expect("store");
        let base = chrono::Utc::now() - chrono::Duration::days(3);
        let body = "<p>12月1日上午，南通高新区人工智能产业园二期正式开园，首批入驻企业32家，\
                    涵盖智能制造、工业软件和智能网联汽车等领域，总投资超过60亿元。</p>";
        let items: Vec<Item> = (0..total)
            .map(|n| {
                let t = base + chrono::Duration::seconds(20 * n as i64);
                Item {
                    id: format!("old-{n}"),
                    id_kind: IdKind::Guid,
                    source: format!("archive{}", n % 3),
                    title: if n == 10 || n == total - 10 {
                        "南通高新区人工智能产业园二期正式开园".to_string()
                    } else {
                        format!("园区第{n}号通知：关于{n}号地块规划的公示")
                    },
                    link: Some(format!("http://archive.example.cn/{n}.html")),
                    published: t,
                    date_estimated: false,
                    updated: None,
                    summary: None,
                    content: (n == 10 || n == total - 10).then(|| body.to_string()),
                    author: None,
                    categories: vec![],
                    region: "nantong".into(),
                    zone: None,
                    first_seen: t,
                    seq: 0,
                    article_pending: false,
                    placed_by: Default::default(),
                }
            })
            .collect();
        for chunk in items.chunks(500) {
            store
                .upsert(chunk, chunk[chunk.len() - 1].first_seen)
                .expect("store");
        }
        store.ensure_stories(None).expect("stories off");
        assert_eq!(
            store.stories_state().expect("state"),
            zonefeed::store::StoriesState::Off
        );
    }
    let mut d = Daemon::start(dir.path(), port);
    let status = |d: &Daemon| -> serde_json::Value {
        let (_, _, st) = get(d.port, "/status.json", &[]);
        serde_json::from_slice(&st).unwrap_or_default()
    };
    // Ready (Daemon::start waited for /readyz) while the rebuild has hardly begun.
    let first = status(&d);
    assert_eq!(first["stories"]["state"], "rebuilding", "{first}");
    assert_eq!(first["stories"]["total"], total, "{first}");
    // It polls meanwhile: a source polled while the index is still rebuilding.
    let polled_while_rebuilding = std::cell::Cell::new(false);
    d.wait_for(Duration::from_secs(600), "the rebuild to end", |d| {
        let st = status(d);
        let polled = st["sources"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| !s["last_ok"].is_null()));
        if st["stories"]["state"] == "rebuilding" && polled {
            polled_while_rebuilding.set(true);
        }
        st["stories"]["state"] == "built"
    });
    assert!(
        polled_while_rebuilding.get(),
        "no poll while the index rebuilt:\n{}",
        d.log_text()
    );
    assert!(
        d.log_text()
            .contains("rebuilding the story index in the background"),
        "{}",
        d.log_text()
    );
    let (code, _) = d.terminate();
    assert_eq!(code, Some(0), "{}", d.log_text());
    let store = zonefeed::store::Store::open(&config.service.data_dir).expect("store");
    let (a, record) = store.story_of_item("archive1", "old-10").expect("story");
    assert_eq!(record.map(|r| r.copies.len()), Some(2));
    let last = format!("old-{}", total - 10);
    let (b, _) = store
        .story_of_item(&format!("archive{}", (total - 10) % 3), &last)
        .expect("story");
    assert_eq!(a, b, "the two copies are one story");
}

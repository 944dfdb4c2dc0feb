//! Polling against a misbehaving HTTP server on 127.0.0.1: conditional GET, 429 with
//! Retry-After, 500 storms, slow drips, endless bodies, gzip bombs, redirect loops, permanent
//! redirects, sources that go empty, per-host limits, and the SSRF guard.

mod common;

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::{Body, Install, Response, TestServer};
use zonefeed::cli;
use zonefeed::config::Config;
use zonefeed::poll::{PollResult, Poller};
use zonefeed::store::Store;

const FEED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>测试源</title><link>http://t.example.cn/</link><description>d</description>
<item><title>南通高新区项目签约</title><link>http://t.example.cn/1.html</link><guid>1</guid><pubDate>2026-11-25 10:00:00</pubDate></item>
<item><title>南通高新区项目开工</title><link>http://t.example.cn/2.html</link><guid>2</guid><pubDate>2026-11-26 10:00:00</pubDate></item>
</channel></rss>"#;

const EMPTY_FEED: &str = r#"<rss version="2.0"><channel><title>测试源</title><link>http://t.example.cn/</link><description>d</description></channel></rss>"#;

/// A config with one source per (id, url) pair, all in 南通市.
fn config(poll: &str, sources: &[(&str, String)]) -> String {
    let mut c = format!(
        r#"[poll]
{poll}
[[regions]]
id = "nantong"
name = "南通市"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
"#
    );
    for (id, url) in sources {
        c.push_str(&format!(
            "[[sources]]\nid = \"{id}\"\nurl = \"{url}\"\nregion = \"nantong\"\n"
        ));
    }
    c
}

const TEST_POLL: &str = "allow_private_networks = true\ntimeout = \"3s\"\ninterval = \"10m\"\nmin_interval = \"1s\"\nmax_interval = \"1h\"";

struct Rig {
    _install: Install,
    config: Arc<Config>,
    store: Store,
    poller: Poller,
}

fn rig(poll: &str, sources: &[(&str, String)]) -> Rig {
    let install = Install::new(&config(poll, sources));
    let config = Arc::new(install.config());
    let store = Store::open(&config.service.data_dir).expect("store");
    let poller = Poller::new(config.clone(), store.clone()).expect("poller");
    Rig {
        _install: install,
        config,
        store,
        poller,
    }
}

impl Rig {
    async fn poll(&self, id: &str) -> PollResult {
        let s = self.config.source(id).expect("source").clone();
        self.poller.poll_source(&s).await.result
    }
}

fn failed(r: &PollResult) -> &str {
    match r {
        PollResult::Failed { error, .. } => error,
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn ok(r: &PollResult) -> &zonefeed::poll::PollStats {
    match r {
        PollResult::Ok(s) => s,
        other => panic!("expected success, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conditional_get_round_trips() {
    let server = TestServer::start().await;
    server.route(
        "/etag.xml",
        Response::ok("application/rss+xml", FEED).header("ETag", "\"v1\""),
    );
    server.route(
        "/lm.xml",
        Response::ok("application/rss+xml", FEED)
            .header("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT"),
    );
    let r = rig(
        TEST_POLL,
        &[
            ("etag", server.url("/etag.xml")),
            ("lm", server.url("/lm.xml")),
        ],
    );
    assert_eq!(ok(&r.poll("etag").await).new, 2);
    assert_eq!(ok(&r.poll("lm").await).new, 2);

    // Unchanged: 304, no parsing, no item writes.
    let s = ok(&r.poll("etag").await).clone();
    assert!(s.not_modified && s.status == 304 && s.entries == 0);
    let reqs = server.requests("/etag.xml");
    assert_eq!(
        reqs[1].headers.get("if-none-match").map(String::as_str),
        Some("\"v1\"")
    );
    let s = ok(&r.poll("lm").await).clone();
    assert!(s.not_modified);
    assert_eq!(
        server.requests("/lm.xml")[1]
            .headers
            .get("if-modified-since")
            .map(String::as_str),
        Some("Wed, 25 Nov 2026 10:00:00 GMT")
    );
    let st = r.store.source_state("etag").expect("state");
    assert_eq!((st.polls, st.not_modified), (2, 1));

    // A changed ETag means a new document.
    let changed = FEED.replace(
        "</channel>",
        "<item><title>第三条</title><guid>3</guid></item></channel>",
    );
    server.route(
        "/etag.xml",
        Response::ok("application/rss+xml", changed).header("ETag", "\"v2\""),
    );
    let s = ok(&r.poll("etag").await).clone();
    assert_eq!((s.status, s.new), (200, 1));
    assert_eq!(
        r.store.source_state("etag").expect("state").etag.as_deref(),
        Some("\"v2\"")
    );
    // Compressed responses are accepted.
    assert!(
        server.requests("/etag.xml")[0]
            .headers
            .get("accept-encoding")
            .is_some_and(|v| v.contains("gzip") && v.contains("br"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_honoured_and_poll_skips_the_source() {
    let server = TestServer::start().await;
    server.route(
        "/busy.xml",
        Response::status(429).header("Retry-After", "3600"),
    );
    server.route("/fine.xml", Response::ok("application/rss+xml", FEED));
    let install = Install::new(&config(
        TEST_POLL,
        &[
            ("busy", server.url("/busy.xml")),
            ("fine", server.url("/fine.xml")),
        ],
    ));
    let config = Arc::new(install.config());

    let first = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    let busy = first
        .outcomes
        .iter()
        .find(|o| o.source == "busy")
        .expect("busy");
    let error = failed(&busy.result);
    assert!(
        error.contains("HTTP 429") && error.contains("Retry-After 3600s"),
        "{error}"
    );
    {
        let store = Store::open(&config.service.data_dir).expect("store");
        let st = store.source_state("busy").expect("state");
        let wait = st.next_poll.expect("next") - Utc::now();
        assert!(
            wait.num_seconds() >= 3590,
            "waits at least Retry-After: {wait}"
        );
        assert!(st.retry_until.is_some());
    }

    // Not asked again before its Retry-After; healthy sources are polled as usual.
    let second = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    let busy = second
        .outcomes
        .iter()
        .find(|o| o.source == "busy")
        .expect("busy");
    assert!(
        matches!(&busy.result, PollResult::Skipped(why) if why.contains("Retry-After")),
        "{:?}",
        busy.result
    );
    assert_eq!(server.requests("/busy.xml").len(), 1);
    assert_eq!(server.requests("/fine.xml").len(), 2);

    // --force asks anyway.
    cli::poll_once(config.clone(), &["busy".into()], true)
        .await
        .expect("poll");
    assert_eq!(server.requests("/busy.xml").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_storm_backs_off_exponentially_capped_and_resets() {
    let server = TestServer::start().await;
    server.route("/storm.xml", Response::status(500));
    let r = rig(
        "allow_private_networks = true\ninterval = \"10s\"\nmin_interval = \"1s\"\nmax_interval = \"60s\"",
        &[("storm", server.url("/storm.xml"))],
    );
    let mut waits = Vec::new();
    for n in 1..=6u32 {
        let res = r.poll("storm").await;
        assert!(failed(&res).contains("HTTP 500"));
        let st = r.store.source_state("storm").expect("state");
        assert_eq!(st.consecutive_failures, n);
        assert_eq!(st.last_status, Some(500));
        let wait = (st.next_poll.expect("next") - st.last_poll.expect("last")).num_milliseconds();
        waits.push(wait);
    }
    // 10 s, 20 s, 40 s, then capped at max_interval (60 s); jitter adds at most 10%.
    let expect = [10_000, 20_000, 40_000, 60_000, 60_000, 60_000];
    for (w, e) in waits.iter().zip(expect) {
        assert!(*w >= e - 50 && *w <= e + e / 10 + 50, "waits {waits:?}");
    }
    server.route("/storm.xml", Response::ok("application/rss+xml", FEED));
    ok(&r.poll("storm").await);
    let st = r.store.source_state("storm").expect("state");
    assert_eq!(st.consecutive_failures, 0);
    assert!(st.last_error.is_none() && st.retry_until.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_endless_and_compressed_bombs_are_cut_off() {
    let server = TestServer::start().await;
    server.route(
        "/drip.xml",
        Response::ok("application/rss+xml", FEED).mode(Body::Drip(Duration::from_millis(20))),
    );
    server.route(
        "/endless.xml",
        Response::ok("application/rss+xml", vec![b'x'; 64 * 1024]).mode(Body::Endless),
    );
    // 64 MiB of zeros, gzip-compressed to about 64 KiB.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).expect("gzip");
    }
    let bomb = gz.finish().expect("gzip");
    assert!(bomb.len() < 200 * 1024);
    server.route(
        "/bomb.xml",
        Response::ok("application/rss+xml", bomb).header("Content-Encoding", "gzip"),
    );
    server.route("/fine.xml", Response::ok("application/rss+xml", FEED));
    let r = rig(
        "allow_private_networks = true\ntimeout = \"1s\"\nmax_body = \"1MiB\"",
        &[
            ("drip", server.url("/drip.xml")),
            ("endless", server.url("/endless.xml")),
            ("bomb", server.url("/bomb.xml")),
            ("fine", server.url("/fine.xml")),
        ],
    );
    let e = r.poll("drip").await;
    assert!(failed(&e).contains("timed out after 1s"), "{}", failed(&e));
    let e = r.poll("endless").await;
    assert!(failed(&e).contains("1048576-byte limit"), "{}", failed(&e));
    let e = r.poll("bomb").await;
    assert!(failed(&e).contains("1048576-byte limit"), "{}", failed(&e));
    assert_eq!(ok(&r.poll("fine").await).new, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_loops_limits_and_permanent_moves() {
    let server = TestServer::start().await;
    server.route(
        "/loop-a",
        Response::status(302).header("Location", "/loop-b"),
    );
    server.route(
        "/loop-b",
        Response::status(302).header("Location", "/loop-a"),
    );
    for i in 1..=7 {
        server.route(
            &format!("/hop{i}"),
            Response::status(302).header("Location", &format!("/hop{}", i + 1)),
        );
    }
    server.route(
        "/old.xml",
        Response::status(301).header("Location", "/mid.xml"),
    );
    server.route(
        "/mid.xml",
        Response::status(308).header("Location", "/new.xml"),
    );
    server.route("/new.xml", Response::ok("application/rss+xml", FEED));
    server.route(
        "/temp.xml",
        Response::status(302).header("Location", "/new.xml"),
    );
    let r = rig(
        TEST_POLL,
        &[
            ("loop", server.url("/loop-a")),
            ("far", server.url("/hop1")),
            ("moved", server.url("/old.xml")),
            ("temp", server.url("/temp.xml")),
        ],
    );
    assert!(failed(&r.poll("loop").await).contains("redirect loop"));
    assert!(failed(&r.poll("far").await).contains("more than 5 redirects"));
    assert!(
        server.requests("/hop7").is_empty(),
        "stops after 5 redirects"
    );

    let s = ok(&r.poll("moved").await).clone();
    assert_eq!(s.new, 2);
    assert_eq!(s.moved_to.as_deref(), Some(server.url("/new.xml").as_str()));
    let st = r.store.source_state("moved").expect("state");
    assert_eq!(
        st.redirected_to.as_deref(),
        Some(server.url("/new.xml").as_str())
    );
    assert!(st.flags(Utc::now()).contains(&"redirected"));

    // A temporary redirect is followed but not recorded as a move.
    let s = ok(&r.poll("temp").await).clone();
    assert_eq!(s.moved_to, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_that_goes_empty_is_flagged() {
    let server = TestServer::start().await;
    server.route("/feed.xml", Response::ok("application/rss+xml", FEED));
    let r = rig(TEST_POLL, &[("s", server.url("/feed.xml"))]);
    assert_eq!(ok(&r.poll("s").await).entries, 2);
    server.route("/feed.xml", Response::ok("application/rss+xml", EMPTY_FEED));
    for n in 1..=3u32 {
        let s = ok(&r.poll("s").await).clone();
        assert_eq!(s.entries, 0);
        assert_eq!(s.empty_flag, n >= 3);
    }
    let st = r.store.source_state("s").expect("state");
    assert!(st.flags(Utc::now()).contains(&"empty"));
    server.route("/feed.xml", Response::ok("application/rss+xml", FEED));
    ok(&r.poll("s").await);
    assert_eq!(r.store.source_state("s").expect("state").empty_polls, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_host_does_not_delay_other_hosts_and_no_source_runs_twice() {
    let server = TestServer::start().await;
    let slow = Response::ok("application/rss+xml", FEED).delay(Duration::from_millis(800));
    server.route("/slow1.xml", slow.clone());
    server.route("/slow2.xml", slow);
    server.route("/fast.xml", Response::ok("application/rss+xml", FEED));
    // "localhost" and "127.0.0.1" are different hosts to the limiter, one server to us.
    let fast_url = format!("http://localhost:{}/fast.xml", server.addr.port());
    let r = rig(
        "allow_private_networks = true\nper_host = 1\nconcurrency = 4",
        &[
            ("slow1", server.url("/slow1.xml")),
            ("slow2", server.url("/slow2.xml")),
            ("fast", fast_url),
        ],
    );
    let sources: Vec<_> = r.config.sources.iter().collect();
    let outcomes = r.poller.poll_many(&sources).await;
    assert!(outcomes.iter().all(|o| !o.is_failure()), "{outcomes:?}");
    let log = server.all_requests();
    let at = |p: &str| log.iter().find(|q| q.path == p).expect(p).clone();
    let (s1, s2, fast) = (at("/slow1.xml"), at("/slow2.xml"), at("/fast.xml"));
    let (first, second) = if s1.at < s2.at { (s1, s2) } else { (s2, s1) };
    // per_host = 1: the second slow request starts only after the first one was answered…
    assert!(second.at >= first.done.expect("answered"), "per-host limit");
    // …while the other host's source did not wait for either.
    assert!(
        fast.at < first.done.expect("answered"),
        "other host not delayed"
    );

    // Two polls of one source at once: the second is skipped, not run.
    let slow1 = r.config.source("slow1").expect("slow1").clone();
    let (a, b) = tokio::join!(r.poller.poll_source(&slow1), r.poller.poll_source(&slow1));
    let skipped = [a, b]
        .iter()
        .filter(|o| matches!(o.result, PollResult::Skipped(_)))
        .count();
    assert_eq!(skipped, 1);
}

/// Polls run in a bounded window (memory), and hosts are interleaved in it: a site with
/// many sources listed first, served one at a time (per_host = 1), does not keep a source
/// of another site listed last from starting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_with_many_sources_does_not_hold_up_other_sites() {
    let server = TestServer::start().await;
    let slow = Response::ok("application/rss+xml", FEED).delay(Duration::from_millis(50));
    let mut list: Vec<(String, String)> = Vec::new();
    for i in 0..100 {
        server.route(&format!("/busy{i}.xml"), slow.clone());
        list.push((format!("busy{i}"), server.url(&format!("/busy{i}.xml"))));
    }
    server.route("/other.xml", Response::ok("application/rss+xml", FEED));
    list.push((
        "other".into(),
        format!("http://localhost:{}/other.xml", server.addr.port()),
    ));
    let refs: Vec<(&str, String)> = list.iter().map(|(a, b)| (a.as_str(), b.clone())).collect();
    let r = rig(
        "allow_private_networks = true\nper_host = 1\nconcurrency = 2",
        &refs,
    );
    let sources: Vec<_> = r.config.sources.iter().collect();
    let outcomes = r.poller.poll_many(&sources).await;
    assert_eq!(outcomes.len(), 101);
    assert!(outcomes.iter().all(|o| !o.is_failure()), "{outcomes:?}");
    let log = server.all_requests();
    let other = log
        .iter()
        .position(|q| q.path == "/other.xml")
        .expect("polled");
    assert!(
        other < 3,
        "the other site waited behind {other} requests to the busy one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_addresses_are_refused_unless_allowed() {
    let server = TestServer::start().await;
    server.route("/feed.xml", Response::ok("application/rss+xml", FEED));
    let by_name = format!("http://localhost:{}/feed.xml", server.addr.port());
    let sources = [("ip", server.url("/feed.xml")), ("name", by_name)];
    // `check` refuses such URLs already, naming the fix (issue 26.10)...
    let install = Install::new(&config("timeout = \"3s\"", &sources));
    let err = match zonefeed::config::Config::load(&install.config_path()) {
        Ok(_) => panic!("a loopback source passed the config check"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("url: 127.0.0.1 is a private address"), "{err}");
    assert!(err.contains("url: localhost is a loopback host"), "{err}");
    // ...and the fetcher's guard still holds for a config that got past it.
    let install = Install::new(&config(
        "timeout = \"3s\"\nallow_private_networks = true",
        &sources,
    ));
    let mut unchecked = install.config();
    unchecked.poll.allow_private_networks = false;
    let config = Arc::new(unchecked);
    let store = Store::open(&config.service.data_dir).expect("store");
    let r = Rig {
        poller: Poller::new(config.clone(), store.clone()).expect("poller"),
        _install: install,
        config,
        store,
    };
    let e = r.poll("ip").await;
    assert!(
        failed(&e).contains("refused: 127.0.0.1 is a private address"),
        "{}",
        failed(&e)
    );
    assert!(failed(&e).contains("allow_private_networks"));
    let e = r.poll("name").await;
    assert!(failed(&e).contains("refused"), "{}", failed(&e));
    assert!(
        server.all_requests().is_empty(),
        "no request may reach the server"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_command_shows_health() {
    let server = TestServer::start().await;
    server.route("/ok.xml", Response::ok("application/rss+xml", FEED));
    server.route(
        "/bad.xml",
        Response::status(503).header("Retry-After", "120"),
    );
    let install = Install::new(&config(
        TEST_POLL,
        &[
            ("good", server.url("/ok.xml")),
            ("bad", server.url("/bad.xml")),
        ],
    ));
    let config = Arc::new(install.config());
    cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    let rows = cli::sources(&config).await.expect("sources");
    let good = serde_json::to_value(&rows[0]).expect("json");
    let bad = serde_json::to_value(&rows[1]).expect("json");
    assert_eq!(good["id"], "good");
    assert_eq!(good["items"], 2);
    assert_eq!(good["last_status"], 200);
    assert_eq!(good["consecutive_failures"], 0);
    assert!(good["last_ok"].is_string() && good["next_poll"].is_string());
    assert_eq!(bad["last_status"], 503);
    assert_eq!(bad["consecutive_failures"], 1);
    assert!(
        bad["last_error"]
            .as_str()
            .unwrap_or("")
            .contains("HTTP 503")
    );
    let flags: Vec<&str> = bad["flags"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert!(flags.contains(&"backing-off"), "{flags:?}");
}

//! 200 sources on a loopback server, polled twice by the `zonefeed poll` binary, with three
//! hostile sources among them (429 + Retry-After, an endless body, a gzip bomb). The second
//! cycle must be all conditional requests answered 304 with nothing parsed, the 429 source
//! must not be asked again, and the process's peak RSS (measured by wait4) stays bounded.

mod common;

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use common::{Body, Response, TestServer};

const SOURCES: usize = 200;

fn feed(i: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>源 {i}</title><link>http://s{i}.example.cn/</link><description>d</description>"
    );
    for j in 0..10 {
        s.push_str(&format!(
            "<item><title>南通高新区第{i}号源新闻{j}</title><link>http://s{i}.example.cn/{j}.html</link><guid>s{i}-{j}</guid><pubDate>2026-11-{:02} 10:00:00</pubDate><description>招商引资项目{j}签约。</description></item>",
            1 + j
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// Runs the binary and returns (exit code, stdout, peak RSS in KiB) of that child alone.
// The child is reaped by wait4 (for its rusage), which std's Child cannot do.
#[allow(clippy::zombie_processes)]
fn run_measured(dir: &std::path::Path, args: &[&str]) -> (i32, String, i64) {
    let child = Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn zonefeed");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    // A hung poll (sled 0.34's flush_async deadlocked here in 5 of 10 runs before
    // Store::flush was changed) must fail the test, not stall the suite.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            let deadline = Instant::now() + std::time::Duration::from_secs(120);
            while Instant::now() < deadline {
                if done.load(std::sync::atomic::Ordering::SeqCst) {
                    return false;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            // SAFETY: signalling our own child, which has not been reaped yet.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            true
        })
    };
    let mut status = 0;
    // SAFETY: plain wait4 on our own child; rusage is a zeroed C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let killed = watchdog.join().unwrap_or(false);
    assert!(
        !killed,
        "zonefeed {args:?} did not finish within 120 s (hung; killed)"
    );
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, reader.join().unwrap_or_default(), usage.ru_maxrss)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_sources_second_cycle_is_all_304_and_memory_stays_bounded() {
    let server = TestServer::start().await;
    let mut config = String::from(
        "[poll]\nallow_private_networks = true\ntimeout = \"5s\"\nper_host = 16\nconcurrency = 16\n\
         [[regions]]\nid = \"nantong\"\nname = \"南通市\"\n\
         [[zones]]\nid = \"nantong-hitech\"\nname = \"南通高新技术产业开发区\"\nregion = \"nantong\"\naliases = [\"南通高新区\"]\n",
    );
    for i in 0..SOURCES {
        let path = format!("/s/{i}.xml");
        server.route(
            &path,
            Response::ok("application/rss+xml", feed(i)).header("ETag", &format!("\"v{i}\"")),
        );
        config.push_str(&format!(
            "[[sources]]\nid = \"s{i}\"\nurl = \"{}\"\nregion = \"nantong\"\n",
            server.url(&path)
        ));
    }
    server.route(
        "/busy.xml",
        Response::status(429).header("Retry-After", "3600"),
    );
    // Endless: as good as a 2 GB body, never finishes on its own.
    server.route(
        "/huge.xml",
        Response::ok("application/rss+xml", vec![b' '; 256 * 1024]).mode(Body::Endless),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..128 {
        gz.write_all(&zeros).expect("gzip");
    }
    server.route(
        "/bomb.xml",
        Response::ok("application/rss+xml", gz.finish().expect("gzip"))
            .header("Content-Encoding", "gzip"),
    );
    for (id, path) in [
        ("busy", "/busy.xml"),
        ("huge", "/huge.xml"),
        ("bomb", "/bomb.xml"),
    ] {
        config.push_str(&format!(
            "[[sources]]\nid = \"{id}\"\nurl = \"{}\"\nregion = \"nantong\"\n",
            server.url(path)
        ));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("config.toml"), config).expect("config");
    let dir_path = dir.path().to_path_buf();

    // Cycle 1: everything new; three sources fail, bounded.
    let started = Instant::now();
    let d = dir_path.clone();
    let (code, out, rss1) = tokio::task::spawn_blocking(move || run_measured(&d, &["poll"]))
        .await
        .expect("join");
    let wall1 = started.elapsed();
    let summary1 = out.lines().last().unwrap_or_default().to_string();
    assert_eq!(code, 1, "a source failed: {summary1}");
    assert!(
        summary1.contains(&format!(
            "sources: {SOURCES} ok, 3 failed, 0 skipped; items: {} new",
            SOURCES * 10
        )),
        "{summary1}"
    );
    for id in ["huge", "bomb"] {
        let line = out.lines().find(|l| l.starts_with(id)).unwrap_or_default();
        assert!(line.contains("byte limit"), "{line}");
    }
    let requests1 = server.all_requests().len();

    // Cycle 2: conditional requests only; the failing sources wait out their backoff.
    let started = Instant::now();
    let d = dir_path.clone();
    let (code, out, rss2) = tokio::task::spawn_blocking(move || run_measured(&d, &["poll"]))
        .await
        .expect("join");
    let wall2 = started.elapsed();
    let summary2 = out.lines().last().unwrap_or_default().to_string();
    assert_eq!(code, 0, "{summary2}");
    assert!(
        summary2.contains(&format!(
            "sources: {SOURCES} ok, 0 failed, 3 skipped; items: 0 new, 0 updated; feeds: 0 written"
        )),
        "{summary2}"
    );
    let all = server.all_requests();
    let cycle2 = &all[requests1..];
    let conditional = cycle2
        .iter()
        .filter(|r| r.headers.contains_key("if-none-match"))
        .count();
    let not_modified = out
        .lines()
        .filter(|l| l.contains("304 not modified"))
        .count();
    assert_eq!(cycle2.len(), SOURCES, "only the healthy sources are asked");
    assert_eq!(conditional, SOURCES);
    assert_eq!(not_modified, SOURCES);
    assert_eq!(
        server.requests("/busy.xml").len(),
        1,
        "429 source not asked again"
    );

    let peak_mib = rss1.max(rss2) as f64 / 1024.0;
    eprintln!(
        "scale: cycle 1: {requests1} requests, {:.2} s, peak RSS {:.1} MiB; cycle 2: {} requests ({conditional} conditional, {not_modified} answered 304), {:.2} s, peak RSS {:.1} MiB",
        wall1.as_secs_f64(),
        rss1 as f64 / 1024.0,
        cycle2.len(),
        wall2.as_secs_f64(),
        rss2 as f64 / 1024.0
    );
    assert!(peak_mib < 200.0, "peak RSS {peak_mib:.1} MiB");
}

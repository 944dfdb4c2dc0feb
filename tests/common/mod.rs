//! Test harness: a real HTTP/1.1 server on 127.0.0.1 serving fixtures (and misbehaving on
//! purpose), temporary zonefeed installations, and the independent feed checkers
//! (Python feedparser, xmllint with the RFC 4287 RELAX NG schema).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub mod labelled;

/// How the body is sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// All at once, with Content-Length.
    Fixed,
    /// One byte per interval, with Content-Length (a slow-drip server).
    Drip(Duration),
    /// `body` repeated forever without Content-Length (an endless or 2 GB response).
    Endless,
}

/// One canned response.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Sleep before answering (slow servers).
    pub delay: Duration,
    pub mode: Body,
}

impl Response {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            mode: Body::Fixed,
        }
    }

    pub fn status(status: u16) -> Response {
        Response {
            status,
            headers: vec![],
            body: format!("status {status}").into_bytes(),
            delay: Duration::ZERO,
            mode: Body::Fixed,
        }
    }

    pub fn delay(mut self, d: Duration) -> Response {
        self.delay = d;
        self
    }

    pub fn mode(mut self, m: Body) -> Response {
        self.mode = m;
        self
    }

    fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn header(mut self, k: &str, v: &str) -> Response {
        self.headers.push((k.into(), v.into()));
        self
    }
}

/// A request the server received.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    pub at: std::time::Instant,
    /// When the response was fully sent (None if the client went away first).
    pub done: Option<std::time::Instant>,
}

#[derive(Clone)]
pub struct TestServer {
    pub addr: std::net::SocketAddr,
    routes: Arc<Mutex<HashMap<String, Response>>>,
    log: Arc<Mutex<Vec<Request>>>,
}

impl TestServer {
    /// Starts on 127.0.0.1 with an ephemeral port; runs until the test's runtime ends.
    pub async fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let server = TestServer {
            addr,
            routes: Arc::default(),
            log: Arc::default(),
        };
        let s = server.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else {
                    break;
                };
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = s.handle(&mut sock).await;
                });
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn route(&self, path: &str, resp: Response) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.into(), resp);
    }

    /// Serves a file from tests/fixtures.
    pub fn fixture(&self, path: &str, file: &str, content_type: &str) {
        let body = std::fs::read(fixture_path(file)).expect("fixture");
        self.route(path, Response::ok(content_type, body));
    }

    pub fn all_requests(&self) -> Vec<Request> {
        self.log.lock().expect("log").clone()
    }

    pub fn requests(&self, path: &str) -> Vec<Request> {
        self.log
            .lock()
            .expect("log")
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    async fn handle(&self, sock: &mut tokio::net::TcpStream) -> std::io::Result<()> {
        loop {
            let mut buf = Vec::new();
            let mut tmp = [0u8; 4096];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = sock.read(&mut tmp).await?;
                if n == 0 {
                    return Ok(());
                }
                buf.extend_from_slice(&tmp[..n]);
                if buf.len() > 64 * 1024 {
                    return Ok(());
                }
            }
            let split = buf
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map(|p| p + 4)
                .unwrap_or(buf.len());
            let head = String::from_utf8_lossy(&buf[..split]).to_string();
            let mut body = buf[split..].to_vec();
            let mut lines = head.split("\r\n");
            let request_line = lines.next().unwrap_or_default();
            let method = request_line
                .split_whitespace()
                .next()
                .unwrap_or("GET")
                .to_string();
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_string();
            let headers: HashMap<String, String> = lines
                .take_while(|l| !l.is_empty())
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                .collect();
            let want: usize = headers
                .get("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
                .min(1 << 20);
            while body.len() < want {
                let n = sock.read(&mut tmp).await?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&tmp[..n]);
            }
            let index = {
                let mut log = self.log.lock().expect("log");
                log.push(Request {
                    method,
                    path: path.clone(),
                    headers: headers.clone(),
                    body,
                    at: std::time::Instant::now(),
                    done: None,
                });
                log.len() - 1
            };
            let mut resp = self
                .routes
                .lock()
                .expect("routes")
                .get(&path)
                .cloned()
                .unwrap_or_else(|| Response::status(404));
            if !resp.delay.is_zero() {
                tokio::time::sleep(resp.delay).await;
            }
            // Conditional GET (RFC 9110 13.1): a matching validator gets 304 and no body.
            let etag_match = resp
                .header_value("ETag")
                .is_some_and(|e| headers.get("if-none-match").is_some_and(|h| h == e));
            let lm_match = resp
                .header_value("Last-Modified")
                .is_some_and(|lm| headers.get("if-modified-since").is_some_and(|h| h == lm));
            if resp.status == 200 && (etag_match || lm_match) {
                resp.status = 304;
                resp.body.clear();
                resp.mode = Body::Fixed;
            }
            let mut out = format!("HTTP/1.1 {} X\r\n", resp.status);
            if resp.mode == Body::Endless {
                out.push_str("Connection: close\r\n");
            } else {
                out.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
            }
            for (k, v) in &resp.headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            sock.write_all(out.as_bytes()).await?;
            match &resp.mode {
                Body::Fixed => sock.write_all(&resp.body).await?,
                Body::Drip(every) => {
                    for b in &resp.body {
                        sock.write_all(&[*b]).await?;
                        sock.flush().await?;
                        tokio::time::sleep(*every).await;
                    }
                }
                Body::Endless => loop {
                    // Ends when the client hangs up (write error).
                    sock.write_all(&resp.body).await?;
                },
            }
            if let Some(r) = self.log.lock().expect("log").get_mut(index) {
                r.done = Some(std::time::Instant::now());
            }
        }
    }
}

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The public feed test suites that `scripts/corpus` fetches from the package registries:
/// `feedparser/` (the `tests/` folder of Python feedparser's sdist on PyPI) and `feed-rs/`
/// (`fixture/` of the feed-rs crate that Cargo.lock names). In `$ZONEFEED_CORPUS`, else in
/// `target/corpus`. Fails the test, saying how to get them, when they are missing or the
/// feed-rs fixtures are not those of the locked crate: these checks must run, not be skipped.
pub fn corpus_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check_corpus(match std::env::var_os("ZONEFEED_CORPUS") {
        Some(d) => root.join(d),
        None => root.join("target/corpus"),
    })
}

/// `dir` if it holds both suites (see [`corpus_dir`]); fails the test otherwise.
pub fn check_corpus(dir: PathBuf) -> PathBuf {
    let how = "run `bash scripts/corpus` to fetch it (`bash .ci/run` does): feedparser's test \
               suite from its sdist on PyPI, feed-rs's fixtures from the crate in cargo's registry";
    for (sub, what) in [
        ("feedparser/wellformed", "feedparser's test suite"),
        ("feed-rs/rss2", "feed-rs's fixtures"),
    ] {
        assert!(
            dir.join(sub).is_dir(),
            "missing {} ({what}): {how}",
            dir.join(sub).display()
        );
    }
    let locked = locked_version("feed-rs");
    let linked = std::fs::canonicalize(dir.join("feed-rs")).expect("feed-rs fixtures");
    let crate_dir = linked
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(
        !crate_dir.starts_with("feed-rs-") || crate_dir == format!("feed-rs-{locked}"),
        "{} holds the fixtures of {crate_dir}, but Cargo.lock has feed-rs {locked}: {how}",
        dir.join("feed-rs").display()
    );
    dir
}

/// The version of a package in Cargo.lock.
pub fn locked_version(name: &str) -> String {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("read Cargo.lock");
    let header = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == header {
            let version = lines.next().and_then(|l| l.strip_prefix("version = "));
            return version
                .expect("a version line after the name in Cargo.lock")
                .trim_matches('"')
                .to_string();
        }
    }
    panic!("{name} is not in Cargo.lock")
}

/// The version of the feedparser suite that `scripts/corpus` unpacked (its `.source` stamp).
pub fn feedparser_suite_version(corpus: &Path) -> String {
    std::fs::read_to_string(corpus.join("feedparser/.source"))
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).map(str::to_string))
        .unwrap_or_else(|| "(unknown version)".to_string())
}

/// The RFC 4287 RELAX NG schema for Atom, kept in the repo (see its header).
pub fn atom_schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/atom.rng")
}

/// A config.toml in a temporary folder, with data and feeds beside it.
pub struct Install {
    pub dir: tempfile::TempDir,
}

impl Install {
    pub fn new(config_body: &str) -> Install {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.toml"), config_body).expect("write config");
        Install { dir }
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn feeds(&self) -> PathBuf {
        self.dir.path().join("feeds")
    }

    pub fn config(&self) -> zonefeed::config::Config {
        match zonefeed::config::Config::load(&self.config_path()) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }
}

/// Every file under `dir` with one of the extensions, sorted.
pub fn files_with_ext(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// feedparser's reading of each file (one JSON value per file). Fails the test if Python or
/// feedparser is missing: these checks must run, not be skipped.
pub fn feedparser(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/feedcheck.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(files)
        .output()
        .expect("python3 must be installed (pip install feedparser)");
    assert!(
        out.status.success(),
        "feedcheck.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("feedcheck json"))
        .collect()
}

/// Asserts every file parses in feedparser with bozo = 0.
pub fn assert_feedparser_clean(files: &[PathBuf]) -> Vec<serde_json::Value> {
    assert!(!files.is_empty(), "no feeds to check");
    let results = feedparser(files);
    assert_eq!(results.len(), files.len());
    for r in &results {
        assert_eq!(
            r["bozo"], 0,
            "feedparser bozo for {}: {}",
            r["path"], r["bozo_exception"]
        );
        assert!(
            !r["title"].as_str().unwrap_or("").is_empty(),
            "no title: {}",
            r["path"]
        );
    }
    results
}

/// Asserts every Atom file validates against tests/schemas/atom.rng with xmllint.
pub fn assert_atom_valid(files: &[PathBuf]) {
    assert!(!files.is_empty(), "no Atom feeds to check");
    let schema = atom_schema();
    assert!(schema.exists(), "missing {}", schema.display());
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--relaxng")
        .arg(&schema)
        .args(files)
        .output()
        .expect("xmllint must be installed (apt-get install libxml2-utils)");
    assert!(
        out.status.success(),
        "xmllint rejected Atom output:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A real SMTP server (aiosmtpd, tests/tools/smtp_sink.py) on 127.0.0.1. Stops on drop.
pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Option<std::process::Child>,
    /// `user:password` the server demands (AUTH without TLS), if any.
    auth: Option<String>,
    /// Milliseconds the server waits after storing a message before it answers 250.
    delay_ms: u64,
}

impl SmtpSink {
    /// Starts on a free port; messages land in `dir`.
    pub fn start(dir: &Path) -> SmtpSink {
        SmtpSink::start_inner(dir, None)
    }

    /// Like [`SmtpSink::start`], but mail is refused until the client logs in as `user`
    /// with `password`.
    pub fn start_with_auth(dir: &Path, user: &str, password: &str) -> SmtpSink {
        SmtpSink::start_inner(dir, Some(format!("{user}:{password}")))
    }

    /// Like [`SmtpSink::start`], but each message is answered `ms` milliseconds after it is
    /// stored: a message on disk may not have been accepted yet.
    pub fn start_slow(dir: &Path, ms: u64) -> SmtpSink {
        let mut sink = SmtpSink::start_inner(dir, None);
        sink.stop();
        sink.delay_ms = ms;
        sink.restart();
        sink
    }

    fn start_inner(dir: &Path, auth: Option<String>) -> SmtpSink {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("addr").port()
        };
        let mut sink = SmtpSink {
            port,
            dir: dir.to_path_buf(),
            child: None,
            auth,
            delay_ms: 0,
        };
        sink.restart();
        sink
    }

    /// (Re)starts the server on the same port.
    pub fn restart(&mut self) {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/smtp_sink.py");
        let mut cmd = std::process::Command::new("python3");
        if let Some(auth) = &self.auth {
            cmd.env("SMTP_SINK_AUTH", auth);
        }
        if self.delay_ms > 0 {
            cmd.env("SMTP_SINK_DELAY_MS", self.delay_ms.to_string());
        }
        let mut child = cmd
            .arg(script)
            .arg(self.port.to_string())
            .arg(&self.dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd must be installed (pip install aiosmtpd)");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("smtp sink output");
        assert!(
            line.starts_with("ready"),
            "smtp sink did not start: {line:?}"
        );
        self.child = Some(child);
    }

    /// Stops the server (connections are then refused).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            drop(c.stdin.take());
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Messages received so far, oldest first.
    pub fn messages(&self) -> Vec<PathBuf> {
        files_with_ext(&self.dir, &["eml"])
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Python's email package's reading of each message (tests/tools/mailcheck.py).
pub fn mailcheck(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/mailcheck.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(files)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("mailcheck json"))
        .collect()
}

/// A minimal SMTP server (RFC 5321 happy path: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
/// that counts accepted messages and keeps nothing, one thread per connection. aiosmtpd,
/// in Python, is the slower side of the exchange (a few hundred messages/s here); this one
/// shows what zonefeed itself can do. Returns the port and the counter.
pub fn fast_smtp_sink() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let c = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let c = c.clone();
            std::thread::spawn(move || {
                let _ = conn.set_nodelay(true);
                let Ok(mut out) = conn.try_clone() else {
                    return;
                };
                let mut lines = BufReader::new(conn);
                let _ = out.write_all(b"220 sink ESMTP\r\n");
                let mut line = Vec::new();
                loop {
                    line.clear();
                    if lines.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let cmd = String::from_utf8_lossy(&line).to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") {
                        b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n"
                    } else if cmd.starts_with("DATA") {
                        let _ = out.write_all(b"354 go ahead\r\n");
                        loop {
                            line.clear();
                            if lines.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
                                return;
                            }
                            if line == b".\r\n" {
                                break;
                            }
                        }
                        c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        b"250 OK\r\n"
                    } else if cmd.starts_with("QUIT") {
                        let _ = out.write_all(b"221 bye\r\n");
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    if out.write_all(reply).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, count)
}

/// The daemon's idle footprint, as [`idle_rss`] measures it.
#[derive(Debug, Clone, Copy)]
pub struct Idle {
    /// VmRSS (KiB) once settled.
    pub rss_kib: i64,
    /// Seconds from start until its last start-up work (polls, publishes, search catch-up)
    /// was logged.
    pub busy_s: f64,
}

/// VmRSS of `BIN run` in `dir` once idle: 15 s after the last poll, publish or search
/// catch-up it logged (start-up polls every due source; on a first start that can take
/// longer than 15 s, and reading the memory then measured the ingest, not the idle daemon).
/// Gives up waiting for quiet after 10 minutes and reads it then.
pub fn idle_rss(bin: &Path, dir: &Path) -> Idle {
    use std::io::BufRead;
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(bin)
        .current_dir(dir)
        .arg("run")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("zonefeed run");
    let started = Instant::now();
    let last = std::sync::Arc::new(std::sync::Mutex::new(started));
    if let Some(err) = child.stderr.take() {
        let last = last.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
                if ["polled", "poll failed", "feeds published", "caught up"]
                    .iter()
                    .any(|w| line.contains(w))
                    && let Ok(mut t) = last.lock()
                {
                    *t = Instant::now();
                }
            }
        });
    }
    let quiet = Duration::from_secs(15);
    let last_activity = || *last.lock().unwrap_or_else(|e| e.into_inner());
    while last_activity().elapsed() < quiet && started.elapsed() < Duration::from_secs(600) {
        std::thread::sleep(Duration::from_millis(250));
    }
    let busy_s = last_activity().duration_since(started).as_secs_f64();
    let rss_kib = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(-1);
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let _ = child.wait();
    Idle { rss_kib, busy_s }
}

/// Runs the zonefeed binary in `dir` (the one runner; its output is returned whole).
pub fn zonefeed(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zonefeed")
}

/// [`zonefeed`] with its exit code and its output as text: (code, stdout, stderr).
pub fn zonefeed_text(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = zonefeed(dir, args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the bundled config, example sources and templates in a temporary folder.
pub fn bundled_install() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("config.toml"), dir.path().join("config.toml")).expect("copy");
    for sub in ["examples", "templates"] {
        copy_tree(&root.join(sub), &dir.path().join(sub));
    }
    dir
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

/// Runs a check that may panic inside a helper (a shared checker, a waiter), prefixing its
/// panic message with `step`, so that a failure in a long scenario names the step it was in.
/// (The helper's own panic is printed first, as usual.)
pub fn in_step<T>(step: &str, check: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)) {
        Ok(v) => v,
        Err(e) => panic!("{step}: {}", panic_text(&*e)),
    }
}

/// [`in_step`] for a future: awaits `check`, prefixing its panic message with `step`.
pub async fn in_step_async<T>(step: &str, check: impl std::future::Future<Output = T>) -> T {
    let mut check = std::pin::pin!(check);
    let mut failed = None;
    let out = std::future::poll_fn(|cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check.as_mut().poll(cx))) {
            Ok(p) => p.map(Some),
            Err(e) => {
                failed = Some(panic_text(&*e));
                std::task::Poll::Ready(None)
            }
        }
    })
    .await;
    match out {
        Some(v) => v,
        None => panic!("{step}: {}", failed.unwrap_or_default()),
    }
}

fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panicked".into())
}

/// The whole country by code: every province (and 港澳台), every prefecture-level division,
/// and the county-level units a province governs directly, under one national region, with
/// one national source reading `in.rss`.
pub fn country_config() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = |f: &str| {
        std::fs::read_to_string(root.join("src/places/data").join(f)).expect("places data")
    };
    let mut c = String::from(
        "[service]\nbase_url = \"http://feeds.example.cn/\"\n[stories]\nenabled = false\n\n[[regions]]\nid = \"cn\"\nname = \"全国\"\n",
    );
    let provinces = data("provinces.csv");
    for code in provinces
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .chain(["71", "81", "82"])
    {
        c.push_str(&format!(
            "[[regions]]\nid = \"d{code}0000\"\ncode = \"{code}0000\"\nparent = \"cn\"\n"
        ));
    }
    let mut direct = Vec::new();
    for l in data("cities.csv").lines().skip(1) {
        let f: Vec<&str> = l.split(',').map(|x| x.trim_matches('"')).collect();
        if matches!(f[1], "市辖区" | "县") {
            continue;
        }
        if f[1].contains("直辖") {
            direct.push(f[0].to_string());
            continue;
        }
        c.push_str(&format!(
            "[[regions]]\nid = \"d{0}00\"\ncode = \"{0}00\"\n",
            f[0]
        ));
    }
    for l in data("areas.csv").lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        if direct.iter().any(|d| d == f[2]) {
            c.push_str(&format!(
                "[[regions]]\nid = \"d{0}\"\ncode = \"{0}\"\n",
                f[0]
            ));
        }
    }
    c.push_str("[[sources]]\nid = \"national\"\nurl = \"file:in.rss\"\nregion = \"cn\"\n");
    c
}

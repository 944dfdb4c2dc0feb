//! Instant alerts end to end: `zonefeed poll` (and `alerts`) against loopback receivers that
//! imitate 企业微信, 钉钉, 飞书, ntfy and a webhook from their documentation
//! (`tests/tools/alert_receiver.py`, written without reading the sender): signatures
//! checked by the documented algorithms, rate and size limits enforced with the platforms'
//! own error codes, failures forced on demand, the receiver killed and restarted.
//!
//! Needs: python3 (standard library only).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const WECOM_KEY: &str = "wecom-key-0001";
const DT_TOKEN: &str = "dt-token-0001";
const DT_SECRET: &str = "SEC0123456789abcdef";
const FS_TOKEN: &str = "fs-hook-0001";
const FS_SECRET: &str = "feishu-secret-0001";
const NTFY_TOKEN: &str = "tk_ntfytoken0001";
const HOOK_SECRET: &str = "webhook-secret-0001";

/// The receiver, on a port of its own; restartable on the same port.
struct Receiver {
    port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Receiver {
    fn start() -> Receiver {
        let mut r = Receiver {
            port: 0,
            dir: tempfile::tempdir().expect("tempdir"),
            child: None,
        };
        r.launch();
        r
    }

    fn launch(&mut self) {
        let port_file = self.dir.path().join("port");
        let _ = std::fs::remove_file(&port_file);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/alert_receiver.py");
        let child = Command::new("python3")
            .arg(script)
            .arg("--port-file")
            .arg(&port_file)
            .args(["--port", &self.port.to_string()])
            .args(["--wecom-key", WECOM_KEY])
            .args(["--dingtalk-token", DT_TOKEN, "--dingtalk-secret", DT_SECRET])
            .args(["--feishu-token", FS_TOKEN, "--feishu-secret", FS_SECRET])
            .args(["--ntfy-token", NTFY_TOKEN, "--webhook-secret", HOOK_SECRET])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the receiver (python3)");
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(p) = std::fs::read_to_string(&port_file)
                && let Ok(p) = p.trim().parse()
            {
                self.port = p;
                return;
            }
            assert!(Instant::now() < until, "the receiver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// One request to the receiver's control routes (plain HTTP/1.0, so the answer ends
    /// with the connection).
    fn control(&self, method: &str, path: &str, body: &str) -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            s,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        let (head, body) = out.split_once("\r\n\r\n").expect("an HTTP answer");
        assert!(head.contains(" 200 "), "{method} {path}: {head}");
        body.to_string()
    }

    fn get(&self, path: &str) -> Vec<Value> {
        serde_json::from_str(&self.control("GET", path, "")).expect("json")
    }

    fn messages(&self, platform: &str) -> Vec<Value> {
        self.get("/_messages")
            .into_iter()
            .filter(|m| m["platform"] == platform)
            .collect()
    }

    fn rejected(&self) -> Vec<Value> {
        self.get("/_rejected")
    }

    fn fail_next(&self, platform: &str, count: u32, kind: &str) {
        let body = serde_json::json!({"platform": platform, "count": count, "kind": kind});
        self.control("POST", "/_fail", &body.to_string());
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An install whose sources are local feed files the test writes.
struct Site {
    dir: tempfile::TempDir,
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let now = chrono::Utc::now().to_rfc2822();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>http://example.cn/</link><description>d</description>",
    );
    for (guid, title, text) in items {
        out.push_str(&format!(
            "<item><guid>{guid}</guid><title>{title}</title><link>http://example.cn/{guid}.html</link><description>{text}</description><pubDate>{now}</pubDate></item>"
        ));
    }
    out.push_str("</channel></rss>");
    out
}

impl Site {
    /// `alerts` is the `[[alerts]]` part of the config.
    fn new(alerts: &str) -> Site {
        Site::with(alerts, "", "")
    }

    /// [`Site::new`] with more `[service]` and `[poll]` keys, and a source interval.
    fn with(alerts: &str, service: &str, poll: &str) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("in")).expect("mkdir");
        let config = format!(
            r#"[service]
base_url = "http://feeds.example.cn/"
{service}
[poll]
allow_private_networks = true
timeout = "5s"
{poll}

[[regions]]
id = "suzhou"
name = "苏州市"
[[regions]]
id = "nantong"
name = "南通市"
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
aliases = ["园区"]

[[sources]]
id = "sip-news"
name = "园区新闻网"
url = "file:in/a.rss"
region = "suzhou"
zone = "suzhou-sip"

[[sources]]
id = "city-paper"
name = "苏州日报"
url = "file:in/b.rss"
region = "suzhou"

[[sources]]
id = "nt-news"
name = "南通发布"
url = "file:in/c.rss"
region = "nantong"

{alerts}"#
        );
        std::fs::write(dir.path().join("config.toml"), config).expect("config");
        let site = Site { dir };
        for f in ["a", "b", "c"] {
            site.feed(f, &[]);
        }
        site
    }

    /// `n` items, distinct in text (each a story of its own): guid, title and text made by
    /// `make` from the item's number.
    fn feed_numbered(
        &self,
        name: &str,
        n: usize,
        make: impl Fn(usize) -> (String, String, String),
    ) {
        let items: Vec<(String, String, String)> = (0..n).map(make).collect();
        let refs: Vec<(&str, &str, &str)> = items
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        self.feed(name, &refs);
    }

    fn feed(&self, name: &str, items: &[(&str, &str, &str)]) {
        std::fs::write(self.dir.path().join(format!("in/{name}.rss")), rss(items)).expect("feed");
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_zonefeed"))
            .current_dir(self.dir.path())
            .args(args)
            .env("NO_COLOR", "1")
            .env("ZF_TEST_DT_SECRET", DT_SECRET)
            .env("ZF_TEST_FS_SECRET", FS_SECRET)
            .env("ZF_TEST_NTFY_TOKEN", NTFY_TOKEN)
            .env("ZF_TEST_HOOK_SECRET", HOOK_SECRET)
            .output()
            .expect("run zonefeed")
    }

    fn poll(&self) -> String {
        let out = self.run(&["poll"]);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.code() == Some(0),
            "poll failed: {text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    }

    fn alerts_json(&self) -> Vec<Value> {
        let out = self.run(&["alerts", "--json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

/// One alert of each platform, all for the zone 苏州工业园区.
fn every_platform(r: &Receiver, extra: &str) -> String {
    let b = r.base();
    format!(
        r#"
[[alerts]]
id = "wecom"
channel = "wecom"
url = "{b}/wecom/cgi-bin/webhook/send?key={WECOM_KEY}"
zones = ["suzhou-sip"]
{extra}
[[alerts]]
id = "dingtalk"
channel = "dingtalk"
url = "{b}/dingtalk/robot/send?access_token={DT_TOKEN}"
secret_env = "ZF_TEST_DT_SECRET"
zones = ["suzhou-sip"]
{extra}
[[alerts]]
id = "feishu"
channel = "feishu"
url = "{b}/feishu/open-apis/bot/v2/hook/{FS_TOKEN}"
secret_env = "ZF_TEST_FS_SECRET"
zones = ["suzhou-sip"]
{extra}
[[alerts]]
id = "ntfy"
channel = "ntfy"
url = "{b}/ntfy/zf-sip"
token_env = "ZF_TEST_NTFY_TOKEN"
zones = ["suzhou-sip"]
{extra}
[[alerts]]
id = "webhook"
channel = "webhook"
url = "{b}/webhook/sip"
secret_env = "ZF_TEST_HOOK_SECRET"
zones = ["suzhou-sip"]
{extra}"#
    )
}

const SIGNING: (&str, &str, &str) = (
    "s1",
    "园区与某生物医药企业签约 总投资20亿元",
    "10月10日，苏州工业园区与某生物医药企业举行签约仪式，项目总投资20亿元，将建设研发中心和生产基地。园区管委会负责人出席仪式并致辞。",
);

/// All the text a platform's messages carry, for "is this story in it".
fn texts(msgs: &[Value]) -> String {
    msgs.iter()
        .map(|m| m["body"].to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_platform_gets_one_signed_message_per_new_story_and_none_for_its_reposts() {
    let r = Receiver::start();
    let site = Site::new(&every_platform(&r, ""));
    // The first poll starts the alerts at the newest item: history is not sent.
    site.feed("a", &[("old", "园区旧闻", "早先的新闻，不应推送。")]);
    site.poll();
    assert!(r.get("/_messages").is_empty(), "history was sent");

    // A signing in the zone, and news from elsewhere that no alert wants.
    site.feed(
        "a",
        &[SIGNING, ("old", "园区旧闻", "早先的新闻，不应推送。")],
    );
    site.feed("c", &[("n1", "南通高新区新开工项目", "南通的新闻。")]);
    let out = site.poll();
    for p in ["wecom", "dingtalk", "feishu", "ntfy", "webhook"] {
        let m = r.messages(p);
        assert_eq!(m.len(), 1, "{p}: {m:?}\n{out}");
        let t = texts(&m);
        assert!(t.contains("总投资20亿元"), "{p}: {t}");
        assert!(
            !t.contains("南通高新区新开工项目") && !t.contains("园区旧闻"),
            "{p}: {t}"
        );
    }
    assert!(r.rejected().is_empty(), "rejected: {:?}", r.rejected());
    // Each platform's shape, as its documentation gives it.
    let wecom = &r.messages("wecom")[0]["body"];
    assert_eq!(wecom["msgtype"], "markdown");
    let content = wecom["markdown"]["content"].as_str().unwrap_or_default();
    assert!(
        content.contains("苏州工业园区") && content.contains("园区新闻网"),
        "{content}"
    );
    assert!(content.contains("http://example.cn/s1.html"), "{content}");
    let feishu = &r.messages("feishu")[0]["body"];
    assert_eq!(feishu["msg_type"], "interactive");
    assert!(feishu["card"]["elements"].is_array());
    let ntfy = &r.messages("ntfy")[0]["body"];
    assert_eq!(
        (ntfy["topic"].as_str(), ntfy["click"].as_str()),
        (Some("zf-sip"), Some("http://example.cn/s1.html"))
    );
    let hook = &r.messages("webhook")[0];
    let story = &hook["body"]["stories"][0];
    assert_eq!(story["zone"], "suzhou-sip");
    assert_eq!(story["zone_name"], "苏州工业园区");
    assert_eq!(story["source_name"], "园区新闻网");
    assert!(
        hook["headers"]["x-zonefeed-delivery"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );

    // The city paper reposts it (same headline, same text): one story, no new message.
    site.feed("b", &[("p1", SIGNING.1, SIGNING.2)]);
    site.poll();
    for p in ["wecom", "dingtalk", "feishu", "ntfy", "webhook"] {
        assert_eq!(r.messages(p).len(), 1, "{p} was told about the repost");
    }
    let rows = site.alerts_json();
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert_eq!(
            (row["sent"].as_u64(), row["stories_sent"].as_u64()),
            (Some(1), Some(1)),
            "{row}"
        );
        assert_eq!(row["backlog_stories"], 0, "{row}");
    }
    let all = rows.iter().map(Value::to_string).collect::<String>();
    for secret in [
        WECOM_KEY,
        DT_TOKEN,
        DT_SECRET,
        FS_TOKEN,
        FS_SECRET,
        NTFY_TOKEN,
        HOOK_SECRET,
    ] {
        assert!(!all.contains(secret), "{secret} in alerts --json: {all}");
    }
}

#[test]
fn a_burst_beyond_the_rate_limit_goes_as_lists_within_the_size_limit_and_nothing_is_dropped() {
    let r = Receiver::start();
    let b = r.base();
    let site = Site::new(&format!(
        r#"
[[alerts]]
id = "wecom"
channel = "wecom"
url = "{b}/wecom/cgi-bin/webhook/send?key={WECOM_KEY}"
"#
    ));
    site.poll();
    site.feed_numbered("a", 60, |i| {
        (
            format!("b{i}"),
            format!("园区第{i}号重点项目集中签约暨开工活动举行 总投资{i}亿元 涉及智能制造与生物医药等多个领域"),
            format!("第{i}条：园区举行重点项目活动，编号{i}，内容各不相同以免被当作同一则新闻。{}", "详".repeat(i)),
        )
    });
    site.poll();
    let msgs = r.messages("wecom");
    assert!(r.rejected().is_empty(), "rejected: {:?}", r.rejected());
    assert!(msgs.len() <= 20, "{} messages in a minute", msgs.len());
    assert!(
        msgs.len() >= 2,
        "60 headlines cannot fit one 4,096-byte message"
    );
    let t = texts(&msgs);
    for i in 0..60 {
        assert!(
            t.contains(&format!("园区第{i}号重点项目")),
            "story {i} dropped"
        );
    }
    for m in &msgs {
        let c = m["body"]["markdown"]["content"]
            .as_str()
            .unwrap_or_default();
        assert!(c.len() <= 4096, "{} bytes", c.len());
    }
}

#[test]
fn rate_limit_answers_errors_and_a_dead_receiver_are_retried_until_delivered_once() {
    let mut r = Receiver::start();
    let site = Site::new(&every_platform(&r, "max_per_minute = 60"));
    site.poll();
    for p in ["wecom", "feishu"] {
        r.fail_next(p, 2, "ratelimit");
    }
    r.fail_next("dingtalk", 2, "5xx");
    r.fail_next("ntfy", 1, "ratelimit");
    r.fail_next("webhook", 2, "5xx");
    site.feed("a", &[SIGNING]);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut polls = 0;
    while ["wecom", "dingtalk", "feishu", "ntfy", "webhook"]
        .iter()
        .any(|p| r.messages(p).is_empty())
    {
        assert!(
            Instant::now() < deadline,
            "not delivered: {:?}",
            site.alerts_json()
        );
        site.poll();
        polls += 1;
        std::thread::sleep(Duration::from_millis(700));
    }
    assert!(
        polls >= 2,
        "forced failures cannot all pass on the first poll"
    );
    for p in ["wecom", "dingtalk", "feishu", "ntfy", "webhook"] {
        assert_eq!(r.messages(p).len(), 1, "{p}");
    }
    let rows = site.alerts_json();
    let failed: u64 = rows.iter().filter_map(|a| a["failed"].as_u64()).sum();
    assert_eq!(failed, 2 + 2 + 2 + 1 + 2, "{rows:?}");
    assert!(polls >= 3, "{polls}");
    assert!(
        rows.iter()
            .all(|a| a["failures"] == 0 && a["last_error"].is_null()),
        "{rows:?}"
    );

    // The receiver dies; a story arrives; it comes back: delivered then, once.
    r.stop();
    site.feed(
        "a",
        &[
            SIGNING,
            (
                "s2",
                "园区新一批项目集中开工",
                "园区今日集中开工一批项目，总投资50亿元。",
            ),
        ],
    );
    site.poll();
    let down = site.alerts_json();
    assert!(
        down.iter()
            .all(|a| a["failures"].as_u64() >= Some(1) && a["last_error"].is_string()),
        "{down:?}"
    );
    for a in &down {
        let e = a["last_error"].to_string();
        assert!(
            !e.contains(WECOM_KEY) && !e.contains(DT_TOKEN) && !e.contains(FS_TOKEN),
            "{e}"
        );
    }
    r.launch();
    let deadline = Instant::now() + Duration::from_secs(60);
    while ["wecom", "dingtalk", "feishu", "ntfy", "webhook"]
        .iter()
        .any(|p| !texts(&r.messages(p)).contains("集中开工"))
    {
        assert!(
            Instant::now() < deadline,
            "not delivered after the outage: {:?}",
            site.alerts_json()
        );
        std::thread::sleep(Duration::from_millis(700));
        site.poll();
    }
    for p in ["wecom", "dingtalk", "feishu", "ntfy", "webhook"] {
        assert_eq!(r.messages(p).len(), 1, "{p}: once after the outage");
    }
}

/// 钉钉 blocks a robot for 10 minutes after its limit: an alert told so waits that long.
#[test]
fn dingtalks_limit_answer_holds_the_alert_back_ten_minutes() {
    let r = Receiver::start();
    let b = r.base();
    let site = Site::new(&format!(
        r#"
[[alerts]]
id = "dt"
channel = "dingtalk"
url = "{b}/dingtalk/robot/send?access_token={DT_TOKEN}"
secret_env = "ZF_TEST_DT_SECRET"
"#
    ));
    site.poll();
    r.fail_next("dingtalk", 1, "ratelimit");
    site.feed("a", &[SIGNING]);
    let before = chrono::Utc::now();
    let out = site.poll();
    assert!(out.contains("alert dt: 0 messages sent"), "{out}");
    let row = &site.alerts_json()[0];
    let next: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(row["next_attempt"].clone()).expect("a next attempt");
    assert!(next - before >= chrono::Duration::seconds(595), "{row}");
    assert_eq!(row["backlog_stories"], 1, "kept, not dropped: {row}");
    assert!(r.messages("dingtalk").is_empty());
}

#[test]
fn stories_older_than_max_age_after_an_outage_arrive_as_one_summary() {
    let mut r = Receiver::start();
    let b = r.base();
    let site = Site::new(&format!(
        r#"
[[alerts]]
id = "hook"
channel = "webhook"
url = "{b}/webhook/sip"
secret_env = "ZF_TEST_HOOK_SECRET"
max_age = "2s"
"#
    ));
    site.poll();
    r.stop();
    site.feed_numbered("a", 8, |i| {
        (
            format!("o{i}"),
            format!("中断期间的第{i}条动态标题"),
            format!("第{i}条正文，各不相同：{}", "文".repeat(i * 3)),
        )
    });
    site.poll();
    std::thread::sleep(Duration::from_secs(3));
    r.launch();
    let deadline = Instant::now() + Duration::from_secs(60);
    while r.messages("webhook").is_empty() {
        assert!(Instant::now() < deadline, "{:?}", site.alerts_json());
        site.poll();
        std::thread::sleep(Duration::from_millis(700));
    }
    let msgs = r.messages("webhook");
    assert_eq!(msgs.len(), 1, "one summary, not a flood: {msgs:?}");
    let body = &msgs[0]["body"];
    assert_eq!(body["kind"], "summary");
    assert_eq!(body["stories"].as_array().map(Vec::len), Some(8));
}

#[test]
fn a_kill_during_a_burst_loses_no_story_and_resends_at_most_what_was_in_flight() {
    let r = Receiver::start();
    let b = r.base();
    let site = Site::new(&format!(
        r#"
[[alerts]]
id = "hook"
channel = "webhook"
url = "{b}/webhook/sip"
secret_env = "ZF_TEST_HOOK_SECRET"
max_per_minute = 600
"#
    ));
    site.poll();
    site.feed_numbered("a", 40, |i| {
        (
            format!("k{i}"),
            format!("第{i}号项目签约落户园区"),
            format!("编号{i}的项目，正文各不相同。{}", "项".repeat(i)),
        )
    });
    // Kill the poll mid-burst a few times (600 a minute is one message per 0.1 s).
    let mut kills = 0;
    for wait_ms in [700, 900, 1200] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zonefeed"))
            .current_dir(site.path())
            .arg("poll")
            .env("ZF_TEST_HOOK_SECRET", HOOK_SECRET)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("poll");
        std::thread::sleep(Duration::from_millis(wait_ms));
        if child.try_wait().ok().flatten().is_none() {
            let _ = child.kill(); // SIGKILL
            kills += 1;
        }
        let _ = child.wait();
    }
    // Then let it finish.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        site.poll();
        let t = texts(&r.messages("webhook"));
        if (0..40).all(|i| t.contains(&format!("第{i}号项目签约"))) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "stories lost: {:?}",
            site.alerts_json()
        );
    }
    let msgs = r.messages("webhook");
    let mut per_story = std::collections::HashMap::new();
    let mut deliveries = std::collections::HashMap::new();
    for m in &msgs {
        *deliveries
            .entry(m["body"]["delivery"].to_string())
            .or_insert(0) += 1;
        for s in m["body"]["stories"].as_array().into_iter().flatten() {
            *per_story.entry(s["id"].to_string()).or_insert(0) += 1;
        }
    }
    assert_eq!(per_story.len(), 40);
    let resent: usize = per_story.values().map(|n: &usize| n - 1).sum();
    // One message in flight per kill at most; a re-send carries the same delivery id.
    assert!(
        resent <= kills,
        "{resent} re-sent stories for {kills} kills"
    );
    let dup_deliveries: usize = deliveries.values().map(|n: &usize| n - 1).sum();
    assert_eq!(dup_deliveries, resent, "a re-send keeps its delivery id");
    eprintln!(
        "kills: {kills}, messages: {}, re-sent stories: {resent}",
        msgs.len()
    );
}

#[test]
fn alerts_test_reaches_each_platform_and_names_no_secret_when_it_cannot() {
    let mut r = Receiver::start();
    let site = Site::new(&every_platform(&r, ""));
    for p in ["wecom", "dingtalk", "feishu", "ntfy", "webhook"] {
        let out = site.run(&["alerts", "test", p]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{p}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for p in ["wecom", "dingtalk", "feishu", "ntfy", "webhook"] {
        assert_eq!(r.messages(p).len(), 1, "{p}");
    }
    assert!(r.rejected().is_empty(), "{:?}", r.rejected());
    r.stop();
    let out = site.run(&["alerts", "test", "dingtalk"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("dingtalk 127.0.0.1"), "{err}");
    assert!(!err.contains(DT_TOKEN) && !err.contains(DT_SECRET), "{err}");
    let out = common::zonefeed(&site.path(), &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "secrets not in the environment: {err}"
    );
    assert!(
        err.contains("secret_env: the environment variable ZF_TEST_DT_SECRET is not set"),
        "{err}"
    );
}

/// The daemon: a story stored by a scheduled poll reaches the channel within that poll's
/// cycle; `/metrics` counts it and `/status.json` shows the alert without its secret.
#[test]
fn the_daemon_pushes_a_new_story_within_a_poll_cycle() {
    let r = Receiver::start();
    let b = r.base();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let site = Site::with(
        &format!(
            r#"
[[alerts]]
id = "hook"
channel = "webhook"
url = "{b}/webhook/sip"
secret_env = "ZF_TEST_HOOK_SECRET"
zones = ["suzhou-sip"]
"#
        ),
        &format!("listen = \"127.0.0.1:{port}\""),
        "interval = \"2s\"\nmin_interval = \"1s\"",
    );
    site.poll();
    let log = std::fs::File::create(site.path().join("daemon.log")).expect("log");
    let mut daemon = Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(site.path())
        .arg("run")
        .env("ZF_TEST_HOOK_SECRET", HOOK_SECRET)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("zonefeed run");
    std::thread::sleep(Duration::from_secs(1));
    site.feed("a", &[SIGNING]);
    let written = Instant::now();
    let deadline = written + Duration::from_secs(30);
    while r.messages("webhook").is_empty() {
        assert!(
            Instant::now() < deadline,
            "no alert; log:\n{}",
            std::fs::read_to_string(site.path().join("daemon.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let took = written.elapsed();
    // The source polls every 2 s (with jitter); the alert follows that poll's publish.
    assert!(took < Duration::from_secs(10), "{took:?}");
    let get = |path: &str| {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        out
    };
    let metrics = get("/metrics");
    assert!(
        metrics.contains("zonefeed_alert_messages_total{alert=\"hook\",outcome=\"sent\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("zonefeed_alert_backlog_stories{alert=\"hook\"} 0"),
        "{metrics}"
    );
    let status = get("/status.json");
    assert!(
        status.contains("\"alerts\"") && status.contains("\"stories_sent\":1"),
        "{status}"
    );
    assert!(
        !status.contains(HOOK_SECRET) && !status.contains("/webhook/sip"),
        "{status}"
    );
    // `zonefeed alerts` asks the daemon, which holds the store.
    let rows = site.alerts_json();
    assert_eq!(rows[0]["sent"], 1, "{rows:?}");
    let _ = daemon.kill();
    let _ = daemon.wait();
    eprintln!("alert {:.1} s after the feed changed", took.as_secs_f64());
}

//! Digests over real SMTP (aiosmtpd on 127.0.0.1): filters and grouping, both parts, the
//! headers mailbox providers expect (checked by Python's email package), CRLF, no second
//! delivery, SMTP down and back, a crash after recording the pending digest, unsubscribe
//! links valid and forged.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use common::{Install, SmtpSink, mailcheck};
use zonefeed::cli;
use zonefeed::config::Config;
use zonefeed::digest::{self, DigestOutcome};
use zonefeed::mail::Mailer;
use zonefeed::model::{IdKind, Item};
use zonefeed::store::Store;

fn config_text(smtp_port: u16) -> String {
    format!(
        r#"[service]
base_url = "https://feeds.example.cn/zf/"
[mail]
transport = "smtp"
host = "127.0.0.1"
port = {smtp_port}
tls = "none"
timeout = "5s"
from = "投促中国 开发区新闻 <digest@investchn.example.cn>"

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
id = "ningbo"
name = "宁波市"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"

[[subscriptions]]
id = "alice"
email = "alice@example.com"
name = "Alice"
regions = ["nantong"]
keywords = ["签约"]
exclude = ["招聘"]
schedule = "0 0 8 * * *"

[[subscriptions]]
id = "bob"
email = "bob@example.com"
zones = ["suzhou-sip"]
schedule = "0 0 8 * * Mon"

[[subscriptions]]
id = "carol"
email = "carol@example.com"
name = "陈女士"
regions = ["jiangsu"]
exclude = ["签约"]
schedule = "0 30 17 * * Mon-Fri"
"#
    )
}

fn item(id: &str, title: &str, region: &str, zone: Option<&str>, day: u32) -> Item {
    let t = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T10:00:00+08:00"))
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default();
    Item {
        id: id.into(),
        id_kind: IdKind::Guid,
        source: "src".into(),
        title: title.into(),
        link: Some(format!("http://news.example.cn/{id}.html")),
        published: t,
        date_estimated: false,
        updated: None,
        summary: Some(format!("<p>{title}的详细报道。</p>")),
        content: None,
        author: Some("南通日报".into()),
        categories: vec![],
        region: region.into(),
        zone: zone.map(String::from),
        first_seen: t,
        seq: 0,
        article_pending: false,
        placed_by: Default::default(),
    }
}

fn seed(store: &Store) {
    let items = vec![
        item(
            "n1",
            "南通高新区三个项目集中签约",
            "nantong",
            Some("nantong-hitech"),
            25,
        ),
        item(
            "n2",
            "南通高新区招聘会 签约企业现场招聘",
            "nantong",
            Some("nantong-hitech"),
            24,
        ),
        item(
            "s1",
            "苏州工业园区外资项目落地",
            "suzhou",
            Some("suzhou-sip"),
            23,
        ),
        item("w1", "无锡高新区出台生物医药新政", "wuxi", None, 22),
        item("b1", "宁波开发区项目签约", "ningbo", None, 21),
    ];
    store.upsert(&items, Utc::now()).expect("seed");
}

struct Rig {
    _install: Install,
    config: Arc<Config>,
    sink: SmtpSink,
    _mail_dir: tempfile::TempDir,
}

fn rig() -> Rig {
    let mail_dir = tempfile::tempdir().expect("tempdir");
    let sink = SmtpSink::start(mail_dir.path());
    let install = Install::new(&config_text(sink.port));
    copy_templates(install.dir.path());
    let config = Arc::new(install.config());
    {
        let store = Store::open(&config.service.data_dir).expect("store");
        seed(&store);
    }
    Rig {
        _install: install,
        config,
        sink,
        _mail_dir: mail_dir,
    }
}

fn copy_templates(dir: &std::path::Path) {
    let t = dir.join("templates");
    std::fs::create_dir_all(&t).expect("mkdir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for f in ["digest.subject.txt", "digest.txt", "digest.html"] {
        std::fs::copy(root.join(f), t.join(f)).expect("copy template");
    }
}

fn text_of(m: &serde_json::Value) -> String {
    m["text"].as_str().unwrap_or_default().to_string()
}

fn by_recipient<'a>(mails: &'a [serde_json::Value], addr: &str) -> &'a serde_json::Value {
    mails
        .iter()
        .find(|m| m["headers"]["To"].as_str().unwrap_or("").contains(addr))
        .unwrap_or_else(|| panic!("no mail to {addr}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_subscriptions_delivered_once_with_proper_headers() {
    let r = rig();
    let out = cli::digest_send(&r.config, &[], true).await.expect("send");
    assert_eq!(out.len(), 3);
    assert!(
        out.iter()
            .all(|(_, o)| matches!(o, DigestOutcome::Sent { .. })),
        "{out:?}"
    );
    let files = r.sink.messages();
    assert_eq!(files.len(), 3);
    let mails = mailcheck(&files);
    for m in &mails {
        assert_eq!(
            m["defects"].as_array().map(Vec::len),
            Some(0),
            "defects: {m}"
        );
        assert_eq!(m["crlf_only"], true, "CRLF line endings");
        assert_eq!(
            m["parts"],
            serde_json::json!(["multipart/alternative", "text/plain", "text/html"]),
            "text then HTML"
        );
        // aiosmtpd announces 8BITMIME: UTF-8 text goes as it is (RFC 6152), in lines the
        // limit of RFC 5322 allows.
        assert_eq!(
            m["encodings"],
            serde_json::json!(["8bit", "8bit"]),
            "8-bit parts: {m}"
        );
        assert!(
            m["max_line_octets"].as_u64().unwrap_or(u64::MAX) <= 998,
            "{m}"
        );
        let h = &m["headers"];
        for name in [
            "Message-ID",
            "Date",
            "From",
            "To",
            "Subject",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "MIME-Version",
        ] {
            assert!(h[name].is_string(), "missing {name}: {h}");
        }
        assert!(
            h["Subject"]
                .as_str()
                .unwrap_or("")
                .starts_with("开发区新闻摘要"),
            "UTF-8 subject decoded: {h}"
        );
        assert_eq!(h["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
        let lu = h["List-Unsubscribe"].as_str().unwrap_or("");
        assert!(
            lu.contains("<https://feeds.example.cn/zf/unsubscribe?s=")
                && lu.contains("<mailto:digest@investchn.example.cn"),
            "{lu}"
        );
        assert!(h["From"].as_str().unwrap_or("").contains("投促中国"));
        let html = m["html"].as_str().unwrap_or("");
        assert!(html.contains("max-width: 100%") && html.contains("viewport"));
    }
    // Filters: region with descendants, zone, keywords, exclusions; grouped by place.
    let alice = text_of(by_recipient(&mails, "alice@example.com"));
    assert!(alice.contains("南通高新区三个项目集中签约"));
    assert!(
        !alice.contains("招聘") && !alice.contains("苏州") && !alice.contains("宁波"),
        "{alice}"
    );
    assert!(
        alice.contains("【江苏省 > 南通市 · 南通高新技术产业开发区】"),
        "{alice}"
    );
    assert!(
        alice.contains("2026-11-25 10:00 · src · 南通日报"),
        "local time and source: {alice}"
    );
    let bob = text_of(by_recipient(&mails, "bob@example.com"));
    assert!(
        bob.contains("苏州工业园区外资项目落地") && !bob.contains("无锡"),
        "{bob}"
    );
    let carol = text_of(by_recipient(&mails, "carol@example.com"));
    assert!(
        carol.contains("苏州工业园区外资项目落地") && carol.contains("无锡高新区出台生物医药新政")
    );
    assert!(
        !carol.contains("签约") && !carol.contains("宁波"),
        "{carol}"
    );
    assert!(carol.contains("共 2 条"));

    // A second run delivers nothing new.
    let again = cli::digest_send(&r.config, &[], true)
        .await
        .expect("send again");
    assert!(
        again
            .iter()
            .all(|(_, o)| matches!(o, DigestOutcome::Nothing { .. })),
        "{again:?}"
    );
    assert_eq!(r.sink.messages().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_down_loses_nothing_and_delivers_once_when_back() {
    let mut r = rig();
    cli::digest_send(&r.config, &[], true).await.expect("first");
    assert_eq!(r.sink.messages().len(), 3);

    r.sink.stop();
    {
        let store = Store::open(&r.config.service.data_dir).expect("store");
        store
            .upsert(
                &[item(
                    "n3",
                    "南通高新区新能源项目签约",
                    "nantong",
                    Some("nantong-hitech"),
                    26,
                )],
                Utc::now(),
            )
            .expect("new item");
    }
    let down = cli::digest_send(&r.config, &[], true)
        .await
        .expect("run while down");
    let alice = down
        .iter()
        .find(|(id, _)| id == "alice")
        .map(|(_, o)| o.clone());
    let pending_id = match alice {
        Some(DigestOutcome::Failed {
            error, failures, ..
        }) => {
            assert!(error.contains("SMTP 127.0.0.1"), "{error}");
            assert_eq!(failures, 1);
            let store = Store::open(&r.config.service.data_dir).expect("store");
            let st = store.digest_state("alice").expect("state");
            st.pending.expect("kept as pending").message_id
        }
        other => panic!("{other:?}"),
    };
    // Not due again before its retry time…
    let early = cli::digest_send(&r.config, &[], false)
        .await
        .expect("early");
    assert!(early.iter().all(|(id, _)| id != "alice"), "{early:?}");

    r.sink.restart();
    let back = cli::digest_send(&r.config, &["alice".into()], false)
        .await
        .expect("back");
    match &back[0].1 {
        DigestOutcome::Sent {
            message_id,
            items,
            resent,
        } => {
            assert_eq!(message_id, &pending_id, "same Message-ID");
            assert_eq!(*items, 1);
            assert!(*resent);
        }
        other => panic!("{other:?}"),
    }
    let files = r.sink.messages();
    assert_eq!(files.len(), 4);
    let last = mailcheck(&files[3..]);
    assert_eq!(last[0]["headers"]["Message-ID"], format!("<{pending_id}>"));
    assert!(text_of(&last[0]).contains("南通高新区新能源项目签约"));
    let after = cli::digest_send(&r.config, &[], true).await.expect("after");
    assert!(
        after
            .iter()
            .all(|(_, o)| matches!(o, DigestOutcome::Nothing { .. }))
    );
    assert_eq!(r.sink.messages().len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_after_recording_the_pending_digest_resends_the_same_message_once() {
    let r = rig();
    let sub = r.config.subscription("carol").expect("carol").clone();
    let pending = {
        let store = Store::open(&r.config.service.data_dir).expect("store");
        digest::prepare(&r.config, &store, &sub, Utc::now())
            .await
            .expect("prepare")
            .expect("something to send")
        // The process "dies" here: recorded, never sent.
    };
    assert!(r.sink.messages().is_empty());
    let store = Store::open(&r.config.service.data_dir).expect("restart");
    let mailer = Mailer::new(&r.config.mail).expect("mailer");
    match digest::send_digest(&r.config, &store, &mailer, &sub, Utc::now())
        .await
        .expect("run")
    {
        DigestOutcome::Sent {
            message_id, resent, ..
        } => {
            assert_eq!(message_id, pending.message_id);
            assert!(resent);
        }
        other => panic!("{other:?}"),
    }
    let again = digest::send_digest(&r.config, &store, &mailer, &sub, Utc::now())
        .await
        .expect("again");
    assert!(matches!(again, DigestOutcome::Nothing { .. }), "{again:?}");
    let mails = mailcheck(&r.sink.messages());
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0]["headers"]["Message-ID"],
        format!("<{}>", pending.message_id)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsubscribe_links_valid_and_forged() {
    let r = rig();
    let store = Store::open(&r.config.service.data_dir).expect("store");
    let state = Arc::new(zonefeed::serve::ServeState::new(
        r.config.clone(),
        store.clone(),
        Arc::default(),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let stop = tokio_util::sync::CancellationToken::new();
    let server = tokio::spawn(zonefeed::serve::run(listener, state, stop.clone()));

    let key = store.hmac_key().expect("key");
    let token = digest::unsubscribe_token(&key, "alice", "alice@example.com");
    let mut forged = token.clone();
    forged.replace_range(10..12, if &token[10..12] == "00" { "11" } else { "00" });
    let client = reqwest::Client::new();
    let url = |t: &str| format!("http://{addr}/unsubscribe?s=alice&t={t}");

    let page = client.get(url(&token)).send().await.expect("get");
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap_or_default();
    assert!(body.contains("确认退订") && body.contains("alice@example.com"));
    assert!(
        store
            .unsubscribed_at("alice", "alice@example.com")
            .expect("read")
            .is_none(),
        "GET alone does not unsubscribe"
    );

    for t in [forged.as_str(), "0", ""] {
        let resp = client
            .post(url(t))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .expect("post");
        assert_eq!(resp.status(), 403, "token {t:?}");
    }
    let bob_token_for_alice = digest::unsubscribe_token(&key, "bob", "bob@example.com");
    assert_eq!(
        client
            .post(url(&bob_token_for_alice))
            .send()
            .await
            .expect("post")
            .status(),
        403
    );
    assert!(
        store
            .unsubscribed_at("alice", "alice@example.com")
            .expect("read")
            .is_none()
    );

    // RFC 8058 one-click.
    let resp = client
        .post(url(&token))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), 200);
    stop.cancel();
    let _ = server.await;
    drop(store);

    // Survives a restart; nothing is sent to an unsubscribed address.
    let out = cli::digest_send(&r.config, &[], true).await.expect("send");
    let alice = out
        .iter()
        .find(|(id, _)| id == "alice")
        .map(|(_, o)| o.clone());
    assert_eq!(alice, Some(DigestOutcome::Unsubscribed));
    assert_eq!(r.sink.messages().len(), 2);
    assert!(
        mailcheck(&r.sink.messages())
            .iter()
            .all(|m| !m["headers"]["To"].as_str().unwrap_or("").contains("alice"))
    );

    // The admin can undo it.
    assert!(cli::digest_resubscribe(&r.config, "alice").expect("resubscribe"));
    let out = cli::digest_send(&r.config, &["alice".into()], true)
        .await
        .expect("send");
    assert!(matches!(out[0].1, DigestOutcome::Sent { .. }), "{out:?}");
}

#[test]
fn check_reports_template_errors_with_file_and_line() {
    let install = Install::new(&config_text(2525));
    let t = install.dir.path().join("templates");
    std::fs::create_dir_all(&t).expect("mkdir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for f in ["digest.subject.txt", "digest.txt"] {
        std::fs::copy(root.join(f), t.join(f)).expect("copy");
    }
    std::fs::write(
        t.join("digest.html"),
        "<html>\n<body>\n{% for g in groups %}\n{{ g.heading }\n</body>",
    )
    .expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(install.dir.path())
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("templates/digest.html:4:"), "{err}");
    assert!(err.contains("syntax error"), "{err}");
}

/// Standard base64 (RFC 4648), to look for a secret the way SMTP AUTH puts it on the wire.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The SMTP password reaches the server and nothing else: not the log at trace level (lettre
/// writes every SMTP command to its debug log, AUTH included, so its logging is compiled
/// out), not the error when the server refuses it.
#[test]
fn the_smtp_password_never_reaches_logs_or_errors() {
    const USER: &str = "digest-bot";
    const PASSWORD: &str = "s3cret-Pa55word-1f9c";
    const WRONG: &str = "wrong-Pa55word-77aa";
    let mail_dir = tempfile::tempdir().expect("tempdir");
    let sink = SmtpSink::start_with_auth(mail_dir.path(), USER, PASSWORD);
    let config = config_text(sink.port).replace(
        "timeout = \"5s\"\n",
        &format!(
            "timeout = \"5s\"\nusername = \"{USER}\"\npassword_env = \"ZF_TEST_SMTP_PASSWORD\"\n"
        ),
    );
    let install = Install::new(&config);
    copy_templates(install.dir.path());
    {
        let c = install.config();
        let store = Store::open(&c.service.data_dir).expect("store");
        seed(&store);
    }
    let send = |password: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"))
            .arg("--config")
            .arg(install.config_path())
            .args(["digest", "send", "--now"])
            .env("RUST_LOG", "trace")
            .env("NO_COLOR", "1")
            .env("ZF_TEST_SMTP_PASSWORD", password)
            .output()
            .expect("run zonefeed");
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };

    let (ok, refused) = send(WRONG);
    assert!(!ok, "a refused login must fail the run:\n{refused}");
    assert!(
        refused.contains("535") || refused.to_lowercase().contains("auth"),
        "the refusal is reported:\n{refused}"
    );
    assert!(sink.messages().is_empty());

    let (ok, delivered) = send(PASSWORD);
    assert!(ok, "{delivered}");
    assert_eq!(sink.messages().len(), 3, "{delivered}");
    assert!(
        delivered.contains("INFO zonefeed::digest: digest sent"),
        "logging was on:\n{delivered}"
    );

    for (what, output) in [("refused run", &refused), ("delivered run", &delivered)] {
        for secret in [PASSWORD, WRONG] {
            let encoded = [
                secret.to_string(),
                base64(secret.as_bytes()),
                base64(format!("\0{USER}\0{secret}").as_bytes()),
                base64(format!("{USER}\0{USER}\0{secret}").as_bytes()),
            ];
            for e in encoded {
                assert!(
                    !output.contains(&e),
                    "{what}: the password ({e}) appears in the output:\n{output}"
                );
            }
        }
    }
}

/// SIGKILL in the middle of a batch: each acceptance is recorded as it arrives, so the run
/// after the kill re-sends only what was in flight (at most the 8 concurrent sends), not
/// every digest accepted since the batch began.
#[test]
fn a_kill_mid_batch_resends_only_the_sends_in_flight() {
    let mail_dir = tempfile::tempdir().expect("tempdir");
    let sink = SmtpSink::start_slow(mail_dir.path(), 40);
    let mut text = config_text(sink.port);
    for n in 0..40 {
        text.push_str(&format!(
            "\n[[subscriptions]]\nid = \"reader-{n}\"\nemail = \"reader{n}@example.com\"\nregions = [\"jiangsu\"]\nschedule = \"0 0 8 * * *\"\n"
        ));
    }
    let install = Install::new(&text);
    copy_templates(install.dir.path());
    {
        let config = install.config();
        let store = Store::open(&config.service.data_dir).expect("store");
        seed(&store);
    }
    let send = || {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"));
        c.arg("--config")
            .arg(install.config_path())
            .args(["digest", "send", "--now"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    let mut child = send().spawn().expect("start digest send");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while sink.messages().len() < 20 {
        assert!(std::time::Instant::now() < deadline, "sends did not start");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let before = sink.messages().len();
    assert!(before < 43, "the kill came mid-batch ({before} messages)");
    let status = send().status().expect("run again");
    assert!(status.success());

    let mails = mailcheck(&sink.messages());
    let mut ids: Vec<String> = mails
        .iter()
        .map(|m| {
            m["headers"]["Message-ID"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 43, "every subscription got its digest");
    let resent = total - ids.len();
    assert!(
        resent <= 8,
        "{resent} digests re-sent after one kill: more than the 8 in flight"
    );
}

/// Two topics and a subscription naming them: "bio" (a query with OR and an exclusion)
/// and "foreign" (a query limited by the topic's own zone).
const TOPICS: &str = r#"
[[topics]]
id = "bio"
name = "生物医药与签约"
query = "生物医药 OR 签约 -宁波"
[[topics]]
id = "foreign"
name = "南通外资"
query = "外资"
zones = ["nantong-hitech"]

[[subscriptions]]
id = "dave"
email = "dave@example.com"
regions = ["jiangsu", "ningbo"]
topics = ["bio", "foreign"]
exclude = ["招聘"]
schedule = "0 0 8 * * *"
"#;

/// A subscription with `topics` gets an item only when it is in the subscription's places
/// AND matches one named topic (that topic's query and its own zones), keywords and
/// exclusions still applying: the same items in a batch (terms shared through `Recent`)
/// and in a run of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscription_with_topics_gets_only_their_items() {
    let mail_dir = tempfile::tempdir().expect("tempdir");
    let sink = SmtpSink::start(mail_dir.path());
    let install = Install::new(&format!("{}{TOPICS}", config_text(sink.port)));
    copy_templates(install.dir.path());
    let config = std::sync::Arc::new(install.config());
    {
        let store = Store::open(&config.service.data_dir).expect("store");
        seed(&store);
        let sub = config.subscription("dave").expect("dave");
        let (items, _, _) = digest::select(&config, &store, sub, 0).expect("select");
        let mut ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        ids.sort();
        // n1 签约 (bio); w1 生物医药 (bio); n2 excluded by the subscription (招聘); b1
        // excluded by bio's -宁波; s1 外资 but outside foreign's zone.
        assert_eq!(ids, ["n1", "w1"]);
    }
    // The whole batch (4 subscriptions): the shared-terms path.
    let out = cli::digest_send(&config, &[], true).await.expect("send");
    assert_eq!(out.len(), 4, "{out:?}");
    let mails = mailcheck(&sink.messages());
    let dave = text_of(by_recipient(&mails, "dave@example.com"));
    assert!(dave.contains("南通高新区三个项目集中签约"), "{dave}");
    assert!(dave.contains("无锡高新区出台生物医药新政"), "{dave}");
    for absent in ["招聘", "宁波开发区", "外资"] {
        assert!(!dave.contains(absent), "{absent} in:\n{dave}");
    }
}

#[test]
fn check_reports_an_unknown_topic_in_a_subscription_at_its_position() {
    let text = format!("{}{TOPICS}", config_text(2525)).replace(
        "topics = [\"bio\", \"foreign\"]",
        "topics = [\"bio\", \"foriegn\"]",
    );
    let install = Install::new(&text);
    copy_templates(install.dir.path());
    let line = text
        .lines()
        .position(|l| l.contains("foriegn"))
        .expect("line")
        + 1;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(install.dir.path())
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // `topics = ["bio", ` is 17 characters: the unknown id's string starts at column 18.
    let want =
        format!("config.toml:{line}:18: unknown topic \"foriegn\" (did you mean \"foreign\"?)");
    assert!(err.contains(&want), "want {want:?} in:\n{err}");
}

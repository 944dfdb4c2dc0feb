//! Self-service digests (issue 19) as a reader meets them: the daemon's router served on
//! 127.0.0.1 on a free port, driven by a real HTTP client that behaves like a browser with
//! script switched off (it submits exactly what the page's form holds), and real mail (an
//! SMTP server, aiosmtpd, or the outbox), each message read back by Python's `email`.
//!
//! Sign-up → confirmation mail → the link's GET changes nothing → its POST confirms → the
//! next digest holds only the chosen region's items and a manage link whose form works;
//! bad input is answered 4xx with the reason, escaped; a second sign-up for an address gets
//! the same page; the limits answer 429 and send nothing; a POST without the CSRF token (or
//! from another site) is refused; expired and forged links are refused; the privacy sweep.

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{SmtpSink, in_step, in_step_async, mailcheck};
use zonefeed::config::Config;
use zonefeed::digest::DigestOutcome;
use zonefeed::model::{IdKind, Item};
use zonefeed::store::{ReaderStatus, Store};

/// Where mail goes in a rig.
enum MailTo {
    Smtp,
    Outbox,
}

struct Rig {
    dir: tempfile::TempDir,
    config: Arc<Config>,
    store: Store,
    addr: SocketAddr,
    stop: tokio_util::sync::CancellationToken,
    sink: Option<SmtpSink>,
    _mail_dir: tempfile::TempDir,
}

const PLACES: &str = r#"
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
"#;

impl Rig {
    /// A store seeded with news of four places, the router on a free loopback port, and
    /// `[signup]` on with `signup_extra` added to it.
    async fn start(mail: MailTo, signup_extra: &str) -> Rig {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mail_dir = tempfile::tempdir().expect("tempdir");
        let (sink, mail_section) = match mail {
            MailTo::Smtp => {
                let sink = SmtpSink::start(mail_dir.path());
                let port = sink.port;
                (
                    Some(sink),
                    format!(
                        "transport = \"smtp\"\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\ntimeout = \"5s\""
                    ),
                )
            }
            MailTo::Outbox => (
                None,
                format!(
                    "transport = \"outbox\"\noutbox_dir = \"{}\"",
                    mail_dir.path().display()
                ),
            ),
        };
        let text = format!(
            "[service]\nbase_url = \"http://{addr}/\"\nlisten = \"{addr}\"\n\n[mail]\n{mail_section}\nfrom = \"投促中国 <digest@investchn.example.cn>\"\n\n[signup]\nenabled = true\n{signup_extra}\n{PLACES}"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.toml"), text).expect("config");
        copy_templates(dir.path());
        let config = match Config::load(&dir.path().join("config.toml")) {
            Ok(c) => Arc::new(c),
            Err(e) => panic!("{e}"),
        };
        let store = Store::open(&config.service.data_dir).expect("store");
        store
            .upsert(
                &[
                    item(
                        "n1",
                        "南通高新区三个项目集中签约",
                        "nantong",
                        Some("nantong-hitech"),
                    ),
                    item("n2", "南通市出台开发区新政", "nantong", None),
                    item(
                        "s1",
                        "苏州工业园区外资项目落地",
                        "suzhou",
                        Some("suzhou-sip"),
                    ),
                    item("b1", "宁波开发区项目签约", "ningbo", None),
                ],
                Utc::now(),
            )
            .expect("seed");
        let state = Arc::new(zonefeed::serve::ServeState::new(
            config.clone(),
            store.clone(),
            Arc::default(),
        ));
        let stop = tokio_util::sync::CancellationToken::new();
        tokio::spawn(zonefeed::serve::run(listener, state, stop.clone()));
        Rig {
            dir,
            config,
            store,
            addr,
            stop,
            sink,
            _mail_dir: mail_dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    /// Every message sent so far, oldest first, as Python's `email` reads it.
    fn mails(&self) -> Vec<serde_json::Value> {
        let files = match &self.sink {
            Some(s) => s.messages(),
            None => common::files_with_ext(self._mail_dir.path(), &["eml"]),
        };
        if files.is_empty() {
            return Vec::new();
        }
        let mut by_time: Vec<(std::time::SystemTime, PathBuf)> = files
            .into_iter()
            .map(|f| {
                let t = std::fs::metadata(&f)
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                (t, f)
            })
            .collect();
        by_time.sort();
        let files: Vec<PathBuf> = by_time.into_iter().map(|(_, f)| f).collect();
        let mails = mailcheck(&files);
        for m in &mails {
            assert_eq!(m["defects"].as_array().map(Vec::len), Some(0), "{m}");
            assert_eq!(m["crlf_only"], true, "{m}");
        }
        mails
    }
}

/// Every active reader's digest now, through the one send path (`Site::send_due`), the
/// outcomes of readers only (the rig's config may hold `[[subscriptions]]` too).
async fn send_to_readers(rig: &Rig) -> anyhow::Result<Vec<(String, DigestOutcome)>> {
    let site = zonefeed::site::Site::with_store(rig.config.clone(), rig.store.clone())?;
    let mut out = Vec::new();
    site.send_due(zonefeed::digest::Recipients::All, Utc::now(), |sub, o| {
        if zonefeed::digest::readers::is_reader_id(&sub.id) {
            out.push((sub.id.clone(), o));
        }
    })
    .await?;
    Ok(out)
}

impl Drop for Rig {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

fn copy_templates(dir: &Path) {
    let t = dir.join("templates");
    std::fs::create_dir_all(&t).expect("mkdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for e in std::fs::read_dir(root).expect("templates").flatten() {
        std::fs::copy(e.path(), t.join(e.file_name())).expect("copy template");
    }
}

fn item(id: &str, title: &str, region: &str, zone: Option<&str>) -> Item {
    let t: DateTime<Utc> = Utc::now() - chrono::Duration::minutes(30);
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
        author: None,
        categories: vec![],
        region: region.into(),
        zone: zone.map(String::from),
        first_seen: t,
        seq: 0,
        article_pending: false,
        placed_by: Default::default(),
    }
}

/// One answer: status, headers (lowercase names; repeated ones joined by "\n"), body.
#[derive(Debug)]
struct Page {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
    url: String,
}

/// A browser with script off: it keeps the cookies it is given and submits forms as the
/// HTML says (hidden fields, what is ticked, what is typed, the button pressed).
struct Browser {
    client: reqwest::Client,
    cookies: HashMap<String, String>,
}

impl Browser {
    fn new() -> Browser {
        Browser {
            client: client_builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn read(&mut self, url: &str, resp: reqwest::Response) -> Page {
        let status = resp.status().as_u16();
        let mut headers: HashMap<String, String> = HashMap::new();
        for (k, v) in resp.headers() {
            let v = v.to_str().unwrap_or_default().to_string();
            headers
                .entry(k.as_str().to_string())
                .and_modify(|x| {
                    x.push('\n');
                    x.push_str(&v);
                })
                .or_insert(v);
        }
        if let Some(c) = headers.get("set-cookie") {
            for line in c.lines() {
                if let Some((k, v)) = line.split(';').next().and_then(|kv| kv.split_once('=')) {
                    self.cookies.insert(k.trim().into(), v.trim().into());
                }
            }
        }
        Page {
            status,
            headers,
            body: resp.text().await.unwrap_or_default(),
            url: url.to_string(),
        }
    }

    async fn get(&mut self, url: &str) -> Page {
        let resp = self
            .client
            .get(url)
            .header("Cookie", self.cookie_header())
            .send()
            .await
            .expect("GET");
        self.read(url, resp).await
    }

    /// POSTs `fields` as a form, with extra request headers.
    async fn post(
        &mut self,
        url: &str,
        fields: &[(String, String)],
        extra: &[(&str, &str)],
    ) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut req = self
            .client
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", self.cookie_header())
            .body(body);
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let resp = req.send().await.expect("POST");
        self.read(url, resp).await
    }

    /// Submits the page's only form as a browser would: `typed` sets text fields, `tick`
    /// and `untick` change boxes and radios by (name, value), `button` is the one pressed.
    async fn submit(
        &mut self,
        page: &Page,
        typed: &[(&str, &str)],
        tick: &[(&str, &str)],
        untick: &[(&str, &str)],
        button: Option<(&str, &str)>,
    ) -> Page {
        let (action, fields) = form_fields(&page.body, typed, tick, untick, button);
        let url = url::Url::parse(&page.url)
            .and_then(|u| u.join(&action))
            .expect("action")
            .to_string();
        self.post(&url, &fields, &[]).await
    }
}

/// The form's action and the fields a browser would send (HTML's form submission: named
/// inputs; checkboxes and radios only when checked; the submitter button only).
fn form_fields(
    html: &str,
    typed: &[(&str, &str)],
    tick: &[(&str, &str)],
    untick: &[(&str, &str)],
    button: Option<(&str, &str)>,
) -> (String, Vec<(String, String)>) {
    let doc = scraper::Html::parse_document(html);
    let form_sel = scraper::Selector::parse("form").expect("selector");
    let forms: Vec<_> = doc.select(&form_sel).collect();
    assert_eq!(forms.len(), 1, "one form on the page:\n{html}");
    let form = forms[0];
    assert_eq!(form.value().attr("method"), Some("post"));
    let action = form.value().attr("action").unwrap_or("").to_string();
    let input_sel = scraper::Selector::parse("input, button").expect("selector");
    let mut out = Vec::new();
    for el in form.select(&input_sel) {
        let e = el.value();
        let Some(name) = e.attr("name") else { continue };
        let value = e.attr("value").unwrap_or("").to_string();
        let ty = e.attr("type").unwrap_or("text");
        if e.name() == "button" {
            if button == Some((name, value.as_str())) {
                out.push((name.to_string(), value));
            }
            continue;
        }
        match ty {
            "checkbox" | "radio" => {
                let picked = tick.contains(&(name, value.as_str()));
                // Ticking a radio unticks the others of its group.
                let other_radio_picked =
                    ty == "radio" && tick.iter().any(|(n, v)| *n == name && *v != value);
                let on = if picked {
                    true
                } else if untick.contains(&(name, value.as_str())) || other_radio_picked {
                    false
                } else {
                    e.attr("checked").is_some()
                };
                if on {
                    out.push((name.to_string(), value));
                }
            }
            _ => {
                let v = typed
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or(value);
                out.push((name.to_string(), v));
            }
        }
    }
    (action, out)
}

/// Is the box or radio (name, value) ticked on the page?
fn ticked(html: &str, name: &str, value: &str) -> bool {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input").expect("selector");
    doc.select(&sel).any(|e| {
        e.value().attr("name") == Some(name)
            && e.value().attr("value") == Some(value)
            && e.value().attr("checked").is_some()
    })
}

/// The first link in a mail's text that contains `what`.
fn link_in(mail: &serde_json::Value, what: &str) -> String {
    let text = mail["text"].as_str().unwrap_or_default();
    text.split_whitespace()
        .flat_map(|w| w.split('：'))
        .find(|w| w.starts_with("http") && w.contains(what))
        .unwrap_or_else(|| panic!("no {what} link in:\n{text}"))
        .to_string()
}

async fn wait_for_mails(rig: &Rig, n: usize) -> Vec<serde_json::Value> {
    for _ in 0..100 {
        let m = rig.mails();
        if m.len() >= n {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {n} mails, have {}", rig.mails().len());
}

/// The whole path: sign-up, mail, a GET that changes nothing, the POST that confirms, a
/// digest with only the chosen region's items and a manage link whose form changes the
/// choices, pauses, and unsubscribes; exactly once throughout. One scenario: each step
/// works on the reader the previous steps made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_confirm_digest_and_manage_over_http_and_smtp() {
    let rig = Rig::start(MailTo::Smtp, "per_ip = \"50/1h\"").await;
    let mut browser = Browser::new();
    let form = step_the_region_link_opens_the_form_with_it_ticked(&rig, &mut browser).await;
    let (link, pending) = step_signing_up_mails_a_confirmation_and_records_a_pending_reader(
        &rig,
        &mut browser,
        &form,
    )
    .await;
    let page = step_getting_the_link_changes_nothing(&rig, &mut browser, &link, &pending).await;
    step_confirm_posts_without_token_or_cookie_or_from_another_site_are_refused(
        &rig,
        &mut browser,
        &page,
        &pending,
    )
    .await;
    let reader = step_the_button_confirms(&rig, &mut browser, &page, &pending).await;
    let manage = step_the_digest_holds_only_the_chosen_region(&rig, &reader).await;
    step_a_second_digest_run_sends_nothing(&rig).await;
    let mut phone = Browser::new();
    step_the_manage_form_shows_and_saves_the_choices(&rig, &mut phone, &manage, &reader).await;
    step_the_next_digest_follows_the_new_choices(&rig).await;
    step_pausing_sends_nothing(&rig, &mut phone, &manage, &reader).await;
    step_unsubscribing_from_the_same_form(&rig, &mut phone, &manage, &reader).await;
}

/// index.html's region link opens the form with that region ticked.
async fn step_the_region_link_opens_the_form_with_it_ticked(
    rig: &Rig,
    browser: &mut Browser,
) -> Page {
    const STEP: &str = "step 1 (the form from a region link)";
    let form = browser.get(&rig.url("subscribe?region=nantong")).await;
    assert_eq!(form.status, 200, "{STEP}: {}", form.body);
    assert!(
        ticked(&form.body, "regions", "nantong"),
        "{STEP}: nantong ticked"
    );
    assert!(
        !ticked(&form.body, "regions", "suzhou"),
        "{STEP}: suzhou not ticked"
    );
    assert!(
        ticked(&form.body, "frequency", "daily"),
        "{STEP}: the first frequency is preselected"
    );
    let cookie = form.headers.get("set-cookie").cloned().unwrap_or_default();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{STEP}: {cookie}"
    );
    form
}

/// The form sent: a confirmation mail (not a list mail) with its link, and a pending
/// reader with the ticked region.
async fn step_signing_up_mails_a_confirmation_and_records_a_pending_reader(
    rig: &Rig,
    browser: &mut Browser,
    form: &Page,
) -> (String, zonefeed::store::Reader) {
    const STEP: &str = "step 2 (sign-up and the confirmation mail)";
    let sent = browser
        .submit(form, &[("email", "Reader@Example.com")], &[], &[], None)
        .await;
    assert_eq!(sent.status, 200, "{STEP}: {}", sent.body);
    assert!(sent.body.contains("请查收邮件"), "{STEP}: {}", sent.body);
    let mails = in_step_async(STEP, wait_for_mails(rig, 1)).await;
    assert_eq!(mails.len(), 1, "{STEP}: one mail");
    let confirm_mail = &mails[0];
    assert!(
        confirm_mail["headers"]["To"]
            .as_str()
            .unwrap_or("")
            .contains("Reader@Example.com"),
        "{STEP}: To: {confirm_mail}"
    );
    assert!(
        confirm_mail["headers"]["List-Unsubscribe"].is_null(),
        "{STEP}: a confirmation is not a list mail"
    );
    assert!(
        confirm_mail["html"]
            .as_str()
            .unwrap_or("")
            .contains("南通市"),
        "{STEP}: the region named: {confirm_mail}"
    );
    let link = in_step(STEP, || link_in(confirm_mail, "/confirm?r="));
    assert!(
        link.starts_with(&format!("http://{}/confirm?r=r.", rig.addr)),
        "{STEP}: {link}"
    );

    let pending = rig
        .store
        .reader_by_address("reader@example.com")
        .expect("read")
        .unwrap_or_else(|| panic!("{STEP}: the reader is recorded"));
    assert_eq!(pending.status, ReaderStatus::Pending, "{STEP}");
    assert_eq!(pending.regions, vec!["nantong"], "{STEP}");
    assert_eq!(pending.frequency, "daily", "{STEP}");
    (link, pending)
}

/// Mail scanners open links: the GET (twice, by a browser without cookies too) shows the
/// button and changes nothing.
async fn step_getting_the_link_changes_nothing(
    rig: &Rig,
    browser: &mut Browser,
    link: &str,
    pending: &zonefeed::store::Reader,
) -> Page {
    const STEP: &str = "step 3 (GET of the confirmation link)";
    let page = browser.get(link).await;
    assert_eq!(page.status, 200, "{STEP}: {}", page.body);
    assert!(
        page.body.contains("确认订阅") && page.body.contains("Reader@Example.com"),
        "{STEP}: {}",
        page.body
    );
    assert_eq!(
        Browser::new().get(link).await.status,
        200,
        "{STEP}: a browser without cookies"
    );
    let after_get = rig.store.reader(&pending.id).expect("read");
    assert_eq!(
        after_get.as_ref(),
        Some(pending),
        "{STEP}: GET changed nothing"
    );
    assert_eq!(
        rig.store.digest_state(&pending.id).expect("state"),
        Default::default(),
        "{STEP}: no digest state"
    );
    page
}

/// A POST without the token, from a browser without the cookie, or from another site is
/// refused, and the reader stays pending.
async fn step_confirm_posts_without_token_or_cookie_or_from_another_site_are_refused(
    rig: &Rig,
    browser: &mut Browser,
    page: &Page,
    pending: &zonefeed::store::Reader,
) {
    const STEP: &str = "step 4 (refused confirmations)";
    let (_, fields) = in_step(STEP, || form_fields(&page.body, &[], &[], &[], None));
    let without_token: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| k != "csrf")
        .cloned()
        .collect();
    let confirm_url = rig.url("confirm");
    assert_eq!(
        browser.post(&confirm_url, &without_token, &[]).await.status,
        403,
        "{STEP}: without the token"
    );
    assert_eq!(
        Browser::new().post(&confirm_url, &fields, &[]).await.status,
        403,
        "{STEP}: without the cookie"
    );
    let cross = browser
        .post(&confirm_url, &fields, &[("Origin", "https://evil.example")])
        .await;
    assert_eq!(cross.status, 403, "{STEP}: from another site");
    assert_eq!(
        rig.store
            .reader(&pending.id)
            .expect("read")
            .map(|r| r.status),
        Some(ReaderStatus::Pending),
        "{STEP}: still pending"
    );
}

/// The button confirms: the reader is confirmed and not suppressed.
async fn step_the_button_confirms(
    rig: &Rig,
    browser: &mut Browser,
    page: &Page,
    pending: &zonefeed::store::Reader,
) -> zonefeed::store::Reader {
    const STEP: &str = "step 5 (the confirm button)";
    let done = browser.submit(page, &[], &[], &[], None).await;
    assert_eq!(done.status, 200, "{STEP}: {}", done.body);
    assert!(done.body.contains("订阅已确认"), "{STEP}: {}", done.body);
    let reader = rig
        .store
        .reader(&pending.id)
        .expect("read")
        .unwrap_or_else(|| panic!("{STEP}: the reader is kept"));
    assert_eq!(reader.status, ReaderStatus::Confirmed, "{STEP}");
    assert!(reader.confirmed.is_some(), "{STEP}: confirmation time");
    assert!(
        matches!(rig.store.suppressed_at("reader@example.com"), Ok(None)),
        "{STEP}: not suppressed"
    );
    reader
}

/// The next digest: only 南通市's items, a manage link, RFC 8058 headers. Returns the
/// manage link.
async fn step_the_digest_holds_only_the_chosen_region(
    rig: &Rig,
    reader: &zonefeed::store::Reader,
) -> String {
    const STEP: &str = "step 6 (the first digest)";
    let out = send_to_readers(rig).await.expect("send");
    assert!(
        matches!(out.as_slice(), [(id, DigestOutcome::Sent { items: 2, .. })] if id == &reader.id),
        "{STEP}: {out:?}"
    );
    let mails = in_step_async(STEP, wait_for_mails(rig, 2)).await;
    let digest = &mails[1];
    let text = digest["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("南通高新区三个项目集中签约") && text.contains("南通市出台开发区新政"),
        "{STEP}: {text}"
    );
    for other in ["苏州工业园区外资项目落地", "宁波开发区项目签约"] {
        assert!(
            !text.contains(other),
            "{STEP}: {other} is not in 南通市:\n{text}"
        );
    }
    let h = &digest["headers"];
    assert!(
        h["List-Unsubscribe"]
            .as_str()
            .unwrap_or("")
            .contains("/unsubscribe?s=r."),
        "{STEP}: List-Unsubscribe: {h}"
    );
    assert_eq!(
        h["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click",
        "{STEP}"
    );
    let manage = in_step(STEP, || link_in(digest, "/manage?r="));
    assert!(
        digest["html"].as_str().unwrap_or("").contains("管理订阅"),
        "{STEP}: the manage link in the HTML part"
    );
    manage
}

/// Exactly once: a second run has nothing new to send.
async fn step_a_second_digest_run_sends_nothing(rig: &Rig) {
    const STEP: &str = "step 7 (a second digest run)";
    let again = send_to_readers(rig).await.expect("send");
    assert!(
        again
            .iter()
            .all(|(_, o)| matches!(o, DigestOutcome::Nothing { .. })),
        "{STEP}: {again:?}"
    );
    assert_eq!(
        in_step(STEP, || rig.mails()).len(),
        2,
        "{STEP}: still two mails"
    );
}

/// The manage link: its GET shows the choices and changes nothing; its form saves.
async fn step_the_manage_form_shows_and_saves_the_choices(
    rig: &Rig,
    phone: &mut Browser,
    manage: &str,
    reader: &zonefeed::store::Reader,
) {
    const STEP: &str = "step 8 (the manage form)";
    let m = phone.get(manage).await;
    assert_eq!(m.status, 200, "{STEP}: {}", m.body);
    assert!(
        ticked(&m.body, "regions", "nantong") && ticked(&m.body, "frequency", "daily"),
        "{STEP}: the choices ticked"
    );
    assert!(!ticked(&m.body, "paused", "on"), "{STEP}: not paused");
    assert_eq!(
        rig.store.reader(&reader.id).expect("read").as_ref(),
        Some(reader),
        "{STEP}: GET changed nothing"
    );
    let saved = phone
        .submit(
            &m,
            &[],
            &[("zones", "suzhou-sip"), ("frequency", "weekly")],
            &[("regions", "nantong")],
            Some(("action", "save")),
        )
        .await;
    assert_eq!(saved.status, 200, "{STEP}: {}", saved.body);
    assert!(saved.body.contains("已保存"), "{STEP}: {}", saved.body);
    let changed = rig
        .store
        .reader(&reader.id)
        .expect("read")
        .unwrap_or_else(|| panic!("{STEP}: the reader is kept"));
    assert!(changed.regions.is_empty(), "{STEP}: regions");
    assert_eq!(changed.zones, vec!["suzhou-sip"], "{STEP}: zones");
    assert_eq!(changed.frequency, "weekly", "{STEP}: frequency");
}

/// New items: the next digest follows the new choice.
async fn step_the_next_digest_follows_the_new_choices(rig: &Rig) {
    const STEP: &str = "step 9 (a digest after the change)";
    rig.store
        .upsert(
            &[
                item(
                    "n3",
                    "南通高新区又有新项目",
                    "nantong",
                    Some("nantong-hitech"),
                ),
                item("s2", "苏州工业园区新签约项目", "suzhou", Some("suzhou-sip")),
            ],
            Utc::now(),
        )
        .expect("more items");
    send_to_readers(rig).await.expect("send");
    let mails = in_step_async(STEP, wait_for_mails(rig, 3)).await;
    let text = mails[2]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("苏州工业园区新签约项目") && !text.contains("南通高新区又有新项目"),
        "{STEP}: {text}"
    );
}

/// Pause: nothing is sent for a new item, and the form shows the pause.
async fn step_pausing_sends_nothing(
    rig: &Rig,
    phone: &mut Browser,
    manage: &str,
    reader: &zonefeed::store::Reader,
) {
    const STEP: &str = "step 10 (pause)";
    let m = phone.get(manage).await;
    let paused = phone
        .submit(&m, &[], &[("paused", "on")], &[], Some(("action", "save")))
        .await;
    assert_eq!(paused.status, 200, "{STEP}: {}", paused.body);
    assert!(
        rig.store
            .reader(&reader.id)
            .expect("read")
            .is_some_and(|r| r.paused),
        "{STEP}: the reader is paused"
    );
    rig.store
        .upsert(
            &[item(
                "s3",
                "苏州工业园区再添项目",
                "suzhou",
                Some("suzhou-sip"),
            )],
            Utc::now(),
        )
        .expect("item");
    let out = send_to_readers(rig).await.expect("send");
    assert!(out.is_empty(), "{STEP}: paused: {out:?}");
}

/// Unsubscribe from the same form: the record is kept (30 days) as unsubscribed, the
/// address suppressed, nothing more sent, and the link still answers, with no form.
async fn step_unsubscribing_from_the_same_form(
    rig: &Rig,
    phone: &mut Browser,
    manage: &str,
    reader: &zonefeed::store::Reader,
) {
    const STEP: &str = "step 11 (unsubscribe)";
    let m = phone.get(manage).await;
    assert!(
        ticked(&m.body, "paused", "on"),
        "{STEP}: the form shows the pause"
    );
    let gone = phone
        .submit(&m, &[], &[], &[], Some(("action", "unsubscribe")))
        .await;
    assert_eq!(gone.status, 200, "{STEP}: {}", gone.body);
    assert!(gone.body.contains("已退订"), "{STEP}: {}", gone.body);
    let r = rig
        .store
        .reader(&reader.id)
        .expect("read")
        .unwrap_or_else(|| panic!("{STEP}: kept 30 days"));
    assert_eq!(r.status, ReaderStatus::Unsubscribed, "{STEP}");
    assert!(
        rig.store
            .suppressed_at("READER@example.com")
            .expect("read")
            .is_some(),
        "{STEP}: the address is suppressed"
    );
    assert_eq!(
        in_step(STEP, || rig.mails()).len(),
        3,
        "{STEP}: nothing sent after the pause"
    );
    // The link still answers, with no form.
    let after = phone.get(manage).await;
    assert_eq!(after.status, 200, "{STEP}: the link after unsubscribing");
    assert!(
        after.body.contains("已退订") && !after.body.contains("<form"),
        "{STEP}: {}",
        after.body
    );
}

/// A rig for bad input (mail to the outbox), a browser holding the form's cookie, and the
/// form's CSRF token.
async fn bad_input_rig() -> (Rig, Browser, String) {
    let rig = Rig::start(MailTo::Outbox, "").await;
    let mut b = Browser::new();
    let form = b.get(&rig.url("subscribe")).await;
    assert_eq!(form.status, 200, "setup: the form");
    let (_, base) = form_fields(&form.body, &[], &[], &[], None);
    let csrf = base
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.clone())
        .expect("csrf field");
    (rig, b, csrf)
}

/// `fields` with the form's CSRF token first, as the form sends them.
fn with_token(csrf: &str, fields: Vec<(&str, &str)>) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![("csrf".into(), csrf.to_string())];
    f.extend(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    f
}

/// Bad input sends nothing and stores nothing.
fn assert_nothing_sent_or_stored(rig: &Rig) {
    assert!(rig.mails().is_empty(), "bad input sends nothing");
    assert!(
        rig.store.readers().expect("readers").is_empty(),
        "and stores nothing"
    );
}

/// Each bad field gets 400 and a page that names the problem, every echo escaped, with
/// what was valid still ticked; nothing is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_bad_field_is_answered_400_with_its_reason_escaped() {
    let (rig, mut b, csrf) = bad_input_rig().await;
    let hostile = "<script>alert(1)</script>";
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("email", "reader"),
                ("regions", "nantong"),
                ("frequency", "daily"),
            ],
            "“reader”不是有效的邮件地址",
        ),
        (
            vec![
                ("email", "a@example.cn\r\nBcc: all@example.cn"),
                ("regions", "nantong"),
                ("frequency", "daily"),
            ],
            "邮件地址中不能有换行符（CR/LF）",
        ),
        (
            vec![
                ("email", "a@example.cn\nBcc: all@example.cn"),
                ("regions", "nantong"),
                ("frequency", "daily"),
            ],
            "邮件地址中不能有换行符（CR/LF）",
        ),
        (
            vec![
                ("email", "a@example.cn"),
                ("regions", hostile),
                ("frequency", "daily"),
            ],
            "未知的地区：“&lt;script&gt;alert(1)&lt;/script&gt;”",
        ),
        (
            vec![
                ("email", "a@example.cn"),
                ("zones", "atlantis"),
                ("frequency", "daily"),
            ],
            "未知的开发区：“atlantis”",
        ),
        (
            vec![
                ("email", "a@example.cn"),
                ("topics", "tax"),
                ("regions", "nantong"),
                ("frequency", "daily"),
            ],
            "未知的主题：“tax”",
        ),
        (
            vec![("email", "a@example.cn"), ("frequency", "daily")],
            "请至少选择一个地区或开发区",
        ),
        (
            vec![
                ("email", "a@example.cn"),
                ("regions", "nantong"),
                ("frequency", "hourly"),
            ],
            "未提供的发送频率：“hourly”",
        ),
        (
            vec![("email", "a@example.cn"), ("regions", "nantong")],
            "请选择发送频率",
        ),
        (
            vec![
                ("email", "\"><script>alert(1)</script>@example.cn"),
                ("regions", "nantong"),
                ("frequency", "daily"),
            ],
            "“\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.cn”不是有效的邮件地址",
        ),
    ];
    for (fields, reason) in cases {
        let p = b
            .post(
                &rig.url("subscribe"),
                &with_token(&csrf, fields.clone()),
                &[],
            )
            .await;
        assert_eq!(p.status, 400, "{fields:?}: {}", p.body);
        assert!(
            p.body.contains(reason),
            "{fields:?}: want {reason:?} in\n{}",
            p.body
        );
        assert!(
            !p.body.contains("<script>"),
            "unescaped echo for {fields:?}"
        );
        // The form comes back with what was valid still ticked, ready to fix.
        if fields.contains(&("regions", "nantong")) {
            assert!(ticked(&p.body, "regions", "nantong"), "{fields:?}");
        }
        assert!(p.body.contains("name=\"csrf\""), "{fields:?}");
    }
    assert_nothing_sent_or_stored(&rig);
}

/// Several problems at once are all named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_problems_at_once_are_all_named() {
    let (rig, mut b, csrf) = bad_input_rig().await;
    let p = b
        .post(
            &rig.url("subscribe"),
            &with_token(&csrf, vec![("email", "nope"), ("zones", "atlantis")]),
            &[],
        )
        .await;
    assert_eq!(p.status, 400);
    for reason in ["不是有效的邮件地址", "未知的开发区", "请选择发送频率"] {
        assert!(p.body.contains(reason), "{reason}");
    }
    assert_nothing_sent_or_stored(&rig);
}

/// A sign-up POST without the token, with a wrong one, or from another site is refused
/// (403); one of the wrong type is 415; one too large is 413, whether it says so in its
/// Content-Length or is sent chunked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_posts_without_the_token_cross_site_of_the_wrong_type_or_too_large_are_refused() {
    let (rig, mut b, csrf) = bad_input_rig().await;
    let good = vec![
        ("email", "a@example.cn"),
        ("regions", "nantong"),
        ("frequency", "daily"),
    ];
    let no_token: Vec<(String, String)> = good
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(
        b.post(&rig.url("subscribe"), &no_token, &[]).await.status,
        403,
        "without the token"
    );
    let wrong_token = {
        let mut f = no_token.clone();
        f.push(("csrf".into(), "0".repeat(64)));
        f
    };
    assert_eq!(
        b.post(&rig.url("subscribe"), &wrong_token, &[])
            .await
            .status,
        403,
        "with a wrong token"
    );
    let cross = b
        .post(
            &rig.url("subscribe"),
            &with_token(&csrf, good.clone()),
            &[("Sec-Fetch-Site", "cross-site")],
        )
        .await;
    assert_eq!(cross.status, 403, "cross-site");
    let json = plain_client()
        .post(rig.url("subscribe"))
        .header("Content-Type", "application/json")
        .header("Cookie", b.cookie_header())
        .body("{}")
        .send()
        .await
        .expect("post");
    assert_eq!(json.status().as_u16(), 415, "JSON");
    let big = plain_client()
        .post(rig.url("subscribe"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("email={}", "a".repeat(100_000)))
        .send()
        .await
        .expect("post");
    assert_eq!(big.status().as_u16(), 413, "too large");
    // Chunked (no Content-Length) is capped by the reader, not only by the header check.
    // Raw TCP: the server answers 413 mid-body, and an HTTP client would report the reset
    // of the rest of its upload instead of the answer.
    let (addr, cookie) = (rig.addr, b.cookie_header());
    let status = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
        let head = format!(
            "POST /subscribe HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        let _ = s.write_all(head.as_bytes());
        let chunk = "zones=x&".repeat(512);
        for _ in 0..40 {
            if s.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes()).is_err() {
                break;
            }
        }
        let mut buf = [0u8; 64];
        let n = s.read(&mut buf).unwrap_or(0);
        String::from_utf8_lossy(&buf[..n]).to_string()
    })
    .await
    .expect("raw request");
    assert!(status.starts_with("HTTP/1.1 413"), "chunked: {status:?}");
    assert_nothing_sent_or_stored(&rig);
}

/// A hostile query string is not echoed at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_query_string_on_the_form_is_not_echoed() {
    let (rig, mut b, _) = bad_input_rig().await;
    let q = b
        .get(&rig.url("subscribe?region=%3Cscript%3E&zone=%22%3E%3Cb%3E"))
        .await;
    assert_eq!(q.status, 200);
    assert!(!q.body.contains("<script>") && !q.body.contains("\"><b>"));
    assert_nothing_sent_or_stored(&rig);
}

/// reqwest is built without a TLS provider of its own (zonefeed installs ring); the tests
/// speak plain http to loopback but the client still wants one.
fn client_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}

fn plain_client() -> reqwest::Client {
    client_builder().build().expect("client")
}

/// The page after a good sign-up is the same whether the address is new or already
/// subscribed (no enumeration); the subscribed one gets its manage link, not a second
/// confirmation, and its choices stay. The limits answer 429 and send nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn known_addresses_get_the_same_page_and_limits_answer_429() {
    let rig = Rig::start(MailTo::Outbox, "per_ip = \"4/1h\"\nper_address = \"2/1h\"").await;
    let mut b = Browser::new();
    let sign_up = |email: &'static str, region: &'static str| {
        let url = rig.url(&format!("subscribe?region={region}"));
        async move {
            let mut b = Browser::new();
            let form = b.get(&url).await;
            b.submit(&form, &[("email", email)], &[], &[], None).await
        }
    };
    let first = sign_up("known@example.cn", "nantong").await;
    assert_eq!(first.status, 200, "{}", first.body);
    let mails = wait_for_mails(&rig, 1).await;
    let link = link_in(&mails[0], "/confirm?r=");
    let page = b.get(&link).await;
    assert_eq!(b.submit(&page, &[], &[], &[], None).await.status, 200);
    let confirmed = rig
        .store
        .reader_by_address("known@example.cn")
        .expect("read")
        .expect("reader");
    assert_eq!(confirmed.status, ReaderStatus::Confirmed);

    // Again for the subscribed address (other choices), and once for a new one.
    let again = sign_up("known@example.cn", "ningbo").await;
    let fresh = sign_up("fresh@example.cn", "ningbo").await;
    assert_eq!((again.status, fresh.status), (200, 200));
    assert_eq!(
        again.body.replace("known@example.cn", "ADDRESS"),
        fresh.body.replace("fresh@example.cn", "ADDRESS"),
        "the same page whether or not the address is known"
    );
    let mails = wait_for_mails(&rig, 3).await;
    let to = |m: &serde_json::Value| m["headers"]["To"].as_str().unwrap_or("").to_string();
    let known_again = mails[1..]
        .iter()
        .find(|m| to(m).contains("known@"))
        .expect("a mail to the known address");
    assert!(link_in(known_again, "/manage?r=").contains(&confirmed.id));
    assert!(
        !known_again["text"]
            .as_str()
            .unwrap_or("")
            .contains("/confirm?r=")
    );
    assert_eq!(
        rig.store.reader(&confirmed.id).expect("read").as_ref(),
        Some(&confirmed),
        "a sign-up never changes a subscribed reader's choices"
    );

    // per_address = 2/1h: a third sign-up for known@ is refused, and nothing is sent.
    let before = rig.mails().len();
    let third = sign_up("known@example.cn", "nantong").await;
    assert_eq!(third.status, 429, "{}", third.body);
    assert!(
        third
            .headers
            .get("retry-after")
            .is_some_and(|v| v.parse::<u64>().is_ok_and(|s| s > 0))
    );
    assert!(third.body.contains("没有发送任何邮件"));
    // per_ip = 4/1h: known, known, fresh and the refused third used four; the next is over.
    let fifth = sign_up("other@example.cn", "nantong").await;
    assert_eq!(fifth.status, 429, "{}", fifth.body);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rig.mails().len(), before, "a refused sign-up sends nothing");
    assert!(
        rig.store
            .reader_by_address("other@example.cn")
            .expect("read")
            .is_none()
    );
}

/// A confirmation link past its time is refused (410), a forged one too (403); the sweep
/// deletes the unconfirmed sign-up at expiry; an unsubscribed reader (RFC 8058 one-click)
/// is deleted 30 days later, leaving only the suppression entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_forged_links_are_refused_and_records_are_swept() {
    let rig = Rig::start(MailTo::Outbox, "confirm_within = \"2s\"").await;
    let mut b = Browser::new();
    let form = b.get(&rig.url("subscribe?zone=suzhou-sip")).await;
    assert!(ticked(&form.body, "zones", "suzhou-sip"));
    assert_eq!(
        b.submit(&form, &[("email", "late@example.cn")], &[], &[], None)
            .await
            .status,
        200
    );
    let link = link_in(&wait_for_mails(&rig, 1).await[0], "/confirm?r=");
    let page = b.get(&link).await;
    assert_eq!(page.status, 200);

    // Forged: one digit of the token changed; a made-up reader; no token at all.
    let t_at = link.find("&t=").expect("token") + 3;
    let mut forged = link.clone();
    let c = if &link[t_at..t_at + 1] == "0" {
        "1"
    } else {
        "0"
    };
    forged.replace_range(t_at..t_at + 1, c);
    assert_eq!(b.get(&forged).await.status, 403);
    assert_eq!(
        b.get(&rig.url("confirm?r=r.0000000000000000&t=00"))
            .await
            .status,
        403
    );
    assert_eq!(b.get(&rig.url("confirm")).await.status, 403);
    let (_, mut fields) = form_fields(&page.body, &[], &[], &[], None);
    for f in fields.iter_mut().filter(|(k, _)| k == "t") {
        f.1 = forged[t_at..].to_string();
    }
    assert_eq!(b.post(&rig.url("confirm"), &fields, &[]).await.status, 403);

    // Expired: the page and the button both say so.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(b.get(&link).await.status, 410);
    assert_eq!(b.submit(&page, &[], &[], &[], None).await.status, 410);
    let r = rig
        .store
        .reader_by_address("late@example.cn")
        .expect("read")
        .expect("reader");
    assert_eq!(r.status, ReaderStatus::Pending);
    let swept = zonefeed::signup::sweep(&rig.store, Utc::now())
        .await
        .expect("sweep");
    assert_eq!(swept.expired, 1);
    assert!(
        rig.store.reader(&r.id).expect("read").is_none(),
        "deleted at expiry"
    );
    assert_eq!(b.get(&link).await.status, 403);

    // A confirmed reader leaves by the digest's one-click link (RFC 8058).
    let form = b.get(&rig.url("subscribe?region=ningbo")).await;
    b.submit(&form, &[("email", "leaver@example.cn")], &[], &[], None)
        .await;
    let link = link_in(&wait_for_mails(&rig, 2).await[1], "/confirm?r=");
    let page = b.get(&link).await;
    assert_eq!(b.submit(&page, &[], &[], &[], None).await.status, 200);
    let r = rig
        .store
        .reader_by_address("leaver@example.cn")
        .expect("read")
        .expect("reader");
    let key = rig.store.hmac_key().expect("key");
    let token = zonefeed::digest::unsubscribe_token(&key, &r.id, &r.email);
    // A person clicking the link sees the button; the GET itself changes nothing.
    let shown = b
        .get(&rig.url(&format!("unsubscribe?s={}&t={token}", r.id)))
        .await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert!(shown.body.contains("确认退订") && shown.body.contains("leaver@example.cn"));
    assert_eq!(rig.store.reader(&r.id).expect("read").as_ref(), Some(&r));
    let one_click = plain_client()
        .post(rig.url(&format!("unsubscribe?s={}&t={token}", r.id)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(one_click.status().as_u16(), 200);
    let r = rig
        .store
        .reader(&r.id)
        .expect("read")
        .expect("kept for now");
    assert_eq!(r.status, ReaderStatus::Unsubscribed);
    let out = send_to_readers(&rig).await.expect("send");
    assert!(out.is_empty(), "{out:?}");
    let day = chrono::Duration::days(1);
    let swept = zonefeed::signup::sweep(&rig.store, Utc::now() + day * 29)
        .await
        .expect("sweep");
    assert_eq!(swept.forgotten, 0);
    let swept = zonefeed::signup::sweep(&rig.store, Utc::now() + day * 31)
        .await
        .expect("sweep");
    assert_eq!(swept.forgotten, 1);
    assert!(rig.store.reader(&r.id).expect("read").is_none());
    assert!(
        rig.store
            .reader_by_address("leaver@example.cn")
            .expect("read")
            .is_none()
    );
    assert!(
        rig.store
            .unsubscribed_at(&r.id, &r.email)
            .expect("read")
            .is_none()
    );
    assert_eq!(
        rig.store.digest_state(&r.id).expect("state"),
        Default::default()
    );
    assert!(
        rig.store
            .suppressed_at("leaver@example.cn")
            .expect("read")
            .is_some()
    );
    assert_eq!(rig.store.suppressed_count(), 1);
}

/// Without script: the pages hold no script, no event handler and no `javascript:` URL
/// (and their CSP forbids any), the form is a plain POST with every field named, and
/// index.html's rows link to the form with their choice ticked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_works_without_script_and_index_html_links_to_it() {
    let rig = Rig::start(MailTo::Outbox, "").await;
    let mut b = Browser::new();
    let form = b.get(&rig.url("subscribe")).await;
    assert_eq!(form.status, 200);
    let csp = form
        .headers
        .get("content-security-policy")
        .cloned()
        .unwrap_or_default();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(
        form.headers.get("x-frame-options").map(String::as_str),
        Some("DENY")
    );
    assert!(form.body.contains("width=device-width"), "mobile viewport");
    // Issue 26.4: a way back home, and the published pages' look.
    assert!(
        form.body
            .contains("<nav><a href=\"index.html\">开发区新闻首页</a></nav>"),
        "{}",
        form.body
    );
    assert!(form.body.contains("max-width:960px"), "the pages' style");
    assert_eq!(
        labels_wrapping_under_their_box(&form.body, 390),
        Vec::<String>::new(),
        "on a 390 px phone a label's text stays beside its box"
    );
    let doc = scraper::Html::parse_document(&form.body);
    let all = scraper::Selector::parse("*").expect("selector");
    for el in doc.select(&all) {
        assert_ne!(el.value().name(), "script");
        for (k, v) in el.value().attrs() {
            assert!(!k.starts_with("on"), "event handler {k}");
            assert!(
                !v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
            );
        }
    }
    // Regions as the same tree as index.html: 南通市 and 苏州市 inside 江苏省.
    let nested =
        scraper::Selector::parse("ul.tree > li ul input[value=nantong]").expect("selector");
    assert_eq!(
        doc.select(&nested).count(),
        1,
        "南通市 is nested under 江苏省"
    );
    let (action, fields) = form_fields(
        &form.body,
        &[("email", "plain@example.cn")],
        &[("regions", "suzhou")],
        &[],
        None,
    );
    assert_eq!(action, "subscribe");
    assert!(fields.iter().any(|(k, v)| k == "frequency" && v == "daily"));
    let done = b.post(&rig.url(&action), &fields, &[]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(wait_for_mails(&rig, 1).await.len(), 1);

    // index.html, published with sign-up on, links every region and zone row to the form.
    zonefeed::publish::publish_all(&rig.config, &rig.store).expect("publish");
    let index = std::fs::read_to_string(rig.dir.path().join("feeds/index.html")).expect("index");
    let doc = scraper::Html::parse_document(&index);
    let links = scraper::Selector::parse("a.signup").expect("selector");
    let hrefs: Vec<String> = doc
        .select(&links)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(hrefs.len(), 4 + 2, "every region and zone row: {hrefs:?}");
    for href in hrefs {
        let (kind, id) = href
            .strip_prefix("subscribe?")
            .and_then(|q| q.split_once('='))
            .expect("subscribe?kind=id");
        let page = b.get(&rig.url(&href)).await;
        assert_eq!(page.status, 200);
        assert!(ticked(&page.body, &format!("{kind}s"), id), "{href}");
    }
}

/// `zonefeed run` on a free port with two `file:` sources (南通, 苏州), mail to its outbox,
/// and the daily frequency due every two seconds.
struct DaemonRig {
    dir: tempfile::TempDir,
    base: String,
    log: PathBuf,
    child: std::process::Child,
}

impl DaemonRig {
    /// Runs the zonefeed binary in the rig's folder: exit code, stdout, stderr.
    fn zonefeed(&self, args: &[&str]) -> (Option<i32>, String, String) {
        zonefeed_in(self.dir.path(), args)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The outbox's messages once there are at least `n`, as Python's `email` reads them.
    async fn mails(&self, n: usize) -> Vec<serde_json::Value> {
        let outbox = self.dir.path().join("outbox");
        for _ in 0..200 {
            let files = common::files_with_ext(&outbox, &["eml"]);
            if files.len() >= n {
                return mailcheck(&files);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("fewer than {n} mails in the outbox");
    }
}

/// Runs the zonefeed binary in `dir`: exit code, stdout, stderr.
fn zonefeed_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run zonefeed");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `zonefeed run` itself: a reader signs up and confirms through the daemon's HTTP, the
/// daemon's own schedule for the frequency sends the digest (only 南通市's polled items),
/// and `zonefeed subscribers` lists, exports and removes the reader through the running
/// daemon's API (sled admits one process). One scenario: each step works on the reader
/// the previous steps made, in the one running daemon.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daemon_mails_readers_on_schedule_and_the_cli_manages_them_through_its_api() {
    let d = step_check_then_start_the_daemon().await;
    step_sign_up_and_confirm_through_the_daemon(&d).await;
    step_the_daemons_schedule_sends_the_digest(&d).await;
    step_a_config_reload_leaves_readers_alone(&d).await;
    step_the_cli_lists_and_exports_readers_through_the_api(&d);
    step_removing_needs_the_daemons_key(&d).await;
    step_sigterm_then_the_cli_reads_the_store_itself(d);
}

/// `zonefeed check` passes (warning of loopback links), then `zonefeed run` starts and
/// answers /readyz.
async fn step_check_then_start_the_daemon() -> DaemonRig {
    const STEP: &str = "step 1 (check, then start the daemon)";
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let dir = tempfile::tempdir().expect("tempdir");
    copy_templates(dir.path());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("rss2-cn-dates.xml"),
        dir.path().join("nt.xml"),
    )
    .expect("copy");
    std::fs::copy(
        fixtures.join("atom-xmlbase.atom"),
        dir.path().join("sz.atom"),
    )
    .expect("copy");
    let config = format!(
        "[service]\nlisten = \"127.0.0.1:{port}\"\nbase_url = \"http://127.0.0.1:{port}/\"\n\n[mail]\ntransport = \"outbox\"\nfrom = \"投促中国 <digest@investchn.example.cn>\"\n\n[signup]\nenabled = true\nfrequencies = [\"daily\"]\ndaily = \"*/2 * * * * *\"\n{PLACES}\n[[sources]]\nid = \"nt\"\nurl = \"file:nt.xml\"\nregion = \"nantong\"\n[[sources]]\nid = \"sz\"\nurl = \"file:sz.atom\"\nregion = \"suzhou\"\n"
    );
    std::fs::write(dir.path().join("config.toml"), config).expect("config");
    let (code, out, err) = zonefeed_in(dir.path(), &["check"]);
    assert_eq!(code, Some(0), "{STEP}: {out}{err}");
    assert!(
        out.contains("loopback address"),
        "{STEP}: check warns of loopback links: {out}"
    );

    let log = dir.path().join("daemon.log");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(dir.path())
        .arg("run")
        .env("RUST_LOG", "info,tokio_cron_scheduler=warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("zonefeed run");
    let d = DaemonRig {
        dir,
        base: format!("http://127.0.0.1:{port}/"),
        log,
        child,
    };
    let mut ready = false;
    for _ in 0..300 {
        if let Ok(r) = plain_client().get(format!("{}readyz", d.base)).send().await
            && r.status() == 200
        {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "{STEP}: not ready; log:\n{}", d.log_text());
    d
}

/// Sign-up and confirmation through the daemon's HTTP, the mail through its outbox.
async fn step_sign_up_and_confirm_through_the_daemon(d: &DaemonRig) {
    const STEP: &str = "step 2 (sign up and confirm)";
    let mut b = Browser::new();
    let form = b.get(&format!("{}subscribe?region=nantong", d.base)).await;
    assert_eq!(form.status, 200, "{STEP}: {}", form.body);
    let sent = b
        .submit(
            &form,
            &[("email", "daemon-reader@example.cn")],
            &[],
            &[],
            None,
        )
        .await;
    assert_eq!(sent.status, 200, "{STEP}: {}", sent.body);
    let mails = in_step_async(STEP, d.mails(1)).await;
    let link = in_step(STEP, || link_in(&mails[0], "/confirm?r="));
    let page = b.get(&link).await;
    assert_eq!(
        b.submit(&page, &[], &[], &[], None).await.status,
        200,
        "{STEP}: the confirm button"
    );
}

/// The daemon's schedule ("*/2 * * * * *" here) sends the digest: 南通's items only.
async fn step_the_daemons_schedule_sends_the_digest(d: &DaemonRig) {
    const STEP: &str = "step 3 (the scheduled digest)";
    let all = in_step_async(STEP, d.mails(2)).await;
    let digest = all
        .iter()
        .find(|m| m["text"].as_str().unwrap_or("").contains("/manage?r="))
        .unwrap_or_else(|| panic!("{STEP}: a digest"));
    let text = digest["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("南通高新区举办2026年秋季人才招聘会"),
        "{STEP}: {text}"
    );
    assert!(!text.contains("苏州工业园区新闻"), "{STEP}: {text}");
}

/// A config reload (here: a smaller max_items) leaves readers alone, and none is ever
/// written to config.toml.
async fn step_a_config_reload_leaves_readers_alone(d: &DaemonRig) {
    const STEP: &str = "step 4 (config reload)";
    let cfg = d.dir.path().join("config.toml");
    let text = std::fs::read_to_string(&cfg).expect("config");
    std::fs::write(
        &cfg,
        text.replace("enabled = true\n", "enabled = true\nmax_items = 20\n"),
    )
    .expect("edit config");
    let mut reloaded = false;
    for _ in 0..100 {
        if d.log_text().contains("config reloaded") {
            reloaded = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(reloaded, "{STEP}: not reloaded; log:\n{}", d.log_text());
    assert!(
        !std::fs::read_to_string(&cfg)
            .expect("config")
            .contains("daemon-reader"),
        "{STEP}: no reader in config.toml"
    );
}

/// The CLI reaches the store through the daemon's API: the list as JSON and as a table,
/// and the CSV export.
fn step_the_cli_lists_and_exports_readers_through_the_api(d: &DaemonRig) {
    const STEP: &str = "step 5 (zonefeed subscribers, list and export)";
    let (code, out, err) = d.zonefeed(&["subscribers", "--json"]);
    assert_eq!(code, Some(0), "{STEP}: {err}");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{STEP}: json line: {e}: {l}")))
        .collect();
    assert_eq!(rows.len(), 1, "{STEP}: {out}");
    assert_eq!(rows[0]["address"], "daemon-reader@example.cn", "{STEP}");
    assert_eq!(rows[0]["status"], "confirmed", "{STEP}");
    assert_eq!(rows[0]["regions"], serde_json::json!(["nantong"]), "{STEP}");
    assert!(
        rows[0]["confirmed"].is_string() && rows[0]["created"].is_string(),
        "{STEP}: {out}"
    );
    let (_, table, _) = d.zonefeed(&["subscribers"]);
    assert!(
        table.contains("daemon-reader@example.cn") && table.contains("region:nantong"),
        "{STEP}: {table}"
    );
    let (code, csv, err) = d.zonefeed(&["subscribers", "export"]);
    assert_eq!(code, Some(0), "{STEP}: {err}");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0], "address,status,frequency,regions,zones,topics,created,confirmed,unsubscribed",
        "{STEP}: the CSV header"
    );
    assert!(
        lines[1].starts_with("daemon-reader@example.cn,confirmed,daily,nantong,,,"),
        "{STEP}: {csv}"
    );
}

/// A remove needs the daemon's key: a bare POST from loopback (a web page in the admin's
/// browser could send one) is refused; the CLI removes, once.
async fn step_removing_needs_the_daemons_key(d: &DaemonRig) {
    const STEP: &str = "step 6 (zonefeed subscribers remove)";
    let bare = plain_client()
        .post(format!("{}api/readers/remove", d.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("address=daemon-reader%40example.cn")
        .send()
        .await
        .expect("post");
    assert_eq!(bare.status().as_u16(), 403, "{STEP}: a bare POST");
    let (code, out, err) = d.zonefeed(&["subscribers", "remove", "daemon-reader@example.cn"]);
    assert_eq!(code, Some(0), "{STEP}: {out}{err}");
    assert!(out.contains("removed"), "{STEP}: {out}");
    let (code, _, _) = d.zonefeed(&["subscribers", "remove", "daemon-reader@example.cn"]);
    assert_eq!(code, Some(1), "{STEP}: no such subscriber the second time");
    let (_, out, _) = d.zonefeed(&["subscribers", "--json"]);
    assert!(out.trim().is_empty(), "{STEP}: {out}");
}

/// SIGTERM: exit 0; stopped, the CLI opens the store itself and sees the same.
fn step_sigterm_then_the_cli_reads_the_store_itself(mut d: DaemonRig) {
    const STEP: &str = "step 7 (SIGTERM, then the CLI on the store)";
    // SAFETY: signalling our own child.
    unsafe { libc::kill(d.child.id() as libc::pid_t, libc::SIGTERM) };
    let status = d.child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{STEP}: log:\n{}", d.log_text());
    let (_, out, _) = d.zonefeed(&["subscribers", "--json"]);
    assert!(out.trim().is_empty(), "{STEP}: {out}");
}

/// `[[topics]]` offered on the form: "deals" (签约) and "policy" (新政), one name needing
/// escaping.
const TOPICS_EXTRA: &str = "per_ip = \"50/1h\"\n\n[[topics]]\nid = \"deals\"\nname = \"签约<项目>\"\nquery = \"签约\"\n\n[[topics]]\nid = \"policy\"\nname = \"新政\"\nquery = \"新政 OR 政策\"\n";

/// A reader who ticks a topic over real HTTP, confirms, and gets a digest over SMTP holding
/// only that topic's items within the chosen region; the manage page shows the topic
/// ticked; an unknown topic id is refused with the id escaped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_who_chooses_a_topic_gets_only_its_items() {
    let rig = Rig::start(MailTo::Smtp, TOPICS_EXTRA).await;
    let mut browser = Browser::new();
    let form = browser.get(&rig.url("subscribe")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("name=\"topics\" value=\"deals\"")
            && form.body.contains("name=\"topics\" value=\"policy\""),
        "{}",
        form.body
    );
    assert!(
        form.body.contains("签约&lt;项目&gt;") && !form.body.contains("签约<项目>"),
        "topic names escaped"
    );

    // An unknown topic: 400, the id escaped, nothing recorded.
    let (_, mut fields) = form_fields(
        &form.body,
        &[("email", "x@example.com")],
        &[("regions", "jiangsu")],
        &[],
        None,
    );
    fields.push(("topics".into(), "<b>tax</b>".into()));
    let bad = browser.post(&rig.url("subscribe"), &fields, &[]).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(
        bad.body.contains("未知的主题：“&lt;b&gt;tax&lt;/b&gt;”") && !bad.body.contains("<b>tax"),
        "{}",
        bad.body
    );
    assert!(
        rig.store
            .reader_by_address("x@example.com")
            .expect("read")
            .is_none()
    );

    // Jiangsu, topic "deals".
    let form = browser.get(&rig.url("subscribe")).await;
    let sent = browser
        .submit(
            &form,
            &[("email", "topic@example.com")],
            &[("regions", "jiangsu"), ("topics", "deals")],
            &[],
            None,
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let mails = wait_for_mails(&rig, 1).await;
    let link = link_in(&mails[0], "/confirm?r=");
    let page = browser.get(&link).await;
    let done = browser.submit(&page, &[], &[], &[], None).await;
    assert!(done.body.contains("订阅已确认"), "{}", done.body);
    let reader = rig
        .store
        .reader_by_address("topic@example.com")
        .expect("read")
        .expect("recorded");
    assert_eq!(reader.status, ReaderStatus::Confirmed);
    assert_eq!(reader.topics, vec!["deals"]);

    // n1 is in Jiangsu and about 签约; n2 (新政) and s1 are in Jiangsu but not about it;
    // b1 is about 签约 but in Ningbo.
    let out = send_to_readers(&rig).await.expect("send");
    assert!(
        matches!(out.as_slice(), [(id, DigestOutcome::Sent { items: 1, .. })] if id == &reader.id),
        "{out:?}"
    );
    let mails = wait_for_mails(&rig, 2).await;
    let text = mails[1]["text"].as_str().unwrap_or_default();
    assert!(text.contains("南通高新区三个项目集中签约"), "{text}");
    for other in [
        "南通市出台开发区新政",
        "苏州工业园区外资项目落地",
        "宁波开发区项目签约",
    ] {
        assert!(
            !text.contains(other),
            "{other} is not a 签约 item in 江苏:\n{text}"
        );
    }

    // The manage page has the topic ticked, the other not.
    let manage = link_in(&mails[1], "/manage?r=");
    let m = Browser::new().get(&manage).await;
    assert_eq!(m.status, 200, "{}", m.body);
    assert!(ticked(&m.body, "topics", "deals") && !ticked(&m.body, "topics", "policy"));
    assert!(ticked(&m.body, "regions", "jiangsu"));
}

/// The labels whose text, laid out by headless chromium at `width` px, runs under their
/// checkbox or radio (a line of text starting left of the box's right edge). The page is
/// loaded from a file with a measuring script added (the served page's CSP forbids script).
fn labels_wrapping_under_their_box(html: &str, width: u32) -> Vec<String> {
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("Debian's chromium must be installed (apt-get install chromium)");
    // A zone name long enough to wrap on a phone.
    // Three times over: without CJK fonts chromium draws narrow boxes, and the name must
    // still be wider than the phone.
    let long = "苏州工业园区国家级经济技术开发区综合保税区跨境电子商务产业园区（示范）".repeat(3);
    let html = html.replacen("苏州工业园区", &long, 1);
    assert!(html.contains(&long), "a zone to lengthen");
    // Headless chromium's window is at least 500 px wide: the page is held to `width`.
    let html = html.replacen(
        "</head>",
        &format!("<style>html{{max-width:{width}px}}</style></head>"),
        1,
    );
    let script = r#"<script>
addEventListener('load', () => {
  const bad = [];
  for (const l of document.querySelectorAll('label')) {
    const box = l.querySelector('input[type=checkbox],input[type=radio]');
    if (!box) continue;
    const right = box.getBoundingClientRect().right;
    const r = document.createRange();
    for (const n of l.childNodes) {
      if (n === box) continue;
      r.selectNodeContents(n);
      for (const rect of r.getClientRects()) {
        if (rect.width > 0 && rect.left < right - 1) bad.push(l.textContent.trim());
      }
    }
  }
  const out = document.createElement('pre');
  out.id = 'wraps';
  out.textContent = JSON.stringify([...new Set(bad)]);
  document.body.appendChild(out);
});
</script></body>"#;
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("form.html");
    std::fs::write(&page, html.replacen("</body>", script, 1)).expect("write");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--window-size={width},4000"))
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = dom
        .split("<pre id=\"wraps\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no measurement in the DOM: {dom}"));
    let json = json.replace("&quot;", "\"").replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

//! Real government sites' list and article layouts, served on loopback and polled into the
//! store: a link that is its own list item, article fields in `<meta>` tags, Hanweb (大汉)
//! lists held in CDATA records, `document.write` lists, JSON list APIs (plain, and JSON that
//! holds the list's HTML), POST form and JSON-body APIs, and a warm-up page whose cookies
//! go with later requests. Requests are asserted as the test server saw them.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use common::{Install, Response, TestServer};
use zonefeed::config::Config;
use zonefeed::model::Item;
use zonefeed::poll::{PollResult, PollStats, Poller};
use zonefeed::store::{Selector, Store};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::fixture_path(&format!("sites/{name}"))).expect("fixture")
}

/// A config with one region and two zones, loopback allowed, and `sources` appended.
fn config_text(sources: &str) -> String {
    format!(
        r##"[poll]
allow_private_networks = true
timeout = "5s"
[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "suzhou"
name = "苏州市"
parent = "jiangsu"
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
aliases = ["苏州园区"]
[[zones]]
id = "suzhou-snd"
name = "苏州高新技术产业开发区"
region = "suzhou"
aliases = ["苏州高新区"]

{sources}"##
    )
}

struct Rig {
    _install: Install,
    config: Arc<Config>,
    store: Store,
    poller: Poller,
}

fn rig(sources: &str) -> Rig {
    let install = Install::new(&config_text(sources));
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

    /// Stored items of a source, newest first.
    fn items(&self, source: &str) -> Vec<Item> {
        let mut items = self
            .store
            .newest(&Selector::Source(source.into()), 100, |_| true)
            .expect("items");
        items.sort_by_key(|i| std::cmp::Reverse(i.published));
        items
    }
}

fn ok(r: &PollResult) -> PollStats {
    match r {
        PollResult::Ok(s) => s.clone(),
        other => panic!("expected success: {other:?}"),
    }
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// (title, link, published) of each item, newest first, for one assertion per source.
fn summary(items: &[Item]) -> Vec<(String, String, DateTime<Utc>)> {
    items
        .iter()
        .map(|i| {
            (
                i.title.clone(),
                i.link.clone().unwrap_or_default(),
                i.published,
            )
        })
        .collect()
}

/// `ul.list a[title]`: the selected element is the link itself, so it is each item's link,
/// and its title attribute (the whole title, where the text is cut short) its title.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_selected_as_the_item_is_its_own_link_and_title() {
    let server = TestServer::start().await;
    server.route(
        "/kfq/kfqdt/index.shtml",
        Response::ok("text/html; charset=utf-8", fixture("mofcom-list.html")),
    );
    let r = rig(&format!(
        r#"[[sources]]
id = "mofcom"
kind = "html"
url = "{}"
region = "jiangsu"
[sources.list]
item = "ul.txtList_01 a[title]"
date = "span.time"
"#,
        server.url("/kfq/kfqdt/index.shtml")
    ));
    let s = ok(&r.poll("mofcom").await);
    assert_eq!((s.entries, s.new), (3, 3));
    let base = server.url("");
    assert_eq!(
        summary(&r.items("mofcom")),
        [
            (
                "国家级经济技术开发区综合发展水平考核评价结果发布".to_string(),
                format!("{base}/kfq/kfqdt/202611/20261125103012345.shtml"),
                t("2026-11-25T00:00:00+08:00")
            ),
            (
                "商务部召开国家级经开区高质量发展工作推进会部署稳外资稳外贸".to_string(),
                format!("{base}/kfq/kfqdt/202611/20261121091511872.shtml"),
                t("2026-11-21T00:00:00+08:00")
            ),
            (
                "前10月国家级经开区实际使用外资同比增长".to_string(),
                format!("{base}/kfq/202611/20261118160000777.shtml"),
                t("2026-11-18T00:00:00+08:00")
            ),
        ]
    );
}

/// Elements matched, but none of them is an item (no link, no title): that is a layout the
/// rules no longer fit, reported like an item selector that matches nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_without_a_link_or_title_are_a_rule_that_matches_nothing() {
    let server = TestServer::start().await;
    server.route(
        "/kfq/kfqdt/index.shtml",
        Response::ok("text/html; charset=utf-8", fixture("mofcom-list.html")),
    );
    let r = rig(&format!(
        r#"[[sources]]
id = "mofcom"
kind = "html"
url = "{}"
region = "jiangsu"
[sources.list]
item = "ul.txtList_01 span.time"
"#,
        server.url("/kfq/kfqdt/index.shtml")
    ));
    match r.poll("mofcom").await {
        PollResult::Failed { error, .. } => {
            assert!(error.contains("rule matches nothing"), "{error}");
            assert!(error.contains("ul.txtList_01 span.time"), "{error}");
            assert!(error.contains("3 elements"), "{error}");
        }
        other => panic!("{other:?}"),
    }
}

/// Many government CMSs (TRS, Hanweb) give an article's date, 来源 and full title only, or
/// best, in `<meta>` tags of the head: selectors reach the head, and `*_attr` reads an
/// attribute instead of the text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_date_source_and_title_from_meta_tags() {
    let server = TestServer::start().await;
    server.route(
        "/kfq/kfqdt/index.shtml",
        Response::ok("text/html; charset=utf-8", fixture("mofcom-list.html")),
    );
    server.route(
        "/kfq/kfqdt/202611/20261121091511872.shtml",
        Response::ok("text/html; charset=utf-8", fixture("gov-article.html")),
    );
    let r = rig(&format!(
        r##"[[sources]]
id = "mofcom"
kind = "html"
url = "{}"
region = "jiangsu"
[sources.list]
item = "ul.txtList_01 li"
title = "span.tit"
date = "span.time"
[sources.article]
content = "#zoom"
title = "meta[name=ArticleTitle]"
title_attr = "content"
date = "meta[name=PubDate]"
date_attr = "content"
source = "meta[name='ContentSource']"
source_attr = "content"
"##,
        server.url("/kfq/kfqdt/index.shtml")
    ));
    let s = ok(&r.poll("mofcom").await);
    assert_eq!((s.entries, s.new, s.article_errors.len()), (3, 3, 2));
    let items = r.items("mofcom");
    let read = items
        .iter()
        .find(|i| {
            i.link
                .as_deref()
                .is_some_and(|l| l.contains("20261121091511872"))
        })
        .expect("the article that exists");
    // The list cut the title short; the article's meta tag has it whole (this page's meta
    // belongs to another article, which is how the test sees that it was read).
    assert_eq!(
        read.title,
        "国家级经济技术开发区综合发展水平考核评价结果发布"
    );
    assert_eq!(read.published, t("2026-11-25T10:30:00+08:00"));
    assert_eq!(read.author.as_deref(), Some("外资司"));
    let content = read.content.as_deref().unwrap_or_default();
    assert!(
        content.contains(&format!(
            "src=\"{}\"",
            server.url("/kfq/upload/202611/20261125_kfq.jpg")
        )),
        "{content}"
    );
    // The others kept their list fields and wait for their article.
    let pending: Vec<&Item> = items.iter().filter(|i| i.article_pending).collect();
    assert_eq!(pending.len(), 2);
    assert!(
        pending
            .iter()
            .any(|i| i.title == "前10月国家级经开区实际使用外资同比增长")
    );
    // Polled again, the list's shorter title does not undo the article's.
    let s = ok(&r.poll("mofcom").await);
    assert_eq!((s.new, s.updated), (0, 0));
    assert_eq!(
        server
            .requests("/kfq/kfqdt/202611/20261121091511872.shtml")
            .len(),
        1
    );
}

/// Parses `text` as config.toml and returns every problem, one per line.
fn check_problems(text: &str) -> String {
    match Config::parse(
        text,
        std::path::Path::new("config.toml"),
        std::path::Path::new("/"),
    ) {
        Ok(_) => panic!("must fail:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn assert_reports(err: &str, expected: &[&str]) {
    for e in expected {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
}

#[test]
fn check_reports_attribute_keys_at_their_position() {
    let err = check_problems(
        r#"[[regions]]
id = "suzhou"
name = "苏州市"
[[sources]]
id = "x"
kind = "html"
url = "http://www.example.gov.cn/list.html"
region = "suzhou"
[sources.list]
item = "li"
title_attr = "title"
date = "span"
date_attr = "data time"
[sources.article]
source_attr = "content"
"#,
    );
    assert_reports(
        &err,
        &[
            "config.toml:11:14: title_attr needs title (a selector: the attribute is read from the element it picks)",
            "config.toml:13:13: date_attr must be an attribute name such as \"content\" or \"data-url\", not \"data time\"",
            "config.toml:15:15: source_attr needs source",
        ],
    );
}

/// Hanweb (大汉) column pages keep each list row as a CDATA `<record>` inside
/// `<script type="text/xml">`; the page is GBK, served without a charset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hanweb_cdata_records_inside_a_script_are_list_items() {
    let server = TestServer::start().await;
    server.route(
        "/col/col4839/index.html",
        Response::ok("text/html", fixture("hanweb-column-gbk.html")),
    );
    let r = rig(&format!(
        r#"[[sources]]
id = "suzhou-gov"
kind = "html"
url = "{}"
region = "suzhou"
[sources.list]
embedded = true
item = "div[id='4839'] li"
date = "span.bt-data-time"
"#,
        server.url("/col/col4839/index.html")
    ));
    let s = ok(&r.poll("suzhou-gov").await);
    assert_eq!((s.charset, s.entries, s.new), ("GBK", 3, 3));
    let items = r.items("suzhou-gov");
    assert_eq!(
        summary(&items),
        [
            (
                "苏州工业园区12个重大项目集中签约总投资超300亿元".to_string(),
                server.url("/art/2026/11/25/art_4839_1287345.html"),
                t("2026-11-25T00:00:00+08:00")
            ),
            (
                "苏州高新区纳米新材料产业园二期开工".to_string(),
                server.url("/art/2026/11/24/art_4839_1287211.html"),
                t("2026-11-24T00:00:00+08:00")
            ),
            (
                "园区“投资苏州”上海专场推介会签约项目58个".to_string(),
                "http://www.sipac.gov.cn/szgyyq/tzdt/202611/t20261120_1261.html".to_string(),
                t("2026-11-20T00:00:00+08:00")
            ),
        ]
    );
    let zones: Vec<Option<&str>> = items.iter().map(|i| i.zone.as_deref()).collect();
    assert_eq!(
        zones,
        [Some("suzhou-sip"), Some("suzhou-snd"), None],
        "zones found in the titles (园区 alone is no zone's name)"
    );
}

/// Old CMS templates print each row with `document.write`, the link and title in
/// variables; the same page without `embedded` has no items, which is an error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_write_rows_are_list_items() {
    let server = TestServer::start().await;
    server.route(
        "/ksetdz/yqdt/index.html",
        Response::ok("text/html", fixture("docwrite-list-gbk.html")),
    );
    let source = |embedded: bool| {
        format!(
            r#"[[sources]]
id = "ksetdz"
kind = "html"
url = "{}"
region = "suzhou"
[sources.list]
embedded = {embedded}
item = "ul.news_list li"
date = "span.date"
"#,
            server.url("/ksetdz/yqdt/index.html")
        )
    };
    let r = rig(&source(true));
    let s = ok(&r.poll("ksetdz").await);
    assert_eq!((s.charset, s.entries, s.new), ("GBK", 2, 2));
    assert_eq!(
        summary(&r.items("ksetdz")),
        [
            (
                "昆山开发区集成电路产业项目集中签约 总投资120亿元".to_string(),
                server.url("/ksetdz/yqdt/202611/t20261125_88512.html"),
                t("2026-11-25T10:30:00+08:00")
            ),
            (
                "昆山开发区举办“智造强区”人才招聘会".to_string(),
                server.url("/ksetdz/yqdt/202611/t20261123_88470.html"),
                t("2026-11-23T09:00:00+08:00")
            ),
        ]
    );
    let plain = rig(&source(false));
    match plain.poll("ksetdz").await {
        PollResult::Failed { error, .. } => {
            assert!(error.contains("rule matches nothing"), "{error}")
        }
        other => panic!("{other:?}"),
    }
}

/// Runs the zonefeed binary in `dir` off the runtime, so the test server keeps answering.
async fn zonefeed(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        common::zonefeed(&dir, &args)
    })
    .await
    .expect("join")
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_lines(o: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const HANWEB_PROXY: &str = "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15";

/// A Hanweb column polled through its `dataproxy.jsp` API by the `zonefeed poll` binary.
struct HanwebPolled {
    server: TestServer,
    install: Install,
    port: u16,
    /// The column page: the warm-up address and every request's Referer.
    column: String,
}

/// A Hanweb list read through its `dataproxy.jsp` API as the column page's script does:
/// a warm-up GET of the column page (whose session cookies then go with every request to
/// that host, by path), then a POST of the column's form with the column page as Referer.
/// The answer is XML whose records are CDATA. Article pages get the cookies and headers;
/// a link to another host gets the headers but not the cookies. Polled once; the tests
/// below each check one part of what the server saw or what was stored.
async fn hanweb_polled() -> HanwebPolled {
    let server = TestServer::start().await;
    let port = server.addr.port();
    server.route(
        "/col/col4839/index.html",
        Response::ok("text/html", fixture("hanweb-column-gbk.html"))
            .header("Set-Cookie", "JSESSIONID=8F1E2D4C9B7A; Path=/; HttpOnly")
            .header(
                "Set-Cookie",
                "wzws_sessionid=gZmE2NGQ0Mw==; path=/; HttpOnly",
            )
            .header("Set-Cookie", "hw_col=4839; Path=/col")
            .header("Set-Cookie", "old=1; Path=/; Max-Age=0"),
    );
    let proxy = String::from_utf8(fixture("hanweb-dataproxy.xml"))
        .expect("utf-8")
        .replace("{PORT}", &port.to_string());
    server.route(
        HANWEB_PROXY,
        Response::ok("text/xml;charset=UTF-8", proxy)
            .header("Set-Cookie", "dp_seen=1; Path=/module/web"),
    );
    server.route(
        "/art/2026/11/25/art_4839_1287345.html",
        Response::ok("text/html", fixture("hanweb-article-gbk.html")),
    );
    // The same page, published the day before (its date is ASCII inside the GBK bytes).
    let mut earlier = fixture("hanweb-article-gbk.html");
    let at = earlier
        .windows(16)
        .position(|w| w == b"2026-11-25 10:30")
        .expect("PubDate");
    earlier[at..at + 16].copy_from_slice(b"2026-11-24 16:05");
    server.route(
        "/art/2026/11/24/art_4839_1287211.html",
        Response::ok("text/html", earlier),
    );
    let column = server.url("/col/col4839/index.html");
    let install = Install::new(&config_text(&format!(
        r##"[[sources]]
id = "suzhou-gov"
name = "苏州市人民政府 开发区动态"
kind = "html"
url = "{proxy}"
region = "suzhou"
[sources.request]
method = "POST"
form = {{ col = "1", appid = "1", webid = "1", path = "/", columnid = "4839", sourceContentType = "1", unitid = "17101", webname = "苏州市人民政府", permissiontype = 0 }}
headers = {{ Referer = "{column}", X-Requested-With = "XMLHttpRequest" }}
warmup = "{column}"
[sources.list]
embedded = true
item = "recordset li"
date = "span.bt-data-time"
[sources.article]
content = "#zoom"
date = "meta[name=PubDate]"
date_attr = "content"
source = "meta[name=ContentSource]"
source_attr = "content"
"##,
        proxy = server.url(HANWEB_PROXY),
    )));
    let out = zonefeed(install.dir.path(), &["poll"]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "setup (zonefeed poll): {}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("items: 2 new"),
        "setup (zonefeed poll): {}",
        stdout(&out)
    );
    HanwebPolled {
        server,
        install,
        port,
        column,
    }
}

/// The requests, in order, as the server saw them: the warm-up GET (with no cookie yet),
/// the list's POST, then each article.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warm_up_get_comes_first_without_cookies_then_the_post_then_the_articles() {
    let h = hanweb_polled().await;
    let seen: Vec<(String, String)> = h
        .server
        .all_requests()
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".into(), "/col/col4839/index.html".into()),
            ("POST".into(), HANWEB_PROXY.into()),
            ("GET".into(), "/art/2026/11/25/art_4839_1287345.html".into()),
            ("GET".into(), "/art/2026/11/24/art_4839_1287211.html".into()),
        ]
    );
    let warm = &h.server.requests("/col/col4839/index.html")[0];
    assert_eq!(warm.headers.get("cookie"), None, "nothing to send yet");
}

/// The list's POST: the form as written, its length, the cookies of the warm-up whose
/// path matches, the Referer and the extra header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_post_form_carries_its_fields_in_order_the_matching_cookies_and_headers() {
    let h = hanweb_polled().await;
    let post = &h.server.requests(HANWEB_PROXY)[0];
    assert_eq!(
        post.headers.get("content-type").map(String::as_str),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&post.body),
        "col=1&appid=1&webid=1&path=%2F&columnid=4839&sourceContentType=1&unitid=17101&webname=%E8%8B%8F%E5%B7%9E%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0",
        "the form's fields in the order written, UTF-8 percent-encoded"
    );
    assert_eq!(
        post.headers.get("content-length").map(String::as_str),
        Some(post.body.len().to_string().as_str())
    );
    assert_eq!(
        post.headers.get("cookie").map(String::as_str),
        Some("JSESSIONID=8F1E2D4C9B7A; wzws_sessionid=gZmE2NGQ0Mw=="),
        "not hw_col (Path=/col) nor old (expired)"
    );
    assert_eq!(post.headers.get("referer"), Some(&h.column));
    assert_eq!(
        post.headers.get("x-requested-with").map(String::as_str),
        Some("XMLHttpRequest")
    );
}

/// An article on the same host gets the cookies whose path matches and the Referer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_on_the_same_host_gets_the_matching_cookies_and_the_referer() {
    let h = hanweb_polled().await;
    let article = &h.server.requests("/art/2026/11/25/art_4839_1287345.html")[0];
    assert_eq!(
        article.headers.get("cookie").map(String::as_str),
        Some("JSESSIONID=8F1E2D4C9B7A; wzws_sessionid=gZmE2NGQ0Mw=="),
        "not dp_seen (Path=/module/web)"
    );
    assert_eq!(article.headers.get("referer"), Some(&h.column));
}

/// An article linked on another host (`localhost` for `127.0.0.1`) gets the Referer but
/// none of the cookies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_on_another_host_gets_the_referer_but_no_cookies() {
    let h = hanweb_polled().await;
    let elsewhere = &h.server.requests("/art/2026/11/24/art_4839_1287211.html")[0];
    assert_eq!(
        elsewhere.headers.get("host").map(String::as_str),
        Some(format!("localhost:{}", h.port).as_str())
    );
    assert_eq!(
        elsewhere.headers.get("cookie"),
        None,
        "cookies go only to the host that set them"
    );
    assert_eq!(elsewhere.headers.get("referer"), Some(&h.column));
}

/// What was stored: the list's whole titles, absolute links, the article's date and 来源.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hanweb_items_are_stored_with_whole_titles_absolute_links_dates_and_source() {
    let h = hanweb_polled().await;
    let port = h.port;
    let out = zonefeed(
        h.install.dir.path(),
        &["items", "--source", "suzhou-gov", "--json"],
    )
    .await;
    let items = json_lines(&out);
    let got: Vec<(&str, &str, &str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["title"].as_str().unwrap_or(""),
                i["link"].as_str().unwrap_or(""),
                i["published"].as_str().unwrap_or(""),
                i["author"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let first = h.server.url("/art/2026/11/25/art_4839_1287345.html");
    let second = format!("http://localhost:{port}/art/2026/11/24/art_4839_1287211.html");
    assert_eq!(
        got,
        [
            (
                "苏州工业园区12个重大项目集中签约总投资超300亿元",
                first.as_str(),
                "2026-11-25T02:30:00Z",
                "苏州日报"
            ),
            (
                "苏州高新区纳米新材料产业园二期开工",
                second.as_str(),
                "2026-11-24T08:05:00Z",
                "苏州日报"
            ),
        ]
    );
    assert_eq!(items[0]["zone"], "suzhou-sip");
}

#[test]
fn check_reports_request_keys_at_their_position() {
    let err = check_problems(
        r#"[[regions]]
id = "suzhou"
name = "苏州市"
[[sources]]
id = "a"
url = "http://www.example.gov.cn/api/list"
region = "suzhou"
[sources.request]
method = "PUT"
form = { channelid = "77", page = [1] }
json = '{"pageSize": 20'
headers = { Referer = "http://www.example.gov.cn/", "Bad Name" = "x", Host = "x", X-City = "苏州" }
warmup = "ftp://www.example.gov.cn/"
[[sources]]
id = "b"
url = "http://www.example.gov.cn/api/list"
region = "suzhou"
[sources.request]
json = '{"pageSize": 20}'
[[sources]]
id = "c"
url = "file:list.html"
region = "suzhou"
[sources.request]
method = "POST"
"#,
    );
    assert_reports(
        &err,
        &[
            "config.toml:9:10: method must be \"GET\" or \"POST\", not \"PUT\"",
            "config.toml:10:35: form values must be strings or numbers, not an array",
            "config.toml:11:8: json: not valid JSON: EOF while parsing an object at line 1 column 15",
            "config.toml:11:8: give form or json, not both",
            "config.toml:12:53: headers: \"Bad Name\" is not an HTTP header name",
            "config.toml:12:71: headers: Host is set by zonefeed for each request",
            "config.toml:12:92: headers: the value of X-City must be printable ASCII",
            "config.toml:13:10: warmup must be an http(s) URL, not \"ftp://www.example.gov.cn/\"",
            "config.toml:19:8: a form or json body needs method = \"POST\"",
            "config.toml:24:1: [sources.request] is for http(s) sources",
        ],
    );
}

/// A JSON list API (GET): items at a dotted path, fields by name, dates in any form we
/// read (a Beijing-time string, Chinese, or JavaScript milliseconds), and each link's
/// article page followed as for HTML lists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_list_api_with_dotted_paths_and_articles() {
    let server = TestServer::start().await;
    server.route(
        "/api/list?channel=kfqdt&page=1",
        Response::ok("application/json;charset=UTF-8", fixture("suzhou-api.json")),
    );
    server.route(
        "/szsrmzf/kfqdt/202611/c8a1f2.shtml",
        Response::ok(
            "text/html; charset=utf-8",
            "<html><head><meta name=\"PubDate\" content=\"2026-11-25 10:30\"></head><body><div class=\"article-content\"><p>园区前三季度实际使用外资23.6亿美元。</p></div></body></html>",
        ),
    );
    let r = rig(&format!(
        r#"[[sources]]
id = "suzhou-api"
kind = "json"
url = "{}"
region = "suzhou"
[sources.json]
items = "data.infolist"
title = "title"
link = "link"
date = "pubtime"
summary = "digest"
author = "source"
[sources.article]
content = "div.article-content"
max_per_poll = 1
"#,
        server.url("/api/list?channel=kfqdt&page=1")
    ));
    let s = ok(&r.poll("suzhou-api").await);
    assert_eq!((s.format, s.entries, s.new), ("json-api", 3, 3));
    let items = r.items("suzhou-api");
    assert_eq!(
        summary(&items),
        [
            (
                "苏州工业园区前三季度实际使用外资同比增长12.6%".to_string(),
                server.url("/szsrmzf/kfqdt/202611/c8a1f2.shtml"),
                t("2026-11-25T10:30:00+08:00")
            ),
            (
                "苏州高新区举办2026年度集成电路产业招商推介会".to_string(),
                "https://www.snd.gov.cn/szgxq/tzdt/202611/c8a1d7.shtml".to_string(),
                t("2026-11-24T15:00:00+08:00")
            ),
            (
                "全市开发区高质量发展推进会召开".to_string(),
                server.url("/szsrmzf/kfqdt/202611/c8a1a0.shtml"),
                t("2026-11-24T10:00:00+08:00")
            ),
        ]
    );
    let first = &items[0];
    assert_eq!(first.author.as_deref(), Some("苏州日报"));
    assert_eq!(first.zone.as_deref(), Some("suzhou-sip"));
    let summary_html = first.summary.as_deref().unwrap_or_default();
    assert!(
        summary_html.contains(&format!(
            "src=\"{}\"",
            server.url("/uploads/2026/11/fdi.png")
        )),
        "{summary_html}"
    );
    assert!(
        first
            .content
            .as_deref()
            .unwrap_or_default()
            .contains("23.6亿美元")
    );
    assert_eq!(items[1].author.as_deref(), Some("苏州高新区管委会"));
    assert_eq!(items[1].zone.as_deref(), Some("suzhou-snd"));
    assert_eq!(items[2].author, None);

    // The API changed shape: the path finds nothing, and the source says so.
    server.route(
        "/api/list?channel=kfqdt&page=1",
        Response::ok("application/json", r#"{"code":"200","result":{"rows":[]}}"#),
    );
    match r.poll("suzhou-api").await {
        PollResult::Failed { error, .. } => assert!(
            error.contains("rule matches nothing: path \"data.infolist\" found no array"),
            "{error}"
        ),
        other => panic!("{other:?}"),
    }
}

/// JSON whose field holds the list's HTML (the 两江新区 pattern): `[sources.list]` reads it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_holding_the_lists_html_is_read_by_the_list_rules() {
    let server = TestServer::start().await;
    server.route(
        "/ljxq/xwzx/ljyw/list.json?page=1",
        Response::ok("application/json", fixture("liangjiang-html.json")),
    );
    let r = rig(&format!(
        r#"[[sources]]
id = "liangjiang"
kind = "json"
url = "{}"
region = "suzhou"
[sources.json]
html = "data.html"
[sources.list]
item = "ul.news-list li"
date = "span.time"
"#,
        server.url("/ljxq/xwzx/ljyw/list.json?page=1")
    ));
    let s = ok(&r.poll("liangjiang").await);
    assert_eq!((s.entries, s.new), (2, 2));
    assert_eq!(
        summary(&r.items("liangjiang")),
        [
            (
                "两江新区11个重大项目集中签约 总投资186亿元".to_string(),
                server.url("/ljxq/xwzx/ljyw/202611/t20261125_14321.html"),
                t("2026-11-25T00:00:00+08:00")
            ),
            (
                "两江新区汽车电子产业园二期开工".to_string(),
                server.url("/ljxq/xwzx/ljyw/202611/t20261123_14302.html"),
                t("2026-11-23T00:00:00+08:00")
            ),
        ]
    );
}

/// POST APIs: one takes a JSON body and gives only ids (the link is built from a
/// template), one takes a form and answers JSONP. Bodies and headers as the server saw
/// them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_apis_with_a_json_body_and_a_form_answering_jsonp() {
    let server = TestServer::start().await;
    server.route(
        "/jsswt/api/article/page",
        Response::ok("application/json", fixture("jiangsu-commerce-api.json")),
    );
    server.route(
        "/module/search/index.jsp",
        Response::ok("application/javascript", fixture("commerce-jsonp.js")),
    );
    let r = rig(&format!(
        r#"[[sources]]
id = "commerce-json"
kind = "json"
url = "{json_api}"
region = "jiangsu"
[sources.request]
method = "POST"
json = '{{"pageNo":1,"pageSize":20,"columnId":"2411"}}'
headers = {{ Referer = "{referer}", Accept = "application/json, text/plain, */*" }}
[sources.json]
items = "data.records"
title = "articleTitle"
link = "/jsswt/art/detail.html?id={{id}}&columnId={{columnId}}"
date = "publishTime"
summary = "summary"
author = "sourceName"

[[sources]]
id = "commerce-form"
kind = "json"
url = "{form_api}"
region = "jiangsu"
[sources.request]
method = "POST"
form = {{ channelid = "77", pagesize = "20", searchword = "开发区" }}
[sources.json]
items = "result.list"
title = "title"
link = "url"
date = "time"
author = "laiyuan"
"#,
        json_api = server.url("/jsswt/api/article/page"),
        referer = server.url("/jsswt/kfq/index.html"),
        form_api = server.url("/module/search/index.jsp"),
    ));
    let s = ok(&r.poll("commerce-json").await);
    assert_eq!((s.entries, s.new), (2, 2));
    assert_eq!(
        summary(&r.items("commerce-json")),
        [
            (
                "全省开发区招商引资工作推进会在南京召开".to_string(),
                server.url("/jsswt/art/detail.html?id=1843972&columnId=2411"),
                t("2026-11-25T10:30:00+08:00")
            ),
            (
                "苏州工业园区获评国家级经开区综合考评第一".to_string(),
                server.url("/jsswt/art/detail.html?id=1843951&columnId=2411"),
                t("2026-11-24T09:00:00+08:00")
            ),
        ]
    );
    let post = &server.requests("/jsswt/api/article/page")[0];
    assert_eq!(post.method, "POST");
    assert_eq!(
        post.headers.get("content-type").map(String::as_str),
        Some("application/json;charset=UTF-8")
    );
    assert_eq!(
        String::from_utf8_lossy(&post.body),
        r#"{"pageNo":1,"pageSize":20,"columnId":"2411"}"#
    );
    assert_eq!(
        post.headers.get("accept").map(String::as_str),
        Some("application/json, text/plain, */*"),
        "a configured header replaces zonefeed's own"
    );
    assert_eq!(
        post.headers.get("referer").map(String::as_str),
        Some(server.url("/jsswt/kfq/index.html").as_str())
    );
    assert!(!post.headers.contains_key("if-none-match"));

    let s = ok(&r.poll("commerce-form").await);
    assert_eq!((s.entries, s.new), (1, 1));
    let item = &r.items("commerce-form")[0];
    assert_eq!(
        (item.title.as_str(), item.link.as_deref(), item.published),
        (
            "江苏自贸试验区苏州片区新增外资项目28个",
            Some("http://swt.jiangsu.gov.cn/art/2026/11/25/art_77_1123456.html"),
            t("2026-11-25T16:20:00+08:00")
        )
    );
    assert_eq!(item.author.as_deref(), Some("苏州市商务局"));
    let post = &server.requests("/module/search/index.jsp")[0];
    assert_eq!(post.method, "POST");
    assert_eq!(
        post.headers.get("content-type").map(String::as_str),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&post.body),
        "channelid=77&pagesize=20&searchword=%E5%BC%80%E5%8F%91%E5%8C%BA"
    );
}

/// A site whose pages are drawn by a script from two APIs: the list gives ids, and each
/// item's text comes from its own detail API (`[sources.json.article]`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_items_article_from_its_own_json_api() {
    let server = TestServer::start().await;
    server.route(
        "/api/content/list?catalogId=1021&pageNo=1",
        Response::ok("application/json", fixture("jbxq-list.json")),
    );
    server.route(
        "/api/content/detail?contentId=58213",
        Response::ok("application/json", fixture("jbxq-detail-58213.json")),
    );
    let install_text = config_text(&format!(
        r#"[[regions]]
id = "nanjing"
name = "南京市"
[[zones]]
id = "nanjing-jiangbei"
name = "南京江北新区"
region = "nanjing"

[[sources]]
id = "jbxq"
kind = "json"
url = "{}"
region = "nanjing"
[sources.json]
items = "data.list"
title = "title"
link = "/#/news/detail?id={{contentId}}"
date = "publishDate"
[sources.json.article]
url = "/api/content/detail?contentId={{contentId}}"
title = "data.title"
content = "data.content"
date = "data.publishDate"
source = "data.source"
zone = "data.zoneName"
"#,
        server.url("/api/content/list?catalogId=1021&pageNo=1")
    ));
    let install = Install::new(&install_text);
    let config = Arc::new(install.config());
    let store = Store::open(&config.service.data_dir).expect("store");
    let poller = Poller::new(config.clone(), store.clone()).expect("poller");
    let source = config.source("jbxq").expect("source").clone();
    let s = ok(&poller.poll_source(&source).await.result);
    assert_eq!((s.entries, s.new), (2, 2));
    assert_eq!(s.article_errors.len(), 1, "58190 has no detail yet");
    let mut items = store
        .newest(&Selector::Source("jbxq".into()), 10, |_| true)
        .expect("items");
    items.sort_by_key(|i| std::cmp::Reverse(i.published));
    let read = &items[0];
    assert_eq!(
        (read.title.as_str(), read.link.as_deref(), read.published),
        (
            "江北新区集成电路设计产业园再添12家企业 总投资超40亿元",
            Some(server.url("/#/news/detail?id=58213").as_str()),
            t("2026-11-25T10:30:00+08:00")
        )
    );
    assert_eq!(read.author.as_deref(), Some("南京日报"));
    assert_eq!(read.zone.as_deref(), Some("nanjing-jiangbei"));
    let content = read.content.as_deref().unwrap_or_default();
    assert!(
        content.contains(&format!(
            "src=\"{}\"",
            server.url("/upload/2026/11/25/58213_1.jpg")
        )) && !content.contains("track()"),
        "{content}"
    );
    assert!(items[1].article_pending);
    assert_eq!(items[1].title, "南京江北新区生物医药谷二期竣工");

    // Read once: a second poll asks only for the detail still missing.
    let s = ok(&poller.poll_source(&source).await.result);
    assert_eq!((s.new, s.updated), (0, 0));
    assert_eq!(
        server.requests("/api/content/detail?contentId=58213").len(),
        1
    );
    assert_eq!(
        server.requests("/api/content/detail?contentId=58190").len(),
        2
    );
}

#[test]
fn check_reports_json_keys_at_their_position() {
    let err = check_problems(
        r#"[[regions]]
id = "suzhou"
name = "苏州市"
[[sources]]
id = "a"
kind = "json"
url = "http://www.example.gov.cn/api/list"
region = "suzhou"
[sources.json]
items = "data..list"
link = "/detail?id={id"
[[sources]]
id = "b"
kind = "json"
url = "http://www.example.gov.cn/api/list"
region = "suzhou"
[sources.json]
html = "data.html"
title = "title"
[[sources]]
id = "c"
kind = "json"
url = "http://www.example.gov.cn/api/list"
region = "suzhou"
[[sources]]
id = "d"
url = "http://www.example.gov.cn/rss.xml"
region = "suzhou"
[sources.json]
items = "."
[[sources]]
id = "e"
kind = "json"
url = "http://www.example.gov.cn/api/list"
region = "suzhou"
[sources.json]
items = "data.list"
title = "title"
[sources.json.article]
content = "data.content"
max_per_poll = 5000
[sources.article]
content = "div.content"
"#,
    );
    assert_reports(
        &err,
        &[
            "config.toml:9:1: [sources.json] is missing required key \"title\"",
            "config.toml:10:9: items: \"data..list\" is not a dotted path such as \"data.list\"",
            "config.toml:11:8: link: \"/detail?id={id\": '{' without '}'",
            "config.toml:17:1: html = … needs a [sources.list] table",
            "config.toml:19:9: title: with html = …, the [sources.list] rules read each item",
            "config.toml:20:1: a json source needs a [sources.json] table",
            "config.toml:29:1: [sources.json] rules need kind = \"json\" on the source",
            "config.toml:39:1: [sources.json.article] is missing required key \"url\"",
            "config.toml:41:16: max_per_poll must be between 0 and 1000",
            "config.toml:42:1: give [sources.article] (each link's page) or [sources.json.article] (each item's own API), not both",
        ],
    );
}

/// `inspect --source` dry-runs the whole of it: warm-up, POST, cookies, JSON paths and
/// article API, storing nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inspect_source_dry_runs_request_options_and_json_rules() {
    let server = TestServer::start().await;
    server.route(
        "/jsswt/kfq/index.html",
        Response::ok("text/html", "<html><body>开发区</body></html>")
            .header("Set-Cookie", "SESSION=ZjA4; Path=/jsswt; HttpOnly"),
    );
    server.route(
        "/jsswt/api/article/page",
        Response::ok("application/json", fixture("jiangsu-commerce-api.json")),
    );
    let install = Install::new(&config_text(&format!(
        r#"[[sources]]
id = "commerce"
kind = "json"
url = "{api}"
region = "jiangsu"
[sources.request]
method = "POST"
json = '{{"pageNo":1,"pageSize":20,"columnId":"2411"}}'
headers = {{ Referer = "{page}" }}
warmup = "{page}"
[sources.json]
items = "data.records"
title = "articleTitle"
link = "/jsswt/art/detail.html?id={{id}}"
date = "publishTime"
author = "sourceName"
"#,
        api = server.url("/jsswt/api/article/page"),
        page = server.url("/jsswt/kfq/index.html"),
    )));
    let out = zonefeed(
        install.dir.path(),
        &["inspect", "--source", "commerce", "--json"],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["title"], "全省开发区招商引资工作推进会在南京召开");
    assert_eq!(
        lines[0]["link"],
        server.url("/jsswt/art/detail.html?id=1843972")
    );
    assert_eq!(lines[0]["published"], "2026-11-25T02:30:00Z");
    assert_eq!(lines[0]["author"], "江苏省商务厅");
    assert_eq!(lines[1]["zone"], "suzhou-sip");
    let post = &server.requests("/jsswt/api/article/page")[0];
    assert_eq!(
        post.headers.get("cookie").map(String::as_str),
        Some("SESSION=ZjA4")
    );

    let out = zonefeed(install.dir.path(), &["inspect", "--source", "commerce"]).await;
    let text = stdout(&out);
    assert!(text.contains("2 entries (json-api, UTF-8"), "{text}");
    assert!(
        text.contains(&format!(
            "request: POST json (44 bytes); headers Referer; warm-up {}; 1 cookie kept",
            server.url("/jsswt/kfq/index.html")
        )),
        "{text}"
    );
    assert!(
        !install.dir.path().join("data").exists(),
        "a dry run stores nothing"
    );
}

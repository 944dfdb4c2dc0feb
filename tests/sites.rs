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

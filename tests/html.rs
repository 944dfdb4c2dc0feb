//! HTML sources over a loopback server: list pages in UTF-8 and GBK with different layouts,
//! article pages with 发布时间 / 来源 / 发布开发区, relative links and lazy images, a missing
//! article (kept, retried), the per-poll article budget, and a layout change.

mod common;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use common::{Install, Response, TestServer};
use zonefeed::config::Config;
use zonefeed::model::Item;
use zonefeed::poll::{PollResult, PollStats, Poller};
use zonefeed::store::{Selector, Store};

fn html(name: &str) -> Vec<u8> {
    std::fs::read(common::fixture_path(&format!("html/{name}"))).expect("fixture")
}

fn serve(server: &TestServer) {
    server.route(
        "/kfq/list.html",
        Response::ok("text/html", html("list-utf8.html")),
    );
    server.route(
        "/kfq/news/a1.html",
        Response::ok("text/html", html("a1.html")),
    );
    server.route("/kfq/news/a2.html", Response::status(404));
    server.route(
        "/kfq/news/a3.html",
        Response::ok("text/html", html("a3.html")),
    );
    // GBK pages behind a header that claims UTF-8: the <meta> in the head must win.
    server.route(
        "/gbk/list.html",
        Response::ok("text/html; charset=utf-8", html("list-gbk.html")),
    );
    server.route("/gbk/b1.html", Response::ok("text/html", html("b1.html")));
    server.route("/gbk/b2.html", Response::ok("text/html", html("b2.html")));
}

fn config_text(server: &TestServer) -> String {
    format!(
        r##"[poll]
allow_private_networks = true
timeout = "5s"
[[regions]]
id = "nantong"
name = "南通市"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[zones]]
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通开发区"]

[[sources]]
id = "kfq"
kind = "html"
url = "{kfq}"
region = "nantong"
[sources.list]
item = "div.newslist li"
date = "span.date"
[sources.article]
content = "div.content"

[[sources]]
id = "gbk"
kind = "html"
url = "{gbk}"
region = "nantong"
[sources.list]
item = "table.list tr"
title = "td.title a"
link = "td.title a"
date = "td.time"
[sources.article]
content = "#zoom"
max_per_poll = 1
"##,
        kfq = server.url("/kfq/list.html"),
        gbk = server.url("/gbk/list.html"),
    )
}

struct Rig {
    _install: Install,
    config: Arc<Config>,
    store: Store,
    poller: Poller,
}

fn rig(server: &TestServer) -> Rig {
    let install = Install::new(&config_text(server));
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

    fn items(&self, source: &str) -> Vec<Item> {
        self.store
            .newest(&Selector::Source(source.into()), 100, |_| true)
            .expect("items")
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

fn find<'a>(items: &'a [Item], title_part: &str) -> &'a Item {
    items
        .iter()
        .find(|i| i.title.contains(title_part))
        .unwrap_or_else(|| panic!("no item *{title_part}*"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_and_article_fields_zone_links_and_a_missing_article() {
    let server = TestServer::start().await;
    serve(&server);
    let r = rig(&server);
    let port = server.addr.port();

    let s = ok(&r.poll("kfq").await);
    assert_eq!(
        (s.format, s.charset, s.entries, s.new),
        ("html", "UTF-8", 3, 3)
    );
    assert_eq!(s.unknown_zones, ["启东经济开发区"]);
    assert_eq!(s.article_errors.len(), 1);
    assert!(s.article_errors[0].contains("a2.html") && s.article_errors[0].contains("404"));
    let items = r.items("kfq");
    assert_eq!(items.len(), 3, "the sidebar's hot links are not items");

    // Title from the link's title attribute (the text is cut short), absolute link,
    // the article's precise time, 来源 as author, zone from 发布开发区 by alias.
    let a1 = find(&items, "三个重大项目");
    assert_eq!(a1.title, "南通开发区三个重大项目集中签约总投资超百亿元");
    let link = format!("http://127.0.0.1:{port}/kfq/news/a1.html");
    assert_eq!(a1.link.as_deref(), Some(link.as_str()));
    assert_eq!(a1.published, t("2026-11-25T10:30:00+08:00"));
    assert_eq!(a1.author.as_deref(), Some("南通日报"));
    assert_eq!(a1.zone.as_deref(), Some("nantong-etdz"));
    let content = a1.content.as_deref().unwrap_or_default();
    assert!(
        content.contains(&format!(
            "src=\"http://127.0.0.1:{port}/kfq/images/a1.jpg\""
        )),
        "lazy image kept and made absolute: {content}"
    );
    assert!(content.contains(&format!(
        "href=\"http://127.0.0.1:{port}/kfq/zhengce/1.html\""
    )));
    for bad in ["loading.gif", "<script", "alert", "onclick", "javascript:"] {
        assert!(!content.contains(bad), "{bad} survived: {content}");
    }
    assert!(!a1.article_pending);

    // A missing article: the item is kept with its list date, no content, and retried.
    let a2 = find(&items, "招商推介会");
    assert_eq!(
        a2.link.as_deref(),
        Some(format!("http://127.0.0.1:{port}/kfq/news/a2.html").as_str())
    );
    assert_eq!(a2.published, t("2026-11-22T00:00:00+08:00"));
    assert!(a2.content.is_none() && a2.article_pending);

    // No date in the list: the article's Chinese date; an unknown zone is reported, not
    // dropped: the item stays, in its region, without a zone.
    let a3 = find(&items, "启东");
    assert_eq!(a3.published, t("2026-11-20T09:00:00+08:00"));
    assert_eq!(a3.author.as_deref(), Some("江海晚报"));
    assert_eq!((a3.region.as_str(), a3.zone.as_deref()), ("nantong", None));
    let st = r.store.source_state("kfq").expect("state");
    assert_eq!(st.unknown_zones, ["启东经济开发区"]);

    // Second poll: known articles are not fetched again; the missing one is retried.
    let s = ok(&r.poll("kfq").await);
    assert_eq!((s.new, s.updated), (0, 0));
    assert_eq!(server.requests("/kfq/news/a1.html").len(), 1);
    assert_eq!(server.requests("/kfq/news/a3.html").len(), 1);
    assert_eq!(server.requests("/kfq/news/a2.html").len(), 2);

    // When the article appears, the item is completed in place.
    server.route(
        "/kfq/news/a2.html",
        Response::ok("text/html", html("a1.html")),
    );
    let s = ok(&r.poll("kfq").await);
    assert_eq!((s.new, s.updated), (0, 1));
    let items = r.items("kfq");
    assert_eq!(items.len(), 3);
    let a2 = find(&items, "招商推介会");
    assert!(!a2.article_pending && a2.content.is_some());
    assert_eq!(a2.first_seen, find(&items, "三个重大项目").first_seen);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gbk_table_layout_with_an_article_budget() {
    let server = TestServer::start().await;
    serve(&server);
    let r = rig(&server);

    let s = ok(&r.poll("gbk").await);
    assert_eq!((s.charset, s.entries, s.new), ("GBK", 2, 2));
    let items = r.items("gbk");
    let b1 = find(&items, "集成电路");
    assert_eq!(b1.title, "南通高新区集成电路项目投产");
    assert_eq!(b1.published, t("2026-11-24T15:00:00+08:00"));
    assert_eq!(b1.author.as_deref(), Some("新华日报"));
    assert_eq!(b1.zone.as_deref(), Some("nantong-hitech"));
    assert!(
        b1.content
            .as_deref()
            .unwrap_or_default()
            .contains("集成电路项目投产")
    );
    // max_per_poll = 1: the second article waits for the next poll.
    let b2 = find(&items, "人才新政");
    assert!(b2.article_pending);
    assert_eq!(b2.published, t("2026-11-23T00:00:00+08:00"));
    assert!(server.requests("/gbk/b2.html").is_empty());

    let s = ok(&r.poll("gbk").await);
    assert_eq!(s.updated, 1);
    let items = r.items("gbk");
    let b2 = find(&items, "人才新政");
    assert!(!b2.article_pending);
    assert_eq!(b2.author.as_deref(), Some("南通发布"));
    assert_eq!(
        b2.zone.as_deref(),
        Some("nantong-hitech"),
        "alias 南通高新区"
    );
    assert_eq!(
        server.requests("/gbk/b1.html").len(),
        1,
        "known article not refetched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_layout_change_is_a_source_error() {
    let server = TestServer::start().await;
    serve(&server);
    let r = rig(&server);
    assert_eq!(ok(&r.poll("kfq").await).new, 3);
    server.route(
        "/kfq/list.html",
        Response::ok(
            "text/html",
            "<html><body><div class=\"news-v2\"><article><a href=\"x.html\">改版后</a></article></div></body></html>",
        ),
    );
    match r.poll("kfq").await {
        PollResult::Failed { error, .. } => {
            assert!(error.contains("rule matches nothing"), "{error}");
            assert!(error.contains("div.newslist li"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(r.items("kfq").len(), 3, "stored items stay");
}

#[test]
fn check_reports_bad_selectors_and_patterns_with_positions() {
    let text = r#"[[regions]]
id = "nantong"
name = "南通市"
[[sources]]
id = "x"
kind = "html"
url = "http://www.example.cn/list.html"
region = "nantong"
[sources.list]
item = "div..newslist["
date_regex = "([0-9]+"
[sources.article]
zone_regex = "(?P<z"
max_per_poll = -1
[[sources]]
id = "y"
url = "http://www.example.cn/rss.xml"
region = "nantong"
[sources.list]
item = "li"
"#;
    let err = match Config::parse(text, Path::new("config.toml"), Path::new("/")) {
        Ok(_) => panic!("must fail"),
        Err(e) => e.to_string(),
    };
    for expected in [
        "config.toml:10:8: item: invalid CSS selector \"div..newslist[\"",
        "config.toml:11:14: date_regex: invalid regular expression \"([0-9]+\"",
        "config.toml:13:14: zone_regex: invalid regular expression",
        "config.toml:14:16: max_per_poll must be between 0 and 1000",
        "config.toml:19:1: [sources.list] rules need kind = \"html\"",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

/// docs/sources.md's own example (`date`, `source` and `zone` all `"div.info"`) on pages in the
/// seed's layout: the built-in patterns apply to the selected text, with half-width and
/// full-width colons, double spaces, `&nbsp;` and 【】 labels; a selected element that
/// carries no label is the value itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_fields_selected_by_a_shared_element_are_split_by_their_labels() {
    let server = TestServer::start().await;
    let page = |info: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>\
             <div class=\"location\">您现在的位置:首页 &gt; 开发区新闻 &gt; 南通 &gt; 文字新闻</div>\
             <h1>标题</h1>{info}<div class=\"content\"><p>正文</p></div></body></html>"
        )
    };
    server.route(
        "/seed/list.html",
        Response::ok(
            "text/html; charset=utf-8",
            "<html><body><div class=\"newslist\"><ul>\
             <li><a href=\"news/1.html\">推动空间协同规划加快落地实施</a></li>\
             <li><a href=\"news/2.html\">南通开发区新材料项目签约</a></li>\
             <li><a href=\"news/3.html\">南通高新区人才新政发布</a></li>\
             <li><a href=\"news/4.html\">南通开发区智能装备产业园开工</a></li>\
             </ul></div></body></html>",
        ),
    );
    // The seed's own line: half-width colons and double spaces.
    server.route(
        "/seed/news/1.html",
        Response::ok(
            "text/html",
            page("<div class=\"info\">发布时间:2022-09-28  来源:南通日报  发布开发区:南通高新技术产业开发区</div>"),
        ),
    );
    server.route(
        "/seed/news/2.html",
        Response::ok(
            "text/html",
            page("<div class=\"info\">发布时间：2026-11-25 10:30&nbsp;&nbsp;来源：江海晚报&nbsp;&nbsp;发布开发区：南通开发区</div>"),
        ),
    );
    server.route(
        "/seed/news/3.html",
        Response::ok(
            "text/html",
            page("<div class=\"info\">【发布时间】2026-11-24 09:00【来源】南通发布【发布开发区】南通高新区</div>"),
        ),
    );
    // Separate elements without labels: each selected text is the value.
    server.route(
        "/seed/news/4.html",
        Response::ok(
            "text/html",
            page("<div class=\"info\"><span class=\"time\">2026-11-23</span> <span class=\"source\">南通日报</span> <span class=\"zone\">南通经济技术开发区</span></div>"),
        ),
    );
    let install = Install::new(&format!(
        r##"[poll]
allow_private_networks = true
timeout = "5s"
[[regions]]
id = "nantong"
name = "南通市"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[zones]]
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通开发区"]

[[sources]]
id = "seed"
kind = "html"
url = "{list}"
region = "nantong"
[sources.list]
item = "div.newslist li"
[sources.article]
content = "div.content"
date = "div.info"
source = "div.info"
zone = "div.info"

[[sources]]
id = "spans"
kind = "html"
url = "{list}"
region = "nantong"
[sources.list]
item = "div.newslist li"
[sources.article]
content = "div.content"
date = "span.time"
source = "span.source"
zone = "span.zone"
"##,
        list = server.url("/seed/list.html")
    ));
    let config = Arc::new(install.config());
    let store = Store::open(&config.service.data_dir).expect("store");
    let poller = Poller::new(config.clone(), store.clone()).expect("poller");
    let fields = |source: &str, n: usize| {
        let items = store
            .newest(&Selector::Source(source.into()), 10, |_| true)
            .expect("items");
        let link = server.url(&format!("/seed/news/{n}.html"));
        let i = items
            .iter()
            .find(|i| i.link.as_deref() == Some(link.as_str()))
            .unwrap_or_else(|| panic!("no item {link}"))
            .clone();
        (i.published, i.author, i.zone)
    };
    let seed = config.source("seed").expect("seed").clone();
    ok(&poller.poll_source(&seed).await.result);
    assert_eq!(
        fields("seed", 1),
        (
            t("2022-09-28T00:00:00+08:00"),
            Some("南通日报".into()),
            Some("nantong-hitech".into())
        )
    );
    assert_eq!(
        fields("seed", 2),
        (
            t("2026-11-25T10:30:00+08:00"),
            Some("江海晚报".into()),
            Some("nantong-etdz".into())
        )
    );
    assert_eq!(
        fields("seed", 3),
        (
            t("2026-11-24T09:00:00+08:00"),
            Some("南通发布".into()),
            Some("nantong-hitech".into())
        )
    );
    let spans = config.source("spans").expect("spans").clone();
    ok(&poller.poll_source(&spans).await.result);
    assert_eq!(
        fields("spans", 4),
        (
            t("2026-11-23T00:00:00+08:00"),
            Some("南通日报".into()),
            Some("nantong-etdz".into())
        )
    );
}

/// A `file:` source that names the site it stands for: links and images resolve to that
/// site, the article behind each link is still read from the file beside the list, and a
/// link outside the site's folder is not followed (no file outside the source's folder is
/// ever read).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_source_publishes_the_links_of_the_site_it_stands_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("mirror/kfq");
    std::fs::create_dir_all(site.join("news")).expect("mkdir");
    std::fs::write(
        site.join("list.html"),
        "<html><head><meta charset=\"utf-8\"></head><body><div class=\"newslist\"><ul>\
         <li><span class=\"date\">2026-11-25</span><a href=\"news/a1.html\">南通开发区三个重大项目集中签约</a></li>\
         <li><span class=\"date\">2026-11-24</span><a href=\"/xxgk/notice.html\">站外的通知</a></li>\
         <li><span class=\"date\">2026-11-23</span><a href=\"../../../etc/passwd\">越界的链接</a></li>\
         </ul></div><img src=\"images/banner.jpg\"></body></html>",
    )
    .expect("list");
    std::fs::write(
        site.join("news/a1.html"),
        "<html><head><meta charset=\"utf-8\"></head><body>\
         <div class=\"info\">发布时间:2026-11-25 10:30  来源:南通日报</div>\
         <div class=\"content\"><p>签约仪式。</p><img src=\"../images/a1.jpg\" alt=\"签约现场\">\
         <a href=\"../zhengce/1.html\">相关政策</a></div></body></html>",
    )
    .expect("article");
    let install = Install::new(&format!(
        r#"[[regions]]
id = "nantong"
name = "南通市"
[[sources]]
id = "mirror"
kind = "html"
url = "file:{list}"
site_url = "http://www.ntkfq.example.gov.cn/kfq/list.html"
region = "nantong"
[sources.list]
item = "div.newslist li"
date = "span.date"
[sources.article]
content = "div.content"
"#,
        list = site.join("list.html").display()
    ));
    let config = Arc::new(install.config());
    let store = Store::open(&config.service.data_dir).expect("store");
    let poller = Poller::new(config.clone(), store.clone()).expect("poller");
    let source = config.source("mirror").expect("source").clone();
    let s = ok(&poller.poll_source(&source).await.result);
    assert_eq!((s.entries, s.new), (3, 3));
    assert_eq!(s.article_errors.len(), 2, "{:?}", s.article_errors);
    assert!(
        s.article_errors
            .iter()
            .all(|e| e.contains("outside the site") && !e.contains("cannot read")),
        "{:?}",
        s.article_errors
    );
    let items = store
        .newest(&Selector::Source("mirror".into()), 10, |_| true)
        .expect("items");
    let links: Vec<&str> = items.iter().filter_map(|i| i.link.as_deref()).collect();
    assert_eq!(
        links,
        [
            "http://www.ntkfq.example.gov.cn/kfq/news/a1.html",
            "http://www.ntkfq.example.gov.cn/xxgk/notice.html",
            "http://www.ntkfq.example.gov.cn/etc/passwd",
        ]
    );
    let a1 = &items[0];
    assert_eq!(a1.published, t("2026-11-25T10:30:00+08:00"));
    assert_eq!(a1.author.as_deref(), Some("南通日报"));
    let content = a1.content.as_deref().unwrap_or_default();
    assert!(
        content.contains("src=\"http://www.ntkfq.example.gov.cn/kfq/images/a1.jpg\"")
            && content.contains("href=\"http://www.ntkfq.example.gov.cn/kfq/zhengce/1.html\"")
            && !content.contains("file:"),
        "{content}"
    );
}

#[test]
fn check_reports_site_url_on_the_wrong_source_and_a_bad_url() {
    let text = r#"[[regions]]
id = "nantong"
name = "南通市"
[[sources]]
id = "web"
url = "http://www.example.cn/rss.xml"
site_url = "http://www.example.cn/"
region = "nantong"
[[sources]]
id = "local"
url = "file:examples/a.rss"
site_url = "ftp://www.example.cn/a.rss"
region = "nantong"
"#;
    let err = match Config::parse(text, Path::new("config.toml"), Path::new("/")) {
        Ok(_) => panic!("must fail"),
        Err(e) => e.to_string(),
    };
    for expected in [
        "config.toml:7:12: site_url is only for file: sources (an http(s) source is its own site)",
        "config.toml:12:12: site_url must be an http(s) URL, not \"ftp://www.example.cn/a.rss\"",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

/// `pages = 3`: the first poll reads the list's first three pages (a backfill, following
/// each page's 下一页 link), later polls the first page only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_poll_backfills_the_pages_a_list_links() {
    let server = common::TestServer::start().await;
    let page = |n: usize, next: Option<&str>| {
        let mut h = String::from("<html><body><ul class=\"list\">");
        for i in 0..3 {
            h.push_str(&format!(
                "<li><a href=\"/news/{n}{i}.html\">第{n}页第{i}条园区新闻标题</a><span>2026-12-0{}</span></li>",
                n + 1
            ));
        }
        h.push_str("</ul>");
        if let Some(next) = next {
            h.push_str(&format!(
                "<div class=\"page\"><a href=\"{next}\">下一页</a></div>"
            ));
        }
        h.push_str("</body></html>");
        h
    };
    server.route(
        "/news/index.html",
        common::Response::ok("text/html; charset=utf-8", page(0, Some("index_1.html"))),
    );
    server.route(
        "/news/index_1.html",
        common::Response::ok("text/html; charset=utf-8", page(1, Some("index_2.html"))),
    );
    server.route(
        "/news/index_2.html",
        common::Response::ok("text/html; charset=utf-8", page(2, Some("index_3.html"))),
    );
    server.route(
        "/news/index_3.html",
        common::Response::ok("text/html; charset=utf-8", page(3, None)),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("config.toml"),
        format!(
            "[poll]\nallow_private_networks = true\n[[regions]]\nid = \"r\"\nname = \"南通市\"\n[[sources]]\nid = \"s\"\nkind = \"html\"\nurl = \"{}\"\nregion = \"r\"\npages = 3\n[sources.list]\nitem = \"ul.list li\"\ndate = \"span\"\n",
            server.url("/news/index.html")
        ),
    )
    .expect("config");
    let (code, out, err) = common::zonefeed_text(d, &["poll"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (_, items, _) = common::zonefeed_text(d, &["items", "--json", "--limit", "100"]);
    assert_eq!(items.lines().count(), 9, "three pages of three: {items}");
    assert_eq!(
        server.requests("/news/index_3.html").len(),
        0,
        "a fourth page is not read"
    );
    let (code, out, err) = common::zonefeed_text(d, &["poll", "--force"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(server.requests("/news/index.html").len(), 2);
    assert_eq!(
        server.requests("/news/index_1.html").len(),
        1,
        "later polls read the first page only"
    );
}

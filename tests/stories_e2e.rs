//! Stories end to end: three sources on a loopback HTTP server (RSS, Atom, JSON Feed) that
//! repost each other, polled into sled on disk, published, and mailed to aiosmtpd.
//!
//! What must show: `all.atom` has one entry per story holding every copy's link and source
//! name; the first copy's entry id is unchanged after the reposts arrive; region and zone
//! feeds list each story once; a digest lists it once and a repost arriving later is not
//! mailed again; templated near-misses stay apart. Every feed is judged by xmllint (Atom
//! RELAX NG) and feedparser.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use common::{
    Install, Response, SmtpSink, TestServer, assert_atom_valid, assert_feedparser_clean,
    feedparser, files_with_ext, in_step, mailcheck,
};
use zonefeed::cli;
use zonefeed::config::Config;
use zonefeed::digest::DigestOutcome;

const S1_BODY: &str = "<p>9月27日上午，南通高新区举行2026年第三季度重大项目集中签约仪式，12个先进制造业项目现场签约，总投资52亿元，涵盖新一代信息技术、高端装备和新材料等领域。</p>\
<p>签约项目中，投资超10亿元的项目4个，外资项目3个，预计全部达产后可新增年产值86亿元、税收4.3亿元。</p>\
<p>区党工委书记在致辞中表示，高新区将以最优服务保障项目早开工、早投产、早见效。</p>";

const S2_BODY: &str = "<p>9月26日，南通经开区智能装备产业园一期工程竣工投用，首批入驻企业18家，主要从事工业机器人、数控机床和智能传感器研发制造。</p>\
<p>产业园一期总建筑面积21万平方米，总投资15.8亿元，配套建设中试基地和人才公寓，预计年产值可达40亿元。</p>";

fn meeting(zone: &str, n: u32, inv: u32) -> String {
    format!(
        "<p>9月27日，{zone}召开重点项目推进会，会议通报了今年以来重点项目建设进展情况，{n}个在建项目完成投资{inv}亿元。</p>\
         <p>会议要求，各部门要强化要素保障，倒排工期、挂图作战，确保全年目标任务顺利完成。</p>"
    )
}

fn economy(m: u32, a: &str, b: &str) -> String {
    format!(
        "<p>{m}月份，全市规模以上工业增加值同比增长{a}%，固定资产投资同比增长{b}%，主要指标保持平稳。</p>\
         <p>总体来看，全市经济运行保持稳中有进、稳中向好的态势，主要指标增速高于全省平均水平。</p>"
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// (title, link, date RFC 3339, body HTML)
type Entry = (String, String, String, String);

fn rss(items: &[Entry]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>南通高新区新闻</title><link>http://hitech.example.cn/</link><description>高新区</description>",
    );
    for (t, l, d, b) in items {
        let d = chrono::DateTime::parse_from_rfc3339(d)
            .map(|d| d.to_rfc2822())
            .unwrap_or_default();
        s.push_str(&format!(
            "<item><title>{}</title><link>{l}</link><guid>{l}</guid><pubDate>{d}</pubDate><description>{}</description></item>",
            esc(t),
            esc(b)
        ));
    }
    s.push_str("</channel></rss>");
    s
}

fn atom(items: &[Entry]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>南通日报</title><id>urn:daily</id><updated>2026-09-29T10:00:00+08:00</updated><author><name>南通日报</name></author>",
    );
    for (t, l, d, b) in items {
        s.push_str(&format!(
            "<entry><title>{}</title><id>{l}</id><link href=\"{l}\"/><published>{d}</published><updated>{d}</updated><content type=\"html\">{}</content></entry>",
            esc(t),
            esc(b)
        ));
    }
    s.push_str("</feed>");
    s
}

fn json_feed(items: &[Entry]) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|(t, l, d, b)| {
            serde_json::json!({"id": l, "url": l, "title": t, "date_published": d, "content_html": b})
        })
        .collect();
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "投促中国", "items": items})
        .to_string()
}

fn config_text(server: &TestServer, smtp: u16) -> String {
    format!(
        r#"[service]
base_url = "http://feeds.example.cn/zf/"
[poll]
timeout = "5s"
allow_private_networks = true
[stories]
window = "7d"
[mail]
transport = "smtp"
host = "127.0.0.1"
port = {smtp}
tls = "none"
timeout = "5s"
from = "开发区新闻 <digest@example.cn>"

[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[zones]]
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通经开区"]

[[sources]]
id = "hitech"
name = "南通高新区管委会"
url = "{rss}"
region = "nantong"
zone = "nantong-hitech"
[[sources]]
id = "daily"
name = "南通日报"
url = "{atom}"
region = "nantong"
priority = 10
[[sources]]
id = "portal"
name = "投促中国"
url = "{json}"
region = "jiangsu"

[[subscriptions]]
id = "alice"
email = "alice@example.com"
regions = ["nantong"]
schedule = "0 0 8 * * *"
backfill = "3650d"
"#,
        rss = server.url("/hitech.rss"),
        atom = server.url("/daily.atom"),
        json = server.url("/portal.json"),
    )
}

fn copy_templates(dir: &std::path::Path) {
    let t = dir.join("templates");
    std::fs::create_dir_all(&t).expect("mkdir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for f in ["digest.subject.txt", "digest.txt", "digest.html"] {
        std::fs::copy(root.join(f), t.join(f)).expect("copy template");
    }
}

fn e(t: &str, l: &str, d: &str, b: &str) -> Entry {
    (t.into(), l.into(), d.into(), b.into())
}

fn serve(server: &TestServer, hitech: &[Entry], daily: &[Entry], portal: &[Entry]) {
    server.route(
        "/hitech.rss",
        Response::ok("application/rss+xml", rss(hitech)),
    );
    server.route(
        "/daily.atom",
        Response::ok("application/atom+xml", atom(daily)),
    );
    server.route(
        "/portal.json",
        Response::ok("application/feed+json", json_feed(portal)),
    );
}

/// Each entry of an Atom file read by feedparser: title, id, every link (href, rel).
/// An Atom entry as feedparser reads it: title, id, links (href, rel), summary and content.
type AtomEntry = (String, String, Vec<(String, String)>, String);

fn atom_entries(path: &std::path::Path) -> Vec<AtomEntry> {
    let script = r#"
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
assert not d.bozo, d.get("bozo_exception")
for e in d.entries:
    text = " ".join([e.get("summary", "")] + [c.value for c in e.get("content", [])])
    print(json.dumps([e.get("title", ""), e.get("id", ""), [[l.get("href"), l.get("rel")] for l in e.get("links", [])], text], ensure_ascii=False))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 with feedparser");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            let links = v[2]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            (
                                x[0].as_str().unwrap_or("").to_string(),
                                x[1].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            (
                v[0].as_str().unwrap_or("").to_string(),
                v[1].as_str().unwrap_or("").to_string(),
                links,
                v[3].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The three sources, the SMTP sink and the install of the repost scenario, with the
/// copies served so far.
struct Reposts {
    server: TestServer,
    sink: SmtpSink,
    _mail_dir: tempfile::TempDir,
    _install: Install,
    config: Arc<Config>,
    feeds: std::path::PathBuf,
    /// S1 as 南通高新区 first publishes it.
    s1_hitech: Entry,
    /// S2 in 南通日报, and 投促中国's repost of it.
    s2_portal: Entry,
    /// Templated near misses (meetings, monthly figures) that must stay apart.
    near: [Entry; 4],
    /// Everything 南通日报 serves.
    daily: Vec<Entry>,
}

/// The reposts of S1 that arrive a day later: 南通日报 with a label, （图）, a photo and a
/// source note; 投促中国 under a rewritten headline.
struct S1Reposts {
    daily: Entry,
    portal: Entry,
}

/// A story reposted across three sources becomes one entry in every feed, keeps its first
/// id, is credited to every copy, and is mailed once. One scenario: each step builds on the
/// store the previous one left.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reposts_become_one_entry_per_story_in_feeds_and_digests() {
    let mut r = step_serve_s1_s2_and_near_misses().await;
    let s1_id = step_first_poll_gives_one_entry_per_story(&r).await;
    step_first_digest_lists_s2_once_crediting_both_copies(&r).await;
    let s1 = step_reposts_of_s1_arrive_and_are_polled(&mut r).await;
    step_all_atom_keeps_one_entry_per_story_with_every_copy(&r, &s1_id, &s1);
    step_region_and_zone_feeds_and_pages_list_each_story_once(&r, &s1_id, &s1);
    step_rss_and_json_feed_credit_every_copy(&r, &s1_id);
    step_every_feed_passes_xmllint_and_feedparser(&r);
    step_second_digest_sends_nothing(&r).await;
    step_the_cli_lists_one_story_of_three_copies(&r, &s1_id, &s1).await;
}

async fn step_serve_s1_s2_and_near_misses() -> Reposts {
    let server = TestServer::start().await;
    let mail_dir = tempfile::tempdir().expect("tempdir");
    let sink = SmtpSink::start(mail_dir.path());
    let install = Install::new(&config_text(&server, sink.port));
    copy_templates(install.dir.path());
    let config: Arc<Config> = Arc::new(install.config());
    let feeds = install.feeds();

    let s1_hitech = e(
        "南通高新区12个重大项目集中签约 总投资52亿元",
        "http://hitech.example.cn/news/s1.html",
        "2026-09-28T08:00:00+08:00",
        S1_BODY,
    );
    let s2_daily = e(
        "南通经开区智能装备产业园一期竣工投用",
        "http://daily.example.cn/news/s2.html",
        "2026-09-26T18:00:00+08:00",
        S2_BODY,
    );
    let s2_portal = e(
        "【园区动态】南通经开区智能装备产业园一期竣工投用",
        "http://portal.example.cn/news/s2.html",
        "2026-09-27T09:00:00+08:00",
        &format!("{S2_BODY}<p>（来源：南通日报）</p><p>责任编辑：王晓燕</p>"),
    );
    let near = [
        e(
            "南通高新区召开重点项目推进会",
            "http://daily.example.cn/news/m1.html",
            "2026-09-27T17:00:00+08:00",
            &meeting("南通高新区", 36, 128),
        ),
        e(
            "南通经开区召开重点项目推进会",
            "http://daily.example.cn/news/m2.html",
            "2026-09-27T18:00:00+08:00",
            &meeting("南通经开区", 41, 152),
        ),
        e(
            "8月份全市经济运行情况",
            "http://daily.example.cn/news/e8.html",
            "2026-09-25T09:00:00+08:00",
            &economy(8, "7.2", "5.1"),
        ),
        e(
            "9月份全市经济运行情况",
            "http://daily.example.cn/news/e9.html",
            "2026-09-29T09:00:00+08:00",
            &economy(9, "7.8", "5.4"),
        ),
    ];
    let mut daily = vec![s2_daily];
    daily.extend(near.iter().cloned());
    serve(
        &server,
        std::slice::from_ref(&s1_hitech),
        &daily,
        std::slice::from_ref(&s2_portal),
    );
    Reposts {
        server,
        sink,
        _mail_dir: mail_dir,
        _install: install,
        config,
        feeds,
        s1_hitech,
        s2_portal,
        near,
        daily,
    }
}

/// First poll: S1 alone, S2 with two copies, four near misses. Returns S1's entry id.
async fn step_first_poll_gives_one_entry_per_story(r: &Reposts) -> String {
    const STEP: &str = "step 1 (first poll)";
    let first = cli::poll_once(r.config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(first.failed(), 0, "{STEP}: {:?}", first.outcomes);
    let entries = in_step(STEP, || atom_entries(&r.feeds.join("all.atom")));
    assert_eq!(entries.len(), 1 + 1 + r.near.len(), "{STEP}: {entries:#?}");
    entries
        .iter()
        .find(|x| x.2.iter().any(|l| l.0 == r.s1_hitech.1))
        .map(|x| x.1.clone())
        .unwrap_or_else(|| panic!("{STEP}: no S1 entry"))
}

/// A digest now: S2 once, with both copies credited; each near miss once.
async fn step_first_digest_lists_s2_once_crediting_both_copies(r: &Reposts) {
    const STEP: &str = "step 2 (first digest)";
    let sent = cli::digest_send(&r.config, &[], true)
        .await
        .expect("digest");
    assert!(
        matches!(sent[0].1, DigestOutcome::Sent { items: 6, .. }),
        "{STEP}: {sent:?}"
    );
    let mails = in_step(STEP, || mailcheck(&r.sink.messages()));
    assert_eq!(mails.len(), 1, "{STEP}: one mail");
    let text = mails[0]["text"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        text.matches("智能装备产业园一期竣工投用").count(),
        1,
        "{STEP}: {text}"
    );
    let credits = text
        .lines()
        .find(|l| l.contains("同时刊载："))
        .unwrap_or_default();
    assert!(
        credits.contains("南通日报") && credits.contains("投促中国"),
        "{STEP}: {text}"
    );
    for n in &r.near {
        assert_eq!(
            text.matches(n.1.as_str()).count(),
            1,
            "{STEP}: {} in {text}",
            n.1
        );
    }
}

/// Reposts of S1 arrive a day later and a second poll stores them.
async fn step_reposts_of_s1_arrive_and_are_polled(r: &mut Reposts) -> S1Reposts {
    const STEP: &str = "step 3 (reposts of S1 polled)";
    let s1 = S1Reposts {
        daily: e(
            "【签约】南通高新区12个重大项目集中签约 总投资52亿元（图）",
            "http://daily.example.cn/news/s1.html",
            "2026-09-29T08:00:00+08:00",
            &format!(
                "{S1_BODY}<p><img src=\"http://daily.example.cn/p.jpg\"></p><p>图为签约现场。</p><p>（来源：南通高新区管委会）</p>"
            ),
        ),
        portal: e(
            "总投资52亿元！12个项目落户南通高新区",
            "http://portal.example.cn/news/s1.html",
            "2026-09-29T10:00:00+08:00",
            &format!("{S1_BODY}<p>责任编辑：王晓燕</p>"),
        ),
    };
    r.daily.push(s1.daily.clone());
    serve(
        &r.server,
        std::slice::from_ref(&r.s1_hitech),
        &r.daily,
        &[r.s2_portal.clone(), s1.portal.clone()],
    );
    let second = cli::poll_once(r.config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(second.failed(), 0, "{STEP}: {:?}", second.outcomes);
    s1
}

/// `all.atom`: still one entry per story; S1 keeps its first id, links every copy, takes
/// the primary copy's link and title, and credits every source; near misses stay apart.
fn step_all_atom_keeps_one_entry_per_story_with_every_copy(
    r: &Reposts,
    s1_id: &str,
    s1_copies: &S1Reposts,
) {
    const STEP: &str = "step 4 (all.atom after the reposts)";
    let entries = in_step(STEP, || atom_entries(&r.feeds.join("all.atom")));
    assert_eq!(
        entries.len(),
        1 + 1 + r.near.len(),
        "{STEP}: one entry per story: {entries:#?}"
    );
    let s1 = entries
        .iter()
        .find(|x| x.1 == s1_id)
        .unwrap_or_else(|| panic!("{STEP}: S1 keeps its first id"));
    let hrefs: Vec<&str> = s1.2.iter().map(|l| l.0.as_str()).collect();
    for copy in [&r.s1_hitech, &s1_copies.daily, &s1_copies.portal] {
        assert!(
            hrefs.contains(&copy.1.as_str()),
            "{STEP}: {} not in {hrefs:?}",
            copy.1
        );
    }
    // The primary copy is 南通日报's (priority 10): its link is the entry's, its title too.
    let alternate: Vec<&str> =
        s1.2.iter()
            .filter(|l| l.1 == "alternate")
            .map(|l| l.0.as_str())
            .collect();
    assert_eq!(alternate, [s1_copies.daily.1.as_str()], "{STEP}");
    assert_eq!(s1.0, s1_copies.daily.0, "{STEP}");
    for name in ["南通高新区管委会", "南通日报", "投促中国"] {
        assert!(
            s1.3.contains(name),
            "{STEP}: {name} not credited in {}",
            s1.3
        );
    }
    for n in &r.near {
        assert_eq!(
            entries.iter().filter(|x| x.0 == n.0).count(),
            1,
            "{STEP}: near miss {} stays its own entry",
            n.0
        );
    }
}

/// Region and zone feeds, every format: each story once; the page beside each feed lists
/// the same entries, S1 once with its copies counted.
fn step_region_and_zone_feeds_and_pages_list_each_story_once(
    r: &Reposts,
    s1_id: &str,
    s1_copies: &S1Reposts,
) {
    const STEP: &str = "step 5 (region and zone feeds and pages)";
    let feeds = &r.feeds;
    for stem in ["regions/nantong", "regions/jiangsu", "zones/nantong-hitech"] {
        // feedparser for RSS and Atom; JSON Feed (which feedparser 6 does not read) as JSON.
        let mut parsed = in_step(STEP, || {
            feedparser(&[
                feeds.join(format!("{stem}.atom")),
                feeds.join(format!("{stem}.rss")),
            ])
        });
        let json_path = feeds.join(format!("{stem}.json"));
        let doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&json_path).expect("json")).expect("json");
        let items = doc["items"].clone();
        parsed.push(serde_json::json!({
            "path": json_path.display().to_string(),
            "entries": items,
        }));
        for p in &parsed {
            let ids: Vec<&str> = p["entries"]
                .as_array()
                .map(|a| a.iter().filter_map(|e| e["id"].as_str()).collect())
                .unwrap_or_default();
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for id in &ids {
                *counts.entry(id).or_default() += 1;
            }
            assert_eq!(
                counts.get(s1_id),
                Some(&1),
                "{STEP}: S1 {s1_id} once in {}: {ids:?}",
                p["path"]
            );
            assert!(
                counts.values().all(|n| *n == 1),
                "{STEP}: duplicates in {}",
                p["path"]
            );
        }
        // The page beside the feed: the same entries, S1 once, its copies counted.
        let page = std::fs::read_to_string(feeds.join(format!("{stem}.html"))).expect("page");
        assert_eq!(
            page.matches("<li>").count(),
            doc["items"].as_array().map_or(0, Vec::len),
            "{STEP}: {stem}.html:\n{page}"
        );
        assert_eq!(
            page.matches(&format!(">{}</a>", s1_copies.daily.0)).count(),
            1,
            "{STEP}: {stem}.html:\n{page}"
        );
        assert!(page.contains("3 家刊载"), "{STEP}: {stem}.html:\n{page}");
    }
}

/// `all.rss` links the other copies as related; `all.json` lists S1's three copies.
fn step_rss_and_json_feed_credit_every_copy(r: &Reposts, s1_id: &str) {
    const STEP: &str = "step 6 (all.rss and all.json)";
    let rss_links =
        String::from_utf8(std::fs::read(r.feeds.join("all.rss")).expect("rss")).expect("utf-8");
    assert!(
        rss_links.contains("rel=\"related\"") && rss_links.contains(&r.s1_hitech.1),
        "{STEP}: related links in all.rss"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(r.feeds.join("all.json")).expect("json"))
            .expect("json");
    let s1_json = json["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == s1_id))
        .unwrap_or_else(|| panic!("{STEP}: S1 in JSON Feed"));
    assert_eq!(
        s1_json["_zonefeed"]["copies"].as_array().map(Vec::len),
        Some(3),
        "{STEP}: S1's copies in all.json"
    );
}

/// Every Atom feed passes the RELAX NG schema, every RSS and Atom feed feedparser.
fn step_every_feed_passes_xmllint_and_feedparser(r: &Reposts) {
    const STEP: &str = "step 7 (xmllint and feedparser on every feed)";
    in_step(STEP, || {
        assert_atom_valid(&files_with_ext(&r.feeds, &["atom"]))
    });
    in_step(STEP, || {
        assert_feedparser_clean(&files_with_ext(&r.feeds, &["rss", "atom"]))
    });
}

/// The digest after the reposts: S1 was mailed already, so nothing new.
async fn step_second_digest_sends_nothing(r: &Reposts) {
    const STEP: &str = "step 8 (digest after the reposts)";
    let again = cli::digest_send(&r.config, &[], true)
        .await
        .expect("digest");
    assert!(
        matches!(again[0].1, DigestOutcome::Nothing { .. }),
        "{STEP}: {again:?}"
    );
    assert_eq!(r.sink.messages().len(), 1, "{STEP}: still one mail");
}

/// The CLI's view: one story of three copies; items name their story.
async fn step_the_cli_lists_one_story_of_three_copies(
    r: &Reposts,
    s1_id: &str,
    s1_copies: &S1Reposts,
) {
    const STEP: &str = "step 9 (the CLI's stories and items)";
    let stories = cli::stories(
        &r.config,
        &zonefeed::query::StoryFilter {
            region: None,
            zone: Some("nantong-hitech".into()),
            limit: 10,
        },
    )
    .await
    .expect("stories");
    let s1_story = stories
        .iter()
        .find(|s| s.id == s1_id)
        .unwrap_or_else(|| panic!("{STEP}: S1 listed"));
    assert_eq!(s1_story.copies.len(), 3, "{STEP}: S1's copies");
    assert_eq!(
        s1_story.link.as_deref(),
        Some(s1_copies.daily.1.as_str()),
        "{STEP}: S1's link is the primary copy's"
    );
    let items = cli::items(
        &r.config,
        &zonefeed::query::ItemFilter {
            region: None,
            zone: None,
            source: None,
            limit: 100,
        },
    )
    .await
    .expect("items");
    let in_s1 = items
        .iter()
        .filter(|i| i.story.as_deref() == Some(s1_id))
        .count();
    assert_eq!(in_s1, 3, "{STEP}: items naming S1 as their story");
}

/// With `[stories] enabled = false` every copy is its own entry again, as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories_off_gives_one_entry_per_item() {
    let server = TestServer::start().await;
    let text = config_text(&server, 2525).replace("window = \"7d\"", "enabled = false");
    let install = Install::new(&text);
    let config: Arc<Config> = Arc::new(install.config());
    let a = e(
        "南通高新区12个重大项目集中签约 总投资52亿元",
        "http://hitech.example.cn/news/s1.html",
        "2026-09-28T08:00:00+08:00",
        S1_BODY,
    );
    let b = e(
        "【签约】南通高新区12个重大项目集中签约 总投资52亿元（图）",
        "http://daily.example.cn/news/s1.html",
        "2026-09-29T08:00:00+08:00",
        S1_BODY,
    );
    serve(&server, &[a], &[b], &[]);
    cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    let entries = atom_entries(&install.feeds().join("all.atom"));
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|x| x.2.iter().all(|l| l.1 != "related")));
}

/// With stories on, a search and a topic feed list a story once: S2's two copies (daily,
/// portal) are one hit, its newest copy standing for it, and the search fills its limit
/// with the next distinct story rather than the second copy. The topic feed's entry is
/// the story's, both copies credited as in the region feeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_story_is_one_hit_in_search_and_topic_feeds() {
    let server = TestServer::start().await;
    let text = format!(
        "{}\n[[topics]]\nid = \"equip\"\nname = \"智能装备\"\nquery = \"智能装备产业园\"\n",
        config_text(&server, 2525)
    );
    let install = Install::new(&text);
    copy_templates(install.dir.path());
    let config: Arc<Config> = Arc::new(install.config());
    let s2_daily = e(
        "南通经开区智能装备产业园一期竣工投用",
        "http://daily.example.cn/news/s2.html",
        "2026-09-26T18:00:00+08:00",
        S2_BODY,
    );
    let s2_portal = e(
        "【园区动态】南通经开区智能装备产业园一期竣工投用",
        "http://portal.example.cn/news/s2.html",
        "2026-09-27T09:00:00+08:00",
        &format!("{S2_BODY}<p>（来源：南通日报）</p><p>责任编辑：王晓燕</p>"),
    );
    let daily = vec![
        s2_daily.clone(),
        e(
            "8月份全市经济运行情况",
            "http://daily.example.cn/news/e8.html",
            "2026-09-25T09:00:00+08:00",
            &economy(8, "7.2", "5.1"),
        ),
        e(
            "9月份全市经济运行情况",
            "http://daily.example.cn/news/e9.html",
            "2026-09-29T09:00:00+08:00",
            &economy(9, "7.8", "5.4"),
        ),
    ];
    serve(&server, &[], &daily, std::slice::from_ref(&s2_portal));
    let polled = cli::poll_once(config.clone(), &[], false)
        .await
        .expect("poll");
    assert_eq!(polled.failed(), 0, "{:?}", polled.outcomes);

    // Newest first: e9, S2 (by its portal copy, the newer), then e8 — not S2's daily copy.
    let hits = cli::search(
        &config,
        &zonefeed::query::SearchFilter {
            q: "智能装备产业园 OR 经济运行".into(),
            limit: 3,
            ..Default::default()
        },
    )
    .await
    .expect("search");
    let links: Vec<&str> = hits.iter().filter_map(|h| h.link.as_deref()).collect();
    assert_eq!(
        links,
        [
            "http://daily.example.cn/news/e9.html",
            "http://portal.example.cn/news/s2.html",
            "http://daily.example.cn/news/e8.html",
        ],
        "{hits:#?}"
    );
    // As `items --json`, each result names its story: three distinct ones.
    let stories: std::collections::HashSet<&str> =
        hits.iter().filter_map(|h| h.story.as_deref()).collect();
    assert_eq!(stories.len(), 3, "{hits:#?}");

    // The topic feed: one entry for S2, crediting both copies.
    let entries = atom_entries(&install.feeds().join("topics/equip.atom"));
    assert_eq!(entries.len(), 1, "{entries:#?}");
    for link in [&s2_daily.1, &s2_portal.1] {
        assert!(
            entries[0].2.iter().any(|l| &l.0 == link) || entries[0].3.contains(link.as_str()),
            "{link} credited in {entries:#?}"
        );
    }
    let page = std::fs::read_to_string(install.feeds().join("topics/equip.html")).expect("page");
    assert_eq!(page.matches("<li>").count(), 1, "{page}");

    // Over HTTP: `/search` lists S2 once; `/search.atom` gives it the story's entry.
    let store = zonefeed::store::Store::open(&config.service.data_dir).expect("store");
    let index = Arc::new(zonefeed::search::open(&config).expect("index"));
    let state = Arc::new(zonefeed::serve::ServeState::new(
        config.clone(),
        store,
        Arc::default(),
    ));
    state.set_search(index);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(zonefeed::serve::run(listener, state, stop.clone()));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let q = "%E6%99%BA%E8%83%BD%E8%A3%85%E5%A4%87%E4%BA%A7%E4%B8%9A%E5%9B%AD"; // 智能装备产业园
    let html = client
        .get(format!("http://{addr}/search?q={q}"))
        .send()
        .await
        .expect("GET /search")
        .text()
        .await
        .expect("body");
    assert_eq!(html.matches("<li>").count(), 1, "{html}");
    let atom = client
        .get(format!("http://{addr}/search.atom?q={q}"))
        .send()
        .await
        .expect("GET /search.atom")
        .text()
        .await
        .expect("body");
    stop.cancel();
    let file = install.dir.path().join("search.atom");
    std::fs::write(&file, atom).expect("write");
    let entries = atom_entries(&file);
    assert_eq!(entries.len(), 1, "{entries:#?}");
    for link in [&s2_daily.1, &s2_portal.1] {
        assert!(
            entries[0].2.iter().any(|l| &l.0 == link) || entries[0].3.contains(link.as_str()),
            "{link} credited in {entries:#?}"
        );
    }
}

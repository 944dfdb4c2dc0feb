//! `zonefeed add` measured on sites nobody here wrote rules for: the blind sites of
//! `tests/discovery/sites/` (FORMAT.md; sets a to d, each by another hand), each served as
//! written (bytes, content types, charsets) by a loopback server. For every labelled list
//! page and JSON API: `add URL --write`, then `inspect --source` reads the new source
//! exactly as a poll would, and its items are scored against the labels (title and link),
//! with their dates and, for the labelled article pages, the title, body, date and 来源 the
//! article rules read. For every page shell whose list a script fills from an API (`other`
//! with an `api` label): whether `add` finds that API. For every site's entry page (home,
//! else its first list): what `add` finds there (a feed when the site has one, the news
//! sections a homepage links). It prints issue 28's figures per page kind, over all sites
//! and per set.

mod common;

use std::path::{Path, PathBuf};

use common::{Response, TestServer};
use serde_json::Value;

/// The sites, or those whose names start with `ZONEFEED_SITES` (to measure one set alone,
/// e.g. a new blind set before any tuning; the floors then are not checked).
fn sites() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/discovery/sites");
    let only = std::env::var("ZONEFEED_SITES").unwrap_or_default();
    let mut v: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("sites")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("site.json").exists())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(only.as_str()))
        })
        .collect();
    v.sort();
    v
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

/// The path (and query) of a URL on our server, or the URL itself for other hosts.
fn local(url: &str, base: &str) -> String {
    url.strip_prefix(base)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| url.to_string())
}

/// The whole country by code (so `add` can guess the place), fetching allowed on loopback.
fn config(dir: &Path) -> PathBuf {
    let path = dir.join("config.toml");
    let config = common::country_config().replacen(
        "[stories]",
        "[poll]\nallow_private_networks = true\n[stories]",
        1,
    );
    std::fs::write(&path, config).expect("config");
    path
}

/// The region id `country_config` gives the province or prefecture named `name`.
fn region_named(name: &str) -> Option<String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/places/data");
    for (file, pad) in [("provinces.csv", "0000"), ("cities.csv", "00")] {
        let text = std::fs::read_to_string(data.join(file)).expect("places data");
        for l in text.lines().skip(1) {
            let f: Vec<&str> = l.split(',').map(|x| x.trim_matches('"')).collect();
            if f.get(1) == Some(&name) {
                return Some(format!("d{}{pad}", f[0]));
            }
        }
    }
    None
}

#[derive(Default, Debug)]
struct Score {
    lists: usize,
    items_labelled: usize,
    items_found: usize,
    items_right: usize,
    dates_labelled: usize,
    dates_right: usize,
    articles: usize,
    feeds_wanted: usize,
    feeds_found: usize,
    sections_wanted: usize,
    sections_offered: usize,
    places_labelled: usize,
    places_right: usize,
    bodies_right: usize,
    article_dates_right: usize,
    sources_labelled: usize,
    sources_right: usize,
    failed: Vec<String>,
    body_misses: Vec<String>,
}

/// What issue 28's evidence asks, per page kind: list pages whose proposal is fully right
/// (every item of the main list and nothing else, full titles, right links, right dates),
/// JSON APIs likewise, the API found from a script-filled page shell (and read fully
/// right), article fields right (title, date, body, 来源 where labelled), linked feeds
/// proposed.
#[derive(Default, Debug, Clone)]
struct Kinds {
    lists: usize,
    lists_right: usize,
    apis: usize,
    apis_right: usize,
    shells: usize,
    shells_right: usize,
    article_fields: usize,
    article_fields_right: usize,
    feeds: usize,
    feeds_found: usize,
}

impl Kinds {
    fn add(&mut self, o: &Kinds) {
        self.lists += o.lists;
        self.lists_right += o.lists_right;
        self.apis += o.apis;
        self.apis_right += o.apis_right;
        self.shells += o.shells;
        self.shells_right += o.shells_right;
        self.article_fields += o.article_fields;
        self.article_fields_right += o.article_fields_right;
        self.feeds += o.feeds;
        self.feeds_found += o.feeds_found;
    }

    fn line(&self) -> String {
        format!(
            "list pages fully right {}/{}, article fields right {}/{}, feeds found {}/{}, JSON APIs right {}/{}, API found from page shells {}/{}",
            self.lists_right,
            self.lists,
            self.article_fields_right,
            self.article_fields,
            self.feeds_found,
            self.feeds,
            self.apis_right,
            self.apis,
            self.shells_right,
            self.shells
        )
    }
}

/// A page's items scored against its labels: items right (title and link), dates right,
/// and whether the whole page is right (every labelled item with its full title and
/// date, nothing else).
struct Measured {
    right: usize,
    dates_right: usize,
    fully: bool,
}

/// Scores `got` (what `inspect --source` read) against `label_items`, and the labelled
/// article pages the items link, into `score` and `kinds`.
fn measure(
    name: &str,
    label_items: &[Value],
    got: &[Value],
    base: &str,
    pages: &[Value],
    score: &mut Score,
    kinds: &mut Kinds,
) -> Measured {
    let tags = regex::Regex::new(r"<[^>]*>").expect("re");
    let ymd = regex::Regex::new(r"(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})").expect("re");
    let md = regex::Regex::new(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$").expect("re");
    let mut m = Measured {
        right: 0,
        dates_right: 0,
        fully: got.len() == label_items.len() && !got.is_empty(),
    };
    for want in label_items {
        let (wt, wl) = (
            norm(want["title"].as_str().unwrap_or("")),
            want["link"].as_str().unwrap_or(""),
        );
        let Some(g) = got.iter().find(|g| {
            local(g["link"].as_str().unwrap_or(""), base) == wl || g["link"].as_str() == Some(wl)
        }) else {
            m.fully = false;
            continue;
        };
        if norm(g["title"].as_str().unwrap_or("")) == wt {
            m.right += 1;
        } else {
            m.fully = false;
        }
        if let Some(wd) = want["date"].as_str() {
            // Day precision, in Beijing time.
            let day = g["published"]
                .as_str()
                .and_then(|gd| chrono::DateTime::parse_from_rfc3339(gd).ok())
                .map(|d| {
                    d.with_timezone(&chrono_tz::Asia::Shanghai)
                        .format("%Y-%m-%d")
                        .to_string()
                })
                .unwrap_or_default();
            // The label writes the date as the page does (2022/10/11, 2022年10月11日, or
            // 10-11 on a page that shows no year: then month and day are compared).
            let (want_day, day) = match ymd.captures(wd) {
                Some(c) => (format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]), day),
                None => match md.captures(wd) {
                    Some(c) => (
                        format!("{:0>2}-{:0>2}", &c[1], &c[2]),
                        day.get(5..).unwrap_or("").to_string(),
                    ),
                    None => (String::new(), day),
                },
            };
            if want_day == day && !day.is_empty() {
                m.dates_right += 1;
            } else {
                m.fully = false;
            }
        }
        // The article page, when labelled.
        let Some(a) = pages
            .iter()
            .find(|x| x["kind"] == "article" && x["path"] == wl)
        else {
            continue;
        };
        score.articles += 1;
        let l = &a["label"];
        let text = g["content"]
            .as_str()
            .map(|h| norm(&tags.replace_all(h, "")))
            .unwrap_or_default();
        let starts = norm(l["body_starts"].as_str().unwrap_or("~"));
        let ends = norm(l["body_ends"].as_str().unwrap_or("~"));
        let clean = l["not_in_body"].as_array().is_none_or(|v| {
            v.iter()
                .all(|x| !text.contains(&norm(x.as_str().unwrap_or("~"))))
        });
        kinds.article_fields += 3;
        if norm(g["title"].as_str().unwrap_or("")) == norm(l["title"].as_str().unwrap_or("~")) {
            kinds.article_fields_right += 1;
        }
        if text.contains(&starts) && text.contains(&ends) && clean {
            score.bodies_right += 1;
            kinds.article_fields_right += 1;
        } else {
            score.body_misses.push(format!(
                "{name} {wl}: {} chars read; starts {} ends {} clean {clean}",
                text.chars().count(),
                text.contains(&starts),
                text.contains(&ends)
            ));
        }
        if let (Some(wp), Some(gp)) = (l["published"].as_str(), g["published"].as_str())
            && let Ok(gd) = chrono::DateTime::parse_from_rfc3339(gp)
        {
            let shown = gd.with_timezone(&chrono_tz::Asia::Shanghai);
            let want_day = &wp[..wp.len().min(10)];
            if shown.format("%Y-%m-%d").to_string() == want_day {
                score.article_dates_right += 1;
                kinds.article_fields_right += 1;
            }
        }
        if let Some(ws) = l["source"].as_str() {
            score.sources_labelled += 1;
            kinds.article_fields += 1;
            if g["author"].as_str().is_some_and(|a| norm(a) == norm(ws)) {
                score.sources_right += 1;
                kinds.article_fields_right += 1;
            }
        }
    }
    m
}

/// `add URL --write` as source `id`, then what `inspect --source` reads from it: the
/// page itself (a backfill, `pages`, would read the pages after it too; tests/html.rs and
/// the JSON backfill test check that). Err: the last line of what failed.
fn add_and_read(dir: &Path, url: &str, id: &str) -> Result<(Value, Vec<Value>), String> {
    let (code, v, err) = add(dir, url, &["--write", "--region", "cn", "--id", id]);
    if code != Some(0) {
        return Err(err.lines().last().unwrap_or("").to_string());
    }
    let cfg = dir.join("config.toml");
    let text = std::fs::read_to_string(&cfg).expect("config");
    let text = text
        .lines()
        .filter(|l| !l.starts_with("pages = "))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&cfg, text).expect("config");
    let (code, out, err) = common::zonefeed_text(dir, &["inspect", "--source", id, "--json"]);
    if code != Some(0) {
        return Err(format!("inspect: {err}"));
    }
    let got = out
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    Ok((v, got))
}

fn add(dir: &Path, url: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec!["add", url, "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = common::zonefeed_text(dir, &args);
    let v = out
        .lines()
        .next()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or(Value::Null);
    (code, v, err)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zonefeed_add_on_the_blind_sites() {
    let mut score = Score::default();
    let mut kinds: std::collections::BTreeMap<String, Kinds> = Default::default();
    let mut entry_lines = Vec::new();
    for site in sites() {
        let meta: Value =
            serde_json::from_str(&std::fs::read_to_string(site.join("site.json")).expect("read"))
                .expect("site.json");
        let name = meta["site"].as_str().unwrap_or("?").to_string();
        let server = TestServer::start().await;
        let pages = meta["pages"].as_array().cloned().unwrap_or_default();
        for p in &pages {
            let body = std::fs::read(site.join(p["file"].as_str().unwrap_or(""))).expect("page");
            server.route(
                p["path"].as_str().unwrap_or("/"),
                Response::ok(p["content_type"].as_str().unwrap_or("text/html"), body),
            );
        }
        let base = server.url("/");
        let dir = tempfile::tempdir().expect("tempdir");
        config(dir.path());

        let (mut feeds_labelled, mut feeds_proposed) = (0, 0);
        // The entry page: what an admin would paste first.
        let entry = pages
            .iter()
            .find(|p| p["kind"] == "home")
            .or_else(|| pages.iter().find(|p| p["kind"] == "list"))
            .cloned();
        if let Some(e) = entry {
            let path = e["path"].as_str().unwrap_or("/");
            let (code, v, err) = add(dir.path(), &server.url(path), &[]);
            let feeds_wanted = e["label"]["feeds"].as_array().map_or(0, Vec::len);
            // News sections the site serves: a section offered says what it yields, which
            // a page not written (the d-set labels some) cannot.
            let lists_wanted: Vec<String> = e["label"]["news_lists"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .filter(|x| pages.iter().any(|p| p["path"] == x.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            let offered: Vec<String> = v["sections"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s["url"].as_str().map(|u| local(u, &base)))
                        .collect()
                })
                .unwrap_or_default();
            if let Some(hint) = e["label"]["region_hint"].as_str() {
                score.places_labelled += 1;
                let want = region_named(hint);
                if want.is_some() && v["region"].as_str() == want.as_deref() {
                    score.places_right += 1;
                } else {
                    score.failed.push(format!(
                        "{name}: place guessed {} ({}), labelled {hint}",
                        v["region"], v["place_note"]
                    ));
                }
            }
            for f in e["label"]["feeds"].as_array().into_iter().flatten() {
                feeds_labelled += 1;
                feeds_proposed += usize::from(
                    v["kind"] == "feed"
                        && f.as_str()
                            == Some(local(v["url"].as_str().unwrap_or(""), &base).as_str()),
                );
            }
            score.feeds_wanted += feeds_wanted;
            score.feeds_found += usize::from(feeds_wanted > 0 && v["kind"] == "feed");
            score.sections_wanted += lists_wanted.len();
            score.sections_offered += lists_wanted.iter().filter(|l| offered.contains(l)).count();
            entry_lines.push(format!(
                "{name:34} entry {path}: exit {code:?}, kind {}, url {}, feeds wanted {feeds_wanted}, news lists offered {}/{}, {} requests{}",
                v["kind"],
                local(v["url"].as_str().unwrap_or(""), &base),
                lists_wanted.iter().filter(|l| offered.contains(l)).count(),
                lists_wanted.len(),
                v["requests"],
                if code == Some(0) { String::new() } else { format!(" ({})", err.lines().last().unwrap_or("")) }
            ));
        }

        // Each labelled list page and JSON API, added and read back as a poll would.
        let set = name.get(..1).unwrap_or("?").to_string();
        let mut k = Kinds::default();
        let mut n = 0;
        for p in pages
            .iter()
            .filter(|p| p["kind"] == "list" || p["kind"] == "json")
        {
            n += 1;
            let path = p["path"].as_str().unwrap_or("/");
            score.lists += 1;
            let is_list = p["kind"] == "list";
            if is_list {
                k.lists += 1;
            } else {
                k.apis += 1;
            }
            let label_items = p["label"]["items"].as_array().cloned().unwrap_or_default();
            score.items_labelled += label_items.len();
            score.dates_labelled += label_items.iter().filter(|i| i["date"].is_string()).count();
            let got = match add_and_read(dir.path(), &server.url(path), &format!("s{n}")) {
                Ok((_, got)) => got,
                Err(e) => {
                    score.failed.push(format!("{name} {path}: {e}"));
                    continue;
                }
            };
            score.items_found += got.len();
            let m = measure(&name, &label_items, &got, &base, &pages, &mut score, &mut k);
            score.items_right += m.right;
            score.dates_right += m.dates_right;
            match (is_list, m.fully) {
                (true, true) => k.lists_right += 1,
                (false, true) => k.apis_right += 1,
                _ => {}
            }
            entry_lines.push(format!(
                "{name:34} {path}: {}/{} items right, {} read, dates right {}{}",
                m.right,
                label_items.len(),
                got.len(),
                m.dates_right,
                if m.fully { ", fully right" } else { "" }
            ));
        }
        // Page shells whose list a script fills from an API (labelled `other` with the
        // `api` they call): `add` on the shell should find that API and read it fully right.
        for p in pages
            .iter()
            .filter(|p| p["kind"] == "other" && p["label"]["api"].is_string())
        {
            n += 1;
            k.shells += 1;
            let path = p["path"].as_str().unwrap_or("/");
            let api = p["label"]["api"].as_str().unwrap_or("");
            let label_items = pages
                .iter()
                .find(|x| x["kind"] == "json" && x["path"] == api)
                .and_then(|x| x["label"]["items"].as_array().cloned())
                .unwrap_or_default();
            let line = match add_and_read(dir.path(), &server.url(path), &format!("s{n}")) {
                Ok((v, got)) => {
                    let found = local(v["url"].as_str().unwrap_or(""), &base);
                    let mut aside = Score::default();
                    let mut kinds_aside = Kinds::default();
                    let m = measure(
                        &name,
                        &label_items,
                        &got,
                        &base,
                        &pages,
                        &mut aside,
                        &mut kinds_aside,
                    );
                    let right = v["kind"] == "json" && found == api && m.fully;
                    k.shells_right += usize::from(right);
                    format!(
                        "kind {}, url {found}, {}/{} items right{}",
                        v["kind"],
                        m.right,
                        label_items.len(),
                        if right { ", the API, fully right" } else { "" }
                    )
                }
                Err(e) => format!("failed: {e}"),
            };
            entry_lines.push(format!("{name:34} shell {path}: {line}"));
        }
        k.feeds += feeds_labelled;
        k.feeds_found += feeds_proposed;
        kinds.entry(set).or_default().add(&k);
    }
    for l in &entry_lines {
        eprintln!("{l}");
    }
    for f in &score.failed {
        eprintln!("FAILED {f}");
    }
    for b in &score.body_misses {
        eprintln!("body missed: {b}");
    }
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    eprintln!(
        "lists and APIs: {}; items right {}/{} = {:.3} (read {}, precision {:.3}); dates right {}/{}; articles: bodies {}/{}, dates {}/{}, 来源 {}/{}",
        score.lists,
        score.items_right,
        score.items_labelled,
        ratio(score.items_right, score.items_labelled),
        score.items_found,
        ratio(score.items_right, score.items_found),
        score.dates_right,
        score.dates_labelled,
        score.bodies_right,
        score.articles,
        score.article_dates_right,
        score.articles,
        score.sources_right,
        score.sources_labelled
    );
    eprintln!(
        "entry pages: feeds found {}/{}, news sections offered {}/{} (of those served), region guessed right {}/{}",
        score.feeds_found,
        score.feeds_wanted,
        score.sections_offered,
        score.sections_wanted,
        score.places_right,
        score.places_labelled
    );
    let mut all = Kinds::default();
    for k in kinds.values() {
        all.add(k);
    }
    eprintln!("per kind, all sites: {}", all.line());
    for (set, k) in &kinds {
        eprintln!("per kind, {set}-set: {}", k.line());
    }
    // Floors at this code's measurement (issue 28). Written before any tuning to these
    // sites: items right 294/384 = 0.766 (precision 0.860), bodies 22/56, article dates
    // 56/56, 来源 50/55, feeds 4/4, sections 4/12 (list dates were then compared as the
    // page writes them, which missed 2022/10/11 and 年月日 forms: not comparable). After
    // tuning (readability-style bodies; dates at either end of a title; lists held in
    // scripts; header rows and zebra rows; a linked feed only when it carries the page's
    // items; sections offered beside a feed; ids passed to a script's address builder;
    // a card's heading as its title; body selectors qualified by an ancestor; article
    // rules for JSON sources too): 372/384 = 0.969 (precision 1.000), list dates 336/372,
    // bodies 64/68, article dates 64/68, 来源 62/67, feeds 4/4, sections 11/12.
    // Then six more sites written blind by a third helper (c01-c06), measured before any
    // change for them (`ZONEFEED_SITES=c`): items 70/84 = 0.833 (precision 1.000), bodies
    // 12/14, article dates 14/14, 来源 12/14, feeds 1/1, sections 2/5, region 1/2. One
    // change from them (an unnamed layout table's rows named by a classed cell,
    // `tr:has(> td.list_title)`, separator rows left out): 81/84 = 0.964. All 26 sites:
    // 453/468 = 0.968 (precision 1.000), bodies 78/84, article dates 80/84, 来源 76/83,
    // feeds 5/5, sections 13/17, region 7/8.
    // Then eight more sites written blind by a fourth helper (d01-d08), measured before any
    // change for them (tests/discovery/D-SET.md): list pages fully right 6/11, article
    // fields 51/56, feeds 1/1, JSON APIs 2/4, page shells to their API 0/2, items 148/201 =
    // 0.736 (precision 0.876). After the changes they asked for (JSON backfill, shells to
    // their API, split dates, ellipsis titles, clickable records' headline element, 更多
    // links, 发布日期 before 成文日期, article rules for feeds without bodies): 10/11,
    // 56/56, 1/1, 2/4, 2/2, items 169/201 = 0.841 (precision 1.000). All 34 sites: list
    // pages 41/45, article fields 388/391, feeds 6/6, JSON APIs 9/12, shells 2/2, items
    // 622/669 = 0.930 (precision 1.000), list dates 602/657, bodies 97/98, article dates
    // 98/98, 来源 95/97, sections 20/20 served, region 12/13. The floors are those figures:
    // detection getting worse anywhere fails here.
    if std::env::var_os("ZONEFEED_SITES").is_some() {
        return;
    }
    assert!(
        all.lists_right >= 41,
        "list pages fully right {}",
        all.lists_right
    );
    assert!(
        all.article_fields_right >= 388,
        "article fields right {}",
        all.article_fields_right
    );
    assert_eq!(all.feeds_found, all.feeds, "every linked feed found");
    assert!(all.apis_right >= 9, "JSON APIs right {}", all.apis_right);
    assert_eq!(all.shells_right, all.shells, "page shells to their API");
    assert!(
        score.items_right >= 622,
        "items right {}",
        score.items_right
    );
    assert!(ratio(score.items_right, score.items_found) >= 0.99);
    assert!(score.dates_right >= 602, "dates {}", score.dates_right);
    assert!(score.bodies_right >= 97, "bodies {}", score.bodies_right);
    assert!(
        score.article_dates_right >= 98,
        "article dates {}",
        score.article_dates_right
    );
    assert!(score.sources_right >= 95, "来源 {}", score.sources_right);
    assert_eq!(score.feeds_found, score.feeds_wanted);
    assert!(
        score.sections_offered >= 20,
        "sections {}",
        score.sections_offered
    );
    // APIs whose records carry only an id fail alone (a04, d04's two pages), each saying
    // to run add on the calling page; else only an unsure place.
    assert!(
        score.failed.len() <= 3 + score.places_labelled - score.places_right,
        "{:?}",
        score.failed
    );
}

/// The defects issue 28 lists, as a new admin met them: each now says what is wrong and
/// where to look.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_rules_and_pages_that_are_no_feed_are_explained() {
    let server = TestServer::start().await;
    server.route(
        "/",
        Response::ok(
            "text/html; charset=utf-8",
            "<html><head><title>园区</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\"></head><body>首页</body></html>",
        ),
    );
    server.route(
        "/api/list",
        Response::ok(
            "application/javascript",
            "jQuery123({\"data\":{\"rows\":[{\"bt\":\"南通高新区项目签约\",\"url\":\"/a/1.html\",\"fbsj\":\"2026-12-01\"},{\"bt\":\"南通高新区项目开工\",\"url\":\"/a/2.html\",\"fbsj\":\"2026-12-02\"}],\"total\":2}})",
        ),
    );
    let list = "<html><body><ul class=\"news\">\
        <li><a href=\"javascript:void(0)\" onclick=\"window.open('/news/detail?id=881')\">江北新区与12家企业集中签约</a><span class=\"d\">2026-12-01</span></li>\
        <li><a href=\"javascript:void(0)\" onclick=\"window.open('/news/detail?id=879')\">江北新区集成电路项目开工</a><span class=\"d\">2026-12-02</span></li>\
        </ul></body></html>";
    server.route("/list.html", Response::ok("text/html; charset=utf-8", list));
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // inspect on a homepage: the feed it links is named.
    let (code, _, err) = common::zonefeed_text(d, &["inspect", &server.url("/")]);
    assert_ne!(code, Some(0));
    assert!(err.contains(&server.url("/atom.xml")), "{err}");
    // inspect on JSONP: said to be an API, with the kind that reads it.
    let (code, _, err) = common::zonefeed_text(d, &["inspect", &server.url("/api/list")]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("JSONP") && err.contains("kind = \"json\""),
        "{err}"
    );
    std::fs::write(
        d.join("config.toml"),
        format!(
            r#"[poll]
allow_private_networks = true
[[regions]]
id = "nt"
name = "南通市"

[[sources]]
id = "wrong-path"
kind = "json"
url = "{api}"
region = "nt"
[sources.json]
items = "data.list"
title = "bt"

[[sources]]
id = "wrong-title"
kind = "json"
url = "{api}"
region = "nt"
[sources.json]
items = "data.rows"
title = "title"
link = "url"

[[sources]]
id = "wrong-date"
kind = "html"
url = "{list}"
region = "nt"
[sources.list]
item = "ul.news li"
date = "span.date"
link_attr = "onclick"
"#,
            api = server.url("/api/list"),
            list = server.url("/list.html")
        ),
    )
    .expect("config");
    // A wrong items path names the keys that are there.
    let (code, _, err) = common::zonefeed_text(d, &["inspect", "--source", "wrong-path"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("rows, total"), "{err}");
    // A wrong title key: items without titles are reported, with the rule.
    let (code, _, err) = common::zonefeed_text(d, &["inspect", "--source", "wrong-title"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("2 of 2 items have no title") && err.contains("\"title\""),
        "{err}"
    );
    // A wrong date selector is reported; the link in onclick is its address, not script.
    let (code, out, err) =
        common::zonefeed_text(d, &["inspect", "--source", "wrong-date", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("read no date") && err.contains("span.date"),
        "{err}"
    );
    assert!(out.contains(&server.url("/news/detail?id=881")), "{out}");
    assert!(!out.contains("window.open"), "{out}");
}

/// A JSON API paged by a parameter: `add` offers the backfill when the address has one,
/// the first poll reads `pages` pages by stepping it, later polls read page 1 only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_paged_by_a_parameter_is_backfilled_on_the_first_poll() {
    let server = TestServer::start().await;
    let page = |n: usize| {
        let rows: Vec<String> = (0..3)
            .map(|i| {
                format!(
                    r#"{{"title":"株洲高新区第{n}页第{i}条项目建设新闻","url":"/news/{n}{i}.html","publishDate":"2026-12-0{} 10:00:00"}}"#,
                    n + 1
                )
            })
            .collect();
        format!(r#"{{"code":0,"data":{{"rows":[{}]}}}}"#, rows.join(","))
    };
    for n in 1..=4 {
        server.route(
            &format!("/api/list?channelId=3&pageNo={n}&pageSize=3"),
            Response::ok("application/json", page(n)),
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("config.toml"),
        "[poll]\nallow_private_networks = true\n[[regions]]\nid = \"r\"\nname = \"株洲市\"\n",
    )
    .expect("config");
    let api = server.url("/api/list?channelId=3&pageNo=1&pageSize=3");
    let (code, v, err) = add(d, &api, &["--write", "--region", "r", "--id", "api"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["kind"], "json");
    assert!(
        v["block"].as_str().is_some_and(|b| b.contains("pages = 3")),
        "{v}"
    );
    let (code, out, err) = common::zonefeed_text(d, &["poll"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (_, items, _) = common::zonefeed_text(d, &["items", "--json", "--limit", "100"]);
    assert_eq!(items.lines().count(), 9, "three pages of three: {items}");
    assert_eq!(
        server
            .requests("/api/list?channelId=3&pageNo=4&pageSize=3")
            .len(),
        0,
        "a fourth page is not read"
    );
    let (code, out, err) = common::zonefeed_text(d, &["poll", "--force"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(
        server
            .requests("/api/list?channelId=3&pageNo=1&pageSize=3")
            .len(),
        3,
        "add, the first poll and the second read page 1"
    );
    assert_eq!(
        server
            .requests("/api/list?channelId=3&pageNo=2&pageSize=3")
            .len(),
        1,
        "later polls read the first page only"
    );
    // An API without a paging parameter is refused a backfill, saying why.
    let text = std::fs::read_to_string(d.join("config.toml")).expect("config");
    std::fs::write(d.join("config.toml"), text.replace("pageNo=1&", "")).expect("config");
    let (code, _, err) = common::zonefeed_text(d, &["check"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("paging parameter"), "{err}");
}

/// A page shell whose list a script fills from an API whose records carry only an id:
/// `add` on the page finds the API in the script, and the detail address the script
/// builds (`'/detail.html?id=' + item.id`), and the source reads working links.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_shell_leads_to_its_api_and_the_detail_address_its_script_builds() {
    let server = TestServer::start().await;
    let shell = r#"<html><head><title>高新要闻-株洲高新区</title></head><body><div id="app">
<aside><h3>热门文章</h3><ul class="hot"><li><a href="/detail.html?id=1">株洲高新区热门文章标题之一</a></li><li><a href="/detail.html?id=2">株洲高新区热门文章标题之二</a></li><li><a href="/detail.html?id=3">株洲高新区热门文章标题之三</a></li></ul></aside>
<ul class="news-list"><li v-for="item in list" @click="toDetail(item)">{{ item.title }}</li></ul></div>
<script>
new Vue({ el: '#app', data: function () { return { channelId: 3, list: [], pageNo: 1, pageSize: 4 }; },
  created: function () { this.getList(1); },
  methods: {
    getList: function (page) { var that = this; that.pageNo = page || 1;
      axios.get('/api/article/list', { params: { channelId: that.channelId, pageNo: that.pageNo, pageSize: that.pageSize } }).then(function (res) { that.list = res.data.data.rows; }); },
    toDetail: function (item) { window.open('/detail.html?id=' + item.id); } } });
</script></body></html>"#;
    server.route(
        "/news/list.html?code=gxyw",
        Response::ok("text/html; charset=utf-8", shell),
    );
    let rows: Vec<String> = (0..4)
        .map(|i| {
            format!(
                r#"{{"id":88{i},"title":"株洲高新区第{i}个重大项目集中开工","source":"株洲日报","publishDate":"2026-11-0{} 10:20:00"}}"#,
                i + 1
            )
        })
        .collect();
    server.route(
        "/api/article/list?channelId=3&pageNo=1&pageSize=4",
        Response::ok(
            "application/json;charset=UTF-8",
            format!(
                r#"{{"code":0,"data":{{"total":40,"rows":[{}]}}}}"#,
                rows.join(",")
            ),
        ),
    );
    for i in 0..4 {
        server.route(
            &format!("/detail.html?id=88{i}"),
            Response::ok(
                "text/html; charset=utf-8",
                format!("<html><body><h1>株洲高新区第{i}个重大项目集中开工</h1><div class=\"info\">发布时间：2026-11-0{} 来源：株洲日报</div><div class=\"content\"><p>11月，株洲高新区26个重大项目集中开工，总投资212亿元，涵盖先进制造、新能源等领域。</p><p>项目建成后将进一步壮大园区主导产业集群，带动就业岗位逾万个。</p></div></body></html>", i + 1),
            ),
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    config(d);
    let (code, v, err) = add(
        d,
        &server.url("/news/list.html?code=gxyw"),
        &["--write", "--region", "cn", "--id", "shell"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["kind"], "json", "{v}");
    assert_eq!(
        v["url"].as_str(),
        Some(
            server
                .url("/api/article/list?channelId=3&pageNo=1&pageSize=4")
                .as_str()
        )
    );
    let (code, out, err) = common::zonefeed_text(d, &["inspect", "--source", "shell", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let got: Vec<Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(got.len(), 4, "{out}");
    for (i, g) in got.iter().enumerate() {
        assert_eq!(
            g["link"].as_str(),
            Some(server.url(&format!("/detail.html?id=88{i}")).as_str())
        );
        assert_eq!(
            g["title"].as_str(),
            Some(format!("株洲高新区第{i}个重大项目集中开工").as_str())
        );
    }
}

/// A list whose dates stand in two elements (`<span class="day">11</span><span
/// class="ym">2022-10</span>`): `add` reads them as one date.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_dates_split_over_two_elements_are_read() {
    let server = TestServer::start().await;
    let mut list =
        String::from("<html><head><title>高新动态</title></head><body><div class=\"news-box\">");
    for (i, (d, ym)) in [
        ("11", "2022-10"),
        ("09", "2022-10"),
        ("30", "2022-09"),
        ("28", "2022-09"),
    ]
    .iter()
    .enumerate()
    {
        list.push_str(&format!(
            "<div class=\"news-item\"><div class=\"news-date\"><span class=\"day\">{d}</span><span class=\"ym\">{ym}</span></div><div class=\"news-txt\"><h4><a href=\"/news/{i}.html\">贵阳高新区第{i}批重点项目集中签约仪式举行</a></h4><p>摘要</p></div></div>"
        ));
    }
    list.push_str("</div></body></html>");
    server.route(
        "/news/index.shtml",
        Response::ok("text/html; charset=utf-8", list),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    config(d);
    let (code, _, err) = add(
        d,
        &server.url("/news/index.shtml"),
        &["--write", "--region", "cn", "--id", "split"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = common::zonefeed_text(d, &["inspect", "--source", "split", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let days: Vec<String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| {
            let p = chrono::DateTime::parse_from_rfc3339(v["published"].as_str()?).ok()?;
            Some(
                p.with_timezone(&chrono_tz::Asia::Shanghai)
                    .format("%Y-%m-%d")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        days,
        ["2022-10-11", "2022-10-09", "2022-09-30", "2022-09-28"],
        "{out}"
    );
}

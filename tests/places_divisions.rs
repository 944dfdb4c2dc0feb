//! Regions given by their GB/T 2260 code: with `code = "320600"` and nothing else about
//! 南通, a province's items naming 如皋 or 海门区 land in 南通市's feed (`zonefeed poll`,
//! the release of issue 31's first part).

mod common;

use std::path::Path;

fn titles(rss: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(rss).unwrap_or_else(|e| panic!("{}: {e}", rss.display()));
    text.split("<item>")
        .skip(1)
        .filter_map(|i| {
            i.split_once("<title>")
                .and_then(|(_, r)| r.split_once("</title>"))
        })
        .map(|(t, _)| t.to_string())
        .collect()
}

#[test]
fn items_naming_a_county_land_in_the_city_given_by_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("config.toml"),
        r#"[service]
base_url = "http://feeds.example.cn/"

[[regions]]
id = "js"
code = "320000"

[[regions]]
id = "nt"
code = "320600"

[[sources]]
id = "commerce"
name = "江苏省商务厅"
url = "file:commerce.rss"
region = "js"
"#,
    )
    .expect("config");
    let items = [
        ("a", "如皋市举行重大项目集中签约仪式", "总投资32亿元。"),
        (
            "b",
            "新能源产业链项目开工",
            "海门区今日集中开工一批新能源项目。",
        ),
        ("c", "鼓楼区召开招商推介会", "推介会吸引百余家企业参加。"),
        (
            "d",
            "全省外贸形势分析会召开",
            "会议分析了前三季度外贸形势。",
        ),
    ];
    let mut rss = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>江苏商务</title><link>http://swt.example.cn/</link><description>d</description>",
    );
    for (id, title, text) in items {
        rss.push_str(&format!(
            "<item><guid>{id}</guid><title>{title}</title><link>http://swt.example.cn/{id}.html</link><description>{text}</description><pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate></item>"
        ));
    }
    rss.push_str("</channel></rss>");
    std::fs::write(d.join("commerce.rss"), rss).expect("feed");
    let (code, out, err) = common::zonefeed_text(d, &["check"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("2 regions"), "{out}");
    let (code, out, err) = common::zonefeed_text(d, &["poll"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let nt = titles(&d.join("feeds/regions/nt.rss"));
    assert!(
        nt.contains(&"如皋市举行重大项目集中签约仪式".to_string()),
        "{nt:?}"
    );
    assert!(nt.contains(&"新能源产业链项目开工".to_string()), "{nt:?}");
    assert_eq!(
        nt.len(),
        2,
        "鼓楼区 (four cities have one) and the province's own news stay out: {nt:?}"
    );
    let js = titles(&d.join("feeds/regions/js.rss"));
    assert_eq!(js.len(), 4, "the province's feed has everything: {js:?}");
    // The feed's title is the division's name, from the built-in data.
    let feed = std::fs::read_to_string(d.join("feeds/regions/nt.rss")).expect("read");
    assert!(feed.contains("南通市"), "{feed}");
}

/// The blind set (`tests/places/blind.json`, 244 item texts from across the country,
/// labelled by a helper who had not read the classifier), placed end to end: every
/// province and prefecture-level division configured by `code` alone under one national
/// region, one national source, `zonefeed poll`, `items --json`. Prints the figures per
/// kind; fails if the share placed right falls below what this code measured.
#[test]
fn the_blind_set_is_placed_by_the_divisions_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/places/blind.json")).expect("blind.json"),
    )
    .expect("json");
    // Regions: the country, every province, every prefecture-level division, and the
    // county-level units a province governs directly (省直辖: 仙桃, 石河子 …).
    let data = |f: &str| std::fs::read_to_string(root.join("src/places/data").join(f)).expect(f);
    let mut config = String::from(
        "[service]\nbase_url = \"http://feeds.example.cn/\"\n[stories]\nenabled = false\n\n[[regions]]\nid = \"cn\"\nname = \"全国\"\n",
    );
    for l in data("provinces.csv").lines().skip(1) {
        let code = l.split(',').next().unwrap_or("");
        config.push_str(&format!(
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
        config.push_str(&format!(
            "[[regions]]\nid = \"d{0}00\"\ncode = \"{0}00\"\n",
            f[0]
        ));
    }
    for l in data("areas.csv").lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        if direct.iter().any(|c| c == f[2]) {
            config.push_str(&format!(
                "[[regions]]\nid = \"d{0}\"\ncode = \"{0}\"\n",
                f[0]
            ));
        }
    }
    config.push_str("[[sources]]\nid = \"national\"\nurl = \"file:in.rss\"\nregion = \"cn\"\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("config.toml"), &config).expect("config");
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut rss = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>http://example.cn/</link><description>d</description>",
    );
    for x in &set {
        rss.push_str(&format!(
            "<item><guid>{}</guid><title>{}</title><description>{}</description><pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate></item>",
            x["id"].as_str().unwrap_or(""),
            esc(x["title"].as_str().unwrap_or("")),
            esc(x["text"].as_str().unwrap_or(""))
        ));
    }
    rss.push_str("</channel></rss>");
    std::fs::write(d.join("in.rss"), rss).expect("feed");
    let (code, out, err) = common::zonefeed_text(d, &["poll"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = common::zonefeed_text(d, &["items", "--json", "--limit", "1000"]);
    assert_eq!(code, Some(0), "{err}");
    let placed: std::collections::HashMap<String, String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["id"].as_str().unwrap_or("").to_string(),
                v["region"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut by_kind: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut named_right, mut named_all, mut none_right, mut none_all) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for x in &set {
        // The prefecture when the text decides one, else the province it names, else none.
        let want = match (
            x["prefecture"]["code"].as_str(),
            x["province"]["code"].as_str(),
        ) {
            (Some(c), _) | (None, Some(c)) => format!("d{c}"),
            (None, None) => "cn".to_string(),
        };
        let got = placed
            .get(x["id"].as_str().unwrap_or(""))
            .cloned()
            .unwrap_or_default();
        let ok = got == want;
        let e = by_kind
            .entry(x["kind"].as_str().unwrap_or("?").to_string())
            .or_default();
        e.1 += 1;
        e.0 += usize::from(ok);
        if want == "cn" {
            none_all += 1;
            none_right += usize::from(ok);
        } else {
            named_all += 1;
            named_right += usize::from(ok);
        }
        if !ok {
            wrong.push(format!("{} {} want {want} got {got}", x["id"], x["title"]));
        }
    }
    eprintln!("blind places set, by kind (right/all):");
    for (k, (r, a)) in &by_kind {
        eprintln!("  {k:12} {r:3}/{a:3}");
    }
    let share = named_right as f64 / named_all as f64;
    eprintln!(
        "items naming a place: {named_right}/{named_all} = {share:.3} placed right; naming none, left unplaced: {none_right}/{none_all}"
    );
    for w in wrong
        .iter()
        .filter(|w| w.ends_with("want cn got cn") || w.contains("want cn "))
    {
        eprintln!("  placed, naming none: {w}");
    }
    for w in wrong.iter().take(15) {
        eprintln!("  wrong: {w}");
    }
    // Floors at this code's measurement (issue 31 wants 0.98 and every item naming no
    // place left unplaced): a regression fails. Measured before any rule was written for
    // it: 160/220 = 0.727 and 22/24; after names several divisions bear were decided by
    // the source's region or a place named beside them (江苏通州区): 168/220 = 0.764.
    // Known misses: places named by landmarks (张江, 临港), zones alone, short forms
    // that are also a county's (河北 is 河北区's too), and county short forms that are
    // words (资源 in 自然资源部, 资中 in 外资中).
    assert!(share >= 0.76, "{share:.3}");
    assert!(none_right + 2 >= none_all, "{none_right}/{none_all}");
}

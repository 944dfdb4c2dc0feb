//! The in-memory matcher (`search::Matcher`, used by digests for `topics = [...]`) holds
//! exactly the search index's verdicts: for every query of the labelled set plus queries
//! aimed at the edges (OR, exclusions, phrases across spaces and across place values,
//! full-width letters, one Han character, HTML in summaries and content, place names and
//! ids), with and without a region/zone filter, under both analysers, the set of items the
//! matcher accepts equals the set a real tantivy index on disk returns.

#[path = "common/relevance_set.rs"]
mod relevance_set;

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use relevance_set::{DOCS, QUERIES};
use zonefeed::model::{IdKind, Item};
use zonefeed::search::{Analyzer, Filter, ItemTerms, Matcher, Placing, SearchIndex, parse};

fn item(n: u32, title: &str, summary: &str, content: Option<&str>) -> Item {
    let t = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid date")
        + chrono::Duration::hours(n as i64);
    Item {
        id: format!("n{n}"),
        id_kind: IdKind::Guid,
        source: if n % 2 == 0 { "news" } else { "sip-gov" }.into(),
        title: title.into(),
        link: Some(format!("https://example.org/{n}")),
        published: t,
        date_estimated: false,
        updated: None,
        summary: Some(summary.into()),
        content: content.map(String::from),
        author: None,
        categories: vec![],
        region: "cn".into(),
        zone: None,
        first_seen: t,
        seq: n as u64,
        article_pending: false,
        placed_by: Default::default(),
    }
}

/// Places spread over the items: a third in Suzhou's industrial park, a third in Wuxi,
/// a third nowhere in particular.
fn placing(n: u32) -> Placing {
    match n % 3 {
        0 => Placing {
            regions: vec!["jiangsu".into(), "suzhou".into()],
            zone: Some("sip".into()),
            names: vec![
                "江苏省".into(),
                "苏州".into(),
                "sip".into(),
                "苏州工业园区".into(),
                "园区".into(),
                "苏州园区政务".into(),
            ],
        },
        1 => Placing {
            regions: vec!["jiangsu".into(), "wuxi".into()],
            zone: None,
            names: vec!["江苏省".into(), "无锡".into()],
        },
        _ => Placing {
            regions: vec!["cn".into()],
            zone: None,
            names: vec![],
        },
    }
}

const EXTRA_DOCS: &[(u32, &str, &str, Option<&str>)] = &[
    (101, "新<b>能</b>源", "<p>新能<i>源</i>汽车</p>", None),
    (
        102,
        "ＡＩ芯片与ai大模型",
        "5GW",
        Some("<div>光伏 5gw 组件</div>"),
    ),
    (103, "哈哈哈", "氢", Some("港口 氢能")),
    (104, "Suzhou Industrial Park", "SIP 2026", None),
    (105, "能源局", "局", Some("能源，局")),
    (106, "", "", Some("苏州 工业 园区")),
    (107, "①号线 开通", "Ｎｏ.1 线路", None),
    (108, "x", "y", Some("<a href=\"新能源\">链接</a>")),
];

const EXTRA_QUERIES: &[&str] = &[
    "苏州 工业",
    "\"苏州 工业\"",
    "\"江苏省 苏州\"",
    "苏州工业园区",
    "园区 -苏州",
    "江苏 OR 浙江 新能源",
    "-招聘 项目",
    "ＡＩ",
    "ai 芯片",
    "\"5GW\"",
    "gw",
    "5gw",
    "news",
    "sip",
    "suzhou",
    "jiangsu 储能",
    "哈哈",
    "哈哈哈哈",
    "新能",
    "源",
    "局",
    "\"能源 局\"",
    "能源局",
    "1号线",
    "no 1",
    "“新能源 汽车”",
    "链接 OR href",
    "industrial park",
    "\"park suzhou\"",
    "无锡 -光伏",
    "港 OR 氢 -哈哈",
    "苏州 园区政务",
];

#[test]
fn matcher_verdicts_equal_the_index_hits() {
    let mut items: Vec<Item> = DOCS
        .iter()
        .map(|(n, t, s)| item(*n, t, s, (n % 4 == 0).then_some("<p>苏州园区政务服务</p>")))
        .collect();
    items.extend(EXTRA_DOCS.iter().map(|(n, t, s, c)| item(*n, t, s, *c)));
    let places: Vec<Placing> = items.iter().map(|i| placing(i.seq as u32)).collect();
    let mut queries: Vec<&str> = QUERIES.iter().map(|(q, _)| *q).collect();
    queries.extend(EXTRA_QUERIES);
    let filters: [(Vec<String>, Vec<String>); 4] = [
        (vec![], vec![]),
        (vec!["suzhou".into()], vec![]),
        (vec![], vec!["sip".into()]),
        (vec!["wuxi".into()], vec!["sip".into()]),
    ];
    let mut compared = 0usize;
    let mut matched = 0usize;
    for analyzer in [Analyzer::Bigram, Analyzer::Jieba] {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = SearchIndex::open(&dir.path().join("search"), analyzer).expect("index");
        let docs: Vec<(&Item, Placing)> = items.iter().zip(places.iter().cloned()).collect();
        index.upsert(&docs).expect("indexed");
        let terms: Vec<ItemTerms> = items
            .iter()
            .zip(&places)
            .map(|(i, p)| ItemTerms::new(analyzer, i, p))
            .collect();
        for q in &queries {
            let parsed = parse(q).expect("query parses");
            for (regions, zones) in &filters {
                let filter = Filter {
                    any_regions: regions.clone(),
                    any_zones: zones.clone(),
                    ..Default::default()
                };
                let from_index: BTreeSet<String> = index
                    .search(Some(&parsed), &filter, 10_000)
                    .expect("search")
                    .into_iter()
                    .map(|h| h.id)
                    .collect();
                let matcher = Matcher::new(analyzer, &parsed).within(regions, zones);
                let from_matcher: BTreeSet<String> = items
                    .iter()
                    .zip(&terms)
                    .filter(|(_, t)| matcher.matches(t))
                    .map(|(i, _)| i.id.clone())
                    .collect();
                assert_eq!(
                    from_matcher,
                    from_index,
                    "{} query {q:?} regions {regions:?} zones {zones:?}: matcher vs index",
                    analyzer.name()
                );
                compared += items.len();
                matched += from_index.len();
            }
        }
    }
    println!(
        "compared {} queries x {} filters x {} items x 2 analysers = {compared} verdicts, {matched} matches, all identical",
        queries.len(),
        filters.len(),
        items.len()
    );
    // The comparison must have had something to agree on, both ways.
    assert!(
        matched > 500 && matched < compared / 2,
        "{matched} of {compared}"
    );
}

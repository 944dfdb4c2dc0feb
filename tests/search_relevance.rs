//! The labelled query set behind the choice of analyser (issue 18): 54 realistic zone
//! news items and 55 queries, each labelled with the items a reader expects, run through
//! a real tantivy index on disk for each analyser. Prints micro-averaged recall and
//! precision per analyser and per query (`cargo test --test search_relevance -- --nocapture`)
//! and holds the chosen one to its measured numbers; BENCHMARKS.md records them.
//!
//! Labels are by meaning, written before either analyser was run: a query finds an item
//! when a reader of the item would say it is about that word (so `研究生` does not find
//! 研究生物医药, `市长` does not find 城市长远, `新能源` does not find 能源局).

use chrono::{TimeZone, Utc};
use zonefeed::model::{IdKind, Item};
use zonefeed::search::{Analyzer, CHOSEN, Filter, Placing, SearchIndex, parse};

#[path = "common/relevance_set.rs"]
mod relevance_set;
use relevance_set::{DOCS, QUERIES};

fn item(n: u32, title: &str, summary: &str) -> Item {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(n as i64);
    Item {
        id: format!("n{n}"),
        id_kind: IdKind::Guid,
        source: "news".into(),
        title: title.into(),
        link: Some(format!("https://example.org/{n}")),
        published: t,
        date_estimated: false,
        updated: None,
        summary: Some(summary.into()),
        content: None,
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

struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    misses: Vec<String>,
}

fn measure(analyzer: Analyzer) -> Score {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open(&dir.path().join("search"), analyzer).unwrap();
    let items: Vec<Item> = DOCS.iter().map(|(n, t, s)| item(*n, t, s)).collect();
    let docs: Vec<(&Item, Placing)> = items.iter().map(|i| (i, Placing::default())).collect();
    index.upsert(&docs).unwrap();
    let mut s = Score {
        tp: 0,
        fp: 0,
        fn_: 0,
        misses: vec![],
    };
    for (q, want) in QUERIES {
        let parsed = parse(q).unwrap();
        let got: Vec<u32> = index
            .search(Some(&parsed), &Filter::default(), 1000)
            .unwrap()
            .iter()
            .map(|h| h.id[1..].parse().unwrap())
            .collect();
        let tp = got.iter().filter(|g| want.contains(g)).count();
        let fp = got.len() - tp;
        let fn_ = want.iter().filter(|w| !got.contains(w)).count();
        s.tp += tp;
        s.fp += fp;
        s.fn_ += fn_;
        if fp + fn_ > 0 {
            let mut extra: Vec<u32> = got.iter().copied().filter(|g| !want.contains(g)).collect();
            extra.sort();
            let mut missed: Vec<u32> = want.iter().copied().filter(|w| !got.contains(w)).collect();
            missed.sort();
            s.misses
                .push(format!("  {q}: wrongly found {extra:?}, missed {missed:?}"));
        }
    }
    s
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn analysers_measured_on_the_labelled_set() {
    assert!(QUERIES.len() >= 40);
    let mut results = Vec::new();
    for a in [Analyzer::Bigram, Analyzer::Jieba] {
        let s = measure(a);
        let recall = ratio(s.tp, s.tp + s.fn_);
        let precision = ratio(s.tp, s.tp + s.fp);
        println!(
            "{}: recall {:.3} ({}/{}), precision {:.3} ({}/{}), queries wrong: {}",
            a.name(),
            recall,
            s.tp,
            s.tp + s.fn_,
            precision,
            s.tp,
            s.tp + s.fp,
            s.misses.len()
        );
        for m in &s.misses {
            println!("{m}");
        }
        results.push((a, recall, precision));
    }
    // The chosen analyser must be the one with the better F1 on this set.
    let f1 = |r: f64, p: f64| 2.0 * r * p / (r + p);
    let best = results
        .iter()
        .max_by(|x, y| f1(x.1, x.2).total_cmp(&f1(y.1, y.2)))
        .unwrap();
    assert_eq!(
        best.0, CHOSEN,
        "the measured best analyser is not the one chosen"
    );
}

/// The issue's own examples, with the chosen analyser.
#[test]
fn words_inside_words_are_found_as_a_reader_expects() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open(&dir.path().join("search"), CHOSEN).unwrap();
    let items = [
        item(1, "新能源汽车下线", ""),
        item(2, "光伏新能源基地", ""),
        item(3, "能源局发布通知", ""),
        item(4, "系统集成项目", ""),
        item(5, "集成电路基地", ""),
        item(6, "ＡＩ芯片", ""),
    ];
    let docs: Vec<(&Item, Placing)> = items.iter().map(|i| (i, Placing::default())).collect();
    index.upsert(&docs).unwrap();
    let ids = |q: &str| {
        let mut v: Vec<String> = index
            .search(Some(&parse(q).unwrap()), &Filter::default(), 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids("新能源"), ["n1", "n2"]);
    assert_eq!(ids("集成电路"), ["n5"]);
    assert_eq!(ids("ai"), ["n6"]);
    assert_eq!(ids("Ａi芯片"), ["n6"]);
    // One character is found inside words too.
    assert_eq!(ids("源"), ["n1", "n2", "n3"]);
}

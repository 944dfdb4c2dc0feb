//! Story detection on the hand-made labelled set (tests/stories/labelled.json, written by
//! tests/stories/build_labelled.py; see tests/stories/README.md): every item is stored in a
//! real sled store in date order, as polls would store it, and the stories the index forms
//! are compared with the labels over all pairs of items. Any false merge fails; so does a
//! recall under 95%. A rebuild of the index from the stored items must form the same
//! stories.

mod common;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use common::Install;
use serde_json::Value;
use zonefeed::model::{IdKind, Item};
use zonefeed::store::Store;
use zonefeed::stories::{Features, Verdict, compare};

fn labelled() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stories/labelled.json");
    serde_json::from_slice(&std::fs::read(&path).expect("labelled.json")).expect("json")
}

/// The regions and zones the set's items are placed in, and its sources with their names.
fn config_text(set: &Value) -> String {
    let mut c = String::from(
        r#"[[regions]]
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
id = "kunshan"
name = "昆山市"
parent = "suzhou"
[[regions]]
id = "wuxi"
name = "无锡市"
parent = "jiangsu"
[[regions]]
id = "zhejiang"
name = "浙江省"
[[regions]]
id = "ningbo"
name = "宁波市"
parent = "zhejiang"
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
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
[[zones]]
id = "kunshan-etdz"
name = "昆山经济技术开发区"
region = "kunshan"
aliases = ["昆山开发区"]
[[zones]]
id = "wuxi-hitech"
name = "无锡高新技术产业开发区"
region = "wuxi"
aliases = ["无锡高新区"]
[[zones]]
id = "ningbo-etdz"
name = "宁波经济技术开发区"
region = "ningbo"
aliases = ["宁波开发区"]
"#,
    );
    if let Some(sources) = set["sources"].as_object() {
        for (id, s) in sources {
            c.push_str(&format!(
                "[[sources]]\nid = \"{id}\"\nname = \"{}\"\nurl = \"file:{id}.xml\"\nregion = \"{}\"\n",
                s["name"].as_str().unwrap_or(id),
                s["region"].as_str().unwrap_or("jiangsu"),
            ));
            if let Some(z) = s["zone"].as_str() {
                c.push_str(&format!("zone = \"{z}\"\n"));
            }
        }
    }
    c
}

fn item_of(v: &Value) -> Item {
    let s = |k: &str| v[k].as_str().map(str::to_string);
    let published = DateTime::parse_from_rfc3339(v["published"].as_str().unwrap_or_default())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default();
    Item {
        id: s("id").unwrap_or_default(),
        id_kind: IdKind::Guid,
        source: s("source").unwrap_or_default(),
        title: s("title").unwrap_or_default(),
        link: s("link"),
        published,
        date_estimated: false,
        updated: None,
        summary: s("summary"),
        content: s("content"),
        author: None,
        categories: vec![],
        region: s("region").unwrap_or_default(),
        zone: s("zone"),
        first_seen: published,
        seq: 0,
        article_pending: false,
    }
}

struct Scores {
    items: usize,
    groups: usize,
    near_misses: usize,
    true_pairs: usize,
    merged_right: usize,
    false_merges: Vec<(String, String)>,
    missed: Vec<(String, String)>,
}

fn score(set: &Value, items: &[(Item, String)], story: &HashMap<String, String>) -> Scores {
    let mut s = Scores {
        items: items.len(),
        groups: 0,
        near_misses: set["near_misses"].as_array().map_or(0, Vec::len),
        true_pairs: 0,
        merged_right: 0,
        false_merges: vec![],
        missed: vec![],
    };
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for (_, g) in items {
        *sizes.entry(g).or_default() += 1;
    }
    s.groups = sizes.values().filter(|n| **n > 1).count();
    for (i, (a, ga)) in items.iter().enumerate() {
        for (b, gb) in &items[i + 1..] {
            let same_story = story.get(&a.id) == story.get(&b.id);
            match (ga == gb, same_story) {
                (true, true) => {
                    s.true_pairs += 1;
                    s.merged_right += 1;
                }
                (true, false) => {
                    s.true_pairs += 1;
                    s.missed.push((a.id.clone(), b.id.clone()));
                }
                (false, true) => s.false_merges.push((a.id.clone(), b.id.clone())),
                (false, false) => {}
            }
        }
    }
    s
}

#[test]
fn labelled_set_no_false_merge_and_recall_at_least_95_percent() {
    let set = labelled();
    let install = Install::new(&config_text(&set));
    let config = install.config();
    let rules = config.story_rules().expect("stories on by default");
    let store = Store::open(&config.service.data_dir).expect("store");
    let mut items: Vec<(Item, String)> = set["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| {
            (
                item_of(v),
                v["group"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    items.sort_by_key(|(i, _)| i.published);
    let started = std::time::Instant::now();
    for (item, _) in &items {
        // One poll's document per item, stored when it was published.
        store
            .upsert_with(std::slice::from_ref(item), item.published, Some(&rules))
            .expect("store");
    }
    let per_item = started.elapsed() / items.len() as u32;
    let stories_of = |store: &Store| -> HashMap<String, String> {
        items
            .iter()
            .map(|(i, _)| {
                let (sid, _) = store.story_of_item(&i.source, &i.id).expect("story");
                (i.id.clone(), format!("{sid:?}"))
            })
            .collect()
    };
    let story = stories_of(&store);
    let s = score(&set, &items, &story);
    let by_id: HashMap<&str, &Item> = items.iter().map(|(i, _)| (i.id.as_str(), i)).collect();
    let explain = |a: &str, b: &str| -> String {
        let (Some(x), Some(y)) = (by_id.get(a), by_id.get(b)) else {
            return String::new();
        };
        let v: Verdict = compare(
            &Features::of(x, &rules.lexicon),
            &Features::of(y, &rules.lexicon),
            rules.window,
        );
        format!("{a} 「{}」 / {b} 「{}」: {v:?}", x.title, y.title)
    };
    let precision = if s.merged_right + s.false_merges.len() == 0 {
        1.0
    } else {
        s.merged_right as f64 / (s.merged_right + s.false_merges.len()) as f64
    };
    let recall = s.merged_right as f64 / s.true_pairs.max(1) as f64;
    println!(
        "labelled set: {} items, {} repost groups, {} near-miss pairs; pairs that should merge: {}, merged: {}, false merges: {}; precision {:.3}, recall {:.3}; {:?} per item stored (debug build)",
        s.items,
        s.groups,
        s.near_misses,
        s.true_pairs,
        s.merged_right,
        s.false_merges.len(),
        precision,
        recall,
        per_item
    );
    for (a, b) in &s.missed {
        println!("missed: {}", explain(a, b));
    }
    assert!(s.items >= 120 && s.groups >= 30 && s.near_misses >= 25);
    assert!(
        s.false_merges.is_empty(),
        "false merges:\n{}",
        s.false_merges
            .iter()
            .map(|(a, b)| explain(a, b))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for pair in set["near_misses"].as_array().expect("pairs") {
        let (a, b) = (
            pair[0].as_str().unwrap_or(""),
            pair[1].as_str().unwrap_or(""),
        );
        assert_ne!(
            story.get(a),
            story.get(b),
            "near miss merged: {}",
            explain(a, b)
        );
    }
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");

    // The same stories again from a rebuild over the stored items.
    let report = store.rebuild_stories(&rules).expect("rebuild");
    assert_eq!(report.items, items.len());
    assert_eq!(
        stories_of(&store),
        story,
        "a rebuild forms the same stories"
    );
}
